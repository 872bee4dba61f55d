//! Sections of a page's machinery that Readability leaves in an article:
//! a heading (or a line standing as one) that names what follows as the
//! site's — "Most popular", "Tags", "3 Comments", "About the author",
//! "Lo más leído", "Komentarze", "热门文章" — and the short or linked
//! lines under it. They are muted, never dropped; the section ends at the
//! first line of prose (a long paragraph that is not a link) or the next
//! heading as large, so an article that goes on after such a heading is
//! still the article.

use super::promo_lines::{is_line_of_links, is_prose};
use crate::document::{BlockKind, DocumentBuilder};

/// Section headings of a page's machinery, lower case, whole (after a
/// count such as "3" and the punctuation around them are taken off).
const MACHINERY_HEADINGS: &[&str] = &[
    // English
    "most popular",
    "most read",
    "most viewed",
    "most shared",
    "popular posts",
    "popular stories",
    "popular articles",
    "featured",
    "featured posts",
    "featured content",
    "featured stories",
    "top stories",
    "our top stories",
    "trending",
    "trending now",
    "recent posts",
    "recent articles",
    "recent stories",
    "latest posts",
    "latest news",
    "latest stories",
    "more stories",
    "more news",
    "related",
    "related articles",
    "related posts",
    "related stories",
    "related content",
    "related links",
    "more on this topic",
    "story highlights",
    "more posts",
    "more articles",
    "similar posts",
    "similar articles",
    "more on the topic",
    "more on this story",
    "related videos",
    "audios and videos on the topic",
    "related topics",
    "you may also like",
    "you might also like",
    "we also recommend",
    "recommended",
    "recommended for you",
    "tags",
    "categories",
    "archives",
    "subscribe",
    "newsletter",
    "newsletters",
    "follow us",
    "share",
    "share this",
    "share this article",
    "share this story",
    "share this post",
    "comment",
    "comments",
    "leave a reply",
    "leave a comment",
    "post a comment",
    "about the author",
    "more information",
    "contact",
    "blogroll",
    "sponsors",
    "our sponsors",
    "partners",
    "our partners",
    // German
    "meistgelesen",
    "meistgelesene artikel",
    "das könnte sie auch interessieren",
    "weitere artikel",
    "mehr zum thema",
    "mehr zu diesem thema",
    "weitere beiträge",
    "weitere beiträge zum thema",
    "ähnliche beiträge",
    "ähnliche artikel",
    "audios und videos zum thema",
    "themen",
    "schlagwörter",
    "kommentare",
    "kommentar schreiben",
    "teilen",
    "artikel teilen",
    "über den autor",
    "zur person",
    "weitere informationen",
    "kontakt",
    // French
    "les plus lus",
    "sur le même sujet",
    "sur le sujet",
    "plus sur ce sujet",
    "audios et vidéos sur le sujet",
    "dans la même rubrique",
    "articles similaires",
    "commentaires",
    "partager",
    "à propos de l'auteur",
    "à propos de l’auteur",
    // Spanish
    "lo más leído",
    "más leídas",
    "más leído",
    "noticias relacionadas",
    "más sobre este tema",
    "más sobre el tema",
    "audios y videos sobre el tema",
    "comentarios",
    "compartir",
    "te puede interesar",
    "sobre el autor",
    "etiquetas",
    "temas",
    // Portuguese
    "mais lidas",
    "mais lidos",
    "comentários",
    "compartilhe",
    "notícias relacionadas",
    "mais sobre o assunto",
    "mais sobre este tema",
    "sobre o autor",
    // Italian
    "i più letti",
    "più letti",
    "commenti",
    "condividi",
    "articoli correlati",
    // Polish
    "najczęściej czytane",
    "najpopularniejsze",
    "komentarze",
    "udostępnij",
    "podobne artykuły",
    "więcej na ten temat",
    "tagi",
    "o autorze",
    // Chinese
    "热门文章",
    "相关文章",
    "评论",
    "分享",
    "推荐阅读",
    "熱門文章",
    "相關文章",
    "評論",
    // Japanese
    "人気記事",
    "関連記事",
    "コメント",
    "シェア",
];

/// Headings under which a paragraph of prose is the site's too: an
/// author's biography.
const BIOGRAPHY_HEADINGS: &[&str] = &[
    "about the author",
    "über den autor",
    "zur person",
    "à propos de l'auteur",
    "à propos de l’auteur",
    "sobre el autor",
    "sobre o autor",
    "o autorze",
];

/// How the heading of an author's box begins ("Written by Jane Doe",
/// "Author: Jane Doe"): a biography's heading.
const BIOGRAPHY_OPENINGS: &[&str] = &[
    "written by ",
    "author: ",
    "autor: ",
    "autorin: ",
    "auteur : ",
    "auteur: ",
    "autore: ",
    "o autorze",
];

/// A line under a machinery heading is the section's when it is a line
/// of links or at most this many chars.
const SHORT_LINE_CHARS: usize = 120;

/// The most lines a machinery section holds.
const MOST_SECTION_LINES: usize = 40;

/// The most paragraphs of a biography, of any length (a long one after
/// them is the article going on, when the biography stands inside it).
const MOST_BIOGRAPHY_PARAGRAPHS: usize = 1;

/// Mutes, from block `first` on, each machinery heading and the lines of
/// its section. Headings are found by each block's kind before the rules
/// that judge lines one by one (`kinds`, from block `first`): a heading a
/// line rule muted ("Follow us!" as a control's label) still opens its
/// section and ends the one before it; a link of a menu (muted with its
/// run) opens none.
pub(super) fn mute_machinery_sections(
    builder: &mut DocumentBuilder,
    first: usize,
    kinds: &[BlockKind],
) {
    let kind_before_lines = |at: usize| at.checked_sub(first).and_then(|i| kinds.get(i)).copied();
    let mut at = first;
    while at < builder.block_count() {
        let Some(label) = machinery_label_at(builder, at, kind_before_lines(at)) else {
            at += 1;
            continue;
        };
        let level = match kind_before_lines(at) {
            Some(BlockKind::Heading { level }) => level,
            _ => u8::MAX,
        };
        builder.set_kind(at, BlockKind::Furniture);
        at += 1;
        let mut section = Section::new(&label, level);
        while section.lines < MOST_SECTION_LINES && at < builder.block_count() {
            let Some(kind) = builder.block_kind(at) else {
                break;
            };
            if let Some(BlockKind::Heading { level: next }) = kind_before_lines(at)
                && (next <= level || level == u8::MAX)
            {
                break;
            }
            if matches!(kind, BlockKind::Furniture | BlockKind::Figure { .. }) {
                // Already muted (a share count), or a teaser's picture:
                // still the section's.
                at += 1;
                continue;
            }
            if !section.holds(builder, at, kind) {
                break;
            }
            builder.set_kind(at, BlockKind::Furniture);
            at += 1;
        }
    }
}

/// A machinery section being read: its heading's level, the lines muted so
/// far, whether a list was among them, and the paragraphs of a biography
/// still to take.
struct Section {
    level: u8,
    lines: usize,
    listed: bool,
    biography: usize,
}

impl Section {
    fn new(label: &str, level: u8) -> Self {
        let biography_heading = BIOGRAPHY_HEADINGS.contains(&label)
            || BIOGRAPHY_OPENINGS
                .iter()
                .any(|opening| label.starts_with(opening));
        Self {
            level,
            lines: 0,
            listed: false,
            biography: if biography_heading {
                MOST_BIOGRAPHY_PARAGRAPHS
            } else {
                0
            },
        }
    }

    /// Whether block `at` (of `kind`, not muted) is the section's: a short
    /// line, a line of links or a biography's paragraph, not a heading of
    /// its level or above, nor the paragraph after the section's list.
    fn holds(&mut self, builder: &DocumentBuilder, at: usize, kind: BlockKind) -> bool {
        let ends = match kind {
            BlockKind::Heading { level: next } => next <= self.level || self.level == u8::MAX,
            kind => !is_prose(kind),
        };
        let short = builder
            .block_text(at)
            .is_some_and(|text| text.chars().count() <= SHORT_LINE_CHARS);
        let linked = is_line_of_links(builder, at);
        // A section that is a list ends with it ("Story highlights" and
        // its points, then the story's first line).
        let after_list = self.listed && kind == BlockKind::Paragraph && !linked;
        let in_section = short || linked || self.biography > 0;
        if ends || after_list || !in_section {
            return false;
        }
        self.listed |= matches!(kind, BlockKind::ListItem { .. });
        self.biography = self.biography.saturating_sub(1);
        self.lines += 1;
        true
    }
}

/// The machinery heading block `index` is (normalised), when it is one: a
/// heading, or a paragraph standing as one, by its kind before the line
/// rules (`kind`).
fn machinery_label_at(
    builder: &DocumentBuilder,
    index: usize,
    kind: Option<BlockKind>,
) -> Option<String> {
    let kind = kind?;
    if !matches!(kind, BlockKind::Heading { .. } | BlockKind::Paragraph) {
        return None;
    }
    let label = heading_label(builder.block_text(index)?);
    let authors_box = matches!(kind, BlockKind::Heading { .. })
        && BIOGRAPHY_OPENINGS
            .iter()
            .any(|opening| label.starts_with(opening));
    // "Connect with CNET": a site's row of networks under its name (not
    // "Connect with Anyone", a heading of the article).
    let connect = label.strip_prefix("connect with ").is_some_and(|name| {
        name == "us"
            || builder
                .metadata()
                .source
                .as_deref()
                .is_some_and(|site| site.to_lowercase() == name)
    });
    (authors_box || connect || MACHINERY_HEADINGS.contains(&label.as_str())).then_some(label)
}

/// A heading's words, lower case, without a count before them ("3
/// Comments", "(12) Kommentare") and punctuation around them.
fn heading_label(text: &str) -> String {
    let is_edge = |c: char| !c.is_alphanumeric();
    let text = text.trim_matches(is_edge);
    let without_count =
        text.trim_start_matches(|c: char| c.is_ascii_digit() || !c.is_alphanumeric());
    without_count
        .trim_matches(is_edge)
        .chars()
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_headings_label_is_its_words_without_count_or_punctuation() {
        assert_eq!(heading_label("3 Comments:"), "comments");
        assert_eq!(heading_label("(12) Kommentare"), "kommentare");
        assert_eq!(heading_label("» Most Popular «"), "most popular");
        assert_eq!(
            heading_label("À propos de l’auteur"),
            "à propos de l’auteur"
        );
        assert_eq!(heading_label("热门文章："), "热门文章");
        assert_eq!(heading_label("2012 in review"), "in review");
    }

    /// A heading a line rule muted ("Follow us!" as a control's label)
    /// still opens its section by its kind before the line rules; a line
    /// muted before them ("Archives", a link of a menu) opens none.
    #[test]
    fn a_heading_muted_by_a_line_rule_still_opens_its_section() {
        use crate::document::{Format, Metadata};
        let mut builder = DocumentBuilder::new(Format::Html, Metadata::default());
        let prose = "The article's paragraph, longer than any line of a section of the page's \
                     machinery: it goes on and on, about the day at the park and the animals.";
        builder.push(BlockKind::Paragraph, prose);
        builder.push(BlockKind::Heading { level: 3 }, "Follow us!");
        builder.push(BlockKind::Paragraph, "Twitter: @nuttynomads");
        builder.push(BlockKind::Paragraph, prose);
        builder.push(BlockKind::Paragraph, "Archives");
        builder.push(BlockKind::Paragraph, "A short line");
        let mut kinds: Vec<BlockKind> = (0..builder.block_count())
            .filter_map(|index| builder.block_kind(index))
            .collect();
        kinds[4] = BlockKind::Furniture;
        builder.set_kind(1, BlockKind::Furniture);
        builder.set_kind(4, BlockKind::Furniture);
        mute_machinery_sections(&mut builder, 0, &kinds);
        let muted: Vec<bool> = (0..builder.block_count())
            .map(|index| builder.block_kind(index) == Some(BlockKind::Furniture))
            .collect();
        assert_eq!(muted, [false, true, true, false, true, false]);
    }
}
