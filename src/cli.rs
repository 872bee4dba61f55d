//! The command line: open a file in the window, or a headless subcommand.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use serde::Serialize;

use crate::document::{BlockKind, Document};

#[derive(Debug, Parser)]
#[command(
    name = "marginalia",
    version,
    about = "Read articles, highlight what matters, keep your notes beside them."
)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// The article to open (plain text). Without one, the sample article opens.
    pub path: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the imported document as JSON: what the importer understood.
    Inspect {
        /// The article file.
        file: PathBuf,
    },
}

/// The JSON `marginalia inspect` prints.
#[derive(Debug, Serialize)]
pub struct InspectReport<'a> {
    pub format: &'static str,
    pub title: Option<&'a str>,
    pub byline: Option<&'a str>,
    pub source: Option<&'a str>,
    pub date: Option<&'a str>,
    pub text_chars: usize,
    pub blocks: Vec<InspectBlock<'a>>,
}

#[derive(Debug, Serialize)]
pub struct InspectBlock<'a> {
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

impl<'a> InspectReport<'a> {
    pub fn from_document(document: &'a Document) -> Self {
        let blocks = document
            .blocks()
            .iter()
            .enumerate()
            .map(|(i, block)| InspectBlock {
                kind: block.kind.name(),
                level: match block.kind {
                    BlockKind::Heading { level } => Some(level),
                    _ => None,
                },
                start: block.chars.start,
                end: block.chars.end,
                text: document.block_text(i),
            })
            .collect();
        let metadata = &document.metadata;
        InspectReport {
            format: document.format.name(),
            title: metadata.title.as_deref(),
            byline: metadata.byline.as_deref(),
            source: metadata.source.as_deref(),
            date: metadata.date.as_deref(),
            text_chars: document.char_count(),
            blocks,
        }
    }
}
