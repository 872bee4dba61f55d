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
    /// Add annotations from W3C Web Annotation or Hypothesis JSON to an
    /// article's sidecar, re-anchored to its text.
    Import {
        /// The article the annotations belong to.
        article: PathBuf,
        /// The JSON file to read.
        json: PathBuf,
    },
    /// Write an article's annotations as W3C JSON, a Markdown digest or the RON sidecar.
    Export {
        /// The article whose annotations to export.
        article: PathBuf,
        #[arg(long, value_enum, default_value_t = ExportFormat::Markdown)]
        format: ExportFormat,
        /// Write here instead of to standard output. Never the article, its
        /// sidecar, recovery or lock file; an existing file only if it is an
        /// earlier export (or with --force).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Overwrite an existing output file that is not an earlier export.
        #[arg(long, requires = "output")]
        force: bool,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// A W3C Web Annotation `AnnotationPage` (JSON).
    W3c,
    /// A digest to paste into a notes app.
    Markdown,
    /// The sidecar itself.
    Ron,
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
    /// Char offsets of the block in the canonical text.
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
                    BlockKind::Heading { level } | BlockKind::ListItem { level, .. } => Some(level),
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

impl From<ExportFormat> for crate::store::ExportFormat {
    fn from(format: ExportFormat) -> Self {
        match format {
            ExportFormat::W3c => Self::W3c,
            ExportFormat::Markdown => Self::Markdown,
            ExportFormat::Ron => Self::Ron,
        }
    }
}
