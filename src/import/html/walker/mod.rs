//! Walks the HTML elements of an article's body, turning block elements
//! into blocks, inline elements into styles, pictures into figures.

use dom_query::NodeRef;
use url::Url;

use crate::document::{BlockKind, DocumentBuilder, InlineStyle};

use super::super::inline::{Inline, Lists, collapse, prose_kind, same_words, table_text};
use super::super::picture::PictureResolver;
use super::article_end::NAMED_BODY_CLASS;
use super::author_bios::BIO_CLASS;
use super::kept_asides::MUTED_CLASS;
use tables::table_rows;

mod figures;
mod links;
mod list_counting;
pub(super) use list_counting::carry_list_styles_to_types;
pub(super) mod mathml;
mod mathml_symbols;
mod tables;

use figures::{FigureParts, holds_picture};

/// Walks HTML elements, turning block elements into blocks.
pub(super) struct Walker<'r> {
    inline: Inline,
    quote_depth: usize,
    lists: Lists,
    in_item: bool,
    /// The article's title: a first heading that repeats it is not shown twice.
    pub(super) skip_heading: Option<String>,
    pictures: &'r mut dyn PictureResolver,
    /// The page's own address: relative links are resolved against it.
    page_url: Option<Url>,
    /// The figure being read, if the walk is inside one.
    figure: Option<FigureParts>,
    /// The EPUB chapter being read (its path in the book): ids are named
    /// `CHAPTER#ID` and relative links lead inside the book.
    pub(super) anchor_scope: Option<String>,
    /// The first block after the page's named article body
    /// (`article_end`), once the walk has left it.
    pub(super) named_body_end: Option<usize>,
}

/// Elements whose content is not the article's text. A ruby's readings
/// (`<rt>`, and `<rp>`'s fallback brackets) are a reading aid over the
/// text, not text: "子(こ)ども" is "子ども" to search and quote.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "head", "svg", "iframe", "button", "form", "input",
    "select", "textarea", "object", "embed", "canvas", "audio", "video", "rt", "rp",
];

const CONTAINERS: &[&str] = &[
    "div", "section", "article", "main", "header", "footer", "aside", "nav", "details", "body",
    "html", "center", "address", "dl", "fieldset", "hgroup",
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
    /// A `<details>` element's summary: a block of its own, in bold.
    Summary,
    Pre,
    Figure,
    Caption,
    /// What an aside kept from the article (`kept_asides`) held, muted:
    /// the blocks from this one on.
    Muted {
        first_block: usize,
    },
    /// The page's named article body: the block after it is noted.
    NamedBody,
    Nothing,
}

/// One step of the walk: into a node, or out of an element.
enum Step<'a> {
    Enter(NodeRef<'a>),
    Exit(Exit),
}

impl<'r> Walker<'r> {
    pub(super) fn new(pictures: &'r mut dyn PictureResolver, page_url: Option<Url>) -> Self {
        Self {
            inline: Inline::default(),
            quote_depth: 0,
            lists: Lists::default(),
            in_item: false,
            skip_heading: None,
            pictures,
            page_url,
            figure: None,
            anchor_scope: None,
            named_body_end: None,
        }
    }

    /// Walks the tree below `node` with a stack of its own, so no depth of
    /// nesting can overflow the thread's stack, in time linear in its size.
    pub(super) fn walk(&mut self, node: &NodeRef<'_>, builder: &mut DocumentBuilder) {
        let mut stack: Vec<Step<'_>> = Vec::new();
        push_children(&mut stack, node);
        while let Some(step) = stack.pop() {
            match step {
                Step::Exit(exit) => self.exit(exit, builder),
                Step::Enter(child) if child.is_text() => {
                    // In a figure, only the caption is text (not "Photo", a credit line's label).
                    let outside_caption =
                        self.figure.as_ref().is_some_and(|f| f.caption_depth == 0);
                    if !outside_caption {
                        self.inline.push_text(&child.text());
                    }
                }
                Step::Enter(child) if child.is_element() => {
                    let name = child
                        .node_name()
                        .map(|n| n.to_ascii_lowercase())
                        .unwrap_or_default();
                    let id = child
                        .attr("id")
                        .or_else(|| (name == "a").then(|| child.attr("name")).flatten());
                    if let Some(id) = id.filter(|id| !id.trim().is_empty()) {
                        builder.add_anchor(self.anchor_name(id.trim()));
                    }
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
            "img" => {
                self.picture(node, builder);
                None
            }
            // An EPUB's XHTML may name MathML with a prefix ("m:math").
            _ if name == "math" || name.ends_with(":math") => {
                self.formula(node, builder);
                None
            }
            "figure" if self.figure.is_none() && holds_picture(node) => {
                self.flush(builder);
                self.figure = Some(FigureParts::default());
                Some(Exit::Figure)
            }
            _ if node.has_class(MUTED_CLASS) || node.has_class(BIO_CLASS) => {
                self.flush(builder);
                Some(Exit::Muted {
                    first_block: builder.block_count(),
                })
            }
            // The named body as a container (a table or list named so is
            // read as one).
            _ if CONTAINERS.contains(&name)
                && node.has_class(NAMED_BODY_CLASS)
                && self.named_body_end.is_none() =>
            {
                self.flush(builder);
                Some(Exit::NamedBody)
            }
            "figcaption" if self.figure.is_some() => {
                self.inline.take();
                if let Some(figure) = &mut self.figure {
                    figure.caption_depth += 1;
                }
                Some(Exit::Caption)
            }
            _ => self.enter_block(name, node, builder),
        }
    }

    /// Block elements: what came before them is a block of its own.
    fn enter_block(
        &mut self,
        name: &str,
        node: &NodeRef<'_>,
        builder: &mut DocumentBuilder,
    ) -> Option<Exit> {
        match name {
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
                let counting = (name == "ol").then(|| list_counting::counting_of(node));
                self.lists.open(counting);
                let was_in_item = std::mem::replace(&mut self.in_item, false);
                Some(Exit::List { was_in_item })
            }
            "li" => {
                self.flush(builder);
                self.lists.start_item(list_counting::item_value(node));
                self.in_item = true;
                Some(Exit::Item)
            }
            "summary" => {
                self.flush(builder);
                self.inline.open(InlineStyle::Strong);
                Some(Exit::Summary)
            }
            "pre" => {
                self.flush(builder);
                self.inline.verbatim = true;
                Some(Exit::Pre)
            }
            "table" => {
                self.flush(builder);
                let (rows, header_rows) = table_rows(node);
                let (text, spans) = table_text(&rows, header_rows);
                builder.push_styled(BlockKind::Table, &text, spans);
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
        let follows_code = || {
            node.prev_element_sibling()
                .and_then(|sibling| sibling.node_name())
                .is_some_and(|sibling| sibling.eq_ignore_ascii_case("code"))
        };
        if name == "code" && self.inline.verbatim && follows_code() {
            // One <pre> holding two <code> flavours (a manual's CommonJS
            // and ES-module examples): each is a block of its own.
            self.end_code_block(builder);
        }
        let style = match name {
            "em" | "i" | "cite" | "dfn" | "var" => Some(InlineStyle::Emphasis),
            "strong" | "b" => Some(InlineStyle::Strong),
            "code" | "kbd" | "samp" | "tt" if !self.inline.verbatim => Some(InlineStyle::Code),
            "a" => node
                .attr("href")
                .map(|href| href.trim().to_owned())
                .filter(|href| !href.is_empty() && href != "#")
                .map(|href| InlineStyle::Link {
                    target: self.link_target(&href),
                }),
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
            Exit::Summary => {
                self.inline.close();
                self.flush(builder);
            }
            Exit::Pre => {
                self.end_code_block(builder);
                self.inline.verbatim = false;
            }
            Exit::Figure => self.end_figure(builder),
            Exit::Caption => {
                if let Some(figure) = &mut self.figure {
                    figure.caption_depth -= 1;
                    let (text, spans) = self.inline.take();
                    if !text.trim().is_empty() && figure.caption.is_none() {
                        figure.caption = Some((text, spans));
                    }
                }
            }
            Exit::Muted { first_block } => {
                self.flush(builder);
                builder.mute_from(first_block);
            }
            Exit::NamedBody => {
                self.flush(builder);
                self.named_body_end = Some(builder.block_count());
            }
            Exit::Nothing => {}
        }
    }

    /// A heading; the first that repeats the title is dropped.
    fn end_heading(&mut self, level: u8, builder: &mut DocumentBuilder) {
        let (text, spans) = self.inline.take();
        if self
            .skip_heading
            .as_ref()
            .is_some_and(|title| collapse(&text).to_lowercase() == *title)
        {
            self.skip_heading = None;
            return;
        }
        let kind = BlockKind::Heading {
            level: level.max(2),
        };
        builder.push_styled(kind, &text, spans);
    }

    /// Emits the text collected so far as a paragraph, quote or list item
    /// (not inside a figure). A paragraph that repeats the figure just before it is that figure's
    /// caption, already shown.
    /// The preformatted text gathered so far, as a code block (none when
    /// it is only white space).
    fn end_code_block(&mut self, builder: &mut DocumentBuilder) {
        let (text, _) = self.inline.take();
        let text = text.trim_matches('\n');
        if !text.trim().is_empty() {
            builder.push(BlockKind::Code, text);
        }
    }

    pub(super) fn flush(&mut self, builder: &mut DocumentBuilder) {
        // In a figure, the caption gathers every block it holds into one.
        if self.figure.is_some() {
            self.inline.push_text(" ");
            return;
        }
        let (text, spans) = self.inline.take();
        if text.trim().is_empty() {
            return;
        }
        if let Some((BlockKind::Figure { .. }, caption)) = builder.last_block()
            && same_words(caption, &text)
        {
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
