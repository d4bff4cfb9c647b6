//! Browser tests of the Leptos components, run by wasm-bindgen-test in headless
//! Chromium (`cargo test --target wasm32-unknown-unknown -p convene --tests`).
//! They mount the explorer over synthetic data, so they need no server.

// Tests may sort directly: clippy.toml disallows the slice sorts only for the
// shipped wasm's sake (convene_core::sort).
#![allow(clippy::disallowed_methods)]
#![cfg(target_arch = "wasm32")]

use std::sync::Arc;

use convene_core::engine::Engine;
use convene_core::synth::{generate, SynthParams};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a browser document")
}

/// Mounts the explorer over a synthetic dataset with the page's query set to `query`.
fn mount(participations: usize, query: &str) -> web_sys::HtmlElement {
    let history = web_sys::window()
        .expect("window")
        .history()
        .expect("history");
    let path = web_sys::window()
        .expect("window")
        .location()
        .pathname()
        .expect("path");
    history
        .replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}?{query}")),
        )
        .expect("replaceState");
    let dataset = generate(&SynthParams {
        participations,
        seed: 7,
    });
    let engine = Arc::new(Engine::new(dataset));
    let host: web_sys::HtmlElement = document()
        .create_element("div")
        .expect("div")
        .unchecked_into();
    document()
        .body()
        .expect("body")
        .append_child(&host)
        .expect("append");
    let handle = leptos::mount::mount_to(host.clone(), move || {
        leptos::view! { <convene::Explorer engine=engine.clone()/> }
    });
    // Keep the app mounted for the rest of the test; the test removes the host.
    std::mem::forget(handle);
    host
}

async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .expect("window")
            .request_animation_frame(&resolve)
            .expect("rAF");
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("frame");
}

#[wasm_bindgen_test]
async fn the_event_list_shows_a_first_page_of_cards_and_the_total() {
    let host = mount(2_000, "");
    next_frame().await;
    let count = host
        .query_selector(".result-count")
        .unwrap()
        .expect("a result count");
    let text = count.text_content().unwrap_or_default();
    assert!(text.ends_with(" events"), "{text}");
    let cards = host
        .query_selector_all(".event-list > li")
        .unwrap()
        .length();
    assert_eq!(cards, 20, "the list shows one page of cards (events::PAGE)");
    assert!(host
        .query_selector("main input[type=search]")
        .unwrap()
        .is_some());
    host.remove();
}

#[wasm_bindgen_test]
async fn a_large_matrix_keeps_the_live_dom_under_budget() {
    // About 1,000 actors x 10,000 events: only the visible window is rendered.
    let host = mount(200_000, "view=matrix");
    next_frame().await;
    let grid = host.query_selector("[role=grid]").unwrap().expect("a grid");
    let rows: usize = grid
        .get_attribute("aria-rowcount")
        .unwrap()
        .parse()
        .unwrap();
    let cols: usize = grid
        .get_attribute("aria-colcount")
        .unwrap()
        .parse()
        .unwrap();
    assert!(rows > 500 && cols > 5_000, "{rows} x {cols}");
    let nodes = grid.query_selector_all("*").unwrap().length();
    assert!(
        nodes > 100 && nodes <= 1_400,
        "{nodes} elements in the grid"
    );
    host.remove();
}

/// The button whose text is `name`, under `root`.
fn button(root: &web_sys::Element, name: &str) -> web_sys::HtmlElement {
    let all = root.query_selector_all("button").unwrap();
    (0..all.length())
        .filter_map(|i| all.item(i))
        .map(|n| n.unchecked_into::<web_sys::HtmlElement>())
        .find(|b| b.text_content().unwrap_or_default().trim() == name)
        .unwrap_or_else(|| panic!("a button {name:?}"))
}

/// Issue 13: "Open data" opens a dialog named "Open data"; pasted CSV shows its
/// mapping preview; importing lists located problems under "Problems", and
/// skipping them enables "Download as convene/1".
#[wasm_bindgen_test]
async fn open_data_dialog_reads_pasted_csv_and_lists_problems() {
    // No boot.js here, so no worker: the dialog opens the data on the page's
    // own thread, which the shipped page leaves out (its wasm has no importer).
    convene::open_worker::open_in_page();
    let host = mount(500, "");
    next_frame().await;
    button(&host, "Open data").click();
    next_frame().await;
    let dialog = host
        .query_selector("dialog[aria-labelledby=open-data-title]")
        .unwrap()
        .expect("the dialog");
    assert!(dialog.has_attribute("open"), "shown");
    let title = host.query_selector("#open-data-title").unwrap().unwrap();
    assert_eq!(title.text_content().unwrap(), "Open data");
    let textarea = dialog
        .query_selector("textarea")
        .unwrap()
        .expect("Paste data");
    js_sys::Reflect::set(
        &textarea,
        &"value".into(),
        &"événement;participant;rôle\nForum fictif;Agence fictive;host\nForum fictif;;sponsor\n"
            .into(),
    )
    .unwrap();
    textarea
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    button(&dialog, "Read pasted data").click();
    next_frame().await;
    let table = dialog
        .query_selector("table.import-preview")
        .unwrap()
        .expect("a preview");
    assert_eq!(table.query_selector_all("tbody tr").unwrap().length(), 2);
    assert!(dialog
        .query_selector("select[aria-label='Column rôle is read as']")
        .unwrap()
        .is_some());
    button(&dialog, "Import").click();
    next_frame().await;
    let problems = dialog
        .query_selector("ul[aria-label=Problems]")
        .unwrap()
        .expect("a Problems list");
    let text = problems.text_content().unwrap();
    assert!(text.contains("row 3: no actor"), "{text}");
    assert!(
        text.contains("row 3, column \"rôle\": unknown role \"sponsor\""),
        "{text}"
    );
    let download = button(&dialog, "Download as convene/1");
    assert!(
        download.has_attribute("disabled"),
        "nothing to download yet"
    );
    let skip: web_sys::HtmlElement = dialog
        .query_selector("input[type=checkbox]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    skip.click();
    next_frame().await;
    button(&dialog, "Import").click();
    next_frame().await;
    assert!(!button(&dialog, "Download as convene/1").has_attribute("disabled"));
    let status = dialog.query_selector("[role=status]").unwrap().unwrap();
    assert!(status.text_content().unwrap().contains("skipped: 1;"));
    host.remove();
}

/// `convene::capitalised` takes the browser's `toUpperCase` instead of shipping
/// Rust's case table: it must agree with `char::to_uppercase`, including the
/// letters that grow (`ß` -> `SS`, the `fi` ligature) and scripts without case.
#[wasm_bindgen_test]
fn capitalised_agrees_with_rusts_unicode_case_mapping() {
    let words = [
        "host",
        "état",
        "ärzte",
        "ßtraße",
        "\u{1c6}ungla",
        "\u{fb01}nance",
        "ỳ",
        "ι",
        "مضيف",
        "1st",
        "",
        "Already",
    ];
    for word in words {
        let mut chars = word.chars();
        let rust: String = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        assert_eq!(convene::capitalised(word), rust, "{word:?}");
    }
    assert_eq!(convene::capitalised("état"), "État");
}

/// `convene::lowered` takes the browser's `toLowerCase` instead of shipping
/// `str::to_lowercase`: it must agree with it, the final sigma included.
#[wasm_bindgen_test]
fn lowered_agrees_with_rusts_unicode_case_mapping() {
    for text in [
        "Country",
        "Actor kind",
        "Type d'acteur",
        "ÉTAT",
        "İSTANBUL",
        "ΟΔΟΣ ΣΟΦΙΑΣ",
        "نوع الفاعل",
        "",
    ] {
        assert_eq!(convene::lowered(text), text.to_lowercase(), "{text:?}");
    }
}
