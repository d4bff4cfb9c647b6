//! The URL view-state codec: round trips, defaults omitted, and a notice naming the
//! parameter for every malformed value (never a panic).

use std::collections::BTreeSet;

use convene_core::enum_set::EnumSet;
use convene_core::i18n::Lang;
use convene_core::matrix::RowGrouping;
use convene_core::model::{EventStatus, Role};
use convene_core::view::{
    decode_form, encode_component, query_pairs, query_param, raw_pairs_named, Notice, Open,
    ViewKind, ViewState, MAX_TOP,
};
use proptest::prelude::*;

use crate::strategies::view_state;

/// Query-string-like text dense in what decoders disagree on: `%` with and without
/// hex digits, bytes that are not UTF-8, `+`, `&`, `=`, and any Unicode.
fn form_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            "%[0-9A-Fa-f]{2}",
            "%[0-9A-Fa-fgz%]{0,2}",
            "%[CcDdEeFf][0-9A-Fa-f]",
            "%[89ABab][0-9A-Fa-f]",
            "[+&=,#?a-z ]",
            any::<char>().prop_map(String::from),
        ],
        0..24,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn round_trips(v in view_state()) {
        let query = v.to_query();
        let (back, notices) = ViewState::from_query(&query);
        prop_assert!(notices.is_empty(), "{:?} -> {:?}", query, notices);
        prop_assert_eq!(&back, &v, "{}", query);
        // With a leading '?', too.
        prop_assert_eq!(ViewState::from_query(&format!("?{query}")).0, v);
        // Only URL-safe characters: the query string needs no further escaping.
        prop_assert!(query.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~%&=,:".contains(&b)), "{}", query);
    }

    #[test]
    fn never_panics_on_arbitrary_input(query in any::<String>()) {
        let (v, notices) = ViewState::from_query(&query);
        // Whatever was read writes back and reads the same again.
        let (again, more) = ViewState::from_query(&v.to_query());
        prop_assert_eq!(again, v);
        prop_assert!(more.is_empty());
        for n in notices {
            prop_assert!(!n.to_string().is_empty());
        }
    }

    /// The encoder's output decodes to the original, for every string.
    #[test]
    fn encode_then_decode_is_the_identity(text in any::<String>()) {
        prop_assert_eq!(decode_form(&encode_component(&text)), text);
    }

    /// Our reading of a query agrees with the `form_urlencoded` crate (the WHATWG
    /// application/x-www-form-urlencoded parser, as URLSearchParams) on any input.
    #[test]
    fn decoding_agrees_with_form_urlencoded(text in form_text()) {
        let ours: Vec<(String, String)> = query_pairs(&text)
            .map(|(n, v)| (decode_form(n), decode_form(v)))
            .collect();
        // query_pairs leaves out a leading '?' and a fragment, as location.search does.
        let body = text.strip_prefix('?').unwrap_or(&text);
        let body = body.split('#').next().unwrap_or("");
        let theirs: Vec<(String, String)> = form_urlencoded::parse(body.as_bytes())
            .map(|(n, v)| (n.into_owned(), v.into_owned()))
            .collect();
        prop_assert_eq!(ours, theirs);
        // One value on its own, too.
        let value = text.replace(['&', '='], "");
        let theirs = form_urlencoded::parse(format!("x={value}").as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default();
        prop_assert_eq!(decode_form(&value), theirs);
    }

    #[test]
    fn never_panics_on_url_like_input(query in "[a-z=&%,+0-9A-F:-]{0,40}") {
        let _ = ViewState::from_query(&query);
    }
}

#[test]
fn the_default_state_is_the_empty_query() {
    assert_eq!(ViewState::default().to_query(), "");
    assert_eq!(ViewState::from_query(""), (ViewState::default(), vec![]));
    assert_eq!(ViewState::from_query("?"), (ViewState::default(), vec![]));
}

#[test]
fn parameters_come_in_a_stable_order() {
    let (v, notices) = ViewState::from_query(
        "origin=https%3A%2F%2Fexample.org&show=filters,header&embed=1&lang=ar&open=actor:iom&group=kind&order=name&sort=date\
         &top=40&min=3&view=matrix&mode=all&role=speaker,host&actor=iom,mar&kind=person&status=held&theme=migration\
         &series=Rabat%20Process&country=SEN,MAR&undated=1&years=2013-2017&q=border+security",
    );
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(
        v.to_query(),
        "q=border%20security&years=2013-2017&undated=1&country=MAR,SEN&series=Rabat%20Process&theme=migration\
         &status=held&kind=person&actor=iom,mar&role=host,speaker&mode=all&view=matrix&sort=date\
         &order=name&group=kind&min=3&top=40&open=actor:iom&lang=ar&embed=1&show=header,filters&origin=https%3A%2F%2Fexample.org"
    );
}

#[test]
fn values_with_commas_and_spaces_survive() {
    let mut v = ViewState::default();
    v.themes.insert("border, management".into());
    v.themes.insert("a&b=c".into());
    v.q = "sécurité + 100%".into();
    let query = v.to_query();
    assert_eq!(
        query,
        "q=s%C3%A9curit%C3%A9%20%2B%20100%25&theme=a%26b%3Dc,border%2C%20management"
    );
    assert_eq!(ViewState::from_query(&query), (v, vec![]));
}

#[test]
fn years_forms() {
    let read = |q: &str| {
        let (v, n) = ViewState::from_query(q);
        assert!(n.is_empty(), "{q}: {n:?}");
        (v.year_from, v.year_to)
    };
    assert_eq!(read("years=2016"), (Some(2016), Some(2016)));
    assert_eq!(read("years=2013-2017"), (Some(2013), Some(2017)));
    assert_eq!(read("years=2013-"), (Some(2013), None));
    assert_eq!(read("years=-2017"), (None, Some(2017)));
    // A reversed range is read as the range it names, with a notice.
    let (v, n) = ViewState::from_query("years=2017-2013");
    assert_eq!((v.year_from, v.year_to), (Some(2013), Some(2017)));
    assert_eq!(n.len(), 1);
    assert_eq!(n[0].param, "years");
}

fn notice_for(query: &str) -> (ViewState, Notice) {
    let (v, notices) = ViewState::from_query(query);
    assert_eq!(notices.len(), 1, "{query}: {notices:?}");
    (
        v,
        notices.into_iter().next().unwrap_or_else(|| unreachable!()),
    )
}

#[test]
fn each_malformed_value_yields_a_notice_naming_the_parameter() {
    let cases = [
        ("years=abc", "years"),
        ("years=20167", "years"),
        ("years=2013-2017-2019", "years"),
        ("years=-", "years"),
        ("years=12a4-", "years"),
        ("status=held,done", "status"),
        ("kind=state", "kind"),
        ("role=host,boss", "role"),
        ("mode=some", "mode"),
        ("view=map", "view"),
        ("sort=random", "sort"),
        ("order=size", "order"),
        ("group=kinds", "group"),
        ("group=", "group"),
        ("min=0", "min"),
        ("min=-2", "min"),
        ("min=2.5", "min"),
        ("min=", "min"),
        ("top=0", "top"),
        ("top=many", "top"),
        ("top=1e3", "top"),
        ("open=event", "open"),
        ("open=event:", "open"),
        ("open=place:x", "open"),
        ("embed=yes", "embed"),
        ("lang=de", "lang"),
        ("lang=AR", "lang"),
        ("lang=", "lang"),
        ("undated=yes", "undated"),
        ("show=everything", "show"),
    ];
    for (query, param) in cases {
        let (v, notice) = notice_for(query);
        assert_eq!(notice.param, param, "{query}");
        let shown = notice.to_string();
        assert!(shown.starts_with(&format!("Ignored {param}=")), "{shown}");
        // The field keeps its default, except for the good values of a list.
        match param {
            "status" => assert_eq!(v.statuses, EnumSet::from([EventStatus::Held])),
            "role" => assert_eq!(v.roles, EnumSet::from([Role::Host])),
            _ => {
                let expected = ViewState {
                    embed: v.embed,
                    ..ViewState::default()
                };
                assert_eq!(v, expected, "{query}");
            }
        }
    }
    assert_eq!(
        notice_for("years=abc").1.to_string(),
        "Ignored years=abc: expected a year or a range like 2013-2017"
    );
}

#[test]
fn network_parameters() {
    let (v, n) = ViewState::from_query("view=network&min=2&top=300");
    assert!(n.is_empty(), "{n:?}");
    assert_eq!((v.view, v.min_weight, v.top), (ViewKind::Network, 2, 300));
    assert_eq!(v.to_query(), "view=network&min=2&top=300");
    // Defaults are not written.
    let (v, _) = ViewState::from_query("min=1&top=150");
    assert_eq!(v.to_query(), "");
    // Leading zeros are a number.
    assert_eq!(ViewState::from_query("top=007").0.top, 7);
    // Past the cap: read as the cap, with a notice that says so.
    for query in ["top=1001", "top=99999999999999999999"] {
        let (v, n) = ViewState::from_query(query);
        assert_eq!(v.top, MAX_TOP, "{query}");
        assert_eq!(n.len(), 1, "{query}");
        assert_eq!(n[0].param, "top");
        assert!(n[0].message.contains("showing 1000"), "{}", n[0]);
    }
    assert_eq!(
        ViewState::from_query("top=1000"),
        (
            ViewState {
                top: 1000,
                ..ViewState::default()
            },
            vec![]
        )
    );
    // A huge minimum is kept (no edge will pass it), not an error.
    assert_eq!(
        ViewState::from_query("min=99999999999").0.min_weight,
        u32::MAX
    );
    assert_eq!(
        notice_for("min=0").1.to_string(),
        "Ignored min=0: expected a whole number of shared events, 1 or more"
    );
    // Clearing the filters keeps the network's settings, like the matrix order.
    let (mut v, _) = ViewState::from_query("view=network&min=2&top=30&country=MAR");
    v.clear_filters();
    assert_eq!(v.to_query(), "view=network&min=2&top=30");
}

#[test]
fn unknown_parameters_are_ignored_silently() {
    let (v, notices) = ViewState::from_query("utm_source=x&fbclid=1&&=&view=matrix");
    assert!(notices.is_empty());
    assert_eq!(v.view, ViewKind::Matrix);
}

/// Issue 17: `+` was a space only in `q`; forms and URLSearchParams write a
/// space as `+` in every parameter.
#[test]
fn theme_plus_means_space() {
    let (v, notices) = ViewState::from_query("theme=border+management");
    assert!(notices.is_empty());
    assert_eq!(v.themes, BTreeSet::from(["border management".to_string()]));
    let (v, _) =
        ViewState::from_query("q=border+security&actor=a+b&series=Rabat+Process&o%70en=event:x+y");
    assert_eq!(v.q, "border security");
    assert!(v.actors.contains("a b"));
    assert!(v.series.contains("Rabat Process"));
    assert_eq!(v.open, Some(Open::Event("x y".into())));
    // A literal plus is %2B.
    let (v, _) = ViewState::from_query("theme=a%2Bb");
    assert!(v.themes.contains("a+b"));
}

/// Malformed percent-encoding is kept literally and bytes that are not UTF-8
/// become U+FFFD, as URLSearchParams reads them; no notice, nothing dropped.
#[test]
fn bad_percent_encoding_reads_as_url_search_params_does() {
    let cases = [
        ("q=100%", "100%"),
        ("q=%FF", "\u{FFFD}"),
        ("q=%zz", "%zz"),
        ("q=%", "%"),
        ("q=%C3", "\u{FFFD}"),
        ("q=%C3%A9%C3", "é\u{FFFD}"),
        ("q=%E2%82", "\u{FFFD}"),
        ("q=%F0%9F%98%80", "😀"),
        ("q=%2", "%2"),
        ("q=%%41", "%A"),
    ];
    for (query, expected) in cases {
        let (v, notices) = ViewState::from_query(query);
        assert!(notices.is_empty(), "{query}: {notices:?}");
        assert_eq!(v.q, expected, "{query}");
    }
    let (v, notices) = ViewState::from_query("country=MAR,%E9&actor=%zz&theme=%");
    assert!(notices.is_empty());
    assert_eq!(
        v.countries,
        BTreeSet::from(["MAR".to_string(), "\u{FFFD}".to_string()])
    );
    assert!(v.actors.contains("%zz"));
    assert!(v.themes.contains("%"));
}

#[test]
fn names_decode_too_and_other_parameters_read_the_same_way() {
    let (v, _) = ViewState::from_query("vi%65w=matrix&th%65me=a");
    assert_eq!(v.view, ViewKind::Matrix);
    assert!(v.themes.contains("a"));
    let q = "?x=1&data=my+data%2Fset.json&d%61ta=second#data=frag";
    assert_eq!(query_param(q, "data").as_deref(), Some("my data/set.json"));
    assert_eq!(query_param(q, "nope"), None);
    assert_eq!(
        raw_pairs_named(q, "data").collect::<Vec<_>>(),
        ["data=my+data%2Fset.json", "d%61ta=second"]
    );
}

#[test]
fn origin_is_kept_as_written() {
    for (query, origin) in [
        ("origin=javascript:alert(1)", "javascript:alert(1)"),
        ("origin=https%3A%2F%2Fa.org%2Fpath", "https://a.org/path"),
        ("origin=http://LOCALHOST:8080", "http://LOCALHOST:8080"),
        ("origin=", ""),
    ] {
        let (v, notices) = ViewState::from_query(query);
        assert!(notices.is_empty());
        assert_eq!(v.origin.as_deref(), Some(origin), "{query}");
        assert_eq!(ViewState::from_query(&v.to_query()).0, v, "{query}");
    }
}

#[test]
fn repeated_list_parameters_add_up_and_empty_values_are_dropped() {
    let (v, notices) = ViewState::from_query("country=MAR&country=SEN,,&theme=");
    assert!(notices.is_empty());
    assert_eq!(v.countries.len(), 2);
    assert!(v.themes.is_empty());
}

#[test]
fn unknown_values_are_named_for_the_app() {
    let engine = crate::fixtures::synth_engine(200, 3);
    let real = engine.dataset().actors[0].id.clone();
    let (v, notices) =
        ViewState::from_query(&format!("actor={real},zzz&country=QQQ&open=event:nope"));
    assert!(notices.is_empty());
    let unknown: Vec<(String, String)> = engine
        .unknown_values(&v)
        .into_iter()
        .map(|n| (n.param, n.value))
        .collect();
    assert_eq!(
        unknown,
        [
            ("country".to_string(), "QQQ".to_string()),
            ("actor".to_string(), "zzz".to_string()),
            ("open".to_string(), "event:nope".to_string())
        ]
    );
}

#[test]
fn group_kind_is_read_and_written_and_a_bad_word_falls_back_with_a_notice() {
    let (v, notices) = ViewState::from_query("view=matrix&group=kind&order=name");
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(v.group, RowGrouping::Kind);
    assert_eq!(v.to_query(), "view=matrix&order=name&group=kind");
    // `none` is the default: read, but not written.
    let (none, notices) = ViewState::from_query("group=none");
    assert!(notices.is_empty());
    assert_eq!(none.group, RowGrouping::None);
    assert_eq!(none.to_query(), "");
    let (bad, notices) = ViewState::from_query("group=kinds&view=matrix");
    assert_eq!(bad.group, RowGrouping::None);
    assert_eq!(bad.view, ViewKind::Matrix, "the other parameters are kept");
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].param, "group");
    assert!(notices[0].message.contains("kind"), "{}", notices[0]);
    // Grouping only arranges rows: it does not change what is selected.
    assert_eq!(
        v.selection_key(),
        ViewState::from_query("view=matrix").0.selection_key()
    );
}

#[test]
fn lang_is_read_written_and_kept_in_embeds() {
    for lang in Lang::ALL {
        let (v, notices) = ViewState::from_query(&format!("view=matrix&lang={}", lang.as_str()));
        assert!(notices.is_empty());
        assert_eq!(v.lang, Some(lang));
        assert_eq!(v.to_query(), format!("view=matrix&lang={}", lang.as_str()));
    }
    // Absent: the browser chooses, and nothing is written.
    assert_eq!(ViewState::from_query("view=matrix").0.lang, None);
    // Embeds keep the language of the view they embed.
    let (v, _) = ViewState::from_query("lang=fr&q=rabat");
    let embedded = convene_core::share::embed_view(&v, &EnumSet::new());
    assert!(
        embedded.to_query().contains("lang=fr"),
        "{}",
        embedded.to_query()
    );
}

/// Each filter set's enum lists its variants in declaration order, so a set's
/// bit for a value is its place in `ALL` and a URL lists a set's words in the
/// order a `BTreeSet` gave them (`convene_core::enum_set`).
#[test]
fn enum_set_members_follow_their_all_lists() {
    use convene_core::enum_set::Member;
    fn check<T: Member + std::fmt::Debug>() {
        for (i, v) in T::ALL.iter().enumerate() {
            assert_eq!(v.index() as usize, i, "{v:?}");
        }
        assert!(T::ALL.windows(2).all(|w| w[0] < w[1]), "{:?}", T::ALL);
        assert!(T::ALL.len() <= 32);
    }
    check::<EventStatus>();
    check::<Role>();
    check::<convene_core::ActorKind>();
    check::<convene_core::view::EmbedPart>();
}
