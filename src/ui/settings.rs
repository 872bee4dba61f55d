//! What the app remembers between runs: reading preferences and recent files.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::annotate::HighlightColor;

use super::reader::CaretBrowsing;
use super::text_settings::TextSettings;
use super::theme::ThemeChoice;

pub const DEFAULT_FONT_SIZE: f32 = 19.0;
pub const MIN_FONT_SIZE: f32 = 11.0;
pub const MAX_FONT_SIZE: f32 = 40.0;
pub const MAX_RECENT: usize = 10;

/// The measure: how many characters a line of body text holds, about.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineWidth {
    Narrow,
    #[default]
    Medium,
    Wide,
}

impl LineWidth {
    pub const ALL: [LineWidth; 3] = [LineWidth::Narrow, LineWidth::Medium, LineWidth::Wide];

    /// Average characters per line.
    pub fn chars(self) -> f32 {
        match self {
            LineWidth::Narrow => 58.0,
            LineWidth::Medium => 70.0,
            LineWidth::Wide => 90.0,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            LineWidth::Narrow => "Narrow (about 58 characters)",
            LineWidth::Medium => "Medium (about 70 characters)",
            LineWidth::Wide => "Wide (about 90 characters)",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecentFile {
    pub path: PathBuf,
    pub title: String,
    /// The char offset at the top of the window when the file was last read.
    #[serde(rename = "position")]
    pub position_char: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub font_size: f32,
    pub line_width: LineWidth,
    pub theme: ThemeChoice,
    /// Most recent first.
    pub recent: Vec<RecentFile>,
    /// The colour new highlights get.
    pub color: HighlightColor,
    /// Whether the annotations panel is shown.
    pub show_panel: bool,
    /// Whether the outline is shown.
    pub show_outline: bool,
    /// Find tells "a" from "á" (off: as browsers find by default).
    pub find_match_diacritics: bool,
    /// The first launch's hint was shown.
    pub hint_shown: bool,
    /// Caret browsing (F7): on, turned off, or never touched.
    pub caret: CaretBrowsing,
    /// The library's saved searches, in the order saved.
    pub saved_searches: Vec<String>,
    /// The reader's own pace, chars a minute, once measured.
    pub reading_pace: Option<f32>,
    /// The reading face, spacing and justification (View ▸ Text).
    pub text: TextSettings,
    /// The installed family the text is set in when its face is
    /// `ReadingFace::Installed`.
    pub installed_face: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            font_size: DEFAULT_FONT_SIZE,
            line_width: LineWidth::default(),
            theme: ThemeChoice::default(),
            recent: Vec::new(),
            color: HighlightColor::default(),
            show_panel: false,
            show_outline: false,
            find_match_diacritics: false,
            hint_shown: false,
            caret: CaretBrowsing::Untouched,
            saved_searches: Vec::new(),
            reading_pace: None,
            text: TextSettings::default(),
            installed_face: None,
        }
    }
}

impl Settings {
    pub fn change_font_size(&mut self, steps: f32) {
        self.font_size = (self.font_size + steps).clamp(MIN_FONT_SIZE, MAX_FONT_SIZE);
    }

    /// Moves `path` to the front of the recent list.
    pub fn remember(&mut self, path: &Path, title: &str, position_char: usize) {
        self.recent.retain(|r| r.path != path);
        self.recent.insert(
            0,
            RecentFile {
                path: path.to_path_buf(),
                title: title.to_owned(),
                position_char,
            },
        );
        self.recent.truncate(MAX_RECENT);
    }

    /// Moves `path` to the front of the recent list without opening it: a
    /// file already there keeps its title and place in the text; a new one
    /// is listed under its file name until it is opened.
    pub fn list_recent(&mut self, path: &Path) {
        let known = self.recent.iter().position(|r| r.path == path);
        let recent = match known {
            Some(index) => self.recent.remove(index),
            None => RecentFile {
                path: path.to_path_buf(),
                title: path
                    .file_name()
                    .map(|name| name.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                position_char: 0,
            },
        };
        self.recent.insert(0, recent);
        self.recent.truncate(MAX_RECENT);
    }

    pub fn update_position(&mut self, path: &Path, position_char: usize) {
        if let Some(recent) = self.recent.iter_mut().find(|r| r.path == path) {
            recent.position_char = position_char;
        }
    }

    pub fn position_of(&self, path: &Path) -> Option<usize> {
        self.recent
            .iter()
            .find(|r| r.path == path)
            .map(|r| r.position_char)
    }

    pub fn forget(&mut self, path: &Path) {
        self.recent.retain(|r| r.path != path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_list_keeps_ten_most_recent_first() {
        let mut settings = Settings::default();
        for i in 0..12 {
            settings.remember(Path::new(&format!("/a/{i}.txt")), "t", i);
        }
        settings.remember(Path::new("/a/5.txt"), "t", 99);
        assert_eq!(settings.recent.len(), MAX_RECENT);
        assert_eq!(settings.recent[0].path, Path::new("/a/5.txt"));
        assert_eq!(settings.position_of(Path::new("/a/5.txt")), Some(99));
        assert_eq!(settings.position_of(Path::new("/a/0.txt")), None);
    }

    #[test]
    fn listing_a_known_file_keeps_its_title_and_place() {
        let mut settings = Settings::default();
        settings.remember(Path::new("/a/read.md"), "An Essay", 1234);
        settings.remember(Path::new("/a/other.md"), "Other", 0);
        settings.list_recent(Path::new("/a/read.md"));
        settings.list_recent(Path::new("/a/new.html"));
        let listed: Vec<(&str, usize)> = settings
            .recent
            .iter()
            .map(|r| (r.title.as_str(), r.position_char))
            .collect();
        assert_eq!(listed, [("new.html", 0), ("An Essay", 1234), ("Other", 0)]);
    }

    #[test]
    fn font_size_is_clamped() {
        let mut settings = Settings::default();
        settings.change_font_size(100.0);
        assert_eq!(settings.font_size, MAX_FONT_SIZE);
    }
}
