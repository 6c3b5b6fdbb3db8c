//! Reading a review workbook back onto its profile.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io::Cursor;

use calamine::{Data, Range, Reader, Xlsx};

use super::write::{ABOUT_INSTRUMENT, ABOUT_JURISDICTION, ABOUT_WRITER};
use super::{
    ABOUT_SHEET, ARTICLE_ROW, CellDiagnostic, CellRef, LIMITATION_COLUMNS, LIMITATIONS_SHEET,
    REVIEW_COLUMNS, REVIEW_SHEET, ReviewError, cells,
};
use crate::instrument::{Article, ElementKind};
use crate::profile::{ArticleAssessment, ElementAssessment, Limitation, Severity, Status};
use crate::{Code, Instrument, Profile};

/// What the note cell of a qualifier's row says when the profile has nothing there.
pub(crate) const QUALIFIER_HELP: &str =
    "A qualifier: record it on the Limitations sheet when domestic law requires it.";

/// A profile read back from its review workbook.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The reviewed profile: the profile given, with the workbook's edits.
    pub profile: Profile,
    /// Warnings about the reviewed profile, located in the workbook where they can be.
    pub warnings: Vec<CellDiagnostic>,
}

/// Reads the review workbook `bytes` (named `file` in diagnostics) back onto `profile`, the
/// profile it was exported from. Cells nobody edited keep the profile's values exactly;
/// edited cells are read, and the result is checked as `check` would check it.
///
/// `profile` itself is not changed.
///
/// # Errors
///
/// [`ReviewError::Invalid`] with every diagnostic when the file is not a review workbook
/// ([`Code::InvalidWorkbook`]), was exported from another profile, or holds a value that
/// is not valid (a status that does not exist, an unknown provision…): each located at its
/// cell (`Review!F12`).
///
/// # Example
///
/// ```
/// use budapest_gap::{Code, Profile, review};
///
/// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/profiles/portugal.json");
/// let profile = Profile::from_path(path).expect("a valid profile");
/// let err = review::import("notes.xlsx", b"not a workbook", &profile).unwrap_err();
/// let review::ReviewError::Invalid { diagnostics } = err else { unreachable!() };
/// assert_eq!(diagnostics[0].code, Code::InvalidWorkbook);
/// ```
pub fn import(file: &str, bytes: &[u8], profile: &Profile) -> Result<Imported, ReviewError> {
    let mut r = Reading {
        file,
        diagnostics: Vec::new(),
        cells: Vec::new(),
    };
    let out = r.read(bytes, profile);
    if r.diagnostics.iter().any(CellDiagnostic::is_error) {
        return Err(ReviewError::Invalid {
            diagnostics: r.diagnostics,
        });
    }
    let Some(out) = out else {
        return Err(ReviewError::Invalid {
            diagnostics: r.diagnostics,
        });
    };
    // The reviewed profile is checked as a file would be, and each finding put at its cell.
    let json = serde_json::to_string_pretty(&out).unwrap_or_default();
    let checked = Profile::check(file, &json);
    let mut diagnostics = r.diagnostics;
    for d in checked.diagnostics {
        // A qualifier given a status: the status cell is what the adviser wrote.
        let wanted = if d.code == Code::ElementIsQualifier {
            format!("{}/status", d.pointer)
        } else {
            d.pointer.clone()
        };
        let cell = r
            .cells
            .iter()
            .filter(|(p, _)| {
                wanted == *p
                    || (wanted.starts_with(p.as_str())
                        && wanted.as_bytes().get(p.len()) == Some(&b'/'))
            })
            .max_by_key(|(p, _)| p.len())
            .map(|(_, c)| c.clone());
        diagnostics.push(CellDiagnostic {
            code: d.code,
            severity: d.severity,
            file: file.to_string(),
            cell,
            pointer: d.pointer,
            message: d.message,
            hint: d.hint,
        });
    }
    if diagnostics.iter().any(CellDiagnostic::is_error) {
        return Err(ReviewError::Invalid { diagnostics });
    }
    Ok(Imported {
        profile: out,
        warnings: diagnostics,
    })
}

/// Whether the About sheet of the workbook `bytes` says budapest-gap wrote it.
pub(crate) fn written_by_us(bytes: &[u8]) -> bool {
    let Ok(mut workbook) = Xlsx::new(Cursor::new(bytes)) else {
        return false;
    };
    let Ok(range) = workbook.worksheet_range(ABOUT_SHEET) else {
        return false;
    };
    range.rows().any(|row| {
        row.first().is_some_and(|k| text_of(k) == ABOUT_WRITER)
            && row
                .get(1)
                .is_some_and(|v| text_of(v).starts_with("budapest-gap"))
    })
}

/// One sheet, with where each expected column is.
struct Sheet {
    name: &'static str,
    range: Range<Data>,
    columns: Vec<Option<u32>>,
}

impl Sheet {
    /// The data rows (0-based, after the header), through the last non-empty one.
    fn rows(&self) -> impl Iterator<Item = u32> {
        let end = self.range.end().map_or(0, |(r, _)| r);
        1..=end
    }

    fn data(&self, row: u32, column: usize) -> Option<&Data> {
        let c = self.columns.get(column).copied().flatten()?;
        self.range.get_value((row, c))
    }

    fn cell(&self, row: u32, column: usize) -> CellRef {
        let c = self.columns.get(column).copied().flatten().unwrap_or(0);
        CellRef::at(self.name, row, c as u16)
    }

    fn is_blank(&self, row: u32) -> bool {
        (0..self.columns.len()).all(|c| {
            self.data(row, c)
                .is_none_or(|d| matches!(d, Data::Empty) || text_of(d).trim().is_empty())
        })
    }
}

/// A cell's value as text: strings as they are, whole numbers without a decimal point.
fn text_of(d: &Data) -> String {
    match d {
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) => dt.as_f64().to_string(),
        Data::Error(e) => format!("#{e}"),
        Data::Empty => String::new(),
    }
}

/// The rows of the Review sheet for one article.
#[derive(Default)]
struct ArticleRows {
    article: Option<u32>,
    elements: Vec<(String, u32)>,
}

struct Reading<'a> {
    file: &'a str,
    diagnostics: Vec<CellDiagnostic>,
    /// JSON pointers in the reviewed profile, and the cell each came from.
    cells: Vec<(String, CellRef)>,
}

const C_ARTICLE: usize = 0;
const C_ID: usize = 2;
const C_STATUS: usize = 5;
const C_NOTE: usize = 6;
const C_PROVISIONS: usize = 7;
const C_SUGGESTED: usize = 8;
/// Review columns import needs; the others (titles, element texts, kinds) are for reading.
const REQUIRED_REVIEW: [usize; 5] = [C_ARTICLE, C_ID, C_STATUS, C_NOTE, C_PROVISIONS];

impl Reading<'_> {
    fn error(&mut self, cell: Option<CellRef>, code: Code, message: String, hint: Option<String>) {
        self.diagnostics
            .push(CellDiagnostic::error(self.file, cell, code, message, hint));
    }

    fn not_a_workbook(&mut self, cell: Option<CellRef>, message: String, hint: &str) {
        self.error(cell, Code::InvalidWorkbook, message, Some(hint.to_string()));
    }

    fn read(&mut self, bytes: &[u8], profile: &Profile) -> Option<Profile> {
        let mut workbook = match Xlsx::new(Cursor::new(bytes)) {
            Ok(w) => w,
            Err(e) => {
                self.not_a_workbook(
                    None,
                    format!("not an .xlsx workbook ({e})"),
                    "give the workbook `budapest-gap review export` wrote (saved as .xlsx)",
                );
                return None;
            }
        };
        let instrument = self.about(&mut workbook, profile)?;
        let review = self.sheet(
            &mut workbook,
            REVIEW_SHEET,
            &REVIEW_COLUMNS,
            &REQUIRED_REVIEW,
        );
        let limitations = self.sheet(
            &mut workbook,
            LIMITATIONS_SHEET,
            &LIMITATION_COLUMNS,
            &[0, 1, 2, 3, 4, 5],
        );
        let (review, limitations) = (review?, limitations?);
        let groups = self.review_rows(&review, instrument);
        let limits = self.limitation_rows(&limitations, instrument);
        Some(self.merge(profile, instrument, &review, &groups, &limitations, &limits))
    }

    /// Checks the About sheet names this profile, and gives the instrument it was written for.
    fn about(
        &mut self,
        workbook: &mut Xlsx<Cursor<&[u8]>>,
        profile: &Profile,
    ) -> Option<&'static Instrument> {
        let Ok(range) = workbook.worksheet_range(ABOUT_SHEET) else {
            self.not_a_workbook(
                None,
                format!("the workbook has no `{ABOUT_SHEET}` sheet"),
                "give the workbook `budapest-gap review export` wrote, with its sheets as they were named",
            );
            return None;
        };
        let value = |key: &str| {
            range.rows().enumerate().find_map(|(i, row)| {
                let k = row.first().map(text_of)?;
                (k.trim() == key).then(|| (i as u32, row.get(1).map(text_of).unwrap_or_default()))
            })
        };
        let (Some((jr, jurisdiction)), Some((ir, instrument))) =
            (value(ABOUT_JURISDICTION), value(ABOUT_INSTRUMENT))
        else {
            self.not_a_workbook(
                Some(CellRef::at(ABOUT_SHEET, 0, 0)),
                format!("the `{ABOUT_SHEET}` sheet does not say whose profile the workbook is"),
                "give the workbook `budapest-gap review export` wrote, with its About sheet as it was",
            );
            return None;
        };
        if jurisdiction.trim() != profile.jurisdiction.name {
            self.not_a_workbook(
                Some(CellRef::at(ABOUT_SHEET, jr, 1)),
                format!(
                    "the workbook was exported from a profile of {}, not of {}",
                    jurisdiction.trim(),
                    profile.jurisdiction.name
                ),
                "import it onto the profile it was exported from",
            );
            return None;
        }
        let id = instrument.split_whitespace().next().unwrap_or_default();
        match Instrument::embedded_by_id(id) {
            Some(i) => Some(i),
            None => {
                self.not_a_workbook(
                    Some(CellRef::at(ABOUT_SHEET, ir, 1)),
                    format!("`{id}` is not an instrument this tool knows"),
                    "give the workbook `budapest-gap review export` wrote",
                );
                None
            }
        }
    }

    fn sheet(
        &mut self,
        workbook: &mut Xlsx<Cursor<&[u8]>>,
        name: &'static str,
        expected: &[&str],
        required: &[usize],
    ) -> Option<Sheet> {
        let Ok(range) = workbook.worksheet_range(name) else {
            self.not_a_workbook(
                None,
                format!("the workbook has no `{name}` sheet"),
                "give the workbook `budapest-gap review export` wrote, with its sheets as they were named",
            );
            return None;
        };
        let width = range.end().map_or(0, |(_, c)| c + 1);
        let columns: Vec<Option<u32>> = expected
            .iter()
            .map(|want| {
                (0..width).find(|&c| {
                    range
                        .get_value((0, c))
                        .is_some_and(|d| text_of(d).trim().eq_ignore_ascii_case(want))
                })
            })
            .collect();
        let missing: Vec<&str> = required
            .iter()
            .filter(|&&i| columns[i].is_none())
            .map(|&i| expected[i])
            .collect();
        if !missing.is_empty() {
            self.not_a_workbook(
                Some(CellRef::at(name, 0, 0)),
                format!(
                    "the `{name}` sheet has no column headed {}",
                    missing
                        .iter()
                        .map(|m| format!("`{m}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                "keep the header row as exported (columns may be moved, not renamed)",
            );
            return None;
        }
        Some(Sheet {
            name,
            range,
            columns,
        })
    }

    /// The article number in `column` of `row`, or a located error.
    fn article_number(
        &mut self,
        sheet: &Sheet,
        row: u32,
        column: usize,
        instrument: &'static Instrument,
    ) -> Option<&'static Article> {
        let text = sheet.data(row, column).map(text_of).unwrap_or_default();
        let text = text.trim();
        let digits = text
            .strip_prefix("art-")
            .or_else(|| text.strip_prefix("Article "))
            .unwrap_or(text);
        let Ok(n) = digits.parse::<u16>() else {
            let message = if text.is_empty() {
                "the row has no article number".to_string()
            } else {
                format!("`{text}` is not an article number")
            };
            self.error(
                Some(sheet.cell(row, column)),
                if text.is_empty() {
                    Code::MissingKey
                } else {
                    Code::WrongType
                },
                message,
                Some("write the article's number, e.g. 6".into()),
            );
            return None;
        };
        match instrument.article(n) {
            Some(a) => Some(a),
            None => {
                let last = instrument.articles().map(|a| a.number).max().unwrap_or(0);
                self.error(
                    Some(sheet.cell(row, column)),
                    Code::UnknownArticle,
                    format!("{} has no Article {n}", instrument.short_title),
                    Some(format!("its articles are numbered 1 to {last}")),
                );
                None
            }
        }
    }

    fn review_rows(
        &mut self,
        sheet: &Sheet,
        instrument: &'static Instrument,
    ) -> BTreeMap<u16, ArticleRows> {
        let mut groups: BTreeMap<u16, ArticleRows> = BTreeMap::new();
        let mut seen = HashSet::new();
        for row in sheet.rows() {
            if sheet.is_blank(row) {
                continue;
            }
            let Some(article) = self.article_number(sheet, row, C_ARTICLE, instrument) else {
                continue;
            };
            let id = sheet.data(row, C_ID).map(text_of).unwrap_or_default();
            let id = id.trim().to_string();
            if id.is_empty() {
                self.error(
                    Some(sheet.cell(row, C_ID)),
                    Code::MissingKey,
                    "the row has no element id".into(),
                    Some(format!(
                        "write the element's id, or `{ARTICLE_ROW}` on the article's own row"
                    )),
                );
                continue;
            }
            if !seen.insert((article.number, id.clone())) {
                self.error(
                    Some(sheet.cell(row, C_ID)),
                    Code::DuplicateKey,
                    format!("Article {} `{id}` has a row already", article.number),
                    Some("keep one row per article and element, and remove the other".into()),
                );
                continue;
            }
            let group = groups.entry(article.number).or_default();
            if id == ARTICLE_ROW {
                group.article = Some(row);
            } else {
                group.elements.push((id, row));
            }
        }
        groups
    }

    fn limitation_rows(
        &mut self,
        sheet: &Sheet,
        instrument: &'static Instrument,
    ) -> BTreeMap<u16, Vec<(u32, [String; 5])>> {
        let mut groups: BTreeMap<u16, Vec<(u32, [String; 5])>> = BTreeMap::new();
        for row in sheet.rows() {
            if sheet.is_blank(row) {
                continue;
            }
            let Some(article) = self.article_number(sheet, row, 0, instrument) else {
                continue;
            };
            let texts =
                std::array::from_fn(|i| sheet.data(row, i + 1).map(text_of).unwrap_or_default());
            groups.entry(article.number).or_default().push((row, texts));
        }
        groups
    }

    fn status(&mut self, text: &str, cell: CellRef) -> Result<Option<Status>, ()> {
        let t = text.trim().to_lowercase().replace([' ', '_'], "-");
        Ok(Some(match t.as_str() {
            "" => return Ok(None),
            "met" => Status::Met,
            "partly" | "partly-met" | "partially" | "partially-met" => Status::Partly,
            "not-met" => Status::NotMet,
            "not-assessed" => Status::NotAssessed,
            _ => {
                let hint = crate::profile::did_you_mean(&t, cells::STATUSES).unwrap_or_else(|| {
                    "a status is met, partly, not-met or not-assessed, or blank".into()
                });
                self.error(
                    Some(cell),
                    Code::InvalidValue,
                    format!("`{}` is not a status", text.trim()),
                    Some(hint),
                );
                return Err(());
            }
        }))
    }

    fn severity(&mut self, text: &str, cell: CellRef) -> Result<Option<Severity>, ()> {
        match text.trim().to_lowercase().as_str() {
            "" => Ok(None),
            "minor" => Ok(Some(Severity::Minor)),
            "major" => Ok(Some(Severity::Major)),
            other => {
                let hint = crate::profile::did_you_mean(other, cells::SEVERITIES)
                    .unwrap_or_else(|| "a severity is minor or major".into());
                self.error(
                    Some(cell),
                    Code::InvalidValue,
                    format!("`{}` is not a severity", text.trim()),
                    Some(hint),
                );
                Err(())
            }
        }
    }

    fn merge(
        &mut self,
        profile: &Profile,
        instrument: &'static Instrument,
        review: &Sheet,
        groups: &BTreeMap<u16, ArticleRows>,
        limitations: &Sheet,
        limits: &BTreeMap<u16, Vec<(u32, [String; 5])>>,
    ) -> Profile {
        let original = profile.assessment.get(&instrument.id);
        let mut merged = original.cloned().unwrap_or_default();
        let known: BTreeSet<&str> = profile.provisions.iter().map(|p| p.id.as_str()).collect();
        let mut numbers: BTreeSet<u16> = groups.keys().chain(limits.keys()).copied().collect();
        numbers.extend(
            original
                .into_iter()
                .flat_map(|m| m.keys())
                .filter_map(|k| instrument.article_by_id(k).map(|a| a.number)),
        );
        let inst = escape(&instrument.id);
        for n in numbers {
            let Some(article) = instrument.article(n) else {
                continue;
            };
            let key = article.id();
            let orig = original.and_then(|m| m.get(&key));
            let mut entry = orig.cloned().unwrap_or_default();
            let at = format!("/assessment/{inst}/{}", escape(&key));
            if let Some(rows) = groups.get(&n) {
                if let Some(row) = rows.article {
                    self.article_row(review, row, &at, &mut entry, &known);
                }
                for (id, row) in &rows.elements {
                    self.element_row(review, *row, &at, article, id, &mut entry);
                }
            }
            self.limitations(
                limitations,
                limits.get(&n).map_or(&[][..], Vec::as_slice),
                &at,
                &mut entry,
            );
            if orig.is_none() && entry == ArticleAssessment::default() {
                continue;
            }
            merged.insert(key, entry);
        }
        let mut out = profile.clone();
        if original.is_some() || !merged.is_empty() {
            out.assessment.insert(instrument.id.clone(), merged);
        }
        out
    }

    fn article_row(
        &mut self,
        sheet: &Sheet,
        row: u32,
        at: &str,
        entry: &mut ArticleAssessment,
        known: &BTreeSet<&str>,
    ) {
        let text = |c| sheet.data(row, c).map(text_of).unwrap_or_default();
        self.cells
            .push((at.to_string(), sheet.cell(row, C_ARTICLE)));
        self.cells
            .push((format!("{at}/provisions"), sheet.cell(row, C_PROVISIONS)));
        self.cells
            .push((format!("{at}/suggestions"), sheet.cell(row, C_SUGGESTED)));
        self.cells
            .push((format!("{at}/status"), sheet.cell(row, C_STATUS)));
        self.cells
            .push((format!("{at}/note"), sheet.cell(row, C_NOTE)));
        let provisions = text(C_PROVISIONS);
        if provisions != cells::provisions(&entry.provisions) {
            let ids = provision_ids(&provisions, known);
            let before: BTreeSet<String> = entry.provisions.iter().cloned().collect();
            // A suggestion now cited has been accepted: it is no longer a suggestion.
            entry
                .suggestions
                .retain(|s| before.contains(&s.provision) || !ids.contains(&s.provision));
            entry.provisions = ids;
        }
        let status = text(C_STATUS);
        if status != cells::status(entry.status)
            && let Ok(s) = self.status(&status, sheet.cell(row, C_STATUS))
        {
            entry.status = s;
        }
        let note = text(C_NOTE);
        if note != cells::note(entry.note.as_ref()) {
            entry.note = (!note.trim().is_empty()).then_some(note);
        }
    }

    fn element_row(
        &mut self,
        sheet: &Sheet,
        row: u32,
        at: &str,
        article: &Article,
        id: &str,
        entry: &mut ArticleAssessment,
    ) {
        let ep = format!("{at}/elements/{}", escape(id));
        self.cells.push((ep.clone(), sheet.cell(row, C_ID)));
        self.cells
            .push((format!("{ep}/status"), sheet.cell(row, C_STATUS)));
        self.cells
            .push((format!("{ep}/note"), sheet.cell(row, C_NOTE)));
        let status = sheet.data(row, C_STATUS).map(text_of).unwrap_or_default();
        let mut note = sheet.data(row, C_NOTE).map(text_of).unwrap_or_default();
        let old = entry.elements.get(id);
        let qualifier = article
            .element(id)
            .is_some_and(|e| e.kind == ElementKind::Qualifier);
        let written_note = match old {
            None if qualifier => QUALIFIER_HELP.to_string(),
            _ => cells::note(old.and_then(|e| e.note.as_ref())),
        };
        if status == cells::status(old.map(|e| e.status)) && note == written_note {
            return;
        }
        if qualifier && note == QUALIFIER_HELP {
            note.clear();
        }
        let Ok(status) = self.status(&status, sheet.cell(row, C_STATUS)) else {
            return;
        };
        let note = (!note.trim().is_empty()).then_some(note);
        match (status, note) {
            (None, None) => {
                entry.elements.remove(id);
            }
            (None, Some(_)) => self.error(
                Some(sheet.cell(row, C_STATUS)),
                Code::MissingKey,
                format!("Article {} `{id}` has a note but no status", article.number),
                Some(
                    "choose its status (met, partly, not-met, not-assessed), or clear the note"
                        .into(),
                ),
            ),
            (Some(status), note) => {
                entry
                    .elements
                    .insert(id.to_string(), ElementAssessment { status, note });
            }
        }
    }

    fn limitations(
        &mut self,
        sheet: &Sheet,
        rows: &[(u32, [String; 5])],
        at: &str,
        entry: &mut ArticleAssessment,
    ) {
        for (i, (row, _)) in rows.iter().enumerate() {
            let lp = format!("{at}/limitations/{i}");
            self.cells.push((lp.clone(), sheet.cell(*row, 0)));
            for (c, key) in ["qualifier", "restriction", "severity", "element", "note"]
                .iter()
                .enumerate()
            {
                self.cells
                    .push((format!("{lp}/{key}"), sheet.cell(*row, c + 1)));
            }
        }
        let written: Vec<[String; 5]> = entry.limitations.iter().map(cells::limitation).collect();
        let read: Vec<&[String; 5]> = rows.iter().map(|(_, t)| t).collect();
        if written.iter().collect::<Vec<_>>() == read {
            return;
        }
        let mut out = Vec::new();
        for (row, [qualifier, restriction, severity, element, note]) in rows {
            let Ok(severity) = self.severity(severity, sheet.cell(*row, 3)) else {
                continue;
            };
            let some = |s: &String| (!s.trim().is_empty()).then(|| s.trim().to_string());
            out.push(Limitation {
                qualifier: some(qualifier),
                restriction: some(restriction),
                severity,
                element: some(element),
                note: (!note.trim().is_empty()).then(|| note.clone()),
            });
        }
        entry.limitations = out;
    }
}

/// Provision ids from a cell: one per line, or several on a line separated by commas or
/// semicolons (a line that is itself a known id is taken whole).
fn provision_ids(text: &str, known: &BTreeSet<&str>) -> Vec<String> {
    let mut ids = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if known.contains(line) {
            ids.push(line.to_string());
        } else {
            ids.extend(
                line.split([',', ';'])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string),
            );
        }
    }
    ids
}

/// A JSON pointer segment (RFC 6901).
fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}
