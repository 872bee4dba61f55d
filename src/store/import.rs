//! Imports: annotations from elsewhere come in without ever replacing one
//! here with an older or undated version; the same id with other words
//! keeps both.

use uuid::Uuid;

use crate::annotate::{AnchorStatus, Annotation};
use crate::document::Document;

use super::{AnnotationStore, ImportedAnnotation};

/// What an import did, annotation by annotation.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportOutcome {
    /// Each imported annotation's status here, in the file's order.
    pub statuses: Vec<AnchorStatus>,
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Same id as one here but other words: kept beside it under a new id.
    pub kept_both: usize,
    /// Deleted here after (or without a date against) the imported copy.
    pub deleted_here: usize,
}

impl AnnotationStore {
    /// Adds annotations from elsewhere (an import). A local annotation is
    /// never replaced by an older or undated one; one with the same id but
    /// other words is kept beside it, under an id of its own; a deletion
    /// here is not undone by an undated copy. Importing twice changes nothing.
    pub fn import(
        &mut self,
        imported: Vec<ImportedAnnotation>,
        document: &Document,
    ) -> ImportOutcome {
        let mut outcome = ImportOutcome::default();
        let mut ids = Vec::with_capacity(imported.len());
        for item in imported {
            let dated = item.dated;
            let annotation = item.into_annotation();
            ids.push(self.import_one(annotation, dated, &mut outcome));
        }
        if outcome.new + outcome.updated + outcome.kept_both > 0 {
            self.generation += 1;
            self.reanchor_all(document);
        }
        outcome.statuses = ids.into_iter().map(|id| self.status(id)).collect();
        outcome
    }

    /// Takes one imported annotation; returns the id it has here.
    fn import_one(
        &mut self,
        mut annotation: Annotation,
        dated: bool,
        outcome: &mut ImportOutcome,
    ) -> Uuid {
        let Some(local) = self.set.get(annotation.id) else {
            let deleted = self.set.deleted_at(annotation.id);
            if deleted.is_some_and(|when| !dated || when >= annotation.modified) {
                outcome.deleted_here += 1;
            } else {
                self.set.upsert(annotation.clone());
                outcome.new += 1;
            }
            return annotation.id;
        };
        if local.same_content(&annotation) {
            outcome.unchanged += 1;
            return annotation.id;
        }
        if dated && annotation.modified > local.modified {
            self.set.upsert(annotation.clone());
            outcome.updated += 1;
            return annotation.id;
        }
        // The same id, other words, and not newer: both are kept.
        annotation.id = annotation.id_when_colliding();
        match self.set.get(annotation.id) {
            Some(earlier) if earlier.same_content(&annotation) => outcome.unchanged += 1,
            _ => {
                self.set.upsert(annotation.clone());
                outcome.kept_both += 1;
            }
        }
        annotation.id
    }
}
