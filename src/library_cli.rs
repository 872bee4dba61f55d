//! `marginalia library list`, `library folders` and `library remove`: the
//! library's articles and folders seen and changed from the command line.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::library::{Index, LibraryFolders, LibraryPaths, forget_folder};

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
    match articles.len() {
        1 => println!("1 article"),
        n => println!("{n} articles"),
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
