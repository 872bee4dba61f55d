//! Searching the index: annotations (FTS5 over quote, note and tags, with
//! the query's operators as conditions), then passages of article texts,
//! each with a snippet whose matched words are marked.

use std::path::PathBuf;

use rusqlite::types::Value;
use serde::Serialize;

use super::LibraryError;
use super::index::{Index, TAG_SEPARATOR};
use super::pages::{page_label_at, pages_of_column};
use super::passages::{Passage, passages};
use super::query::{Query, Scope};

/// What a search found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SearchHitKind {
    Annotation,
    Text,
}

/// One result: an annotation, or a passage of an article's text. Offsets
/// are chars of the article's canonical text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub kind: SearchHitKind,
    pub article: PathBuf,
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub start: usize,
    pub end: usize,
    /// The label of the page `start` is on, when the article has pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// The words around the match, the matched words between `**`.
    pub snippet: String,
    /// In an article's text: the places its words are (the first ones;
    /// `start`, `end` and `snippet` are the first's), and how many in all.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub passages: Vec<Passage>,
    #[serde(skip_serializing_if = "is_zero")]
    pub passage_count: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Passages kept per article in a result (all are counted).
const PASSAGES_KEPT: usize = 100;

impl Index {
    /// Annotations first, then passages of article texts, at most `limit`.
    pub fn search(&self, query: &Query, limit: usize) -> Result<Vec<SearchHit>, LibraryError> {
        let mut hits = if query.scope == Scope::Text {
            Vec::new()
        } else {
            self.search_annotations(query, limit)?
        };
        let texts_too = query.scope == Scope::Text
            || (!query.terms.is_empty() && !query.is_about_annotations());
        if texts_too && hits.len() < limit {
            hits.extend(self.search_texts(query, limit - hits.len())?);
        }
        Ok(hits)
    }

    fn search_annotations(
        &self,
        query: &Query,
        limit: usize,
    ) -> Result<Vec<SearchHit>, LibraryError> {
        let columns: &[&str] = match query.scope {
            Scope::Quote => &["quote"],
            Scope::Note => &["note"],
            _ => &[],
        };
        let (mut sql, mut values, ranked) = annotation_query(query, columns);
        push_common_filters(
            query,
            "a.article_path",
            Some("a.modified"),
            &mut sql,
            &mut values,
        );
        sql += if ranked {
            " ORDER BY rank"
        } else {
            " ORDER BY a.modified DESC"
        };
        sql += " LIMIT ?";
        values.push(Value::Integer(limit as i64));
        let mut statement = self.connection.prepare(&sql)?;
        let rows = statement.query_map(rusqlite::params_from_iter(values), annotation_hit)?;
        let mut hits: Vec<SearchHit> = Vec::new();
        for hit in rows {
            let hit = hit?;
            // One annotation in two copies of an article: shown once.
            if !hits.iter().any(|h| h.id == hit.id) {
                hits.push(hit);
            }
        }
        Ok(hits)
    }

    fn search_texts(&self, query: &Query, limit: usize) -> Result<Vec<SearchHit>, LibraryError> {
        let Some(expression) = query.fts_match(&[]) else {
            return Ok(Vec::new());
        };
        let mut values = vec![Value::Text(expression)];
        let mut sql = String::from(
            "SELECT l.article_path, ar.title, snippet(texts_fts, 2, '**', '**', '…', 16), texts_fts.body, ar.id,
                    ar.pages
             FROM texts_fts JOIN articles ar ON ar.id = texts_fts.rowid
             JOIN locations l ON l.article_id = ar.id AND l.article_present = 1
             WHERE texts_fts MATCH ?",
        );
        push_common_filters(query, "l.article_path", None, &mut sql, &mut values);
        // BM25, a word in the title weighing most, then the byline.
        sql += " ORDER BY bm25(texts_fts, 10.0, 3.0, 1.0) LIMIT ?";
        values.push(Value::Integer(limit as i64));
        let mut statement = self.connection.prepare(&sql)?;
        let rows = statement.query_map(rusqlite::params_from_iter(values), |row| {
            Ok(TextRow {
                article: row.get(0)?,
                title: row.get(1)?,
                fts_snippet: row.get(2)?,
                body: row.get(3)?,
                article_id: row.get(4)?,
                pages: row.get(5)?,
            })
        })?;
        let mut hits = Vec::new();
        let mut articles_seen = std::collections::HashSet::new();
        for row in rows {
            let row = row?;
            // An article in two places: its first place only.
            if articles_seen.insert(row.article_id) {
                hits.push(text_hit(row, &query.terms));
            }
        }
        Ok(hits)
    }
}

/// An article whose text a search found, as the index gives it.
struct TextRow {
    article: String,
    title: Option<String>,
    fts_snippet: String,
    body: String,
    article_id: i64,
    pages: String,
}

/// An article's text as a hit: its passages for `terms`, each with its page.
fn text_hit(row: TextRow, terms: &[String]) -> SearchHit {
    let pages = pages_of_column(&row.pages);
    let (kept, count) = passages(&row.body, &pages, terms, PASSAGES_KEPT);
    // Found by the title or byline alone: the start, the index's snippet.
    let first = kept.first().cloned().unwrap_or(Passage {
        start: 0,
        end: 0,
        snippet: row.fts_snippet,
        page: page_label_at(&pages, 0),
    });
    SearchHit {
        kind: SearchHitKind::Text,
        article: PathBuf::from(row.article),
        title: row.title,
        id: None,
        start: first.start,
        end: first.end,
        page: first.page,
        quote: None,
        note: None,
        tags: None,
        snippet: first.snippet,
        passages: kept,
        passage_count: count,
    }
}

/// `folder:` and the dates, on the article path and modified time columns.
fn push_common_filters(
    query: &Query,
    path_column: &str,
    modified_column: Option<&str>,
    sql: &mut String,
    values: &mut Vec<Value>,
) {
    for folder in &query.folders {
        *sql += &format!(" AND instr(lower({path_column}), ?) > 0");
        values.push(Value::Text(format!("/{folder}/")));
    }
    if let Some(column) = modified_column {
        if let Some(after) = &query.after {
            *sql += &format!(" AND {column} >= ?");
            values.push(Value::Text(after.clone()));
        }
        if let Some(before) = &query.before {
            *sql += &format!(" AND {column} < ?");
            values.push(Value::Text(before.clone()));
        }
    }
}

/// The tags of the `tags` column.
pub(super) fn split_tags(tags: &str) -> Vec<String> {
    tags.split(TAG_SEPARATOR)
        .filter(|tag| !tag.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The annotation search's SQL up to its common filters, its values, and
/// whether it is ranked (a text query) or by time.
fn annotation_query(query: &Query, columns: &[&str]) -> (String, Vec<Value>, bool) {
    let mut values: Vec<Value> = Vec::new();
    let mut sql = String::from(
        "SELECT a.uuid, a.article_path, ar.title, a.start, a.end, a.quote, a.note, a.tags, ",
    );
    let order = match query.fts_match(columns) {
        Some(expression) => {
            sql += "snippet(annotations_fts, -1, '**', '**', '…', 16), ar.pages
                    FROM annotations_fts JOIN annotations a ON a.id = annotations_fts.rowid ";
            values.push(Value::Text(expression));
            "annotations_fts MATCH ?"
        }
        None => {
            sql += "a.quote, ar.pages FROM annotations a ";
            "1"
        }
    };
    sql += "JOIN locations l ON l.article_path = a.article_path
            JOIN articles ar ON ar.id = l.article_id WHERE ";
    sql += order;
    let ranked = order != "1";
    for (tag, wanted) in &query.tags {
        sql += if *wanted {
            " AND instr(a.tag_list, ?) > 0"
        } else {
            " AND instr(a.tag_list, ?) = 0"
        };
        values.push(Value::Text(format!("{TAG_SEPARATOR}{tag}{TAG_SEPARATOR}")));
    }
    if !query.colors.is_empty() {
        sql += &format!(
            " AND a.color IN ({})",
            vec!["?"; query.colors.len()].join(", ")
        );
        values.extend(query.colors.iter().map(|c| Value::Text(c.clone())));
    }
    match query.has_note {
        Some(true) => sql += " AND a.note != ''",
        Some(false) => sql += " AND a.note = ''",
        None => {}
    }
    if query.orphaned {
        sql += " AND a.status = 'orphaned'";
    }
    if query.missing {
        sql += " AND a.status = 'missing'";
    }
    (sql, values, ranked)
}

/// A row of the annotation search.
fn annotation_hit(row: &rusqlite::Row) -> rusqlite::Result<SearchHit> {
    let tags: String = row.get(7)?;
    let start = row.get::<_, i64>(3)? as usize;
    let pages = pages_of_column(&row.get::<_, String>(9)?);
    Ok(SearchHit {
        kind: SearchHitKind::Annotation,
        id: Some(row.get(0)?),
        article: PathBuf::from(row.get::<_, String>(1)?),
        title: row.get(2)?,
        start,
        end: row.get::<_, i64>(4)? as usize,
        page: page_label_at(&pages, start),
        quote: Some(row.get(5)?),
        note: Some(row.get(6)?),
        tags: Some(split_tags(&tags)),
        snippet: row.get::<_, String>(8)?.replace(TAG_SEPARATOR, " "),
        passages: Vec::new(),
        passage_count: 0,
    })
}
