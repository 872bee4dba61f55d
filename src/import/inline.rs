//! What the Markdown, HTML and EPUB importers share: text being collected
//! for one block with its inline styles, open lists, and small text helpers.

use unicode_normalization::UnicodeNormalization as _;

use crate::document::{BlockKind, DocumentBuilder, InlineStyle, StyledSpan};

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
    let words = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    let (a, b) = (words(a), words(b));
    !a.is_empty() && a == b
}

/// The lists open around the text being read: bullets or numbers, nested.
#[derive(Debug, Default)]
pub struct Lists {
    /// For each open list, outermost first: the next number (`None`: bullets).
    open: Vec<Option<u64>>,
}

impl Lists {
    /// Opens a list; `first` is the first number of an ordered list.
    pub fn open(&mut self, first: Option<u64>) {
        self.open.push(first);
    }

    pub fn close(&mut self) {
        self.open.pop();
    }

    pub fn is_empty(&self) -> bool {
        self.open.is_empty()
    }

    /// Appends an item of the innermost list; an ordered item's number
    /// becomes part of its text.
    pub fn push_item(&mut self, builder: &mut DocumentBuilder, text: &str, spans: Vec<StyledSpan>) {
        let level = self.open.len().clamp(1, 9) as u8;
        match self.open.last_mut() {
            Some(Some(number)) => {
                let (text, spans) = with_prefix(&format!("{number}. "), text, spans);
                *number += 1;
                builder.push_styled(
                    BlockKind::ListItem {
                        level,
                        ordered: true,
                    },
                    &text,
                    spans,
                );
            }
            _ => builder.push_styled(
                BlockKind::ListItem {
                    level,
                    ordered: false,
                },
                text,
                spans,
            ),
        }
    }
}
