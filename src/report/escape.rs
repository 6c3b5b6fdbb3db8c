//! Escaping user text for Markdown, so that no provision text can break a table or a heading.

/// Escapes text for inline Markdown: punctuation that could start emphasis, code, links, HTML
/// or a heading is backslash-escaped, and line breaks become spaces.
///
/// ```
/// use budapest_gap::report::escape_inline;
/// assert_eq!(escape_inline("a | b\n# c"), "a \\| b \\# c");
/// ```
pub fn escape_inline(text: &str) -> String {
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
}
