//! Diagnostics about a profile: a stable code, a severity, where (file, line, column, JSON
//! pointer), what is wrong and, where it helps, how to fix it.

use std::fmt;

use schemars::JsonSchema;
use serde::Serialize;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DiagnosticSeverity {
    /// The profile is not valid: `check` exits 1 and the profile cannot be assessed.
    Error,
    /// Worth fixing, but the profile is valid.
    Warning,
}

impl DiagnosticSeverity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            DiagnosticSeverity::Error => "error",
            DiagnosticSeverity::Warning => "warning",
        }
    }
}

macro_rules! codes {
    ($($variant:ident = $name:literal, $severity:ident, $doc:literal;)*) => {
        /// A stable diagnostic code. Each is documented in `docs/diagnostics.md`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
        #[serde(rename_all = "kebab-case")]
        pub enum Code {
            $(#[doc = $doc] $variant,)*
        }

        impl Code {
            /// Every code, in documentation order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The kebab-case code, e.g. `unknown-law`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// The severity a diagnostic with this code usually has.
            pub fn default_severity(self) -> DiagnosticSeverity {
                match self { $(Code::$variant => DiagnosticSeverity::$severity,)* }
            }

            /// One line saying what the code means.
            pub fn description(self) -> &'static str {
                match self { $(Code::$variant => $doc,)* }
            }
        }
    };
}

codes! {
    InvalidEncoding = "invalid-encoding", Error, "The file is not UTF-8 text (for example UTF-16, or Latin-1 from an old editor).";
    FileTooLarge = "file-too-large", Error, "The file is larger than the 16 MiB a profile may have.";
    JsonSyntax = "json-syntax", Error, "The file is not well-formed JSON.";
    DuplicateKey = "duplicate-key", Error, "An object has the same key twice; JSON readers would silently keep only one.";
    WrongType = "wrong-type", Error, "A value has the wrong type (for example a number where a string is expected).";
    UnknownKey = "unknown-key", Error, "An object has a key the profile format does not define.";
    MissingKey = "missing-key", Error, "A required key is missing.";
    InvalidValue = "invalid-value", Error, "A value is not one of those allowed (for example a status other than met, partly, not-met or not-assessed).";
    UnsupportedFormat = "unsupported-format", Error, "The profile's `format` is not a version this tool reads.";
    InvalidDate = "invalid-date", Error, "A date is not of the form YYYY-MM-DD, does not exist, or lies before 1900.";
    ControlCharacter = "control-character", Error, "A string holds a control character (such as an escape, a NUL or a form feed) that no report can show.";
    EmptyText = "empty-text", Error, "An id, name, title or reference is empty or only spaces.";
    LineBreak = "line-break", Error, "A name, id, title or reference that reports print on one line holds a line break or a tab.";
    InvalidUrl = "invalid-url", Error, "A URL (of a law, or a link in a note) is not an http or https address, or holds spaces, control characters, non-ASCII letters or `|`, `<`, `>`.";
    DatesOutOfOrder = "dates-out-of-order", Error, "Treaty dates are in an impossible order (ratified before signed, in force before ratified, before the treaty opened).";
    DraftClaimsRatification = "draft-claims-ratification", Error, "A draft-law profile records a ratification or entry into force.";
    DateAfterAsOf = "date-after-as-of", Warning, "A treaty date lies after the profile's as-of date.";
    InvalidCountryCode = "invalid-country-code", Error, "The jurisdiction code is not an ISO 3166-1 alpha-2 code (two capital letters).";
    UnknownInstrument = "unknown-instrument", Error, "An instrument id is not one this tool knows (`ets-185`).";
    UnknownArticle = "unknown-article", Error, "An article id does not exist in the instrument.";
    InvalidArticleKey = "invalid-article-key", Error, "An article is keyed other than `art-N` (`art-02`, `art-+4`), so it would be counted twice or dropped.";
    ArticleNotScored = "article-not-scored", Warning, "An assessed article is not scored (definitions and final clauses).";
    UnknownElement = "unknown-element", Error, "An element id does not exist in the article or the permission it is used with.";
    ElementIsQualifier = "element-is-qualifier", Error, "A qualifier is given a status; qualifiers are recorded as limitations.";
    UnknownLaw = "unknown-law", Error, "A provision cites a law id that is not in `laws`.";
    UnknownProvision = "unknown-provision", Error, "An assessment cites a provision id that is not in `provisions`.";
    DuplicateId = "duplicate-id", Error, "Two laws or two provisions have the same id.";
    DuplicateCitation = "duplicate-citation", Error, "An article cites the same provision (or suggests it) twice.";
    ReservationNotPermitted = "reservation-not-permitted", Error, "A reservation names a provision on which the treaty permits none (a warning when only planned).";
    DeclarationNotPermitted = "declaration-not-permitted", Error, "A declaration names a provision on which the treaty permits none (a warning when only planned).";
    AmbiguousChoice = "ambiguous-choice", Error, "A reservation or declaration names a provision under which the treaty permits several, each about another instrument's provision, without saying which in `concerns` (or `concerns` names none of them).";
    DuplicateChoice = "duplicate-choice", Error, "The same reservation or declaration is recorded twice.";
    SupplementNotBound = "supplement-not-bound", Error, "A Protocol is recorded as signed or ratified by a State not bound by the Convention it supplements, or ratified before it.";
    ChoiceWithoutSignature = "choice-without-signature", Error, "A reservation or declaration is recorded as made, but the State has neither signed nor ratified or acceded.";
    InvalidCarryOver = "invalid-carry-over", Error, "An article is marked `carried_over` although it carries nothing over, or gives a status to an element that the carried-over ratings decide.";
    UnknownQualifier = "unknown-qualifier", Error, "A limitation names a qualifier the article does not have.";
    InvalidLimitation = "invalid-limitation", Error, "A limitation must give exactly one of `qualifier` and `restriction`, and a restriction needs a `severity`.";
    MetWithoutEvidence = "met-without-evidence", Warning, "An article or element is marked met but no provision is cited for it.";
    UnusedProvision = "unused-provision", Warning, "A provision is not cited by any assessment.";
    UnusedLaw = "unused-law", Warning, "A law has no provision.";
    InvalidWorkbook = "invalid-workbook", Error, "A review workbook is not one `review export` wrote: not an .xlsx file, a sheet or column header missing or renamed, or exported from another profile.";
    TooManyDiagnostics = "too-many-diagnostics", Error, "More diagnostics than are shown (the first 200 are); an error when any left out is one.";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem found in a profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Diagnostic {
    /// The stable code.
    pub code: Code,
    /// Error or warning.
    pub severity: DiagnosticSeverity,
    /// The file, as the user named it.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// JSON pointer to the value concerned (RFC 6901), `""` for the whole document.
    pub pointer: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it, where there is something useful to say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// Byte range in the file, for renderers that quote the source.
    pub span: (usize, usize),
}

impl Diagnostic {
    /// Whether this diagnostic makes the profile invalid.
    pub fn is_error(&self) -> bool {
        self.severity == DiagnosticSeverity::Error
    }
}

impl fmt::Display for Diagnostic {
    /// `file:line:column: error[code]: message`, then the hint on its own line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}[{}]: {}",
            self.file,
            self.line,
            self.column,
            self.severity.as_str(),
            self.code,
            self.message
        )?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// At most this many diagnostics are kept per file; one `too-many-diagnostics` summary says
/// how many more there were.
pub const MAX_DIAGNOSTICS: usize = 200;

/// Keeps the first [`MAX_DIAGNOSTICS`] and adds a summary of the rest.
pub(crate) fn cap(diagnostics: &mut Vec<Diagnostic>, file: &str) {
    if diagnostics.len() <= MAX_DIAGNOSTICS {
        return;
    }
    let rest = diagnostics.split_off(MAX_DIAGNOSTICS);
    let errors = rest.iter().filter(|d| d.is_error()).count();
    let last = diagnostics
        .last()
        .map_or((1, 1, 0), |d| (d.line, d.column, d.span.0));
    diagnostics.push(Diagnostic {
        code: Code::TooManyDiagnostics,
        severity: if errors > 0 {
            DiagnosticSeverity::Error
        } else {
            DiagnosticSeverity::Warning
        },
        file: file.to_string(),
        line: last.0,
        column: last.1,
        pointer: String::new(),
        message: format!(
            "{} more diagnostic(s) not shown ({errors} error(s), {} warning(s))",
            rest.len(),
            rest.len() - errors
        ),
        hint: Some("fix the ones shown and run check again".into()),
        span: (last.2, last.2),
    });
}

/// `text` with every control character, and the characters that reorder text on a terminal,
/// written as a visible escape (`\u{1b}`), so that a message never drives the terminal.
pub(crate) fn visible(text: &str) -> String {
    if !text.chars().any(is_invisible) {
        return text.to_string();
    }
    text.chars()
        .map(|c| {
            if is_invisible(c) {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Control characters (other than line break and tab) and bidirectional formatting characters.
pub(crate) fn is_invisible(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

/// The closest candidate to `wanted`, if one is close enough to be a likely typo.
pub(crate) fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let wanted = wanted.to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let mut lower = c.to_lowercase();
        let mut wanted = wanted.as_str();
        // `art-6.no-such-element` against `art-6.possession`: compare what follows the shared
        // article prefix, or every candidate looks alike.
        if let (Some((wp, wl)), Some((cp, cl))) = (wanted.split_once('.'), c.split_once('.'))
            && wp.eq_ignore_ascii_case(cp)
        {
            wanted = wl;
            lower = cl.to_lowercase();
        }
        let wanted = wanted.to_string();
        let mut score = strsim::jaro_winkler(&wanted, &lower);
        // Transposed or dropped letters in short ids (`ulr` for `url`) score low on Jaro-Winkler.
        if strsim::damerau_levenshtein(&wanted, &lower) <= (lower.chars().count() / 3).max(1) {
            score = score.max(0.81);
        }
        if score > 0.8 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            let s = code.as_str();
            assert!(seen.insert(s), "duplicate code {s}");
            assert!(
                s.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{s}"
            );
        }
    }

    #[test]
    fn did_you_mean_finds_typos_only() {
        assert_eq!(
            did_you_mean("art-22", ["art-2", "art-3"]).as_deref(),
            Some("did you mean `art-2`?")
        );
        assert_eq!(
            did_you_mean("provisons", ["provisions", "laws"]).as_deref(),
            Some("did you mean `provisions`?")
        );
        assert_eq!(
            did_you_mean("ulr", ["id", "url", "title"]).as_deref(),
            Some("did you mean `url`?")
        );
        assert_eq!(did_you_mean("zzz", ["provisions", "laws"]), None);
        assert_eq!(
            did_you_mean(
                "art-6.no-such-element",
                ["art-6.procurement-for-use", "art-6.import"]
            ),
            None
        );
        assert_eq!(
            did_you_mean("art-6.posession", ["art-6.possession", "art-6.import"]).as_deref(),
            Some("did you mean `art-6.possession`?")
        );
    }
}
