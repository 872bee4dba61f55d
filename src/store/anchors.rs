//! Keeping annotations on their text: every anchor is resolved against the
//! document (exact, moved, fuzzy or orphaned), and moved ones follow it.

use uuid::Uuid;

use crate::annotate::{Anchor, AnchorStatus, IndexedText, anchor_all};
use crate::document::Document;

use super::{AnnotationStore, DocumentInfo};

impl AnnotationStore {
    /// The article changed: re-anchor everything against its new text.
    pub fn document_changed(&mut self, document: &Document) {
        self.info = DocumentInfo::of(document, &self.info.file_name);
        self.reanchor_all(document);
    }

    pub(super) fn reanchor_all(&mut self, document: &Document) {
        let text = IndexedText::new(document.text());
        let ids: Vec<Uuid> = self.set.iter().map(|a| a.id).collect();
        let anchors: Vec<&Anchor> = self.set.iter().map(|a| &a.anchor).collect();
        let resolutions = anchor_all(&text, &anchors);
        self.resolutions = ids.into_iter().zip(resolutions).collect();
        self.adopt_moved_positions(&text);
    }

    pub(super) fn reanchor_missing(&mut self, document: &Document) {
        if self
            .set
            .iter()
            .any(|a| !self.resolutions.contains_key(&a.id))
        {
            self.reanchor_all(document);
        }
    }

    /// Moved annotations keep their quote; their positions and context follow
    /// the text, so the next save records where they are now.
    fn adopt_moved_positions(&mut self, text: &IndexedText<'_>) {
        let moved: Vec<(Uuid, std::ops::Range<usize>)> = self
            .resolutions
            .iter()
            .filter(|(_, r)| r.status == AnchorStatus::Moved)
            .filter_map(|(id, r)| r.range.clone().map(|range| (*id, range)))
            .collect();
        for (id, range) in moved {
            if let Some(annotation) = self.set.get(id) {
                let mut updated = annotation.clone();
                updated.anchor = Anchor::from_range(text, range);
                self.set.upsert(updated);
            }
        }
    }
}
