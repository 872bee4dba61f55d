//! The library view (Ctrl+L): every article in the library, one search box
//! over every highlight and article text, tags with counts, saved searches,
//! and the review of all highlights. The library itself works on its own
//! thread (`crate::library::LibraryService`); this room sends it requests,
//! takes its news each frame and draws what it last said.
//!
//! - `view`: the whole view, its search bar and side column.
//! - `articles`: the sortable list of articles.
//! - `results`: search results.
//! - `review`: every highlight, grouped, editable in place.
//! - `folders`: File ▸ Library Folders….

mod actions;
mod articles;
mod folders;
mod results;
mod review;
mod review_editor;
mod view;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::library::{
    LibraryNews, LibraryPaths, LibraryRequest, LibraryService, LibrarySnapshot, LibraryTask,
    SearchHit,
};

pub use articles::{ArticleColumn, SortOrder};

use super::workspace::file_name;
pub use review::ReviewGrouping;

/// How many results a search shows.
const SEARCH_LIMIT: usize = 500;

/// Which list the view shows when nothing is searched.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LibraryTab {
    #[default]
    Articles,
    Review,
}

/// The library view's state.
#[derive(Default)]
pub struct LibraryView {
    service: Option<LibraryService>,
    /// Why there is no library (no home folder), when there is none.
    unavailable: Option<String>,
    shown: bool,
    snapshot: LibrarySnapshot,
    /// The first snapshot came: the list is what the library holds.
    loaded: bool,
    /// Indexing or exporting: done of total.
    progress: Option<(LibraryTask, usize, usize)>,
    /// The search box's text.
    search: String,
    /// The search last sent, and its answer once it came.
    asked: Option<String>,
    results: Option<Result<Vec<SearchHit>, String>>,
    /// Articles in the results whose passages are all shown.
    expanded: std::collections::HashSet<PathBuf>,
    tab: LibraryTab,
    sort: (ArticleColumn, SortOrder),
    /// Indices into the snapshot's articles, in the order shown.
    order: Vec<usize>,
    review: Option<review::ReviewList>,
    review_grouping: ReviewGrouping,
    /// The highlight open in the review's editor.
    editing: Option<review_editor::ReviewEditor>,
    folders_window: bool,
    /// The library was told the view is shown (it starts its work then).
    woken: bool,
    /// What the library last said went wrong.
    problem: Option<String>,
    /// The view was drawn in the last frame: the library's background news
    /// (the list, indexing progress) wakes the window only then.
    on_screen: Arc<AtomicBool>,
}

impl LibraryView {
    /// The library on its thread, or why there is none.
    pub fn start(paths: Result<LibraryPaths, String>, ctx: &eframe::egui::Context) -> Self {
        match paths {
            Ok(paths) => {
                let ctx = ctx.clone();
                let on_screen = Arc::new(AtomicBool::new(false));
                let seen = Arc::clone(&on_screen);
                let wake = move |background: bool| {
                    if !background || seen.load(Ordering::Relaxed) {
                        ctx.request_repaint();
                    }
                };
                Self {
                    service: Some(LibraryService::start(paths, wake)),
                    on_screen,
                    ..Self::default()
                }
            }
            Err(why) => Self {
                unavailable: Some(why),
                ..Self::default()
            },
        }
    }

    pub fn is_shown(&self) -> bool {
        self.shown
    }

    /// The articles the library lists, in the order shown.
    pub fn listed_articles(&self) -> impl Iterator<Item = &crate::library::ArticleRow> {
        self.order.iter().map(|&i| &self.snapshot.articles[i])
    }

    /// The last search's results.
    pub fn results(&self) -> Option<&[SearchHit]> {
        self.results
            .as_ref()
            .and_then(|r| r.as_ref().ok())
            .map(Vec::as_slice)
    }

    /// How many highlights the review lists, once it has them.
    pub fn review_len(&self) -> Option<usize> {
        self.review.as_ref().map(review::ReviewList::len)
    }

    /// Whether the library has said what it holds.
    pub fn is_loaded(&self) -> bool {
        self.loaded
    }

    /// Whether the library is still indexing.
    pub fn is_indexing(&self) -> bool {
        self.progress
            .is_some_and(|(task, done, of)| task == LibraryTask::Indexing && done < of)
    }

    pub(super) fn send(&self, request: LibraryRequest) {
        if let Some(service) = &self.service {
            service.send(request);
        }
    }

    /// The view is drawn: the library starts its work now if it was
    /// keeping quiet while the app started, and its background news wakes
    /// the window (one more frame takes what came while it did not).
    pub(super) fn wake(&mut self, ctx: &eframe::egui::Context) {
        if !self.woken {
            self.woken = true;
            self.send(LibraryRequest::Show);
        }
        if !self.on_screen.swap(true, Ordering::Relaxed) {
            ctx.request_repaint();
        }
    }

    pub(super) fn set_search(&mut self, text: String) {
        self.search = text;
        self.ask();
    }

    /// Sends the search box's text, unless it was just sent.
    fn ask(&mut self) {
        let query = self.search.trim().to_owned();
        if query.is_empty() {
            self.asked = None;
            self.results = None;
            return;
        }
        if self.asked.as_deref() != Some(&query) {
            self.send(LibraryRequest::Search {
                query: query.clone(),
                limit: SEARCH_LIMIT,
            });
            self.asked = Some(query);
        }
    }

    fn show_tab(&mut self, tab: LibraryTab) {
        self.tab = tab;
        if tab == LibraryTab::Review && self.review.is_none() {
            self.send(LibraryRequest::Review);
        }
    }

    /// Takes the library's news; returns what the window should say (the
    /// banner's text, and whether it is a problem).
    pub(super) fn take_news(&mut self) -> Vec<(String, bool)> {
        let mut said = Vec::new();
        let Some(service) = &self.service else {
            return said;
        };
        if !self.shown {
            self.on_screen.store(false, Ordering::Relaxed);
        }
        let mut news = Vec::new();
        while let Some(one) = service.try_news() {
            news.push(one);
        }
        for one in news {
            match one {
                LibraryNews::Progress { task, done, of } => self.progress = Some((task, done, of)),
                LibraryNews::Snapshot(snapshot) => {
                    self.snapshot = snapshot;
                    self.loaded = true;
                    self.sort_articles();
                    // What was found may have changed: asked again.
                    if let Some(query) = self.asked.take() {
                        self.search = query;
                        self.ask();
                    }
                    if self.review.is_some() {
                        self.send(LibraryRequest::Review);
                    }
                }
                LibraryNews::Results { query, hits } => {
                    if self.asked.as_deref() == Some(&query) {
                        self.results = Some(hits);
                        self.expanded.clear();
                    }
                }
                LibraryNews::Review(rows) => {
                    self.review = Some(review::ReviewList::new(rows, self.review_grouping));
                    self.refresh_editor();
                }
                LibraryNews::Edited { result, .. } => match result {
                    Ok(()) => self.send(LibraryRequest::Review),
                    Err(error) => said.push((format!("Not changed: {error}"), true)),
                },
                LibraryNews::Exported { dir, result } => said.push(export_news(&dir, result)),
                LibraryNews::Problem(problem) => {
                    self.problem = Some(problem.clone());
                    said.push((problem, true));
                }
            }
        }
        said
    }

    /// The reading state of an article, for opening it where it was left.
    pub(super) fn position_of(&self, article: &Path) -> Option<usize> {
        self.snapshot
            .reading
            .get(article)
            .map(|entry| entry.position_char)
    }

    /// How far through an article the user has read, 0 to 1.
    pub(super) fn progress_of(&self, article: &Path) -> Option<f32> {
        self.snapshot
            .reading
            .get(article)
            .map(|entry| entry.progress)
    }

    pub(super) fn folders(&self) -> &[PathBuf] {
        &self.snapshot.folders
    }
}

impl LibraryView {
    /// Lets the library's thread finish what it was asked (the app closes).
    pub(super) fn finish(&self, timeout: std::time::Duration) {
        if let Some(service) = &self.service {
            service.finish(timeout);
        }
    }
}

/// What an export of the library is said as, and whether it is a problem.
fn export_news(
    dir: &Path,
    result: Result<crate::library::LibraryExportReport, String>,
) -> (String, bool) {
    match result {
        Ok(report) => {
            let mut text = format!(
                "Exported {} annotations of {} articles to {}",
                grouped(report.annotations),
                grouped(report.articles),
                dir.display()
            );
            for (sidecar, why) in &report.failed {
                text += &format!("\n{}: not exported: {why}", sidecar.display());
            }
            (text, !report.failed.is_empty())
        }
        Err(error) => (format!("The library was not exported: {error}"), true),
    }
}

/// A count with its thousands grouped: "100,000".
pub(super) fn grouped(count: usize) -> String {
    let digits = count.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// An article's title, else its file name.
pub(super) fn title_or_file_name(title: Option<&str>, article: &Path) -> String {
    title.map_or_else(|| file_name(article), str::to_owned)
}

/// Text on one line: its line breaks and runs of spaces as one space.
pub(super) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a progress bar says.
pub(super) fn progress_text(task: LibraryTask, done: usize, of: usize) -> String {
    let doing = match task {
        LibraryTask::Indexing => "Indexing the library",
        LibraryTask::Exporting => "Exporting the library",
    };
    format!("{doing}: {} of {} files", grouped(done), grouped(of))
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(super::grouped(0), "0");
        assert_eq!(super::grouped(999), "999");
        assert_eq!(super::grouped(2000), "2,000");
        assert_eq!(super::grouped(100_000), "100,000");
        assert_eq!(super::grouped(1_234_567), "1,234,567");
    }
}
