//! The methodology: from an instrument and a validated profile to an [`Assessment`]. Pure: no
//! files, no terminal, no formats. `docs/methodology.md` explains every number used here.

mod advice;
mod engine;
mod model;

pub use engine::{COVERAGE_THRESHOLD, LC_THRESHOLD, PC_THRESHOLD, assess};
pub use model::*;
