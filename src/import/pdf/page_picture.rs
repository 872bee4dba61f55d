//! One page of a PDF as it is printed, for the original-page view: the
//! picture hayro renders of it and where each of its glyphs is, both made
//! in the child process (`child::render_in_child`), which sends a header
//! (JSON) and then the picture's pixels.

use hayro::hayro_interpret::hayro_syntax::{LoadPdfError, Pdf};
use hayro::hayro_interpret::kurbo::{Affine, Point, Rect};
use hayro::hayro_interpret::util::TransformExt as _;
use hayro::hayro_interpret::{Context, InterpreterCache, InterpreterSettings, interpret_page};
use hayro::vello_cpu::color::palette::css::WHITE;
use serde::{Deserialize, Serialize};

use super::glyphs::{GlyphSink, GlyphText, GlyphsOnly, MAX_GLYPHS_PER_PAGE, glyph_text};

/// The widest or tallest picture made of a page, in pixels.
pub const MAX_PICTURE_SIDE_PX: u32 = 4096;

/// A glyph's text and its box on the page: left, top, right, bottom in
/// points from the page's top left corner.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GlyphBox {
    pub text: String,
    pub rect: [f32; 4],
}

/// Where a page's glyphs are, and how large the page is (in points, as
/// it is shown: turned when the page is).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PageGeometry {
    pub width_pt: f32,
    pub height_pt: f32,
    pub glyphs: Vec<GlyphBox>,
}

/// A page as printed: its pixels (RGBA, premultiplied, on white) and its glyphs.
#[derive(Clone, Debug, PartialEq)]
pub struct PagePicture {
    pub geometry: PageGeometry,
    pub width_px: u32,
    pub height_px: u32,
    pub rgba: Vec<u8>,
}

/// What the child says before the pixels.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PictureHeader {
    Picture {
        geometry: PageGeometry,
        width_px: u32,
        height_px: u32,
    },
    NeedsPassword,
    Unreadable(String),
}

/// Renders page `index` (from 0) of a PDF `width_px` pixels wide, and
/// finds its glyphs: the header, and the pixels when there is a picture.
/// With `crop` (left, top, right, bottom in points of the page as shown),
/// only that part of the page is drawn, `width_px` wide, without glyphs.
pub fn render_page(
    bytes: Vec<u8>,
    password: &str,
    index: usize,
    width_px: u32,
    crop: Option<[f32; 4]>,
) -> (PictureHeader, Vec<u8>) {
    let pdf = match Pdf::new_with_password(bytes, password) {
        Ok(pdf) => pdf,
        Err(LoadPdfError::Decryption(_)) => return (PictureHeader::NeedsPassword, Vec::new()),
        Err(LoadPdfError::Invalid) => {
            let why = "its structure cannot be read (a damaged PDF)".to_owned();
            return (PictureHeader::Unreadable(why), Vec::new());
        }
    };
    let pages = pdf.pages();
    let Some(page) = pages.get(index) else {
        let why = format!("it has no page {} (it has {})", index + 1, pages.len());
        return (PictureHeader::Unreadable(why), Vec::new());
    };
    let (width_pt, height_pt) = page.render_dimensions();
    let crop = crop.map(|[l, t, r, b]| {
        let (l, t) = (l.clamp(0.0, width_pt), t.clamp(0.0, height_pt));
        [
            l,
            t,
            r.clamp(l + 1.0, width_pt.max(l + 1.0)),
            b.clamp(t + 1.0, height_pt.max(t + 1.0)),
        ]
    });
    // The whole page is drawn at the scale that makes the part asked for
    // `width_px` wide (never beyond the largest side).
    let wanted_width_pt = crop.map_or(width_pt, |[l, _, r, _]| r - l);
    let asked_px = (width_px as f32 * width_pt / wanted_width_pt.max(1.0)) as u32;
    let scale = picture_scale(width_pt, height_pt, asked_px);
    let cache = hayro::RenderCache::new();
    let settings = InterpreterSettings::default();
    let pixmap = hayro::render(
        page,
        &cache,
        &settings,
        &hayro::RenderSettings::default(),
        &hayro::PixmapSettings {
            x_scale: scale,
            y_scale: scale,
            bg_color: WHITE,
        },
    );
    if let Some(crop) = crop {
        let (pixels, size) = cropped(&pixmap, crop, scale);
        let header = PictureHeader::Picture {
            geometry: PageGeometry {
                width_pt: crop[2] - crop[0],
                height_pt: crop[3] - crop[1],
                glyphs: Vec::new(),
            },
            width_px: size[0],
            height_px: size[1],
        };
        return (header, pixels);
    }
    let mut boxes = GlyphBoxes::default();
    let mut context = Context::new(
        page.initial_transform(true).to_kurbo(),
        Rect::new(0.0, 0.0, f64::from(width_pt), f64::from(height_pt)),
        &InterpreterCache::new(),
        pdf.xref(),
        settings,
    );
    interpret_page(page, &mut context, &mut GlyphsOnly(&mut boxes));
    let header = PictureHeader::Picture {
        geometry: PageGeometry {
            width_pt,
            height_pt,
            glyphs: boxes.glyphs,
        },
        width_px: u32::from(pixmap.width()),
        height_px: u32::from(pixmap.height()),
    };
    (header, pixmap.data_as_u8_slice().to_vec())
}

/// The pixels of `crop` (in points) of a page drawn at `scale` pixels a
/// point, and their size.
fn cropped(pixmap: &hayro::vello_cpu::Pixmap, crop: [f32; 4], scale: f32) -> (Vec<u8>, [u32; 2]) {
    let (page_w, page_h) = (u32::from(pixmap.width()), u32::from(pixmap.height()));
    let px = |v: f32, most: u32| ((v * scale).round().max(0.0) as u32).min(most);
    let (left, top) = (px(crop[0], page_w), px(crop[1], page_h));
    let (right, bottom) = (px(crop[2], page_w).max(left), px(crop[3], page_h).max(top));
    let (width, height) = (right - left, bottom - top);
    let data = pixmap.data_as_u8_slice();
    let mut pixels = Vec::with_capacity((width * height * 4) as usize);
    for row in top..bottom {
        let start = ((row * page_w + left) * 4) as usize;
        pixels.extend_from_slice(&data[start..start + (width * 4) as usize]);
    }
    (pixels, [width, height])
}

/// Pixels per point for a picture `width_px` wide, neither side beyond
/// [`MAX_PICTURE_SIDE_PX`].
fn picture_scale(width_pt: f32, height_pt: f32, width_px: u32) -> f32 {
    let side = MAX_PICTURE_SIDE_PX as f32;
    let wanted = width_px.clamp(16, MAX_PICTURE_SIDE_PX) as f32 / width_pt.max(1.0);
    wanted
        .min(side / width_pt.max(1.0))
        .min(side / height_pt.max(1.0))
}

/// Collects each glyph's text and box, on the page as it is shown.
#[derive(Default)]
struct GlyphBoxes {
    glyphs: Vec<GlyphBox>,
}

impl GlyphSink for GlyphBoxes {
    fn take(&mut self, glyph: &hayro::hayro_interpret::font::Glyph<'_>, transform: Affine) {
        if self.glyphs.len() >= MAX_GLYPHS_PER_PAGE {
            return;
        }
        let text = match glyph_text(glyph) {
            GlyphText::Known(text) | GlyphText::Guessed(text) => text,
            GlyphText::Unknown => return,
        };
        let advance = match glyph {
            hayro::hayro_interpret::font::Glyph::Outline(outline) => outline.advance_width(),
            hayro::hayro_interpret::font::Glyph::Type3(type3) => type3.advance_width(),
        }
        .unwrap_or(500.0);
        // Glyph space is 1000 units to the em: the box runs from the
        // descender (a fifth of an em below the baseline) to the ascender.
        let corners = [
            Point::new(0.0, -200.0),
            Point::new(f64::from(advance), -200.0),
            Point::new(0.0, 800.0),
            Point::new(f64::from(advance), 800.0),
        ]
        .map(|corner| transform * corner);
        let (mut left, mut top) = (f64::INFINITY, f64::INFINITY);
        let (mut right, mut bottom) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
        for corner in corners {
            left = left.min(corner.x);
            right = right.max(corner.x);
            top = top.min(corner.y);
            bottom = bottom.max(corner.y);
        }
        if !(left.is_finite() && top.is_finite() && right.is_finite() && bottom.is_finite()) {
            return;
        }
        self.glyphs.push(GlyphBox {
            text,
            rect: [left as f32, top as f32, right as f32, bottom as f32],
        });
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_picture_is_as_wide_as_asked_and_never_beyond_the_largest_side() {
        let scale = super::picture_scale(612.0, 792.0, 1224);
        assert!((scale - 2.0).abs() < 1e-4);
        let scale = super::picture_scale(612.0, 100_000.0, 1224);
        assert!(100_000.0 * scale <= super::MAX_PICTURE_SIDE_PX as f32 + 0.5);
    }
}
