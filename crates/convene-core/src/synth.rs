//! A deterministic synthetic `convene/1` dataset generator, for property tests and
//! benchmarks at sizes the hand-built dataset never reaches (up to millions of
//! participations).
//!
//! The output is valid `convene/1` (unique slug ids, valid dates, no dangling ids,
//! a quote per participation, no duplicate (event, actor, role) triples) and skewed
//! like the real thing: actor popularity follows a Zipf law (a few actors at almost
//! every event, most at one or two), roles lean heavily toward `participant`, dates
//! mix day, month and year precision (and a few undated events), and the word lists
//! include accented words ("sécurité", "Sénégal") so that text folding is exercised.
//!
//! The same [`SynthParams`] always give the same dataset: the generator uses its own
//! SplitMix64 generator, never OS randomness.

use std::collections::BTreeMap;

use crate::model::{
    days_in_month, Actor, ActorKind, Dataset, Event, EventStatus, PartialDate, Participation, Role,
    Source, FORMAT,
};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SynthParams {
    /// Exactly how many participations the dataset holds.
    pub participations: usize,
    /// Seed of the pseudo-random generator: same seed, same dataset.
    pub seed: u64,
}

/// SplitMix64: tiny, fast, and good enough for test data; no dependency needed.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`); the multiply-shift bias is irrelevant here.
    fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

const COUNTRIES: &[(&str, &str, &[&str])] = &[
    ("Morocco", "MAR", &["Maroc", "Kingdom of Morocco"]),
    ("Senegal", "SEN", &["Sénégal"]),
    ("Spain", "ESP", &["España"]),
    ("France", "FRA", &["République française"]),
    ("Germany", "DEU", &["Deutschland"]),
    ("Italy", "ITA", &["Italia"]),
    ("Niger", "NER", &[]),
    ("Mali", "MLI", &[]),
    ("Mauritania", "MRT", &["Mauritanie"]),
    ("Algeria", "DZA", &["Algérie"]),
    ("Tunisia", "TUN", &["Tunisie"]),
    ("Libya", "LBY", &[]),
    ("Egypt", "EGY", &[]),
    ("Nigeria", "NGA", &[]),
    ("Côte d'Ivoire", "CIV", &["Ivory Coast"]),
    ("Burkina Faso", "BFA", &[]),
    ("Chad", "TCD", &["Tchad"]),
    ("Turkey", "TUR", &["Türkiye"]),
    ("Greece", "GRC", &["Hellenic Republic"]),
    ("United Kingdom", "GBR", &["UK"]),
    ("United States", "USA", &["US", "United States of America"]),
    ("Netherlands", "NLD", &[]),
    ("Belgium", "BEL", &["Belgique"]),
    ("Austria", "AUT", &["Österreich"]),
    ("Poland", "POL", &[]),
    ("Jordan", "JOR", &[]),
    ("Lebanon", "LBN", &["Liban"]),
    ("Colombia", "COL", &[]),
    ("Mexico", "MEX", &["México"]),
    ("Brazil", "BRA", &["Brasil"]),
    ("Indonesia", "IDN", &[]),
    ("Japan", "JPN", &[]),
    ("Kenya", "KEN", &[]),
    ("Ethiopia", "ETH", &[]),
    ("Ghana", "GHA", &[]),
    ("Cameroon", "CMR", &["Cameroun"]),
];

const CITIES: &[(&str, &str)] = &[
    ("Rabat", "MAR"),
    ("Casablanca", "MAR"),
    ("Dakar", "SEN"),
    ("Málaga", "ESP"),
    ("Madrid", "ESP"),
    ("Paris", "FRA"),
    ("Berlin", "DEU"),
    ("Rome", "ITA"),
    ("Niamey", "NER"),
    ("Bamako", "MLI"),
    ("Nouakchott", "MRT"),
    ("Alger", "DZA"),
    ("Tunis", "TUN"),
    ("Abuja", "NGA"),
    ("Abidjan", "CIV"),
    ("Ouagadougou", "BFA"),
    ("Ankara", "TUR"),
    ("Athens", "GRC"),
    ("London", "GBR"),
    ("Washington", "USA"),
    ("The Hague", "NLD"),
    ("Brussels", "BEL"),
    ("Vienna", "AUT"),
    ("Warsaw", "POL"),
    ("Amman", "JOR"),
    ("Bogotá", "COL"),
    ("São Paulo", "BRA"),
    ("Jakarta", "IDN"),
    ("Nairobi", "KEN"),
    ("Addis Ababa", "ETH"),
    ("Genève", "CHE"),
    ("Valletta", "MLT"),
];

const THEMES: &[&str] = &[
    "border management",
    "migration",
    "counter-terrorism",
    "policing",
    "sécurité des frontières",
    "human trafficking",
    "maritime security",
    "cybersecurity",
    "biometrics",
    "document fraud",
    "organised crime",
    "coopération policière",
    "aviation security",
    "returns and readmission",
    "smuggling of migrants",
    "information sharing",
];

const SERIES: &[&str] = &[
    "World Border Security Congress",
    "Rabat Process",
    "Khartoum Process",
    "Global Counterterrorism Forum",
    "Sahel Security Dialogue",
    "Mediterranean Policing Summit",
    "Conférence ministérielle euro-africaine",
    "Identity Week",
    "Border Management Conference",
    "Forum sur la sécurité au Sénégal",
    "Interpol General Assembly",
    "Frontex Annual Conference",
    "Budapest Process",
    "Valletta Summit Follow-up",
    "Aqaba Process",
    "Security Research Event",
];

const MEETING_KINDS: &[&str] = &[
    "Conference",
    "Workshop",
    "Ministerial Meeting",
    "Expert Meeting",
    "Seminar",
    "Roundtable",
    "Summit",
    "Training",
    "Séminaire",
    "Réunion ministérielle",
];

const ADJECTIVES: &[&str] = &[
    "Regional",
    "International",
    "Joint",
    "High-level",
    "Technical",
    "Euro-African",
    "Trans-Saharan",
    "Transatlantic",
    "Régionale",
    "Sub-regional",
];

const ORG_HEADS: &[&str] = &[
    "Agency",
    "Organization",
    "Office",
    "Centre",
    "Network",
    "Institute",
    "Commission",
    "Council",
    "Directorate",
    "Partnership",
];

const ORG_TOPICS: &[&str] = &[
    "Border Security",
    "Migration",
    "Police Cooperation",
    "Counter-Terrorism",
    "Maritime Safety",
    "Justice and Home Affairs",
    "Identity Management",
    "Crime Prevention",
    "Coast Guard",
    "Sécurité Intérieure",
    "Customs",
    "Civil Protection",
];

const FIRST_NAMES: &[&str] = &[
    "Amina", "Khalid", "Fatou", "José", "Élodie", "Jürgen", "Maria", "Ahmed", "Ousmane", "Chloé",
    "Giorgos", "Ana", "Ibrahim", "Sofía", "Mamadou", "Anne", "Piotr", "Leïla", "Kwame", "Hélène",
];

const LAST_NAMES: &[&str] = &[
    "Zerouali",
    "Diop",
    "García",
    "Müller",
    "Rossi",
    "Traoré",
    "Benali",
    "Ndiaye",
    "Dupont",
    "Papadopoulos",
    "Kowalski",
    "Mensah",
    "Sánchez",
    "Haddad",
    "Ouédraogo",
    "Smith",
    "Lefèvre",
    "Yılmaz",
    "Okafor",
    "Nakamura",
];

const TITLES: &[&str] = &[
    "Minister of the Interior",
    "Director General",
    "Head of Unit",
    "Ambassador",
    "Chief of Police",
    "Secretary General",
    "Directeur de la police",
    "Senior Adviser",
    "Programme Manager",
    "Commissioner",
];

const SUMMARY_VERBS: &[&str] = &[
    "discussed",
    "reviewed",
    "agreed on",
    "examined",
    "a abordé",
    "focused on",
    "launched work on",
];

const PUBLISHERS: &[&str] = &[
    "Reuters",
    "Le Monde",
    "Statewatch",
    "Agence France-Presse",
    "Jeune Afrique",
    "Border Security Report",
    "Le Matin du Sénégal",
];

/// Role mix: participants dominate, hosts and chairs are rare.
const ROLE_WEIGHTS: &[(Role, f64)] = &[
    (Role::Participant, 0.60),
    (Role::Speaker, 0.15),
    (Role::Organizer, 0.06),
    (Role::Supporter, 0.06),
    (Role::Host, 0.05),
    (Role::Chair, 0.04),
    (Role::Observer, 0.04),
];

fn draw_role(rng: &mut Rng) -> Role {
    let mut u = rng.unit();
    for (role, w) in ROLE_WEIGHTS {
        if u < *w {
            return *role;
        }
        u -= w;
    }
    Role::Participant
}

/// Lowercase ASCII slug of `text` (non-ASCII letters dropped, runs of others -> '-').
fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

fn acronym(words: &str) -> String {
    words
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
        .filter_map(|w| w.chars().next())
        .collect()
}

fn random_date(rng: &mut Rng) -> (Option<PartialDate>, Option<PartialDate>) {
    if rng.chance(0.03) {
        return (None, None);
    }
    // More events in recent years, as in the sources.
    let year = 2000 + (rng.unit().sqrt() * 26.0) as i32;
    let year = year.min(2025);
    let precision = rng.unit();
    if precision < 0.12 {
        return (Some(PartialDate::year(year)), None);
    }
    let month = 1 + rng.below(12) as u8;
    if precision < 0.37 {
        return (
            Some(PartialDate {
                year,
                month: Some(month),
                day: None,
            }),
            None,
        );
    }
    let last = days_in_month(year, month);
    let day = 1 + rng.below(last as usize) as u8;
    let start = PartialDate {
        year,
        month: Some(month),
        day: Some(day),
    };
    let length = rng.below(4) as u8;
    let end = (length > 0 && day + length <= last).then_some(PartialDate {
        year,
        month: Some(month),
        day: Some(day + length),
    });
    (Some(start), end)
}

/// Generates a dataset with exactly `params.participations` participations.
///
/// Sizes follow the participations: about one event per 20 participations and one
/// actor per 100 (at least one event and a few dozen actors), so that 1,000,000
/// participations give about 50,000 events and 10,000 actors.
pub fn generate(params: &SynthParams) -> Dataset {
    let mut rng = Rng(params.seed ^ 0x436F_6E76_656E_6531);
    let n_parts = params.participations;
    let n_events = n_parts.div_ceil(20).max(1);
    let n_actors = (n_parts / 100).max(24);

    // Actors: countries first (real ones, then invented ones with unused codes),
    // then organisations, then persons.
    let n_countries = (n_actors / 8).clamp(4, 200);
    let n_orgs = n_actors * 3 / 8;
    let mut actors: Vec<Actor> = Vec::with_capacity(n_actors);
    let mut country_codes: Vec<String> = Vec::new();
    for i in 0..n_countries {
        let (name, iso3, aliases) = match COUNTRIES.get(i) {
            Some((name, iso3, aliases)) => (
                name.to_string(),
                iso3.to_string(),
                aliases.iter().map(|a| a.to_string()).collect(),
            ),
            None => {
                let k = i - COUNTRIES.len();
                // Codes starting with X are user-assigned in ISO 3166: never real.
                let code: String = [
                    'X',
                    (b'A' + (k / 26 % 26) as u8) as char,
                    (b'A' + (k % 26) as u8) as char,
                ]
                .iter()
                .collect();
                let name = format!(
                    "Republic of {} {}",
                    rng.pick(LAST_NAMES),
                    rng.pick(ORG_TOPICS)
                );
                (name, code, Vec::new())
            }
        };
        country_codes.push(iso3.clone());
        actors.push(Actor {
            id: iso3.to_ascii_lowercase(),
            name,
            kind: ActorKind::Country,
            iso3: Some(iso3),
            acronym: None,
            aliases,
            title: None,
            affiliation: None,
            extra: BTreeMap::new(),
        });
    }
    for i in 0..n_orgs {
        let topic = rng.pick(ORG_TOPICS);
        let head = rng.pick(ORG_HEADS);
        let name = format!("{} {head} for {topic}", rng.pick(ADJECTIVES));
        let acr = format!("{}{}", acronym(&name), i);
        let aliases = if rng.chance(0.3) {
            vec![format!("{head} {topic} ({})", rng.pick(COUNTRIES).0)]
        } else {
            Vec::new()
        };
        actors.push(Actor {
            id: format!("org-{i}"),
            name,
            kind: ActorKind::Organization,
            iso3: None,
            acronym: Some(acr),
            aliases,
            title: None,
            affiliation: None,
            extra: BTreeMap::new(),
        });
    }
    let n_affiliations = actors.len();
    for i in 0..n_actors - n_countries - n_orgs {
        let name = format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES));
        let affiliation = rng
            .chance(0.8)
            .then(|| actors[rng.below(n_affiliations)].id.clone());
        actors.push(Actor {
            id: format!("p-{}-{i}", slug(&name)),
            name,
            kind: ActorKind::Person,
            iso3: None,
            acronym: None,
            aliases: Vec::new(),
            title: Some(rng.pick(TITLES).to_string()),
            affiliation,
            extra: BTreeMap::new(),
        });
    }

    // Zipf popularity over a shuffled order, so the popular actors are of all kinds.
    let mut popularity: Vec<usize> = (0..n_actors).collect();
    for i in (1..n_actors).rev() {
        popularity.swap(i, rng.below(i + 1));
    }
    let mut cdf = Vec::with_capacity(n_actors);
    let mut total = 0.0;
    for rank in 0..n_actors {
        total += 1.0 / (rank as f64 + 1.0).powf(1.05);
        cdf.push(total);
    }
    let draw_actor = |rng: &mut Rng| -> usize {
        let u = rng.unit() * total;
        popularity[cdf.partition_point(|&c| c <= u).min(n_actors - 1)]
    };

    // Sources: one per ~25 events.
    let n_sources = n_events.div_ceil(25).max(1);
    let sources: Vec<Source> = (0..n_sources)
        .map(|i| {
            let (published, _) = random_date(&mut rng);
            let french = rng.chance(0.2);
            Source {
                id: format!("src-{i}"),
                title: if french {
                    format!(
                        "{} : la {} au cœur des débats",
                        rng.pick(SERIES),
                        rng.pick(THEMES)
                    )
                } else {
                    format!("{} meets on {}", rng.pick(SERIES), rng.pick(THEMES))
                },
                publisher: Some(rng.pick(PUBLISHERS).to_string()),
                published,
                language: Some(if french { "fr" } else { "en" }.to_string()),
                url: None,
                seed: None,
                text: None,
                text_url: None,
                extra: BTreeMap::new(),
            }
        })
        .collect();

    // Participations per event: around 20, skewed, capped by what can be unique,
    // then adjusted so the total is exact.
    let capacity = n_actors * Role::ALL.len();
    let mut sizes: Vec<usize> = (0..n_events)
        .map(|_| {
            let u = rng.unit();
            ((-u.max(1e-9).ln()) * 20.0) as usize + 1
        })
        .map(|s| s.min(capacity))
        .collect();
    let mut sum: usize = sizes.iter().sum();
    let mut i = 0;
    while sum != n_parts {
        let e = i % n_events;
        if sum > n_parts && sizes[e] > 0 {
            let cut = (sizes[e] / 2).max(1).min(sum - n_parts);
            sizes[e] -= cut;
            sum -= cut;
        } else if sum < n_parts && sizes[e] < capacity {
            let add = (capacity - sizes[e]).min(n_parts - sum).min(8);
            sizes[e] += add;
            sum += add;
        }
        i += 1;
    }

    let mut events = Vec::with_capacity(n_events);
    let mut participations = Vec::with_capacity(n_parts);
    // Per-event bitmap of roles already given to each actor: no duplicate triples.
    let mut taken: Vec<u8> = vec![0; n_actors];
    let mut touched: Vec<usize> = Vec::new();
    for (e, &size) in sizes.iter().enumerate() {
        let (start, end) = random_date(&mut rng);
        let year = start.map(|d| d.year);
        let (city, city_country) = *rng.pick(CITIES);
        let country = if rng.chance(0.05) {
            None
        } else if rng.chance(0.7) {
            Some(city_country.to_string())
        } else {
            Some(rng.pick(&country_codes).clone())
        };
        let series = rng.chance(0.6).then(|| rng.pick(SERIES).to_string());
        let mut themes: Vec<String> = Vec::new();
        for _ in 0..1 + rng.below(3) {
            let t = rng.pick(THEMES).to_string();
            if !themes.contains(&t) {
                themes.push(t);
            }
        }
        let name = match (&series, year) {
            (Some(s), Some(y)) => format!("{s} {y}"),
            (Some(s), None) => format!("{s} ({city})"),
            _ => format!(
                "{} {} on {} in {city}",
                rng.pick(ADJECTIVES),
                rng.pick(MEETING_KINDS),
                themes[0]
            ),
        };
        let status = match rng.unit() {
            u if u < 0.80 => EventStatus::Held,
            u if u < 0.92 => EventStatus::Mentioned,
            _ => EventStatus::Planned,
        };
        let source_a = rng.below(n_sources);
        let mut event_sources = vec![format!("src-{source_a}")];
        if n_sources > 1 && rng.chance(0.3) {
            let b = (source_a + 1 + rng.below(n_sources - 1)) % n_sources;
            event_sources.push(format!("src-{b}"));
        }
        let id = format!("ev-{e}");
        let summary = format!(
            "Delegations {} {} and {} in {city}.",
            rng.pick(SUMMARY_VERBS),
            themes[0],
            rng.pick(THEMES)
        );

        for _ in 0..size {
            let mut actor = draw_actor(&mut rng);
            let mut role = draw_role(&mut rng);
            let mut tries = 0;
            while taken[actor] & role.bit() != 0 {
                tries += 1;
                if tries < 16 {
                    actor = draw_actor(&mut rng);
                    role = draw_role(&mut rng);
                } else {
                    // Dense event: walk to the next free (actor, role) pair.
                    let r = (role as usize + 1) % Role::ALL.len();
                    role = Role::ALL[r];
                    if r == 0 {
                        actor = (actor + 1) % n_actors;
                    }
                }
            }
            if taken[actor] == 0 {
                touched.push(actor);
            }
            taken[actor] |= role.bit();
            let source = event_sources[rng.below(event_sources.len())].clone();
            let actor_name = &actors[actor].name;
            let quote = match role {
                Role::Host => format!("{actor_name} hosted the {name}."),
                Role::Participant if rng.chance(0.2) => {
                    format!("{actor_name} a participé à la réunion sur la sécurité.")
                }
                _ => format!("{actor_name} took part as {} in {city}.", role.as_str()),
            };
            participations.push(Participation {
                event: id.clone(),
                actor: actors[actor].id.clone(),
                role,
                source,
                quote: Some(quote),
                extra: BTreeMap::new(),
            });
        }
        for a in touched.drain(..) {
            taken[a] = 0;
        }

        events.push(Event {
            id,
            name,
            status,
            start,
            end,
            city: Some(city.to_string()),
            country,
            venue: None,
            series,
            edition: None,
            themes,
            summary,
            sources: event_sources,
            extra: BTreeMap::new(),
        });
    }

    Dataset {
        format: FORMAT.to_string(),
        title: format!(
            "Synthetic dataset ({n_parts} participations, seed {})",
            params.seed
        ),
        description: "Generated by convene_core::synth for tests and benchmarks.".to_string(),
        version: "synthetic".to_string(),
        license: "CC0-1.0".to_string(),
        sources,
        actors,
        events,
        participations,
        extra: BTreeMap::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn check_valid(d: &Dataset) {
        let events: HashSet<&str> = d.events.iter().map(|e| e.id.as_str()).collect();
        let actors: HashSet<&str> = d.actors.iter().map(|a| a.id.as_str()).collect();
        let sources: HashSet<&str> = d.sources.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(events.len(), d.events.len(), "unique event ids");
        assert_eq!(actors.len(), d.actors.len(), "unique actor ids");
        assert_eq!(sources.len(), d.sources.len(), "unique source ids");
        for id in events.iter().chain(&actors).chain(&sources) {
            assert!(
                !id.is_empty()
                    && id
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "slug {id}"
            );
        }
        let mut triples = HashSet::new();
        for p in &d.participations {
            assert!(events.contains(p.event.as_str()));
            assert!(actors.contains(p.actor.as_str()));
            assert!(sources.contains(p.source.as_str()));
            assert!(p.quote.as_deref().is_some_and(|q| !q.is_empty()));
            assert!(
                triples.insert((p.event.as_str(), p.actor.as_str(), p.role)),
                "dup triple"
            );
        }
        for e in &d.events {
            for s in &e.sources {
                assert!(sources.contains(s.as_str()));
            }
            if let Some(start) = e.start {
                assert_eq!(PartialDate::parse(&start.to_string()), Ok(start));
            }
            if let (Some(s), Some(end)) = (e.start, e.end) {
                assert!(s <= end);
            }
        }
        for a in &d.actors {
            if let Some(aff) = &a.affiliation {
                assert!(actors.contains(aff.as_str()));
            }
        }
    }

    #[test]
    fn generates_exact_sizes_and_valid_data() {
        for n in [0, 1, 5, 19, 39, 40, 100, 1000, 5000] {
            let d = generate(&SynthParams {
                participations: n,
                seed: n as u64,
            });
            assert_eq!(d.participations.len(), n);
            check_valid(&d);
        }
    }

    #[test]
    fn same_seed_same_dataset() {
        let a = generate(&SynthParams {
            participations: 500,
            seed: 7,
        });
        let b = generate(&SynthParams {
            participations: 500,
            seed: 7,
        });
        let c = generate(&SynthParams {
            participations: 500,
            seed: 8,
        });
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn popularity_is_skewed() {
        let d = generate(&SynthParams {
            participations: 20_000,
            seed: 1,
        });
        let mut per_actor = std::collections::HashMap::new();
        for p in &d.participations {
            *per_actor.entry(p.actor.as_str()).or_insert(0usize) += 1;
        }
        let mut counts: Vec<usize> = per_actor.values().copied().collect();
        counts.sort_unstable_by(|a, b| b.cmp(a));
        assert!(
            counts[0] > 20 * counts[counts.len() / 2],
            "{:?}",
            &counts[..5]
        );
    }
}
