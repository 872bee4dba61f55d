//! Small widgets shared by the panels and menus: buttons drawn from the
//! command table, the row of colour buttons, and list rows.

use eframe::egui::{self, Color32, Rect, Response, Sense, Ui, vec2};

use crate::annotate::HighlightColor;

use super::command::{Command, Situation};
use super::keymap::{shortcut_text, tooltip};
use super::theme::{Palette, highlight_paint};

/// A button for `command`: its label and tooltip (with the shortcut) from
/// the table, enabled when the command is available. Pushes the command
/// when clicked.
pub fn command_button_ui(
    ui: &mut Ui,
    command: Command,
    now: &Situation,
    commands: &mut Vec<Command>,
) -> Response {
    let button = egui::Button::new(command.info().label);
    add_command_ui(ui, button, command, now, commands)
}

/// A menu item for `command`: as a button, with its shortcut beside it.
pub fn command_menu_item_ui(
    ui: &mut Ui,
    command: Command,
    now: &Situation,
    commands: &mut Vec<Command>,
) -> Response {
    let button = with_shortcut(ui, egui::Button::new(command.info().label), &command);
    add_command_ui(ui, button, command, now, commands)
}

/// A button showing the command's first shortcut beside its label.
fn with_shortcut<'a>(ui: &Ui, button: egui::Button<'a>, command: &Command) -> egui::Button<'a> {
    match shortcut_text(ui.ctx(), command) {
        Some(keys) => button.shortcut_text(keys),
        None => button,
    }
}

fn add_command_ui(
    ui: &mut Ui,
    button: egui::Button<'_>,
    command: Command,
    now: &Situation,
    commands: &mut Vec<Command>,
) -> Response {
    let response = ui
        .add_enabled(command.available(now), button)
        .on_hover_text(tooltip(ui.ctx(), &command));
    if response.clicked() {
        commands.push(command);
    }
    response
}

/// A button that shows whether something is on (a panel, an option).
pub fn command_toggle_ui(
    ui: &mut Ui,
    on: bool,
    command: Command,
    commands: &mut Vec<Command>,
) -> Response {
    let button = with_shortcut(
        ui,
        egui::Button::selectable(on, command.info().label),
        &command,
    );
    let response = ui.add(button).on_hover_text(tooltip(ui.ctx(), &command));
    if response.clicked() {
        commands.push(command);
    }
    response
}

/// The swatch colour of a highlight colour in the panel.
pub fn swatch(color: HighlightColor, palette: &Palette) -> Color32 {
    highlight_paint(color, palette, true)
}

/// A row of five colour buttons, each with the hint `hint` gives; returns
/// the one clicked.
pub fn color_buttons_ui(
    ui: &mut Ui,
    palette: &Palette,
    current: Option<HighlightColor>,
    hint: impl Fn(HighlightColor) -> String,
) -> Option<HighlightColor> {
    let mut clicked = None;
    for color in HighlightColor::ALL {
        let (rect, response) = ui.allocate_exact_size(vec2(22.0, 22.0), Sense::click());
        let selected = current == Some(color);
        ui.painter()
            .circle_filled(rect.center(), 8.5, swatch(color, palette));
        if selected || response.hovered() {
            ui.painter()
                .circle_stroke(rect.center(), 10.5, egui::Stroke::new(2.0, palette.strong));
        }
        let name = color.name();
        let response = response.on_hover_text(hint(color));
        response
            .widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, name));
        if response.clicked() {
            clicked = Some(color);
        }
    }
    clicked
}

/// Colour buttons whose clicks become `command_for(colour)`; each hint is
/// that command's tooltip.
pub fn color_commands_ui(
    ui: &mut Ui,
    palette: &Palette,
    current: Option<HighlightColor>,
    command_for: impl Fn(HighlightColor) -> Command,
) -> Option<Command> {
    let ctx = ui.ctx().clone();
    let hint = |color| tooltip(&ctx, &command_for(color));
    color_buttons_ui(ui, palette, current, hint).map(&command_for)
}

/// A clickable row of a list, `height` tall, filled when it is the
/// selected (or current) one and when hovered.
pub fn list_row_ui(
    ui: &mut Ui,
    height: f32,
    selected: bool,
    palette: &Palette,
) -> (Rect, Response) {
    let (rect, response) =
        ui.allocate_exact_size(vec2(ui.available_width(), height), Sense::click());
    if selected {
        ui.painter().rect_filled(rect, 4.0, palette.selection);
    } else if response.hovered() {
        ui.painter().rect_filled(rect, 4.0, palette.code_background);
    }
    (rect, response)
}

/// One line of text cut to `width` with an ellipsis.
pub fn truncated_galley(
    ui: &Ui,
    text: &str,
    width: f32,
    font: egui::FontId,
    color: Color32,
) -> std::sync::Arc<egui::Galley> {
    let mut job = egui::text::LayoutJob::simple_singleline(text.to_owned(), font, color);
    job.wrap = egui::text::TextWrapping::truncate_at_width(width);
    ui.fonts_mut(|f| f.layout_job(job))
}

/// A window of its own (F1, About): titled, centred on the window, never
/// collapsed.
pub fn centered_window(ctx: &egui::Context, title: &str) -> egui::Window<'static> {
    egui::Window::new(title.to_owned())
        .collapsible(false)
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(ctx.content_rect().center())
}

/// Web and mail links open in the browser; others have nowhere to go.
pub fn open_link(ctx: &egui::Context, target: &str) {
    if ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| target.starts_with(scheme))
    {
        ctx.open_url(egui::OpenUrl::new_tab(target));
    }
}
