//! Browser tests of the Leptos components, run by wasm-bindgen-test in headless
//! Chromium (`cargo test --target wasm32-unknown-unknown -p convene --tests`).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().and_then(|w| w.document()).expect("a browser document")
}

#[wasm_bindgen_test]
fn the_app_mounts_a_main_landmark_with_the_product_name() {
    let host = document().create_element("div").expect("a div");
    document().body().expect("a body").append_child(&host).expect("appended");
    let host: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(host);
    let handle = leptos::mount::mount_to(host.clone(), convene::App);
    let main = host.query_selector("main").expect("a query").expect("a <main>");
    assert!(main.text_content().unwrap_or_default().contains("Convene"));
    drop(handle);
}
