//! The whole library exported (Markdown for Obsidian and Logseq, one W3C
//! collection) and the library's own thread (articles opened in the app
//! join it, the folders are watched, searches answered, review edits
//! written to the sidecars).

mod common;

use std::path::Path;
use std::time::Duration;

use common::library::{annotated, annotated_pdf, indexed, library, wait_for};
use marginalia::annotate::HighlightColor;
use marginalia::import::import_path;
use marginalia::library::{
    AnnotationChange, LibraryExportFormat, LibraryNews, LibraryPaths, LibraryRequest,
    LibraryService, OpenedText, SearchHit, W3C_FILE_NAME, export_library,
};
use marginalia::store::AnnotationStore;

fn markdown_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    files
}

/// Changes the note of the annotation quoting `quote` in `article`'s sidecar.
fn set_note(article: &Path, quote: &str, note: &str) {
    let document = import_path(article).unwrap();
    let mut store = AnnotationStore::open(article, &document);
    let id = store
        .set()
        .iter()
        .find(|a| a.anchor.exact == quote)
        .unwrap()
        .id;
    store.update(id, |a| a.note = note.to_owned());
    store.save_now(&document).unwrap();
}

#[test]
fn markdown_export_writes_one_file_per_article_and_a_re_export_keeps_user_text() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    let out = dir.path().join("vault");
    library(&root);
    let report = export_library(
        &indexed(&root),
        &out,
        LibraryExportFormat::Markdown,
        |_, _| {},
    )
    .unwrap();
    assert_eq!((report.articles, report.annotations), (2, 3));
    let files = markdown_files(&out);
    assert_eq!(files.len(), 2, "{files:?}");
    let war = out.join("Natásha at the ball.md");
    let text = std::fs::read_to_string(&war).unwrap();
    assert!(
        text.starts_with("---\ntitle: \"Natásha at the ball\"\n"),
        "{text}"
    );
    assert!(
        text.contains("tags: [\"methods\", \"policy\", \"russia\"]\n"),
        "{text}"
    );
    assert!(text.contains("path: \""), "{text}");
    assert!(text.contains("> Natásha Rostóva danced\n\n^hl-"), "{text}");
    assert!(text.contains("\nThe *first* ball.\n"), "{text}");
    assert!(
        text.contains("colour: yellow · tags: #methods #russia"),
        "{text}"
    );
    // The user renames the file, writes around Marginalia's part and adds
    // a key of their own to the front matter.
    let mine = out.join("My notes on the ball.md");
    std::fs::rename(&war, &mine).unwrap();
    let edited = text
        .replace("---\ntitle:", "---\nrating: 5\ntitle:")
        .replace(
            "<!-- marginalia:begin",
            "Why I read this.\n\n<!-- marginalia:begin",
        )
        + "\n## My thoughts\n\nThe ball is the turning point.\n";
    std::fs::write(&mine, &edited).unwrap();
    set_note(
        &root.join("news/war.md"),
        "Natásha Rostóva danced",
        "The ball, again.",
    );
    export_library(
        &indexed(&root),
        &out,
        LibraryExportFormat::Markdown,
        |_, _| {},
    )
    .unwrap();
    assert_eq!(
        markdown_files(&out).len(),
        2,
        "the renamed file is the article's"
    );
    let again = std::fs::read_to_string(&mine).unwrap();
    for kept in [
        "rating: 5\n",
        "Why I read this.",
        "## My thoughts",
        "turning point.",
    ] {
        assert!(again.contains(kept), "{kept:?} lost:\n{again}");
    }
    assert!(
        again.contains("The ball, again.") && !again.contains("The *first* ball."),
        "{again}"
    );
    assert_eq!(again.matches("marginalia:begin").count(), 1, "{again}");
}

/// What an article's sidecar keeps of each annotation: id, quote, note,
/// tags and colour.
fn kept_annotations(
    article: &Path,
    document: &marginalia::document::Document,
) -> Vec<(uuid::Uuid, String, String, Vec<String>, HighlightColor)> {
    AnnotationStore::open(article, document)
        .set()
        .iter()
        .map(|a| {
            (
                a.id,
                a.anchor.exact.clone(),
                a.note.clone(),
                a.tags.clone(),
                a.color,
            )
        })
        .collect()
}

#[test]
fn the_w3c_collection_imports_back_into_each_article() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    let out = dir.path().join("export");
    library(&root);
    export_library(&indexed(&root), &out, LibraryExportFormat::W3c, |_, _| {}).unwrap();
    let collection: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join(W3C_FILE_NAME)).unwrap()).unwrap();
    assert_eq!(collection["type"], "AnnotationCollection");
    assert_eq!(collection["first"]["items"].as_array().unwrap().len(), 3);
    let article = root.join("news/war.md");
    let document = import_path(&article).unwrap();
    let before = kept_annotations(&article, &document);
    std::fs::remove_file(root.join("news/war.md.annotations.ron")).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .arg("import")
        .arg(&article)
        .arg(out.join(W3C_FILE_NAME))
        .env("MARGINALIA_DATA_DIR", dir.path().join("data"))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(said.contains("Imported 2 annotations"), "{said}");
    assert!(said.contains("is about another article"), "{said}");
    let after = kept_annotations(&article, &document);
    assert_eq!(after, before);
}

#[test]
fn a_pdfs_highlights_are_exported_with_their_pages() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    let pages = [
        vec!["The first page speaks of the method and of nothing else.".to_owned()],
        vec!["The second page holds the finding that matters most.".to_owned()],
    ];
    annotated_pdf(&root, "paper.pdf", &pages, "the finding that matters");

    let w3c = dir.path().join("w3c");
    export_library(&indexed(&root), &w3c, LibraryExportFormat::W3c, |_, _| {}).unwrap();
    let collection: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(w3c.join(W3C_FILE_NAME)).unwrap()).unwrap();
    let item = &collection["first"]["items"][0];
    assert_eq!(item["marginalia"]["page"], "2", "{item:#}");
    let selectors = item["target"]["selector"].as_array().unwrap();
    assert!(
        selectors
            .iter()
            .any(|s| s["type"] == "FragmentSelector" && s["value"] == "page=2"),
        "{selectors:#?}"
    );

    let markdown = dir.path().join("markdown");
    export_library(
        &indexed(&root),
        &markdown,
        LibraryExportFormat::Markdown,
        |_, _| {},
    )
    .unwrap();
    let file = &markdown_files(&markdown)[0];
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains("· p. 2"), "{text}");
}

/// What the library's thread finds for `query`.
fn search(service: &LibraryService, query: &str) -> Vec<SearchHit> {
    service.send(LibraryRequest::Search {
        query: query.into(),
        limit: 10,
    });
    wait_for(service, "the search", |news| match news {
        LibraryNews::Results { hits, .. } => Some(hits.clone().unwrap()),
        _ => None,
    })
}

#[test]
fn the_library_thread_indexes_watches_searches_and_edits_sidecars() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(dir.path()).unwrap().join("articles");
    library(&root);
    let plain = root.join("elsewhere/plain.txt");
    std::fs::create_dir_all(plain.parent().unwrap()).unwrap();
    std::fs::write(
        &plain,
        "A plain article\n\nNobody highlighted the lighthouse keeper.\n",
    )
    .unwrap();
    let service = LibraryService::start(LibraryPaths::in_folder(&dir.path().join("lib")), |_| {});
    service.send(LibraryRequest::AddFolders(vec![root.join("news")]));
    // Opened in the app: in the library without a sidecar, or with one
    // outside the folders. The window offers the text it read: taken when
    // it is of the file as it is (here with words only the window has, to
    // tell), an offer of another version of the file is not.
    for (article, stamp) in [
        (&plain, None),
        (&root.join("notes/harbour.txt"), Some("0:0".to_owned())),
    ] {
        let mut text = OpenedText::of(&import_path(article).unwrap()).unwrap();
        text.text = format!("{}\n\nRead in the window.", text.text).into();
        text.stamp = stamp.unwrap_or(text.stamp);
        service.send(LibraryRequest::Opened {
            article: article.clone(),
            position_char: 0,
            progress: 0.5,
            text: Some(Box::new(text)),
        });
    }
    let snapshot = wait_for(&service, "three articles", |news| match news {
        LibraryNews::Snapshot(s) if s.articles.len() == 3 => Some(s.clone()),
        _ => None,
    });
    let plain_row = snapshot.articles.iter().find(|a| a.path == plain).unwrap();
    assert_eq!(
        (plain_row.highlights, plain_row.title.as_deref()),
        (0, Some("A plain article"))
    );
    assert_eq!(snapshot.reading[&plain].progress, 0.5);
    assert_eq!(snapshot.tags[0].count, 1);
    let hits = search(&service, "lighthouse");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].article, plain);
    let hits = search(&service, "window");
    let found: Vec<&Path> = hits.iter().map(|hit| hit.article.as_path()).collect();
    assert_eq!(
        found,
        [plain.as_path()],
        "the offered text, not imported again"
    );
    // An edit from the review goes to the sidecar.
    service.send(LibraryRequest::Review);
    let review = wait_for(&service, "the review", |news| match news {
        LibraryNews::Review(rows) => Some(rows.clone()),
        _ => None,
    });
    let boats = review
        .iter()
        .find(|r| r.quote == "fishing boats came in")
        .unwrap();
    service.send(LibraryRequest::Edit {
        article: boats.article.clone(),
        id: boats.id.parse().unwrap(),
        change: AnnotationChange::Color(HighlightColor::Purple),
    });
    let edited = wait_for(&service, "the edit", |news| match news {
        LibraryNews::Edited { result, .. } => Some(result.clone()),
        _ => None,
    });
    assert_eq!(edited, Ok(()));
    let sidecar = std::fs::read_to_string(root.join("notes/harbour.txt.annotations.ron")).unwrap();
    assert!(sidecar.contains("purple"), "{sidecar}");
    // A sidecar changed on disk by someone else: the watcher picks it up.
    annotated(
        &root.join("news"),
        "fresh.txt",
        "Fresh news\n\nThe zeppelin landed on the lawn.\n",
        &[("zeppelin landed", HighlightColor::Green, "", &["airships"])],
    );
    wait_for(&service, "the watched sidecar", |news| match news {
        LibraryNews::Snapshot(s) if s.tags.iter().any(|t| t.tag == "airships") => Some(()),
        _ => None,
    });
}

#[test]
fn reading_a_sidecar_is_not_a_change_to_index_again() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(dir.path()).unwrap().join("articles");
    library(&root);
    let service = LibraryService::start(LibraryPaths::in_folder(&dir.path().join("lib")), |_| {});
    service.send(LibraryRequest::AddFolders(vec![root.clone()]));
    wait_for(&service, "the first indexing", |news| match news {
        LibraryNews::Progress { done, of, .. } if done >= of => Some(()),
        _ => None,
    });
    // Drain what followed (the list).
    while service.wait_news(Duration::from_millis(500)).is_some() {}
    // Another program (or the library itself) only reads the sidecars.
    for name in [
        "news/war.md.annotations.ron",
        "notes/harbour.txt.annotations.ron",
    ] {
        std::fs::read(root.join(name)).unwrap();
    }
    let news = service.wait_news(Duration::from_secs(1));
    assert!(news.is_none(), "{news:?}");
}
