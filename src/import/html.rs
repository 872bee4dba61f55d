//! The HTML importer: Readability-style article extraction (dom_smoothie,
//! a port of Mozilla's Readability.js) for title, byline, date, site name and
//! the article body, then the body's elements as blocks with inline styles.
//! No script runs and nothing is fetched. When no article is found, the
//! page's body text is used: never an empty document.

use dom_query::{Document as HtmlDocument, NodeRef};

use crate::document::{BlockKind, Document, DocumentBuilder, Format, InlineStyle, Metadata};

use super::inline::{Inline, Lists, collapse, prose_kind};
use super::markdown::grid_text;
use super::nesting::{MAX_HTML_DEPTH, flatten_deep_nesting};

/// Imports a web page (decoded text) as a document.
pub fn document_from_html(html: &str, metadata: Metadata) -> Document {
    let mut builder = DocumentBuilder::new(Format::Html, metadata);
    let page = parse_html(html);
    // Readability's scoring is quadratic in the nesting depth: a page nested
    // deeper than any real article is read by the walker alone. The depth is
    // the parsed tree's (the lexical bound before parsing is an estimate).
    let article = (nesting_depth(&page.root()) <= MAX_READABILITY_DEPTH)
        .then(|| dom_smoothie::Readability::with_document(page, None, None).ok())
        .flatten()
        .and_then(|mut readability| readability.parse().ok())
        .filter(|article| !article.text_content.trim().is_empty());
    match article {
        Some(article) => {
            let title = collapse(&article.title);
            {
                let metadata = builder.metadata_mut();
                if !title.is_empty() {
                    metadata.title = Some(title.clone());
                }
                metadata.byline = article
                    .byline
                    .as_deref()
                    .map(collapse)
                    .filter(|b| !b.is_empty());
                metadata.source = article
                    .site_name
                    .as_deref()
                    .map(collapse)
                    .filter(|s| !s.is_empty());
                metadata.date = article.published_time.as_deref().map(collapse);
            }
            let content = HtmlDocument::from(article.content.to_string());
            let mut walker = Walker::default();
            if !title.is_empty() {
                builder.push(BlockKind::Title, &title);
                walker.skip_heading = Some(title.to_lowercase());
            }
            if let Some(byline) = builder.metadata_mut().byline.clone() {
                builder.push(BlockKind::Byline, &byline);
            }
            walker.walk(&content.root(), &mut builder);
            walker.flush(&mut builder);
        }
        None => {
            let page = parse_html(html);
            let title = page
                .select("title")
                .nodes()
                .first()
                .map(|t| collapse(&t.text()))
                .filter(|t| !t.is_empty());
            if let Some(title) = &title {
                builder.metadata_mut().title = Some(title.clone());
                builder.push(BlockKind::Title, title);
            }
            let mut walker = Walker::default();
            let root = page.body().unwrap_or_else(|| page.root());
            walker.walk(&root, &mut builder);
            walker.flush(&mut builder);
        }
    }
    builder.finish()
}

/// Parses HTML, its nesting bounded first (see `nesting`): every HTML the
/// importers read goes through here.
fn parse_html(html: &str) -> HtmlDocument {
    HtmlDocument::from(&*flatten_deep_nesting(html, MAX_HTML_DEPTH).text)
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

/// Appends the blocks of an HTML (or XHTML) document's body; returns the
/// text of its first heading, if any.
pub(super) fn append_html_body(
    html: &str,
    builder: &mut DocumentBuilder,
    skip_heading: Option<String>,
) {
    let page = parse_html(html);
    let mut walker = Walker {
        skip_heading,
        ..Walker::default()
    };
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

/// Walks HTML elements, turning block elements into blocks.
#[derive(Default)]
struct Walker {
    inline: Inline,
    quote_depth: usize,
    lists: Lists,
    in_item: bool,
    /// The article's title: a first heading that repeats it is not shown twice.
    skip_heading: Option<String>,
}

const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "head", "svg", "iframe", "button", "form", "input",
    "select", "textarea", "object", "embed", "canvas", "audio", "video", "math",
];

const CONTAINERS: &[&str] = &[
    "div", "section", "article", "main", "header", "footer", "aside", "nav", "figure", "details",
    "summary", "body", "html", "center", "address", "dl", "fieldset", "hgroup",
];

const PARAGRAPHS: &[&str] = &["p", "figcaption", "dt", "dd", "caption", "legend"];

/// What to do when the walk leaves an element.
#[derive(Clone, Copy, Debug)]
enum Exit {
    /// A block: what it holds becomes a block.
    Block,
    Quote,
    List {
        was_in_item: bool,
    },
    Item,
    Heading {
        level: u8,
    },
    /// An inline style ends.
    Styled,
    Pre,
    Nothing,
}

/// One step of the walk: into a node, or out of an element.
enum Step<'a> {
    Enter(NodeRef<'a>),
    Exit(Exit),
}

impl Walker {
    /// Walks the tree below `node` with a stack of its own, so no depth of
    /// nesting can overflow the thread's stack, in time linear in its size.
    fn walk(&mut self, node: &NodeRef<'_>, builder: &mut DocumentBuilder) {
        let mut stack: Vec<Step<'_>> = Vec::new();
        push_children(&mut stack, node);
        while let Some(step) = stack.pop() {
            match step {
                Step::Exit(exit) => self.exit(exit, builder),
                Step::Enter(child) if child.is_text() => self.inline.push_text(&child.text()),
                Step::Enter(child) if child.is_element() => {
                    let name = child
                        .node_name()
                        .map(|n| n.to_ascii_lowercase())
                        .unwrap_or_default();
                    if let Some(exit) = self.enter(&name, &child, builder) {
                        stack.push(Step::Exit(exit));
                        push_children(&mut stack, &child);
                    }
                }
                Step::Enter(_) => {}
            }
        }
    }

    /// Starts an element; returns what to do once its children are walked,
    /// or `None` when they are not to be walked.
    fn enter(
        &mut self,
        name: &str,
        node: &NodeRef<'_>,
        builder: &mut DocumentBuilder,
    ) -> Option<Exit> {
        match name {
            _ if SKIPPED.contains(&name) => None,
            "br" => {
                self.inline.hard_break();
                None
            }
            "img" => None,
            "hr" => {
                self.flush(builder);
                builder.push(BlockKind::Separator, "\u{2042}");
                None
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush(builder);
                let level = name[1..].parse::<u8>().unwrap_or(2);
                Some(Exit::Heading { level })
            }
            "blockquote" => {
                self.flush(builder);
                self.quote_depth += 1;
                Some(Exit::Quote)
            }
            "ul" | "ol" => {
                self.flush(builder);
                self.lists.open((name == "ol").then_some(1));
                let was_in_item = std::mem::replace(&mut self.in_item, false);
                Some(Exit::List { was_in_item })
            }
            "li" => {
                self.flush(builder);
                self.in_item = true;
                Some(Exit::Item)
            }
            "pre" => {
                self.flush(builder);
                self.inline.verbatim = true;
                Some(Exit::Pre)
            }
            "table" => {
                self.flush(builder);
                let rows = table_rows(node);
                if !rows.is_empty() {
                    builder.push(BlockKind::Table, &grid_text(&rows));
                }
                None
            }
            _ => self.enter_inline(name, node, builder),
        }
    }

    /// Inline elements, and any other element: its children are walked.
    fn enter_inline(
        &mut self,
        name: &str,
        node: &NodeRef<'_>,
        builder: &mut DocumentBuilder,
    ) -> Option<Exit> {
        let style = match name {
            "em" | "i" | "cite" | "dfn" | "var" => Some(InlineStyle::Emphasis),
            "strong" | "b" => Some(InlineStyle::Strong),
            "code" | "kbd" | "samp" | "tt" if !self.inline.verbatim => Some(InlineStyle::Code),
            "a" => node
                .attr("href")
                .map(|href| href.trim().to_owned())
                .filter(|href| !href.is_empty() && !href.starts_with('#'))
                .map(|target| InlineStyle::Link { target }),
            _ => None,
        };
        if let Some(style) = style {
            self.inline.open(style);
            return Some(Exit::Styled);
        }
        if PARAGRAPHS.contains(&name) || CONTAINERS.contains(&name) {
            self.flush(builder);
            return Some(Exit::Block);
        }
        // Any other element: its children are walked, nothing more.
        Some(Exit::Nothing)
    }

    fn exit(&mut self, exit: Exit, builder: &mut DocumentBuilder) {
        match exit {
            Exit::Block => self.flush(builder),
            Exit::Quote => {
                self.flush(builder);
                self.quote_depth -= 1;
            }
            Exit::List { was_in_item } => {
                self.flush(builder);
                self.in_item = was_in_item;
                self.lists.close();
            }
            Exit::Item => {
                self.flush(builder);
                self.in_item = false;
            }
            Exit::Heading { level } => self.end_heading(level, builder),
            Exit::Styled => self.inline.close(),
            Exit::Pre => {
                self.inline.verbatim = false;
                let (text, _) = self.inline.take();
                builder.push(BlockKind::Code, text.trim_matches('\n'));
            }
            Exit::Nothing => {}
        }
    }

    /// A heading; one that repeats the title is dropped.
    fn end_heading(&mut self, level: u8, builder: &mut DocumentBuilder) {
        let (text, spans) = self.inline.take();
        if let Some(title) = self.skip_heading.take()
            && collapse(&text).to_lowercase() == title
        {
            return;
        }
        let kind = BlockKind::Heading {
            level: level.max(2),
        };
        builder.push_styled(kind, &text, spans);
    }

    /// Emits the text collected so far as a paragraph, quote or list item.
    fn flush(&mut self, builder: &mut DocumentBuilder) {
        let (text, spans) = self.inline.take();
        if text.trim().is_empty() {
            return;
        }
        if self.in_item && !self.lists.is_empty() {
            self.lists.push_item(builder, &text, spans);
            return;
        }
        builder.push_styled(prose_kind(self.quote_depth), &text, spans);
    }
}

/// Pushes a node's children so that the first is popped first.
fn push_children<'a>(stack: &mut Vec<Step<'a>>, node: &NodeRef<'a>) {
    let children = node.children();
    stack.extend(children.into_iter().rev().map(Step::Enter));
}

/// The cells of a table's own rows (not those of tables inside it), each
/// collapsed to one line of text: every word of the table once.
fn table_rows(table: &NodeRef<'_>) -> Vec<Vec<String>> {
    let named = |node: &NodeRef<'_>, names: &[&str]| {
        node.node_name()
            .is_some_and(|n| names.iter().any(|name| n.eq_ignore_ascii_case(name)))
    };
    let mut rows = Vec::new();
    for child in table.children() {
        if named(&child, &["tr"]) {
            rows.push(child);
        } else if named(&child, &["thead", "tbody", "tfoot"]) {
            rows.extend(child.children().into_iter().filter(|c| named(c, &["tr"])));
        }
    }
    rows.iter()
        .map(|row| {
            row.children()
                .iter()
                .filter(|c| named(c, &["td", "th"]))
                .map(|c| collapse(&c.text()))
                .collect::<Vec<String>>()
        })
        .filter(|row| !row.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
