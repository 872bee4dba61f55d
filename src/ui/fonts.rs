//! The faces text is drawn in: the bundled reading face (Noto Serif, SIL
//! OFL) in its three styles before egui's own, and for any character none
//! of them has (box drawing, CJK, Devanagari, Arabic, symbols, emoji) a face
//! found among the system's fonts through fontconfig when a text first
//! needs it (`egui_system_font_provider`, fontique). The system's fonts are
//! not even listed until then: a launch of an article in Latin script reads
//! none of them.

use std::sync::{Arc, OnceLock};

use eframe::egui::{self, FontData, FontDefinitions, FontFamily};
use egui_system_font_provider::SystemFontProvider;

/// The reading face (Noto Serif, SIL OFL) in its regular, bold and italic styles.
pub const SERIF: &str = "serif";
pub const SERIF_BOLD: &str = "serif-bold";
pub const SERIF_ITALIC: &str = "serif-italic";

/// The face installed on the computer that the reader chose (View ▸ Text),
/// in its three styles: the bundled serif's until it is read.
pub const INSTALLED: &str = "installed";
pub const INSTALLED_BOLD: &str = "installed-bold";
pub const INSTALLED_ITALIC: &str = "installed-italic";

/// An installed family's faces, read: regular, bold and italic (a style
/// the family lacks is its regular face).
pub struct InstalledFace {
    pub family: String,
    pub regular: FontData,
    pub bold: Option<FontData>,
    pub italic: Option<FontData>,
}

/// Adds the bundled reading fonts to egui's defaults, and the system's
/// fonts as the last fallback.
pub fn install_fonts(ctx: &egui::Context) {
    ctx.set_fonts(reading_fonts(None));
    ctx.add_font_provider(Arc::new(SystemFallback::default()));
}

/// Sets the installed face the reader chose as the reading face.
pub fn use_installed_face(ctx: &egui::Context, face: &InstalledFace) {
    ctx.set_fonts(reading_fonts(Some(face)));
}

/// egui's fonts with the bundled reading faces, each family falling back
/// to egui's proportional fonts (emoji, symbols); the installed families
/// the chosen face's (falling back to the serif), else the serif's.
fn reading_fonts(installed: Option<&InstalledFace>) -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    let proportional = fonts
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    let faces: [(&str, &'static [u8]); 3] = [
        (
            SERIF,
            include_bytes!("../../assets/fonts/NotoSerif-Regular.ttf"),
        ),
        (
            SERIF_BOLD,
            include_bytes!("../../assets/fonts/NotoSerif-Bold.ttf"),
        ),
        (
            SERIF_ITALIC,
            include_bytes!("../../assets/fonts/NotoSerif-Italic.ttf"),
        ),
    ];
    for (name, bytes) in faces {
        fonts
            .font_data
            .insert(name.to_owned(), FontData::from_static(bytes).into());
        let family = std::iter::once(name.to_owned()).chain(proportional.iter().cloned());
        fonts
            .families
            .insert(FontFamily::Name(name.into()), family.collect());
    }
    let styles = [
        (INSTALLED, SERIF, installed.map(|f| &f.regular)),
        (
            INSTALLED_BOLD,
            SERIF_BOLD,
            installed.map(|f| f.bold.as_ref().unwrap_or(&f.regular)),
        ),
        (
            INSTALLED_ITALIC,
            SERIF_ITALIC,
            installed.map(|f| f.italic.as_ref().unwrap_or(&f.regular)),
        ),
    ];
    for (name, serif, data) in styles {
        let mut family = Vec::new();
        if let Some(data) = data {
            fonts.font_data.insert(name.to_owned(), data.clone().into());
            family.push(name.to_owned());
        }
        family.push(serif.to_owned());
        family.extend(proportional.iter().cloned());
        fonts.families.insert(FontFamily::Name(name.into()), family);
    }
    fonts
}

/// The family an inline style of text set in `family` is drawn in: the
/// installed face's bold or italic for the installed face, else the
/// bundled serif's (the sans serif borrows them too).
pub fn styled_family(family: &FontFamily, bold: bool) -> FontFamily {
    let installed = *family == FontFamily::Name(INSTALLED.into());
    FontFamily::Name(
        match (installed, bold) {
            (true, true) => INSTALLED_BOLD,
            (true, false) => INSTALLED_ITALIC,
            (false, true) => SERIF_BOLD,
            (false, false) => SERIF_ITALIC,
        }
        .into(),
    )
}

/// The system's fonts, listed on the first character no installed face
/// has (the lookup waits for that list once, on the thread laying out the
/// text), then asked for a face with that character.
#[derive(Default)]
pub struct SystemFallback {
    fonts: OnceLock<SystemFontProvider>,
}

impl egui::FontProvider for SystemFallback {
    fn font_for(&self, request: &egui::FallbackRequest<'_>) -> Option<egui::FontInsert> {
        self.fonts
            .get_or_init(SystemFontProvider::new)
            .font_for(request)
    }
}

#[cfg(test)]
mod glyph_tests {
    use super::*;
    use crate::ui::reader::READER_GLYPHS;

    #[test]
    fn the_reading_faces_have_every_glyph_the_reader_draws() {
        let ctx = egui::Context::default();
        install_fonts(&ctx);
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        // No renderer takes the font atlas here.
        output.textures_delta.clear();
        for face in [SERIF, SERIF_BOLD, SERIF_ITALIC] {
            let font = egui::FontId::new(16.0, FontFamily::Name(face.into()));
            for c in READER_GLYPHS.chars().filter(|c| *c != '\u{200B}') {
                assert!(
                    ctx.fonts_mut(|f| f.has_glyph(&font, c)),
                    "{face} has no {c:?}: it would draw a box"
                );
            }
        }
    }
}
