//! The treaty as a checklist: chapters, sections, titles, articles, paragraphs and the elements
//! each obligation is made of, plus the reservations and declarations the treaty permits.
//!
//! The checklist is data (`data/ets-185.json`), embedded in the crate and parsed once. Another
//! instrument can be loaded at run time with [`Instrument::from_json`].

mod lint;
mod model;

pub use lint::LintError;
pub use model::*;

use std::sync::OnceLock;

/// The embedded checklist of the Convention on Cybercrime (ETS No. 185).
const ETS_185: &str = include_str!("../../data/ets-185.json");

/// An error while loading an instrument from JSON.
#[derive(Debug, thiserror::Error)]
pub enum InstrumentError {
    /// The text is not a well-formed instrument.
    #[error("instrument JSON is malformed at line {line}, column {column}: {message}")]
    Malformed {
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What serde reported.
        message: String,
    },
    /// The instrument parsed but its data is inconsistent.
    #[error("instrument `{id}` has {} problem(s): {}", .problems.len(), .problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Inconsistent {
        /// The instrument id.
        id: String,
        /// Every problem found.
        problems: Vec<LintError>,
    },
}

impl Instrument {
    /// The embedded checklist of the Convention on Cybercrime (ETS No. 185), parsed once.
    ///
    /// # Panics
    ///
    /// Never in a released crate: the embedded data is checked by the crate's tests.
    ///
    /// # Example
    ///
    /// ```
    /// use budapest_gap::Instrument;
    ///
    /// let ets185 = Instrument::ets_185();
    /// assert_eq!(ets185.articles().count(), 48);
    /// assert_eq!(ets185.article(2).unwrap().title, "Illegal access");
    /// ```
    pub fn ets_185() -> &'static Instrument {
        static CELL: OnceLock<Instrument> = OnceLock::new();
        CELL.get_or_init(|| {
            Instrument::from_json(ETS_185).expect("the embedded ETS 185 checklist is valid")
        })
    }

    /// Every instrument embedded in the crate.
    pub fn embedded() -> [&'static Instrument; 1] {
        [Instrument::ets_185()]
    }

    /// Looks an embedded instrument up by its id (`ets-185`).
    pub fn embedded_by_id(id: &str) -> Option<&'static Instrument> {
        Instrument::embedded().into_iter().find(|i| i.id == id)
    }

    /// Parses an instrument from its JSON form and lints it.
    ///
    /// # Errors
    ///
    /// [`InstrumentError::Malformed`] when the JSON does not match the instrument schema, and
    /// [`InstrumentError::Inconsistent`] with every problem [`Instrument::lint`] found.
    ///
    /// # Example
    ///
    /// ```
    /// use budapest_gap::Instrument;
    ///
    /// let err = Instrument::from_json("{}").unwrap_err();
    /// assert!(err.to_string().contains("line 1"));
    /// ```
    pub fn from_json(text: &str) -> Result<Instrument, InstrumentError> {
        let instrument: Instrument =
            serde_json::from_str(text).map_err(|e| InstrumentError::Malformed {
                line: e.line(),
                column: e.column(),
                message: e.to_string(),
            })?;
        let problems = instrument.lint();
        if problems.is_empty() {
            Ok(instrument)
        } else {
            Err(InstrumentError::Inconsistent {
                id: instrument.id.clone(),
                problems,
            })
        }
    }
}
