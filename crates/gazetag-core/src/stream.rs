//! Tagging a document given piece by piece.
//!
//! This module owns [`TagStream`], which tags a document as its text
//! arrives, chunk by chunk, holding only the chunks being tagged and the
//! overlap kept for the next ones, and hands out the mentions of each
//! chunk as soon as it is tagged. The mentions are exactly those of
//! [`Tagger::tag_into`] over the whole text.

use crate::mention::Tagged;
use crate::offsets::CharIndex;
use crate::tagger::{Pool, Scratch, Tagger};

/// Where a text starts in its document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Offset {
    /// The UTF-8 byte offset.
    pub bytes: usize,
    /// The code point offset.
    pub chars: usize,
}

/// The mentions of one chunk of a document tagged by a [`TagStream`].
#[derive(Debug)]
pub struct Part<'a> {
    /// A window of the document around the chunk: the mentions' spans
    /// are offsets into it.
    pub text: &'a str,
    /// Where `text` starts in the document.
    pub at: Offset,
    /// The mentions that start in the chunk, in order.
    pub tagged: &'a Tagged,
}

/// Tags one document given piece by piece (see [`Tagger::stream`]).
///
/// ```
/// use gazetag_core::{Loader, Tagger};
///
/// let mut loader = Loader::new();
/// loader.add_str(
///     "mine.csv",
///     "id,type,name,aliases\nalep,PLACE,Aleppo,Alep\n",
/// );
/// let tagger = Tagger::new(loader.finish().unwrap()).unwrap();
/// let mut stream = tagger.stream();
/// let mut starts = Vec::new();
/// let mut collect = |part: gazetag_core::Part<'_>| {
///     for m in &part.tagged.mentions {
///         starts.push(part.at.bytes + m.span.start);
///     }
///     Ok::<(), ()>(())
/// };
/// stream.push("Raids à Al", &mut collect).unwrap();
/// stream.push("ep, hier.", &mut collect).unwrap();
/// stream.finish(&mut collect).unwrap();
/// assert_eq!(starts, [9]);
/// ```
#[derive(Debug)]
pub struct TagStream<'t> {
    tagger: &'t Tagger,
    /// The text held: the document from `at` on.
    text: String,
    at: Offset,
    /// The start of the next chunk to tag, in the document.
    keep_from: usize,
    /// The end of the last mention kept, in the document.
    last_end: usize,
    scratch: Scratch,
    threads: Option<&'t Pool>,
}

impl Tagger {
    /// Starts tagging a document given piece by piece: a huge document
    /// need not be held whole. The mentions are those of
    /// [`Tagger::tag_into`] over the whole text.
    pub fn stream(&self) -> TagStream<'_> {
        TagStream {
            tagger: self,
            text: String::new(),
            at: Offset::default(),
            keep_from: 0,
            last_end: 0,
            scratch: Scratch::default(),
            threads: None,
        }
    }
}

impl<'t> TagStream<'t> {
    /// Tags the chunks on the threads of `pool` (by default, on those of
    /// the pool [`TagStream::push`] is called on); the mentions are still
    /// handed out on the caller's thread.
    pub fn threads(mut self, pool: &'t Pool) -> TagStream<'t> {
        self.threads = Some(pool);
        self
    }

    /// Adds the next piece of the document's text, and hands `emit` the
    /// mentions of the chunks this completes, in order. Text is held
    /// until a group of chunks (a few per thread) can be tagged.
    pub fn push<E>(
        &mut self,
        piece: &str,
        emit: impl FnMut(Part<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        self.text.push_str(piece);
        self.run(false, emit)
    }

    /// Ends the document: tags what is left and hands `emit` its
    /// mentions. A document no larger than one chunk is tagged in one
    /// window, as [`Tagger::tag_into`] does.
    pub fn finish<E>(
        mut self,
        emit: impl FnMut(Part<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        self.run(true, emit)
    }

    /// The bytes of text held (for tests of the memory bound).
    pub fn held(&self) -> usize {
        self.text.len()
    }

    fn run<E>(
        &mut self,
        end: bool,
        mut emit: impl FnMut(Part<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        let tagger = self.tagger;
        if self.at.bytes + self.text.len() <= tagger.chunking().size {
            // Perhaps a small document: wait for its end.
            if end {
                let mut tagged = Tagged::default();
                tagger.tag_into(&self.text, &mut self.scratch, &mut tagged);
                let part =
                    Part { text: &self.text, at: self.at, tagged: &tagged };
                emit(part)?;
            }
            return Ok(());
        }
        let most = tagger.group_len(self.threads);
        loop {
            let base = self.at.bytes;
            let chunks = tagger.next_chunks(
                &self.text,
                base,
                self.keep_from,
                end,
                most,
            );
            if chunks.is_empty() || (!end && chunks.len() < most) {
                return Ok(());
            }
            let mut chars = CharIndex::new(&self.text);
            let at_chars = self.at.chars;
            tagger.tag_chunks(
                &self.text,
                base,
                &chunks,
                self.threads,
                &mut self.scratch,
                &mut self.last_end,
                |window_start, text, part| {
                    tagger.keep_types(part);
                    let at = Offset {
                        bytes: window_start,
                        chars: at_chars
                            + chars.char_offset(window_start - base),
                    };
                    emit(Part { text, at, tagged: part })
                },
            )?;
            self.keep_from = chunks[chunks.len() - 1].1;
            // Keep the text the next windows look back at.
            let mut cut = self.keep_from.saturating_sub(tagger.overlap());
            cut = cut.max(base) - base;
            while !self.text.is_char_boundary(cut) {
                cut -= 1;
            }
            let dropped = CharIndex::new(&self.text).char_offset(cut);
            self.text.drain(..cut);
            self.at.bytes += cut;
            self.at.chars += dropped;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common_words::Langs;
    use crate::gazetteer::load::Loader;
    use crate::mention::Mention;
    use crate::tagger::Chunking;

    const ROWS: &str = "\
id,type,subtype,name,aliases,country,flags
irak,PLACE,country,Iraq,Irak|العراق,IQ,not_common
alep,PLACE,city,Aleppo,Alep|حلب,SY,not_common
dez,PLACE,city,Deir ez-Zor,Deir Ezzor,SY,not_common
is,ACTOR,armed_group,Islamic State,EI|?IS,,
regime,ACTOR,state_force,Syrian government forces,forces du régime|?régime,SY,
";

    fn tagger(size: usize, types: Option<&[crate::EntityType]>) -> Tagger {
        let mut l = Loader::new();
        l.add_str("t.csv", ROWS);
        let mut b = Tagger::builder();
        b.langs(Some(Langs::NONE)).chunking(Chunking { size, overlap: 0 });
        if let Some(t) = types {
            b.types(t);
        }
        b.build(l.finish().unwrap()).unwrap()
    }

    fn text(n: usize) -> String {
        let mut text = String::new();
        for i in 0..n {
            text.push_str(["x ", "ab ", "é’ ", "حلب ", "  "][i % 5]);
            text.push_str(
                ["Deir Ezzor", "l’Irak", "forces du régime", "العراق", "EI"]
                    [i % 5],
            );
            text.push_str([", ", " et ", ". ", "\n", "-"][i % 5]);
        }
        text
    }

    /// `(start, end, char start, entry)` of every mention, in the
    /// document.
    type Spans = Vec<(usize, usize, usize, u32)>;

    fn whole(tagger: &Tagger, text: &str) -> Spans {
        let mut chars = CharIndex::new(text);
        tagger
            .tag(text)
            .iter()
            .map(|m: &Mention| {
                let c = chars.char_offset(m.span.start);
                (m.span.start, m.span.end, c, m.entry.0)
            })
            .collect()
    }

    /// Streams `text` in pieces of `piece` bytes (at char boundaries),
    /// and returns the spans and the most text held at once.
    fn streamed(tagger: &Tagger, text: &str, piece: usize) -> (Spans, usize) {
        let mut got = Vec::new();
        let mut held = 0;
        let mut emit = |part: Part<'_>| {
            let mut chars = CharIndex::new(part.text);
            for m in &part.tagged.mentions {
                let surface = &part.text[m.span.start..m.span.end];
                assert!(!surface.is_empty());
                got.push((
                    part.at.bytes + m.span.start,
                    part.at.bytes + m.span.end,
                    part.at.chars + chars.char_offset(m.span.start),
                    m.entry.0,
                ));
            }
            Ok::<(), ()>(())
        };
        let mut stream = tagger.stream();
        let mut from = 0;
        while from < text.len() {
            let mut to = (from + piece).min(text.len());
            while !text.is_char_boundary(to) {
                to += 1;
            }
            stream.push(&text[from..to], &mut emit).unwrap();
            held = held.max(stream.held());
            from = to;
        }
        stream.finish(&mut emit).unwrap();
        (got, held)
    }

    #[test]
    fn streamed_mentions_equal_one_pass() {
        let text = text(400);
        for size in [97, 1000, 1 << 20] {
            let t = tagger(size, None);
            let want = whole(&t, &text);
            assert!(want.len() > 400, "{}", want.len());
            for piece in [1, 7, 50, 333, 4096, text.len()] {
                let (got, _) = streamed(&t, &text, piece);
                assert_eq!(got, want, "chunk {size}, piece {piece}");
            }
        }
        let t = tagger(97, None);
        assert_eq!(streamed(&t, "", 10).0, whole(&t, ""));
        let actors = [crate::EntityType::Actor];
        let t = tagger(97, Some(&actors));
        assert_eq!(streamed(&t, &text, 100).0, whole(&t, &text));
    }

    #[test]
    fn a_stream_holds_a_bounded_text() {
        let text = text(20_000);
        let t = tagger(1000, None);
        let (_, held) = streamed(&t, &text, 500);
        // A group of chunks, the overlap behind, and one piece.
        let bound = t.group_len(None) * 1003 + 2 * t.overlap() + 600;
        assert!(text.len() > 20 * bound, "{}", text.len());
        assert!(held <= bound, "{held} > {bound}");
    }
}
