//! PDFs the tests write themselves (pdf-writer): pages of paragraphs set
//! in 10 pt Helvetica, 72 pt from the left, the first baseline 72 pt
//! below the top of an A4 page, a line every 13 pt.

use pdf_writer::{Content, Name, Pdf, Rect, Ref, Str};

/// The page's size in points.
pub const PAGE_WIDTH_PT: f32 = 595.0;
pub const PAGE_HEIGHT_PT: f32 = 842.0;
/// Where the first line's baseline is, from the top of the page.
pub const FIRST_BASELINE_PT: f32 = 72.0;
pub const LEFT_MARGIN_PT: f32 = 72.0;
pub const LINE_PT: f32 = 13.0;

/// Words a line holds at most (10 pt Helvetica in a 450 pt measure).
const LINE_CHARS: usize = 80;

/// A PDF of `pages`, each a list of paragraphs, set in 10 pt Helvetica.
pub fn paper(pages: &[Vec<String>]) -> Vec<u8> {
    paper_with_xmp(pages, None)
}

/// [`paper`], its catalogue holding an XMP packet when one is given.
pub fn paper_with_xmp(pages: &[Vec<String>], xmp: Option<&str>) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let (catalog, tree, font, metadata) = (Ref::new(1), Ref::new(2), Ref::new(3), Ref::new(4));
    let page_ids: Vec<Ref> = (0..pages.len())
        .map(|i| Ref::new(10 + 2 * i as i32))
        .collect();
    let mut writer = pdf.catalog(catalog);
    writer.pages(tree);
    if xmp.is_some() {
        writer.metadata(metadata);
    }
    drop(writer);
    if let Some(xmp) = xmp {
        pdf.metadata(metadata, xmp.as_bytes());
    }
    pdf.pages(tree)
        .kids(page_ids.iter().copied())
        .count(pages.len() as i32);
    for (page, paragraphs) in page_ids.iter().zip(pages) {
        let content_id = Ref::new(page.get() + 1);
        let mut writer = pdf.page(*page);
        writer.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH_PT, PAGE_HEIGHT_PT));
        writer.parent(tree);
        writer.contents(content_id);
        writer.resources().fonts().pair(Name(b"F1"), font);
        drop(writer);
        let mut content = Content::new();
        let mut y = PAGE_HEIGHT_PT - FIRST_BASELINE_PT;
        for paragraph in paragraphs {
            for line in wrapped(paragraph) {
                content.begin_text();
                content.set_font(Name(b"F1"), 10.0);
                content.next_line(LEFT_MARGIN_PT, y);
                content.show(Str(line.as_bytes()));
                content.end_text();
                y -= LINE_PT;
            }
            y -= 12.0;
        }
        pdf.stream(content_id, &content.finish());
    }
    pdf.type1_font(font).base_font(Name(b"Helvetica"));
    pdf.finish()
}

/// A paragraph's lines, broken between words.
pub fn wrapped(paragraph: &str) -> Vec<String> {
    let mut lines: Vec<String> = vec![String::new()];
    for word in paragraph.split_whitespace() {
        let line = lines.last_mut().expect("a line");
        if !line.is_empty() && line.len() + 1 + word.len() > LINE_CHARS {
            lines.push(word.to_owned());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines
}

/// An A4 document of one page, its font F1: the ids of the page's
/// content stream and of the font, both still to be written.
pub fn one_page(pdf: &mut Pdf) -> (Ref, Ref) {
    let (catalog, tree, page, content_id, font) = (
        Ref::new(1),
        Ref::new(2),
        Ref::new(3),
        Ref::new(4),
        Ref::new(5),
    );
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids([page]).count(1);
    let mut writer = pdf.page(page);
    writer.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH_PT, PAGE_HEIGHT_PT));
    writer.parent(tree);
    writer.contents(content_id);
    writer.resources().fonts().pair(Name(b"F1"), font);
    (content_id, font)
}

/// A page: a paragraph, a bar chart of ten bars with a label inside it,
/// its caption, and a paragraph after.
pub fn page_with_a_chart() -> Vec<u8> {
    let mut pdf = Pdf::new();
    let (content_id, font) = one_page(&mut pdf);
    let mut content = Content::new();
    let line = |content: &mut Content, text: &str, size: f32, (x, y): (f32, f32)| {
        content.begin_text();
        content.set_font(Name(b"F1"), size);
        content.next_line(x, y);
        content.show(Str(text.as_bytes()));
        content.end_text();
    };
    line(
        &mut content,
        "The measurements before the chart were taken at dawn each day.",
        10.0,
        (72.0, 770.0),
    );
    content.set_fill_rgb(0.2, 0.4, 0.8);
    for bar in 0..10 {
        let x = 100.0 + 30.0 * bar as f32;
        content.rect(x, 500.0, 20.0, 20.0 + 15.0 * bar as f32);
        content.fill_nonzero();
    }
    content.set_fill_gray(0.0);
    line(&mut content, "Rainfall", 7.0, (110.0, 640.0));
    line(
        &mut content,
        "Figure 1: Ten bars of rising height.",
        9.0,
        (72.0, 480.0),
    );
    line(
        &mut content,
        "After the chart the text goes on about the rain and the river.",
        10.0,
        (72.0, 450.0),
    );
    pdf.stream(content_id, &content.finish());
    pdf.type1_font(font).base_font(Name(b"Helvetica"));
    pdf.finish()
}

/// A one-page PDF whose letters are drawn one by one, in the order given,
/// each at its place (x, and its baseline from the top of the page), in
/// 10 pt Courier through a font whose ToUnicode names each letter — as a
/// producer draws a right-to-left line, in either order.
pub fn placed_letters(letters: &[(f32, f32, char)]) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let (content_id, font) = one_page(&mut pdf);
    let to_unicode = Ref::new(6);
    // Each letter its own code, from "A" on.
    let mut codes: Vec<char> = Vec::new();
    let mut content = Content::new();
    for &(x, y, letter) in letters {
        let code = match codes.iter().position(|&c| c == letter) {
            Some(index) => index,
            None => {
                codes.push(letter);
                codes.len() - 1
            }
        };
        content.begin_text();
        content.set_font(Name(b"F1"), 10.0);
        content.next_line(x, PAGE_HEIGHT_PT - y);
        content.show(Str(&[b'A' + code as u8]));
        content.end_text();
    }
    pdf.stream(content_id, &content.finish());
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Letters def /CMapType 2 def\n\
         1 begincodespacerange <00> <FF> endcodespacerange\n",
    );
    cmap.push_str(&format!("{} beginbfchar\n", codes.len()));
    for (index, letter) in codes.iter().enumerate() {
        let mut units = [0u16; 2];
        let hex: String = letter
            .encode_utf16(&mut units)
            .iter()
            .map(|unit| format!("{unit:04X}"))
            .collect();
        cmap.push_str(&format!("<{:02X}> <{hex}>\n", b'A' as usize + index));
    }
    cmap.push_str("endbfchar endcmap CMapName currentdict /CMap defineresource pop end end\n");
    pdf.stream(to_unicode, cmap.as_bytes());
    let mut writer = pdf.type1_font(font);
    writer.base_font(Name(b"Courier"));
    writer.first_char(32);
    writer.last_char(255);
    writer.widths(std::iter::repeat_n(600.0, 224));
    writer.to_unicode(to_unicode);
    drop(writer);
    pdf.finish()
}
