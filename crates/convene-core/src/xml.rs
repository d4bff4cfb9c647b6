//! The one XML text rule every XML export uses (SVG, GEXF, GraphML).
//!
//! XML 1.0 (§2.2) allows only `#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
//! [#x10000-#x10FFFF]`; anything else makes a parser stop, so it is dropped, not
//! escaped (a character reference to it is just as illegal). The five special
//! characters are escaped everywhere, so one function serves both text nodes and
//! attribute values (quoted with `"` or `'`). Tab, line feed and carriage return
//! are written as character references (`&#9;`, `&#10;`, `&#13;`): a parser
//! normalises the literal characters (§2.11 turns CR and CRLF into LF; §3.3.3 turns
//! all three into spaces in attribute values), and references survive both, so a
//! value reads back exactly.
//!
//! Hand-written rather than pulled from an XML crate: it is ten lines, and a writer
//! crate would add to the wasm the app downloads. The property test in
//! `tests/xml_exports.rs` parses every XML export with a real parser (`roxmltree`).

/// Whether XML 1.0 allows `c` in a document (the `Char` production, §2.2).
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Appends `text` to `out`, escaping `& < > " '` (as `&amp; &lt; &gt; &quot;
/// &apos;`), writing tab, LF and CR as character references, and dropping
/// characters XML 1.0 forbids. Safe in text nodes and in attribute values with
/// either quote; a parser reads back `text` minus the forbidden characters.
pub fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
}

/// `text` escaped as [`push_escaped`] does, as a new string.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_five_and_drops_forbidden_characters() {
        assert_eq!(escape("a&b<c>d\"e'f"), "a&amp;b&lt;c&gt;d&quot;e&apos;f");
        assert_eq!(
            escape("x\u{0}\u{1}\u{b}\u{FFFE}\u{FFFF}\u{D7FF}y"),
            "x\u{D7FF}y"
        );
        assert_eq!(escape("tab\tnl\ncr\r"), "tab&#9;nl&#10;cr&#13;");
        assert_eq!(escape("😀 ﬁ"), "😀 ﬁ");
    }
}
