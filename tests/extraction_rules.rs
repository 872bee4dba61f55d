//! Web pages whose article is not the page's biggest text: rules of the
//! HTML importer that carry over to pages never seen, each on a short page
//! written here. A short post beside a long comment thread is the article;
//! the thread is kept after it, muted, every word of it.

use marginalia::document::{BlockKind, Document};
use marginalia::import::import_bytes;

fn read(html: &str) -> Document {
    import_bytes(html.as_bytes(), Some(std::path::Path::new("page.html"))).expect("the page reads")
}

fn kinds_of<'a>(document: &'a Document, starting: &str) -> Vec<(BlockKind, &'a str)> {
    (0..document.blocks().len())
        .filter(|&i| document.block_text(i).starts_with(starting))
        .map(|i| (document.blocks()[i].kind, document.block_text(i)))
        .collect()
}

/// Every one of the page's `count` comments ("Comment N: …") is kept, muted.
fn assert_comments_kept_muted(document: &Document, count: usize) {
    let comments = kinds_of(document, "Comment ");
    assert_eq!(comments.len(), count, "every comment is kept");
    assert!(
        comments
            .iter()
            .all(|(kind, _)| *kind == BlockKind::Furniture),
        "{comments:#?}"
    );
}

/// A WordPress-like post of two short paragraphs and a thread of `count`
/// long comments.
fn post_with_comments(count: usize) -> String {
    let comments: String = (0..count)
        .map(|n| {
            format!(
                "<li class=\"comment\" id=\"comment-{n}\"><div class=\"comment-author vcard\">Reader {n}</div>\
                 <div class=\"comment-body\"><p>Comment {n}: what a lovely outfit, the colours work so well together \
                 and the shoes are perfect, I would wear this to work every single day of the week.</p></div></li>"
            )
        })
        .collect();
    format!(
        "<html><head><title>In St. Germain</title></head><body>\
         <div id=\"sidebar\"><p>About me: a blog about clothes.</p></div>\
         <div class=\"post\"><h2>In St. Germain</h2>\
         <p>Post paragraph one: inspired by the autumn collection, my favourite.</p>\
         <p>Post paragraph two: the shirt and tie are vintage, the bag is new.</p></div>\
         <div id=\"comments\"><h3>{count} comments</h3><ol class=\"commentlist\">{comments}</ol></div>\
         </body></html>"
    )
}

#[test]
fn a_short_post_beside_a_long_comment_thread_is_the_article() {
    let document = read(&post_with_comments(25));
    for paragraph in ["Post paragraph one", "Post paragraph two"] {
        let found = kinds_of(&document, paragraph);
        assert_eq!(found.len(), 1, "{paragraph}: {:#?}", document.blocks());
        assert_eq!(found[0].0, BlockKind::Paragraph, "{paragraph}");
    }
    // Every comment is kept, muted, after the post.
    assert_comments_kept_muted(&document, 25);
    let post = document
        .text()
        .find("Post paragraph two")
        .expect("the post");
    let first_comment = document.text().find("Comment 0:").expect("the thread");
    assert!(post < first_comment);
}

#[test]
fn a_page_that_is_only_a_thread_is_read_as_it_is() {
    let html = "<html><body><div id=\"comments\"><p>Only comments here, the whole page is a thread of them.</p>\
                <p>A second comment, also long enough to be read as a paragraph of text.</p></div></body></html>";
    let document = read(html);
    let found = kinds_of(&document, "Only comments here");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, BlockKind::Paragraph);
}

#[test]
fn a_wordpress_caption_is_its_pictures_caption_not_a_paragraph() {
    let html = "<html><head><title>Harbour</title></head><body><article>\
                <p>The boats came in before the light, as they do every morning in the season.</p>\
                <div class=\"wp-caption aligncenter\"><img src=\"boats.jpg\" alt=\"\">\
                <p class=\"wp-caption-text\">The harbour at dawn, before the market opens.</p></div>\
                <p>By seven the market was open and the first crates were on the quay.</p>\
                </article></body></html>";
    let document = read(html);
    let caption = kinds_of(&document, "The harbour at dawn");
    assert_eq!(caption.len(), 1, "{:#?}", document.blocks());
    assert!(
        matches!(caption[0].0, BlockKind::Figure { .. }),
        "{:?}",
        caption[0].0
    );
}

/// A list whose items hold WordPress's captioned pictures keeps every
/// item's text, each picture its caption (the captions named as figures
/// before Readability weighed the list read as "more pictures than
/// paragraphs", and it dropped the list).
#[test]
fn a_list_of_captioned_pictures_keeps_its_text() {
    let paragraphs: String = (1..=5)
        .map(|n| {
            format!(
                "<p>Paragraph {n} of the weekly notes: the team fixed bugs and landed \
                 features across the browser and its tools this week.</p>"
            )
        })
        .collect();
    let item = |name: &str, n: usize| {
        format!(
            "<li><b>{name}</b> – Making {name} compatible DONE.<ul><li>\
             <div class=\"wp-caption aligncenter\"><a href=\"/{n}.png\"><img src=\"/{n}.png\" alt=\"A table\" \
             width=\"1600\" height=\"192\"></a><p class=\"wp-caption-text\">{name} is ready, caption {n}.</p>\
             </div></li></ul></li>"
        )
    };
    let html = format!(
        "<html><head><title>Weekly notes</title></head><body><article><h1>Weekly notes</h1>\
         {paragraphs}<h4>Developer Tools</h4><ul>{}{}</ul><h4>Fission</h4><p>The last paragraph of the \
         notes, about the work still to come next week and after.</p></article></body></html>",
        item("DevTools Fission", 1),
        item("Marionette Fission", 2)
    );
    let document = read(&html);
    for name in ["DevTools Fission", "Marionette Fission"] {
        let found = kinds_of(&document, name);
        let kinds: Vec<BlockKind> = found.iter().map(|(kind, _)| *kind).collect();
        assert!(
            matches!(
                kinds.as_slice(),
                [BlockKind::ListItem { .. }, BlockKind::Figure { .. }]
            ),
            "{name}: {:#?}",
            document.blocks()
        );
    }
}

/// A one-line post (a craft and its pictures) beside a long sidebar of
/// category links: Readability takes the links for the article; the
/// post's own container (`entry-content`) is the article.
#[test]
fn a_short_post_beside_a_long_list_of_links_is_the_article() {
    let categories: String = (0..80)
        .map(|n| {
            format!(
                "<li><a href=\"/category/{n}\">Crafts for ages {n} to {}</a></li>",
                n + 3
            )
        })
        .collect();
    let html = format!(
        "<html><head><title>Fall Leaf Bunting - The Crafty Blog</title></head><body>\
         <div class=\"entry\"><h3 class=\"entry-header\">Fall Leaf Bunting</h3>\
         <div class=\"entry-content\"><div class=\"entry-body\">\
         <p><img src=\"bunting.jpg\" alt=\"\"><br>Simple fall leaf bunting</p>\
         </div></div></div>\
         <div class=\"module\"><h2>Categories</h2><div class=\"module-content\"><ul>{categories}</ul></div></div>\
         </body></html>"
    );
    let document = read(&html);
    let post = kinds_of(&document, "Simple fall leaf bunting");
    assert_eq!(post.len(), 1, "{:#?}", document.blocks());
    assert_eq!(post[0].0, BlockKind::Paragraph);
    assert!(
        kinds_of(&document, "Crafts for ages").is_empty(),
        "the category links are not the article"
    );
}

/// A short post, then its comments side by side with no thread around
/// them (Movable Type's `commentbody`s): the comments are furniture after
/// the post, every word kept.
#[test]
fn comments_side_by_side_without_a_thread_are_comments() {
    let comments: String = (0..8)
        .map(|n| {
            format!(
                "<div class=\"commentbody by-reader-{n}\"><div id=\"c{n}\"><p>Comment {n}: I took this course \
                 last spring and the programming labs were the best part of it, though the proofs took me \
                 a long time to follow, every week of the six.</p></div>\
                 <p class=\"posted\">Posted by: Reader {n} at November 13, 2012 6:31 AM</p></div>"
            )
        })
        .collect();
    let html = format!(
        "<html><head><title>Free Online Cryptography Course</title></head><body>\
         <div class=\"entry\"><h3>Free Online Cryptography Course</h3>\
         <p>Post paragraph: a free online cryptography course runs for six weeks, starting last week.</p></div>\
         <div class=\"commentform\"><h2 id=\"comments\">Comments</h2></div>{comments}\
         </body></html>"
    );
    let document = read(&html);
    let post = kinds_of(&document, "Post paragraph");
    assert_eq!(post.len(), 1, "{:#?}", document.blocks());
    assert_eq!(post[0].0, BlockKind::Paragraph);
    assert_comments_kept_muted(&document, 8);
}

/// Comments with no container at all, after a heading that names them
/// (TypePad: `<h2><a id="comments"></a>Comments</h2>`, then the comments'
/// paragraphs): the heading and what follows it are the thread.
#[test]
fn comments_after_their_heading_are_comments() {
    let comments: String = (0..10)
        .map(|n| {
            format!(
                "<a id=\"c{n}\"></a><p>Comment {n}: great list, I would add the resource hog and the \
                 one who never finishes anything, both are in every office I have worked in.</p>\
                 <p class=\"posted\">Posted by: Reader {n} | Mar 20, 2007 10:19:46 PM</p>"
            )
        })
        .collect();
    let html = format!(
        "<html><head><title>Is your app an employee?</title></head><body><div class=\"content\">\
         <h3>Is your app an employee?</h3>\
         <p>Post paragraph one: if your app was an employee, what kind of employee would it be?</p>\
         <p>Post paragraph two: what other app and product employee types are there, do you know?</p>\
         <h2><a id=\"comments\"></a>Comments</h2>{comments}</div></body></html>"
    );
    let document = read(&html);
    for paragraph in ["Post paragraph one", "Post paragraph two"] {
        let found = kinds_of(&document, paragraph);
        assert_eq!(found.len(), 1, "{paragraph}: {:#?}", document.blocks());
        assert_eq!(found[0].0, BlockKind::Paragraph, "{paragraph}");
    }
    assert_comments_kept_muted(&document, 10);
}

/// A video page: three paragraphs of description in a container whose
/// name Readability holds against it ("meta", "media"), and a page foot
/// with a long notice. Readability takes the foot; the article is the
/// description, where the page's paragraphs are.
#[test]
fn a_page_whose_article_readability_finds_in_its_foot_is_read_from_its_paragraphs() {
    let links: String = [
        "Mobile site",
        "Terms of Use",
        "About us",
        "Privacy",
        "Help",
        "Cookies",
        "Contact Us",
    ]
    .iter()
    .map(|name| format!("<li><a href=\"/{name}\">{name}</a></li>"))
    .collect();
    let page = format!(
        "<html><head><title>Couple pack for the trip</title></head><body>\
         <div id=\"main\"><h1>Couple pack for the trip</h1>\
         <div class=\"player\"><object></object></div>\
         <div id=\"meta-information\" class=\"media-description\">\
         <p>Description one: people from all over the world are coming to see the games.</p>\
         <p>Description two: a couple from Idaho are among the thousands making the trip.</p>\
         <p>Description three: they made a home movie about getting ready for the visit.</p></div></div>\
         <div id=\"site-foot\"><h2>Site links</h2><ul>{links}</ul>\
         <p>This page is best viewed in an up-to-date web browser with style sheets enabled, \
         while you will be able to view the content of this page in your current browser, \
         you will not be able to get the full visual experience, so please consider upgrading, \
         if you are able to do so, or enabling style sheets, if you are able, in your browser.</p></div>\
         </body></html>"
    );
    let document = read(&page);
    for paragraph in ["Description one", "Description two", "Description three"] {
        let found = kinds_of(&document, paragraph);
        assert_eq!(found.len(), 1, "{paragraph}: {:#?}", document.blocks());
        assert_eq!(found[0].0, BlockKind::Paragraph, "{found:?}");
    }
    assert!(
        kinds_of(&document, "This page is best viewed").is_empty(),
        "the foot is not the article: {:#?}",
        document.blocks()
    );
}

/// Inside the article, a related-stories block and a newsletter box are
/// kept as furniture and a gallery as its figures, where they stood —
/// classified, never deleted — in any language (the page's names say what
/// they are, not their words).
#[test]
fn related_stories_and_a_gallery_inside_the_article_are_kept_muted_and_as_figures() {
    let english = std::fs::read_to_string("tests/fixtures/html/related-and-gallery.html").unwrap();
    let german = english
        .replace("Related stories", "Ähnliche Artikel")
        .replace("related-stories", "ähnliche related-articles")
        .replace("Image 1 of 3", "Bild 1 von 3");
    for page in [english, german] {
        let document = read(&page);
        let kinds: Vec<(BlockKind, &str)> = (0..document.blocks().len())
            .map(|i| (document.blocks()[i].kind, document.block_text(i)))
            .collect();
        let kind_of = |start: &str| {
            kinds
                .iter()
                .find(|(_, text)| text.starts_with(start))
                .map(|(kind, _)| *kind)
        };
        for paragraph in [
            "For the first time",
            "Volunteers counted",
            "The return of the seals",
            "\"We did not",
        ] {
            assert_eq!(
                kind_of(paragraph),
                Some(BlockKind::Paragraph),
                "{paragraph}: {kinds:#?}"
            );
        }
        for link in [
            "Otters spotted upstream",
            "Paper mill site",
            "How volunteers count",
        ] {
            assert_eq!(
                kind_of(link),
                Some(BlockKind::Furniture),
                "{link}: {kinds:#?}"
            );
        }
        let figures = kinds
            .iter()
            .filter(|(kind, _)| matches!(kind, BlockKind::Figure { .. }))
            .count();
        assert_eq!(
            figures, 3,
            "the gallery's pictures with their captions: {kinds:#?}"
        );
        // Where they stood: the gallery after the second paragraph, the
        // related stories before the last.
        let at = |start: &str| kinds.iter().position(|(_, t)| t.starts_with(start));
        assert!(at("Volunteers counted") < at("Otters spotted upstream"));
        assert!(at("Otters spotted upstream") < at("\"We did not"));
    }
}

/// A `<noscript>` that opens an element and never closes it does not hide
/// the rest of the page (a browser with scripts reads it as text).
#[test]
fn an_unclosed_element_in_a_noscript_hides_nothing() {
    let paragraph = "Sono almeno nove le femmine di orso che si sono riprodotte quest'anno nel parco, \
                     il valore più alto osservato in quattordici anni di monitoraggio.";
    let page = format!(
        "<html><head><title>Orso marsicano</title></head><body><noscript><div id=\"nojava\"></noscript>\
         <div id=\"testo\"><h1>Orso marsicano: un anno da record</h1><p>{paragraph}</p><p>{paragraph} Lo dice il parco.</p></div>\
         </body></html>"
    );
    let document = read(&page);
    let found = kinds_of(&document, "Sono almeno nove");
    assert_eq!(found.len(), 2, "{:#?}", document.blocks());
    assert!(found.iter().all(|(kind, _)| *kind == BlockKind::Paragraph));
}

/// A ruby's readings are a reading aid, not text: the paragraph reads as
/// written, so it is found and quoted as written.
#[test]
fn ruby_readings_are_not_part_of_the_text() {
    let ruby = "<p><ruby>子<rp>(</rp><rt>こ</rt><rp>)</rp></ruby>どもへの<ruby>虐待<rt>ぎゃくたい</rt></ruby>をなくすための\
                <ruby>法律<rt>ほうりつ</rt></ruby>ができて、<ruby>親<rt>おや</rt></ruby>が子どもを教育するために、\
                たたいたり蹴ったりする体罰を禁止することになりました。</p>";
    let page = format!(
        "<html lang=\"ja\"><head><title>体罰を禁止する法律</title></head><body><article>\
         <h1>体罰を禁止する法律</h1>{ruby}{ruby}</article></body></html>"
    );
    let document = read(&page);
    let found = kinds_of(
        &document,
        "子どもへの虐待をなくすための法律ができて、親が子どもを",
    );
    assert_eq!(found.len(), 2, "{:#?}", document.blocks());
}

/// Paragraphs that are all links, four or more in a row (a roundup's list
/// of posts, "more stories" set as paragraphs), are not the article's
/// text: kept, muted. Fewer, or paragraphs with a link among their words,
/// are the article's.
#[test]
fn a_run_of_paragraphs_that_are_all_links_is_furniture() {
    let linked = |title: &str| format!("<p><a href=\"/{}\">{title}</a></p>", title.len());
    let roundup: String = [
        "Fifteen funny posts for the Fourth of July",
        "Facts to ponder on Saint Patrick's Day",
        "Christmas posts: music, cartoons and recipes",
        "A new design to thank the military",
        "Fathers Day: a cheeky quote a day",
    ]
    .iter()
    .map(|title| linked(title))
    .collect();
    let pair: String = ["Zwei Links sind nur zwei", "Und das ist der zweite"]
        .iter()
        .map(|title| linked(title))
        .collect();
    let page = format!(
        "<html><head><title>Posts roundup</title></head><body><article><h1>Posts roundup</h1>\
         <p>From the editor: a hundred days before the election there is a lot stirring in the news, \
         and both campaigns work hard to sway the polls.</p>\
         <p>Meanwhile the store has slowed down my writing, but <a href=\"/store\">the new designs</a> \
         are worth a look, and so are the posts below.</p>{roundup}\
         <p>Thanks so much for your support over the past four years, my readers.</p>{pair}</article></body></html>"
    );
    let document = read(&page);
    for title in [
        "Fifteen funny posts",
        "Facts to ponder",
        "Christmas posts",
        "A new design",
        "Fathers Day",
    ] {
        assert_eq!(
            kinds_of(&document, title)[0].0,
            BlockKind::Furniture,
            "{title}"
        );
    }
    for text in [
        "From the editor",
        "Meanwhile the store",
        "Thanks so much",
        "Zwei Links",
        "Und das ist",
    ] {
        assert_eq!(
            kinds_of(&document, text)[0].0,
            BlockKind::Paragraph,
            "{text}: {:#?}",
            document.blocks()
        );
    }
}

/// A list of linked names under a heading of the article (a colophon's
/// "Mac Apps": BBEdit, Acorn, Transmit …; a "Further reading" of addresses)
/// is the article's list; the same names in a run with no heading above
/// them, linked headlines under a heading, or a blogroll under its own,
/// are a list of other pages.
#[test]
fn a_list_of_linked_names_under_the_articles_heading_is_the_articles() {
    let items = |names: &[&str]| -> String {
        names
            .iter()
            .map(|name| format!("<li><a href=\"/{}\">{name}</a></li>", name.len()))
            .collect()
    };
    let apps = items(&[
        "BBEdit",
        "Acorn",
        "MarsEdit",
        "Script Debugger",
        "Snapz Pro X",
    ]);
    let shops = items(&["Migros Bern", "Coop City", "Manor", "Globus Bern"]);
    let headlines = items(&[
        "Fifteen funny posts for the Fourth of July",
        "Facts to ponder on Saint Patrick's Day",
        "Christmas posts: music, cartoons and recipes",
        "A new design to thank the military",
    ]);
    // A site's widget in the article's foot, under a heading of its own.
    let friends = items(&["Wanderlust", "The Long Path", "Muddy Boots", "Hill Notes"]);
    let page = format!(
        "<html><head><title>Colophon</title></head><body><article><h1>Colophon</h1>\
         <p>This site is written and produced by one person, on one computer, with the tools \
         below, most of them for many years now and none of them paid for by anybody else.</p>\
         <h2>Mac Apps</h2><ul>{apps}</ul>\
         <p>Where to buy the paper in town, if you still read it on paper like my parents do.</p>\
         <ul>{shops}</ul><h2>Posts</h2><ul>{headlines}</ul>\
         <h3>Blogroll</h3><ul>{friends}</ul></article></body></html>"
    );
    let document = read(&page);
    for name in ["BBEdit", "Acorn", "Script Debugger", "Snapz Pro X"] {
        assert!(
            matches!(kinds_of(&document, name)[0].0, BlockKind::ListItem { .. }),
            "{name}: {:#?}",
            document.blocks()
        );
    }
    for text in [
        "Migros Bern",
        "Manor",
        "Fifteen funny posts",
        "Facts to ponder",
        "Blogroll",
        "Wanderlust",
        "Muddy Boots",
    ] {
        assert_eq!(
            kinds_of(&document, text)[0].0,
            BlockKind::Furniture,
            "{text}"
        );
    }
}

/// A short post (a line and a list) on a blog whose sidebar holds a long
/// "about me": Readability finds no candidate long enough, falls back on
/// the longest text it saw — the profile in the sidebar — and the post's
/// own container (`post-body`) is the article.
#[test]
fn a_short_post_beside_a_long_profile_in_the_sidebar_is_the_article() {
    let dislikes =
        "capri pants, brunch, golf, parades, greeting cards, fondue fountains, ".repeat(12);
    let html = format!(
        "<html><head><title>Ad Blog: The top posts</title></head><body><div id=\"content\">\
         <div id=\"main\"><div class=\"post\"><h3 class=\"post-title\">The top posts</h3>\
         <div class=\"post-body\">The most honest ad of the week.<br>\
         • Subway poster placements that went wrong.<br>• The best zoo ads of five years.<br>\
         </div><p class=\"post-footer\">posted by copyranter</p></div></div>\
         <div id=\"sidebar\"><div id=\"sidebar2\"><div id=\"profile-container\">\
         <p class=\"profile-textblock\">An ad blogger who hates {dislikes}and you.</p>\
         <p><a href=\"/profile\">View my complete profile</a></p></div></div></div>\
         </div></body></html>"
    );
    let document = read(&html);
    let post = kinds_of(&document, "The most honest ad");
    assert_eq!(post.len(), 1, "{:#?}", document.blocks());
    assert_eq!(post[0].0, BlockKind::Paragraph);
    assert!(
        kinds_of(&document, "An ad blogger").is_empty(),
        "the sidebar's profile is not the article: {:#?}",
        document.blocks()
    );
}

/// An article of six long paragraphs, `promo` standing between its third
/// and fourth.
fn article_with_promotion(promo: &str) -> String {
    let paragraph = |n: usize| {
        format!(
            "<p>Paragraph {n} of the article: the council met on Tuesday evening and voted \
             on the new budget for the harbour, the schools and the roads, after a long \
             debate in which every member spoke at least once.</p>"
        )
    };
    let first: String = (1..=3).map(paragraph).collect();
    let last: String = (4..=6).map(paragraph).collect();
    format!(
        "<html><head><title>The council votes</title></head><body><article>\
         <h1>The council votes</h1>{first}{promo}{last}</article></body></html>"
    )
}

/// The six paragraphs of [`article_with_promotion`] are all there, plain.
fn assert_paragraphs_plain(document: &Document) {
    let paragraphs = kinds_of(document, "Paragraph ");
    assert_eq!(
        paragraphs.len(),
        6,
        "every paragraph kept: {:#?}",
        document.blocks()
    );
    assert!(
        paragraphs
            .iter()
            .all(|(kind, _)| *kind == BlockKind::Paragraph)
    );
}

/// Each `(line, start)`: the line set between [`article_with_promotion`]'s
/// paragraphs is one block, beginning `start`, muted; the paragraphs stay
/// plain.
fn assert_each_line_muted(lines: &[(&str, &str)]) {
    for &(line, start) in lines {
        let document = read(&article_with_promotion(line));
        assert_muted_once(&document, start);
        assert_paragraphs_plain(&document);
    }
}

/// The one block of `document` beginning `start` is muted.
fn assert_muted_once(document: &Document, start: &str) {
    let found = kinds_of(document, start);
    assert_eq!(found.len(), 1, "{start}: {:#?}", document.blocks());
    assert_eq!(found[0].0, BlockKind::Furniture, "{start}");
}

/// Each `(section, lines)`: with the section set between
/// [`article_with_promotion`]'s paragraphs, each line begins one block,
/// muted; the paragraphs stay plain.
fn assert_sections_muted<S: AsRef<str>>(cases: &[(S, &[&str])]) {
    for (section, lines) in cases {
        let document = read(&article_with_promotion(section.as_ref()));
        for line in *lines {
            assert_muted_once(&document, line);
        }
        assert_paragraphs_plain(&document);
    }
}

/// Lines that send the reader elsewhere — a label and the headline it
/// links, a label standing alone and the links under it — are muted, in
/// each language; the article's paragraphs around them stay plain, and so
/// does a sentence that only begins like a promotion.
#[test]
fn promotions_inside_an_article_are_muted_in_every_language() {
    let cases = [
        (
            "<p>READ MORE: <a href='/a'>Harbour fees to rise next year</a></p>",
            "READ MORE",
        ),
        (
            "<p><strong>Lesen Sie auch:</strong></p><ul><li><a href='/a'>Hafengebühren steigen</a></li>\
          <li><a href='/b'>Neue Schulen im Norden</a></li></ul>",
            "Lesen Sie auch",
        ),
        (
            "<p>Czytaj też</p><p><a href='/a'>Były dowódca wojsk USA o porcie</a></p>",
            "Czytaj też",
        ),
        (
            "<p>Mire: <a href='/a'>El cantante da positivo a COVID-19</a></p>",
            "Mire",
        ),
        (
            "<p>À lire aussi : <a href='/a'>Le port de Marseille s'agrandit</a></p>",
            "À lire aussi",
        ),
        (
            "<p>Leia também: <a href='/a'>O porto vai crescer</a></p>",
            "Leia também",
        ),
        (
            "<p>Leggi anche: <a href='/a'>Il porto cresce</a></p>",
            "Leggi anche",
        ),
        (
            "<p>相关阅读：<a href='/a'>港口费用明年上涨</a></p>",
            "相关阅读",
        ),
        (
            "<p>関連記事</p><p><a href='/a'>港の料金が来年上がる</a></p>",
            "関連記事",
        ),
    ];
    for (promo, label) in cases {
        let document = read(&article_with_promotion(promo));
        let blocks: Vec<(BlockKind, &str)> = (0..document.blocks().len())
            .map(|i| (document.blocks()[i].kind, document.block_text(i)))
            .collect();
        let promoted = blocks
            .iter()
            .skip_while(|(_, text)| !text.starts_with(label))
            .take_while(|(_, text)| !text.starts_with("Paragraph 4"))
            .collect::<Vec<_>>();
        assert!(
            promoted.len() >= 2 || !promo.contains("</li>"),
            "{blocks:#?}"
        );
        assert!(
            !promoted.is_empty()
                && promoted
                    .iter()
                    .all(|(kind, _)| *kind == BlockKind::Furniture),
            "{label}: {blocks:#?}"
        );
        assert_paragraphs_plain(&document);
    }
    // A paragraph that begins as a promotion but is the article's
    // sentence, or goes on at length, stays the article's.
    for line in [
        "<p><a href='/q'>Read more on the mayor's quote here.</a></p>",
        "<p>Read more about the harbour in the council's report, which sets out the fees \
         for each kind of ship and the dates on which they change.</p>",
        "<p>Lesen Sie auch, was der Rat zu den Schulen beschlossen hat: die Gebäude im \
         Norden werden bis zum Sommer erneuert, die im Süden erst im nächsten Jahr.</p>",
    ] {
        let document = read(&article_with_promotion(line));
        let found: Vec<_> = ["Read more", "Lesen Sie"]
            .iter()
            .flat_map(|start| kinds_of(&document, start))
            .collect();
        assert_eq!(found.len(), 1, "{line}: {:#?}", document.blocks());
        assert_eq!(found[0].0, BlockKind::Paragraph, "{line}");
    }
}

/// Sections of the site's machinery under a heading that names them —
/// the most read stories, an author's biography, tags — are muted with
/// their lines, in each language; a long paragraph after such a heading
/// is the article going on, and stays.
#[test]
fn machinery_sections_after_their_headings_are_muted() {
    let cases = [
        (
            "<h3>Most Popular</h3><ul><li><a href='/a'>Harbour fees to rise</a></li>\
             <li><a href='/b'>New schools in the north</a></li><li>1,204 shares</li></ul>",
            [
                "Most Popular",
                "Harbour fees",
                "New schools",
                "1,204 shares",
            ]
            .as_slice(),
        ),
        (
            "<h2>Najczęściej czytane</h2><p><a href='/a'>Opłaty portowe wzrosną</a></p>",
            ["Najczęściej czytane", "Opłaty portowe"].as_slice(),
        ),
        (
            "<h4>Lo más leído</h4><p><a href='/a'>Suben las tasas del puerto</a></p>",
            ["Lo más leído", "Suben las tasas"].as_slice(),
        ),
        (
            "<h3>About the Author</h3><p>Jane Doe has covered the council for the paper since \
             2009, and before that wrote about schools and roads for a weekly in the north of \
             the county.</p>",
            ["About the Author", "Jane Doe has covered"].as_slice(),
        ),
        (
            "<h4>Written by Jane Doe</h4><p>Jane Doe is the founder of the Gazette, and has \
             written about the harbour, its ships and its workers for twenty years.</p>",
            ["Written by Jane Doe", "Jane Doe is the founder"].as_slice(),
        ),
        (
            "<p>Weitere Informationen:</p><p><a href='/a'>Der Haushalt im Überblick</a></p>",
            ["Weitere Informationen:", "Der Haushalt"].as_slice(),
        ),
        (
            "<p>Tags:</p><p><a href='/t/a'>harbour</a>, <a href='/t/b'>budget</a></p>",
            ["Tags:", "harbour, budget"].as_slice(),
        ),
    ];
    assert_sections_muted(&cases);
}

/// Lines that are boilerplate by what they say — an advertisement's
/// label, a picture's credit, a row of share buttons, a copyright line, a
/// link to the previous article, a prompt to subscribe, the tags the
/// article is filed under, a control's label, when and by whom it was
/// posted — are muted wherever they stand in the article.
#[test]
fn advertisement_labels_credits_share_rows_and_copyright_lines_are_muted() {
    assert_each_line_muted(&[
        ("<p>ADVERTISEMENT</p>", "ADVERTISEMENT"),
        ("<p>Anzeige</p>", "Anzeige"),
        ("<p>Continue Reading Below</p>", "Continue Reading Below"),
        ("<p>(Image: GETTY)</p>", "(Image: GETTY)"),
        ("<p>Foto: Marco Bertorello</p>", "Foto:"),
        (
            "<p>Matt McClain/The Washington Post via Getty Images</p>",
            "Matt McClain",
        ),
        (
            "<p><a href='/s'>Share</a> <a href='/f'>Facebook</a> <a href='/w'>WhatsApp</a></p>",
            "Share",
        ),
        ("<p>© 2022 The Harbour Gazette</p>", "© 2022"),
        ("<p>Wszelkie prawa zastrzeżone.</p>", "Wszelkie prawa"),
        (
            "<p><a href='/prev'>« Harbour fees to rise</a> | <a href='/'>Main</a></p>",
            "« Harbour",
        ),
        (
            "<p>Sign up for the Gazette's free newsletter.</p>",
            "Sign up",
        ),
        (
            "<p>Tagged as: <a href='/t/a'>harbour</a>, <a href='/t/b'>budget</a></p>",
            "Tagged as",
        ),
        (
            "<p>Posted by Kathy on March 20, 2007 | <a href='/p'>Permalink</a></p>",
            "Posted by",
        ),
        (
            "<p>Aktualisiert am 23.07.2012, 11:57 Uhr</p>",
            "Aktualisiert",
        ),
        (
            "<p><a href='/v'>Harbour fees: the council explains Watch Video</a></p>",
            "Harbour fees:",
        ),
        (
            "<p><a href='#comments'>Jump to comments</a></p>",
            "Jump to comments",
        ),
        (
            "<p>Marco Odermatt vor dem Start. © AFP / Marco Bertorello</p>",
            "Marco Odermatt",
        ),
        ("<p>Źródło: Eurostat</p>", "Źródło"),
        ("<p>7. oktober 2020</p>", "7. oktober"),
        ("<p>Image 1 of 8</p>", "Image 1 of 8"),
        (
            "<p>updated 5:15 PM EST, Wed November 7, 2012</p>",
            "updated 5:15",
        ),
        ("<p>Hide caption</p>", "Hide caption"),
    ]);
}

/// Lines that ask the reader to follow, subscribe or share, a blog
/// theme's stamp sentence, a closed thread's notice, more share buttons,
/// a timestamp standing alone and a site's footer are muted, in several
/// languages; the paragraphs stay plain.
#[test]
fn prompts_to_the_reader_and_a_themes_stamp_sentences_are_muted() {
    assert_each_line_muted(&[
        (
            "<p>Follow US News from NBCNews.com on <a href='/t'>Twitter</a> and <a href='/f'>Facebook</a></p>",
            "Follow US News",
        ),
        (
            "<p>– Follow the Ticker on Twitter: @PoliticalTicker</p>",
            "– Follow",
        ),
        ("<p>Síguenos en Instagram</p>", "Síguenos"),
        (
            "<p>If you enjoyed this post, then make sure you subscribe to our RSS Feed.</p>",
            "If you enjoyed",
        ),
        (
            "<p>Hat Ihnen dieser Artikel gefallen? Dann teilen Sie ihn!</p>",
            "Hat Ihnen",
        ),
        (
            "<p><a href='/feed'>Subscribe to the Harbour Gazette</a></p>",
            "Subscribe to",
        ),
        (
            "<p>This entry was posted on Thursday, August 9th, 2012 at 2:01 pm and is filed under \
             <a href='/c/news'>News</a>.</p>",
            "This entry was posted",
        ),
        (
            "<p>Dieser Beitrag wurde unter <a href='/c'>Allgemein</a> veröffentlicht.</p>",
            "Dieser Beitrag",
        ),
        (
            "<p>The comments to this entry are closed.</p>",
            "The comments to",
        ),
        ("<p>Los comentarios están cerrados.</p>", "Los comentarios"),
        ("<p>No related posts.</p>", "No related posts"),
        (
            "<p><a href='/'>Back to Homepage</a></p>",
            "Back to Homepage",
        ),
        ("<p><a href='/s'>StumbleUpon It!</a></p>", "StumbleUpon"),
        (
            "<p>Archived under <a href='/c/ads'>Advertising</a></p>",
            "Archived under",
        ),
        ("<p>4 de mayo de 2022 - 00:38</p>", "4 de mayo"),
        (
            "<p>Twitter Logo Facebook Logo Twitter (17,951 followers) • Facebook (3,507 likes)</p>",
            "Twitter Logo",
        ),
        (
            "<p>Already a subscriber? <a href='/login'>Log in</a></p>",
            "Already a subscriber",
        ),
        (
            "<p>Pour lire la suite, <a href='/compte'>créez votre compte</a></p>",
            "Pour lire la suite",
        ),
        (
            "<p>Get the Gazette's Daily Edition by email and never miss a story. Free Sign Up</p>",
            "Get the Gazette",
        ),
        ("<p><a href='/give'>Donate</a></p>", "Donate"),
        (
            "<p><a href='/v'>Hier geht es zur neuen Vorstandsstruktur</a></p>",
            "Hier geht es",
        ),
        (
            "<p>sounds — <a href='/a'>thebrainbehind</a> @ 12:52</p>",
            "sounds —",
        ),
        (
            "<p>If you share it pls link back :-) (c) 2012 The Curious Brain | powered by WordPress</p>",
            "If you share it",
        ),
    ]);
}

/// A site's menu of its languages, rows of controls and dates, prompts to
/// comment or to sign up, a comments platform's credit, a gallery's pager
/// and tags set as text after their label are muted; the paragraphs around them stay plain.
#[test]
fn language_menus_rows_of_controls_and_prompts_to_comment_are_muted() {
    assert_each_line_muted(&[
        (
            "<p><a href='/pt'>Portugues</a> <a href='/es'>Espanol</a> <a href='/fr'>Français</a></p>",
            "Portugues",
        ),
        (
            "<p><a href='/en'>English</a> | <a href='/pl'>Polski</a> | <a href='/ja'>日本語</a></p>",
            "English |",
        ),
        (
            "<p>July 13, 2012 | <a href='/p'>Permalink</a></p>",
            "July 13, 2012",
        ),
        (
            "<p><a href='#c'>Post a Comment</a> <a href='/g'>Get a Gravatar</a></p>",
            "Post a Comment",
        ),
        ("<p>Oct252012</p>", "Oct252012"),
        (
            "<p><a href='/p'>Previous</a> 1 / 6 <a href='/n'>Next</a></p>",
            "Previous",
        ),
        ("<p><a href='/pin'>Pin It</a></p>", "Pin It"),
        (
            "<p><a href='/'>前のページへ戻る</a></p>",
            "前のページへ戻る",
        ),
        ("<p><a href='#top'>返回顶部</a></p>", "返回顶部"),
        ("<p><a href='/p/7'>前の記事：桜の季節</a></p>", "前の記事"),
        ("<p><a href='/p/9'>下一篇：春天的故事</a></p>", "下一篇"),
        ("<p>blog comments powered by</p>", "blog comments"),
        (
            "<p>Let us know how else we can help in the comments section below…</p>",
            "Let us know",
        ),
        (
            "<p>Sagen Sie uns Ihre Meinung in den Kommentaren!</p>",
            "Sagen Sie uns",
        ),
        (
            "<p>Sign up for the latest in food, fun and local deals in Atlanta.</p>",
            "Sign up for",
        ),
        (
            "<p>Visit the Harbour Office on <a href='/f'>Facebook</a> and <a href='/t'>Twitter</a></p>",
            "Visit the Harbour",
        ),
        ("<p>Sponsor Showcase</p>", "Sponsor Showcase"),
        (
            "<p>Explore related topics: new-york, house-explosion</p>",
            "Explore related",
        ),
        (
            "<p>Schlagwörter: Hafen, Stadtrat, Haushalt</p>",
            "Schlagwörter",
        ),
        (
            "<p>A version of this article appeared in print on 11/06/2012, on page D6 of the \
             New York edition with the headline: Council Votes.</p>",
            "A version of this",
        ),
        (
            "<p>Sign-up to the Gazette newsletter and you will be able to download our guide.</p>",
            "Sign-up to",
        ),
        (
            "<p>Tú también puedes hacer periodismo incómodo. Cancela cuando quieras.</p>",
            "Tú también",
        ),
        ("<p>Apoya el periodismo incómodo</p>", "Apoya el"),
        (
            "<p>This was written by Ann. Posted on Sunday, August 26, 2012, at 11:06 am. Filed \
             under <a href='/c'>Life</a>. Bookmark the <a href='/p'>permalink</a>. Follow \
             comments here with the RSS feed.</p>",
            "This was written",
        ),
    ]);
    // Sentences that only name languages, controls or topics stay the article's.
    for sentence in [
        "<p>Topics: the council discussed the harbour's budget for next year at length.</p>",
        "<p>English and Deutsch were both spoken at the harbour meeting on Tuesday.</p>",
        "<p>Let us know, said the mayor, and she asked for the comments below the notice.</p>",
        "<p>次の記事では、春の花の育て方を詳しく紹介します。</p>",
    ] {
        let document = read(&article_with_promotion(sentence));
        let text = sentence.trim_start_matches("<p>").trim_end_matches("</p>");
        let found = kinds_of(&document, &text[..12]);
        assert_eq!(found.len(), 1, "{sentence}: {:#?}", document.blocks());
        assert_eq!(found[0].0, BlockKind::Paragraph, "{sentence}");
    }
}

/// A news page saved with the next stories loaded below the first (an
/// infinite scroll): Readability takes the longest story; the article is
/// the one the page's title names.
#[test]
fn the_story_the_page_is_titled_for_is_the_article_among_several() {
    let story = |n: usize, paragraphs: usize| {
        let text: String = (0..paragraphs)
            .map(|p| {
                format!(
                    "<p>Story {n} paragraph {p}: la procesión sale de la iglesia a las nueve y \
                     recorre las calles del centro hasta la plaza, donde se bendicen los coches.</p>"
                )
            })
            .collect();
        format!("<article class='entry'><h1>Titular de la noticia {n}</h1>{text}</article>")
    };
    let html = format!(
        "<html><head><title>Diario | Titular de la noticia 1</title></head><body>\
         <main><div class='scrollblock'>{}{}{}</div></main></body></html>",
        story(1, 3),
        story(2, 12),
        story(3, 2)
    );
    let document = read(&html);
    let first = kinds_of(&document, "Story 1 ");
    assert_eq!(first.len(), 3, "{:#?}", document.blocks());
    assert!(first.iter().all(|(kind, _)| *kind == BlockKind::Paragraph));
    assert!(
        kinds_of(&document, "Story 2 ").is_empty(),
        "the longer story is another article: {:#?}",
        document.blocks()
    );
}

/// A page that prints its story twice (a preview, then the story again
/// with the byline as a heading): the second time is muted, every word
/// kept, so the article reads once.
#[test]
fn a_story_printed_twice_reads_once() {
    let story: String = (1..=3)
        .map(|n| {
            format!(
                "<p>Paragraph {n} of the story: manufacturing activity declined in July but at \
                 a more moderate pace, according to an early gauge of the economy.</p>"
            )
        })
        .collect();
    let html = format!(
        "<html><head><title>Data hint at improvement</title></head><body><article>\
         <h1>Data hint at improvement</h1><p class='byline'>By Aaron Back</p>{story}\
         <div class='full'><h3>BY AARON BACK</h3>{story}</div></article></body></html>"
    );
    let document = read(&html);
    let paragraphs = kinds_of(&document, "Paragraph ");
    assert_eq!(
        paragraphs.len(),
        6,
        "every word kept: {:#?}",
        document.blocks()
    );
    let kinds: Vec<BlockKind> = paragraphs.iter().map(|(kind, _)| *kind).collect();
    assert_eq!(kinds[..3], [BlockKind::Paragraph; 3]);
    assert_eq!(kinds[3..], [BlockKind::Furniture; 3]);
}

/// A post the article quotes, embedded from a social network in a box
/// named "social-media-embed", is the article's: a quote, not furniture.
#[test]
fn an_embedded_post_the_article_quotes_is_the_articles() {
    let tweet = "<div class='social-media-embed'><blockquote class='twitter-tweet'>\
                 <p lang='en'>The harbour vote passed 7 to 2 tonight.</p>&mdash; Jane Doe \
                 (@janedoe) <a href='https://twitter.com/janedoe/status/1'>July 23, 2012</a>\
                 </blockquote></div>";
    let document = read(&article_with_promotion(tweet));
    let quoted = kinds_of(&document, "The harbour vote passed");
    assert_eq!(quoted.len(), 1, "{:#?}", document.blocks());
    assert_eq!(quoted[0].0, BlockKind::Quote);
    assert_paragraphs_plain(&document);
}

/// A news page whose standfirst sits under the headline, outside the
/// element that holds the story, with the page's description saying it.
fn story_with_standfirst(description: &str, standfirst: &str) -> String {
    let paragraphs: String = (1..=4)
        .map(|n| {
            format!(
                "<p>Párrafo {n} de la nota: el concejo se reunió el martes por la noche y votó \
                 el nuevo presupuesto del puerto, las escuelas y los caminos, después de un \
                 largo debate en el que cada miembro habló al menos una vez.</p>"
            )
        })
        .collect();
    format!(
        "<html><head><title>El concejo vota el presupuesto | Diario</title>\
         <meta name=\"description\" content=\"{description}\"></head><body>\
         <header class=\"site\"><a href=\"/\">Diario</a></header>\
         <main><h1>El concejo vota el presupuesto</h1>\
         <div class=\"meta\"><span>Por Ana Pérez</span> · <span>8 minutos de lectura</span></div>\
         <h2 class=\"deck\">{standfirst}</h2>\
         <div class=\"body\">{paragraphs}</div></main>\
         <footer><p>Otras notas: {description}</p></footer></body></html>"
    )
}

/// The standfirst a page sets under its headline — the text its own
/// description gives — is the article's lead, before the story, once; a
/// description cut short ("…") or one that goes on into the story finds
/// it too, and a kicker before it stays with it. A description the page
/// does not set under its headline makes no lead.
#[test]
fn the_standfirst_under_the_headline_is_the_articles_lead() {
    let lead = "A pesar de que el plan entró en vigor en 2019, se sigue discutiendo; \
                mientras tanto, los vecinos muestran preocupación por su tamaño.";
    let cut = "A pesar de que el plan entró en vigor en 2019, se sigue discutiendo; mientras…";
    let going_on = format!("{lead} Párrafo 1 de la nota: el concejo se reunió");
    let kicker = format!("LO QUE HAY QUE SABER {lead}");
    for (description, standfirst) in [
        (lead, lead.to_owned()),
        (cut, lead.to_owned()),
        (going_on.as_str(), lead.to_owned()),
        (lead, kicker.clone()),
    ] {
        let document = read(&story_with_standfirst(description, &standfirst));
        let leads: Vec<usize> = (0..document.blocks().len())
            .filter(|&i| document.blocks()[i].kind == BlockKind::Lead)
            .collect();
        assert_eq!(leads.len(), 1, "{description}: {:#?}", document.blocks());
        assert_eq!(document.block_text(leads[0]), standfirst);
        let first_paragraph = kinds_of(&document, "Párrafo 1");
        assert_eq!(first_paragraph.len(), 1);
        let story = document.text().find("Párrafo 1").expect("the story");
        assert!(document.text().find(&standfirst).expect("the lead") < story);
    }
    // No lead is made up: a description that is the story's first
    // paragraph, one shown only far below the headline, one no element shows.
    let first = "Párrafo 1 de la nota: el concejo se reunió el martes por la noche y votó \
                 el nuevo presupuesto del puerto, las escuelas y los caminos, después de un \
                 largo debate en el que cada miembro habló al menos una vez.";
    let elsewhere =
        "Un resumen que solo aparece al pie de la página, lejos del titular y de la nota.";
    for (description, standfirst) in [(first, ""), (elsewhere, ""), ("Diario: noticias.", "")] {
        let document = read(&story_with_standfirst(description, standfirst));
        assert!(
            document.blocks().iter().all(|b| b.kind != BlockKind::Lead),
            "{description}: {:#?}",
            document.blocks()
        );
        assert_eq!(kinds_of(&document, "Párrafo 1").len(), 1);
    }
}

/// A smiley set as a picture (WordPress's `wp-smiley`, an emoji's
/// picture) reads as its alt text in its sentence; a paragraph is not cut
/// in two around a figure of it.
#[test]
fn a_smiley_reads_in_its_sentence() {
    for smiley in [
        "<img src='/wp-includes/images/smilies/icon_smile.gif' alt=':)' class='wp-smiley' />",
        "<img src='/smile.png' alt=';-)' />",
        "<img src='/emoji/1f600.svg' alt='😀' class='emoji' />",
    ] {
        let html = article_with_promotion(&format!(
            "<p>Thanks for the tip {smiley} so the harbour trip is on for Saturday.</p>"
        ));
        let document = read(&html);
        let found = kinds_of(&document, "Thanks for the tip");
        assert_eq!(found.len(), 1, "{smiley}: {:#?}", document.blocks());
        assert!(
            found[0]
                .1
                .ends_with("so the harbour trip is on for Saturday."),
            "{smiley}: {:#?}",
            document.blocks()
        );
        assert!(
            !document
                .blocks()
                .iter()
                .any(|block| matches!(block.kind, BlockKind::Figure { .. })),
            "{smiley}: {:#?}",
            document.blocks()
        );
    }
}

/// A control's label and the address it gives ("Permalien https://…"),
/// a print button with its own words ("Imprimer Imprimer cette page"), a
/// prompt to write to the paper, a promotion set as a quote ("MIRA | …"),
/// a "learn more" link standing alone, and a heading that names what follows as
/// more on the topic (in several languages, with the links under it) are
/// muted; the article's paragraphs stay plain.
#[test]
fn addresses_print_buttons_letters_prompts_and_more_on_the_topic_are_muted() {
    assert_each_line_muted(&[
        ("<p>Permalien https://p.dw.com/p/RPYx</p>", "Permalien"),
        ("<p>Permalink: https://example.org/p/12</p>", "Permalink"),
        ("<ul><li>Imprimer Imprimer cette page</li></ul>", "Imprimer"),
        ("<p>Drucken Diese Seite drucken</p>", "Drucken"),
        (
            "<p>Submit your letter to the editor via this form. Read more Letters to the Editor.</p>",
            "Submit your letter",
        ),
        ("<p>Have a news tip? Email us.</p>", "Have a news tip"),
        (
            "<blockquote><p>MIRA | <a href='/x'>Kenji Fujimori: el juicio continuará en mayo</a></p></blockquote>",
            "MIRA",
        ),
        ("<p><a href='/trust'>Saber más</a></p>", "Saber más"),
    ]);
    for (heading, link) in [
        ("Audios et vidéos sur le sujet", "Les éléphants de Guinée"),
        ("More on this topic", "Harbour fees to rise"),
        ("Mehr zu diesem Thema", "Der Haushalt im Überblick"),
        ("Más sobre este tema", "Suben las tasas del puerto"),
        ("Więcej na ten temat", "Opłaty portowe wzrosną"),
    ] {
        let section = format!("<h3>{heading}</h3><ul><li><a href='/a'>{link}</a></li></ul>");
        let document = read(&article_with_promotion(&section));
        for line in [heading, link] {
            assert_muted_once(&document, line);
        }
        assert_paragraphs_plain(&document);
    }
}

/// Teasers of other posts under a label or a heading that names them —
/// posts embedded as quoted linked titles ("Schon gelesen?"), cards of a
/// headline and its picture ("Weitere Beiträge zum Thema") — and a page's
/// view counter are muted; the article's paragraphs stay plain.
#[test]
fn teasers_under_their_label_and_view_counters_are_muted() {
    let quoted = |title: &str| {
        format!(
            "<blockquote class='wp-embedded-content'><a href='/{}'>{title}</a></blockquote>",
            title.len()
        )
    };
    let card = |title: &str| {
        format!(
            "<article class='teaser'><h3>{title}</h3><a href='/{}'><img src='/{}.jpg'></a></article>",
            title.len(),
            title.len()
        )
    };
    let cases = [
        (
            format!(
                "<p>Schon gelesen?</p>{}{}",
                quoted("Luftwaffe lässt Piloten in Italien ausbilden"),
                quoted("Luftwaffe trainiert auf dem neuen Hubschrauber")
            ),
            ["Schon gelesen", "Luftwaffe lässt", "Luftwaffe trainiert"].as_slice(),
        ),
        (
            format!(
                "<h2>Weitere Beiträge zum Thema</h2>{}{}",
                card("The Motor Chain: Respekt vor dem Klassiker"),
                card("Bugatti: Erinnerung an den Sohn des Gründers")
            ),
            ["Weitere Beiträge", "The Motor Chain", "Bugatti"].as_slice(),
        ),
        (
            "<p>(Visited 215 times, 55 visits today)</p>".to_owned(),
            ["(Visited 215"].as_slice(),
        ),
    ];
    assert_sections_muted(&cases);
}

/// A picture's courtesy line, an affiliate disclosure, a row of networks'
/// labels under "Connect With Us", and a breadcrumb trail at the article's head (a list of short
/// links or one line of them, first the site's home) are muted; the
/// article's paragraphs stay plain.
#[test]
fn courtesy_lines_disclosures_networks_and_breadcrumbs_are_muted() {
    assert_each_line_muted(&[
        ("<p>Imágenes capturadas de video</p>", "Imágenes capturadas"),
        (
            "<p>Photo courtesy of the harbour trust</p>",
            "Photo courtesy",
        ),
        (
            "<p>This website is supported, in part, by affiliate arrangements (usually Amazon).</p>",
            "This website is supported",
        ),
        (
            "<p>Disclosure: this post contains affiliate links.</p>",
            "Disclosure:",
        ),
    ]);
    let connect = "<h3>Connect With Us</h3><ul><li>Like Us</li><li>Follow Us</li>\
                   <li>Add Us</li></ul>";
    let document = read(&article_with_promotion(connect));
    for line in ["Connect With Us", "Like Us", "Follow Us", "Add Us"] {
        assert_muted_once(&document, line);
    }
    for trail in [
        "<ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li>\
         <li><a href='/news/web'>Internet &amp; Media</a></li></ul>",
        "<p><a href='/'>Startseite</a> › <a href='/politik'>Politik</a> › \
         <a href='/politik/europa'>Europa</a></p>",
    ] {
        let page = format!(
            "<html><head><title>The council votes</title></head><body><article>\
             <h1>The council votes</h1>{trail}{}</article></body></html>",
            (1..=4)
                .map(|n| format!(
                    "<p>Paragraph {n} of the article: the council met on Tuesday evening and \
                     voted on the new budget for the harbour, the schools and the roads.</p>"
                ))
                .collect::<String>()
        );
        let document = read(&page);
        let steps: Vec<BlockKind> = (0..document.blocks().len())
            .filter(|&i| {
                let text = document.block_text(i);
                text.starts_with("Home")
                    || text.starts_with("News")
                    || text.starts_with("Startseite")
            })
            .map(|i| document.blocks()[i].kind)
            .collect();
        assert!(!steps.is_empty(), "{:#?}", document.blocks());
        assert!(
            steps.iter().all(|kind| *kind == BlockKind::Furniture),
            "{:#?}",
            document.blocks()
        );
        let paragraphs = kinds_of(&document, "Paragraph ");
        assert_eq!(paragraphs.len(), 4);
        assert!(
            paragraphs
                .iter()
                .all(|(kind, _)| *kind == BlockKind::Paragraph)
        );
    }
}

/// A section that is a list ("Story highlights" and its points) ends
/// with the list: the story's first line after it, short as it is, stays
/// the article's. Prompts to like the site or never miss a post are
/// muted.
#[test]
fn a_list_section_ends_with_its_list_and_prompts_to_like_the_site_are_muted() {
    let section = "<p>STORY HIGHLIGHTS</p><ul><li>NEW: At least 29 people are dead, an official says</li>\
                   <li>The president says it's the largest quake in decades</li></ul>\
                   <p>(CNN) -- A powerful earthquake hit Wednesday off the coast.</p>";
    let document = read(&article_with_promotion(section));
    for line in ["STORY HIGHLIGHTS", "NEW: At least", "The president says"] {
        assert_muted_once(&document, line);
    }
    let first_line = kinds_of(&document, "(CNN) -- A powerful");
    assert_eq!(first_line.len(), 1, "{:#?}", document.blocks());
    assert_eq!(first_line[0].0, BlockKind::Paragraph);
    assert_paragraphs_plain(&document);
    assert_each_line_muted(&[
        ("<h3>Like Our Site?</h3>", "Like Our Site?"),
        ("<h4>never miss a recipe</h4>", "never miss a recipe"),
        (
            "<p>You should like Thought Catalog on Facebook here.</p>",
            "You should like",
        ),
        (
            "<p><a href='/rss'>RSS Feed for FDA News Releases</a></p>",
            "RSS Feed",
        ),
    ]);
}
