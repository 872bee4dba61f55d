//! The command line, run as a user would run it.

mod common;

use std::process::Command;

use serde_json::Value;

fn marginalia(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .args(args)
        .output()
        .expect("run marginalia")
}

fn inspect(path: &std::path::Path) -> Value {
    let output = marginalia(&["inspect", path.to_str().unwrap()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("inspect prints JSON")
}

#[test]
fn inspect_shows_what_the_importer_understood_of_the_sample() {
    let report = inspect(&common::sample_article());
    assert_eq!(report["format"], "text");
    assert_eq!(
        report["title"],
        "Kerry-Lavrov meeting depends on Moscow's stance"
    );
    assert_eq!(report["source"], "World Bulletin/News Desk");
    let blocks = report["blocks"].as_array().unwrap();
    let kind_of = |text: &str| {
        blocks
            .iter()
            .filter(|b| b["text"].as_str().unwrap().starts_with(text))
            .map(|b| b["kind"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        kind_of("Kerry-Lavrov meeting depends"),
        ["title"],
        "headline once"
    );
    assert_eq!(kind_of("The State Department said Kerry told"), ["lead"]);
    assert_eq!(kind_of("World Bulletin/News Desk"), ["source"]);
    assert_eq!(kind_of("'NO, NO, NO, NO, NO'"), ["heading"]);
    assert_eq!(kind_of("\"The point is we're not going"), ["quote"]);
    assert_eq!(kind_of("\"We are long past the days"), ["quote"]);
    assert_eq!(kind_of("Last Mod: 11 Mart 2014"), ["furniture"]);
    assert_eq!(kind_of("Add Comment"), ["furniture"]);
    assert_eq!(kind_of("Separately, Psaki told"), ["paragraph"]);

    let mut previous_end = 0;
    for block in blocks {
        let (start, end) = (
            block["start"].as_u64().unwrap(),
            block["end"].as_u64().unwrap(),
        );
        let text = block["text"].as_str().unwrap();
        assert_eq!((end - start) as usize, text.chars().count(), "{text}");
        assert!(start >= previous_end);
        previous_end = end;
        assert!(!text.contains('\u{00A0}'), "NBSP left in {text:?}");
        assert!(!text.ends_with(' '));
    }
    assert_eq!(report["text_chars"].as_u64(), Some(previous_end));
}

#[test]
fn bad_input_exits_non_zero_with_a_message_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("picture.txt");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10").unwrap();
    let missing = dir.path().join("missing.txt");
    for (path, problem) in [
        (&missing, "no such file"),
        (&dir.path().to_path_buf(), "is a folder"),
        (&binary, "binary file"),
    ] {
        let output = marginalia(&["inspect", path.to_str().unwrap()]);
        assert!(!output.status.success(), "{path:?} should fail");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(path.to_str().unwrap()), "{stderr}");
        assert!(stderr.contains(problem), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_reported() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked.txt");
    std::fs::write(&locked, "secret").unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_ok() {
        return; // Running as root: permissions do not stop reading.
    }
    let output = marginalia(&["inspect", locked.to_str().unwrap()]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot be read"));
}

#[test]
fn help_and_version() {
    let help = marginalia(&["--help"]);
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("inspect"));
    let version = marginalia(&["--version"]);
    assert!(version.status.success());
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("marginalia {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn encodings_and_line_ends_are_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Caf\u{e9} society\r\n\r\nThe na\u{ef}ve r\u{e9}sum\u{e9} was \u{201c}quoted\u{201d} here.\r\n";
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    let (latin, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend_from_slice(text.replace("\r\n", "\r").as_bytes());
    for (name, bytes) in [
        ("utf16.txt", utf16),
        ("cp1252.txt", latin.into_owned()),
        ("bom-cr.txt", with_bom),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let report = inspect(&path);
        assert_eq!(report["title"], "Caf\u{e9} society", "{name}");
        assert_eq!(
            report["blocks"][1]["text"],
            "The na\u{ef}ve r\u{e9}sum\u{e9} was \u{201c}quoted\u{201d} here.",
            "{name}"
        );
    }
}

const HYPOTHESIS_EXPORT: &str = r#"[
 {"id": "hyp-1", "created": "2026-11-20T10:00:00Z", "updated": "2026-11-20T10:05:00Z",
  "text": "The core condition.", "tags": ["diplomacy"],
  "target": [{"source": "x", "selector": [{"type": "TextQuoteSelector",
    "exact": "needed to know Moscow would engage seriously on a diplomatic solution",
    "prefix": "about Ukraine but said it ", "suffix": "."}]}]},
 {"id": "hyp-2", "created": "2026-11-20T10:01:00Z", "text": "",
  "target": [{"source": "x", "selector": [{"type": "TextPositionSelector", "start": 3198, "end": 3290},
    {"type": "TextQuoteSelector", "exact": "We are long past the days when borders can be redrawn over the heads of elected governments"}]}]},
 {"id": "hyp-3", "created": "2026-11-20T10:02:00Z", "text": "Edited since",
  "target": [{"source": "x", "selector": [{"type": "TextQuoteSelector",
    "exact": "Unidentified armed men fired into the air as they moved into a Ukrainian naval post"}]}]},
 {"id": "hyp-4", "created": "2026-11-20T10:03:00Z", "text": "Gone",
  "target": [{"source": "x", "selector": [{"type": "TextQuoteSelector",
    "exact": "This sentence appears nowhere in the article at all."}]}]}
]"#;

fn article_copy(dir: &std::path::Path) -> std::path::PathBuf {
    let article = dir.join("kerry-lavrov-meeting.txt");
    std::fs::copy(common::sample_article(), &article).unwrap();
    article
}

#[test]
fn import_anchors_each_annotation_and_says_where_they_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let article = article_copy(dir.path());
    let json = dir.path().join("hypothesis.json");
    std::fs::write(&json, HYPOTHESIS_EXPORT).unwrap();
    let output = marginalia(&["import", article.to_str().unwrap(), json.to_str().unwrap()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("Imported 4 annotations") && stdout.contains("1 fuzzy, 1 orphaned"),
        "{stdout}"
    );
    let sidecar = dir.path().join("kerry-lavrov-meeting.txt.annotations.ron");
    assert!(
        stdout.contains(&format!("kept in {}", sidecar.display())),
        "{stdout}"
    );
    let before = std::fs::read(&sidecar).unwrap();

    // The same file again: merged by id, not doubled, nothing rewritten.
    let again = marginalia(&["import", article.to_str().unwrap(), json.to_str().unwrap()]);
    assert!(again.status.success());
    assert_eq!(std::fs::read(&sidecar).unwrap(), before);
}

#[test]
fn export_writes_w3c_markdown_and_ron_and_w3c_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let article = article_copy(dir.path());
    let json = dir.path().join("hypothesis.json");
    std::fs::write(&json, HYPOTHESIS_EXPORT).unwrap();
    assert!(
        marginalia(&["import", article.to_str().unwrap(), json.to_str().unwrap()])
            .status
            .success()
    );
    let a = article.to_str().unwrap();

    let w3c = marginalia(&["export", a, "--format", "w3c"]);
    assert!(w3c.status.success());
    let page: Value = serde_json::from_slice(&w3c.stdout).unwrap();
    assert_eq!(page["type"], "AnnotationPage");
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 4);
    let statuses: Vec<&str> = items
        .iter()
        .map(|i| i["anchorStatus"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["anchored", "fuzzy", "anchored", "orphaned"]);
    let first = &items[0];
    assert!(first["id"].as_str().unwrap().starts_with("urn:uuid:"));
    assert_eq!(first["target"]["selector"][0]["type"], "TextQuoteSelector");
    assert_eq!(
        first["target"]["selector"][1]["type"],
        "TextPositionSelector"
    );
    assert!(
        first["target"]["source"]
            .as_str()
            .unwrap()
            .starts_with("file:///")
    );
    assert_eq!(first["body"][1]["purpose"], "tagging");

    let markdown = marginalia(&["export", a, "--format", "markdown"]);
    let markdown = String::from_utf8_lossy(&markdown.stdout);
    assert!(
        markdown.starts_with("# Kerry-Lavrov meeting depends on Moscow's stance\n"),
        "{markdown}"
    );
    assert!(
        markdown.contains("> needed to know Moscow would engage seriously"),
        "{markdown}"
    );
    assert!(markdown.contains("Tags: #diplomacy"), "{markdown}");

    let ron_file = dir.path().join("copy.ron");
    let ron = marginalia(&[
        "export",
        a,
        "--format",
        "ron",
        "-o",
        ron_file.to_str().unwrap(),
    ]);
    assert!(ron.status.success());
    assert!(
        std::fs::read_to_string(&ron_file)
            .unwrap()
            .contains("format: \"marginalia-annotations\"")
    );

    // Importing the W3C export into a fresh copy gives the same annotations.
    let other_dir = tempfile::tempdir().unwrap();
    let other = article_copy(other_dir.path());
    let exported = other_dir.path().join("export.json");
    std::fs::write(&exported, &w3c.stdout).unwrap();
    assert!(
        marginalia(&[
            "import",
            other.to_str().unwrap(),
            exported.to_str().unwrap()
        ])
        .status
        .success()
    );
    let again = marginalia(&["export", other.to_str().unwrap(), "--format", "ron"]);
    let original = marginalia(&["export", a, "--format", "ron"]);
    assert_eq!(
        String::from_utf8_lossy(&again.stdout),
        String::from_utf8_lossy(&original.stdout)
    );
}

#[test]
fn import_and_export_errors_name_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let article = article_copy(dir.path());
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"hello\": 1}").unwrap();
    let output = marginalia(&["import", article.to_str().unwrap(), bad.to_str().unwrap()]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(bad.to_str().unwrap()) && stderr.contains("no annotations"),
        "{stderr}"
    );

    let sidecar = dir.path().join("kerry-lavrov-meeting.txt.annotations.ron");
    std::fs::write(&sidecar, "(broken").unwrap();
    let output = marginalia(&["export", article.to_str().unwrap(), "--format", "w3c"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("{}:1:", sidecar.display())),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&sidecar).unwrap(), "(broken");
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_keeps_the_sidecar_in_the_data_folder() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("read-only");
    std::fs::create_dir(&folder).unwrap();
    let article = article_copy(&folder);
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let json = dir.path().join("h.json");
    std::fs::write(&json, HYPOTHESIS_EXPORT).unwrap();
    for path in [dir.path(), &data] {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o777)).unwrap();
    }
    std::fs::set_permissions(&json, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();

    // Root writes anywhere: run as nobody then, as a user would be.
    let output = common::marginalia_as(true)
        .args(["import", article.to_str().unwrap(), json.to_str().unwrap()])
        .env("MARGINALIA_DATA_DIR", &data)
        .output()
        .unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let kept: Vec<_> = std::fs::read_dir(data.join("sidecars"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".annotations.ron"))
        .collect();
    assert_eq!(kept.len(), 1, "{stdout}");
    let sidecar = kept[0].clone();
    assert!(
        sidecar
            .to_string_lossy()
            .ends_with("-kerry-lavrov-meeting.txt.annotations.ron")
    );
    assert!(
        stdout.contains(&format!("kept in {}", sidecar.display())),
        "{stdout}"
    );
    assert!(
        !folder
            .join("kerry-lavrov-meeting.txt.annotations.ron")
            .exists()
    );
}
