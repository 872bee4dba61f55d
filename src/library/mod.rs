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

mod error;
mod folders;
mod index;
mod query;
mod scan;
mod search;

pub use error::LibraryError;
pub use folders::LibraryFolders;
pub use index::{Index, index_path};
pub use query::Query;
pub use scan::{ScanReport, scan};
pub use search::{SearchHit, SearchHitKind};
