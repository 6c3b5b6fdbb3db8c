//! Country profiles: the types, loading them from JSON, and validating them against the
//! instruments with located diagnostics.

mod de;
mod diagnostic;
#[doc = include_str!("../../docs/diagnostics.md")]
pub mod diagnostics {}
mod json;
mod load;
mod model;
pub(crate) mod schema_rules;
mod valid;
mod validate;

pub use diagnostic::{Code, Diagnostic, DiagnosticSeverity, MAX_DIAGNOSTICS};
#[cfg(feature = "xlsx")]
pub(crate) use diagnostic::{did_you_mean, visible as visible_text};
pub use load::{ControlCharacter, plain_text};
pub use model::*;
pub use valid::{
    BoundStatus, ChoiceKind, CitedProvision, ValidArticle, ValidChoice, ValidLimitation,
    ValidProfile,
};

/// The largest profile `check` reads (16 MiB): far more than any country's profile, small
/// enough that checking stays quick. A larger file gets one `file-too-large` error.
pub const MAX_PROFILE_BYTES: usize = 16 * 1024 * 1024;

use std::path::Path;

use crate::Instrument;

/// The outcome of checking one profile: every diagnostic, and the profile when it is valid.
#[derive(Debug, Clone)]
pub struct CheckedProfile {
    /// Every problem found, in the order of the checks (syntax, structure, references).
    pub diagnostics: Vec<Diagnostic>,
    profile: Option<Profile>,
}

impl CheckedProfile {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The profile, if it has no error.
    pub fn profile(&self) -> Option<&Profile> {
        if self.has_errors() {
            None
        } else {
            self.profile.as_ref()
        }
    }

    /// The validated profile, or every diagnostic when it has an error.
    ///
    /// # Errors
    ///
    /// [`ProfileError::Invalid`] with all diagnostics when any is an error.
    pub fn into_profile(self) -> Result<ValidProfile, ProfileError> {
        match self.profile {
            Some(p) if !self.diagnostics.iter().any(Diagnostic::is_error) => {
                Ok(ValidProfile::resolve(p))
            }
            _ => Err(ProfileError::Invalid {
                diagnostics: self.diagnostics,
            }),
        }
    }
}

/// Why a profile could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path as given.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The profile has errors.
    #[error("the profile is invalid ({} error(s)); first: {}", .diagnostics.iter().filter(|d| d.is_error()).count(), .diagnostics.iter().find(|d| d.is_error()).map(ToString::to_string).unwrap_or_default())]
    Invalid {
        /// Every diagnostic, warnings included.
        diagnostics: Vec<Diagnostic>,
    },
}

impl Profile {
    /// Checks a profile's text against the embedded instruments, collecting every problem.
    ///
    /// `file` is how diagnostics name the file.
    ///
    /// # Example
    ///
    /// ```
    /// use budapest_gap::{Code, Profile};
    ///
    /// let checked = Profile::check("draft.json", r#"{"format": 1, "jurisdictoin": {}}"#);
    /// let d = &checked.diagnostics[0];
    /// assert_eq!(d.code, Code::UnknownKey);
    /// assert_eq!((d.line, d.column), (1, 15));
    /// assert_eq!(d.hint.as_deref(), Some("did you mean `jurisdiction`?"));
    /// ```
    pub fn check(file: &str, text: &str) -> CheckedProfile {
        Profile::check_with(file, text, &Instrument::embedded())
    }

    /// Like [`Profile::check`], against the given instruments.
    pub fn check_with(file: &str, text: &str, instruments: &[&Instrument]) -> CheckedProfile {
        let (profile, mut sink) = load::load(file, text);
        if let Some(p) = &profile {
            validate::validate(p, instruments, &mut sink);
        }
        let mut diagnostics = sink.diagnostics;
        diagnostic::cap(&mut diagnostics, file);
        CheckedProfile {
            diagnostics,
            profile,
        }
    }

    /// Checks a profile file's bytes: like [`Profile::check`], after recognising files that
    /// are too large ([`MAX_PROFILE_BYTES`]) or not UTF-8 (UTF-16, Latin-1), which get a
    /// located diagnostic instead of an I/O error.
    ///
    /// # Example
    ///
    /// ```
    /// use budapest_gap::{Code, Profile};
    ///
    /// let checked = Profile::check_bytes("latin1.json", b"{\"format\": 1,\n \"x\": \"Jos\xe9\"}");
    /// let d = &checked.diagnostics[0];
    /// assert_eq!(d.code, Code::InvalidEncoding);
    /// assert_eq!((d.line, d.column), (2, 11));
    /// ```
    pub fn check_bytes(file: &str, bytes: &[u8]) -> CheckedProfile {
        match load::decode(file, bytes) {
            Ok(text) => Profile::check(file, text),
            Err(d) => CheckedProfile {
                diagnostics: vec![*d],
                profile: None,
            },
        }
    }

    /// Parses and validates a profile's text.
    ///
    /// # Errors
    ///
    /// [`ProfileError::Invalid`] with every diagnostic when the profile has an error.
    pub fn from_json(file: &str, text: &str) -> Result<ValidProfile, ProfileError> {
        Profile::check(file, text).into_profile()
    }

    /// Reads, parses and validates a profile file.
    ///
    /// # Errors
    ///
    /// [`ProfileError::Io`] when the file cannot be read, and [`ProfileError::Invalid`] when
    /// it has an error (a file that is not UTF-8 or is too large included).
    ///
    /// # Example
    ///
    /// ```
    /// let profile = budapest_gap::Profile::from_path("profiles/portugal.json").unwrap();
    /// assert_eq!(profile.jurisdiction.code.as_deref(), Some("PT"));
    /// ```
    pub fn from_path(path: impl AsRef<Path>) -> Result<ValidProfile, ProfileError> {
        use std::io::Read;
        let path = path.as_ref();
        let io = |source| ProfileError::Io {
            path: path.display().to_string(),
            source,
        };
        let mut bytes = Vec::new();
        std::fs::File::open(path)
            .and_then(|f| f.take(MAX_PROFILE_BYTES as u64 + 1).read_to_end(&mut bytes))
            .map_err(io)?;
        Profile::check_bytes(&path.display().to_string(), &bytes).into_profile()
    }
}

/// Reads a file as UTF-8 text, with an error that names it.
///
/// # Errors
///
/// [`ProfileError::Io`] when the file cannot be read or is not UTF-8.
pub fn read_text(path: &Path) -> Result<String, ProfileError> {
    let bytes = std::fs::read(path).map_err(|source| ProfileError::Io {
        path: path.display().to_string(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|e| ProfileError::Io {
        path: path.display().to_string(),
        source: std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "the file is not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        ),
    })
}
