//! The command line: open a file in the window, or a headless subcommand.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use serde::Serialize;

use crate::document::{BlockKind, Document, NO_CAPTION, PictureSource};

/// A section `--help` and the man page show after the options: a title
/// and terms with what they mean.
pub struct HelpSection {
    pub title: &'static str,
    pub entries: &'static [(&'static str, &'static str)],
}

/// Files, environment and keys: one text for `--help` and the man page.
pub const HELP_SECTIONS: &[HelpSection] = &[
    HelpSection {
        title: "FILES",
        entries: &[
            (
                "ARTICLE.annotations.ron",
                "The annotations of ARTICLE, kept beside it: highlights, notes and tags in plain RON \
                 (the format is described in FORMAT.md, installed with the documentation).",
            ),
            (
                "~/.local/share/marginalia/",
                "The data folder: annotations of articles in folders that cannot be written \
                 (sidecars/), recovery files, the settings (recent files, theme, text size, \
                 saved searches), the library's folders (library-folders.ron) and where you \
                 are in each article you opened (reading-state.ron).",
            ),
            (
                "~/.cache/marginalia/library.sqlite3",
                "The library's index: a cache, rebuilt from the sidecars whenever it is \
                 missing, of an older version or damaged.",
            ),
        ],
    },
    HelpSection {
        title: "ENVIRONMENT",
        entries: &[
            ("MARGINALIA_DATA_DIR", "Another data folder."),
            (
                "XDG_CACHE_HOME, XDG_DATA_HOME",
                "Where the library's index and its list of folders are kept.",
            ),
            (
                "MARGINALIA_TIMING",
                "When set, print the startup timeline: each phase of the launch with its time since the process started.",
            ),
            (
                "MARGINALIA_PDF_CPU_SECONDS, MARGINALIA_PDF_WALL_SECONDS",
                "The PDF reader's limits on processor time and on time (default 30 and 60 s); a PDF that needs more is stopped and said so.",
            ),
            (
                "RUST_LOG",
                "How much to log on standard error (default: warn; debug for more).",
            ),
        ],
    },
    HelpSection {
        title: "KEYS",
        entries: &[
            ("F1", "Show every keyboard shortcut of the window."),
            ("H", "Highlight the selected text."),
            ("Ctrl+O, Ctrl+F", "Open an article; find in it."),
        ],
    },
];

/// The sections as `--help` shows them.
fn after_long_help() -> String {
    let mut text = String::new();
    for section in HELP_SECTIONS {
        text.push_str(&format!("{}:\n", section.title));
        for (term, meaning) in section.entries {
            text.push_str(&format!("  {term}\n      {meaning}\n"));
        }
        text.push('\n');
    }
    text.trim_end().to_owned()
}

#[derive(Debug, Parser)]
#[command(
    name = "marginalia",
    version,
    about = "Read articles, highlight what matters, keep your notes beside them.",
    long_about = "Marginalia reads articles (plain text, Markdown, saved web pages, \
EPUB), lets you highlight passages and write notes on them, and keeps the \
annotations in a plain RON file beside each article. Without a subcommand it \
opens the window.",
    after_long_help = after_long_help()
)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Articles to open (.txt, .md, .html, .xhtml, .epub). The first opens;
    /// the others are listed in File ▸ Open Recent. Without one, the sample
    /// article opens.
    #[arg(value_name = "ARTICLE")]
    pub paths: Vec<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the imported document as JSON: what the importer understood
    /// (format, title, byline, and each block with its kind and char offsets).
    Inspect {
        /// The article file.
        file: PathBuf,
        /// Print the canonical text instead, its pages (a PDF's) separated
        /// by a form feed.
        #[arg(long)]
        text: bool,
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
    /// Merge three versions of a sidecar by id, as git's merge driver: the
    /// result goes to OURS. Exits non-zero, saying why, only when a file
    /// cannot be read as a sidecar (git then leaves the conflict to you).
    MergeSidecar {
        /// The common ancestor (git's %O; empty when there is none).
        base: PathBuf,
        /// This branch's version (git's %A); the merge is written here.
        ours: PathBuf,
        /// The other branch's version (git's %B).
        theirs: PathBuf,
    },
    /// Make a git repository merge annotation sidecars by id: adds
    /// `*.annotations.ron merge=marginalia` to its .gitattributes and the
    /// merge driver to its config.
    GitSetup {
        /// A folder in the repository (default: the current folder).
        #[arg(default_value = ".")]
        repo: PathBuf,
    },
    /// The library: the annotated articles under the folders you add,
    /// indexed for `marginalia search` (the sidecars stay the only truth;
    /// the index is a cache, rebuilt from them at will).
    Library {
        #[command(subcommand)]
        action: LibraryAction,
    },
    /// Search the library's annotations, then its articles' texts. Words
    /// and "phrases" must all match (case and accents ignored); operators:
    /// tag:NAME tag:"TWO WORDS" -tag:NAME color:yellow has:note -has:note
    /// in:quote in:note in:text is:orphaned is:missing folder:NAME
    /// after:2026-01-01 before:2026-02-01. A search that begins with a
    /// minus goes after `--`: marginalia search -- -tag:draft. At most
    /// 4 KB and 64 words and operators.
    Search {
        /// The search; an argument with spaces is a phrase.
        #[arg(required = true, value_name = "QUERY")]
        query: Vec<String>,
        /// Print a JSON array of results.
        #[arg(long)]
        json: bool,
        /// At most this many results.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Write the man pages and shell completions into a folder (for
    /// packaging: scripts/install.sh and the .deb use what this writes).
    #[command(hide = true)]
    InstallFiles {
        /// The folder to write man/man1/ and completions/ into.
        out_dir: PathBuf,
    },
    /// Read a PDF's text: its bytes on standard input, the answer as JSON
    /// on standard output (the window and the other commands run this,
    /// under memory and time limits, for every PDF).
    #[command(hide = true, name = "read-pdf")]
    ReadPdf,
    /// Renders a page of the PDF on standard input (for the window's
    /// original-page view, under the same limits as `read-pdf`).
    #[command(hide = true, name = "render-pdf-page")]
    RenderPdfPage,
}

#[derive(Debug, Subcommand)]
pub enum LibraryAction {
    /// Add folders to the library and index the annotated articles under them.
    Add {
        #[arg(required = true, value_name = "DIR")]
        folders: Vec<PathBuf>,
    },
    /// Re-check every library folder and bring the index up to date
    /// (exits 1, naming each, when a sidecar could not be indexed).
    Scan,
    /// List the library's articles (brought up to date first): title,
    /// highlights, notes and where each is; a missing one is marked.
    List {
        /// Print a JSON array of articles.
        #[arg(long)]
        json: bool,
    },
    /// Print the library's folders, one a line.
    Folders,
    /// Take a folder out of the library: its sidecars leave the index
    /// (nothing on disk is touched; an article opened in the app stays).
    Remove {
        #[arg(value_name = "DIR")]
        folder: PathBuf,
    },
    /// Export every annotated article: Markdown (one file per article,
    /// with YAML front matter and ^id block references, for Obsidian or
    /// Logseq; a re-export keeps what you wrote outside Marginalia's
    /// markers) or one W3C AnnotationCollection.
    Export {
        /// The folder to write into (made if need be).
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        #[arg(long, value_enum, default_value_t = LibraryExportFormat::Markdown)]
        format: LibraryExportFormat,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LibraryExportFormat {
    /// One Markdown file per article.
    Markdown,
    /// One W3C Web Annotation `AnnotationCollection` (JSON-LD).
    W3c,
}

impl From<LibraryExportFormat> for crate::library::LibraryExportFormat {
    fn from(format: LibraryExportFormat) -> Self {
        match format {
            LibraryExportFormat::Markdown => Self::Markdown,
            LibraryExportFormat::W3c => Self::W3c,
        }
    }
}

/// The search as typed on the command line: arguments joined with spaces,
/// an argument with spaces (and no quotes) a phrase.
pub fn query_of_arguments(arguments: &[String]) -> String {
    arguments
        .iter()
        .map(|argument| {
            if argument.contains(char::is_whitespace) && !argument.contains('"') {
                format!("\"{argument}\"")
            } else {
                argument.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// A W3C Web Annotation `AnnotationPage` (JSON).
    W3c,
    /// A digest to paste into a notes app.
    Markdown,
    /// The sidecar itself.
    Ron,
    /// The article with its highlights and notes: one self-contained HTML
    /// file (pictures inlined) that any browser prints or shares.
    Html,
}

/// The JSON `marginalia inspect` prints.
#[derive(Debug, Serialize)]
pub struct InspectReport<'a> {
    pub format: &'static str,
    pub title: Option<&'a str>,
    pub byline: Option<&'a str>,
    pub source: Option<&'a str>,
    pub date: Option<&'a str>,
    pub url: Option<&'a str>,
    pub text_chars: usize,
    pub blocks: Vec<InspectBlock<'a>>,
}

#[derive(Debug, Serialize)]
pub struct InspectBlock<'a> {
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
    /// The number drawn before an ordered list's item (not in its text),
    /// and as it is drawn ("3.", "c.", "iv.").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
    /// Char offsets of the block in the canonical text.
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    /// The label of the page the block starts on (a PDF's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<&'a str>,
    /// A figure's picture as the article refers to it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub src: Option<&'a str>,
    /// A figure's caption (its text; empty for a picture without one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caption: Option<&'a str>,
    /// Where a figure's picture is: `file`, `bytes` (read with the
    /// article), `remote` (never fetched) or `missing`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub picture: Option<&'static str>,
}

impl<'a> InspectReport<'a> {
    pub fn from_document(document: &'a Document) -> Self {
        let blocks = document
            .blocks()
            .iter()
            .enumerate()
            .map(|(i, block)| {
                let picture = document.picture_of(i);
                let list_number = block.kind.list_number();
                let text = document.block_text(i);
                InspectBlock {
                    kind: block.kind.name(),
                    level: match block.kind {
                        BlockKind::Heading { level } | BlockKind::ListItem { level, .. } => {
                            Some(level)
                        }
                        _ => None,
                    },
                    number: list_number.map(|number| number.value),
                    marker: list_number.map(|number| number.label()),
                    start: block.chars.start,
                    end: block.chars.end,
                    text,
                    page: document
                        .page_at(block.chars.start)
                        .map(|page| page.label.as_str()),
                    src: picture.map(|p| p.src.as_str()),
                    caption: picture.map(|_| if text == NO_CAPTION { "" } else { text }),
                    picture: picture.map(|p| match p.source {
                        PictureSource::File(_) => "file",
                        PictureSource::Bytes(_) => "bytes",
                        PictureSource::Entry { .. } => "entry",
                        PictureSource::Remote(_) => "remote",
                        PictureSource::Missing(_) => "missing",
                        PictureSource::PdfRegion { .. } => "pdf-region",
                    }),
                }
            })
            .collect();
        let metadata = &document.metadata;
        InspectReport {
            format: document.format.name(),
            title: metadata.title.as_deref(),
            byline: metadata.byline.as_deref(),
            source: metadata.source.as_deref(),
            date: metadata.date.as_deref(),
            url: metadata.url.as_deref(),
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
            ExportFormat::Html => Self::Html,
        }
    }
}

/// The canonical text with a form feed where each page after the first
/// starts (`inspect --text`): what text-extraction scorers read.
pub fn text_with_page_breaks(document: &Document) -> String {
    let text = document.text();
    let mut starts = document
        .pages()
        .iter()
        .skip(1)
        .map(|p| p.start_char)
        .peekable();
    let mut out = String::with_capacity(text.len() + document.pages().len());
    let mut page_start_byte = 0;
    for (offset_char, (byte, _)) in text.char_indices().enumerate() {
        while starts.next_if(|&start| start <= offset_char).is_some() {
            out.push_str(text[page_start_byte..byte].trim_end());
            out.push('\u{000C}');
            page_start_byte = byte;
        }
    }
    out.push_str(&text[page_start_byte..]);
    for _ in starts {
        out.push('\u{000C}');
    }
    out.push('\n');
    out
}
