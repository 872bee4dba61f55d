//! The glyphs of a page, as hayro's interpreter draws them: each with its
//! text, where it starts and ends on the page (top-down, in points), its
//! size and whether its font is bold.

use hayro_interpret::font::{Glyph, GlyphRun, OutlineFontData};
use hayro_interpret::hayro_cmap::BfString;
use hayro_interpret::kurbo::{Affine, BezPath, Point, Rect, Shape as _};
use hayro_interpret::{
    BlendMode, ClipPath, Device, DrawMode, DrawProps, Image, ImageDrawProps, SoftMask,
};

/// The most glyphs read from one page: a page of two million text
/// operators is read up to here, not to the end of memory.
pub const MAX_GLYPHS_PER_PAGE: usize = 200_000;

/// One glyph on the page.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedGlyph {
    /// Its text (a ligature's several letters; empty when the font does not say).
    pub text: String,
    /// Where it starts, on the baseline, top-down.
    pub x: f32,
    pub y: f32,
    /// Where the next glyph would start.
    pub end_x: f32,
    /// The font's size on the page.
    pub size: f32,
    pub bold: bool,
    /// Not upright: turned (a side stamp, a rotated table).
    pub turned: bool,
    /// Which font drew it (0: a Type 3 font, or one not known).
    pub font: u64,
    /// Its font reads its codes as letters they are not (see `garbled`).
    pub garbled: bool,
}

/// Collects a page's glyphs.
pub struct GlyphCollector {
    /// The top of the page in PDF space (y grows upwards there).
    top: f64,
    pub glyphs: Vec<PlacedGlyph>,
    /// Glyphs without text (no ToUnicode, no glyph name, no printable code).
    pub unknown: usize,
    /// Glyphs read from their code alone.
    pub guessed: usize,
    /// What else the page draws: pictures and paths, for its figures.
    pub marks: Vec<Mark>,
}

/// The most pictures and paths kept of one page.
pub const MAX_MARKS_PER_PAGE: usize = 20_000;

/// A picture or a path the page draws: its box (left, top, right, bottom,
/// top-down in points, as the glyphs are placed).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mark {
    pub area: [f32; 4],
    pub picture: bool,
}

impl GlyphCollector {
    pub fn new(top: f64) -> Self {
        Self {
            top,
            glyphs: Vec::new(),
            marks: Vec::new(),
            unknown: 0,
            guessed: 0,
        }
    }

    fn take(&mut self, glyph: &Glyph<'_>, transform: Affine) {
        if self.glyphs.len() >= MAX_GLYPHS_PER_PAGE {
            return;
        }
        let text = match glyph_text(glyph) {
            GlyphText::Known(text) => text,
            GlyphText::Guessed(text) => {
                self.guessed += 1;
                text
            }
            GlyphText::Unknown => {
                self.unknown += 1;
                return;
            }
        };
        let [a, b, c, d, _, _] = transform.as_coeffs();
        // Glyph space is 1000 units to the em.
        let size = (c.hypot(d) * 1000.0) as f32;
        let advance = match glyph {
            Glyph::Outline(outline) => outline.advance_width(),
            Glyph::Type3(type3) => type3.advance_width(),
        }
        .unwrap_or(500.0);
        let start = transform * Point::ZERO;
        let end = transform * Point::new(f64::from(advance), 0.0);
        let turned = b.abs() > a.abs() * 0.1 || a <= 0.0;
        let font = match glyph {
            Glyph::Outline(outline) => outline.font_data(),
            Glyph::Type3(_) => None,
        };
        // Turned text is measured along its own baseline: its letters
        // follow one another there as upright letters do across the page.
        let (x, y, end_x) = if turned {
            let length = a.hypot(b).max(f64::EPSILON);
            let (dx, dy) = (a / length, b / length);
            let along = |p: Point| p.x * dx + p.y * dy;
            let across = start.x * -dy + start.y * dx;
            (along(start), -across, along(end))
        } else {
            (start.x, self.top - start.y, end.x)
        };
        self.glyphs.push(PlacedGlyph {
            text,
            x: x as f32,
            y: y as f32,
            end_x: end_x as f32,
            size,
            bold: font.as_ref().is_some_and(is_bold),
            turned,
            // Any bits of the font's key tell fonts apart; 0 is "none".
            font: font.map_or(0, |data| (data.cache_key as u64).max(1)),
            garbled: false,
        });
    }
}

/// What a glyph says it is.
pub(super) enum GlyphText {
    /// Its font says (ToUnicode, a glyph name): a letter, or a ligature's several.
    Known(String),
    /// Read from its code alone (printable ASCII, as poppler reads a
    /// simple font's codes).
    Guessed(String),
    /// Nothing says.
    Unknown,
}

pub(super) fn glyph_text(glyph: &Glyph<'_>) -> GlyphText {
    match glyph.as_unicode() {
        Some(BfString::Char(c)) => GlyphText::Known(c.to_string()),
        Some(BfString::String(s)) => GlyphText::Known(s),
        None => match char::from_u32(glyph.char_code()).filter(|c| (' '..='~').contains(c)) {
            Some(c) => GlyphText::Guessed(c.to_string()),
            None => GlyphText::Unknown,
        },
    }
}

/// Whether a font is bold (by its weight, else its name).
fn is_bold(data: &OutlineFontData) -> bool {
    if data.weight.is_some_and(|w| w >= 600) {
        return true;
    }
    data.postscript_name.as_ref().is_some_and(|name| {
        let name = name.to_ascii_lowercase();
        ["bold", "black", "heavy", "semibold", "demi", ".b", "-b"]
            .iter()
            .any(|mark| name.contains(mark))
    })
}

/// What takes each glyph a page draws, with the transform from glyph
/// space (1000 units to the em) to the page.
pub(super) trait GlyphSink {
    fn take(&mut self, glyph: &Glyph<'_>, transform: Affine);

    /// Something else drawn: its box on the page (PDF space), and whether
    /// it is a picture (else a path).
    fn mark(&mut self, _area: Rect, _picture: bool) {}
}

impl GlyphSink for GlyphCollector {
    fn take(&mut self, glyph: &Glyph<'_>, transform: Affine) {
        GlyphCollector::take(self, glyph, transform);
    }

    fn mark(&mut self, area: Rect, picture: bool) {
        let finite = [area.x0, area.y0, area.x1, area.y1]
            .iter()
            .all(|v| v.is_finite());
        if self.marks.len() >= MAX_MARKS_PER_PAGE || !finite {
            return;
        }
        self.marks.push(Mark {
            area: [
                area.x0 as f32,
                (self.top - area.y1) as f32,
                area.x1 as f32,
                (self.top - area.y0) as f32,
            ],
            picture,
        });
    }
}

/// hayro's device for a [`GlyphSink`]: the glyphs go to it, nothing else
/// is drawn.
pub(super) struct GlyphsOnly<'s, S: GlyphSink>(pub &'s mut S);

impl<'a, S: GlyphSink> Device<'a> for GlyphsOnly<'_, S> {
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'a>, _: &DrawMode) {
        let area = props.transform.transform_rect_bbox(path.bounding_box());
        self.0.mark(area, false);
    }
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, _: &DrawMode) {
        for glyph in run.glyphs() {
            self.0.take(glyph, props.transform * glyph.transform());
        }
    }
    fn draw_image(&mut self, image: Image<'a, '_>, props: ImageDrawProps<'a>) {
        let pixels = Rect::new(
            0.0,
            0.0,
            f64::from(image.width()),
            f64::from(image.height()),
        );
        self.0
            .mark(props.transform.transform_rect_bbox(pixels), true);
    }
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}
}
