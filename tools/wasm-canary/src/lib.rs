//! Canary crate: if the project's wasm configuration cannot be built, bound by
//! wasm-bindgen and optimised by wasm-opt on a toolchain path, this fails first.
use wasm_bindgen::prelude::*;

/// Greets `name`, passing strings and a `JsValue` across the boundary.
#[wasm_bindgen]
pub fn greet(name: JsValue) -> JsValue {
    let name = name.as_string().unwrap_or_default();
    JsValue::from(format!("hello, {name}"))
}

/// Returns a JS array holding `n` numbers: exercises externref tables through js-sys.
#[wasm_bindgen]
pub fn numbers(n: u32) -> js_sys::Array {
    (0..n).map(JsValue::from).collect()
}

/// `a * 1_000_000_007 / b` in 128-bit arithmetic, as text. 128-bit division and
/// memcpy come from `compiler_builtins`, which is never LTO'd with our crates: its
/// prebuilt objects carry rustup's target features into the linked module, which is
/// how a feature turned off for our crates alone reaches wasm-bindgen half-applied.
#[wasm_bindgen]
pub fn scaled_quotient(a: u64, b: u64) -> String {
    let mut digits = vec![0u8; (a % 7) as usize + 64];
    let src: Vec<u8> = (0..digits.len() as u8).collect();
    digits.copy_from_slice(&src);
    let q = (a as u128 * 1_000_000_007u128) / (b as u128 | 1);
    format!("{q}:{}", digits.iter().map(|&d| d as u32).sum::<u32>())
}
