//! What is written into the index for one place (an article's path and
//! its sidecar): its entry, put in one transaction in place of what was
//! known of it, and its removal; an article no place holds leaves with it.

use std::path::{Path, PathBuf};

use rusqlite::{OptionalExtension as _, params};

use crate::annotate::{HighlightStyle, IndexedText, resolve_anchor};
use crate::store::Sidecar;

use super::LibraryError;
use super::article_text::ArticleText;
use super::index::{Index, TAG_SEPARATOR, path_text};

/// One article's place on disk and what its sidecar holds, to be indexed.
#[derive(Debug, Clone)]
pub struct LocationEntry {
    pub article_path: PathBuf,
    pub sidecar_path: PathBuf,
    pub article_present: bool,
    pub sidecar_size: u64,
    pub sidecar_mtime_ns: i64,
    pub sidecar_hash: String,
    /// The article file's size and modification time ("" when it is gone).
    pub article_stamp: String,
    pub text_hash: String,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub format: String,
    pub char_count: usize,
    /// The article's canonical text, when it could be read.
    pub body: Option<std::sync::Arc<String>>,
    /// Where its pages start, when it was read and has pages (a PDF).
    pub pages: Vec<crate::document::PageStart>,
    pub annotations: Vec<AnnotationEntry>,
}

#[derive(Debug, Clone)]
pub struct AnnotationEntry {
    pub uuid: String,
    pub start_char: usize,
    pub end_char: usize,
    pub quote: String,
    pub note: String,
    pub tags: Vec<String>,
    pub color: String,
    pub style: String,
    pub created: String,
    pub modified: String,
    /// anchored, moved, fuzzy, orphaned, or missing (the article is gone).
    pub status: String,
}

impl Index {
    /// Indexes one location, replacing what was known of it.
    pub fn put(&mut self, entry: &LocationEntry) -> Result<(), LibraryError> {
        // Immediate: another process writing waits the busy timeout out at
        // the start (a deferred transaction that reads, then writes, fails
        // at once when another writer is there).
        let transaction = self
            .connection
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let article_path = path_text(&entry.article_path);
        remove_location_rows(&transaction, &article_path, &path_text(&entry.sidecar_path))?;
        let article_id = put_article(&transaction, entry)?;
        put_location(&transaction, entry, &article_path, article_id)?;
        put_annotations(&transaction, entry, &article_path)?;
        drop_unlocated_articles(&transaction)?;
        transaction.commit()?;
        Ok(())
    }

    /// Forgets a sidecar that is gone, and its annotations.
    pub fn remove_sidecar(&mut self, sidecar: &Path) -> Result<(), LibraryError> {
        let transaction = self.connection.transaction()?;
        let sidecar = path_text(sidecar);
        let article_path: Option<String> = transaction
            .query_row(
                "SELECT article_path FROM locations WHERE sidecar_path = ?",
                [&sidecar],
                |row| row.get(0),
            )
            .optional()?;
        if let Some(article_path) = article_path {
            remove_location_rows(&transaction, &article_path, &sidecar)?;
            drop_unlocated_articles(&transaction)?;
        }
        transaction.commit()?;
        Ok(())
    }
}

/// Removes a location (by article path or sidecar path) and its annotations.
fn remove_location_rows(
    transaction: &rusqlite::Transaction<'_>,
    article_path: &str,
    sidecar_path: &str,
) -> rusqlite::Result<()> {
    let old_paths: Vec<String> = {
        let mut statement = transaction.prepare(
            "SELECT article_path FROM locations WHERE article_path = ?1 OR sidecar_path = ?2",
        )?;
        statement
            .query_map([article_path, sidecar_path], |row| row.get(0))?
            .collect::<Result<_, _>>()?
    };
    for path in old_paths {
        transaction.execute(
            "DELETE FROM annotations_fts WHERE rowid IN (SELECT id FROM annotations WHERE article_path = ?)",
            [&path],
        )?;
        transaction.execute("DELETE FROM annotations WHERE article_path = ?", [&path])?;
        transaction.execute("DELETE FROM location_tags WHERE article_path = ?", [&path])?;
        transaction.execute("DELETE FROM locations WHERE article_path = ?", [&path])?;
    }
    Ok(())
}

/// Articles no location holds any more leave the index.
fn drop_unlocated_articles(transaction: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    transaction.execute(
        "DELETE FROM texts_fts WHERE rowid IN
             (SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM locations))",
        [],
    )?;
    transaction.execute(
        "DELETE FROM articles WHERE id NOT IN (SELECT article_id FROM locations)",
        [],
    )?;
    Ok(())
}

/// The article's row (one per text, whichever copy), and its text indexed
/// when it was read anew; its id.
fn put_article(
    transaction: &rusqlite::Transaction,
    entry: &LocationEntry,
) -> Result<i64, LibraryError> {
    let article_id: i64 = transaction.query_row(
        "INSERT INTO articles (text_hash, title, byline, format, char_count, pages)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6)
     ON CONFLICT(text_hash) DO UPDATE SET
         title = coalesce(excluded.title, title), byline = coalesce(excluded.byline, byline),
         pages = CASE WHEN excluded.pages <> '' THEN excluded.pages ELSE pages END
     RETURNING id",
        params![
            entry.text_hash,
            entry.title,
            entry.byline,
            entry.format,
            entry.char_count as i64,
            super::pages::pages_column(&entry.pages)
        ],
        |row| row.get(0),
    )?;
    if let Some(body) = &entry.body {
        transaction.execute("DELETE FROM texts_fts WHERE rowid = ?", [article_id])?;
        transaction.execute(
            "INSERT INTO texts_fts (rowid, title, byline, body) VALUES (?, ?, ?, ?)",
            params![article_id, entry.title, entry.byline, body],
        )?;
    }
    Ok(article_id)
}

/// The location's row: where the article and its sidecar are, and counts.
fn put_location(
    transaction: &rusqlite::Transaction,
    entry: &LocationEntry,
    article_path: &str,
    article_id: i64,
) -> Result<(), LibraryError> {
    let notes = entry
        .annotations
        .iter()
        .filter(|a| !a.note.is_empty())
        .count();
    transaction.execute(
        "INSERT INTO locations (article_path, sidecar_path, article_id, article_present,
             sidecar_size, sidecar_mtime_ns, sidecar_hash, article_stamp, highlights, notes)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        params![
            article_path,
            path_text(&entry.sidecar_path),
            article_id,
            entry.article_present,
            entry.sidecar_size as i64,
            entry.sidecar_mtime_ns,
            entry.sidecar_hash,
            entry.article_stamp,
            entry.annotations.len() as i64,
            notes as i64
        ],
    )?;
    // The tags' counts, for the tag browser without reading every annotation.
    let mut tag_counts: std::collections::BTreeMap<String, i64> = Default::default();
    for tag in entry.annotations.iter().flat_map(|a| &a.tags) {
        *tag_counts.entry(tag.to_lowercase()).or_default() += 1;
    }
    for (tag, count) in tag_counts {
        transaction.execute(
            "INSERT INTO location_tags (article_path, tag, count) VALUES (?, ?, ?)",
            params![article_path, tag, count],
        )?;
    }
    Ok(())
}

/// The location's highlights, each in the table and the text index.
fn put_annotations(
    transaction: &rusqlite::Transaction,
    entry: &LocationEntry,
    article_path: &str,
) -> Result<(), LibraryError> {
    let mut insert = transaction.prepare(
        "INSERT INTO annotations (article_path, uuid, start, end, quote, note, tags, tag_list,
                 color, style, created, modified, status)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )?;
    let mut insert_text = transaction
        .prepare("INSERT INTO annotations_fts (rowid, quote, note, tags) VALUES (?, ?, ?, ?)")?;
    for annotation in &entry.annotations {
        let tags = annotation.tags.join(&TAG_SEPARATOR.to_string());
        let tag_list: String = annotation
            .tags
            .iter()
            .map(|tag| format!("{TAG_SEPARATOR}{}", tag.to_lowercase()))
            .collect::<String>()
            + &TAG_SEPARATOR.to_string();
        insert.execute(params![
            article_path,
            annotation.uuid,
            annotation.start_char as i64,
            annotation.end_char as i64,
            annotation.quote,
            annotation.note,
            tags,
            tag_list,
            annotation.color,
            annotation.style,
            annotation.created,
            annotation.modified,
            annotation.status
        ])?;
        let row = transaction.last_insert_rowid();
        insert_text.execute(params![row, annotation.quote, annotation.note, tags])?;
    }
    Ok(())
}

/// A sidecar as read for the index: where, its size, time and hash.
pub(super) struct SidecarRead {
    pub(super) path: PathBuf,
    pub(super) size: u64,
    pub(super) mtime_ns: i64,
    pub(super) hash: String,
}

/// What the index keeps of a sidecar and its article.
pub(super) fn location_entry(
    read: SidecarRead,
    parsed: &Sidecar,
    article_path: PathBuf,
    article_stamp: String,
    article: Option<ArticleText>,
) -> LocationEntry {
    let annotations = annotation_entries(parsed, article.as_ref());
    let present = article.is_some();
    let (text_hash, title, byline, char_count, body, pages) = match article {
        Some(ArticleText { indexed, read_now }) => (
            indexed.text_hash,
            indexed.title.or_else(|| parsed.document.title.clone()),
            indexed.byline,
            indexed.char_count,
            // Only a text read anew is indexed anew.
            read_now.then_some(indexed.body),
            indexed.pages,
        ),
        None => (
            parsed.document.text_hash.clone(),
            parsed.document.title.clone(),
            None,
            parsed.document.char_count,
            None,
            Vec::new(),
        ),
    };
    LocationEntry {
        article_path,
        sidecar_path: read.path,
        article_present: present,
        sidecar_size: read.size,
        sidecar_mtime_ns: read.mtime_ns,
        sidecar_hash: read.hash,
        article_stamp,
        text_hash,
        title,
        byline,
        format: parsed.document.format.name().to_owned(),
        char_count,
        body,
        pages,
        annotations,
    }
}

/// Each highlight where it is found in the article's text (where it was
/// made when the article is missing).
fn annotation_entries(parsed: &Sidecar, article: Option<&ArticleText>) -> Vec<AnnotationEntry> {
    let text = article.map(|a| IndexedText::new(&a.indexed.body));
    parsed
        .set
        .iter()
        .map(|annotation| {
            let placed = text
                .as_ref()
                .map(|text| resolve_anchor(text, &annotation.anchor, 0));
            let (range, status) = match &placed {
                Some(resolution) => (resolution.range.clone(), resolution.status.name()),
                None => (None, "missing"),
            };
            let range = range.unwrap_or(annotation.anchor.start_char..annotation.anchor.end_char);
            AnnotationEntry {
                uuid: annotation.id.to_string(),
                start_char: range.start,
                end_char: range.end,
                quote: annotation.anchor.exact.clone(),
                note: annotation.note.clone(),
                tags: annotation.tags.clone(),
                color: annotation.color.name().to_owned(),
                style: match annotation.style {
                    HighlightStyle::Highlight => "highlight",
                    HighlightStyle::Underline => "underline",
                }
                .to_owned(),
                created: annotation.created.to_string(),
                modified: annotation.modified.to_string(),
                status: status.to_owned(),
            }
        })
        .collect()
}
