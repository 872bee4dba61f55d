//! The library: every article read and every annotation made, found in a
//! moment. The sidecars stay the only truth: the index (`index`, SQLite with
//! FTS5 in the user's cache folder) is a cache that can always be rebuilt
//! from them, and is dropped and rebuilt when its schema is older or the
//! file is damaged. The folders the user adds are user data, kept in the
//! data folder (`folders`). `scan` finds the sidecars under those folders
//! and brings the index up to date, re-reading only what changed; `query`
//! reads the search language (`tag:methods "a phrase" color:yellow`) and
//! `search` answers it.
//!
//! Articles are identified by the hash of their canonical text: an article
//! moved or renamed with its sidecar is the same article, and two paths
//! with the same text are one article with two locations.

mod article_text;
mod catalogue;
mod entries;
mod error;
mod export;
mod folders;
mod index;
mod index_files;
mod markdown_export;
mod pages;
mod passages;
mod query;
mod reading;
mod scan;
mod search;
mod service;
mod unreadable;
mod user_file;
mod walk;
mod worker;

pub use article_text::OpenedText;
pub use catalogue::{ArticlePlace, ArticleRow, ReviewRow, TagCount};
pub use error::LibraryError;
pub use export::{LibraryExportFormat, LibraryExportReport, W3C_FILE_NAME, export_library};
pub use folders::LibraryFolders;
pub use index::{Index, index_path};
pub use passages::Passage;
pub use query::Query;
pub use reading::{ReadingEntry, ReadingState};
pub use scan::{ScanReport, forget_folder, scan, sidecars_in};
pub use search::{SearchHit, SearchHitKind};
pub use service::{
    AnnotationChange, LibraryNews, LibraryPaths, LibraryRequest, LibraryService, LibrarySnapshot,
    LibraryTask,
};
pub use unreadable::UnreadableArticle;
pub use walk::{FolderFiles, files_in, is_article_name};
