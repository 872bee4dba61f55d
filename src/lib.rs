//! Marginalia: a desktop reader for article files with highlights and notes
//! that are never lost.
//!
//! `document`, `import`, `annotate` and `store` know nothing of egui and are
//! tested without a window; `ui` displays state and turns input into commands.

pub mod annotate;
pub mod cli;
pub mod document;
pub mod git_setup;
pub mod import;
pub mod install_files;
pub mod library;
pub mod library_cli;
pub mod memory;
pub mod regular_file;
pub mod store;
pub mod timing;
pub mod ui;
