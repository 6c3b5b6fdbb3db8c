//! The words that link a provision to an article, one file per language in `data/lexicon/`
//! (`en.json`, `fr.json`, `pt.json` and its variant `pt-BR.json`, …). Each entry says where
//! it comes from (a key of the file's `sources`), so that a lawyer can check and improve the
//! lists without touching code; the files are embedded at build time.

use std::collections::BTreeMap;

use serde::Deserialize;

/// The lexicon files, embedded: (file name, contents).
const FILES: &[(&str, &str)] = &[
    ("en.json", include_str!("../../data/lexicon/en.json")),
    ("fr.json", include_str!("../../data/lexicon/fr.json")),
    ("es.json", include_str!("../../data/lexicon/es.json")),
    (
        "es-419.json",
        include_str!("../../data/lexicon/es-419.json"),
    ),
    ("pt.json", include_str!("../../data/lexicon/pt.json")),
    ("pt-BR.json", include_str!("../../data/lexicon/pt-BR.json")),
    ("de.json", include_str!("../../data/lexicon/de.json")),
    ("ru.json", include_str!("../../data/lexicon/ru.json")),
];

/// One language's lexicon, as in its file.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Lexicon {
    /// `lexicon.schema.json`, so that editors check the file.
    #[serde(rename = "$schema", default)]
    pub schema: Option<String>,
    /// The BCP 47 tag of the language: `pt`, `pt-BR`.
    pub language: String,
    /// The language's name, in that language.
    pub name: String,
    /// For a regional variant, the tag of the lexicon it adds to.
    #[serde(default)]
    pub extends: Option<String>,
    /// Where the entries come from: source key → description.
    pub sources: BTreeMap<String, String>,
    /// Per article number (as a string key), its entries.
    pub articles: BTreeMap<String, ArticleEntries>,
}

/// The entries of one article in one language.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ArticleEntries {
    /// Phrases that point to the article.
    #[serde(default)]
    pub phrases: Vec<Entry>,
    /// Phrases that point away from it (a foreign request, for a domestic power).
    #[serde(default)]
    pub against: Vec<Entry>,
    /// Phrases of which a provision needs at least one to be a strong match (co-operation
    /// articles need a foreign request).
    #[serde(default)]
    pub requires: Vec<Entry>,
}

/// One phrase and its source.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The phrase, as written in the source.
    pub text: String,
    /// A key of the lexicon's `sources`.
    pub source: String,
    /// Whether it is the article's title in that language's text of the Convention.
    #[serde(default)]
    pub title: bool,
}

impl Lexicon {
    /// All shipped lexicons, base languages and variants.
    ///
    /// # Panics
    ///
    /// Never for the shipped files: a test parses and lints every one of them.
    pub fn all() -> &'static [Lexicon] {
        static ALL: std::sync::OnceLock<Vec<Lexicon>> = std::sync::OnceLock::new();
        ALL.get_or_init(|| {
            FILES
                .iter()
                .map(|(name, text)| {
                    serde_json::from_str(text).unwrap_or_else(|e| {
                        panic!("data/lexicon/{name} is not a valid lexicon: {e}")
                    })
                })
                .collect()
        })
    }

    /// The lexicons used for a language tag: the base language and, for `pt-BR`, its variant;
    /// for a tag without region (`pt`), the base and all its variants; for a language without
    /// a lexicon, or `und`, all of them. The second value says whether the language had one.
    ///
    /// # Example
    ///
    /// ```
    /// use budapest_gap::draft::Lexicon;
    /// let (used, found) = Lexicon::for_language("pt-BR");
    /// let tags: Vec<&str> = used.iter().map(|l| l.language.as_str()).collect();
    /// assert_eq!((tags, found), (vec!["pt", "pt-BR"], true));
    /// assert_eq!(Lexicon::for_language("pt").0.len(), 2);
    /// assert!(!Lexicon::for_language("sw").1);
    /// ```
    pub fn for_language(tag: &str) -> (Vec<&'static Lexicon>, bool) {
        let primary = tag.split('-').next().unwrap_or_default();
        let regional = tag.contains('-');
        let chosen: Vec<&Lexicon> = Lexicon::all()
            .iter()
            .filter(|l| {
                let base = l.language.split('-').next().unwrap_or_default();
                base == primary
                    && (l.extends.is_none() || !regional || l.language.eq_ignore_ascii_case(tag))
            })
            .collect();
        if chosen.is_empty() {
            (Lexicon::all().iter().collect(), false)
        } else {
            (chosen, true)
        }
    }

    /// The JSON Schema of a lexicon file (`data/lexicon/lexicon.schema.json`).
    ///
    /// # Example
    ///
    /// ```
    /// let schema = budapest_gap::draft::Lexicon::schema();
    /// assert!(schema.contains("\"additionalProperties\": false"));
    /// ```
    pub fn schema() -> String {
        let mut schema = schemars::generate::SchemaSettings::draft2020_12()
            .into_generator()
            .into_root_schema_for::<Lexicon>();
        schema.insert("$id".into(), "urn:budapest-gap:schema:lexicon".into());
        let mut text = serde_json::to_string_pretty(&schema).expect("a schema serialises");
        text.push('\n');
        text
    }

    /// Problems in a lexicon, each a sentence naming the file and the entry: unknown sources,
    /// unknown article numbers, empty or duplicated phrases, more than one title, a variant
    /// that extends nothing, an unused source.
    pub fn lint(&self, scored_articles: &[u16]) -> Vec<String> {
        let file = format!("data/lexicon/{}.json", self.language);
        let mut problems = Vec::new();
        if let Some(base) = &self.extends
            && !Lexicon::all()
                .iter()
                .any(|l| &l.language == base && l.extends.is_none())
        {
            problems.push(format!(
                "{file}: extends `{base}`, which is not a base lexicon"
            ));
        }
        let mut used = std::collections::BTreeSet::new();
        for (key, entries) in &self.articles {
            let known = key
                .parse::<u16>()
                .is_ok_and(|n| scored_articles.contains(&n));
            if !known {
                problems.push(format!(
                    "{file}: `{key}` is not a scored article of ETS 185"
                ));
            }
            let mut seen = std::collections::BTreeSet::new();
            let mut titles = 0;
            for (list, e) in entries
                .phrases
                .iter()
                .map(|e| ("phrases", e))
                .chain(entries.against.iter().map(|e| ("against", e)))
                .chain(entries.requires.iter().map(|e| ("requires", e)))
            {
                used.insert(e.source.as_str());
                if !self.sources.contains_key(&e.source) {
                    problems.push(format!(
                        "{file}: article {key}, {list} “{}”: unknown source `{}`",
                        e.text, e.source
                    ));
                }
                if e.text.trim().is_empty() || !e.text.chars().any(char::is_alphanumeric) {
                    problems.push(format!("{file}: article {key}, {list}: an empty phrase"));
                }
                if !seen.insert((list, super::text::fold(&e.text))) {
                    problems.push(format!(
                        "{file}: article {key}, {list} “{}” is listed twice",
                        e.text
                    ));
                }
                titles += usize::from(e.title);
            }
            if titles > 1 {
                problems.push(format!("{file}: article {key} has {titles} titles"));
            }
        }
        for source in self.sources.keys() {
            if !used.contains(source.as_str()) {
                problems.push(format!("{file}: source `{source}` is never used"));
            }
        }
        problems
    }
}
