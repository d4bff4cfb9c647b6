//! The wasm module of the Web Worker that opens data (public/open-worker.js):
//! the importer, the loader and the hand-off, and nothing of the page. The page's
//! own module (src/main.rs) leaves them out, so a visit that opens no data
//! downloads and compiles about 35 KB (brotli) less (issue 18: size). Built by
//! Trunk from index.html's second `rel="rust"` link (`data-type="worker"`).

use wasm_bindgen::prelude::*;

/// Nothing to start: the worker script calls the two exports below.
fn main() {
    console_error_panic_hook::set_once();
}

/// See [`convene::open_worker::convene_open`] (exported from this binary so the
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
