//! The methodology: from an instrument and a profile to an [`Assessment`]. Pure: no files, no
//! terminal, no formats. `docs/methodology.md` explains every number used here.

mod engine;
mod model;

pub use engine::{LC_THRESHOLD, PC_THRESHOLD, assess};
pub use model::*;
