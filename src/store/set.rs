//! A set of annotations with tombstones, and merging two of them by id.

use std::collections::BTreeMap;

use jiff::Timestamp;
use uuid::Uuid;

use crate::annotate::Annotation;

use super::sidecar::Tombstone;

/// Annotations by id, and the ids of deleted ones with when they were
/// deleted. For each id the latest event wins: an edit newer than a deletion
/// brings the annotation back (an undone delete); a deletion newer than every
/// edit removes it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AnnotationSet {
    annotations: BTreeMap<Uuid, Annotation>,
    tombstones: BTreeMap<Uuid, Timestamp>,
}

impl AnnotationSet {
    pub fn len(&self) -> usize {
        self.annotations.len()
    }

    pub fn is_empty(&self) -> bool {
        self.annotations.is_empty()
    }

    pub fn get(&self, id: Uuid) -> Option<&Annotation> {
        self.annotations.get(&id)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Annotation> {
        self.annotations.values()
    }

    /// Annotations by start, end, then id: the order of the sidecar.
    pub fn in_document_order(&self) -> impl Iterator<Item = &Annotation> {
        let mut sorted: Vec<&Annotation> = self.annotations.values().collect();
        sorted.sort_by_key(|a| (a.anchor.start_char, a.anchor.end_char, a.id));
        sorted.into_iter()
    }

    /// Adds or replaces an annotation, unless a later deletion of its id is known.
    pub fn upsert(&mut self, annotation: Annotation) {
        if let Some(&deleted) = self.tombstones.get(&annotation.id) {
            if deleted >= annotation.modified {
                return;
            }
            self.tombstones.remove(&annotation.id);
        }
        self.annotations.insert(annotation.id, annotation);
    }

    /// Deletes an annotation at `when`, leaving a tombstone for merges.
    pub fn remove(&mut self, id: Uuid, when: Timestamp) -> Option<Annotation> {
        let removed = self.annotations.remove(&id);
        let deleted = self.tombstones.entry(id).or_insert(when);
        *deleted = (*deleted).max(when);
        removed
    }

    /// Records that `id` was deleted at `when`.
    pub fn bury(&mut self, id: Uuid, when: Timestamp) {
        if let Some(existing) = self.annotations.get(&id)
            && existing.modified > when
        {
            return; // Edited after that deletion: it stays.
        }
        self.annotations.remove(&id);
        let deleted = self.tombstones.entry(id).or_insert(when);
        *deleted = (*deleted).max(when);
    }

    /// When `id` was deleted, if it was.
    pub fn deleted_at(&self, id: Uuid) -> Option<Timestamp> {
        self.tombstones.get(&id).copied()
    }

    pub fn tombstones(&self) -> Vec<Tombstone> {
        self.tombstones
            .iter()
            .map(|(&id, &deleted)| Tombstone { id, deleted })
            .collect()
    }

    /// Merges `ours` (a writer's annotations, anchored to the text as it is
    /// now) into `self` (what is on disk): as [`merge`](Self::merge), and
    /// where both hold the same version of an annotation, its positions
    /// come from `ours` (re-anchoring moves them without an edit).
    pub fn merge_with_current_anchors(&mut self, ours: &AnnotationSet) -> bool {
        let mut changed = self.merge(ours);
        for annotation in ours.annotations.values() {
            if let Some(mine) = self.annotations.get_mut(&annotation.id)
                && mine.modified == annotation.modified
                && mine.same_content(annotation)
                && mine.anchor != annotation.anchor
            {
                mine.anchor = annotation.anchor.clone();
                changed = true;
            }
        }
        changed
    }

    /// Merges `other` into `self`: per id the newest `modified` wins and a
    /// tombstone deletes what it is newer than. Nothing either side added is
    /// lost. Returns whether `self` changed.
    pub fn merge(&mut self, other: &AnnotationSet) -> bool {
        let before = self.clone();
        for annotation in other.annotations.values() {
            let newer = self
                .annotations
                .get(&annotation.id)
                .is_none_or(|mine| annotation.modified > mine.modified);
            if newer {
                self.upsert(annotation.clone());
            }
        }
        for (&id, &deleted) in &other.tombstones {
            self.bury(id, deleted);
        }
        *self != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::{HighlightColor, IndexedText};

    fn annotation(text: &IndexedText<'_>, at: std::ops::Range<usize>) -> Annotation {
        Annotation::new(text, at, HighlightColor::Yellow)
    }

    fn later(t: Timestamp, ms: i64) -> Timestamp {
        Timestamp::from_millisecond(t.as_millisecond() + ms).unwrap()
    }

    #[test]
    fn both_sides_additions_survive_a_merge() {
        let text = IndexedText::new("one two three four");
        let (a, b) = (annotation(&text, 0..3), annotation(&text, 4..7));
        let mut left = AnnotationSet::default();
        left.upsert(a.clone());
        let mut right = AnnotationSet::default();
        right.upsert(b.clone());
        assert!(left.merge(&right));
        assert_eq!(left.len(), 2);
        assert!(!left.merge(&right), "merging again changes nothing");
    }

    #[test]
    fn newest_edit_wins_and_tombstones_delete_older_edits() {
        let text = IndexedText::new("one two three four");
        let original = annotation(&text, 0..3);
        let mut edited = original.clone();
        edited.note = "newer".into();
        edited.modified = later(original.modified, 10);

        let mut left = AnnotationSet::default();
        left.upsert(original.clone());
        let mut right = AnnotationSet::default();
        right.upsert(edited.clone());
        left.merge(&right);
        assert_eq!(left.get(original.id).unwrap().note, "newer");

        let mut deleter = AnnotationSet::default();
        deleter.upsert(edited.clone());
        deleter.remove(original.id, later(original.modified, 20));
        left.merge(&deleter);
        assert!(left.get(original.id).is_none());
        assert_eq!(left.tombstones().len(), 1);

        // An edit after the deletion (an undo) brings it back.
        let mut restored = edited.clone();
        restored.modified = later(original.modified, 30);
        let mut undoer = AnnotationSet::default();
        undoer.upsert(restored);
        left.merge(&undoer);
        assert!(left.get(original.id).is_some());
        assert!(left.tombstones().is_empty());
    }
}
