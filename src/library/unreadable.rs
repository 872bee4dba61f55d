//! Articles in the library's folders that could not be read, with why:
//! listed in the library, and not read again until their file changes (a
//! damaged PDF is tried once per version of it, never in a loop).

use std::path::{Path, PathBuf};

use rusqlite::{OptionalExtension as _, params};

use super::LibraryError;
use super::index::{Index, path_text};

/// An article that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct UnreadableArticle {
    pub path: PathBuf,
    /// Why, as the importer said it.
    pub reason: String,
}

impl Index {
    /// Why `article` could not be read, when it could not as it is now
    /// (`stamp`).
    pub(super) fn failed_as(
        &self,
        article: &Path,
        stamp: &str,
    ) -> Result<Option<String>, LibraryError> {
        Ok(self
            .connection
            .query_row(
                "SELECT reason FROM unreadable WHERE article_path = ? AND article_stamp = ?",
                params![path_text(article), stamp],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// `article`, as it is now (`stamp`), could not be read.
    pub(super) fn put_unreadable(
        &self,
        article: &Path,
        stamp: &str,
        reason: &str,
    ) -> Result<(), LibraryError> {
        self.connection.execute(
            "INSERT OR REPLACE INTO unreadable (article_path, article_stamp, reason)
             VALUES (?, ?, ?)",
            params![path_text(article), stamp, reason],
        )?;
        Ok(())
    }

    /// `article` was read, or is gone: no longer listed as unreadable.
    /// Returns whether it was.
    pub(super) fn forget_unreadable(&self, article: &Path) -> Result<bool, LibraryError> {
        let removed = self.connection.execute(
            "DELETE FROM unreadable WHERE article_path = ?",
            [path_text(article)],
        )?;
        Ok(removed > 0)
    }

    /// Every article that could not be read, by path.
    pub fn unreadable(&self) -> Result<Vec<UnreadableArticle>, LibraryError> {
        let mut statement = self
            .connection
            .prepare("SELECT article_path, reason FROM unreadable ORDER BY article_path")?;
        let rows = statement.query_map([], |row| {
            Ok(UnreadableArticle {
                path: PathBuf::from(row.get::<_, String>(0)?),
                reason: row.get(1)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
