//! A set of annotations with tombstones, and merging two of them by id.
//!
//! Merging is a join: commutative, associative and idempotent. For each id
//! the greatest version wins, ordered by time, then a tombstone over an
//! annotation at the same time, then the annotation's content digest, so
//! that every machine that merges the same versions, in any order, however
//! often, ends with the same set (and so writes the same bytes).

use std::collections::BTreeMap;

use jiff::Timestamp;
use uuid::Uuid;

use crate::annotate::Annotation;

use super::sidecar::Tombstone;
use super::version::Version;

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

    /// Deletes an annotation at `when` (or just after its last edit, if a
    /// slow clock says earlier: a deletion always wins over the version it
    /// deletes), leaving a tombstone for merges.
    pub fn remove(&mut self, id: Uuid, when: Timestamp) -> Option<Annotation> {
        let removed = self.annotations.remove(&id);
        let when = removed
            .as_ref()
            .map_or(when, |annotation| when.max(just_after(annotation.modified)));
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

    /// The time for a new version of `id` made now: now, or just after the
    /// version held (an edit or a deletion), whichever is later, so that a
    /// new version always wins over the one it replaces in a merge, however
    /// slow this machine's clock is.
    pub fn next_edit_time(&self, id: Uuid) -> Timestamp {
        let now = crate::annotate::now();
        self.version(id)
            .map_or(now, |held| now.max(just_after(held.time())))
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

    /// Merges `other` into `self`: per id the greatest version wins (see
    /// the module's doc), so a tombstone deletes what it is newer than and
    /// an edit newer than a tombstone brings its annotation back. Nothing
    /// either side added is lost. Returns whether `self` changed.
    pub fn merge(&mut self, other: &AnnotationSet) -> bool {
        self.merge_counting(other) > 0
    }

    /// As [`merge`](Self::merge); returns how many ids took `other`'s
    /// version or a version kept beside.
    pub fn merge_counting(&mut self, other: &AnnotationSet) -> usize {
        let counts = self.merge_told(other);
        counts.taken + counts.kept_beside
    }

    /// As [`merge`](Self::merge); says what it took and what it kept beside.
    pub fn merge_told(&mut self, other: &AnnotationSet) -> MergeCounts {
        let mut changed = 0;
        let mut kept_beside = 0;
        for annotation in other.annotations.values() {
            let id = annotation.id;
            let theirs = Version::Annotation(annotation);
            // Edited on two devices before they synced: neither version is lost.
            let apart = self
                .annotations
                .get(&id)
                .filter(|mine| {
                    mine.edit_counts.made_apart_from(&annotation.edit_counts)
                        && !mine.same_content(annotation)
                })
                .cloned();
            if self.version(id).is_none_or(|mine| theirs > mine) {
                self.tombstones.remove(&id);
                self.annotations.insert(id, annotation.clone());
                changed += 1;
            }
            if let Some(mine) = apart {
                let loser = if self.annotations.get(&id) == Some(&mine) {
                    annotation
                } else {
                    &mine
                };
                kept_beside += usize::from(self.keep_beside(loser));
            }
        }
        for (&id, &deleted) in &other.tombstones {
            if self
                .version(id)
                .is_none_or(|mine| Version::Tombstone(deleted) > mine)
            {
                self.annotations.remove(&id);
                self.tombstones.insert(id, deleted);
                changed += 1;
            }
        }
        MergeCounts {
            taken: changed,
            kept_beside,
        }
    }

    /// Keeps the losing version of an annotation edited apart on two
    /// devices as an annotation of its own (unless it was, and was deleted).
    fn keep_beside(&mut self, loser: &Annotation) -> bool {
        let kept = kept_version(loser);
        let known =
            self.annotations.contains_key(&kept.id) || self.tombstones.contains_key(&kept.id);
        if !known {
            self.annotations.insert(kept.id, kept);
        }
        !known
    }

    /// What `self` holds for `id`.
    fn version(&self, id: Uuid) -> Option<Version<'_>> {
        match (self.annotations.get(&id), self.tombstones.get(&id)) {
            (Some(annotation), _) => Some(Version::Annotation(annotation)),
            (None, Some(&deleted)) => Some(Version::Tombstone(deleted)),
            (None, None) => None,
        }
    }
}

/// The tag a kept losing version of a concurrently edited annotation has.
pub const CONFLICT_TAG: &str = "conflict";

/// The losing version of a concurrent edit, as an annotation of its own:
/// an id derived from the version (the same on every machine), tagged
/// `conflict`.
pub fn kept_version(loser: &Annotation) -> Annotation {
    let mut kept = loser.clone();
    let tags = loser.tags.join("\u{1F}");
    let when = loser.modified.to_string();
    let id = loser.id.to_string();
    kept.id = crate::annotate::stable_id(&["concurrent edit", &id, &when, &loser.note, &tags]);
    if !kept.tags.iter().any(|t| t == CONFLICT_TAG) {
        kept.tags.push(CONFLICT_TAG.to_owned());
    }
    kept
}

/// What a merge took from the other side.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MergeCounts {
    /// Annotations and deletions that came from the other side.
    pub taken: usize,
    /// Versions of annotations edited apart on two devices, kept beside
    /// the one that won the id (tagged `conflict`).
    pub kept_beside: usize,
}

/// A millisecond later: the least step of a stored time.
pub fn just_after(time: Timestamp) -> Timestamp {
    Timestamp::from_millisecond(time.as_millisecond().saturating_add(1)).unwrap_or(time)
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

    #[test]
    fn a_note_edited_apart_on_two_devices_is_kept_whatever_the_clocks() {
        let text = IndexedText::new("one two three four");
        let mut base = annotation(&text, 0..3);
        base.edit_counts = base.edit_counts.bumped("laptop");
        // The desktop's clock is hours behind: its edit is stamped earlier.
        let mut on_laptop = base.clone();
        on_laptop.note = "laptop".into();
        on_laptop.modified = later(base.modified, 3_600_000);
        on_laptop.edit_counts = base.edit_counts.bumped("laptop");
        let mut on_desktop = base.clone();
        on_desktop.note = "desktop".into();
        on_desktop.modified = later(base.modified, 10);
        on_desktop.edit_counts = base.edit_counts.bumped("desktop");
        let (mut left, mut right) = (AnnotationSet::default(), AnnotationSet::default());
        left.upsert(on_laptop.clone());
        right.upsert(on_desktop.clone());
        let mut other_way = right.clone();
        assert!(left.merge(&right));
        other_way.merge(&left);
        assert_eq!(left, other_way, "the same on both machines");
        let notes: Vec<&str> = left.iter().map(|a| a.note.as_str()).collect();
        assert_eq!(left.len(), 2, "{notes:?}");
        assert_eq!(
            left.get(base.id).unwrap().note,
            "laptop",
            "the later keeps the id"
        );
        let kept = left.iter().find(|a| a.id != base.id).unwrap();
        assert_eq!(kept.note, "desktop");
        assert!(kept.tags.iter().any(|t| t == CONFLICT_TAG));
        assert!(!left.merge(&right), "merging again changes nothing");
        // An edit made after seeing the other is not "apart": it just wins.
        let mut after = on_laptop.clone();
        after.note = "after both".into();
        // Stamped after the version it replaces, as every edit is.
        after.modified = just_after(on_laptop.modified);
        after.edit_counts = on_laptop
            .edit_counts
            .joined(&on_desktop.edit_counts)
            .bumped("desktop");
        let mut newer = AnnotationSet::default();
        newer.upsert(after);
        let mut older = AnnotationSet::default();
        older.upsert(on_laptop);
        older.merge(&newer);
        assert_eq!(
            older.len(),
            1,
            "nothing kept beside: one edit came after the other"
        );
        assert_eq!(older.get(base.id).unwrap().note, "after both");
    }
}
