//! Web pages whose pictures, lists and article are set in a site's own
//! boxes: rules of the HTML importer that carry over to pages never seen,
//! each on a short page written here. A site's picture box is a figure
//! with its caption; a list of links under an item of the article's own
//! list is the article's; the box a page names its article's body ends the
//! article.

use marginalia::document::{BlockKind, Document};
use marginalia::import::import_bytes;

fn read(html: &str) -> Document {
    import_bytes(html.as_bytes(), Some(std::path::Path::new("page.html"))).expect("the page reads")
}

/// The kind of the one block whose text begins with `starting`.
fn kind_of(document: &Document, starting: &str) -> BlockKind {
    let found: Vec<usize> = (0..document.blocks().len())
        .filter(|&i| document.block_text(i).starts_with(starting))
        .collect();
    assert_eq!(found.len(), 1, "{starting}: {:#?}", document.blocks());
    document.blocks()[found[0]].kind
}

fn story(title: &str, body: &str) -> String {
    format!(
        "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>\
         <p>The update rolled out in the middle of January and changes the maps of the \
         training platform more than any release before it, for riders and runners alike.</p>\
         {body}\
         <p>In the web version the new maps are found under routes, where tours are planned \
         too, and the phone app follows within weeks.</p></article></body></html>"
    )
}

/// A site's own picture box (`<div class="image-box">`, a camel-cased
/// `articleImage`, `photo_wrapper`, a German `bild`): its one picture is a
/// figure, its paragraph the caption, not a paragraph of the article, its
/// credit line at the caption's end. A box named for a picture that holds two
/// of the article's paragraphs is not one: they stay the article's.
#[test]
fn a_sites_picture_box_is_a_figure_with_its_caption() {
    for class in ["image-box center", "articleImage", "photo_wrapper", "bild"] {
        let page = story(
            "Maps with more to see",
            &format!(
                "<div class=\"{class}\"><a href=\"/pic/1\"><img data-src=\"/pic/1.jpg\"></a>\
                 <div class=\"copyright\">Screenshot, Strava</div>\
                 <p class=\"to-image-box\"><span class=\"copyright\">Screenshot, Strava</span> \
                 Supermarkets, pump tracks or the most popular starting points: the new points \
                 of interest make planning easier.</p>\
                 <span class=\"image-credit\">(Credit: Jane Roe/Press)</span></div>\
                 <div class=\"{class}\"><img src=\"/pic/2.jpg\">\
                 <p>First paragraph beside the picture: the heatmaps were the ground of the new points.</p>\
                 <p>Second paragraph beside it: cafés, bike shops and supermarkets on the way.</p></div>"
            ),
        );
        let document = read(&page);
        let caption = kind_of(&document, "Screenshot, Strava Supermarkets");
        assert!(
            matches!(caption, BlockKind::Figure { .. }),
            "{class}: {:#?}",
            document.blocks()
        );
        let credited = (0..document.blocks().len()).filter(|&i| {
            document
                .block_text(i)
                .ends_with("planning easier. (Credit: Jane Roe/Press)")
        });
        assert_eq!(credited.count(), 1, "the credit ends the caption: {class}");
        for paragraph in [
            "The update rolled out",
            "First paragraph beside",
            "Second paragraph beside",
            "In the web version",
        ] {
            assert_eq!(
                kind_of(&document, paragraph),
                BlockKind::Paragraph,
                "{class}: {:#?}",
                document.blocks()
            );
        }
    }
}

/// An item of the article's own list ("In progress:") and the linked bug
/// reports under it are the article's, not a list of other pages; a run
/// of linked items standing alone still is one.
#[test]
fn a_linked_sub_list_under_an_item_of_words_is_the_articles() {
    let linked = |title: &str| format!("<li><a href=\"/bug/{}\">{title}</a></li>", title.len());
    let bugs: String = [
        "Bug 1677080 – Fullscreen window is affected by switching video source",
        "Bug 1677107 – Add telemetry for tracking the use of several windows",
        "Bug 1681796 – Prevent superfluous actors from being associated with each tab",
        "Bug 1678390 – Prevent the windows from opening on top of one another",
    ]
    .iter()
    .map(|title| linked(title))
    .collect();
    let others: String = [
        "Other news: the week in the field",
        "Other news: a new logo for the foundation",
        "Other news: show the team how much you care",
        "Other news: the best recipes of the summer",
    ]
    .iter()
    .map(|title| linked(title))
    .collect();
    let page = story(
        "These weeks in the browser",
        &format!(
            "<ul><li>Students will hack on the picture-in-picture feature next semester.</li>\
             <li>In progress:<ul>{bugs}</ul></li></ul><ul>{others}</ul>"
        ),
    );
    let document = read(&page);
    for bug in ["Bug 1677080", "Bug 1677107", "Bug 1681796", "Bug 1678390"] {
        assert!(
            matches!(
                kind_of(&document, bug),
                BlockKind::ListItem { level: 2, .. }
            ),
            "{bug}: {:#?}",
            document.blocks()
        );
    }
    for other in ["Other news: the week", "Other news: a new logo"] {
        assert_eq!(kind_of(&document, other), BlockKind::Furniture, "{other}");
    }
}

/// A rule or a spacer drawn as a picture a few pixels thin ("line", 464 ×
/// 2) is not read as its alt text between the article's paragraphs; an
/// icon's alt text still reads in its sentence.
#[test]
fn a_rule_drawn_as_a_picture_is_not_text() {
    let page = story(
        "Maps with more to see",
        "\n<figure><img src=\"line976.jpg\" alt=\"line\" height=\"2\" width=\"464\"></figure>\n\
         <img src=\"spacer.gif\" alt=\"spacer\" width=\"1\" height=\"1\">\n\
         <p>Rated <img src=\"star.png\" alt=\"five stars\" width=\"16\" height=\"16\"> by riders.</p>",
    );
    let document = read(&page);
    let texts: Vec<&str> = (0..document.blocks().len())
        .map(|i| document.block_text(i))
        .collect();
    assert!(
        !texts.iter().any(|text| text
            .split_whitespace()
            .any(|word| word == "line" || word == "spacer")),
        "{texts:#?}"
    );
    assert!(texts.contains(&"Rated five stars by riders."), "{texts:#?}");
}

/// A page whose one element named for the article's body (`itemprop`
/// `articleBody`, `entry-content`) holds `paragraphs`, followed in the
/// same `<article>` by `after`; the layout's wrapper names a sidebar.
fn named_body_story(name: &str, paragraphs: &str, after: &str) -> String {
    format!(
        "<html><head><title>Heu richtig lagern</title></head><body>\
         <div class=\"container layout-right-sidebar\"><article><h1>Heu richtig lagern</h1>\
         <div {name}>{paragraphs}</div>{after}</article>\
         <aside><p>Meistgelesen: zehn Tipps für den Stall.</p></aside></div></body></html>"
    )
}

const BODY_PARAGRAPHS: &str = "<p>Heu ist die Grundlage einer gesunden Fütterung, doch feuchtes Heu \
     schimmelt schnell, und Schimmelpilze schaden Pferden wie Rindern.</p>\
     <p>Wer Heu lagert, braucht einen trockenen, luftigen Raum, Abstand zum Boden und eine \
     Kontrolle der Temperatur in den ersten Wochen nach der Ernte.</p>\
     <p>Steigt die Temperatur im Stapel über vierzig Grad, muss das Heu umgesetzt werden, \
     sonst droht im schlimmsten Fall ein Brand in der Scheune.</p>\
     <p>Eine Heusonde zeigt die Temperatur im Inneren des Stapels an; wer keine hat, steckt \
     eine Eisenstange hinein und prüft nach einigen Stunden, wie warm sie geworden ist.</p>\
     <p>Gut getrocknetes Heu riecht aromatisch, ist grünlich und raschelt, wenn man es \
     bewegt; muffiger Geruch und graue Stellen sind Zeichen für Schimmel.</p>\
     <p>Ballen sollten auf Paletten lagern, mit Luft zwischen den Reihen, und nie direkt an \
     einer Wand, an der sich Kondenswasser sammeln kann.</p>";

/// What follows the page's named article body inside the article — the
/// author's bio, a legend of the page's markings (in Japanese) — is the
/// page's, muted; the body's paragraphs stay plain. Not when more text
/// follows than a third of the body's (the name is not where the article
/// ends), nor when the page names two bodies (a list of posts).
#[test]
fn what_follows_the_named_article_body_is_the_pages() {
    let tail = "<div class=\"author\"><p>Jule Radeck studierte Agrarwissenschaften, bevor sie \
                als Volontärin nach Hamburg zog, und schreibt über Landwirtschaft.</p></div>\
                <p class=\"caution\">※下に線があることばは辞書の説明を見ることができます。\
                色のついたことばは、人や場所、会社やグループの名前です。音声を聞くときは、\
                上のボタンを押してください。ことばの色を消すときは、下のボタンを押してください。</p>";
    for name in [
        "itemprop=\"articleBody\"",
        "class=\"entry-content clearfix\"",
    ] {
        let document = read(&named_body_story(name, BODY_PARAGRAPHS, tail));
        for line in ["Jule Radeck", "※下に線"] {
            assert_eq!(
                kind_of(&document, line),
                BlockKind::Furniture,
                "{name}: {:#?}",
                document.blocks()
            );
        }
        for paragraph in [
            "Heu ist die Grundlage",
            "Wer Heu lagert",
            "Steigt die Temperatur",
        ] {
            assert_eq!(
                kind_of(&document, paragraph),
                BlockKind::Paragraph,
                "{name}"
            );
        }
    }
    let long_tail = BODY_PARAGRAPHS.replace("<p>", "<p>Mehr: ");
    let document = read(&named_body_story(
        "itemprop=\"articleBody\"",
        BODY_PARAGRAPHS,
        &long_tail,
    ));
    let more: Vec<BlockKind> = (0..document.blocks().len())
        .filter(|&i| document.block_text(i).starts_with("Mehr: "))
        .map(|i| document.blocks()[i].kind)
        .collect();
    assert_eq!(more, [BlockKind::Paragraph; 6], "a long tail is not muted");
    let two_bodies = named_body_story(
        "class=\"entry-content\"",
        BODY_PARAGRAPHS,
        &format!(
            "<div class=\"entry-content\"><p>Zweiter Beitrag: ein kurzer Text.</p></div>{tail}"
        ),
    );
    let document = read(&two_bodies);
    assert_eq!(kind_of(&document, "Jule Radeck"), BlockKind::Paragraph);
}

/// A list a page names its article's body (a post that is a list of
/// steps) is still read as a list, its items items.
#[test]
fn a_list_named_for_the_article_body_is_still_a_list() {
    let items: String = (1..=6)
        .map(|n| {
            format!(
                "<li>Step {n} of the plan: swim {} metres, of them {} fast, with a rest \
                 of thirty seconds between the lengths.</li>",
                n * 400,
                n * 100
            )
        })
        .collect();
    let page = format!(
        "<html><head><title>Training plan</title></head><body><article><h1>Training plan</h1>\
         <p>The plan for the winter, written by the coach of the club, for swimmers who want \
         to get faster over the season, with sessions three times a week.</p>\
         <ul class=\"entry-content\">{items}</ul></article></body></html>"
    );
    let document = read(&page);
    for step in ["Step 1 of the plan", "Step 6 of the plan"] {
        assert!(
            matches!(kind_of(&document, step), BlockKind::ListItem { .. }),
            "{step}: {:#?}",
            document.blocks()
        );
    }
}

/// A page laid out in a table, whose rows Readability takes for the
/// article (it renames the best row group a `<div>`): each cell's words
/// stay apart from the next cell's ("Week 1 of the plan" and "400
/// metres", never "plan400").
#[test]
fn a_page_laid_out_in_a_table_keeps_its_cells_apart() {
    let rows: String = (1..=6)
        .map(|n| {
            format!(
                "<tr><td>Week {n} of the training plan</td><td>{} metres, of them {} fast, \
                 with a rest of thirty seconds between the lengths</td></tr>",
                n * 400,
                n * 100
            )
        })
        .collect();
    let page = format!(
        "<html><head><title>Training plan</title></head><body><h1>Training plan</h1>\
         <table class=\"layout\">{rows}</table></body></html>"
    );
    let document = read(&page);
    let texts: Vec<&str> = (0..document.blocks().len())
        .map(|i| document.block_text(i))
        .collect();
    assert!(
        texts
            .iter()
            .all(|text| !text.contains("plan400") && !text.contains("plan800")),
        "{texts:#?}"
    );
    for week in ["Week 1 of the training plan", "Week 6 of the training plan"] {
        assert_eq!(kind_of(&document, week), BlockKind::Paragraph, "{texts:#?}");
    }
}

/// An author's bio, in a box the page names for it ("author-bio",
/// "authorbox", "about-the-author"; English and German), is the page's:
/// muted where it stands, every word kept. A byline flagged "hasnt-bio"
/// is still the byline; a biography whose box is named "bio-content"
/// (long paragraphs) is the article.
#[test]
fn an_authors_bio_is_muted_where_it_stands() {
    for (class, bio) in [
        (
            "author-bio",
            "Jane Roe covers cycling and the outdoors for the paper from Denver.",
        ),
        (
            "authorbox",
            "Bob Fischer ist Pilot mit diversen Ratings und schreibt seit 2009 über die Fliegerei.",
        ),
        (
            "about-the-author clearfix",
            "Jane Roe has written about maps since 2004; her book on trails came out last year.",
        ),
    ] {
        // A box holding its paragraph alone (Readability puts the paragraph
        // in its place), or a picture too.
        let picture = if class == "author-bio" {
            ""
        } else {
            "<img src=\"/jane.jpg\" alt=\"\">"
        };
        let page = story(
            "Maps with more to see",
            &format!(
                "<div class=\"pb-sig-line hasnt-bio\"><span class=\"byline\">By \
                 <a href=\"/people/jane-roe\">Jane Roe</a></span></div>\
                 <p>Second paragraph of the story, long enough to be read as the article's own \
                 text by any measure a reader would care to apply to it.</p>\
                 <div class=\"{class}\">{picture}<p>{bio}</p></div>"
            ),
        );
        let document = read(&page);
        assert_eq!(
            kind_of(&document, &bio[..20]),
            BlockKind::Furniture,
            "{class}: {:#?}",
            document.blocks()
        );
        assert_eq!(kind_of(&document, "Second paragraph"), BlockKind::Paragraph);
        assert_eq!(
            document.metadata.byline.as_deref(),
            Some("By Jane Roe"),
            "{class}: the byline flagged hasnt-bio"
        );
    }
    let life = "She was born in Leeds in 1931, trained as a nurse and walked every trail in \
        the Dales before she was twenty, then mapped them for the county for forty years. ";
    let page = story(
        "A life in maps",
        &format!("<div class=\"bio-content\"><p>{life}</p><p>{life}</p></div>"),
    );
    let document = read(&page);
    let first = (0..document.blocks().len())
        .find(|&i| document.block_text(i).starts_with("She was born"))
        .expect("the biography");
    assert_eq!(document.blocks()[first].kind, BlockKind::Paragraph);
}
