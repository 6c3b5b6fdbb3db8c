//! Writing the review workbook.

use rust_xlsxwriter::{
    Color, DataValidation, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder,
    Workbook, Worksheet, XlsxError,
};

use super::{
    ABOUT_SHEET, ARTICLE_ROW, LIMITATION_COLUMNS, LIMITATIONS_SHEET, PROVISIONS_SHEET,
    REVIEW_COLUMNS, REVIEW_SHEET, ReviewError, cells,
};
use crate::instrument::ElementKind;
use crate::{Instrument, Profile};

/// How many empty rows of the Limitations sheet get the severity drop-down, for additions.
const SPARE_LIMITATION_ROWS: u32 = 200;

/// The Review sheet's column widths (in characters), which row heights follow.
const REVIEW_WIDTHS: [f64; 9] = [8.0, 24.0, 26.0, 48.0, 11.0, 13.0, 48.0, 20.0, 36.0];
/// The Limitations sheet's column widths.
const LIMITATION_WIDTHS: [f64; 6] = [8.0, 22.0, 44.0, 10.0, 20.0, 48.0];

/// How many lines `text` takes wrapped in a column `width` characters wide (an estimate:
/// spreadsheets do not grow a row to fit its wrapped text when they open a file).
fn lines(text: &str, width: f64) -> usize {
    let per_line = (width * 1.2).max(1.0) as usize;
    text.split('\n')
        .map(|l| l.chars().count().div_ceil(per_line).max(1))
        .sum()
}

/// Sets `row`'s height to fit the tallest of `cells` (text per column), up to the largest
/// height a row may have.
fn fit_row(
    sheet: &mut Worksheet,
    row: u32,
    cells: &[(usize, &str)],
    widths: &[f64],
) -> Result<(), XlsxError> {
    let n = cells
        .iter()
        .map(|(c, t)| lines(t, widths[*c]))
        .max()
        .unwrap_or(1);
    if n > 1 {
        sheet.set_row_height(row, (15.0 * n as f64).min(409.0))?;
    }
    Ok(())
}

/// The About sheet's keys, which [`super::import`] reads back.
pub(crate) const ABOUT_JURISDICTION: &str = "Jurisdiction";
pub(crate) const ABOUT_DOCUMENT: &str = "Document";
pub(crate) const ABOUT_INSTRUMENT: &str = "Instrument";
pub(crate) const ABOUT_WRITER: &str = "Written by";

/// Writes the review workbook of `instrument`'s assessment in `profile` (see the
/// [module documentation](super) for its sheets).
///
/// The same profile always gives the same bytes: the workbook's creation date is the
/// profile's as-of date.
///
/// # Errors
///
/// [`ReviewError::Write`] when a value does not fit a cell (a note longer than the 32,767
/// characters a cell holds).
///
/// # Example
///
/// ```
/// use budapest_gap::{Instrument, Profile, review};
///
/// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/profiles/germany.json");
/// let profile = Profile::from_path(path).expect("a valid profile");
/// let bytes = review::export(&profile, Instrument::ets_185()).expect("a workbook");
/// assert!(bytes.starts_with(b"PK")); // an .xlsx file is a zip archive
/// ```
pub fn export(profile: &Profile, instrument: &Instrument) -> Result<Vec<u8>, ReviewError> {
    build(profile, instrument).map_err(|e| ReviewError::Write(e.to_string()))
}

struct Formats {
    header: Format,
    article: Format,
    article_number: Format,
    article_text: Format,
    text: Format,
    number: Format,
    muted: Format,
}

impl Formats {
    fn new() -> Formats {
        let base = Format::new()
            .set_align(FormatAlign::Top)
            .set_text_wrap()
            .set_border_bottom(FormatBorder::Hair)
            .set_border_bottom_color(Color::RGB(0xBFBFBF));
        Formats {
            header: Format::new()
                .set_bold()
                .set_align(FormatAlign::Top)
                .set_text_wrap()
                .set_background_color(Color::RGB(0xD9D9D9))
                .set_border_bottom(FormatBorder::Thin),
            article: base
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(0xDEEAF6)),
            article_number: base
                .clone()
                .set_bold()
                .set_align(FormatAlign::Left)
                .set_background_color(Color::RGB(0xDEEAF6)),
            article_text: base.clone().set_background_color(Color::RGB(0xDEEAF6)),
            number: base.clone().set_align(FormatAlign::Left),
            muted: base.clone().set_font_color(Color::RGB(0x595959)),
            text: base,
        }
    }
}

fn build(profile: &Profile, instrument: &Instrument) -> Result<Vec<u8>, XlsxError> {
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    let as_of = profile.document.as_of.to_string();
    let mut parts = as_of.split('-').map(|p| p.parse::<u16>().unwrap_or(1));
    let (y, m, d) = (
        parts.next().unwrap_or(1900),
        parts.next().unwrap_or(1),
        parts.next().unwrap_or(1),
    );
    let created = ExcelDateTime::from_ymd(y, m as u8, d as u8)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(format!("Review: {}", profile.document.title))
            .set_subject(&instrument.short_title)
            .set_author("budapest-gap")
            .set_creation_datetime(&created),
    );

    review_sheet(workbook.add_worksheet(), profile, instrument, &formats)?;
    limitations_sheet(workbook.add_worksheet(), profile, instrument, &formats)?;
    provisions_sheet(workbook.add_worksheet(), profile, &formats)?;
    about_sheet(workbook.add_worksheet(), profile, instrument, &formats)?;
    workbook.save_to_buffer()
}

fn header(
    sheet: &mut Worksheet,
    columns: &[&str],
    widths: &[f64],
    f: &Formats,
) -> Result<(), XlsxError> {
    for (c, (name, width)) in columns.iter().zip(widths).enumerate() {
        let c = c as u16;
        sheet.write_string_with_format(0, c, *name, &f.header)?;
        sheet.set_column_width(c, *width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    // Printed, the sheet fits the page's width in landscape and repeats its header.
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    Ok(())
}

/// The articles the workbook lists: those with elements, and any other the profile assesses.
fn listed<'a>(
    profile: &Profile,
    instrument: &'a Instrument,
) -> Vec<&'a crate::instrument::Article> {
    let assessed = profile.assessment.get(&instrument.id);
    instrument
        .articles()
        .filter(|a| {
            a.elements().next().is_some() || assessed.is_some_and(|m| m.contains_key(&a.id()))
        })
        .collect()
}

fn review_sheet(
    sheet: &mut Worksheet,
    profile: &Profile,
    instrument: &Instrument,
    f: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(REVIEW_SHEET)?;
    header(sheet, &REVIEW_COLUMNS, &REVIEW_WIDTHS, f)?;
    let assessed = profile.assessment.get(&instrument.id);
    let mut row = 1u32;
    for article in listed(profile, instrument) {
        let entry = assessed.and_then(|m| m.get(&article.id()));
        let n = f64::from(article.number);
        sheet.write_number_with_format(row, 0, n, &f.article_number)?;
        sheet.write_string_with_format(row, 1, &article.title, &f.article)?;
        sheet.write_string_with_format(row, 2, ARTICLE_ROW, &f.article)?;
        sheet.write_string_with_format(
            row,
            3,
            "Whole article: the status of every element without one of its own",
            &f.article,
        )?;
        sheet.write_string_with_format(row, 4, "", &f.article_text)?;
        let status = cells::status(entry.and_then(|e| e.status));
        sheet.write_string_with_format(row, 5, &status, &f.article)?;
        let note = cells::note(entry.and_then(|e| e.note.as_ref()));
        sheet.write_string_with_format(row, 6, &note, &f.article_text)?;
        let provisions = entry
            .map(|e| cells::provisions(&e.provisions))
            .unwrap_or_default();
        sheet.write_string_with_format(row, 7, &provisions, &f.article_text)?;
        let suggestions = entry
            .map(|e| cells::suggestions(&e.suggestions))
            .unwrap_or_default();
        sheet.write_string_with_format(row, 8, &suggestions, &f.article_text)?;
        fit_row(
            sheet,
            row,
            &[
                (1, &article.title),
                (6, &note),
                (7, &provisions),
                (8, &suggestions),
            ],
            &REVIEW_WIDTHS,
        )?;
        row += 1;
        for (_, element) in article.elements() {
            let e = entry.and_then(|a| a.elements.get(&element.id));
            sheet.write_number_with_format(row, 0, n, &f.number)?;
            sheet.write_string_with_format(row, 1, &article.title, &f.muted)?;
            sheet.write_string_with_format(row, 2, &element.id, &f.text)?;
            sheet.write_string_with_format(row, 3, &element.text, &f.text)?;
            sheet.write_string_with_format(row, 4, element.kind.as_str(), &f.muted)?;
            let (status, note) = if element.kind == ElementKind::Qualifier {
                (String::new(), String::new())
            } else {
                (
                    cells::status(e.map(|e| e.status)),
                    cells::note(e.and_then(|e| e.note.as_ref())),
                )
            };
            sheet.write_string_with_format(row, 5, &status, &f.text)?;
            let note_format = if element.kind == ElementKind::Qualifier {
                &f.muted
            } else {
                &f.text
            };
            let note = if element.kind == ElementKind::Qualifier && e.is_none() {
                "A qualifier: record it on the Limitations sheet when domestic law requires it."
                    .to_string()
            } else {
                note
            };
            sheet.write_string_with_format(row, 6, &note, note_format)?;
            sheet.write_string_with_format(row, 7, "", &f.text)?;
            sheet.write_string_with_format(row, 8, "", &f.text)?;
            fit_row(
                sheet,
                row,
                &[
                    (1, &article.title),
                    (2, &element.id),
                    (3, &element.text),
                    (6, &note),
                ],
                &REVIEW_WIDTHS,
            )?;
            row += 1;
        }
    }
    let last = row.saturating_sub(1).max(1);
    sheet.autofilter(0, 0, last, (REVIEW_COLUMNS.len() - 1) as u16)?;
    let status = DataValidation::new()
        .allow_list_strings(&cells::STATUSES)?
        .set_input_title("Status")?
        .set_input_message(
            "met, partly, not-met or not-assessed; blank: the article's status applies",
        )?
        .set_error_title("Not a status")?
        .set_error_message(
            "Choose met, partly, not-met or not-assessed, or leave the cell blank.",
        )?;
    sheet.add_data_validation(1, 5, last, 5, &status)?;
    Ok(())
}

fn limitations_sheet(
    sheet: &mut Worksheet,
    profile: &Profile,
    instrument: &Instrument,
    f: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(LIMITATIONS_SHEET)?;
    header(sheet, &LIMITATION_COLUMNS, &LIMITATION_WIDTHS, f)?;
    let mut row = 1u32;
    if let Some(assessed) = profile.assessment.get(&instrument.id) {
        for article in instrument.articles() {
            let Some(entry) = assessed.get(&article.id()) else {
                continue;
            };
            for l in &entry.limitations {
                sheet.write_number_with_format(row, 0, f64::from(article.number), &f.number)?;
                let texts = cells::limitation(l);
                for (c, text) in texts.iter().enumerate() {
                    sheet.write_string_with_format(row, c as u16 + 1, text, &f.text)?;
                }
                let fit: Vec<(usize, &str)> = texts
                    .iter()
                    .enumerate()
                    .map(|(c, t)| (c + 1, t.as_str()))
                    .collect();
                fit_row(sheet, row, &fit, &LIMITATION_WIDTHS)?;
                row += 1;
            }
        }
    }
    let last = row + SPARE_LIMITATION_ROWS;
    sheet.autofilter(
        0,
        0,
        row.saturating_sub(1).max(1),
        (LIMITATION_COLUMNS.len() - 1) as u16,
    )?;
    let severity = DataValidation::new()
        .allow_list_strings(&cells::SEVERITIES)?
        .set_error_title("Not a severity")?
        .set_error_message("Choose minor or major (a restriction needs one; a qualifier none).")?;
    sheet.add_data_validation(1, 3, last, 3, &severity)?;
    Ok(())
}

fn provisions_sheet(
    sheet: &mut Worksheet,
    profile: &Profile,
    f: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(PROVISIONS_SHEET)?;
    header(
        sheet,
        &["Id", "Law", "Reference", "Heading", "Summary"],
        &[20.0, 24.0, 14.0, 30.0, 60.0],
        f,
    )?;
    for (i, p) in profile.provisions.iter().enumerate() {
        let row = i as u32 + 1;
        let law = profile
            .laws
            .iter()
            .find(|l| l.id == p.law)
            .map_or(p.law.as_str(), |l| {
                l.short_title.as_deref().unwrap_or(&l.title)
            });
        sheet.write_string_with_format(row, 0, &p.id, &f.text)?;
        sheet.write_string_with_format(row, 1, law, &f.text)?;
        sheet.write_string_with_format(row, 2, &p.reference, &f.text)?;
        sheet.write_string_with_format(row, 3, p.heading.as_deref().unwrap_or(""), &f.text)?;
        sheet.write_string_with_format(row, 4, &p.summary, &f.text)?;
    }
    Ok(())
}

fn about_sheet(
    sheet: &mut Worksheet,
    profile: &Profile,
    instrument: &Instrument,
    f: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(ABOUT_SHEET)?;
    sheet.set_column_width(0, 18.0)?;
    sheet.set_column_width(1, 90.0)?;
    let instrument_text = format!("{} ({})", instrument.id, instrument.short_title);
    let writer = format!("budapest-gap {}", env!("CARGO_PKG_VERSION"));
    let rows: [(&str, &str); 4] = [
        (ABOUT_JURISDICTION, &profile.jurisdiction.name),
        (ABOUT_DOCUMENT, &profile.document.title),
        (ABOUT_INSTRUMENT, &instrument_text),
        (ABOUT_WRITER, &writer),
    ];
    for (i, (key, value)) in rows.iter().enumerate() {
        sheet.write_string_with_format(i as u32, 0, *key, &f.header)?;
        sheet.write_string_with_format(i as u32, 1, *value, &f.text)?;
    }
    let help = [
        "How to fill in this workbook",
        "Review sheet: the bold row of each article holds its default status, the provisions it cites (their ids, one per line or separated by commas; see the Provisions sheet) and its note. The rows under it hold each element's own status and note.",
        "Status: met, partly, not-met or not-assessed. A blank element status means the article's status applies to the element.",
        "To clear a status or a note, clear its cell. Removing a row of the Review sheet leaves that article or element as the profile has it.",
        "Limitations sheet: one row per limitation. Give either a qualifier (the id of one of the article's qualifiers) or a restriction in words with its severity (minor or major); Element names the element a restriction narrows. Removing a row removes the limitation.",
        "Suggested by draft: what `budapest-gap draft` proposed; cite a provision to accept its suggestion.",
        "Read it back with: budapest-gap review import THIS.xlsx PROFILE.json -o reviewed.json",
    ];
    for (i, line) in help.iter().enumerate() {
        let format = if i == 0 { &f.header } else { &f.text };
        sheet.write_string_with_format(rows.len() as u32 + 1 + i as u32, 1, *line, format)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_profile_gives_the_same_bytes() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/profiles/portugal.json");
        let profile = Profile::from_path(path).unwrap();
        let a = export(&profile, Instrument::ets_185()).unwrap();
        let b = export(&profile, Instrument::ets_185()).unwrap();
        assert!(a == b, "two exports of one profile differ");
    }
}
