//! The interface language on the page: which one (the URL's `lang=`, else the
//! browser's preferences), its words from the core's catalogues, and numbers,
//! dates and plurals formatted by the browser's `Intl` (no locale tables in the
//! wasm).
//!
//! The language is chosen once per page load and kept here; switching language
//! loads the page again at the new URL (a rare action, and it keeps every
//! component a plain function of the catalogue instead of a signal per string).

use std::cell::{Cell, RefCell};

use convene_core::i18n::{
    english_entries, parse_catalogue, plural_form, Key, Lang, PluralCategory,
};
use convene_core::model::PartialDate;
use convene_core::view::Notice;
use js_sys::{Array, Date, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

thread_local! {
    static LANG: Cell<Lang> = const { Cell::new(Lang::En) };
    /// The page language's catalogue, split once; English until [`load`] sets
    /// another.
    static ENTRIES: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
    /// Why the catalogue asked for could not be used (`lang=`, its file, why).
    static PROBLEM: RefCell<Option<Notice>> = const { RefCell::new(None) };
    static NUMBERS: RefCell<Option<Intl::NumberFormat>> = const { RefCell::new(None) };
    static PLURALS: RefCell<Option<Intl::PluralRules>> = const { RefCell::new(None) };
    /// Date formatters by precision (`[year, year-month, _, year-month-day]`):
    /// building an `Intl.DateTimeFormat` costs about 0.1 ms, and an event list
    /// formats dozens of dates per facet click (issue 18: 2.9 ms of a 25 ms click).
    static DATES: RefCell<[Option<Intl::DateTimeFormat>; 4]> = const { RefCell::new([None, None, None, None]) };
}

/// The page's language: `lang=` if the URL names one, else the first of en, fr,
/// ar in `navigator.languages`, else English. Its words come with [`load`].
pub fn choose(from_url: Option<Lang>) -> Lang {
    from_url.unwrap_or_else(|| {
        let preferred: Vec<String> = web_sys::window()
            .map(|w| w.navigator().languages())
            .map(|list| list.iter().filter_map(|v| v.as_string()).collect())
            .unwrap_or_default();
        Lang::from_browser(preferred.iter().map(String::as_str))
    })
}

/// Where the app fetches `lang`'s catalogue, relative to the page (written by
/// `convene_core::i18n::catalogue_file`; English is built in). Fetched, not
/// compiled in: the French and Arabic catalogues were about 3 KB of the app's
/// brotli bytes that an English page never uses (issue 18, session 21).
pub fn catalogue_url(lang: Lang) -> String {
    format!("i18n/{}.txt", lang.as_str())
}

/// Makes `lang` the page's language: English at once; another language once its
/// catalogue is fetched and read ([`catalogue_url`]). When that fails (no
/// answer, an error status, a file for another version), the page stays in
/// English and [`catalogue_notice`] says what failed and where.
pub async fn load(lang: Lang) {
    if lang == Lang::En {
        set_english();
        return;
    }
    let url = catalogue_url(lang);
    let read = match crate::sources::fetch_text(&url).await {
        // Kept for the page's life: the language is chosen once per page load.
        Ok(text) => {
            parse_catalogue(lang, Box::leak(text.into_boxed_str())).map_err(|e| e.to_string())
        }
        Err(err) => Err(err),
    };
    match read {
        Ok(entries) => set(lang, entries),
        Err(why) => {
            set(Lang::En, english_entries());
            PROBLEM.with(|p| {
                *p.borrow_mut() = Some(Notice {
                    param: "lang".into(),
                    value: lang.as_str().into(),
                    message: format!(
                        "the {} texts could not be read from {url} ({why}); the page is in English",
                        lang.english_name()
                    ),
                    adjusted: true,
                })
            });
        }
    }
}

/// Why the language asked for is not the page's, when its catalogue could not
/// be used ([`load`]): shown with the URL's other notices.
pub fn catalogue_notice() -> Option<Notice> {
    PROBLEM.with(|p| p.borrow().clone())
}

/// Makes English the page's language (what [`load`] does for it, at once).
pub fn set_english() {
    set(Lang::En, english_entries());
}

/// Sets the page's language and its words, and `<html lang dir>`.
fn set(lang: Lang, entries: Vec<&'static str>) {
    LANG.with(|l| l.set(lang));
    ENTRIES.with(|e| *e.borrow_mut() = entries);
    NUMBERS.with(|n| n.borrow_mut().take());
    PLURALS.with(|p| p.borrow_mut().take());
    DATES.with(|d| *d.borrow_mut() = Default::default());
    if let Some(html) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = html.set_attribute("lang", lang.as_str());
        let _ = html.set_attribute("dir", lang.dir());
    }
}

/// The page's language.
pub fn lang() -> Lang {
    LANG.with(Cell::get)
}

/// The words for `key` in the page's language (English before [`load`]).
pub fn t(key: Key) -> &'static str {
    ENTRIES.with(|e| {
        let mut e = e.borrow_mut();
        if e.is_empty() {
            *e = english_entries();
        }
        e.get(key as usize).copied().unwrap_or("")
    })
}

/// A set of roles in words, in the page's language: "host, speaker", "مضيف، متحدث".
pub fn describe_roles(roles: convene_core::model::RoleSet) -> String {
    roles
        .iter()
        .map(|r| t(Key::role(r)))
        .collect::<Vec<_>>()
        .join(lang().list_separator())
}

/// `key`'s template filled with `values` (plain text, for attributes).
pub fn tf(key: Key, values: &[(&str, &str)]) -> String {
    convene_core::i18n::fill(t(key), values)
}

/// `tf` for visible text that cannot hold `<bdi>` elements (text that search
/// highlighting splits): in Arabic each value is wrapped in Unicode's first-strong
/// isolate (U+2068 … U+2069), the plain-text twin of `<bdi>`.
pub fn tf_isolated(key: Key, values: &[(&str, &str)]) -> String {
    if lang() != Lang::Ar {
        return tf(key, values);
    }
    let isolated: Vec<(&str, String)> = values
        .iter()
        .map(|(name, value)| (*name, format!("\u{2068}{value}\u{2069}")))
        .collect();
    let pairs: Vec<(&str, &str)> = isolated.iter().map(|(n, v)| (*n, v.as_str())).collect();
    tf(key, &pairs)
}

/// The locale given to `Intl`: British English (day month year, as the app has
/// always written dates), French, Arabic.
fn locales() -> Array {
    let tag = match lang() {
        Lang::En => "en-GB",
        other => other.as_str(),
    };
    Array::of1(&JsValue::from_str(tag))
}

/// Whether `Intl` can be called: js-sys's imports panic when the app's unit tests
/// run natively (`cargo test`), so there numbers, dates and plurals fall back to
/// plain forms (digits, ISO 8601 dates, English plurals) instead of every caller
/// carrying its own `cfg`.
const HAS_INTL: bool = cfg!(target_arch = "wasm32");

/// `n` as the page's language writes numbers (`12,345`, `12 345`, `١٢٬٣٤٥`).
pub fn num(n: usize) -> String {
    if !HAS_INTL {
        return n.to_string();
    }
    NUMBERS.with(|cell| {
        let mut cell = cell.borrow_mut();
        let format = cell.get_or_insert_with(|| {
            // Digits grouped from five on ("1134", "12,345"; French "12 345"): counts
            // of four digits read as before in every language.
            let options = Object::new();
            let _ = Reflect::set(
                &options,
                &JsValue::from_str("useGrouping"),
                &JsValue::from_str("min2"),
            );
            Intl::NumberFormat::new(&locales(), &options)
        });
        format
            .format()
            .call1(&JsValue::NULL, &JsValue::from_f64(n as f64))
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_else(|| n.to_string())
    })
}

/// The plural category of `n` in the page's language (`Intl.PluralRules`).
fn category(n: usize) -> PluralCategory {
    if !HAS_INTL {
        return if n == 1 {
            PluralCategory::One
        } else {
            PluralCategory::Other
        };
    }
    PLURALS.with(|cell| {
        let mut cell = cell.borrow_mut();
        let rules = cell.get_or_insert_with(|| Intl::PluralRules::new(&locales(), &Object::new()));
        PluralCategory::parse(&String::from(rules.select(n as f64)))
    })
}

/// A plural entry's form for `n`, with `{n}` as the browser writes `n` and the
/// other `values` filled in.
pub fn plural(key: Key, n: usize, values: &[(&str, &str)]) -> String {
    let form = plural_form(t(key), category(n));
    let shown = num(n);
    let mut all = vec![("n", shown.as_str())];
    all.extend_from_slice(values);
    convene_core::i18n::fill(form, &all)
}

/// Capitalises the first letter (`host` → `Host`, `état` → `État`; Arabic has no
/// case) with the browser's Unicode case mapping (`String.prototype.toUpperCase`):
/// Rust's `char::to_uppercase` would ship its own 12 KB case table in the wasm
/// (issue 18). tests/web.rs checks it against `char::to_uppercase`.
pub fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let mut utf8 = [0u8; 4];
    let upper = js_sys::JsString::from(&*first.encode_utf8(&mut utf8)).to_upper_case();
    String::from(upper) + chars.as_str()
}

/// `text` lower-cased with the browser's Unicode case mapping
/// (`String.prototype.toLowerCase`, locale-independent as Rust's is), so the
/// wasm ships no `str::to_lowercase` (3.7 KB, issue 18). tests/web.rs checks it
/// against `str::to_lowercase`.
pub fn lowered(text: &str) -> String {
    String::from(js_sys::JsString::from(text).to_lower_case())
}

/// A date formatter for the page's language, in UTC, with `Intl` options
/// `year: numeric` plus `month: long` and `day: numeric` as asked.
fn date_format(month: bool, day: bool) -> Intl::DateTimeFormat {
    let slot = usize::from(month) + 2 * usize::from(day);
    DATES.with(|d| {
        d.borrow_mut()[slot]
            .get_or_insert_with(|| new_date_format(month, day))
            .clone()
    })
}

fn new_date_format(month: bool, day: bool) -> Intl::DateTimeFormat {
    let options = Object::new();
    let set = |name: &str, value: &str| {
        let _ = Reflect::set(
            &options,
            &JsValue::from_str(name),
            &JsValue::from_str(value),
        );
    };
    set("timeZone", "UTC");
    set("year", "numeric");
    if month {
        set("month", "long");
    }
    if day {
        set("day", "numeric");
    }
    Intl::DateTimeFormat::new(&locales(), &options)
}

fn js_date(date: &PartialDate) -> Date {
    let month = f64::from(date.month.unwrap_or(1)) - 1.0;
    let ms = Date::utc(f64::from(date.year), month);
    let day = f64::from(date.day.unwrap_or(1)) - 1.0;
    Date::new(&JsValue::from_f64(ms + day * 86_400_000.0))
}

/// A date at its precision, as the page's language writes it: "2017",
/// "March 2017", "21 March 2017"; "mars 2017"; "مارس ٢٠١٧".
pub fn date(date: &PartialDate) -> String {
    if !HAS_INTL {
        return date.to_string();
    }
    let format = date_format(
        date.month.is_some(),
        date.day.is_some() && date.month.is_some(),
    );
    format
        .format()
        .call1(&JsValue::NULL, &js_date(date))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| date.year.to_string())
}

/// A range of dates: "21–23 March 2017" (`Intl.DateTimeFormat.formatRange`,
/// which writes the shared month and year once) when both ends have the same
/// precision, else "start – end".
pub fn date_range(start: &PartialDate, end: &PartialDate) -> String {
    let same_precision =
        start.month.is_some() == end.month.is_some() && start.day.is_some() == end.day.is_some();
    if same_precision && HAS_INTL {
        let format = date_format(start.month.is_some(), start.day.is_some());
        if let Ok(text) = format.format_range(&js_date(start), &js_date(end)) {
            return String::from(text);
        }
    }
    format!("{} – {}", date(start), date(end))
}
