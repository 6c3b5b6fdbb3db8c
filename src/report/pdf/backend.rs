//! Lowers a [`Document`] display list to PDF bytes with printpdf (no text layout).
//!
//! - Fonts: each face is subset here, with allsorts, to the characters the document sets in
//!   it (printpdf only subsets with its `text_layout` feature), keeping a Unicode cmap, and
//!   embedded as an Identity-H CID font with a `/ToUnicode` map, named `ABCDEF+PostScriptName`.
//! - Coordinates: the display list's top-left origin becomes PDF's bottom-left origin.
//! - Output is deterministic: fixed font resource names, no dates, and a trailer `/ID` hashed
//!   from the input instead of taken from printpdf's process-wide counter.
//! - What printpdf cannot write (`/Lang`) or writes wrong (outline order, 1970 dates, `/ID`)
//!   is set on the lopdf document printpdf builds, before the file is written.

use std::collections::{BTreeMap, BTreeSet};
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

use super::display::{Document, Element, Face, Item, Page, Rgb, Tag, Target};
use super::metrics::Metrics;
use super::tagging;

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
    validate(doc)?;

    let mut pdf = pp::PdfDocument::new(&doc.title);
    pdf.metadata.info.subject = doc.subject.clone();
    pdf.metadata.info.author = doc.author.clone();

    let mut id_hash = Fnv64::default();
    hash_document(doc, &mut id_hash);
    for (face, chars) in chars_by_face(doc) {
        let font = subset_face(face, fonts.bytes(face), &chars)?;
        id_hash.write(&font.original_bytes);
        pdf.resources
            .fonts
            .map
            .insert(font_id(face), pp::PdfFont::new(font));
    }

    let (pages, tags): (Vec<pp::PdfPage>, Vec<PageTags>) = doc
        .pages
        .iter()
        .map(|p| lower_page(p, &doc.elements))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .unzip();
    pdf.pages = pages;

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
    tagging::tag(&mut lo, doc, &tags).map_err(|e| PdfError::Write(e.to_string()))?;
    // `to_lopdf_document` skips the compression that printpdf's `optimize` applies on save.
    lo.compress();
    let mut bytes = Vec::new();
    // Object and cross-reference streams (PDF 1.5) compress the page, annotation, outline and
    // font dictionaries too: about 15 KB on a 40-page report.
    let options = lopdf::SaveOptions::builder()
        .use_object_streams(true)
        .use_xref_streams(true)
        .compression_level(6)
        .build();
    lo.save_with_options(&mut bytes, options)
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
fn subset_face(
    face: Face,
    bytes: &[u8],
    chars: &BTreeSet<char>,
) -> Result<pp::ParsedFont, PdfError> {
    let font_err = |message: String| PdfError::Font { face, message };

    let metrics = Metrics::from_ttf(bytes).map_err(font_err)?;
    let missing: Vec<char> = chars
        .iter()
        .copied()
        .filter(|c| metrics.glyph_id(*c).is_none())
        .collect();
    if !missing.is_empty() {
        return Err(PdfError::MissingGlyphs {
            face,
            chars: missing,
        });
    }
    // allsorts requires .notdef first and no duplicates; composite glyphs' components are
    // appended by the subsetter itself.
    let used: BTreeSet<u16> = chars.iter().filter_map(|c| metrics.glyph_id(*c)).collect();
    let glyph_ids: Vec<u16> = std::iter::once(0).chain(used).collect();

    let font = ReadScope::new(bytes)
        .read::<FontData<'_>>()
        .map_err(|e| font_err(e.to_string()))?;
    let provider = font
        .table_provider(0)
        .map_err(|e| font_err(e.to_string()))?;
    let subset_bytes = subset(
        &provider,
        &glyph_ids,
        &subset_profile(),
        CmapTarget::Unicode,
    )
    .map_err(|e| font_err(format!("subsetting failed: {e}")))?;

    let mut parse_warnings = Vec::new();
    let mut parsed = pp::ParsedFont::from_bytes(&subset_bytes, 0, &mut parse_warnings)
        .ok_or_else(|| font_err("printpdf cannot parse the subset font".to_string()))?;
    // The subset's own cmap drives printpdf's text encoding; a character it lost would be
    // drawn as .notdef. Fail loudly instead (printpdf has regressed here before).
    let lost: Vec<char> = chars
        .iter()
        .copied()
        .filter(|c| {
            parsed
                .lookup_glyph_index(u32::from(*c))
                .is_none_or(|gid| gid == 0)
        })
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

/// allsorts' PDF profile, less `name` (mostly the licence text: 15 KB per DejaVu face, which
/// no PDF reader needs) and the hinting tables (the shipped fonts are dehinted, see
/// `scripts/dehint-fonts.sh`), plus `OS/2` (86 bytes, from which printpdf derives `/StemV`).
/// `loca` and `glyf` are always written.
fn subset_profile() -> SubsetProfile {
    SubsetProfile::Custom(vec![
        tag::CMAP,
        tag::HEAD,
        tag::HHEA,
        tag::HMTX,
        tag::MAXP,
        tag::POST,
        tag::OS_2,
    ])
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

/// Rejects what would make an invalid or misleading file.
fn validate(doc: &Document) -> Result<(), PdfError> {
    if doc.pages.is_empty() {
        return Err(PdfError::NoPages);
    }
    for (index, page) in doc.pages.iter().enumerate() {
        check_finite(index, page)?;
    }
    for bookmark in &doc.bookmarks {
        if bookmark.page >= doc.pages.len() {
            return Err(PdfError::BookmarkPage {
                title: bookmark.title.clone(),
                page: bookmark.page,
                pages: doc.pages.len(),
            });
        }
    }
    Ok(())
}

fn check_finite(index: usize, page: &Page) -> Result<(), PdfError> {
    let fail = |what| Err(PdfError::NotFinite { page: index, what });
    if !(page.width.is_finite() && page.height.is_finite()) {
        return fail("the page size");
    }
    for item in &page.items {
        let (what, values): (&'static str, &[f32]) = match item {
            Item::Text { size, x, y, .. } => ("a text position or size", &[*size, *x, *y]),
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                ..
            } => ("a line coordinate", &[*x1, *y1, *x2, *y2, *width]),
            Item::Rect { x, y, w, h, .. } => ("a rectangle coordinate", &[*x, *y, *w, *h]),
            Item::Link { x, y, w, h, .. } => ("a link rectangle coordinate", &[*x, *y, *w, *h]),
        };
        if !values.iter().all(|v| v.is_finite()) {
            return fail(what);
        }
    }
    Ok(())
}

/// What a page's content means to the structure tree: the element of each marked-content
/// id, and the page's link annotations, in drawing order.
#[derive(Default)]
pub(super) struct PageTags {
    /// `mcids[n]` is the element whose content carries `/MCID n`.
    pub(super) mcids: Vec<usize>,
    pub(super) links: Vec<LinkAnnotation>,
}

pub(super) struct LinkAnnotation {
    pub(super) rect: [f32; 4],
    pub(super) target: Target,
    pub(super) element: usize,
}

/// Turns one page of the display list into printpdf operations, each text in a marked-content
/// sequence of its structure element (`/P <</MCID n>> BDC … EMC`) and everything else in
/// `/Artifact BMC … EMC`. Sequences sit outside text objects, so none crosses a `BT`/`ET`.
fn lower_page(page: &Page, elements: &[Element]) -> Result<(pp::PdfPage, PageTags), PdfError> {
    let mut w = OpWriter::new(page.height);
    let mut tags = PageTags::default();
    for item in &page.items {
        match item {
            Item::Text {
                face,
                size,
                x,
                y,
                text,
                color,
                tag,
            } => {
                if !text.is_empty() {
                    w.mark(*tag, &mut tags, elements, true);
                    w.text(*face, *size, *x, *y, text, *color);
                }
            }
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                color,
            } => {
                w.mark(Tag::Artifact, &mut tags, elements, false);
                w.stroke_style(*color, *width);
                let line = pp::Line {
                    points: vec![w.point(*x1, *y1), w.point(*x2, *y2)],
                    is_closed: false,
                };
                w.ops.push(pp::Op::DrawLine { line });
            }
            Item::Rect {
                x,
                y,
                w: width,
                h,
                fill,
                stroke,
            } => {
                let mode = match (fill, stroke) {
                    (Some(_), Some(_)) => pp::PaintMode::FillStroke,
                    (Some(_), None) => pp::PaintMode::Fill,
                    (None, Some(_)) => pp::PaintMode::Stroke,
                    (None, None) => continue,
                };
                w.mark(Tag::Artifact, &mut tags, elements, false);
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
            Item::Link {
                x,
                y,
                w: width,
                h,
                target,
                element,
            } => {
                let bottom = page.height - y - h;
                tags.links.push(LinkAnnotation {
                    rect: [*x, bottom, x + width, bottom + h],
                    target: target.clone(),
                    element: *element,
                });
            }
        }
    }
    w.end_mark();
    w.end_text();

    let media = pp::Rect::from_wh(pp::Pt(page.width), pp::Pt(page.height));
    Ok((
        pp::PdfPage {
            media_box: media.clone(),
            trim_box: media.clone(),
            crop_box: media,
            ops: w.ops,
        },
        tags,
    ))
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
    /// The open marked-content sequence, and whether it was opened inside a text object.
    marked: Option<(Tag, bool)>,
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
            marked: None,
        }
    }

    /// Puts what follows in the marked-content sequence of `tag`: a new `/MCID` for an
    /// element's content, `/Artifact` otherwise; consecutive items of one tag share one.
    /// Text of several sequences shares one text object: a sequence opened inside `BT … ET`
    /// closes before `ET`, one opened outside closes after it, so none crosses the boundary.
    fn mark(&mut self, tag: Tag, tags: &mut PageTags, elements: &[Element], text: bool) {
        match self.marked {
            Some((current, inside)) if current == tag => {
                if !text {
                    if inside {
                        self.end_mark();
                    } else {
                        self.end_text();
                        return;
                    }
                } else {
                    return;
                }
            }
            Some(_) => self.end_mark(),
            None => {}
        }
        if text {
            self.begin_text();
        } else {
            self.end_text();
        }
        match tag {
            Tag::Artifact => self.ops.push(pp::Op::BeginMarkedContent {
                tag: "Artifact".into(),
            }),
            Tag::Element(element) => {
                let mcid = tags.mcids.len();
                tags.mcids.push(element);
                let role = elements
                    .get(element)
                    .map_or("Span", |e| e.role.name())
                    .to_string();
                self.ops.push(pp::Op::BeginMarkedContentWithProperties {
                    tag: role,
                    properties: pp::DictItem::Dict {
                        map: [("MCID".to_string(), pp::DictItem::Int(mcid as i64))].into(),
                    },
                });
            }
        }
        self.marked = Some((tag, self.in_text));
    }

    /// Closes the open marked-content sequence; the text object too if it was opened in it.
    fn end_mark(&mut self) {
        match self.marked.take() {
            Some((_, true)) => self.ops.push(pp::Op::EndMarkedContent),
            Some((_, false)) => {
                self.end_text();
                self.ops.push(pp::Op::EndMarkedContent);
            }
            None => {}
        }
    }

    fn point(&self, x: f32, y: f32) -> pp::LinePoint {
        pp::LinePoint {
            p: pp::Point {
                x: pp::Pt(x),
                y: pp::Pt(self.page_height - y),
            },
            bezier: false,
        }
    }

    /// A PDF rectangle for the display-list box whose top-left corner is (x, y).
    fn rect(&self, x: f32, y: f32, w: f32, h: f32) -> pp::Rect {
        pp::Rect::from_xywh(
            pp::Pt(x),
            pp::Pt(self.page_height - y - h),
            pp::Pt(w),
            pp::Pt(h),
        )
    }

    fn begin_text(&mut self) {
        if !self.in_text {
            self.ops.push(pp::Op::StartTextSection);
            self.in_text = true;
        }
    }

    fn text(&mut self, face: Face, size: f32, x: f32, y: f32, text: &str, color: Rgb) {
        self.begin_text();
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
            self.ops.push(pp::Op::SetFillColor {
                col: pdf_color(color),
            });
            self.fill = Some(color);
        }
    }

    fn stroke_style(&mut self, color: Rgb, width: f32) {
        if self.stroke != Some(color) {
            self.ops.push(pp::Op::SetOutlineColor {
                col: pdf_color(color),
            });
            self.stroke = Some(color);
        }
        if self.line_width != Some(width) {
            self.ops
                .push(pp::Op::SetOutlineThickness { pt: pp::Pt(width) });
            self.line_width = Some(width);
        }
    }
}

fn pdf_color(Rgb(r, g, b): Rgb) -> pp::Color {
    let clamp = |v: f32| {
        if v.is_finite() {
            v.clamp(0.0, 1.0)
        } else {
            0.0
        }
    };
    pp::Color::Rgb(pp::Rgb {
        r: clamp(r),
        g: clamp(g),
        b: clamp(b),
        icc_profile: None,
    })
}

/// What printpdf 0.12.8 does not write, or writes wrong, fixed on its lopdf document.
/// Makes the page content streams compact, without changing what they draw:
///
/// - printpdf writes every glyph code as a hex string (`<0041>`), four bytes per glyph; a
///   literal string carries the same two bytes and compresses better;
/// - it positions each line absolutely (`1 0 0 1 x y Tm`); inside a text object a relative
///   `dx dy Td` from the previous line does the same for translations, in fewer bytes that
///   repeat (`0 -10.4 Td`), and coordinates are rounded to 1/100 pt.
fn compact_content(lo: &mut lopdf::Document) -> Result<(), PdfError> {
    fn convert(object: &mut Object) {
        match object {
            Object::String(_, format) => *format = StringFormat::Literal,
            Object::Array(items) => items.iter_mut().for_each(convert),
            _ => {}
        }
    }
    fn number(o: &Object) -> Option<f32> {
        match o {
            Object::Integer(i) => Some(*i as f32),
            Object::Real(r) => Some(*r),
            _ => None,
        }
    }
    fn real(x: f32) -> Object {
        let r = (x * 100.0).round() / 100.0;
        if r.fract() == 0.0 {
            Object::Integer(r as i64)
        } else {
            Object::Real(r)
        }
    }
    let write_err = |e: lopdf::Error| PdfError::Write(e.to_string());
    let contents: Vec<lopdf::ObjectId> = lo
        .get_pages()
        .values()
        .filter_map(|page| {
            lo.get_dictionary(*page)
                .ok()?
                .get(b"Contents")
                .ok()?
                .as_reference()
                .ok()
        })
        .collect();
    for id in contents {
        let Ok(Object::Stream(stream)) = lo.get_object_mut(id) else {
            continue;
        };
        let mut content = stream.decode_content().map_err(write_err)?;
        // The line matrix's translation inside the current text object, when it is a pure
        // translation we know; `None` outside a text object or after anything else.
        let mut line: Option<(f32, f32)> = None;
        for op in &mut content.operations {
            op.operands.iter_mut().for_each(convert);
            match op.operator.as_str() {
                "BT" => line = Some((0.0, 0.0)),
                "ET" => line = None,
                "Tm" => {
                    let m: Vec<Option<f32>> = op.operands.iter().map(number).collect();
                    match (line, m.as_slice()) {
                        (
                            Some((lx, ly)),
                            [Some(a), Some(b), Some(c), Some(d), Some(x), Some(y)],
                        ) if (*a, *b, *c, *d) == (1.0, 0.0, 0.0, 1.0) => {
                            let (x, y) = ((x * 100.0).round() / 100.0, (y * 100.0).round() / 100.0);
                            op.operator = "Td".into();
                            op.operands = vec![real(x - lx), real(y - ly)];
                            line = Some((x, y));
                        }
                        _ => line = None,
                    }
                }
                "Td" | "TD" | "T*" | "'" | "\"" => line = None,
                _ => {}
            }
        }
        stream.set_plain_content(content.encode().map_err(write_err)?);
    }
    Ok(())
}

fn finish(lo: &mut lopdf::Document, doc: &Document, id_hash: u64) -> Result<(), PdfError> {
    let write_err = |e: lopdf::Error| PdfError::Write(e.to_string());
    // /Lang needs PDF 1.4 and object streams 1.5; printpdf declares 1.3.
    lo.version = "1.5".to_string();
    compact_content(lo)?;

    let outline = write_outline(lo, doc);
    let catalog = lo.catalog_mut().map_err(write_err)?;
    if !doc.language.is_empty() {
        catalog.set("Lang", text_string(&doc.language));
    }
    if let Some(outline) = outline {
        catalog.set("Outlines", Object::Reference(outline));
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

/// Writes the bookmarks as a nested outline in document order (a bookmark's parent is the
/// last one before it of a lower level) and returns its root, if any. Top-level entries are
/// open, deeper ones closed. printpdf's own outline is flat and sorts by (page, title).
/// Page indices were checked by `validate`.
fn write_outline(lo: &mut lopdf::Document, doc: &Document) -> Option<lopdf::ObjectId> {
    if doc.bookmarks.is_empty() {
        return None;
    }
    let pages: Vec<lopdf::ObjectId> = lo.get_pages().into_values().collect();
    let root = lo.new_object_id();
    let ids: Vec<lopdf::ObjectId> = doc.bookmarks.iter().map(|_| lo.new_object_id()).collect();
    // Parent of each bookmark (None: the root), by level.
    let mut parents: Vec<Option<usize>> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    for (i, b) in doc.bookmarks.iter().enumerate() {
        while stack
            .last()
            .is_some_and(|&s| doc.bookmarks[s].level >= b.level)
        {
            stack.pop();
        }
        parents.push(stack.last().copied());
        stack.push(i);
    }
    let children = |parent: Option<usize>| -> Vec<usize> {
        (0..ids.len()).filter(|i| parents[*i] == parent).collect()
    };
    let mut objects = Vec::new();
    for (i, bookmark) in doc.bookmarks.iter().enumerate() {
        let page = &doc.pages[bookmark.page];
        let top = (page.height - bookmark.y + 4.0).min(page.height);
        let dest = vec![
            Object::Reference(pages[bookmark.page]),
            Object::Name(b"XYZ".to_vec()),
            Object::Null,
            Object::Real((top * 100.0).round() / 100.0),
            Object::Null,
        ];
        let mut item = lopdf::Dictionary::new();
        item.set("Title", text_string(&bookmark.title));
        item.set(
            "Parent",
            Object::Reference(parents[i].map_or(root, |p| ids[p])),
        );
        item.set("Dest", Object::Array(dest));
        let siblings = children(parents[i]);
        let at = siblings.iter().position(|s| *s == i).unwrap_or(0);
        if let Some(prev) = at.checked_sub(1) {
            item.set("Prev", Object::Reference(ids[siblings[prev]]));
        }
        if let Some(next) = siblings.get(at + 1) {
            item.set("Next", Object::Reference(ids[*next]));
        }
        let kids = children(Some(i));
        if let (Some(first), Some(last)) = (kids.first(), kids.last()) {
            item.set("First", Object::Reference(ids[*first]));
            item.set("Last", Object::Reference(ids[*last]));
            let count = kids.len() as i64;
            item.set(
                "Count",
                Object::Integer(if bookmark.level == 0 { count } else { -count }),
            );
        }
        objects.push((ids[i], item));
    }
    for (id, item) in objects {
        lo.objects.insert(id, Object::Dictionary(item));
    }
    let top = children(None);
    let visible: usize = top.len()
        + top
            .iter()
            .filter(|t| doc.bookmarks[**t].level == 0)
            .map(|t| children(Some(*t)).len())
            .sum::<usize>();
    let mut outline = lopdf::Dictionary::new();
    outline.set("Type", Object::Name(b"Outlines".to_vec()));
    outline.set("First", Object::Reference(ids[top[0]]));
    outline.set("Last", Object::Reference(ids[top[top.len() - 1]]));
    outline.set("Count", Object::Integer(visible as i64));
    lo.objects.insert(root, Object::Dictionary(outline));
    Some(root)
}

/// A PDF text string: PDFDocEncoding for ASCII, UTF-16BE with a byte order mark otherwise.
pub(super) fn text_string(s: &str) -> Object {
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

/// Feeds what the file shows into `hash`: metadata, and each page's text with its place
/// (the font bytes are hashed apart). Much cheaper than hashing the `Debug` form.
fn hash_document(doc: &Document, hash: &mut Fnv64) {
    for s in [&doc.title, &doc.subject, &doc.author, &doc.language] {
        hash.write(s.as_bytes());
        hash.write(&[0]);
    }
    for b in &doc.bookmarks {
        hash.write(b.title.as_bytes());
        hash.write(&b.page.to_be_bytes());
    }
    hash.write(&doc.elements.len().to_be_bytes());
    for page in &doc.pages {
        hash.write(&page.items.len().to_be_bytes());
        for item in &page.items {
            if let Item::Text { text, x, y, .. } = item {
                hash.write(text.as_bytes());
                hash.write(&x.to_bits().to_be_bytes());
                hash.write(&y.to_bits().to_be_bytes());
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::pdf::display::{Bookmark, Role};

    const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/fonts");

    fn fonts() -> Fonts {
        let read = |name: &str| std::fs::read(format!("{DIR}/{name}")).expect("DejaVu installed");
        Fonts {
            regular: read("DejaVuSans.ttf"),
            bold: read("DejaVuSans-Bold.ttf"),
            italic: read("DejaVuSans-Oblique.ttf"),
        }
    }

    fn text(face: Face, y: f32, text: &str) -> Item {
        Item::Text {
            face,
            size: 12.0,
            x: 50.0,
            y,
            text: text.to_string(),
            color: Rgb::BLACK,
            tag: Tag::Element(1),
        }
    }

    fn element(role: Role, parent: usize) -> Element {
        Element {
            role,
            parent: Some(parent),
            lang: None,
            alt: Some("Web address https://example.org/".into()),
        }
    }

    fn document(items: Vec<Item>) -> Document {
        Document {
            title: "Τίτλος".to_string(),
            subject: "Subject".to_string(),
            author: "Author".to_string(),
            language: "pt-PT".to_string(),
            pages: vec![
                Page {
                    width: 595.28,
                    height: 841.89,
                    items,
                },
                Page {
                    width: 595.28,
                    height: 841.89,
                    items: vec![text(Face::Regular, 80.0, "2")],
                },
            ],
            bookmarks: vec![
                Bookmark {
                    title: "One".to_string(),
                    page: 0,
                    y: 48.0,
                    level: 0,
                },
                Bookmark {
                    title: "Two".to_string(),
                    page: 1,
                    y: 48.0,
                    level: 0,
                },
            ],
            elements: vec![
                Element {
                    role: Role::Document,
                    parent: None,
                    lang: None,
                    alt: None,
                },
                element(Role::P, 0),
                element(Role::Link, 1),
            ],
        }
    }

    fn sample() -> Document {
        document(vec![
            text(Face::Bold, 60.0, "Heading"),
            text(Face::Regular, 80.0, "Łódź Ελληνικά Українська ქართული"),
            text(Face::Italic, 100.0, "italic"),
            Item::Rect {
                x: 50.0,
                y: 120.0,
                w: 100.0,
                h: 20.0,
                fill: Some(Rgb(0.2, 0.4, 0.6)),
                stroke: None,
            },
            Item::Line {
                x1: 50.0,
                y1: 150.0,
                x2: 150.0,
                y2: 150.0,
                width: 1.0,
                color: Rgb::BLACK,
            },
            Item::Link {
                x: 50.0,
                y: 160.0,
                w: 100.0,
                h: 12.0,
                target: Target::Uri("https://example.org/".to_string()),
                element: 2,
            },
        ])
    }

    #[test]
    fn output_is_byte_identical_across_renders() {
        let fonts = fonts();
        let first = render(&sample(), &fonts).unwrap();
        let second = render(&sample(), &fonts).unwrap();
        assert!(first == second, "two renders in one process differ");
    }

    #[test]
    fn reads_back_with_subset_fonts_language_outline_and_link() {
        let bytes = render(&sample(), &fonts()).unwrap();
        assert!(
            bytes.len() < 40_000,
            "fonts not subset? {} bytes",
            bytes.len()
        );
        let pdf = lopdf::Document::load_mem(&bytes).unwrap();
        assert_eq!(pdf.get_pages().len(), 2);

        let catalog = pdf.catalog().unwrap();
        assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"pt-PT");
        assert!(catalog.has(b"Outlines"));

        let mut base_fonts = Vec::new();
        for object in pdf.objects.values() {
            if let Ok(dict) = object.as_dict()
                && dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0".as_slice())
            {
                assert!(dict.has(b"ToUnicode"));
                base_fonts.push(
                    String::from_utf8_lossy(dict.get(b"BaseFont").unwrap().as_name().unwrap())
                        .into_owned(),
                );
            }
        }
        base_fonts.sort_by(|a, b| a[7..].cmp(&b[7..]));
        assert_eq!(base_fonts.len(), 3);
        for (name, expected) in
            base_fonts
                .iter()
                .zip(["DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"])
        {
            let (tag, rest) = name.split_once('+').expect("subset tag");
            assert!(
                tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()),
                "{name}"
            );
            assert_eq!(rest, expected);
        }

        let first_page = pdf.get_pages()[&1];
        let annots = pdf
            .get_dictionary(first_page)
            .unwrap()
            .get(b"Annots")
            .unwrap()
            .as_array()
            .unwrap();
        assert_eq!(annots.len(), 1);
    }

    #[test]
    fn outline_keeps_document_order() {
        let mut doc = sample();
        doc.bookmarks = ["Zeta", "Alpha", "Mid"]
            .iter()
            .zip([0, 0, 1])
            .map(|(title, page)| Bookmark {
                title: title.to_string(),
                page,
                y: 48.0,
                level: 0,
            })
            .collect();
        let pdf = lopdf::Document::load_mem(&render(&doc, &fonts()).unwrap()).unwrap();
        let pages = pdf.get_pages();
        let root = pdf
            .catalog()
            .unwrap()
            .get(b"Outlines")
            .unwrap()
            .as_reference()
            .unwrap();
        let mut next = pdf
            .get_dictionary(root)
            .unwrap()
            .get(b"First")
            .and_then(Object::as_reference);
        let mut seen = Vec::new();
        while let Ok(id) = next {
            let item = pdf.get_dictionary(id).unwrap();
            let title = item.get(b"Title").unwrap().as_str().unwrap().to_vec();
            let dest = item.get(b"Dest").unwrap().as_array().unwrap()[0]
                .as_reference()
                .unwrap();
            let page = pages
                .iter()
                .find(|(_, id)| **id == dest)
                .map(|(n, _)| *n)
                .unwrap();
            seen.push((String::from_utf8(title).unwrap(), page));
            next = item.get(b"Next").and_then(Object::as_reference);
        }
        let expected = [("Zeta", 1), ("Alpha", 1), ("Mid", 2)].map(|(t, p)| (t.to_string(), p));
        assert_eq!(seen, expected);
    }

    #[test]
    fn marked_content_never_crosses_a_text_object_and_tags_every_text() {
        let mut doc = sample();
        // Text, then artifacts, then text of two elements and an artifact footer.
        doc.pages[0]
            .items
            .push(text(Face::Regular, 200.0, "after the rule"));
        let mut footer = text(Face::Regular, 800.0, "Page 1 of 2");
        if let Item::Text { tag, .. } = &mut footer {
            *tag = Tag::Artifact;
        }
        doc.pages[0].items.push(footer);
        let pdf = lopdf::Document::load_mem(&render(&doc, &fonts()).unwrap()).unwrap();
        for (_, page) in pdf.get_pages() {
            let content = pdf.get_and_decode_page_content(page).unwrap();
            let (mut stack, mut in_text, mut texts) = (Vec::new(), false, 0);
            for op in &content.operations {
                match op.operator.as_str() {
                    "BT" => in_text = true,
                    "ET" => {
                        assert!(
                            !stack.last().copied().unwrap_or(false),
                            "ET inside a sequence"
                        );
                        in_text = false;
                    }
                    "BDC" | "BMC" => stack.push(in_text),
                    "EMC" => assert_eq!(stack.pop(), Some(in_text), "EMC across BT/ET"),
                    "Tj" | "TJ" => {
                        assert!(!stack.is_empty(), "text outside marked content");
                        texts += 1;
                    }
                    _ => {}
                }
            }
            assert!(stack.is_empty() && !in_text && texts > 0);
        }
    }

    #[test]
    fn unused_face_is_not_embedded() {
        let doc = document(vec![text(Face::Regular, 60.0, "only regular")]);
        let pdf = lopdf::Document::load_mem(&render(&doc, &fonts()).unwrap()).unwrap();
        let type0 = pdf
            .objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .filter(|d| {
                d.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0".as_slice())
            })
            .count();
        assert_eq!(type0, 1);
    }

    #[test]
    fn missing_glyph_is_an_error_not_a_box() {
        // Georgian Mtavruli (what Georgian upper-cases to) is not in DejaVu Sans.
        let doc = document(vec![text(Face::Bold, 60.0, "ᲥᲐᲠᲗᲣᲚᲘ")]);
        match render(&doc, &fonts()) {
            Err(PdfError::MissingGlyphs {
                face: Face::Bold,
                chars,
            }) => assert_eq!(chars.len(), 7),
            other => panic!("expected MissingGlyphs, got {other:?}"),
        }
    }

    #[test]
    fn rejects_bad_input() {
        let fonts = fonts();
        let mut doc = sample();
        doc.bookmarks.push(Bookmark {
            title: "Nowhere".to_string(),
            page: 2,
            y: 48.0,
            level: 0,
        });
        assert!(matches!(
            render(&doc, &fonts),
            Err(PdfError::BookmarkPage { page: 2, .. })
        ));

        let doc = document(vec![text(Face::Regular, f32::NAN, "x")]);
        assert!(matches!(
            render(&doc, &fonts),
            Err(PdfError::NotFinite { page: 0, .. })
        ));

        let mut doc = sample();
        doc.pages.clear();
        assert!(matches!(render(&doc, &fonts), Err(PdfError::NoPages)));
    }
}
