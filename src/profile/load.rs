//! Reading a profile: JSON syntax, then structure (types, keys), collecting every problem it
//! can before the semantic checks of [`super::validate`] run.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;

use super::de::{self, ErrorKind, Expected, backticked};
use super::diagnostic::{Code, Diagnostic, DiagnosticSeverity, did_you_mean, visible};
use super::json::{self, Kind, LineIndex, Node, Number, Span, Tree};
use super::model::*;
use crate::Date;

/// Collects diagnostics against one source text.
pub(crate) struct Sink<'a> {
    pub file: &'a str,
    pub spans: Tree<'a>,
    pub lines: LineIndex<'a>,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Sink<'a> {
    pub fn new(file: &'a str, text: &'a str, spans: Tree<'a>) -> Self {
        Sink {
            file,
            spans,
            lines: LineIndex::new(text),
            diagnostics: Vec::new(),
        }
    }

    pub fn at_span(
        &mut self,
        code: Code,
        span: Span,
        pointer: &str,
        message: String,
        hint: Option<String>,
    ) -> &mut Diagnostic {
        let (line, column) = self.lines.position(span.start);
        // An object or array spans many lines; pointing at its first line reads better.
        let end = self
            .lines
            .end_of_line(span.start)
            .min(span.end)
            .max(span.start);
        let span = Span {
            start: span.start,
            end,
        };
        self.diagnostics.push(Diagnostic {
            code,
            severity: code.default_severity(),
            file: self.file.to_string(),
            line,
            column,
            pointer: visible(pointer),
            message: visible(&message),
            hint: hint.map(|h| visible(&h)),
            span: (span.start, span.end),
        });
        self.diagnostics.last_mut().expect("just pushed")
    }

    /// The text of the value at `pointer` as the file writes it.
    pub fn written(&self, pointer: &str) -> &'a str {
        let span = self.spans.value(pointer);
        self.lines.text().get(span.start..span.end).unwrap_or("")
    }

    /// A diagnostic about the value at `pointer`.
    pub fn value(
        &mut self,
        code: Code,
        pointer: &str,
        message: String,
        hint: Option<String>,
    ) -> &mut Diagnostic {
        let span = self.spans.value(pointer);
        self.at_span(code, span, pointer, message, hint)
    }

    /// A diagnostic about the key that introduces the value at `pointer`.
    pub fn key(
        &mut self,
        code: Code,
        pointer: &str,
        message: String,
        hint: Option<String>,
    ) -> &mut Diagnostic {
        let span = self.spans.key(pointer);
        self.at_span(code, span, pointer, message, hint)
    }
}

/// The text of a profile file, or the one diagnostic that says why it has none: too large, or
/// not UTF-8 (located at the first byte that is not).
pub(crate) fn decode<'b>(file: &str, bytes: &'b [u8]) -> Result<&'b str, Box<Diagnostic>> {
    let diagnostic = |code: Code, offset: usize, message: String, hint: &str| {
        let prefix = String::from_utf8_lossy(&bytes[..offset]);
        let (line, column) = LineIndex::new(&prefix).position(offset.min(prefix.len()));
        Box::new(Diagnostic {
            code,
            severity: DiagnosticSeverity::Error,
            file: file.to_string(),
            line,
            column,
            pointer: String::new(),
            message,
            hint: Some(hint.to_string()),
            span: (offset, offset),
        })
    };
    if bytes.len() > super::MAX_PROFILE_BYTES {
        return Err(diagnostic(
            Code::FileTooLarge,
            0,
            format!(
                "the file is larger than {} bytes (16 MiB), the most a profile may have",
                super::MAX_PROFILE_BYTES
            ),
            "split it into one profile per jurisdiction, or leave out the long provision texts",
        ));
    }
    let utf16 = bytes.starts_with(&[0xff, 0xfe])
        || bytes.starts_with(&[0xfe, 0xff])
        || (bytes.len() >= 4 && bytes[..4].iter().filter(|&&b| b == 0).count() == 2);
    if utf16 {
        return Err(diagnostic(
            Code::InvalidEncoding,
            0,
            "the file is UTF-16 text; profiles are UTF-8".into(),
            "save it as UTF-8 (in most editors: Save As, Encoding: UTF-8)",
        ));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let byte = bytes[at];
        let guess = if byte >= 0xa0 {
            format!(
                "; in Latin-1 it would be `{}`, so the file is probably Latin-1 or Windows-1252",
                char::from(byte)
            )
        } else {
            String::new()
        };
        diagnostic(
            Code::InvalidEncoding,
            at,
            format!("byte 0x{byte:02X} is not UTF-8{guess}"),
            "save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8)",
        )
    })
}

/// Parses the text; on success returns the profile (if its structure is sound) and the sink.
pub(crate) fn load<'a>(file: &'a str, text: &'a str) -> (Option<Profile>, Sink<'a>) {
    let parsed = match json::parse(text) {
        Ok(p) => p,
        Err(e) => {
            let mut sink = Sink::new(file, text, Tree::default());
            sink.at_span(Code::JsonSyntax, e.span, "", e.message, e.hint);
            return (None, sink);
        }
    };
    let mut sink = Sink::new(file, text, parsed.tree);
    for d in &parsed.duplicates {
        let (first_line, first_col) = sink.lines.position(d.first.start);
        sink.at_span(
            Code::DuplicateKey,
            d.span,
            &d.pointer,
            format!("the key `{}` appears twice in the same object (first at line {first_line}, column {first_col})", d.key),
            Some("remove one of them, or merge their contents".into()),
        );
    }
    for c in &parsed.controls {
        // Line breaks of every kind were made `\n` as the text was read (CRLF pasted from a
        // word processor, a form feed, U+0085, U+2028): reports show them as one. Any other
        // control character is an error with its place, since no report can show it.
        sink.value(
            Code::ControlCharacter,
            &c.pointer,
            format!(
                "the text holds the control character U+{:04X}{} (character {} of the string), which no report can show",
                c.character as u32,
                control_name(c.character),
                c.index
            ),
            Some("remove it; if the text was pasted, retype that passage".into()),
        );
    }
    let tree = std::mem::take(&mut sink.spans);
    let profile = Structure {
        sink: &mut sink,
        tree: &tree,
        text,
    }
    .profile();
    sink.spans = tree;
    (profile, sink)
}

/// A control character that no report can show, and its byte offset in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ControlCharacter {
    /// The character.
    pub character: char,
    /// Its byte offset in the text as given.
    pub offset: usize,
}

/// `text` as reports can show it: line breaks of every kind (CR, CRLF, vertical tab, form feed,
/// U+0085, U+2028, U+2029) become `\n`; any other control character (tab aside) is refused.
///
/// # Errors
///
/// The first other control character, where it stands in `text`.
///
/// # Example
///
/// ```
/// use budapest_gap::profile::plain_text;
///
/// assert_eq!(plain_text("a\r\nb\u{c}c").unwrap(), "a\nb\nc");
/// assert_eq!(plain_text("a\u{1b}[2J").unwrap_err().offset, 1);
/// ```
pub fn plain_text(text: &str) -> Result<std::borrow::Cow<'_, str>, ControlCharacter> {
    let breaks = ['\r', '\u{b}', '\u{c}', '\u{85}', '\u{2028}', '\u{2029}'];
    // Most texts hold none of these: no control character (tab and line feed aside), DEL, or
    // lead byte of U+0080–U+009F or U+2028–U+2029.
    let plain = !text
        .bytes()
        .any(|b| (b < 0x20 && b != b'\n' && b != b'\t') || matches!(b, 0x7f | 0xc2 | 0xe2));
    if plain {
        return Ok(std::borrow::Cow::Borrowed(text));
    }
    let mut needs_change = false;
    for (offset, character) in text.char_indices() {
        if breaks.contains(&character) {
            needs_change = true;
        } else if character.is_control() && character != '\n' && character != '\t' {
            return Err(ControlCharacter { character, offset });
        }
    }
    if !needs_change {
        return Ok(std::borrow::Cow::Borrowed(text));
    }
    Ok(std::borrow::Cow::Owned(
        text.replace("\r\n", "\n").replace(breaks, "\n"),
    ))
}

fn control_name(c: char) -> &'static str {
    match c {
        '\0' => " (NUL)",
        '\u{7}' => " (bell)",
        '\u{8}' => " (backspace)",
        '\u{1b}' => " (escape, which starts terminal commands)",
        '\u{7f}' => " (delete)",
        _ => "",
    }
}

/// Deserialises the profile from the value tree, one unit at a time (the header, each
/// instrument, law, provision and article), so that one run reports a mistake in each.
struct Structure<'s, 'a> {
    sink: &'s mut Sink<'a>,
    tree: &'s Tree<'a>,
    text: &'a str,
}

const TOP_KEYS: &[&str] = &[
    "$schema",
    "format",
    "jurisdiction",
    "document",
    "instruments",
    "laws",
    "provisions",
    "assessment",
];

/// A `null` standing for an absent member, so that `Option`s and defaults apply.
const ABSENT: Node<'static> = Node {
    span: Span { start: 0, end: 0 },
    kind: Kind::Null,
};

impl Structure<'_, '_> {
    fn profile(&mut self) -> Option<Profile> {
        let root = self.tree.root()?;
        let Kind::Object(members) = &root.kind else {
            self.sink.at_span(
                Code::WrongType,
                root.span,
                "",
                format!("a profile is a JSON object, found {}", kind(root)),
                Some("start from `budapest-gap init`".into()),
            );
            return None;
        };
        let errors_before = self.error_count();
        for m in members {
            if !TOP_KEYS.contains(&m.key.as_ref()) {
                let hint = did_you_mean(&m.key, TOP_KEYS.iter().copied())
                    .or_else(|| Some(format!("the top-level keys are {}", backticked(TOP_KEYS))));
                self.sink.at_span(
                    Code::UnknownKey,
                    m.key_span,
                    &format!("/{}", json::escape(&m.key)),
                    format!("unknown key `{}` at the top level of the profile", m.key),
                    hint,
                );
            }
        }
        let schema = self.field::<Option<String>>(root, "", "$schema").flatten();
        let format = self.required::<u32>(root, "format");
        let jurisdiction = self.required::<Jurisdiction>(root, "jurisdiction");
        let document = self.required::<Document>(root, "document");
        let instruments = self.map_items::<TreatyStatus>(root, "instruments");
        let laws = self.array_items::<Law>(root, "laws");
        let provisions = self.array_items::<Provision>(root, "provisions");
        let assessment = self.assessment(root);
        if self.error_count() > errors_before {
            return None;
        }
        Some(Profile {
            schema,
            format: format?,
            jurisdiction: jurisdiction?,
            document: document?,
            instruments: instruments?,
            laws: laws?,
            provisions: provisions?,
            assessment: assessment?,
        })
    }

    fn error_count(&self) -> usize {
        self.sink
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .count()
    }

    fn required<T: DeserializeOwned>(&mut self, top: &Node<'_>, key: &str) -> Option<T> {
        if top.member(key).is_none() {
            self.sink.at_span(Code::MissingKey, top.span, "", format!("the profile has no `{key}`"), Some(format!("add a `{key}` key at the top level; `budapest-gap init` writes a complete starter profile")));
            return None;
        }
        self.field(top, "", key)
    }

    /// Deserializes `obj[key]` (absent → `T` from `null`, so `Option`s and defaults work).
    fn field<T: DeserializeOwned>(&mut self, obj: &Node<'_>, parent: &str, key: &str) -> Option<T> {
        let pointer = format!("{parent}/{}", json::escape(key));
        let node = obj.member(key).map_or(&ABSENT, |m| &m.value);
        self.deserialize(node, &pointer)
    }

    fn array_items<T: DeserializeOwned>(&mut self, top: &Node<'_>, key: &str) -> Option<Vec<T>> {
        let pointer = format!("/{key}");
        let Some(member) = top.member(key) else {
            return Some(Vec::new());
        };
        let Kind::Array(items) = &member.value.kind else {
            self.sink.at_span(
                Code::WrongType,
                member.value.span,
                &pointer,
                format!("`{key}` must be an array, found {}", kind(&member.value)),
                None,
            );
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            match self.deserialize(item, &format!("{pointer}/{i}")) {
                Some(v) => out.push(v),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn map_items<T: DeserializeOwned>(
        &mut self,
        top: &Node<'_>,
        key: &str,
    ) -> Option<BTreeMap<String, T>> {
        let pointer = format!("/{key}");
        let Some(member) = top.member(key) else {
            self.sink.at_span(
                Code::MissingKey,
                top.span,
                "",
                format!("the profile has no `{key}`"),
                Some("add `\"instruments\": { \"ets-185\": {} }` with the treaty's status".into()),
            );
            return None;
        };
        let Kind::Object(items) = &member.value.kind else {
            self.sink.at_span(
                Code::WrongType,
                member.value.span,
                &pointer,
                format!("`{key}` must be an object, found {}", kind(&member.value)),
                None,
            );
            return None;
        };
        let mut out = BTreeMap::new();
        let mut ok = true;
        for m in items {
            match self.deserialize(&m.value, &format!("{pointer}/{}", json::escape(&m.key))) {
                Some(v) => {
                    out.insert(m.key.to_string(), v);
                }
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    #[allow(clippy::type_complexity)]
    fn assessment(
        &mut self,
        top: &Node<'_>,
    ) -> Option<BTreeMap<String, BTreeMap<String, ArticleAssessment>>> {
        let Some(member) = top.member("assessment") else {
            return Some(BTreeMap::new());
        };
        let Kind::Object(per_instrument) = &member.value.kind else {
            self.sink.at_span(
                Code::WrongType,
                member.value.span,
                "/assessment",
                format!(
                    "`assessment` must be an object keyed by instrument id, found {}",
                    kind(&member.value)
                ),
                None,
            );
            return None;
        };
        let mut out = BTreeMap::new();
        for instrument in per_instrument {
            let id = &instrument.key;
            let pointer = format!("/assessment/{}", json::escape(id));
            let articles = &instrument.value;
            let Kind::Object(keys) = &articles.kind else {
                self.sink.at_span(Code::WrongType, articles.span, &pointer, format!("the assessment for `{id}` must be an object keyed by article id (`art-2`), found {}", kind(articles)), None);
                continue;
            };
            let mut per_article = BTreeMap::new();
            for article in keys {
                let at = format!("{pointer}/{}", json::escape(&article.key));
                if let Some(v) = self.deserialize::<ArticleAssessment>(&article.value, &at) {
                    per_article.insert(article.key.to_string(), v);
                }
            }
            out.insert(id.to_string(), per_article);
        }
        Some(out)
    }

    fn deserialize<T: DeserializeOwned>(&mut self, node: &Node<'_>, pointer: &str) -> Option<T> {
        match de::from_node(node, self.text) {
            Ok(v) => Some(v),
            Err(e) => {
                self.report(e, pointer);
                None
            }
        }
    }

    /// A structured deserialisation error as a diagnostic with a code and a hint.
    fn report(&mut self, e: de::Error, base: &str) {
        let pointer = e.pointer(base);
        let span = e.span.unwrap_or(Span { start: 0, end: 0 });
        let node = self.tree.node(&pointer);
        let (code, message, hint) = match e.into_kind() {
            ErrorKind::UnknownField { field, expected } => {
                let hint = did_you_mean(&field, expected.iter().copied()).or_else(|| {
                    (!expected.is_empty())
                        .then(|| format!("allowed here: {}", backticked(expected)))
                });
                (Code::UnknownKey, format!("unknown key `{field}`"), hint)
            }
            ErrorKind::MissingField(field) => (
                Code::MissingKey,
                format!("`{field}` is required here"),
                Some(format!("add `{field}` to this object")),
            ),
            ErrorKind::UnknownVariant { variant, expected } => {
                let hint = did_you_mean(&variant, expected.iter().copied())
                    .or_else(|| Some(format!("allowed values: {}", backticked(expected))));
                (
                    Code::InvalidValue,
                    format!("`{variant}` is not an allowed value here"),
                    hint,
                )
            }
            ErrorKind::Invalid(reason) => {
                // The one type of ours with its own parser is the date: ask it again why.
                let date = match node.map(|n| &n.kind) {
                    Some(Kind::String(s)) => s.parse::<Date>().err(),
                    _ => None,
                };
                match date {
                    Some(why) => (
                        Code::InvalidDate,
                        why.to_string(),
                        Some("write dates as YYYY-MM-DD, e.g. 2010-03-24".into()),
                    ),
                    None => (Code::InvalidValue, reason, None),
                }
            }
            ErrorKind::WrongType { found, .. } if pointer == "/format" => (
                Code::WrongType,
                format!("expected the format version, a whole number (1), found {found}"),
                Some("write `\"format\": 1`".to_string()),
            ),
            ErrorKind::OutOfRange { found, .. } if pointer == "/format" => (
                Code::InvalidValue,
                format!("expected the format version, a whole number (1), found {found}"),
                Some("write `\"format\": 1`".to_string()),
            ),
            ErrorKind::WrongType { expected, found } => {
                let hint = node.and_then(|n| type_hint(n, &expected));
                (
                    Code::WrongType,
                    format!("expected {expected}, found {found}"),
                    hint,
                )
            }
            ErrorKind::OutOfRange { expected, found } => (
                Code::InvalidValue,
                format!("expected {expected}, found {found}"),
                None,
            ),
        };
        self.sink.at_span(code, span, &pointer, message, hint);
    }
}

/// How to turn a value of the wrong type into the expected one, where that is plain.
fn type_hint(node: &Node<'_>, expected: &Expected) -> Option<String> {
    match (&node.kind, expected) {
        (Kind::Number(Number::Float(_)), Expected::Integer { .. }) => {
            Some("write the number without a decimal point".into())
        }
        (Kind::String(s), Expected::Integer { .. } | Expected::Number)
            if s.trim().parse::<f64>().is_ok() =>
        {
            Some("write the number without quotes".into())
        }
        (Kind::String(s), Expected::Bool) if matches!(s.trim(), "true" | "false") => {
            Some("write true or false without quotes".into())
        }
        (Kind::Number(_) | Kind::Bool(_), Expected::String) => {
            Some("put the text in double quotes".into())
        }
        (Kind::String(_), Expected::Array) => Some("put the text in an array: [\"…\"]".into()),
        _ => None,
    }
}

/// What a value is, in words.
fn kind(node: &Node<'_>) -> &'static str {
    match node.kind {
        Kind::Null => "null",
        Kind::Bool(_) => "a boolean",
        Kind::Number(_) => "a number",
        Kind::String(_) => "a string",
        Kind::Array(_) => "an array",
        Kind::Object(_) => "an object",
    }
}
