//! The `marginalia` binary: parses the command line, then opens the window
//! or runs a headless subcommand (inspect, import, export, merge-sidecar,
//! git-setup, library, search, and the hidden install-files). Thin: the work is in the
//! library.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Parser as _;

use marginalia::cli::{Cli, Command, ExportFormat, InspectReport, query_of_arguments};
use marginalia::import::import_path;
use marginalia::library::{Index, LibraryPaths, Query};
use marginalia::store::{
    AnnotationStore, ArticleSource, ImportSummary, StoreMode, check_export_target,
    export_annotations, read_annotation_file, write_export,
};

fn main() -> ExitCode {
    marginalia::timing::start();
    marginalia::memory::limit_arenas();
    // `RUST_LOG=debug` for more; warnings and errors reach stderr by default.
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Inspect { file, text }) => inspect(&file, text),
        Some(Command::Import { article, json }) => import(&article, &json),
        Some(Command::Export {
            article,
            format,
            output,
            force,
        }) => export(&article, format, output.as_deref(), force),
        Some(Command::InstallFiles { out_dir }) => install_files(&out_dir),
        Some(Command::ReadPdf) => {
            marginalia::import::pdf::serve_read_pdf().context("the PDF reader")
        }
        Some(Command::RenderPdfPage) => {
            marginalia::import::pdf::serve_render_page().context("the PDF renderer")
        }
        Some(Command::MergeSidecar { base, ours, theirs }) => merge_sidecar(&base, &ours, &theirs),
        Some(Command::GitSetup { repo }) => git_setup(&repo),
        Some(Command::Library { action }) => marginalia::library_cli::run(action),
        Some(Command::Search { query, json, limit }) => search(&query, json, limit),
        None => marginalia::ui::run_app(cli.paths),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("marginalia: {}", error_text(&error));
            ExitCode::FAILURE
        }
    }
}

/// The error and its causes, each said once: a cause a message already
/// quotes ("cannot be read: No such file") is not repeated after it.
fn error_text(error: &anyhow::Error) -> String {
    let mut text = error.to_string();
    for cause in error.chain().skip(1) {
        let cause = cause.to_string();
        if !text.contains(&cause) {
            text = format!("{text}: {cause}");
        }
    }
    text
}

/// `search QUERY...`: annotations, then passages of texts.
fn search(arguments: &[String], json: bool, limit: usize) -> anyhow::Result<()> {
    let query = Query::parse(&query_of_arguments(arguments))?;
    let paths = LibraryPaths::from_environment()?;
    let index = Index::open(&paths.index)?;
    // An index made anew (none yet, another version, damaged) knows nothing
    // until the sidecars are read: "nothing found" from it would be a lie.
    let index = if index.is_made_anew() {
        drop(index);
        marginalia::library_cli::index_of_every_sidecar(&paths)?
    } else {
        index
    };
    let hits = match index.search(&query, limit) {
        Err(error) if error.is_damaged_index() => {
            // Damaged further in than opening sees: rebuilt, then asked again.
            drop(index);
            drop(Index::recreate(&paths.index)?);
            marginalia::library_cli::index_of_every_sidecar(&paths)?.search(&query, limit)?
        }
        other => other?,
    };
    if json {
        println!("{}", serde_json::to_string_pretty(&hits)?);
        return Ok(());
    }
    marginalia::library_cli::print_hits(&hits);
    Ok(())
}

fn merge_sidecar(base: &Path, ours: &Path, theirs: &Path) -> anyhow::Result<()> {
    let report = marginalia::store::merge_sidecar_files(base, ours, theirs)?;
    if report.kept_both > 0 {
        eprintln!(
            "marginalia: {}: {} annotation(s) were edited on both branches; the other version of each is kept beside it, tagged \"{}\"",
            ours.display(),
            report.kept_both,
            marginalia::store::CONFLICT_TAG
        );
    }
    Ok(())
}

fn git_setup(repo: &Path) -> anyhow::Result<()> {
    let this_program = std::env::current_exe().context("cannot find this program")?;
    let setup = marginalia::git_setup::git_setup(repo, &this_program)?;
    let attributes = setup.attributes.display();
    if setup.attributes_already {
        println!("{attributes} already merges sidecars with marginalia");
    } else {
        println!(
            "{attributes}: added \"{}\"",
            marginalia::git_setup::ATTRIBUTES_LINE
        );
    }
    println!("git config merge.marginalia.driver: {}", setup.driver);
    Ok(())
}

fn install_files(out_dir: &Path) -> anyhow::Result<()> {
    let written = marginalia::install_files::write_install_files(out_dir)
        .with_context(|| format!("{}: cannot write the install files", out_dir.display()))?;
    for path in written {
        println!("{}", path.display());
    }
    Ok(())
}

fn inspect(file: &Path, text: bool) -> anyhow::Result<()> {
    let document = import_path(file)?;
    if text {
        return print_out(&marginalia::cli::text_with_page_breaks(&document));
    }
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
    let imported =
        read_annotation_file(json_path)?.for_article(&ArticleSource::File(article).uri());
    let mut store = AnnotationStore::open(article, &document);
    for notice in store.notices() {
        eprintln!("marginalia: {notice}");
    }
    match store.mode() {
        StoreMode::Normal => {}
        StoreMode::ReadOnly { problem } => anyhow::bail!("{problem}"),
        StoreMode::Recovery { problem, recovery } => eprintln!(
            "marginalia: {problem}\nmarginalia: the sidecar is kept as it is; imported annotations go to {}",
            recovery.display()
        ),
    }
    let outcome = store.import(imported.annotations, &document);
    store.save_now(&document)?;
    println!(
        "{}",
        ImportSummary::new(json_path, outcome, imported.skipped)
    );
    let kept = match store.mode() {
        StoreMode::Recovery { recovery, .. } => recovery.clone(),
        _ => store.location().path.clone(),
    };
    println!("Annotations are kept in {}", kept.display());
    Ok(())
}

fn export(
    article: &Path,
    format: ExportFormat,
    output: Option<&Path>,
    force: bool,
) -> anyhow::Result<()> {
    let document = import_path(article)?;
    let store = AnnotationStore::open(article, &document);
    match store.mode() {
        StoreMode::Recovery { problem, .. } => anyhow::bail!("{problem}"),
        // Read-only (a newer version) is for writing: what it holds exports.
        StoreMode::ReadOnly { problem } if store.is_empty() => anyhow::bail!("{problem}"),
        _ => {}
    }
    let text = export_annotations(
        &store,
        &document,
        ArticleSource::File(article),
        format.into(),
    );
    match output {
        Some(path) => {
            check_export_target(path, article, store.location(), force)?;
            write_export(path, &text)
                .with_context(|| format!("{}: cannot be written", path.display()))?;
        }
        None => print_out(&text)?,
    }
    Ok(())
}
