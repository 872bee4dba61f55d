//! The window's chrome: the menu bar (drawn from the command table), the
//! banner (and what it says), the find bar's place and the status bar.

use eframe::egui::{self, RichText, Ui};

use crate::document::{OutlineEntry, current_entry};

use crate::library::LibraryExportFormat;

use super::app::{Banner, MarginaliaApp};
use super::command::{Command, Situation};
use super::keymap::tooltip;
use super::session::{SaveState, SessionProblem};
use super::settings::LineWidth;
use super::theme::ThemeChoice;
use super::widgets::{command_button_ui, command_menu_item_ui, command_toggle_ui};

impl Banner {
    /// A problem to read.
    pub(super) fn message(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            actions: Vec::new(),
            problem: true,
            about_set_aside_copy: false,
        }
    }

    /// News: something went well, or happened, that the user should know.
    pub(super) fn news(message: impl Into<String>) -> Self {
        Self {
            problem: false,
            ..Self::message(message)
        }
    }

    /// One banner for problems: their messages, and what they offer.
    pub(super) fn problems(problems: &[SessionProblem]) -> Self {
        let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
        let offers = problems.iter().any(SessionProblem::offers_replacement);
        Self {
            message: messages.join("\n"),
            actions: if offers {
                vec![Command::ReplaceUnreadableSidecar]
            } else {
                Vec::new()
            },
            problem: true,
            about_set_aside_copy: false,
        }
    }
}

impl MarginaliaApp {
    pub(super) fn set_banner(&mut self, message: impl Into<String>) {
        self.banner = Some(Banner::message(message));
    }

    pub(super) fn set_news(&mut self, message: impl Into<String>) {
        self.banner = Some(Banner::news(message));
    }

    /// The bars across the top and the bottom.
    pub(super) fn chrome_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let now = self.situation();
        egui::Panel::top("menu_bar").show(ui, |ui| self.menu_bar_ui(ui, &now, commands));
        if self.banner.is_some() {
            egui::Panel::top("banner")
                .frame(egui::Frame::new())
                .show(ui, |ui| self.banner_ui(ui, &now, commands));
        }
        if self.find.is_some() {
            egui::Panel::top("find_bar").show(ui, |ui| self.find_bar_ui(ui, &now, commands));
        }
        egui::Panel::bottom("status_bar").show(ui, |ui| self.status_bar_ui(ui));
    }

    fn menu_bar_ui(&self, ui: &mut Ui, now: &Situation, commands: &mut Vec<Command>) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| self.file_menu_ui(ui, now, commands));
            ui.menu_button("Edit", |ui| edit_menu_ui(ui, now, commands));
            ui.menu_button("View", |ui| self.view_menu_ui(ui, now, commands));
            ui.menu_button("Help", |ui| {
                command_toggle_ui(ui, self.show_shortcuts, Command::ToggleShortcuts, commands);
                ui.separator();
                command_toggle_ui(ui, self.about.is_some(), Command::ToggleAbout, commands);
            });
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let label = if self.settings.show_panel {
                    "Hide Annotations"
                } else {
                    "Annotations"
                };
                let toggle = Command::TogglePanel;
                if ui
                    .selectable_label(self.settings.show_panel, label)
                    .on_hover_text(tooltip(ui.ctx(), &toggle))
                    .clicked()
                {
                    commands.push(toggle);
                }
            });
        });
    }

    fn file_menu_ui(&self, ui: &mut Ui, now: &Situation, commands: &mut Vec<Command>) {
        command_menu_item_ui(ui, Command::ShowOpenDialog, now, commands);
        ui.menu_button("Open Recent", |ui| self.recent_menu_ui(ui, now, commands));
        ui.separator();
        command_toggle_ui(
            ui,
            self.library.is_shown(),
            Command::ToggleLibrary,
            commands,
        );
        command_menu_item_ui(ui, Command::ShowLibraryFolders, now, commands);
        ui.separator();
        command_menu_item_ui(ui, Command::ShowExportDialog, now, commands);
        command_menu_item_ui(ui, Command::ShowImportDialog, now, commands);
        ui.menu_button("Export Library", |ui| {
            for format in [LibraryExportFormat::Markdown, LibraryExportFormat::W3c] {
                command_menu_item_ui(ui, Command::ShowExportLibraryDialog(format), now, commands);
            }
        });
        ui.separator();
        command_menu_item_ui(ui, Command::Quit, now, commands);
    }

    fn recent_menu_ui(&self, ui: &mut Ui, now: &Situation, commands: &mut Vec<Command>) {
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

    fn view_menu_ui(&self, ui: &mut Ui, now: &Situation, commands: &mut Vec<Command>) {
        command_toggle_ui(ui, self.settings.show_panel, Command::TogglePanel, commands);
        command_toggle_ui(
            ui,
            self.settings.show_outline,
            Command::ToggleOutline,
            commands,
        );
        ui.separator();
        for command in [
            Command::FontBigger,
            Command::FontSmaller,
            Command::FontReset,
        ] {
            command_menu_item_ui(ui, command, now, commands);
        }
        ui.separator();
        ui.label(RichText::new("Line width").weak());
        for width in LineWidth::ALL {
            radio_ui(
                ui,
                self.settings.line_width == width,
                Command::SetLineWidth(width),
                commands,
            );
        }
        ui.separator();
        ui.label(RichText::new("Theme").weak());
        for theme in ThemeChoice::ALL {
            radio_ui(
                ui,
                self.settings.theme == theme,
                Command::SetTheme(theme),
                commands,
            );
        }
    }

    fn banner_ui(&self, ui: &mut Ui, now: &Situation, commands: &mut Vec<Command>) {
        let Some(banner) = &self.banner else {
            return;
        };
        let palette = self.settings.theme.palette();
        let (fill, text) = if banner.problem {
            (palette.alert_fill, palette.alert_text)
        } else {
            (palette.code_background, palette.strong)
        };
        egui::Frame::new()
            .fill(fill)
            .inner_margin(egui::Margin::symmetric(12, 8))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    command_button_ui(ui, Command::DismissBanner, now, commands);
                    for command in banner.actions.iter().rev() {
                        command_button_ui(ui, command.clone(), now, commands);
                    }
                    ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                        let message = RichText::new(&banner.message).color(text);
                        ui.add(egui::Label::new(message).wrap());
                    });
                });
            });
    }

    fn status_bar_ui(&self, ui: &mut Ui) {
        let small = |text: String| RichText::new(text).size(12.0).weak();
        if let Some(opening) = &self.opening {
            // A big file (or a slow disk): say what is happening.
            let name = opening.path.file_name().map_or_else(
                || opening.path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(small(format!("Opening {name}…")));
            });
        }
        let Some(open) = &self.open else {
            return;
        };
        // The right-hand items first; the file's own ones are cut short,
        // never drawn over them, when the window is narrow.
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let percent = self.reader.progress(open.document()) * 100.0;
            // A long book moves a tenth of a percent a page: show it.
            let percent = if percent < 10.0 {
                format!("{:.1}%", (percent * 10.0).floor() / 10.0)
            } else {
                format!("{}%", percent.floor())
            };
            ui.label(small(percent))
                .on_hover_text("How much of the text is above the bottom of the window");
            if let Some(section) = current_section(open.outline(), self.reader.top_char()) {
                ui.label(small(section));
            }
            ui.separator();
            ui.label(small(save_state_text(&open.save_state())));
            if let Some(note) = &self.status_note {
                ui.separator();
                ui.label(RichText::new(&note.text).size(12.0));
            }
            if let Some(selection) = self.reader.selection().filter(|s| !s.is_empty()) {
                ui.separator();
                let length = selection.range().len();
                ui.label(small(format!("{length} characters selected")));
            }
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
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
            });
        });
    }
}

fn edit_menu_ui(ui: &mut Ui, now: &Situation, commands: &mut Vec<Command>) {
    command_menu_item_ui(ui, Command::Undo, now, commands);
    command_menu_item_ui(ui, Command::Redo, now, commands);
    ui.separator();
    command_menu_item_ui(ui, Command::HighlightSelection, now, commands);
    command_menu_item_ui(ui, Command::ShowFind, now, commands);
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
