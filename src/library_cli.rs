//! `marginalia library …`: the library's folders added, scanned, listed and
//! removed, its articles listed and exported, from the command line.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::cli::LibraryAction;
use crate::library::{
    Index, LibraryExportFormat, LibraryFolders, LibraryPaths, ReadingState, ScanReport,
    export_library, forget_folder, scan,
};

/// `library add DIR...`, `scan`, `list`, `folders`, `remove DIR` and `export DIR`.
pub fn run(action: LibraryAction) -> anyhow::Result<()> {
    let paths = LibraryPaths::from_environment()?;
    let mut folders = LibraryFolders::read(&paths.folders)?;
    let opened: Vec<_> = ReadingState::read(&paths.reading)?
        .articles
        .into_keys()
        .collect();
    let (to_scan, opened) = match action {
        LibraryAction::Add { folders: new } => {
            let added = folders.add(&new)?;
            folders.save(&paths.folders)?;
            for folder in &added {
                println!("Added {}", folder.display());
            }
            (added, Vec::new())
        }
        LibraryAction::Scan => (folders.folders.clone(), opened),
        LibraryAction::List { json } => {
            let index = up_to_date_index(&paths, &folders, &opened)?;
            return list_articles(&index, json);
        }
        LibraryAction::Folders => {
            print_folders(&folders);
            return Ok(());
        }
        LibraryAction::Remove { folder } => {
            return remove_folder(&paths, folders, &opened, &folder);
        }
        LibraryAction::Export { dir, format } => {
            let index = up_to_date_index(&paths, &folders, &opened)?;
            return export(&index, &dir, format.into());
        }
    };
    scan_and_report(&paths, &folders, &to_scan, &opened)
}

/// `library export DIR`: every article's annotations written into `dir`.
fn export(index: &Index, dir: &Path, format: LibraryExportFormat) -> anyhow::Result<()> {
    let report = export_library(index, dir, format, |_, _| {})?;
    for (sidecar, why) in &report.failed {
        eprintln!("marginalia: {}: not exported: {why}", sidecar.display());
    }
    println!(
        "Exported {} annotations of {} articles to {}",
        report.annotations,
        report.articles,
        dir.display()
    );
    Ok(())
}

/// `library add` and `library scan`: the folders `to_scan` (and the
/// articles opened in the app) read into the index; what was done said,
/// and an error when a sidecar could not be indexed.
fn scan_and_report(
    paths: &LibraryPaths,
    folders: &LibraryFolders,
    to_scan: &[PathBuf],
    opened: &[PathBuf],
) -> anyhow::Result<()> {
    let mut index = Index::open(&paths.index)?;
    let report = match scan(&mut index, to_scan, opened, |_, _| {}) {
        Err(error) if error.is_damaged_index() => {
            // Damaged further in than opening sees: rebuilt from every folder.
            index = Index::recreate(&paths.index)?;
            scan(&mut index, &folders.folders, opened, |_, _| {})?
        }
        other => other.with_context(|| paths.index.display().to_string())?,
    };
    for (sidecar, why) in &report.failed {
        eprintln!("marginalia: {}: not indexed: {why}", sidecar.display());
    }
    for article in &report.unreadable {
        eprintln!(
            "marginalia: {}: cannot be read: {}",
            article.path.display(),
            article.reason
        );
    }
    for (folder, why) in &report.unreadable_folders {
        eprintln!(
            "marginalia: {}: cannot be read, what it held is kept: {why}",
            folder.display()
        );
    }
    println!("{}", scan_summary(&report, &index)?);
    if !report.failed.is_empty() {
        anyhow::bail!(
            "{} of {} could not be indexed (each is named above)",
            report.failed.len(),
            report.sidecars + report.articles + report.opened
        );
    }
    Ok(())
}

/// What a scan did, in one sentence whose counts add up.
fn scan_summary(report: &ScanReport, index: &Index) -> anyhow::Result<String> {
    let (articles, annotations, missing) = index.counts()?;
    let plural = |n: usize, one: &str, many: &str| match n {
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    };
    let mut looked_at = plural(report.sidecars, "sidecar", "sidecars");
    if report.articles > 0 {
        looked_at += &format!(
            ", {}",
            plural(
                report.articles,
                "article without one",
                "articles without one"
            )
        );
    }
    if report.opened > 0 {
        looked_at += &format!(
            " and {}",
            plural(report.opened, "opened article", "opened articles")
        );
    }
    let unreadable = match report.unreadable.len() {
        0 => String::new(),
        n => format!(", {n} cannot be read"),
    };
    Ok(format!(
        "{looked_at}: {} indexed, {} unchanged, {} not indexed{unreadable}; {} gone. The library: \
         {articles} articles, {annotations} annotations, {missing} missing articles.",
        report.indexed,
        report.unchanged,
        report.failed.len(),
        report.removed
    ))
}

/// The index brought up to date with every folder and opened article
/// (rebuilt if it is damaged).
fn up_to_date_index(
    paths: &LibraryPaths,
    folders: &LibraryFolders,
    opened: &[PathBuf],
) -> anyhow::Result<Index> {
    let mut index = Index::open(&paths.index)?;
    if let Err(error) = scan(&mut index, &folders.folders, opened, |_, _| {}) {
        if !error.is_damaged_index() {
            return Err(error.into());
        }
        index = Index::recreate(&paths.index)?;
        scan(&mut index, &folders.folders, opened, |_, _| {})?;
    }
    Ok(index)
}

/// The index brought up to date with the library's folders and the
/// articles opened in the app.
pub fn index_of_every_sidecar(paths: &LibraryPaths) -> anyhow::Result<Index> {
    let folders = LibraryFolders::read(&paths.folders)?;
    let opened: Vec<_> = ReadingState::read(&paths.reading)?
        .articles
        .into_keys()
        .collect();
    up_to_date_index(paths, &folders, &opened)
}

/// `library list [--json]`: every article of the up-to-date `index`, by
/// title (an untitled one by its file's name).
pub fn list_articles(index: &Index, json: bool) -> anyhow::Result<()> {
    let mut articles = index.articles()?;
    let name = |row: &crate::library::ArticleRow| {
        row.title.clone().unwrap_or_else(|| {
            row.path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
        })
    };
    articles.sort_by_cached_key(|row| (name(row).to_lowercase(), row.path.clone()));
    if json {
        println!("{}", serde_json::to_string_pretty(&articles)?);
        return Ok(());
    }
    for row in &articles {
        let missing = if row.missing { "  (missing)" } else { "" };
        println!(
            "{} — {} highlights, {} notes — {}{missing}",
            name(row),
            row.highlights,
            row.notes,
            row.path.display()
        );
    }
    let unreadable = index.unreadable()?;
    for article in &unreadable {
        println!(
            "(cannot be read: {}) — {}",
            article.reason,
            article.path.display()
        );
    }
    let count = match articles.len() {
        1 => "1 article".to_owned(),
        n => format!("{n} articles"),
    };
    match unreadable.len() {
        0 => println!("{count}"),
        n => println!("{count}; {n} cannot be read"),
    }
    Ok(())
}

/// `library folders`.
pub fn print_folders(folders: &LibraryFolders) {
    for folder in &folders.folders {
        println!("{}", folder.display());
    }
}

/// `library remove DIR`: the folder leaves the list (`folders`, as read),
/// its places the index, except those of articles `opened` in the app.
pub fn remove_folder(
    paths: &LibraryPaths,
    mut folders: LibraryFolders,
    opened: &[PathBuf],
    folder: &Path,
) -> anyhow::Result<()> {
    // As it was added (made absolute), or as listed when it is gone.
    let folder = std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf());
    if !folders.remove(&folder) {
        anyhow::bail!(
            "{} is not a library folder (`marginalia library folders` lists them)",
            folder.display()
        );
    }
    folders.save(&paths.folders)?;
    let mut index = Index::open(&paths.index)?;
    let was_opened = |article: &Path| opened.iter().any(|o| o == article);
    let removed =
        forget_folder(&mut index, &folder, &folders.folders, &was_opened).with_context(|| {
            format!(
                "{}: its places could not leave the index",
                paths.index.display()
            )
        })?;
    println!(
        "Removed {}: {removed} places left the library; its files are untouched.",
        folder.display()
    );
    Ok(())
}

/// Passages printed under an article found by its text (`--json` has them all).
const PASSAGES_PRINTED: usize = 3;

/// `search`'s answer for a person: each highlight with its note and tags,
/// each article with its passages and how many there are.
pub fn print_hits(hits: &[crate::library::SearchHit]) {
    use crate::library::SearchHitKind;
    for hit in hits {
        // An article without a title is known by its file's name.
        let file_name = hit.article.file_name().map(|n| n.to_string_lossy());
        let title = hit
            .title
            .as_deref()
            .or(file_name.as_deref())
            .unwrap_or("(untitled)");
        let page = hit
            .page
            .as_ref()
            .map(|p| format!(" (p. {p})"))
            .unwrap_or_default();
        println!("{title} — {} @{}{page}", hit.article.display(), hit.start);
        match hit.kind {
            SearchHitKind::Annotation => {
                let quote = hit.quote.as_deref().unwrap_or_default();
                println!("  \u{201C}{quote}\u{201D}");
                if let Some(note) = hit.note.as_deref().filter(|n| !n.is_empty()) {
                    println!("  Note: {}", note.replace('\n', " "));
                }
                if let Some(tags) = hit.tags.as_ref().filter(|t| !t.is_empty()) {
                    println!("  Tags: {}", tags.join(", "));
                }
            }
            SearchHitKind::Text if hit.passages.len() > 1 => {
                for passage in hit.passages.iter().take(PASSAGES_PRINTED) {
                    let page = passage
                        .page
                        .as_ref()
                        .map(|p| format!(" p. {p}"))
                        .unwrap_or_default();
                    println!("  @{}{page} {}", passage.start, passage.snippet);
                }
                println!("  {} passages in all", hit.passage_count);
            }
            SearchHitKind::Text => println!("  {}", hit.snippet.replace('\n', " ")),
        }
    }
    if hits.is_empty() {
        println!("Nothing found.");
    }
}
