//! Escaping user text for Markdown, so that no provision text can break a table or a heading.

/// Escapes text for inline Markdown: punctuation that could start emphasis, code, links, HTML
/// or a heading is backslash-escaped, and line breaks become spaces.
///
/// ```
/// use budapest_gap::report::escape_inline;
/// assert_eq!(escape_inline("a | b\n# c"), "a \\| b \\# c");
/// ```
pub fn escape_inline(text: &str) -> String {
    // Most texts (the Convention's own among them) need nothing: one pass over the bytes, then
    // copied whole.
    if !text.bytes().any(|b| MAY_CHANGE[usize::from(b)]) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\r' => {}
            '\n' | '\t' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!' | '&' | '~' | '{'
            | '}' | '$' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The bytes that can start a character `escape_inline` changes: ASCII controls (line breaks
/// and tabs among them), the escaped punctuation, and 0xC2, which leads U+0080 to U+00BF and so
/// the C1 controls (U+0080 to U+009F).
const MAY_CHANGE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[0x7f] = true;
    table[0xc2] = true;
    let special = b"\\`*_[]<>|#!&~{}$";
    let mut i = 0;
    while i < special.len() {
        table[special[i] as usize] = true;
        i += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_breaking_characters_are_escaped() {
        assert_eq!(
            escape_inline("`code` <b>x</b> [l](u)"),
            "\\`code\\` \\<b\\>x\\</b\\> \\[l\\](u)"
        );
        assert_eq!(escape_inline("line1\r\nline2"), "line1 line2");
    }

    #[test]
    fn every_character_is_escaped_alike_alone_and_amid_plain_text() {
        // Controls dropped, line breaks and tabs as spaces, punctuation escaped, the rest kept,
        // whether or not the text holds anything else to escape (the fast path).
        for c in (0..0x3000).filter_map(char::from_u32) {
            let expected = match c {
                '\r' => String::new(),
                '\n' | '\t' => " ".into(),
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!' | '&' | '~'
                | '{' | '}' | '$' => format!("\\{c}"),
                c if c.is_control() => String::new(),
                c => c.to_string(),
            };
            assert_eq!(
                escape_inline(&format!("a{c}b")),
                format!("a{expected}b"),
                "{c:?}"
            );
            assert_eq!(
                escape_inline(&format!("*{c}")),
                format!("\\*{expected}"),
                "{c:?}"
            );
        }
    }
}
