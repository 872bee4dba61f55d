//! Text being collected for one block, with its inline styles: shared by
//! the Markdown, HTML and EPUB importers.

use unicode_normalization::UnicodeNormalization as _;

use crate::document::{InlineStyle, StyledSpan};

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
