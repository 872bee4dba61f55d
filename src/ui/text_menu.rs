//! View ▸ Text: the reading face (the bundled serif or sans serif, or a
//! family installed on the computer), the line width, the spacing and
//! justification.

use eframe::egui::{self, RichText, Ui};

use super::chrome::radio_group_ui;
use super::command::Command;
use super::settings::{LineWidth, Settings};
use super::text_settings::{ReadingFace, Spacing};
use super::widgets::command_toggle_ui;

/// The tallest the list of installed families is before it scrolls.
const FAMILIES_HEIGHT: f32 = 420.0;

/// View ▸ Text.
pub(super) fn text_menu_ui(
    ui: &mut Ui,
    settings: &Settings,
    installed: Option<&[String]>,
    commands: &mut Vec<Command>,
) {
    let text = settings.text;
    let faces = ReadingFace::ALL.map(|face| (text.face == face, Command::SetReadingFace(face)));
    radio_group_ui(ui, "Face", faces, commands);
    let chosen = (text.face == ReadingFace::Installed)
        .then_some(settings.installed_face.as_deref())
        .flatten();
    let label = match chosen {
        Some(family) => format!("Installed: {family}"),
        None => "Installed Face".to_owned(),
    };
    ui.menu_button(label, |ui| {
        installed_faces_ui(ui, chosen, installed, commands)
    });
    ui.separator();
    let widths = LineWidth::ALL.map(|w| (settings.line_width == w, Command::SetLineWidth(w)));
    radio_group_ui(ui, "Line width", widths, commands);
    ui.separator();
    let lines = Spacing::ALL.map(|s| (text.line_spacing == s, Command::SetLineSpacing(s)));
    let paragraphs =
        Spacing::ALL.map(|s| (text.paragraph_spacing == s, Command::SetParagraphSpacing(s)));
    radio_group_ui(ui, "Spacing", lines.into_iter().chain(paragraphs), commands);
    ui.separator();
    command_toggle_ui(ui, text.justify, Command::ToggleJustify, commands);
    command_toggle_ui(ui, text.hyphenate, Command::ToggleHyphenate, commands);
}

/// The installed families, each in its own face once the text is set in
/// it; listed (on a worker) the first time this opens.
fn installed_faces_ui(
    ui: &mut Ui,
    chosen: Option<&str>,
    installed: Option<&[String]>,
    commands: &mut Vec<Command>,
) {
    let Some(families) = installed else {
        commands.push(Command::ListInstalledFaces);
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(RichText::new("Looking for the installed faces…").weak());
        });
        return;
    };
    if families.is_empty() {
        ui.label(RichText::new("No font families are installed.").weak());
        return;
    }
    let row = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
    let height = (row * families.len() as f32).min(FAMILIES_HEIGHT);
    egui::ScrollArea::vertical()
        .min_scrolled_height(height)
        .max_height(FAMILIES_HEIGHT)
        .show(ui, |ui| {
            for family in families {
                let on = chosen == Some(family.as_str());
                if ui.radio(on, family.as_str()).clicked() && !on {
                    commands.push(Command::SetInstalledFace(family.clone()));
                }
            }
        });
}
