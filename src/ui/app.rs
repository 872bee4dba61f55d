//! The eframe app: menus, the open paths (dialog, command line, drop,
//! recent files), the error banner and the reader.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Instant;

use eframe::egui::{self, Color32, Key, KeyboardShortcut, Modifiers, RichText, Ui};

use crate::annotate::HighlightColor;
use crate::document::Document;
use crate::import::ARTICLE_EXTENSIONS;
use crate::store::AnnotationStore;

use super::reader::{Reader, ReaderStyle};
use super::session::{DocumentSession, SaveState};
use super::settings::{LineWidth, Settings};
use super::theme::{ThemeChoice, install_fonts};

/// The sample article, shown when Marginalia starts without a file.
pub const SAMPLE_ARTICLE: &str = include_str!("../../assets/kerry-lavrov-meeting.txt");
pub const SAMPLE_FILE_NAME: &str = "kerry-lavrov-meeting.txt";

const SETTINGS_KEY: &str = "marginalia-settings";

/// What to show when the window opens.
#[derive(Clone, Debug)]
pub enum StartWith {
    Sample,
    File(PathBuf),
}

/// Everything the user can ask the app to do; menus and keys produce these.
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
    /// Highlight the selection.
    HighlightSelection,
    DismissBanner,
    Quit,
}

const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
const QUIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);
const BIGGER: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Equals);
const BIGGER_PLUS: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Plus);
const SMALLER: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Minus);
const RESET: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Num0);
const HIGHLIGHT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::H);

pub struct MarginaliaApp {
    settings: Settings,
    open: Option<DocumentSession>,
    ctx: egui::Context,
    reader: Reader,
    banner: Option<String>,
    open_dialog: Option<mpsc::Receiver<Option<PathBuf>>>,
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
            open_dialog: None,
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
        self.banner.as_deref()
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

    fn open_sample(&mut self) {
        match DocumentSession::sample(SAMPLE_ARTICLE, SAMPLE_FILE_NAME) {
            Ok(session) => {
                self.banner = session.store_problem();
                self.show(session, 0);
            }
            Err(error) => self.banner = Some(error.to_string()),
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
        if let Some(mut session) = self.open.take()
            && let Err(error) = session.flush()
        {
            self.banner = Some(error.to_string());
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
            Command::ShowOpenDialog => {} // Needs a Context: see `show_open_dialog`.
            Command::Open(path) => {
                let path = std::fs::canonicalize(&path).unwrap_or(path);
                match DocumentSession::open(&path, Some(&self.ctx)) {
                    Ok((session, problems)) => {
                        let position = self.settings.position_of(&path).unwrap_or(0);
                        self.show(session, position);
                        self.banner = (!problems.is_empty()).then(|| problems.join("\n"));
                    }
                    Err(error) => self.banner = Some(error.to_string()),
                }
            }
            Command::HighlightSelection => {
                let selection = self.reader.selection().map(|s| s.range());
                if let (Some(session), Some(range)) = (&mut self.open, selection)
                    && session
                        .add_highlight(range, HighlightColor::Yellow)
                        .is_some()
                {
                    self.reader.set_selection(None);
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
            Command::DismissBanner => self.banner = None,
            Command::Quit => {}
        }
    }

    fn show_open_dialog(&mut self, ctx: &egui::Context) {
        if self.open_dialog.is_some() {
            return; // One dialog at a time.
        }
        let (sender, receiver) = mpsc::channel();
        let ctx = ctx.clone();
        let start_dir = self
            .document_path()
            .and_then(Path::parent)
            .map(Path::to_path_buf);
        // The native dialog runs off the UI thread: the window keeps painting.
        std::thread::spawn(move || {
            let mut dialog = rfd::FileDialog::new()
                .set_title("Open article")
                .add_filter("Articles", ARTICLE_EXTENSIONS)
                .add_filter("All files", &["*"]);
            if let Some(dir) = start_dir {
                dialog = dialog.set_directory(dir);
            }
            let picked = dialog.pick_file();
            // The receiver is gone only if the app has closed.
            let _ = sender.send(picked);
            ctx.request_repaint();
        });
        self.open_dialog = Some(receiver);
    }

    fn poll_open_dialog(&mut self) -> Option<Command> {
        let receiver = self.open_dialog.as_ref()?;
        match receiver.try_recv() {
            Ok(picked) => {
                self.open_dialog = None;
                picked.map(Command::Open)
            }
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => {
                self.open_dialog = None;
                self.banner = Some("The open dialog closed unexpectedly.".to_owned());
                None
            }
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
        ui.input_mut(|i| {
            for (shortcut, command) in [
                (OPEN, Command::ShowOpenDialog),
                (QUIT, Command::Quit),
                (BIGGER, Command::FontBigger),
                (BIGGER_PLUS, Command::FontBigger),
                (SMALLER, Command::FontSmaller),
                (RESET, Command::FontReset),
                (HIGHLIGHT, Command::HighlightSelection),
            ] {
                if i.consume_shortcut(&shortcut) {
                    commands.push(command);
                }
            }
            // Several files dropped at once: the first one opens.
            if let Some(file) = i.raw.dropped_files.first() {
                commands.push(Command::Open(file.path().to_path_buf()));
            }
        });
        commands
    }

    fn menu_bar_ui(&self, ui: &mut Ui, commands: &mut Vec<Command>) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                let open =
                    egui::Button::new("Open…").shortcut_text(ui.ctx().format_shortcut(&OPEN));
                if ui.add(open).clicked() {
                    commands.push(Command::ShowOpenDialog);
                }
                ui.menu_button("Open Recent", |ui| self.recent_menu_ui(ui, commands));
                ui.separator();
                let quit = egui::Button::new("Quit").shortcut_text(ui.ctx().format_shortcut(&QUIT));
                if ui.add(quit).clicked() {
                    commands.push(Command::Quit);
                }
            });
            ui.menu_button("View", |ui| {
                let entries = [
                    ("Bigger Text", BIGGER, Command::FontBigger),
                    ("Smaller Text", SMALLER, Command::FontSmaller),
                    ("Actual Size", RESET, Command::FontReset),
                ];
                for (label, shortcut, command) in entries {
                    let button =
                        egui::Button::new(label).shortcut_text(ui.ctx().format_shortcut(&shortcut));
                    if ui.add(button).clicked() {
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
        let Some(message) = &self.banner else {
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
                    ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                        ui.add(egui::Label::new(RichText::new(message).color(text)).wrap());
                    });
                });
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
        commands.extend(self.poll_open_dialog());
        if let Some(open) = &mut self.open {
            let outcome = open.tick(&ctx, self.reader.top_char());
            if let Some(position) = outcome.reloaded_at {
                self.reader.reset(position);
            }
            if !outcome.problems.is_empty() {
                self.banner = Some(outcome.problems.join("\n"));
            }
        }

        egui::Panel::top("menu_bar").show(ui, |ui| self.menu_bar_ui(ui, &mut commands));
        if self.banner.is_some() {
            egui::Panel::top("banner")
                .frame(egui::Frame::new())
                .show(ui, |ui| self.banner_ui(ui, &mut commands));
        }
        egui::Panel::bottom("status_bar").show(ui, |ui| self.status_bar_ui(ui));
        let style = self.reader_style();
        let theme = self.settings.theme;
        egui::CentralPanel::default()
            .frame(egui::Frame::new().fill(style.palette.page))
            .show(ui, |ui| match &mut self.open {
                Some(open) => {
                    open.refresh_highlights(theme);
                    self.reader
                        .ui(ui, open.document(), &style, open.highlights());
                }
                None => {
                    ui.centered_and_justified(|ui| {
                        ui.label(
                            "Open an article with File ▸ Open… (Ctrl+O), or drop a file here.",
                        );
                    });
                }
            });
        self.drop_overlay_ui(&ctx);

        for command in commands {
            match command {
                Command::ShowOpenDialog => self.show_open_dialog(&ctx),
                Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
                other => self.apply(other),
            }
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
