//! Never lose, never clobber: a saving process killed with SIGKILL at random
//! moments always leaves a whole sidecar; two writers at once (two command
//! lines, and a window's store in this process) lose nothing.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use marginalia::annotate::{Annotation, HighlightColor, IndexedText};
use marginalia::import::import_path;
use marginalia::store::{AnnotationStore, read_sidecar};
use uuid::Uuid;

fn sample_in(dir: &Path) -> PathBuf {
    let article = dir.join("kerry-lavrov-meeting.txt");
    std::fs::copy(common::sample_article(), &article).unwrap();
    article
}

/// Words of the sample article to quote.
fn quotes() -> Vec<String> {
    let text = std::fs::read_to_string(common::sample_article()).unwrap();
    let words: Vec<&str> = text.split_whitespace().collect();
    words.windows(4).map(|w| w.join(" ")).collect()
}

/// A W3C page of `count` new highlights, returned with their ids.
fn page_of(count: usize, seed: usize) -> (String, Vec<Uuid>) {
    let quotes = quotes();
    let mut ids = Vec::new();
    let items: Vec<serde_json::Value> = (0..count)
        .map(|i| {
            let id = Uuid::new_v4();
            ids.push(id);
            serde_json::json!({
                "id": format!("urn:uuid:{id}"),
                "type": "Annotation",
                "created": "2026-11-27T10:00:00Z",
                "body": [{"type": "TextualBody", "value": format!("note {seed}-{i}: {}", "x".repeat(200)), "purpose": "commenting"}],
                "target": {"source": "x", "selector": [{"type": "TextQuoteSelector", "exact": quotes[(seed * 31 + i * 7) % quotes.len()]}]},
            })
        })
        .collect();
    let page = serde_json::json!({"type": "AnnotationPage", "items": items});
    (page.to_string(), ids)
}

fn import_command(article: &Path, json: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_marginalia"));
    command
        .args(["import", article.to_str().unwrap(), json.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

#[test]
fn a_save_killed_at_any_moment_leaves_a_whole_sidecar() {
    let dir = tempfile::tempdir().unwrap();
    let article = sample_in(dir.path());
    let sidecar = article.with_file_name("kerry-lavrov-meeting.txt.annotations.ron");

    // How long one import of 1,500 annotations takes here.
    let json = dir.path().join("first.json");
    std::fs::write(&json, page_of(1_500, 0).0).unwrap();
    let started = Instant::now();
    let status = import_command(&article, &json).status().unwrap();
    assert!(status.success());
    let typical = started.elapsed();
    let mut saved = read_sidecar(&sidecar).unwrap().unwrap().set.len();

    let mut killed_mid_run = 0;
    for round in 1..=40u32 {
        let json = dir.path().join(format!("round-{round}.json"));
        std::fs::write(&json, page_of(50, round as usize).0).unwrap();
        let mut child = import_command(&article, &json).spawn().unwrap();
        // Spread the kills over the whole run: reading, anchoring, writing, renaming.
        let fraction = f64::from((round * 37) % 41) / 40.0;
        std::thread::sleep(typical.mul_f64(fraction * 1.1));
        if child.try_wait().unwrap().is_none() {
            killed_mid_run += 1;
        }
        child.kill().ok(); // SIGKILL
        child.wait().unwrap();

        let sidecar_now = read_sidecar(&sidecar)
            .unwrap_or_else(|e| panic!("round {round}: the sidecar is not whole: {e}"))
            .expect("the sidecar is still there");
        let count = sidecar_now.set.len();
        assert!(
            count == saved || count == saved + 50,
            "round {round}: {saved} → {count}"
        );
        saved = count;
    }
    assert!(
        killed_mid_run >= 10,
        "only {killed_mid_run} kills landed mid-run"
    );

    // The next save cleans up what killed writers left behind.
    let json = dir.path().join("last.json");
    std::fs::write(&json, page_of(1, 99).0).unwrap();
    assert!(import_command(&article, &json).status().unwrap().success());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn two_command_lines_and_a_window_writing_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let article = sample_in(dir.path());
    let mut expected: Vec<Uuid> = Vec::new();

    // The "window": this process's store, adding and saving while the
    // command lines run.
    let window_article = article.clone();
    let window = std::thread::spawn(move || {
        let document = import_path(&window_article).unwrap();
        let mut store = AnnotationStore::open(&window_article, &document);
        let text = IndexedText::new(document.text());
        let mut ids = Vec::new();
        for i in 0..30 {
            let start = (i * 97) % (text.char_len() - 20);
            let annotation = Annotation::new(&text, start..start + 15, HighlightColor::Blue);
            ids.push(annotation.id);
            store.add(annotation);
            store.save_now(&document).unwrap();
            std::thread::sleep(Duration::from_millis(5));
        }
        ids
    });

    for round in 0..10 {
        let mut children = Vec::new();
        for writer in 0..2 {
            let (json, ids) = page_of(20, round * 2 + writer);
            expected.extend(ids);
            let path = dir.path().join(format!("w{writer}-{round}.json"));
            std::fs::write(&path, json).unwrap();
            children.push(import_command(&article, &path).spawn().unwrap());
        }
        for child in children {
            let output = child.wait_with_output().unwrap();
            assert!(
                output.status.success(),
                "{}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }
    expected.extend(window.join().unwrap());

    let sidecar = read_sidecar(&article.with_file_name("kerry-lavrov-meeting.txt.annotations.ron"))
        .unwrap()
        .unwrap();
    let missing: Vec<&Uuid> = expected
        .iter()
        .filter(|id| sidecar.set.get(**id).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "lost {} of {}: {missing:?}",
        missing.len(),
        expected.len()
    );
    assert_eq!(sidecar.set.len(), expected.len());
}
