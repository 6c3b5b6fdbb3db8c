//! The display list: the report laid out on pages, in our own types, with the logical
//! structure a screen reader needs. It is deterministic, snapshotted in tests, and lowered to
//! a tagged PDF by [`super::backend`].

use serde::Serialize;

/// A font face of the report's family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Face {
    /// Body text.
    Regular,
    /// Headings and strong text.
    Bold,
    /// Emphasis.
    Italic,
}

/// A colour, each channel from 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rgb(pub f32, pub f32, pub f32);

impl Rgb {
    /// Black.
    pub const BLACK: Rgb = Rgb(0.0, 0.0, 0.0);
    /// White.
    pub const WHITE: Rgb = Rgb(1.0, 1.0, 1.0);
}

/// The role of a structure element: the standard structure types of ISO 32000-1, 14.8.4,
/// that the report uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Role {
    /// The whole document (the root element).
    Document,
    /// A section of the document.
    Sect,
    /// A heading of level 1.
    H1,
    /// A heading of level 2.
    H2,
    /// A heading of level 3.
    H3,
    /// A paragraph.
    P,
    /// A list.
    L,
    /// A list item.
    LI,
    /// A list item's marker (bullet or number).
    Lbl,
    /// A list item's body.
    LBody,
    /// A table.
    Table,
    /// A table row.
    TR,
    /// A header cell (of its column).
    TH,
    /// A data cell.
    TD,
    /// A link; its text and its annotation.
    Link,
    /// A run of text in another language.
    Span,
    /// A chart, with its alternative text.
    Figure,
    /// A table of contents.
    TOC,
    /// An entry of a table of contents.
    TOCI,
    /// A reference to content elsewhere in the document (a contents entry's link).
    Reference,
}

impl Role {
    /// The PDF name of the structure type.
    pub fn name(self) -> &'static str {
        match self {
            Role::Document => "Document",
            Role::Sect => "Sect",
            Role::H1 => "H1",
            Role::H2 => "H2",
            Role::H3 => "H3",
            Role::P => "P",
            Role::L => "L",
            Role::LI => "LI",
            Role::Lbl => "Lbl",
            Role::LBody => "LBody",
            Role::Table => "Table",
            Role::TR => "TR",
            Role::TH => "TH",
            Role::TD => "TD",
            Role::Link => "Link",
            Role::Span => "Span",
            Role::Figure => "Figure",
            Role::TOC => "TOC",
            Role::TOCI => "TOCI",
            Role::Reference => "Reference",
        }
    }

    /// Whether this is a heading (H1 to H3).
    pub fn is_heading(self) -> bool {
        matches!(self, Role::H1 | Role::H2 | Role::H3)
    }
}

/// One element of the structure tree. Element 0 of a [`Document`] is its `Document` root;
/// every other element names its parent. Children are read in the order their content is
/// drawn, which is the reading order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Element {
    /// Its structure type.
    pub role: Role,
    /// Its parent (none for the root).
    pub parent: Option<usize>,
    /// Its language (BCP 47) where it differs from the document's.
    pub lang: Option<String>,
    /// Alternative text: a link's description, a chart's summary.
    pub alt: Option<String>,
}

/// What a piece of content is to a reader: part of a structure element, or an artifact
/// (running headers and footers, rules, backgrounds, repeated table headers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Tag {
    /// Pagination or decoration, skipped by assistive technology.
    Artifact,
    /// Content of this structure element (an index into [`Document::elements`]).
    Element(usize),
}

/// Where a link goes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Target {
    /// A web address.
    Uri(String),
    /// A place in this document: 0-based page index and the distance from the page's top.
    Page {
        /// 0-based page index.
        page: usize,
        /// Points from the page's top edge.
        y: f32,
    },
}

/// One thing drawn on a page. Coordinates are points from the page's top-left corner.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Item {
    /// Text on one line; (x, y) is the left end of the baseline.
    Text {
        /// Face.
        face: Face,
        /// Size in points.
        size: f32,
        /// Left end of the baseline.
        x: f32,
        /// Baseline.
        y: f32,
        /// The text.
        text: String,
        /// Colour.
        color: Rgb,
        /// Its place in the structure.
        tag: Tag,
    },
    /// A straight line (always an artifact).
    Line {
        /// Start.
        x1: f32,
        /// Start.
        y1: f32,
        /// End.
        x2: f32,
        /// End.
        y2: f32,
        /// Width in points.
        width: f32,
        /// Colour.
        color: Rgb,
    },
    /// A rectangle; (x, y) is its top-left corner (always an artifact).
    Rect {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Fill colour.
        fill: Option<Rgb>,
        /// Stroke colour.
        stroke: Option<Rgb>,
    },
    /// A clickable area; (x, y) is its top-left corner.
    Link {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Destination.
        target: Target,
        /// Its `Link` structure element, whose `alt` describes it.
        element: usize,
    },
}

/// One page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page {
    /// Width in points.
    pub width: f32,
    /// Height in points.
    pub height: f32,
    /// What is drawn, in drawing order.
    pub items: Vec<Item>,
}

/// An outline entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bookmark {
    /// Its title.
    pub title: String,
    /// 0-based page index.
    pub page: usize,
    /// Points from the page's top edge to the heading.
    pub y: f32,
    /// Nesting: 0 for a chapter, 1 for a section, 2 for an article.
    pub level: u8,
}

/// A laid-out document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// Title metadata.
    pub title: String,
    /// Subject metadata.
    pub subject: String,
    /// Author metadata.
    pub author: String,
    /// Language (BCP 47).
    pub language: String,
    /// The pages.
    pub pages: Vec<Page>,
    /// The outline, in document order.
    pub bookmarks: Vec<Bookmark>,
    /// The structure tree; element 0 is the root.
    pub elements: Vec<Element>,
}
