//! The words a spreadsheet may use for roles, actor kinds, event statuses and
//! countries, and the "did you mean" suggestions when a word is not one of them.

use rustc_hash::FxHashMap as HashMap;

use crate::countries::table;
pub use crate::countries::{all_countries, Country};
use crate::model::{ActorKind, EventStatus, Role};
use crate::search::fold;

/// A cell folded for matching a vocabulary: [`fold`]ed, trimmed, inner runs of
/// spaces, `_` and dashes as one space. Dashes are the hyphen-minus and the
/// dash punctuation a word processor's autocorrect writes instead (U+2010 to
/// U+2015: hyphen, non-breaking hyphen, figure, en and em dashes, horizontal
/// bar; U+2212 minus; U+2E3A/B two- and three-em dashes; U+FE58, U+FE63 and
/// U+FF0D small and full-width forms), so `Europol–Interpol` and
/// `Europol-Interpol` are one event.
pub fn key(text: &str) -> String {
    let folded = fold(text.trim());
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_whitespace() || c == '_' || is_dash(c) {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// A dash, as [`key`] lists them.
fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{2E3A}' | '\u{2E3B}'
    ) || matches!(c, '\u{FE58}' | '\u{FE63}' | '\u{FF0D}')
}

/// Known synonyms of each role (folded), English and French: offered as "did you
/// mean", not accepted silently, since a synonym may not mean exactly the role
/// (a sponsor may not be a supporter in the data's sense).
const ROLE_SYNONYMS: &[(&str, Role)] = &[
    ("sponsor", Role::Supporter),
    ("sponsors", Role::Supporter),
    ("funder", Role::Supporter),
    ("donor", Role::Supporter),
    ("partner", Role::Supporter),
    ("partenaire", Role::Supporter),
    ("financeur", Role::Supporter),
    ("bailleur", Role::Supporter),
    ("co organizer", Role::Organizer),
    ("co organiser", Role::Organizer),
    ("coorganizer", Role::Organizer),
    ("coorganiser", Role::Organizer),
    ("co organisateur", Role::Organizer),
    ("coorganisateur", Role::Organizer),
    ("co organisatrice", Role::Organizer),
    ("co host", Role::Host),
    ("cohost", Role::Host),
    ("co hote", Role::Host),
    ("coorganisation", Role::Organizer),
    ("keynote speaker", Role::Speaker),
    ("guest speaker", Role::Speaker),
    ("invited speaker", Role::Speaker),
    ("intervenant principal", Role::Speaker),
    ("host country", Role::Host),
    ("pays hote", Role::Host),
    ("accueil", Role::Host),
    ("attendee", Role::Participant),
    ("delegate", Role::Participant),
    ("member", Role::Participant),
    ("membre", Role::Participant),
    ("delegue", Role::Participant),
    ("orateur", Role::Speaker),
    ("oratrice", Role::Speaker),
    ("panelist", Role::Speaker),
    ("paneliste", Role::Speaker),
    ("presenter", Role::Speaker),
    ("keynote", Role::Speaker),
    ("conferencier", Role::Speaker),
    ("co president", Role::Chair),
    ("copresident", Role::Chair),
    ("co chair", Role::Chair),
    ("cochair", Role::Chair),
    ("chairman", Role::Chair),
    ("chairwoman", Role::Chair),
    ("chairperson", Role::Chair),
    ("moderator", Role::Chair),
    ("moderateur", Role::Chair),
];

/// Damerau–Levenshtein distance (optimal string alignment) between two short
/// strings, by characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev2 = vec![0usize; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0usize; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The closest of `candidates` to `word` (both folded) within a third of the
/// word's length (at least 1, at most 3 edits); ties go to the first.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).clamp(1, 3);
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = edit_distance(word, c);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// The French names of the roles, as the interface's French catalogue writes
/// them (`crates/convene-core/src/i18n.rs`: hôte, organisateur, soutien,
/// président, intervenant, participant, observateur), with their feminine
/// forms, folded. Accepted like the English words: each is the role's own name,
/// not a synonym that may mean something else (a French analyst's sheet wrote
/// `hôte` and had the row refused).
const ROLE_FRENCH: &[(&str, Role)] = &[
    ("hote", Role::Host),
    ("hotesse", Role::Host),
    ("organisateur", Role::Organizer),
    ("organisatrice", Role::Organizer),
    ("soutien", Role::Supporter),
    ("president", Role::Chair),
    ("presidente", Role::Chair),
    ("intervenant", Role::Speaker),
    ("intervenante", Role::Speaker),
    ("participante", Role::Participant),
    ("observateur", Role::Observer),
    ("observatrice", Role::Observer),
];

/// A role cell: the role when it is one of [`Role::ALL`]'s words or their
/// French names (`ROLE_FRENCH`; any case and accents, singular or plural,
/// with French inclusive endings), else `Err` with a
/// suggestion: a known synonym (`sponsor` → supporter, `orateur` → speaker) or
/// the role within a few edits (`organzier` → organizer), or a synonym within a
/// few edits.
pub fn parse_role(text: &str) -> Result<Role, Option<Role>> {
    let k = key(text);
    for word in singulars(&k) {
        if let Some(r) = Role::parse(&word) {
            return Ok(r);
        }
        // The British spelling of a role's own name is that role, not a synonym.
        if word == "organiser" {
            return Ok(Role::Organizer);
        }
        if let Some((_, r)) = ROLE_FRENCH.iter().find(|(w, _)| *w == word) {
            return Ok(*r);
        }
    }
    // Synonyms in the plural too (`Co-hosts`, `keynote speakers`).
    for word in singulars(&k) {
        if let Some((_, r)) = ROLE_SYNONYMS.iter().find(|(w, _)| *w == word) {
            return Err(Some(*r));
        }
    }
    if let Some(w) = closest(&k, Role::ALL.iter().map(|r| r.as_str())) {
        return Err(Role::parse(w));
    }
    // A misspelt French name or synonym (`observatrise`) suggests its role.
    let words = || ROLE_FRENCH.iter().chain(ROLE_SYNONYMS);
    let near = closest(&k, words().map(|(w, _)| *w));
    Err(near.and_then(|w| words().find(|(s, _)| *s == w).map(|(_, r)| *r)))
}

/// A folded word, then its singular forms: without French inclusive endings
/// (`participant(e)`, `observateur·rice`, `intervenant.e.s`) and without a
/// plural `s` (`Hosts`, `Observateurs`, `organisatrices`): the plural of a
/// role's own name is that role, unlike a synonym.
fn singulars(word: &str) -> Vec<String> {
    let mut out = vec![word.to_string()];
    let mut bare = word.to_string();
    for ending in [
        "(e)s", "(es)", "(e)", "(s)", "·e·s", "·es", "·e", ".e.s", ".es", ".e", "·rice", "·ice",
    ] {
        if let Some(stem) = bare.strip_suffix(ending) {
            bare = stem.to_string();
            break;
        }
    }
    if bare != word {
        out.push(bare.clone());
    }
    if let Some(stem) = bare.strip_suffix('s').filter(|s| s.len() > 2) {
        out.push(stem.to_string());
    }
    out
}

/// Words accepted for each actor kind (folded), English and French. Unlike
/// roles, these are accepted: a kind is a classification, not a claim about an
/// event, and "organisation"/"pays" mean exactly the kind.
const KIND_WORDS: &[(&str, ActorKind)] = &[
    ("country", ActorKind::Country),
    ("state", ActorKind::Country),
    ("pays", ActorKind::Country),
    ("etat", ActorKind::Country),
    ("organization", ActorKind::Organization),
    ("organisation", ActorKind::Organization),
    ("org", ActorKind::Organization),
    ("international organization", ActorKind::Organization),
    ("international organisation", ActorKind::Organization),
    ("organisation internationale", ActorKind::Organization),
    ("io", ActorKind::Organization),
    ("oi", ActorKind::Organization),
    ("ngo", ActorKind::Organization),
    ("ong", ActorKind::Organization),
    ("agency", ActorKind::Organization),
    ("agence", ActorKind::Organization),
    ("ministry", ActorKind::Organization),
    ("ministere", ActorKind::Organization),
    ("company", ActorKind::Organization),
    ("entreprise", ActorKind::Organization),
    ("institution", ActorKind::Organization),
    // Kinds real sheets wrote (session 9's trial), read by their head word
    // too (`government department`, `service de police`, `force armée`).
    ("think tank", ActorKind::Organization),
    ("department", ActorKind::Organization),
    ("departement", ActorKind::Organization),
    ("body", ActorKind::Organization),
    ("office", ActorKind::Organization),
    ("service", ActorKind::Organization),
    ("army", ActorKind::Organization),
    ("armee", ActorKind::Organization),
    ("force", ActorKind::Organization),
    ("coalition", ActorKind::Organization),
    ("university", ActorKind::Organization),
    ("universite", ActorKind::Organization),
    ("foundation", ActorKind::Organization),
    ("fondation", ActorKind::Organization),
    ("association", ActorKind::Organization),
    ("network", ActorKind::Organization),
    ("reseau", ActorKind::Organization),
    ("expert", ActorKind::Person),
    ("experte", ActorKind::Person),
    ("researcher", ActorKind::Person),
    ("chercheur", ActorKind::Person),
    ("chercheuse", ActorKind::Person),
    ("person", ActorKind::Person),
    ("personne", ActorKind::Person),
    ("individual", ActorKind::Person),
    ("individu", ActorKind::Person),
    ("people", ActorKind::Person),
];

/// An actor-kind cell: the kind, or `Err` with the closest word's kind.
/// Besides `KIND_WORDS` (singular or plural), a longer kind is read by its
/// head word when that is one of them: the first in French (`organisation
/// régionale`, `État membre`, `ministère de la Défense`), the last in English
/// (`regional organization`, `member state`; not after `of`: a `head of
/// state` is a person, not a state).
///
/// ```
/// use convene_core::import::vocab::parse_kind;
/// use convene_core::ActorKind;
/// assert_eq!(parse_kind("Organisation non gouvernementale"), Ok(ActorKind::Organization));
/// assert_eq!(parse_kind("member states"), Ok(ActorKind::Country));
/// assert!(parse_kind("head of state").is_err());
/// ```
pub fn parse_kind(text: &str) -> Result<ActorKind, Option<ActorKind>> {
    let k = key(text);
    let find = |word: &str| {
        singulars(word).iter().find_map(|w| {
            KIND_WORDS
                .iter()
                .find(|(kw, _)| kw == w)
                .map(|(_, kind)| *kind)
        })
    };
    if let Some(kind) = find(&k) {
        return Ok(kind);
    }
    let words: Vec<&str> = k.split(' ').collect();
    if words.len() > 1 {
        let first = find(words[0]);
        let last = (!words.contains(&"of"))
            .then(|| find(words[words.len() - 1]))
            .flatten();
        if let Some(kind) = first.or(last) {
            return Ok(kind);
        }
    }
    let near = closest(&k, KIND_WORDS.iter().map(|(w, _)| *w));
    Err(near.and_then(|w| KIND_WORDS.iter().find(|(s, _)| *s == w).map(|(_, k)| *k)))
}

/// Words accepted for each event status (folded), English and French.
const STATUS_WORDS: &[(&str, EventStatus)] = &[
    ("held", EventStatus::Held),
    ("took place", EventStatus::Held),
    ("tenu", EventStatus::Held),
    ("tenue", EventStatus::Held),
    ("a eu lieu", EventStatus::Held),
    ("mentioned", EventStatus::Mentioned),
    ("mentionne", EventStatus::Mentioned),
    ("mentionnee", EventStatus::Mentioned),
    ("planned", EventStatus::Planned),
    ("announced", EventStatus::Planned),
    ("prevu", EventStatus::Planned),
    ("prevue", EventStatus::Planned),
    ("annonce", EventStatus::Planned),
    ("annoncee", EventStatus::Planned),
];

/// An event-status cell: the status, or `Err` with the closest word's status.
pub fn parse_status(text: &str) -> Result<EventStatus, Option<EventStatus>> {
    let k = key(text);
    if let Some((_, s)) = STATUS_WORDS.iter().find(|(w, _)| *w == k) {
        return Ok(*s);
    }
    let near = closest(&k, STATUS_WORDS.iter().map(|(w, _)| *w));
    Err(near.and_then(|w| STATUS_WORDS.iter().find(|(s, _)| *s == w).map(|(_, k)| *k)))
}

/// Countries by English or French name (ISO short names, official names, and a
/// few everyday ones: `Russia`, `UK`, `Corée du Sud`) or code, folded. Built
/// once per import (~1,400 names, well under a millisecond).
pub struct Countries {
    list: Vec<Country>,
    /// Folded names, in table order (for deterministic suggestions).
    names: Vec<(String, usize)>,
    by_name: HashMap<String, usize>,
    by_code: HashMap<String, usize>,
}

impl Default for Countries {
    fn default() -> Self {
        Countries::new()
    }
}

impl Countries {
    /// Builds the lookup from the ISO 3166-1 table (Debian iso-codes, see
    /// `scripts/gen-countries.py`).
    pub fn new() -> Countries {
        let mut list = Vec::new();
        let mut names = Vec::new();
        let mut derived = Vec::new();
        for (i, (c, others)) in table().enumerate() {
            list.push(c);
            for name in [c.english, c.french].into_iter().chain(others) {
                names.push((country_key(name), i));
                // "Bolivia (Plurinational State of)" also as "Bolivia".
                if let Some((head, _)) = name.split_once(" (") {
                    derived.push((country_key(head), i));
                }
                // "Korea, Republic of" also as "Republic of Korea".
                if let Some((head, tail)) = name.split_once(", ") {
                    derived.push((country_key(&format!("{tail} {head}")), i));
                }
            }
        }
        // Names as written win over forms derived from another country's
        // names: "Congo (Kinshasa)" (DR Congo) must not take plain "Congo",
        // which is the Republic of the Congo's name.
        names.extend(derived);
        let mut by_name = HashMap::default();
        for (n, i) in &names {
            by_name.entry(n.clone()).or_insert(*i);
        }
        let mut by_code = HashMap::default();
        for (i, c) in list.iter().enumerate() {
            by_code.insert(country_key(c.iso3), i);
            by_code.insert(country_key(c.alpha2), i);
        }
        Countries {
            list,
            names,
            by_name,
            by_code,
        }
    }

    /// The country a cell names: English or French name (any case or accents),
    /// or ISO 3166-1 alpha-2 or alpha-3 code (a name wins: none is a code).
    /// A cell with a part in parentheses that is not a name as a whole is read
    /// by that part, then by what precedes it: `Congo (RDC)` is DR Congo,
    /// `Germany (Federal Republic)` is Germany. For cells known to name a
    /// country (a host-country column, an actor of kind `country`).
    ///
    /// ```
    /// use convene_core::import::vocab::Countries;
    /// let c = Countries::new();
    /// assert_eq!(c.find("Maroc").unwrap().iso3, "MAR");
    /// assert_eq!(c.find("etats-unis").unwrap().iso3, "USA");
    /// assert_eq!(c.find("ci").unwrap().iso3, "CIV");
    /// assert_eq!(c.find("Congo (RDC)").unwrap().iso3, "COD");
    /// assert_eq!(c.find("Congo").unwrap().iso3, "COG");
    /// ```
    pub fn find(&self, text: &str) -> Option<Country> {
        self.lookup(text).or_else(|| {
            let (head, rest) = text.split_once('(')?;
            let (inner, _) = rest.split_once(')')?;
            if head.trim().is_empty() {
                return None;
            }
            self.lookup(inner).or_else(|| self.lookup(head))
        })
    }

    /// The country a cell names by name, or by an ISO alpha-3 code written in
    /// capitals (`USA`, `ESP`), but not by a two-letter code: for an actor
    /// whose kind is not given, where `AU` is more likely the African Union
    /// than Australia, and `EU` no country at all. The whole cell only:
    /// `Ministry of Interior (France)` is not France, nor `France (Ministry of
    /// Interior)`.
    pub fn find_by_name(&self, text: &str) -> Option<Country> {
        let text = text.trim();
        let alpha3 = text.len() == 3 && text.bytes().all(|b| b.is_ascii_uppercase());
        let key = country_key(text);
        self.by_name
            .get(&key)
            .or_else(|| alpha3.then(|| self.by_code.get(&key)).flatten())
            .map(|&i| self.list[i])
    }

    fn lookup(&self, text: &str) -> Option<Country> {
        let k = country_key(text);
        self.by_name
            .get(&k)
            .or_else(|| self.by_code.get(&k))
            .map(|&i| self.list[i])
    }

    /// The country whose name is closest to `text` (a few edits), for a
    /// "did you mean"; deterministic (the first in table order wins a tie).
    pub fn suggest(&self, text: &str) -> Option<Country> {
        let k = country_key(text);
        if k.chars().count() < 4 {
            return None;
        }
        let name = closest(&k, self.names.iter().map(|(n, _)| n.as_str()))?;
        self.by_name.get(name).map(|&i| self.list[i])
    }
}

/// A country name folded for matching: like a header, punctuation as spaces,
/// so "Côte d'Ivoire", "cote d ivoire" and "Cote-d'Ivoire" meet.
fn country_key(text: &str) -> String {
    let k = super::mapping::normalize_header(text);
    match k.strip_prefix("the ") {
        Some(rest) => rest.to_string(),
        None => k,
    }
}
