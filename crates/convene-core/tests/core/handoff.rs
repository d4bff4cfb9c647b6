//! The worker-to-page hand-off (`load::handoff`, issue 13): a dataset crosses
//! unchanged, and bytes that are not a hand-off give a located error, never a
//! panic. The property test of every loadable random document's round trip is
//! in [`super::load_differential`].

use convene_core::import::to_convene_json as dataset_json;
use convene_core::load::handoff::{decode, encode};
use convene_core::load::load;
use convene_core::synth::{generate, SynthParams};
use proptest::prelude::*;

use super::fixtures::seed;

#[test]
fn the_seed_and_a_synthetic_dataset_cross_unchanged() {
    for d in [
        seed(),
        generate(&SynthParams {
            participations: 5_000,
            seed: 3,
        }),
    ] {
        let back = decode(&encode(&d)).expect("a hand-off decodes");
        assert_eq!(back, d);
        // What the user downloads from the page is what the worker read.
        assert_eq!(dataset_json(&back), dataset_json(&d));
    }
}

#[test]
fn unknown_fields_cross_exactly_including_integers_past_53_bits() {
    let doc = r#"{"format":"convene/1","title":"T","big":123456789012345678901234567890,
        "nested":{"a":[1,2.50,{"z":null}],"s":"é\n"},
        "sources":[{"id":"s","title":"S","x":9007199254740993}],
        "actors":[{"id":"a","name":"A","kind":"country","iso3":"MAR","aliases":["Maroc"],"y":[true]}],
        "events":[{"id":"e","name":"E","status":"held","start":"2017-03","themes":["t"],"sources":["s"],"z":-0.0}],
        "participations":[{"event":"e","actor":"a","role":"host","source":"s","w":{}}]}"#;
    let d = load(doc).expect("the document is valid");
    let back = decode(&encode(&d)).expect("a hand-off decodes");
    assert_eq!(back, d);
    assert_eq!(dataset_json(&back), dataset_json(&d));
    assert!(dataset_json(&back).contains("123456789012345678901234567890"));
    assert!(dataset_json(&back).contains("9007199254740993"));
}

#[test]
fn a_cut_or_lengthened_hand_off_is_an_error_at_the_cut() {
    let bytes = encode(&seed());
    for cut in 0..bytes.len() {
        let e = decode(&bytes[..cut]).expect_err("a cut hand-off must not decode");
        assert!(e.at <= cut, "error at {} past the cut {cut}", e.at);
    }
    let mut longer = bytes.clone();
    longer.push(0);
    let e = decode(&longer).unwrap_err();
    assert_eq!((e.at, e.expected), (bytes.len(), "the end of the bytes"));
    let e = decode(br#"{"format":"convene/1"}"#).unwrap_err();
    assert_eq!(e.at, 0);
    assert!(e.to_string().contains("byte 0"), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Damaged bytes (a byte changed anywhere) decode to an error or to some
    /// dataset, and never panic or reserve memory for an absurd count.
    #[test]
    fn damaged_hand_off_bytes_never_panic(at in any::<prop::sample::Index>(), value in any::<u8>()) {
        let d = generate(&SynthParams { participations: 40, seed: 1 });
        let mut bytes = encode(&d);
        let i = at.index(bytes.len());
        bytes[i] = value;
        let _ = decode(&bytes);
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let mut with_magic = b"CVH1".to_vec();
        with_magic.extend_from_slice(&bytes);
        prop_assert!(decode(&with_magic).is_err() || bytes.len() >= 40, "the shortest hand-off is 44 bytes");
        let _ = decode(&bytes);
    }
}
