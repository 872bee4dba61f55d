//! Never lose, round 3: files that are not ours (a newer version, a FIFO or
//! a device given as output), our own small files turned hostile, pictures
//! and front matter that would read or expand without bound, and times
//! past the calendar's end.

mod common;

use common::{fifo, highlight, sample_in_temp};

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use marginalia::document::PictureSource;
use marginalia::import::{import_bytes, picture_bytes};
use marginalia::store::{AnnotationStore, read_sidecar, sidecar_path_beside};

fn marginalia(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .args(args)
        .output()
        .expect("run marginalia")
}

/// The sample with one highlight saved in its sidecar.
fn annotated_sample() -> (tempfile::TempDir, PathBuf) {
    let (dir, article, document) = sample_in_temp();
    let mut store = AnnotationStore::open(&article, &document);
    store.add(highlight(&document, "Cold War"));
    store.save_now(&document).unwrap();
    (dir, article)
}

// 11. A newer version's sidecar is never rewritten by a merge.

#[test]
fn merge_sidecar_refuses_a_newer_version_and_leaves_it() {
    let (dir, article) = annotated_sample();
    let sidecar = std::fs::read_to_string(sidecar_path_beside(&article)).unwrap();
    let newer = sidecar.replace("version: 1,", "version: 2,");
    assert_ne!(newer, sidecar);
    let ours = dir.path().join("ours.ron");
    let theirs = dir.path().join("theirs.ron");
    let base = dir.path().join("base.ron");
    std::fs::write(&ours, &newer).unwrap();
    std::fs::write(&theirs, &sidecar).unwrap();
    std::fs::write(&base, "").unwrap();
    let path = |p: &Path| p.to_str().unwrap().to_owned();
    let output = marginalia(&["merge-sidecar", &path(&base), &path(&ours), &path(&theirs)]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("ours.ron") && stderr.contains("newer"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&ours).unwrap(),
        newer,
        "left as it was"
    );
    // Theirs newer: ours is not rewritten either.
    std::fs::write(&ours, &sidecar).unwrap();
    std::fs::write(&theirs, &newer).unwrap();
    let output = marginalia(&["merge-sidecar", &path(&base), &path(&ours), &path(&theirs)]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&ours).unwrap(), sidecar);
}

// 12. `export -o` to a FIFO or a device streams into it.

#[test]
fn export_into_a_fifo_or_stdout_streams_and_never_replaces_it() {
    let (dir, article) = annotated_sample();
    let pipe = dir.path().join("pipe");
    fifo(&pipe);
    let (read, was_read) = std::sync::mpsc::channel();
    {
        let pipe = pipe.clone();
        std::thread::spawn(move || read.send(std::fs::read_to_string(pipe).unwrap()));
    }
    // Give the reader time to open its end.
    std::thread::sleep(Duration::from_millis(200));
    let export_to = |output: &str, force: bool| {
        let article = article.to_str().unwrap();
        let mut args = vec!["export", article, "--format", "markdown", "-o", output];
        args.extend(force.then_some("--force"));
        let output = marginalia(&args);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        output
    };
    export_to(pipe.to_str().unwrap(), true);
    let streamed = was_read
        .recv_timeout(Duration::from_secs(5))
        .expect("the export is written into the FIFO");
    assert!(streamed.contains("> Cold War"), "{streamed}");
    let kind = std::fs::symlink_metadata(&pipe).unwrap().file_type();
    assert!(
        std::os::unix::fs::FileTypeExt::is_fifo(&kind),
        "still a FIFO"
    );

    let output = export_to("/dev/stdout", false);
    assert!(String::from_utf8_lossy(&output.stdout).contains("> Cold War"));

    // A FIFO nobody reads is refused at once, never waited on.
    let start = Instant::now();
    let output = marginalia(&[
        "export",
        article.to_str().unwrap(),
        "-o",
        pipe.to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("nobody reads"));
    assert!(start.elapsed() < Duration::from_secs(10));
}

// 15. A time past the calendar's end never makes a sidecar unreadable.

#[test]
fn a_time_past_year_9999_is_clamped_and_the_other_annotations_read() {
    let (_dir, article) = annotated_sample();
    let path = sidecar_path_beside(&article);
    let text = std::fs::read_to_string(&path).unwrap();
    let created = text
        .split("created: \"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    std::fs::write(&path, text.replace(&created, "9999-12-31T23:59:59Z")).unwrap();
    let sidecar = read_sidecar(&path).expect("readable").unwrap();
    assert_eq!(sidecar.set.len(), 1);
    let annotation = sidecar.set.iter().next().unwrap();
    assert_eq!(annotation.created, jiff::Timestamp::MAX);
    assert_eq!(annotation.anchor.exact, "Cold War");
}

// 5. A YAML alias bomb in front matter.

#[test]
fn a_front_matter_alias_bomb_imports_as_a_plain_article() {
    let mut yaml = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..10 {
        let items = vec![format!("*a{}", level - 1); 10].join(", ");
        yaml.push_str(&format!("a{level}: &a{level} [{items}]\n"));
    }
    let markdown = format!("---\ntitle: Laughs\n{yaml}---\n\n# Heading\n\nThe body text.\n");
    let start = Instant::now();
    let document = import_bytes(markdown.as_bytes(), Some(Path::new("bomb.md"))).unwrap();
    assert!(document.text().contains("The body text."));
    assert!(start.elapsed() < Duration::from_secs(10));
}

// 7. A picture that is a FIFO, or a link to a device.

#[test]
fn a_picture_that_is_a_fifo_or_a_device_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("picture.png");
    fifo(&pipe);
    let zero = dir.path().join("zero.png");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    for path in [pipe, zero] {
        let (done, finished) = std::sync::mpsc::channel();
        let source = PictureSource::File(path.clone());
        std::thread::spawn(move || done.send(picture_bytes(&source).map(|b| b.len())));
        let read = finished
            .recv_timeout(Duration::from_secs(5))
            .unwrap_or_else(|_| panic!("{} was waited on", path.display()));
        let error = read.unwrap_err();
        assert!(error.contains("not a regular file"), "{error}");
    }
}

// 8. One huge paragraph is laid out in pieces.

#[test]
fn a_megabyte_line_is_kept_in_pieces_the_reader_lays_out_one_by_one() {
    use marginalia::document::pieces::MAX_PIECE_CHARS;
    let line = "All work and no play makes Jack a dull boy. ".repeat(24_000);
    let document = import_bytes(line.as_bytes(), Some(Path::new("jack.txt"))).unwrap();
    assert_eq!(document.text(), line.trim_end(), "the text as it was");
    let blocks = document.blocks();
    assert!(blocks.len() > 100, "{} blocks", blocks.len());
    assert!(blocks.iter().all(|b| b.char_len() <= MAX_PIECE_CHARS));
    assert!(blocks[1..].iter().all(|b| b.continues));
}

// 4. Our own small files turned hostile.

/// Runs `marginalia ARGS` with its data and cache in `dir`, within 20 s.
fn marginalia_in(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .args(args)
        .env("MARGINALIA_DATA_DIR", dir.join("data"))
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run marginalia");
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("marginalia {args:?} did not end within 20 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

#[test]
fn a_fifo_or_a_device_as_the_library_s_own_files_is_named_not_waited_on() {
    for (name, hostile) in [
        ("reading-state.ron", "fifo"),
        ("reading-state.ron", "/dev/zero"),
        ("library-folders.ron", "/dev/zero"),
        ("library-folders.ron", "fifo"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir_all(&data).unwrap();
        let path = data.join(name);
        match hostile {
            "fifo" => fifo(&path),
            device => std::os::unix::fs::symlink(device, &path).unwrap(),
        }
        let output = marginalia_in(dir.path(), &["library", "scan"]);
        assert!(!output.status.success(), "{name} as {hostile}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(name) && stderr.contains("not a regular file"),
            "{name} as {hostile}: {stderr}"
        );
    }
}

#[test]
fn a_damaged_folder_list_is_never_replaced_when_a_folder_is_added() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let list = data.join("library-folders.ron");
    let damaged = "(folders: [\"/a\", \"/b\", \"/c\"";
    std::fs::write(&list, damaged).unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    let output = marginalia_in(dir.path(), &["library", "add", articles.to_str().unwrap()]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("library-folders.ron"));
    assert_eq!(std::fs::read_to_string(&list).unwrap(), damaged);
}

#[test]
fn in_the_window_a_damaged_folder_list_is_never_replaced_by_the_folder_added() {
    use marginalia::library::{LibraryNews, LibraryPaths, LibraryRequest, LibraryService};
    let dir = tempfile::tempdir().unwrap();
    let paths = LibraryPaths::in_folder(&dir.path().join("lib"));
    std::fs::create_dir_all(dir.path().join("lib")).unwrap();
    let damaged = "(folders: [\"/a\", \"/b\", \"/c\"";
    std::fs::write(&paths.folders, damaged).unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    let service = LibraryService::start(paths.clone(), |_| {});
    service.send(LibraryRequest::AddFolders(vec![articles.clone()]));
    service.send(LibraryRequest::RemoveFolder(PathBuf::from("/a")));
    let start = Instant::now();
    let mut problems = Vec::new();
    while problems.len() < 3 && start.elapsed() < Duration::from_secs(10) {
        if let Some(LibraryNews::Problem(problem)) = service.wait_news(Duration::from_millis(200)) {
            problems.push(problem);
        }
    }
    assert_eq!(
        std::fs::read_to_string(&paths.folders).unwrap(),
        damaged,
        "the three folders it lists are not replaced by one: {problems:?}"
    );
    assert!(
        problems
            .iter()
            .filter(|p| p.contains("library-folders.ron") && p.contains("not changed"))
            .count()
            >= 2,
        "the add and the removal are refused, naming the file: {problems:?}"
    );
}
