//! Lines that are a page's boilerplate by what they say, wherever they
//! stand: an advertisement's label ("ADVERTISEMENT", "Anzeige",
//! "Continue reading below"), a picture's credit ("(Image: GETTY)",
//! "Photo: Om Malik", "Matt McClain/The Washington Post via Getty
//! Images"), a row of share buttons ("Tweet", "Share Facebook WhatsApp
//! Pinterest") and a copyright line. Each is muted, never dropped.

use super::control_lines::is_control_or_stamp;
use super::promo_lines::is_prose;
use super::prompt_lines::is_reader_prompt;
use super::stamp_dates::has_year;
use crate::document::{BlockKind, DocumentBuilder};

/// An advertisement's label, lower case, the whole line.
const AD_LABELS: &[&str] = &[
    "advertisement",
    "advertisements",
    "advertising",
    "advertise here",
    "sponsored",
    "sponsored content",
    "sponsors",
    "our sponsors",
    "sponsor showcase",
    "continue reading below",
    "continue reading the main story",
    "story continues below",
    "story continues below advertisement",
    "article continues below",
    "article continues below advertisement",
    "anzeige",
    "werbung",
    "publicidad",
    "publicité",
    "pubblicità",
    "publicidade",
    "reklama",
    "广告",
    "広告",
];

/// How a picture's credit begins, lower case.
const CREDIT_OPENINGS: &[&str] = &[
    "photo:",
    "photos:",
    "photo credit",
    "photograph:",
    "image:",
    "images:",
    "image credit",
    "picture:",
    "credit:",
    "credits:",
    "copyright:",
    "foto:",
    "fotos:",
    "bild:",
    "bildquelle:",
    "imagen:",
    "imágenes:",
    "imágenes capturadas",
    "imagen capturada",
    "captura de video",
    "captura de pantalla",
    "photo courtesy",
    "photos courtesy",
    "image courtesy",
    "images courtesy",
    "courtesy photo",
    "courtesy of",
    "foto cortesía",
    "screenshot:",
    "fot.",
    "zdjęcie:",
    "source:",
    "sources:",
    "źródło:",
    "quelle:",
    "fuente:",
    "fonte:",
];

/// Picture agencies a credit names.
const PICTURE_AGENCIES: &[&str] = &[
    "getty images",
    "shutterstock",
    "istock",
    "istockphoto",
    "thinkstock",
    "ap photo",
    "afp",
    "reuters",
    "epa",
    "dpa",
    "picture alliance",
    "picture-alliance",
    "imago",
    "alamy",
    "ap",
    "pap",
    "efe",
    "ansa",
    "apa",
    "keystone",
];

/// Networks a row of share buttons names (one at least).
#[rustfmt::skip]
pub(super) const NETWORKS: &[&str] = &[
    "tweet", "tweets", "facebook", "twitter", "whatsapp", "pinterest", "linkedin", "reddit",
    "tumblr", "telegram", "messenger", "google", "flipboard", "pocket", "xing", "vk", "weibo",
    "wechat", "instagram", "stumbleupon", "digg", "delicious", "icio", "flickr", "youtube",
];

/// The other words of a row of share buttons (lower case).
#[rustfmt::skip]
const SHARE_WORDS: &[&str] = &[
    "share", "shares", "sharing", "like", "likes", "pin", "it", "email", "e", "mail", "print",
    "x", "plus", "copy", "link", "sms", "on", "via", "this", "article", "story", "post",
    "compartir", "teilen", "partager", "condividi", "udostępnij", "compartilhe", "comment",
    "comments", "k", "save", "to", "del", "us", "logo", "followers", "follower", "fans",
    "subscribers", "contacts",
];

/// Copyright's words.
const RESERVED: &[&str] = &[
    "all rights reserved",
    "alle rechte vorbehalten",
    "todos los derechos reservados",
    "tous droits réservés",
    "tutti i diritti riservati",
    "todos os direitos reservados",
    "wszelkie prawa zastrzeżone",
];

/// What a site's footer says it runs on ("Powered by WordPress").
const PLATFORMS: &[&str] = &[
    "wordpress",
    "blogger",
    "typepad",
    "tumblr",
    "squarespace",
    "drupal",
    "joomla",
    "ghost",
    "movable type",
    "disqus",
    "wix",
    "jekyll",
    "hugo",
];

/// What a link to the next or previous article says.
const PAGER_WORDS: &[&str] = &[
    "previous post",
    "next post",
    "previous article",
    "next article",
    "previous story",
    "next story",
    "previous entry",
    "next entry",
    "older post",
    "newer post",
    "vorheriger artikel",
    "nächster artikel",
    "article précédent",
    "article suivant",
    "artículo anterior",
    "artículo siguiente",
    "articolo precedente",
    "articolo successivo",
    "poprzedni artykuł",
    "następny artykuł",
    "post anterior",
    "próximo post",
    "前の記事",
    "次の記事",
    "上一篇",
    "下一篇",
];

/// A line to the next or previous article is at most this many chars.
const PAGER_CHARS: usize = 100;

/// A caption ending with its credit is at most this many chars.
const CAPTION_CHARS: usize = 200;

/// A credit line is at most this many chars.
const CREDIT_CHARS: usize = 100;

/// A copyright line is at most this many chars.
const COPYRIGHT_CHARS: usize = 300;

/// A line that begins with the copyright sign and says nothing of rights
/// is a copyright line when at most this many chars.
const SHORT_COPYRIGHT_CHARS: usize = 100;

/// Mutes, from block `first` on, each paragraph, heading or list item that
/// is boilerplate by what it says.
pub(super) fn mute_boilerplate_lines(builder: &mut DocumentBuilder, first: usize) {
    for index in first..builder.block_count() {
        let boilerplate = builder.block_kind(index).is_some_and(is_prose)
            && builder.block_text(index).is_some_and(is_boilerplate);
        if boilerplate {
            builder.set_kind(index, BlockKind::Furniture);
        }
    }
}

/// Whether a line is an advertisement's label, a picture's credit, a row
/// of share buttons, a copyright line, a pager, a prompt to the reader, a
/// control's label or a stamp.
fn is_boilerplate(text: &str) -> bool {
    let lower: String = text.trim().chars().flat_map(char::to_lowercase).collect();
    let bare = lower.trim_matches(|c: char| !c.is_alphanumeric());
    AD_LABELS.contains(&bare)
        || is_credit(&lower)
        || is_share_row(&lower)
        || is_copyright(&lower)
        || is_pager(&lower)
        || is_reader_prompt(&lower)
        || is_control_or_stamp(&lower)
        || is_language_menu(&lower)
        || is_affiliate_disclosure(&lower)
}

/// "This website is supported, in part, by affiliate arrangements …",
/// "This post contains affiliate links.": a site's disclosure of what it
/// earns from the links it prints, not the article.
fn is_affiliate_disclosure(lower: &str) -> bool {
    const OPENINGS: &[&str] = &[
        "this post contains",
        "this post may contain",
        "this article contains",
        "this article may contain",
        "this page contains",
        "this page may contain",
        "this website is supported",
        "this site is supported",
        "disclosure:",
        "affiliate disclosure",
        "we may earn a commission",
        "as an amazon associate",
        "dieser artikel enthält",
        "dieser beitrag enthält",
        "cet article contient",
        "este artículo contiene",
    ];
    const AFFILIATE: &[&str] = &[
        "affiliate",
        "commission",
        "amazon associate",
        "partnerlink",
        "provision",
        "afiliados",
        "affiliation",
    ];
    let bare = lower.trim_start_matches(|c: char| !c.is_alphanumeric());
    lower.chars().count() <= 300
        && OPENINGS.iter().any(|opening| bare.starts_with(opening))
        && AFFILIATE.iter().any(|word| lower.contains(word))
}

/// Languages by their own names, lower case (with and without accents,
/// as menus write them).
const LANGUAGE_NAMES: &[&str] = &[
    "english",
    "deutsch",
    "français",
    "francais",
    "español",
    "espanol",
    "português",
    "portugues",
    "italiano",
    "nederlands",
    "polski",
    "русский",
    "українська",
    "中文",
    "简体中文",
    "繁體中文",
    "日本語",
    "한국어",
    "العربية",
    "türkçe",
    "turkce",
    "svenska",
    "dansk",
    "norsk",
    "suomi",
    "čeština",
    "magyar",
    "română",
    "ελληνικά",
    "עברית",
    "हिन्दी",
    "català",
    "galego",
    "euskara",
];

/// "Portugues | Espanol Français | Deutsch": a site's menu of the
/// languages it is in, their names and nothing else.
fn is_language_menu(text: &str) -> bool {
    let mut names = 0;
    for word in text.split(|c: char| c.is_whitespace() || matches!(c, '|' | '/' | '·' | '•' | ','))
    {
        if word.is_empty() {
            continue;
        }
        let word = word.to_lowercase();
        if !LANGUAGE_NAMES.contains(&word.as_str()) {
            return false;
        }
        names += 1;
    }
    names >= 2
}

/// "« Fairy Wren Passwords | Main", "Next article →", "Previous Post": a
/// short line that points one way (a quotation in guillemets points both)
/// or begins or ends by naming the next or previous article (a sentence
/// that mentions "my previous article" is the article's).
fn is_pager(lower: &str) -> bool {
    let points_back = lower.starts_with(['«', '‹', '←']) && !lower.contains(['»', '›']);
    let points_on = lower.ends_with(['»', '›', '→']) && !lower.contains(['«', '‹']);
    let words = lower.trim_matches(|c: char| !c.is_alphanumeric());
    // "次の記事では…を紹介します。" is a sentence that names the next article.
    let sentence = lower
        .trim_end()
        .ends_with(['.', '。', '!', '！', '?', '？']);
    let names = !sentence
        && PAGER_WORDS
            .iter()
            .any(|pager| words.starts_with(pager) || words.ends_with(pager));
    // "« Older post | Main | Newer post »"
    let between = lower.split('|').count() >= 2
        && lower
            .split('|')
            .any(|part| matches!(part.trim(), "main" | "home"));
    lower.chars().count() <= PAGER_CHARS && (points_back || points_on || names || between)
}

/// "(Image: GETTY)", "Photo: Om Malik", "X/The Post via Getty Images": a
/// short line that begins as a credit or names a picture agency, and is
/// not a sentence.
fn is_credit(lower: &str) -> bool {
    let chars = lower.chars().count();
    let inner = lower.trim_start_matches(['(', '[', ' ']);
    let sentence = lower.trim_end().ends_with(['.', '!', '?']);
    let begins = CREDIT_OPENINGS
        .iter()
        .any(|opening| inner.starts_with(opening));
    let names_agency = lower.split_whitespace().count() <= 10
        && PICTURE_AGENCIES.iter().any(|agency| {
            lower.match_indices(agency).any(|(at, _)| {
                let before = lower[..at].chars().next_back();
                let after = lower[at + agency.len()..].chars().next();
                before.is_none_or(|c| !c.is_alphanumeric())
                    && after.is_none_or(|c| !c.is_alphanumeric())
            })
        })
        && (lower.contains('/') || lower.contains("via ") || lower.contains('('));
    // "Marco Odermatt, Ski-Star. © AFP / Marco Bertorello": a caption
    // ending with its credit.
    let credited_caption = chars <= CAPTION_CHARS
        && lower.rsplit_once('©').is_some_and(|(caption, credit)| {
            !caption.trim().is_empty() && credit.split_whitespace().count() <= 6
        });
    (chars <= CREDIT_CHARS && !sentence && (begins || names_agency)) || credited_caption
}

/// "Tweet", "Share: Facebook | WhatsApp | Pinterest", "852 Tweets": every
/// word a share button's, one of them a network's.
fn is_share_row(lower: &str) -> bool {
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .map(|word| word.trim_start_matches(|c: char| c.is_ascii_digit()))
        .filter(|word| !word.is_empty())
        .collect();
    !words.is_empty()
        && words
            .iter()
            .all(|word| SHARE_WORDS.contains(word) || NETWORKS.contains(word))
        && words.iter().any(|word| NETWORKS.contains(word))
}

/// "© 2012 msnbc.com", "Copyright 2020 …", "… All rights reserved": a
/// line that reserves the rights, or a short one that begins with the
/// copyright sign or word (a long one goes on to the article's text: a
/// caption's credit run into its paragraph).
fn is_copyright(lower: &str) -> bool {
    let begins = ["©", "(c)", "copyright", "&copy;"]
        .iter()
        .any(|sign| lower.starts_with(sign));
    let chars = lower.chars().count();
    let reserves = ["reproduc", "licen"]
        .iter()
        .chain(RESERVED)
        .any(|words| lower.contains(words));
    // "… pls link back :-) (c) 2012 The Curious Brain | powered by
    // WordPress": a site's footer, the sign and a year within it.
    let signed = ["©", "(c)", "copyright"].iter().any(|sign| {
        lower.match_indices(sign).any(|(at, _)| {
            let after = lower[at + sign.len()..].trim_start();
            after.get(..4).is_some_and(has_year)
        })
    });
    // "blog comments powered by" (the platform's logo after it).
    let powered = lower.trim_end().ends_with("powered by")
        || lower.match_indices("powered by ").any(|(at, _)| {
            let after = &lower[at + "powered by ".len()..];
            PLATFORMS.iter().any(|platform| after.starts_with(platform))
        });
    chars <= COPYRIGHT_CHARS
        && ((begins && (chars <= SHORT_COPYRIGHT_CHARS || reserves))
            || signed
            || powered
            || RESERVED.iter().any(|words| lower.contains(words)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boilerplate_is_told_by_what_it_says() {
        for line in [
            "ADVERTISEMENT",
            "— Anzeige —",
            "Continue Reading Below",
            "(Image: GETTY)",
            "Photo: Om Malik",
            "Credit: iStockphoto/Thinkstock",
            "Matt McClain/The Washington Post via Getty Images",
            "AFP / MARCO BERTORELLO",
            "Marco Odermatt, Ski-Star aus der Schweiz. © AFP / MARCO BERTORELLO",
            "Źródło: Eurostat",
            "aja/PAP",
            "Tweet",
            "Share: Facebook | WhatsApp | Pinterest",
            "852Tweets",
            "© 2012 msnbc.com Reprints",
            "Copyright 2020 The Paper. All Rights Reserved.",
            "© Kamps Consulting Ltd. This article is licenced for use on Pixiq only. Please do not reproduce it.",
            "« Fairy Wren Passwords | Main",
            "« Random Tuesday Links | Main | User Community and ROI »",
            "Next article →",
            "Previous Post",
            "To receive these entries once a month by e-mail, sign up for the Crypto-Gram Newsletter.",
            "Abonnez-vous à notre newsletter",
            "If you find anything interesting here, pls link back :-) (c) 2012 The Curious Brain | powered by WordPress",
            "Proudly powered by WordPress",
            "Twitter Logo Facebook Logo Flickr Logo Twitter (17,951 followers) • Facebook (3,507 likes)",
            "blog comments powered by",
            "Sponsor Showcase",
            "Portugues Espanol Français Deutsch",
            "English | Polski | 日本語",
        ] {
            assert!(is_boilerplate(line), "{line}");
        }
        for line in [
            "Advertisement spending rose by a tenth last year.",
            "Photo: the council's new harbour, from the north.",
            "Reuters reported that the talks had failed.",
            "The agencies (AFP and Reuters) disagreed on the count of the crowd",
            "Share the road with cyclists",
            "Like it or not, the vote is final",
            "« C'est la fin d'une époque », a-t-il dit.",
            "The newsletter's editor left the paper in May.",
            "(for more details you can read my previous article here)",
            "© Provided by Business Insider Nintendo/Apple Nintendo and Apple shocked the world this year by announcing Super Mario Run",
            "The car is powered by a small engine, and the copyright (c) of its design is the maker's.",
            "The copyright of the photographs stays with their authors, as agreed with the paper and the agency in 2019 after a long dispute about the fees they were owed for each picture printed.",
            "English and Deutsch were both spoken at the meeting.",
            "Deutsch",
        ] {
            assert!(!is_boilerplate(line), "{line}");
        }
    }
}
