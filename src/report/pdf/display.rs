//! The display list: the report laid out on pages, in our own types. It is deterministic,
//! snapshotted in tests, and lowered to PDF by [`super::backend`].

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
    },
    /// A straight line.
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
    /// A rectangle; (x, y) is its top-left corner.
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
    /// A clickable area linking to a URI; (x, y) is its top-left corner.
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
        uri: String,
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
    /// The outline.
    pub bookmarks: Vec<Bookmark>,
}
