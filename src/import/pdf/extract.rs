//! The reader's work, done in the child process: a PDF's bytes to its
//! pages' blocks. hayro parses and interprets each page; `glyphs`, `lines`
//! and `layout` make text of what it draws.

use hayro_interpret::hayro_syntax::page::Page;
use hayro_interpret::hayro_syntax::{LoadPdfError, Pdf};
use hayro_interpret::kurbo::{Affine, Rect};
use hayro_interpret::util::TransformExt as _;
use hayro_interpret::{Context, InterpreterCache, InterpreterSettings, interpret_page};

use super::figure_placing::{PlacedFigure, place_figures, without_inner_caption};
use super::figures::{Area, figure_areas};
use super::garbled::garbled_fonts;
use super::glyphs::{GlyphCollector, GlyphsOnly, Mark};
use super::is_a_real_title;
use super::labels::page_labels;
use super::layout::{PageParagraphs, Paragraph, blocks_of, paragraphs_of};
use super::lines::{Line, lines_of};
use super::outline::outline_entries;
use super::text::{NoText, PdfAnswer, PdfPage, PdfText};
use super::xmp::{is_an_object_name, xmp_names};

/// The most pages read (a longer document is read up to here).
pub const MAX_PAGES: usize = 20_000;

/// Reads a PDF's text, decrypted with `password` (empty for none) if it
/// is encrypted.
pub fn read_pdf(bytes: Vec<u8>, password: &str) -> PdfAnswer {
    let pdf = match Pdf::new_with_password(bytes, password) {
        Ok(pdf) => pdf,
        Err(LoadPdfError::Decryption(_)) => return PdfAnswer::NeedsPassword,
        Err(LoadPdfError::Invalid) => {
            return PdfAnswer::Unreadable("its structure cannot be read (a damaged PDF)".into());
        }
    };
    let pages = pdf.pages();
    if pages.is_empty() {
        return PdfAnswer::Unreadable("it has no pages".into());
    }
    let cache = InterpreterCache::new();
    let (read, no_text): (Vec<PageParagraphs>, Vec<Option<NoText>>) = pages
        .iter()
        .take(MAX_PAGES)
        .map(|page| read_page(&pdf, page, &cache))
        .unzip();
    let outline = outline_entries(&pdf);
    let pages = blocks_of(&read, &outline)
        .into_iter()
        .zip(no_text)
        .map(|(blocks, no_text)| PdfPage {
            blocks: if no_text.is_some() {
                Vec::new()
            } else {
                blocks
            },
            no_text,
        })
        .collect();
    // The XMP packet's names first (Unicode, and kept up to date by most
    // tools), then the Info dictionary's; neither when it names a file.
    let metadata = pdf.metadata();
    let xmp = xmp_names(&pdf);
    let info_title = metadata.title.as_deref().and_then(text_string);
    let title = [xmp.title, info_title]
        .into_iter()
        .flatten()
        .find(|title| is_a_real_title(title));
    let author = xmp
        .author
        .or_else(|| metadata.author.as_deref().and_then(text_string))
        .filter(|author| !is_an_object_name(author));
    PdfAnswer::Text(PdfText {
        title,
        author,
        labels: page_labels(&pdf, read.len()),
        pages,
    })
}

/// One page's paragraphs, and why it gives no text when it gives none.
fn read_page<'a>(
    pdf: &'a Pdf,
    page: &Page<'a>,
    cache: &InterpreterCache<'a>,
) -> (PageParagraphs, Option<NoText>) {
    let crop = page.crop_box();
    let mut collector = GlyphCollector::new(crop.y1);
    let mut context = Context::new(
        Affine::IDENTITY,
        Rect::new(crop.x0, crop.y0, crop.x1, crop.y1),
        cache,
        pdf.xref(),
        InterpreterSettings::default(),
    );
    interpret_page(page, &mut context, &mut GlyphsOnly(&mut collector));
    let garbled_fonts = garbled_fonts(&collector.glyphs);
    let mut garbled = 0;
    for glyph in &mut collector.glyphs {
        glyph.garbled = garbled_fonts.contains(&glyph.font);
        garbled += usize::from(glyph.garbled);
    }
    let known = collector.glyphs.len() - garbled;
    let no_text = if known == 0 && collector.unknown == 0 && garbled == 0 {
        Some(NoText::NoTextLayer)
    } else if collector.unknown + garbled > known {
        Some(NoText::UnknownLetters)
    } else {
        None
    };
    let lines = lines_of(&collector.glyphs);
    let mut paragraphs = paragraphs_of(&lines);
    let height = (crop.y1 - crop.y0) as f32;
    let figures = figures_of(page, &collector.marks, &lines, &mut paragraphs);
    let paragraphs = PageParagraphs {
        paragraphs,
        height,
        figures,
    };
    (paragraphs, no_text)
}

/// The page's figures, placed among its paragraphs, each with its area
/// on the page as shown.
fn figures_of(
    page: &Page<'_>,
    marks: &[Mark],
    lines: &[Line],
    paragraphs: &mut [Paragraph],
) -> Vec<PlacedFigure<[u32; 4]>> {
    let crop = page.crop_box();
    // The collector's places are PDF space flipped at the crop box's top;
    // the renderer's, the page as shown (its crop box's corner at 0,
    // turned when the page is).
    let shown = page.initial_transform(true).to_kurbo();
    let height = (crop.y1 - crop.y0) as f32;
    let areas: Vec<(Area, [u32; 4])> = figure_areas(marks, lines, crop.x1 as f32, height)
        .into_iter()
        .map(|area| without_inner_caption(area, paragraphs))
        .map(|area| {
            let pdf = Rect::new(
                f64::from(area[0]),
                crop.y1 - f64::from(area[3]),
                f64::from(area[2]),
                crop.y1 - f64::from(area[1]),
            );
            let on_page = shown.transform_rect_bbox(pdf);
            let whole = |v: f64| v.max(0.0).round() as u32;
            (
                area,
                [
                    whole(on_page.x0),
                    whole(on_page.y0),
                    whole(on_page.x1),
                    whole(on_page.y1),
                ],
            )
        })
        .collect();
    place_figures(paragraphs, &areas)
}

/// A PDF text string: UTF-16BE after its byte order mark, UTF-8 after its
/// own, else PDFDocEncoding (Latin-1 for what a title holds).
pub(super) fn text_string(bytes: &[u8]) -> Option<String> {
    let text = if let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = utf16
            .chunks_exact(2)
            .map(|pair| u16::from_be_bytes([pair[0], pair[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else if let Some(utf8) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(utf8).into_owned()
    } else {
        bytes.iter().map(|&b| char::from(b)).collect()
    };
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty() && !text.contains('\u{FFFD}')).then_some(text)
}
