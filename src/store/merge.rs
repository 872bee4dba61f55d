//! Merging whole sidecars, as sync tools and git need it: the join of the
//! two annotation sets (see `set.rs`), a header chosen the same way on
//! every machine, and for git, which knows the common ancestor, both
//! versions of an annotation edited on both branches.

use std::path::Path;

use crate::annotate::Annotation;

use super::sidecar::{DocumentInfo, sidecar_to_string_keeping};
use super::{FORMAT_VERSION, Sidecar, StoreError, read_sidecar, write_atomically};

pub use super::set::CONFLICT_TAG;
use super::set::kept_version;

/// What a merge did, for the person who ran it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Annotations (or deletions) that came from the other side.
    pub taken: usize,
    /// Annotations edited on both sides (made apart, by their edit counts,
    /// or since the common ancestor): the later version keeps the id, the
    /// other is kept beside it.
    pub kept_both: usize,
}

/// The join of two sidecars: the same result, byte for byte, whichever is
/// `ours`. Without a common ancestor, the newer version of each annotation
/// wins.
pub fn merge_sidecars(ours: &Sidecar, theirs: &Sidecar) -> (Sidecar, MergeReport) {
    let mut set = ours.set.clone();
    let counts = set.merge_told(&theirs.set);
    let document = greater_document(&ours.document, &theirs.document).clone();
    let mut unknown_fields = ours.unknown_fields.clone();
    for (name, value) in &theirs.unknown_fields {
        match unknown_fields.iter_mut().find(|(n, _)| n == name) {
            Some((_, mine)) if *mine < *value => mine.clone_from(value),
            Some(_) => {}
            None => unknown_fields.push((name.clone(), value.clone())),
        }
    }
    unknown_fields.sort();
    let merged = Sidecar {
        unknown_fields,
        ..Sidecar::new(document, set)
    };
    let report = MergeReport {
        taken: counts.taken,
        kept_both: counts.kept_beside,
    };
    (merged, report)
}

/// A three-way merge: the join, and for each annotation that both sides
/// changed since `base` into two different versions, the one that loses is
/// kept too, under an id of its own and tagged `conflict`, so no note is
/// lost to a clock. Every machine that merges the same three files gets
/// the same bytes.
pub fn merge_three_way(
    base: Option<&Sidecar>,
    ours: &Sidecar,
    theirs: &Sidecar,
) -> (Sidecar, MergeReport) {
    let (mut merged, mut report) = merge_sidecars(ours, theirs);
    let Some(base) = base else {
        return (merged, report);
    };
    let mut kept = Vec::new();
    for mine in ours.set.iter() {
        let (Some(other), Some(ancestor)) = (theirs.set.get(mine.id), base.set.get(mine.id)) else {
            continue;
        };
        let changed = |a: &Annotation| a != ancestor;
        if changed(mine) && changed(other) && !mine.same_content(other) {
            let Some(winner) = merged.set.get(mine.id) else {
                continue;
            };
            let loser = if winner == mine { other } else { mine };
            kept.push(kept_version(loser));
        }
    }
    for annotation in kept {
        if merged.set.get(annotation.id).is_none() {
            report.kept_both += 1;
        }
        merged.set.upsert(annotation);
    }
    (merged, report)
}

/// The header both sides agree on: the greater one.
fn greater_document<'a>(a: &'a DocumentInfo, b: &'a DocumentInfo) -> &'a DocumentInfo {
    let key = |d: &'a DocumentInfo| {
        (
            &d.text_hash,
            &d.file_name,
            d.char_count,
            &d.title,
            d.format.name(),
        )
    };
    if key(b) > key(a) { b } else { a }
}

/// git's merge driver: merges `base`, `ours` and `theirs` (paths git gives
/// as %O %A %B) and writes the result to `ours`. An empty or missing base
/// (no common ancestor) merges two ways.
pub fn merge_sidecar_files(
    base: &Path,
    ours: &Path,
    theirs: &Path,
) -> Result<MergeReport, StoreError> {
    let base_path = base;
    let base = match std::fs::metadata(base) {
        Ok(metadata) if metadata.len() > 0 => read_sidecar(base)?,
        _ => None,
    };
    let empty = |path: &Path| StoreError::NotASidecar {
        path: path.to_path_buf(),
        format: "an empty file".to_owned(),
    };
    let our_side = read_sidecar(ours)?.ok_or_else(|| empty(ours))?;
    let their_side = read_sidecar(theirs)?.ok_or_else(|| empty(theirs))?;
    // A newer Marginalia's file is never rewritten by this one: the merge
    // is refused (git then leaves the conflict to the user), `ours` as it is.
    for (sidecar, path) in [
        (base.as_ref(), base_path),
        (Some(&our_side), ours),
        (Some(&their_side), theirs),
    ] {
        if let Some(sidecar) = sidecar
            && sidecar.version > FORMAT_VERSION
        {
            return Err(StoreError::NewerVersion {
                path: path.to_path_buf(),
                version: sidecar.version,
            });
        }
    }
    let (merged, report) = merge_three_way(base.as_ref(), &our_side, &their_side);
    let text = sidecar_to_string_keeping(&merged.document, &merged.set, &merged.unknown_fields);
    write_atomically(ours, text.as_bytes()).map_err(|source| StoreError::Write {
        path: ours.to_path_buf(),
        source,
    })?;
    Ok(report)
}
