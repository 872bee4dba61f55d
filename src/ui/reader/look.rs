//! Typography: how each kind of block is set (face, size, colour, leading,
//! indent, spacing) for the reader's style.

use eframe::egui::{self, Color32, FontFamily, FontId, Ui};

use crate::document::BlockKind;

use super::ReaderStyle;
use crate::ui::fonts::{INSTALLED, SERIF, SERIF_BOLD, SERIF_ITALIC};
use crate::ui::text_settings::ReadingFace;

/// How one kind of block is set.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct BlockLook {
    pub(super) font: FontId,
    pub(super) color: Color32,
    pub(super) line_height: f32,
    pub(super) indent: f32,
    pub(super) space_before: f32,
    pub(super) space_after: f32,
    pub(super) centered: bool,
    /// The text is laid out invisible and without height (the alt text of
    /// a picture set in a line, which the picture stands for).
    pub(super) hidden: bool,
}

/// Faces of the reading font at a size.
fn serif(size: f32) -> FontId {
    FontId::new(size, FontFamily::Name(SERIF.into()))
}

fn sans(size: f32) -> FontId {
    FontId::new(size, FontFamily::Proportional)
}

pub(super) fn look_of(kind: BlockKind, style: &ReaderStyle) -> BlockLook {
    let f = style.font_size;
    let text = style.text;
    let plain = BlockLook {
        font: match text.face {
            ReadingFace::Serif => serif(f),
            ReadingFace::Sans => sans(f),
            ReadingFace::Installed => FontId::new(f, FontFamily::Name(INSTALLED.into())),
        },
        color: style.palette.text,
        line_height: (f * text.line_spacing.line_height_em()).round(),
        indent: 0.0,
        space_before: 0.0,
        space_after: (f * text.paragraph_spacing.paragraph_space_em()).round(),
        centered: false,
        hidden: false,
    };
    match kind {
        BlockKind::Title
        | BlockKind::Lead
        | BlockKind::Byline
        | BlockKind::Source
        | BlockKind::Dateline => front_matter_look(kind, plain, style),
        BlockKind::Heading { level } => heading_look(level, plain, style),
        BlockKind::Separator | BlockKind::Figure { .. } | BlockKind::Furniture => {
            aside_look(kind, plain, style)
        }
        _ => body_look(kind, plain, f),
    }
}

/// The title, the lead, the byline and the lines about the source.
fn front_matter_look(kind: BlockKind, plain: BlockLook, style: &ReaderStyle) -> BlockLook {
    let (f, p) = (style.font_size, &style.palette);
    let bold = |size: f32| FontId::new(size, FontFamily::Name(SERIF_BOLD.into()));
    let italic = |size: f32| FontId::new(size, FontFamily::Name(SERIF_ITALIC.into()));
    match kind {
        BlockKind::Title => BlockLook {
            font: bold(f * 1.9),
            color: p.strong,
            line_height: (f * 1.9 * 1.22).round(),
            space_after: f * 0.9,
            ..plain
        },
        BlockKind::Lead => BlockLook {
            font: italic(f * 1.18),
            color: p.strong,
            line_height: (f * 1.18 * 1.5).round(),
            space_after: f * 1.3,
            ..plain
        },
        _ => BlockLook {
            font: sans(f * 0.82),
            color: p.muted,
            line_height: (f * 0.82 * 1.45).round(),
            space_after: f * 0.5,
            ..plain
        },
    }
}

/// Paragraphs, quotes, list items, tables and code.
fn body_look(kind: BlockKind, plain: BlockLook, f: f32) -> BlockLook {
    match kind {
        BlockKind::Quote => BlockLook {
            indent: f * 1.4,
            ..plain
        },
        BlockKind::ListItem { level, .. } => BlockLook {
            indent: f * 1.4 * f32::from(level.max(1)),
            space_after: f * 0.4,
            ..plain
        },
        BlockKind::Table => BlockLook {
            font: serif(f * 0.88),
            line_height: (f * 0.88 * 1.6).round(),
            space_before: f * 0.3,
            space_after: f * 1.1,
            ..plain
        },
        BlockKind::Code => BlockLook {
            font: FontId::monospace(f * 0.8),
            line_height: (f * 0.8 * 1.45).round(),
            indent: f * 0.6,
            // Room for the bar a long line's sideways scroll draws below.
            space_after: f * 1.1,
            ..plain
        },
        _ => plain,
    }
}

/// Separators, captions and page furniture: small and muted.
fn aside_look(kind: BlockKind, plain: BlockLook, style: &ReaderStyle) -> BlockLook {
    let (f, p) = (style.font_size, &style.palette);
    match kind {
        BlockKind::Separator => BlockLook {
            color: p.muted,
            space_before: f * 0.4,
            space_after: f * 1.2,
            centered: true,
            ..plain
        },
        // The caption; the picture is drawn above it (see `pictures`).
        BlockKind::Figure { .. } => BlockLook {
            font: sans(f * 0.82),
            color: p.muted,
            line_height: (f * 0.82 * 1.45).round(),
            space_before: f * 0.4,
            space_after: f * 1.2,
            centered: true,
            ..plain
        },
        _ => BlockLook {
            font: sans(f * 0.76),
            color: p.muted,
            line_height: (f * 0.76 * 1.4).round(),
            space_after: f * 0.3,
            ..plain
        },
    }
}

/// The bullet of an unordered list item at `level` (1 is the outermost):
/// glyphs the reading face has (its "◦" is missing and drew a box).
pub fn bullet(level: u8) -> &'static str {
    if level.is_multiple_of(2) {
        "–"
    } else {
        "•"
    }
}

/// Every glyph the reader draws that is not the article's own: bullets, the
/// separator's asterism, the placeholder of a figure without a caption.
pub const READER_GLYPHS: &str = "•–\u{2042}\u{200B}";

/// Headings: bold, larger the higher their level, with space above.
fn heading_look(level: u8, plain: BlockLook, style: &ReaderStyle) -> BlockLook {
    let f = style.font_size;
    let scale = match level {
        0 | 1 => 1.55,
        2 => 1.28,
        _ => 1.1,
    };
    BlockLook {
        font: FontId::new(f * scale, FontFamily::Name(SERIF_BOLD.into())),
        color: style.palette.strong,
        line_height: (f * scale * 1.3).round(),
        space_before: f * 0.9,
        space_after: f * 0.55,
        ..plain
    }
}

/// The average advance of a char in running text, for estimating heights and the measure.
pub(super) fn average_char_width(ui: &Ui, font: &FontId) -> f32 {
    const SAMPLE: &str = "The reader takes notes, and quotes what matters; in July, 1805, \
        she greeted Prince Vasili, who arrived first.";
    let id = egui::Id::unique(("average_char_width", font));
    if let Some(width) = ui.ctx().data(|d| d.get_temp::<f32>(id)) {
        return width;
    }
    let galley =
        ui.fonts_mut(|f| f.layout_no_wrap(SAMPLE.to_owned(), font.clone(), Color32::WHITE));
    let width = galley.size().x / SAMPLE.chars().count() as f32;
    ui.ctx().data_mut(|d| d.insert_temp(id, width));
    width
}
