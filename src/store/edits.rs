//! Changes to an open article's annotations: added, changed, put back
//! (undo and redo), deleted (a tombstone, so merges delete it too). Each
//! counts as one edit by this device and marks the store unsaved.

use uuid::Uuid;

use crate::annotate::{
    AnchorResolution, AnchorStatus, Annotation, Edit, EditCounts, IndexedText, now, resolve_anchor,
};
use crate::document::Document;

use super::AnnotationStore;
use super::device::this_device;

impl AnnotationStore {
    /// A new version's edit counts: every edit the held version and the
    /// new one have seen, and one more by this device.
    fn counts_after_edit(&self, annotation: &Annotation) -> EditCounts {
        let seen = match self.set.get(annotation.id) {
            Some(held) => held.edit_counts.joined(&annotation.edit_counts),
            None => annotation.edit_counts.clone(),
        };
        seen.bumped(self.device.as_deref().unwrap_or_else(|| this_device()))
    }

    /// Adds a new annotation (anchored where it was made).
    pub fn add(&mut self, mut annotation: Annotation) {
        annotation.edit_counts = self.counts_after_edit(&annotation);
        self.resolutions.insert(
            annotation.id,
            AnchorResolution {
                range: Some(annotation.anchor.range()),
                status: AnchorStatus::Anchored,
            },
        );
        self.set.upsert(annotation);
        self.generation += 1;
    }

    /// Changes an annotation and marks it modified now.
    pub fn update(&mut self, id: Uuid, change: impl FnOnce(&mut Annotation)) -> bool {
        let Some(mut annotation) = self.set.get(id).cloned() else {
            return false;
        };
        change(&mut annotation);
        annotation.modified = self.set.next_edit_time(id);
        annotation.edit_counts = self.counts_after_edit(&annotation);
        self.set.upsert(annotation);
        self.generation += 1;
        true
    }

    /// Stores a new version of an annotation (or brings a deleted one back),
    /// modified now, so it wins over older copies and tombstones in merges.
    pub fn put(&mut self, mut annotation: Annotation, document: &Document) {
        annotation.modified = self
            .set
            .next_edit_time(annotation.id)
            .max(annotation.modified);
        annotation.edit_counts = self.counts_after_edit(&annotation);
        let anchor_changed = self
            .set
            .get(annotation.id)
            .is_none_or(|old| old.anchor != annotation.anchor);
        if anchor_changed || !self.resolutions.contains_key(&annotation.id) {
            let text = IndexedText::new(document.text());
            let resolution = resolve_anchor(&text, &annotation.anchor, 0);
            self.resolutions.insert(annotation.id, resolution);
        }
        self.set.upsert(annotation);
        self.generation += 1;
    }

    /// Applies an edit (from the UI or from undo and redo).
    pub fn apply(&mut self, edit: &Edit, document: &Document) {
        match edit {
            Edit::Create(annotation) => self.put(annotation.clone(), document),
            Edit::Delete(annotation) => {
                self.delete(annotation.id);
            }
            Edit::Change { after, .. } => self.put(after.clone(), document),
        }
    }

    /// Deletes an annotation, leaving a tombstone so merges delete it too.
    pub fn delete(&mut self, id: Uuid) -> Option<Annotation> {
        let removed = self.set.remove(id, now());
        if removed.is_some() {
            self.resolutions.remove(&id);
            self.generation += 1;
        }
        removed
    }
}
