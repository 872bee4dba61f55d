//! The reader: a custom widget over a whole [`Document`].
//!
//! Blocks are laid out with `LayoutJob`s, and only the blocks inside the
//! viewport are laid out and painted; the heights of the others are estimated
//! from their length and replaced by measured heights once seen. Ranges
//! (the selection, highlights) are painted as rectangles under the text, row
//! by row. One interaction rect maps the pointer to a char offset in the
//! document's canonical text.

use std::ops::Range;
use std::sync::Arc;

use eframe::egui::{
    self, Align2, Color32, CornerRadius, Event, FontFamily, FontId, Galley, Key, Modifiers, Pos2,
    Rect, Response, Sense, Stroke, Ui, pos2, text::LayoutJob, vec2,
};
use unicode_segmentation::UnicodeSegmentation as _;

use crate::document::{BlockKind, Document, InlineStyle};

use super::theme::{Palette, SERIF, SERIF_BOLD, SERIF_ITALIC};

/// A coloured range painted under the text (highlights, find matches).
/// The reader takes them sorted by `chars.start`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReaderHighlight {
    pub chars: Range<usize>,
    pub color: Color32,
    /// A line under the text instead of a fill.
    pub underline: bool,
    /// A small mark at the end: the highlight has a note.
    pub marker: bool,
    /// Outlined: the highlight being edited, or one just jumped to.
    pub emphasis: bool,
    /// What a screen reader says of it; `None` for find matches.
    pub label: Option<String>,
}

/// What the reader reports of a frame.
#[derive(Debug)]
pub struct ReaderOutput {
    pub response: Response,
    /// A primary click (no drag, no Shift) landed on this char offset.
    pub clicked_at: Option<usize>,
    /// A secondary click landed on this char offset.
    pub secondary_clicked_at: Option<usize>,
    /// Where on screen the selection ends, when it is visible and not being dragged.
    pub selection_end: Option<Rect>,
}

/// How the reader sets type: chosen by the user, passed in every frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReaderStyle {
    /// Body text size in points.
    pub font_size: f32,
    /// About how many characters a line of body text holds.
    pub measure_chars: f32,
    pub palette: Palette,
}

/// A selection: `anchor` is where it started, `cursor` where it ends now
/// (char offsets in the canonical text; equal for a caret).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    pub anchor: usize,
    pub cursor: usize,
}

impl Selection {
    pub fn caret(at: usize) -> Self {
        Self {
            anchor: at,
            cursor: at,
        }
    }

    pub fn range(self) -> Range<usize> {
        self.anchor.min(self.cursor)..self.anchor.max(self.cursor)
    }

    pub fn is_empty(self) -> bool {
        self.anchor == self.cursor
    }
}

/// How one kind of block is set.
#[derive(Clone, Debug, PartialEq)]
struct BlockLook {
    font: FontId,
    color: Color32,
    line_height: f32,
    indent: f32,
    space_before: f32,
    space_after: f32,
    centered: bool,
}

fn look_of(kind: BlockKind, style: &ReaderStyle) -> BlockLook {
    let f = style.font_size;
    let p = &style.palette;
    let serif = |size: f32| FontId::new(size, FontFamily::Name(SERIF.into()));
    let bold = |size: f32| FontId::new(size, FontFamily::Name(SERIF_BOLD.into()));
    let italic = |size: f32| FontId::new(size, FontFamily::Name(SERIF_ITALIC.into()));
    let sans = |size: f32| FontId::new(size, FontFamily::Proportional);
    let plain = BlockLook {
        font: serif(f),
        color: p.text,
        line_height: (f * 1.55).round(),
        indent: 0.0,
        space_before: 0.0,
        space_after: (f * 0.85).round(),
        centered: false,
    };
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
        BlockKind::Byline | BlockKind::Source | BlockKind::Dateline => BlockLook {
            font: sans(f * 0.82),
            color: p.muted,
            line_height: (f * 0.82 * 1.45).round(),
            space_after: f * 0.5,
            ..plain
        },
        BlockKind::Heading { level } => {
            let scale = match level {
                0 | 1 => 1.55,
                2 => 1.28,
                _ => 1.1,
            };
            BlockLook {
                font: bold(f * scale),
                color: p.strong,
                line_height: (f * scale * 1.3).round(),
                space_before: f * 0.9,
                space_after: f * 0.55,
                ..plain
            }
        }
        BlockKind::Paragraph => plain,
        BlockKind::Quote => BlockLook {
            indent: f * 1.4,
            ..plain
        },
        BlockKind::ListItem { level, .. } => BlockLook {
            indent: f * 1.4 * f32::from(level.max(1)),
            space_after: f * 0.4,
            ..plain
        },
        BlockKind::Code | BlockKind::Table => BlockLook {
            font: FontId::monospace(f * 0.8),
            line_height: (f * 0.8 * 1.45).round(),
            indent: f * 0.6,
            ..plain
        },
        BlockKind::Separator => BlockLook {
            color: p.muted,
            space_before: f * 0.4,
            space_after: f * 1.2,
            centered: true,
            ..plain
        },
        BlockKind::Furniture => BlockLook {
            font: sans(f * 0.76),
            color: p.muted,
            line_height: (f * 0.76 * 1.4).round(),
            space_after: f * 0.3,
            ..plain
        },
    }
}

/// What the heights were computed for; a change re-estimates them.
#[derive(Clone, Copy, Debug, PartialEq)]
struct LayoutKey {
    wrap_width: f32,
    font_size: f32,
    block_count: usize,
    char_count: usize,
}

/// Heights of all blocks (estimated or measured) and their tops.
#[derive(Debug, Default)]
struct BlockHeights {
    key: Option<LayoutKey>,
    /// Slot height of each block: space before + text + space after.
    heights: Vec<f32>,
    measured: Vec<bool>,
    /// `tops[i]` is the top of block `i`'s slot; `tops[n]` is the total.
    tops: Vec<f32>,
}

impl BlockHeights {
    fn recompute_tops(&mut self, top_padding: f32) {
        self.tops.clear();
        self.tops.reserve(self.heights.len() + 1);
        let mut y = top_padding;
        for h in &self.heights {
            self.tops.push(y);
            y += h;
        }
        self.tops.push(y);
    }

    fn total(&self) -> f32 {
        self.tops.last().copied().unwrap_or(0.0)
    }

    /// The blocks whose slots intersect `min_y..max_y`.
    fn visible(&self, min_y: f32, max_y: f32) -> Range<usize> {
        let n = self.heights.len();
        let first = self.tops[..n]
            .partition_point(|&t| t <= min_y)
            .saturating_sub(1);
        let end = self.tops[..n].partition_point(|&t| t < max_y);
        first..end.max(first).min(n)
    }
}

/// What painting placed where, for accessibility and floating tools.
#[derive(Debug, Default)]
struct Painted {
    /// Index into the highlights and the screen rect of their first row.
    highlight_rects: Vec<(usize, Rect)>,
    selection_end: Option<Rect>,
}

/// A block laid out this frame.
struct PlacedBlock {
    index: usize,
    /// Screen position of the galley's top-left corner.
    pos: Pos2,
    galley: Arc<Galley>,
}

/// Where to scroll next frame.
#[derive(Clone, Copy, Debug, PartialEq)]
enum ScrollRequest {
    /// Put the block holding this char offset at the top.
    ToChar(usize),
    /// Bring the block holding this char offset into view, a quarter down,
    /// unless it is in view already.
    Reveal(usize),
    /// An absolute scroll offset in points.
    ToOffset(f32),
}

/// The reader widget's state.
#[derive(Debug, Default)]
pub struct Reader {
    heights: BlockHeights,
    selection: Option<Selection>,
    scroll_request: Option<ScrollRequest>,
    offset_y: f32,
    viewport_height: f32,
    /// Height of everything the scroll area holds.
    content_height: f32,
    top_char: usize,
    /// Whether the last laid-out frame showed the document (for timing).
    has_painted: bool,
}

const TOP_PADDING_EM: f32 = 2.5;

impl Reader {
    pub fn new() -> Self {
        Self::default()
    }

    /// Resets the widget for a newly opened document, scrolled to `position`.
    pub fn reset(&mut self, position: usize) {
        *self = Self {
            // The scroll area keeps its offset between documents: always set it.
            scroll_request: Some(ScrollRequest::ToChar(position)),
            top_char: position,
            ..Self::default()
        };
    }

    pub fn selection(&self) -> Option<Selection> {
        self.selection
    }

    pub fn set_selection(&mut self, selection: Option<Selection>) {
        self.selection = selection;
    }

    /// The char offset of the first block at the top of the window: the reading position.
    pub fn top_char(&self) -> usize {
        self.top_char
    }

    /// Whether a frame with the document's text has been painted.
    pub fn has_painted(&self) -> bool {
        self.has_painted
    }

    pub fn scroll_to_char(&mut self, offset: usize) {
        self.scroll_request = Some(ScrollRequest::ToChar(offset));
    }

    /// Brings a char offset into view (a quarter down the window) if it is not.
    pub fn reveal_char(&mut self, offset: usize) {
        self.scroll_request = Some(ScrollRequest::Reveal(offset));
    }

    /// The selected text, if any.
    pub fn selected_text(&self, document: &Document) -> Option<String> {
        let range = self.selection?.range();
        (!range.is_empty()).then(|| document.text_between(range.start, range.end))
    }

    /// Shows the document; returns the reader's response.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        document: &Document,
        style: &ReaderStyle,
        highlights: &[ReaderHighlight],
        matches: &[ReaderHighlight],
    ) -> ReaderOutput {
        self.keyboard_input(ui, document);
        let mut scroll_area = egui::ScrollArea::vertical()
            .id_salt("reader")
            .auto_shrink(false)
            .animated(false);
        match self.scroll_request {
            Some(ScrollRequest::ToOffset(y)) => {
                // Within bounds, so the scroll area has nothing to spring back from.
                let max = (self.content_height - self.viewport_height).max(0.0);
                scroll_area = scroll_area.vertical_scroll_offset(y.clamp(0.0, max));
                self.scroll_request = None;
            }
            Some(ScrollRequest::ToChar(offset)) if !self.heights.tops.is_empty() => {
                if let Some(block) = document.block_at(offset) {
                    let max = (self.content_height - self.viewport_height).max(0.0);
                    let y = if block == 0 {
                        0.0
                    } else {
                        self.heights.tops[block].min(max)
                    };
                    scroll_area = scroll_area.vertical_scroll_offset(y);
                }
                self.scroll_request = None;
            }
            Some(ScrollRequest::Reveal(offset)) if !self.heights.tops.is_empty() => {
                if let Some(block) = document.block_at(offset) {
                    let (top, bottom) = (self.heights.tops[block], self.heights.tops[block + 1]);
                    let visible = self.offset_y..self.offset_y + self.viewport_height;
                    if !(visible.contains(&top) && visible.contains(&bottom.min(visible.end - 1.0)))
                    {
                        let max = (self.content_height - self.viewport_height).max(0.0);
                        let y = (top - self.viewport_height / 4.0).clamp(0.0, max);
                        scroll_area = scroll_area.vertical_scroll_offset(y);
                    }
                }
                self.scroll_request = None;
            }
            _ => {}
        }
        let output = scroll_area.show_viewport(ui, |ui, viewport| {
            self.content_ui(ui, viewport, document, style, highlights, matches)
        });
        self.offset_y = output.state.clamped_offset().y;
        self.viewport_height = output.inner_rect.height();
        if matches!(
            self.scroll_request,
            Some(ScrollRequest::ToChar(_) | ScrollRequest::Reveal(_))
        ) {
            // The heights were not known yet: scroll next frame.
            ui.ctx().request_repaint();
        }
        output.inner
    }

    fn content_ui(
        &mut self,
        ui: &mut Ui,
        viewport: Rect,
        document: &Document,
        style: &ReaderStyle,
        highlights: &[ReaderHighlight],
        matches: &[ReaderHighlight],
    ) -> ReaderOutput {
        let content_width = ui.available_width();
        let body = look_of(BlockKind::Paragraph, style);
        let char_width = average_char_width(ui, &body.font);
        let margin = style.font_size * 1.5;
        let measure = (style.measure_chars * char_width)
            .min(content_width - 2.0 * margin)
            .max(style.font_size * 8.0);
        let column_x = ((content_width - measure) / 2.0).max(0.0);
        self.ensure_estimates(ui, document, style, measure);

        // Lay out the visible blocks; measured heights replace estimates,
        // which can bring more blocks into view, so repeat until stable.
        let mut placed_indices = 0..0;
        let mut galleys: Vec<(usize, Arc<Galley>)> = Vec::new();
        let mut shift = 0.0;
        for _ in 0..4 {
            let visible = self.heights.visible(viewport.min.y, viewport.max.y);
            if visible == placed_indices {
                break;
            }
            let mut changed = false;
            for index in visible.clone() {
                if galleys.iter().any(|(i, _)| *i == index) {
                    continue;
                }
                let look = look_of(document.blocks()[index].kind, style);
                let galley = layout_block(ui, document, index, &look, style, measure);
                let height = look.space_before + galley.size().y + look.space_after;
                if !self.heights.measured[index] || self.heights.heights[index] != height {
                    let delta = height - self.heights.heights[index];
                    if self.heights.tops[index] < viewport.min.y && delta != 0.0 {
                        // Keep what is on screen where it was.
                        shift += delta;
                    }
                    self.heights.heights[index] = height;
                    self.heights.measured[index] = true;
                    changed |= delta != 0.0;
                }
                galleys.push((index, galley));
            }
            if changed {
                self.heights
                    .recompute_tops(TOP_PADDING_EM * style.font_size);
            }
            placed_indices = visible;
        }
        let bottom_padding = style.font_size * 4.0;
        let total = self.heights.total() + bottom_padding;
        self.content_height = total;
        let (rect, response) =
            ui.allocate_exact_size(vec2(content_width, total), Sense::click_and_drag());
        if shift != 0.0 {
            self.scroll_request = Some(ScrollRequest::ToOffset(self.offset_y + shift));
            ui.ctx().request_repaint();
        }
        let origin = pos2(rect.min.x + column_x, rect.min.y - shift);
        let placed: Vec<PlacedBlock> = galleys
            .into_iter()
            .filter(|(i, _)| placed_indices.contains(i))
            .map(|(index, galley)| {
                let look = look_of(document.blocks()[index].kind, style);
                let x = if look.centered {
                    (measure - galley.size().x) / 2.0
                } else {
                    look.indent
                };
                PlacedBlock {
                    index,
                    pos: origin + vec2(x, self.heights.tops[index] + look.space_before),
                    galley,
                }
            })
            .collect();
        let mut placed = placed;
        placed.sort_by_key(|p| p.index);

        self.top_char = placed
            .iter()
            .find(|p| {
                let bottom = self.heights.tops[p.index + 1] - shift;
                bottom > viewport.min.y
            })
            .map_or(self.top_char, |p| document.blocks()[p.index].chars.start);

        let screen_viewport = viewport.translate(rect.min.to_vec2());
        let (clicked_at, secondary_clicked_at) =
            self.pointer_input(ui, &response, &placed, screen_viewport, document);
        let painted = self.paint(
            ui,
            &placed,
            document,
            style,
            [highlights, matches],
            measure,
            origin,
        );
        self.accessibility(
            ui,
            &response,
            &placed,
            document,
            highlights,
            &painted.highlight_rects,
        );
        self.has_painted = !placed.is_empty() || document.blocks().is_empty();
        let selection_end = painted.selection_end.filter(|_| {
            !response.dragged()
                && screen_viewport.intersects(painted.selection_end.unwrap_or(Rect::NOTHING))
        });
        ReaderOutput {
            response,
            clicked_at,
            secondary_clicked_at,
            selection_end,
        }
    }

    fn ensure_estimates(
        &mut self,
        ui: &Ui,
        document: &Document,
        style: &ReaderStyle,
        measure: f32,
    ) {
        let key = LayoutKey {
            wrap_width: measure,
            font_size: style.font_size,
            block_count: document.blocks().len(),
            char_count: document.char_count(),
        };
        if self.heights.key == Some(key) {
            return;
        }
        let mut char_widths: Vec<(FontId, f32)> = Vec::new();
        let mut heights = Vec::with_capacity(document.blocks().len());
        for (index, block) in document.blocks().iter().enumerate() {
            let look = look_of(block.kind, style);
            let char_width = match char_widths.iter().find(|(f, _)| *f == look.font) {
                Some((_, w)) => *w,
                None => {
                    let w = average_char_width(ui, &look.font);
                    char_widths.push((look.font.clone(), w));
                    w
                }
            };
            let per_row = ((measure - look.indent) / char_width).max(1.0);
            let rows: f32 = document
                .block_text(index)
                .split('\n')
                .map(|line| (line.chars().count() as f32 / per_row).ceil().max(1.0))
                .sum();
            heights.push(look.space_before + rows * look.line_height + look.space_after);
        }
        self.heights = BlockHeights {
            key: Some(key),
            measured: vec![false; heights.len()],
            heights,
            tops: Vec::new(),
        };
        self.heights
            .recompute_tops(TOP_PADDING_EM * style.font_size);
    }

    fn keyboard_input(&mut self, ui: &Ui, document: &Document) {
        if ui.ctx().memory(|m| m.focused().is_some()) {
            return; // A text field has the keys.
        }
        let page = (self.viewport_height * 0.9).max(40.0);
        let line = 3.0 * ui.text_style_height(&egui::TextStyle::Body);
        let mut scroll_to = None;
        let mut selection = self.selection;
        let char_count = document.char_count();
        let mut copy = false;
        ui.input_mut(|input| {
            copy = input.events.iter().any(|e| matches!(e, Event::Copy));
            // consume_key ignores an extra Shift: match shifted keys first.
            if let Some(current) = selection {
                let word = Modifiers::SHIFT | Modifiers::COMMAND;
                let moves: [(Modifiers, Key, CursorMove); 8] = [
                    (Modifiers::SHIFT, Key::ArrowLeft, CursorMove::Char(-1)),
                    (Modifiers::SHIFT, Key::ArrowRight, CursorMove::Char(1)),
                    (word, Key::ArrowLeft, CursorMove::Word(-1)),
                    (word, Key::ArrowRight, CursorMove::Word(1)),
                    (Modifiers::SHIFT, Key::ArrowUp, CursorMove::Line(-1)),
                    (Modifiers::SHIFT, Key::ArrowDown, CursorMove::Line(1)),
                    (Modifiers::SHIFT, Key::Home, CursorMove::BlockStart),
                    (Modifiers::SHIFT, Key::End, CursorMove::BlockEnd),
                ];
                for (modifiers, key, movement) in moves {
                    if input.consume_key(modifiers, key) {
                        selection = Some(Selection {
                            anchor: current.anchor,
                            cursor: moved_cursor(document, current.cursor, movement),
                        });
                    }
                }
            }
            for (modifiers, key, delta) in [
                (Modifiers::SHIFT, Key::Space, -page),
                (Modifiers::NONE, Key::PageDown, page),
                (Modifiers::NONE, Key::Space, page),
                (Modifiers::NONE, Key::PageUp, -page),
                (Modifiers::NONE, Key::ArrowDown, line),
                (Modifiers::NONE, Key::ArrowUp, -line),
            ] {
                if input.consume_key(modifiers, key) {
                    scroll_to = Some(self.offset_y + delta);
                }
            }
            if input.consume_key(Modifiers::NONE, Key::Home) {
                scroll_to = Some(0.0);
            }
            if input.consume_key(Modifiers::NONE, Key::End) {
                scroll_to = Some(self.content_height);
            }
            if input.consume_key(Modifiers::COMMAND, Key::A) {
                selection = Some(Selection {
                    anchor: 0,
                    cursor: char_count,
                });
            }
            if input.consume_key(Modifiers::COMMAND, Key::C) {
                copy = true;
            }
            if input.consume_key(Modifiers::NONE, Key::Escape) {
                selection = selection.map(|s| Selection::caret(s.cursor));
            }
        });
        if selection != self.selection {
            if let (Some(new), Some(block)) = (
                selection,
                selection.and_then(|s| document.block_at(s.cursor)),
            ) && !new.is_empty()
                && self.heights.tops.len() > block + 1
            {
                // Keep the moving end of the selection in view.
                let top = self.heights.tops[block];
                let bottom = self.heights.tops[block + 1];
                if bottom < self.offset_y || top > self.offset_y + self.viewport_height {
                    scroll_to = Some(top - self.viewport_height / 3.0);
                }
            }
            self.selection = selection;
        }
        if let Some(y) = scroll_to {
            self.scroll_request = Some(ScrollRequest::ToOffset(y));
        }
        if copy && let Some(text) = self.selected_text(document) {
            ui.ctx().copy_text(text);
        }
    }

    fn pointer_input(
        &mut self,
        ui: &Ui,
        response: &Response,
        placed: &[PlacedBlock],
        viewport: Rect,
        document: &Document,
    ) -> (Option<usize>, Option<usize>) {
        let shift_held = ui.input(|i| i.modifiers.shift);
        let mut clicked_at = None;
        let hit = |pos: Pos2| char_at(placed, document, viewport.clamp(pos));
        if response.triple_clicked() {
            if let Some(block) = response
                .interact_pointer_pos()
                .and_then(hit)
                .and_then(|c| document.block_at(c))
            {
                let chars = &document.blocks()[block].chars;
                self.selection = Some(Selection {
                    anchor: chars.start,
                    cursor: chars.end,
                });
            }
        } else if response.double_clicked() {
            if let Some(at) = response.interact_pointer_pos().and_then(hit) {
                let word = word_at(document, at);
                self.selection = Some(Selection {
                    anchor: word.start,
                    cursor: word.end,
                });
            }
        } else if response.clicked()
            && let Some(at) = response.interact_pointer_pos().and_then(hit)
        {
            if !shift_held {
                clicked_at = Some(at);
            }
            self.selection = Some(match self.selection {
                Some(s) if shift_held => Selection {
                    anchor: s.anchor,
                    cursor: at,
                },
                _ => Selection::caret(at),
            });
        }
        if response.drag_started() {
            let origin = ui.input(|i| i.pointer.press_origin());
            if let Some(start) = origin.and_then(hit) {
                let anchor = match self.selection {
                    Some(s) if shift_held => s.anchor,
                    _ => start,
                };
                self.selection = Some(Selection {
                    anchor,
                    cursor: start,
                });
            }
        }
        if response.dragged()
            && let Some(pointer) = ui.input(|i| i.pointer.latest_pos())
        {
            if let (Some(at), Some(s)) = (hit(pointer), self.selection) {
                self.selection = Some(Selection {
                    anchor: s.anchor,
                    cursor: at,
                });
            }
            // Auto-scroll when dragging past the top or bottom edge.
            let edge = 24.0;
            let speed = if pointer.y < viewport.min.y + edge {
                (pointer.y - (viewport.min.y + edge)).max(-200.0)
            } else if pointer.y > viewport.max.y - edge {
                (pointer.y - (viewport.max.y - edge)).min(200.0)
            } else {
                0.0
            };
            if speed != 0.0 {
                self.scroll_request = Some(ScrollRequest::ToOffset(self.offset_y + speed * 0.5));
                ui.ctx().request_repaint();
            }
        }
        if response.hovered() {
            let link = ui
                .input(|i| i.pointer.hover_pos())
                .and_then(hit)
                .and_then(|at| document.link_at(at));
            match link {
                Some(target) => {
                    // Show where a link goes before it is followed.
                    ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
                    response
                        .clone()
                        .on_hover_text_at_pointer(format!("Opens {target}"));
                }
                None => ui.ctx().set_cursor_icon(egui::CursorIcon::Text),
            }
        }
        let secondary_clicked_at = if response.secondary_clicked() {
            response.interact_pointer_pos().and_then(hit)
        } else {
            None
        };
        (clicked_at, secondary_clicked_at)
    }

    #[allow(clippy::too_many_arguments)]
    fn paint(
        &self,
        ui: &Ui,
        placed: &[PlacedBlock],
        document: &Document,
        style: &ReaderStyle,
        [highlights, matches]: [&[ReaderHighlight]; 2],
        measure: f32,
        origin: Pos2,
    ) -> Painted {
        let mut painted = Painted::default();
        let painter = ui.painter();
        let palette = &style.palette;
        let longest_highlight = highlights.iter().map(|h| h.chars.len()).max().unwrap_or(0);
        let selection = self
            .selection
            .map(Selection::range)
            .filter(|r| !r.is_empty());
        for block in placed {
            let info = &document.blocks()[block.index];
            let look = look_of(info.kind, style);
            let text_rect = Rect::from_min_size(block.pos, block.galley.size());
            match info.kind {
                BlockKind::Quote => {
                    let x = origin.x + look.indent * 0.35;
                    painter.line_segment(
                        [
                            pos2(x, text_rect.top() + 2.0),
                            pos2(x, text_rect.bottom() - 2.0),
                        ],
                        Stroke::new(3.0, palette.rule),
                    );
                }
                BlockKind::Code | BlockKind::Table => {
                    let background = Rect::from_min_max(
                        pos2(origin.x, text_rect.top() - 6.0),
                        pos2(origin.x + measure, text_rect.bottom() + 6.0),
                    );
                    painter.rect_filled(background, CornerRadius::same(4), palette.code_background);
                }
                BlockKind::ListItem {
                    ordered: false,
                    level,
                } => {
                    let bullet = if level > 1 { "◦" } else { "•" };
                    painter.text(
                        pos2(text_rect.left() - look.font.size * 0.8, text_rect.top()),
                        Align2::CENTER_TOP,
                        bullet,
                        look.font.clone(),
                        palette.muted,
                    );
                }
                BlockKind::Title => {
                    let y = text_rect.bottom() + look.space_after * 0.45;
                    painter.line_segment(
                        [pos2(origin.x, y), pos2(origin.x + measure.min(120.0), y)],
                        Stroke::new(1.5, palette.rule),
                    );
                }
                _ => {}
            }
            // Highlights are sorted by start: only those that can reach this block.
            let first = highlights
                .partition_point(|h| h.chars.start + longest_highlight < info.chars.start);
            let last = highlights.partition_point(|h| h.chars.start <= info.chars.end);
            for (index, highlight) in highlights[first..last.max(first)].iter().enumerate() {
                let look = if highlight.underline {
                    RangeLook::Underline(highlight.color)
                } else {
                    RangeLook::Fill(highlight.color)
                };
                let rects = paint_range(painter, block, &info.chars, &highlight.chars, look);
                if highlight.emphasis {
                    for rect in &rects {
                        painter.rect_stroke(
                            rect.expand(1.5),
                            CornerRadius::same(3),
                            Stroke::new(1.5, palette.strong),
                            egui::StrokeKind::Outside,
                        );
                    }
                }
                if highlight.marker
                    && highlight.chars.end <= info.chars.end
                    && let Some(last_rect) = rects.last()
                {
                    let center = pos2(last_rect.right() + 1.0, last_rect.top() + 2.0);
                    painter.circle_filled(center, 3.5, palette.strong);
                    painter.circle_filled(center, 2.5, highlight.color.to_opaque());
                }
                if let Some(rect) = rects.first()
                    && highlight.label.is_some()
                    && !painted
                        .highlight_rects
                        .iter()
                        .any(|(i, _)| *i == first + index)
                {
                    painted.highlight_rects.push((first + index, *rect));
                }
            }
            for found in &matches[matches.partition_point(|m| m.chars.end < info.chars.start)..] {
                if found.chars.start > info.chars.end {
                    break;
                }
                let rects = paint_range(
                    painter,
                    block,
                    &info.chars,
                    &found.chars,
                    RangeLook::Fill(found.color),
                );
                if found.emphasis {
                    for rect in &rects {
                        painter.rect_stroke(
                            rect.expand(1.0),
                            CornerRadius::same(3),
                            Stroke::new(1.5, found.color.to_opaque()),
                            egui::StrokeKind::Outside,
                        );
                    }
                }
            }
            if let Some(range) = &selection {
                paint_range(
                    painter,
                    block,
                    &info.chars,
                    range,
                    RangeLook::Fill(palette.selection),
                );
            }
            if let Some(selection) = self.selection.filter(|s| !s.is_empty())
                && (info.chars.start..=info.chars.end).contains(&selection.cursor)
            {
                let cursor = selection.cursor - info.chars.start;
                let at = block
                    .galley
                    .pos_from_cursor(egui::text::CCursor::new(cursor));
                painted.selection_end = Some(at.translate(block.pos.to_vec2()));
            }
            painter.galley(block.pos, block.galley.clone(), look.color);
        }
        painted
    }

    fn accessibility(
        &self,
        ui: &Ui,
        response: &Response,
        placed: &[PlacedBlock],
        document: &Document,
        highlights: &[ReaderHighlight],
        highlight_rects: &[(usize, Rect)],
    ) {
        for &(index, rect) in highlight_rects {
            let Some(label) = &highlights[index].label else {
                continue;
            };
            let id = response
                .id
                .with(("highlight", highlights[index].chars.start, index));
            ui.ctx().accesskit_node_builder(id, |node| {
                node.set_role(egui::Role::Mark);
                node.set_label(label.as_str());
                node.set_bounds(egui::accesskit::Rect {
                    x0: rect.min.x as f64,
                    y0: rect.min.y as f64,
                    x1: rect.max.x as f64,
                    y1: rect.max.y as f64,
                });
            });
        }
        let title = document.display_title();
        let label = format!("Article: {title}");
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Document, true, &label));
        for block in placed {
            let kind = document.blocks()[block.index].kind;
            let id = response.id.with(("block", block.index));
            let rect = Rect::from_min_size(block.pos, block.galley.size());
            let text = document.block_text(block.index);
            ui.ctx().accesskit_node_builder(id, |node| {
                node.set_role(role_of(kind));
                if let BlockKind::Heading { level } = kind {
                    node.set_level(level as usize);
                }
                node.set_label(text);
                node.set_bounds(egui::accesskit::Rect {
                    x0: rect.min.x as f64,
                    y0: rect.min.y as f64,
                    x1: rect.max.x as f64,
                    y1: rect.max.y as f64,
                });
            });
        }
    }
}

fn role_of(kind: BlockKind) -> egui::Role {
    match kind {
        BlockKind::Title | BlockKind::Heading { .. } => egui::Role::Heading,
        BlockKind::Quote => egui::Role::Blockquote,
        BlockKind::ListItem { .. } => egui::Role::ListItem,
        BlockKind::Code => egui::Role::Code,
        BlockKind::Table => egui::Role::Table,
        BlockKind::Separator => egui::Role::Splitter,
        BlockKind::Furniture => egui::Role::Note,
        BlockKind::Lead
        | BlockKind::Byline
        | BlockKind::Source
        | BlockKind::Dateline
        | BlockKind::Paragraph => egui::Role::Paragraph,
    }
}

/// The average advance of a char in running text, for estimating heights and the measure.
fn average_char_width(ui: &Ui, font: &FontId) -> f32 {
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

fn layout_block(
    ui: &Ui,
    document: &Document,
    index: usize,
    look: &BlockLook,
    style: &ReaderStyle,
    measure: f32,
) -> Arc<Galley> {
    let block = &document.blocks()[index];
    let text = document.block_text(index);
    let base = egui::TextFormat {
        font_id: look.font.clone(),
        color: look.color,
        line_height: Some(look.line_height),
        ..Default::default()
    };
    let mut job = LayoutJob::default();
    job.wrap.max_width = measure - look.indent;
    if block.spans.is_empty() {
        job.append(text, 0.0, base);
    } else {
        append_styled(&mut job, text, &block.spans, &base, style);
    }
    ui.fonts_mut(|f| f.layout_job(job))
}

/// Appends `text` in sections, one per run of the same inline styles.
fn append_styled(
    job: &mut LayoutJob,
    text: &str,
    spans: &[crate::document::StyledSpan],
    base: &egui::TextFormat,
    style: &ReaderStyle,
) {
    let char_count = text.chars().count();
    let mut cuts: Vec<usize> = vec![0, char_count];
    for span in spans {
        cuts.push(span.chars.start.min(char_count));
        cuts.push(span.chars.end.min(char_count));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let byte_of: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        let mut format = base.clone();
        for span in spans
            .iter()
            .filter(|s| s.chars.start <= start && end <= s.chars.end)
        {
            let size = format.font_id.size;
            match &span.style {
                InlineStyle::Emphasis => {
                    format.font_id = FontId::new(size, FontFamily::Name(SERIF_ITALIC.into()));
                }
                InlineStyle::Strong => {
                    format.font_id = FontId::new(size, FontFamily::Name(SERIF_BOLD.into()));
                }
                InlineStyle::Code => {
                    format.font_id = FontId::monospace(size * 0.88);
                    format.background = style.palette.code_background;
                }
                InlineStyle::Link { .. } => {
                    format.color = style.palette.link;
                    format.underline = Stroke::new(1.0, style.palette.link);
                }
            }
        }
        job.append(&text[byte_of[start]..byte_of[end]], 0.0, format);
    }
}

/// How a range is marked.
#[derive(Clone, Copy, Debug)]
enum RangeLook {
    Fill(Color32),
    Underline(Color32),
}

/// Paints `range` (canonical chars) under the rows of one block.
fn paint_range(
    painter: &egui::Painter,
    block: &PlacedBlock,
    block_chars: &Range<usize>,
    range: &Range<usize>,
    look: RangeLook,
) -> Vec<Rect> {
    let mut rects = Vec::new();
    let start = range.start.max(block_chars.start);
    let end = range.end.min(block_chars.end);
    let continues = range.end > block_chars.end;
    if start > end || (start == end && !continues) {
        return rects;
    }
    let (local_start, local_end) = (start - block_chars.start, end - block_chars.start);
    let mut row_start = 0;
    for row in &block.galley.rows {
        let row_len = row.row.char_count_excluding_newline().0;
        let row_end = row_start + row_len;
        let next_row_start = row_start + row.char_count_including_newline().0;
        let last_row =
            next_row_start >= block_chars.end - block_chars.start && !row.ends_with_newline;
        let a = local_start.max(row_start);
        let b = local_end.min(row_end);
        let runs_on = local_end > row_end && (!last_row || continues);
        if a < b || (a == b && runs_on && a >= row_start && a <= row_end) {
            let x0 = row.row.x_offset(egui::text::CharIndex(a - row_start));
            let mut x1 = row.row.x_offset(egui::text::CharIndex(b - row_start));
            if runs_on {
                x1 += 4.0; // The selection goes on past the end of this row.
            }
            let rect = Rect::from_min_max(
                block.pos + row.pos.to_vec2() + vec2(x0, 0.0),
                block.pos + row.pos.to_vec2() + vec2(x1, row.row.size.y),
            );
            rects.push(rect);
            match look {
                RangeLook::Fill(color) => {
                    painter.rect_filled(rect, CornerRadius::same(2), color);
                }
                RangeLook::Underline(color) => {
                    let y = rect.bottom() - (rect.height() * 0.14).max(2.0);
                    painter.line_segment(
                        [pos2(rect.left(), y), pos2(rect.right(), y)],
                        Stroke::new(2.5, color),
                    );
                }
            }
        }
        row_start = next_row_start;
    }
    rects
}

/// The char offset under a screen position (which lies inside the viewport).
fn char_at(placed: &[PlacedBlock], document: &Document, pos: Pos2) -> Option<usize> {
    let block = placed
        .iter()
        .rev()
        .find(|p| p.pos.y - 8.0 <= pos.y)
        .or_else(|| placed.first())?;
    let local = block.galley.cursor_from_pos(pos - block.pos).index.0;
    let chars = &document.blocks()[block.index].chars;
    Some((chars.start + local).min(chars.end))
}

/// The word (or run of spaces or punctuation) around a char offset.
fn word_at(document: &Document, at: usize) -> Range<usize> {
    let Some(index) = document.block_at(at) else {
        return at..at;
    };
    let chars = &document.blocks()[index].chars;
    let text = document.block_text(index);
    let local = at.saturating_sub(chars.start);
    let mut start = 0;
    for word in text.split_word_bounds() {
        let len = word.chars().count();
        if local < start + len || start + len == chars.end - chars.start {
            return chars.start + start..chars.start + start + len;
        }
        start += len;
    }
    at..at
}

#[derive(Clone, Copy, Debug)]
enum CursorMove {
    Char(i64),
    Word(i64),
    Line(i64),
    BlockStart,
    BlockEnd,
}

/// Moves a cursor through the canonical text, stepping over block separators.
fn moved_cursor(document: &Document, cursor: usize, movement: CursorMove) -> usize {
    let count = document.char_count();
    let Some(index) = document.block_at(cursor) else {
        return cursor;
    };
    let blocks = document.blocks();
    let chars = &blocks[index].chars;
    let step_char = |c: usize, forward: bool| -> usize {
        let i = document.block_at(c).unwrap_or(0);
        let block = &blocks[i].chars;
        if forward {
            if c >= block.end {
                blocks.get(i + 1).map_or(count, |b| b.chars.start)
            } else {
                c + 1
            }
        } else if c <= block.start {
            if i == 0 { 0 } else { blocks[i - 1].chars.end }
        } else {
            c - 1
        }
    };
    match movement {
        CursorMove::Char(n) => (0..n.unsigned_abs()).fold(cursor, |c, _| step_char(c, n > 0)),
        CursorMove::Word(n) => {
            let mut c = cursor;
            for _ in 0..n.unsigned_abs() {
                c = step_char(c, n > 0);
                let word = word_at(document, c);
                c = if n > 0 { word.end } else { word.start };
            }
            c
        }
        CursorMove::Line(n) => {
            // About one line of body text; the row layout is not needed.
            (0..n.unsigned_abs() * 70).fold(cursor, |c, _| step_char(c, n > 0))
        }
        CursorMove::BlockStart => chars.start,
        CursorMove::BlockEnd => chars.end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{DocumentBuilder, Format, Metadata};

    fn document() -> Document {
        let mut builder = DocumentBuilder::new(Format::Text, Metadata::default());
        builder.push(BlockKind::Title, "A title");
        builder.push(BlockKind::Paragraph, "Hello, wide world.");
        builder.finish()
    }

    #[test]
    fn words_are_found_by_unicode_word_bounds() {
        let doc = document();
        assert_eq!(
            doc.text_between(word_at(&doc, 17).start, word_at(&doc, 17).end),
            "wide"
        );
        assert_eq!(
            doc.text_between(word_at(&doc, 9).start, word_at(&doc, 9).end),
            "Hello"
        );
    }

    #[test]
    fn cursor_steps_over_block_separators() {
        let doc = document();
        assert_eq!(moved_cursor(&doc, 7, CursorMove::Char(1)), 9);
        assert_eq!(moved_cursor(&doc, 9, CursorMove::Char(-1)), 7);
        assert_eq!(moved_cursor(&doc, 9, CursorMove::Word(1)), 14);
        assert_eq!(moved_cursor(&doc, 12, CursorMove::BlockEnd), 27);
        assert_eq!(moved_cursor(&doc, 27, CursorMove::Char(1)), 27);
    }

    #[test]
    fn visible_blocks_by_binary_search() {
        let mut heights = BlockHeights {
            heights: vec![10.0, 20.0, 30.0],
            measured: vec![false; 3],
            ..Default::default()
        };
        heights.recompute_tops(5.0);
        assert_eq!(heights.tops, vec![5.0, 15.0, 35.0, 65.0]);
        assert_eq!(heights.visible(0.0, 14.0), 0..1);
        assert_eq!(heights.visible(16.0, 40.0), 1..3);
        assert_eq!(heights.visible(70.0, 80.0), 2..3);
    }
}
