//! Dates as spreadsheets write them, read at their precision into a
//! [`PartialDate`]; an ambiguous day/month order is reported, never guessed.

use std::fmt;

use crate::model::{days_in_month, DateError, PartialDate};
use crate::search::fold;

/// Why a date cell could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateProblem {
    /// Not a form this reader knows.
    Malformed,
    /// `03/04/2017`: both numbers could be the month.
    Ambiguous {
        /// The reading as day/month (`2017-04-03`).
        day_first: String,
        /// The reading as month/day (`2017-03-04`).
        month_first: String,
    },
    /// A well-formed date that does not exist (`31/04/2017`, `2017-13`).
    Impossible,
    /// A year written with two digits (`21/03/17`): which century?
    TwoDigitYear,
}

impl fmt::Display for DateProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateProblem::Malformed => f.write_str(
                "expected a date like 2017-03-21, 21/03/2017, 21.03.2017, March 2017, mars 2017, 2017-03 or 2017",
            ),
            DateProblem::Ambiguous { day_first, month_first } => write!(
                f,
                "ambiguous: {day_first} (day/month) or {month_first} (month/day)? Write it as YYYY-MM-DD"
            ),
            DateProblem::Impossible => f.write_str("no such calendar date"),
            DateProblem::TwoDigitYear => f.write_str("write the year with four digits"),
        }
    }
}

/// Month names and abbreviations, folded: English, then French. `mar` is
/// English March (French abbreviates mars as `mars`).
const MONTHS: [&[&str]; 12] = [
    &["january", "jan", "janvier", "janv"],
    &["february", "feb", "fevrier", "fevr", "fev"],
    &["march", "mar", "mars"],
    &["april", "apr", "avril", "avr"],
    &["may", "mai"],
    &["june", "jun", "juin"],
    &["july", "jul", "juillet", "juil"],
    &["august", "aug", "aout"],
    &["september", "sep", "sept", "septembre"],
    &["october", "oct", "octobre"],
    &["november", "nov", "novembre"],
    &["december", "dec", "decembre"],
];

fn month_number(word: &str) -> Option<u8> {
    let word = word.trim_end_matches('.');
    MONTHS
        .iter()
        .position(|names| names.contains(&word))
        .map(|i| i as u8 + 1)
}

fn number(text: &str) -> Option<u32> {
    if text.is_empty() || text.len() > 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn make(year: u32, month: Option<u32>, day: Option<u32>) -> Result<PartialDate, DateProblem> {
    let year = year as i32;
    if let Some(m) = month {
        if !(1..=12).contains(&m) {
            return Err(DateProblem::Impossible);
        }
        if let Some(d) = day {
            if d < 1 || d > days_in_month(year, m as u8) as u32 {
                return Err(DateProblem::Impossible);
            }
        }
    }
    Ok(PartialDate {
        year,
        month: month.map(|m| m as u8),
        day: day.map(|d| d as u8),
    })
}

/// Reads a date cell at its precision:
/// - ISO 8601: `2017`, `2017-03`, `2017-03-21` (a time after it, `2017-03-21
///   09:00` or `T09:00`, as spreadsheets export date-times, is ignored);
/// - day, month and year with `/` or `-`: `21/03/2017`, `21-03-2017`; month
///   first (`03/21/2017`) when the first number cannot be a month; when both
///   could be (`03/04/2017`, unless equal) it is [`DateProblem::Ambiguous`];
///   with dots always day first (`03.04.2017` is 3 April: no locale writes
///   month.day.year); `03/2017` is a month;
/// - month names in English or French, full or abbreviated, any case and
///   accents: `March 2017`, `mars 2017`, `Mar. 2017`, `21 March 2017`,
///   `1er mars 2017`, `March 21, 2017`.
///
/// Two-digit years are refused ([`DateProblem::TwoDigitYear`]).
///
/// ```
/// use convene_core::import::dates::{parse_date, DateProblem};
/// assert_eq!(parse_date("21/03/2017").unwrap().to_string(), "2017-03-21");
/// assert_eq!(parse_date("mars 2017").unwrap().to_string(), "2017-03");
/// assert!(matches!(parse_date("03/04/2017"), Err(DateProblem::Ambiguous { .. })));
/// ```
pub fn parse_date(text: &str) -> Result<PartialDate, DateProblem> {
    let text = text.trim();
    // Drop a time part: "2017-03-21 09:00:00", "2017-03-21T09:00".
    let text = match text.find([' ', 'T']) {
        Some(i) if text[..i].len() == 10 && text.as_bytes().get(4) == Some(&b'-') => &text[..i],
        _ => text,
    };
    match PartialDate::parse(text) {
        Ok(date) => return Ok(date),
        Err(DateError::Impossible) => return Err(DateProblem::Impossible),
        Err(DateError::Malformed) => {}
    }
    let folded = fold(text);
    let words: Vec<&str> = folded
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let has_letters = folded.chars().any(|c| c.is_alphabetic());
    if !has_letters {
        let parts: Vec<&str> = folded.split(['/', '.', '-']).collect();
        let nums: Option<Vec<u32>> = parts.iter().map(|p| number(p)).collect();
        let Some(nums) = nums else {
            return Err(DateProblem::Malformed);
        };
        let year_len = parts.last().map_or(0, |p| p.len());
        if parts.len() >= 2 && year_len == 2 {
            return Err(DateProblem::TwoDigitYear);
        }
        if parts.len() >= 2 && year_len != 4 {
            // `2017-3-21`, `2017/03/21`: year first.
            if parts.len() == 3 && parts[0].len() == 4 && parts[1].len() <= 2 && parts[2].len() <= 2
            {
                return make(nums[0], Some(nums[1]), Some(nums[2]));
            }
            return Err(DateProblem::Malformed);
        }
        return match nums.as_slice() {
            [m, y] if parts[0].len() <= 2 => make(*y, Some(*m), None),
            [a, b, y] if parts[0].len() <= 2 && parts[1].len() <= 2 => {
                let (a, b, y) = (*a, *b, *y);
                if folded.contains('.') {
                    // Dots are day-first wherever they are written (DIN 5008,
                    // French, Swiss usage); no locale writes month.day.year.
                    make(y, Some(b), Some(a))
                } else if a > 12 {
                    make(y, Some(b), Some(a))
                } else if b > 12 || a == b {
                    // Month first (US), or both readings agree.
                    make(y, Some(a), Some(b))
                } else {
                    let day_first = make(y, Some(b), Some(a))?;
                    let month_first = make(y, Some(a), Some(b))?;
                    Err(DateProblem::Ambiguous {
                        day_first: day_first.to_string(),
                        month_first: month_first.to_string(),
                    })
                }
            }
            _ => Err(DateProblem::Malformed),
        };
    }
    // Words: find the month name, a four-digit year, and at most one day.
    let mut month = None;
    let mut year = None;
    let mut day = None;
    for w in &words {
        if let Some(m) = month_number(w) {
            if month.replace(m).is_some() {
                return Err(DateProblem::Malformed);
            }
            continue;
        }
        let digits = w
            .trim_end_matches("er")
            .trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']);
        let Some(n) = number(digits) else {
            return Err(DateProblem::Malformed);
        };
        if digits.len() == 4 {
            if year.replace(n).is_some() {
                return Err(DateProblem::Malformed);
            }
        } else if digits.len() <= 2 && day.is_none() {
            day = Some(n);
        } else {
            return Err(DateProblem::Malformed);
        }
    }
    match (month, year) {
        (Some(m), Some(y)) => make(y, Some(m as u32), day),
        (Some(_), None) if day.is_some_and(|d| d > 31) => Err(DateProblem::TwoDigitYear),
        _ => Err(DateProblem::Malformed),
    }
}
