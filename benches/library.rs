//! The library at scale (issue "The library"): a generated library of 2,000
//! articles and 100,000 annotations — articles cut from the corpus texts,
//! quotes, notes, tags and colours chosen with a fixed seed — indexed from
//! nothing; one sidecar changed and the scan that makes it searchable; 200
//! searches in-process (p50, p95); the command line's `search --json` end to
//! end; the index's size. `cargo bench --bench library`; a smaller library
//! with `LIBRARY_ARTICLES=200` (20 when the test suite runs it).

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use marginalia::annotate::{Annotation, HighlightColor, IndexedText};
use marginalia::import::import_path;
use marginalia::library::{
    Index, LibraryFolders, LibraryNews, LibraryPaths, LibraryRequest, LibraryService, Query, scan,
};
use marginalia::store::AnnotationStore;

const ANNOTATIONS_PER_ARTICLE: usize = 50;
const ARTICLE_CHARS: usize = 12_000;
const TAGS: [&str; 12] = [
    "methods", "policy", "quote", "todo", "history", "war", "family", "economy", "sources",
    "people", "places", "later",
];
const NOTE_WORDS: [&str; 16] = [
    "compare",
    "source",
    "doubtful",
    "important",
    "see",
    "earlier",
    "claim",
    "evidence",
    "contradicts",
    "sanctions",
    "translation",
    "context",
    "why",
    "date",
    "check",
    "follow",
];
const COLORS: [HighlightColor; 5] = [
    HighlightColor::Yellow,
    HighlightColor::Green,
    HighlightColor::Blue,
    HighlightColor::Pink,
    HighlightColor::Purple,
];

/// A small deterministic generator (xorshift64*).
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The corpus's texts, one after the other (decoded as the app decodes
/// them: War and Peace is Windows-1252, and "Natásha" must stay whole).
fn source_text() -> String {
    let mut text = String::new();
    for name in [
        "large/pg2600-war-and-peace.txt",
        "large/pg1399-anna-karenina.txt",
        "large/tinyshakespeare.txt",
    ] {
        let document = import_path(&common::corpus(name)).expect("corpus text");
        text.push_str(document.text());
        text.push_str("\n\n");
    }
    text
}

/// Writes `count` articles with their sidecars under `root`.
fn generate(root: &Path, count: usize) {
    let source = source_text();
    let chars: Vec<(usize, char)> = source.char_indices().collect();
    let mut random = Random(0x5eed_1e55_c0ff_ee00);
    for i in 0..count {
        let folder = root.join(format!("folder-{:02}", i % 40));
        std::fs::create_dir_all(&folder).expect("folder");
        let start = random.below(chars.len() - ARTICLE_CHARS - 1);
        let (from, to) = (chars[start].0, chars[start + ARTICLE_CHARS].0);
        let article = folder.join(format!("article-{i:04}.txt"));
        let text = format!("Article {i}\n\n{}", &source[from..to]);
        std::fs::write(&article, text).expect("article");
        let document = import_path(&article).expect("import");
        let indexed = IndexedText::new(document.text());
        let length = document.char_count();
        let mut store = AnnotationStore::open(&article, &document);
        for _ in 0..ANNOTATIONS_PER_ARTICLE {
            let start = random.below(length - 200);
            let end = start + 20 + random.below(100);
            let mut annotation = Annotation::new(&indexed, start..end, COLORS[random.below(5)]);
            if random.below(3) == 0 {
                annotation.note = (0..3 + random.below(8))
                    .map(|_| NOTE_WORDS[random.below(NOTE_WORDS.len())])
                    .collect::<Vec<_>>()
                    .join(" ");
            }
            annotation.tags = (0..random.below(3))
                .map(|_| TAGS[random.below(TAGS.len())].to_owned())
                .collect();
            annotation.tags.dedup();
            store.add(annotation);
        }
        store.save_now(&document).expect("save");
    }
}

fn main() {
    // `cargo test --all-targets` runs this without `--bench`: a small
    // library then, so the suite only checks that it works.
    let benchmarking = std::env::args().any(|arg| arg == "--bench");
    let count: usize = std::env::var("LIBRARY_ARTICLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(if benchmarking { 2000 } else { 20 });
    // `LIBRARY_KEEP=DIR` keeps the library (HOME in DIR/home) to look at
    // in the real window.
    let temporary = tempfile::tempdir().expect("temporary folder");
    let dir = std::env::var_os("LIBRARY_KEEP")
        .map(PathBuf::from)
        .unwrap_or_else(|| temporary.path().to_owned());
    let home = dir.join("home");
    let root = dir.join("articles");
    let started = Instant::now();
    if root.exists() {
        std::fs::remove_dir_all(&dir).expect("the kept library removed");
    }
    generate(&root, count);
    println!(
        "generated {count} articles, {} annotations, in {:.1} s",
        count * ANNOTATIONS_PER_ARTICLE,
        started.elapsed().as_secs_f64()
    );

    // The index where the command line looks for it.
    let index_file = home.join(".cache/marginalia/library.sqlite3");
    let started = Instant::now();
    let mut index = Index::open(&index_file).expect("index");
    let report = scan(&mut index, std::slice::from_ref(&root), &[], |_, _| {}).expect("scan");
    let full = started.elapsed();
    assert_eq!(report.indexed, count, "{:?}", report.failed);
    println!(
        "full index from nothing: {:.1} s ({} sidecars)",
        full.as_secs_f64(),
        report.sidecars
    );
    let (articles, annotations, _) = index.counts().expect("counts");
    println!("index: {articles} articles, {annotations} annotations");

    let started = Instant::now();
    let unchanged = scan(&mut index, std::slice::from_ref(&root), &[], |_, _| {}).expect("scan");
    println!(
        "re-check of {} unchanged sidecars: {:.0} ms",
        unchanged.unchanged,
        started.elapsed().as_secs_f64() * 1000.0
    );

    // One sidecar changes: a note gets a word no other has.
    let article = root.join("folder-07/article-0007.txt");
    assert!(count > 7, "LIBRARY_ARTICLES must be more than 7");
    let document = import_path(&article).expect("import");
    let mut store = AnnotationStore::open(&article, &document);
    let id = store.annotations()[0].0.id;
    store.update(id, |a| a.note = "zeppelinesque".to_owned());
    store.save_now(&document).expect("save");
    let started = Instant::now();
    scan(&mut index, std::slice::from_ref(&root), &[], |_, _| {}).expect("scan");
    let found = index
        .search(&Query::parse("zeppelinesque").expect("query"), 10)
        .expect("search");
    assert_eq!(found.len(), 1);
    println!(
        "one sidecar changed → searchable: {:.0} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );

    let queries = [
        "natasha",
        "\"the old prince\"",
        "tag:methods",
        "tag:policy -tag:later color:yellow",
        "sanctions has:note",
        "moscow in:quote",
        "evidence in:note",
        "levin in:text",
        "folder:folder-03 war",
        "after:2020-01-01 anna",
        "is:orphaned",
        "pierre tag:people",
    ];
    let mut times = Vec::new();
    for _ in 0..(200 / queries.len()).max(1) {
        for query in queries {
            let query = Query::parse(query).expect("query");
            let started = Instant::now();
            let hits = index.search(&query, 20).expect("search");
            times.push(started.elapsed());
            std::hint::black_box(hits);
        }
    }
    println!(
        "search in-process ({} searches): p50 {:.1} ms, p95 {:.1} ms",
        times.len(),
        common::percentile(&mut times, 0.5).as_secs_f64() * 1000.0,
        common::percentile(&mut times, 0.95).as_secs_f64() * 1000.0
    );
    drop(index);

    let folders_file = home.join(".local/share/marginalia/library-folders.ron");
    LibraryFolders {
        folders: vec![root.clone()],
    }
    .save(&folders_file)
    .expect("folders");
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_marginalia"));
    let mut times = Vec::new();
    for query in [
        "natasha",
        "tag:methods",
        "levin in:text",
        "\"the old prince\"",
    ] {
        for _ in 0..5 {
            let started = Instant::now();
            let output = std::process::Command::new(&binary)
                .args(["search", "--json", query])
                .env("HOME", &home)
                .env_remove("XDG_CACHE_HOME")
                .env_remove("XDG_DATA_HOME")
                .output()
                .expect("run marginalia");
            times.push(started.elapsed());
            assert!(
                output.status.success(),
                "{}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }
    println!(
        "`marginalia search --json` end to end: p50 {:.0} ms, p95 {:.0} ms",
        common::percentile(&mut times, 0.5).as_secs_f64() * 1000.0,
        common::percentile(&mut times, 0.95).as_secs_f64() * 1000.0
    );
    let size: u64 = ["", "-wal"]
        .iter()
        .filter_map(|suffix| std::fs::metadata(format!("{}{suffix}", index_file.display())).ok())
        .map(|m| m.len())
        .sum();
    println!("index size: {:.1} MB", size as f64 / 1e6);

    // The library view opening: its thread starts on the index and sends
    // the list of articles (with their counts and tags) to the window.
    let paths = LibraryPaths {
        index: index_file,
        folders: folders_file,
        reading: home.join(".local/share/marginalia/reading-state.ron"),
    };
    let mut times = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let service = LibraryService::start(paths.clone(), |_| {});
        // As the view does when it is shown.
        service.send(LibraryRequest::Show);
        loop {
            match service.wait_news(Duration::from_secs(30)) {
                Some(LibraryNews::Snapshot(snapshot)) => {
                    assert_eq!(snapshot.articles.len(), count);
                    break;
                }
                Some(_) => {}
                None => panic!("no list from the library"),
            }
        }
        times.push(started.elapsed());
    }
    println!(
        "library view: the list of {count} articles ready after {:.0} ms (p50 of 5; {:.0} ms at most)",
        common::percentile(&mut times, 0.5).as_secs_f64() * 1000.0,
        times.iter().max().map_or(0.0, |t| t.as_secs_f64() * 1000.0)
    );

    // With the app running: a sidecar changed on disk, found by the
    // watcher, indexed, and answered by a search.
    let service = LibraryService::start(paths, |_| {});
    service.send(LibraryRequest::Show);
    let settled = Instant::now();
    loop {
        match service.wait_news(Duration::from_secs(60)) {
            Some(LibraryNews::Progress { done, of, .. }) if done >= of => break,
            Some(_) => assert!(settled.elapsed() < Duration::from_secs(120), "no re-check"),
            None => panic!("the library's re-check did not end"),
        }
    }
    let mut store = AnnotationStore::open(&article, &document);
    let id = store.annotations()[1].0.id;
    store.update(id, |a| a.note = "airshipwise".to_owned());
    store.save_now(&document).expect("save");
    let changed = Instant::now();
    let found = loop {
        service.send(LibraryRequest::Search {
            query: "airshipwise".to_owned(),
            limit: 5,
        });
        let answer = loop {
            match service.wait_news(Duration::from_secs(10)) {
                Some(LibraryNews::Results { hits, .. }) => break hits.expect("search"),
                Some(_) => {}
                None => panic!("no answer"),
            }
        };
        if !answer.is_empty() {
            break changed.elapsed();
        }
        assert!(changed.elapsed() < Duration::from_secs(10), "never found");
        std::thread::sleep(Duration::from_millis(5));
    };
    println!(
        "app running: a sidecar changed on disk → searchable after {:.0} ms (watcher, index, search)",
        found.as_secs_f64() * 1000.0
    );
}
