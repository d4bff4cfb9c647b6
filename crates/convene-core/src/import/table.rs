//! A spreadsheet exported as CSV or TSV, read into a [`Table`]: RFC 4180 quoting
//! (fields in `"`, quotes doubled, line breaks allowed inside quotes), parsed by
//! `csv-core` (see the crate's Cargo.toml for why not `csv`), with the delimiter
//! sniffed among `,`, `;` and tab.

/// The delimiters a spreadsheet writes: comma (English locales), semicolon
/// (French and other locales with a decimal comma), tab (TSV, copy-paste).
pub const DELIMITERS: [u8; 3] = [b',', b';', b'\t'];

/// How many lines the delimiter sniffer looks at.
const SNIFF_LINES: usize = 20;

/// Picks the delimiter of a CSV/TSV text: for each of [`DELIMITERS`], its count
/// outside quotes on each of the first 20 lines (a quoted line break does not end
/// a line); the winner occurs on the header line and has the same count on the
/// most lines, ties broken by the larger count, then by the order of
/// [`DELIMITERS`]. A text with none of them (one column) reads as `,`.
///
/// ```
/// use convene_core::import::table::sniff_delimiter;
/// assert_eq!(sniff_delimiter("événement;acteur;rôle\n\"A, B\";C;host\n"), b';');
/// assert_eq!(sniff_delimiter("event\tactor\nA\tB\n"), b'\t');
/// ```
pub fn sniff_delimiter(text: &str) -> u8 {
    let mut counts: Vec<[usize; 3]> = Vec::new();
    let mut line = [0usize; 3];
    let mut quoted = false;
    let mut has_content = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => {
                if has_content {
                    counts.push(line);
                    if counts.len() == SNIFF_LINES {
                        break;
                    }
                }
                line = [0; 3];
                has_content = false;
                continue;
            }
            _ if !quoted => {
                if let Some(i) = DELIMITERS.iter().position(|&d| d == b) {
                    line[i] += 1;
                }
            }
            _ => {}
        }
        if b != b'\r' {
            has_content = true;
        }
    }
    if has_content && counts.len() < SNIFF_LINES {
        counts.push(line);
    }
    let Some(header) = counts.first() else {
        return b',';
    };
    let mut best = (0usize, 0usize, b',');
    for (i, &d) in DELIMITERS.iter().enumerate() {
        let n = header[i];
        if n == 0 {
            continue;
        }
        let consistent = counts.iter().filter(|c| c[i] == n).count();
        if (consistent, n) > (best.0, best.1) {
            best = (consistent, n, d);
        }
    }
    best.2
}

/// Excel's delimiter line: a first line `sep=;` (or `sep=,`, `sep=|`, ...,
/// also quoted, `"sep=;"`) names the delimiter and is not data; Excel writes
/// it to make a file open with the same delimiter in any locale, and does not
/// show it, so the header below it is row 1. Returns the delimiter and the
/// text after that line, or `None` when the first line is not one.
///
/// ```
/// use convene_core::import::table::split_sep_line;
/// assert_eq!(split_sep_line("sep=;\r\nevent;actor\r\n"), Some((b';', "event;actor\r\n")));
/// assert_eq!(split_sep_line("\"SEP=|\"\nevent|actor"), Some((b'|', "event|actor")));
/// assert_eq!(split_sep_line("separator;event\n"), None);
/// ```
pub fn split_sep_line(text: &str) -> Option<(u8, &str)> {
    let (line, rest) = match text.find('\n') {
        Some(i) => (&text[..i], &text[i + 1..]),
        None => (text, ""),
    };
    let line = line.trim_end_matches('\r');
    let line = line
        .strip_prefix('"')
        .and_then(|l| l.strip_suffix('"'))
        .unwrap_or(line);
    let delimiter = match line.as_bytes() {
        [s, e, p, b'=', d] if [*s, *e, *p].eq_ignore_ascii_case(b"sep") => *d,
        _ => return None,
    };
    let usable = (delimiter.is_ascii_punctuation() && delimiter != b'"') || delimiter == b'\t';
    usable.then_some((delimiter, rest))
}

/// A table of text cells: a header row and data rows, stored flat (one string
/// for every cell, one end offset per cell) so that a 100k-row file costs three
/// allocations, not a million.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Where the table came from (a file name, "pasted data"), for messages.
    pub name: String,
    /// The delimiter it was read with.
    pub delimiter: u8,
    /// The header row's cells, trimmed.
    pub headers: Vec<String>,
    /// Every data cell's text, concatenated.
    text: String,
    /// End offset in `text` of each cell.
    ends: Vec<usize>,
    /// Index in `ends` of each data row's first cell, plus one past the last.
    rows: Vec<usize>,
    /// Each data row's number as a spreadsheet shows it (the header is row 1;
    /// an empty line, which csv-core skips, is counted as the row it shows as).
    numbers: Vec<usize>,
    /// A quote that opens a cell and is never closed, so that the cell runs to
    /// the end of the text (RFC 4180 has no error for it: the rest of the file,
    /// every row below, silently becomes that one cell).
    pub unclosed_quote: Option<UnclosedQuote>,
}

/// Where a quoted cell opens and is never closed ([`Table::unclosed_quote`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnclosedQuote {
    /// The row's number (the header is row 1).
    pub row: usize,
    /// The cell's column (0-based).
    pub column: usize,
    /// Line breaks inside the cell: the lines it swallowed.
    pub lines: usize,
}

/// Where the last record of a text (`raw`, from its first byte) opens a
/// quoted cell that is never closed, read the way csv-core reads it (a quote
/// opens a cell only as its first character; `""` inside is a quote).
fn unclosed_quote(raw: &[u8], delimiter: u8) -> Option<(usize, usize)> {
    let (mut column, mut at_start, mut quoted, mut opened) = (0, true, false, (0, 0));
    let mut i = 0;
    while i < raw.len() {
        let b = raw[i];
        if quoted {
            if b == b'"' {
                if raw.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    quoted = false;
                }
            }
        } else if b == b'"' && at_start {
            quoted = true;
            opened = (column, i);
        } else if b == delimiter {
            column += 1;
            at_start = true;
            i += 1;
            continue;
        } else if b == b'\n' {
            return None;
        }
        at_start = false;
        i += 1;
    }
    let swallowed = raw[opened.1..].trim_ascii_end();
    let lines = swallowed.iter().filter(|&&b| b == b'\n').count();
    quoted.then_some((opened.0, lines))
}

impl Table {
    /// Reads a CSV/TSV text with `delimiter` (sniff one with
    /// [`sniff_delimiter`]). The first record is the header; records whose cells
    /// are all blank (`;;;;` rows a spreadsheet exports below the data) are
    /// dropped, and their count is returned beside the table. Never fails: RFC
    /// 4180 has no invalid input (a stray quote inside a field is kept as text).
    pub fn read(name: &str, text: &str, delimiter: u8) -> (Table, usize) {
        let mut reader = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
        let mut input = text.as_bytes();
        let mut out: Vec<u8> = vec![0; input.len().max(64)];
        let mut out_len = 0;
        let mut ends: Vec<usize> = vec![0; 64];
        let mut ends_len = 0;
        // Cells of the current record start at out_start / ends_start.
        let (mut out_start, mut ends_start) = (0, 0);
        let mut table = Table {
            name: name.to_string(),
            delimiter,
            headers: Vec::new(),
            text: String::new(),
            ends: Vec::new(),
            rows: Vec::new(),
            numbers: Vec::new(),
            unclosed_quote: None,
        };
        let mut record_number = 0usize;
        // The row number a spreadsheet shows: records plus the empty lines
        // csv-core skipped.
        let mut row_number = 0usize;
        // Where the record being read starts, and where the last one started.
        let (mut record_start, mut last_start) = (0usize, 0usize);
        let mut blank = 0usize;
        let mut cells: Vec<usize> = Vec::new();
        loop {
            let (result, read, written, ended) =
                reader.read_record(input, &mut out[out_len..], &mut ends[ends_len..]);
            input = &input[read..];
            out_len += written;
            ends_len += ended;
            match result {
                csv_core::ReadRecordResult::InputEmpty => {}
                csv_core::ReadRecordResult::OutputFull => {
                    let grown = out.len() * 2;
                    out.resize(grown, 0);
                }
                csv_core::ReadRecordResult::OutputEndsFull => {
                    let grown = ends.len() * 2;
                    ends.resize(grown, 0);
                }
                csv_core::ReadRecordResult::Record => {
                    // csv-core skips empty lines before a record; a spreadsheet
                    // shows each as a row, so they count in the numbering
                    // (a CRLF's `\n` left from the record before is no line).
                    let span = &text.as_bytes()[record_start..];
                    let lead = span.iter().take_while(|&&b| b == b'\n' || b == b'\r');
                    let mut empty_lines = lead.filter(|&&b| b == b'\n').count();
                    let after_cr = record_start > 0 && text.as_bytes()[record_start - 1] == b'\r';
                    if after_cr && span.first() == Some(&b'\n') {
                        empty_lines -= 1;
                    }
                    row_number += 1 + empty_lines;
                    record_number += 1;
                    last_start = record_start;
                    record_start = text.len() - input.len();
                    // csv-core's ends are relative to the record's output.
                    cells.clear();
                    cells.extend(ends[ends_start..ends_len].iter().map(|e| out_start + e));
                    let all_blank = {
                        let mut start = out_start;
                        cells.iter().all(|&end| {
                            let blank = out[start..end].iter().all(u8::is_ascii_whitespace);
                            start = end;
                            blank
                        })
                    };
                    if record_number == 1 {
                        let mut start = out_start;
                        for &end in &cells {
                            let cell = String::from_utf8_lossy(&out[start..end]);
                            table.headers.push(cell.trim().to_string());
                            start = end;
                        }
                        out_len = out_start;
                    } else if all_blank {
                        blank += 1;
                        out_len = out_start;
                    } else {
                        table.rows.push(table.ends.len());
                        table.ends.extend_from_slice(&cells);
                        table.numbers.push(row_number);
                    }
                    out_start = out_len;
                    ends_len = 0;
                    ends_start = 0;
                }
                csv_core::ReadRecordResult::End => break,
            }
        }
        if record_number > 0 {
            table.unclosed_quote =
                unclosed_quote(&text.as_bytes()[last_start..], delimiter).map(|(column, lines)| {
                    UnclosedQuote {
                        row: row_number,
                        column,
                        lines,
                    }
                });
        }
        table.rows.push(table.ends.len());
        out.truncate(out_len);
        // Cells are slices of UTF-8 text cut at ASCII bytes, so this cannot
        // fail; if it ever did, the lossy form keeps every cell readable.
        table.text = String::from_utf8(out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        (table, blank)
    }

    /// A table from rows already split into cells: `(number, cells)` each, the
    /// number as a spreadsheet shows it (header = row 1). What a page rebuilds
    /// from a table read in a Web Worker, where only the first rows (the
    /// preview) cross back; `(Table::from_rows(..), n)` reads like the
    /// original's first `n` rows, cell for cell.
    pub fn from_rows(
        name: &str,
        delimiter: u8,
        headers: Vec<String>,
        rows: &[(usize, Vec<String>)],
    ) -> Table {
        let mut table = Table {
            name: name.to_string(),
            delimiter,
            headers,
            text: String::new(),
            ends: Vec::new(),
            rows: Vec::with_capacity(rows.len() + 1),
            numbers: Vec::with_capacity(rows.len()),
            unclosed_quote: None,
        };
        for (number, cells) in rows {
            table.rows.push(table.ends.len());
            for cell in cells {
                table.text.push_str(cell);
                table.ends.push(table.text.len());
            }
            table.numbers.push(*number);
        }
        table.rows.push(table.ends.len());
        table
    }

    /// How many data rows (the header not counted).
    pub fn len(&self) -> usize {
        self.numbers.len()
    }

    /// Whether there is no data row.
    pub fn is_empty(&self) -> bool {
        self.numbers.is_empty()
    }

    /// Data row `i` (0-based): its number as a spreadsheet shows it (header =
    /// row 1) and its cells, untrimmed. Panics if `i >= len()`.
    pub fn row(&self, i: usize) -> Row<'_> {
        Row {
            number: self.numbers[i],
            table: self,
            cells: self.rows[i]..self.rows[i + 1],
        }
    }
}

/// One data row of a [`Table`].
#[derive(Debug, Clone)]
pub struct Row<'a> {
    /// The row's number as a spreadsheet shows it (the header is row 1).
    pub number: usize,
    table: &'a Table,
    cells: std::ops::Range<usize>,
}

impl<'a> Row<'a> {
    /// How many cells the row has (may differ from the header's count).
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    /// Whether the row has no cell.
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// Cell `column`, trimmed; `""` past the row's end.
    pub fn get(&self, column: usize) -> &'a str {
        if column >= self.cells.len() {
            return "";
        }
        let k = self.cells.start + column;
        let start = if k == 0 { 0 } else { self.table.ends[k - 1] };
        let end = self.table.ends[k];
        self.table.text.get(start..end).unwrap_or("").trim()
    }
}

/// A cell exported with its formula instead of its value, when the formula is
/// a link: `=HYPERLINK("https://…","Title")` as (link, Some(shown text)),
/// `=HYPERLINK("https://…")` as (link, None). The function's name in English,
/// French, Spanish, Italian and Portuguese spreadsheets (`LIEN_HYPERTEXTE`,
/// `LIEN.HYPERTEXTE`, `HIPERVINCULO`, `COLLEG.IPERTESTUALE`, `HIPERLINK`), any
/// case, arguments separated by `,` or `;` (locales with a decimal comma).
/// `None` for anything else, including arguments that are not plain string
/// literals (a cell reference, a doubled quote): such a cell is read as text.
///
/// ```
/// use convene_core::import::table::hyperlink;
/// assert_eq!(
///     hyperlink(r#"=HYPERLINK("https://a.example/r.pdf"; "Report")"#),
///     Some(("https://a.example/r.pdf", Some("Report")))
/// );
/// assert_eq!(hyperlink(r#"=lien_hypertexte("https://a.example")"#), Some(("https://a.example", None)));
/// assert_eq!(hyperlink("=A1"), None);
/// ```
pub fn hyperlink(cell: &str) -> Option<(&str, Option<&str>)> {
    const NAMES: [&str; 6] = [
        "hyperlink",
        "lien_hypertexte",
        "lien.hypertexte",
        "hipervinculo",
        "colleg.ipertestuale",
        "hiperlink",
    ];
    let rest = cell.strip_prefix('=')?.trim_start();
    let open = rest.find('(')?;
    if !NAMES.contains(&rest[..open].trim().to_ascii_lowercase().as_str()) {
        return None;
    }
    let (link, rest) = string_literal(&rest[open + 1..])?;
    let rest = rest.trim_start();
    let (text, rest) = match rest.strip_prefix([',', ';']) {
        Some(after) => {
            let (text, rest) = string_literal(after)?;
            (Some(text), rest)
        }
        None => (None, rest),
    };
    (rest.trim() == ")").then_some((link, text))
}

/// A formula's string literal at the start of `text` (after spaces): its
/// contents and what follows the closing quote; `None` when there is none, or
/// when it holds a doubled quote (which a borrowed slice cannot unescape).
fn string_literal(text: &str) -> Option<(&str, &str)> {
    let body = text.trim_start().strip_prefix('"')?;
    let close = body.find('"')?;
    let after = &body[close + 1..];
    if after.starts_with('"') {
        return None;
    }
    Some((&body[..close], after))
}
