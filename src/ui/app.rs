//! The eframe app: the rooms, the app's creation, what it shows the tests,
//! and the order of a frame. Each room owns its state (DESIGN.md, "The
//! window's rooms"); what commands do, across rooms, is in `dispatch`.

mod dispatch;

use std::path::{Path, PathBuf};
use std::time::Duration;

use eframe::egui::{self, Ui};
use uuid::Uuid;

use crate::document::Document;
use crate::library::LibraryPaths;
use crate::store::AnnotationStore;

use super::chrome::{Shown, StatusLine, menu_bar_ui, status_bar_ui};
use super::command::{Command, Situation};
use super::dialogs::Dialogs;
use super::exchange::Exchanges;
use super::find::FindBar;
use super::fonts::install_fonts;
use super::installed_faces::InstalledFaces;
use super::keymap::commands_from_input;
use super::library::LibraryView;
use super::notices::Notices;
use super::original_page::OriginalPage;
use super::page::Page;
use super::popups::{Overlays, selection_bar_ui};
use super::prefetch::PrefetchedImport;
use super::reader::{Reader, Selection};
use super::session::{DocumentSession, SaveState};
use super::settings::Settings;
use super::view_context::ViewContext;
use super::window::Window;
use super::workspace::Workspace;

/// The sample article, shown when Marginalia starts without a file.
pub const SAMPLE_ARTICLE: &str = include_str!("../../assets/kerry-lavrov-meeting.txt");
pub const SAMPLE_FILE_NAME: &str = "kerry-lavrov-meeting.txt";

pub(super) const SETTINGS_KEY: &str = "marginalia-settings";

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

/// The window: its rooms, and the settings they are handed.
pub struct MarginaliaApp {
    /// What is remembered between runs.
    settings: Settings,
    /// The title, the theme applied, the caret's blink, the launch timeline.
    window: Window,
    /// The open article, those closing, the one being opened.
    workspace: Workspace,
    /// The reader, the side panels, the highlight open and made last.
    page: Page,
    /// A PDF's page as printed, with the highlights (F6).
    original: OriginalPage,
    find: FindBar,
    /// The banner and the status note.
    notices: Notices,
    /// The context menu's target, the overlap chooser, shortcuts, About.
    overlays: Overlays,
    dialogs: Dialogs,
    exchanges: Exchanges,
    /// The library view, and the library working on its own thread.
    library: LibraryView,
    /// The font families installed on the computer, as reading faces.
    faces: InstalledFaces,
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
            page: Page::new(&settings),
            original: OriginalPage::default(),
            settings,
            window: Window::new(&cc.egui_ctx),
            workspace: Workspace::with_prefetched(prefetched),
            find: FindBar::default(),
            notices: Notices::default(),
            overlays: Overlays::default(),
            dialogs: Dialogs::default(),
            exchanges: Exchanges::default(),
            library: LibraryView::start(library, &cc.egui_ctx),
            faces: InstalledFaces::default(),
        };
        app.read_installed_face();
        match start {
            StartWith::Sample => app.open_sample(),
            StartWith::LastRead => app.open_last_read(),
            StartWith::File(path) => app.apply(Command::Open(path)),
            StartWith::Articles(paths) => app.open_articles(paths),
        }
        app
    }

    /// The app with a problem said across the top, if there is one.
    pub(super) fn with_problem(mut self, problem: Option<String>) -> Self {
        if let Some(problem) = problem {
            self.notices.problem(problem);
        }
        self
    }

    pub fn document(&self) -> Option<&Document> {
        self.workspace.session().map(DocumentSession::document)
    }

    pub fn document_path(&self) -> Option<&Path> {
        self.workspace.document_path()
    }

    /// The open document's annotations.
    pub fn annotations(&self) -> Option<&AnnotationStore> {
        self.workspace.session().map(DocumentSession::store)
    }

    /// Where the open document's annotations are written.
    pub fn annotations_file(&self) -> Option<&Path> {
        self.workspace
            .session()
            .map(DocumentSession::annotations_file)
    }

    pub fn save_state(&self) -> Option<SaveState> {
        self.workspace.session().map(DocumentSession::save_state)
    }

    /// Whether an article is being opened (read on a worker).
    pub fn is_opening(&self) -> bool {
        self.workspace.opening().is_some()
    }

    pub fn banner(&self) -> Option<&str> {
        self.notices.banner().map(|b| b.message())
    }

    /// Whether the banner shows a problem (not news such as "Exported …").
    pub fn banner_is_problem(&self) -> Option<bool> {
        self.notices.banner().map(|b| b.is_problem())
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn reader(&self) -> &Reader {
        self.page.reader()
    }

    pub fn reader_mut(&mut self) -> &mut Reader {
        self.page.reader_mut()
    }

    /// The highlight open in the panel.
    pub fn selected_annotation(&self) -> Option<Uuid> {
        self.page.selected()
    }

    /// The find matches (char ranges) and the index of the current one.
    pub fn find_matches(&self) -> Option<(&[std::ops::Range<usize>], usize)> {
        self.find.matches()
    }

    /// The original page shown (from 0), when F6 shows it, and whether
    /// its picture is drawn.
    pub fn original_page(&self) -> Option<(usize, bool)> {
        let drawn = self.original.is_drawn();
        self.original.shown_page().map(|page| (page, drawn))
    }

    /// The font families installed on the computer, once listed.
    pub fn installed_families(&self) -> Option<&[String]> {
        self.faces.families()
    }

    /// How many times an installed face was read and set in egui's fonts.
    pub fn fonts_generation(&self) -> u64 {
        self.faces.generation()
    }

    /// The library view (Ctrl+L) is shown instead of the article.
    pub fn library_view(&self) -> &LibraryView {
        &self.library
    }

    /// What is on screen now, for the command table's availability and key contexts.
    pub fn situation(&self) -> Situation {
        let open = self.workspace.session();
        let reader = self.page.reader();
        Situation {
            has_document: open.is_some(),
            has_selection: reader.has_selection(),
            has_caret: reader.selection().is_some(),
            can_undo: open.is_some_and(DocumentSession::can_undo),
            can_redo: open.is_some_and(DocumentSession::can_redo),
            find_open: self.find.is_open(),
            open_highlight: self.page.selected(),
            note_target: self.page.note_target(),
            typing: self.window.typing(),
            caret_browsing: reader.caret_browsing(),
            arrows_move_caret: reader.arrows_move_caret(),
            can_go_back: reader.can_go_back(),
            library_shown: self.library.is_shown(),
            has_pages: open.is_some_and(|o| !o.document().pages().is_empty()),
            window_closes_on_escape: self.overlays.shortcuts_shown(),
            original_page_shown: self.original.is_shown() && open.is_some(),
        }
    }

    /// What happened since the last frame: dialogs, opens, saves, the
    /// library, the disk; and what passes with time.
    fn take_news(&mut self, ctx: &egui::Context) {
        self.poll_dialog();
        self.poll_opening(Duration::ZERO);
        self.poll_closing();
        self.poll_exchanges();
        self.poll_library();
        if let Some(why) = self.faces.poll(ctx) {
            self.notices.problem(why);
        }
        self.tick_session();
        // The review's note and tags, saved once typing rests.
        for command in self.library.review_edits_due(ctx, false) {
            self.apply(command);
        }
        if let Some(article) = self.workspace.just_saved() {
            self.library.saved(article);
        }
        self.page.expire_flash(ctx);
        self.window.settle_caret();
        self.notices.expire(ctx);
    }

    /// The menus, the banner, the find bar and the status bar.
    fn chrome_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let view = ViewContext::new(
            self.workspace.session(),
            &self.settings,
            self.situation(),
            self.faces.generation(),
        );
        let shown = Shown {
            library: self.library.is_shown(),
            shortcuts: self.overlays.shortcuts_shown(),
            about: self.overlays.about_shown(),
            installed_faces: self.faces.families(),
        };
        menu_bar_ui(ui, &view, &shown, commands);
        self.notices
            .banner_ui(ui, &view.palette, &view.now, commands);
        self.find.bar_ui(ui, &view.now, commands);
        let status = StatusLine {
            opening: self.workspace.opening(),
            reader: self.page.reader(),
            note: self.notices.status_note(),
            pace: self.page.pace(),
            original_page_char: self
                .original
                .shown_page()
                .and_then(|index| Some(self.document()?.page_chars(index)?.start)),
        };
        status_bar_ui(ui, view.open, &status);
    }

    /// The side panels and the page, and what floats over the page.
    fn pages_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let view = ViewContext::new(
            self.workspace.session(),
            &self.settings,
            self.situation(),
            self.faces.generation(),
        );
        if self.library.is_shown() {
            self.library.page_ui(ui, &view, commands);
            return;
        }
        self.page.side_panels_ui(ui, &view, commands);
        if view.now.original_page_shown {
            return original_page_ui(&mut self.original, &mut self.page, ui, &view, commands);
        }
        let matches = self.find.painted(&view.palette);
        let opening = self.workspace.opening().is_some();
        let Some(output) = self.page.page_ui(ui, &view, matches, opening, commands) else {
            return;
        };
        if let Some(choice) = output.choice {
            self.overlays.choose_among(choice);
        }
        if let Some(target) = output.context_target {
            self.overlays.set_context_target(target);
        }
        self.overlays
            .context_menu_ui(&output.response, &view, commands);
        if let Some(at) = output.selection_end {
            selection_bar_ui(ui.ctx(), at, &view.palette, commands);
        }
    }
}

/// The original page in the text's place: it follows the reader's jumps
/// (the outline, the panel, Go to Page), and a selection made on it
/// becomes the reader's.
fn original_page_ui(
    original: &mut OriginalPage,
    page: &mut Page,
    ui: &mut Ui,
    view: &ViewContext,
    commands: &mut Vec<Command>,
) {
    let reader = page.reader();
    if let Some(open) = view.open {
        original.follow(reader.jump_target_char(), open.document());
    }
    let selection = reader
        .selection()
        .map(|s| s.range())
        .filter(|r| !r.is_empty());
    let output = original.page_ui(ui, view, selection, commands);
    if let Some(made) = output.selection {
        let selection = made.map(|chars| Selection {
            anchor_char: chars.start,
            cursor_char: chars.end,
        });
        page.reader_mut().set_selection(selection);
    }
    if let Some(at) = output.selection_end {
        selection_bar_ui(ui.ctx(), at, &view.palette, commands);
    }
}

impl eframe::App for MarginaliaApp {
    /// A frame: keys first (their commands act before anything is drawn),
    /// then what happened elsewhere (dialogs, saves, the disk), then the
    /// chrome, the panels and the page, then the commands they produced.
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.window.begin_frame();
        self.window.apply_theme(ui, self.settings.theme);
        for command in commands_from_input(ui.ctx(), &self.situation()) {
            self.apply(command);
        }
        self.take_news(ui.ctx());
        let mut commands = Vec::new();
        self.chrome_ui(ui, &mut commands);
        self.pages_ui(ui, &mut commands);
        if let Some(pace) = self.page.pace().to_remember() {
            self.settings.reading_pace = Some(pace);
        }
        let reader = self.page.reader();
        let document = self.workspace.session().map(|open| open.document());
        self.window.offer_selection(reader.selection(), || {
            document.and_then(|document| reader.selected_text(document))
        });
        let view = ViewContext::new(
            self.workspace.session(),
            &self.settings,
            self.situation(),
            self.faces.generation(),
        );
        self.overlays.popups_ui(ui.ctx(), &view, &mut commands);
        if !commands.is_empty() {
            ui.ctx().request_repaint();
        }
        for command in commands {
            self.apply(command);
        }
        if ui.input(|i| !i.raw.hovered_files.is_empty() || !i.raw.dropped_files.is_empty()) {
            ui.ctx().request_repaint();
        }
        let title = self.document().map(Document::display_title);
        self.window.show_title(title);
        self.window.report_launch(self.page.reader().has_painted());
        self.window.end_frame();
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.remember_position();
        self.tell_library_read_to();
        self.settings.caret = self.page.reader().caret_mode();
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // What was typed in the review goes first: to the open article's
        // session (saved just below) or to the library's thread.
        let typed_in_review = self.library.review_edits_due(self.window.ctx(), true);
        let library_edits = !typed_in_review.is_empty();
        for command in typed_in_review {
            self.apply(command);
        }
        // Whatever is not on disk yet is saved before the window goes.
        self.workspace.flush_all();
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
