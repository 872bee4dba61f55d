//! A text with a char-offset index, for fast slicing by char offsets.

use std::ops::Range;

/// How many chars lie between two checkpoints of the index.
const STRIDE: usize = 64;

/// A `&str` with the byte offset of every 64th char, so char offsets
/// convert to byte offsets in constant time.
#[derive(Clone, Debug)]
pub struct IndexedText<'a> {
    text: &'a str,
    checkpoints: Vec<usize>,
    char_len: usize,
}

impl<'a> IndexedText<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut char_len = 0;
        for (i, (byte, _)) in text.char_indices().enumerate() {
            if i % STRIDE == 0 {
                checkpoints.push(byte);
            }
            char_len = i + 1;
        }
        Self {
            text,
            checkpoints,
            char_len,
        }
    }

    pub fn as_str(&self) -> &'a str {
        self.text
    }

    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// The byte offset of a char offset (clamped to the end).
    pub fn byte_of(&self, char_offset: usize) -> usize {
        if char_offset >= self.char_len {
            return self.text.len();
        }
        let checkpoint = self.checkpoints[char_offset / STRIDE];
        let skip = char_offset % STRIDE;
        self.text[checkpoint..]
            .char_indices()
            .nth(skip)
            .map_or(self.text.len(), |(i, _)| checkpoint + i)
    }

    /// The char offset of a byte offset that lies on a char boundary.
    pub fn char_of(&self, byte_offset: usize) -> usize {
        let block = self.checkpoints.partition_point(|&b| b <= byte_offset) - 1;
        block * STRIDE
            + self.text[self.checkpoints[block]..byte_offset]
                .chars()
                .count()
    }

    /// The text between two char offsets (clamped).
    pub fn slice(&self, chars: Range<usize>) -> &'a str {
        let start = self.byte_of(chars.start.min(self.char_len));
        let end = self.byte_of(chars.end.min(self.char_len)).max(start);
        &self.text[start..end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_between_chars_and_bytes() {
        let text: String = "aé€𝄞".repeat(50);
        let indexed = IndexedText::new(&text);
        assert_eq!(indexed.char_len(), 200);
        for (i, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(indexed.byte_of(i), byte);
            assert_eq!(indexed.char_of(byte), i);
        }
        assert_eq!(indexed.byte_of(200), text.len());
        assert_eq!(indexed.char_of(text.len()), 200);
        assert_eq!(indexed.slice(1..3), "é€");
        assert_eq!(indexed.slice(199..500), "𝄞");
    }

    #[test]
    fn empty_text() {
        let indexed = IndexedText::new("");
        assert_eq!(indexed.char_len(), 0);
        assert_eq!(indexed.slice(0..10), "");
    }
}
