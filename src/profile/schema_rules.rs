//! The checks of [`super::validate`] that JSON Schema can express, added to the generated
//! profile schema so that an editor or another validator agrees with `check` as far as it can.
//! What only `check` verifies is listed in the README ("For CI").

use serde_json::{Value, json};

/// A non-blank text: at least one character that is not white space.
const NOT_BLANK: &str = "\\S";

/// An `http` or `https` address with a host, in printable ASCII without `"`, `<`, `>`, a
/// backtick or `|`: nothing a Markdown table or a PDF link would misread (as `check` does).
const WEB_ADDRESS: &str = "^[hH][tT][tT][pP][sS]?://[\\x21\\x24-\\x2e\\x30-\\x3b\\x3d\\x40-\\x5f\\x61-\\x7b\\x7d\\x7e][\\x21\\x23-\\x3b\\x3d\\x3f-\\x5f\\x61-\\x7b\\x7d\\x7e]*$";

/// Adds the loader's constraints to the generated profile schema.
pub(crate) fn tighten(schema: &mut Value) {
    let rules: &[(&str, Value)] = &[
        ("/properties/format", json!({ "const": 1 })),
        (
            "/$defs/Jurisdiction/properties/name",
            json!({ "pattern": NOT_BLANK }),
        ),
        (
            "/$defs/Jurisdiction/properties/code",
            json!({ "pattern": "^[A-Z]{2}$" }),
        ),
        (
            "/$defs/Document/properties/title",
            json!({ "pattern": NOT_BLANK }),
        ),
        (
            "/$defs/Document/properties/language",
            json!({ "pattern": NOT_BLANK }),
        ),
        // The year 1900 or later.
        (
            "/$defs/Document/properties/as_of",
            json!({ "pattern": "^(19|[2-9][0-9])" }),
        ),
        ("/$defs/Law/properties/id", json!({ "pattern": NOT_BLANK })),
        (
            "/$defs/Law/properties/title",
            json!({ "pattern": NOT_BLANK }),
        ),
        (
            "/$defs/Law/properties/url",
            json!({ "pattern": WEB_ADDRESS }),
        ),
        (
            "/$defs/Provision/properties/id",
            json!({ "pattern": NOT_BLANK }),
        ),
        (
            "/$defs/Provision/properties/law",
            json!({ "pattern": NOT_BLANK }),
        ),
        (
            "/$defs/Provision/properties/ref",
            json!({ "pattern": NOT_BLANK }),
        ),
        (
            "/$defs/StateChoice/properties/paragraph",
            json!({ "pattern": NOT_BLANK }),
        ),
        (
            "/$defs/StateChoice/properties/article",
            json!({ "minimum": 1 }),
        ),
        (
            "/$defs/Suggestion/properties/score",
            json!({ "minimum": 0, "maximum": 1000 }),
        ),
        (
            "/$defs/ArticleAssessment/properties/provisions",
            json!({ "uniqueItems": true }),
        ),
        (
            "/properties/assessment/additionalProperties",
            json!({ "propertyNames": { "pattern": "^art-[1-9][0-9]*$" } }),
        ),
    ];
    for (pointer, add) in rules {
        let Some(Value::Object(target)) = schema.pointer_mut(pointer) else {
            // A renamed field: the schema test against `check` fails and says which.
            continue;
        };
        if pointer.ends_with("/format") {
            target.remove("minimum");
            target.remove("format");
        }
        if let Value::Object(add) = add {
            target.extend(add.clone());
        }
    }
}
