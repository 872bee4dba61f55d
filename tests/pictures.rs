//! Pictures: figure blocks from an EPUB and from a saved page's own files
//! and `data:` URIs, remote pictures never fetched (a server on 127.0.0.1
//! sees no request while the app shows the page), and a figure drawn with
//! its caption (a snapshot).

mod common;

use std::io::Cursor;
use std::net::TcpListener;
use std::path::Path;

use marginalia::document::{BlockKind, Document, NO_CAPTION, PictureSource};
use marginalia::import::{import_path, picture_bytes};
use marginalia::ui::StartWith;

/// A PNG of one colour with a darker frame, `width` × `height`.
fn png(width: u32, height: u32) -> Vec<u8> {
    let picture = image::RgbaImage::from_fn(width, height, |x, y| {
        let edge = x < 4 || y < 4 || x + 4 >= width || y + 4 >= height;
        if edge {
            image::Rgba([40, 70, 120, 255])
        } else {
            image::Rgba([120, 170, 220, 255])
        }
    });
    let mut bytes = Vec::new();
    picture
        .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png)
        .unwrap();
    bytes
}

fn figures(document: &Document) -> Vec<(usize, &str)> {
    document
        .blocks()
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b.kind, BlockKind::Figure { .. }))
        .map(|(i, _)| (i, document.block_text(i)))
        .collect()
}

#[test]
fn an_epub_shows_its_pictures_with_their_captions() {
    let alice = import_path(&common::corpus_dir().join("epub/alice.epub")).unwrap();
    let figures = figures(&alice);
    assert!(figures.len() >= 20, "{} figures", figures.len());
    for (index, _) in &figures {
        let picture = alice.picture_of(*index).unwrap();
        assert!(
            matches!(picture.source, PictureSource::Entry { .. }),
            "{:?} is an entry of the book",
            picture.src
        );
        let bytes = picture_bytes(&picture.source).expect("the entry inflates");
        assert!(
            image::load_from_memory(&bytes).is_ok(),
            "{} does not decode",
            picture.src
        );
    }
    let duchess = figures
        .iter()
        .find(|(_, text)| *text == "Alice in the Room of the Duchess.")
        .expect("the plate's caption");
    let next = alice.block_text(duchess.0 + 1);
    assert_ne!(
        next, duchess.1,
        "the caption is not repeated as a paragraph"
    );
    assert!(
        figures.iter().any(|(_, text)| *text == NO_CAPTION),
        "a picture without a caption keeps no label-like alt text (\"Illo1\")"
    );
}

/// A saved page with a picture beside it, a `data:` picture and a remote one.
fn saved_page(dir: &Path, remote: &str) -> std::path::PathBuf {
    std::fs::create_dir_all(dir.join("Page_files")).unwrap();
    std::fs::write(dir.join("Page_files/harbour at dawn.png"), png(480, 240)).unwrap();
    let small = png(120, 60);
    let data_uri = format!(
        "data:image/png;base64,{}",
        base64_of(&small) // encoded by hand below
    );
    let html = format!(
        r#"<!doctype html><html><head><title>Harbour notes</title></head><body><article>
        <h1>Harbour notes</h1>
        <p>The boats came in before the light, as they do every morning in the
        season, and the harbour filled with the sound of engines and gulls.</p>
        <figure><span class="visually-hidden">Photo</span>
          <img src="Page_files/harbour%20at%20dawn.png" alt="Boats at the quay" width="480" height="240">
          <figcaption>The harbour at dawn, before the market opens.</figcaption></figure>
        <p>By seven the market was open and the first crates were on the quay,
        weighed and tagged and sold to the restaurants of the town.</p>
        <figure><img src="{data_uri}" alt="A small chart"><figcaption>Catches by month.</figcaption></figure>
        <figure><img src="{remote}" alt="The fish market from above"><figcaption>The market, seen from the hill.</figcaption></figure>
        <p>In the afternoon the harbour is quiet again, and the nets are mended
        on the quay by those who will go out again the next morning.</p>
        </article></body></html>"#
    );
    let page = dir.join("Page.html");
    std::fs::write(&page, html).unwrap();
    page
}

fn base64_of(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[test]
fn a_saved_page_shows_its_own_pictures_and_names_remote_ones() {
    let dir = tempfile::tempdir().unwrap();
    let page = saved_page(dir.path(), "https://example.org/market.jpg");
    let document = import_path(&page).unwrap();
    let figures = figures(&document);
    let captions: Vec<&str> = figures.iter().map(|(_, text)| *text).collect();
    assert_eq!(
        captions,
        [
            "The harbour at dawn, before the market opens.",
            "Catches by month.",
            "The market, seen from the hill."
        ]
    );
    let sources: Vec<&PictureSource> = figures
        .iter()
        .map(|(i, _)| &document.picture_of(*i).unwrap().source)
        .collect();
    assert_eq!(
        sources[0],
        &PictureSource::File(dir.path().join("Page_files/harbour at dawn.png"))
    );
    assert!(matches!(sources[1], PictureSource::Bytes(b) if image::load_from_memory(b).is_ok()));
    assert_eq!(
        sources[2],
        &PictureSource::Remote("https://example.org/market.jpg".into())
    );
    assert!(!document.text().contains("Photo"), "{}", document.text());
}

#[test]
fn a_remote_picture_is_never_fetched_and_a_picture_is_drawn_with_its_caption() {
    let server = TcpListener::bind("127.0.0.1:0").unwrap();
    server.set_nonblocking(true).unwrap();
    let remote = format!("http://{}/market.jpg", server.local_addr().unwrap());
    let dir = tempfile::tempdir().unwrap();
    let page = saved_page(dir.path(), &remote);
    let mut harness = common::app::app(StartWith::File(page), [760.0, 900.0]);
    common::app::settle_pictures(&mut harness);
    match server.accept() {
        Err(error) if error.kind() == std::io::ErrorKind::WouldBlock => {}
        other => panic!("the remote picture was fetched: {other:?}"),
    }
    harness.snapshot("picture_with_caption");
}

#[test]
fn a_row_of_badges_on_the_web_is_one_quiet_line_not_a_frame_each() {
    let dir = tempfile::tempdir().unwrap();
    let readme = dir.path().join("README.md");
    std::fs::write(
        &readme,
        "# Tool\n\n[![Build Status](https://img.shields.io/github/actions/workflow/status/x/y/ci.yml)](https://github.com/x/y/actions) \
         [![Crates.io](https://img.shields.io/crates/v/y.svg)](https://crates.io/crates/y) \
         [![Docs](https://docs.rs/y/badge.svg)](https://docs.rs/y)\n\nA tool that does things.\n",
    )
    .unwrap();
    let mut harness = common::app::app(StartWith::File(readme), [760.0, 700.0]);
    common::app::settle_pictures(&mut harness);
    use egui_kittest::kittest::Queryable as _;
    let first_sentence = harness.get_by_label("A tool that does things.").rect();
    harness.snapshot("badges_in_one_line");
    assert!(
        first_sentence.top() < 400.0,
        "the text starts at {}",
        first_sentence.top()
    );
}

/// A README's badges on the computer: small pictures stand in one line at
/// text height (not a figure each with its alt text under it), and a badge
/// that is a link follows it.
#[test]
fn small_pictures_stand_in_a_line_at_text_height_and_follow_their_links() {
    use egui_kittest::kittest::Queryable as _;
    let dir = tempfile::tempdir().unwrap();
    let dir = std::fs::canonicalize(dir.path()).unwrap();
    for (name, width) in [("build", 90), ("crates", 110), ("docs", 80)] {
        std::fs::write(dir.join(format!("{name}.png")), png(width, 20)).unwrap();
    }
    let install = dir.join("install.md");
    std::fs::write(&install, "# Installing\n\nRun the installer.\n").unwrap();
    let readme = dir.join("README.md");
    std::fs::write(
        &readme,
        "# Tool\n\n[![build](build.png)](install.md) [![crates io](crates.png)](https://crates.io/crates/y) \
         ![docs](docs.png)\n\nA tool that does things.\n",
    )
    .unwrap();
    let mut harness = common::app::app(StartWith::File(readme), [760.0, 700.0]);
    common::app::settle_pictures(&mut harness);
    let title = harness.get_by_label("Tool").rect();
    let sentence = harness.get_by_label("A tool that does things.").rect();
    assert!(
        sentence.top() - title.bottom() < 90.0,
        "one line of badges between the title and the text: {title:?} {sentence:?}"
    );
    harness.snapshot("small_pictures_in_a_line");
    // The run's first block: its text (the alt text) is invisible, at the
    // foot of the badges' line.
    let run = harness.get_by_label("build").rect();
    let first_badge = eframe::egui::pos2(sentence.left() + 10.0, run.top() - 10.0);
    harness.hover_at(first_badge);
    // Tooltips wait for the pointer to rest.
    harness.run_steps(60);
    harness.get_by_label_contains("Opens install.md");
    common::app::click_released_last(&mut harness, first_badge);
    common::app::step_until(&mut harness, "the badge's link to open", |app| {
        !app.is_opening() && app.document_path() == Some(install.as_path())
    });
}
