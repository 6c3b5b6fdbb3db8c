//! Lowers a [`Document`] display list to PDF bytes with printpdf (no text layout).
//!
//! - Fonts: each face is subset here, with allsorts, to the characters the document sets in
//!   it (printpdf only subsets with its `text_layout` feature), keeping a Unicode cmap, and
//!   embedded as an Identity-H CID font with a `/ToUnicode` map, named `ABCDEF+PostScriptName`.
//! - Coordinates: the display list's top-left origin becomes PDF's bottom-left origin.
//! - Output is deterministic: fixed font resource names, no dates, and a trailer `/ID` hashed
//!   from the input instead of printpdf's process-wide counter.
//! - printpdf cannot write `/Lang`; it is added to the catalog through printpdf's lopdf
//!   document before the file is written.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::hash::Hasher as _;

use allsorts::{
    binary::read::ReadScope,
    font_data::FontData,
    get_name::fontcode_get_name,
    subset::{CmapTarget, SubsetProfile, subset},
    tables::{FontTableProvider, NameTable},
    tag,
};
use lopdf::{Object, StringFormat};
use printpdf as pp;

use super::display::{Document, Face, Item, Page, Rgb};
use super::metrics::Metrics;

/// Stroke width of `Item::Rect` outlines, in points.
const RECT_STROKE_WIDTH: f32 = 0.5;

/// The TrueType/OpenType bytes of each face.
pub struct Fonts {
    pub regular: Vec<u8>,
    pub bold: Vec<u8>,
    pub italic: Vec<u8>,
}

impl Fonts {
    fn bytes(&self, face: Face) -> &[u8] {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
            Face::Italic => &self.italic,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the document has no pages")]
    NoPages,
    #[error("{face:?} font: {message}")]
    Font { face: Face, message: String },
    #[error("{face:?} font has no glyph for {}", describe_chars(.chars))]
    MissingGlyphs { face: Face, chars: Vec<char> },
    #[error("page {page}: {what} is not a finite number")]
    NotFinite { page: usize, what: &'static str },
    #[error("bookmark {title:?} points at page index {page}, but the document has {pages} pages")]
    BookmarkPage {
        title: String,
        page: usize,
        pages: usize,
    },
    #[error("link URI is not ASCII (percent-encode it first): {0:?}")]
    NonAsciiUri(String),
    #[error("printpdf: {0}")]
    Printpdf(String),
    #[error("writing the PDF: {0}")]
    Write(String),
}

fn describe_chars(chars: &[char]) -> String {
    chars
        .iter()
        .map(|c| format!("U+{:04X} {c:?}", u32::from(*c)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Renders `doc` to the bytes of a PDF file.
pub fn render(doc: &Document, fonts: &Fonts) -> Result<Vec<u8>, PdfError> {
    if doc.pages.is_empty() {
        return Err(PdfError::NoPages);
    }
    for (index, page) in doc.pages.iter().enumerate() {
        check_finite(index, page)?;
    }

    let mut pdf = pp::PdfDocument::new(&doc.title);
    pdf.metadata.info.subject = doc.subject.clone();
    pdf.metadata.info.author = doc.author.clone();

    let mut id_hash = Fnv64::default();
    let _ = write!(id_hash, "{doc:?}");
    for (face, chars) in chars_by_face(doc) {
        let font = subset_face(face, fonts.bytes(face), &chars)?;
        id_hash.write(&font.original_bytes);
        pdf.resources
            .fonts
            .map
            .insert(font_id(face), pp::PdfFont::new(font));
    }

    pdf.pages = doc
        .pages
        .iter()
        .map(lower_page)
        .collect::<Result<_, _>>()?;

    for bookmark in &doc.bookmarks {
        if bookmark.page >= doc.pages.len() {
            return Err(PdfError::BookmarkPage {
                title: bookmark.title.clone(),
                page: bookmark.page,
                pages: doc.pages.len(),
            });
        }
        // printpdf's bookmark pages are 1-based (it looks up `page - 1`).
        pdf.add_bookmark(&bookmark.title, bookmark.page + 1);
    }

    let options = pp::PdfSaveOptions {
        optimize: true,
        // Without `text_layout` printpdf ignores this; the fonts are already subset.
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&options, &mut warnings);
    let errors: Vec<String> = warnings
        .into_iter()
        .filter(|w| w.severity == pp::PdfParseErrorSeverity::Error)
        .map(|w| w.msg)
        .collect();
    if !errors.is_empty() {
        return Err(PdfError::Printpdf(errors.join("; ")));
    }

    finish(&mut lo, doc, id_hash.finish())?;
    // `to_lopdf_document` skips the compression that printpdf's `optimize` applies on save.
    lo.compress();
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    Ok(bytes)
}

/// The characters set in each face, for the faces the document uses.
fn chars_by_face(doc: &Document) -> BTreeMap<Face, BTreeSet<char>> {
    let mut map: BTreeMap<Face, BTreeSet<char>> = BTreeMap::new();
    for page in &doc.pages {
        for item in &page.items {
            if let Item::Text { face, text, .. } = item {
                map.entry(*face).or_default().extend(text.chars());
            }
        }
    }
    map.retain(|_, chars| !chars.is_empty());
    map
}

/// The resource name of a face; fixed, so output does not depend on printpdf's ID counter.
fn font_id(face: Face) -> pp::FontId {
    pp::FontId(format!("F{face:?}"))
}

/// Subsets `bytes` to `chars`, keeping a Unicode cmap, and parses the result for printpdf.
fn subset_face(face: Face, bytes: &[u8], chars: &BTreeSet<char>) -> Result<pp::ParsedFont, PdfError> {
    let font_err = |message: String| PdfError::Font { face, message };

    let metrics = Metrics::from_ttf(bytes).map_err(font_err)?;
    let missing: Vec<char> = chars
        .iter()
        .copied()
        .filter(|c| metrics.glyph_id(*c).is_none())
        .collect();
    if !missing.is_empty() {
        return Err(PdfError::MissingGlyphs { face, chars: missing });
    }
    // allsorts requires .notdef first and no duplicates; composite glyphs' components are
    // appended by the subsetter itself.
    let used: BTreeSet<u16> = chars.iter().filter_map(|c| metrics.glyph_id(*c)).collect();
    let glyph_ids: Vec<u16> = std::iter::once(0).chain(used).collect();

    let font = ReadScope::new(bytes)
        .read::<FontData<'_>>()
        .map_err(|e| font_err(e.to_string()))?;
    let provider = font.table_provider(0).map_err(|e| font_err(e.to_string()))?;
    let subset_bytes = subset(&provider, &glyph_ids, &SubsetProfile::Pdf, CmapTarget::Unicode)
        .map_err(|e| font_err(format!("subsetting failed: {e}")))?;

    let mut parse_warnings = Vec::new();
    let mut parsed = pp::ParsedFont::from_bytes(&subset_bytes, 0, &mut parse_warnings)
        .ok_or_else(|| font_err("printpdf cannot parse the subset font".to_string()))?;
    // The subset's own cmap drives printpdf's text encoding; a character it lost would be
    // drawn as .notdef. Fail loudly instead (printpdf has regressed here before).
    let lost: Vec<char> = chars
        .iter()
        .copied()
        .filter(|c| parsed.lookup_glyph_index(u32::from(*c)).is_none_or(|gid| gid == 0))
        .collect();
    if !lost.is_empty() {
        return Err(font_err(format!(
            "the subset font lost {}",
            describe_chars(&lost)
        )));
    }

    // printpdf without `text_layout` leaves the name empty and would use the resource id.
    // The tag is derived from the glyph set, so it is stable for the same content.
    let base_name = postscript_name(&provider).unwrap_or_else(|| format!("Font{face:?}"));
    let mut tag_hash = Fnv64::default();
    tag_hash.write(base_name.as_bytes());
    for gid in &glyph_ids {
        tag_hash.write(&gid.to_be_bytes());
    }
    parsed.font_name = Some(format!("{}+{base_name}", subset_tag(tag_hash.finish())));
    Ok(parsed)
}

/// The font's PostScript name (name ID 6), reduced to characters safe in a PDF name.
fn postscript_name(provider: &impl FontTableProvider) -> Option<String> {
    let data = provider.read_table_data(tag::NAME).ok()?;
    let name = fontcode_get_name(&data, NameTable::POSTSCRIPT_NAME).ok()??;
    let name: String = name
        .to_string_lossy()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    (!name.is_empty()).then_some(name)
}

/// Six upper-case letters, as PDF subset tags are written (ISO 32000-1, 9.6.4).
fn subset_tag(mut hash: u64) -> String {
    (0..6)
        .map(|_| {
            let letter = char::from(b'A' + (hash % 26) as u8);
            hash /= 26;
            letter
        })
        .collect()
}

fn check_finite(index: usize, page: &Page) -> Result<(), PdfError> {
    let fail = |what| Err(PdfError::NotFinite { page: index, what });
    if !(page.width.is_finite() && page.height.is_finite()) {
        return fail("the page size");
    }
    for item in &page.items {
        let (what, values): (&'static str, &[f32]) = match item {
            Item::Text { size, x, y, .. } => ("a text position or size", &[*size, *x, *y]),
            Item::Line { x1, y1, x2, y2, width, .. } => {
                ("a line coordinate", &[*x1, *y1, *x2, *y2, *width])
            }
            Item::Rect { x, y, w, h, .. } => ("a rectangle coordinate", &[*x, *y, *w, *h]),
            Item::Link { x, y, w, h, .. } => ("a link rectangle coordinate", &[*x, *y, *w, *h]),
        };
        if !values.iter().all(|v| v.is_finite()) {
            return fail(what);
        }
    }
    Ok(())
}

/// Turns one page of the display list into printpdf operations.
fn lower_page(page: &Page) -> Result<pp::PdfPage, PdfError> {
    let mut w = OpWriter::new(page.height);
    for item in &page.items {
        match item {
            Item::Text { face, size, x, y, text, color } => {
                if !text.is_empty() {
                    w.text(*face, *size, *x, *y, text, *color);
                }
            }
            Item::Line { x1, y1, x2, y2, width, color } => {
                w.end_text();
                w.stroke_style(*color, *width);
                let line = pp::Line {
                    points: vec![w.point(*x1, *y1), w.point(*x2, *y2)],
                    is_closed: false,
                };
                w.ops.push(pp::Op::DrawLine { line });
            }
            Item::Rect { x, y, w: width, h, fill, stroke } => {
                let mode = match (fill, stroke) {
                    (Some(_), Some(_)) => pp::PaintMode::FillStroke,
                    (Some(_), None) => pp::PaintMode::Fill,
                    (None, Some(_)) => pp::PaintMode::Stroke,
                    (None, None) => continue,
                };
                w.end_text();
                if let Some(fill) = fill {
                    w.fill(*fill);
                }
                if let Some(stroke) = stroke {
                    w.stroke_style(*stroke, RECT_STROKE_WIDTH);
                }
                let mut rectangle = w.rect(*x, *y, *width, *h);
                rectangle.mode = Some(mode);
                w.ops.push(pp::Op::DrawRectangle { rectangle });
            }
            Item::Link { x, y, w: width, h, uri } => {
                if !uri.is_ascii() {
                    return Err(PdfError::NonAsciiUri(uri.clone()));
                }
                let link = pp::LinkAnnotation::new(
                    w.rect(*x, *y, *width, *h),
                    pp::Actions::Uri(uri.clone()),
                    Some(pp::BorderArray::Solid([0.0, 0.0, 0.0])),
                    Some(pp::ColorArray::Transparent),
                    Some(pp::HighlightingMode::Invert),
                );
                w.ops.push(pp::Op::LinkAnnotation { link });
            }
        }
    }
    w.end_text();

    let media = pp::Rect::from_wh(pp::Pt(page.width), pp::Pt(page.height));
    Ok(pp::PdfPage {
        media_box: media.clone(),
        trim_box: media.clone(),
        crop_box: media,
        ops: w.ops,
    })
}

/// Emits operations, converting coordinates and skipping redundant state changes.
struct OpWriter {
    page_height: f32,
    ops: Vec<pp::Op>,
    in_text: bool,
    font: Option<(Face, f32)>,
    fill: Option<Rgb>,
    stroke: Option<Rgb>,
    line_width: Option<f32>,
}

impl OpWriter {
    fn new(page_height: f32) -> Self {
        OpWriter {
            page_height,
            ops: Vec::new(),
            in_text: false,
            font: None,
            fill: None,
            stroke: None,
            line_width: None,
        }
    }

    fn point(&self, x: f32, y: f32) -> pp::LinePoint {
        pp::LinePoint {
            p: pp::Point { x: pp::Pt(x), y: pp::Pt(self.page_height - y) },
            bezier: false,
        }
    }

    /// A PDF rectangle for the display-list box whose top-left corner is (x, y).
    fn rect(&self, x: f32, y: f32, w: f32, h: f32) -> pp::Rect {
        pp::Rect::from_xywh(pp::Pt(x), pp::Pt(self.page_height - y - h), pp::Pt(w), pp::Pt(h))
    }

    fn text(&mut self, face: Face, size: f32, x: f32, y: f32, text: &str, color: Rgb) {
        if !self.in_text {
            self.ops.push(pp::Op::StartTextSection);
            self.in_text = true;
        }
        if self.font != Some((face, size)) {
            self.ops.push(pp::Op::SetFont {
                font: pp::PdfFontHandle::External(font_id(face)),
                size: pp::Pt(size),
            });
            self.font = Some((face, size));
        }
        self.fill(color);
        self.ops.push(pp::Op::SetTextMatrix {
            matrix: pp::TextMatrix::Translate(pp::Pt(x), pp::Pt(self.page_height - y)),
        });
        self.ops.push(pp::Op::ShowText {
            items: vec![pp::TextItem::Text(text.to_string())],
        });
    }

    fn end_text(&mut self) {
        if self.in_text {
            self.ops.push(pp::Op::EndTextSection);
            self.in_text = false;
        }
    }

    fn fill(&mut self, color: Rgb) {
        if self.fill != Some(color) {
            self.ops.push(pp::Op::SetFillColor { col: pdf_color(color) });
            self.fill = Some(color);
        }
    }

    fn stroke_style(&mut self, color: Rgb, width: f32) {
        if self.stroke != Some(color) {
            self.ops.push(pp::Op::SetOutlineColor { col: pdf_color(color) });
            self.stroke = Some(color);
        }
        if self.line_width != Some(width) {
            self.ops.push(pp::Op::SetOutlineThickness { pt: pp::Pt(width) });
            self.line_width = Some(width);
        }
    }
}

fn pdf_color(Rgb(r, g, b): Rgb) -> pp::Color {
    let clamp = |v: f32| if v.is_finite() { v.clamp(0.0, 1.0) } else { 0.0 };
    pp::Color::Rgb(pp::Rgb { r: clamp(r), g: clamp(g), b: clamp(b), icc_profile: None })
}

/// What printpdf 0.12.8 does not write, or writes wrong, fixed on its lopdf document.
fn finish(lo: &mut lopdf::Document, doc: &Document, id_hash: u64) -> Result<(), PdfError> {
    let write_err = |e: lopdf::Error| PdfError::Write(e.to_string());
    // /Lang needs PDF 1.4; printpdf declares 1.3.
    lo.version = "1.4".to_string();

    let catalog = lo.catalog_mut().map_err(write_err)?;
    if !doc.language.is_empty() {
        catalog.set("Lang", text_string(&doc.language));
    }
    // printpdf writes /PageMode as a string, which viewers ignore; it must be a name.
    if catalog.has(b"Outlines") {
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }

    // Drop printpdf's 1970 dates, its empty PDF/X version and the other empty entries.
    let info_id = lo
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .map_err(write_err)?;
    let info = lo.get_dictionary_mut(info_id).map_err(write_err)?;
    for key in [&b"CreationDate"[..], b"ModDate", b"GTS_PDFXVersion"] {
        info.remove(key);
    }
    let empty: Vec<Vec<u8>> = info
        .iter()
        .filter(|(_, v)| matches!(v, Object::String(s, _) if s.is_empty()))
        .map(|(k, _)| k.clone())
        .collect();
    for key in empty {
        info.remove(&key);
    }

    // printpdf's /ID comes from a process-wide counter; derive it from the input instead.
    let mut second = Fnv64::default();
    second.write(&id_hash.to_be_bytes());
    let id: Vec<u8> = id_hash
        .to_be_bytes()
        .into_iter()
        .chain(second.finish().to_be_bytes())
        .collect();
    let id = Object::String(id, StringFormat::Hexadecimal);
    lo.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    Ok(())
}

/// A PDF text string: PDFDocEncoding for ASCII, UTF-16BE with a byte order mark otherwise.
fn text_string(s: &str) -> Object {
    if s.is_ascii() {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let bytes = [0xFE, 0xFF]
            .into_iter()
            .chain(s.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

/// 64-bit FNV-1a: a stable hash (unlike `DefaultHasher`, fixed across Rust releases).
struct Fnv64(u64);

impl Default for Fnv64 {
    fn default() -> Self {
        Fnv64(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv64 {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = (self.0 ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

impl std::fmt::Write for Fnv64 {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.write(s.as_bytes());
        Ok(())
    }
}
