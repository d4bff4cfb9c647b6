//! Floats written as decimal text at a fixed number of places, for SVG
//! coordinates, CSS lengths and the GEXF export (`x="12.345"`).
//!
//! Hand-written rather than `format!("{:.1}", x)`: Rust's float formatting
//! (`core::fmt::float`, flt2dec's Grisu and Dragon) was about 12 KB of the
//! app's wasm before wasm-opt, kept for these coordinates alone. Here the
//! value is scaled, rounded to an integer and written with integer
//! formatting. It agrees with `format!` except where the scaled value lies
//! within rounding error of a tie (…5 in the first dropped place): `format!`
//! rounds the exact binary value half to even, this rounds the scaled product
//! half away from zero, so the two may differ by one unit in the last place
//! (tested against `format!` in tests/core/decimal.rs). Values too large for
//! a float to hold every integer (|x| · 10^places ≥ 2^53) are written without
//! decimals.

use std::fmt;

/// `Fixed(x, places)` displays `x` with `places` digits after the point
/// (`places` at most 9): `Fixed(2.345, 1)` is `2.3`, `Fixed(-0.5, 0)` is `-1`.
/// A negative value that rounds to zero keeps its sign (`-0.0`), as `format!`
/// does; not-a-number is `NaN`, infinities `inf` and `-inf`.
///
/// ```
/// use convene_core::decimal::Fixed;
/// assert_eq!(Fixed(12.3456, 3).to_string(), "12.346");
/// assert_eq!(Fixed(-7.0, 2).to_string(), "-7.00");
/// assert_eq!(Fixed(0.04, 1).to_string(), "0.0");
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fixed(pub f64, pub u8);

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Fixed(x, places) = *self;
        if x.is_nan() {
            return f.write_str("NaN");
        }
        if x.is_sign_negative() {
            f.write_str("-")?;
        }
        if x.is_infinite() {
            return f.write_str("inf");
        }
        let places = u32::from(places.min(9));
        let scale = 10u64.pow(places);
        let scaled = (x.abs() * scale as f64).round();
        if scaled >= 9_007_199_254_740_992.0 {
            // Beyond 2^53: `as u64` saturates at 2^64; such a value is not a
            // coordinate anyway.
            return write!(f, "{}", x.abs().round() as u64);
        }
        let n = scaled as u64;
        write!(f, "{}", n / scale)?;
        if places > 0 {
            write!(f, ".{:0width$}", n % scale, width = places as usize)?;
        }
        Ok(())
    }
}
