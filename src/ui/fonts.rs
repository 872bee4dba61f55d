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

/// Adds the bundled reading fonts to egui's defaults.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
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
        // Each family falls back to egui's proportional fonts (emoji, symbols).
        let mut family = vec![name.to_owned()];
        family.extend(
            fonts
                .families
                .get(&FontFamily::Proportional)
                .cloned()
                .unwrap_or_default(),
        );
        fonts.families.insert(FontFamily::Name(name.into()), family);
    }
    ctx.set_fonts(fonts);
    ctx.add_font_provider(Arc::new(SystemFallback::default()));
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
