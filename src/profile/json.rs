//! A small JSON reader that remembers where every value stands, so that a diagnostic about
//! `/assessment/ets-185/art-2/provisions/0` can point at a line and column. It also reports
//! duplicate keys, which `serde_json` silently resolves to the last one.

use std::collections::HashMap;

use serde_json::{Map, Number, Value};

/// A byte range in the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub start: usize,
    pub end: usize,
}

/// Where each value (by JSON pointer) and each object key stands.
#[derive(Debug, Default)]
pub(crate) struct SpanMap {
    values: HashMap<String, Span>,
    keys: HashMap<String, Span>,
}

impl SpanMap {
    /// The span of the value at `pointer`, or of its nearest ancestor that exists.
    pub fn value(&self, pointer: &str) -> Span {
        let mut p = pointer;
        loop {
            if let Some(s) = self.values.get(p) {
                return *s;
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => return Span { start: 0, end: 0 },
            }
        }
    }

    /// The span of the key that introduces the value at `pointer` (falls back to the value).
    pub fn key(&self, pointer: &str) -> Span {
        self.keys
            .get(pointer)
            .copied()
            .unwrap_or_else(|| self.value(pointer))
    }
}

/// A syntax error or a duplicate key, at a byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    pub span: Span,
    pub message: String,
    pub hint: Option<String>,
}

/// A duplicate key: the pointer of the object and the key's span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DuplicateKey {
    pub pointer: String,
    pub key: String,
    pub span: Span,
    pub first: Span,
}

/// The result of reading a document.
#[derive(Debug)]
pub(crate) struct Parsed {
    pub value: Value,
    pub spans: SpanMap,
    pub duplicates: Vec<DuplicateKey>,
}

/// Escapes one pointer segment (RFC 6901).
pub(crate) fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// Reads a JSON document.
pub(crate) fn parse(text: &str) -> Result<Parsed, SyntaxError> {
    let mut p = Parser {
        src: text,
        bytes: text.as_bytes(),
        pos: 0,
        spans: SpanMap::default(),
        duplicates: Vec::new(),
        depth: 0,
    };
    if text.starts_with('\u{feff}') {
        p.pos = 3;
    }
    p.ws();
    let value = p.value(String::new())?;
    p.ws();
    if p.pos < p.bytes.len() {
        return Err(p.error("unexpected text after the end of the JSON document", None));
    }
    Ok(Parsed {
        value,
        spans: p.spans,
        duplicates: p.duplicates,
    })
}

const MAX_DEPTH: usize = 128;

struct Parser<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    spans: SpanMap,
    duplicates: Vec<DuplicateKey>,
    depth: usize,
}

impl Parser<'_> {
    fn error(&self, message: &str, hint: Option<&str>) -> SyntaxError {
        let end = self.src[self.pos.min(self.src.len())..]
            .chars()
            .next()
            .map_or(self.pos, |c| self.pos + c.len_utf8());
        SyntaxError {
            span: Span {
                start: self.pos,
                end,
            },
            message: message.to_string(),
            hint: hint.map(str::to_string),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn value(&mut self, pointer: String) -> Result<Value, SyntaxError> {
        let start = self.pos;
        let value = match self.peek() {
            Some(b'{') => self.object(&pointer)?,
            Some(b'[') => self.array(&pointer)?,
            Some(b'"') => Value::String(self.string()?),
            Some(b't') => self.literal("true", Value::Bool(true))?,
            Some(b'f') => self.literal("false", Value::Bool(false))?,
            Some(b'n') => self.literal("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => self.number()?,
            Some(b'\'') => {
                return Err(self.error(
                    "strings must be in double quotes",
                    Some("replace the single quotes with double quotes"),
                ));
            }
            Some(b'/') => return Err(self.comment()),
            Some(_) => {
                return Err(self.error(
                    "expected a value (object, array, string, number, true, false or null)",
                    None,
                ));
            }
            None => {
                return Err(self.error(
                    "the file ends where a value is expected",
                    Some("the file may be cut short; compare it with the original"),
                ));
            }
        };
        self.spans.values.insert(
            pointer,
            Span {
                start,
                end: self.pos,
            },
        );
        Ok(value)
    }

    fn enter(&mut self) -> Result<(), SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(
                "the document is nested too deeply",
                Some("a profile never nests more than a few levels"),
            ));
        }
        Ok(())
    }

    fn object(&mut self, pointer: &str) -> Result<Value, SyntaxError> {
        let start = self.pos;
        self.enter()?;
        self.pos += 1;
        let mut map = Map::new();
        let mut seen: HashMap<String, Span> = HashMap::new();
        self.ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Value::Object(map));
        }
        loop {
            self.ws();
            match self.peek() {
                Some(b'"') => {}
                Some(b'/') => return Err(self.comment()),
                None => return Err(self.end_of_file("object", start)),
                Some(b'}') => {
                    return Err(self.error(
                        "expected a key in double quotes",
                        Some("remove the trailing comma"),
                    ));
                }
                Some(_) => {
                    return Err(self.error(
                        "expected a key in double quotes",
                        Some("object keys are strings in double quotes"),
                    ));
                }
            }
            let key_start = self.pos;
            let key = self.string()?;
            let key_span = Span {
                start: key_start,
                end: self.pos,
            };
            let child = format!("{pointer}/{}", escape(&key));
            if let Some(first) = seen.get(&key) {
                self.duplicates.push(DuplicateKey {
                    pointer: child.clone(),
                    key: key.clone(),
                    span: key_span,
                    first: *first,
                });
            } else {
                seen.insert(key.clone(), key_span);
            }
            self.ws();
            match self.peek() {
                Some(b':') => {}
                None => return Err(self.end_of_file("object", start)),
                Some(b'/') => return Err(self.comment()),
                Some(_) => return Err(self.error("expected `:` after the key", None)),
            }
            self.pos += 1;
            self.ws();
            let value = self.value(child.clone())?;
            self.spans.keys.insert(child, key_span);
            map.insert(key, value);
            self.ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    break;
                }
                None => return Err(self.end_of_file("object", start)),
                Some(b'/') => return Err(self.comment()),
                Some(b'"') => {
                    return Err(self.error(
                        "expected `,` or `}` after the value",
                        Some("a comma is missing between two members"),
                    ));
                }
                Some(_) => {
                    return Err(self.error(
                        "expected `,` or `}` after the value",
                        Some("after a value comes a comma and the next member, or the closing `}`"),
                    ));
                }
            }
        }
        self.depth -= 1;
        Ok(Value::Object(map))
    }

    fn array(&mut self, pointer: &str) -> Result<Value, SyntaxError> {
        let start = self.pos;
        self.enter()?;
        self.pos += 1;
        let mut items = Vec::new();
        self.ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.ws();
            if self.peek() == Some(b']') {
                return Err(self.error("expected a value", Some("remove the trailing comma")));
            }
            if self.peek().is_none() {
                return Err(self.end_of_file("array", start));
            }
            let child = format!("{pointer}/{}", items.len());
            items.push(self.value(child)?);
            self.ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    break;
                }
                None => return Err(self.end_of_file("array", start)),
                Some(b'/') => return Err(self.comment()),
                Some(b'"' | b'{' | b'[' | b't' | b'f' | b'n' | b'-' | b'0'..=b'9') => {
                    return Err(self.error(
                        "expected `,` or `]` after the value",
                        Some("a comma is missing between two items"),
                    ));
                }
                Some(_) => {
                    return Err(self.error(
                        "expected `,` or `]` after the value",
                        Some("after a value comes a comma and the next item, or the closing `]`"),
                    ));
                }
            }
        }
        self.depth -= 1;
        Ok(Value::Array(items))
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, SyntaxError> {
        if self.src[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error(
                "expected a value (object, array, string, number, true, false or null)",
                Some("strings must be in double quotes"),
            ))
        }
    }

    fn number(&mut self) -> Result<Value, SyntaxError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let digits = |p: &mut Self| {
            let s = p.pos;
            while let Some(b'0'..=b'9') = p.peek() {
                p.pos += 1;
            }
            p.pos > s
        };
        if self.peek() == Some(b'0') {
            self.pos += 1;
            match self.peek() {
                Some(b'0'..=b'9') => {
                    return Err(self.error(
                        "a number cannot start with 0 (JSON has no leading zeros)",
                        Some("remove the leading zeros"),
                    ));
                }
                Some(b'x' | b'X') => {
                    return Err(self.error(
                        "JSON has no hexadecimal numbers",
                        Some("write the number in decimal"),
                    ));
                }
                _ => {}
            }
        } else if !digits(self) {
            return Err(self.error("expected digits", None));
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !digits(self) {
                return Err(self.error("expected digits after the decimal point", None));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !digits(self) {
                return Err(self.error("expected digits in the exponent", None));
            }
        }
        if let Some(c) = self
            .peek()
            .filter(|c| c.is_ascii_alphanumeric() || *c == b'.')
        {
            return Err(self.error(
                &format!("`{}` cannot follow a number", char::from(c)),
                Some("a number is digits, an optional decimal part and an optional exponent (1, 2.5, 1e3); put text in double quotes"),
            ));
        }
        let text = &self.src[start..self.pos];
        let number = if let Ok(i) = text.parse::<i64>() {
            Number::from(i)
        } else if let Ok(u) = text.parse::<u64>() {
            Number::from(u)
        } else {
            text.parse::<f64>()
                .ok()
                .and_then(Number::from_f64)
                .ok_or_else(|| SyntaxError {
                    span: Span {
                        start,
                        end: self.pos,
                    },
                    message: format!("the number {text} is out of range"),
                    hint: None,
                })?
        };
        Ok(Value::Number(number))
    }

    fn string(&mut self) -> Result<String, SyntaxError> {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let rest = &self.src[self.pos..];
            let Some(c) = rest.chars().next() else {
                return Err(SyntaxError {
                    span: Span {
                        start,
                        end: start + 1,
                    },
                    message: "unterminated string: the file ends before its closing `\"`".into(),
                    hint: Some("close the string; the file may also be cut short".into()),
                });
            };
            match c {
                '"' => {
                    self.pos += 1;
                    return Ok(out);
                }
                '\\' => {
                    self.pos += 1;
                    let esc = self.peek();
                    self.pos += 1;
                    match esc {
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'u') => out.push(self.unicode_escape()?),
                        _ => {
                            self.pos -= 1;
                            return Err(self.error(
                                "invalid escape in a string",
                                Some("valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX"),
                            ));
                        }
                    }
                }
                c if (c as u32) < 0x20 => {
                    let (what, hint) = match c {
                        '\n' => (
                            "a line break",
                            "end the string with `\"` on this line, or write the line break as \\n"
                                .to_string(),
                        ),
                        '\r' => ("a carriage return", "write a line break as \\n".to_string()),
                        '\t' => ("a tab", "write a tab as \\t, or use spaces".to_string()),
                        '\0' => (
                            "a NUL character (U+0000)",
                            "remove it; NUL never belongs in a text".to_string(),
                        ),
                        c => (
                            "a control character",
                            format!("remove it, or write it as \\u{:04x}", c as u32),
                        ),
                    };
                    let message = if what == "a control character" {
                        format!("a control character (U+{:04X}) inside a string", c as u32)
                    } else {
                        format!("{what} inside a string")
                    };
                    return Err(self.error(&message, Some(&hint)));
                }
                c => {
                    out.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
    }

    /// An error at a `/`: JSON has no comments.
    fn comment(&self) -> SyntaxError {
        let comment =
            self.src[self.pos..].starts_with("//") || self.src[self.pos..].starts_with("/*");
        if comment {
            self.error(
                "JSON has no comments",
                Some("remove the comment; a note can go in a `note` field"),
            )
        } else {
            self.error("unexpected `/`", Some("text goes in double quotes"))
        }
    }

    /// The file ended inside the object or array opened at `start`.
    fn end_of_file(&self, what: &str, start: usize) -> SyntaxError {
        let (line, column) = LineIndex::new(self.src).position(start);
        let close = if what == "object" { '}' } else { ']' };
        SyntaxError {
            span: Span {
                start: self.pos,
                end: self.pos,
            },
            message: format!(
                "the file ends inside the {what} opened at line {line}, column {column}"
            ),
            hint: Some(format!(
                "the file may be cut short; otherwise close the {what} with `{close}`"
            )),
        }
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let text = self
            .src
            .get(self.pos..self.pos + 4)
            .filter(|t| t.bytes().all(|b| b.is_ascii_hexdigit()));
        match text {
            Some(t) => {
                self.pos += 4;
                Ok(u32::from_str_radix(t, 16).unwrap_or(0))
            }
            None => Err(self.error("expected four hexadecimal digits after \\u", None)),
        }
    }

    fn unicode_escape(&mut self) -> Result<char, SyntaxError> {
        let hi = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&hi) {
            if self.src[self.pos..].starts_with("\\u") {
                self.pos += 2;
                let lo = self.hex4()?;
                if !(0xDC00..0xE000).contains(&lo) {
                    return Err(self.error("invalid low surrogate in a \\u escape", None));
                }
                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
            } else {
                return Err(self.error("a lone surrogate in a \\u escape", None));
            }
        } else {
            hi
        };
        char::from_u32(code).ok_or_else(|| self.error("invalid \\u escape", None))
    }
}

/// Converts byte offsets to 1-based line and column (columns count characters).
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    /// The offset of the end of the line that `offset` is on.
    pub fn end_of_line(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        self.text[offset..]
            .find('\n')
            .map_or(self.text.len(), |i| offset + i)
    }

    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts[line];
        let column = self.text.get(start..offset).map_or(offset - start, |s| {
            // A byte-order mark is not a column an editor shows.
            s.strip_prefix('\u{feff}').unwrap_or(s).chars().count()
        });
        (line + 1, column + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_agree_with_serde_json() {
        let text = r#"{"a": [1, -2.5e3, "x\u00e9\ud83d\ude00\n", true, null, {}], "b": {"c": []}}"#;
        let parsed = parse(text).unwrap();
        let expected: Value = serde_json::from_str(text).unwrap();
        assert_eq!(parsed.value, expected);
    }

    #[test]
    fn spans_locate_nested_values_and_keys() {
        let text = "{\n  \"laws\": [\n    {\"id\": \"x\"}\n  ]\n}";
        let parsed = parse(text).unwrap();
        let index = LineIndex::new(text);
        let span = parsed.spans.value("/laws/0/id");
        assert_eq!(index.position(span.start), (3, 12));
        assert_eq!(index.position(parsed.spans.key("/laws").start), (2, 3));
        // A pointer below a value that exists falls back to it.
        assert_eq!(parsed.spans.value("/laws/0/id/deeper"), span);
    }

    #[test]
    fn duplicate_keys_are_reported_with_both_places() {
        let parsed = parse(r#"{"a": 1, "a": 2}"#).unwrap();
        assert_eq!(parsed.duplicates.len(), 1);
        assert_eq!(parsed.duplicates[0].key, "a");
        assert_eq!(parsed.duplicates[0].first.start, 1);
        assert_eq!(parsed.duplicates[0].span.start, 9);
    }

    #[test]
    fn syntax_errors_point_at_the_offending_character() {
        let err = parse("{\"a\": 1,}").unwrap_err();
        assert_eq!(err.span.start, 8);
        assert_eq!(err.hint.as_deref(), Some("remove the trailing comma"));
        assert!(parse("[1 2]").unwrap_err().message.contains("`,` or `]`"));
        assert!(parse("").unwrap_err().message.contains("file ends"));
        assert!(parse("\"abc").unwrap_err().message.contains("unterminated"));
        assert!(
            parse(&"[".repeat(1000))
                .unwrap_err()
                .message
                .contains("nested too deeply")
        );
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "{\"é\": x}";
        let err = parse(text).unwrap_err();
        assert_eq!(LineIndex::new(text).position(err.span.start), (1, 7));
    }
}
