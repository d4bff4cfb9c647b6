//! What a user sees from the search box: which events match, in which order.

use crate::search_support::*;
use convene_core::model::*;
use convene_core::search::SearchIndex;

/// A small world: a border congress in Casablanca, a French-language workshop, a
/// policing summit, with a person, an organisation and a country.
fn world() -> Dataset {
    let mut ds = dataset();
    ds.events = vec![
        Event {
            city: Some("Casablanca".into()),
            country: Some("MAR".into()),
            series: Some("World Border Security Congress".into()),
            themes: vec!["border management".into(), "migration".into()],
            ..event_with_summary(
                "wbsc-2017",
                "World Border Security Congress 2017",
                "Three days of talks.",
            )
        },
        Event {
            city: Some("Dakar".into()),
            country: Some("SEN".into()),
            ..event_with_summary(
                "atelier",
                "Atelier régional sur la sécurité des frontières",
                "Organisé au Sénégal avec l’appui de l'OIM.",
            )
        },
        event_with_summary(
            "police",
            "Police Chiefs Summit",
            "Police cooperation; border issues were raised.",
        ),
        event("g7", "G7 Interior Ministers 2019"),
    ];
    let mut person = actor("khalid-zerouali", "Khalid Zerouali", ActorKind::Person);
    person.title = Some("Wali".into());
    let mut iom = actor(
        "iom",
        "International Organization for Migration",
        ActorKind::Organization,
    );
    iom.acronym = Some("IOM".into());
    iom.aliases = vec![
        "OIM".into(),
        "Organisation internationale pour les migrations".into(),
    ];
    let mut mar = actor("mar", "Morocco", ActorKind::Country);
    mar.iso3 = Some("MAR".into());
    mar.aliases = vec!["Maroc".into()];
    ds.actors = vec![person, iom, mar];
    ds.participations = vec![
        part(
            "wbsc-2017",
            "khalid-zerouali",
            "Khalid Zerouali gave the opening address.",
        ),
        part(
            "wbsc-2017",
            "mar",
            "The congress was hosted by the Kingdom of Morocco.",
        ),
        part(
            "atelier",
            "iom",
            "L’atelier, organisé par l'OIM, s'est tenu à Dakar.",
        ),
        part("police", "mar", "Morocco sent a delegation."),
    ];
    ds
}

#[test]
fn blank_or_punctuation_queries_are_no_filter() {
    let index = SearchIndex::build(&world());
    for q in ["", "   ", "!?,;", "— « » ’", "l'"] {
        if q == "l'" {
            // A lone elided letter is still a term (the user is typing `l'OIM`).
            assert!(index.search(q).is_some());
        } else {
            assert_eq!(index.search(q), None, "{q:?}");
        }
    }
}

#[test]
fn an_actor_search_finds_the_events_it_took_part_in() {
    let ds = world();
    let index = SearchIndex::build(&ds);
    assert_eq!(hit_ids(&ds, &index, "Zerouali"), ["wbsc-2017"]);
    // Alias, acronym and its French form all reach the workshop IOM attended.
    assert_eq!(hit_ids(&ds, &index, "OIM"), ["atelier"]);
    assert_eq!(hit_ids(&ds, &index, "iom"), ["atelier"]);
    assert_eq!(hit_ids(&ds, &index, "l’OIM"), ["atelier"]);
    // The country code of an actor, and of an event.
    let mar = hit_ids(&ds, &index, "mar");
    assert!(mar.contains(&"police".to_string()) && mar.contains(&"wbsc-2017".to_string()));
}

#[test]
fn accents_fold_both_ways() {
    let ds = world();
    let index = SearchIndex::build(&ds);
    assert_eq!(hit_ids(&ds, &index, "securite frontieres"), ["atelier"]);
    assert_eq!(hit_ids(&ds, &index, "Senegal"), ["atelier"]);
    assert_eq!(hit_ids(&ds, &index, "SÉCURITÉ"), ["atelier"]);
}

#[test]
fn every_term_is_a_prefix_and_terms_combine_with_and() {
    let ds = world();
    let index = SearchIndex::build(&ds);
    assert_eq!(hit_ids(&ds, &index, "casa"), ["wbsc-2017"]);
    assert_eq!(hit_ids(&ds, &index, "bord sec"), ["wbsc-2017"]);
    // "border" matches two events; with "police" only one remains.
    assert_eq!(hit_ids(&ds, &index, "border").len(), 2);
    assert_eq!(hit_ids(&ds, &index, "border police"), ["police"]);
    assert_eq!(hit_ids(&ds, &index, "border nowhere"), Vec::<String>::new());
    assert_eq!(hit_ids(&ds, &index, "zzz"), Vec::<String>::new());
    // Digits are words.
    assert_eq!(hit_ids(&ds, &index, "g7"), ["g7"]);
    assert_eq!(hit_ids(&ds, &index, "2017"), ["wbsc-2017"]);
    // Terms may match in different fields: name + actor + quote.
    assert_eq!(
        hit_ids(&ds, &index, "congress zerouali opening"),
        ["wbsc-2017"]
    );
}

#[test]
fn a_name_hit_outranks_a_summary_hit() {
    let mut ds = dataset();
    ds.events = vec![
        event_with_summary("a", "Annual meeting", "A talk on border control."),
        event_with_summary("b", "Border control meeting", "An annual talk."),
    ];
    let index = SearchIndex::build(&ds);
    assert_eq!(hit_ids(&ds, &index, "border"), ["b", "a"]);
}

#[test]
fn an_acronym_hit_outranks_a_quote_hit() {
    let mut ds = dataset();
    ds.events = vec![event("a", "Meeting one"), event("b", "Meeting two")];
    let mut ocse = actor(
        "osce",
        "Organization for Security and Co-operation in Europe",
        ActorKind::Organization,
    );
    ocse.acronym = Some("OSCE".into());
    ds.actors = vec![actor("x", "Someone", ActorKind::Person), ocse];
    ds.participations = vec![
        part("a", "x", "Someone mentioned the OSCE in passing."),
        part("b", "osce", "It took part."),
    ];
    let index = SearchIndex::build(&ds);
    assert_eq!(hit_ids(&ds, &index, "osce"), ["b", "a"]);
}

#[test]
fn an_exact_word_outranks_a_prefix_only_match() {
    let mut ds = dataset();
    ds.events = vec![
        event("long", "Bordering states forum"),
        event("exact", "Border states forum"),
    ];
    let index = SearchIndex::build(&ds);
    assert_eq!(hit_ids(&ds, &index, "border"), ["exact", "long"]);
    // As the user types, the shorter completion ranks first.
    assert_eq!(hit_ids(&ds, &index, "bord"), ["exact", "long"]);
}

#[test]
fn ties_go_to_the_lower_event_index() {
    let mut ds = dataset();
    ds.events = (0..5)
        .map(|i| event(&format!("e{i}"), "Same name"))
        .collect();
    let index = SearchIndex::build(&ds);
    let result = index.search("same").unwrap();
    let order: Vec<u32> = result.hits.iter().map(|h| h.event).collect();
    assert_eq!(order, [0, 1, 2, 3, 4]);
}

#[test]
fn a_repeated_quote_counts_once_per_event() {
    // Three actors cited by the same sentence must not triple the quote's weight.
    let mut ds = dataset();
    ds.events = vec![event("a", "One"), event("b", "Two")];
    ds.actors = (0..3)
        .map(|i| actor(&format!("x{i}"), "Anon", ActorKind::Person))
        .collect();
    let q = "Delegations discussed smuggling.";
    ds.participations = vec![
        part("a", "x0", q),
        part("a", "x1", q),
        part("a", "x2", q),
        part("b", "x0", q),
    ];
    let index = SearchIndex::build(&ds);
    let hits = index.search("smuggling").unwrap().hits;
    assert_eq!(hits.len(), 2);
    assert_eq!(hits[0].score, hits[1].score);
}

#[test]
fn dangling_ids_and_duplicates_never_panic() {
    let mut ds = world();
    ds.participations.push(part("nope", "iom", "ghost event"));
    ds.participations
        .push(part("police", "nobody", "ghost actor"));
    ds.events.push(event("police", "Duplicate id"));
    let index = SearchIndex::build(&ds);
    assert_eq!(hit_ids(&ds, &index, "ghost"), ["police"]);
    let empty = SearchIndex::build(&dataset());
    assert_eq!(empty.search("anything"), Some(Default::default()));
    assert_eq!(SearchIndex::default().search("x"), Some(Default::default()));
}

#[test]
fn the_seed_dataset_finds_people_and_organisations() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/data/seed.json");
    let Ok(text) = std::fs::read_to_string(path) else {
        return;
    };
    let ds: Dataset = serde_json::from_str(&text).expect("seed parses");
    let index = SearchIndex::build(&ds);
    assert!(hit_ids(&ds, &index, "Zerouali").contains(&"wbsc-2017".to_string()));
    assert!(hit_ids(&ds, &index, "casablanca")
        .first()
        .is_some_and(|id| id == "wbsc-2017"));
    assert!(!hit_ids(&ds, &index, "IOM").is_empty());
    assert!(index.heap_bytes() > 0);
}

#[test]
fn a_country_name_finds_the_events_held_there_even_without_it_taking_part() {
    let mut ds = world();
    let mut sen = actor("sen", "Sénégal", ActorKind::Country);
    sen.iso3 = Some("SEN".into());
    ds.actors.push(sen);
    let index = SearchIndex::build(&ds);
    // Senegal takes part in nothing; the workshop is held in SEN.
    assert_eq!(hit_ids(&ds, &index, "senegal"), ["atelier"]);
    // Morocco hosts the congress and takes part in the summit held elsewhere.
    let mut morocco = hit_ids(&ds, &index, "morocco");
    morocco.sort();
    assert_eq!(morocco, ["police", "wbsc-2017"]);
}
