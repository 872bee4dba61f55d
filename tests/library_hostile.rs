//! The library under hostile sidecars and from the command line: a
//! synced or downloaded sidecar that names a file elsewhere
//! (`/etc/passwd`, `../../.bashrc`) never makes the library read it — the
//! article is the file beside the sidecar; linked sidecars and folders are
//! followed; tags of two words, untitled articles, `library list`,
//! `folders` and `remove`.

mod common;

use common::library::run_in;
use marginalia::store::{AnnotationStore, sidecar_path_beside};

#[test]
fn a_sidecar_naming_a_file_elsewhere_never_makes_the_library_read_it() {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    // A file outside the library with words only it has.
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "Secret\n\nThe zanzibar vault code is kept here.\n").unwrap();
    // A real article with a highlight, its sidecar then made to name the
    // secret file, by absolute and by relative path.
    let article = articles.join("notes.txt");
    std::fs::write(&article, "Notes\n\nThe harbour at dawn was quiet.\n").unwrap();
    let document = marginalia::import::import_path(&article).unwrap();
    let mut store = AnnotationStore::open(&article, &document);
    store.add(common::highlight(&document, "harbour at dawn"));
    store.save_now(&document).unwrap();
    let sidecar = std::fs::read_to_string(sidecar_path_beside(&article)).unwrap();
    for (name, claimed) in [
        ("evil.txt", secret.display().to_string()),
        ("other.txt", "../secret.txt".to_owned()),
    ] {
        let hostile = sidecar.replace(
            "file_name: \"notes.txt\"",
            &format!("file_name: {claimed:?}"),
        );
        assert_ne!(hostile, sidecar);
        std::fs::write(articles.join(format!("{name}.annotations.ron")), hostile).unwrap();
    }
    // An article whose name is too long for "NAME.annotations.ron": its
    // sidecar's name is shortened, and its own file_name tells the article.
    let long = articles.join(format!("{}.txt", "日本語の長い記事の題名".repeat(7)));
    std::fs::write(&long, "Long\n\nThe lighthouse keeper waved.\n").unwrap();
    let long_document = marginalia::import::import_path(&long).unwrap();
    let mut long_store = AnnotationStore::open(&long, &long_document);
    long_store.add(common::highlight(&long_document, "lighthouse keeper"));
    long_store.save_now(&long_document).unwrap();
    run_in(dir.path(), &["library", "add", articles.to_str().unwrap()]);
    let (_, found) = run_in(dir.path(), &["search", "lighthouse"]);
    assert!(found.contains("日本語の長い記事の題名"), "{found}");
    let (_, found) = run_in(dir.path(), &["search", "zanzibar"]);
    assert!(
        !found.contains("zanzibar") && !found.contains("secret.txt"),
        "the secret file was read: {found}"
    );
    // The real article is still found through its own sidecar.
    let (_, found) = run_in(dir.path(), &["search", "harbour"]);
    assert!(found.contains("notes.txt"), "{found}");
}

#[test]
fn a_linked_sidecar_and_a_linked_folder_are_in_the_library() {
    use common::library::annotated;
    use marginalia::annotate::HighlightColor;
    let dir = tempfile::tempdir().unwrap();
    let dir_path = std::fs::canonicalize(dir.path()).unwrap();
    let root = dir_path.join("articles");
    std::fs::create_dir_all(&root).unwrap();
    // A folder elsewhere, linked into the library.
    let elsewhere = dir_path.join("elsewhere");
    annotated(
        &elsewhere,
        "linked.txt",
        "Linked\n\nThe quarry flooded in the spring.\n",
        &[("quarry flooded", HighlightColor::Green, "", &[])],
    );
    std::os::unix::fs::symlink(&elsewhere, root.join("linked")).unwrap();
    // An article here whose sidecar is a link into a synced folder.
    let synced = dir_path.join("synced");
    let kept = annotated(
        &synced,
        "kept.txt",
        "Kept\n\nThe orchard was sold at auction.\n",
        &[("orchard was sold", HighlightColor::Blue, "", &[])],
    );
    std::fs::copy(&kept, root.join("kept.txt")).unwrap();
    std::os::unix::fs::symlink(
        sidecar_path_beside(&kept),
        root.join("kept.txt.annotations.ron"),
    )
    .unwrap();
    let (ok, said) = run_in(dir.path(), &["library", "add", root.to_str().unwrap()]);
    assert!(ok, "{said}");
    for word in ["quarry", "orchard"] {
        let (_, said) = run_in(dir.path(), &["search", word]);
        assert!(said.contains(word), "{word}: {said}");
    }
}

#[test]
fn a_tag_of_two_words_is_found_and_an_untitled_article_is_named_by_its_file() {
    use common::library::annotated;
    use marginalia::annotate::HighlightColor;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    annotated(
        &root,
        "jargon.txt",
        "This file opens with a long paragraph, not a title: it runs on well past what any \
         title would be, through a second sentence. And a third, with words about boats.\n",
        &[("words about boats", HighlightColor::Blue, "", &["to read"])],
    );
    let (ok, said) = run_in(dir.path(), &["library", "add", root.to_str().unwrap()]);
    assert!(ok, "{said}");
    let (ok, said) = run_in(dir.path(), &["search", "tag:\"to read\""]);
    assert!(ok, "{said}");
    assert!(said.contains("words about boats"), "{said}");
    assert!(
        said.contains("jargon — ") && !said.contains("(untitled)"),
        "{said}"
    );
}

#[test]
fn the_command_line_lists_articles_and_folders_and_removes_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(dir.path()).unwrap().join("articles");
    common::library::library(&root);
    let news = root.join("news");
    let notes = root.join("notes");
    for folder in [&news, &notes] {
        let (ok, said) = run_in(dir.path(), &["library", "add", folder.to_str().unwrap()]);
        assert!(ok, "{said}");
    }
    let (ok, said) = run_in(dir.path(), &["library", "folders"]);
    assert!(ok, "{said}");
    assert_eq!(said.lines().count(), 2, "{said}");
    let (ok, said) = run_in(dir.path(), &["library", "list", "--json"]);
    assert!(ok, "{said}");
    let listed: Vec<serde_json::Value> = serde_json::from_str(&said).unwrap();
    assert_eq!(listed.len(), 2, "{said}");
    let (ok, said) = run_in(dir.path(), &["library", "remove", news.to_str().unwrap()]);
    assert!(ok && said.contains("1 places left"), "{said}");
    let (_, said) = run_in(dir.path(), &["library", "list"]);
    assert!(
        said.contains("The harbour at dawn") && !said.contains("Natásha"),
        "{said}"
    );
    assert!(said.contains("1 article\n"), "{said}");
    assert!(
        news.join("war.md.annotations.ron").is_file(),
        "nothing on disk is touched"
    );
    let (ok, said) = run_in(dir.path(), &["library", "remove", news.to_str().unwrap()]);
    assert!(!ok && said.contains("is not a library folder"), "{said}");
}
