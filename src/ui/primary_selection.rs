//! The primary selection (X11, and Wayland through XWayland): text selected
//! in the article is offered for a middle-click paste elsewhere, as every
//! Linux reader does. Offered once the selection rests (not at each frame
//! of a drag); the clipboard connection is opened the first time, so a
//! session that selects nothing never opens one.

use crate::ui::reader::Selection;

/// What was last offered, and the connection it was offered through.
#[derive(Default)]
pub(super) struct PrimarySelection {
    offered: Option<Selection>,
    clipboard: Option<arboard::Clipboard>,
    /// The clipboard could not be opened (no X server): not tried again.
    unavailable: bool,
}

impl PrimarySelection {
    /// The reader's selection now (`None` or empty: nothing to offer), and
    /// its text when asked; offered when it changed and is not being dragged.
    pub(super) fn offer(
        &mut self,
        selection: Option<Selection>,
        dragging: bool,
        text: impl FnOnce() -> Option<String>,
    ) {
        let Some(selection) = selection.filter(|s| !s.is_empty()) else {
            return;
        };
        if dragging || self.unavailable || self.offered == Some(selection) {
            return;
        }
        self.offered = Some(selection);
        let Some(text) = text().filter(|t| !t.is_empty()) else {
            return;
        };
        if self.clipboard.is_none() {
            match arboard::Clipboard::new() {
                Ok(clipboard) => self.clipboard = Some(clipboard),
                Err(error) => {
                    log::info!("no primary selection: {error}");
                    self.unavailable = true;
                    return;
                }
            }
        }
        if let Some(clipboard) = &mut self.clipboard {
            use arboard::{LinuxClipboardKind, SetExtLinux as _};
            if let Err(error) = clipboard
                .set()
                .clipboard(LinuxClipboardKind::Primary)
                .text(text)
            {
                log::info!("the primary selection was not set: {error}");
            }
        }
    }
}
