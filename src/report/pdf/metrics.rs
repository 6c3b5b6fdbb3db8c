//! Font metrics for layout: advance widths per character, read from TrueType/OpenType bytes.
//!
//! Parsed with `allsorts` (crates.io `allsorts-azul`), the same parser printpdf uses to map
//! characters to glyphs and the same one the backend subsets with, so a width measured here
//! is the width of the glyph that ends up on the page. No printpdf type is exposed.

use std::collections::HashMap;

use allsorts::{
    binary::read::ReadScope,
    font::read_cmap_subtable,
    font_data::FontData,
    tables::{FontTableProvider, HeadTable, HheaTable, HmtxTable, MaxpTable, cmap::Cmap},
    tag,
};

/// Advance width, in em, assumed for a character the font lacks when it has no U+FFFD.
const FALLBACK_ADVANCE_EM: f32 = 0.5;

/// Characters below this are looked up in a table rather than a hash map: Latin, Greek,
/// Cyrillic, Armenian, Hebrew and Arabic, most of what a report sets.
const DIRECT: usize = 0x800;

/// Horizontal metrics of one font face.
#[derive(Debug, Clone)]
pub struct Metrics {
    units_per_em: f32,
    /// Glyph id of each character below [`DIRECT`], 0 (`.notdef`) where the font has none.
    direct: Vec<u16>,
    /// Unicode scalar value -> glyph id for the characters from [`DIRECT`] on (glyph 0,
    /// `.notdef`, never appears).
    cmap: HashMap<char, u16>,
    /// The advance, in em, of a character the font lacks: U+FFFD's, or [`FALLBACK_ADVANCE_EM`].
    fallback: f32,
    /// Advance width in font units, indexed by glyph id.
    advances: Vec<u16>,
}

impl Metrics {
    /// Parses the first face of `bytes` (a TTF/OTF file or collection).
    pub fn from_ttf(bytes: &[u8]) -> Result<Metrics, String> {
        let font = ReadScope::new(bytes)
            .read::<FontData<'_>>()
            .map_err(|e| format!("not a font file: {e}"))?;
        let provider = font
            .table_provider(0)
            .map_err(|e| format!("cannot open font face: {e}"))?;

        let head = read_table(&provider, tag::HEAD, "head", |d| {
            ReadScope::new(d).read::<HeadTable>()
        })?;
        let hhea = read_table(&provider, tag::HHEA, "hhea", |d| {
            ReadScope::new(d).read::<HheaTable>()
        })?;
        let maxp = read_table(&provider, tag::MAXP, "maxp", |d| {
            ReadScope::new(d).read::<MaxpTable>()
        })?;
        if head.units_per_em == 0 {
            return Err("font has unitsPerEm 0".to_string());
        }

        let hmtx_data = table_data(&provider, tag::HMTX, "hmtx")?;
        let hmtx = ReadScope::new(&hmtx_data)
            .read_dep::<HmtxTable<'_>>((
                usize::from(maxp.num_glyphs),
                usize::from(hhea.num_h_metrics),
            ))
            .map_err(|e| format!("bad hmtx table: {e}"))?;
        let advances = (0..maxp.num_glyphs)
            .map(|gid| hmtx.horizontal_advance(gid).unwrap_or(0))
            .collect();

        let cmap_data = table_data(&provider, tag::CMAP, "cmap")?;
        let cmap_table = ReadScope::new(&cmap_data)
            .read::<Cmap<'_>>()
            .map_err(|e| format!("bad cmap table: {e}"))?;
        let (_, subtable) = read_cmap_subtable(&cmap_table)
            .map_err(|e| format!("bad cmap subtable: {e}"))?
            .ok_or("font has no Unicode cmap subtable")?;
        let mut cmap = HashMap::new();
        let mut direct = vec![0; DIRECT];
        subtable
            .mappings_fn(|cp, gid| {
                if let Some(c) = char::from_u32(cp)
                    && gid != 0
                    && gid < maxp.num_glyphs
                {
                    match direct.get_mut(c as usize) {
                        Some(slot) => *slot = gid,
                        None => {
                            cmap.insert(c, gid);
                        }
                    }
                }
            })
            .map_err(|e| format!("bad cmap subtable: {e}"))?;

        let mut metrics = Metrics {
            units_per_em: f32::from(head.units_per_em),
            direct,
            cmap,
            fallback: FALLBACK_ADVANCE_EM,
            advances,
        };
        metrics.fallback = metrics.advance('\u{FFFD}').unwrap_or(FALLBACK_ADVANCE_EM);
        Ok(metrics)
    }

    /// Advance width of `c` in em, or `None` when the font has no glyph for it.
    pub fn advance(&self, c: char) -> Option<f32> {
        let gid = self.glyph_id(c)?;
        let units = self.advances.get(usize::from(gid)).copied().unwrap_or(0);
        Some(f32::from(units) / self.units_per_em)
    }

    /// Width of `text` set at `size` points, in points. No kerning. A character the font
    /// lacks counts as wide as U+FFFD, or half an em if the font lacks that too.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let em: f32 = text
            .chars()
            .map(|c| self.advance(c).unwrap_or(self.fallback))
            .sum();
        em * size
    }

    /// Glyph id of `c` in this font, `None` when it has none.
    pub(crate) fn glyph_id(&self, c: char) -> Option<u16> {
        match self.direct.get(c as usize) {
            Some(&gid) => (gid != 0).then_some(gid),
            None => self.cmap.get(&c).copied(),
        }
    }
}

fn table_data(provider: &impl FontTableProvider, tag: u32, name: &str) -> Result<Vec<u8>, String> {
    provider
        .read_table_data(tag)
        .map(|d| d.into_owned())
        .map_err(|e| format!("font has no readable {name} table: {e}"))
}

fn read_table<T, E: std::fmt::Display>(
    provider: &impl FontTableProvider,
    tag: u32,
    name: &str,
    parse: impl FnOnce(&[u8]) -> Result<T, E>,
) -> Result<T, String> {
    let data = table_data(provider, tag, name)?;
    parse(&data).map_err(|e| format!("bad {name} table: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEJAVU: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/fonts/DejaVuSans.ttf");

    fn dejavu() -> Metrics {
        let bytes = std::fs::read(DEJAVU).expect("DejaVu Sans installed");
        Metrics::from_ttf(&bytes).expect("parses")
    }

    #[test]
    fn known_advances() {
        let m = dejavu();
        // DejaVu Sans: unitsPerEm 2048, 'M' advances 1767 units, space 651.
        assert!((m.advance('M').unwrap() - 1767.0 / 2048.0).abs() < 1e-6);
        assert!((m.advance(' ').unwrap() - 651.0 / 2048.0).abs() < 1e-6);
        assert!(m.advance('ქ').is_some(), "Georgian is covered");
        assert!(m.advance('\u{1C90}').is_none(), "Mtavruli is not");
        assert!(
            m.advance('\u{0378}').is_none(),
            "nor an unassigned Greek code point"
        );
    }

    #[test]
    fn width_sums_advances_and_falls_back() {
        let m = dejavu();
        let w = m.width("MM", 10.0);
        assert!((w - 2.0 * 10.0 * 1767.0 / 2048.0).abs() < 1e-4);
        let missing = m.width("\u{1C90}", 10.0);
        assert!((missing - 10.0 * m.advance('\u{FFFD}').unwrap()).abs() < 1e-4);
    }

    #[test]
    fn rejects_garbage() {
        assert!(Metrics::from_ttf(b"not a font").is_err());
    }
}
