//! Deserialising the profile types from our own value tree ([`super::json::Node`]), with errors
//! that say structurally what is wrong (a missing field, an unknown key and the keys allowed, a
//! wrong type, a value out of range, an unknown enum value and the values allowed) and where:
//! the span of the offending value or key and its JSON pointer. No message text is parsed.

use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

use super::json::{Kind, Member, Node, Number, Span, escape};

/// What a value should have been.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expected {
    /// A whole number in `min..=max`.
    Integer {
        min: i64,
        max: u64,
    },
    /// Any number.
    Number,
    String,
    Bool,
    Array,
    Object,
    /// One of these strings.
    OneOf(&'static [&'static str]),
    /// What a visitor of a type we do not know said it expects.
    Other(String),
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expected::Integer { min, max } if *max == u64::MAX => {
                write!(f, "a whole number from {min} up")
            }
            Expected::Integer { min, max } => write!(f, "a whole number from {min} to {max}"),
            Expected::Number => f.write_str("a number"),
            Expected::String => f.write_str("a string"),
            Expected::Bool => f.write_str("true or false"),
            Expected::Array => f.write_str("an array"),
            Expected::Object => f.write_str("an object"),
            Expected::OneOf(values) => {
                f.write_str("one of ")?;
                f.write_str(&backticked(values))
            }
            Expected::Other(text) => f.write_str(text),
        }
    }
}

/// `a`, `b`, `c` in backticks.
pub(crate) fn backticked<S: AsRef<str>>(items: &[S]) -> String {
    items
        .iter()
        .map(|s| format!("`{}`", s.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What went wrong.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ErrorKind {
    /// A required field is absent from the object.
    MissingField(&'static str),
    /// A key the object does not allow; `expected` are the keys it does.
    UnknownField {
        field: String,
        expected: &'static [&'static str],
    },
    /// A string that is none of the enum's values.
    UnknownVariant {
        variant: String,
        expected: &'static [&'static str],
    },
    /// A value of the wrong JSON type; `found` describes it (`the string "1"`, `1.0`).
    WrongType { expected: Expected, found: String },
    /// A whole number outside the type's range.
    OutOfRange { expected: Expected, found: String },
    /// A value a type's own parser refused (a date), with its reason.
    Invalid(String),
}

/// A deserialisation error: what, the span of the value (or key) at fault, and its path
/// (boxed, so that results stay small on the path that succeeds).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Error(Box<Detail>);

/// What an [`Error`] holds.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Detail {
    pub kind: ErrorKind,
    /// The value or key at fault; set by the innermost node that saw the error.
    pub span: Option<Span>,
    /// Whether `span` is a key's (an unknown key) rather than a value's.
    pub at_key: bool,
    /// Pointer segments from the value deserialised down to the one at fault, innermost first.
    path: Vec<String>,
}

impl std::ops::Deref for Error {
    type Target = Detail;

    fn deref(&self) -> &Detail {
        &self.0
    }
}

impl Error {
    fn new(kind: ErrorKind) -> Self {
        Error(Box::new(Detail {
            kind,
            span: None,
            at_key: false,
            path: Vec::new(),
        }))
    }

    /// The error as seen from the value at `span`, reached through `segment`.
    fn within(mut self, span: Span, segment: Option<String>) -> Self {
        if self.0.span.is_none() {
            self.0.span = Some(span);
        }
        if let Some(s) = segment {
            self.0.path.push(s);
        }
        self
    }

    /// What went wrong.
    pub fn into_kind(self) -> ErrorKind {
        self.0.kind
    }

    /// The JSON pointer of the value at fault, below `base`.
    pub fn pointer(&self, base: &str) -> String {
        let mut out = base.to_string();
        for segment in self.0.path.iter().rev() {
            out.push('/');
            out.push_str(segment);
        }
        out
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::MissingField(field) => write!(f, "`{field}` is required here"),
            ErrorKind::UnknownField { field, .. } => write!(f, "unknown key `{field}`"),
            ErrorKind::UnknownVariant { variant, .. } => {
                write!(f, "`{variant}` is not an allowed value here")
            }
            ErrorKind::WrongType { expected, found }
            | ErrorKind::OutOfRange { expected, found } => {
                write!(f, "expected {expected}, found {found}")
            }
            ErrorKind::Invalid(reason) => f.write_str(reason),
        }
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error::new(ErrorKind::Invalid(msg.to_string()))
    }

    fn invalid_type(unexpected: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        Error::new(ErrorKind::WrongType {
            expected: Expected::Other(expected.to_string()),
            found: unexpected_words(&unexpected),
        })
    }

    fn invalid_value(unexpected: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        Error::new(ErrorKind::OutOfRange {
            expected: Expected::Other(expected.to_string()),
            found: unexpected_words(&unexpected),
        })
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        Error::new(ErrorKind::UnknownVariant {
            variant: variant.to_string(),
            expected,
        })
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Error::new(ErrorKind::UnknownField {
            field: field.to_string(),
            expected,
        })
    }

    fn missing_field(field: &'static str) -> Self {
        Error::new(ErrorKind::MissingField(field))
    }
}

/// A value a visitor refused, in the words [`Node::describe`] uses.
fn unexpected_words(u: &de::Unexpected<'_>) -> String {
    use de::Unexpected as U;
    match u {
        U::Bool(b) => b.to_string(),
        U::Unsigned(n) => n.to_string(),
        U::Signed(n) => n.to_string(),
        U::Float(n) => n.to_string(),
        U::Char(c) => format!("the string {:?}", c.to_string()),
        U::Str(s) => format!("the string {s:?}"),
        U::Unit | U::Option => "null".into(),
        U::Seq => "an array".into(),
        U::Map => "an object".into(),
        _ => "another kind of value".into(),
    }
}

/// Deserialises `T` from `node`; the error's span and path lead to the value at fault.
pub(crate) fn from_node<T: de::DeserializeOwned>(node: &Node<'_>, text: &str) -> Result<T, Error> {
    T::deserialize(NodeDe { node, text }).map_err(|e| e.within(node.span, None))
}

/// A [`Node`] as a `serde` deserialiser. `text` is the source, to show numbers as written.
#[derive(Clone, Copy)]
struct NodeDe<'n, 'a> {
    node: &'n Node<'a>,
    text: &'n str,
}

impl NodeDe<'_, '_> {
    fn wrong_type(&self, expected: Expected) -> Error {
        Error::new(ErrorKind::WrongType {
            expected,
            found: self.node.describe(self.text),
        })
    }

    /// The node as a whole number in `min..=max`.
    fn integer(&self, min: i64, max: u64) -> Result<Number, Error> {
        let expected = Expected::Integer { min, max };
        match self.node.kind {
            Kind::Number(n @ Number::Int(i)) => {
                if i >= min && (i < 0 || (i as u64) <= max) {
                    Ok(n)
                } else {
                    Err(self.out_of_range(expected))
                }
            }
            Kind::Number(n @ Number::UInt(u)) => {
                if u <= max {
                    Ok(n)
                } else {
                    Err(self.out_of_range(expected))
                }
            }
            _ => Err(self.wrong_type(expected)),
        }
    }

    fn out_of_range(&self, expected: Expected) -> Error {
        Error::new(ErrorKind::OutOfRange {
            expected,
            found: self.node.describe(self.text),
        })
    }
}

macro_rules! integers {
    ($($method:ident $t:ty => $visit:ident,)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            match self.integer(<$t>::MIN as i64, <$t>::MAX as u64)? {
                Number::Int(i) => visitor.visit_i64(i),
                Number::UInt(u) => visitor.visit_u64(u),
                Number::Float(f) => visitor.visit_f64(f),
            }
        }
    )*};
}

impl<'de> de::Deserializer<'de> for NodeDe<'_, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            Kind::Null => visitor.visit_unit(),
            Kind::Bool(b) => visitor.visit_bool(*b),
            Kind::Number(Number::Int(i)) => visitor.visit_i64(*i),
            Kind::Number(Number::UInt(u)) => visitor.visit_u64(*u),
            Kind::Number(Number::Float(f)) => visitor.visit_f64(*f),
            Kind::String(s) => visitor.visit_str(s),
            Kind::Array(_) => self.deserialize_seq(visitor),
            Kind::Object(_) => self.deserialize_map(visitor),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node.kind {
            Kind::Bool(b) => visitor.visit_bool(b),
            _ => Err(self.wrong_type(Expected::Bool)),
        }
    }

    integers! {
        deserialize_i8 i8 => visit_i64,
        deserialize_i16 i16 => visit_i64,
        deserialize_i32 i32 => visit_i64,
        deserialize_i64 i64 => visit_i64,
        deserialize_u8 u8 => visit_u64,
        deserialize_u16 u16 => visit_u64,
        deserialize_u32 u32 => visit_u64,
        deserialize_u64 u64 => visit_u64,
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node.kind {
            Kind::Number(Number::Int(i)) => visitor.visit_f64(i as f64),
            Kind::Number(Number::UInt(u)) => visitor.visit_f64(u as f64),
            Kind::Number(Number::Float(f)) => visitor.visit_f64(f),
            _ => Err(self.wrong_type(Expected::Number)),
        }
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            Kind::String(s) => visitor.visit_str(s),
            _ => Err(self.wrong_type(Expected::String)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node.kind {
            Kind::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node.kind {
            Kind::Null => visitor.visit_unit(),
            _ => Err(self.wrong_type(Expected::Other("null".into()))),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            Kind::Array(items) => visitor.visit_seq(Items {
                items: items.iter().enumerate(),
                text: self.text,
            }),
            _ => Err(self.wrong_type(Expected::Array)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            Kind::Object(members) => visitor.visit_map(Members {
                members: members.iter(),
                value: None,
                text: self.text,
            }),
            _ => Err(self.wrong_type(Expected::Object)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match &self.node.kind {
            Kind::String(s) => visitor.visit_enum(s.as_ref().into_deserializer()),
            _ => Err(self.wrong_type(Expected::OneOf(variants))),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
}

/// An array's items.
struct Items<'n, 'a> {
    items: std::iter::Enumerate<std::slice::Iter<'n, Node<'a>>>,
    text: &'n str,
}

impl<'de> de::SeqAccess<'de> for Items<'_, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some((i, node)) = self.items.next() else {
            return Ok(None);
        };
        seed.deserialize(NodeDe {
            node,
            text: self.text,
        })
        .map(Some)
        .map_err(|e| e.within(node.span, Some(i.to_string())))
    }

    fn size_hint(&self) -> Option<usize> {
        self.items.size_hint().1
    }
}

/// An object's members.
struct Members<'n, 'a> {
    members: std::slice::Iter<'n, Member<'a>>,
    value: Option<&'n Member<'a>>,
    text: &'n str,
}

impl<'de> de::MapAccess<'de> for Members<'_, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some(member) = self.members.next() else {
            return Ok(None);
        };
        self.value = Some(member);
        seed.deserialize(member.key.as_ref().into_deserializer())
            .map(Some)
            .map_err(|e: Error| {
                let mut e = e.within(member.key_span, Some(escape(&member.key).into_owned()));
                e.0.at_key = true;
                e
            })
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let member = self.value.take().expect("a key before its value");
        seed.deserialize(NodeDe {
            node: &member.value,
            text: self.text,
        })
        .map_err(|e| e.within(member.value.span, Some(escape(&member.key).into_owned())))
    }

    fn size_hint(&self) -> Option<usize> {
        self.members.size_hint().1
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Deserialize;

    use super::*;
    use crate::profile::json::parse;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Item {
        id: String,
        #[serde(default)]
        count: Option<u16>,
        #[serde(default)]
        kind: Option<Colour>,
        #[serde(default)]
        tags: BTreeMap<String, f64>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "kebab-case")]
    enum Colour {
        Red,
        DarkBlue,
    }

    fn load(text: &str) -> Result<Vec<Item>, Box<(Error, String, &str)>> {
        let parsed = parse(text).unwrap();
        from_node(parsed.tree.root().unwrap(), text).map_err(|e| {
            let span = e.span.unwrap();
            let pointer = e.pointer("");
            Box::new((e, pointer, &text[span.start..span.end]))
        })
    }

    #[test]
    fn a_sound_document_deserialises() {
        let items =
            load(r#"[{"id": "a", "count": 3, "kind": "dark-blue", "tags": {"x": 1, "y": 2.5}}]"#)
                .unwrap();
        assert_eq!(items[0].count, Some(3));
        assert_eq!(items[0].kind, Some(Colour::DarkBlue));
        assert_eq!(items[0].tags["y"], 2.5);
    }

    #[test]
    fn each_error_has_its_kind_pointer_and_span() {
        let (e, pointer, at) = *load(r#"[{"id": "a"}, {"id": "b", "cuont": 1}]"#).unwrap_err();
        assert_eq!(
            e.kind,
            ErrorKind::UnknownField {
                field: "cuont".into(),
                expected: &["id", "count", "kind", "tags"]
            }
        );
        assert!(e.at_key);
        assert_eq!((pointer.as_str(), at), ("/1/cuont", "\"cuont\""));

        let (e, pointer, at) = *load(r#"[{"count": 1}]"#).unwrap_err();
        assert_eq!(e.kind, ErrorKind::MissingField("id"));
        assert_eq!((pointer.as_str(), at), ("/0", r#"{"count": 1}"#));

        let (e, pointer, at) = *load(r#"[{"id": "a", "count": 70000}]"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            "expected a whole number from 0 to 65535, found 70000"
        );
        assert!(matches!(e.kind, ErrorKind::OutOfRange { .. }));
        assert_eq!((pointer.as_str(), at), ("/0/count", "70000"));

        let (e, _, _) = *load(r#"[{"id": "a", "count": -1}]"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            "expected a whole number from 0 to 65535, found -1"
        );

        let (e, _, at) = *load(r#"[{"id": "a", "count": 1.0}]"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            "expected a whole number from 0 to 65535, found 1.0"
        );
        assert!(matches!(e.kind, ErrorKind::WrongType { .. }));
        assert_eq!(at, "1.0");

        let (e, _, _) = *load(r#"[{"id": 5}]"#).unwrap_err();
        assert_eq!(e.to_string(), "expected a string, found 5");

        let (e, pointer, at) = *load(r#"[{"id": "a", "kind": "green"}]"#).unwrap_err();
        assert_eq!(
            e.kind,
            ErrorKind::UnknownVariant {
                variant: "green".into(),
                expected: &["red", "dark-blue"]
            }
        );
        assert_eq!((pointer.as_str(), at), ("/0/kind", "\"green\""));

        let (e, _, _) = *load(r#"[{"id": "a", "kind": 3}]"#).unwrap_err();
        assert_eq!(e.to_string(), "expected one of `red`, `dark-blue`, found 3");

        let (e, pointer, at) = *load(r#"[{"id": "a", "tags": {"a/b": "x"}}]"#).unwrap_err();
        assert_eq!(e.to_string(), "expected a number, found the string \"x\"");
        assert_eq!((pointer.as_str(), at), ("/0/tags/a~1b", "\"x\""));

        let (e, _, _) = *load(r#"{"id": "a"}"#).unwrap_err();
        assert_eq!(e.to_string(), "expected an array, found an object");
    }
}
