//! The URL view-state codec: round trips, defaults omitted, and a notice naming the
//! parameter for every malformed value (never a panic).

use std::collections::BTreeSet;

use convene_core::engine::Engine;
use convene_core::i18n::Lang;
use convene_core::matrix::{RowGrouping, RowOrder};
use convene_core::model::{ActorKind, EventStatus, Role};
use convene_core::synth::{generate, SynthParams};
use convene_core::view::{ActorMode, EmbedPart, EventSort, Notice, Open, ViewKind, ViewState};
use proptest::prelude::*;
use proptest::sample::subsequence;

/// Strings full of the characters a codec gets wrong.
fn tricky() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9-]{1,12}",
        "[ ,&=%+?#:;/a-zA-Zé€😀\u{0}-\u{7f}]{1,10}",
        any::<String>().prop_filter("non-empty", |s| !s.is_empty()),
    ]
}

fn string_set() -> impl Strategy<Value = BTreeSet<String>> {
    proptest::collection::btree_set(tricky(), 0..4)
}

fn year() -> impl Strategy<Value = Option<i32>> {
    proptest::option::of(0i32..=9999)
}

fn origin() -> impl Strategy<Value = Option<String>> {
    proptest::option::of("https?://[a-z0-9.-]{1,20}(:[0-9]{1,5})?")
}

prop_compose! {
    fn view_state()(
        q in prop_oneof![Just(String::new()), any::<String>(), tricky()],
        years in (year(), year()),
        countries in string_set(),
        series in string_set(),
        themes in string_set(),
        statuses in subsequence(EventStatus::ALL.to_vec(), 0..=3),
        kinds in subsequence(ActorKind::ALL.to_vec(), 0..=3),
        actors in string_set(),
        roles in subsequence(Role::ALL.to_vec(), 0..=7),
        mode in 0usize..2,
        view in 0usize..2,
        sort in 0usize..4,
        order in 0usize..4,
        group in 0usize..2,
        open in proptest::option::of((any::<bool>(), tricky())),
        embed in any::<bool>(),
        parts in subsequence(EmbedPart::ALL.to_vec(), 0..=5),
        origin in origin(),
        lang in proptest::option::of(0usize..3),
    ) -> ViewState {
        let (a, b) = years;
        let (year_from, year_to) = match (a, b) {
            (Some(a), Some(b)) if a > b => (Some(b), Some(a)),
            other => other,
        };
        ViewState {
            q,
            year_from,
            year_to,
            countries,
            series,
            themes,
            statuses: statuses.into_iter().collect(),
            kinds: kinds.into_iter().collect(),
            actors,
            roles: roles.into_iter().collect(),
            actor_mode: ActorMode::ALL[mode],
            view: ViewKind::ALL[view],
            sort: EventSort::ALL[sort],
            order: RowOrder::ALL[order],
            group: RowGrouping::ALL[group],
            open: open.map(|(event, id)| if event { Open::Event(id) } else { Open::Actor(id) }),
            embed,
            embed_parts: parts.into_iter().collect(),
            origin,
            lang: lang.map(|l| Lang::ALL[l]),
        }
    }
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
         &view=matrix&mode=all&role=speaker,host&actor=iom,mar&kind=person&status=held&theme=migration\
         &series=Rabat%20Process&country=SEN,MAR&years=2013-2017&q=border+security",
    );
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(
        v.to_query(),
        "q=border%20security&years=2013-2017&country=MAR,SEN&series=Rabat%20Process&theme=migration\
         &status=held&kind=person&actor=iom,mar&role=host,speaker&mode=all&view=matrix&sort=date\
         &order=name&group=kind&open=actor:iom&lang=ar&embed=1&show=header,filters&origin=https%3A%2F%2Fexample.org"
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
        ("open=event", "open"),
        ("open=event:", "open"),
        ("open=place:x", "open"),
        ("embed=yes", "embed"),
        ("lang=de", "lang"),
        ("lang=AR", "lang"),
        ("lang=", "lang"),
        ("show=everything", "show"),
        ("origin=javascript:alert(1)", "origin"),
        ("origin=https%3A%2F%2Fa.org%2Fpath", "origin"),
        ("q=100%", "q"),
        ("q=%FF", "q"),
        ("country=MAR,%E9", "country"),
        ("actor=%zz", "actor"),
        ("theme=%", "theme"),
        ("series=%C3", "series"),
    ];
    for (query, param) in cases {
        let (v, notice) = notice_for(query);
        assert_eq!(notice.param, param, "{query}");
        let shown = notice.to_string();
        assert!(shown.starts_with(&format!("Ignored {param}=")), "{shown}");
        // The field keeps its default, except for the good values of a list.
        match param {
            "country" => assert_eq!(v.countries, BTreeSet::from(["MAR".to_string()])),
            "status" => assert_eq!(v.statuses, BTreeSet::from([EventStatus::Held])),
            "role" => assert_eq!(v.roles, BTreeSet::from([Role::Host])),
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
fn unknown_parameters_are_ignored_silently() {
    let (v, notices) = ViewState::from_query("utm_source=x&fbclid=1&&=&view=matrix");
    assert!(notices.is_empty());
    assert_eq!(v.view, ViewKind::Matrix);
}

#[test]
fn plus_is_a_space_in_q_only() {
    let (v, _) = ViewState::from_query("q=border+security&actor=a+b");
    assert_eq!(v.q, "border security");
    assert!(v.actors.contains("a+b"));
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
    let engine = Engine::new(generate(&SynthParams {
        participations: 200,
        seed: 3,
    }));
    let real = engine.dataset().actors[0].id.clone();
    let (v, notices) =
        ViewState::from_query(&format!("actor={real},zzz&country=QQQ&open=event:nope"));
    assert!(notices.is_empty());
    let unknown: Vec<(String, String)> = v
        .unknown_values(&engine)
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
    let embedded = convene_core::share::embed_view(&v, &BTreeSet::new());
    assert!(
        embedded.to_query().contains("lang=fr"),
        "{}",
        embedded.to_query()
    );
}

/// A malformed `lang` falls back to the browser's choice with a notice naming it.
#[test]
fn regression_malformed_lang_gives_a_notice_not_a_language() {
    let (v, notices) = ViewState::from_query("lang=arabic&view=matrix");
    assert_eq!(v.lang, None);
    assert_eq!(v.view, ViewKind::Matrix);
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].param, "lang");
    assert!(
        notices[0].message.contains("en, fr, ar"),
        "{}",
        notices[0].message
    );
}
