//! Marginalia as a desktop citizen: the desktop entry and AppStream
//! metadata validate, the man pages and completions are those of the
//! command line, the window has its icon, several files open together and
//! Help ▸ About says where things are kept.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use clap::CommandFactory as _;
use egui_kittest::kittest::Queryable as _;
use marginalia::cli::Cli;
use marginalia::install_files::install_files;
use marginalia::ui::{StartWith, window_icon};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const DESKTOP_ENTRY: &str = "assets/desktop/marginalia.desktop";
const METAINFO: &str = "assets/desktop/io.github.marginalia_reader.Marginalia.metainfo.xml";

/// Runs a validator the test script installs (scripts/setup-system.sh test).
fn validate(program: &str, args: &[&str]) -> String {
    let output = Process::new(program).args(args).current_dir(ROOT).output();
    let output = output.unwrap_or_else(|error| {
        panic!("*** {program} is missing ({error}): scripts/setup-system.sh test installs it ***")
    });
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.status.success(),
        "{program} {args:?} failed:\n{said}"
    );
    said
}

#[test]
fn the_desktop_entry_validates_and_opens_every_article_format() {
    let said = validate("desktop-file-validate", &[DESKTOP_ENTRY]);
    assert!(
        !said.contains("error") && !said.contains("warning"),
        "{said}"
    );
    let entry = std::fs::read_to_string(Path::new(ROOT).join(DESKTOP_ENTRY)).unwrap();
    assert!(entry.contains("\nExec=marginalia %F\n"), "{entry}");
    assert!(entry.contains("\nIcon=marginalia\n"), "{entry}");
    for mime in [
        "text/plain",
        "text/markdown",
        "text/html",
        "application/xhtml+xml",
        "application/epub+zip",
        "application/pdf",
    ] {
        assert!(
            entry.contains(&format!("{mime};")),
            "{mime} missing:\n{entry}"
        );
    }
}

#[test]
fn the_appstream_metadata_validates_and_names_the_desktop_entry() {
    let said = validate("appstreamcli", &["validate", "--no-net", METAINFO]);
    assert!(!said.contains("E:") && !said.contains("W:"), "{said}");
    let metainfo = std::fs::read_to_string(Path::new(ROOT).join(METAINFO)).unwrap();
    assert!(metainfo.contains(r#"<launchable type="desktop-id">marginalia.desktop</launchable>"#));
    assert!(metainfo.contains("<screenshot type=\"default\">"));
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        metainfo.contains(&format!("<release version=\"{version}\"")),
        "the metainfo's releases must list {version}"
    );
}

#[test]
fn the_man_page_lists_every_subcommand_and_each_has_its_own() {
    let files = install_files().unwrap();
    let page = |name: &str| -> String {
        let path = PathBuf::from("man/man1").join(name);
        let file = files.iter().find(|f| f.path == path);
        String::from_utf8(file.unwrap_or_else(|| panic!("no {name}")).bytes.clone()).unwrap()
    };
    let main = page("marginalia.1");
    let visible: Vec<String> = Cli::command()
        .get_subcommands()
        .filter(|sub| !sub.is_hide_set())
        .map(|sub| sub.get_name().to_owned())
        .collect();
    assert!(visible.len() >= 3, "{visible:?}");
    for name in &visible {
        assert!(
            main.contains(&format!("marginalia\\-{}(1)", name.replace('-', "\\-"))),
            "{name}:\n{main}"
        );
        let own = page(&format!("marginalia-{name}.1"));
        assert!(
            own.contains(".SH OPTIONS") || own.contains(".SH SYNOPSIS"),
            "{own}"
        );
    }
    for section in [
        ".SH FILES",
        ".SH ENVIRONMENT",
        ".SH KEYS",
        "MARGINALIA_DATA_DIR",
    ] {
        assert!(main.contains(section), "{section} missing:\n{main}");
    }
}

#[test]
fn the_packaged_man_pages_and_completions_are_those_of_the_command_line() {
    for file in install_files().unwrap() {
        let committed = Path::new(ROOT).join("assets").join(&file.path);
        let on_disk = std::fs::read(&committed).unwrap_or_default();
        assert!(
            on_disk == file.bytes,
            "{} is not what the command line generates: run `cargo run --release -- install-files assets`",
            committed.display()
        );
    }
}

#[test]
fn the_window_icon_is_the_rendered_svg() {
    let icon = window_icon().expect("the bundled icon decodes");
    assert_eq!((icon.width, icon.height), (128, 128));
    // The highlight's yellow is in the middle of the page.
    let at = |x: u32, y: u32| {
        let i = ((y * icon.width + x) * 4) as usize;
        [
            icon.rgba[i],
            icon.rgba[i + 1],
            icon.rgba[i + 2],
            icon.rgba[i + 3],
        ]
    };
    assert_eq!(at(40, 52), [0xff, 0xc9, 0x28, 0xff]);
    // The corner outside the page is transparent.
    assert_eq!(at(127, 0)[3], 0);
}

#[test]
fn several_articles_open_the_first_and_list_the_others() {
    let (dir, first) = common::app::article_in_temp();
    let second = dir.path().join("second.md");
    std::fs::write(&second, "# Second\n\nA short article.\n").unwrap();
    let missing = dir.path().join("missing.md");
    let harness = common::app::app(
        StartWith::Articles(vec![first.clone(), second.clone(), missing.clone()]),
        [900.0, 700.0],
    );
    let app = harness.state();
    assert_eq!(app.document_path(), Some(first.as_path()));
    let recent: Vec<&Path> = app
        .settings()
        .recent
        .iter()
        .map(|r| r.path.as_path())
        .collect();
    let second = std::fs::canonicalize(&second).unwrap();
    assert_eq!(recent, [first.as_path(), second.as_path()]);
    assert_eq!(app.settings().recent[1].title, "second.md");
    let banner = app.banner().unwrap_or_default();
    assert!(
        banner.contains("Open Recent") && banner.contains("second.md"),
        "{banner}"
    );
    assert!(
        banner.contains(&format!("{}: not found", missing.display())),
        "{banner}"
    );
}

#[test]
fn help_about_shows_the_version_and_where_annotations_are_kept() {
    let (_dir, article) = common::app::article_in_temp();
    let mut harness = common::app::app(StartWith::File(article.clone()), [1000.0, 700.0]);
    harness.get_by_label("Help").click();
    harness.run_steps(2);
    harness.get_by_label("About Marginalia").click();
    harness.run_steps(3);
    harness.get_by_label(&format!("Marginalia {}", env!("CARGO_PKG_VERSION")));
    harness.get_by_label(&format!("Licence: {}", env!("CARGO_PKG_LICENSE")));
    let sidecar = common::app::sidecar_of(&article);
    harness.get_by_label(&sidecar.display().to_string());
    harness.get_by_label_contains("(recent files, theme, text size)");
    // The article's folder exists: it can be shown in the file manager.
    harness
        .get_all_by_label("Open Folder")
        .next()
        .expect("an Open Folder button");
}
