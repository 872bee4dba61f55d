//! Where the user is in each article: when it was last opened, the char at
//! the top of the view and how far through it they are. User data (not
//! cache), kept in the data folder (`reading-state.ron`); the library's list
//! shows it and "every article opened in the app" is the list of its keys.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::LibraryError;
use super::user_file::{read_user_file, save_user_file, user_file_path};

const FILE_NAME: &str = "reading-state.ron";
const WHAT: &str = "the reading state";

/// How many articles are remembered; the ones opened longest ago go first.
pub const MAX_REMEMBERED: usize = 20_000;

/// One article's reading state.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ReadingEntry {
    pub last_opened: Timestamp,
    /// The char at the top of the view when it was last read.
    pub position_char: usize,
    /// How far through the article that is, 0 to 1.
    pub progress: f32,
}

/// Every article opened in the app, by its (canonical) path.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReadingState {
    pub articles: BTreeMap<PathBuf, ReadingEntry>,
}

impl ReadingState {
    /// Where it is kept: the user's data folder.
    pub fn path() -> Result<PathBuf, LibraryError> {
        user_file_path(FILE_NAME)
    }

    pub fn read(path: &Path) -> Result<Self, LibraryError> {
        read_user_file(path, WHAT)
    }

    pub fn save(&self, path: &Path) -> Result<(), LibraryError> {
        save_user_file(self, path, WHAT)
    }

    /// The article was opened now, at `position_char`.
    pub fn opened(&mut self, article: &Path, position_char: usize, progress: f32) {
        self.articles.insert(
            article.to_owned(),
            ReadingEntry {
                last_opened: Timestamp::now(),
                position_char,
                progress: progress.clamp(0.0, 1.0),
            },
        );
        self.forget_oldest();
    }

    /// The reader moved in an article already opened.
    pub fn read_to(&mut self, article: &Path, position_char: usize, progress: f32) {
        match self.articles.get_mut(article) {
            Some(entry) => {
                entry.position_char = position_char;
                entry.progress = progress.clamp(0.0, 1.0);
            }
            None => self.opened(article, position_char, progress),
        }
    }

    /// What another window saved (`on_disk`) about articles this one did
    /// not touch is taken in, so that saving keeps it.
    pub fn take_others(
        &mut self,
        on_disk: ReadingState,
        touched: &std::collections::HashSet<PathBuf>,
    ) {
        for (article, entry) in on_disk.articles {
            if !touched.contains(&article) {
                self.articles.insert(article, entry);
            }
        }
    }

    fn forget_oldest(&mut self) {
        while self.articles.len() > MAX_REMEMBERED {
            let oldest = self
                .articles
                .iter()
                .min_by_key(|(_, entry)| entry.last_opened)
                .map(|(path, _)| path.clone());
            match oldest {
                Some(path) => self.articles.remove(&path),
                None => return,
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_state_is_kept_and_a_damaged_file_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("data").join(FILE_NAME);
        let mut state = ReadingState::read(&file).unwrap();
        state.opened(Path::new("/a.txt"), 10, 0.25);
        state.read_to(Path::new("/a.txt"), 40, 1.5);
        state.save(&file).unwrap();
        let read = ReadingState::read(&file).unwrap();
        assert_eq!(read, state);
        let entry = read.articles[Path::new("/a.txt")];
        assert_eq!((entry.position_char, entry.progress), (40, 1.0));
        std::fs::write(&file, "(articles: {").unwrap();
        let error = ReadingState::read(&file).unwrap_err().to_string();
        assert!(error.contains("reading-state.ron"), "{error}");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "(articles: {");
    }

    #[test]
    fn two_windows_saving_in_turn_keep_each_others_articles() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(FILE_NAME);
        let (mut first, mut second) = (ReadingState::default(), ReadingState::default());
        let mine = |path: &str| std::iter::once(PathBuf::from(path)).collect();
        first.opened(Path::new("/a.txt"), 1, 0.1);
        first.save(&file).unwrap();
        second.take_others(ReadingState::read(&file).unwrap(), &mine("/b.txt"));
        second.opened(Path::new("/b.txt"), 2, 0.2);
        second.save(&file).unwrap();
        first.take_others(ReadingState::read(&file).unwrap(), &mine("/a.txt"));
        first.read_to(Path::new("/a.txt"), 5, 0.5);
        first.save(&file).unwrap();
        let kept = ReadingState::read(&file).unwrap();
        assert_eq!(kept.articles.len(), 2);
        assert_eq!(kept.articles[Path::new("/a.txt")].position_char, 5);
        assert_eq!(kept.articles[Path::new("/b.txt")].position_char, 2);
    }
}
