//! A review edit: one annotation changed in its article's sidecar.

use std::path::Path;

use uuid::Uuid;

use crate::import::import_path;
use crate::store::{AnnotationStore, StoreMode};

use crate::library::service::AnnotationChange;

/// Changes one annotation in its article's sidecar through the store's
/// save (locked, merged with what is on disk, written atomically): a window
/// open on that article merges it in as it would another window's edit.
pub(super) fn edit_annotation(
    article: &Path,
    id: Uuid,
    change: AnnotationChange,
) -> Result<(), String> {
    let document = import_path(article).map_err(|error| error.to_string())?;
    let mut store = AnnotationStore::open(article, &document);
    if let StoreMode::ReadOnly { problem } | StoreMode::Recovery { problem, .. } = store.mode() {
        return Err(problem.to_string());
    }
    let changed = store.update(id, |annotation| match change {
        AnnotationChange::Note(note) => annotation.note = note,
        AnnotationChange::Tags(tags) => annotation.tags = tags,
        AnnotationChange::Color(color) => annotation.color = color,
    });
    if !changed {
        return Err(format!(
            "{}: that highlight is no longer in its annotations",
            article.display()
        ));
    }
    store.save_now(&document).map_err(|error| error.to_string())
}
