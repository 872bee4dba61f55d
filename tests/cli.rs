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
