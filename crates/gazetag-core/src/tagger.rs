//! The library facade: text in, mentions out.
//!
//! This module owns [`Tagger`] and [`TaggerBuilder`], which tie the
//! normalizer, the matcher and the resolver together over one
//! [`Gazetteer`]. It knows nothing of files, encodings or output formats.

use crate::area::{self, Area, Outside};
use crate::common_words::Langs;
use crate::disambiguate;
use crate::gazetteer::{EntityType, EntryId, Gazetteer};
use crate::index::{self, IndexError};
use crate::lookup::{self, Lookup};
use crate::matcher::{BuildError, Candidate, Matcher, SearchSpace};
use crate::mention::{Mention, Resolution, Tagged, NO_PATTERN};
use crate::normalize::{normalize_into, Case, Normalized};
use crate::resolve::{self, DocInfo, Resolver};
use crate::translit::{key_into, Keyed};

/// Finds gazetteer entries in text.
///
/// ```
/// use gazetag_core::{Loader, Tagger};
///
/// let mut loader = Loader::new();
/// loader.add_str(
///     "mine.csv",
///     "id,type,subtype,name,aliases,country,population\n\
///      mayadin,PLACE,city,Mayadin,Mayadine|الميادين,SY,100000\n\
///      is,ACTOR,armed_group,Islamic State,EI|ISIS,,\n",
/// );
/// let tagger = Tagger::new(loader.finish().unwrap()).unwrap();
/// let text = "Les forces ont repris Mayadine à l’EI.";
/// let mentions = tagger.tag(text);
/// let surfaces: Vec<&str> =
///     mentions.iter().map(|m| &text[m.span.start..m.span.end]).collect();
/// assert_eq!(surfaces, ["Mayadine", "EI"]);
/// ```
#[derive(Debug)]
pub struct Tagger {
    gazetteer: Gazetteer,
    matcher: Matcher,
    types: Option<Vec<EntityType>>,
    langs: Option<Langs>,
    chunk: Chunking,
    translit: bool,
    shapes: bool,
    /// The area of interest and what becomes of places outside it.
    area: Option<(Area, Outside)>,
    /// The country codes of the gazetteer's countries and their names in
    /// lower case, sorted.
    countries: Vec<String>,
}

/// Builds a [`Tagger`] with options.
#[derive(Clone, Debug, Default)]
pub struct TaggerBuilder {
    types: Option<Vec<EntityType>>,
    translit: bool,
    shapes: bool,
    langs: Option<Langs>,
    chunk: Chunking,
    area: Option<(Area, Outside)>,
}

/// How huge documents are cut into windows (see [`Tagger::tag_into`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chunking {
    /// Documents larger than this many bytes are tagged chunk by chunk.
    pub size: usize,
    /// Bytes of text looked at on each side of a chunk (at least four
    /// times the longest pattern).
    pub overlap: usize,
}

impl Default for Chunking {
    fn default() -> Chunking {
        Chunking { size: 1 << 20, overlap: 16 << 10 }
    }
}

/// A pool of threads to tag the chunks of a huge document on.
#[cfg(feature = "parallel")]
pub type Pool = rayon::ThreadPool;

/// No threads without the `parallel` feature.
#[cfg(not(feature = "parallel"))]
#[derive(Debug)]
pub enum Pool {}

/// The first char boundary at or after `i` (or the end).
fn ceil_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The last char boundary at or before `i`.
fn floor_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl TaggerBuilder {
    /// Keeps only mentions of these types (all types when never called).
    pub fn types(&mut self, types: &[EntityType]) -> &mut TaggerBuilder {
        self.types = Some(types.to_vec());
        self
    }

    /// Keeps places in `area`: the candidates of an ambiguous place
    /// are narrowed to those in the area before disambiguation (`Tripoli`
    /// is Lebanon's for `LB`), and places outside it are left out of the
    /// mentions, or kept with [`Outside::Keep`] (see [`Area::contains`]).
    /// Organisations, armed actors and persons are never left out.
    pub fn area(
        &mut self,
        area: Area,
        outside: Outside,
    ) -> &mut TaggerBuilder {
        self.area = Some((area, outside));
        self
    }

    /// Matches romanized Arabic names through transliteration keys
    /// (`Boukamal` for `Albu Kamal`); off by default.
    pub fn translit(&mut self, yes: bool) -> &mut TaggerBuilder {
        self.translit = yes;
        self
    }

    /// Treats every document as written in `langs` for the common-word
    /// rule, instead of detecting its language.
    pub fn langs(&mut self, langs: Option<Langs>) -> &mut TaggerBuilder {
        self.langs = langs;
        self
    }

    /// A tagger from an index that is part of the program itself (the
    /// gazetteers compiled into a binary at build time): its tables are
    /// validated, but neither its checksum nor its automaton is checked
    /// again at every start.
    ///
    /// # Safety
    ///
    /// `bytes` must be an index written by [`crate::compile_index`] of
    /// this very version of the crate (an index from elsewhere may make
    /// the search read out of bounds); use [`TaggerBuilder::build_from_index`]
    /// for any other.
    pub unsafe fn build_from_builtin_index(
        &self,
        bytes: &[u8],
    ) -> Result<Tagger, IndexError> {
        // SAFETY: the caller vouches for the bytes.
        let (g, m) = unsafe { index::read_embedded(bytes)? };
        Ok(self.assemble(g, m))
    }

    /// A tagger from a compiled index (see [`crate::compile_index`]); `sources`,
    /// when given, must match the fingerprint of the sources it was built
    /// from.
    pub fn build_from_index(
        &self,
        bytes: &[u8],
        sources: Option<u64>,
    ) -> Result<Tagger, IndexError> {
        let (g, m) = index::read(bytes, sources)?;
        Ok(self.assemble(g, m))
    }

    fn assemble(&self, gazetteer: Gazetteer, matcher: Matcher) -> Tagger {
        Tagger {
            gazetteer,
            matcher,
            types: self.types.clone(),
            langs: self.langs,
            chunk: self.chunk,
            translit: self.translit,
            shapes: self.shapes,
            area: self.area.clone(),
            countries: Vec::new(),
        }
        .with_countries()
    }

    /// Also finds the names no gazetteer lists by their shape (`Colonel
    /// [Sean Brennan]`, `[Ministry of Displacement and Migration]`, `the
    /// village of [Kansafra]`), and short forms of the names named in full
    /// (a surname alone, an acronym defined in the text); off by default.
    /// Their entities are in [`Tagged::found`].
    pub fn shapes(&mut self, yes: bool) -> &mut TaggerBuilder {
        self.shapes = yes;
        self
    }

    /// Sets how documents larger than `chunking.size` bytes are cut.
    pub fn chunking(&mut self, chunking: Chunking) -> &mut TaggerBuilder {
        self.chunk = chunking;
        self
    }

    /// Builds the automaton over `gazetteer`.
    pub fn build(&self, gazetteer: Gazetteer) -> Result<Tagger, BuildError> {
        // Keys are always searched: with transliteration off, a match
        // must still equal an alias once normalized, so the same automaton
        // serves both settings.
        let matcher = Matcher::with_space(&gazetteer, SearchSpace::Translit)?;
        Ok(self.assemble(gazetteer, matcher))
    }
}

/// Buffers reused from one document to the next.
#[derive(Debug, Default)]
pub struct Scratch {
    norm: Normalized,
    keyed: Keyed,
    candidates: Vec<Candidate>,
    resolve: ResolveBuffers,
    /// The scratches of the chunks tagged at once, kept from one huge
    /// document to the next so that memory is allocated once.
    chunks: ScratchPool,
}

/// The resolver's buffers and its output.
#[derive(Debug, Default)]
struct ResolveBuffers {
    scratch: resolve::Scratch,
    resolution: Resolution,
}

/// Scratches shared by the tasks of a parallel run: each task takes one
/// (or a new one) and gives it back, so there are never more than there
/// are busy threads, and their buffers grow once.
#[derive(Debug, Default)]
pub struct ScratchPool(std::sync::Mutex<Vec<Scratch>>);

impl ScratchPool {
    /// Runs `f` with a scratch of the pool.
    pub fn with<R>(&self, f: impl FnOnce(&mut Scratch) -> R) -> R {
        let mut scratch = self.lock().pop().unwrap_or_default();
        let r = f(&mut scratch);
        self.lock().push(scratch);
        r
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Scratch>> {
        // A task that panicked left its scratch out, not half-pushed.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Tagger {
    /// Records the country codes of the gazetteer's countries, and their
    /// names in lower case.
    fn with_countries(mut self) -> Tagger {
        let mut countries: Vec<String> = self
            .gazetteer
            .iter()
            .filter(|(_, e)| e.subtype.is_country() && !e.country.is_empty())
            .flat_map(|(_, e)| [e.country.clone(), e.name.to_lowercase()])
            .collect();
        countries.sort();
        countries.dedup();
        self.countries = countries;
        self
    }

    /// A tagger over `gazetteer` with default options.
    pub fn new(gazetteer: Gazetteer) -> Result<Tagger, BuildError> {
        TaggerBuilder::default().build(gazetteer)
    }

    /// A builder for a tagger with options.
    pub fn builder() -> TaggerBuilder {
        TaggerBuilder::default()
    }

    /// The gazetteer this tagger searches for.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The area of interest, if one was set (see [`TaggerBuilder::area`]).
    pub fn area(&self) -> Option<&Area> {
        self.area.as_ref().map(|(a, _)| a)
    }

    /// The entries that `name` would match, as the tagger matches a
    /// surface (folded, or through its transliteration key for entries
    /// whose names are Arabic in origin), with the alias that matched.
    /// The rules that need the document (context, case at the start of a
    /// sentence, common words) are not applied.
    pub fn lookup(&self, name: &str) -> Lookup {
        lookup::lookup(&self.matcher, name)
    }

    /// The aliases of each of `entries` as the matcher holds them (the
    /// entries of a compiled index have theirs there only).
    pub fn aliases_of(&self, entries: &[EntryId]) -> Vec<Vec<String>> {
        lookup::aliases_of(&self.matcher, entries)
    }

    /// Every mention in `text`, sorted by position, never overlapping.
    pub fn tag(&self, text: &str) -> Vec<Mention> {
        let mut out = Tagged::default();
        self.tag_into(text, &mut Scratch::default(), &mut out);
        out.mentions
    }

    /// Tags `text` into `out` (cleared first), reusing `scratch`.
    pub fn tag_into(
        &self,
        text: &str,
        scratch: &mut Scratch,
        out: &mut Tagged,
    ) {
        out.mentions.clear();
        out.choices.clear();
        out.found.clear();
        if text.len() <= self.chunk.size {
            self.tag_window(text, scratch, out);
        } else {
            self.tag_chunked(text, scratch, out);
        }
        self.keep_types(out);
    }

    /// Tags one window of text (a whole document, or one chunk of a huge
    /// one).
    fn tag_window(&self, text: &str, scratch: &mut Scratch, out: &mut Tagged) {
        normalize_into(text, Case::Fold, &mut scratch.norm);
        scratch.candidates.clear();
        let keyed = match self.matcher.space() {
            SearchSpace::Folded => {
                self.matcher
                    .candidates(&scratch.norm.text, &mut scratch.candidates);
                None
            }
            SearchSpace::Translit => {
                key_into(&scratch.norm.text, &mut scratch.keyed);
                self.matcher
                    .candidates(&scratch.keyed.text, &mut scratch.candidates);
                Some(&scratch.keyed)
            }
        };
        self.resolve_into(
            text,
            &scratch.norm,
            keyed,
            &scratch.candidates,
            &mut scratch.resolve,
            out,
        );
    }

    /// The resolver's stages, then disambiguation, over the candidates of
    /// a text already normalized (`norm`), keyed and searched; appends to
    /// `out`.
    fn resolve_into(
        &self,
        text: &str,
        norm: &Normalized,
        keyed: Option<&Keyed>,
        candidates: &[Candidate],
        buffers: &mut ResolveBuffers,
        out: &mut Tagged,
    ) {
        let resolver = Resolver::new(
            &self.matcher,
            &self.gazetteer,
            DocInfo {
                langs: self.langs,
                translit: self.translit,
                shapes: self.shapes,
            },
            text,
            norm,
            keyed,
        )
        .with_countries(&self.countries);
        buffers.resolution.clear();
        resolver.run(
            candidates,
            &mut buffers.scratch,
            &mut buffers.resolution,
        );
        // The entities found by shape follow those of `out`.
        let base = out.found.len() as u32;
        let glen = self.gazetteer.len();
        for f in &mut buffers.resolution.found {
            if f.entry.index() >= glen {
                f.entry.0 += base;
            }
        }
        out.found.append(&mut buffers.resolution.entries);
        if let Some((area, _)) = &self.area {
            area::restrict(&self.gazetteer, area, &mut buffers.resolution);
        }
        disambiguate::choose(
            &self.gazetteer,
            &buffers.resolution,
            &mut out.mentions,
            &mut out.choices,
        );
    }

    /// Benchmark hook: [`Tagger::tag_into`] from the candidates of a text
    /// already normalized, keyed and searched (`internals`), so that the
    /// resolver is timed alone.
    #[doc(hidden)]
    pub fn resolve_candidates(
        &self,
        text: &str,
        norm: &Normalized,
        keyed: Option<&Keyed>,
        candidates: &[Candidate],
        scratch: &mut Scratch,
        out: &mut Tagged,
    ) {
        out.mentions.clear();
        out.choices.clear();
        self.resolve_into(
            text,
            norm,
            keyed,
            candidates,
            &mut scratch.resolve,
            out,
        );
    }

    /// Tags a text larger than one chunk, window by window (in parallel on
    /// rayon's threads with the `parallel` feature), so that the working
    /// memory is bounded by the chunk size times the threads, not the
    /// document's size (a [`crate::TagStream`] also bounds the text held).
    ///
    /// Each chunk `[keep_from, keep_to)` is tagged inside a window that
    /// reaches `overlap` bytes further on both sides, and only the mentions
    /// that start inside the chunk (and after the last kept mention) are
    /// kept. The overlap is larger than any name, so a name that straddles
    /// a chunk border is found whole, exactly once, and the boundary and
    /// overlap rules see the same neighbours as in one pass. Context rules
    /// (`?` aliases, small places, disambiguation) see the window only.
    fn tag_chunked(
        &self,
        text: &str,
        scratch: &mut Scratch,
        out: &mut Tagged,
    ) {
        let chunks = self.next_chunks(text, 0, 0, true, usize::MAX);
        let glen = self.gazetteer.len() as u32;
        let mut last_end = 0;
        let appended: Result<(), std::convert::Infallible> = self.tag_chunks(
            text,
            0,
            &chunks,
            None,
            scratch,
            &mut last_end,
            |window_start, _, part| {
                let found = out.found.len() as u32;
                let choices = out.choices.len() as u32;
                out.mentions.extend(part.mentions.iter().map(|m| {
                    let mut m = *m;
                    m.span.start += window_start;
                    m.span.end += window_start;
                    m.choices.0 += choices;
                    m.choices.1 += choices;
                    if m.entry.0 >= glen {
                        m.entry.0 += found;
                    }
                    m
                }));
                out.choices.extend_from_slice(&part.choices);
                out.found.append(&mut part.found);
                Ok(())
            },
        );
        match appended {
            Ok(()) => {}
            Err(never) => match never {},
        }
    }

    /// The overlap of the windows: the one asked for, and at least four
    /// times the longest pattern.
    pub(crate) fn overlap(&self) -> usize {
        self.chunk.overlap.max(4 * self.matcher.longest_pattern() + 64)
    }

    /// The chunking options.
    pub(crate) fn chunking(&self) -> Chunking {
        self.chunk
    }

    /// How many chunks are tagged at once: a few per thread of `pool` (or
    /// of the current pool) so that a slow chunk seldom leaves a thread
    /// idle, one without threads.
    pub(crate) fn group_len(&self, pool: Option<&Pool>) -> usize {
        #[cfg(feature = "parallel")]
        let threads = pool
            .map_or_else(rayon::current_num_threads, |p| {
                p.current_num_threads()
            })
            .max(1);
        #[cfg(not(feature = "parallel"))]
        let threads = match pool {
            None => 1,
            Some(never) => match *never {},
        };
        if threads == 1 {
            1
        } else {
            4 * threads
        }
    }

    /// At most `most` chunks `[keep_from, keep_to)`, in document offsets,
    /// from `keep_from` on, of a document of which `text` holds the bytes
    /// from `base` on (up to the document's end when `end` is set).
    /// Without the end, a chunk is cut only when its whole window is in
    /// `text`, so that it is cut as it would be in the whole document.
    pub(crate) fn next_chunks(
        &self,
        text: &str,
        base: usize,
        mut keep_from: usize,
        end: bool,
        most: usize,
    ) -> Vec<(usize, usize)> {
        let size = self.chunk.size;
        // Char boundaries are at most 3 bytes away.
        let margin = size + self.overlap() + 8;
        let limit = base + text.len();
        let mut chunks = Vec::new();
        while chunks.len() < most && keep_from < limit {
            if !end && keep_from + margin > limit {
                break;
            }
            let keep_to = base + ceil_char(text, keep_from - base + size);
            chunks.push((keep_from, keep_to));
            keep_from = keep_to;
        }
        chunks
    }

    /// Tags `chunks` (document offsets, as [`Tagger::next_chunks`] cuts
    /// them) of a document of which `text` holds the bytes from `base` on,
    /// each in its window, a group of chunks at a time in parallel, and
    /// hands `emit`, in order, each window's start in the document, its
    /// text, and the mentions that start in its chunk after `last_end`
    /// (updated), with offsets in the window. The types filter is not
    /// applied. The windows are tagged on the threads of `threads` (or of
    /// the current pool); `emit` runs on the caller's thread.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn tag_chunks<E>(
        &self,
        text: &str,
        base: usize,
        chunks: &[(usize, usize)],
        threads: Option<&Pool>,
        scratch: &mut Scratch,
        last_end: &mut usize,
        mut emit: impl FnMut(usize, &str, &mut Tagged) -> Result<(), E>,
    ) -> Result<(), E> {
        let overlap = self.overlap();
        let group_len = self.group_len(threads);
        // One scratch per busy thread, from a pool kept across documents.
        let pool = std::mem::take(&mut scratch.chunks);
        let glen = self.gazetteer.len();
        let mut part = Tagged::default();
        let mut result = Ok(());
        'groups: for group in chunks.chunks(group_len) {
            let tag =
                |scratch: &mut Scratch,
                 &(keep_from, keep_to): &(usize, usize)| {
                    let window_start = floor_char(
                        text,
                        keep_from.saturating_sub(overlap).max(base) - base,
                    );
                    let window_end = ceil_char(text, keep_to - base + overlap);
                    let mut window = Tagged::default();
                    self.tag_window(
                        &text[window_start..window_end],
                        scratch,
                        &mut window,
                    );
                    (keep_from, keep_to, window_start, window_end, window)
                };
            let tagged: Vec<_> = if group_len == 1 {
                group.iter().map(|c| tag(scratch, c)).collect()
            } else {
                #[cfg(feature = "parallel")]
                {
                    use rayon::prelude::*;
                    let run = || {
                        group
                            .par_iter()
                            .map(|c| pool.with(|s| tag(s, c)))
                            .collect()
                    };
                    match threads {
                        Some(p) => p.install(run),
                        None => run(),
                    }
                }
                #[cfg(not(feature = "parallel"))]
                unreachable!("one thread without the parallel feature")
            };
            for (keep_from, keep_to, window_start, window_end, window) in
                tagged
            {
                part.mentions.clear();
                part.choices.clear();
                part.found.clear();
                let at = base + window_start;
                let mut copied = std::collections::HashMap::new();
                for m in &window.mentions {
                    let start = m.span.start + at;
                    if start < keep_from
                        || start >= keep_to
                        || start < *last_end
                    {
                        continue;
                    }
                    let mut m = *m;
                    let (a, b) = m.choices;
                    let from = part.choices.len() as u32;
                    part.choices.extend_from_slice(
                        &window.choices[a as usize..b as usize],
                    );
                    m.choices = (from, part.choices.len() as u32);
                    if let Some(i) = m.entry.index().checked_sub(glen) {
                        // An entity found by shape: one copy per window.
                        let id = *copied.entry(i).or_insert_with(|| {
                            part.found.push(window.found[i].clone());
                            EntryId((glen + part.found.len() - 1) as u32)
                        });
                        m.entry = id;
                    }
                    *last_end = m.span.end + at;
                    part.mentions.push(m);
                }
                drop(window);
                let window_text = &text[window_start..window_end];
                if let Err(e) = emit(at, window_text, &mut part) {
                    result = Err(e);
                    break 'groups;
                }
            }
        }
        scratch.chunks = pool;
        result
    }

    /// Drops the mentions whose type was not asked for, and the places
    /// outside the area unless they are kept ([`Outside::Keep`]).
    pub(crate) fn keep_types(&self, out: &mut Tagged) {
        if let Some((area, Outside::Drop)) = &self.area {
            let g = &self.gazetteer;
            let Tagged { mentions, found, .. } = out;
            mentions.retain(|m| match m.entry.index().checked_sub(g.len()) {
                None => area.contains(g.entry(m.entry)),
                Some(i) => area.contains(&found[i]),
            });
        }
        if let Some(types) = &self.types {
            let g = &self.gazetteer;
            let Tagged { mentions, found, .. } = out;
            mentions.retain(|m| {
                let kind = match m.entry.index().checked_sub(g.len()) {
                    None => g.entry(m.entry).kind,
                    Some(i) => found[i].kind,
                };
                types.contains(&kind)
            });
        }
    }

    /// Every entry the surface of `mention` may name, in gazetteer order
    /// (the chosen one included), for disambiguation downstream.
    pub fn alternatives(
        &self,
        mention: &Mention,
    ) -> impl Iterator<Item = EntryId> + '_ {
        let mut entries: Vec<EntryId> = if mention.pattern == NO_PATTERN {
            vec![mention.entry]
        } else {
            self.matcher
                .targets(mention.pattern)
                .iter()
                .map(|t| t.entry)
                .collect()
        };
        entries.sort_unstable();
        entries.dedup();
        entries.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::load::Loader;

    /// Entity rows shared by the tables. Places are `not_common`: the
    /// context rules of common words and small places have their own test.
    const ROWS: &str = "\
id,type,subtype,name,aliases,country,priority,population,flags
irak,PLACE,country,Iraq,Irak|العراق,IQ,,,not_common
alep,PLACE,city,Aleppo,Alep|حلب,SY,,2000000,not_common
raqqa,PLACE,city,Raqqa,الرقة|Raqqa Province,SY,,,not_common
deir,PLACE,city,Deir,,SY,,,not_common
dez,PLACE,city,Deir ez-Zor,Deir Ezzor,SY,,,not_common
mosul,PLACE,city,Mosul,Mossoul|الموصل,IQ,,1500000,not_common
nice,PLACE,city,Nice,,FR,,,not_common
syria,PLACE,country,Syria,Syrien|Syrie,SY,,,not_common
is,ACTOR,armed_group,Islamic State,EI|?IS,,,,
regime,ACTOR,state_force,Syrian government forces,forces du régime|?régime,SY,,,
osdh,ORG,ngo,Syrian Observatory for Human Rights,OSDH,SY,,,
tripoli-lb,PLACE,city,Tripoli,,LB,,,not_common
tripoli-ly,PLACE,city,Tripoli,,LY,1,,not_common
";

    fn tag(text: &str) -> Vec<(String, usize, usize)> {
        let off = tag_with(text, false);
        // Transliteration keys must never lose a folded match.
        assert_eq!(tag_with(text, true), off, "translit on vs off: {text:?}");
        off
    }

    fn tag_with(text: &str, translit: bool) -> Vec<(String, usize, usize)> {
        let mut l = Loader::new();
        l.add_str("t.csv", ROWS);
        // The tables test one rule at a time: the common-word rule, which
        // depends on the language, has its own test.
        let tagger = Tagger::builder()
            .translit(translit)
            .langs(Some(Langs::NONE))
            .build(l.finish().unwrap())
            .unwrap();
        tagger
            .tag(text)
            .iter()
            .map(|m| {
                (
                    tagger.gazetteer().entry(m.entry).id.clone(),
                    m.span.start,
                    m.span.end,
                )
            })
            .collect()
    }

    type Case =
        (&'static str, &'static str, &'static [(&'static str, &'static str)]);

    /// `(name, text, [(id, surface)])`: surfaces are located in the text
    /// in order, so the table states exact offsets without numbers.
    fn check(table: &[Case]) {
        for &(name, text, want) in table {
            let got = tag(text);
            let mut expect = Vec::new();
            let mut from = 0;
            for &(id, surface) in want {
                let at = from
                    + text[from..].find(surface).expect("surface in text");
                expect.push((id.to_string(), at, at + surface.len()));
                from = at + surface.len();
            }
            assert_eq!(got, expect, "case {name}: {text:?}");
        }
    }

    #[test]
    fn basics() {
        check(&[
            ("one", "en Irak.", &[("irak", "Irak")]),
            ("inside a word", "Irakien", &[]),
            (
                "two",
                "Alep et Mossoul",
                &[("alep", "Alep"), ("mosul", "Mossoul")],
            ),
            ("case folded", "ALEP", &[("alep", "ALEP")]),
            ("diacritics", "Mossoûl", &[("mosul", "Mossoûl")]),
            ("empty", "", &[]),
        ]);
    }

    #[test]
    fn elision() {
        check(&[
            ("l'", "l’Irak", &[("irak", "Irak")]),
            ("d'", "d'Alep", &[("alep", "Alep")]),
            ("qu'", "qu’Alep", &[("alep", "Alep")]),
            (
                "jusqu'",
                "jusqu'à Raqqa Province",
                &[("raqqa", "Raqqa Province")],
            ),
            ("acronym", "l’EI", &[("is", "EI")]),
            ("not an elision", "xyz'Alep", &[]),
        ]);
    }

    #[test]
    fn arabic() {
        check(&[
            ("plain", "في حلب", &[("alep", "حلب")]),
            ("wa", "والرقة", &[("raqqa", "الرقة")]),
            ("bi", "بالموصل", &[("mosul", "الموصل")]),
            ("wa-bi", "وبحلب", &[("alep", "حلب")]),
            ("harakat", "حَلَب", &[("alep", "حَلَب")]),
            ("tatweel", "حـلـب", &[("alep", "حـلـب")]),
            ("ta marbuta as ha", "الرقه", &[("raqqa", "الرقه")]),
            ("glued to a word", "مالرقة", &[]),
        ]);
    }

    #[test]
    fn overlaps() {
        check(&[
            ("longest", "Deir Ezzor", &[("dez", "Deir Ezzor")]),
            ("shorter alone", "Deir", &[("deir", "Deir")]),
            (
                "phrase over word",
                "les forces du régime en Syrie",
                &[("regime", "forces du régime"), ("syria", "Syrie")],
            ),
            (
                "failed longer keeps shorter",
                "Raqqa Provinces",
                &[("raqqa", "Raqqa")],
            ),
            ("hyphen as space", "Deir-Ezzor", &[("dez", "Deir-Ezzor")]),
        ]);
    }

    #[test]
    fn case_rules() {
        check(&[
            ("acronym exact", "selon l'OSDH", &[("osdh", "OSDH")]),
            ("acronym lower", "osdh", &[]),
            ("acronym in word", "REIMS", &[]),
            ("capitalized name", "à Nice", &[("nice", "Nice")]),
            ("common word", "a nice day", &[]),
            ("adjective", "l'est syrien", &[]),
        ]);
    }

    #[test]
    fn context() {
        check(&[
            ("régime alone", "le régime a gagné", &[]),
            (
                "régime in Syria",
                "le régime a repris Alep",
                &[("regime", "régime"), ("alep", "Alep")],
            ),
            ("IS needs context", "THIS IS IT", &[]),
            ("IS with its entity", "EI or IS", &[("is", "EI"), ("is", "IS")]),
        ]);
    }

    #[test]
    fn ambiguity_uses_priority() {
        check(&[("tripoli", "à Tripoli", &[("tripoli-ly", "Tripoli")])]);
        let mut l = Loader::new();
        l.add_str("t.csv", ROWS);
        let tagger = Tagger::new(l.finish().unwrap()).unwrap();
        let m = tagger.tag("à Tripoli")[0];
        assert_eq!(m.candidates, 2);
        assert_eq!(tagger.alternatives(&m).count(), 2);
    }

    #[test]
    fn types_filter() {
        let mut l = Loader::new();
        l.add_str("t.csv", ROWS);
        let tagger = Tagger::builder()
            .types(&[EntityType::Actor])
            .build(l.finish().unwrap())
            .unwrap();
        let got: Vec<_> =
            tagger.tag("l'EI à Alep").iter().map(|m| m.span.start).collect();
        assert_eq!(got, [2]);
    }

    /// The acceptance table of the transliteration keys: a gazetteer with
    /// only the GeoNames spellings, and the press spellings.
    #[test]
    fn translit_resolves_press_spellings() {
        let rows = "\
id,type,name,flags
g:abukamal,PLACE,Ālbū Kamāl,arabic
g:deir,PLACE,Deir ez-Zor,arabic
g:hawija,PLACE,Al Ḩawījah,arabic
g:mayadin,PLACE,Al Mayādīn,arabic
g:raqqa,PLACE,Ar Raqqah,arabic
g:paris,PLACE,Paris,
";
        let mut l = Loader::new();
        l.add_str("t.csv", rows);
        let g = l.finish().unwrap();
        let on = Tagger::builder().translit(true).build(g.clone()).unwrap();
        let off = Tagger::builder().translit(false).build(g).unwrap();
        let probes: &[(&str, &str)] = &[
            ("Boukamal", "g:abukamal"),
            ("Albukamal", "g:abukamal"),
            ("Abou Kamal", "g:abukamal"),
            ("Abu Kamal", "g:abukamal"),
            ("Deir Ezzor", "g:deir"),
            ("Dayr az-Zawr", "g:deir"),
            ("Deir el-Zor", "g:deir"),
            ("Hawija", "g:hawija"),
            ("Hawijah", "g:hawija"),
            ("Mayadeen", "g:mayadin"),
            ("Mayadine", "g:mayadin"),
            ("Raqa", "g:raqqa"),
            ("Rakka", "g:raqqa"),
            ("Raqqa", "g:raqqa"),
        ];
        for &(probe, id) in probes {
            let text = format!("Des frappes sur {probe}, hier.");
            let ms = on.tag(&text);
            assert_eq!(ms.len(), 1, "{probe}: {ms:?}");
            let m = ms[0];
            assert_eq!(&text[m.span.start..m.span.end], probe);
            assert_eq!(on.gazetteer().entry(m.entry).id, id, "{probe}");
            assert_eq!(m.rule, crate::mention::MatchRule::Translit, "{probe}");
            assert!(off.tag(&text).is_empty(), "{probe} without translit");
        }
        // A key match needs a capital and an Arabic-origin entry.
        assert!(on.tag("une rakka").is_empty());
        assert!(on.tag("Pariss").is_empty());
        // Folded and exact matches keep their rule.
        let m = on.tag("Deir ez Zor")[0];
        assert_eq!(m.rule, crate::mention::MatchRule::Folded);
        let m = on.tag("Deir ez-Zor")[0];
        assert_eq!(m.rule, crate::mention::MatchRule::Exact);
        // An article before the name is part of the span.
        let text = "à al-Mayadine";
        let m = on.tag(text)[0];
        assert_eq!(&text[m.span.start..m.span.end], "al-Mayadine");
    }

    #[test]
    fn common_words_need_capitals_and_context() {
        let rows = "\
id,type,subtype,name,aliases,country,population
nice,PLACE,city,Nice,,FR,340000
homs,PLACE,city,Homs,حمص,SY,775000
france,PLACE,country,France,,FR,67000000
";
        let mut l = Loader::new();
        l.add_str("t.csv", rows);
        let tagger = Tagger::new(l.finish().unwrap()).unwrap();
        let ids = |text: &str| -> Vec<(String, String)> {
            tagger
                .tag(text)
                .iter()
                .map(|m| {
                    let id = tagger.gazetteer().entry(m.entry).id.clone();
                    (id, text[m.span.start..m.span.end].to_string())
                })
                .collect()
        };
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        let en = "It was a really nice day, and we had a lot of fun together";
        assert!(ids(en).is_empty(), "lower-case common word");
        let initial =
            "Nice weather is what everybody wants this time of the year";
        assert!(ids(initial).is_empty(), "sentence-initial common word alone");
        let mid =
            "We flew to the south of the country and landed in Nice yesterday";
        assert_eq!(ids(mid), [pair("nice", "Nice")]);
        let with_context =
            "Nice is lovely. We spent the whole summer in the south of France.";
        assert_eq!(
            ids(with_context),
            [pair("nice", "Nice"), pair("france", "France")]
        );
        let recipe =
            "اخلط الحمص مع الطحينة والليمون ثم أضف زيت الزيتون والملح";
        let recipe2 = "اطبخ حمص مع الطحينة والليمون ثم أضف زيت الزيتون والملح";
        assert!(ids(recipe).is_empty() && ids(recipe2).is_empty(), "hummus");
        let city = "قصفت الطائرات مواقع في حمص صباح اليوم حسب المرصد";
        assert_eq!(ids(city), [pair("homs", "حمص")]);
    }

    /// Names that wordfreq counts as frequent words (`versailles`) are no
    /// ordinary words: tagged at the start of a sentence too. Real French
    /// words (`calais` of `caler`, `lourdes`) keep the common-word rule,
    /// and a frequent name is no spelling of an Arabic name.
    #[test]
    fn frequent_names_are_no_common_words() {
        let rows = "\
id,type,subtype,name,aliases,country,population,flags
versailles,PLACE,city,Versailles,,FR,85416,
calais,PLACE,city,Calais,,FR,74433,
lourdes,PLACE,city,Lourdes,,FR,15786,
biarritz,PLACE,city,Biarritz,,FR,33188,
colmar,PLACE,city,Colmar,,FR,65405,
dunkirk,PLACE,city,Dunkirk,Dunkerque,FR,86263,
bayonne,PLACE,city,Bayonne,,FR,44396,
chamonix,PLACE,town,Chamonix-Mont-Blanc,Chamonix,FR,10614,
malibu,PLACE,city,Malibu,,US,12965,
bayan,PLACE,city,Bayān,,KW,30000,arabic
";
        let mut l = Loader::new();
        l.add_str("t.csv", rows);
        let tagger = Tagger::new(l.finish().unwrap()).unwrap();
        let ids = |text: &str| -> Vec<(String, String)> {
            tagger
                .tag(text)
                .iter()
                .map(|m| {
                    let id = tagger.gazetteer().entry(m.entry).id.clone();
                    (id, text[m.span.start..m.span.end].to_string())
                })
                .collect()
        };
        for (id, name) in [
            ("versailles", "Versailles"),
            ("calais", "Calais"),
            ("lourdes", "Lourdes"),
            ("biarritz", "Biarritz"),
            ("colmar", "Colmar"),
            ("dunkirk", "Dunkerque"),
            ("bayonne", "Bayonne"),
            ("chamonix", "Chamonix"),
            ("malibu", "Malibu"),
        ] {
            let text = format!("Ils sont arrivés à {name} hier.");
            assert_eq!(
                ids(&text),
                [(id.to_string(), name.to_string())],
                "{text}"
            );
        }
        let table: &[(&str, &[&str])] = &[
            // Large places named by names: no context needed.
            (
                "Versailles accueille le sommet européen cette semaine.",
                &["versailles"],
            ),
            ("Colmar accueille le marché de Noël cette année.", &["colmar"]),
            (
                "Dunkerque accueille le sommet européen cette semaine.",
                &["dunkirk"],
            ),
            // A French word at the start of a sentence needs context.
            ("Calais accueille le sommet européen cette semaine.", &[]),
            ("Lourdes accueille les pèlerins chaque année en août.", &[]),
            ("Je calais la porte avec une chaise pour la nuit.", &[]),
            ("Elles portaient des valises lourdes jusqu'au train.", &[]),
            // No transliteration of a frequent name (`Bayonne` is not
            // `Bayān`); the Arabic name itself still matches.
            ("Des frappes ont eu lieu à Bayan hier soir.", &["bayan"]),
        ];
        for &(text, want) in table {
            let got: Vec<String> =
                ids(text).into_iter().map(|p| p.0).collect();
            assert_eq!(got, want, "{text}");
        }
        let mut l = Loader::new();
        l.add_str(
            "t.csv",
            "id,type,name,country,flags\nbayan,PLACE,Bayān,KW,arabic\n",
        );
        let only_bayan = Tagger::new(l.finish().unwrap()).unwrap();
        assert!(only_bayan.tag("Ils sont arrivés à Bayonne hier.").is_empty());
        assert_eq!(only_bayan.tag("Ils sont arrivés à Bayan hier.").len(), 1);
    }

    #[test]
    fn needs_country_places_want_their_country_not_a_preposition() {
        let rows = "\
id,type,subtype,name,aliases,country,population,flags
bab-sk,PLACE,village,Bab,,SK,1100,needs_country
marj,PLACE,village,Marj,,SY,900,
slovakia,PLACE,country,Slovakia,,SK,5400000,
syria,PLACE,country,Syria,,SY,21000000,
";
        let mut l = Loader::new();
        l.add_str("t.csv", rows);
        let tagger = Tagger::new(l.finish().unwrap()).unwrap();
        let ids = |text: &str| -> Vec<String> {
            tagger
                .tag(text)
                .iter()
                .map(|m| tagger.gazetteer().entry(m.entry).id.clone())
                .collect()
        };
        // A preposition lets an ordinary small place in, not a flagged one.
        assert_eq!(ids("The shelling hit homes in Marj overnight."), ["marj"]);
        assert!(ids("A shopkeeper in Bab said so.").is_empty());
        assert!(ids("In Syria, a shopkeeper in Bab said so.") == ["syria"]);
        // A place of its own country lets it in.
        assert_eq!(
            ids("In Slovakia, a shopkeeper in Bab said so."),
            ["slovakia", "bab-sk"]
        );
    }

    #[test]
    fn chunked_tagging_equals_one_pass() {
        let mut l = Loader::new();
        l.add_str("t.csv", ROWS);
        let g = l.finish().unwrap();
        let whole = Tagger::builder()
            .langs(Some(Langs::NONE))
            .build(g.clone())
            .unwrap();
        let chunked = Tagger::builder()
            .langs(Some(Langs::NONE))
            .chunking(Chunking { size: 97, overlap: 0 })
            .build(g)
            .unwrap();
        // Names at every offset modulo the chunk size, some straddling.
        let mut text = String::new();
        for i in 0..400 {
            text.push_str(["x ", "ab ", "é’ ", "حلب ", "  "][i % 5]);
            text.push_str(
                ["Deir Ezzor", "l’Irak", "forces du régime", "الرقة", "Alep"]
                    [i % 5],
            );
            text.push_str([", ", " et ", ". ", "\n", "-"][i % 5]);
        }
        let a = whole.tag(&text);
        let b = chunked.tag(&text);
        assert_eq!(a.len(), 480, "400 names and 80 حلب");
        let spans = |v: &[Mention]| {
            v.iter().map(|m| (m.span, m.entry)).collect::<Vec<_>>()
        };
        assert_eq!(spans(&b), spans(&a));
    }
}
