//! The eframe app: menus, the open paths (dialog, command line, drop,
//! recent files), highlighting, the annotations panel, find, the banner and
//! the reader. UI code turns input into `Command`s; `apply` carries them out.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use eframe::egui::{self, Color32, Key, KeyboardShortcut, Modifiers, RichText, Ui};
use uuid::Uuid;

use crate::annotate::{HighlightColor, HighlightStyle, Typing};
use crate::document::{Document, FoldedText};
use crate::import::ARTICLE_EXTENSIONS;
use crate::store::{AnnotationStore, markdown_digest, w3c_page, write_atomically};

use super::panel::{PanelState, color_buttons_ui, panel_ui};
use super::reader::{Reader, ReaderHighlight, ReaderStyle};
use super::session::{DocumentSession, SaveState};
use super::settings::{LineWidth, Settings};
use super::theme::{ThemeChoice, install_fonts};

/// The sample article, shown when Marginalia starts without a file.
pub const SAMPLE_ARTICLE: &str = include_str!("../../assets/kerry-lavrov-meeting.txt");
pub const SAMPLE_FILE_NAME: &str = "kerry-lavrov-meeting.txt";

const SETTINGS_KEY: &str = "marginalia-settings";
/// How long a highlight jumped to stays outlined.
const FLASH: Duration = Duration::from_millis(1_200);
/// Find stops counting here (a one-letter search in a long book).
const MAX_MATCHES: usize = 10_000;

/// What to show when the window opens.
#[derive(Clone, Debug)]
pub enum StartWith {
    Sample,
    File(PathBuf),
}

/// Everything the user can ask the app to do; menus, keys and panels produce these.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    ShowOpenDialog,
    Open(PathBuf),
    RemoveRecent(PathBuf),
    ClearRecent,
    FontBigger,
    FontSmaller,
    FontReset,
    SetLineWidth(LineWidth),
    SetTheme(ThemeChoice),
    /// Highlight the selection in the current colour.
    HighlightSelection,
    /// Highlight the selection in this colour (and make it the current one).
    HighlightSelectionIn(HighlightColor),
    SelectAnnotation(Option<Uuid>),
    Recolor(Uuid, HighlightColor),
    ToggleUnderline(Uuid),
    SetNote(Uuid, String),
    SetTags(Uuid, Vec<String>),
    DeleteAnnotation(Uuid),
    CopyQuote(Uuid),
    /// Scroll to an annotation, flash it and open it in the panel.
    JumpTo(Uuid),
    NextHighlight,
    PreviousHighlight,
    Undo,
    Redo,
    TogglePanel,
    ToggleOutline,
    /// Scroll to the block holding this char offset (the outline).
    GoTo(usize),
    ShowFind,
    CloseFind,
    SetFindQuery(String),
    FindNext,
    FindPrevious,
    HighlightFindMatch,
    ShowExportDialog,
    ShowImportDialog,
    /// Keep the unreadable sidecar under another name and save the
    /// annotations shown in its place.
    ReplaceUnreadableSidecar,
    DismissBanner,
    Quit,
}

const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
const QUIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);
const BIGGER: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Equals);
const BIGGER_PLUS: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Plus);
const SMALLER: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Minus);
const RESET: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Num0);
const FIND: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
const UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
const REDO: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
const REDO_Y: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
const PANEL: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F9);
const OUTLINE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F8);

/// Incremental search.
struct FindState {
    query: String,
    folded: FoldedText,
    matches: Vec<std::ops::Range<usize>>,
    current: usize,
    focus: bool,
    /// The matches as painted, and for which (current match, dark theme).
    painted: Vec<ReaderHighlight>,
    painted_for: Option<(usize, bool)>,
}

impl FindState {
    /// Rebuilds the painted matches when they or the theme changed.
    fn refresh_paint(&mut self, dark: bool) {
        if self.painted_for == Some((self.current, dark)) {
            return;
        }
        let (normal, current) = if dark {
            (
                Color32::from_rgba_unmultiplied(0xFF, 0x9A, 0x3C, 0x50),
                Color32::from_rgba_unmultiplied(0xFF, 0x9A, 0x3C, 0xB0),
            )
        } else {
            (
                Color32::from_rgba_unmultiplied(0xFF, 0x8C, 0x1A, 0x45),
                Color32::from_rgba_unmultiplied(0xFF, 0x8C, 0x1A, 0xA0),
            )
        };
        self.painted = self
            .matches
            .iter()
            .enumerate()
            .map(|(i, m)| ReaderHighlight {
                chars: m.clone(),
                color: if i == self.current { current } else { normal },
                emphasis: i == self.current,
                ..Default::default()
            })
            .collect();
        self.painted_for = Some((self.current, dark));
    }
}

/// A native dialog running on its own thread.
enum PendingDialog {
    Open(mpsc::Receiver<Option<PathBuf>>),
    Export(mpsc::Receiver<Option<PathBuf>>),
    Import(mpsc::Receiver<Option<PathBuf>>),
}

/// A message across the top, with the choices it offers.
#[derive(Clone, Debug, PartialEq)]
struct Banner {
    message: String,
    actions: Vec<(String, Command)>,
}

pub struct MarginaliaApp {
    settings: Settings,
    open: Option<DocumentSession>,
    ctx: egui::Context,
    reader: Reader,
    banner: Option<Banner>,
    dialog: Option<PendingDialog>,
    /// The highlight open in the panel.
    selected: Option<Uuid>,
    flash: Option<(Uuid, Instant)>,
    panel: PanelState,
    find: Option<FindState>,
    /// Overlapping highlights under a click: the user picks one. The pass
    /// it opened in (that click must not close it).
    choice: Option<(egui::Pos2, Vec<Uuid>, u64)>,
    shown_title: String,
    applied_theme: Option<ThemeChoice>,
    /// When the app was created, for the startup-time report.
    created: Instant,
    report_startup: bool,
}

impl MarginaliaApp {
    pub fn new(cc: &eframe::CreationContext<'_>, start: StartWith) -> Self {
        let created = Instant::now();
        install_fonts(&cc.egui_ctx);
        // An article may hold any character: draw a box for one no font has.
        cc.egui_ctx
            .set_missing_glyph_policy(egui::epaint::text::MissingGlyphPolicy::Tofu);
        // Ctrl+= and Ctrl+- size the article's text, not the whole interface.
        cc.egui_ctx.options_mut(|o| o.zoom_with_keyboard = false);
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, SETTINGS_KEY))
            .unwrap_or_default();
        let mut app = Self {
            settings,
            open: None,
            ctx: cc.egui_ctx.clone(),
            reader: Reader::new(),
            banner: None,
            dialog: None,
            selected: None,
            flash: None,
            panel: PanelState::default(),
            find: None,
            choice: None,
            shown_title: String::new(),
            applied_theme: None,
            created,
            report_startup: std::env::var_os("MARGINALIA_TIMING").is_some(),
        };
        match start {
            StartWith::Sample => app.open_sample(),
            StartWith::File(path) => app.apply(Command::Open(path)),
        }
        app
    }

    pub fn document(&self) -> Option<&Document> {
        self.open.as_ref().map(DocumentSession::document)
    }

    pub fn document_path(&self) -> Option<&Path> {
        self.open.as_ref().and_then(DocumentSession::path)
    }

    /// The open document's annotations.
    pub fn annotations(&self) -> Option<&AnnotationStore> {
        self.open.as_ref().map(DocumentSession::store)
    }

    /// Where the open document's annotations are written.
    pub fn annotations_file(&self) -> Option<&Path> {
        self.open.as_ref().map(DocumentSession::annotations_file)
    }

    pub fn save_state(&self) -> Option<SaveState> {
        self.open.as_ref().map(DocumentSession::save_state)
    }

    pub fn banner(&self) -> Option<&str> {
        self.banner.as_ref().map(|b| b.message.as_str())
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn reader(&self) -> &Reader {
        &self.reader
    }

    pub fn reader_mut(&mut self) -> &mut Reader {
        &mut self.reader
    }

    /// The highlight open in the panel.
    pub fn selected_annotation(&self) -> Option<Uuid> {
        self.selected
    }

    /// The find matches and the index of the current one.
    pub fn find_matches(&self) -> Option<(&[std::ops::Range<usize>], usize)> {
        self.find
            .as_ref()
            .map(|f| (f.matches.as_slice(), f.current))
    }

    fn set_banner(&mut self, message: impl Into<String>) {
        self.banner = Some(Banner {
            message: message.into(),
            actions: Vec::new(),
        });
    }

    /// The banner for a store problem, with the choices the store offers.
    fn set_store_banner(&mut self, message: String) {
        let recovery = self.open.as_ref().is_some_and(DocumentSession::in_recovery);
        self.banner = Some(Banner {
            message,
            actions: if recovery {
                vec![(
                    "Replace the unreadable file".to_owned(),
                    Command::ReplaceUnreadableSidecar,
                )]
            } else {
                Vec::new()
            },
        });
    }

    fn open_sample(&mut self) {
        match DocumentSession::sample(SAMPLE_ARTICLE, SAMPLE_FILE_NAME) {
            Ok(session) => {
                let problem = session.store_problem();
                self.show(session, 0);
                self.banner = None;
                if let Some(problem) = problem {
                    self.set_store_banner(problem);
                }
            }
            Err(error) => self.set_banner(error.to_string()),
        }
    }

    fn show(&mut self, session: DocumentSession, position: usize) {
        self.close_document();
        if let Some(path) = session.path() {
            let title = session.document().display_title();
            self.settings.remember(path, &title, position);
        }
        self.reader
            .reset(position.min(session.document().char_count()));
        self.open = Some(session);
    }

    /// Saves what is left of the open document's annotations and closes it.
    fn close_document(&mut self) {
        self.remember_position();
        self.selected = None;
        self.find = None;
        self.choice = None;
        if let Some(mut session) = self.open.take()
            && let Err(error) = session.flush()
        {
            self.set_banner(error.to_string());
        }
    }

    /// Writes the reading position of the open document into the recent list.
    fn remember_position(&mut self) {
        if let Some(path) = self.document_path().map(Path::to_path_buf) {
            self.settings.update_position(&path, self.reader.top_char());
        }
    }

    /// Carries out a command. Errors go to the banner; what was open stays open.
    pub fn apply(&mut self, command: Command) {
        match command {
            Command::ShowOpenDialog => self.show_open_dialog(),
            Command::ShowExportDialog => self.show_export_dialog(),
            Command::ShowImportDialog => self.show_import_dialog(),
            Command::Open(path) => {
                let path = std::fs::canonicalize(&path).unwrap_or(path);
                match DocumentSession::open(&path, Some(&self.ctx)) {
                    Ok((session, problems)) => {
                        let position = self.settings.position_of(&path).unwrap_or(0);
                        self.show(session, position);
                        self.banner = None;
                        if !problems.is_empty() {
                            self.set_store_banner(problems.join("\n"));
                        }
                    }
                    Err(error) => self.set_banner(error.to_string()),
                }
            }
            Command::HighlightSelection => self.highlight_selection(self.settings.color),
            Command::HighlightSelectionIn(color) => {
                self.settings.color = color;
                self.highlight_selection(color);
            }
            Command::SelectAnnotation(id) => {
                self.selected = id;
                if id.is_some() {
                    self.settings.show_panel = true;
                    self.panel.reveal = id;
                }
            }
            Command::Recolor(id, color) => {
                self.settings.color = color;
                self.change(id, None, |a| a.color = color);
            }
            Command::ToggleUnderline(id) => self.change(id, None, |a| {
                a.style = match a.style {
                    HighlightStyle::Highlight => HighlightStyle::Underline,
                    HighlightStyle::Underline => HighlightStyle::Highlight,
                };
            }),
            Command::SetNote(id, note) => self.change(id, Some(Typing::Note), |a| a.note = note),
            Command::SetTags(id, tags) => self.change(id, Some(Typing::Tags), |a| a.tags = tags),
            Command::DeleteAnnotation(id) => {
                if let Some(open) = &mut self.open {
                    open.delete(id);
                }
                if self.selected == Some(id) {
                    self.selected = None;
                }
            }
            Command::CopyQuote(id) => {
                if let Some(text) = self.open.as_ref().and_then(|o| quote_with_citation(o, id)) {
                    self.ctx.copy_text(text);
                }
            }
            Command::JumpTo(id) => self.jump_to(id),
            Command::NextHighlight => self.step_highlight(true),
            Command::PreviousHighlight => self.step_highlight(false),
            Command::Undo | Command::Redo => {
                let Some(open) = &mut self.open else {
                    return;
                };
                let touched = if command == Command::Undo {
                    open.undo()
                } else {
                    open.redo()
                };
                if let Some(id) = touched {
                    if open.store().get(id).is_some() {
                        self.selected = self.selected.filter(|s| *s == id).or(self.selected);
                        self.reveal(id);
                    } else if self.selected == Some(id) {
                        self.selected = None;
                    }
                }
            }
            Command::TogglePanel => self.settings.show_panel = !self.settings.show_panel,
            Command::ToggleOutline => self.settings.show_outline = !self.settings.show_outline,
            Command::GoTo(offset) => self.reader.scroll_to_char(offset),
            Command::ShowFind => match &mut self.find {
                Some(find) => find.focus = true,
                None => {
                    if let Some(open) = &self.open {
                        self.find = Some(FindState {
                            query: String::new(),
                            folded: FoldedText::new(open.document().text()),
                            matches: Vec::new(),
                            current: 0,
                            focus: true,
                            painted: Vec::new(),
                            painted_for: None,
                        });
                    }
                }
            },
            Command::CloseFind => self.find = None,
            Command::SetFindQuery(query) => {
                let top = self.reader.top_char();
                if let Some(find) = &mut self.find {
                    find.matches = find.folded.find_all(&query, MAX_MATCHES);
                    find.painted_for = None;
                    find.query = query;
                    // The first match at or after the reading position.
                    find.current = find.matches.partition_point(|m| m.start < top);
                    if find.current >= find.matches.len() {
                        find.current = 0;
                    }
                    self.show_current_match();
                }
            }
            Command::FindNext | Command::FindPrevious => {
                if let Some(find) = &mut self.find
                    && !find.matches.is_empty()
                {
                    let n = find.matches.len();
                    find.current = if command == Command::FindNext {
                        (find.current + 1) % n
                    } else {
                        (find.current + n - 1) % n
                    };
                    self.show_current_match();
                }
            }
            Command::HighlightFindMatch => {
                let range = self
                    .find
                    .as_ref()
                    .and_then(|f| f.matches.get(f.current).cloned());
                if let (Some(range), Some(open)) = (range, &mut self.open)
                    && let Some(id) = open.add_highlight(range, self.settings.color)
                {
                    self.selected = Some(id);
                    self.flash = Some((id, Instant::now()));
                }
            }
            Command::RemoveRecent(path) => self.settings.forget(&path),
            Command::ClearRecent => self.settings.recent.clear(),
            Command::FontBigger => self.settings.change_font_size(1.0),
            Command::FontSmaller => self.settings.change_font_size(-1.0),
            Command::FontReset => {
                self.settings.font_size = super::settings::DEFAULT_FONT_SIZE;
            }
            Command::SetLineWidth(width) => self.settings.line_width = width,
            Command::SetTheme(theme) => self.settings.theme = theme,
            Command::ReplaceUnreadableSidecar => {
                if let Some(open) = &mut self.open {
                    let message = open.replace_unreadable_sidecar();
                    self.set_banner(message);
                }
            }
            Command::DismissBanner => self.banner = None,
            Command::Quit => self.ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }

    fn highlight_selection(&mut self, color: HighlightColor) {
        let selection = self.reader.selection().map(|s| s.range());
        if let (Some(open), Some(range)) = (&mut self.open, selection)
            && open.add_highlight(range, color).is_some()
        {
            self.reader.set_selection(None);
        }
    }

    fn change(
        &mut self,
        id: Uuid,
        typing: Option<Typing>,
        change: impl FnOnce(&mut crate::annotate::Annotation),
    ) {
        if let Some(open) = &mut self.open {
            open.change(id, typing, change);
        }
    }

    fn reveal(&mut self, id: Uuid) {
        let start = self
            .annotations()
            .and_then(|s| s.resolution(id))
            .and_then(|r| r.range.clone())
            .map(|r| r.start);
        if let Some(start) = start {
            self.reader.reveal_char(start);
        }
        self.flash = Some((id, Instant::now()));
        self.panel.reveal = Some(id);
    }

    fn jump_to(&mut self, id: Uuid) {
        self.selected = Some(id);
        self.settings.show_panel = true;
        self.reveal(id);
    }

    /// Selects the next (or previous) highlight after the selected one, or
    /// after the top of the window.
    fn step_highlight(&mut self, forward: bool) {
        let Some(store) = self.annotations() else {
            return;
        };
        let found: Vec<(Uuid, usize)> = store
            .annotations()
            .into_iter()
            .filter_map(|(a, r)| r.range.as_ref().map(|range| (a.id, range.start)))
            .collect();
        let from = self
            .selected
            .and_then(|id| found.iter().find(|(i, _)| *i == id).map(|(_, s)| *s))
            .unwrap_or(self.reader.top_char());
        let selected = self.selected;
        let target = if forward {
            found.iter().find(|(id, s)| {
                *s > from || (*s == from && selected.is_none() && Some(*id) != selected)
            })
        } else {
            found.iter().rev().find(|(_, s)| *s < from)
        };
        if let Some(&(id, _)) = target {
            self.jump_to(id);
        }
    }

    fn show_current_match(&mut self) {
        if let Some(start) = self
            .find
            .as_ref()
            .and_then(|f| f.matches.get(f.current))
            .map(|m| m.start)
        {
            self.reader.reveal_char(start);
        }
    }

    fn spawn_dialog(
        &self,
        pick: impl FnOnce() -> Option<PathBuf> + Send + 'static,
    ) -> mpsc::Receiver<Option<PathBuf>> {
        let (sender, receiver) = mpsc::channel();
        let ctx = self.ctx.clone();
        // The native dialog runs off the UI thread: the window keeps painting.
        std::thread::spawn(move || {
            // The receiver is gone only if the app has closed.
            let _ = sender.send(pick());
            ctx.request_repaint();
        });
        receiver
    }

    /// Starts a native dialog, one at a time, opening in the article's folder.
    fn show_dialog(
        &mut self,
        pending: fn(mpsc::Receiver<Option<PathBuf>>) -> PendingDialog,
        dialog: rfd::FileDialog,
        pick: fn(rfd::FileDialog) -> Option<PathBuf>,
    ) {
        if self.dialog.is_some() {
            return;
        }
        let folder = self
            .document_path()
            .and_then(Path::parent)
            .map(Path::to_path_buf);
        let dialog = match folder {
            Some(folder) => dialog.set_directory(folder),
            None => dialog,
        };
        let receiver = self.spawn_dialog(move || pick(dialog));
        self.dialog = Some(pending(receiver));
    }

    fn show_open_dialog(&mut self) {
        let dialog = rfd::FileDialog::new()
            .set_title("Open article")
            .add_filter("Articles", ARTICLE_EXTENSIONS)
            .add_filter("All files", &["*"]);
        self.show_dialog(PendingDialog::Open, dialog, rfd::FileDialog::pick_file);
    }

    fn show_export_dialog(&mut self) {
        let Some(title) = self.document().map(Document::display_title) else {
            return;
        };
        let dialog = rfd::FileDialog::new()
            .set_title("Export annotations")
            .add_filter("Markdown digest", &["md"])
            .add_filter("W3C Web Annotation JSON", &["json"])
            .set_file_name(format!("{title} — annotations.md"));
        self.show_dialog(PendingDialog::Export, dialog, rfd::FileDialog::save_file);
    }

    fn show_import_dialog(&mut self) {
        if self.open.is_none() {
            return;
        }
        let dialog = rfd::FileDialog::new()
            .set_title("Import annotations")
            .add_filter("W3C or Hypothesis JSON", &["json", "jsonld"])
            .add_filter("All files", &["*"]);
        self.show_dialog(PendingDialog::Import, dialog, rfd::FileDialog::pick_file);
    }

    fn poll_dialog(&mut self) {
        let Some(dialog) = &self.dialog else {
            return;
        };
        let receiver = match dialog {
            PendingDialog::Open(r) | PendingDialog::Export(r) | PendingDialog::Import(r) => r,
        };
        let picked = match receiver.try_recv() {
            Ok(picked) => picked,
            Err(mpsc::TryRecvError::Empty) => return,
            Err(mpsc::TryRecvError::Disconnected) => {
                self.dialog = None;
                self.set_banner("The file dialog closed unexpectedly.");
                return;
            }
        };
        let Some(dialog) = self.dialog.take() else {
            return;
        };
        let Some(path) = picked else {
            return; // Cancelled.
        };
        match dialog {
            PendingDialog::Open(_) => self.apply(Command::Open(path)),
            PendingDialog::Export(_) => self.export_to(&path),
            PendingDialog::Import(_) => self.import_from(&path),
        }
    }

    fn export_to(&mut self, path: &Path) {
        let Some(open) = &self.open else {
            return;
        };
        let annotations = open.store().annotations();
        let json = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json") || e.eq_ignore_ascii_case("jsonld"));
        let text = if json {
            let source = open.path().map_or_else(
                || format!("urn:marginalia:sample:{SAMPLE_FILE_NAME}"),
                |p| format!("file://{}", p.display()),
            );
            match serde_json::to_string_pretty(&w3c_page(&annotations, &source)) {
                Ok(text) => text + "\n",
                Err(error) => {
                    self.set_banner(format!("{}: cannot be written: {error}", path.display()));
                    return;
                }
            }
        } else {
            markdown_digest(open.document(), &annotations)
        };
        match write_atomically(path, text.as_bytes()) {
            Ok(_) => self.set_banner(format!(
                "Exported {} annotations to {}",
                annotations.len(),
                path.display()
            )),
            Err(error) => {
                self.set_banner(format!("{}: cannot be written: {error}", path.display()))
            }
        }
    }

    fn import_from(&mut self, path: &Path) {
        let Some(open) = &mut self.open else {
            return;
        };
        let result = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot be read: {e}", path.display()))
            .and_then(|json| open.import_annotations(&json, path));
        match result {
            Ok(summary) | Err(summary) => self.set_banner(summary),
        }
    }

    fn reader_style(&self) -> ReaderStyle {
        ReaderStyle {
            font_size: self.settings.font_size,
            measure_chars: self.settings.line_width.chars(),
            palette: self.settings.theme.palette(),
        }
    }

    fn shortcuts(&self, ui: &Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        let typing = ui.ctx().memory(|m| m.focused().is_some());
        ui.input_mut(|i| {
            for (shortcut, command) in [
                (OPEN, Command::ShowOpenDialog),
                (QUIT, Command::Quit),
                (BIGGER, Command::FontBigger),
                (BIGGER_PLUS, Command::FontBigger),
                (SMALLER, Command::FontSmaller),
                (RESET, Command::FontReset),
                (FIND, Command::ShowFind),
                (PANEL, Command::TogglePanel),
                (OUTLINE, Command::ToggleOutline),
            ] {
                if i.consume_shortcut(&shortcut) {
                    commands.push(command);
                }
            }
            // Ctrl+Enter highlights the current match, even from the find field.
            if self.find.is_some()
                && i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::Enter))
            {
                commands.push(Command::HighlightFindMatch);
            }
            // Several files dropped at once: the first one opens.
            if let Some(file) = i.raw.dropped_files.first() {
                commands.push(Command::Open(file.path().to_path_buf()));
            }
            if typing {
                return; // Letters, Delete and undo belong to the text field.
            }
            // Redo before undo: Ctrl+Shift+Z also matches Ctrl+Z.
            for (shortcut, command) in [
                (REDO, Command::Redo),
                (REDO_Y, Command::Redo),
                (UNDO, Command::Undo),
            ] {
                if i.consume_shortcut(&shortcut) {
                    commands.push(command);
                }
            }
            if i.consume_key(Modifiers::NONE, Key::H) {
                commands.push(Command::HighlightSelection);
            }
            if i.consume_key(Modifiers::NONE, Key::CloseBracket) {
                commands.push(Command::NextHighlight);
            }
            if i.consume_key(Modifiers::NONE, Key::OpenBracket) {
                commands.push(Command::PreviousHighlight);
            }
            if let Some(id) = self.selected {
                let keys = [Key::Num1, Key::Num2, Key::Num3, Key::Num4, Key::Num5];
                for (key, color) in keys.into_iter().zip(HighlightColor::ALL) {
                    if i.consume_key(Modifiers::NONE, key) {
                        commands.push(Command::Recolor(id, color));
                    }
                }
                if i.consume_key(Modifiers::NONE, Key::U) {
                    commands.push(Command::ToggleUnderline(id));
                }
                if i.consume_key(Modifiers::NONE, Key::Delete)
                    || i.consume_key(Modifiers::NONE, Key::Backspace)
                {
                    commands.push(Command::DeleteAnnotation(id));
                }
            }
            // Escape closes the find bar first, then the highlight editor.
            if (self.find.is_some() || self.selected.is_some())
                && i.consume_key(Modifiers::NONE, Key::Escape)
            {
                commands.push(if self.find.is_some() {
                    Command::CloseFind
                } else {
                    Command::SelectAnnotation(None)
                });
            }
        });
        commands
    }

    fn menu_bar_ui(&self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let shortcut = |ui: &Ui, s: &KeyboardShortcut| ui.ctx().format_shortcut(s);
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui
                    .add(egui::Button::new("Open…").shortcut_text(shortcut(ui, &OPEN)))
                    .clicked()
                {
                    commands.push(Command::ShowOpenDialog);
                }
                ui.menu_button("Open Recent", |ui| self.recent_menu_ui(ui, commands));
                ui.separator();
                let has_document = self.open.is_some();
                if ui
                    .add_enabled(has_document, egui::Button::new("Export Annotations…"))
                    .clicked()
                {
                    commands.push(Command::ShowExportDialog);
                }
                if ui
                    .add_enabled(has_document, egui::Button::new("Import Annotations…"))
                    .clicked()
                {
                    commands.push(Command::ShowImportDialog);
                }
                ui.separator();
                if ui
                    .add(egui::Button::new("Quit").shortcut_text(shortcut(ui, &QUIT)))
                    .clicked()
                {
                    commands.push(Command::Quit);
                }
            });
            ui.menu_button("Edit", |ui| {
                let can_undo = self.open.as_ref().is_some_and(DocumentSession::can_undo);
                let can_redo = self.open.as_ref().is_some_and(DocumentSession::can_redo);
                if ui
                    .add_enabled(
                        can_undo,
                        egui::Button::new("Undo").shortcut_text(shortcut(ui, &UNDO)),
                    )
                    .clicked()
                {
                    commands.push(Command::Undo);
                }
                if ui
                    .add_enabled(
                        can_redo,
                        egui::Button::new("Redo").shortcut_text(shortcut(ui, &REDO)),
                    )
                    .clicked()
                {
                    commands.push(Command::Redo);
                }
                ui.separator();
                let has_selection = self.reader.selection().is_some_and(|s| !s.is_empty());
                if ui
                    .add_enabled(
                        has_selection,
                        egui::Button::new("Highlight Selection").shortcut_text("H"),
                    )
                    .clicked()
                {
                    commands.push(Command::HighlightSelection);
                }
                if ui
                    .add(egui::Button::new("Find…").shortcut_text(shortcut(ui, &FIND)))
                    .clicked()
                {
                    commands.push(Command::ShowFind);
                }
                ui.separator();
                if ui
                    .add(egui::Button::new("Next Highlight").shortcut_text("]"))
                    .clicked()
                {
                    commands.push(Command::NextHighlight);
                }
                if ui
                    .add(egui::Button::new("Previous Highlight").shortcut_text("["))
                    .clicked()
                {
                    commands.push(Command::PreviousHighlight);
                }
            });
            ui.menu_button("View", |ui| {
                if ui
                    .add(
                        egui::Button::selectable(self.settings.show_panel, "Annotations Panel")
                            .shortcut_text(shortcut(ui, &PANEL)),
                    )
                    .clicked()
                {
                    commands.push(Command::TogglePanel);
                }
                if ui
                    .add(
                        egui::Button::selectable(self.settings.show_outline, "Outline")
                            .shortcut_text(shortcut(ui, &OUTLINE)),
                    )
                    .clicked()
                {
                    commands.push(Command::ToggleOutline);
                }
                ui.separator();
                let entries = [
                    ("Bigger Text", BIGGER, Command::FontBigger),
                    ("Smaller Text", SMALLER, Command::FontSmaller),
                    ("Actual Size", RESET, Command::FontReset),
                ];
                for (label, key, command) in entries {
                    if ui
                        .add(egui::Button::new(label).shortcut_text(shortcut(ui, &key)))
                        .clicked()
                    {
                        commands.push(command);
                    }
                }
                ui.separator();
                ui.label(RichText::new("Line width").weak());
                for width in LineWidth::ALL {
                    if ui
                        .radio(self.settings.line_width == width, width.label())
                        .clicked()
                    {
                        commands.push(Command::SetLineWidth(width));
                    }
                }
                ui.separator();
                ui.label(RichText::new("Theme").weak());
                for theme in ThemeChoice::ALL {
                    if ui
                        .radio(self.settings.theme == theme, theme.label())
                        .clicked()
                    {
                        commands.push(Command::SetTheme(theme));
                    }
                }
            });
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let label = if self.settings.show_panel {
                    "Hide Annotations"
                } else {
                    "Annotations"
                };
                if ui
                    .selectable_label(self.settings.show_panel, label)
                    .on_hover_text("Show or hide the annotations panel (F9)")
                    .clicked()
                {
                    commands.push(Command::TogglePanel);
                }
            });
        });
    }

    fn recent_menu_ui(&self, ui: &mut Ui, commands: &mut Vec<Command>) {
        if self.settings.recent.is_empty() {
            ui.label(RichText::new("No recent files").weak());
            return;
        }
        for recent in &self.settings.recent {
            let exists = recent.path.exists();
            ui.horizontal(|ui| {
                let label = if exists {
                    recent.title.clone()
                } else {
                    format!("{} (missing)", recent.title)
                };
                let button = ui
                    .add_enabled(exists, egui::Button::new(label))
                    .on_hover_text(recent.path.display().to_string())
                    .on_disabled_hover_text(format!(
                        "{} is no longer there",
                        recent.path.display()
                    ));
                if button.clicked() {
                    commands.push(Command::Open(recent.path.clone()));
                }
                if ui
                    .small_button("Remove")
                    .on_hover_text("Remove from this list")
                    .clicked()
                {
                    commands.push(Command::RemoveRecent(recent.path.clone()));
                }
            });
        }
        ui.separator();
        if ui.button("Clear List").clicked() {
            commands.push(Command::ClearRecent);
        }
    }

    fn banner_ui(&self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let Some(banner) = &self.banner else {
            return;
        };
        let dark = self.settings.theme.palette().dark;
        let (fill, text) = if dark {
            (
                Color32::from_rgb(0x5C, 0x1F, 0x1F),
                Color32::from_rgb(0xFF, 0xDA, 0xD6),
            )
        } else {
            (
                Color32::from_rgb(0xFD, 0xE2, 0xDF),
                Color32::from_rgb(0x7A, 0x12, 0x0C),
            )
        };
        egui::Frame::new()
            .fill(fill)
            .inner_margin(egui::Margin::symmetric(12, 8))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.button("Dismiss").clicked() {
                        commands.push(Command::DismissBanner);
                    }
                    for (label, command) in banner.actions.iter().rev() {
                        if ui.button(label).clicked() {
                            commands.push(command.clone());
                        }
                    }
                    ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                        ui.add(egui::Label::new(RichText::new(&banner.message).color(text)).wrap());
                    });
                });
            });
    }

    fn find_bar_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let Some(find) = &mut self.find else {
            return;
        };
        ui.horizontal(|ui| {
            ui.label("Find");
            let response = ui.add(
                egui::TextEdit::singleline(&mut find.query)
                    .desired_width(280.0)
                    .hint_text("Text in the article"),
            );
            if find.focus {
                response.request_focus();
                find.focus = false;
            }
            if response.changed() {
                commands.push(Command::SetFindQuery(find.query.clone()));
            }
            // Enter leaves a single-line field: keep typing in it.
            if response.lost_focus() {
                let (enter, shift, command_key, escape) = ui.input(|i| {
                    (
                        i.key_pressed(Key::Enter),
                        i.modifiers.shift,
                        i.modifiers.command,
                        i.key_pressed(Key::Escape),
                    )
                });
                if escape {
                    commands.push(Command::CloseFind);
                } else if enter {
                    commands.push(if command_key {
                        Command::HighlightFindMatch
                    } else if shift {
                        Command::FindPrevious
                    } else {
                        Command::FindNext
                    });
                    find.focus = true;
                }
            }
            let count = if find.query.trim().is_empty() {
                String::new()
            } else if find.matches.is_empty() {
                "No matches".to_owned()
            } else {
                let more = if find.matches.len() >= MAX_MATCHES {
                    "+"
                } else {
                    ""
                };
                format!("{} of {}{more}", find.current + 1, find.matches.len())
            };
            ui.label(count);
            if ui.button("Previous").on_hover_text("Shift+Enter").clicked() {
                commands.push(Command::FindPrevious);
            }
            if ui.button("Next").on_hover_text("Enter").clicked() {
                commands.push(Command::FindNext);
            }
            if ui
                .button("Highlight match")
                .on_hover_text("Ctrl+Enter")
                .clicked()
            {
                commands.push(Command::HighlightFindMatch);
            }
            if ui.button("Close").on_hover_text("Escape").clicked() {
                commands.push(Command::CloseFind);
            }
        });
    }

    fn status_bar_ui(&self, ui: &mut Ui) {
        let Some(open) = &self.open else {
            return;
        };
        let small = |text: String| RichText::new(text).size(12.0).weak();
        ui.horizontal(|ui| {
            let (name, full) = match open.path() {
                Some(path) => (
                    path.file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
                    path.display().to_string(),
                ),
                None => (
                    "Sample article".to_owned(),
                    "The sample article bundled with Marginalia".to_owned(),
                ),
            };
            ui.label(small(name)).on_hover_text(full);
            ui.separator();
            let (count, orphans) = open.counts();
            let mut summary = match count {
                0 => "No highlights yet".to_owned(),
                1 => "1 highlight".to_owned(),
                n => format!("{n} highlights"),
            };
            if orphans > 0 {
                summary.push_str(&format!(" ({orphans} not found in the text)"));
            }
            ui.label(small(summary));
            let file = open.annotations_file();
            let kept = file
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            ui.label(small(format!("kept in {kept}")))
                .on_hover_text(format!("Annotations are kept in {}", file.display()));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let chars = open.document().char_count().max(1);
                let percent = self.reader.top_char() * 100 / chars;
                ui.label(small(format!("{percent}%")));
                ui.separator();
                let state = match open.save_state() {
                    SaveState::Saved => "Saved".to_owned(),
                    SaveState::Unsaved => "Unsaved changes".to_owned(),
                    SaveState::Saving => "Saving…".to_owned(),
                    SaveState::Failed(error) => format!("Not saved: {error}"),
                    SaveState::ReadOnly => "Read-only".to_owned(),
                };
                ui.label(small(state));
                if let Some(selection) = self.reader.selection().filter(|s| !s.is_empty()) {
                    ui.separator();
                    let length = selection.range().len();
                    ui.label(small(format!("{length} characters selected")));
                }
            });
        });
    }

    /// The small bar of colours beside a selection: one click highlights.
    fn selection_bar_ui(&self, ctx: &egui::Context, at: egui::Rect, commands: &mut Vec<Command>) {
        let palette = self.settings.theme.palette();
        egui::Area::new(egui::Id::unique("selection_bar"))
            .order(egui::Order::Foreground)
            .fixed_pos(at.left_bottom() + egui::vec2(-8.0, 6.0))
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.horizontal(|ui| {
                        if let Some(color) = color_buttons_ui(ui, &palette, None) {
                            commands.push(Command::HighlightSelectionIn(color));
                        }
                    });
                });
            });
    }

    fn drop_overlay_ui(&self, ctx: &egui::Context) {
        let hovered = ctx.input(|i| i.raw.hovered_files.first().cloned());
        let Some(file) = hovered else {
            return;
        };
        let painter = ctx.layer_painter(egui::LayerId::new(
            egui::Order::Foreground,
            egui::Id::unique("drop_overlay"),
        ));
        let screen = ctx.content_rect();
        painter.rect_filled(screen, 0.0, Color32::from_black_alpha(200));
        painter.rect_stroke(
            screen.shrink(16.0),
            12.0,
            egui::Stroke::new(3.0, Color32::from_white_alpha(200)),
            egui::StrokeKind::Inside,
        );
        let name = file
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned());
        let message = match name {
            Some(name) => format!("Drop to open {name}"),
            None => "Drop to open the article".to_owned(),
        };
        let galley =
            painter.layout_no_wrap(message, egui::FontId::proportional(26.0), Color32::WHITE);
        let card =
            egui::Rect::from_center_size(screen.center(), galley.size() + egui::vec2(48.0, 32.0));
        painter.rect_filled(card, 10.0, Color32::from_gray(30));
        painter.galley(card.center() - galley.size() / 2.0, galley, Color32::WHITE);
    }

    fn update_window_title(&mut self, ctx: &egui::Context) {
        let title = match &self.open {
            Some(open) => format!("{} — Marginalia", open.document().display_title()),
            None => "Marginalia".to_owned(),
        };
        if title != self.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
    }

    /// The annotations under a char offset.
    fn annotations_at(&self, at: usize) -> Vec<Uuid> {
        self.annotations().map_or_else(Vec::new, |store| {
            store
                .annotations()
                .into_iter()
                .filter(|(_, r)| r.range.as_ref().is_some_and(|r| r.contains(&at)))
                .map(|(a, _)| a.id)
                .collect()
        })
    }

    fn choice_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let Some((at, ids, opened)) = &self.choice else {
            return;
        };
        let Some(store) = self.annotations() else {
            return;
        };
        let palette = self.settings.theme.palette();
        let mut close = false;
        let area = egui::Area::new(egui::Id::unique("overlap_choice"))
            .order(egui::Order::Foreground)
            .fixed_pos(*at)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.label(RichText::new("Highlights here").weak());
                    for id in ids {
                        let Some(annotation) = store.get(*id) else {
                            continue;
                        };
                        let quote: String = annotation.anchor.exact.chars().take(48).collect();
                        let text =
                            RichText::new(format!("\u{201C}{quote}…\u{201D}")).background_color(
                                super::theme::highlight_paint(annotation.color, &palette, false),
                            );
                        if ui.button(text).clicked() {
                            commands.push(Command::SelectAnnotation(Some(*id)));
                            close = true;
                        }
                    }
                });
            });
        let clicked_elsewhere = ctx.input(|i| i.pointer.any_click())
            && !area.response.contains_pointer()
            && ctx.cumulative_pass_nr() > *opened;
        if close || clicked_elsewhere || ctx.input(|i| i.key_pressed(Key::Escape)) {
            self.choice = None;
        }
    }
}

/// “Quote” — Title, source (file): to paste into notes or a document.
fn quote_with_citation(session: &DocumentSession, id: Uuid) -> Option<String> {
    let annotation = session.store().get(id)?;
    let document = session.document();
    let mut citation = vec![document.display_title()];
    if let Some(byline) = &document.metadata.byline {
        citation.push(byline.clone());
    }
    if let Some(source) = &document.metadata.source {
        citation.push(source.clone());
    }
    if let Some(date) = &document.metadata.date {
        citation.push(date.clone());
    }
    if let Some(name) = session.path().and_then(Path::file_name) {
        citation.push(name.to_string_lossy().into_owned());
    }
    Some(format!(
        "\u{201C}{}\u{201D}\n\u{2014} {}",
        annotation.anchor.exact.trim(),
        citation.join(", ")
    ))
}

impl eframe::App for MarginaliaApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if self.applied_theme != Some(self.settings.theme) {
            self.settings.theme.apply(&ctx);
            self.applied_theme = Some(self.settings.theme);
            // This frame's root Ui was made with the old style.
            ui.set_style(ctx.global_style());
        }
        let mut commands = self.shortcuts(ui);
        self.poll_dialog();
        if let Some(open) = &mut self.open {
            let outcome = open.tick(&ctx, self.reader.top_char());
            if let Some(position) = outcome.reloaded_at {
                self.reader.reset(position);
            }
            if !outcome.problems.is_empty() {
                self.set_store_banner(outcome.problems.join("\n"));
            }
        }
        if let Some((_, at)) = self.flash
            && at.elapsed() >= FLASH
        {
            self.flash = None;
        }
        if let Some((_, at)) = self.flash {
            ctx.request_repaint_after(FLASH.saturating_sub(at.elapsed()));
        }

        let theme = self.settings.theme;
        let emphasis = self.flash.map(|(id, _)| id).or(self.selected);
        if let Some(open) = &mut self.open {
            open.refresh_highlights(theme, emphasis);
        }
        egui::Panel::top("menu_bar").show(ui, |ui| self.menu_bar_ui(ui, &mut commands));
        if self.banner.is_some() {
            egui::Panel::top("banner")
                .frame(egui::Frame::new())
                .show(ui, |ui| self.banner_ui(ui, &mut commands));
        }
        if self.find.is_some() {
            egui::Panel::top("find_bar").show(ui, |ui| self.find_bar_ui(ui, &mut commands));
        }
        egui::Panel::bottom("status_bar").show(ui, |ui| self.status_bar_ui(ui));
        let palette = self.settings.theme.palette();
        if self.settings.show_panel
            && let Some(open) = &self.open
        {
            egui::Panel::right("annotations_panel")
                .resizable(true)
                .default_size(340.0)
                .size_range(240.0..=640.0)
                .show(ui, |ui| {
                    panel_ui(
                        ui,
                        open,
                        &mut self.panel,
                        self.selected,
                        &palette,
                        &mut commands,
                    );
                });
        }
        if self.settings.show_outline
            && let Some(open) = &self.open
        {
            let position = self.reader.top_char();
            egui::Panel::left("outline_panel")
                .resizable(true)
                .default_size(260.0)
                .size_range(160.0..=480.0)
                .show(ui, |ui| {
                    super::outline::outline_ui(
                        ui,
                        open.outline(),
                        position,
                        &palette,
                        &mut commands,
                    );
                });
        }
        let style = self.reader_style();
        if let Some(find) = &mut self.find {
            find.refresh_paint(style.palette.dark);
        }
        let matches: &[ReaderHighlight] = self.find.as_ref().map_or(&[], |f| &f.painted);
        let mut reader_output = None;
        egui::CentralPanel::default()
            .frame(egui::Frame::new().fill(style.palette.page))
            .show(ui, |ui| match &self.open {
                Some(open) => {
                    reader_output = Some(self.reader.ui(
                        ui,
                        open.document(),
                        &style,
                        open.highlights(),
                        matches,
                    ));
                }
                None => {
                    ui.centered_and_justified(|ui| {
                        ui.label(
                            "Open an article with File ▸ Open… (Ctrl+O), or drop a file here.",
                        );
                    });
                }
            });
        if let Some(output) = reader_output {
            self.reader_output(&ctx, output, &mut commands);
        }
        self.choice_ui(&ctx, &mut commands);
        self.drop_overlay_ui(&ctx);

        for command in commands {
            self.apply(command);
        }
        if ctx.input(|i| !i.raw.hovered_files.is_empty() || !i.raw.dropped_files.is_empty()) {
            ctx.request_repaint();
        }
        self.update_window_title(&ctx);
        if self.report_startup && self.reader.has_painted() {
            self.report_startup = false;
            eprintln!(
                "marginalia: first frame with the document laid out {:.1} ms after the app was created",
                self.created.elapsed().as_secs_f64() * 1000.0
            );
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.remember_position();
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }

    fn on_exit(&mut self) {
        // Whatever is not on disk yet is saved before the window goes.
        if let Some(session) = &mut self.open
            && let Err(error) = session.flush()
        {
            eprintln!("marginalia: annotations not saved: {error}");
        }
    }
}

impl MarginaliaApp {
    /// Clicks on highlights, the context menu and the selection bar.
    fn reader_output(
        &mut self,
        ctx: &egui::Context,
        output: super::reader::ReaderOutput,
        commands: &mut Vec<Command>,
    ) {
        let has_selection = self.reader.selection().is_some_and(|s| !s.is_empty());
        let link = output
            .clicked_at
            .and_then(|at| self.document().and_then(|d| d.link_at(at)))
            .map(str::to_owned);
        if let Some(target) = link {
            // Web and mail links open in the browser; others have nowhere to go.
            if ["http://", "https://", "mailto:"]
                .iter()
                .any(|scheme| target.starts_with(scheme))
            {
                ctx.open_url(egui::OpenUrl::new_tab(target));
            }
        } else if let Some(at) = output.clicked_at {
            let under = self.annotations_at(at);
            match under.len() {
                0 => commands.push(Command::SelectAnnotation(None)),
                1 => commands.push(Command::SelectAnnotation(Some(under[0]))),
                _ => {
                    let pos = output.response.interact_pointer_pos().unwrap_or_default();
                    self.choice =
                        Some((pos + egui::vec2(8.0, 8.0), under, ctx.cumulative_pass_nr()));
                }
            }
        }
        let right_clicked = output
            .secondary_clicked_at
            .map(|at| self.annotations_at(at));
        if let Some(under) = right_clicked {
            ctx.data_mut(|d| d.insert_temp(egui::Id::unique("context_annotations"), under));
        }
        let palette = self.settings.theme.palette();
        output.response.context_menu(|ui| {
            let under: Vec<Uuid> = ui
                .ctx()
                .data(|d| d.get_temp(egui::Id::unique("context_annotations")))
                .unwrap_or_default();
            if has_selection {
                if ui
                    .add(egui::Button::new("Highlight").shortcut_text("H"))
                    .clicked()
                {
                    commands.push(Command::HighlightSelection);
                    ui.close();
                }
                ui.horizontal(|ui| {
                    if let Some(color) = color_buttons_ui(ui, &palette, None) {
                        commands.push(Command::HighlightSelectionIn(color));
                        ui.close();
                    }
                });
                if ui.button("Copy").clicked() {
                    if let Some(text) = self.document().and_then(|d| self.reader.selected_text(d)) {
                        ui.ctx().copy_text(text);
                    }
                    ui.close();
                }
            }
            for id in under {
                let Some(annotation) = self.annotations().and_then(|s| s.get(id)) else {
                    continue;
                };
                ui.separator();
                let quote: String = annotation.anchor.exact.chars().take(40).collect();
                ui.label(RichText::new(format!("\u{201C}{quote}…\u{201D}")).weak());
                if ui.button("Edit note and tags").clicked() {
                    commands.push(Command::SelectAnnotation(Some(id)));
                    ui.close();
                }
                ui.horizontal(|ui| {
                    if let Some(color) = color_buttons_ui(ui, &palette, Some(annotation.color)) {
                        commands.push(Command::Recolor(id, color));
                        ui.close();
                    }
                });
                if ui.button("Copy as quote").clicked() {
                    commands.push(Command::CopyQuote(id));
                    ui.close();
                }
                if ui.button("Delete highlight").clicked() {
                    commands.push(Command::DeleteAnnotation(id));
                    ui.close();
                }
            }
        });
        if has_selection && let Some(at) = output.selection_end {
            self.selection_bar_ui(ctx, at, commands);
        }
    }
}
