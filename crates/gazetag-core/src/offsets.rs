//! Offsets between the original text and its normalized form.
//!
//! This module owns [`Span`] (a half-open byte range), [`OffsetMap`] (for
//! every byte of a normalized text, the original bytes that produced it) and
//! [`CharIndex`] (byte offsets to code point offsets in one forward pass).
//! It is pure arithmetic: it knows nothing of Unicode policy, entities or
//! output formats.

/// A half-open byte range `start..end` into some text.
///
/// Which text a span points into is said by the name of the variable that
/// holds it: `norm_span` for the normalized text, `span` for the original.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash,
)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// Creates a span; `start` must not be greater than `end`.
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span start {start} > end {end}");
        Span { start, end }
    }

    /// The number of bytes the span covers.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// Whether two spans share at least one byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Maps each byte of a normalized text back to the original character that
/// produced it.
///
/// For normalized byte `i`, `starts[i]..ends[i]` is the original byte range
/// of the source character (extended over combining marks that followed it
/// and were dropped). Both vectors are monotone (non-decreasing).
#[derive(Clone, Debug, Default)]
pub struct OffsetMap {
    starts: Vec<u32>,
    ends: Vec<u32>,
}

impl OffsetMap {
    /// Removes every entry, keeping the allocation.
    pub fn clear(&mut self) {
        self.starts.clear();
        self.ends.clear();
    }

    /// The number of normalized bytes mapped.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Whether no byte is mapped.
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// Records `n` normalized bytes produced by original bytes
    /// `orig_start..orig_end`.
    pub(crate) fn push(
        &mut self,
        n: usize,
        orig_start: usize,
        orig_end: usize,
    ) {
        let (s, e) = (to_u32(orig_start), to_u32(orig_end));
        for _ in 0..n {
            self.starts.push(s);
            self.ends.push(e);
        }
    }

    /// Records normalized bytes that are copies of original bytes
    /// `orig_start..orig_end`, one for one.
    pub(crate) fn push_run(&mut self, orig_start: usize, orig_end: usize) {
        let (s, e) = (to_u32(orig_start), to_u32(orig_end));
        self.starts.extend(s..e);
        self.ends.extend(s + 1..e + 1);
    }

    /// Extends the original end of the normalized bytes `from..` to
    /// `orig_end` (a combining mark joined the last character).
    pub(crate) fn extend_end(&mut self, from: usize, orig_end: usize) {
        let e = to_u32(orig_end);
        for end in &mut self.ends[from..] {
            *end = e;
        }
    }

    /// Maps a span of the normalized text to the original text.
    ///
    /// Returns `None` when the span starts or ends inside the output of a
    /// single original character (for example in the middle of `œ`, which
    /// normalizes to `oe`), since no original range corresponds to it, or
    /// when it is empty or out of bounds.
    pub fn to_original(&self, norm_span: Span) -> Option<Span> {
        let Span { start, end } = norm_span;
        if start >= end || end > self.starts.len() {
            return None;
        }
        let begins_char =
            start == 0 || self.starts[start - 1] != self.starts[start];
        let ends_char = end == self.starts.len()
            || self.starts[end] != self.starts[end - 1];
        if !begins_char || !ends_char {
            return None;
        }
        Some(Span::new(
            self.starts[start] as usize,
            self.ends[end - 1] as usize,
        ))
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).expect("documents are limited to 4 GiB by input")
}

/// Converts increasing byte offsets of one text into code point offsets in a
/// single forward pass.
///
/// Offsets must be asked in non-decreasing order; asking for a smaller one
/// restarts the count from the beginning (correct, but slower).
#[derive(Debug)]
pub struct CharIndex<'t> {
    text: &'t str,
    byte: usize,
    chars: usize,
}

impl<'t> CharIndex<'t> {
    /// Starts counting at the beginning of `text`.
    pub fn new(text: &'t str) -> CharIndex<'t> {
        CharIndex { text, byte: 0, chars: 0 }
    }

    /// The code point offset of byte offset `byte`, which must lie on a
    /// character boundary of the text.
    pub fn char_offset(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        let between = &self.text.as_bytes()[self.byte..byte];
        // Every byte that is not a UTF-8 continuation byte starts a char.
        self.chars += between.iter().filter(|&&b| (b as i8) >= -0x40).count();
        self.byte = byte;
        self.chars
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_basics() {
        let s = Span::new(2, 5);
        assert_eq!(s.len(), 3);
        assert!(!s.is_empty());
        assert!(s.overlaps(Span::new(4, 9)));
        assert!(!s.overlaps(Span::new(5, 9)));
        assert!(!s.overlaps(Span::new(0, 2)));
    }

    #[test]
    fn map_rejects_spans_inside_an_expansion() {
        // "œ" (2 bytes) -> "oe" (2 normalized bytes), then "x".
        let mut map = OffsetMap::default();
        map.push(2, 0, 2);
        map.push(1, 2, 3);
        assert_eq!(map.to_original(Span::new(0, 2)), Some(Span::new(0, 2)));
        assert_eq!(map.to_original(Span::new(0, 3)), Some(Span::new(0, 3)));
        assert_eq!(map.to_original(Span::new(0, 1)), None);
        assert_eq!(map.to_original(Span::new(1, 3)), None);
        assert_eq!(map.to_original(Span::new(2, 3)), Some(Span::new(2, 3)));
        assert_eq!(map.to_original(Span::new(2, 4)), None);
        assert_eq!(map.to_original(Span::new(1, 1)), None);
    }

    #[test]
    fn map_extends_over_marks() {
        let mut map = OffsetMap::default();
        map.push(1, 0, 1);
        map.extend_end(0, 3);
        assert_eq!(map.to_original(Span::new(0, 1)), Some(Span::new(0, 3)));
    }

    #[test]
    fn char_index_counts_code_points() {
        let text = "aé’ب😀z";
        let mut idx = CharIndex::new(text);
        let expect: Vec<(usize, usize)> = text
            .char_indices()
            .enumerate()
            .map(|(n, (b, _))| (b, n))
            .collect();
        for &(b, n) in &expect {
            assert_eq!(idx.char_offset(b), n, "byte {b}");
        }
        assert_eq!(idx.char_offset(text.len()), text.chars().count());
        // Going backwards restarts and stays correct.
        assert_eq!(idx.char_offset(1), 1);
    }
}
