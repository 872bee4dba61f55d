//! The library view as a whole: the search box (with Save Search and the
//! indexing progress) across the top; beside the list a column with the
//! two lists (articles, review), missing articles, saved searches, tags
//! with their counts and the folders; the list or the results in the middle;
//! and, when the library holds nothing yet, how to fill it.

use eframe::egui::{self, Ui};

use super::super::command::{Command, Situation};
use super::super::theme::Palette;
use super::super::widgets::command_button_ui;
use super::{LibraryTab, LibraryView, ReviewGrouping, grouped, progress_text};

/// The search box's id (Ctrl+L focuses it).
pub fn search_box_id() -> egui::Id {
    egui::Id::unique("library_search")
}

impl LibraryView {
    /// The whole view, in the central panel.
    pub(in super::super) fn view_ui(
        &mut self,
        ui: &mut Ui,
        palette: &Palette,
        saved_searches: &[String],
        now: &Situation,
        commands: &mut Vec<Command>,
    ) {
        if let Some(why) = &self.unavailable {
            ui.centered_and_justified(|ui| ui.label(format!("The library cannot be kept: {why}")));
            return;
        }
        ui.add_space(8.0);
        self.search_bar_ui(ui, palette, now, commands);
        if self.loaded && self.snapshot.articles.is_empty() && self.search.trim().is_empty() {
            empty_library_ui(ui, now, commands);
            return;
        }
        egui::Panel::left("library_side")
            .resizable(true)
            .default_size(210.0)
            .size_range(160.0..=320.0)
            .frame(egui::Frame::new().inner_margin(egui::Margin::symmetric(6, 6)))
            .show(ui, |ui| {
                self.side_ui(ui, palette, saved_searches, now, commands)
            });
        egui::CentralPanel::default()
            .frame(egui::Frame::new().inner_margin(egui::Margin::symmetric(10, 6)))
            .show(ui, |ui| {
                if !self.search.trim().is_empty() {
                    self.results_ui(ui, palette, commands);
                    return;
                }
                match self.tab {
                    LibraryTab::Articles if !self.loaded => {
                        ui.centered_and_justified(|ui| ui.spinner());
                    }
                    LibraryTab::Articles => self.articles_ui(ui, palette, commands),
                    LibraryTab::Review => {
                        ui.horizontal(|ui| {
                            ui.label("Group by");
                            for grouping in ReviewGrouping::ALL {
                                if ui
                                    .selectable_label(
                                        self.review_grouping == grouping,
                                        grouping.label(),
                                    )
                                    .clicked()
                                {
                                    self.set_grouping(grouping);
                                }
                            }
                        });
                        self.review_ui(ui, palette, commands);
                    }
                }
            });
    }

    fn search_bar_ui(
        &mut self,
        ui: &mut Ui,
        palette: &Palette,
        now: &Situation,
        commands: &mut Vec<Command>,
    ) {
        ui.horizontal(|ui| {
            ui.add_space(8.0);
            let buttons = 190.0;
            let mut text = self.search.clone();
            let response = ui.add(
                egui::TextEdit::singleline(&mut text)
                    .id(search_box_id())
                    .desired_width((ui.available_width() - buttons).max(120.0))
                    .hint_text("Search highlights and articles: words, \"a phrase\", tag:name, color:yellow, has:note, in:text…"),
            );
            if response.changed() {
                commands.push(Command::SetLibrarySearch(text));
            }
            if !self.search.trim().is_empty() {
                command_button_ui(ui, Command::SaveLibrarySearch, now, commands);
                if ui.button("Clear").on_hover_text("Show the whole library").clicked() {
                    commands.push(Command::SetLibrarySearch(String::new()));
                }
            }
        });
        if let Some((task, done, of)) = self.progress.filter(|(_, done, of)| done < of) {
            ui.horizontal(|ui| {
                ui.add_space(8.0);
                ui.add(
                    egui::ProgressBar::new(done as f32 / of.max(1) as f32)
                        .desired_width(ui.available_width() - 8.0)
                        .text(progress_text(task, done, of)),
                );
            });
        }
        if let Some(problem) = &self.problem {
            ui.horizontal(|ui| {
                ui.add_space(8.0);
                ui.colored_label(palette.alert_text, problem);
            });
        }
        ui.add_space(4.0);
    }

    /// The column beside the list.
    fn side_ui(
        &mut self,
        ui: &mut Ui,
        palette: &Palette,
        saved_searches: &[String],
        now: &Situation,
        commands: &mut Vec<Command>,
    ) {
        let searching = !self.search.trim().is_empty();
        let articles = self.snapshot.articles.len();
        let annotations = self.snapshot.annotation_count();
        for (tab, label) in [
            (
                LibraryTab::Articles,
                format!("Articles ({})", grouped(articles)),
            ),
            (
                LibraryTab::Review,
                format!("Review ({} highlights)", grouped(annotations)),
            ),
        ] {
            if ui
                .selectable_label(!searching && self.tab == tab, label)
                .clicked()
            {
                self.show_tab(tab);
                commands.push(Command::SetLibrarySearch(String::new()));
            }
        }
        self.missing_ui(ui, commands);
        self.unreadable_ui(ui, palette);
        ui.separator();
        saved_searches_ui(ui, saved_searches, self.search.trim(), palette, commands);
        command_button_ui(ui, Command::ShowLibraryFolders, now, commands);
        ui.separator();
        self.tags_ui(ui, palette, commands);
    }

    /// "Missing articles (N)", when some are.
    fn missing_ui(&self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let missing = self.snapshot.articles.iter().filter(|a| a.missing).count();
        if missing > 0
            && ui
                .selectable_label(
                    self.search.trim() == "is:missing",
                    format!("Missing articles ({missing})"),
                )
                .on_hover_text("Annotations whose article file is gone")
                .clicked()
        {
            commands.push(Command::SetLibrarySearch("is:missing".to_owned()));
        }
    }

    /// "Cannot be read (N)", when some articles or folders cannot: each
    /// named, why on hover.
    fn unreadable_ui(&self, ui: &mut Ui, palette: &Palette) {
        let articles = &self.snapshot.unreadable;
        let folders = &self.snapshot.unreadable_folders;
        let count = articles.len() + folders.len();
        if count == 0 {
            return;
        }
        let rows = articles
            .iter()
            .map(|article| (&article.path, &article.reason, ""))
            .chain(folders.iter().map(|(folder, why)| (folder, why, "/")));
        egui::CollapsingHeader::new(format!("Cannot be read ({count})"))
            .id_salt("library_unreadable")
            .show(ui, |ui| {
                for (path, why, folder_mark) in rows {
                    let name = path.file_name().unwrap_or(path.as_os_str());
                    let label = format!("{}{folder_mark}", name.to_string_lossy());
                    ui.add(
                        egui::Label::new(egui::RichText::new(label).color(palette.muted))
                            .truncate(),
                    )
                    .on_hover_text(format!("{}\n{why}", path.display()));
                }
            });
    }

    /// The tags with their counts: a click searches for one.
    fn tags_ui(&self, ui: &mut Ui, palette: &Palette, commands: &mut Vec<Command>) {
        ui.label(egui::RichText::new("Tags").small().color(palette.muted));
        if self.snapshot.tags.is_empty() {
            ui.weak("No tags yet");
        }
        egui::ScrollArea::vertical()
            .id_salt("library_tags")
            .auto_shrink(false)
            .show(ui, |ui| {
                for tag in &self.snapshot.tags {
                    let query = format!("tag:{}", tag.tag);
                    let label = format!("#{}  {}", tag.tag, tag.count);
                    if ui
                        .selectable_label(self.search.trim() == query, label)
                        .clicked()
                    {
                        commands.push(Command::SetLibrarySearch(query));
                    }
                }
            });
    }
}

/// The searches kept: a click searches again, ✕ forgets one.
fn saved_searches_ui(
    ui: &mut Ui,
    saved_searches: &[String],
    search: &str,
    palette: &Palette,
    commands: &mut Vec<Command>,
) {
    if saved_searches.is_empty() {
        return;
    }
    ui.label(
        egui::RichText::new("Saved searches")
            .small()
            .color(palette.muted),
    );
    for saved in saved_searches {
        ui.horizontal(|ui| {
            if ui.selectable_label(search == saved, saved).clicked() {
                commands.push(Command::SetLibrarySearch(saved.clone()));
            }
            if ui
                .small_button("✕")
                .on_hover_text("Forget this search")
                .clicked()
            {
                commands.push(Command::ForgetLibrarySearch(saved.clone()));
            }
        });
    }
    ui.separator();
}

/// What the view says when the library holds nothing yet.
fn empty_library_ui(ui: &mut Ui, now: &Situation, commands: &mut Vec<Command>) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.25);
        ui.heading("Your library is empty");
        ui.add_space(8.0);
        ui.label("Every article you open joins it, with its highlights and notes,");
        ui.label("and so does every annotated article in the folders you add.");
        ui.add_space(16.0);
        for command in [
            Command::ShowOpenDialog,
            Command::ShowAddLibraryFolderDialog,
            Command::OpenSample,
        ] {
            command_button_ui(ui, command, now, commands);
            ui.add_space(4.0);
        }
    });
}
