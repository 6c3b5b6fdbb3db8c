//! A small JSON reader that keeps where every value and key stands, so that a diagnostic about
//! `/assessment/ets-185/art-2/provisions/0` can point at a line and column. It also reports
//! duplicate keys, which `serde_json` silently resolves to the last one, and normalises the line
//! breaks in strings (reporting other control characters) as it reads them. The tree it builds is
//! what [`super::de`] deserialises the profile from: the text is read once.

use std::borrow::Cow;
use std::collections::HashMap;

/// A byte range in the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub start: usize,
    pub end: usize,
}

/// A JSON number as written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Number {
    /// An integer that fits `i64`.
    Int(i64),
    /// A positive integer above `i64::MAX` that fits `u64`.
    UInt(u64),
    /// Any other number (a decimal point, an exponent, or too large for an integer).
    Float(f64),
}

/// A value with its place in the text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node<'a> {
    pub span: Span,
    pub kind: Kind<'a>,
}

/// What a [`Node`] is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind<'a> {
    Null,
    Bool(bool),
    Number(Number),
    /// A string; borrowed from the text unless it had escapes or line breaks to normalise.
    String(Cow<'a, str>),
    Array(Vec<Node<'a>>),
    /// Members in the order written; a duplicate key keeps the first key's place and the last
    /// value, as `serde_json` does.
    Object(Vec<Member<'a>>),
}

/// One member of an object.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Member<'a> {
    pub key: Cow<'a, str>,
    pub key_span: Span,
    pub value: Node<'a>,
}

impl<'a> Node<'a> {
    /// The member `key` of an object.
    pub fn member(&self, key: &str) -> Option<&Member<'a>> {
        match &self.kind {
            Kind::Object(members) => members.iter().find(|m| m.key == key),
            _ => None,
        }
    }

    /// The child at one unescaped pointer segment.
    fn child(&self, segment: &str) -> Option<&Node<'a>> {
        match &self.kind {
            Kind::Object(_) => self.member(segment).map(|m| &m.value),
            Kind::Array(items) => items.get(segment.parse::<usize>().ok()?),
            _ => None,
        }
    }

    /// What the value is, in words, for a message (`an object`, `the string "1"`, `1.0`).
    pub fn describe(&self, text: &str) -> String {
        match &self.kind {
            Kind::Null => "null".into(),
            Kind::Bool(b) => b.to_string(),
            Kind::Number(_) => text
                .get(self.span.start..self.span.end)
                .unwrap_or("a number")
                .to_string(),
            Kind::String(s) => {
                let mut shown: String = s.chars().take(40).collect();
                if shown.len() < s.len() {
                    shown.push('…');
                }
                format!("the string {shown:?}")
            }
            Kind::Array(_) => "an array".into(),
            Kind::Object(_) => "an object".into(),
        }
    }
}

/// The document's value tree, and where each value (by JSON pointer) and object key stands.
#[derive(Debug, Default)]
pub(crate) struct Tree<'a> {
    root: Option<Node<'a>>,
}

impl<'a> Tree<'a> {
    /// The root value, if the document was read.
    pub fn root(&self) -> Option<&Node<'a>> {
        self.root.as_ref()
    }

    /// The value at `pointer`, if there is one.
    pub fn node(&self, pointer: &str) -> Option<&Node<'a>> {
        let mut node = self.root.as_ref()?;
        for segment in segments(pointer) {
            node = node.child(&segment)?;
        }
        Some(node)
    }

    /// The span of the value at `pointer`, or of its nearest ancestor that exists.
    pub fn value(&self, pointer: &str) -> Span {
        let Some(mut node) = self.root.as_ref() else {
            return Span { start: 0, end: 0 };
        };
        for segment in segments(pointer) {
            match node.child(&segment) {
                Some(child) => node = child,
                None => break,
            }
        }
        node.span
    }

    /// The span of the key that introduces the value at `pointer` (falls back to the value).
    pub fn key(&self, pointer: &str) -> Span {
        let key = pointer.rfind('/').and_then(|i| {
            let parent = self.node(&pointer[..i])?;
            parent
                .member(&unescape(&pointer[i + 1..]))
                .map(|m| m.key_span)
        });
        key.unwrap_or_else(|| self.value(pointer))
    }
}

/// The unescaped segments of a JSON pointer.
fn segments(pointer: &str) -> impl Iterator<Item = Cow<'_, str>> {
    pointer.split('/').skip(1).map(unescape)
}

fn unescape(segment: &str) -> Cow<'_, str> {
    if segment.contains('~') {
        Cow::Owned(segment.replace("~1", "/").replace("~0", "~"))
    } else {
        Cow::Borrowed(segment)
    }
}

/// A syntax error, at a byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    pub span: Span,
    pub message: String,
    pub hint: Option<String>,
}

/// A duplicate key: the pointer of the value it introduces and both keys' spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DuplicateKey {
    pub pointer: String,
    pub key: String,
    pub span: Span,
    pub first: Span,
}

/// A control character in a string value that no report can show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Control {
    /// The pointer of the string.
    pub pointer: String,
    pub character: char,
    /// Its place among the string's characters, from 1.
    pub index: usize,
}

/// The result of reading a document.
#[derive(Debug)]
pub(crate) struct Parsed<'a> {
    pub tree: Tree<'a>,
    pub duplicates: Vec<DuplicateKey>,
    pub controls: Vec<Control>,
}

/// Escapes one pointer segment (RFC 6901).
pub(crate) fn escape(segment: &str) -> Cow<'_, str> {
    if segment.contains(['~', '/']) {
        Cow::Owned(segment.replace('~', "~0").replace('/', "~1"))
    } else {
        Cow::Borrowed(segment)
    }
}

/// Reads a JSON document.
pub(crate) fn parse(text: &str) -> Result<Parsed<'_>, SyntaxError> {
    let mut p = Parser {
        src: text,
        bytes: text.as_bytes(),
        pos: 0,
        duplicates: Vec::new(),
        controls: Vec::new(),
        path: Vec::new(),
        depth: 0,
    };
    if text.starts_with('\u{feff}') {
        p.pos = 3;
    }
    p.ws();
    let value = p.value()?;
    p.ws();
    if p.pos < p.bytes.len() {
        return Err(p.error("unexpected text after the end of the JSON document", None));
    }
    Ok(Parsed {
        tree: Tree { root: Some(value) },
        duplicates: p.duplicates,
        controls: p.controls,
    })
}

const MAX_DEPTH: usize = 128;

/// Objects with more members than this find duplicate keys with a hash map.
const LINEAR_KEYS: usize = 16;

/// The bytes that stop the scan of a string's ordinary characters: the closing quote, a
/// backslash, control characters, DEL, and the lead bytes of U+0080–U+00BF and U+2000–U+2FFF
/// (among which line breaks and controls that [`super::load::plain_text`] handles).
static STOP: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table[0x7f] = true;
    table[0xc2] = true;
    table[0xe2] = true;
    table
};

/// Whether [`super::load::plain_text`] changes or refuses `c`.
fn special(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{2028}' | '\u{2029}')
}

enum Segment<'a> {
    Key(Cow<'a, str>),
    Index(usize),
}

struct Parser<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    duplicates: Vec<DuplicateKey>,
    controls: Vec<Control>,
    /// Where the parser is, for the rare diagnostic that needs a pointer.
    path: Vec<Segment<'a>>,
    depth: usize,
}

impl<'a> Parser<'a> {
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

    fn pointer(&self) -> String {
        let mut out = String::new();
        for segment in &self.path {
            out.push('/');
            match segment {
                Segment::Key(k) => out.push_str(&escape(k)),
                Segment::Index(i) => out.push_str(&i.to_string()),
            }
        }
        out
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn value(&mut self) -> Result<Node<'a>, SyntaxError> {
        let start = self.pos;
        let kind = match self.peek() {
            Some(b'{') => self.object()?,
            Some(b'[') => self.array()?,
            Some(b'"') => Kind::String(self.string_value()?),
            Some(b't') => self.literal("true", Kind::Bool(true))?,
            Some(b'f') => self.literal("false", Kind::Bool(false))?,
            Some(b'n') => self.literal("null", Kind::Null)?,
            Some(b'-' | b'0'..=b'9') => Kind::Number(self.number()?),
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
        Ok(Node {
            span: Span {
                start,
                end: self.pos,
            },
            kind,
        })
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

    fn object(&mut self) -> Result<Kind<'a>, SyntaxError> {
        let start = self.pos;
        self.enter()?;
        self.pos += 1;
        let mut members: Vec<Member<'a>> = Vec::new();
        let mut index: Option<HashMap<Cow<'a, str>, usize>> = None;
        self.ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Kind::Object(members));
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
            let (key, _) = self.string()?;
            let key_span = Span {
                start: key_start,
                end: self.pos,
            };
            self.ws();
            match self.peek() {
                Some(b':') => {}
                None => return Err(self.end_of_file("object", start)),
                Some(b'/') => return Err(self.comment()),
                Some(_) => return Err(self.error("expected `:` after the key", None)),
            }
            self.pos += 1;
            self.ws();
            self.path.push(Segment::Key(key.clone()));
            let value = self.value()?;
            let earlier = match &index {
                Some(index) => index.get(&key).copied(),
                None => members.iter().position(|m| m.key == key),
            };
            if let Some(i) = earlier {
                self.duplicates.push(DuplicateKey {
                    pointer: self.pointer(),
                    key: key.clone().into_owned(),
                    span: key_span,
                    first: members[i].key_span,
                });
                members[i].value = value;
            } else {
                if let Some(index) = &mut index {
                    index.insert(key.clone(), members.len());
                }
                members.push(Member {
                    key,
                    key_span,
                    value,
                });
                if index.is_none() && members.len() > LINEAR_KEYS {
                    index = Some(
                        members
                            .iter()
                            .enumerate()
                            .map(|(i, m)| (m.key.clone(), i))
                            .collect(),
                    );
                }
            }
            self.path.pop();
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
        Ok(Kind::Object(members))
    }

    fn array(&mut self) -> Result<Kind<'a>, SyntaxError> {
        let start = self.pos;
        self.enter()?;
        self.pos += 1;
        let mut items = Vec::new();
        self.ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Kind::Array(items));
        }
        loop {
            self.ws();
            if self.peek() == Some(b']') {
                return Err(self.error("expected a value", Some("remove the trailing comma")));
            }
            if self.peek().is_none() {
                return Err(self.end_of_file("array", start));
            }
            self.path.push(Segment::Index(items.len()));
            items.push(self.value()?);
            self.path.pop();
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
        Ok(Kind::Array(items))
    }

    fn literal(&mut self, word: &str, kind: Kind<'a>) -> Result<Kind<'a>, SyntaxError> {
        if self.src[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(kind)
        } else {
            Err(self.error(
                "expected a value (object, array, string, number, true, false or null)",
                Some("strings must be in double quotes"),
            ))
        }
    }

    fn number(&mut self) -> Result<Number, SyntaxError> {
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
        let mut integer = true;
        if self.peek() == Some(b'.') {
            integer = false;
            self.pos += 1;
            if !digits(self) {
                return Err(self.error("expected digits after the decimal point", None));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            integer = false;
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
        if integer {
            if let Ok(i) = text.parse::<i64>() {
                return Ok(Number::Int(i));
            }
            if let Ok(u) = text.parse::<u64>() {
                return Ok(Number::UInt(u));
            }
        }
        match text.parse::<f64>() {
            Ok(f) if f.is_finite() => Ok(Number::Float(f)),
            _ => Err(SyntaxError {
                span: Span {
                    start,
                    end: self.pos,
                },
                message: format!("the number {text} is out of range"),
                hint: None,
            }),
        }
    }

    /// A string value: line breaks of every kind become `\n`; another control character is
    /// recorded (with the string's pointer) and left in place.
    fn string_value(&mut self) -> Result<Cow<'a, str>, SyntaxError> {
        let (s, suspect) = self.string()?;
        if !suspect {
            return Ok(s);
        }
        match super::load::plain_text(&s) {
            Ok(Cow::Borrowed(_)) => Ok(s),
            Ok(Cow::Owned(normal)) => Ok(Cow::Owned(normal)),
            Err(super::load::ControlCharacter { character, offset }) => {
                self.controls.push(Control {
                    pointer: self.pointer(),
                    character,
                    index: s[..offset].chars().count() + 1,
                });
                Ok(s)
            }
        }
    }

    /// A string, and whether it may hold a character [`super::load::plain_text`] changes or
    /// refuses (it had an escape, a DEL, U+0080–U+009F, U+2028 or U+2029).
    fn string(&mut self) -> Result<(Cow<'a, str>, bool), SyntaxError> {
        let start = self.pos;
        self.pos += 1;
        let body = self.pos;
        let mut suspect = false;
        loop {
            // Runs of ordinary bytes are skipped at once; what stops the scan is ASCII or a lead
            // byte, so it never stops inside a multi-byte character.
            let run = self.bytes[self.pos..]
                .iter()
                .position(|&b| STOP[usize::from(b)])
                .unwrap_or(self.bytes.len() - self.pos);
            self.pos += run;
            match self.peek() {
                Some(b'"') => {
                    let s = &self.src[body..self.pos];
                    self.pos += 1;
                    return Ok((Cow::Borrowed(s), suspect));
                }
                Some(b'\\') => break,
                Some(b) if b < 0x20 => return Err(self.control_in_string(char::from(b))),
                Some(0x7f) => suspect = true,
                // U+0080–U+009F (the C1 controls, U+0085 among them).
                Some(0xc2) => suspect |= matches!(self.bytes.get(self.pos + 1), Some(0x80..=0x9f)),
                // U+2028 and U+2029.
                Some(0xe2) => {
                    suspect |= self.bytes.get(self.pos + 1) == Some(&0x80)
                        && matches!(self.bytes.get(self.pos + 2), Some(0xa8 | 0xa9));
                }
                Some(_) => {}
                None => return Err(Self::unterminated(start)),
            }
            self.pos += 1;
        }
        let mut out = self.src[body..self.pos].to_string();
        loop {
            let rest = &self.src[self.pos..];
            let Some(c) = rest.chars().next() else {
                return Err(Self::unterminated(start));
            };
            match c {
                '"' => {
                    self.pos += 1;
                    return Ok((Cow::Owned(out), suspect));
                }
                '\\' => {
                    self.pos += 1;
                    let esc = self.peek();
                    self.pos += 1;
                    match esc {
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => {
                            suspect = true;
                            out.push('\u{8}');
                        }
                        Some(b'f') => {
                            suspect = true;
                            out.push('\u{c}');
                        }
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => {
                            suspect = true;
                            out.push('\r');
                        }
                        Some(b't') => out.push('\t'),
                        Some(b'u') => {
                            let c = self.unicode_escape()?;
                            suspect |= special(c);
                            out.push(c);
                        }
                        _ => {
                            self.pos -= 1;
                            return Err(self.error(
                                "invalid escape in a string",
                                Some("valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX"),
                            ));
                        }
                    }
                }
                c if (c as u32) < 0x20 => return Err(self.control_in_string(c)),
                c => {
                    suspect |= special(c);
                    out.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
    }

    fn unterminated(start: usize) -> SyntaxError {
        SyntaxError {
            span: Span {
                start,
                end: start + 1,
            },
            message: "unterminated string: the file ends before its closing `\"`".into(),
            hint: Some("close the string; the file may also be cut short".into()),
        }
    }

    /// A raw control character (below U+0020) inside a string, at the current position.
    fn control_in_string(&self, c: char) -> SyntaxError {
        let (what, hint) = match c {
            '\n' => (
                "a line break",
                "end the string with `\"` on this line, or write the line break as \\n".to_string(),
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
        self.error(&message, Some(&hint))
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
/// The line starts are found on first use: a profile without diagnostics never needs them.
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: std::cell::OnceCell<Vec<usize>>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        LineIndex {
            text,
            starts: std::cell::OnceCell::new(),
        }
    }

    /// The text indexed.
    pub fn text(&self) -> &'a str {
        self.text
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
        let starts = self.starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let line = starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let start = starts[line];
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
    use serde_json::Value;

    fn to_value(node: &Node<'_>) -> Value {
        match &node.kind {
            Kind::Null => Value::Null,
            Kind::Bool(b) => Value::Bool(*b),
            Kind::Number(Number::Int(i)) => Value::from(*i),
            Kind::Number(Number::UInt(u)) => Value::from(*u),
            Kind::Number(Number::Float(f)) => Value::from(*f),
            Kind::String(s) => Value::String(s.to_string()),
            Kind::Array(items) => Value::Array(items.iter().map(to_value).collect()),
            Kind::Object(members) => Value::Object(
                members
                    .iter()
                    .map(|m| (m.key.to_string(), to_value(&m.value)))
                    .collect(),
            ),
        }
    }

    #[test]
    fn values_agree_with_serde_json() {
        let text = r#"{"a": [1, -2.5e3, "x\u00e9\ud83d\ude00\n", true, null, {}, 18446744073709551615, 1.0], "b": {"c": []}, "d~/": "“q”"}"#;
        let parsed = parse(text).unwrap();
        let expected: Value = serde_json::from_str(text).unwrap();
        assert_eq!(to_value(parsed.tree.root().unwrap()), expected);
    }

    #[test]
    fn strings_without_escapes_are_borrowed_from_the_text() {
        let parsed = parse(r#"{"a": "plain", "b": "esc\"aped"}"#).unwrap();
        let root = parsed.tree.root().unwrap();
        let kind = |k: &str| &root.member(k).unwrap().value.kind;
        assert!(matches!(kind("a"), Kind::String(Cow::Borrowed("plain"))));
        assert!(matches!(kind("b"), Kind::String(Cow::Owned(s)) if s == "esc\"aped"));
    }

    #[test]
    fn line_breaks_are_normalised_and_control_characters_recorded_with_their_pointer() {
        let parsed = parse(r#"{"a": ["x\r\ny\u000bz\u2028w", "e\u001b[2J"]}"#).unwrap();
        let tree = &parsed.tree;
        assert!(matches!(&tree.node("/a/0").unwrap().kind, Kind::String(s) if s == "x\ny\nz\nw"));
        assert_eq!(
            parsed.controls,
            [Control {
                pointer: "/a/1".into(),
                character: '\u{1b}',
                index: 2
            }]
        );
    }

    #[test]
    fn raw_line_breaks_and_controls_beyond_ascii_are_found_too() {
        let parsed = parse("[\"a\u{85}b\u{2029}c\", \"„q“ é\", \"x\u{7f}\", \"y\u{9b}\"]").unwrap();
        let tree = &parsed.tree;
        assert!(matches!(&tree.node("/0").unwrap().kind, Kind::String(s) if s == "a\nb\nc"));
        assert!(matches!(
            &tree.node("/1").unwrap().kind,
            Kind::String(Cow::Borrowed("„q“ é"))
        ));
        let found: Vec<(&str, char)> = parsed
            .controls
            .iter()
            .map(|c| (c.pointer.as_str(), c.character))
            .collect();
        assert_eq!(found, [("/2", '\u{7f}'), ("/3", '\u{9b}')]);
    }

    #[test]
    fn spans_locate_nested_values_and_keys() {
        let text = "{\n  \"laws\": [\n    {\"id\": \"x\"}\n  ],\n  \"a/b\": {\"~\": 1}\n}";
        let parsed = parse(text).unwrap();
        let index = LineIndex::new(text);
        let span = parsed.tree.value("/laws/0/id");
        assert_eq!(index.position(span.start), (3, 12));
        assert_eq!(index.position(parsed.tree.key("/laws").start), (2, 3));
        // A pointer below a value that exists falls back to it.
        assert_eq!(parsed.tree.value("/laws/0/id/deeper"), span);
        assert_eq!(parsed.tree.value("/laws/7"), parsed.tree.value("/laws"));
        // Escaped segments (RFC 6901).
        assert_eq!(index.position(parsed.tree.key("/a~1b/~0").start), (5, 11));
    }

    #[test]
    fn duplicate_keys_are_reported_with_both_places_and_the_last_value_wins() {
        let parsed = parse(r#"{"x": {"a": 1, "a": 2}}"#).unwrap();
        assert_eq!(parsed.duplicates.len(), 1);
        let d = &parsed.duplicates[0];
        assert_eq!((d.key.as_str(), d.pointer.as_str()), ("a", "/x/a"));
        assert_eq!((d.first.start, d.span.start), (7, 15));
        let a = parsed.tree.node("/x/a").unwrap();
        assert_eq!(a.kind, Kind::Number(Number::Int(2)));
    }

    #[test]
    fn duplicates_are_found_in_large_objects_too() {
        let members: Vec<String> = (0..40).map(|i| format!("\"k{i}\": {i}")).collect();
        let text = format!("{{{}, \"k3\": 0, \"k30\": 0}}", members.join(", "));
        let parsed = parse(&text).unwrap();
        let keys: Vec<&str> = parsed.duplicates.iter().map(|d| d.key.as_str()).collect();
        assert_eq!(keys, ["k3", "k30"]);
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
            parse("\"ab\\n")
                .unwrap_err()
                .message
                .contains("unterminated")
        );
        assert!(parse("1e999").unwrap_err().message.contains("out of range"));
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
