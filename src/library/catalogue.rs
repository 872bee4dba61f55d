//! What the library view lists, read from the index: the articles (one row
//! per article, however many places hold it), the annotation tags with
//! their counts, and every annotation for the review.

use std::path::PathBuf;

use super::LibraryError;
use super::index::Index;
use super::search::split_tags;

/// One article of the library.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ArticleRow {
    pub title: Option<String>,
    /// Who wrote it, or its site.
    pub byline: Option<String>,
    /// Its first place on disk whose file is there (else its first place).
    pub path: PathBuf,
    pub format: String,
    /// Annotations (each counted once, however many copies hold it).
    pub highlights: usize,
    /// Annotations with a note.
    pub notes: usize,
    /// Places holding the same text.
    pub locations: usize,
    /// No place holds the article's file any more: its sidecar is listed.
    pub missing: bool,
}

/// A tag and how many annotations carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagCount {
    pub tag: String,
    pub count: usize,
}

/// One annotation for the review, with its article.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewRow {
    pub id: String,
    pub article: PathBuf,
    pub title: Option<String>,
    pub quote: String,
    pub note: String,
    pub tags: Vec<String>,
    pub color: String,
    pub start_char: usize,
    /// RFC 3339.
    pub created: String,
    pub modified: String,
    /// anchored, moved, fuzzy, orphaned or missing.
    pub status: String,
}

impl Index {
    /// Every article, one row each, in no particular order (from the
    /// places' counts: no annotation is read).
    pub fn articles(&self) -> Result<Vec<ArticleRow>, LibraryError> {
        let mut statement = self.connection.prepare(
            "SELECT ar.title, ar.byline, ar.format,
                    coalesce(min(CASE WHEN l.article_present THEN l.article_path END), min(l.article_path)),
                    max(l.article_present), count(*), max(l.highlights), max(l.notes)
             FROM articles ar JOIN locations l ON l.article_id = ar.id
             GROUP BY ar.id",
        )?;
        let rows = statement.query_map([], |row| {
            Ok(ArticleRow {
                title: row.get(0)?,
                byline: row.get(1)?,
                format: row.get(2)?,
                path: PathBuf::from(row.get::<_, String>(3)?),
                missing: !row.get::<_, bool>(4)?,
                locations: row.get::<_, i64>(5)? as usize,
                highlights: row.get::<_, i64>(6)? as usize,
                notes: row.get::<_, i64>(7)? as usize,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every annotation tag (lower case) with its count, most used first;
    /// an article in two places counted once.
    pub fn tags(&self) -> Result<Vec<TagCount>, LibraryError> {
        let mut statement = self.connection.prepare(
            "SELECT t.tag, sum(t.count) AS total FROM location_tags t
             JOIN (SELECT min(article_path) AS path FROM locations GROUP BY article_id) one
                 ON one.path = t.article_path
             GROUP BY t.tag ORDER BY total DESC, t.tag",
        )?;
        let rows = statement.query_map([], |row| {
            Ok(TagCount {
                tag: row.get(0)?,
                count: row.get::<_, i64>(1)? as usize,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every annotation once (from the first place that holds it), newest first.
    pub fn review(&self) -> Result<Vec<ReviewRow>, LibraryError> {
        let mut statement = self.connection.prepare(
            "SELECT a.uuid, min(a.article_path), ar.title, a.quote, a.note, a.tags, a.color,
                    a.start, a.created, a.modified, a.status
             FROM annotations a JOIN locations l ON l.article_path = a.article_path
             JOIN articles ar ON ar.id = l.article_id
             GROUP BY a.uuid ORDER BY a.modified DESC",
        )?;
        let rows = statement.query_map([], |row| {
            let tags: String = row.get(5)?;
            Ok(ReviewRow {
                id: row.get(0)?,
                article: PathBuf::from(row.get::<_, String>(1)?),
                title: row.get(2)?,
                quote: row.get(3)?,
                note: row.get(4)?,
                tags: split_tags(&tags),
                color: row.get(6)?,
                start_char: row.get::<_, i64>(7)? as usize,
                created: row.get(8)?,
                modified: row.get(9)?,
                status: row.get(10)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// One article's place, for exporting it.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticlePlace {
    pub article: PathBuf,
    pub sidecar: PathBuf,
    pub present: bool,
    pub text_hash: String,
    /// The sidecars of the article's other places (copies of it elsewhere,
    /// each annotated on its own): their annotations are exported with it.
    pub other_sidecars: Vec<PathBuf>,
}

impl Index {
    /// Each article with annotations once, at its first place whose file is
    /// there (else its first place), ordered by title; the sidecars of its
    /// other places with it.
    pub fn annotated_places(&self) -> Result<Vec<ArticlePlace>, LibraryError> {
        let mut statement = self.connection.prepare(
            "SELECT l.article_path, l.sidecar_path, l.article_present, ar.text_hash
             FROM locations l JOIN articles ar ON ar.id = l.article_id
             WHERE l.sidecar_hash != ''
             ORDER BY ar.title, ar.id, l.article_present DESC, l.article_path",
        )?;
        let rows = statement.query_map([], |row| {
            Ok(ArticlePlace {
                article: PathBuf::from(row.get::<_, String>(0)?),
                sidecar: PathBuf::from(row.get::<_, String>(1)?),
                present: row.get(2)?,
                text_hash: row.get(3)?,
                other_sidecars: Vec::new(),
            })
        })?;
        let mut places: Vec<ArticlePlace> = Vec::new();
        for place in rows {
            let place = place?;
            match places.last_mut() {
                Some(last) if last.text_hash == place.text_hash => {
                    last.other_sidecars.push(place.sidecar);
                }
                _ => places.push(place),
            }
        }
        Ok(places)
    }
}
