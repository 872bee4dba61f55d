//! What a room is handed to draw itself: the open article (read only), the
//! settings, the palette and the situation the commands are offered in.
//! A room reads this and its own state, never the app.

use std::path::Path;

use crate::store::AnnotationStore;

use super::command::Situation;
use super::session::DocumentSession;
use super::settings::Settings;
use super::theme::Palette;

pub(super) struct ViewContext<'a> {
    pub(super) open: Option<&'a DocumentSession>,
    pub(super) settings: &'a Settings,
    pub(super) palette: Palette,
    pub(super) now: Situation,
    /// Which of egui's fonts draw the faces (see `ReaderStyle`).
    pub(super) fonts_generation: u64,
}

impl<'a> ViewContext<'a> {
    pub(super) fn new(
        open: Option<&'a DocumentSession>,
        settings: &'a Settings,
        now: Situation,
        fonts_generation: u64,
    ) -> Self {
        Self {
            open,
            settings,
            palette: settings.theme.palette(),
            now,
            fonts_generation,
        }
    }

    /// The open article's annotations.
    pub(super) fn store(&self) -> Option<&'a AnnotationStore> {
        self.open.map(DocumentSession::store)
    }

    /// Where the open article's annotations are written.
    pub(super) fn annotations_file(&self) -> Option<&'a Path> {
        self.open.map(DocumentSession::annotations_file)
    }
}
