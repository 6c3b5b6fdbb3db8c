//! The treaty as a checklist: chapters, sections, titles, articles, paragraphs and the elements
//! each obligation is made of, plus the reservations and declarations the treaty permits.
//!
//! The checklists are data, one JSON file per treaty (`data/ets-185.json`, `data/ets-189.json`,
//! `data/cets-224.json`), embedded in the crate and parsed once: [`Instrument::by_id`] and
//! [`Instrument::all`] reach them. Another instrument can be loaded at run time with
//! [`Instrument::from_json`].
//!
//! ```
//! use budapest_gap::Instrument;
//!
//! let ids: Vec<&str> = Instrument::all().iter().map(|i| i.id.as_str()).collect();
//! assert_eq!(ids, ["ets-185", "ets-189", "cets-224"]);
//! let protocol = Instrument::by_id("ets-189").unwrap();
//! assert_eq!(protocol.articles().count(), 16);
//! assert_eq!(protocol.supplements.as_deref(), Some("ets-185"));
//! ```

mod crosswalk;
mod lint;
mod model;

pub use crosswalk::{Crosswalk, CrosswalkEntry, Relationship, Treaty, Unmatched, target_article};
pub use lint::LintError;
pub use model::*;

use std::sync::OnceLock;

/// The embedded checklist of the Convention on Cybercrime (ETS No. 185).
const ETS_185: &str = include_str!("../../data/ets-185.json");
/// The embedded checklist of the Additional Protocol on xenophobia and racism (ETS No. 189).
const ETS_189: &str = include_str!("../../data/ets-189.json");
/// The embedded checklist of the Second Additional Protocol (CETS No. 224).
const CETS_224: &str = include_str!("../../data/cets-224.json");

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

    /// The embedded checklist of the Additional Protocol to the Convention on Cybercrime,
    /// concerning the criminalisation of acts of a racist and xenophobic nature committed
    /// through computer systems (ETS No. 189), parsed once.
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
    /// let protocol = Instrument::ets_189();
    /// assert_eq!(protocol.article(5).unwrap().title, "Racist and xenophobic motivated insult");
    /// ```
    pub fn ets_189() -> &'static Instrument {
        static CELL: OnceLock<Instrument> = OnceLock::new();
        CELL.get_or_init(|| {
            Instrument::from_json(ETS_189).expect("the embedded ETS 189 checklist is valid")
        })
    }

    /// The embedded checklist of the Second Additional Protocol to the Convention on
    /// Cybercrime on enhanced co-operation and disclosure of electronic evidence (CETS
    /// No. 224), parsed once. Its articles are marked unverified and are not scored: the
    /// official text could not be checked when the data was written (see its `source_note`).
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
    /// let second = Instrument::cets_224();
    /// assert_eq!(second.articles().count(), 25);
    /// assert!(second.articles().all(|a| !a.scored));
    /// ```
    pub fn cets_224() -> &'static Instrument {
        static CELL: OnceLock<Instrument> = OnceLock::new();
        CELL.get_or_init(|| {
            Instrument::from_json(CETS_224).expect("the embedded CETS 224 checklist is valid")
        })
    }

    /// Every checklist shipped with the crate, in treaty order: ETS 185, ETS 189, CETS 224.
    ///
    /// # Example
    ///
    /// ```
    /// use budapest_gap::Instrument;
    ///
    /// for instrument in Instrument::all() {
    ///     assert!(instrument.lint().is_empty(), "{}", instrument.id);
    /// }
    /// ```
    pub fn all() -> [&'static Instrument; 3] {
        [
            Instrument::ets_185(),
            Instrument::ets_189(),
            Instrument::cets_224(),
        ]
    }

    /// Looks a shipped checklist up by its id (`ets-185`, `ets-189`, `cets-224`).
    ///
    /// # Example
    ///
    /// ```
    /// use budapest_gap::Instrument;
    ///
    /// assert_eq!(Instrument::by_id("cets-224").unwrap().number, "CETS No. 224");
    /// assert!(Instrument::by_id("ets-999").is_none());
    /// ```
    pub fn by_id(id: &str) -> Option<&'static Instrument> {
        // One getter per id, not a search of `all()`: the linter resolves references to
        // another shipped instrument through here while this one's cell is being filled.
        match id {
            "ets-185" => Some(Instrument::ets_185()),
            "ets-189" => Some(Instrument::ets_189()),
            "cets-224" => Some(Instrument::cets_224()),
            _ => None,
        }
    }

    /// The instruments a profile can record and assess, which profiles are validated
    /// against: the Convention (ETS 185), its Additional Protocol (ETS 189) and its Second
    /// Additional Protocol (CETS 224, whose articles are not scored until its text is
    /// verified).
    pub fn embedded() -> [&'static Instrument; 3] {
        [
            Instrument::ets_185(),
            Instrument::ets_189(),
            Instrument::cets_224(),
        ]
    }

    /// Looks an assessable instrument ([`Instrument::embedded`]) up by its id (`ets-185`).
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
