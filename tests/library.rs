//! The library index over sidecars: rebuilt from them alone with the same
//! results, a damaged or old index rebuilt silently, search without case or
//! diacritics, every operator, moved and duplicated articles, articles gone,
//! and the command line (`library add`, `library scan`, `search --json`).

mod common;

use common::library::{annotated_pdf, indexed, library, run_at_home};
use marginalia::import::import_path;
use marginalia::library::{Index, Query, SearchHitKind, scan};
use marginalia::store::AnnotationStore;

/// The quotes (or snippets of texts) a search finds.
fn found(index: &Index, query: &str) -> Vec<String> {
    index
        .search(&Query::parse(query).unwrap(), 50)
        .unwrap()
        .into_iter()
        .map(|hit| match hit.kind {
            SearchHitKind::Annotation => hit.quote.unwrap(),
            SearchHitKind::Text => format!(
                "text of {}",
                hit.article.file_name().unwrap().to_string_lossy()
            ),
        })
        .collect()
}

#[test]
fn every_operator_finds_what_it_says() {
    let dir = tempfile::tempdir().unwrap();
    library(dir.path());
    let index = indexed(dir.path());
    let natasha = "Natásha Rostóva danced";
    let sanctions = "sanctions against the French";
    let boats = "fishing boats came in";
    assert_eq!(
        found(&index, "natasha"),
        [natasha, "text of war.md"],
        "case and accents"
    );
    assert_eq!(
        found(&index, "\"against the french\""),
        [sanctions, "text of war.md"]
    );
    assert_eq!(found(&index, "tag:methods"), [natasha]);
    assert_eq!(
        found(&index, "tag:METHODS -tag:russia"),
        Vec::<String>::new()
    );
    assert_eq!(found(&index, "-tag:draft color:yellow"), [natasha]);
    assert_eq!(found(&index, "color:blue"), [sanctions]);
    assert_eq!(
        found(&index, "color:yellow -has:note"),
        Vec::<String>::new()
    );
    let mut noted = found(&index, "has:note");
    noted.sort();
    assert_eq!(noted, [natasha, boats]);
    assert_eq!(found(&index, "-has:note"), [sanctions]);
    // "sanctions" is in one quote, one note and both texts.
    assert_eq!(found(&index, "sanctions in:quote"), [sanctions]);
    assert_eq!(found(&index, "sanctions in:note"), [boats]);
    let mut texts = found(&index, "sanctions in:text");
    texts.sort();
    assert_eq!(texts, ["text of harbour.txt", "text of war.md"]);
    assert_eq!(found(&index, "folder:notes"), [boats]);
    assert_eq!(found(&index, "is:orphaned"), Vec::<String>::new());
    assert_eq!(found(&index, "after:2000-01-01 folder:notes"), [boats]);
    assert_eq!(found(&index, "before:2000-01-01"), Vec::<String>::new());
}

#[test]
fn the_index_rebuilds_from_the_sidecars_alone_with_the_same_results() {
    let dir = tempfile::tempdir().unwrap();
    library(&dir.path().join("articles"));
    let path = dir.path().join("cache/library.sqlite3");
    let queries = [
        "natasha",
        "sanctions",
        "tag:policy",
        "has:note",
        "in:text bread",
    ];
    let mut index = Index::open(&path).unwrap();
    scan(&mut index, &[dir.path().join("articles")], &[], |_, _| {}).unwrap();
    let before: Vec<Vec<String>> = queries.iter().map(|q| found(&index, q)).collect();
    drop(index);
    std::fs::remove_file(&path).unwrap();
    let mut index = Index::open(&path).unwrap();
    assert!(found(&index, "natasha").is_empty(), "a new, empty index");
    let report = scan(&mut index, &[dir.path().join("articles")], &[], |_, _| {}).unwrap();
    assert_eq!(report.indexed, 2);
    let after: Vec<Vec<String>> = queries.iter().map(|q| found(&index, q)).collect();
    assert_eq!(before, after);
    // A second scan reads nothing: every sidecar is as indexed.
    let again = scan(&mut index, &[dir.path().join("articles")], &[], |_, _| {}).unwrap();
    assert_eq!((again.indexed, again.unchanged), (0, 2));
}

#[test]
fn a_damaged_or_older_index_is_rebuilt_silently() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite3");
    std::fs::write(
        &path,
        b"this is not a database, it is a shopping list\n".repeat(200),
    )
    .unwrap();
    let mut index = Index::open(&path).expect("a damaged file is replaced");
    library(&dir.path().join("articles"));
    scan(&mut index, &[dir.path().join("articles")], &[], |_, _| {}).unwrap();
    assert_eq!(found(&index, "tag:policy").len(), 1);
    drop(index);
    // An index written by another version of the schema.
    let connection = rusqlite::Connection::open(&path).unwrap();
    connection.pragma_update(None, "user_version", 99).unwrap();
    drop(connection);
    let index = Index::open(&path).expect("an older index is replaced");
    assert!(
        found(&index, "tag:policy").is_empty(),
        "rebuilt empty, to be scanned"
    );
}

#[test]
fn moved_copied_and_missing_articles() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    library(root);
    let mut index = indexed(root);
    // Moved with its sidecar: the same article at its new place.
    std::fs::create_dir_all(root.join("archive")).unwrap();
    for name in ["harbour.txt", "harbour.txt.annotations.ron"] {
        std::fs::rename(
            root.join("notes").join(name),
            root.join("archive").join(name),
        )
        .unwrap();
    }
    let report = scan(&mut index, &[root.to_owned()], &[], |_, _| {}).unwrap();
    assert_eq!(report.removed, 1);
    let hits = index
        .search(&Query::parse("tag:draft").unwrap(), 10)
        .unwrap();
    assert_eq!(hits.len(), 1);
    assert!(
        hits[0].article.ends_with("archive/harbour.txt"),
        "{:?}",
        hits[0].article
    );
    assert_eq!(index.counts().unwrap(), (2, 3, 0));
    // A copy of an article with its sidecar: one article, its annotation once.
    std::fs::create_dir_all(root.join("copy")).unwrap();
    for name in ["war.md", "war.md.annotations.ron"] {
        std::fs::copy(root.join("news").join(name), root.join("copy").join(name)).unwrap();
    }
    scan(&mut index, &[root.to_owned()], &[], |_, _| {}).unwrap();
    assert_eq!(
        index.counts().unwrap(),
        (2, 3, 0),
        "two places, one article"
    );
    assert_eq!(found(&index, "tag:policy").len(), 1);
    // The article is gone, its sidecar stays: listed, never dropped.
    std::fs::remove_file(root.join("archive/harbour.txt")).unwrap();
    let report = scan(&mut index, &[root.to_owned()], &[], |_, _| {}).unwrap();
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    assert_eq!(index.counts().unwrap().2, 1, "one missing article");
    assert_eq!(found(&index, "tag:draft"), ["fishing boats came in"]);
}

#[test]
fn the_command_line_adds_scans_and_searches_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    library(&dir.path().join("articles"));
    let run = |args: &[&str]| {
        let (succeeded, said, stderr) = run_at_home(&home, args);
        assert!(succeeded, "{args:?}: {said}{stderr}");
        said
    };
    let added = run(&[
        "library",
        "add",
        dir.path().join("articles").to_str().unwrap(),
    ]);
    assert!(added.contains("2 sidecars: 2 indexed"), "{added}");
    assert!(
        home.join(".cache/marginalia/library.sqlite3").is_file(),
        "the index in the cache folder"
    );
    assert!(
        home.join(".local/share/marginalia/library-folders.ron")
            .is_file(),
        "the folders in the data folder"
    );
    let scanned = run(&["library", "scan"]);
    assert!(scanned.contains("0 indexed, 2 unchanged"), "{scanned}");
    let json: serde_json::Value =
        serde_json::from_str(&run(&["search", "natasha", "--json"])).unwrap();
    let hits = json.as_array().unwrap();
    assert_eq!(hits[0]["kind"], "annotation");
    assert_eq!(hits[0]["quote"], "Natásha Rostóva danced");
    assert_eq!(hits[0]["tags"], serde_json::json!(["methods", "russia"]));
    assert!(
        hits[0]["article"]
            .as_str()
            .unwrap()
            .ends_with("news/war.md")
    );
    assert!(hits[0]["snippet"].as_str().unwrap().contains("**Natásha**"));
    assert_eq!(hits[1]["kind"], "text");
    let (start, end) = (
        hits[1]["start"].as_u64().unwrap(),
        hits[1]["end"].as_u64().unwrap(),
    );
    let text = import_path(&dir.path().join("articles/news/war.md")).unwrap();
    assert_eq!(text.text_between(start as usize, end as usize), "Natásha");
    // A phrase as one argument; nothing found is an empty array.
    let phrase: serde_json::Value =
        serde_json::from_str(&run(&["search", "--json", "against the french"])).unwrap();
    assert_eq!(phrase[0]["quote"], "sanctions against the French");
    assert_eq!(run(&["search", "--json", "zeppelin"]).trim(), "[]");
    // Damage past the file's first page (its header and schema read well):
    // the search meets it, the index is rebuilt, the answer is the same.
    let index_file = home.join(".cache/marginalia/library.sqlite3");
    let mut bytes = std::fs::read(&index_file).unwrap();
    assert!(bytes.len() > 8192, "{} bytes", bytes.len());
    for byte in &mut bytes[4096..] {
        *byte = 0xA5;
    }
    std::fs::write(&index_file, bytes).unwrap();
    let again: serde_json::Value =
        serde_json::from_str(&run(&["search", "natasha", "--json"])).unwrap();
    assert_eq!(again[0]["quote"], "Natásha Rostóva danced");
}

/// A sidecar saved again (a highlight added in the open article) while the
/// article's file is as indexed: the library takes the article's text from
/// the index instead of importing the article again (a save in a 3 MB book
/// used to re-read and re-tokenise the whole book: 0.4 s of a core).
#[test]
fn a_changed_sidecar_of_an_unchanged_article_reuses_the_indexed_text() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    library(root);
    let mut index = indexed(root);
    let article = root.join("news/war.md");
    let document = import_path(&article).unwrap();
    // The article's file changed behind its stamp (same size, same time):
    // only an import would see "Pavel".
    let modified = std::fs::metadata(&article).unwrap().modified().unwrap();
    std::fs::write(&article, common::library::WAR.replace("Pierre", "Pavel ")).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&article)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    let mut store = AnnotationStore::open(&article, &document);
    store.add(common::highlight(&document, "the old count watched"));
    store.save_now(&document).unwrap();
    let report = scan(&mut index, &[root.to_owned()], &[], |_, _| {}).unwrap();
    assert_eq!(report.indexed, 1);
    assert_eq!(
        found(&index, "count watched"),
        ["the old count watched", "text of war.md"],
        "the new highlight is indexed, placed in the indexed text"
    );
    assert_eq!(found(&index, "Pierre"), ["text of war.md"]);
    assert!(found(&index, "Pavel").is_empty());
    assert_eq!(index.counts().unwrap(), (2, 4, 0));
}

/// A PDF's passages and highlights are found with the page they are on:
/// in the index's answer, and on the command line.
#[test]
fn a_search_names_the_page_of_a_pdfs_passages_and_highlights() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    let pages = [
        vec!["The report opens with the harbour and its boats.".to_owned()],
        vec![format!(
            "On the second page the lighthouse is first named. {}",
            "The boats came in and went out again with the tide. ".repeat(6)
        )],
        vec!["The third page says the lighthouse keeper stayed.".to_owned()],
    ];
    annotated_pdf(&root, "report.pdf", &pages, "lighthouse keeper stayed");

    let hits = indexed(&root)
        .search(&Query::parse("lighthouse").unwrap(), 10)
        .unwrap();
    let highlight = hits
        .iter()
        .find(|hit| hit.kind == SearchHitKind::Annotation)
        .expect("the highlight is found");
    assert_eq!(highlight.page.as_deref(), Some("3"));
    let text = hits
        .iter()
        .find(|hit| hit.kind == SearchHitKind::Text)
        .expect("the text is found");
    let passage_pages: Vec<Option<&str>> =
        text.passages.iter().map(|p| p.page.as_deref()).collect();
    assert_eq!(passage_pages, [Some("2"), Some("3")]);
    assert_eq!(text.page.as_deref(), Some("2"));

    let home = dir.path().join("home");
    let run = |args: &[&str]| run_at_home(&home, args).1;
    run(&["library", "add", root.to_str().unwrap()]);
    let said = run(&["search", "lighthouse"]);
    assert!(said.contains("(p. 3)"), "{said}");
    assert!(said.contains(" p. 2 "), "{said}");
}
