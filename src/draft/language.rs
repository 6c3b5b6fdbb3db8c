//! The language a draft is written in: given by the user as a BCP 47 tag, or detected from the
//! text with `whatlang`.

/// A draft's language and how it was established.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    /// A BCP 47 tag: `en`, `pt-BR`, `es-419`; `und` when it could not be determined.
    pub tag: String,
    /// How the tag was established.
    pub source: LanguageSource,
}

/// Where a draft's language comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LanguageSource {
    /// Given by the user (`--language`).
    Given,
    /// Detected from the text.
    Detected,
    /// Neither given nor reliably detected.
    Unknown,
}

/// Why a language tag was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a BCP 47 language tag; write a language code such as `en`, `fr`, `es`, `pt-BR`"
)]
pub struct LanguageTagError(pub String);

impl Language {
    /// A language given by the user, checked for the shape of a BCP 47 tag (a 2–3 letter
    /// primary subtag, then subtags of 2–8 letters or digits) and written in its canonical case.
    ///
    /// # Errors
    ///
    /// [`LanguageTagError`] when the tag is malformed.
    ///
    /// # Example
    ///
    /// ```
    /// use budapest_gap::draft::Language;
    /// assert_eq!(Language::given("PT-br").unwrap().tag, "pt-BR");
    /// assert!(Language::given("portuguese!").is_err());
    /// ```
    pub fn given(tag: &str) -> Result<Language, LanguageTagError> {
        let bad = || LanguageTagError(tag.to_string());
        let mut parts = tag.split(['-', '_']);
        let primary = parts.next().unwrap_or_default();
        if !(2..=3).contains(&primary.len()) || !primary.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(bad());
        }
        let mut out = primary.to_ascii_lowercase();
        for part in parts {
            if !(2..=8).contains(&part.len()) || !part.chars().all(|c| c.is_ascii_alphanumeric()) {
                return Err(bad());
            }
            out.push('-');
            match part.len() {
                2 => out.push_str(&part.to_ascii_uppercase()),
                4 => {
                    let mut c = part.chars();
                    out.extend(c.next().map(|c| c.to_ascii_uppercase()));
                    out.push_str(&c.as_str().to_ascii_lowercase());
                }
                _ => out.push_str(&part.to_ascii_lowercase()),
            }
        }
        Ok(Language {
            tag: out,
            source: LanguageSource::Given,
        })
    }

    /// Detects the language of a text (its first 20,000 characters are enough); `und` when
    /// the detector does not call its guess reliable (short texts).
    ///
    /// # Example
    ///
    /// ```
    /// use budapest_gap::draft::Language;
    /// let l = Language::detect("El que por cualquier medio acceda sin autorización a un sistema de información será castigado con pena de prisión.");
    /// assert_eq!(l.tag, "es");
    /// ```
    pub fn detect(text: &str) -> Language {
        let sample: String = text.chars().take(20_000).collect();
        let tag = whatlang::detect(&sample)
            .filter(|info| info.is_reliable())
            .and_then(|info| bcp47(info.lang().code()));
        match tag {
            Some(tag) => Language {
                tag: tag.to_string(),
                source: LanguageSource::Detected,
            },
            None => Language {
                tag: "und".into(),
                source: LanguageSource::Unknown,
            },
        }
    }

    /// The primary subtag: `pt` for `pt-BR`.
    pub fn primary(&self) -> &str {
        self.tag.split('-').next().unwrap_or_default()
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.source {
            LanguageSource::Given => write!(f, "{} (given)", self.tag),
            LanguageSource::Detected => write!(f, "{} (detected)", self.tag),
            LanguageSource::Unknown => write!(f, "not determined; all lexicons used"),
        }
    }
}

/// whatlang's ISO 639-3 codes to BCP 47 primary subtags.
fn bcp47(code: &str) -> Option<&'static str> {
    Some(match code {
        "eng" => "en",
        "fra" => "fr",
        "spa" => "es",
        "por" => "pt",
        "deu" => "de",
        "rus" => "ru",
        "ukr" => "uk",
        "ita" => "it",
        "nld" => "nl",
        "ron" => "ro",
        "ell" => "el",
        "ara" => "ar",
        "tur" => "tr",
        "cmn" => "zh",
        "jpn" => "ja",
        "kor" => "ko",
        "kat" => "ka",
        "pol" => "pl",
        "ces" => "cs",
        "hun" => "hu",
        "swe" => "sv",
        "dan" => "da",
        "nob" => "nb",
        "fin" => "fi",
        "bul" => "bg",
        "srp" => "sr",
        "hrv" => "hr",
        "slv" => "sl",
        "slk" => "sk",
        "lit" => "lt",
        "lav" => "lv",
        "est" => "et",
        "aze" => "az",
        "hye" => "hy",
        "ind" => "id",
        "vie" => "vi",
        "tha" => "th",
        "heb" => "he",
        "pes" => "fa",
        "hin" => "hi",
        _ => return None,
    })
}
