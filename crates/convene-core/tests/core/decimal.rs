//! `decimal::Fixed`, hand-written to keep Rust's float formatting out of the
//! wasm, against that formatting (`format!("{:.N}")`): the same text, except
//! next to a tie, where the two may round apart by one unit in the last place.

use convene_core::decimal::Fixed;
use proptest::prelude::*;

/// Whether `ours` and `std` (both with `places` decimals) are the same text,
/// or one unit apart in the last place next to a tie.
fn agrees(x: f64, places: u8, ours: &str, std: &str) -> bool {
    if ours == std {
        return true;
    }
    let scale = 10f64.powi(i32::from(places));
    let (a, b): (f64, f64) = (ours.parse().unwrap(), std.parse().unwrap());
    let near_tie = ((x.abs() * scale).fract() - 0.5).abs() < 1e-6;
    near_tie && ((a - b).abs() * scale - 1.0).abs() < 1e-6
}

#[test]
fn fixed_places_match_format_on_coordinates() {
    for (x, places, text) in [
        (0.0, 1, "0.0"),
        (-0.0, 1, "-0.0"),
        (-0.04, 1, "-0.0"),
        (12.3456, 3, "12.346"),
        (-7.0, 2, "-7.00"),
        (1234.5678, 0, "1235"),
        (0.001, 4, "0.0010"),
        (999.96, 1, "1000.0"),
        (f64::NAN, 2, "NaN"),
        (f64::INFINITY, 1, "inf"),
        (f64::NEG_INFINITY, 1, "-inf"),
    ] {
        assert_eq!(Fixed(x, places).to_string(), text, "{x}");
        let std = format!("{x:.*}", usize::from(places));
        assert_eq!(text, std, "{x}: the case agrees with format!");
    }
    // Past 2^53 the value is written without decimals.
    assert_eq!(Fixed(1e17, 2).to_string(), "100000000000000000");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    #[test]
    fn fixed_agrees_with_format(x in -1.0e6f64..1.0e6, places in 0u8..=4) {
        let ours = Fixed(x, places).to_string();
        let std = format!("{x:.*}", usize::from(places));
        prop_assert!(agrees(x, places, &ours, &std), "{x} at {places}: ours {ours}, format! {std}");
    }

    #[test]
    fn fixed_agrees_on_values_at_ties(n in -1_000_000i64..1_000_000, places in 0u8..=3) {
        // n + 0.5 units of the last place: the cases where rounding rules differ.
        let x = (n as f64 + 0.5) / 10f64.powi(i32::from(places));
        let ours = Fixed(x, places).to_string();
        let std = format!("{x:.*}", usize::from(places));
        prop_assert!(agrees(x, places, &ours, &std), "{x} at {places}: ours {ours}, format! {std}");
    }
}
