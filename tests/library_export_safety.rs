//! The library's Markdown export never loses and never escapes: long
//! titles, links in the export folder, an earlier export that cannot be
//! read, copies of one article, and games with the markers.

mod common;

#[test]
fn a_title_of_emoji_a_dangling_link_and_an_unreadable_export_never_stop_or_escape_the_export() {
    use common::library::{annotated, indexed, library};
    use marginalia::annotate::HighlightColor;
    use marginalia::library::{LibraryExportFormat, export_library};
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    let out = dir.path().join("vault");
    library(&root);
    // 80 emoji: 320 bytes, past what one file name may hold.
    let emoji = "🖌".repeat(80);
    annotated(
        &root.join("art"),
        "brush.md",
        &format!("# {emoji}\n\nPaint the fence before the rain.\n"),
        &[("Paint the fence", HighlightColor::Green, "chores", &[])],
    );
    // Where the harbour's export would go: a dangling link out of the folder.
    std::fs::create_dir_all(&out).unwrap();
    let outside = dir.path().join("outside.md");
    std::os::unix::fs::symlink(&outside, out.join("The harbour at dawn.md")).unwrap();
    let report = export_library(
        &indexed(&root),
        &out,
        LibraryExportFormat::Markdown,
        |_, _| {},
    )
    .expect("one article's trouble never stops the export");
    assert_eq!((report.articles, report.annotations), (3, 4), "{report:?}");
    assert!(!outside.exists(), "never written through a link");
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let brush = names
        .iter()
        .find(|n| n.starts_with('🖌'))
        .expect("{names:?}");
    assert!(brush.len() <= 255 - 12, "{} bytes", brush.len());

    // An earlier export the user's editor saved as Latin-1: not read, so
    // never written over; the others are written.
    let war = out.join("Natásha at the ball.md");
    let mut bytes = std::fs::read(&war).unwrap();
    bytes.extend_from_slice(b"\nMy own words, caf\xe9.\n");
    std::fs::write(&war, &bytes).unwrap();
    let report = export_library(
        &indexed(&root),
        &out,
        LibraryExportFormat::Markdown,
        |_, _| {},
    )
    .unwrap();
    assert_eq!(std::fs::read(&war).unwrap(), bytes, "left as it is");
    assert_eq!(report.articles, 2, "{report:?}");
    assert!(
        report
            .failed
            .iter()
            .any(|(_, why)| why.contains("Natásha at the ball.md") && why.contains("left as it is")),
        "{report:?}"
    );
}

#[test]
fn every_copy_s_annotations_are_exported_and_marker_games_never_lose_or_grow_text() {
    use common::library::{WAR, annotated, indexed, library};
    use marginalia::annotate::HighlightColor;
    use marginalia::library::{LibraryExportFormat, export_library};
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    let out = dir.path().join("vault");
    library(&root);
    // A copy of war.md elsewhere, annotated on its own, with a note that
    // holds our end marker.
    annotated(
        &root.join("copies"),
        "war.md",
        WAR,
        &[(
            "foreign policy",
            HighlightColor::Pink,
            "See <!-- marginalia:end --> here.",
            &[],
        )],
    );
    let export = || {
        export_library(
            &indexed(&root),
            &out,
            LibraryExportFormat::Markdown,
            |_, _| {},
        )
        .unwrap()
    };
    let report = export();
    assert_eq!((report.articles, report.annotations), (2, 4), "{report:?}");
    let war = out.join("Natásha at the ball.md");
    let first = std::fs::read_to_string(&war).unwrap();
    assert!(first.contains("> foreign policy") && first.contains("> Natásha Rostóva danced"));
    // The forged marker changes nothing from one export to the next.
    export();
    assert_eq!(
        std::fs::read_to_string(&war).unwrap(),
        first,
        "no stale fragment"
    );

    // The user deletes our end marker and writes below: two re-exports
    // later, every word of theirs is still there.
    let edited =
        first.replace("<!-- marginalia:end -->", "") + "\nMy own paragraph, written below.\n";
    std::fs::write(&war, &edited).unwrap();
    export();
    export();
    let now = std::fs::read_to_string(&war).unwrap();
    assert!(now.contains("My own paragraph, written below."), "{now}");
    assert!(now.matches("<!-- marginalia:end -->").count() == 1, "{now}");
}
