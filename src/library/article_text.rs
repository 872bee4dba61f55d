//! Where the library gets an article's text, to index it and to place its
//! annotations: from the index when the file is as it was indexed (a
//! sidecar saved again re-reads no article: in a 3 MB book that was 0.4 s
//! of a core at each save), from the window that has just read it (an
//! article opened for the first time is not imported a second time), or
//! else imported.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::document::Document;
use crate::import::{ImportError, file_stamp, import_path};

use super::LibraryError;
use super::index::{Index, IndexedArticle, KnownSidecar};

/// An article's stamp as the index keeps it (`import::file_stamp`); ""
/// when it cannot be read.
pub(super) fn article_stamp(article: &Path) -> String {
    std::fs::metadata(article).map_or_else(|_| String::new(), |metadata| file_stamp(&metadata))
}

/// An article's text as the window read it (shared with the window's
/// document, not copied), with its file's stamp from before it was read:
/// offered to the library so it need not import it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenedText {
    pub stamp: String,
    pub text: Arc<String>,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub format: String,
    pub char_count: usize,
    /// Where its pages start, when it has pages (a PDF).
    pub pages: Vec<crate::document::PageStart>,
}

impl OpenedText {
    /// The text of a document imported from a file (`None` for one that
    /// was not, as the bundled sample).
    pub fn of(document: &Document) -> Option<Self> {
        let stamp = document.metadata.file_stamp.clone()?;
        Some(Self::read(document, stamp))
    }

    fn read(document: &Document, stamp: String) -> Self {
        Self {
            stamp,
            text: document.shared_text(),
            title: document.metadata.title.clone(),
            byline: document.metadata.byline.clone(),
            format: document.format.name().to_owned(),
            char_count: document.char_count(),
            pages: document.pages().to_vec(),
        }
    }

    /// What the index keeps of it (its text hashed here, on the library's
    /// thread, not in the window's frame).
    fn into_indexed(self) -> IndexedArticle {
        IndexedArticle {
            text_hash: crate::store::text_hash(&self.text),
            title: self.title,
            byline: self.byline,
            format: self.format,
            char_count: self.char_count,
            body: self.text,
            pages: self.pages,
        }
    }
}

/// The texts the window offered, by article path, until they are indexed.
#[derive(Debug, Default)]
pub(super) struct OfferedTexts(HashMap<PathBuf, OpenedText>);

impl OfferedTexts {
    pub(super) fn offer(&mut self, article: PathBuf, text: OpenedText) {
        self.0.insert(article, text);
    }

    /// Forgets what was offered for `article` (its indexing is done).
    pub(super) fn forget(&mut self, article: &Path) {
        self.0.remove(article);
    }
}

/// The article read: as the window offered it if that is of the file as
/// it is now (`stamp`; an offer of an older version is dropped), else
/// imported.
pub(super) fn read_article(
    article: &Path,
    stamp: &str,
    offered: &mut OfferedTexts,
) -> Result<IndexedArticle, ImportError> {
    match offered.0.remove(article) {
        Some(opened) if !stamp.is_empty() && opened.stamp == stamp => Ok(opened.into_indexed()),
        _ => import_path(article)
            .map(|document| OpenedText::read(&document, String::new()).into_indexed()),
    }
}

/// An article's text, to place its annotations, and whether it was read
/// now (and so is indexed anew).
pub(super) struct ArticleText {
    pub(super) indexed: IndexedArticle,
    pub(super) read_now: bool,
}

/// The article's text: as indexed when its file is as it was then, else
/// as the window offered it, else imported; `None` when it cannot be read.
pub(super) fn article_text(
    index: &Index,
    known: Option<&KnownSidecar>,
    article: &Path,
    stamp: &str,
    offered: &mut OfferedTexts,
) -> Result<Option<ArticleText>, LibraryError> {
    let unchanged = known.is_some_and(|known| {
        known.article_path == article && !stamp.is_empty() && known.article_stamp == stamp
    });
    if unchanged && let Some(indexed) = index.indexed_article(article)? {
        return Ok(Some(ArticleText {
            indexed,
            read_now: false,
        }));
    }
    Ok(read_article(article, stamp, offered)
        .map_err(|error| log::info!("{}: {error}", article.display()))
        .ok()
        .map(|indexed| ArticleText {
            indexed,
            read_now: true,
        }))
}
