//! Laying out what is in view: the text column, the visible blocks as
//! galleys (measured heights replacing estimates, keeping the view still),
//! and the frame's pass over them.

use std::ops::Range;
use std::sync::Arc;

use eframe::egui::{self, FontId, Galley, Pos2, Rangef, Rect, Sense, Stroke, Ui, Vec2, pos2, vec2};

use crate::document::{BlockKind, Document, InlineStyle, NO_CAPTION, StyledSpan};
use crate::ui::fonts::styled_family;
use crate::ui::theme::Palette;

use super::heights::TOP_PADDING_EM;
use super::hyphenated::hyphenated_galley;
use super::line_breaks::hyphenation_language;
use super::look::{BlockLook, average_char_width, look_of};
use super::picture_runs::PictureRun;
use super::table::layout_table;
use super::{Reader, ReaderHighlight, ReaderOutput, ReaderStyle, Selection};

/// A block laid out this frame.
pub(super) struct PlacedBlock {
    pub(super) index: usize,
    /// Screen position of the galley's top-left corner.
    pub(super) pos: Pos2,
    pub(super) galley: Arc<Galley>,
    /// For a table wider than the measure: the screen x range it shows in
    /// (it scrolls sideways inside it).
    pub(super) shown_x: Option<Rangef>,
}

/// The text column: where it sits in the content and how wide it is.
#[derive(Clone, Copy, Debug)]
pub(super) struct Column {
    pub(super) content_width: f32,
    /// The wrap width of body text, in points.
    pub(super) measure: f32,
    pub(super) x: f32,
    /// How wide a block too wide for the measure (a table, a line of code)
    /// may show before it scrolls: to the window's margin on the right.
    pub(super) wide: f32,
}

impl Column {
    fn of(ui: &Ui, style: &ReaderStyle) -> Self {
        let content_width = ui.available_width();
        let body = look_of(BlockKind::Paragraph, style);
        let char_width = average_char_width(ui, &body.font);
        let margin = style.font_size * 1.5;
        let measure = (style.measure_chars * char_width)
            .min(content_width - 2.0 * margin)
            .max(style.font_size * 8.0);
        let x = ((content_width - measure) / 2.0).max(0.0);
        Self {
            content_width,
            measure,
            x,
            wide: (content_width - x - margin).max(measure),
        }
    }
}

/// The visible blocks laid out, and how far measuring moved the view.
struct LaidOut {
    galleys: Vec<(usize, Arc<Galley>)>,
    visible: Range<usize>,
    /// How much blocks above the view grew once measured, in points.
    shift: f32,
}

impl Reader {
    /// How wide the page must be for a line of body text to hold
    /// `line_chars` characters, margins included.
    pub fn min_text_width(&self, ui: &Ui, style: &ReaderStyle, line_chars: f32) -> f32 {
        let body = look_of(BlockKind::Paragraph, style);
        line_chars * average_char_width(ui, &body.font) + 2.0 * style.font_size * 1.5
    }

    pub(super) fn content_ui(
        &mut self,
        ui: &mut Ui,
        viewport: Rect,
        document: &Document,
        style: &ReaderStyle,
        [highlights, matches]: [&[ReaderHighlight]; 2],
    ) -> ReaderOutput {
        let column = Column::of(ui, style);
        self.typeset = Some((*style, column.measure));
        self.ensure_estimates(ui, document, style, column.measure);
        self.update_pictures(ui.ctx(), document, viewport, column.measure);
        let laid_out = self.lay_out_visible(ui, viewport, document, style, column.measure);
        let shift = laid_out.shift;
        let total = self.heights.total() + style.font_size * 4.0;
        self.content_height = total;
        let (_, rect) = ui.allocate_space(vec2(column.content_width, total));
        let response = ui.interact(rect, Reader::page_id(), Sense::click_and_drag());
        self.keyboard_focus(ui, &response);
        if shift != 0.0 {
            self.keep_view_after_measuring(viewport.min.y, shift);
            ui.ctx().request_repaint();
        }
        let origin = pos2(rect.min.x + column.x, rect.min.y - shift);
        let placed = self.place(laid_out, document, style, &column, origin);
        self.table_scroll
            .scroll_ui(ui, &placed, document, &style.palette);
        // While a jump to a char is pending, the view is not where the reader
        // is: the reading position stays the one asked for.
        if !self.is_jumping() {
            self.top_char = placed
                .iter()
                .find(|p| self.heights.tops[p.index + 1] - shift > viewport.min.y)
                .map_or(self.top_char, |p| document.blocks()[p.index].chars.start);
            self.bottom_char = self.char_at_bottom(&placed, document, viewport, shift, total);
        }

        let screen_viewport = viewport.translate(rect.min.to_vec2());
        self.first_word_char = Reader::first_word_in_view(&placed, document, screen_viewport.min.y);
        if self.caret_to_view && self.scroll_request.is_none() {
            self.caret_to_view = false;
            self.selection = self
                .first_word_char
                .map(Selection::caret)
                .or(self.selection);
        }
        self.chars_in_view = match (placed.first(), placed.last()) {
            (Some(first), Some(last)) => {
                document.blocks()[first.index].chars.start..document.blocks()[last.index].chars.end
            }
            _ => 0..0,
        };
        let hits = self.pointer_input(ui, &response, &placed, screen_viewport, document, origin.x);
        let painted = self.paint(
            ui,
            &placed,
            document,
            style,
            [highlights, matches],
            column,
            origin,
        );
        self.table_scroll.fades_ui(ui, &placed, &style.palette);
        self.accessibility(
            ui,
            &response,
            &placed,
            document,
            highlights,
            &painted.highlight_rects,
        );
        self.has_painted = !placed.is_empty() || document.blocks().is_empty();
        let selection_end = painted
            .selection_end
            .filter(|end| !response.dragged() && screen_viewport.intersects(*end));
        ReaderOutput {
            response,
            clicked_at_char: hits.clicked_at,
            secondary_clicked_at_char: hits.secondary_clicked_at,
            clicked_on_letter: hits.clicked_on_letter,
            selection_end,
        }
    }

    /// How much of the text is above the bottom of the view, in chars: the
    /// last visible block counts in proportion to how much of it shows; at
    /// the end of the page, all of it.
    fn char_at_bottom(
        &self,
        placed: &[PlacedBlock],
        document: &Document,
        viewport: Rect,
        shift: f32,
        total: f32,
    ) -> usize {
        if viewport.max.y + 1.0 >= total {
            return document.char_count();
        }
        let Some(last) = placed
            .iter()
            .rev()
            .find(|p| self.heights.tops[p.index] - shift < viewport.max.y)
        else {
            return self.bottom_char;
        };
        let (top, bottom) = (
            self.heights.tops[last.index] - shift,
            self.heights.tops[last.index + 1] - shift,
        );
        let shown = ((viewport.max.y - top) / (bottom - top).max(1.0)).clamp(0.0, 1.0);
        let chars = &document.blocks()[last.index].chars;
        chars.start + (chars.len() as f32 * shown).round() as usize
    }

    /// Lays out the visible blocks; measured heights replace estimates,
    /// which can bring more blocks into view, so this repeats until stable.
    fn lay_out_visible(
        &mut self,
        ui: &Ui,
        viewport: Rect,
        document: &Document,
        style: &ReaderStyle,
        measure: f32,
    ) -> LaidOut {
        let mut laid_out = LaidOut {
            galleys: Vec::new(),
            visible: 0..0,
            shift: 0.0,
        };
        for _ in 0..4 {
            let visible = self.heights.visible(viewport.min.y, viewport.max.y);
            if visible == laid_out.visible {
                break;
            }
            let mut changed = false;
            for index in visible.clone() {
                if laid_out.galleys.iter().any(|(i, _)| *i == index) {
                    continue;
                }
                let look = self.block_look(document, index, style, measure);
                let galley = layout_block(ui.ctx(), document, index, &look, style, measure);
                let delta = self.heights.measure(
                    index,
                    look.space_before + galley.size().y + look.space_after,
                );
                if self.heights.tops[index] < viewport.min.y {
                    // Keep what is on screen where it was.
                    laid_out.shift += delta;
                }
                changed |= delta != 0.0;
                laid_out.galleys.push((index, galley));
            }
            if changed {
                self.heights
                    .recompute_tops(TOP_PADDING_EM * style.font_size);
            }
            laid_out.visible = visible;
        }
        laid_out
    }

    /// Screen positions of the visible blocks, in document order.
    fn place(
        &self,
        laid_out: LaidOut,
        document: &Document,
        style: &ReaderStyle,
        column: &Column,
        origin: Pos2,
    ) -> Vec<PlacedBlock> {
        let measure = column.measure;
        let mut placed: Vec<PlacedBlock> = laid_out
            .galleys
            .into_iter()
            .filter(|(i, _)| laid_out.visible.contains(i))
            .map(|(index, galley)| {
                let look = self.block_look(document, index, style, measure);
                let offset = galley_offset(&look, measure, &galley);
                let pos = origin + vec2(0.0, self.heights.tops[index]) + offset;
                // Too wide for the measure: shown to the window's margin
                // first, then scrolled.
                let right = if galley.size().x > measure - (pos.x - origin.x) + 0.5 {
                    origin.x + column.wide
                } else {
                    origin.x + measure
                };
                let shown = Rangef::new(pos.x, right);
                let scrolled = self
                    .table_scroll
                    .offset(index, galley.size().x, shown.span());
                PlacedBlock {
                    index,
                    pos: pos - vec2(scrolled, 0.0),
                    shown_x: (galley.size().x > shown.span() + 0.5).then_some(shown),
                    galley,
                }
            })
            .collect();
        placed.sort_by_key(|p| p.index);
        placed
    }
}

impl Reader {
    /// How a block is set; a figure's picture is room above its caption.
    pub(super) fn block_look(
        &self,
        document: &Document,
        index: usize,
        style: &ReaderStyle,
        measure: f32,
    ) -> BlockLook {
        let blocks = document.blocks();
        let mut look = look_of(blocks[index].kind, style);
        look.indent += self
            .list_room
            .borrow_mut()
            .extra_indent(document, index, style.font_size);
        // The pieces of a long block are set as one paragraph.
        if blocks[index].continues {
            look.space_before = 0.0;
        }
        if blocks.get(index + 1).is_some_and(|next| next.continues) {
            look.space_after = 0.0;
        }
        let Some(picture) = document.picture_of(index) else {
            return look;
        };
        let run = self.pictures.run_of(document, index, style);
        if let PictureRun::Head { .. } | PictureRun::Member { .. } = run {
            (look.hidden, look.line_height) = (true, 0.0);
        }
        if let PictureRun::Member { last } = run {
            look.space_before = 0.0;
            if !last {
                look.space_after = 0.0;
            }
        }
        if let PictureRun::Head { blocks, .. } = &run
            && blocks.len() > 1
        {
            look.space_after = 0.0;
        }
        let size = self
            .pictures
            .picture_size((document, index), picture, &run, style, measure);
        if size.y > 0.0 {
            look.space_before += size.y + picture_gap(&run, style);
        }
        look
    }
}

/// The space between a picture and its caption (a picture set in a line
/// has none).
pub(super) fn picture_gap(run: &PictureRun, style: &ReaderStyle) -> f32 {
    match run {
        PictureRun::Alone => (style.font_size * 0.5).round(),
        _ => 0.0,
    }
}

/// Where a block's galley sits: from the column's left edge and the top of
/// the block's slot.
pub(super) fn galley_offset(look: &BlockLook, measure: f32, galley: &Galley) -> Vec2 {
    let x = if look.centered {
        (measure - galley.size().x) / 2.0
    } else {
        look.indent
    };
    vec2(x, look.space_before)
}

pub(super) fn layout_block(
    ctx: &egui::Context,
    document: &Document,
    index: usize,
    look: &BlockLook,
    style: &ReaderStyle,
    measure: f32,
) -> Arc<Galley> {
    let block = &document.blocks()[index];
    let text = shown_text(document, index);
    if look.hidden {
        return hidden_galley(ctx, text);
    }
    let base = egui::TextFormat {
        font_id: look.font.clone(),
        color: look.color,
        line_height: Some(look.line_height),
        ..Default::default()
    };
    if block.kind == BlockKind::Table {
        return layout_table(ctx, text, &block.spans, look, style, measure - look.indent);
    }
    let mut job = egui::text::LayoutJob::default();
    // Code keeps its lines as written: a long one is never wrapped back to
    // the left edge; the block scrolls sideways, as a wide table does.
    job.wrap.max_width = if block.kind == BlockKind::Code {
        f32::INFINITY
    } else {
        measure - look.indent
    };
    let prose = matches!(
        block.kind,
        BlockKind::Paragraph | BlockKind::Quote | BlockKind::ListItem { .. }
    );
    job.justify = style.text.justify && prose;
    if block.spans.is_empty() {
        job.append(text, 0.0, base);
    } else {
        append_styled(&mut job, text, &block.spans, &base, &style.palette);
    }
    let language = document.metadata.language.as_deref();
    match hyphenation_language(language).filter(|_| style.text.hyphenate && prose) {
        Some(lang) => hyphenated_galley(ctx, job, lang, style.fonts_generation),
        None => ctx.fonts_mut(|f| f.layout_job(job)),
    }
}

/// The text a block's galley is laid out from: one char for each of the
/// block's.
fn shown_text(document: &Document, index: usize) -> &str {
    match document.block_text(index) {
        // A figure without a caption has no text to show (its one char
        // stays, invisible).
        NO_CAPTION => "\u{200B}",
        // A preformatted piece ends after a line: the break between the
        // pieces is that line break, not an empty row at this one's end.
        text if document
            .blocks()
            .get(index + 1)
            .is_some_and(|next| next.continues) =>
        {
            text.strip_suffix('\n').unwrap_or(text)
        }
        text => text,
    }
}

/// `text` laid out for its chars (offsets into the galley stay offsets
/// into the block), invisible and without height.
fn hidden_galley(ctx: &egui::Context, text: &str) -> Arc<Galley> {
    let hidden = egui::TextFormat {
        font_id: FontId::proportional(1.0),
        color: egui::Color32::TRANSPARENT,
        line_height: Some(0.0),
        ..Default::default()
    };
    let job = egui::text::LayoutJob::single_section(text.replace('\n', " "), hidden);
    ctx.fonts_mut(|f| f.layout_job(job))
}

/// Appends `text` in sections, one per run of the same inline styles
/// (emphasis and strong in the reading face's italic and bold).
pub fn append_styled(
    job: &mut egui::text::LayoutJob,
    text: &str,
    spans: &[StyledSpan],
    base: &egui::TextFormat,
    palette: &Palette,
) {
    let char_count = text.chars().count();
    let mut cuts_in_block: Vec<usize> = vec![0, char_count];
    for span in spans {
        cuts_in_block.push(span.chars.start.min(char_count));
        cuts_in_block.push(span.chars.end.min(char_count));
    }
    cuts_in_block.sort_unstable();
    cuts_in_block.dedup();
    let byte_of_char: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    for pair in cuts_in_block.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        let mut format = base.clone();
        for span in spans
            .iter()
            .filter(|s| s.chars.start <= start && end <= s.chars.end)
        {
            apply_inline_style(&mut format, &span.style, palette);
        }
        job.append(&text[byte_of_char[start]..byte_of_char[end]], 0.0, format);
    }
}

fn apply_inline_style(format: &mut egui::TextFormat, inline: &InlineStyle, palette: &Palette) {
    let size = format.font_id.size;
    match inline {
        InlineStyle::Emphasis => {
            format.font_id = FontId::new(size, styled_family(&format.font_id.family, false));
        }
        InlineStyle::Strong => {
            format.font_id = FontId::new(size, styled_family(&format.font_id.family, true));
        }
        InlineStyle::Code => {
            format.font_id = FontId::monospace(size * 0.88);
            format.background = palette.code_background;
        }
        InlineStyle::Link { .. } => {
            format.color = palette.link;
            format.underline = Stroke::new(1.0, palette.link);
        }
    }
}
