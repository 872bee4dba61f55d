//! One way out and one way in, shared by the command line and the window:
//! every export (W3C JSON, Markdown digest, the RON sidecar), the source URI
//! it names, the citation of a quote, and the summary of an import.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::annotate::AnchorStatus;
use crate::document::Document;
use crate::regular_file::{RegularFileError, read_regular_file};

use super::citation::Citation;

use super::{
    AnnotationStore, ExchangeError, ImportOutcome, ImportedAnnotation, SkippedItem,
    annotations_from_json_with_skipped,
};

/// The largest annotation JSON file read (a Hypothesis export of a whole
/// account is a few MiB).
pub const MAX_ANNOTATION_JSON_BYTES: u64 = 64 * 1024 * 1024;

/// What an export writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// A W3C Web Annotation `AnnotationPage` (JSON).
    W3c,
    /// A digest to paste into a notes app.
    Markdown,
    /// The sidecar itself.
    Ron,
    /// The article with its highlights and notes, one self-contained HTML
    /// file to print or share.
    Html,
}

impl ExportFormat {
    /// The format a file name asks for: `.json`/`.jsonld` W3C, `.ron` the
    /// sidecar, `.html` the article with its highlights, anything else
    /// Markdown.
    pub fn for_file(path: &Path) -> Self {
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        match extension.as_deref() {
            Some("json" | "jsonld") => ExportFormat::W3c,
            Some("ron") => ExportFormat::Ron,
            Some("html" | "htm" | "xhtml") => ExportFormat::Html,
            _ => ExportFormat::Markdown,
        }
    }
}

/// Where the annotated article is, for the `source` of exported annotations.
#[derive(Clone, Copy, Debug)]
pub enum ArticleSource<'a> {
    File(&'a Path),
    /// The sample bundled with the app, by its file name.
    Bundled(&'a str),
}

impl ArticleSource<'_> {
    /// `file:///…` of the article's absolute path (percent-encoded by the
    /// `url` crate), or `urn:marginalia:sample:NAME` for the bundled sample.
    pub fn uri(self) -> String {
        match self {
            ArticleSource::File(path) => {
                let absolute = std::fs::canonicalize(path)
                    .or_else(|_| std::path::absolute(path))
                    .unwrap_or_else(|_| path.to_path_buf());
                match url::Url::from_file_path(&absolute) {
                    Ok(url) => url.to_string(),
                    // Only a relative path is refused, and `absolute` is not one.
                    Err(()) => format!("file://{}", absolute.display()),
                }
            }
            ArticleSource::Bundled(name) => format!("urn:marginalia:sample:{name}"),
        }
    }

    pub(super) fn file_name(self) -> Option<String> {
        match self {
            ArticleSource::File(path) => path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned()),
            ArticleSource::Bundled(name) => Some(name.to_owned()),
        }
    }
}

/// The store's annotations in `format`, as the text of a file.
pub fn export_annotations(
    store: &AnnotationStore,
    document: &Document,
    source: ArticleSource<'_>,
    format: ExportFormat,
) -> String {
    let annotations = store.annotations();
    match format {
        ExportFormat::W3c => {
            let page = super::w3c_page(&annotations, &source.uri(), document.pages());
            // A `Value` always serialises.
            serde_json::to_string_pretty(&page).unwrap_or_default() + "\n"
        }
        ExportFormat::Markdown => {
            let file_name = source.file_name();
            let citation = Citation::of(document, file_name.as_deref());
            let page_of = |start| document.page_at(start).map(|page| page.label.clone());
            super::markdown_digest(&citation, &annotations, page_of)
        }
        ExportFormat::Ron => store.to_sidecar_string(),
        ExportFormat::Html => {
            let file_name = source.file_name();
            let citation = Citation::of(document, file_name.as_deref());
            super::html_export::article_html(document, &annotations, &citation)
        }
    }
}

/// The export's text made later, on a worker: the HTML export draws a
/// PDF's figures in child processes, which a frame must not wait for; the
/// others are made now (they are quick) and handed over.
pub fn export_job(
    store: &AnnotationStore,
    document: &Document,
    source: ArticleSource<'_>,
    format: ExportFormat,
) -> Box<dyn FnOnce() -> String + Send> {
    if format != ExportFormat::Html {
        let text = export_annotations(store, document, source, format);
        return Box::new(move || text);
    }
    let file_name = source.file_name();
    let citation = Citation::of(document, file_name.as_deref());
    let document = document.clone();
    let annotations: Vec<(
        crate::annotate::Annotation,
        crate::annotate::AnchorResolution,
    )> = store
        .annotations()
        .into_iter()
        .map(|(annotation, resolution)| (annotation.clone(), resolution.clone()))
        .collect();
    Box::new(move || {
        let borrowed: Vec<_> = annotations.iter().map(|(a, r)| (a, r)).collect();
        super::html_export::article_html(&document, &borrowed, &citation)
    })
}

/// What reading an annotation JSON file can run into; names the file.
#[derive(Debug, thiserror::Error)]
pub enum AnnotationFileError {
    #[error("{}: cannot be read: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: is not a regular file", path.display())]
    NotAFile { path: PathBuf },
    #[error("{}: is over 64 MiB; an annotation file that large is refused", path.display())]
    TooLarge { path: PathBuf },
    #[error("{}: {source}", path.display())]
    Content {
        path: PathBuf,
        #[source]
        source: ExchangeError,
    },
}

/// What an annotation file holds: the annotations, and the items not taken.
#[derive(Clone, Debug, PartialEq)]
pub struct AnnotationFile {
    pub annotations: Vec<ImportedAnnotation>,
    pub skipped: Vec<SkippedItem>,
}

impl AnnotationFile {
    /// The annotations for the article at `source_uri`. A file about one
    /// article (or about none named) is taken whole, wherever that article
    /// was then; a file about several (a library's collection) gives only
    /// the items whose target is this article, the others skipped.
    pub fn for_article(mut self, source_uri: &str) -> Self {
        let mut sources: Vec<&str> = self
            .annotations
            .iter()
            .filter_map(|a| a.source.as_deref())
            .collect();
        sources.sort_unstable();
        sources.dedup();
        if sources.len() <= 1 {
            return self;
        }
        // Each annotation's place in the file: the items not skipped, in order.
        let skipped_at: std::collections::HashSet<usize> =
            self.skipped.iter().map(|item| item.index).collect();
        let places = (0..).filter(|index| !skipped_at.contains(index));
        let (mine, others): (Vec<_>, Vec<_>) = places
            .zip(std::mem::take(&mut self.annotations))
            .partition(|(_, a)| a.source.as_deref() == Some(source_uri));
        self.annotations = mine.into_iter().map(|(_, a)| a).collect();
        self.skipped
            .extend(others.into_iter().map(|(index, _)| SkippedItem {
                index,
                reason: "it is about another article",
            }));
        self.skipped.sort_by_key(|item| item.index);
        self
    }
}

/// Reads annotations from a W3C or Hypothesis JSON file, in bounded memory.
pub fn read_annotation_file(path: &Path) -> Result<AnnotationFile, AnnotationFileError> {
    let read_error = |source| AnnotationFileError::Read {
        path: path.to_path_buf(),
        source,
    };
    // A FIFO, a socket or a device is refused without waiting on it.
    let json = match read_regular_file(path, MAX_ANNOTATION_JSON_BYTES) {
        Ok(Some(file)) => String::from_utf8(file.bytes).map_err(|_| {
            read_error(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "stream did not contain valid UTF-8",
            ))
        })?,
        Ok(None) => {
            let missing = std::io::Error::from_raw_os_error(libc::ENOENT);
            return Err(read_error(missing));
        }
        Err(RegularFileError::NotAFile { .. }) => {
            return Err(AnnotationFileError::NotAFile {
                path: path.to_path_buf(),
            });
        }
        Err(RegularFileError::TooLarge { .. }) => {
            return Err(AnnotationFileError::TooLarge {
                path: path.to_path_buf(),
            });
        }
        Err(RegularFileError::Io { source, .. }) => return Err(read_error(source)),
    };
    let (annotations, skipped) = annotations_from_json_with_skipped(&json).map_err(|source| {
        AnnotationFileError::Content {
            path: path.to_path_buf(),
            source,
        }
    })?;
    Ok(AnnotationFile {
        annotations,
        skipped,
    })
}

/// What an import did: how many annotations came, what became of them,
/// how each anchored, and the items not taken.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportSummary {
    pub from: PathBuf,
    pub outcome: ImportOutcome,
    pub skipped: Vec<SkippedItem>,
}

impl ImportSummary {
    pub fn new(from: &Path, outcome: ImportOutcome, skipped: Vec<SkippedItem>) -> Self {
        Self {
            from: from.to_path_buf(),
            outcome,
            skipped,
        }
    }

    pub fn count(&self) -> usize {
        self.outcome.statuses.len()
    }

    fn with_status(&self, wanted: fn(&AnchorStatus) -> bool) -> usize {
        self.outcome.statuses.iter().filter(|s| wanted(s)).count()
    }
}

impl fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.count();
        let o = &self.outcome;
        write!(
            f,
            "Imported {count} annotation{} from {}: {} new, {} updated, {} unchanged; {} anchored, {} moved, {} fuzzy, {} orphaned.",
            if count == 1 { "" } else { "s" },
            self.from.display(),
            o.new,
            o.updated,
            o.unchanged,
            self.with_status(|s| matches!(s, AnchorStatus::Anchored)),
            self.with_status(|s| matches!(s, AnchorStatus::Moved)),
            self.with_status(|s| matches!(s, AnchorStatus::Fuzzy { .. })),
            self.with_status(|s| matches!(s, AnchorStatus::Orphaned)),
        )?;
        if o.kept_both > 0 {
            write!(
                f,
                " {} had the id of an annotation here with other words: both are kept, the imported one under a new id.",
                o.kept_both
            )?;
        }
        if o.deleted_here > 0 {
            write!(f, " {} deleted here stay deleted.", o.deleted_here)?;
        }
        // Each reason once: a library's collection skips thousands of items.
        let mut reasons: Vec<&str> = self.skipped.iter().map(|item| item.reason).collect();
        reasons.dedup();
        reasons.sort_unstable();
        reasons.dedup();
        for reason in reasons {
            let items: Vec<usize> = self
                .skipped
                .iter()
                .filter(|item| item.reason == reason)
                .map(|item| item.index)
                .collect();
            match items.as_slice() {
                [index] => write!(f, " Item {index} was skipped: {reason}.")?,
                [first, .., last] => write!(
                    f,
                    " {} items (from item {first} to item {last}) were skipped: {reason}.",
                    items.len()
                )?,
                [] => {}
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_are_percent_encoded() {
        let uri = ArticleSource::File(Path::new("/tmp/My Articles/Zürich report.txt")).uri();
        assert_eq!(uri, "file:///tmp/My%20Articles/Z%C3%BCrich%20report.txt");
        assert_eq!(
            ArticleSource::Bundled("sample.txt").uri(),
            "urn:marginalia:sample:sample.txt"
        );
    }

    #[test]
    fn export_format_follows_the_file_name() {
        assert_eq!(
            ExportFormat::for_file(Path::new("a.JSON")),
            ExportFormat::W3c
        );
        assert_eq!(
            ExportFormat::for_file(Path::new("a.ron")),
            ExportFormat::Ron
        );
        assert_eq!(
            ExportFormat::for_file(Path::new("a.md")),
            ExportFormat::Markdown
        );
        assert_eq!(
            ExportFormat::for_file(Path::new("notes")),
            ExportFormat::Markdown
        );
    }

    #[test]
    fn an_import_summary_counts_each_status() {
        let outcome = ImportOutcome {
            statuses: vec![
                AnchorStatus::Anchored,
                AnchorStatus::Fuzzy { score: 0.9 },
                AnchorStatus::Orphaned,
            ],
            new: 2,
            unchanged: 1,
            ..ImportOutcome::default()
        };
        let skipped = vec![SkippedItem {
            index: 3,
            reason: "it has no text quote to anchor",
        }];
        assert_eq!(
            ImportSummary::new(Path::new("a.json"), outcome, skipped).to_string(),
            "Imported 3 annotations from a.json: 2 new, 0 updated, 1 unchanged; 1 anchored, 0 moved, 1 fuzzy, 1 orphaned. Item 3 was skipped: it has no text quote to anchor."
        );
    }
}
