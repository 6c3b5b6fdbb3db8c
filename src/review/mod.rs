//! Review in a spreadsheet: a workbook an adviser fills in, and reading it back into the
//! profile.
//!
//! [`export`] writes one instrument's assessment of a profile as an `.xlsx` workbook:
//!
//! - **Review**: one row per article (its default status, the provisions it cites, the
//!   suggestions of `budapest-gap draft`, its note), then one row per element of the article
//!   (the element's own status and note). Status cells have a drop-down list of the allowed
//!   values; the header is frozen and filtered.
//! - **Limitations**: one row per limitation (a qualifier, or a restriction with its severity).
//! - **Provisions**: the profile's provisions, for reference (read-only: import ignores it).
//! - **About**: whose profile the workbook was exported from, and how to fill it in.
//!
//! [`import`] reads the workbook back onto the same profile. Only cells that differ from what
//! [`export`] wrote are read, so an export followed by an import with no edit gives back the
//! same profile. Every problem is a [`CellDiagnostic`] located as `Review!F12`, with the codes
//! `check` uses (`invalid-value`, `unknown-provision`, …) and `invalid-workbook` for a file
//! that is not such a workbook.
//!
//! Rules an adviser should know, stated on the About sheet too:
//!
//! - A blank element status means the article's status applies to the element.
//! - To clear a status or a note, clear its cell. A row removed from the Review sheet leaves
//!   that article or element as the profile has it.
//! - Each limitation is one row of the Limitations sheet; removing the row removes it.
//! - Provisions are cited by their ids (see the Provisions sheet), one per line or separated by
//!   commas. A suggestion that becomes cited is no longer listed as a suggestion.
//!
//! # Example
//!
//! ```
//! use budapest_gap::{Instrument, Profile, review};
//!
//! let path = concat!(env!("CARGO_MANIFEST_DIR"), "/profiles/portugal.json");
//! let profile = Profile::from_path(path).expect("a valid profile");
//! let workbook = review::export(&profile, Instrument::ets_185()).expect("a workbook");
//! let imported = review::import("review.xlsx", &workbook, &profile).expect("readable");
//! assert_eq!(imported.profile, *profile);
//! ```

mod read;
mod write;

use std::fmt;

use crate::{Code, DiagnosticSeverity};

pub use read::{Imported, import};
pub use write::export;

/// The sheet with one row per article and per element.
pub const REVIEW_SHEET: &str = "Review";
/// The sheet with one row per limitation.
pub const LIMITATIONS_SHEET: &str = "Limitations";
/// The sheet listing the profile's provisions (for reference; not read back).
pub const PROVISIONS_SHEET: &str = "Provisions";
/// The sheet saying whose profile the workbook belongs to.
pub const ABOUT_SHEET: &str = "About";

/// What the Review sheet's Element id column holds on an article's own row.
pub const ARTICLE_ROW: &str = "(article)";

/// The Review sheet's columns, in order.
pub const REVIEW_COLUMNS: [&str; 9] = [
    "Article",
    "Article title",
    "Element id",
    "Element",
    "Kind",
    "Status",
    "Note",
    "Provisions cited",
    "Suggested by draft",
];

/// The Limitations sheet's columns, in order.
pub const LIMITATION_COLUMNS: [&str; 6] = [
    "Article",
    "Qualifier",
    "Restriction",
    "Severity",
    "Element",
    "Note",
];

/// A cell of a workbook, as spreadsheets name it: `Review!F12`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CellRef {
    /// The sheet's name.
    pub sheet: String,
    /// 1-based row.
    pub row: u32,
    /// 1-based column (1 is `A`).
    pub column: u16,
}

impl CellRef {
    /// A cell from 0-based coordinates, as the workbook libraries count.
    pub(crate) fn at(sheet: &str, row: u32, column: u16) -> CellRef {
        CellRef {
            sheet: sheet.to_string(),
            row: row + 1,
            column: column + 1,
        }
    }

    /// The column's letters: `A`, `Z`, `AA`.
    pub fn column_letters(&self) -> String {
        let mut n = u32::from(self.column);
        let mut letters = Vec::new();
        while n > 0 {
            let rem = (n - 1) % 26;
            letters.push(char::from(b'A' + rem as u8));
            n = (n - 1) / 26;
        }
        letters.iter().rev().collect()
    }
}

impl fmt::Display for CellRef {
    /// `Review!F12`; a sheet name with anything but letters and digits is quoted
    /// (`'My sheet'!A1`), as spreadsheets write it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.sheet.chars().all(char::is_alphanumeric) {
            write!(f, "{}!{}{}", self.sheet, self.column_letters(), self.row)
        } else {
            write!(
                f,
                "'{}'!{}{}",
                self.sheet.replace('\'', "''"),
                self.column_letters(),
                self.row
            )
        }
    }
}

/// One problem found when reading a review workbook back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellDiagnostic {
    /// The code, as `check` uses them.
    pub code: Code,
    /// Error or warning.
    pub severity: DiagnosticSeverity,
    /// The workbook, as the user named it.
    pub file: String,
    /// The cell concerned; `None` when the problem is with the reviewed profile as a whole,
    /// not with one cell (then [`CellDiagnostic::pointer`] says where).
    pub cell: Option<CellRef>,
    /// JSON pointer (RFC 6901) to the value in the reviewed profile, `""` when none.
    pub pointer: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it, where there is something useful to say.
    pub hint: Option<String>,
}

impl CellDiagnostic {
    /// Whether this diagnostic stops the import.
    pub fn is_error(&self) -> bool {
        self.severity == DiagnosticSeverity::Error
    }

    pub(crate) fn error(
        file: &str,
        cell: Option<CellRef>,
        code: Code,
        message: impl Into<String>,
        hint: Option<String>,
    ) -> CellDiagnostic {
        CellDiagnostic {
            code,
            severity: DiagnosticSeverity::Error,
            file: file.to_string(),
            cell,
            pointer: String::new(),
            message: message.into(),
            hint,
        }
    }
}

impl fmt::Display for CellDiagnostic {
    /// `review.xlsx: Review!F12: error[invalid-value]: message`, then the hint on its own line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = self.severity.as_str();
        let message = crate::profile::visible_text(&self.message);
        match &self.cell {
            Some(cell) => write!(
                f,
                "{}: {cell}: {severity}[{}]: {message}",
                self.file, self.code
            )?,
            None if self.pointer.is_empty() => {
                write!(f, "{}: {severity}[{}]: {message}", self.file, self.code)?;
            }
            None => write!(
                f,
                "{} (reviewed profile at {}): {severity}[{}]: {message}",
                self.file, self.pointer, self.code
            )?,
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {}", crate::profile::visible_text(hint))?;
        }
        Ok(())
    }
}

/// Whether `bytes` are a workbook [`export`] wrote: an `.xlsx` file whose About sheet says
/// it was written by budapest-gap. `review export` replaces only such a file.
///
/// # Example
///
/// ```
/// use budapest_gap::{Instrument, Profile, review};
///
/// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/profiles/portugal.json");
/// let profile = Profile::from_path(path).expect("a valid profile");
/// let bytes = review::export(&profile, Instrument::ets_185()).expect("a workbook");
/// assert!(review::is_review_workbook(&bytes));
/// assert!(!review::is_review_workbook(b"{}"));
/// ```
pub fn is_review_workbook(bytes: &[u8]) -> bool {
    read::written_by_us(bytes)
}

/// Why a review workbook could not be written or read back.
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    /// The workbook could not be written (for example a note longer than a cell holds).
    #[error("cannot write the workbook: {0}")]
    Write(String),
    /// The workbook is not one [`export`] wrote, or what it holds is not valid.
    #[error("the review workbook has {} error(s); first: {}", .diagnostics.iter().filter(|d| d.is_error()).count(), .diagnostics.iter().find(|d| d.is_error()).map(ToString::to_string).unwrap_or_default())]
    Invalid {
        /// Every diagnostic, warnings included.
        diagnostics: Vec<CellDiagnostic>,
    },
}

/// The texts a cell holds for a profile's values: the one definition both directions use, so
/// that a cell nobody edited reads back as exactly the value it was written from.
pub(crate) mod cells {
    use crate::profile::{Limitation, Severity, Status, Suggestion};

    pub fn status(s: Option<Status>) -> String {
        s.map(|s| s.as_str().to_string()).unwrap_or_default()
    }

    pub fn note(n: Option<&String>) -> String {
        n.cloned().unwrap_or_default()
    }

    pub fn provisions(ids: &[String]) -> String {
        ids.join("\n")
    }

    pub fn suggestions(s: &[Suggestion]) -> String {
        s.iter()
            .map(|s| {
                let confidence = match s.confidence {
                    crate::profile::Confidence::Strong => "strong",
                    crate::profile::Confidence::Weak => "weak",
                };
                let mut line = format!("{} ({confidence}, {:.2})", s.provision, s.score);
                if !s.evidence.is_empty() {
                    line.push_str(": ");
                    line.push_str(&s.evidence.join("; "));
                }
                line
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    pub fn severity(s: Option<Severity>) -> String {
        s.map(|s| s.as_str().to_string()).unwrap_or_default()
    }

    /// The Limitations sheet's cells after the Article column.
    pub fn limitation(l: &Limitation) -> [String; 5] {
        [
            l.qualifier.clone().unwrap_or_default(),
            l.restriction.clone().unwrap_or_default(),
            severity(l.severity),
            l.element.clone().unwrap_or_default(),
            note(l.note.as_ref()),
        ]
    }

    pub const STATUSES: [&str; 4] = ["met", "partly", "not-met", "not-assessed"];
    pub const SEVERITIES: [&str; 2] = ["minor", "major"];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_spreadsheets_name_them() {
        assert_eq!(CellRef::at("Review", 11, 5).to_string(), "Review!F12");
        assert_eq!(CellRef::at("Review", 0, 26).to_string(), "Review!AA1");
        assert_eq!(CellRef::at("My sheet", 0, 0).to_string(), "'My sheet'!A1");
    }
}
