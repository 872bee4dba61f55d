//! Accessibility: the article as a document node, each visible block a node
//! under it with its role and text, each visible highlight a mark with its
//! label, so screen readers (and UI tests) find them. With caret browsing,
//! the page has the keyboard focus and its document node the caret as
//! AccessKit's text selection, in the text runs of the caret's block: a
//! screen reader reads the caret's line.

use eframe::egui::{
    self, Galley, Id, Rect, Response, Ui, UiBuilder,
    emath::{GuiRounding as _, TSTransform},
    text::CCursor,
    text_selection::accesskit_text::update_accesskit_for_text_widget,
};

use crate::document::{BlockKind, Document};

use super::layout::PlacedBlock;
use super::{Reader, ReaderHighlight, Selection};

impl Reader {
    /// Unless caret browsing was turned off, the page has the keyboard
    /// focus whenever no other widget has it: a screen reader follows the
    /// text selection of the focused node. It keeps the arrow keys (egui
    /// would move the focus with them); Tab and Escape leave it.
    pub(super) fn keyboard_focus(&self, ui: &Ui, response: &Response) {
        let focused = ui.memory(egui::Memory::focused);
        if self.arrows_move_caret() {
            if focused.is_none() {
                response.request_focus();
            }
            let arrows = egui::EventFilter {
                horizontal_arrows: true,
                vertical_arrows: true,
                ..Default::default()
            };
            ui.memory_mut(|memory| memory.set_focus_lock_filter(response.id, arrows));
        } else if focused == Some(response.id) {
            response.surrender_focus();
        }
    }

    pub(super) fn accessibility(
        &self,
        ui: &mut Ui,
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
                node.set_bounds(bounds(rect));
            });
        }
        let title = document.display_title();
        let label = format!("Article: {title}");
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Document, true, &label));
        // No accessibility tree this frame (no screen reader asked for one).
        if !ui.ctx().has_accesskit_node(response.id) {
            return;
        }
        let caret = self.accessible_selection();
        for block in placed {
            block_node(ui, response.id, block, document, caret);
        }
    }

    /// The caret or selection a screen reader is told of: a selection, or
    /// the caret while caret browsing is on.
    fn accessible_selection(&self) -> Option<Selection> {
        self.selection
            .filter(|s| self.caret_browsing() || !s.is_empty())
    }
}

/// egui splits a laid-out row into text runs of at most this many chars
/// (`update_accesskit_for_text_widget`; AccessKit's word starts are bytes).
const CHARS_PER_TEXT_RUN: usize = 255;

/// Where a cursor in a block's galley is among the block's text runs
/// (node ids `block_id.with(row).with(run)`, as egui makes them).
fn run_position(block_id: Id, galley: &Galley, cursor: CCursor) -> egui::accesskit::TextPosition {
    let place = galley.layout_from_cursor(cursor);
    let column = place.column.0;
    // An offset on a boundary between runs ends the run before it.
    let run = column.saturating_sub(1) / CHARS_PER_TEXT_RUN;
    egui::accesskit::TextPosition {
        node: block_id.with(place.row).with(run).accesskit_id(),
        character_index: column - run * CHARS_PER_TEXT_RUN,
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
        BlockKind::Figure { .. } => egui::Role::Figure,
        BlockKind::Lead
        | BlockKind::Byline
        | BlockKind::Source
        | BlockKind::Dateline
        | BlockKind::Paragraph => egui::Role::Paragraph,
    }
}

fn bounds(rect: Rect) -> egui::accesskit::Rect {
    egui::accesskit::Rect {
        x0: f64::from(rect.min.x),
        y0: f64::from(rect.min.y),
        x1: f64::from(rect.max.x),
        y1: f64::from(rect.max.y),
    }
}

/// What a screen reader reads for a block: its text, an ordered item's
/// number (drawn before its text) before it.
fn spoken_label(document: &Document, index: usize) -> String {
    let text = document.block_text(index);
    match document.blocks()[index].kind.list_number() {
        Some(number) => format!("{} {text}", number.label()),
        None => text.to_owned(),
    }
}

/// A block's node under the page's document node (so that the caret's
/// text runs are in the document's text): its role, bounds and text; the
/// caret's block with its text runs and the selection.
fn block_node(
    ui: &mut Ui,
    page_id: egui::Id,
    block: &PlacedBlock,
    document: &Document,
    caret: Option<Selection>,
) {
    let kind = document.blocks()[block.index].kind;
    let rect = Rect::from_min_size(block.pos, block.galley.size());
    // A node under the page's document node, so that the caret's
    // text runs are in the document's text.
    // egui wants a Ui's rect on its grid of ui units.
    let ui_rect = rect.round_ui();
    let mut block_ui = ui.new_child(
        UiBuilder::new()
            .id_salt(("block", block.index))
            .max_rect(ui_rect)
            .accessibility_parent(page_id)
            .accessibility_role(role_of(kind)),
    );
    block_ui.expand_to_include_rect(ui_rect);
    let block_id = block_ui.unique_id();
    let chars = &document.blocks()[block.index].chars;
    let caret_here = caret.filter(|s| (chars.start..=chars.end).contains(&s.cursor_char));
    ui.ctx().accesskit_node_builder(block_id, |node| {
        if let BlockKind::Heading { level } = kind {
            node.set_level(level as usize);
        }
        // The caret's block is read from its text runs.
        if caret_here.is_none() {
            node.set_label(spoken_label(document, block.index));
        }
        node.set_bounds(bounds(rect));
    });
    if let Some(selection) = caret_here {
        let in_block = |c: usize| CCursor::new(c.clamp(chars.start, chars.end) - chars.start);
        update_accesskit_for_text_widget(
            ui.ctx(),
            block_id,
            None,
            TSTransform::from_translation(block.pos.to_vec2()),
            &block.galley,
        );
        let text_selection = egui::accesskit::TextSelection {
            anchor: run_position(block_id, &block.galley, in_block(selection.anchor_char)),
            focus: run_position(block_id, &block.galley, in_block(selection.cursor_char)),
        };
        ui.ctx().accesskit_node_builder(page_id, |node| {
            node.set_text_selection(text_selection);
        });
    }
}
