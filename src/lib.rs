#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod assess;
pub mod compare;
pub mod crosswalk;
mod date;
pub mod diff;
pub mod draft;
pub mod i18n;
pub mod instrument;
pub mod profile;
pub mod report;
#[cfg(feature = "xlsx")]
pub mod review;
pub mod schema;
pub mod spreadsheet;

pub use assess::{Assessment, Rating, assess};
pub use date::{Date, DateError};
pub use i18n::Lang;
pub use instrument::Instrument;
pub use profile::{CheckedProfile, Code, Diagnostic, DiagnosticSeverity, Profile, ProfileError};
