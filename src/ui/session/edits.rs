//! Where a highlight is born and changed: add, change, delete, undo, redo
//! and import, each an undoable step recorded in the edit history.

use std::ops::Range;
use std::time::Instant;

use uuid::Uuid;

use crate::annotate::{Annotation, Edit, HighlightColor, IndexedText, Typing};
use crate::store::{AnnotationFile, ImportSummary, StoreMode};

use super::DocumentSession;

impl DocumentSession {
    /// Highlights a range of chars of the canonical text; saved shortly after.
    pub fn add_highlight(
        &mut self,
        range_chars: Range<usize>,
        color: HighlightColor,
    ) -> Option<Uuid> {
        // A quote never starts or ends with whitespace.
        let range_chars = self.document.trim_whitespace(range_chars);
        if range_chars.is_empty() || matches!(self.store.mode(), StoreMode::ReadOnly { .. }) {
            return None;
        }
        let text = IndexedText::new(self.document.text());
        let annotation = Annotation::new(&text, range_chars, color);
        let id = annotation.id;
        self.store.add(annotation.clone());
        self.history.record(Edit::Create(annotation));
        self.edited();
        Some(id)
    }

    /// Changes an annotation as one undoable step (or, for typing, joined
    /// with the typing just before).
    pub fn change(
        &mut self,
        id: Uuid,
        typing: Option<Typing>,
        change: impl FnOnce(&mut Annotation),
    ) {
        let Some(before) = self.store.get(id).cloned() else {
            return;
        };
        let mut after = before.clone();
        change(&mut after);
        if after == before {
            return;
        }
        self.store.put(after, &self.document);
        let Some(stored) = self.store.get(id).cloned() else {
            return;
        };
        match typing {
            Some(typing) => self.history.record_typing(before, stored, typing),
            None => self.history.record(Edit::Change {
                before,
                after: stored,
            }),
        }
        self.edited();
    }

    pub fn delete(&mut self, id: Uuid) {
        if let Some(annotation) = self.store.delete(id) {
            self.history.record(Edit::Delete(annotation));
            self.edited();
        }
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// Undoes the last step; returns the annotation it touched.
    pub fn undo(&mut self) -> Option<Uuid> {
        let edit = self.history.undo()?;
        self.store.apply(&edit, &self.document);
        self.edited();
        Some(edit.id())
    }

    /// Redoes the last undone step; returns the annotation it touched.
    pub fn redo(&mut self) -> Option<Uuid> {
        let edit = self.history.redo()?;
        self.store.apply(&edit, &self.document);
        self.edited();
        Some(edit.id())
    }

    /// Adds annotations read from W3C or Hypothesis JSON at `from`.
    pub fn import_annotations(
        &mut self,
        imported: AnnotationFile,
        from: &std::path::Path,
    ) -> ImportSummary {
        let outcome = self.store.import(imported.annotations, &self.document);
        self.edited();
        ImportSummary::new(from, outcome, imported.skipped)
    }

    pub(super) fn edited(&mut self) {
        self.last_edit = Some(Instant::now());
        self.save_error = None;
        self.annotations_changed();
    }
}
