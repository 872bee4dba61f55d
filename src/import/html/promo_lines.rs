//! Lines that send the reader elsewhere — "Read also:", "Lesen Sie auch",
//! "Czytaj też", "Lee más", "相关阅读" — and the links they introduce:
//! promotions inside or after an article, set as its paragraphs. They are
//! told by how they begin, in the languages our readers read most, and
//! only when short or mostly a link, so a paragraph that goes on to say
//! something ("Read more about the study in…") stays the article's. Such
//! lines are muted, never dropped.

use crate::document::{BlockKind, DocumentBuilder};

/// How promotions begin, lower case. A line is one when it begins with one
/// of these followed by nothing, punctuation or a space.
const PROMO_OPENINGS: &[&str] = &[
    // English
    "read more",
    "read also",
    "also read",
    "read next",
    "related articles",
    "related stories",
    "related posts",
    "related content",
    "related coverage",
    "related reading",
    "related:",
    "see more",
    "more from",
    "more stories",
    "more on this",
    "don't miss",
    "don’t miss",
    "continue reading",
    "recommended for you",
    "recommended reading",
    "you may also like",
    "you might also like",
    "you may be interested",
    "you might be interested",
    // German
    "lesen sie auch",
    "hier geht es zu",
    "hier geht es zum",
    "hier geht es zur",
    "hier geht's zum",
    "hier geht's zur",
    "lesen sie mehr",
    "lesen sie hier",
    "lies auch",
    "auch interessant",
    "das könnte sie auch interessieren",
    "das könnte dich auch interessieren",
    "das thema könnte",
    "weitere beiträge",
    "weitere artikel",
    "mehr zum thema",
    "schon gelesen",
    "beiträge zum thema",
    "weiterlesen",
    "passend dazu",
    "verwandte artikel",
    "ähnliche artikel",
    // French
    "lire aussi",
    "à lire aussi",
    "a lire aussi",
    "lire également",
    "à lire également",
    "lire la suite",
    "pour lire la suite",
    "voir aussi",
    "à voir aussi",
    "sur le même sujet",
    "articles similaires",
    "à découvrir",
    // Spanish
    "lee más",
    "lee también",
    "leer más",
    "lea también",
    "lea más",
    "mire:",
    "mira:",
    "mira |",
    "mire |",
    "ver también",
    "ver más",
    "te puede interesar",
    "también te puede interesar",
    "le puede interesar",
    "puede interesarte",
    "noticias relacionadas",
    "artículos relacionados",
    "contenido relacionado",
    "no te pierdas",
    // Portuguese
    "leia também",
    "leia mais",
    "veja também",
    "veja mais",
    "saiba mais",
    "notícias relacionadas",
    "você pode gostar",
    "confira também",
    // Italian
    "leggi anche",
    "leggi di più",
    "potrebbe interessarti",
    "ti potrebbe interessare",
    "vedi anche",
    "articoli correlati",
    "per saperne di più",
    // Polish
    "czytaj też",
    "czytaj także",
    "czytaj więcej",
    "zobacz też",
    "zobacz także",
    "zobacz również",
    "przeczytaj też",
    "przeczytaj także",
    "przeczytaj również",
    "dowiedz się więcej",
    "polecamy",
    "podobne artykuły",
    // Where the article is filed: its tags and categories, linked
    "tags",
    "tagged",
    "tagged as",
    "tagged with",
    "filed under",
    "archived under",
    "explore related topics",
    "related topics",
    "more content from",
    "posted in",
    "categories",
    "category",
    "topics",
    "schlagwörter",
    "schlagworte",
    "stichwörter",
    "themen",
    "etiquetas",
    "temas",
    "mots-clés",
    "mots clés",
    "argomenti",
    "tagi",
    "tematy",
    "assuntos",
    // Hungarian
    "ezek is érdekelhetnek",
    "kapcsolódó cikkek",
    // Dutch
    "lees ook",
    "lees meer",
    // Chinese
    "相关阅读",
    "相关文章",
    "相关新闻",
    "延伸阅读",
    "推荐阅读",
    "阅读更多",
    "更多阅读",
    "相關閱讀",
    "相關文章",
    "相關新聞",
    "延伸閱讀",
    "推薦閱讀",
    // Japanese
    "関連記事",
    "関連ニュース",
    "あわせて読みたい",
    "合わせて読みたい",
    "こちらもおすすめ",
    "おすすめ記事",
    "続きを読む",
];

/// A promotion's label standing alone is at most this many chars.
const LABEL_CHARS: usize = 48;

/// A line that begins as a promotion and goes on is one when at most this
/// many chars and at least half a link ("Mire: <a>the headline</a>").
const LINKED_LINE_CHARS: usize = 200;

/// This many paragraphs in a row that are all links are a list of other
/// pages (a roundup's, "more stories"), not the article's text.
const LEAST_LINK_RUN: usize = 4;

/// A paragraph is all links when at least this share of it is.
const ALL_LINKS: f32 = 0.9;

/// The most links a label introduces.
const MOST_INTRODUCED: usize = 12;

/// Mutes, from block `first` on, each paragraph, heading or list item that
/// is a promotion: a short label ("Lesen Sie auch:") or a line that begins
/// as one and is mostly a link; after a label standing alone, the lines of
/// links it introduces (quoted ones too, the pictures between them passed).
pub(super) fn mute_promotions(builder: &mut DocumentBuilder, first: usize) {
    let mut at = first;
    while at < builder.block_count() {
        let Some(label_alone) = promotion_at(builder, at) else {
            at += 1;
            continue;
        };
        builder.set_kind(at, BlockKind::Furniture);
        at += 1;
        if label_alone {
            let mut introduced = 0;
            while introduced < MOST_INTRODUCED {
                // A linked headline's picture between two of them.
                if matches!(builder.block_kind(at), Some(BlockKind::Figure { .. })) {
                    at += 1;
                    continue;
                }
                if !is_line_of_links(builder, at) && !is_quoted_link(builder, at) {
                    break;
                }
                builder.set_kind(at, BlockKind::Furniture);
                at += 1;
                introduced += 1;
            }
        }
    }
}

/// Mutes each run of at least [`LEAST_LINK_RUN`] paragraphs or list items
/// from block `first` on that are all links (a roundup's list of posts, a
/// "more stories" list set as paragraphs): what is not the article's text,
/// shown muted, never dropped.
pub(super) fn mute_runs_of_links(builder: &mut DocumentBuilder, first: usize) {
    let mut at = first;
    while at < builder.block_count() {
        if let Some(sublist) = sublist_of_prose(builder, at) {
            at += sublist;
            continue;
        }
        let run = (at..builder.block_count())
            .take_while(|&index| is_all_links(builder, index))
            .count();
        if run >= LEAST_LINK_RUN && !is_headed_list_of_names(builder, at, run) {
            for index in at..at + run {
                builder.set_kind(index, BlockKind::Furniture);
            }
        }
        at += run.max(1);
    }
}

/// Whether the run of `run` linked blocks from `first` is a list of names
/// under a heading of the article ("Mac Apps": BBEdit, Acorn, Transmit …):
/// each a name of a few words, not a headline.
fn is_headed_list_of_names(builder: &DocumentBuilder, first: usize, run: usize) -> bool {
    let headed = first
        .checked_sub(1)
        .is_some_and(|above| matches!(builder.block_kind(above), Some(BlockKind::Heading { .. })));
    headed
        && (first..first + run).all(|index| {
            builder
                .block_text(index)
                .is_some_and(|text| text.split_whitespace().count() <= NAME_WORDS)
        })
}

/// The most words of a name (an app's, a tool's) in a list of them.
const NAME_WORDS: usize = 3;

/// The length of the nested list whose first item is block `index`, when
/// the item above it is not all links ("In progress:" and its linked bug
/// reports): the article's own list, not a list of other pages.
fn sublist_of_prose(builder: &DocumentBuilder, index: usize) -> Option<usize> {
    let level_of = |index| match builder.block_kind(index) {
        Some(BlockKind::ListItem { level, .. }) => Some(level),
        _ => None,
    };
    let level = level_of(index).filter(|&level| level > 1)?;
    let parent = index.checked_sub(1)?;
    if level_of(parent) != Some(level - 1) || is_all_links(builder, parent) {
        return None;
    }
    Some(
        (index..builder.block_count())
            .take_while(|&item| level_of(item).is_some_and(|nested| nested >= level))
            .count(),
    )
}

/// Whether block `index` is a paragraph or list item that is all links.
fn is_all_links(builder: &DocumentBuilder, index: usize) -> bool {
    builder
        .block_kind(index)
        .is_some_and(|kind| matches!(kind, BlockKind::Paragraph | BlockKind::ListItem { .. }))
        && builder.linked_share(index) >= ALL_LINKS
}

/// Whether block `index` is a promotion: `Some(true)` for a label standing
/// alone, `Some(false)` for a line that begins as one and is mostly a link.
fn promotion_at(builder: &DocumentBuilder, index: usize) -> Option<bool> {
    // A promotion set as a quote ("MIRA | <a>the headline</a>") too.
    let kind = builder.block_kind(index)?;
    if !is_prose(kind) && kind != BlockKind::Quote {
        return None;
    }
    let text = builder.block_text(index)?;
    let rest = after_promo_opening(text)?;
    let chars = text.chars().count();
    // "Read more on the quote here." is a sentence of the article; "Read
    // more: <a headline>" is not.
    let sentence =
        !rest.trim_start().starts_with([':', '|', '»', '›']) && text.trim_end().ends_with('.');
    let label_alone =
        chars <= LABEL_CHARS && rest.chars().filter(|c| c.is_alphanumeric()).count() < 24;
    let linked_line = chars <= LINKED_LINE_CHARS
        && (builder.linked_share(index) >= 0.5 || is_list_of_terms(rest));
    (!sentence && (label_alone || linked_line)).then_some(label_alone && !linked_line)
}

/// ": new-york, house-explosion", ": Politik · Hafen": after a label, a
/// list of short terms (tags set as text, not links), not a sentence.
fn is_list_of_terms(rest: &str) -> bool {
    const TERM_WORDS: usize = 4;
    let Some(terms) = rest.trim_start().strip_prefix(':') else {
        return false;
    };
    let terms: Vec<&str> = terms
        .split([',', ';', '|', '·', '•'])
        .map(str::trim)
        .collect();
    terms.iter().all(|term| {
        !term.is_empty()
            && term.split_whitespace().count() <= TERM_WORDS
            && !term.ends_with(['.', '!', '?'])
    })
}

/// What follows a promotion's opening in `text` (bullets and arrows before
/// it skipped), when it begins with one and the opening is a whole phrase.
fn after_promo_opening(text: &str) -> Option<&str> {
    let text = text.trim_start_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '►' | '▶' | '»' | '›' | '>' | '•' | '|' | '-' | '–' | '—' | '*'
            )
    });
    let lower: String = text.chars().take(40).flat_map(char::to_lowercase).collect();
    PROMO_OPENINGS.iter().find_map(|opening| {
        let rest = lower.strip_prefix(opening)?;
        // A phrase in a script without spaces ends where it ends.
        let unspaced = opening.chars().last().is_some_and(|c| c >= '\u{3000}');
        let whole = opening.ends_with(':')
            || unspaced
            || rest.chars().next().is_none_or(|c| !c.is_alphanumeric());
        // The text after the opening, in the original (case folding keeps
        // the number of chars for these openings).
        let skip = opening.chars().count();
        whole.then(|| {
            let start = text.char_indices().nth(skip).map_or(text.len(), |(i, _)| i);
            &text[start..]
        })
    })
}

/// Whether block `index` is a paragraph, heading or list item that is at
/// least half a link and short (a headline linked).
pub(super) fn is_line_of_links(builder: &DocumentBuilder, index: usize) -> bool {
    builder.block_kind(index).is_some_and(is_prose) && is_short_and_linked(builder, index)
}

/// Whether block `index` is a quote that is a short line of links (a
/// post embedded as its linked title, under "Schon gelesen?").
fn is_quoted_link(builder: &DocumentBuilder, index: usize) -> bool {
    builder.block_kind(index) == Some(BlockKind::Quote) && is_short_and_linked(builder, index)
}

/// Whether block `index` is short and at least half a link.
fn is_short_and_linked(builder: &DocumentBuilder, index: usize) -> bool {
    builder
        .block_text(index)
        .is_some_and(|text| text.chars().count() <= LINKED_LINE_CHARS)
        && builder.linked_share(index) >= 0.5
}

pub(super) fn is_prose(kind: BlockKind) -> bool {
    matches!(
        kind,
        BlockKind::Paragraph | BlockKind::ListItem { .. } | BlockKind::Heading { .. }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_set_as_text_are_a_list_of_short_terms_after_a_colon() {
        for rest in [
            ": new-york, house-explosion",
            ": Politik · Hafen",
            ":Politics",
        ] {
            assert!(is_list_of_terms(rest), "{rest}");
        }
        for rest in [
            ": the council discussed the harbour's budget.",
            " about the harbour, the schools",
            ": a, , b",
        ] {
            assert!(!is_list_of_terms(rest), "{rest}");
        }
    }

    #[test]
    fn a_promotion_is_told_by_a_whole_opening_phrase_after_any_bullet() {
        assert_eq!(
            after_promo_opening("READ MORE: The rest"),
            Some(": The rest")
        );
        assert_eq!(after_promo_opening("» Lesen Sie auch"), Some(""));
        assert_eq!(
            after_promo_opening("Czytaj też: Były dowódca"),
            Some(": Były dowódca")
        );
        assert_eq!(after_promo_opening("相关阅读：新闻"), Some("：新闻"));
        assert_eq!(
            after_promo_opening("Mire: El cantante"),
            Some(" El cantante")
        );
        // Not a whole phrase, or not at the start.
        assert_eq!(after_promo_opening("Read moreover the notes"), None);
        assert_eq!(after_promo_opening("Polecamyśmy"), None);
        assert_eq!(after_promo_opening("We read more books"), None);
    }
}
