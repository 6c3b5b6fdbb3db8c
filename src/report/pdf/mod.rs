//! The PDF rendering of a [`Report`]: laid out into our own display list ([`Document`]), then
//! lowered to PDF with printpdf and subset DejaVu fonts. The display list is public so that it
//! can be inspected and snapshotted; no printpdf type crosses this module's boundary.

mod backend;
mod display;
mod heatmap;
mod layout;
mod metrics;
mod tagging;

use std::sync::OnceLock;

pub use display::{Bookmark, Document, Element, Face, Item, Page, Rgb, Role, Tag, Target};

use super::Report;

/// DejaVu Sans 2.37 (see `assets/fonts/LICENSE`).
const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");
const ITALIC: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Oblique.ttf");

/// Paper sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    /// ISO A4, 210 × 297 mm.
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

impl Paper {
    /// Width and height in points.
    pub fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }
}

/// A rendered PDF.
#[derive(Debug, Clone)]
pub struct Pdf {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// How many pages.
    pub pages: usize,
    /// Problems worth telling the user, e.g. characters the font cannot show.
    pub warnings: Vec<String>,
}

/// Why a PDF could not be written.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct PdfError(String);

fn fonts() -> &'static layout::FontSet {
    static FONTS: OnceLock<layout::FontSet> = OnceLock::new();
    FONTS.get_or_init(|| layout::FontSet {
        regular: metrics::Metrics::from_ttf(REGULAR).expect("the embedded DejaVu Sans parses"),
        bold: metrics::Metrics::from_ttf(BOLD).expect("the embedded DejaVu Sans Bold parses"),
        italic: metrics::Metrics::from_ttf(ITALIC)
            .expect("the embedded DejaVu Sans Oblique parses"),
    })
}

impl Report {
    /// Lays the report out on pages, without writing a PDF.
    ///
    /// # Example
    ///
    /// ```
    /// use budapest_gap::{Instrument, Profile, assess, report::{Report, pdf::Paper}};
    ///
    /// let profile = Profile::from_path("profiles/portugal.json").unwrap();
    /// let ets = Instrument::ets_185();
    /// let layout = Report::new(ets, &profile, &assess(ets, &profile)).layout(Paper::A4);
    /// assert!(layout.pages.len() > 5);
    /// ```
    pub fn layout(&self, paper: Paper) -> Document {
        layout::layout(self, fonts(), paper)
    }

    /// Renders the report as a tagged PDF (PDF/UA-1 as far as `pdfua check` can tell): A4 or
    /// Letter, DejaVu Sans embedded and subset, a linked table of contents, nested bookmarks
    /// (chapter, section, article), internal links, page X of Y, document and XMP metadata.
    ///
    /// # Errors
    ///
    /// [`PdfError`] when the PDF library fails to write the document.
    ///
    /// # Example
    ///
    /// ```
    /// use budapest_gap::{Instrument, Profile, assess, report::{Report, pdf::Paper}};
    ///
    /// let profile = Profile::from_path("profiles/portugal.json").unwrap();
    /// let ets = Instrument::ets_185();
    /// let pdf = Report::new(ets, &profile, &assess(ets, &profile)).to_pdf(Paper::A4).unwrap();
    /// assert!(pdf.bytes.starts_with(b"%PDF-"));
    /// assert!(pdf.warnings.is_empty());
    /// ```
    pub fn to_pdf(&self, paper: Paper) -> Result<Pdf, PdfError> {
        render(self.layout(paper))
    }
}

/// Renders a laid-out document: characters the font lacks become the replacement character
/// (with a warning each), then the backend writes the tagged PDF.
fn render(mut doc: Document) -> Result<Pdf, PdfError> {
    let missing = layout::missing_glyphs(&doc, fonts());
    let warnings = missing
        .iter()
        .map(|c| format!("the report's font (DejaVu Sans) has no glyph for '{c}' (U+{:04X}); it is printed as the replacement character �", u32::from(*c)))
        .collect();
    if !missing.is_empty() {
        layout::replace_chars(&mut doc, &missing, '\u{FFFD}');
    }
    let bytes = backend::render(
        &doc,
        &backend::Fonts {
            regular: REGULAR.to_vec(),
            bold: BOLD.to_vec(),
            italic: ITALIC.to_vec(),
        },
    )
    .map_err(|e| PdfError(e.to_string()))?;
    Ok(Pdf {
        bytes,
        pages: doc.pages.len(),
        warnings,
    })
}

impl crate::compare::Comparison {
    /// Lays the comparison out as a heat map, a page (or more) per instrument, without
    /// writing a PDF.
    ///
    /// # Example
    ///
    /// ```
    /// use budapest_gap::{Instrument, Profile, assess, compare::compare, report::pdf::Paper};
    ///
    /// let ets = Instrument::ets_185();
    /// let a: Vec<_> = ["profiles/germany.json", "profiles/portugal.json"]
    ///     .iter()
    ///     .map(|p| assess(ets, &Profile::from_path(p).unwrap()))
    ///     .collect();
    /// let layout = compare(&a).layout(Paper::A4);
    /// assert_eq!(layout.pages.len(), 1);
    /// ```
    pub fn layout(&self, paper: Paper) -> Document {
        heatmap::heatmap(self, fonts(), paper)
    }

    /// Renders the heat map as a tagged PDF: per instrument, every scored article against
    /// every jurisdiction, each cell in a colour that reads in greyscale and for the
    /// colour-blind, with its letter code.
    ///
    /// # Errors
    ///
    /// [`PdfError`] when the PDF library fails to write the document.
    ///
    /// # Example
    ///
    /// ```
    /// use budapest_gap::{Instrument, Profile, assess, compare::compare, report::pdf::Paper};
    ///
    /// let ets = Instrument::ets_185();
    /// let a = [assess(ets, &Profile::from_path("profiles/georgia.json").unwrap())];
    /// let pdf = compare(&a).to_pdf(Paper::A4).unwrap();
    /// assert!(pdf.bytes.starts_with(b"%PDF-"));
    /// ```
    pub fn to_pdf(&self, paper: Paper) -> Result<Pdf, PdfError> {
        render(self.layout(paper))
    }
}
