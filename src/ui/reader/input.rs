//! Input: the pointer (click, double and triple click, shift-click, drag
//! with edge auto-scroll, links under the pointer) and the reader commands
//! the keyboard sends through the command table.

use eframe::egui::{self, Pos2, Rect, Response, Ui, pos2};

use crate::document::Document;

use super::cursor::{is_word, word_at};
use super::layout::PlacedBlock;
use super::table::char_at_pos;
use super::{Reader, ReaderCommand, ScrollRequest, Selection};

impl Reader {
    /// Carries out a reader command.
    pub fn apply(&mut self, command: ReaderCommand, document: &Document, ctx: &egui::Context) {
        let page = (self.viewport_height * 0.9).max(40.0);
        let scroll_to = |y: f32| Some(ScrollRequest::ToOffset(y));
        // A press that comes before the last one was drawn moves on from
        // where that one goes, not from where the view still is.
        let from = match self.scroll_request {
            Some(ScrollRequest::ToOffset(y)) => y,
            _ => self.offset_y,
        };
        let page_step = matches!(
            command,
            ReaderCommand::PageDown
                | ReaderCommand::PageUp
                | ReaderCommand::Top
                | ReaderCommand::Bottom
        );
        if page_step && self.caret_browsing() && self.selection.is_none_or(Selection::is_empty) {
            self.caret_to_view = true;
        }
        match command {
            ReaderCommand::LineDown => self.scroll_request = scroll_to(from + self.line_step),
            ReaderCommand::LineUp => self.scroll_request = scroll_to(from - self.line_step),
            ReaderCommand::PageDown => self.scroll_request = scroll_to(from + page),
            ReaderCommand::PageUp => self.scroll_request = scroll_to(from - page),
            ReaderCommand::Top => self.scroll_request = scroll_to(0.0),
            ReaderCommand::Bottom => self.scroll_request = scroll_to(self.content_height),
            // The view stays where it is, as in a browser.
            ReaderCommand::SelectAll => {
                self.selection = Some(Selection {
                    anchor_char: 0,
                    cursor_char: document.char_count(),
                });
            }
            ReaderCommand::Copy => {
                if let Some(text) = self.selected_text(document) {
                    ctx.copy_text(text);
                }
            }
            ReaderCommand::CollapseSelection => {
                self.selection = self.selection.map(|s| Selection::caret(s.cursor_char));
            }
            ReaderCommand::Extend(movement) => self.move_caret(movement, true, document, ctx),
            ReaderCommand::MoveCaret(movement) => self.move_caret(movement, false, document, ctx),
            ReaderCommand::ToggleCaret => self.toggle_caret(),
        }
        ctx.request_repaint();
    }

    /// Takes this frame's pointer input; returns where a primary click (no
    /// Shift) and a secondary click landed, as char offsets, and whether the
    /// primary one was on a letter (not the blank beside a line).
    pub(super) fn pointer_input(
        &mut self,
        ui: &Ui,
        response: &Response,
        placed: &[PlacedBlock],
        viewport: Rect,
        document: &Document,
        column_left: f32,
    ) -> PointerHits {
        // A small picture set in a line is pointed at as its alt text's
        // first char (its link is the picture's).
        let pictures = self.inline_picture_rects(placed, document, column_left);
        let picture_at = |pos: Pos2| pictures.iter().find(|(r, _)| r.contains(pos)).map(|p| p.1);
        let hit =
            |pos: Pos2| picture_at(pos).or_else(|| char_at(placed, document, viewport.clamp(pos)));
        let touched = |pos: Pos2| picture_at(pos).or_else(|| char_touched(placed, document, pos));
        let clicked_at = self.clicks(ui, response, &hit, document);
        if response.drag_started() {
            self.drag_started(ui, &hit);
        }
        // The frame the button comes up counts too: where it was released
        // is where the selection ends, however quick the drag.
        if (response.dragged() || response.drag_stopped())
            && let Some(pointer) = ui.input(|i| i.pointer.latest_pos())
        {
            self.dragged_to(ui, pointer, viewport, &hit, document);
        }
        if response.hovered() {
            hover_ui(ui, response, &touched, document);
        }
        let secondary_clicked_at = if response.secondary_clicked() {
            response.interact_pointer_pos().and_then(hit)
        } else {
            None
        };
        let on_a_letter = response.interact_pointer_pos().and_then(touched);
        PointerHits {
            clicked_at,
            secondary_clicked_at,
            clicked_on_letter: clicked_at.is_some() && on_a_letter.is_some(),
        }
    }

    /// Triple click selects a paragraph, double click a word, a click
    /// places the caret (Shift extends).
    fn clicks(
        &mut self,
        ui: &Ui,
        response: &Response,
        hit: &impl Fn(Pos2) -> Option<usize>,
        document: &Document,
    ) -> Option<usize> {
        let shift_held = ui.input(|i| i.modifiers.shift);
        let at = response.interact_pointer_pos().and_then(hit)?;
        if response.triple_clicked() {
            if let Some(block) = document.block_at(at) {
                let chars = &document.blocks()[block].chars;
                self.selection = Some(Selection {
                    anchor_char: chars.start,
                    cursor_char: chars.end,
                });
            }
        } else if response.double_clicked() {
            let word = word_at(document, at);
            self.selection = Some(Selection {
                anchor_char: word.start,
                cursor_char: word.end,
            });
        } else if response.clicked() {
            self.selection = Some(match self.selection {
                Some(s) if shift_held => Selection {
                    anchor_char: s.anchor_char,
                    cursor_char: at,
                },
                _ => Selection::caret(at),
            });
            return (!shift_held).then_some(at);
        }
        None
    }

    /// A drag anchors where the button went down (Shift keeps the anchor).
    fn drag_started(&mut self, ui: &Ui, hit: &impl Fn(Pos2) -> Option<usize>) {
        let shift_held = ui.input(|i| i.modifiers.shift);
        let origin = ui.input(|i| i.pointer.press_origin());
        if let Some(start) = origin.and_then(hit) {
            let anchor = match self.selection {
                Some(s) if shift_held => s.anchor_char,
                _ => start,
            };
            self.drag_origin_char = (!shift_held).then_some(start);
            self.selection = Some(Selection {
                anchor_char: anchor,
                cursor_char: start,
            });
        }
    }

    /// The selection follows the pointer, by whole words once it leaves the
    /// word it started in (Alt: by character); past the top or bottom edge
    /// the page scrolls.
    fn dragged_to(
        &mut self,
        ui: &Ui,
        pointer: Pos2,
        viewport: Rect,
        hit: &impl Fn(Pos2) -> Option<usize>,
        document: &Document,
    ) {
        let by_char = ui.input(|i| i.modifiers.alt);
        if let (Some(at), Some(s)) = (hit(pointer), self.selection) {
            self.selection = Some(match self.drag_origin_char {
                Some(origin) if !by_char => snapped_to_words(document, origin, at),
                _ => Selection {
                    anchor_char: s.anchor_char,
                    cursor_char: at,
                },
            });
        }
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
}

/// A drag from `origin` to `at`: by character inside the word it started
/// in, by whole words once it crosses out of it (as Kindle and Apple Books
/// select).
fn snapped_to_words(document: &Document, origin: usize, at: usize) -> Selection {
    let is_word = |range: &std::ops::Range<usize>| is_word(document, range);
    let start_word = word_at(document, origin);
    let inside = (start_word.start..=start_word.end).contains(&at);
    if inside || !is_word(&start_word) {
        return Selection {
            anchor_char: origin,
            cursor_char: at,
        };
    }
    // The word the pointer is over is taken whole; over a space, the
    // selection stops at the word before it.
    if at > origin {
        let over = word_at(document, at - 1);
        let end = if is_word(&over) { over.end.max(at) } else { at };
        Selection {
            anchor_char: start_word.start,
            cursor_char: document.trim_whitespace(start_word.start..end).end,
        }
    } else {
        let over = word_at(document, at);
        let start = if is_word(&over) {
            over.start.min(at)
        } else {
            at
        };
        Selection {
            anchor_char: start_word.end,
            cursor_char: document.trim_whitespace(start..start_word.end).start,
        }
    }
}

/// Where this frame's clicks landed.
pub(super) struct PointerHits {
    pub(super) clicked_at: Option<usize>,
    pub(super) secondary_clicked_at: Option<usize>,
    /// The primary click was on a letter, not on the blank beside a line.
    pub(super) clicked_on_letter: bool,
}

/// A link under the pointer (on its letters, not the blank beside them)
/// shows where it goes before it is followed.
fn hover_ui(
    ui: &Ui,
    response: &Response,
    hit: &impl Fn(Pos2) -> Option<usize>,
    document: &Document,
) {
    let link = ui
        .input(|i| i.pointer.hover_pos())
        .and_then(hit)
        .and_then(|at| document.link_at(at));
    match link {
        Some(target) => {
            ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
            // A link inside the article says where it goes in the article.
            let hint = match document.internal_target(target) {
                Some(at_char) => format!("Goes to “{}…”", document_preview(document, at_char)),
                None => format!("Opens {target}"),
            };
            response.clone().on_hover_text_at_pointer(hint);
        }
        None => ui.ctx().set_cursor_icon(egui::CursorIcon::Text),
    }
}

/// The char whose letter is under a screen position, if one is (not the
/// nearest char to a point in the margin or the blank after a short line).
fn char_touched(placed: &[PlacedBlock], document: &Document, pos: Pos2) -> Option<usize> {
    const SLACK: f32 = 2.0;
    let block = placed.iter().rev().find(|p| p.pos.y <= pos.y)?;
    if block
        .shown_x
        .is_some_and(|shown| shown.clamp(pos.x) != pos.x)
    {
        return None;
    }
    let relative = pos - block.pos;
    let in_block = char_at_pos(&block.galley, relative);
    let letter = |i: usize| {
        let left = block.galley.pos_from_cursor(egui::text::CCursor::new(i));
        let right = block
            .galley
            .pos_from_cursor(egui::text::CCursor::new(i + 1));
        let same_row = (left.top() - right.top()).abs() < 0.5;
        let rect = Rect::from_min_max(left.left_top(), egui::pos2(right.left(), left.bottom()));
        (same_row && rect.expand(SLACK).contains(relative.to_pos2())).then_some(i)
    };
    let found = letter(in_block).or_else(|| in_block.checked_sub(1).and_then(letter))?;
    let chars = &document.blocks()[block.index].chars;
    (chars.start + found < chars.end).then_some(chars.start + found)
}

/// The char offset under a screen position (which lies inside the viewport).
fn char_at(placed: &[PlacedBlock], document: &Document, pos: Pos2) -> Option<usize> {
    let block = placed
        .iter()
        .rev()
        .find(|p| p.pos.y - 8.0 <= pos.y)
        .or_else(|| placed.first())?;
    // Of a wide table, only the part shown can be pointed at.
    let x = block.shown_x.map_or(pos.x, |shown| shown.clamp(pos.x));
    let in_block = char_at_pos(&block.galley, pos2(x, pos.y) - block.pos);
    let chars = &document.blocks()[block.index].chars;
    Some((chars.start + in_block).min(chars.end))
}

/// The first words of the text at `at_char`, for a link's hint.
fn document_preview(document: &Document, at_char: usize) -> String {
    let text = document.text_between(at_char, at_char + 40);
    let words: Vec<&str> = text.split_whitespace().take(6).collect();
    words.join(" ")
}
