//! The font families installed on the computer, as reading faces (View ▸
//! Text ▸ Installed Face): listed through fontconfig (fontique) on a worker
//! the first time the menu is opened, and the chosen family's regular,
//! bold and italic faces read on a worker (each a regular file of at most
//! 64 MiB) before egui draws the text in them — the serif until then. A
//! launch that reads in the bundled faces lists none of them.

use std::sync::mpsc::{Receiver, channel};

use eframe::egui::{self, FontData};
use fontique::{
    Collection, CollectionOptions, FontInfo, FontStyle, FontWeight, FontWidth, SourceKind,
};

use super::fonts::{InstalledFace, use_installed_face};
use crate::regular_file::read_regular_file;

/// The largest font file read (a CJK family's face is ~20 MiB).
const MAX_FONT_BYTES: u64 = 64 << 20;

/// The installed families, and the one the text is drawn in.
#[derive(Default)]
pub struct InstalledFaces {
    /// The families' names, once listed.
    families: Option<Vec<String>>,
    listing: Option<Receiver<Vec<String>>>,
    /// The family being read, and the worker's answer.
    reading: Option<(String, Receiver<Result<InstalledFace, String>>)>,
    /// The family egui draws the installed face in now.
    shown: Option<String>,
    /// How many times egui's fonts changed: a change changes every
    /// line's length.
    generation: u64,
}

impl InstalledFaces {
    /// The installed families, sorted, once they are listed.
    pub fn families(&self) -> Option<&[String]> {
        self.families.as_deref()
    }

    /// Lists the installed families on a worker (once).
    pub fn list(&mut self, ctx: &egui::Context) {
        if self.families.is_some() || self.listing.is_some() {
            return;
        }
        let (send, receive) = channel();
        let ctx = ctx.clone();
        let started = std::thread::Builder::new()
            .name("installed-faces".into())
            .spawn(move || {
                let _ = send.send(installed_families());
                ctx.request_repaint();
            });
        match started {
            Ok(_) => self.listing = Some(receive),
            // No thread, no list: the menu says there is none.
            Err(_) => self.families = Some(Vec::new()),
        }
    }

    /// Reads `family`'s faces on a worker, to draw the text in them when
    /// read; the one shown already is not read again.
    pub fn read(&mut self, ctx: &egui::Context, family: &str) {
        if self.shown.as_deref() == Some(family)
            || self.reading.as_ref().is_some_and(|(f, _)| f == family)
        {
            return;
        }
        let (send, receive) = channel();
        let (ctx, name) = (ctx.clone(), family.to_owned());
        let started = std::thread::Builder::new()
            .name("installed-face".into())
            .spawn(move || {
                let _ = send.send(read_installed_face(&name));
                ctx.request_repaint();
            });
        if started.is_ok() {
            self.reading = Some((family.to_owned(), receive));
        }
    }

    /// Takes the workers' answers: the list, and a face read (then drawn
    /// in). Returns why a face could not be read, to be said.
    pub fn poll(&mut self, ctx: &egui::Context) -> Option<String> {
        if let Some(families) = self.listing.as_ref().and_then(|r| r.try_recv().ok()) {
            self.families = Some(families);
            self.listing = None;
        }
        let answer = self.reading.as_ref().and_then(|(_, r)| r.try_recv().ok())?;
        let (family, _) = self.reading.take()?;
        match answer {
            Ok(face) => {
                use_installed_face(ctx, &face);
                self.shown = Some(family);
                self.generation += 1;
                None
            }
            Err(why) => Some(why),
        }
    }

    /// How many times egui's fonts changed (an installed face read).
    pub fn generation(&self) -> u64 {
        self.generation
    }
}

/// The system's fonts (fontconfig's), enumerated anew.
fn system_fonts() -> Collection {
    Collection::new(CollectionOptions {
        shared: false,
        system_fonts: true,
    })
}

/// The installed families' names, sorted without case; hidden ones (a
/// name starting with ".") left out.
pub fn installed_families() -> Vec<String> {
    let mut collection = system_fonts();
    let mut names: Vec<String> = collection
        .family_names()
        .filter(|name| !name.starts_with('.') && !name.trim().is_empty())
        .map(str::to_owned)
        .collect();
    names.sort_by_cached_key(|name| name.to_lowercase());
    names.dedup();
    names
}

/// An installed family's regular face, and its bold and italic when it
/// has them.
pub fn read_installed_face(family: &str) -> Result<InstalledFace, String> {
    let mut collection = system_fonts();
    let info = collection
        .family_by_name(family)
        .ok_or_else(|| format!("No face named “{family}” is installed."))?;
    let pick = |style: FontStyle, weight: FontWeight| {
        info.match_font(FontWidth::NORMAL, style, weight, false)
    };
    let regular = pick(FontStyle::Normal, FontWeight::NORMAL)
        .ok_or_else(|| format!("The face “{family}” has no font to draw with."))?;
    let bold = pick(FontStyle::Normal, FontWeight::BOLD)
        .filter(|font| font.weight().value() >= 600.0 && font.style() == FontStyle::Normal);
    let italic = pick(FontStyle::Italic, FontWeight::NORMAL)
        .filter(|font| font.style() != FontStyle::Normal && font.weight().value() < 600.0);
    let read = |font: &FontInfo| font_data(font).map_err(|why| format!("“{family}”: {why}"));
    Ok(InstalledFace {
        family: family.to_owned(),
        regular: read(regular)?,
        // A style that cannot be read is drawn in the regular face.
        bold: bold.and_then(|font| read(font).ok()),
        italic: italic.and_then(|font| read(font).ok()),
    })
}

/// A font's bytes: its file, a regular file within the bound.
fn font_data(font: &FontInfo) -> Result<FontData, String> {
    let bytes = match font.source().kind() {
        SourceKind::Path(path) => {
            read_regular_file(path, MAX_FONT_BYTES)
                .map_err(|error| error.to_string())?
                .ok_or_else(|| format!("{} is gone", path.display()))?
                .bytes
        }
        SourceKind::Memory(blob) => blob.as_ref().to_vec(),
    };
    let mut data = FontData::from_owned(bytes);
    data.index = font.index();
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_installed_families_are_listed_and_one_is_read_with_its_styles() {
        // scripts/setup-system.sh installs DejaVu (fonts-dejavu-core).
        let families = installed_families();
        assert!(families.iter().any(|f| f == "DejaVu Sans"), "{families:?}");
        let face = read_installed_face("DejaVu Sans").expect("DejaVu Sans is read");
        assert!((*face.regular.font).as_ref().len() > 100_000);
        assert!(face.bold.is_some(), "DejaVu Sans Bold (fonts-dejavu-core)");
        // Its oblique is in fonts-dejavu-extra: there when installed.
        let oblique =
            std::path::Path::new("/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf");
        assert_eq!(face.italic.is_some(), oblique.is_file());
        assert!(read_installed_face("No Such Family Anywhere").is_err());
    }
}
