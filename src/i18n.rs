//! The languages a report can be written in. English is the default; French is the
//! Convention's other authentic language.
//!
//! A report in French uses the Convention's authentic French article titles where they are
//! verified (`data/ets-185.fr.json` records the source of each), our own French paraphrase of
//! every element of the checklist, and French labels, reasons and recommendations. Text that
//! comes from the profile (summaries, notes) stays in the profile's language.

use std::fmt;
use std::str::FromStr;

/// A report language.
///
/// # Example
///
/// ```
/// use budapest_gap::Lang;
///
/// let lang: Lang = "fr".parse().unwrap();
/// assert_eq!(lang, Lang::Fr);
/// assert_eq!(lang.tag(), "fr");
/// assert_eq!(Lang::default(), Lang::En);
/// assert!("de".parse::<Lang>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English (the default).
    #[default]
    En,
    /// French.
    Fr,
}

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    /// The BCP 47 tag: `en`, `fr`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// A language tag that names no report language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown report language `{0}`: use `en` (English) or `fr` (French)")]
pub struct UnknownLang(pub String);

impl FromStr for Lang {
    type Err = UnknownLang;

    /// `en` or `fr`, in any case; a region (`fr-CH`) is accepted and ignored.
    fn from_str(s: &str) -> Result<Lang, UnknownLang> {
        let primary = s
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        Lang::ALL
            .into_iter()
            .find(|l| l.tag() == primary)
            .ok_or_else(|| UnknownLang(s.to_string()))
    }
}
