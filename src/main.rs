use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Parser as _;

use marginalia::annotate::AnchorStatus;
use marginalia::cli::{Cli, Command, ExportFormat, InspectReport};
use marginalia::import::import_path;
use marginalia::store::{
    AnnotationStore, StoreMode, annotations_from_json, markdown_digest, w3c_page, write_atomically,
};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Inspect { file }) => inspect(&file),
        Some(Command::Import { article, json }) => import(&article, &json),
        Some(Command::Export {
            article,
            format,
            output,
        }) => export(&article, format, output.as_deref()),
        None => marginalia::ui::run_app(cli.path),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("marginalia: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn inspect(file: &Path) -> anyhow::Result<()> {
    let document = import_path(file)?;
    let report = InspectReport::from_document(&document);
    let json = serde_json::to_string_pretty(&report).context("cannot write JSON")?;
    print_out(&(json + "\n"))
}

/// Writes to standard output; a reader that went away (`| head`) is not an error.
fn print_out(text: &str) -> anyhow::Result<()> {
    use std::io::Write as _;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(error).context("cannot write to standard output")
        }
        _ => Ok(()),
    }
}

fn import(article: &Path, json_path: &Path) -> anyhow::Result<()> {
    let document = import_path(article)?;
    let json = std::fs::read_to_string(json_path)
        .with_context(|| format!("{}: cannot be read", json_path.display()))?;
    let imported = annotations_from_json(&json).with_context(|| json_path.display().to_string())?;
    let mut store = AnnotationStore::open(article, &document);
    match store.mode() {
        StoreMode::Normal => {}
        StoreMode::ReadOnly { problem } => anyhow::bail!("{problem}"),
        StoreMode::Recovery { problem, recovery } => eprintln!(
            "marginalia: {problem}\nmarginalia: the sidecar is kept as it is; imported annotations go to {}",
            recovery.display()
        ),
    }
    let count = imported.len();
    let statuses = store.import(
        imported.into_iter().map(|i| i.into_annotation()).collect(),
        &document,
    );
    store.save_now(&document)?;
    let tally = |wanted: fn(&AnchorStatus) -> bool| statuses.iter().filter(|s| wanted(s)).count();
    println!(
        "Imported {count} annotation{} from {}: {} anchored, {} moved, {} fuzzy, {} orphaned.",
        if count == 1 { "" } else { "s" },
        json_path.display(),
        tally(|s| matches!(s, AnchorStatus::Anchored)),
        tally(|s| matches!(s, AnchorStatus::Moved)),
        tally(|s| matches!(s, AnchorStatus::Fuzzy { .. })),
        tally(|s| matches!(s, AnchorStatus::Orphaned)),
    );
    let kept = match store.mode() {
        StoreMode::Recovery { recovery, .. } => recovery.clone(),
        _ => store.location().path.clone(),
    };
    println!("Annotations are kept in {}", kept.display());
    Ok(())
}

fn export(article: &Path, format: ExportFormat, output: Option<&Path>) -> anyhow::Result<()> {
    let document = import_path(article)?;
    let store = AnnotationStore::open(article, &document);
    if let StoreMode::Recovery { problem, .. } | StoreMode::ReadOnly { problem } = store.mode() {
        anyhow::bail!("{problem}");
    }
    let annotations = store.annotations();
    let text = match format {
        ExportFormat::W3c => {
            let source = file_uri(article);
            let page = w3c_page(&annotations, &source);
            serde_json::to_string_pretty(&page).context("cannot write JSON")? + "\n"
        }
        ExportFormat::Markdown => markdown_digest(&document, &annotations),
        ExportFormat::Ron => store.to_sidecar_string(),
    };
    match output {
        Some(path) => {
            write_atomically(path, text.as_bytes())
                .with_context(|| format!("{}: cannot be written", path.display()))?;
        }
        None => print_out(&text)?,
    }
    Ok(())
}

/// `file://` URI of a path, with the characters URIs reserve escaped.
fn file_uri(path: &Path) -> String {
    let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut uri = String::from("file://");
    for byte in absolute.to_string_lossy().bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                uri.push(byte as char);
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri
}
