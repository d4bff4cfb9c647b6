//! Which text encoding a file is in: UTF-8 (with or without a byte-order mark)
//! is read; anything else is refused with an error that names the encoding found,
//! so that "line 1, column 1: expected value" never stands in for "this file is
//! UTF-16".
//!
//! Detection, in order (the WHATWG Encoding standard's BOM sniffing, plus the
//! NUL-byte patterns of the Unicode FAQ for BOM-less UTF-16/32):
//! 1. a byte-order mark: `EF BB BF` UTF-8 (dropped), `FF FE 00 00` UTF-32LE,
//!    `00 00 FE FF` UTF-32BE, `FF FE` UTF-16LE, `FE FF` UTF-16BE;
//! 2. NUL bytes among the first 64: `x 0 0 0` UTF-32LE, `0 0 0 x` UTF-32BE,
//!    `x 0 x 0` UTF-16LE, `0 x 0 x` UTF-16BE; a ZIP header (`PK\x03\x04`, an
//!    `.xlsx` or `.ods` workbook) or other NULs: not text;
//!    A few other formats people open by mistake are named by their magic
//!    number: an OLE2 compound file (`D0 CF 11 E0 A1 B1 1A E1`: an `.xls`
//!    workbook of Excel 97–2003) and a PDF (`%PDF-`);
//! 3. a NUL byte anywhere in the first 8,000 bytes: not text (git's rule for
//!    binary files, `buffer_is_binary` in its `xdiff-interface.c`);
//! 4. otherwise the bytes must be valid UTF-8; when they are not, they are
//!    named as the likely single-byte encoding ("Windows-1252/Latin-1", what
//!    spreadsheets on Windows write by default) if their first 8,000 bytes hold
//!    no byte that text never holds (file(1)'s rule for ISO-8859 and extended
//!    ASCII text: no control character but BEL, BS, HT, LF, VT, FF, CR and
//!    ESC), else as "binary data".

use std::fmt;

/// An encoding other than UTF-8, found at the start of (or inside) the data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodingError {
    /// The encoding found: "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE",
    /// "Windows-1252/Latin-1", or a kind of file that is no text: [`ZIP`],
    /// [`OLE2`], [`PDF`] or [`BINARY`].
    pub found: &'static str,
    /// For invalid UTF-8: the 1-based line and the byte offset (0-based) of the
    /// first byte that is not UTF-8. `None` when found from the first bytes.
    pub at: Option<(usize, usize)>,
}

impl fmt::Display for EncodingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some((line, offset)) => write!(
                f,
                "line {line}: not UTF-8 (at byte offset {offset} of the file; the text looks like {}). Save or export the file as UTF-8 (\"CSV UTF-8\" in a spreadsheet)",
                self.found
            ),
            None if self.found.starts_with("UTF") => write!(
                f,
                "the data is encoded in {}, not UTF-8. Save or export the file as UTF-8 (\"CSV UTF-8\" in a spreadsheet)",
                self.found
            ),
            None if self.found == BINARY => f.write_str(
                "the data is not text: it holds bytes no text file holds (a program, an image or an archive?). Export it as CSV (UTF-8) or convene/1 JSON",
            ),
            None => write!(
                f,
                "the data is {}, not text. Export it as CSV (UTF-8) or convene/1 JSON",
                self.found
            ),
        }
    }
}

impl std::error::Error for EncodingError {}

/// [`EncodingError::found`] for a ZIP archive (what `.xlsx` and `.ods` are).
pub const ZIP: &str = "a ZIP archive (an .xlsx or .ods workbook?)";
/// [`EncodingError::found`] for an OLE2 compound file (what `.xls` is).
pub const OLE2: &str = "an OLE2 compound file (an .xls workbook of Excel 97-2003?)";
/// [`EncodingError::found`] for a PDF document.
pub const PDF: &str = "a PDF document";
/// [`EncodingError::found`] for bytes that are no text in any encoding.
pub const BINARY: &str = "binary data";

/// How many leading bytes the binary checks read (git's `FIRST_FEW_BYTES`).
const FIRST_FEW_BYTES: usize = 8000;

/// The encoding the first bytes announce, by BOM, magic number or NUL
/// pattern; `None` for "no sign of anything but UTF-8".
fn sniff(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, 0, 0, ..] => return Some("UTF-32LE"),
        [0, 0, 0xFE, 0xFF, ..] => return Some("UTF-32BE"),
        [0xFF, 0xFE, ..] => return Some("UTF-16LE"),
        [0xFE, 0xFF, ..] => return Some("UTF-16BE"),
        [b'P', b'K', 3, 4, ..] => return Some(ZIP),
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, ..] => return Some(OLE2),
        [b'%', b'P', b'D', b'F', b'-', ..] => return Some(PDF),
        _ => {}
    }
    let head = &bytes[..bytes.len().min(64)];
    if !head.contains(&0) {
        // Text has no NUL; UTF-16 and UTF-32 show theirs in the first characters.
        return bytes[..bytes.len().min(FIRST_FEW_BYTES)]
            .contains(&0)
            .then_some(BINARY);
    }
    Some(match head {
        [a, 0, 0, 0, ..] if *a != 0 => "UTF-32LE",
        [0, 0, 0, a, ..] if *a != 0 => "UTF-32BE",
        [a, 0, ..] if *a != 0 => "UTF-16LE",
        [0, a, ..] if *a != 0 => "UTF-16BE",
        _ => BINARY,
    })
}

/// Whether `byte` never appears in text of a single-byte encoding: file(1)'s
/// `text_chars` table (its `F` class): the C0 controls but BEL, BS, HT, LF,
/// VT, FF, CR and ESC, and DEL.
fn never_in_text(byte: u8) -> bool {
    matches!(byte, 0..=6 | 0x0E..=0x1A | 0x1C..=0x1F | 0x7F)
}

/// The text of `bytes` when they are UTF-8 (a leading BOM dropped), or what
/// they are instead.
///
/// ```
/// use convene_core::import::encoding::decode;
/// assert_eq!(decode(b"\xEF\xBB\xBFevent;actor").unwrap(), "event;actor");
/// assert_eq!(decode(b"\xFF\xFEe\0v\0").unwrap_err().found, "UTF-16LE");
/// assert_eq!(decode(b"caf\xE9").unwrap_err().found, "Windows-1252/Latin-1");
/// ```
pub fn decode(bytes: &[u8]) -> Result<&str, EncodingError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(found) = sniff(bytes) {
        return Err(EncodingError { found, at: None });
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let head = &bytes[..bytes.len().min(FIRST_FEW_BYTES)];
        if head.iter().any(|&b| never_in_text(b)) {
            return EncodingError {
                found: BINARY,
                at: None,
            };
        }
        let offset = e.valid_up_to();
        let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
        EncodingError {
            found: "Windows-1252/Latin-1",
            at: Some((line, offset)),
        }
    })
}

/// Checks a text that was already decoded, perhaps wrongly (a browser's
/// `Response.text()` decodes as UTF-8 with U+FFFD for bad bytes): drops a
/// leading BOM, and refuses what a UTF-16 or UTF-32 file turns into (NULs
/// between letters, or U+FFFD U+FFFD for its BOM).
///
/// ```
/// use convene_core::import::encoding::check_text;
/// assert_eq!(check_text("\u{FEFF}{}").unwrap(), "{}");
/// assert_eq!(check_text("{\0\"\0").unwrap_err().found, "UTF-16LE");
/// ```
pub fn check_text(text: &str) -> Result<&str, EncodingError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if let Some(rest) = text.strip_prefix("\u{FFFD}\u{FFFD}") {
        // FF FE or FE FF, each byte replaced: guess the order from the NULs.
        let found = match rest.as_bytes() {
            [0, 0, ..] => "UTF-32LE",
            [0, ..] => "UTF-16BE",
            _ => "UTF-16LE",
        };
        return Err(EncodingError { found, at: None });
    }
    match sniff(text.as_bytes()) {
        Some(found) => Err(EncodingError { found, at: None }),
        None => Ok(text),
    }
}
