//! The window's chrome: the menu bar (drawn from the command table) and
//! the status bar. It owns no state: it draws what it is handed.

use std::path::Path;

use eframe::egui::{self, RichText, Ui};

use crate::document::{OutlineEntry, current_entry};

use crate::library::LibraryExportFormat;

use super::command::{Command, Situation};
use super::keymap::tooltip;
use super::reader::Reader;
use super::reading_pace::{ReadingPace, time_to_read};
use super::session::{DocumentSession, SaveState};
use super::settings::Settings;
use super::text_menu::text_menu_ui;
use super::theme::ThemeChoice;
use super::view_context::ViewContext;
use super::widgets::{command_button_ui, command_menu_item_ui, command_toggle_ui};
use super::workspace::file_name;

/// What the menus show as on or off, beyond the settings.
pub(super) struct Shown<'a> {
    pub(super) library: bool,
    pub(super) shortcuts: bool,
    pub(super) about: bool,
    /// The font families installed on the computer, once listed.
    pub(super) installed_faces: Option<&'a [String]>,
}

/// What the status bar says, beyond the open article.
pub(super) struct StatusLine<'a> {
    /// The file being opened.
    pub(super) opening: Option<&'a Path>,
    pub(super) reader: &'a Reader,
    /// News said for a moment.
    pub(super) note: Option<&'a str>,
    /// How fast the reader reads, for the time left.
    pub(super) pace: &'a ReadingPace,
    /// Where the original page shown starts, when it is shown: the page,
    /// section and time left are said from there.
    pub(super) original_page_char: Option<usize>,
}

/// The menu bar across the top.
pub(super) fn menu_bar_ui(
    ui: &mut Ui,
    view: &ViewContext,
    shown: &Shown,
    commands: &mut Vec<Command>,
) {
    let (settings, now) = (view.settings, &view.now);
    egui::Panel::top("menu_bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                file_menu_ui(ui, settings, shown, now, commands)
            });
            ui.menu_button("Edit", |ui| edit_menu_ui(ui, now, commands));
            ui.menu_button("View", |ui| {
                view_menu_ui(ui, settings, shown, now, commands)
            });
            ui.menu_button("Help", |ui| {
                command_toggle_ui(ui, shown.shortcuts, Command::ToggleShortcuts, commands);
                ui.separator();
                command_toggle_ui(ui, shown.about, Command::ToggleAbout, commands);
            });
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                panel_toggle_ui(ui, settings.show_panel, commands);
            });
        });
    });
}

/// "Annotations" at the menu bar's right end.
fn panel_toggle_ui(ui: &mut Ui, panel_shown: bool, commands: &mut Vec<Command>) {
    let label = if panel_shown {
        "Hide Annotations"
    } else {
        "Annotations"
    };
    let toggle = Command::TogglePanel;
    if ui
        .selectable_label(panel_shown, label)
        .on_hover_text(tooltip(ui.ctx(), &toggle))
        .clicked()
    {
        commands.push(toggle);
    }
}

fn file_menu_ui(
    ui: &mut Ui,
    settings: &Settings,
    shown: &Shown,
    now: &Situation,
    commands: &mut Vec<Command>,
) {
    command_menu_item_ui(ui, Command::ShowOpenDialog, now, commands);
    ui.menu_button("Open Recent", |ui| {
        recent_menu_ui(ui, settings, now, commands)
    });
    ui.separator();
    command_toggle_ui(ui, shown.library, Command::ToggleLibrary, commands);
    command_menu_item_ui(ui, Command::ShowLibraryFolders, now, commands);
    ui.separator();
    command_menu_item_ui(ui, Command::ShowExportDialog, now, commands);
    command_menu_item_ui(ui, Command::ShowExportArticleDialog, now, commands);
    command_menu_item_ui(ui, Command::ShowImportDialog, now, commands);
    ui.menu_button("Export Library", |ui| {
        for format in [LibraryExportFormat::Markdown, LibraryExportFormat::W3c] {
            command_menu_item_ui(ui, Command::ShowExportLibraryDialog(format), now, commands);
        }
    });
    ui.separator();
    command_menu_item_ui(ui, Command::Quit, now, commands);
}

fn recent_menu_ui(ui: &mut Ui, settings: &Settings, now: &Situation, commands: &mut Vec<Command>) {
    if settings.recent.is_empty() {
        ui.label(RichText::new("No recent files").weak());
        return;
    }
    for recent in &settings.recent {
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
                .on_disabled_hover_text(format!("{} is no longer there", recent.path.display()));
            if button.clicked() {
                commands.push(Command::Open(recent.path.clone()));
            }
            let remove = Command::RemoveRecent(recent.path.clone());
            if ui
                .small_button(remove.info().label)
                .on_hover_text(remove.info().tooltip)
                .clicked()
            {
                commands.push(remove);
            }
        });
    }
    ui.separator();
    command_button_ui(ui, Command::ClearRecent, now, commands);
}

fn view_menu_ui(
    ui: &mut Ui,
    settings: &Settings,
    shown: &Shown,
    now: &Situation,
    commands: &mut Vec<Command>,
) {
    command_toggle_ui(ui, settings.show_panel, Command::TogglePanel, commands);
    command_toggle_ui(ui, settings.show_outline, Command::ToggleOutline, commands);
    if now.has_pages {
        let shown = now.original_page_shown;
        command_toggle_ui(ui, shown, Command::ToggleOriginalPage, commands);
    }
    ui.separator();
    for command in [
        Command::FontBigger,
        Command::FontSmaller,
        Command::FontReset,
    ] {
        command_menu_item_ui(ui, command, now, commands);
    }
    ui.separator();
    ui.menu_button("Text", |ui| {
        text_menu_ui(ui, settings, shown.installed_faces, commands)
    });
    ui.separator();
    let themes = ThemeChoice::ALL.map(|theme| (settings.theme == theme, Command::SetTheme(theme)));
    radio_group_ui(ui, "Theme", themes, commands);
}

/// A title, then a radio button for each (chosen, command).
pub(super) fn radio_group_ui(
    ui: &mut Ui,
    title: &str,
    choices: impl IntoIterator<Item = (bool, Command)>,
    commands: &mut Vec<Command>,
) {
    ui.label(RichText::new(title).weak());
    for (chosen, command) in choices {
        radio_ui(ui, chosen, command, commands);
    }
}

fn small(text: String) -> RichText {
    RichText::new(text).size(12.0).weak()
}

/// The status bar across the bottom.
pub(super) fn status_bar_ui(ui: &mut Ui, open: Option<&DocumentSession>, status: &StatusLine) {
    egui::Panel::bottom("status_bar").show(ui, |ui| {
        if let Some(path) = status.opening {
            // A big file (or a slow disk): say what is happening.
            let name = file_name(path);
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(small(format!("Opening {name}…")));
            });
        }
        let Some(open) = open else {
            return;
        };
        // The right-hand items first; the file's own ones are cut short,
        // never drawn over them, when the window is narrow.
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            where_in_the_text_ui(ui, open, status);
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                about_the_file_ui(ui, open);
            });
        });
    });
}

/// Right to left: how far read, the section, the save state, the note,
/// the selection's length.
fn where_in_the_text_ui(ui: &mut Ui, open: &DocumentSession, status: &StatusLine) {
    let reader = status.reader;
    let percent = reader.progress(open.document()) * 100.0;
    // A long book moves a tenth of a percent a page: show it.
    let percent = if percent < 10.0 {
        format!("{:.1}%", (percent * 10.0).floor() / 10.0)
    } else {
        format!("{}%", percent.floor())
    };
    ui.label(small(percent))
        .on_hover_text("How much of the text is above the bottom of the window");
    let document = open.document();
    let position = status.original_page_char.unwrap_or(reader.top_char());
    if let Some(page) = document.page_at(position) {
        let pages = document.pages().len();
        ui.label(small(format!("p. {} of {pages}", page.label)))
            .on_hover_text("The page of the original the top of the window is on");
    }
    if let Some(section) = current_section(open.outline(), position) {
        ui.label(small(section));
    }
    time_left_ui(ui, open, position, status.pace);
    ui.separator();
    ui.label(small(save_state_text(&open.save_state())));
    if let Some(note) = status.note {
        ui.separator();
        ui.label(RichText::new(note).size(12.0));
    }
    if let Some(selection) = reader.selection().filter(|s| !s.is_empty()) {
        ui.separator();
        let length = selection.range().len();
        ui.label(small(format!("{length} characters selected")));
    }
}

/// Left to right: the file's name, its highlights, where they are kept.
fn about_the_file_ui(ui: &mut Ui, open: &DocumentSession) {
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
    // A label is cut short with "…"; with no room at all, left out.
    let fits = |ui: &Ui| ui.available_width() > 30.0;
    ui.add(egui::Label::new(small(name)).truncate())
        .on_hover_text(full);
    if fits(ui) {
        ui.separator();
        ui.add(egui::Label::new(small(highlight_count_text(open.counts()))).truncate());
    }
    if fits(ui) {
        let file = open.annotations_file();
        let kept = kept_where(file, open.path());
        ui.add(egui::Label::new(small(format!("kept in {kept}"))).truncate())
            .on_hover_text(format!("Annotations are kept in {}", file.display()));
    }
}

fn edit_menu_ui(ui: &mut Ui, now: &Situation, commands: &mut Vec<Command>) {
    command_menu_item_ui(ui, Command::Undo, now, commands);
    command_menu_item_ui(ui, Command::Redo, now, commands);
    ui.separator();
    command_menu_item_ui(ui, Command::HighlightSelection, now, commands);
    command_menu_item_ui(ui, Command::ShowFind, now, commands);
    command_menu_item_ui(ui, Command::ShowGoToPage, now, commands);
    ui.separator();
    command_menu_item_ui(ui, Command::NextHighlight, now, commands);
    command_menu_item_ui(ui, Command::PreviousHighlight, now, commands);
}

fn radio_ui(ui: &mut Ui, selected: bool, command: Command, commands: &mut Vec<Command>) {
    if ui.radio(selected, command.info().label).clicked() {
        commands.push(command);
    }
}

/// "3 highlights (1 not found in the text)".
fn highlight_count_text((count, orphans): (usize, usize)) -> String {
    let mut summary = match count {
        0 => "No highlights yet".to_owned(),
        1 => "1 highlight".to_owned(),
        n => format!("{n} highlights"),
    };
    if orphans > 0 {
        summary.push_str(&format!(" ({orphans} not found in the text)"));
    }
    summary
}

fn save_state_text(state: &SaveState) -> String {
    match state {
        SaveState::Saved => "Saved".to_owned(),
        SaveState::Unsaved => "Unsaved changes".to_owned(),
        SaveState::Saving => "Saving…".to_owned(),
        SaveState::Failed(error) => format!("Not saved: {error}"),
        SaveState::ReadOnly => "Read-only".to_owned(),
    }
}

/// "12 min left in section" (or in the article, without sections), at the
/// reader's measured pace; the article's time left on hover.
fn time_left_ui(ui: &mut Ui, open: &DocumentSession, top_char: usize, pace: &ReadingPace) {
    let outline = open.outline();
    let total = open.document().char_count();
    let per_minute = pace.chars_per_minute();
    let in_article = time_to_read(total.saturating_sub(top_char), per_minute);
    let section_end = current_entry(outline, top_char)
        .filter(|&i| outline[i].level > 0)
        .map(|i| outline.get(i + 1).map_or(total, |next| next.start_char));
    let said = match section_end {
        Some(end) => format!(
            "{} left in section",
            time_to_read(end.saturating_sub(top_char), per_minute)
        ),
        None => format!("{in_article} left"),
    };
    let whose = if pace.is_measured() {
        "your pace"
    } else {
        "a common pace"
    };
    let words = (per_minute / 5.4).round();
    ui.label(small(said)).on_hover_text(format!(
        "{in_article} left in the article, at {whose}: about {words} words a minute"
    ));
}

/// The heading of the section the reader is in (a chapter of a book), short.
fn current_section(outline: &[OutlineEntry], top_char: usize) -> Option<String> {
    const MAX_CHARS: usize = 40;
    let entry = &outline[current_entry(outline, top_char)?];
    if entry.level == 0 {
        return None; // The title: the window's title says it.
    }
    let text = entry.text.trim();
    Some(if text.chars().count() > MAX_CHARS {
        let cut: String = text.chars().take(MAX_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    } else {
        text.to_owned()
    })
}

/// Where annotations are kept, for the status bar: the file's name when it
/// is beside the article, else the folder that holds it (`~` for home).
fn kept_where(file: &std::path::Path, article: Option<&std::path::Path>) -> String {
    let folder = file.parent();
    if folder.is_some() && folder == article.and_then(std::path::Path::parent) {
        return file
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    }
    let Some(folder) = folder else {
        return file.display().to_string();
    };
    let home = std::env::var_os("HOME").map(std::path::PathBuf::from);
    match home
        .as_deref()
        .and_then(|home| folder.strip_prefix(home).ok())
    {
        Some(inside) => format!("~/{}", inside.display()),
        None => folder.display().to_string(),
    }
}
