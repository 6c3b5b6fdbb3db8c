//! Spreadsheet exports of an assessment: CSV in UTF-8 with a header row, which Excel and
//! LibreOffice open as they are. The comparison of many jurisdictions has its own CSV in
//! [`crate::compare`].

use serde::Serialize;

use crate::Assessment;

/// The header of [`elements_csv`].
pub const ELEMENT_COLUMNS: [&str; 10] = [
    "jurisdiction",
    "instrument",
    "article",
    "element",
    "text",
    "kind",
    "status",
    "applicable",
    "removed_by",
    "replaced_by",
];

/// One row per element of every scored article of every assessment, with the columns of
/// [`ELEMENT_COLUMNS`]: the instrument's id (`ets-185`), the element's local id and text, its kind (`core`, `qualifier`, …) and
/// resolved status (`met`, `partly`, `not-met`, `not-assessed`) as the JSON names them,
/// `applicable` as `yes` or `no`, and the reservation that removed it or the alternative that
/// replaces it (empty when none).
///
/// # Example
///
/// ```
/// use budapest_gap::{Instrument, Profile, assess, spreadsheet};
///
/// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/profiles/portugal.json");
/// let profile = Profile::from_path(path).expect("a valid profile");
/// let csv = spreadsheet::elements_csv(&[assess(Instrument::ets_185(), &profile)]);
/// assert!(csv.starts_with("jurisdiction,instrument,article,element,text,kind,status,"));
/// assert!(csv.lines().nth(1).unwrap().starts_with("Portugal,ets-185,2,"));
/// ```
pub fn elements_csv<'a>(assessments: impl IntoIterator<Item = &'a Assessment>) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    // Writing to a Vec cannot fail, and every record has the header's length.
    let _ = w.write_record(ELEMENT_COLUMNS);
    for a in assessments {
        for article in &a.articles {
            for e in &article.elements {
                let _ = w.write_record([
                    a.jurisdiction.as_str(),
                    &a.instrument,
                    &article.number.to_string(),
                    &e.id,
                    &e.text,
                    &name(&e.kind),
                    &name(&e.status),
                    if e.applicable { "yes" } else { "no" },
                    e.removed_by.as_deref().unwrap_or(""),
                    e.replaced_by.as_deref().unwrap_or(""),
                ]);
            }
        }
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A unit enum's name as serialised (`not-assessed`).
fn name<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
