//! The view codec on arbitrary query strings: reading never panics; what it read
//! writes back and reads the same, without notices; and every parameter decodes
//! as the WHATWG `application/x-www-form-urlencoded` parser (`form_urlencoded`).
#![no_main]

use convene_core::view::{decode_form, query_pairs, ViewState};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|query: &str| {
    let (view, _notices) = ViewState::from_query(query);
    let written = view.to_query();
    let (again, notices) = ViewState::from_query(&written);
    assert_eq!(again, view, "{written}");
    assert!(notices.is_empty(), "{written}: {notices:?}");

    let body = query.strip_prefix('?').unwrap_or(query);
    let body = body.split('#').next().unwrap_or("");
    let ours: Vec<(String, String)> = query_pairs(query)
        .map(|(n, v)| (decode_form(n), decode_form(v)))
        .collect();
    let theirs: Vec<(String, String)> = form_urlencoded::parse(body.as_bytes())
        .map(|(n, v)| (n.into_owned(), v.into_owned()))
        .collect();
    assert_eq!(ours, theirs);
});
