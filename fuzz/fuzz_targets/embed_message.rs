//! The embed protocol's validators on arbitrary input: an incoming message
//! (`parse_incoming`, then `set_view` for an accepted one) and an `origin` value
//! (`Origin::parse`, `Messaging`). Never a panic; an accepted `set-view` keeps the
//! frame's embed settings; an origin's serialisation parses to itself and is the
//! one the WHATWG URL parser (`url` crate) gives; messaging never targets `*` for
//! a value given.
#![no_main]

use convene_core::share::{check_sender, parse_incoming, set_view, Incoming, Messaging, Origin};
use convene_core::view::ViewState;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let (current, _) = ViewState::from_query("embed=1&show=search&origin=https%3A%2F%2Fa.org");
    match parse_incoming(Some(text)) {
        Ok(Incoming::SetView { query }) => {
            let (view, _) = set_view(&current, &query);
            assert!(view.embed);
            assert_eq!(view.embed_parts, current.embed_parts);
            assert_eq!(view.origin, current.origin);
        }
        Err(why) => {
            let _ = why.to_string();
        }
    }
    match Origin::parse(text) {
        Ok(origin) => {
            assert_eq!(Origin::parse(origin.as_str()).as_ref(), Ok(&origin));
            assert!(origin.as_str().starts_with("http"));
            let messaging = Messaging::for_origin(Some(text));
            assert_eq!(messaging.target(), Some(origin.as_str()));
            assert!(check_sender(true, origin.as_str(), &messaging).is_ok());
            // What we accept, the URL Standard reads as the same origin. (Hosts
            // with `xn--` labels are left out: we do not check their Punycode,
            // and a bad one names an origin no page has, so nothing matches it.)
            if !text.to_ascii_lowercase().contains("xn--") {
                let parsed = url::Url::parse(text)
                    .unwrap_or_else(|e| panic!("{text:?}: accepted, but the URL parser says {e}"));
                assert_eq!(
                    parsed.origin().ascii_serialization(),
                    origin.as_str(),
                    "{text:?}"
                );
            }
        }
        Err(_) => {
            let messaging = Messaging::for_origin(Some(text));
            assert_eq!(messaging.target(), None);
            assert!(messaging.notice().is_some());
            assert!(check_sender(true, text, &messaging).is_err());
        }
    }
});
