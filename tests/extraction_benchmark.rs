//! The web-article extraction benchmark of the development set
//! (../shared/corpus/extraction: 398 public pages with ground truth, scored
//! by its own `score.py` on this build's `marginalia inspect`): each
//! figure reached is a floor, so a change that extracts worse fails. The
//! table itself is `scripts/measure-extraction.sh`.

mod common;

use std::process::Command;

/// The floors: what the benchmark reads at now, a little under.
const DRAGNET_BODY_F1: f64 = 0.922;
const READABILITY_BODY_F1: f64 = 0.974;
const SNIPPET_ACCURACY: f64 = 0.962;
const TITLES_EXACT: f64 = 0.845;

#[test]
fn the_extraction_benchmark_reads_as_well_as_before() {
    let bench = common::corpus_dir().join("extraction");
    let work = tempfile::tempdir().expect("a temporary folder");
    let summary = work.path().join("summary.json");
    let command = format!("{} inspect {{file}}", env!("CARGO_BIN_EXE_marginalia"));
    let output = Command::new("python3")
        .arg(bench.join("score.py"))
        .args(["--cmd", &command, "--name", "marginalia", "--quiet"])
        .args(["--n-bootstrap", "10", "--jobs", "2"])
        .arg("--home")
        .arg(work.path().join("home"))
        .arg("--scratch")
        .arg(work.path().join("scratch"))
        .arg("--tsv")
        .arg(work.path().join("pages.tsv"))
        .arg("--json")
        .arg(&summary)
        .output()
        .expect("python3 runs (scripts/setup-system.sh test installs it)");
    assert!(
        output.status.success(),
        "score.py: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = std::fs::read_to_string(&summary).expect("the summary is written");
    let summary: serde_json::Value = serde_json::from_str(&text).expect("the summary is JSON");
    let groups = &summary["groups"];
    let figure = |group: &str, path: &[&str]| {
        path.iter()
            .fold(&groups[group], |value, key| &value[*key])
            .as_f64()
            .unwrap_or_else(|| panic!("{group} {path:?} in {text}"))
    };
    let figures = [
        (
            "dragnet body F1",
            figure("dragnet", &["body", "f1"]),
            DRAGNET_BODY_F1,
        ),
        (
            "Readability body F1",
            figure("readability", &["body", "f1"]),
            READABILITY_BODY_F1,
        ),
        (
            "snippets accuracy",
            figure("trafilatura", &["snippets", "accuracy"]),
            SNIPPET_ACCURACY,
        ),
        ("titles exact", figure("ALL", &["title_acc"]), TITLES_EXACT),
    ];
    for (name, value, floor) in &figures {
        eprintln!("{name}: {value:.4} (floor {floor})");
    }
    let low: Vec<_> = figures
        .iter()
        .filter(|(_, value, floor)| value < floor)
        .collect();
    assert!(low.is_empty(), "extracted worse than before: {low:?}");
}
