//! Turning text into comparable terms: case folding, accent folding (Unicode NFKD with the
//! combining marks removed, plus the Latin letters that have no decomposition), and Snowball
//! stemming in the draft's language, so that `Interceptación`, `interceptaciones` and
//! `interceptacion` become one term.

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Letters that Unicode does not decompose into a base letter and a mark.
fn fold_special(c: char, out: &mut String) -> bool {
    let s = match c {
        'ß' | 'ẞ' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ø' | 'Ø' => "o",
        'ð' | 'Ð' | 'đ' | 'Đ' => "d",
        'þ' | 'Þ' => "th",
        'ł' | 'Ł' => "l",
        'ı' => "i",
        'ħ' | 'Ħ' => "h",
        'ŋ' => "n",
        'ĸ' => "k",
        'ſ' => "s",
        _ => return false,
    };
    out.push_str(s);
    true
}

/// Lower-cases and removes accents: `Ţară` → `tara`, `Straße` → `strasse`, `Œuvre` → `oeuvre`.
///
/// # Example
///
/// ```
/// use budapest_gap::draft::fold;
/// assert_eq!(fold("Înșelăciune informatică"), "inselaciune informatica");
/// ```
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        for l in c.to_lowercase() {
            if fold_special(l, &mut out) {
                continue;
            }
            for d in l.nfkd() {
                if !is_combining_mark(d) {
                    out.push(d);
                }
            }
        }
    }
    out
}

/// The Snowball algorithm for a primary language subtag, if there is one.
fn algorithm(language: &str) -> Option<Algorithm> {
    Some(match language {
        "en" => Algorithm::English,
        "fr" => Algorithm::French,
        "es" => Algorithm::Spanish,
        "pt" => Algorithm::Portuguese,
        "de" => Algorithm::German,
        "ru" => Algorithm::Russian,
        "it" => Algorithm::Italian,
        "nl" => Algorithm::Dutch,
        "ro" => Algorithm::Romanian,
        "el" => Algorithm::Greek,
        "ar" => Algorithm::Arabic,
        "tr" => Algorithm::Turkish,
        "hu" => Algorithm::Hungarian,
        "sv" => Algorithm::Swedish,
        "da" => Algorithm::Danish,
        "no" | "nb" | "nn" => Algorithm::Norwegian,
        "fi" => Algorithm::Finnish,
        _ => return None,
    })
}

/// Splits a text into terms for one language: words are lower-cased, stemmed with that
/// language's Snowball stemmer (when there is one) and accent-folded. Words of CJK scripts,
/// which are not separated by spaces, become one term per character.
pub struct Analyzer {
    /// The primary language subtag whose stemmer this is, or empty when it only folds: two
    /// analyzers with the same `language` give the same terms.
    language: String,
    stemmer: Option<Stemmer>,
    /// Portuguese: write the spellings before and after the 1990 Orthographic Agreement alike.
    portuguese: bool,
}

/// Portuguese laws are written in two spellings: before the 1990 Orthographic Agreement
/// (Portugal until about 2011) a silent `c` or `p` stood between a vowel and `ç` or `t`
/// (`acção`, `infracção`, `electrónico`, `intercepção`, `excepção`, `objecto`), and after it, as
/// in Brazil, it does not (`ação`, `infração`, `eletrónico`, `interceção`, `exceção`, `objeto`).
/// Dropping every `c` or `p` in that position writes both alike (and a few words whose
/// consonant is sounded, `pacto`, `opção`, alike in every text, which does not matter for
/// matching).
fn portuguese_spelling(word: &str) -> String {
    if !word.contains(['c', 'p']) {
        return word.to_string();
    }
    let chars: Vec<char> = word.chars().collect();
    let vowel = |c: char| "aeiouáàâãéêíóôõú".contains(c);
    let mut out = String::with_capacity(word.len());
    for (i, &c) in chars.iter().enumerate() {
        let silent = matches!(c, 'c' | 'p')
            && i > 0
            && vowel(chars[i - 1])
            && matches!(chars.get(i + 1), Some('ç' | 't'));
        if !silent {
            out.push(c);
        }
    }
    out
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("stemming", &self.stemmer.is_some())
            .finish()
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

impl Analyzer {
    /// An analyzer for a BCP 47 language tag (`pt-BR` stems as Portuguese); an unknown
    /// language only folds.
    pub fn new(tag: &str) -> Analyzer {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        let primary = primary.to_ascii_lowercase();
        let stemmer = algorithm(&primary).map(Stemmer::create);
        Analyzer {
            language: if stemmer.is_some() {
                primary.clone()
            } else {
                String::new()
            },
            stemmer,
            portuguese: primary == "pt",
        }
    }

    /// The primary language subtag whose stemmer this analyzer uses, or `""` when it only
    /// folds: analyzers with the same value give the same terms.
    pub(crate) fn language(&self) -> &str {
        &self.language
    }

    /// One word to its term.
    fn term(&self, word: &str) -> String {
        let mut lower = word.to_lowercase();
        if self.portuguese {
            lower = portuguese_spelling(&lower);
        }
        let stemmed = match &self.stemmer {
            // Numbers and very short words stay as written: stemming `s` or `197` helps nobody.
            Some(s) if lower.chars().count() > 3 && !lower.chars().any(|c| c.is_ascii_digit()) => {
                s.stem(&lower).into_owned()
            }
            _ => lower,
        };
        fold(&stemmed)
    }

    /// The terms of a text, in order.
    ///
    /// # Example
    ///
    /// ```
    /// use budapest_gap::draft::Analyzer;
    /// let es = Analyzer::new("es");
    /// assert_eq!(es.terms("Interceptación ilícita"), es.terms("interceptaciones ilícitas"));
    /// ```
    pub fn terms(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut word = String::new();
        for c in text.chars() {
            if is_cjk(c) {
                if !word.is_empty() {
                    out.push(self.term(&std::mem::take(&mut word)));
                }
                out.push(c.to_string());
            } else if c.is_alphanumeric() || (is_combining_mark(c) && !word.is_empty()) {
                word.push(c);
            } else if !word.is_empty() {
                out.push(self.term(&std::mem::take(&mut word)));
            }
        }
        if !word.is_empty() {
            out.push(self.term(&word));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_handles_letters_without_decomposition() {
        assert_eq!(fold("Ţară şi Ţărm"), "tara si tarm");
        assert_eq!(fold("Înșelăciune"), "inselaciune");
        assert_eq!(fold("Straße ÆØÅ œuvre"), "strasse aeoa oeuvre");
        assert_eq!(fold("ðþ Łódź"), "dth lodz");
        assert_eq!(fold("ACCÈS ILLÉGITIMO"), "acces illegitimo");
    }

    #[test]
    fn stemming_joins_inflected_forms() {
        let es = Analyzer::new("es");
        assert_eq!(es.terms("interceptación"), es.terms("interceptaciones"));
        let en = Analyzer::new("en");
        assert_eq!(
            en.terms("accesses intercepted"),
            en.terms("access intercept")
        );
        let pt = Analyzer::new("pt-BR");
        assert_eq!(pt.terms("informáticos"), pt.terms("informático"));
        assert_eq!(en.terms("s.3ZA"), ["s", "3za"]);
    }

    #[test]
    fn portuguese_spellings_before_and_after_1990_are_one_term() {
        let pt = Analyzer::new("pt");
        for (old, new) in [
            ("intercepção ilegítima", "interceção ilegítima"),
            ("infracções", "infrações"),
            ("dados electrónicos", "dados eletrónicos"),
            ("excepção", "exceção"),
            ("interceptar", "intercetar"),
            ("contacto", "contato"),
        ] {
            assert_eq!(pt.terms(old), pt.terms(new), "{old} / {new}");
        }
        assert_eq!(pt.terms("eletrônico"), pt.terms("electrónico"));
        // Other languages keep their consonants.
        let es = Analyzer::new("es");
        assert_ne!(es.terms("acción"), es.terms("ación"));
    }

    #[test]
    fn cjk_text_becomes_characters() {
        let zh = Analyzer::new("zh");
        assert_eq!(
            zh.terms("第5条 非法侵入"),
            ["第", "5", "条", "非", "法", "侵", "入"]
        );
    }
}
