//! Accessibility: the article as a document node, each visible block a node
//! with its role and text, each visible highlight a mark with its label, so
//! screen readers (and UI tests) find them.

use eframe::egui::{
    self, Rect, Response, Ui,
    emath::TSTransform,
    text::CCursor,
    text_selection::{CCursorRange, accesskit_text::update_accesskit_for_text_widget},
};

use crate::document::{BlockKind, Document};

use super::layout::PlacedBlock;
use super::{Reader, ReaderHighlight};

impl Reader {
    pub(super) fn accessibility(
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
                node.set_bounds(bounds(rect));
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
                node.set_bounds(bounds(rect));
            });
        }
        self.selection_accessibility(ui, response, placed, document);
    }

    /// The caret's block carries its rows as text runs and the selection
    /// (AccessKit's text selection), so a screen reader reads the caret's line.
    fn selection_accessibility(
        &self,
        ui: &Ui,
        response: &Response,
        placed: &[PlacedBlock],
        document: &Document,
    ) {
        let Some(selection) = self
            .selection
            .filter(|s| self.caret_browsing || !s.is_empty())
        else {
            return;
        };
        let at = selection.cursor_char;
        let Some(block) = placed.iter().find(|p| {
            let chars = &document.blocks()[p.index].chars;
            (chars.start..=chars.end).contains(&at)
        }) else {
            return;
        };
        let chars = &document.blocks()[block.index].chars;
        let in_block = |c: usize| CCursor::new(c.clamp(chars.start, chars.end) - chars.start);
        let range = CCursorRange {
            primary: in_block(at),
            secondary: in_block(selection.anchor_char),
            h_pos: None,
        };
        update_accesskit_for_text_widget(
            ui.ctx(),
            response.id.with(("block", block.index)),
            Some(range),
            TSTransform::from_translation(block.pos.to_vec2()),
            &block.galley,
        );
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

fn bounds(rect: Rect) -> egui::accesskit::Rect {
    egui::accesskit::Rect {
        x0: f64::from(rect.min.x),
        y0: f64::from(rect.min.y),
        x1: f64::from(rect.max.x),
        y1: f64::from(rect.max.y),
    }
}
