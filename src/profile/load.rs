//! Reading a profile: JSON syntax, then structure (types, keys), collecting every problem it
//! can before the semantic checks of [`super::validate`] run.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::diagnostic::{Code, Diagnostic, DiagnosticSeverity, did_you_mean, visible};
use super::json::{self, LineIndex, Span, SpanMap};
use super::model::*;

/// Collects diagnostics against one source text.
pub(crate) struct Sink<'a> {
    pub file: &'a str,
    pub spans: SpanMap,
    pub lines: LineIndex<'a>,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Sink<'a> {
    pub fn new(file: &'a str, text: &'a str, spans: SpanMap) -> Self {
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
            let mut sink = Sink::new(file, text, SpanMap::default());
            sink.at_span(Code::JsonSyntax, e.span, "", e.message, e.hint);
            return (None, sink);
        }
    };
    let mut sink = Sink::new(file, text, parsed.spans);
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
    let mut value = parsed.value;
    let mut pointer = String::new();
    normalise(&mut value, &mut pointer, &mut sink);
    let profile = Structure { sink: &mut sink }.profile(value);
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

/// Line breaks of every kind in strings become `\n` (CRLF pasted from a word processor, a form
/// feed, U+0085, U+2028): reports show them as one. Any other control character is an error
/// with its place, since no report can show it.
fn normalise(value: &mut Value, pointer: &mut String, sink: &mut Sink<'_>) {
    match value {
        Value::String(s) => match plain_text(s) {
            Ok(std::borrow::Cow::Borrowed(_)) => {}
            Ok(std::borrow::Cow::Owned(normal)) => *s = normal,
            Err(ControlCharacter { character, offset }) => {
                sink.value(
                    Code::ControlCharacter,
                    pointer,
                    format!(
                        "the text holds the control character U+{:04X}{} (character {} of the string), which no report can show",
                        character as u32,
                        control_name(character),
                        s[..offset].chars().count() + 1
                    ),
                    Some("remove it; if the text was pasted, retype that passage".into()),
                );
            }
        },
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                let len = pointer.len();
                pointer.push_str(&format!("/{i}"));
                normalise(item, pointer, sink);
                pointer.truncate(len);
            }
        }
        Value::Object(map) => {
            for (k, item) in map.iter_mut() {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&json::escape(k));
                normalise(item, pointer, sink);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
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

struct Structure<'s, 'a> {
    sink: &'s mut Sink<'a>,
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

impl Structure<'_, '_> {
    fn profile(&mut self, value: Value) -> Option<Profile> {
        let Value::Object(mut top) = value else {
            self.sink.value(
                Code::WrongType,
                "",
                format!("a profile is a JSON object, found {}", kind(&value)),
                Some("start from `budapest-gap init`".into()),
            );
            return None;
        };
        let errors_before = self.error_count();
        for key in top.keys() {
            if !TOP_KEYS.contains(&key.as_str()) {
                let pointer = format!("/{}", json::escape(key));
                let hint = did_you_mean(key, TOP_KEYS.iter().copied())
                    .or_else(|| Some(format!("the top-level keys are {}", list(TOP_KEYS))));
                self.sink.key(
                    Code::UnknownKey,
                    &pointer,
                    format!("unknown key `{key}` at the top level of the profile"),
                    hint,
                );
            }
        }
        let schema = self
            .field::<Option<String>>(&mut top, "", "$schema")
            .flatten();
        let format = self.required::<u32>(&mut top, "format");
        let jurisdiction = self.required::<Jurisdiction>(&mut top, "jurisdiction");
        let document = self.required::<Document>(&mut top, "document");
        let instruments = self.map_items::<TreatyStatus>(&mut top, "", "instruments", true);
        let laws = self.array_items::<Law>(&mut top, "laws");
        let provisions = self.array_items::<Provision>(&mut top, "provisions");
        let assessment = match top.remove("assessment") {
            None => Some(Default::default()),
            Some(Value::Object(per_instrument)) => {
                let mut out = std::collections::BTreeMap::new();
                for (id, articles) in per_instrument {
                    let pointer = format!("/assessment/{}", json::escape(&id));
                    let Value::Object(mut articles) = articles else {
                        self.sink.value(Code::WrongType, &pointer, format!("the assessment for `{id}` must be an object keyed by article id (`art-2`), found {}", kind(&articles)), None);
                        continue;
                    };
                    let keys: Vec<String> = articles.keys().cloned().collect();
                    let mut per_article = std::collections::BTreeMap::new();
                    for key in keys {
                        if let Some(v) =
                            self.field::<ArticleAssessment>(&mut articles, &pointer, &key)
                        {
                            per_article.insert(key, v);
                        }
                    }
                    out.insert(id, per_article);
                }
                Some(out)
            }
            Some(other) => {
                self.sink.value(
                    Code::WrongType,
                    "/assessment",
                    format!(
                        "`assessment` must be an object keyed by instrument id, found {}",
                        kind(&other)
                    ),
                    None,
                );
                None
            }
        };
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

    fn required<T: DeserializeOwned>(
        &mut self,
        top: &mut Map<String, Value>,
        key: &str,
    ) -> Option<T> {
        if !top.contains_key(key) {
            self.sink.value(Code::MissingKey, "", format!("the profile has no `{key}`"), Some(format!("add a `{key}` key at the top level; `budapest-gap init` writes a complete starter profile")));
            return None;
        }
        self.field(top, "", key)
    }

    /// Deserializes `obj[key]` (absent → `T` from `null`, so `Option`s and defaults work).
    fn field<T: DeserializeOwned>(
        &mut self,
        obj: &mut Map<String, Value>,
        parent: &str,
        key: &str,
    ) -> Option<T> {
        let pointer = format!("{parent}/{}", json::escape(key));
        let value = obj.remove(key).unwrap_or(Value::Null);
        self.deserialize(value, &pointer)
    }

    fn array_items<T: DeserializeOwned>(
        &mut self,
        top: &mut Map<String, Value>,
        key: &str,
    ) -> Option<Vec<T>> {
        let pointer = format!("/{key}");
        match top.remove(key) {
            None => Some(Vec::new()),
            Some(Value::Array(items)) => {
                let mut out = Vec::new();
                let mut ok = true;
                for (i, item) in items.into_iter().enumerate() {
                    match self.deserialize(item, &format!("{pointer}/{i}")) {
                        Some(v) => out.push(v),
                        None => ok = false,
                    }
                }
                ok.then_some(out)
            }
            Some(other) => {
                self.sink.value(
                    Code::WrongType,
                    &pointer,
                    format!("`{key}` must be an array, found {}", kind(&other)),
                    None,
                );
                None
            }
        }
    }

    fn map_items<T: DeserializeOwned>(
        &mut self,
        top: &mut Map<String, Value>,
        parent: &str,
        key: &str,
        required: bool,
    ) -> Option<std::collections::BTreeMap<String, T>> {
        let pointer = format!("{parent}/{key}");
        match top.remove(key) {
            None if required => {
                self.sink.value(
                    Code::MissingKey,
                    parent,
                    format!("the profile has no `{key}`"),
                    Some(
                        "add `\"instruments\": { \"ets-185\": {} }` with the treaty's status"
                            .into(),
                    ),
                );
                None
            }
            None => Some(Default::default()),
            Some(Value::Object(items)) => {
                let mut out = std::collections::BTreeMap::new();
                let mut ok = true;
                for (k, item) in items {
                    match self.deserialize(item, &format!("{pointer}/{}", json::escape(&k))) {
                        Some(v) => {
                            out.insert(k, v);
                        }
                        None => ok = false,
                    }
                }
                ok.then_some(out)
            }
            Some(other) => {
                self.sink.value(
                    Code::WrongType,
                    &pointer,
                    format!("`{key}` must be an object, found {}", kind(&other)),
                    None,
                );
                None
            }
        }
    }

    fn deserialize<T: DeserializeOwned>(&mut self, value: Value, pointer: &str) -> Option<T> {
        match serde_path_to_error::deserialize::<_, T>(value) {
            Ok(v) => Some(v),
            Err(e) => {
                let mut at = pointer.to_string();
                for segment in e.path().iter() {
                    match segment {
                        serde_path_to_error::Segment::Seq { index } => {
                            at.push_str(&format!("/{index}"))
                        }
                        serde_path_to_error::Segment::Map { key } => {
                            at.push_str(&format!("/{}", json::escape(key)))
                        }
                        serde_path_to_error::Segment::Enum { .. }
                        | serde_path_to_error::Segment::Unknown => {}
                    }
                }
                self.serde_error(&at, &e.into_inner().to_string());
                None
            }
        }
    }

    /// Turns serde's message into a diagnostic with a code and a hint.
    fn serde_error(&mut self, pointer: &str, message: &str) {
        if let Some(rest) = message.strip_prefix("unknown field `") {
            let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
            let candidates = backticked(expected);
            let hint = did_you_mean(field, candidates.iter().map(String::as_str)).or_else(|| {
                (!candidates.is_empty()).then(|| format!("allowed here: {}", list(&candidates)))
            });
            let at = if pointer.ends_with(&format!("/{}", json::escape(field))) {
                pointer.to_string()
            } else {
                format!("{pointer}/{}", json::escape(field))
            };
            self.sink.key(
                Code::UnknownKey,
                &at,
                format!("unknown key `{field}`"),
                hint,
            );
        } else if let Some(rest) = message.strip_prefix("missing field `") {
            let field = rest.split('`').next().unwrap_or(rest);
            self.sink.value(
                Code::MissingKey,
                pointer,
                format!("`{field}` is required here"),
                Some(format!("add `{field}` to this object")),
            );
        } else if let Some(rest) = message.strip_prefix("unknown variant `") {
            let (variant, expected) = rest.split_once('`').unwrap_or((rest, ""));
            let candidates = backticked(expected);
            let hint = did_you_mean(variant, candidates.iter().map(String::as_str))
                .or_else(|| Some(format!("allowed values: {}", list(&candidates))));
            self.sink.value(
                Code::InvalidValue,
                pointer,
                format!("`{variant}` is not an allowed value here"),
                hint,
            );
        } else if message.contains("is not a date") || message.contains("is not a real date") {
            self.sink.value(
                Code::InvalidDate,
                pointer,
                strip_position(message),
                Some("write dates as YYYY-MM-DD, e.g. 2010-03-24".into()),
            );
        } else if let Some((code, rest, fallback)) = [
            (Code::WrongType, "invalid type: ", "another type"),
            (Code::InvalidValue, "invalid value: ", "another value"),
        ]
        .into_iter()
        .find_map(|(code, prefix, fallback)| Some((code, message.strip_prefix(prefix)?, fallback)))
        {
            let rest = strip_position(rest);
            let (found, expected) = rest.split_once(", expected ").unwrap_or((&rest, fallback));
            let found = found_words(found);
            let hint = if pointer == "/format" {
                Some("write `\"format\": 1`".to_string())
            } else if found.contains('.') && friendly(expected).starts_with("a whole number") {
                Some("write the number without a decimal point".to_string())
            } else {
                None
            };
            let expected = if pointer == "/format" {
                "the format version, a whole number (1)".to_string()
            } else {
                friendly(expected)
            };
            self.sink.value(
                code,
                pointer,
                format!("expected {expected}, found {found}"),
                hint,
            );
        } else {
            self.sink
                .value(Code::WrongType, pointer, strip_position(message), None);
        }
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn backticked(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

fn list<S: AsRef<str>>(items: &[S]) -> String {
    items
        .iter()
        .map(|s| format!("`{}`", s.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn strip_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// serde's description of a found value in words: "integer `-1`" is `-1`.
fn found_words(found: &str) -> String {
    for prefix in ["integer `", "floating point `"] {
        if let Some(n) = found.strip_prefix(prefix).and_then(|r| r.strip_suffix('`')) {
            return n.to_string();
        }
    }
    found.to_string()
}

/// serde's type names in words a profile author knows.
fn friendly(expected: &str) -> String {
    match expected {
        "u8" => "a whole number from 0 to 255".into(),
        "u16" => "a whole number from 0 to 65535".into(),
        "u32" => "a whole number from 0 to 4294967295".into(),
        "u64" | "usize" => "a whole number from 0 up".into(),
        "f64" | "f32" => "a number".into(),
        "a string" | "a boolean" | "a sequence" | "a map" => expected
            .replace("a sequence", "an array")
            .replace("a map", "an object"),
        e if e.starts_with("struct ") || e.starts_with("a map") => "an object".into(),
        e => e.to_string(),
    }
}
