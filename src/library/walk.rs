//! What the library's folders hold: the sidecars, and the articles that
//! have none beside them (they are in the library too, unannotated). Hidden
//! folders and files are skipped; links are followed, as the store follows
//! them (a sidecar kept in a synced folder, a folder linked in), and walkdir
//! stops at a link back up a loop.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::import::has_article_extension;
use crate::store::{SIDECAR_SUFFIX, sidecar_path_beside};

/// How deep a walk goes below a library folder.
const MAX_DEPTH: usize = 32;

/// The files found under the library's folders.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FolderFiles {
    pub sidecars: Vec<PathBuf>,
    /// Articles without a sidecar beside them.
    pub articles: Vec<PathBuf>,
    /// Folders that could not be read, with why: what they held stays as
    /// indexed until they can be read again.
    pub unreadable: Vec<(PathBuf, String)>,
}

/// Whether `path` is named as an article the library reads (by its
/// extension, as the open dialog offers them).
pub fn is_article_name(path: &Path) -> bool {
    let hidden = path
        .file_name()
        .is_some_and(|name| name.to_string_lossy().starts_with('.'));
    !hidden && !path.to_string_lossy().ends_with(SIDECAR_SUFFIX) && has_article_extension(path)
}

/// Whether `path` is under one of `folders` and not inside a hidden folder
/// there (the walk skips those).
pub fn is_walked(path: &Path, folders: &[PathBuf]) -> bool {
    folders.iter().any(|folder| {
        path.strip_prefix(folder).is_ok_and(|below| {
            below
                .components()
                .all(|part| !part.as_os_str().to_string_lossy().starts_with('.'))
        })
    })
}

/// The sidecars and unannotated articles under `folders`.
pub fn files_in(folders: &[PathBuf]) -> FolderFiles {
    let mut found = FolderFiles::default();
    let mut named_articles = Vec::new();
    for folder in folders {
        let walk = walkdir::WalkDir::new(folder)
            .max_depth(MAX_DEPTH)
            .follow_links(true)
            .into_iter()
            .filter_entry(|entry| {
                entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
            });
        for entry in walk {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    let place = error.path().unwrap_or(folder).to_owned();
                    // A link back up a loop is not a folder the user lost.
                    if error.loop_ancestor().is_none() {
                        found.unreadable.push((place, error.to_string()));
                    }
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let path = entry.into_path();
            if path.to_string_lossy().ends_with(SIDECAR_SUFFIX) {
                found.sidecars.push(path);
            } else if is_article_name(&path) {
                named_articles.push(path);
            }
        }
    }
    let sidecars: HashSet<&PathBuf> = found.sidecars.iter().collect();
    found.articles = named_articles
        .into_iter()
        .filter(|article| !sidecars.contains(&sidecar_path_beside(article)))
        .collect();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_are_named_by_their_extension() {
        assert!(is_article_name(Path::new("/a/b.md")));
        assert!(is_article_name(Path::new("/a/Paper.PDF")));
        assert!(!is_article_name(Path::new("/a/.b.md")));
        assert!(!is_article_name(Path::new("/a/b.md~")));
        assert!(!is_article_name(Path::new("/a/b.png")));
        assert!(!is_article_name(Path::new(&format!(
            "/a/b.md{SIDECAR_SUFFIX}"
        ))));
    }

    #[test]
    fn hidden_folders_are_not_walked() {
        let folders = [PathBuf::from("/home/u/.sync/articles")];
        assert!(is_walked(
            Path::new("/home/u/.sync/articles/a/b.md"),
            &folders
        ));
        assert!(!is_walked(
            Path::new("/home/u/.sync/articles/.git/b.md"),
            &folders
        ));
        assert!(!is_walked(Path::new("/home/u/other/b.md"), &folders));
    }

    #[test]
    fn an_article_with_a_sidecar_is_found_by_its_sidecar() {
        let dir = tempfile::tempdir().unwrap();
        let annotated = dir.path().join("annotated.md");
        let plain = dir.path().join("sub/plain.html");
        std::fs::create_dir_all(plain.parent().unwrap()).unwrap();
        for file in [&annotated, &plain] {
            std::fs::write(file, "text").unwrap();
        }
        std::fs::write(sidecar_path_beside(&annotated), "").unwrap();
        std::fs::write(dir.path().join("notes.png"), "").unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        std::fs::write(dir.path().join(".git/hidden.md"), "").unwrap();
        let found = files_in(&[dir.path().to_owned()]);
        assert_eq!(found.sidecars, [sidecar_path_beside(&annotated)]);
        assert_eq!(found.articles, [plain]);
        assert!(found.unreadable.is_empty());
    }
}
