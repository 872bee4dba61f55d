//! Every glyph drawn (issue "Reading comfort"): over the texts of the
//! shared corpus (its plain texts, Markdown, saved web pages, EPUBs and
//! the extraction set's 398 pages), no character is drawn as an empty box
//! when the system has a font for it. The system's answer comes from
//! fontconfig itself (`fc-list`), not from the code under test.

mod common;

use std::collections::BTreeSet;
use std::io::Read as _;

use eframe::egui::{self, FontFamily, FontId};
use marginalia::import::{import_bytes, import_path};
use marginalia::ui::fonts::{SERIF, install_fonts};

/// Characters nothing is drawn for: spaces, controls, format and joining
/// marks, variation selectors, combining marks (drawn on their base).
fn is_drawn(c: char) -> bool {
    let invisible = matches!(c as u32,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF
        | 0xFE20..=0xFE2F | 0x200B..=0x200F | 0x2028..=0x202E | 0x2060..=0x206F
        | 0xFE00..=0xFE0F | 0xFEFF | 0xE0000..=0xE01EF | 0xAD | 0xFFFC);
    !(c.is_whitespace() || c.is_control() || invisible)
}

/// Every character some outline font of the system has (TrueType or CFF:
/// the formats the fallback can draw), from fontconfig.
fn system_characters() -> Vec<(u32, u32)> {
    let listed = std::process::Command::new("fc-list")
        .args(["--format", "%{fontformat}|%{charset}\n"])
        .output()
        .expect("*** fc-list is missing: scripts/setup-system.sh installs fontconfig ***");
    let mut ranges = Vec::new();
    for line in String::from_utf8_lossy(&listed.stdout).lines() {
        let Some((format, charset)) = line.split_once('|') else {
            continue;
        };
        if !matches!(format, "TrueType" | "CFF") {
            continue;
        }
        for range in charset.split_whitespace() {
            let (from, to) = range.split_once('-').unwrap_or((range, range));
            if let (Ok(from), Ok(to)) = (u32::from_str_radix(from, 16), u32::from_str_radix(to, 16))
            {
                ranges.push((from, to));
            }
        }
    }
    assert!(!ranges.is_empty(), "fontconfig lists no font");
    ranges
}

/// The distinct characters of every corpus text, as the importers read them.
fn corpus_characters() -> BTreeSet<char> {
    let mut characters = BTreeSet::new();
    let mut add = |text: &str| characters.extend(text.chars());
    for folder in ["text", "markdown", "epub", "large"] {
        for file in common::corpus_files(folder) {
            if let Ok(document) = import_path(&file) {
                add(document.text());
            }
        }
    }
    let html = common::corpus_dir().join("html");
    for page in std::fs::read_dir(&html).expect("corpus html") {
        let source = page.expect("entry").path().join("source.html");
        if let Ok(document) = import_path(&source) {
            add(document.text());
        }
    }
    let extraction = common::corpus_dir().join("extraction/pages");
    for set in std::fs::read_dir(&extraction).expect("the extraction set") {
        for page in std::fs::read_dir(set.expect("entry").path()).expect("pages") {
            let path = page.expect("page").path();
            let mut bytes = Vec::new();
            let opened = std::fs::File::open(&path).expect("page");
            flate2::read::GzDecoder::new(opened)
                .read_to_end(&mut bytes)
                .expect("gzip");
            let named = path.with_extension("");
            if let Ok(document) = import_bytes(&bytes, Some(&named)) {
                add(document.text());
            }
        }
    }
    characters
}

#[test]
fn no_character_is_a_box_when_the_system_has_a_font_for_it() {
    let ctx = egui::Context::default();
    install_fonts(&ctx);
    let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
    output.textures_delta.clear();
    let system = system_characters();
    let system_has = |c: char| {
        system
            .iter()
            .any(|(from, to)| (*from..=*to).contains(&(c as u32)))
    };
    let characters = corpus_characters();
    let reading = FontId::new(16.0, FontFamily::Name(SERIF.into()));
    let list = FontId::proportional(14.0);
    let mut boxes = Vec::new();
    let mut without_a_font = BTreeSet::new();
    for &c in characters.iter().filter(|c| is_drawn(**c)) {
        for font in [&reading, &list] {
            if !ctx.fonts_mut(|f| f.has_glyph(font, c)) {
                if system_has(c) {
                    boxes.push((c, format!("U+{:04X}", c as u32), font.family.clone()));
                } else {
                    without_a_font.insert(format!("{c} U+{:04X}", c as u32));
                }
            }
        }
    }
    eprintln!(
        "{} distinct characters; drawn as boxes, as no font of this system has them: {without_a_font:?}",
        characters.len()
    );
    assert!(
        boxes.is_empty(),
        "drawn as boxes though the system has a font: {boxes:?}"
    );
}
