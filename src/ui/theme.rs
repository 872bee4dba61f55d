//! Reading themes (light, dark, sepia) and the fonts.

use eframe::egui::{self, Color32};
use serde::{Deserialize, Serialize};

use crate::annotate::HighlightColor;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    Light,
    Dark,
    Sepia,
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::Light, ThemeChoice::Dark, ThemeChoice::Sepia];

    pub fn label(self) -> &'static str {
        match self {
            ThemeChoice::Light => "Light",
            ThemeChoice::Dark => "Dark",
            ThemeChoice::Sepia => "Sepia",
        }
    }

    pub fn palette(self) -> Palette {
        match self {
            ThemeChoice::Light => Palette {
                page: Color32::from_rgb(0xFB, 0xFB, 0xF9),
                text: Color32::from_rgb(0x1E, 0x1F, 0x22),
                strong: Color32::from_rgb(0x10, 0x10, 0x12),
                muted: Color32::from_rgb(0x6A, 0x6D, 0x72),
                rule: Color32::from_rgb(0xC9, 0xCC, 0xD1),
                selection: Color32::from_rgba_unmultiplied(0x3D, 0x8B, 0xFF, 0x55),
                code_background: Color32::from_rgb(0xEF, 0xF0, 0xF2),
                link: Color32::from_rgb(0x1A, 0x5F, 0xB4),
                find_match: Color32::from_rgba_unmultiplied(0xFF, 0x8C, 0x1A, 0x45),
                find_current: Color32::from_rgba_unmultiplied(0xFF, 0x8C, 0x1A, 0xA0),
                alert_fill: Color32::from_rgb(0xFD, 0xE2, 0xDF),
                alert_text: Color32::from_rgb(0x7A, 0x12, 0x0C),
                overlay: OVERLAY,
                dark: false,
            },
            ThemeChoice::Dark => Palette {
                page: Color32::from_rgb(0x1B, 0x1C, 0x1F),
                text: Color32::from_rgb(0xD8, 0xD9, 0xDC),
                strong: Color32::from_rgb(0xF2, 0xF2, 0xF4),
                muted: Color32::from_rgb(0x8F, 0x93, 0x99),
                rule: Color32::from_rgb(0x45, 0x48, 0x4E),
                selection: Color32::from_rgba_unmultiplied(0x4D, 0x9C, 0xFF, 0x60),
                code_background: Color32::from_rgb(0x2A, 0x2B, 0x2F),
                link: Color32::from_rgb(0x7F, 0xB8, 0xFF),
                find_match: Color32::from_rgba_unmultiplied(0xFF, 0x9A, 0x3C, 0x50),
                find_current: Color32::from_rgba_unmultiplied(0xFF, 0x9A, 0x3C, 0xB0),
                alert_fill: Color32::from_rgb(0x5C, 0x1F, 0x1F),
                alert_text: Color32::from_rgb(0xFF, 0xDA, 0xD6),
                overlay: OVERLAY,
                dark: true,
            },
            ThemeChoice::Sepia => Palette {
                page: Color32::from_rgb(0xF4, 0xEC, 0xD8),
                text: Color32::from_rgb(0x43, 0x34, 0x22),
                strong: Color32::from_rgb(0x2E, 0x22, 0x14),
                muted: Color32::from_rgb(0x85, 0x72, 0x5A),
                rule: Color32::from_rgb(0xC8, 0xB8, 0x96),
                selection: Color32::from_rgba_unmultiplied(0xB0, 0x7A, 0x2A, 0x50),
                code_background: Color32::from_rgb(0xEA, 0xDF, 0xC4),
                link: Color32::from_rgb(0x8A, 0x4B, 0x12),
                find_match: Color32::from_rgba_unmultiplied(0xFF, 0x8C, 0x1A, 0x45),
                find_current: Color32::from_rgba_unmultiplied(0xFF, 0x8C, 0x1A, 0xA0),
                alert_fill: Color32::from_rgb(0xFD, 0xE2, 0xDF),
                alert_text: Color32::from_rgb(0x7A, 0x12, 0x0C),
                overlay: OVERLAY,
                dark: false,
            },
        }
    }

    /// Sets egui's visuals to match the reading theme.
    pub fn apply(self, ctx: &egui::Context) {
        let palette = self.palette();
        let mut visuals = if palette.dark {
            egui::Visuals::dark()
        } else {
            egui::Visuals::light()
        };
        visuals.panel_fill = palette.page;
        visuals.window_fill = palette.page;
        // Text fields stand out from the page.
        visuals.extreme_bg_color = palette.code_background;
        visuals.override_text_color = None;
        visuals.selection.bg_fill = palette.selection;
        if self == ThemeChoice::Sepia {
            visuals.widgets.noninteractive.bg_fill = palette.code_background;
            visuals.widgets.inactive.weak_bg_fill = palette.code_background;
            visuals.faint_bg_color = palette.code_background;
        }
        ctx.set_visuals(visuals);
    }
}

/// The paint of a highlight colour in this palette: translucent fills that
/// keep text readable on light, sepia and dark pages; underlines opaque.
pub fn highlight_paint(color: HighlightColor, palette: &Palette, underline: bool) -> Color32 {
    let (r, g, b) = color.rgb();
    let alpha = match (underline, palette.dark) {
        (true, _) => 0xFF,
        (false, false) => 0x70,
        (false, true) => 0x58,
    };
    Color32::from_rgba_unmultiplied(r, g, b, alpha)
}

/// The colours the reader paints with.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    pub page: Color32,
    pub text: Color32,
    pub strong: Color32,
    pub muted: Color32,
    pub rule: Color32,
    pub selection: Color32,
    pub code_background: Color32,
    pub link: Color32,
    /// Find matches, and the current one.
    pub find_match: Color32,
    pub find_current: Color32,
    /// The banner: a problem to read.
    pub alert_fill: Color32,
    pub alert_text: Color32,
    pub overlay: OverlayColors,
    pub dark: bool,
}

/// The drop overlay: the same dark veil over every theme.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OverlayColors {
    pub veil: Color32,
    pub edge: Color32,
    pub card: Color32,
    pub text: Color32,
}

const OVERLAY: OverlayColors = OverlayColors {
    veil: Color32::from_black_alpha(200),
    // White at 200/255, premultiplied.
    edge: Color32::from_rgba_premultiplied(200, 200, 200, 200),
    card: Color32::from_gray(30),
    text: Color32::WHITE,
};
