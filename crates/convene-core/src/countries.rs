//! ISO 3166-1 countries: codes and English and French names, from Debian's
//! iso-codes (`scripts/gen-countries.py` writes `countries/table.rs`).
//!
//! Reference data, not an import rule, so it sits in the lowest layer: the model
//! names imported host countries from it (`Dataset::country_names`) and the import
//! recognises countries by it (`import::vocab::Countries`).

mod table;

use table::COUNTRIES;

/// A country of ISO 3166-1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Country {
    /// Alpha-2 code (`FR`).
    pub alpha2: &'static str,
    /// Alpha-3 code (`FRA`), what convene/1 stores.
    pub iso3: &'static str,
    /// English short name (`France`).
    pub english: &'static str,
    /// French short name (`France`).
    pub french: &'static str,
}

/// Each line of the table: the country and its other names.
pub(crate) fn table() -> impl Iterator<Item = (Country, std::str::Split<'static, char>)> {
    COUNTRIES.lines().filter_map(|line| {
        let mut fields = line.split('|');
        let country = Country {
            alpha2: fields.next()?,
            iso3: fields.next()?,
            english: fields.next()?,
            french: fields.next()?,
        };
        Some((country, fields))
    })
}

/// Every ISO 3166-1 country in the table, by alpha-3 code.
pub fn all_countries() -> impl Iterator<Item = Country> {
    table().map(|(c, _)| c)
}
