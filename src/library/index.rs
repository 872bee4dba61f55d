//! The library index: SQLite with two FTS5 tables (annotations: quote, note,
//! tags; article texts: title, byline, body), tokenised without case or
//! diacritics (`unicode61 remove_diacritics 2`, so "natasha" finds
//! "Natásha"). A cache: stamped with `SCHEMA_VERSION` (`PRAGMA
//! user_version`); another version, or a file SQLite cannot read, is
//! dropped and rebuilt from the sidecars, never an error.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension as _, params};

use super::LibraryError;

/// The index's layout; a file of another version is rebuilt.
const SCHEMA_VERSION: i32 = 3;

const SCHEMA: &str = "
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    text_hash TEXT NOT NULL UNIQUE,
    title TEXT,
    byline TEXT,
    format TEXT NOT NULL,
    char_count INTEGER NOT NULL
);
CREATE TABLE locations (
    article_path TEXT PRIMARY KEY,
    sidecar_path TEXT NOT NULL UNIQUE,
    article_id INTEGER NOT NULL,
    article_present INTEGER NOT NULL,
    sidecar_size INTEGER NOT NULL,
    sidecar_mtime_ns INTEGER NOT NULL,
    sidecar_hash TEXT NOT NULL,
    article_stamp TEXT NOT NULL,
    highlights INTEGER NOT NULL,
    notes INTEGER NOT NULL
);
CREATE TABLE location_tags (
    article_path TEXT NOT NULL,
    tag TEXT NOT NULL,
    count INTEGER NOT NULL
);
CREATE INDEX location_tags_by_path ON location_tags(article_path);
CREATE TABLE annotations (
    id INTEGER PRIMARY KEY,
    article_path TEXT NOT NULL,
    uuid TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    quote TEXT NOT NULL,
    note TEXT NOT NULL,
    tags TEXT NOT NULL,
    tag_list TEXT NOT NULL,
    color TEXT NOT NULL,
    style TEXT NOT NULL,
    created TEXT NOT NULL,
    modified TEXT NOT NULL,
    status TEXT NOT NULL
);
CREATE INDEX annotations_by_path ON annotations(article_path);
CREATE VIRTUAL TABLE annotations_fts USING fts5(
    quote, note, tags, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE texts_fts USING fts5(
    title, byline, body, tokenize = 'unicode61 remove_diacritics 2');
";

/// Separates tags in `tags` (a tag may hold spaces) and in `tag_list`
/// (lower case, also before the first and after the last, so `tag:x`
/// matches whole tags only). FTS5 reads it as a space.
pub(super) const TAG_SEPARATOR: char = '\u{1f}';

/// Where the index is kept: the user's cache folder (XDG_CACHE_HOME).
pub fn index_path() -> Result<PathBuf, LibraryError> {
    let dirs = directories::ProjectDirs::from("", "", "Marginalia")
        .ok_or(LibraryError::NoFolder("cache"))?;
    Ok(dirs.cache_dir().join("library.sqlite3"))
}

/// The index, open.
#[derive(Debug)]
pub struct Index {
    pub(super) connection: Connection,
}

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
    pub body: Option<String>,
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

/// What the index holds of a sidecar, to tell whether it changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownSidecar {
    pub size: u64,
    pub mtime_ns: i64,
    pub hash: String,
    pub article_path: PathBuf,
    pub article_stamp: String,
}

impl Index {
    /// Opens the index at `path`, made anew when it is missing, of another
    /// version or damaged.
    pub fn open(path: &Path) -> Result<Self, LibraryError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|error| LibraryError::io(dir, error))?;
        }
        match Self::open_current(path) {
            Ok(Some(index)) => return Ok(index),
            Ok(None) => log::info!("{}: an older library index, rebuilt", path.display()),
            Err(error) => log::warn!("{}: {error}; the library index is rebuilt", path.display()),
        }
        Self::recreate(path)
    }

    /// Drops the index at `path` and makes it anew (after
    /// [`LibraryError::is_damaged_index`]); the caller scans again.
    pub fn recreate(path: &Path) -> Result<Self, LibraryError> {
        remove_index_files(path)?;
        Self::create(Connection::open(path)?)
    }

    /// An index in memory (tests, benchmarks).
    pub fn in_memory() -> Result<Self, LibraryError> {
        Self::create(Connection::open_in_memory()?)
    }

    /// The index at `path` if it is whole and of this version; `None` for
    /// another version; an error says how the file is damaged.
    fn open_current(path: &Path) -> Result<Option<Self>, String> {
        let connection = Connection::open(path).map_err(|e| e.to_string())?;
        // Reading the header and the schema finds a file that is not an
        // index; damage further in is found when a query meets it
        // (`LibraryError::is_damaged_index`), and the index is rebuilt then.
        // (A whole-file check would read all of a large index at each start.)
        let read = || -> rusqlite::Result<i32> {
            connection.busy_timeout(std::time::Duration::from_secs(5))?;
            let version = connection.query_row("PRAGMA user_version", [], |row| row.get(0))?;
            connection.query_row("SELECT count(*) FROM sqlite_master", [], |row| {
                row.get::<_, i64>(0)
            })?;
            Ok(version)
        };
        let version = read().map_err(|e| e.to_string())?;
        match version {
            // A new file.
            0 => Self::create(connection)
                .map(Some)
                .map_err(|e| e.to_string()),
            SCHEMA_VERSION => Ok(Some(Self { connection })),
            _ => Ok(None),
        }
    }

    fn create(connection: Connection) -> Result<Self, LibraryError> {
        // Two windows share the index: one waits for the other's write.
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
        connection.execute_batch(SCHEMA)?;
        connection.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        Ok(Self { connection })
    }

    /// What the index knows of a sidecar and its article.
    pub fn known_sidecar(&self, sidecar: &Path) -> Result<Option<KnownSidecar>, LibraryError> {
        Ok(self
            .connection
            .query_row(
                "SELECT sidecar_size, sidecar_mtime_ns, sidecar_hash, article_path, article_stamp
                 FROM locations WHERE sidecar_path = ?",
                [path_text(sidecar)],
                |row| {
                    Ok(KnownSidecar {
                        size: row.get::<_, i64>(0)? as u64,
                        mtime_ns: row.get(1)?,
                        hash: row.get(2)?,
                        article_path: PathBuf::from(row.get::<_, String>(3)?),
                        article_stamp: row.get(4)?,
                    })
                },
            )
            .optional()?)
    }

    /// A sidecar changed on disk but not in content: its new size and time.
    pub fn restamp_sidecar(
        &self,
        sidecar: &Path,
        size: u64,
        mtime_ns: i64,
    ) -> Result<(), LibraryError> {
        self.connection.execute(
            "UPDATE locations SET sidecar_size = ?, sidecar_mtime_ns = ? WHERE sidecar_path = ?",
            params![size as i64, mtime_ns, path_text(sidecar)],
        )?;
        Ok(())
    }

    /// The places indexed: each sidecar with its article's path.
    pub fn locations(&self) -> Result<Vec<(PathBuf, PathBuf)>, LibraryError> {
        let mut statement = self
            .connection
            .prepare("SELECT sidecar_path, article_path FROM locations")?;
        let paths = statement
            .query_map([], |row| {
                Ok((
                    PathBuf::from(row.get::<_, String>(0)?),
                    PathBuf::from(row.get::<_, String>(1)?),
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(paths)
    }

    /// Indexes one location, replacing what was known of it.
    pub fn put(&mut self, entry: &LocationEntry) -> Result<(), LibraryError> {
        let transaction = self.connection.transaction()?;
        let article_path = path_text(&entry.article_path);
        remove_location_rows(&transaction, &article_path, &path_text(&entry.sidecar_path))?;
        let article_id: i64 = transaction.query_row(
            "INSERT INTO articles (text_hash, title, byline, format, char_count) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(text_hash) DO UPDATE SET
                 title = coalesce(excluded.title, title), byline = coalesce(excluded.byline, byline)
             RETURNING id",
            params![entry.text_hash, entry.title, entry.byline, entry.format, entry.char_count as i64],
            |row| row.get(0),
        )?;
        if let Some(body) = &entry.body {
            transaction.execute("DELETE FROM texts_fts WHERE rowid = ?", [article_id])?;
            transaction.execute(
                "INSERT INTO texts_fts (rowid, title, byline, body) VALUES (?, ?, ?, ?)",
                params![article_id, entry.title, entry.byline, body],
            )?;
        }
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
        {
            let mut insert = transaction.prepare(
                "INSERT INTO annotations (article_path, uuid, start, end, quote, note, tags, tag_list,
                     color, style, created, modified, status)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )?;
            let mut insert_text = transaction.prepare(
                "INSERT INTO annotations_fts (rowid, quote, note, tags) VALUES (?, ?, ?, ?)",
            )?;
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
        }
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

    /// Articles, annotations, and articles whose file is gone.
    pub fn counts(&self) -> Result<(usize, usize, usize), LibraryError> {
        let count = |sql: &str| -> Result<usize, LibraryError> {
            Ok(self
                .connection
                .query_row(sql, [], |row| row.get::<_, i64>(0))? as usize)
        };
        Ok((
            count("SELECT count(*) FROM articles")?,
            count("SELECT count(DISTINCT uuid) FROM annotations")?,
            count("SELECT count(*) FROM locations WHERE article_present = 0")?,
        ))
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

/// Removes an index file and SQLite's files beside it.
fn remove_index_files(path: &Path) -> Result<(), LibraryError> {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let file = PathBuf::from(format!("{}{suffix}", path.display()));
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => return Err(LibraryError::io(file, error)),
        }
    }
    Ok(())
}

fn path_text(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}
