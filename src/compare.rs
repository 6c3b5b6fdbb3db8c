//! Many jurisdictions at once: the matrix of every scored article against every jurisdiction,
//! the indices per chapter and section, and the counts per rating. Pure: it reads
//! [`Assessment`]s and writes strings; no files.
//!
//! Profiles that assess different instruments are compared per instrument: a
//! [`Comparison`] holds one [`InstrumentComparison`] per instrument, in the order the
//! instruments first appear.
//!
//! # Example
//!
//! ```
//! use budapest_gap::compare::{Sort, compare};
//! use budapest_gap::{Instrument, Profile, assess};
//!
//! let instrument = Instrument::ets_185();
//! let mut assessments = Vec::new();
//! for name in ["portugal", "germany"] {
//!     let path = format!("{}/profiles/{name}.json", env!("CARGO_MANIFEST_DIR"));
//!     let profile = Profile::from_path(&path).expect("a valid profile");
//!     assessments.push(assess(instrument, &profile));
//! }
//! let comparison = compare(&assessments);
//! let table = &comparison.instruments[0];
//! // Sorted by name unless asked otherwise: the tool ranks no country by default.
//! assert_eq!(table.jurisdictions[0].name, "Germany");
//! assert_eq!(table.articles[0].number, 2);
//! assert!(comparison.to_text(80).lines().all(|l| l.chars().count() <= 80));
//! let ranked = comparison.sorted(Sort::Index);
//! assert_eq!(ranked.instruments[0].jurisdictions.len(), 2);
//! ```

use std::fmt::Write as _;

use schemars::JsonSchema;
use serde::Serialize;

use crate::assess::{Assessment, Coverage, Rating, RatingCounts};
use crate::profile::DocumentKind;
use crate::{Date, assess};

/// The order of the jurisdictions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Sort {
    /// By name (then as-of date and document title): the default, which ranks no one.
    #[default]
    Name,
    /// By headline index, highest first; jurisdictions without a headline index
    /// (insufficient coverage) last, by name.
    Index,
}

/// Every instrument's comparison.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Comparison {
    /// The order used.
    pub sort: Sort,
    /// One table per instrument.
    pub instruments: Vec<InstrumentComparison>,
}

/// The jurisdictions that assess one instrument, side by side.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct InstrumentComparison {
    /// The instrument's id (`ets-185`).
    pub instrument: String,
    /// Its number and title.
    pub instrument_title: String,
    /// The columns, in the chosen order.
    pub jurisdictions: Vec<Column>,
    /// Every scored article, in treaty order; its cells follow [`Self::jurisdictions`].
    pub articles: Vec<ArticleRow>,
    /// Every chapter and section, in treaty order; its cells follow [`Self::jurisdictions`].
    pub divisions: Vec<DivisionRow>,
}

/// One jurisdiction (one profile) in a comparison.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Column {
    /// The jurisdiction's name.
    pub name: String,
    /// A short code for table headers, unique in the table (`GER`, `UK`, `RUR2`).
    pub code: String,
    /// In force or draft.
    pub document_kind: DocumentKind,
    /// The profile's title.
    pub document_title: String,
    /// The profile's as-of date.
    pub as_of: Date,
    /// The overall index.
    pub index: IndexCell,
}

/// An index, as a comparison shows it.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct IndexCell {
    /// The headline index (0–100); `None` for insufficient coverage.
    pub headline: Option<f64>,
    /// The index whatever the coverage; `None` when no article is rated.
    pub score: Option<f64>,
    /// Applicable elements assessed.
    pub coverage: Coverage,
    /// Articles per rating.
    pub counts: RatingCounts,
}

impl IndexCell {
    fn of(index: &assess::Index) -> IndexCell {
        IndexCell {
            headline: index.headline,
            score: index.score,
            coverage: index.coverage,
            counts: index.counts,
        }
    }

    /// `87.5`, or `insufficient coverage`.
    pub fn headline_text(&self) -> String {
        self.headline
            .map_or_else(|| "insufficient coverage".into(), |h| format!("{h:.1}"))
    }
}

/// One article across the jurisdictions.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ArticleRow {
    /// Article number.
    pub number: u16,
    /// Official title.
    pub title: String,
    /// Its chapter and section.
    pub division: String,
    /// One cell per jurisdiction; `None` when that assessment does not score the article.
    pub cells: Vec<Option<Cell>>,
}

/// One article in one jurisdiction.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, JsonSchema)]
pub struct Cell {
    /// The rating.
    pub rating: Rating,
    /// Whether it rests on only part of the applicable elements.
    pub provisional: bool,
    /// Applicable elements assessed.
    pub coverage: Coverage,
    /// The article's score (0–1), reservations applied.
    pub score: Option<f64>,
}

impl Cell {
    /// The letter code, with `*` when provisional: `LC*`.
    pub fn code(&self) -> String {
        let mark = if self.provisional { "*" } else { "" };
        format!("{}{mark}", self.rating.abbreviation())
    }
}

/// One chapter or section across the jurisdictions.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct DivisionRow {
    /// `Chapter II, Section 1 – Substantive criminal law`.
    pub division: String,
    /// One index per jurisdiction; `None` when that assessment has no such division.
    pub cells: Vec<Option<IndexCell>>,
}

/// Compares assessments, jurisdictions sorted by name.
///
/// See the [module example](self).
pub fn compare(assessments: &[Assessment]) -> Comparison {
    compare_sorted(assessments, Sort::Name)
}

/// Compares assessments, jurisdictions in the order `sort` asks for.
pub fn compare_sorted(assessments: &[Assessment], sort: Sort) -> Comparison {
    let mut groups: Vec<Vec<&Assessment>> = Vec::new();
    for a in assessments {
        match groups.iter_mut().find(|g| g[0].instrument == a.instrument) {
            Some(g) => g.push(a),
            None => groups.push(vec![a]),
        }
    }
    Comparison {
        sort,
        instruments: groups.into_iter().map(|g| table(g, sort)).collect(),
    }
}

impl Comparison {
    /// The same comparison in another order.
    pub fn sorted(mut self, sort: Sort) -> Comparison {
        self.sort = sort;
        for t in &mut self.instruments {
            t.reorder(sort);
        }
        self
    }

    /// A plain-text table per instrument, articles as rows and jurisdictions as columns
    /// (short codes, explained in a legend), no line wider than `width` (at least 60)
    /// columns: many jurisdictions are split over several tables.
    pub fn to_text(&self, width: usize) -> String {
        let width = width.max(60);
        let mut out = String::new();
        for (i, t) in self.instruments.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            t.write_text(&mut out, width);
        }
        out
    }

    /// A Markdown table per instrument, with the indices and counts, and a legend.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        for (i, t) in self.instruments.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            t.write_markdown(&mut out);
        }
        out
    }

    /// CSV in UTF-8 with a header row: one row per article and jurisdiction, with columns
    /// `jurisdiction, code, article, title, rating, provisional, assessed, applicable, score`.
    /// Ratings are `C`, `LC`, `PC`, `NC`, `NA` or `not-assessed`, as in the JSON;
    /// `provisional` is `yes` or `no`; `score` is the article's score (0–1), empty when it
    /// has none.
    pub fn to_csv(&self) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        let header = [
            "jurisdiction",
            "code",
            "instrument",
            "article",
            "title",
            "rating",
            "provisional",
            "assessed",
            "applicable",
            "score",
        ];
        // Writing to a Vec cannot fail, and every record has the header's length.
        let _ = w.write_record(header);
        for t in &self.instruments {
            for (j, column) in t.jurisdictions.iter().enumerate() {
                for row in &t.articles {
                    let Some(cell) = row.cells[j] else { continue };
                    let _ = w.write_record([
                        column.name.as_str(),
                        &column.code,
                        &t.instrument,
                        &row.number.to_string(),
                        &row.title,
                        rating_name(cell.rating),
                        if cell.provisional { "yes" } else { "no" },
                        &cell.coverage.assessed.to_string(),
                        &cell.coverage.applicable.to_string(),
                        &cell.score.map(|s| format!("{s:.3}")).unwrap_or_default(),
                    ]);
                }
            }
        }
        let bytes = w.into_inner().unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }

    /// The comparison as pretty-printed JSON (its serialised form), with a final newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// A rating as the JSON names it: `C` … `NA`, `not-assessed`.
pub fn rating_name(rating: Rating) -> &'static str {
    match rating {
        Rating::NotAssessed => "not-assessed",
        r => r.abbreviation(),
    }
}

fn table(group: Vec<&Assessment>, sort: Sort) -> InstrumentComparison {
    let first = group[0];
    let codes = short_codes(
        &group
            .iter()
            .map(|a| a.jurisdiction.as_str())
            .collect::<Vec<_>>(),
    );
    let jurisdictions = group
        .iter()
        .zip(codes)
        .map(|(a, code)| Column {
            name: a.jurisdiction.clone(),
            code,
            document_kind: a.document_kind,
            document_title: a.document_title.clone(),
            as_of: a.as_of,
            index: IndexCell::of(&a.index),
        })
        .collect();
    // Treaty order: the first assessment's, with any article only later ones score appended.
    let mut articles: Vec<ArticleRow> = Vec::new();
    let mut divisions: Vec<DivisionRow> = Vec::new();
    for a in &group {
        for art in &a.articles {
            if !articles.iter().any(|r| r.number == art.number) {
                articles.push(ArticleRow {
                    number: art.number,
                    title: art.title.clone(),
                    division: art.division.clone(),
                    cells: Vec::new(),
                });
            }
        }
        for d in &a.divisions {
            if !divisions.iter().any(|r| r.division == d.division) {
                divisions.push(DivisionRow {
                    division: d.division.clone(),
                    cells: Vec::new(),
                });
            }
        }
    }
    for a in &group {
        for row in &mut articles {
            row.cells.push(
                a.articles
                    .iter()
                    .find(|x| x.number == row.number)
                    .map(|x| Cell {
                        rating: x.rating,
                        provisional: x.provisional,
                        coverage: x.coverage,
                        score: x.score,
                    }),
            );
        }
        for row in &mut divisions {
            row.cells.push(
                a.divisions
                    .iter()
                    .find(|d| d.division == row.division)
                    .map(|d| IndexCell::of(&d.index)),
            );
        }
    }
    let mut t = InstrumentComparison {
        instrument: first.instrument.clone(),
        instrument_title: first.instrument_title.clone(),
        jurisdictions,
        articles,
        divisions,
    };
    t.reorder(sort);
    t
}

impl InstrumentComparison {
    /// Puts the columns (and every row's cells) in the order `sort` asks for.
    fn reorder(&mut self, sort: Sort) {
        let mut order: Vec<usize> = (0..self.jurisdictions.len()).collect();
        let j = &self.jurisdictions;
        let by_name = |a: usize, b: usize| {
            (&j[a].name, j[a].as_of, &j[a].document_title, &j[a].code).cmp(&(
                &j[b].name,
                j[b].as_of,
                &j[b].document_title,
                &j[b].code,
            ))
        };
        order.sort_by(|&a, &b| match sort {
            Sort::Name => by_name(a, b),
            Sort::Index => match (j[a].index.headline, j[b].index.headline) {
                (Some(x), Some(y)) => y.total_cmp(&x).then_with(|| by_name(a, b)),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => by_name(a, b),
            },
        });
        self.jurisdictions = order.iter().map(|&i| j[i].clone()).collect();
        for row in &mut self.articles {
            row.cells = order.iter().map(|&i| row.cells[i]).collect();
        }
        for row in &mut self.divisions {
            row.cells = order.iter().map(|&i| row.cells[i].clone()).collect();
        }
    }

    fn write_text(&self, out: &mut String, width: usize) {
        const CELL: usize = 5;
        const LABEL_MIN: usize = 30;
        const LABEL_MAX: usize = 48;
        let _ = writeln!(out, "{}", clip(&self.instrument_title, width));
        let per_block = ((width - LABEL_MIN) / CELL).max(1);
        let n = self.jurisdictions.len();
        let blocks: Vec<(usize, usize)> = (0..n.div_ceil(per_block).max(1))
            .map(|b| (b * per_block, ((b + 1) * per_block).min(n)))
            .collect();
        for &(from, to) in &blocks {
            out.push('\n');
            let cols = &self.jurisdictions[from..to];
            let label = (width - CELL * cols.len()).clamp(LABEL_MIN, LABEL_MAX);
            let mut line = pad("Article", label);
            for c in cols {
                line.push_str(&pad_left(&clip(&c.code, CELL - 1), CELL));
            }
            let _ = writeln!(out, "{}", line.trim_end());
            let _ = writeln!(out, "{}", "-".repeat(label + CELL * cols.len()));
            for row in &self.articles {
                let mut line = pad(
                    &clip(&format!("{:>2} {}", row.number, row.title), label - 1),
                    label,
                );
                for cell in &row.cells[from..to] {
                    let code = cell.map_or_else(String::new, |c| c.code());
                    line.push_str(&pad_left(&code, CELL));
                }
                let _ = writeln!(out, "{}", line.trim_end());
            }
            let _ = writeln!(out, "{}", "-".repeat(label + CELL * cols.len()));
            for row in &self.divisions {
                let mut line = pad(&clip(&short_division(&row.division), label - 1), label);
                for cell in &row.cells[from..to] {
                    line.push_str(&pad_left(
                        &cell.as_ref().map_or_else(String::new, index_code),
                        CELL,
                    ));
                }
                let _ = writeln!(out, "{}", line.trim_end());
            }
            let mut line = pad("Index", label);
            for c in cols {
                line.push_str(&pad_left(&index_code(&c.index), CELL));
            }
            let _ = writeln!(out, "{}", line.trim_end());
            for rating in Rating::ALL {
                let mut line = pad(&format!("Articles {}", rating.label()), label);
                for c in cols {
                    line.push_str(&pad_left(&c.index.counts.get(rating).to_string(), CELL));
                }
                let _ = writeln!(out, "{}", line.trim_end());
            }
        }
        out.push('\n');
        for c in &self.jurisdictions {
            let kind = match c.document_kind {
                DocumentKind::Draft => "draft law",
                DocumentKind::InForce => "law in force",
            };
            let line = format!("{:<5}{}: {kind} as of {}", c.code, c.name, c.as_of);
            let _ = writeln!(out, "{}", clip(&line, width));
        }
        let legend = "C compliant, LC largely, PC partially, NC non-compliant, NA not applicable, \
                      — not assessed; * provisional (only part of the elements assessed); \
                      ins. insufficient coverage for a headline index.";
        for line in wrap(legend, width) {
            let _ = writeln!(out, "{line}");
        }
    }

    fn write_markdown(&self, out: &mut String) {
        let _ = writeln!(out, "# {}\n", md(&self.instrument_title));
        let mut head = String::from("| Article |");
        let mut rule = String::from("|---|");
        for c in &self.jurisdictions {
            let _ = write!(head, " {} |", md(&c.name));
            rule.push_str(":-:|");
        }
        let _ = writeln!(out, "{head}\n{rule}");
        for row in &self.articles {
            let _ = write!(out, "| {} {} |", row.number, md(&row.title));
            for cell in &row.cells {
                let text = cell.map_or_else(String::new, |c| {
                    format!(
                        "{} ({}/{})",
                        c.code(),
                        c.coverage.assessed,
                        c.coverage.applicable
                    )
                });
                let _ = write!(out, " {text} |");
            }
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "\n## Indices\n\n{}\n{rule}",
            head.replacen("Article", "Division", 1)
        );
        for row in &self.divisions {
            let _ = write!(out, "| {} |", md(&row.division));
            for cell in &row.cells {
                let text = cell
                    .as_ref()
                    .map_or_else(String::new, IndexCell::headline_text);
                let _ = write!(out, " {text} |");
            }
            out.push('\n');
        }
        let _ = write!(out, "| **Index** |");
        for c in &self.jurisdictions {
            let _ = write!(out, " **{}** |", c.index.headline_text());
        }
        let _ = writeln!(
            out,
            "\n\n## Articles per rating\n\n{}\n{rule}",
            head.replacen("Article", "Rating", 1)
        );
        for rating in Rating::ALL {
            let _ = write!(out, "| {} |", rating.label());
            for c in &self.jurisdictions {
                let _ = write!(out, " {} |", c.index.counts.get(rating));
            }
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "\nC compliant, LC largely compliant, PC partially compliant, NC non-compliant, NA not \
             applicable, — not assessed; * provisional (only part of the applicable elements \
             assessed); (n/m) elements assessed of those applicable."
        );
    }
}

/// An index cell in a narrow column: `87`, or `ins.` for insufficient coverage.
fn index_code(cell: &IndexCell) -> String {
    cell.headline
        .map_or_else(|| "ins.".into(), |h| format!("{h:.0}"))
}

/// `Chapter II, Section 1 – Substantive criminal law` → `II.1 Substantive criminal law`.
fn short_division(division: &str) -> String {
    let (place, name) = division.split_once(" – ").unwrap_or(("", division));
    let place = place
        .replace("Chapter ", "")
        .replace(", Section ", ".")
        .replace(", Title ", ".");
    if place.is_empty() {
        name.to_string()
    } else {
        format!("{place} {name}")
    }
}

/// Short unique codes from names: the initials of a name of several words (`UK`), else its
/// first three letters (`GER`); a leading `The` is ignored; repeats get a number (`RUR2`).
fn short_codes(names: &[&str]) -> Vec<String> {
    let mut codes: Vec<String> = Vec::new();
    for name in names {
        let words: Vec<&str> = name
            .split_whitespace()
            .filter(|w| !w.eq_ignore_ascii_case("the") && !w.eq_ignore_ascii_case("of"))
            .collect();
        let base: String = if words.len() > 1 {
            words
                .iter()
                .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
                .collect()
        } else {
            words
                .first()
                .map_or("?", |w| w)
                .chars()
                .filter(|c| c.is_alphanumeric())
                .take(3)
                .collect()
        };
        let base = base.to_uppercase();
        let mut code = base.clone();
        let mut n = 2;
        while codes.contains(&code) {
            code = format!("{base}{n}");
            n += 1;
        }
        codes.push(code);
    }
    codes
}

fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut s: String = text.chars().take(width.saturating_sub(1)).collect();
    s.push('…');
    s
}

fn pad(text: &str, width: usize) -> String {
    let n = text.chars().count();
    format!("{text}{}", " ".repeat(width.saturating_sub(n)))
}

fn pad_left(text: &str, width: usize) -> String {
    let n = text.chars().count();
    format!("{}{text}", " ".repeat(width.saturating_sub(n)))
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&clip(word, width));
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Escapes a Markdown table cell.
fn md(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
