//! A page's controls and stamps set as lines of text: a button's label
//! ("Permalink", "Print", "Jump to comments"), a link to a video or a
//! larger picture ("… Watch Video", "… View Full Size"), and when and by
//! whom a post was put up ("Posted by Kathy on March 20, 2007",
//! "Updated: 23 July", "opublikowano: 2021-04-29"). Told by what they say
//! (lower case, the whole line or how it begins or ends).

use super::stamp_dates::{is_date_alone, is_timestamp, is_view_count};

/// A control's label, the whole line.
const CONTROL_LABELS: &[&str] = &[
    "permalink",
    "permalien",
    "trackback url for this entry",
    "jump to comments",
    "write comment",
    "write a comment",
    "add comment",
    "add a comment",
    "reply",
    "print",
    "print this",
    "print this article",
    "print this page",
    "imprimer cette page",
    "diese seite drucken",
    "imprimir esta página",
    "stampa questa pagina",
    "email",
    "e-mail",
    "email this",
    "email this article",
    "more sharing",
    "text size",
    "font size",
    "view comments",
    "show comments",
    "caption",
    "hide caption",
    "toggle caption",
    "close",
    "expand",
    "enlarge",
    "click to enlarge",
    "full screen",
    "fullscreen",
    "view full screen",
    "skip advertisement",
    "comments are closed",
    "comments for this entry are closed",
    "the comments to this entry are closed",
    "kommentare sind geschlossen",
    "les commentaires sont fermés",
    "los comentarios están cerrados",
    "i commenti sono chiusi",
    "os comentários estão fechados",
    "komentarze są wyłączone",
    "no related posts",
    "back to top",
    "back to home",
    "back to homepage",
    "zurück nach oben",
    "retour en haut",
    "volver arriba",
    "torna su",
    "voltar ao topo",
    "ページの先頭へ",
    "ページの先頭へ戻る",
    "ページトップへ",
    "トップへ戻る",
    "前のページへ戻る",
    "前のページに戻る",
    "返回顶部",
    "返回首页",
    "返回列表",
    "回到顶部",
    "drucken",
    "imprimer",
    "imprimir",
    "drukuj",
    "stampa",
    "pin it",
    "post a comment",
    "get a gravatar",
    "other articles",
    "privacy policy",
    "terms of use",
    "terms of service",
    "like us",
    "add us",
    "download now",
    "image",
    "photo",
    "video",
    "gallery",
    "source",
    "learn more",
    "mehr erfahren",
    "en savoir plus",
    "saber más",
    "saiba mais",
];

/// How a link to more media ends ("Aurora: Victims Remembered Watch Video").
const MEDIA_LINK_ENDINGS: &[&str] = &[
    "watch video",
    "view full size",
    "view gallery",
    "see gallery",
    "view slideshow",
];

/// How a post's stamp begins.
const STAMP_OPENINGS: &[&str] = &[
    "posted by ",
    "posted on ",
    "published:",
    "published on ",
    "updated:",
    "updated on ",
    "last updated",
    "veröffentlicht am",
    "aktualisiert am",
    "publié le",
    "mis à jour le",
    "publicado el",
    "actualizado el",
    "opublikowano",
    "publikacja:",
    "aktualizacja:",
    "pubblicato il",
    "aggiornato il",
    "atualizado em",
    "publicado em",
];

/// How a blog theme's stamp begins, a sentence though it is ("This entry
/// was posted in News and tagged council on 9 August 2012 by Ann.
/// Bookmark the permalink."), in WordPress's languages.
const STAMP_SENTENCE_OPENINGS: &[&str] = &[
    "this entry was posted",
    "this entry was filed",
    "bookmark the permalink",
    "a version of this article appeared in print",
    "a version of this article appears in print",
    "this article appeared in print",
    "dieser eintrag wurde",
    "dieser beitrag wurde",
    "cette entrée a été publiée",
    "esta entrada fue publicada",
    "questa voce è stata pubblicata",
    "esta entrada foi publicada",
    "ten wpis został opublikowany",
];

/// How a post's stamp begins when a time or date follows.
const TIMED_STAMP_OPENINGS: &[&str] = &["updated ", "posted ", "published ", "last modified "];

/// A blog theme's stamp sentence is at most this many chars.
const STAMP_SENTENCE_CHARS: usize = 300;

/// A control's line or a stamp is at most this many chars.
const CONTROL_CHARS: usize = 150;

/// Whether a line (lower case) is a control's label, a link to more
/// media, or a post's stamp.
pub(super) fn is_control_or_stamp(lower: &str) -> bool {
    let bare = lower.trim_matches(|c: char| !c.is_alphanumeric());
    let short = lower.chars().count() <= CONTROL_CHARS;
    // A stamp is not a sentence ("Posted on Monday, the letter said …").
    let sentence = lower.trim_end().ends_with('.');
    // "updated 5:15 PM EST, Wed November 7, 2012": a stamp's time.
    let timed = bare.chars().any(|c| c.is_ascii_digit())
        && TIMED_STAMP_OPENINGS
            .iter()
            .any(|open| bare.starts_with(open));
    CONTROL_LABELS.contains(&bare)
        || (short && is_row_of_controls(bare))
        || is_label_and_address(bare)
        || (short && !sentence && timed)
        || is_date_alone(bare)
        || is_timestamp(bare)
        || is_picture_count(bare)
        || is_view_count(bare)
        || (short && MEDIA_LINK_ENDINGS.iter().any(|end| bare.ends_with(end)))
        || (short && !sentence && STAMP_OPENINGS.iter().any(|open| bare.starts_with(open)))
        || (lower.chars().count() <= STAMP_SENTENCE_CHARS
            && (STAMP_SENTENCE_OPENINGS
                .iter()
                .any(|open| bare.starts_with(open))
                || bare.contains("bookmark the permalink")))
}

/// "July 13, 2012 | Permalink", "Post a Comment Get a Gravatar": a line
/// of controls' labels and dates, parted by bars or spaces.
fn is_row_of_controls(bare: &str) -> bool {
    let parts: Vec<&str> = bare
        .split(['|', '·', '•'])
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect();
    // "A | A | A": a text size control's letters.
    let text_sizes = parts.iter().all(|part| *part == "a");
    let labels_or_dates = text_sizes
        || parts.iter().all(|part| {
            CONTROL_LABELS.contains(part) || is_date_alone(part) || is_labels_in_a_row(part)
        });
    parts.len() >= 2 && labels_or_dates || parts.len() == 1 && is_labels_in_a_row(bare)
}

/// "Permalink https://p.dw.com/p/RPYx", "short link: dw.com/p/RPYx": a
/// control's label and the address it gives, nothing more.
fn is_label_and_address(bare: &str) -> bool {
    CONTROL_LABELS
        .iter()
        .chain(&["short link", "shortlink", "kurzlink"])
        .any(|label| {
            let apart = |c: char| c.is_whitespace() || c == ':';
            bare.strip_prefix(label)
                .filter(|rest| rest.starts_with(apart))
                .map(|rest| rest.trim_start_matches(apart))
                .is_some_and(|address| {
                    !address.contains(char::is_whitespace)
                        && (address.contains("://") || address.starts_with("www."))
                })
        })
}

/// Whether a text is two or more controls' labels one after another.
fn is_labels_in_a_row(text: &str) -> bool {
    let mut rest = text;
    let mut labels = 0;
    while !rest.is_empty() {
        let label = CONTROL_LABELS.iter().filter(|label| {
            rest.strip_prefix(**label)
                .is_some_and(|after| after.is_empty() || after.starts_with(' '))
        });
        let Some(longest) = label.max_by_key(|label| label.len()) else {
            return false;
        };
        rest = rest[longest.len()..].trim_start();
        labels += 1;
    }
    labels >= 2
}

/// "Image 1 of 8", "3/24", "Bild 2 von 5", "Foto 4 de 10": where a
/// gallery's reader stands.
fn is_picture_count(bare: &str) -> bool {
    const WORDS: &[&str] = &[
        "image", "photo", "picture", "slide", "bild", "foto", "imagen", "zdjęcie", "immagine",
        "of", "von", "de", "z", "di", "sur", "/", "previous", "prev", "next", "zurück", "weiter",
    ];
    let words: Vec<&str> = bare
        .split_whitespace()
        .flat_map(|w| w.split_inclusive('/'))
        .map(|w| w.trim_end_matches('/'))
        .filter(|w| !w.is_empty())
        .collect();
    let numbers = words
        .iter()
        .filter(|w| w.chars().all(|c| c.is_ascii_digit()))
        .count();
    let rest_are_words = words
        .iter()
        .all(|w| w.chars().all(|c| c.is_ascii_digit()) || WORDS.contains(w));
    numbers == 2 && words.len() <= 5 && rest_are_words && bare.contains(['/', ' '])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_stamps_are_told_by_what_they_say() {
        for line in [
            "permalink",
            "jump to comments",
            "aurora, colorado shooting: victims remembered watch video",
            "posted by kathy on march 20, 2007 | permalink",
            "updated: july 23, 2012, 11:57 p.m. et",
            "opublikowano: 2021-04-29 17:13",
            "7. oktober 2020",
            "thursday, 01 november 2012",
            "2021-04-29",
            "image 1 of 8",
            "updated 5:15 pm est, wed november 7, 2012",
            "3/24",
            "bild 2 von 5",
            "hide caption",
            "this entry was posted in news and tagged council on august 9, 2012 by ann. bookmark the permalink.",
            "dieser beitrag wurde unter allgemein veröffentlicht.",
            "the comments to this entry are closed.",
            "no related posts.",
            "tracked on mar 21, 2007 12:31:13 am",
            "4 de mayo de 2022 - 00:38",
            "sounds — thebrainbehind @ 12:52",
            "wednesday, october 24, 2012 | 7:21 am",
            "tnw中文站2016年10月14日07:17",
            "am 3. februar 2022 um 21:17",
            "july 13, 2012 | permalink",
            "post a comment get a gravatar",
            "oct252012",
            "this was written by k.g. schneider. posted on sunday, august 26, 2012, at 11:06 am. filed under life. bookmark the permalink. follow comments here with the rss feed.",
            "a version of this article appeared in print on 11/06/2012, on page d6 of the newyork edition with the headline: patterns: limits to resveratrol.",
            "previous 1 / 6 next",
            "pin it",
            "imprimer imprimer cette page",
            "permalien https://p.dw.com/p/rpyx",
            "short link: https://example.org/p/12",
            "trackback url for this entry:\nhttp://www.typepad.com/services/trackback/6a00d8",
            "a | a | a",
            "video",
            "visited 215 times, 55 visits today",
            "1,204 views",
            "3.215 aufrufe",
        ] {
            assert!(is_control_or_stamp(line), "{line}");
        }
    }

    #[test]
    fn sentences_that_only_begin_like_a_control_or_a_stamp_are_not_one() {
        for line in [
            "print the form and bring it to the council office.",
            "posted on the door of the town hall was a notice that the harbour would close.",
            "we watch video of the launch every year",
            "january 2020",
            "updated rules for the harbour",
            "+81 158-23-2012",
            "1984",
            "1 of the 8 ships",
            "7 to 2",
            "this entry was the last the old harbour master wrote in his log.",
            "comments are closed to the public until the inquiry ends, the council said.",
            "hora: 8:00 p.m",
            "current time 0:00",
            "the harbour opens in 2024 and the ferry leaves at 7:30",
            "score 2012 3:2",
            "post a comment about the harbour",
            "octopus2012",
            "marathon12012",
            "oct992012",
            "previous winners 2 and 6 came next",
            "a",
            "a video of the launch",
            "email the council at https://example.org/contact today",
            "print https://example.org/form and bring it",
            "visited 12 harbours in three weeks",
            "1,204 visits to the harbour this summer",
        ] {
            assert!(!is_control_or_stamp(line), "{line}");
        }
    }
}
