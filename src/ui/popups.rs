//! The overlays room: what floats over the page. It owns the chooser among
//! overlapping highlights, what the context menu acts on, the keyboard
//! shortcuts window and About; it draws those, the colour bar beside a
//! selection and the drop overlay.

use std::path::{Path, PathBuf};

use eframe::egui::{self, Key, Pos2, Rect, Response, RichText};
use uuid::Uuid;

use crate::annotate::HighlightColor;

use super::about::AboutWindow;
use super::command::{Command, Situation};
use super::help::shortcuts_window_ui;
use super::page_prompt::PagePrompt;
use super::password_prompt::PasswordPrompt;
use super::reader::ReaderCommand;
use super::theme::{Palette, highlight_paint};
use super::view_context::ViewContext;
use super::widgets::{color_commands_ui, command_menu_item_ui};

/// Overlapping highlights under a click, offered in a small menu.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct OverlapChoice {
    /// Where the menu opens, on screen.
    pub(super) at: Pos2,
    pub(super) annotations: Vec<Uuid>,
    /// The pass it opened in: that click must not close it.
    pub(super) opened_in_pass: u64,
}

/// What floats over the page, and what it acts on.
#[derive(Default)]
pub(super) struct Overlays {
    /// Overlapping highlights under a click: the user picks one.
    choice: Option<OverlapChoice>,
    /// What the context menu acts on: the highlights under the right click.
    context_target: Vec<Uuid>,
    show_shortcuts: bool,
    /// Help ▸ About, while it is open.
    about: Option<AboutWindow>,
    /// A protected PDF's password, while it is asked for.
    password: Option<PasswordPrompt>,
    /// Go to Page, while it is open.
    page: Option<PagePrompt>,
}

impl Overlays {
    pub(super) fn shortcuts_shown(&self) -> bool {
        self.show_shortcuts
    }

    pub(super) fn about_shown(&self) -> bool {
        self.about.is_some()
    }

    pub(super) fn toggle_shortcuts(&mut self) {
        self.show_shortcuts = !self.show_shortcuts;
    }

    /// Opens or closes Help ▸ About.
    pub(super) fn toggle_about(&mut self, ctx: &egui::Context, annotations_file: Option<&Path>) {
        self.about = match self.about.take() {
            Some(_) => None,
            None => Some(AboutWindow::new(ctx, annotations_file)),
        };
    }

    /// Asks which page to go to.
    pub(super) fn ask_page(&mut self) {
        self.page = Some(PagePrompt::new());
    }

    /// Asks for the password of `pdf` (the reader said `why`).
    pub(super) fn ask_password(&mut self, pdf: PathBuf, why: String) {
        self.password = Some(PasswordPrompt::new(pdf, why));
    }

    /// Offers the highlights under a click to choose from.
    pub(super) fn choose_among(&mut self, choice: OverlapChoice) {
        self.choice = Some(choice);
    }

    /// The context menu acts on these highlights.
    pub(super) fn set_context_target(&mut self, annotations: Vec<Uuid>) {
        self.context_target = annotations;
    }

    /// The article they were about is closed.
    pub(super) fn forget_document(&mut self) {
        self.choice = None;
    }

    /// The popups that are not tied to the reader's response.
    pub(super) fn popups_ui(
        &mut self,
        ctx: &egui::Context,
        view: &ViewContext,
        commands: &mut Vec<Command>,
    ) {
        self.choice_ui(ctx, view, commands);
        if self.show_shortcuts {
            shortcuts_window_ui(ctx, commands);
        }
        if let Some(about) = &mut self.about {
            about.window_ui(ctx, view.annotations_file(), &view.now, commands);
        }
        if let Some(prompt) = &mut self.password
            && !prompt.window_ui(ctx, commands)
        {
            self.password = None;
        }
        let pages = view.open.map_or(0, |open| open.document().pages().len());
        if let Some(prompt) = &mut self.page
            && (pages == 0 || !prompt.window_ui(ctx, pages, &view.now, commands))
        {
            self.page = None;
        }
        drop_overlay_ui(ctx, &view.palette);
    }

    /// The context menu on the page: highlight the selection, or act on
    /// the highlights under the pointer.
    pub(super) fn context_menu_ui(
        &self,
        response: &Response,
        view: &ViewContext,
        commands: &mut Vec<Command>,
    ) {
        let (now, palette) = (&view.now, view.palette);
        response.context_menu(|ui| {
            if now.has_selection {
                menu_item_ui(ui, Command::HighlightSelection, now, commands);
                ui.horizontal(|ui| {
                    menu_colors_ui(ui, &palette, None, Command::HighlightSelectionIn, commands);
                });
                menu_item_ui(ui, Command::Reader(ReaderCommand::Copy), now, commands);
            }
            for &id in &self.context_target {
                let Some(annotation) = view.store().and_then(|s| s.get(id)) else {
                    continue;
                };
                ui.separator();
                let quote: String = annotation.anchor.exact.chars().take(40).collect();
                ui.label(RichText::new(format!("\u{201C}{quote}…\u{201D}")).weak());
                menu_item_ui(ui, Command::SelectAnnotation(Some(id)), now, commands);
                ui.horizontal(|ui| {
                    let recolor = |color| Command::Recolor(id, color);
                    menu_colors_ui(ui, &palette, Some(annotation.color), recolor, commands);
                });
                menu_item_ui(ui, Command::CopyQuote(id), now, commands);
                menu_item_ui(ui, Command::CopyQuoteAsMarkdown(id), now, commands);
                menu_item_ui(ui, Command::DeleteAnnotation(id), now, commands);
            }
        });
    }
}

/// The small bar of colours beside a selection: one click highlights.
pub(super) fn selection_bar_ui(
    ctx: &egui::Context,
    at: Rect,
    palette: &Palette,
    commands: &mut Vec<Command>,
) {
    egui::Area::new(egui::Id::unique("selection_bar"))
        .order(egui::Order::Foreground)
        .fixed_pos(at.left_bottom() + egui::vec2(-8.0, 6.0))
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    if let Some(command) =
                        color_commands_ui(ui, palette, None, Command::HighlightSelectionIn)
                    {
                        commands.push(command);
                    }
                });
            });
        });
}

impl Overlays {
    fn choice_ui(&mut self, ctx: &egui::Context, view: &ViewContext, commands: &mut Vec<Command>) {
        let (Some(choice), Some(store)) = (&self.choice, view.store()) else {
            return;
        };
        let palette = view.palette;
        let mut close = false;
        let area = egui::Area::new(egui::Id::unique("overlap_choice"))
            .order(egui::Order::Foreground)
            .fixed_pos(choice.at)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.label(RichText::new("Highlights here").weak());
                    for id in &choice.annotations {
                        let Some(annotation) = store.get(*id) else {
                            continue;
                        };
                        let quote: String = annotation.anchor.exact.chars().take(48).collect();
                        let fill = highlight_paint(annotation.color, &palette, false);
                        let text = RichText::new(format!("\u{201C}{quote}…\u{201D}"))
                            .background_color(fill);
                        if ui.button(text).clicked() {
                            commands.push(Command::SelectAnnotation(Some(*id)));
                            close = true;
                        }
                    }
                });
            });
        let clicked_elsewhere = ctx.input(|i| i.pointer.any_click())
            && !area.response.contains_pointer()
            && ctx.cumulative_pass_nr() > choice.opened_in_pass;
        if close || clicked_elsewhere || ctx.input(|i| i.key_pressed(Key::Escape)) {
            self.choice = None;
        }
    }
}

/// Over the whole window while a file is dragged over it.
fn drop_overlay_ui(ctx: &egui::Context, palette: &Palette) {
    let hovered = ctx.input(|i| i.raw.hovered_files.first().cloned());
    let Some(file) = hovered else {
        return;
    };
    let colors = palette.overlay;
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("drop_overlay"),
    ));
    let screen = ctx.content_rect();
    painter.rect_filled(screen, 0.0, colors.veil);
    painter.rect_stroke(
        screen.shrink(16.0),
        12.0,
        egui::Stroke::new(3.0, colors.edge),
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
    let galley = painter.layout_no_wrap(message, egui::FontId::proportional(26.0), colors.text);
    let card =
        egui::Rect::from_center_size(screen.center(), galley.size() + egui::vec2(48.0, 32.0));
    painter.rect_filled(card, 10.0, colors.card);
    painter.galley(card.center() - galley.size() / 2.0, galley, colors.text);
}

/// A context menu item: the menu closes once it is chosen.
fn menu_item_ui(ui: &mut egui::Ui, command: Command, now: &Situation, commands: &mut Vec<Command>) {
    if command_menu_item_ui(ui, command, now, commands).clicked() {
        ui.close();
    }
}

/// Colour buttons in a context menu: the menu closes once one is chosen.
fn menu_colors_ui(
    ui: &mut egui::Ui,
    palette: &Palette,
    current: Option<HighlightColor>,
    command_for: impl Fn(HighlightColor) -> Command,
    commands: &mut Vec<Command>,
) {
    if let Some(command) = color_commands_ui(ui, palette, current, command_for) {
        commands.push(command);
        ui.close();
    }
}
