//! The Markdown importer's tests: blocks and styles, then lists.

mod blocks {
    use super::super::*;
    use crate::document::InlineStyle;

    fn blocks(doc: &Document) -> Vec<(String, String)> {
        (0..doc.blocks().len())
            .map(|i| {
                let kind = match doc.blocks()[i].kind {
                    BlockKind::Heading { level } => format!("h{level}"),
                    BlockKind::ListItem { level, .. } => format!("li{level}"),
                    other => other.name().to_owned(),
                };
                (kind, doc.block_text(i).to_owned())
            })
            .collect()
    }

    #[test]
    fn front_matter_gives_metadata_and_is_not_shown() {
        let doc = document_from_markdown(
            "+++\npath = \"2024/11/28/Rust-1.83.0\"\ntitle = \"Announcing Rust 1.83.0\"\nauthors = [\"The Release Team\"]\n+++\n\nHello *world*.\n",
            Metadata::default(),
        );
        assert_eq!(
            doc.metadata.title.as_deref(),
            Some("Announcing Rust 1.83.0")
        );
        assert_eq!(doc.metadata.byline.as_deref(), Some("The Release Team"));
        assert_eq!(doc.metadata.date.as_deref(), Some("2024-11-28"));
        assert_eq!(
            blocks(&doc),
            [
                ("title".into(), "Announcing Rust 1.83.0".into()),
                (
                    "byline".into(),
                    "By The Release Team · 28 November 2024".into()
                ),
                ("paragraph".into(), "Hello world.".into())
            ]
        );
        assert_eq!(doc.blocks()[2].spans[0].chars, 6..11);
        let yaml = document_from_markdown(
            "---\ntitle: \"A post\"\nauthor: Jane\n---\n\nText",
            Metadata::default(),
        );
        assert_eq!(yaml.metadata.title.as_deref(), Some("A post"));
        assert_eq!(yaml.metadata.byline.as_deref(), Some("Jane"));
    }

    #[test]
    fn a_readmes_html_h1_after_its_logo_is_the_title() {
        let doc = document_from_markdown(
            "<h1 align=\"center\">\n  <img src=\"logo.png\" alt=\"Logo\" width=\"120\"><br>\n  Ripgrep Plus\n</h1>\n\n<p align=\"center\">Search fast.</p>\n\n## Install\n\nRun it.\n",
            Metadata::default(),
        );
        assert_eq!(doc.metadata.title.as_deref(), Some("Ripgrep Plus"));
        let kinds: Vec<(String, String)> = blocks(&doc);
        assert_eq!(
            kinds[1],
            ("title".into(), "Ripgrep Plus".into()),
            "{kinds:?}"
        );
        // An <h1> further down is a heading.
        let later = document_from_markdown("Some text.\n\n<h1>Later</h1>\n", Metadata::default());
        assert_eq!(later.metadata.title, None);
    }

    #[test]
    fn a_rule_at_the_top_that_is_not_yaml_is_markdown() {
        let doc = document_from_markdown(
            "---\nThis line is a heading under a rule.\n---\n\nBody text.\n",
            Metadata::default(),
        );
        let texts: Vec<String> = blocks(&doc).into_iter().map(|(_, text)| text).collect();
        assert!(
            texts
                .iter()
                .any(|t| t == "This line is a heading under a rule."),
            "{texts:?}"
        );
        assert_eq!(doc.metadata.title, None);
    }

    #[test]
    fn structure_without_syntax() {
        let doc = document_from_markdown(
            "# Title\n\n## Part\n\nSee [the docs](https://example.org) and `code`.\n\n\
             > quoted\n\n- one\n  - nested\n- two\n\n1. first\n2. second\n\n```rust\nfn x() {\n    y\n}\n```\n\n\
             ![alt text](img.png)\n\n---\n\n| a | bb |\n|---|---|\n| ccc | d |\n\n- [x] done\n\nNote[^1].\n\n[^1]: The note.\n",
            Metadata::default(),
        );
        let got = blocks(&doc);
        let expected: Vec<(String, String)> = [
            ("title", "Title"),
            ("h2", "Part"),
            ("paragraph", "See the docs and code."),
            ("quote", "quoted"),
            ("li1", "one"),
            ("li2", "nested"),
            ("li1", "two"),
            ("li1", "first"),
            ("li1", "second"),
            ("code", "fn x() {\n    y\n}"),
            ("figure", "alt text"),
            ("separator", "\u{2042}"),
            ("table", "a\tbb\nccc\td"),
            ("li1", "\u{2611} done"),
            ("paragraph", "Note[1]."),
            ("furniture", "[1] The note."),
        ]
        .iter()
        .map(|(k, t)| (k.to_string(), t.to_string()))
        .collect();
        assert_eq!(got, expected);
        let link = &doc.blocks()[2].spans[0];
        assert_eq!(link.chars, 4..12);
        assert_eq!(
            link.style,
            InlineStyle::Link {
                target: "https://example.org".into()
            }
        );
    }
}

mod pictures {
    use super::super::*;

    #[test]
    fn a_badges_link_is_its_alt_texts_and_goes_on_after_it() {
        let doc = document_from_markdown(
            "[![build](b.png)](https://ci.example.org) and [![x](x.png) more](https://x.org)\n",
            Metadata::default(),
        );
        let links: Vec<(String, Option<&str>)> = (0..doc.blocks().len())
            .map(|i| {
                let block = &doc.blocks()[i];
                (doc.block_text(i).to_owned(), doc.link_at(block.chars.start))
            })
            .collect();
        assert_eq!(
            links,
            [
                ("build".to_owned(), Some("https://ci.example.org")),
                ("and".to_owned(), None),
                ("x".to_owned(), Some("https://x.org")),
                ("more".to_owned(), Some("https://x.org")),
            ]
        );
    }
}

mod lists {
    use super::super::*;
    use crate::document::ListNumber;

    fn kinds_and_texts(doc: &Document) -> Vec<(BlockKind, String)> {
        (0..doc.blocks().len())
            .map(|i| (doc.blocks()[i].kind, doc.block_text(i).to_owned()))
            .collect()
    }

    #[test]
    fn an_item_of_several_paragraphs_keeps_one_number() {
        let doc = document_from_markdown(
            "1. First step\n\n   Why it comes first.\n\n       code in the item\n\n2. Second step\n",
            Metadata::default(),
        );
        let item = |number, continued| BlockKind::ListItem {
            level: 1,
            number: Some(ListNumber::decimal(number)),
            continued,
        };
        assert_eq!(
            kinds_and_texts(&doc),
            [
                (item(1, false), "First step".to_owned()),
                (item(1, true), "Why it comes first.".to_owned()),
                (BlockKind::Code, "code in the item".to_owned()),
                (item(2, false), "Second step".to_owned()),
            ]
        );
        assert_eq!(
            doc.blocks()[1].kind.list_number(),
            None,
            "a continuation draws no number"
        );
    }

    #[test]
    fn an_ordered_list_keeps_its_start_number_out_of_its_text() {
        let doc = document_from_markdown("7. Seventh\n8. Eighth\n", Metadata::default());
        assert_eq!(doc.block_text(0), "Seventh");
        assert_eq!(doc.block_text(1), "Eighth");
        assert_eq!(
            doc.blocks()[0].kind.list_number(),
            Some(ListNumber::decimal(7))
        );
        assert_eq!(
            doc.blocks()[1].kind.list_number(),
            Some(ListNumber::decimal(8))
        );
    }
}
