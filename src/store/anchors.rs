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

    /// Found annotations carry where they were found: a moved one's
    /// positions and context follow the text; a fuzzy one takes the
    /// positions of its match but keeps the user's original quote and
    /// context. The next save records both.
    fn adopt_moved_positions(&mut self, text: &IndexedText<'_>) {
        let found: Vec<(Uuid, std::ops::Range<usize>, bool)> = self
            .resolutions
            .iter()
            .filter_map(|(id, r)| {
                let moved = match r.status {
                    AnchorStatus::Moved => true,
                    AnchorStatus::Fuzzy { .. } => false,
                    _ => return None,
                };
                r.range.clone().map(|range| (*id, range, moved))
            })
            .collect();
        for (id, range, moved) in found {
            let Some(annotation) = self.set.get(id) else {
                continue;
            };
            let mut updated = annotation.clone();
            if moved {
                updated.anchor = Anchor::from_range(text, range);
            } else {
                updated.anchor.start_char = range.start;
                updated.anchor.end_char = range.end;
            }
            if updated != *annotation {
                self.set.upsert(updated);
            }
        }
    }
}
