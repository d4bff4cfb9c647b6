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
    /// A weekday that is not the date's (`Tuesday, March 22, 2017`: a
    /// Wednesday): the day or the weekday is wrong, and which is not guessed.
    WrongWeekday {
        /// The date as written, without its weekday (`2017-03-22`).
        date: String,
        /// Its real weekday, in English (`Wednesday`).
        is: &'static str,
        /// The weekday written, in English (`Tuesday`).
        written: &'static str,
    },
    /// A year written with two digits (`21/03/17`, `Mar-17`): which century?
    TwoDigitYear,
    /// A bare number of five digits (`42815`): a spreadsheet's serial date,
    /// exported as a number; read in Excel's usual 1900 date system it is
    /// `date`, but the 1904 system (older Mac files) reads it four years later,
    /// so it is not guessed.
    SerialNumber {
        /// The 1900-system reading (`2017-03-21`).
        date: String,
    },
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
            DateProblem::WrongWeekday { date, is, written } => write!(
                f,
                "{date} is a {is}, not a {written}: is the day or the weekday wrong? Write the date as YYYY-MM-DD"
            ),
            DateProblem::TwoDigitYear => f.write_str("write the year with four digits"),
            DateProblem::SerialNumber { date } => write!(
                f,
                "a number, not a date: a spreadsheet's serial date ({date} in Excel's 1900 date system)? Format the column as dates before exporting, or write it as YYYY-MM-DD"
            ),
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

/// Weekday names, folded, English then French, Monday first: ignored before a
/// date (`Tuesday, March 21, 2017`, `mardi 21 mars 2017`: a spreadsheet's long
/// date format) when they agree with it. No French abbreviation: `mar.` is
/// March.
const WEEKDAYS: [&[&str]; 7] = [
    &["monday", "mon", "lundi"],
    &["tuesday", "tue", "tues", "mardi"],
    &["wednesday", "wed", "mercredi"],
    &["thursday", "thu", "thur", "thurs", "jeudi"],
    &["friday", "fri", "vendredi"],
    &["saturday", "sat", "samedi"],
    &["sunday", "sun", "dimanche"],
];

/// The weekday of a calendar date, 0 = Monday (Sakamoto's method).
fn weekday(year: i32, month: u8, day: u8) -> usize {
    const T: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if month < 3 { year - 1 } else { year };
    let sunday_first = (y + y / 4 - y / 100 + y / 400 + T[month as usize - 1] + day as i32) % 7;
    ((sunday_first + 6) % 7) as usize
}

/// The date `days` days after 1970-01-01 (Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    (year, month, day)
}

/// Whether `rest` (what follows an ISO date and a space or `T`) is a time of
/// day: `09:00`, `09:00:00.000Z`, `9:00 +01:00`, `09h00`, `9:00 AM`.
fn is_time_of_day(rest: &str) -> bool {
    let rest = rest.trim();
    let lower = rest.to_ascii_lowercase();
    let rest = ["am", "pm", "a.m.", "p.m."]
        .iter()
        .find_map(|m| lower.strip_suffix(m))
        .unwrap_or(&lower)
        .trim_end();
    rest.as_bytes().first().is_some_and(u8::is_ascii_digit)
        && rest.contains([':', 'h'])
        && rest.bytes().all(|b| b.is_ascii_digit() || b":.hz+- ".contains(&b))
        // Not a second date (`09:00 - 2017-03-23 17:00`).
        && !rest
            .as_bytes()
            .windows(5)
            .any(|w| w[..4].iter().all(u8::is_ascii_digit) && w[4] == b'-')
}

/// Drops a time of day written after a date: `09:00`, `9:00:00.000`, `9:00
/// AM`, `09h00` (French), with a `Z` or `+01:00` after it; the text as given
/// when it ends in no time.
fn drop_time(text: &str) -> &str {
    let mut t = text.trim_end();
    for meridiem in [" am", " pm", " a.m.", " p.m."] {
        let cut = t.len().saturating_sub(meridiem.len());
        if t.get(cut..)
            .is_some_and(|end| end.eq_ignore_ascii_case(meridiem))
        {
            t = &t[..cut];
            break;
        }
    }
    let Some(i) = t.rfind(' ') else {
        return text;
    };
    let last = &t.as_bytes()[i + 1..];
    let is_time = last.first().is_some_and(u8::is_ascii_digit)
        && last.iter().any(|b| matches!(b, b':' | b'h' | b'H'))
        && last
            .iter()
            .all(|b| b.is_ascii_digit() || b":.hHzZ+-".contains(b));
    if is_time {
        t[..i].trim_end().trim_end_matches(',')
    } else {
        text
    }
}

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
    // Only a time is dropped: `2017-03-21 - 2017-03-23` or `2017-03-21 tbc`
    // must not read as 2017-03-21 (they are a range, and a problem).
    let text = match text.find([' ', 'T']) {
        Some(i)
            if text[..i].len() == 10
                && text.as_bytes().get(4) == Some(&b'-')
                && is_time_of_day(&text[i + 1..]) =>
        {
            &text[..i]
        }
        _ => drop_time(text),
    };
    match PartialDate::parse(text) {
        Ok(date) => return Ok(date),
        Err(DateError::Impossible) => return Err(DateProblem::Impossible),
        Err(DateError::Malformed) => {}
    }
    let folded = fold(text);
    // `21-Mar-2017`, `Mar-17`: Excel's dd-mmm-yyyy and mmm-yy formats.
    let words: Vec<&str> = folded
        .split(|c: char| c.is_whitespace() || c == ',' || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    let has_letters = folded.chars().any(|c| c.is_alphabetic());
    if !has_letters {
        if folded.len() == 8 && folded.bytes().all(|b| b.is_ascii_digit()) {
            // ISO 8601's basic format, `20170321`.
            let n = |r: std::ops::Range<usize>| folded[r].parse::<u32>().ok();
            if let (Some(y), Some(m), Some(d)) = (n(0..4), n(4..6), n(6..8)) {
                return make(y, Some(m), Some(d));
            }
        }
        if folded.len() == 5
            && folded.bytes().all(|b| b.is_ascii_digit())
            && !folded.starts_with('0')
        {
            // Excel's 1900 system: day 1 is 1900-01-01 and counts a 29
            // February 1900 that did not exist, so from day 61 on, serial n is
            // n days after 1899-12-30 (25,569 days before 1970-01-01).
            let serial: i64 = folded.parse().unwrap_or(0);
            let (y, m, d) = civil_from_days(serial - 25_569);
            return Err(DateProblem::SerialNumber {
                date: PartialDate {
                    year: y,
                    month: Some(m),
                    day: Some(d),
                }
                .to_string(),
            });
        }
        let parts: Vec<&str> = folded.split(['/', '.', '-']).collect();
        let nums: Option<Vec<u32>> = parts.iter().map(|p| number(p)).collect();
        let Some(nums) = nums else {
            return Err(DateProblem::Malformed);
        };
        // `2017-3-21`, `2017/03/21`, `2017.03.21`: year first (before the
        // two-digit check, which reads the last part as the year).
        if parts.len() == 3 && parts[0].len() == 4 && parts[1].len() <= 2 && parts[2].len() <= 2 {
            return make(nums[0], Some(nums[1]), Some(nums[2]));
        }
        let year_len = parts.last().map_or(0, |p| p.len());
        if parts.len() >= 2 && year_len == 2 {
            return Err(DateProblem::TwoDigitYear);
        }
        if parts.len() >= 2 && year_len != 4 {
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
    let mut named_weekday = None;
    for (i, w) in words.iter().enumerate() {
        let bare = w.trim_end_matches('.');
        // French writes an article before the day: `le 21 mars 2017`,
        // `le mardi 21 mars 2017`.
        if i == 0 && bare == "le" && words.len() > 1 {
            continue;
        }
        if let Some(d) = WEEKDAYS.iter().position(|names| names.contains(&bare)) {
            if named_weekday.replace(d).is_some() {
                return Err(DateProblem::Malformed);
            }
            continue;
        }
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
    let date = match (month, year) {
        (Some(m), Some(y)) => make(y, Some(m as u32), day)?,
        // `Mar-17`, `March 17`: a two-digit year (or none).
        (Some(_), None) if day.is_some() => return Err(DateProblem::TwoDigitYear),
        _ => return Err(DateProblem::Malformed),
    };
    match (named_weekday, date.month, date.day) {
        (Some(w), Some(m), Some(d)) if weekday(date.year, m, d) != w => {
            const NAMES: [&str; 7] = [
                "Monday",
                "Tuesday",
                "Wednesday",
                "Thursday",
                "Friday",
                "Saturday",
                "Sunday",
            ];
            Err(DateProblem::WrongWeekday {
                date: date.to_string(),
                is: NAMES[weekday(date.year, m, d)],
                written: NAMES[w],
            })
        }
        (Some(_), _, None) => Err(DateProblem::Malformed),
        _ => Ok(date),
    }
}

/// Reads a date cell that may hold a range: a date as [`parse_date`] reads it
/// (no end), or a first and a last day, the first completed from the last when
/// it leaves out what they share: `21-23 March 2017`, `21–23/03/2017`,
/// `21 March - 2 April 2017`, `March-April 2017`, `du 21 au 23 mars 2017`,
/// `21/03/2017 - 23/03/2017`, `2017-03-21/2017-03-23` (ISO 8601). An end
/// before the start is the caller's to report.
///
/// ```
/// use convene_core::import::dates::parse_date_range;
/// let (start, end) = parse_date_range("21-23 March 2017").unwrap();
/// assert_eq!((start.to_string(), end.unwrap().to_string()), ("2017-03-21".into(), "2017-03-23".into()));
/// assert_eq!(parse_date_range("2017").unwrap().1, None);
/// ```
pub fn parse_date_range(text: &str) -> Result<(PartialDate, Option<PartialDate>), DateProblem> {
    let problem = match parse_date(text) {
        Ok(date) => return Ok((date, None)),
        Err(p) => p,
    };
    // `2017-03-21/2017-03-23` reads as a malformed date with a two-digit
    // year: try it as a range, but keep a real problem when it is not one.
    if !matches!(problem, DateProblem::Malformed | DateProblem::TwoDigitYear) {
        return Err(problem);
    }
    let lower = lower(text.trim());
    // `March 21-23, 2017` (American order): the days between the month and
    // the year; read as `21-23 March 2017`.
    if let Some(range) = month_days_year(&lower) {
        return parse_date_range(&range);
    }
    // A side's own problem (`03/04/2017 - 05/04/2017` is ambiguous) beats
    // "malformed" for the whole.
    let mut side_problem = None;
    for sep in [
        " - ", " – ", " — ", "–", "—", " to ", " au ", " until ", "/", "-",
    ] {
        for (i, _) in lower.match_indices(sep) {
            // Cut `text` where `lower` is cut: lowercasing may change lengths.
            let (Some(first), Some(last)) = (lower.get(..i), lower.get(i + sep.len()..)) else {
                continue;
            };
            let first = first.trim();
            let first = ["du ", "from ", "between "]
                .iter()
                .find_map(|p| first.strip_prefix(p))
                .unwrap_or(first)
                .trim();
            let end = match parse_date(last) {
                Ok(end) => end,
                Err(DateProblem::Malformed) => continue,
                Err(p) => {
                    side_problem.get_or_insert(p);
                    continue;
                }
            };
            let start = parse_date(first).or_else(|_| complete(first, &end));
            if let Ok(start) = start {
                if start.month.is_some() == end.month.is_some()
                    && start.day.is_some() == end.day.is_some()
                {
                    return Ok((start, Some(end)));
                }
            }
        }
    }
    match problem {
        DateProblem::Malformed => Err(side_problem.unwrap_or(problem)),
        _ => Err(problem),
    }
}

/// `text` lower-cased a character at a time (`search::lower`, which is
/// `char::to_lowercase` from a smaller table). `str::to_lowercase` differs only
/// for a capital sigma at the end of a word, which no date holds, and would add
/// its own 3.7 KB to the app's wasm (issue 18); the test below checks the two agree.
fn lower(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        crate::search::lower(c, &mut out);
    }
    out
}

/// `march 21-23, 2017` (or `march 21 - 23 2017`, an en dash) as `21-23 march
/// 2017`; `None` for any other form.
fn month_days_year(lower: &str) -> Option<String> {
    let (month, rest) = lower.split_once(' ')?;
    month_number(month.trim_end_matches('.'))?;
    let (days, year) = rest.trim().rsplit_once([',', ' '])?;
    let year = year.trim();
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let days = days.trim().trim_end_matches(',');
    let (first, last) = days.split_once(['-', '\u{2013}'])?;
    fn day(d: &str) -> Option<&str> {
        let d = d.trim();
        (!d.is_empty() && d.len() <= 2 && d.bytes().all(|b| b.is_ascii_digit())).then_some(d)
    }
    Some(format!("{}-{} {month} {year}", day(first)?, day(last)?))
}

/// The first day of a range written short (`21` in `21-23 March 2017`,
/// `21 March` in `21 March - 2 April 2017`, `March` in `March-April 2017`),
/// taking what it leaves out from the last day.
fn complete(first: &str, end: &PartialDate) -> Result<PartialDate, DateProblem> {
    let day = first.trim_end_matches("er");
    if let (Some(n), Some(month)) = (number(day).filter(|_| day.len() <= 2), end.month) {
        if end.day.is_some() {
            return make(end.year as u32, Some(u32::from(month)), Some(n));
        }
    }
    if first.chars().any(char::is_alphabetic) && end.month.is_some() {
        return parse_date(&format!("{first} {}", end.year));
    }
    Err(DateProblem::Malformed)
}

#[cfg(test)]
mod tests {
    #[test]
    fn lower_agrees_with_str_to_lowercase() {
        for text in [
            "21-23 MARCH 2017",
            "Du 3 au 5 FÉVRIER 2019",
            "March 21–23, 2017",
            "ÉTÉ 2018 — AOÛT",
            "İSTANBUL, 2 Haziran 2015",
            "ΣΕΠΤΕΜΒΡΙΟΥ 2016",
            "\u{10400}",
            "",
        ] {
            assert_eq!(super::lower(text), text.to_lowercase(), "{text:?}");
        }
    }
}
