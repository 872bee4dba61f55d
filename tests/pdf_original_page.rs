//! A PDF's original page: rendered in the child, its glyphs' boxes found,
//! and the canonical text's words found on it where the page prints them
//! (the original-page view draws highlights and makes selections there).

mod common;

use marginalia::document::Document;
use marginalia::import::import_path;
use marginalia::import::pdf::{PagePlaces, page_picture};

fn folded_letters(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization as _;
    text.nfkd()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// For `pages` of a paper: the share of the text's letters found on the
/// printed page, and, for every tenth long word, that the glyphs inside
/// its boxes are that word.
fn check_paper(name: &str, pages: std::ops::Range<usize>, floor: f64) {
    let path = common::corpus_file(&format!("pdf/papers/{name}.pdf"));
    let document: Document = import_path(&path).expect("the paper reads");
    let bytes = std::fs::read(&path).expect("the paper's bytes");
    for index in pages {
        let picture = page_picture(&bytes, None, index, 600, None).expect("the page renders");
        assert_eq!(picture.width_px, 600, "{name} p{index}");
        assert_eq!(
            picture.rgba.len() as u32,
            picture.width_px * picture.height_px * 4
        );
        let inked = picture.rgba.chunks_exact(4).filter(|p| p[0] < 128).count();
        assert!(
            inked > 1_000,
            "{name} p{index}: the page is drawn ({inked} dark pixels)"
        );
        let chars = document.page_chars(index).expect("the page is in the text");
        let text = document.text_between(chars.start, chars.end);
        let places = PagePlaces::new(&text, &picture.geometry.glyphs);
        let (found, all) = places.found();
        let share = found as f64 / all.max(1) as f64;
        eprintln!(
            "{name} page {}: {found} of {all} letters found ({share:.4})",
            index + 1
        );
        assert!(
            share >= floor,
            "{name} page {}: {share:.4} < {floor}",
            index + 1
        );
        check_words(name, index, &text, &places, &picture.geometry.glyphs);
    }
}

fn check_words(
    name: &str,
    index: usize,
    text: &str,
    places: &PagePlaces,
    glyphs: &[marginalia::import::pdf::GlyphBox],
) {
    let mut offset = 0;
    let (mut checked, mut right) = (0, 0);
    for (n, word) in text.split(' ').enumerate() {
        let length = word.chars().count();
        let range = offset..offset + length;
        offset += length + 1;
        if n % 10 != 0 || length < 6 || !word.chars().all(char::is_alphabetic) {
            continue;
        }
        let rects = places.rects_of(range);
        let inside: String = glyphs
            .iter()
            .filter(|g| {
                let (x, y) = ((g.rect[0] + g.rect[2]) / 2.0, (g.rect[1] + g.rect[3]) / 2.0);
                rects
                    .iter()
                    .any(|r| (r.left..=r.right).contains(&x) && (r.top..=r.bottom).contains(&y))
            })
            .map(|g| g.text.as_str())
            .collect();
        checked += 1;
        if folded_letters(&inside) == folded_letters(word) {
            right += 1;
        } else {
            eprintln!("{name} p{}: {word:?} boxed {inside:?}", index + 1);
        }
    }
    assert!(checked > 5, "{name} p{}: words to check", index + 1);
    assert!(
        right * 100 >= checked * 97,
        "{name} p{}: {right} of {checked} words boxed as themselves",
        index + 1
    );
}

#[test]
fn a_papers_words_are_found_where_its_pages_print_them() {
    check_paper("p01_tracemonkey", 0..3, 0.98);
    check_paper("p03_revtex_apssamp", 0..2, 0.98);
    check_paper("p05_elsarticle_5p", 0..2, 0.98);
}

/// The two files that take seconds (two million text operators drawn; a
/// decompression bomb stopped by the memory limit) only with
/// `MARGINALIA_LONG_TESTS=1`: in the debug child they take 15–40 s.
const SLOW_TO_DRAW: [&str; 2] = ["h_2M_text_ops.pdf", "h_flate_bomb_1GiB.pdf"];

#[test]
fn every_hostile_pdf_is_drawn_or_refused_within_the_childs_limits() {
    let long = std::env::var_os("MARGINALIA_LONG_TESTS").is_some();
    for file in common::corpus_files("pdf/hostile") {
        let slow = file
            .file_name()
            .is_some_and(|n| SLOW_TO_DRAW.iter().any(|s| n == *s));
        if slow && !long {
            continue;
        }
        let bytes = std::fs::read(&file).expect("the file's bytes");
        let started = std::time::Instant::now();
        let drawn = page_picture(&bytes, None, 0, 300, None);
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
        match drawn {
            Ok(picture) => assert_eq!(
                picture.rgba.len() as u32,
                picture.width_px * picture.height_px * 4,
                "{name:?}"
            ),
            Err(error) => assert!(!error.to_string().is_empty(), "{name:?}"),
        }
        eprintln!("{name:?}: {:?}", started.elapsed());
    }
}
