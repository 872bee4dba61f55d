//! A library of articles never opened (issue "The library holds everything
//! you keep"): 2,000 article files made from the corpus — its web pages
//! (the 20 saved pages and the 398 of the extraction set), Markdown posts,
//! plain texts and EPUBs, each copy made distinct by a line of its own —
//! 500 of them with a sidecar of one highlight, none opened. The library's
//! thread (as the window runs it) is given the folder and timed until every
//! article is listed; a search asked meanwhile is timed to its answer; then
//! `in:text` searches in-process (p50, p95). `cargo bench --bench
//! library_folders`; `LIBRARY_ARTICLES=N` for another size (40 when the
//! test suite runs it); `LIBRARY_KEEP=DIR` keeps it.

mod common;

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use marginalia::annotate::{Annotation, HighlightColor, IndexedText};
use marginalia::import::import_path;
use marginalia::library::{
    Index, LibraryNews, LibraryPaths, LibraryRequest, LibraryService, Query,
};
use marginalia::store::AnnotationStore;

/// One source article: its name's extension and its bytes.
struct Source {
    extension: &'static str,
    bytes: Vec<u8>,
}

/// The corpus's articles, read in place.
fn sources() -> Vec<Source> {
    let corpus = common::corpus("SOURCES.tsv")
        .parent()
        .expect("corpus folder")
        .to_owned();
    let mut sources = Vec::new();
    let files = |folder: &str| -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = walkdir::WalkDir::new(corpus.join(folder))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|entry| entry.file_type().is_file())
            .map(walkdir::DirEntry::into_path)
            .collect();
        found.sort();
        found
    };
    for path in files("html") {
        if path.file_name().is_some_and(|n| n == "source.html") {
            let bytes = std::fs::read(&path).expect("page");
            sources.push(Source {
                extension: "html",
                bytes,
            });
        }
    }
    for path in files("extraction/pages") {
        if path.extension().is_some_and(|e| e == "gz") {
            let mut bytes = Vec::new();
            flate2::read::GzDecoder::new(std::fs::File::open(&path).expect("page"))
                .read_to_end(&mut bytes)
                .expect("gzip");
            sources.push(Source {
                extension: "html",
                bytes,
            });
        }
    }
    for (folder, extension) in [("markdown", "md"), ("text", "txt"), ("epub", "epub")] {
        for path in files(folder) {
            if path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().contains("broken"))
            {
                continue;
            }
            let bytes = std::fs::read(&path).expect("article");
            sources.push(Source { extension, bytes });
        }
    }
    sources
}

/// The `i`th copy of a source, made distinct by a line of its own (an
/// EPUB is copied as it is: one article in several places).
fn distinct(source: &Source, i: usize) -> Vec<u8> {
    let line = format!("Copy number {i} of this article.");
    match source.extension {
        "html" => {
            let text = String::from_utf8_lossy(&source.bytes);
            match text.find("<p") {
                Some(at) => format!("{}<p>{line}</p>{}", &text[..at], &text[at..]).into_bytes(),
                None => source.bytes.clone(),
            }
        }
        "epub" => source.bytes.clone(),
        _ => {
            let mut bytes = source.bytes.clone();
            bytes.extend_from_slice(format!("\n\n{line}\n").as_bytes());
            bytes
        }
    }
}

/// Writes `count` articles under `root`, the first `annotated` with a
/// sidecar of one highlight.
fn generate(root: &Path, count: usize, annotated: usize) {
    let sources = sources();
    for i in 0..count {
        let source = &sources[i % sources.len()];
        let folder = root.join(format!("folder-{:02}", i % 20));
        std::fs::create_dir_all(&folder).expect("folder");
        let article = folder.join(format!("article-{i:04}.{}", source.extension));
        std::fs::write(&article, distinct(source, i)).expect("article");
        if i < annotated
            && let Ok(document) = import_path(&article)
            && document.char_count() > 60
        {
            let text = IndexedText::new(document.text());
            let mut store = AnnotationStore::open(&article, &document);
            store.add(Annotation::new(&text, 10..50, HighlightColor::Yellow));
            store.save_now(&document).expect("save");
        }
    }
}

fn main() {
    let benchmarking = std::env::args().any(|arg| arg == "--bench");
    let count: usize = std::env::var("LIBRARY_ARTICLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(if benchmarking { 2000 } else { 40 });
    // `LIBRARY_KEEP=DIR` keeps the library (its data in DIR/library) to
    // look at in the real window.
    let temporary = tempfile::tempdir().expect("temporary folder");
    let dir = std::env::var_os("LIBRARY_KEEP")
        .map(PathBuf::from)
        .unwrap_or_else(|| temporary.path().to_owned());
    if dir.join("articles").exists() {
        std::fs::remove_dir_all(&dir).expect("the kept library removed");
    }
    let root = dir.join("articles");
    let started = Instant::now();
    generate(&root, count, count / 4);
    println!(
        "generated {count} articles ({} annotated) in {:.1} s",
        count / 4,
        started.elapsed().as_secs_f64()
    );

    let paths = LibraryPaths::in_folder(&dir.join("library"));
    let index_file = paths.index.clone();
    // A library already there (an index made anew holds every search
    // until it is whole: "Rebuilding the library…").
    drop(Index::open(&index_file).expect("index"));
    let service = LibraryService::start(paths, |_| {});
    let started = Instant::now();
    service.send(LibraryRequest::AddFolders(vec![root.clone()]));
    let mut asked: Option<Instant> = None;
    let mut answered = None;
    let (listed, unreadable) = loop {
        let news = service
            .wait_news(Duration::from_secs(120))
            .expect("the library's thread answers");
        match news {
            LibraryNews::Progress { done, .. } if done >= count / 2 && asked.is_none() => {
                asked = Some(Instant::now());
                service.send(LibraryRequest::Search {
                    query: "in:text government".to_owned(),
                    limit: 50,
                });
            }
            LibraryNews::Results { .. } => answered = asked.map(|at| at.elapsed()),
            LibraryNews::Snapshot(snapshot)
                if snapshot.articles.iter().map(|a| a.locations).sum::<usize>()
                    + snapshot.unreadable.len()
                    >= count =>
            {
                break (snapshot.articles.len(), snapshot.unreadable.len());
            }
            _ => {}
        }
    };
    println!(
        "{count} files, none opened, listed and searchable from nothing: {:.1} s ({listed} articles, {unreadable} cannot be read)",
        started.elapsed().as_secs_f64()
    );
    if let Some(answered) = answered {
        println!(
            "a search asked half-way through: answered in {:.0} ms",
            answered.as_secs_f64() * 1000.0
        );
    }
    drop(service);

    let index = Index::open(&index_file).expect("index");
    let mut times = Vec::new();
    for word in [
        "government",
        "police",
        "climate",
        "market",
        "said",
        "music",
        "data",
        "alice",
        "rabbit",
        "rust",
        "release",
        "school",
        "water",
        "health",
        "\"prime minister\"",
    ] {
        for _ in 0..5 {
            let query = Query::parse(&format!("in:text {word}")).expect("query");
            let started = Instant::now();
            index.search(&query, 200).expect("search");
            times.push(started.elapsed());
        }
    }
    println!(
        "in:text search ({} searches): p50 {:.1} ms, p95 {:.1} ms",
        times.len(),
        common::percentile(&mut times, 0.5).as_secs_f64() * 1000.0,
        common::percentile(&mut times, 0.95).as_secs_f64() * 1000.0
    );
    // A word most articles have: every one grouped with its passages
    // counted, as the window asks (500 results at most).
    let query = Query::parse("in:text people").expect("query");
    let mut times = Vec::new();
    let mut found = (0, 0);
    for _ in 0..5 {
        let started = Instant::now();
        let hits = index.search(&query, 500).expect("search");
        times.push(started.elapsed());
        found = (
            hits.len(),
            hits.iter().map(|h| h.passage_count).sum::<usize>(),
        );
    }
    println!(
        "a word in {} articles, {} passages counted: p50 {:.0} ms",
        found.0,
        found.1,
        common::percentile(&mut times, 0.5).as_secs_f64() * 1000.0
    );
}
