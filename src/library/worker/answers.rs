//! Searches answered on the library's thread. While an index made anew is
//! being filled from the sidecars, an answer would say "nothing" for what
//! is only not read yet: the search is told the library is being rebuilt,
//! and answered again once it is.

use super::{LibraryNews, Worker};
use crate::library::query::Query;
use crate::library::search::SearchHit;

impl Worker {
    pub(super) fn answer_search(&mut self, query: String, limit: usize) {
        if let Some(asked) = &mut self.rebuilding {
            let waiting = format!(
                "Rebuilding the library ({} of {} files read); the answer comes when it is done",
                self.done,
                self.total.max(self.done)
            );
            asked.push((query.clone(), limit));
            self.tell(LibraryNews::Results {
                query,
                hits: Err(waiting),
            });
            return;
        }
        let hits = self.search(&query, limit);
        self.tell(LibraryNews::Results { query, hits });
    }

    /// The index is whole again: the searches asked meanwhile are answered.
    pub(super) fn finish_rebuilding(&mut self) {
        for (query, limit) in self.rebuilding.take().unwrap_or_default() {
            self.answer_search(query, limit);
        }
    }

    fn search(&self, text: &str, limit: usize) -> Result<Vec<SearchHit>, String> {
        let query = Query::parse(text).map_err(|error| error.to_string())?;
        let index = self
            .index
            .as_ref()
            .ok_or("the library index cannot be opened")?;
        index
            .search(&query, limit)
            .map_err(|error| error.to_string())
    }
}
