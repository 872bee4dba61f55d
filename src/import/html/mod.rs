//! The HTML importer: Readability-style article extraction (dom_smoothie,
//! a port of Mozilla's Readability.js) for title, byline, date, site name and
//! the article body, then the body's elements as blocks with inline styles
//! (`walker`). The page's own machinery (Wikipedia's "[edit]" links and
//! contents, text only screen readers get) is removed first. No script
//! runs and nothing is fetched. When no article is found, the page's body
//! text is used: never an empty document.

mod article_end;
mod author_bios;
mod boilerplate_lines;
mod breadcrumbs;
mod captioned_pictures;
mod comments;
mod control_lines;
mod formula_renderings;
mod kept_asides;
mod machinery_sections;
mod noscript;
mod orphan_rows;
mod post_container;
mod promo_lines;
mod prompt_lines;
mod repeated_blocks;
mod stamp_dates;
mod standfirst;
mod titled_article;
mod walker;

use std::borrow::Cow;

use dom_query::{Document as HtmlDocument, NodeRef};

use crate::document::language::primary_subtag;
use crate::document::{BlockKind, Document, DocumentBuilder, Format, Metadata};

use super::inline::collapse;
use super::nesting::{MAX_HTML_DEPTH, flatten_deep_nesting};
use super::page::{PageHead, metadata_line};
use super::page_title::{SiteNames, TitleSources, article_title};
use super::picture::{FilePictures, PictureResolver};
use walker::Walker;

/// Imports a web page (decoded text) as a document.
pub fn document_from_html(html: &str, metadata: Metadata) -> Document {
    let mut pictures = FilePictures::beside(metadata.path.as_deref());
    let mut builder = DocumentBuilder::new(Format::Html, metadata);
    let page = parse_html(html);
    let head = PageHead::of(&page);
    let headings = first_headings(&page);
    let title_element = page_title_of(&page);
    remove_page_machinery(&page);
    let comments = comments::take_comments(&page);
    let asides = kept_asides::take_asides(&page);
    let others = post_container::OtherArticles::of(&page, &title_element, &head, &asides);
    let titles = [
        title_element.as_str(),
        head.og_title.as_deref().unwrap_or_default(),
    ];
    let standfirst = standfirst::Standfirst::of(&page, &head.descriptions, &titles);
    pictures.page_url = head.url.clone();
    let (page_title, content, is_article) = match readable_article(page) {
        Ok(article) => {
            article_metadata(builder.metadata_mut(), &article, &head);
            let content = others.unless_misread(&article.content, &asides);
            (collapse(&article.title), content, true)
        }
        Err(unread_page) => {
            let content = unread_content(unread_page, html, &asides);
            let metadata = builder.metadata_mut();
            metadata.source = head.site_name.clone();
            metadata.date = head.published.clone();
            (page_title_of(&content), content, false)
        }
    };
    captioned_pictures::name_captioned_pictures(&content);
    let body = if is_article {
        content.root()
    } else {
        content.body().unwrap_or_else(|| content.root())
    };
    let metadata = builder.metadata_mut();
    metadata.url = head.url.as_ref().map(ToString::to_string);
    metadata.language = head.language.as_deref().and_then(primary_subtag);
    let sources = TitleSources {
        title_element: &title_element,
        og_title: head.og_title.as_deref(),
        headings: &headings,
    };
    let title = article_title(&page_title, &sources, &site_names(metadata, &head));
    let mut walker = Walker::new(&mut pictures, head.url.clone());
    if !title.is_empty() {
        walker.skip_heading = Some(title.to_lowercase());
        let standfirst = standfirst.filter(|lead| !lead.is_within(&body.text()));
        push_article_head(&mut builder, title, standfirst);
    }
    let first_of_body = builder.block_count();
    walker.walk(&body, &mut builder);
    walker.flush(&mut builder);
    mute_page_machinery(&mut builder, first_of_body, walker.named_body_end);
    comments::push_threads(comments, &mut walker, &mut builder);
    builder.finish()
}

/// The article's title, the quiet line under it (byline, date, site) and
/// its standfirst, as its first blocks.
fn push_article_head(
    builder: &mut DocumentBuilder,
    title: String,
    standfirst: Option<standfirst::Standfirst>,
) {
    builder.push(BlockKind::Title, &title);
    builder.metadata_mut().title = Some(title);
    if let Some(line) = metadata_line(builder.metadata_mut()) {
        builder.push(BlockKind::Byline, &line);
    }
    if let Some(lead) = standfirst {
        builder.push(BlockKind::Lead, &lead.text);
    }
}

/// Mutes, from block `first` on, what the article's container holds that
/// is the page's, not the article's: a breadcrumb trail, runs of links,
/// text printed twice, then lines one by one (boilerplate, the machinery's
/// sections, promotions), and what follows the page's named article body
/// (its end, `named_body_end`).
fn mute_page_machinery(builder: &mut DocumentBuilder, first: usize, named_body_end: Option<usize>) {
    breadcrumbs::mute_breadcrumbs(builder, first);
    promo_lines::mute_runs_of_links(builder, first);
    repeated_blocks::mute_repeated_blocks(builder, first);
    let kinds_before_lines: Vec<BlockKind> = (first..builder.block_count())
        .filter_map(|index| builder.block_kind(index))
        .collect();
    boilerplate_lines::mute_boilerplate_lines(builder, first);
    machinery_sections::mute_machinery_sections(builder, first, &kinds_before_lines);
    promo_lines::mute_promotions(builder, first);
    if let Some(end) = named_body_end {
        article_end::mute_after_named_body(builder, first, end);
    }
}

/// A page Readability did not read: as parsed (its asides put back), or
/// parsed again when Readability found no text in it.
fn unread_content(
    unread_page: Option<HtmlDocument>,
    html: &str,
    asides: &kept_asides::KeptAsides,
) -> HtmlDocument {
    unread_page
        .map(|page| HtmlDocument::from(asides.restore(&page.html())))
        .unwrap_or_else(|| {
            let page = parse_html(html);
            remove_page_machinery(&page);
            page
        })
}

/// The article Readability finds in the page; else the page itself when
/// it was not read (nested deeper than any real article: Readability's
/// scoring is quadratic in the depth, so such a page is walked as parsed),
/// or nothing when Readability found no text in it.
fn readable_article(page: HtmlDocument) -> Result<dom_smoothie::Article, Option<HtmlDocument>> {
    // The depth is the parsed tree's (the lexical bound before parsing is
    // an estimate).
    if nesting_depth(&page.root()) > MAX_READABILITY_DEPTH {
        return Err(Some(page));
    }
    // The captioned pictures' classes are kept in its article: they are
    // named as figures after it (see `name_captioned_pictures`); so are the
    // named article body's, whose end the walk notes (`article_end`), and
    // the authors' bios', which it mutes (`author_bios`).
    article_end::mark_named_body(&page);
    author_bios::mark_author_bios(&page);
    walker::carry_list_styles_to_types(&page);
    let config = dom_smoothie::Config {
        classes_to_preserve: captioned_pictures::CAPTIONED_PICTURE_CLASSES
            .iter()
            .chain([&article_end::NAMED_BODY_CLASS, &author_bios::BIO_CLASS])
            .map(ToString::to_string)
            .collect(),
        ..dom_smoothie::Config::default()
    };
    dom_smoothie::Readability::with_document(page, None, Some(config))
        .ok()
        .and_then(|mut readability| readability.parse().ok())
        .filter(|article| !article.text_content.trim().is_empty())
        .map(|mut article| {
            // Rows it left outside a table are the blocks it meant them as.
            if let Cow::Owned(content) = orphan_rows::divs_for_orphan_rows(&article.content) {
                article.content = content.into();
            }
            article
        })
        .ok_or(None)
}

/// The byline, site and date Readability found (the page's head where it
/// found none).
fn article_metadata(metadata: &mut Metadata, article: &dom_smoothie::Article, head: &PageHead) {
    metadata.byline = article
        .byline
        .as_deref()
        .map(collapse)
        .filter(|b| !b.is_empty());
    metadata.source = article
        .site_name
        .as_deref()
        .map(collapse)
        .or_else(|| head.site_name.clone())
        .filter(|s| !s.is_empty());
    metadata.date = article
        .published_time
        .as_deref()
        .map(collapse)
        .or_else(|| head.published.clone());
}

/// What names the page's site: its name, its address, the byline.
fn site_names(metadata: &Metadata, head: &PageHead) -> SiteNames {
    SiteNames::new(
        metadata.source.as_deref(),
        head.url.as_ref(),
        metadata.byline.as_deref(),
    )
}

/// The page's first `<h1>`s (a title is checked against them).
fn first_headings(page: &HtmlDocument) -> Vec<String> {
    page.select("h1")
        .nodes()
        .iter()
        .take(4)
        .map(|h| collapse(&h.text()))
        .collect()
}

/// The page's `<title>`.
fn page_title_of(page: &HtmlDocument) -> String {
    page.select("title")
        .nodes()
        .first()
        .map(|t| collapse(&t.text()))
        .unwrap_or_default()
}

/// What a page carries for its site rather than for its reader, found by
/// the classes the big sites use: Wikipedia's "[edit]" links, contents box
/// and navigation boxes, and text hidden from the eye for screen readers
/// ("Photo", "Continue reading the main story").
/// A formula given both as hidden MathML and as a picture is first shown
/// as its MathML, before what is hidden is removed.
fn remove_page_machinery(page: &HtmlDocument) {
    formula_renderings::show_formulas_for_their_pictures(page);
    captioned_pictures::mark_picture_boxes(page);
    const MACHINERY: &[&str] = &[
        "mw-editsection",
        "toc",
        "navbox",
        "mw-jump-link",
        "visually-hidden",
        "sr-only",
        "screen-reader-text",
        "skip-link",
    ];
    // One pass over the elements (selectors would walk a large page once
    // each); the tree is changed after it.
    let machinery: Vec<NodeRef<'_>> = page
        .root()
        .descendants_it()
        .filter(|node| {
            node.is_element()
                && (node.attr("id").is_some_and(|id| id.as_ref() == "toc")
                    || node.class().is_some_and(|class| {
                        class.split_whitespace().any(|c| MACHINERY.contains(&c))
                    }))
        })
        .collect();
    for node in machinery {
        node.remove_from_parent();
    }
}

/// Parses HTML, its nesting bounded first (see `nesting`): every HTML the
/// importers read goes through here.
fn parse_html(html: &str) -> HtmlDocument {
    let html = noscript::without_noscript(html);
    HtmlDocument::from(&*flatten_deep_nesting(&html, MAX_HTML_DEPTH).text)
}

/// Pages nested deeper than this skip article extraction (real articles
/// are nested a few dozen elements deep).
const MAX_READABILITY_DEPTH: usize = 128;

/// How deep elements nest below `root`, found without recursion.
fn nesting_depth(root: &NodeRef<'_>) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(*root, 0usize)];
    while let Some((node, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        for child in node.children() {
            if child.is_element() {
                stack.push((child, depth + 1));
            }
        }
    }
    deepest
}

/// Appends the blocks of an HTML (or XHTML) document's body, its pictures
/// found by `pictures`.
pub(super) fn append_html_body(
    html: &str,
    builder: &mut DocumentBuilder,
    skip_heading: Option<String>,
    pictures: &mut dyn PictureResolver,
    anchor_scope: Option<String>,
) {
    let page = parse_html(html);
    let mut walker = Walker::new(pictures, None);
    walker.skip_heading = skip_heading;
    walker.anchor_scope = anchor_scope;
    let root = page.body().unwrap_or_else(|| page.root());
    walker.walk(&root, builder);
    walker.flush(builder);
}

/// The text of the first `h1`–`h3` of an HTML document.
pub(super) fn first_heading(html: &str) -> Option<String> {
    let page = parse_html(html);
    let heading = page.select("h1, h2, h3");
    heading.nodes().first().map(|n| collapse(&n.text()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::InlineStyle;

    #[test]
    fn an_article_page_becomes_blocks_with_styles() {
        let html = r#"<!doctype html><html><head><title>Site | The headline</title>
            <meta property="og:site_name" content="The Site">
            <script>alert('never runs')</script></head>
            <body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
            <article><h1>The headline</h1><p class="byline">By Jane Doe</p>
            <p>First paragraph with <em>emphasis</em>, <strong>strong</strong> and a
            <a href="https://example.org/x">link</a>. It goes on for a while so that the
            page reads as an article and not as navigation, with enough words in it.</p>
            <blockquote><p>A quotation that matters a great deal to the story being told here.</p></blockquote>
            <ul><li>One point that is made</li><li>Another point that is made</li></ul>
            <p>A second paragraph, long enough to count as content for the extraction,
            talking about the subject at hand with many more words than a menu would.</p>
            </article><footer>Copyright</footer></body></html>"#;
        let doc = document_from_html(html, Metadata::default());
        let text = doc.text();
        assert!(
            text.contains("First paragraph with emphasis, strong and a link."),
            "{text}"
        );
        assert!(!text.contains("never runs"));
        let kinds: Vec<&str> = doc.blocks().iter().map(|b| b.kind.name()).collect();
        assert_eq!(kinds[0], "title");
        assert!(kinds.contains(&"quote"), "{kinds:?}");
        assert!(kinds.contains(&"list_item"), "{kinds:?}");
        let first = doc
            .blocks()
            .iter()
            .position(|b| {
                doc.block_text(doc.blocks().iter().position(|x| x == b).unwrap())
                    .starts_with("First")
            })
            .unwrap();
        let styles: Vec<&InlineStyle> =
            doc.blocks()[first].spans.iter().map(|s| &s.style).collect();
        assert!(styles.contains(&&InlineStyle::Emphasis), "{styles:?}");
        assert!(styles.contains(&&InlineStyle::Link {
            target: "https://example.org/x".into()
        }));
    }

    #[test]
    fn a_page_without_an_article_keeps_its_body_text() {
        let doc = document_from_html(
            "<html><body><div>Just a line.</div></body></html>",
            Metadata::default(),
        );
        assert!(doc.text().contains("Just a line."), "{}", doc.text());
        let empty = document_from_html("", Metadata::default());
        assert!(empty.blocks().is_empty());
    }

    #[test]
    fn a_list_item_of_several_paragraphs_keeps_one_number() {
        let doc = document_from_html(
            "<html><body><ol start=\"3\"><li><p>Third step</p><p>Why.</p></li>\
             <li>Fourth step</li></ol></body></html>",
            Metadata::default(),
        );
        let texts: Vec<&str> = (0..doc.blocks().len()).map(|i| doc.block_text(i)).collect();
        assert_eq!(texts, ["Third step", "Why.", "Fourth step"]);
        let numbers: Vec<Option<String>> = doc
            .blocks()
            .iter()
            .map(|b| b.kind.list_number().map(|n| n.label()))
            .collect();
        assert_eq!(numbers, [Some("3.".into()), None, Some("4.".into())]);
        assert!(matches!(
            doc.blocks()[1].kind,
            BlockKind::ListItem {
                continued: true,
                ..
            }
        ));
    }

    #[test]
    fn two_code_flavours_in_one_pre_are_two_blocks() {
        let doc = document_from_html(
            "<html><body><p>Streams, in either module system:</p>\
             <pre><input type=\"checkbox\"><code class=\"mjs\">import { pipeline } from 'node:stream';\n\
             await pipeline();</code><code class=\"cjs\">const { pipeline } = require('node:stream');\n\
             run().catch(console.error);</code></pre>\
             <pre><code>one <b>block</b>\n  indented</code></pre></body></html>",
            Metadata::default(),
        );
        let code: Vec<&str> = (0..doc.blocks().len())
            .filter(|&i| doc.blocks()[i].kind == BlockKind::Code)
            .map(|i| doc.block_text(i))
            .collect();
        assert_eq!(
            code,
            [
                "import { pipeline } from 'node:stream';\nawait pipeline();",
                "const { pipeline } = require('node:stream');\nrun().catch(console.error);",
                "one block\n  indented",
            ]
        );
    }
}
