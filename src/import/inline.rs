//! What the Markdown, HTML and EPUB importers share: text being collected
//! for one block with its inline styles, open lists, and small text helpers.

use unicode_normalization::UnicodeNormalization as _;

use crate::document::{
    BlockKind, DocumentBuilder, InlineStyle, ListNumber, NumberStyle, StyledSpan,
};

/// Text being collected for one block, with its inline styles.
#[derive(Debug, Default)]
pub struct Inline {
    pub text: String,
    chars: usize,
    spans: Vec<StyledSpan>,
    open: Vec<(InlineStyle, usize)>,
    pending_space: bool,
    /// Code blocks keep every space and line break.
    pub verbatim: bool,
}

impl Inline {
    pub fn push_text(&mut self, text: &str) {
        let text: String = text.nfc().collect();
        if self.verbatim {
            self.chars += text.chars().count();
            self.text.push_str(&text);
            return;
        }
        for c in text.chars() {
            if c.is_whitespace() {
                self.pending_space = !self.text.is_empty() && !self.text.ends_with('\n');
                continue;
            }
            if self.pending_space {
                self.text.push(' ');
                self.chars += 1;
                self.pending_space = false;
            }
            self.text.push(c);
            self.chars += 1;
        }
    }

    pub fn hard_break(&mut self) {
        if !self.text.is_empty() {
            self.text.push('\n');
            self.chars += 1;
        }
        self.pending_space = false;
    }

    pub fn open(&mut self, style: InlineStyle) {
        // A space before the styled text belongs outside it.
        if self.pending_space {
            self.text.push(' ');
            self.chars += 1;
            self.pending_space = false;
        }
        self.open.push((style, self.chars));
    }

    pub fn close(&mut self) {
        if let Some((style, start)) = self.open.pop()
            && start < self.chars
        {
            self.spans.push(StyledSpan {
                chars: start..self.chars,
                style,
            });
        }
    }

    /// The styles open now, outermost first (a link around a picture).
    pub fn open_styles(&self) -> Vec<InlineStyle> {
        self.open.iter().map(|(style, _)| style.clone()).collect()
    }

    pub fn take(&mut self) -> (String, Vec<StyledSpan>) {
        while !self.open.is_empty() {
            self.close();
        }
        self.chars = 0;
        self.pending_space = false;
        (
            std::mem::take(&mut self.text),
            std::mem::take(&mut self.spans),
        )
    }
}

/// `prefix` before `text`, with the spans moved along.
pub fn with_prefix(prefix: &str, text: &str, spans: Vec<StyledSpan>) -> (String, Vec<StyledSpan>) {
    let shift = prefix.chars().count();
    let spans = spans
        .into_iter()
        .map(|s| StyledSpan {
            chars: s.chars.start + shift..s.chars.end + shift,
            style: s.style,
        })
        .collect();
    (format!("{prefix}{text}"), spans)
}

/// A paragraph, or a quote inside a block quote.
pub fn prose_kind(quote_depth: usize) -> BlockKind {
    if quote_depth > 0 {
        BlockKind::Quote
    } else {
        BlockKind::Paragraph
    }
}

/// Runs of white space as one space, trimmed.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether two texts have the same words (case and punctuation aside).
pub fn same_words(a: &str, b: &str) -> bool {
    let (a, b) = (words_of(a), words_of(b));
    !a.is_empty() && a == b
}

/// A text's words, lowercase, without the marks between them.
pub fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A table's text: one line per row, its cells separated by tabs (as a
/// table copied from a browser reads); the first `header_rows` rows are
/// strong. Rows with no text are left out.
pub fn table_text(rows: &[Vec<String>], header_rows: usize) -> (String, Vec<StyledSpan>) {
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut chars = 0;
    for (index, row) in rows.iter().enumerate() {
        if row.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if !text.is_empty() {
            text.push('\n');
            chars += 1;
        }
        for (column, cell) in row.iter().enumerate() {
            if column > 0 {
                text.push('\t');
                chars += 1;
            }
            let cell: String = cell
                .chars()
                .map(|c| if c == '\t' || c == '\n' { ' ' } else { c })
                .collect();
            let len = cell.chars().count();
            if index < header_rows && len > 0 {
                spans.push(StyledSpan {
                    chars: chars..chars + len,
                    style: InlineStyle::Strong,
                });
            }
            text.push_str(&cell);
            chars += len;
        }
    }
    (text, spans)
}

/// The lists open around the text being read: bullets or numbers, nested.
#[derive(Debug, Default)]
pub struct Lists {
    /// The open lists, outermost first.
    open: Vec<OpenList>,
}

/// How an ordered list counts: from where, which way, in which glyphs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Counting {
    pub first: i64,
    /// Counting down (HTML's `reversed`: a countdown's 10, 9, 8).
    pub reversed: bool,
    pub style: NumberStyle,
}

impl Counting {
    /// Up from `first` in digits (Markdown's lists).
    pub fn up_from(first: i64) -> Self {
        Self {
            first,
            reversed: false,
            style: NumberStyle::Decimal,
        }
    }
}

#[derive(Debug)]
struct OpenList {
    /// How the list counts (`None`: bullets) and the next item's number.
    counting: Option<(Counting, i64)>,
    /// The current item's number (`None`: bullets).
    number: Option<ListNumber>,
    /// The current item has a block already: the next is its continuation.
    item_has_block: bool,
}

impl Lists {
    /// Opens a list: ordered when it counts, else bulleted.
    pub fn open(&mut self, counting: Option<Counting>) {
        self.open.push(OpenList {
            counting: counting.map(|counting| (counting, counting.first)),
            number: None,
            item_has_block: false,
        });
    }

    pub fn close(&mut self) {
        self.open.pop();
    }

    pub fn is_empty(&self) -> bool {
        self.open.is_empty()
    }

    /// A new item of the innermost list begins; `value` is the number it
    /// gives itself (HTML's `<li value>`), from which the next count on.
    pub fn start_item(&mut self, value: Option<i64>) {
        if let Some(list) = self.open.last_mut() {
            list.item_has_block = false;
            if let (Some((_, next)), Some(value)) = (&mut list.counting, value) {
                *next = value;
            }
        }
    }

    /// Appends a block of the innermost list's current item: its first
    /// carries the bullet or the number (drawn before it, not part of its
    /// text), the others continue it.
    pub fn push_item(&mut self, builder: &mut DocumentBuilder, text: &str, spans: Vec<StyledSpan>) {
        let level = self.open.len().clamp(1, 9) as u8;
        let Some(list) = self.open.last_mut() else {
            builder.push_styled(BlockKind::Paragraph, text, spans);
            return;
        };
        let continued = std::mem::replace(&mut list.item_has_block, true);
        if let (Some((counting, next)), false) = (&mut list.counting, continued) {
            let value = (*next).clamp(i64::from(i32::MIN), i64::from(i32::MAX));
            list.number = Some(ListNumber {
                value: i32::try_from(value).unwrap_or_default(),
                style: counting.style,
            });
            *next = next.saturating_add(if counting.reversed { -1 } else { 1 });
        }
        let number = list.number;
        let kind = BlockKind::ListItem {
            level,
            number,
            continued,
        };
        builder.push_styled(kind, text, spans);
    }
}
