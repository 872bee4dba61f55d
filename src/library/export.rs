//! Exporting the whole library: Markdown, one file per annotated article in
//! the layout Obsidian and Logseq users expect (YAML front matter; each
//! highlight a block quote with its note, tags, colour and a stable `^id`
//! block reference), or one W3C `AnnotationCollection`. The sidecars are
//! read, never the index's copy of them. Re-exporting Markdown rewrites only
//! what Marginalia wrote: the part between its marker comments and its own
//! keys of the front matter; whatever the user added stays.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::annotate::{AnchorResolution, AnchorStatus, Annotation, IndexedText, resolve_anchor};
use crate::document::{Document, PageStart};
use crate::import::import_path;
use crate::regular_file::read_regular_text;
use crate::store::{ArticleSource, read_sidecar, w3c_page, write_atomically};

use super::LibraryError;
use super::catalogue::ArticlePlace;
use super::index::Index;
use super::markdown_export::{existing_exports, free_name, markdown_file};

/// What a library export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LibraryExportFormat {
    Markdown,
    W3c,
}

/// What an export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LibraryExportReport {
    pub articles: usize,
    pub annotations: usize,
    /// Articles not exported (their sidecar could not be read, or their
    /// file not written), with why.
    pub failed: Vec<(PathBuf, String)>,
}

/// The W3C collection's file name in the export folder.
pub const W3C_FILE_NAME: &str = "marginalia-library.jsonld";

/// Exports every annotated article into `dir`; `progress` hears (done, of).
pub fn export_library(
    index: &Index,
    dir: &Path,
    format: LibraryExportFormat,
    mut progress: impl FnMut(usize, usize),
) -> Result<LibraryExportReport, LibraryError> {
    std::fs::create_dir_all(dir).map_err(|error| LibraryError::io(dir, error))?;
    let places = index.annotated_places()?;
    let mut report = LibraryExportReport::default();
    let mut existing = existing_exports(dir);
    let mut taken_names: Vec<String> = Vec::new();
    let mut items: Vec<Value> = Vec::new();
    for (done, place) in places.iter().enumerate() {
        progress(done, places.len());
        let article = match read_article(place) {
            Ok(Some(article)) => article,
            Ok(None) => continue,
            Err(error) => {
                report
                    .failed
                    .push((place.sidecar.clone(), error.to_string()));
                continue;
            }
        };
        let annotated: Vec<(&Annotation, &AnchorResolution)> =
            article.annotations.iter().map(|(a, r)| (a, r)).collect();
        match format {
            LibraryExportFormat::W3c => {
                let uri = ArticleSource::File(&place.article).uri();
                let page = &mut w3c_page(&annotated, &uri, &article.pages);
                if let Value::Array(page) = &mut page["items"] {
                    items.append(page);
                }
            }
            LibraryExportFormat::Markdown => {
                let file = existing
                    .remove(&place.text_hash)
                    .unwrap_or_else(|| dir.join(free_name(dir, &article.title, &mut taken_names)));
                // One article that cannot be written is told; the rest are.
                if let Err(why) = write_markdown_export(&file, place, &article, &annotated) {
                    report.failed.push((place.sidecar.clone(), why));
                    continue;
                }
            }
        }
        report.articles += 1;
        report.annotations += article.annotations.len();
    }
    if format == LibraryExportFormat::W3c {
        write_w3c_collection(dir, items)?;
    }
    progress(places.len(), places.len());
    Ok(report)
}

/// The W3C collection of every article's annotations, in one file.
fn write_w3c_collection(dir: &Path, items: Vec<Value>) -> Result<(), LibraryError> {
    let collection = json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationCollection",
        "label": "Marginalia library",
        "total": items.len(),
        "first": {"type": "AnnotationPage", "items": items},
    });
    let file = dir.join(W3C_FILE_NAME);
    // A `Value` always serialises.
    let text = serde_json::to_string_pretty(&collection).unwrap_or_default() + "\n";
    write_atomically(&file, text.as_bytes()).map_err(|error| LibraryError::io(&file, error))?;
    Ok(())
}

/// The most an earlier export of one article may hold to be re-exported.
const MAX_EXPORT_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Writes (or re-writes, keeping the user's text) one article's Markdown
/// export. A file there that cannot be read is never written over.
fn write_markdown_export(
    file: &Path,
    place: &ArticlePlace,
    article: &ExportedArticle,
    annotated: &[(&Annotation, &AnchorResolution)],
) -> Result<(), String> {
    if std::fs::symlink_metadata(file).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(format!(
            "{}: is a link; an export never writes through one",
            file.display()
        ));
    }
    let old = read_regular_text(file, MAX_EXPORT_FILE_BYTES)
        .map_err(|error| format!("{error}; it is left as it is"))?;
    let text = markdown_file(old.as_deref(), place, article, annotated);
    write_atomically(file, text.as_bytes())
        .map(drop)
        .map_err(|error| format!("{}: {error}", file.display()))
}

/// An article's annotations, placed in its text when it is there.
pub(super) struct ExportedArticle {
    pub(super) title: String,
    pub(super) author: Option<String>,
    pub(super) source: Option<String>,
    pub(super) date: Option<String>,
    pub(super) annotations: Vec<(Annotation, AnchorResolution)>,
    /// Where its pages start, when it has pages (a PDF) and was read.
    pub(super) pages: Vec<PageStart>,
}

/// Reads an article's sidecar (and the article, to place its annotations
/// and cite it); `None` when it holds no annotations.
fn read_article(place: &ArticlePlace) -> Result<Option<ExportedArticle>, LibraryError> {
    let read = |path: &PathBuf| {
        read_sidecar(path).map_err(|error| LibraryError::Sidecar {
            path: path.clone(),
            message: error.to_string(),
        })
    };
    let Some(mut sidecar) = read(&place.sidecar)? else {
        return Ok(None);
    };
    // Every copy's annotations (a copy of the article annotated on its own),
    // joined by id as a sync would.
    for other in &place.other_sidecars {
        if let Some(copy) = read(other)? {
            sidecar.set.merge(&copy.set);
        }
    }
    if sidecar.set.iter().next().is_none() {
        return Ok(None);
    }
    let document: Option<Document> = place
        .present
        .then(|| import_path(&place.article).ok())
        .flatten();
    let file_name = place
        .article
        .file_name()
        .map(|name| name.to_string_lossy().into_owned());
    let metadata = document
        .as_ref()
        .map(|d| d.metadata.clone())
        .unwrap_or_default();
    let title = match &document {
        Some(document) => document.display_title(),
        None => sidecar
            .document
            .title
            .clone()
            .unwrap_or_else(|| file_name.unwrap_or_default()),
    };
    let annotations = placed_in_text(&sidecar.set, document.as_ref());
    Ok(Some(ExportedArticle {
        title,
        author: metadata.byline,
        source: metadata.source,
        date: metadata.date,
        annotations,
        pages: document.map(|d| d.pages().to_vec()).unwrap_or_default(),
    }))
}

/// Each annotation where it is found in the article (orphaned without
/// one), in the order they are in the text.
fn placed_in_text(
    set: &crate::store::AnnotationSet,
    document: Option<&Document>,
) -> Vec<(Annotation, AnchorResolution)> {
    let text = document.map(|d| IndexedText::new(d.text()));
    let mut annotations: Vec<(Annotation, AnchorResolution)> = set
        .iter()
        .map(|annotation| {
            let resolution = match &text {
                Some(text) => resolve_anchor(text, &annotation.anchor, 0),
                None => AnchorResolution {
                    range: None,
                    status: AnchorStatus::Orphaned,
                },
            };
            (annotation.clone(), resolution)
        })
        .collect();
    annotations.sort_by_key(|(annotation, resolution)| {
        resolution
            .range
            .as_ref()
            .map_or(annotation.anchor.start_char, |range| range.start)
    });
    annotations
}
