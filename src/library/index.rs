//! The library index: SQLite with two FTS5 tables (annotations: quote, note,
//! tags; article texts: title, byline, body), tokenised without case or
//! diacritics (`unicode61 remove_diacritics 2`, so "natasha" finds
//! "Natásha"). A cache: stamped with `SCHEMA_VERSION` (`PRAGMA
//! user_version`); another version, or a file SQLite cannot read, is
//! dropped and rebuilt from the sidecars, never an error.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension as _, params};

use super::LibraryError;
use super::index_files::{self, rebuild_lock, remove_index_files};

/// The index's layout; a file of another version is rebuilt.
const SCHEMA_VERSION: i32 = 5;

/// The tables the layout makes: an index that lacks one is rebuilt.
const TABLES: [&str; 7] = [
    "articles",
    "locations",
    "location_tags",
    "annotations",
    "annotations_fts",
    "texts_fts",
    "unreadable",
];

const SCHEMA: &str = "
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    text_hash TEXT NOT NULL UNIQUE,
    title TEXT,
    byline TEXT,
    format TEXT NOT NULL,
    char_count INTEGER NOT NULL,
    pages TEXT NOT NULL DEFAULT ''
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
CREATE TABLE unreadable (
    article_path TEXT PRIMARY KEY,
    article_stamp TEXT NOT NULL,
    reason TEXT NOT NULL
);
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
    /// Made anew when opened: empty until scanned.
    made_anew: bool,
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

/// An article's text as the index holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexedArticle {
    pub text_hash: String,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub format: String,
    pub char_count: usize,
    /// The canonical text (shared with the window's document when it
    /// offered it).
    pub body: std::sync::Arc<String>,
    /// Where its pages start, when it has pages (a PDF).
    pub pages: Vec<crate::document::PageStart>,
}

impl Index {
    /// Opens the index at `path`, made anew when it is missing, of another
    /// version or damaged.
    pub fn open(path: &Path) -> Result<Self, LibraryError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|error| LibraryError::io(dir, error))?;
        }
        match Self::open_current(path) {
            Ok(Some(index)) => return index_files::writable(index, path, Self::open_current),
            Ok(None) => log::info!("{}: an older library index, rebuilt", path.display()),
            Err(error) => log::warn!("{}: {error}; the library index is rebuilt", path.display()),
        }
        Self::recreate(path)
    }

    /// Makes the index at `path` anew, empty (after
    /// [`LibraryError::is_damaged_index`]); the caller scans again. Another
    /// process may have it open: its tables are dropped and made again in
    /// one transaction, in place, so that process sees an empty index, never
    /// a file deleted under it. Only a file SQLite cannot use at all is
    /// removed, one rebuilder at a time (a lock beside it).
    pub fn recreate(path: &Path) -> Result<Self, LibraryError> {
        match Self::reset_in_place(path) {
            Ok(index) => Ok(index),
            Err(error) => {
                log::warn!(
                    "{}: {error}; the library index is made anew",
                    path.display()
                );
                let _rebuilding = rebuild_lock(path)?;
                remove_index_files(path)?;
                Self::create(Connection::open(path)?)
            }
        }
    }

    /// Every table of the file at `path` dropped and the layout made
    /// again, in one immediate transaction.
    fn reset_in_place(path: &Path) -> Result<Self, LibraryError> {
        let mut connection = Connection::open(path)?;
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
        let transaction =
            connection.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Virtual (FTS) tables first, which drop their shadow tables; then
        // whatever is left (a shadow table whose FTS table is gone too).
        for kind in ["sql LIKE 'CREATE VIRTUAL TABLE%'", "1"] {
            let tables: Vec<String> = transaction
                .prepare(&format!(
                    "SELECT name FROM sqlite_master WHERE type = 'table'
                     AND name NOT LIKE 'sqlite_%' AND {kind}"
                ))?
                .query_map([], |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for table in tables {
                transaction.execute_batch(&format!("DROP TABLE IF EXISTS \"{table}\""))?;
            }
        }
        transaction.execute_batch(SCHEMA)?;
        transaction.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        transaction.commit()?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        Ok(Self {
            connection,
            made_anew: true,
        })
    }

    /// Whether a write to the index goes through (its version written again).
    pub(super) fn can_write(&self) -> bool {
        self.connection
            .pragma_update(None, "user_version", SCHEMA_VERSION)
            .is_ok()
    }

    /// Whether this index was made anew when opened (none yet, another
    /// version, damaged): it knows nothing until the sidecars are scanned,
    /// and an answer from it before then would be a lie.
    pub fn is_made_anew(&self) -> bool {
        self.made_anew
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
        let read = || -> rusqlite::Result<(i32, Vec<String>)> {
            connection.busy_timeout(std::time::Duration::from_secs(5))?;
            let version = connection.query_row("PRAGMA user_version", [], |row| row.get(0))?;
            let mut statement =
                connection.prepare("SELECT name FROM sqlite_master WHERE type = 'table'")?;
            let tables = statement
                .query_map([], |row| row.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok((version, tables))
        };
        let (version, tables) = read().map_err(|e| e.to_string())?;
        let missing = TABLES
            .iter()
            .find(|table| !tables.iter().any(|t| t == *table));
        match (version, missing) {
            // A new file.
            (0, _) if tables.is_empty() => Self::create(connection)
                .map(Some)
                .map_err(|e| e.to_string()),
            (SCHEMA_VERSION, None) => Ok(Some(Self {
                connection,
                made_anew: false,
            })),
            (SCHEMA_VERSION, Some(table)) => Err(format!("its table {table} is missing")),
            _ => Ok(None),
        }
    }

    /// A new, empty index (made anew: it knows nothing until scanned).
    fn create(connection: Connection) -> Result<Self, LibraryError> {
        // Two windows share the index: one waits for the other's write.
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
        connection.execute_batch(SCHEMA)?;
        connection.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        Ok(Self {
            connection,
            made_anew: true,
        })
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

    /// The text indexed for the article at `article` (of the place at that
    /// path), with what was read from it; `None` when none was indexed.
    pub fn indexed_article(&self, article: &Path) -> Result<Option<IndexedArticle>, LibraryError> {
        Ok(self
            .connection
            .query_row(
                "SELECT a.text_hash, a.title, a.byline, a.format, a.char_count, t.body, a.pages
                 FROM locations l JOIN articles a ON a.id = l.article_id
                 JOIN texts_fts t ON t.rowid = a.id
                 WHERE l.article_path = ? AND l.article_present",
                [path_text(article)],
                |row| {
                    Ok(IndexedArticle {
                        text_hash: row.get(0)?,
                        title: row.get(1)?,
                        byline: row.get(2)?,
                        format: row.get(3)?,
                        char_count: row.get::<_, i64>(4)? as usize,
                        body: std::sync::Arc::new(row.get(5)?),
                        pages: super::pages::pages_of_column(&row.get::<_, String>(6)?),
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

pub(super) fn path_text(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}
