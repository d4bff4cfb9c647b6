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
