//! Entry point of the Convene web app: mounts the Leptos app on the page body.
//! In the Web Worker that opens data (public/open-worker.js), `start` does
//! nothing and the worker calls the two exports below.

use wasm_bindgen::prelude::*;

fn main() {
    convene::start();
}

/// See [`convene::open_worker::convene_open`] (exported from the binary so the
/// linker keeps it).
#[wasm_bindgen]
pub fn convene_open(
    names: js_sys::Array,
    bytes: js_sys::Array,
    progress: &js_sys::Function,
) -> Result<JsValue, JsValue> {
    convene::open_worker::convene_open(names, bytes, progress)
}

/// See [`convene::open_worker::convene_import`].
#[wasm_bindgen]
pub fn convene_import(mappings: js_sys::Array, skip: bool) -> Result<JsValue, JsValue> {
    convene::open_worker::convene_import(mappings, skip)
}
