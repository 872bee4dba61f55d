//! The library folders followed with `notify`: a sidecar or an article
//! created, changed or removed under them is queued for indexing (reading
//! one is no change).

use crate::library::walk::is_article_name;
use crate::store::SIDECAR_SUFFIX;

use super::Worker;
use crate::library::service::Input;

impl Worker {
    /// Follows the library folders (again, after they changed).
    pub(super) fn watch(&mut self) {
        use notify::Watcher as _;
        let input = self.watch_input.clone();
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            let Ok(event) = event else { return };
            // Reading a sidecar (this thread does) is no change.
            if matches!(event.kind, notify::EventKind::Access(_)) {
                return;
            }
            for path in event.paths {
                if path.to_string_lossy().ends_with(SIDECAR_SUFFIX) || is_article_name(&path) {
                    let _ = input.send(Input::Watched(path));
                }
            }
        });
        let mut watcher = match watcher {
            Ok(watcher) => watcher,
            Err(error) => {
                log::warn!("the library folders are not watched: {error}");
                return;
            }
        };
        for folder in &self.folders.folders {
            if let Err(error) = watcher.watch(folder, notify::RecursiveMode::Recursive) {
                log::warn!("{} is not watched: {error}", folder.display());
            }
        }
        self.watcher = Some(watcher);
    }
}
