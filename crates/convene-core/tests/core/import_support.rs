//! Deterministic generators of synthetic (fictional) spreadsheets for the
//! import tests and the import benchmark. Every name is made up ("Réunion
//! fictive 12", "Organisation fictive Kappa"); only country names are real,
//! since recognising them is what is tested. No fact about any real event.
#![allow(dead_code)]

/// A tiny deterministic generator (SplitMix64), so fixtures never change.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const GREEK: [&str; 12] = [
    "Alpha", "Bêta", "Gamma", "Delta", "Epsilon", "Zêta", "Êta", "Thêta", "Iota", "Kappa",
    "Lambda", "Mu",
];
const COUNTRIES_FR: [&str; 10] = [
    "Maroc",
    "Sénégal",
    "France",
    "Espagne",
    "Tunisie",
    "Mali",
    "Niger",
    "Italie",
    "Allemagne",
    "Côte d'Ivoire",
];
const CITIES: [&str; 6] = [
    "Villefictive",
    "Port-Imaginaire",
    "Saint-Exemple",
    "Testville",
    "Neuville-Fictive",
    "Bourg-Essai",
];
const THEMES: [&str; 5] = [
    "frontières",
    "migration",
    "sécurité maritime",
    "terrorisme",
    "trafics",
];
const ROLES: [&str; 7] = [
    "host",
    "organizer",
    "supporter",
    "chair",
    "speaker",
    "participant",
    "",
];
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// Quotes a CSV cell for `;`-separated output (RFC 4180).
fn cell(text: &str, delimiter: char) -> String {
    if text.contains([delimiter, '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The rows (row 2 onwards) that carry deliberate problems in
/// [`synthetic_fr`], with the problem each must report (a substring of its
/// message).
pub const FR_PROBLEMS: [(usize, &str); 8] = [
    (14, "column \"Rôle\": unknown role \"sponsor\" (expected host, organizer, supporter, chair, speaker, participant, observer; did you mean supporter?)"),
    (3, "row 3: no actor"),
    (40, "ambiguous: 2017-04-03 (day/month) or 2017-03-04 (month/day)?"),
    (77, "no such calendar date"),
    (120, "unknown country \"Atlantide\""),
    (200, "unknown role \"orateur\" (expected host, organizer, supporter, chair, speaker, participant, observer; did you mean speaker?)"),
    (321, "unknown actor kind \"orgnisation\""),
    (450, "no event"),
];

/// A realistic 500-data-row French spreadsheet export: semicolons, French
/// headers, a BOM-less UTF-8 text with CRLF line ends, dates in several
/// French forms, empty roles and quotes, and the problem rows of
/// [`FR_PROBLEMS`]. Fictional test data.
pub fn synthetic_fr(rows: usize) -> String {
    let d = ';';
    let mut rng = Rng::new(13);
    let mut out = String::from(
        "Événement;Date de début;Date de fin;Ville;Pays;Série;Thèmes;Participant;Type d'acteur;Rôle;Source;Citation\r\n",
    );
    let events = (rows / 8).max(1);
    for r in 0..rows {
        let row_number = r + 2;
        let e = r * events / rows;
        let mut erng = Rng::new(1000 + e as u64);
        let year = 2012 + erng.below(10);
        let month = 1 + erng.below(12);
        let day = 13 + erng.below(15);
        let (start, end) = match e % 4 {
            0 => (
                format!("{day:02}/{month:02}/{year}"),
                format!("{:02}/{month:02}/{year}", day + 1),
            ),
            1 => (format!("{} {year}", MONTHS_FR[month - 1]), String::new()),
            2 => (format!("{year}-{month:02}-{day:02}"), String::new()),
            _ => (format!("{day:02}.{month:02}.{year}"), String::new()),
        };
        let mut event = format!("Réunion fictive {} sur la sécurité", e + 1);
        let city = CITIES[erng.below(CITIES.len())];
        let mut country = COUNTRIES_FR[erng.below(COUNTRIES_FR.len())].to_string();
        let series = if e.is_multiple_of(3) {
            "Dialogue fictif"
        } else {
            ""
        };
        let themes = format!("{}, {}", THEMES[erng.below(5)], THEMES[erng.below(5)]);
        // Distinct actors within an event: the k-th row of event e.
        let first = (e * rows).div_ceil(events);
        let k = r - first;
        let pick = (e * 5 + k) % (GREEK.len() + COUNTRIES_FR.len());
        let (mut actor, mut kind) = if pick < GREEK.len() {
            (
                format!("Organisation fictive {}", GREEK[pick]),
                "organisation".to_string(),
            )
        } else {
            (
                COUNTRIES_FR[pick - GREEK.len()].to_string(),
                "pays".to_string(),
            )
        };
        if rng.below(5) == 0 {
            // No kind given: read from the name (a country's, or an organisation).
            kind = String::new();
        }
        // Roles: host for the host country's row only would need tracking; the
        // synthetic data spreads the other roles, and a few empty ones.
        let mut role = ROLES[1 + rng.below(ROLES.len() - 1)].to_string();
        let source = format!("Compte rendu fictif n°{}", e + 1);
        let quote = if rng.below(4) == 0 {
            String::new()
        } else {
            format!("Texte fictif de test : {actor} ; rôle {role}.")
        };
        let mut start = start;
        match row_number {
            14 => role = "sponsor".into(),
            3 => actor = String::new(),
            40 => start = "03/04/2017".into(),
            77 => start = "31/04/2017".into(),
            120 => country = "Atlantide".into(),
            200 => role = "orateur".into(),
            321 => kind = "orgnisation".into(),
            450 => event = String::new(),
            _ => {}
        }
        let fields = [
            event.as_str(),
            start.as_str(),
            end.as_str(),
            city,
            country.as_str(),
            series,
            themes.as_str(),
            actor.as_str(),
            kind.as_str(),
            role.as_str(),
            source.as_str(),
            quote.as_str(),
        ];
        let line: Vec<String> = fields.iter().map(|f| cell(f, d)).collect();
        out.push_str(&line.join(";"));
        out.push_str("\r\n");
    }
    out
}

/// An English comma-separated participations sheet of `rows` rows with no
/// problem: for the benchmark (100k rows) and the speed tests.
pub fn synthetic_en(rows: usize) -> String {
    let mut rng = Rng::new(7);
    let mut out =
        String::from("event,start,city,country,themes,actor,actor kind,role,source,quote\n");
    let events = (rows / 10).max(1);
    let actors = (rows / 20).max(50);
    let countries = [
        "Morocco", "Senegal", "France", "Spain", "Tunisia", "Mali", "Niger", "Italy",
    ];
    for r in 0..rows {
        let e = r * events / rows;
        let mut erng = Rng::new(e as u64);
        let year = 2000 + erng.below(25);
        let month = 1 + erng.below(12);
        let country = countries[erng.below(countries.len())];
        let _ = rng.next();
        let a = (e * 37 + r) % actors;
        let role = ROLES[r % 6];
        out.push_str(&format!(
            "Fictional meeting {e},{year}-{month:02},Testville,{country},\"borders, migration\",Fictional organisation {a},organization,{role},Fictional report {e},\"Fictional text, row {r}.\"\n"
        ));
    }
    out
}
