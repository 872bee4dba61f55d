//! The eframe app: its state, its creation, and the order of a frame. What
//! commands do is in `dispatch`; what is drawn, in `chrome`, `find`,
//! `popups`, `help`, the panels and the reader.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use eframe::egui::{self, Ui};
use uuid::Uuid;

use crate::library::LibraryPaths;

use super::about::AboutWindow;
use super::command::{Command, Place};
use super::dialogs::PendingDialog;
use super::exchange::PendingExchange;
use super::files::PendingOpen;
use super::find::FindState;
use super::keymap::commands_from_input;
use super::launch_timeline::LaunchStage;
use super::library::LibraryView;
use super::panel::PanelState;
use super::popups::{ContextTarget, OverlapChoice};
use super::prefetch::PrefetchedImport;
use super::reader::{PaintedHighlights, Reader, ReaderStyle};
use super::session::{ClosingSession, DocumentSession, SaveState};
use super::settings::Settings;
use super::theme::{ThemeChoice, install_fonts};

/// The sample article, shown when Marginalia starts without a file.
pub const SAMPLE_ARTICLE: &str = include_str!("../../assets/kerry-lavrov-meeting.txt");
pub const SAMPLE_FILE_NAME: &str = "kerry-lavrov-meeting.txt";

pub(super) const SETTINGS_KEY: &str = "marginalia-settings";
/// How long a highlight jumped to stays outlined.
pub(super) const FLASH: Duration = Duration::from_millis(1_200);

/// What to show when the window opens.
#[derive(Clone, Debug)]
pub enum StartWith {
    Sample,
    /// The article read last (if it is still there), else the sample: what
    /// `marginalia` with no argument opens.
    LastRead,
    File(PathBuf),
    /// Several articles (from a file manager): the first opens, the others
    /// are listed in File ▸ Open Recent.
    Articles(Vec<PathBuf>),
}

/// A highlight outlined for a moment after a jump to it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Flash {
    pub(super) id: Uuid,
    pub(super) since: Instant,
}

/// News said in the status bar for a moment ("Merged 3 highlights from
/// another device").
#[derive(Clone, Debug)]
pub(super) struct StatusNote {
    pub(super) text: String,
    pub(super) since: Instant,
    /// How long it shows.
    pub(super) lasts: Duration,
}

/// A text caret stops blinking after this long without input (as GTK's
/// does), so a window left with a field focused uses no CPU.
pub(super) const CARET_BLINK_TIME: Duration = Duration::from_secs(10);

/// How long a status note shows.
pub(super) const STATUS_NOTE_TIME: Duration = Duration::from_secs(8);

/// A message across the top, with the commands it offers.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Banner {
    pub(super) message: String,
    pub(super) actions: Vec<Command>,
    /// A problem (the alert colours) or news (the page's own).
    pub(super) problem: bool,
    /// It tells of a sync conflict copy set aside: a later merge that
    /// succeeds takes it away.
    pub(super) about_set_aside_copy: bool,
}

pub struct MarginaliaApp {
    pub(super) settings: Settings,
    pub(super) open: Option<DocumentSession>,
    /// Closed documents still finishing their last save.
    pub(super) closing: Vec<ClosingSession>,
    pub(super) ctx: egui::Context,
    pub(super) reader: Reader,
    pub(super) painted: PaintedHighlights,
    pub(super) banner: Option<Banner>,
    pub(super) status_note: Option<StatusNote>,
    pub(super) dialog: Option<PendingDialog>,
    /// An article being read on a worker.
    pub(super) opening: Option<PendingOpen>,
    /// What to say once the article being opened shows.
    pub(super) after_open: Option<String>,
    /// Exports and imports whose files are written or read on workers.
    pub(super) exchanges: Vec<PendingExchange>,
    /// The highlight open in the panel.
    pub(super) selected: Option<Uuid>,
    /// The highlight made last (N writes its note).
    pub(super) last_made: Option<Uuid>,
    pub(super) flash: Option<Flash>,
    pub(super) panel: PanelState,
    pub(super) find: Option<FindState>,
    /// Overlapping highlights under a click: the user picks one.
    pub(super) choice: Option<OverlapChoice>,
    /// What the context menu acts on.
    pub(super) context_target: ContextTarget,
    pub(super) show_shortcuts: bool,
    /// Help ▸ About, while it is open.
    pub(super) about: Option<AboutWindow>,
    shown_title: String,
    applied_theme: Option<ThemeChoice>,
    /// When the last input came (a key, the pointer, the wheel), in
    /// seconds of egui's clock: the caret blinks for a while after it.
    last_input: f64,
    /// A text field had the keys when the last frame ended: egui drops
    /// focus on Escape before this frame's keys are read, and that Escape
    /// belongs to the field.
    pub(super) field_had_keys: bool,
    /// How far the launch has come, for the startup timeline (`MARGINALIA_TIMING`).
    pub(super) launch: LaunchStage,
    /// The import of the article named on the command line, started with the window.
    pub(super) prefetched: Option<PrefetchedImport>,
    /// The library view, and the library working on its own thread.
    pub(super) library: LibraryView,
    /// Where to show the article being opened (a place picked in the library).
    pub(super) open_at_place: Option<Place>,
    /// The open article's save state last frame: a save that finishes is
    /// told to the library.
    last_save_state: Option<SaveState>,
}

impl MarginaliaApp {
    /// The app, its library in the user's cache and data folders.
    pub fn new(cc: &eframe::CreationContext<'_>, start: StartWith) -> Self {
        let library = LibraryPaths::from_environment().map_err(|error| error.to_string());
        Self::with_library(cc, start, None, library)
    }

    /// A new app whose first article's import started with the window.
    pub fn with_prefetched(
        cc: &eframe::CreationContext<'_>,
        start: StartWith,
        prefetched: Option<PrefetchedImport>,
    ) -> Self {
        let library = LibraryPaths::from_environment().map_err(|error| error.to_string());
        Self::with_library(cc, start, prefetched, library)
    }

    /// A new app with its library kept at `library` (or, with the reason,
    /// none: tests that do not need one).
    pub fn with_library(
        cc: &eframe::CreationContext<'_>,
        start: StartWith,
        prefetched: Option<PrefetchedImport>,
        library: Result<LibraryPaths, String>,
    ) -> Self {
        install_fonts(&cc.egui_ctx);
        crate::timing::mark("fonts installed");
        // An article may hold any character: draw a box for one no font has.
        cc.egui_ctx
            .set_missing_glyph_policy(egui::epaint::text::MissingGlyphPolicy::Tofu);
        // Ctrl+= and Ctrl+- size the article's text, not the whole interface.
        cc.egui_ctx.options_mut(|o| o.zoom_with_keyboard = false);
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, SETTINGS_KEY))
            .unwrap_or_default();
        crate::timing::mark("settings read");
        let mut app = Self {
            settings,
            open: None,
            closing: Vec::new(),
            ctx: cc.egui_ctx.clone(),
            reader: Reader::new(),
            painted: PaintedHighlights::default(),
            banner: None,
            status_note: None,
            dialog: None,
            opening: None,
            after_open: None,
            exchanges: Vec::new(),
            selected: None,
            last_made: None,
            flash: None,
            panel: PanelState::default(),
            find: None,
            choice: None,
            context_target: ContextTarget::default(),
            show_shortcuts: false,
            about: None,
            shown_title: String::new(),
            applied_theme: None,
            last_input: 0.0,
            field_had_keys: false,
            launch: LaunchStage::at_start(),
            prefetched,
            library: LibraryView::start(library, &cc.egui_ctx),
            open_at_place: None,
            last_save_state: None,
        };
        app.reader.set_caret_mode(app.settings.caret);
        match start {
            StartWith::Sample => app.open_sample(),
            StartWith::LastRead => app.open_last_read(),
            StartWith::File(path) => app.apply(Command::Open(path)),
            StartWith::Articles(paths) => app.open_articles(paths),
        }
        app
    }

    pub(super) fn reader_style(&self) -> ReaderStyle {
        ReaderStyle {
            font_size: self.settings.font_size,
            measure_chars: self.settings.line_width.chars(),
            palette: self.settings.theme.palette(),
        }
    }

    /// The theme's visuals, set when the theme changes.
    fn apply_theme(&mut self, ui: &mut Ui) {
        if self.applied_theme != Some(self.settings.theme) {
            self.settings.theme.apply(ui.ctx());
            self.applied_theme = Some(self.settings.theme);
            // This frame's root Ui was made with the old style.
            ui.set_style(ui.ctx().global_style());
        }
    }

    /// A save of the open article that finished is told to the library.
    fn tell_library_of_saves(&mut self) {
        let state = self.save_state();
        if state == Some(SaveState::Saved)
            && self
                .last_save_state
                .as_ref()
                .is_some_and(|s| *s != SaveState::Saved)
            && let Some(path) = self.document_path().map(Path::to_path_buf)
        {
            self.tell_library_saved(path);
        }
        self.last_save_state = state;
    }

    /// The library view (Ctrl+L) is shown instead of the article.
    pub fn library_view(&self) -> &LibraryView {
        &self.library
    }

    /// Ends the outline of a highlight jumped to once its moment is over.
    fn expire_flash(&mut self) {
        if let Some(flash) = self.flash {
            let elapsed = flash.since.elapsed();
            if elapsed >= FLASH {
                self.flash = None;
            } else {
                self.ctx.request_repaint_after(FLASH - elapsed);
            }
        }
    }

    /// The caret blinks while the user is active and stands still after
    /// [`CARET_BLINK_TIME`] without input.
    fn settle_caret(&mut self, ctx: &egui::Context) {
        // egui's clock: the same in a real window and in tests.
        let now = ctx.input(|i| i.time);
        if ctx.input(|i| !i.events.is_empty() || i.pointer.is_moving()) {
            self.last_input = now;
        }
        let since = Duration::from_secs_f64((now - self.last_input).max(0.0));
        let blink = since < CARET_BLINK_TIME;
        // Without a focused field no caret blinks: no frame is needed.
        let caret_shows = self.field_has_keys();
        if ctx.global_style().visuals.text_cursor.blink != blink {
            ctx.all_styles_mut(|style| style.visuals.text_cursor.blink = blink);
            if caret_shows {
                // Drawn once more: steady and visible.
                ctx.request_repaint();
            }
        }
        if blink && caret_shows {
            ctx.request_repaint_after(CARET_BLINK_TIME - since);
        }
    }

    fn update_window_title(&mut self) {
        let title = match &self.open {
            Some(open) => format!("{} — Marginalia", open.document().display_title()),
            None => "Marginalia".to_owned(),
        };
        if title != self.shown_title {
            self.ctx
                .send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
    }
}

impl eframe::App for MarginaliaApp {
    /// A frame: keys first (their commands act before anything is drawn),
    /// then what happened elsewhere (dialogs, saves, the disk), then the
    /// chrome, the panels and the page, then the commands they produced.
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.report_text_presented();
        self.apply_theme(ui);
        for command in commands_from_input(ui.ctx(), &self.situation()) {
            self.apply(command);
        }
        self.poll_dialog();
        self.poll_opening(Duration::ZERO);
        self.poll_closing();
        self.poll_exchanges();
        self.poll_library();
        self.tick_session();
        // The review's note and tags, saved once typing rests.
        for command in self.library.review_edits_due(ui.ctx(), false) {
            self.apply(command);
        }
        self.tell_library_of_saves();
        self.expire_flash();
        self.settle_caret(ui.ctx());
        self.expire_status_note();
        let mut commands = Vec::new();
        self.chrome_ui(ui, &mut commands);
        if self.library.is_shown() {
            self.library_page_ui(ui, &mut commands);
        } else {
            self.side_panels_ui(ui, &mut commands);
            self.page_ui(ui, &mut commands);
        }
        self.popups_ui(ui.ctx(), &mut commands);
        if !commands.is_empty() {
            ui.ctx().request_repaint();
        }
        for command in commands {
            self.apply(command);
        }
        if ui.input(|i| !i.raw.hovered_files.is_empty() || !i.raw.dropped_files.is_empty()) {
            ui.ctx().request_repaint();
        }
        self.update_window_title();
        self.report_launch(ui.ctx());
        self.field_had_keys = self.field_has_keys();
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.remember_position();
        self.tell_library_read_to();
        self.settings.caret = self.reader.caret_mode();
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // What was typed in the review goes first: to the open article's
        // session (saved just below) or to the library's thread.
        let typed_in_review = self.library.review_edits_due(&self.ctx, true);
        let library_edits = !typed_in_review.is_empty();
        for command in typed_in_review {
            self.apply(command);
        }
        // Whatever is not on disk yet is saved before the window goes.
        if let Some(session) = &mut self.open
            && let Err(error) = session.flush()
        {
            log::error!("annotations not saved: {error}");
        }
        for closing in self.closing.drain(..) {
            if let Err(error) = closing.finish() {
                log::error!("annotations not saved: {error}");
            }
        }
        // Where the reader is, kept before the library's thread goes.
        self.tell_library_read_to();
        // A review edit is the user's typing: it is waited for.
        let wait = if library_edits {
            Duration::from_secs(15)
        } else {
            Duration::from_millis(500)
        };
        self.library.finish(wait);
    }
}
