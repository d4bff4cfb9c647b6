//! The search folding table (`src/search/fold_table.rs`) against the reference
//! implementations, over every code point of the blocks it covers.
//!
//! The reference fold of one character is Unicode's compatibility caseless form
//! with marks removed, plus the script rules of `search::text`:
//! 1. NFKD (`unicode-normalization`), full case folding (`caseless`, CaseFolding.txt
//!    C+F, so `ß`/`ẞ` → `ss`), NFKD again (UAX #15 / Unicode §3.13 D146);
//! 2. every mark (General_Category M) removed;
//! 3. Latin letters Unicode does not decompose folded by their name: `LATIN SMALL
//!    LETTER X WITH …` → `x` (`ø`, `ł`, `đ`, `ħ`, `ɓ`…), a one- or two-letter name
//!    `LATIN SMALL LETTER XY` or `LATIN SMALL LIGATURE XY` → `xy` (`æ`, `œ`, `ꜳ`),
//!    plus `þ`→`th`, `ð`→`d`, `ŋ`→`n`, `ĸ`→`k`, dotless `ı`/`ȷ` → `i`/`j`;
//! 4. Arabic: tatweel removed; `ٱ ٲ ٳ` → `ا` (`أ إ آ` already fold to `ا` by step 2:
//!    their hamza and madda are combining marks); `ى` → `ي`; `ة` → `ه`; Persian
//!    `ی` → `ي`, `ک` → `ك`; Arabic-Indic and extended Arabic-Indic digits → `0`–`9`
//!    (Lucene's ArabicNormalizer, PersianNormalizer and DecimalDigitFilter);
//! 5. what is left keeps only letters and digits (a character's fold is one word:
//!    `¼` → `14`, `ŉ` → `n`), and apostrophes never join a word.
//!
//! A character is a *token character* (inside a word) when it is alphanumeric or a
//! mark and not an apostrophe. The table lists every token character of the covered
//! blocks whose fold is not itself; every other character folds as
//! `char::to_lowercase` says.
//!
//! Regenerate after a dependency or rule change with
//! `CONVENE_WRITE_FOLD_TABLE=1 cargo test -p convene-core --test search_fold_table`
//! (then run it again without the variable: it must pass).

// Tests may sort directly: clippy.toml disallows the slice sorts only for the
// shipped wasm's sake (convene_core::sort).
#![allow(clippy::disallowed_methods)]

use caseless::Caseless;
use convene_core::search::{fold, tokenize};
use std::fmt::Write as _;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The blocks the table covers (inclusive code point ranges, all in the BMP).
const COVERED: &[(u32, u32, &str)] = &[
    (
        0x0080,
        0x024F,
        "Latin-1 Supplement, Latin Extended-A and -B",
    ),
    (0x0250, 0x02FF, "IPA Extensions, Spacing Modifier Letters"),
    (0x0300, 0x036F, "Combining Diacritical Marks"),
    (0x0370, 0x03FF, "Greek and Coptic"),
    (0x0400, 0x052F, "Cyrillic, Cyrillic Supplement"),
    (0x0590, 0x05FF, "Hebrew"),
    (0x0600, 0x06FF, "Arabic"),
    (0x0750, 0x077F, "Arabic Supplement"),
    (0x0870, 0x08FF, "Arabic Extended-B and -A"),
    (0x1AB0, 0x1AFF, "Combining Diacritical Marks Extended"),
    (0x1C80, 0x1C8F, "Cyrillic Extended-C"),
    (
        0x1D00,
        0x1DFF,
        "Phonetic Extensions (and Supplement), Combining Diacritical Marks Supplement",
    ),
    (0x1E00, 0x1EFF, "Latin Extended Additional (Vietnamese)"),
    (0x1F00, 0x1FFF, "Greek Extended"),
    (0x2070, 0x209F, "Superscripts and Subscripts"),
    (0x20D0, 0x20FF, "Combining Diacritical Marks for Symbols"),
    (0x2100, 0x218F, "Letterlike Symbols, Number Forms"),
    (0x2460, 0x24FF, "Enclosed Alphanumerics"),
    (0x2C60, 0x2C7F, "Latin Extended-C"),
    (0x2DE0, 0x2DFF, "Cyrillic Extended-A"),
    (0xA640, 0xA69F, "Cyrillic Extended-B"),
    (0xA720, 0xA7FF, "Latin Extended-D"),
    (0xAB30, 0xAB6F, "Latin Extended-E"),
    (
        0xFB00,
        0xFB4F,
        "Alphabetic Presentation Forms (Latin ligatures, Hebrew)",
    ),
    (0xFB50, 0xFDFF, "Arabic Presentation Forms-A"),
    (0xFE20, 0xFE2F, "Combining Half Marks"),
    (0xFE70, 0xFEFF, "Arabic Presentation Forms-B"),
    (0xFF00, 0xFFEF, "Halfwidth and Fullwidth Forms"),
];

/// Apostrophes and primes: they separate words (and mark French elisions).
fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '`'
            | '\u{00B4}'
            | '\u{02B9}'
            | '\u{02BB}'
            | '\u{02BC}'
            | '\u{02BD}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{2032}'
            | '\u{FF07}'
    )
}

fn is_token_char(c: char) -> bool {
    !is_apostrophe(c) && (c.is_alphanumeric() || is_combining_mark(c))
}

/// Step 3: Latin letters Unicode does not decompose, folded by their name.
fn latin_by_name(c: char) -> Option<String> {
    match c {
        'þ' => return Some("th".into()),
        'ð' => return Some("d".into()),
        'ŋ' => return Some("n".into()),
        'ĸ' => return Some("k".into()),
        'ı' => return Some("i".into()),
        'ȷ' => return Some("j".into()),
        _ => {}
    }
    let name = unicode_names2::name(c)?.to_string();
    let rest = name
        .strip_prefix("LATIN SMALL LETTER ")
        .or_else(|| name.strip_prefix("LATIN SMALL LIGATURE "))?;
    let base = rest.split(" WITH ").next().unwrap_or(rest);
    (!base.is_empty() && base.len() <= 2 && base.bytes().all(|b| b.is_ascii_uppercase()))
        .then(|| base.to_ascii_lowercase())
}

/// Step 4: the Arabic script rules.
fn arabic(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{0640}' => "",
        '\u{0671}' | '\u{0672}' | '\u{0673}' => "\u{0627}",
        '\u{0649}' | '\u{06CC}' => "\u{064A}",
        '\u{0629}' => "\u{0647}",
        '\u{06A9}' => "\u{0643}",
        '\u{0660}'..='\u{0669}' => {
            ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"][(c as u32 - 0x0660) as usize]
        }
        '\u{06F0}'..='\u{06F9}' => {
            ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"][(c as u32 - 0x06F0) as usize]
        }
        _ => return None,
    })
}

/// The reference fold of a token character (see the module docs).
fn reference(c: char) -> String {
    let nfkd: String = std::iter::once(c).nfkd().collect();
    // Then `to_lowercase`, for the letters newer than caseless's data (Unicode
    // 17's, which std knows); it changes nothing caseless folds.
    let folded: String = nfkd
        .chars()
        .default_case_fold()
        .flat_map(char::to_lowercase)
        .nfkd()
        .collect();
    let mut out = String::new();
    for d in folded.chars().filter(|d| !is_combining_mark(*d)) {
        if let Some(s) = arabic(d) {
            out.push_str(s);
        } else if let Some(s) = latin_by_name(d) {
            out.push_str(&s);
        } else if is_token_char(d) {
            out.push(d);
        }
    }
    out
}

fn covered() -> impl Iterator<Item = char> {
    COVERED
        .iter()
        .flat_map(|&(a, b, _)| a..=b)
        .filter_map(char::from_u32)
}

/// Every token character whose fold is not itself, with its fold.
fn mappings() -> Vec<(u32, String)> {
    covered()
        .filter(|&c| is_token_char(c))
        .map(|c| (c as u32, reference(c)))
        .filter(|(c, f)| f.chars().ne(char::from_u32(*c)))
        .collect()
}

/// Run kinds of the generated table (`search::fold_table`).
const K_EMPTY: u8 = 0;
const K_SAME: u8 = 1;
const K_DELTA: u8 = 2;
const K_STRIDE2_DELTA: u8 = 3;
const K_LIST: u8 = 4;

enum Out {
    Empty,
    One(u16),
    Many,
}

fn out_of(s: &str) -> Out {
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (None, _) => Out::Empty,
        (Some(c), None) if (c as u32) <= 0xFFFF => Out::One(c as u32 as u16),
        _ => Out::Many,
    }
}

/// Encodes the mappings as runs (see `search::fold_table` for the format).
/// One run of the table: (first code point, length, kind, data).
type Run = (u16, u8, u8, u16);

fn encode(maps: &[(u32, String)]) -> (Vec<Run>, Vec<u16>, String) {
    let mut runs: Vec<Run> = Vec::new();
    let mut offsets: Vec<u16> = Vec::new();
    let mut pool = String::new();
    let cp = |i: usize| maps[i].0;
    let mut i = 0;
    while i < maps.len() {
        // Length of each uniform kind of run starting at i (consecutive code points).
        let contiguous = |j: usize| j < maps.len() && cp(j) == cp(i) + (j - i) as u32;
        let mut n_empty = 0;
        while n_empty < 255
            && contiguous(i + n_empty)
            && matches!(out_of(&maps[i + n_empty].1), Out::Empty)
        {
            n_empty += 1;
        }
        let (mut n_same, mut n_delta) = (0, 0);
        if let Out::One(t) = out_of(&maps[i].1) {
            let delta = t.wrapping_sub(cp(i) as u16);
            while n_same < 255
                && contiguous(i + n_same)
                && matches!(out_of(&maps[i + n_same].1), Out::One(u) if u == t)
            {
                n_same += 1;
            }
            while n_delta < 255
                && contiguous(i + n_delta)
                && matches!(out_of(&maps[i + n_delta].1), Out::One(u) if u == (cp(i + n_delta) as u16).wrapping_add(delta))
            {
                n_delta += 1;
            }
        }
        // Every other code point mapped by one delta, the ones between not mapped.
        let mut n_stride = 0;
        if let Out::One(t) = out_of(&maps[i].1) {
            let delta = t.wrapping_sub(cp(i) as u16);
            let mut j = i;
            while n_stride < 127
                && j < maps.len()
                && cp(j) == cp(i) + 2 * n_stride as u32
                && matches!(out_of(&maps[j].1), Out::One(u) if u == (cp(j) as u16).wrapping_add(delta))
            {
                n_stride += 1;
                j += 1;
            }
        }
        let best = n_empty.max(n_same).max(n_delta).max(n_stride);
        if best >= 2 {
            let start = cp(i) as u16;
            if best == n_empty {
                runs.push((start, n_empty as u8, K_EMPTY, 0));
                i += n_empty;
            } else if best == n_same {
                let Out::One(t) = out_of(&maps[i].1) else {
                    unreachable!()
                };
                runs.push((start, n_same as u8, K_SAME, t));
                i += n_same;
            } else if best == n_delta {
                let Out::One(t) = out_of(&maps[i].1) else {
                    unreachable!()
                };
                runs.push((start, n_delta as u8, K_DELTA, t.wrapping_sub(start)));
                i += n_delta;
            } else {
                let Out::One(t) = out_of(&maps[i].1) else {
                    unreachable!()
                };
                // Length in code points spanned: 2n - 1.
                runs.push((
                    start,
                    (2 * n_stride - 1) as u8,
                    K_STRIDE2_DELTA,
                    t.wrapping_sub(start),
                ));
                i += n_stride;
            }
            continue;
        }
        // A list run: extend while the next code points are contiguous and do not
        // start a uniform run of 3 or more.
        let start = i;
        let first_offset = offsets.len() as u16;
        let mut j = i;
        while j < maps.len() && j - start < 255 && cp(j) == cp(start) + (j - start) as u32 {
            if j > start && uniform_len(maps, j) >= 3 {
                break;
            }
            offsets.push(pool.len() as u16);
            pool.push_str(&maps[j].1);
            j += 1;
        }
        runs.push((cp(start) as u16, (j - start) as u8, K_LIST, first_offset));
        i = j;
    }
    offsets.push(pool.len() as u16);
    (runs, offsets, pool)
}

/// Longest uniform (empty, same or delta) run of consecutive code points at `i`.
fn uniform_len(maps: &[(u32, String)], i: usize) -> usize {
    let contiguous = |j: usize| j < maps.len() && maps[j].0 == maps[i].0 + (j - i) as u32;
    let mut best = 0;
    let mut n = 0;
    while contiguous(i + n) && matches!(out_of(&maps[i + n].1), Out::Empty) {
        n += 1;
    }
    best = best.max(n);
    if let Out::One(t) = out_of(&maps[i].1) {
        let delta = t.wrapping_sub(maps[i].0 as u16);
        let mut n = 0;
        while contiguous(i + n) && matches!(out_of(&maps[i + n].1), Out::One(u) if u == t) {
            n += 1;
        }
        best = best.max(n);
        let mut n = 0;
        while contiguous(i + n)
            && matches!(out_of(&maps[i + n].1), Out::One(u) if u == (maps[i + n].0 as u16).wrapping_add(delta))
        {
            n += 1;
        }
        best = best.max(n);
    }
    best
}

fn escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
    out
}

fn render(runs: &[Run], offsets: &[u16], pool: &str) -> String {
    let bytes = runs.len() * 6 + offsets.len() * 2 + pool.len();
    let mut s = String::new();
    let _ = writeln!(
        s,
        "//! GENERATED by `crates/convene-core/tests/search_fold_table.rs`; do not edit.\n\
         //! Regenerate: `CONVENE_WRITE_FOLD_TABLE=1 cargo test -p convene-core --test search_fold_table`.\n\
         //!\n\
         //! The search fold of every token character of the covered blocks whose fold is\n\
         //! not itself (rules: `search::text` module docs). Unicode data: NFKD from\n\
         //! unicode-normalization (Unicode {}.{}.{}), case folding from caseless (Unicode\n\
         //! {}.{}.{}), letters per `char::is_alphanumeric` (Unicode {}.{}.{}).\n\
         //!\n\
         //! {} runs, {} offsets, {} pool bytes: {} bytes of data.\n\
         //!\n\
         //! Covered blocks:",
        unicode_normalization::UNICODE_VERSION.0,
        unicode_normalization::UNICODE_VERSION.1,
        unicode_normalization::UNICODE_VERSION.2,
        caseless::UNICODE_VERSION.0,
        caseless::UNICODE_VERSION.1,
        caseless::UNICODE_VERSION.2,
        char::UNICODE_VERSION.0,
        char::UNICODE_VERSION.1,
        char::UNICODE_VERSION.2,
        runs.len(),
        offsets.len(),
        pool.len(),
        bytes
    );
    for (a, b, name) in COVERED {
        let _ = writeln!(s, "//! - U+{a:04X}..=U+{b:04X} {name}");
    }
    let _ = writeln!(
        s,
        "\n/// Size of the data below in bytes (runs, offsets and pool).\n\
         #[cfg(test)]\n\
         pub(super) const DATA_BYTES: usize = {bytes};\n\n\
         /// Runs `(first code point, length in code points, kind, data)`, sorted by\n\
         /// first code point, disjoint. Kinds: {K_EMPTY} = folds to nothing; {K_SAME} = every code\n\
         /// point folds to the char `data`; {K_DELTA} = code point `c` folds to `c + data`\n\
         /// (wrapping u16); {K_STRIDE2_DELTA} = every other code point from the first folds to\n\
         /// `c + data`, the ones between are not in the table; {K_LIST} = code point `first + i`\n\
         /// folds to `POOL[OFFSETS[data + i]..OFFSETS[data + i + 1]]`.\n\
         #[rustfmt::skip]\n\
         pub(super) static RUNS: [(u16, u8, u8, u16); {}] = [",
        runs.len()
    );
    for chunk in runs.chunks(6) {
        s.push_str("   ");
        for (a, n, k, d) in chunk {
            let _ = write!(s, " (0x{a:04X}, {n}, {k}, 0x{d:04X}),");
        }
        s.push('\n');
    }
    let _ = writeln!(
        s,
        "];\n\n/// Byte offsets into [`POOL`] of the list runs' folds, plus the end.\n\
         #[rustfmt::skip]\npub(super) static OFFSETS: [u16; {}] = [",
        offsets.len()
    );
    for chunk in offsets.chunks(16) {
        s.push_str("   ");
        for o in chunk {
            let _ = write!(s, " {o},");
        }
        s.push('\n');
    }
    s.push_str("];\n\n/// The list runs' folds, concatenated.\n#[rustfmt::skip]\npub(super) static POOL: &str = concat!(\n");
    let mut line = String::new();
    let mut line_len = 0;
    for c in pool.chars() {
        let e = escape(&c.to_string());
        if line_len + e.len() > 88 {
            let _ = writeln!(s, "    \"{line}\",");
            line.clear();
            line_len = 0;
        }
        line_len += e.len();
        line.push_str(&e);
    }
    if !line.is_empty() {
        let _ = writeln!(s, "    \"{line}\",");
    }
    s.push_str(");\n");
    s
}

const TABLE_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/search/fold_table.rs");

#[test]
fn table_matches_the_reference_on_every_covered_code_point() {
    let maps = mappings();
    let (runs, offsets, pool) = encode(&maps);
    let source = render(&runs, &offsets, &pool);
    if std::env::var_os("CONVENE_WRITE_FOLD_TABLE").is_some() {
        std::fs::write(TABLE_PATH, &source).expect("write fold_table.rs");
        eprintln!(
            "wrote {TABLE_PATH}: {} mappings, {} runs, {} bytes of data",
            maps.len(),
            runs.len(),
            runs.len() * 6 + offsets.len() * 2 + pool.len()
        );
        return;
    }
    let committed = std::fs::read_to_string(TABLE_PATH).unwrap_or_default();
    assert!(
        committed == source,
        "src/search/fold_table.rs is stale (the reference data or rules changed): \
         regenerate it with CONVENE_WRITE_FOLD_TABLE=1"
    );
    // The behaviour, through the public API, for every covered code point.
    let mut failures = Vec::new();
    for c in covered() {
        let alone = c.to_string();
        let word = format!("x{c}x");
        let got_terms: Vec<String> = tokenize(&word).into_iter().map(|t| t.term).collect();
        if is_token_char(c) {
            let want = reference(c);
            if fold(&alone) != want {
                failures.push(format!(
                    "U+{:04X}: fold {:?}, want {want:?}",
                    c as u32,
                    fold(&alone)
                ));
            }
            if got_terms != [format!("x{want}x")] {
                failures.push(format!(
                    "U+{:04X}: tokens {got_terms:?}, want [x{want}x]",
                    c as u32
                ));
            }
            // A character the table does not list folds as itself, which must then
            // also be its lowercase (so the fallback for other blocks agrees).
            if want == alone && !c.to_lowercase().eq(std::iter::once(c)) {
                failures.push(format!(
                    "U+{:04X}: identity fold but has a lowercase",
                    c as u32
                ));
            }
        } else {
            let lower: String = c.to_lowercase().collect();
            if fold(&alone) != lower {
                failures.push(format!(
                    "U+{:04X}: non-letter fold {:?}, want {lower:?}",
                    c as u32,
                    fold(&alone)
                ));
            }
            // An apostrophe also joins the two words into a third form.
            let want: &[&str] = if is_apostrophe(c) {
                &["x", "x", "xx"]
            } else {
                &["x", "x"]
            };
            if got_terms != want {
                failures.push(format!(
                    "U+{:04X}: separator gives tokens {got_terms:?}",
                    c as u32
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn outside_the_covered_blocks_letters_are_lowercased_only() {
    // The table holds nothing outside its blocks: every other character keeps the
    // old rule (alphanumeric is a token character, folded to its lowercase).
    let inside = |c: char| {
        COVERED
            .iter()
            .any(|&(a, b, _)| (a..=b).contains(&(c as u32)))
    };
    let mut failures = Vec::new();
    // Planes 0 to 3 (every assigned letter but the private-use planes' and tags').
    for c in (0x80..0x4_0000)
        .filter_map(char::from_u32)
        .filter(|&c| !inside(c))
    {
        let alone = c.to_string();
        let lower: String = c.to_lowercase().collect();
        if fold(&alone) != lower {
            failures.push(format!("U+{:04X}: fold {:?}", c as u32, fold(&alone)));
        }
        let token = !tokenize(&format!("x{c}x")).iter().any(|t| t.term == "x");
        if token != (c.is_alphanumeric() && !is_apostrophe(c)) {
            failures.push(format!("U+{:04X}: token character? {token}", c as u32));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn folds_are_fixed_points() {
    // Folding a folded character changes nothing: the index and the query, which
    // may hold an already folded word, agree.
    for c in covered().filter(|&c| is_token_char(c)) {
        let once = reference(c);
        let twice: String = once.chars().map(reference).collect();
        assert_eq!(twice, once, "U+{:04X}", c as u32);
        assert_eq!(fold(&once), once, "U+{:04X}", c as u32);
    }
}

#[test]
fn the_reference_keeps_the_latin_table_it_replaces() {
    // The hand-made table of U+00C0..=U+017F that this one replaces: same folds.
    let old = "a a a a a a ae c e e e e i i i i \
               d n o o o o o _ o u u u u y th ss \
               a a a a a a ae c e e e e i i i i \
               d n o o o o o _ o u u u u y th y \
               a a a a a a c c c c c c c c d d \
               d d e e e e e e e e e e g g g g \
               g g g g h h h h i i i i i i i i \
               i i ij ij j j k k k l l l l l l l \
               l l l n n n n n n n n n o o o o \
               o o oe oe r r r r r r s s s s s s \
               s s t t t t t t u u u u u u u u \
               u u u u w w y y y z z z z z z s";
    for (i, want) in old.split_whitespace().enumerate() {
        let c = char::from_u32(0xC0 + i as u32).expect("Latin-1 char");
        if want == "_" {
            assert!(!is_token_char(c));
        } else {
            assert_eq!(reference(c), want, "U+{:04X} {c}", c as u32);
        }
    }
}
