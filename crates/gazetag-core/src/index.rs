//! Compiled gazetteer indexes: the entries, the pattern table and the
//! automaton in one file that loads without building anything.
//!
//! Layout: the magic bytes `GZTAGIDX`, a length-prefixed [`Header`]
//! (postcard), then the payload length, the xxh3-64 checksum and the
//! payload: the gazetteer, then the matcher tables (postcard, each length
//! prefixed), then daachorse's serialized automaton. The checksum covers
//! everything after the magic bytes but itself: the header (versions,
//! fingerprints, counts, search space) as well as the payload, so that a
//! changed byte anywhere is refused, and the header's counts and search
//! space are checked against what the payload holds. The entries are
//! stored without their aliases (the matcher's tables hold every alias),
//! so a gazetteer read from an index has `aliases` empty.
//!
//! The header holds the format version, the tool version, the version of
//! the matching rules ([`RULES_VERSION`]) and a fingerprint of the
//! gazetteer sources. An index whose rules or sources differ from what the
//! caller expects is *stale*; one without the magic bytes is *foreign*;
//! one whose checksum fails is *corrupt*. Stale, foreign and corrupt
//! indexes are errors, never used silently: callers rebuild or refuse.
//! The checksum is verified before anything is decoded (the header
//! included), and decoding
//! validates the automaton and the tables, so a damaged file is an error,
//! not undefined behaviour.
//!
//! It knows nothing of files or of the command line.

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{xxh3_64, Xxh3};

use crate::gazetteer::Gazetteer;
use crate::matcher::{BuildError, Matcher, SearchSpace, Tables};

/// The first bytes of every index.
pub const MAGIC: &[u8; 8] = b"GZTAGIDX";

/// The layout version (2: the checksum covers the header too; 3: the
/// matcher's large tables as fixed-width records).
const FORMAT: u32 = 3;

/// What an index says about itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// Layout version.
    pub format: u32,
    /// The gazetag version that wrote it.
    pub tool_version: String,
    /// The [`RULES_VERSION`] it was built with.
    pub rules: u64,
    /// Fingerprint of the gazetteer sources it was built from.
    pub sources: u64,
    /// The space its automaton searches.
    pub space: SearchSpace,
    /// Entries and patterns, for display.
    pub entries: u64,
    /// Distinct patterns.
    pub patterns: u64,
}

/// Why an index cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// Not a gazetag index at all.
    #[error("not a gazetag index (no GZTAGIDX header)")]
    Foreign,
    /// Written by another layout version.
    #[error("index format {found} is not {FORMAT}: rebuild it with `gazetag gazetteer compile`")]
    Format {
        /// The version found.
        found: u32,
    },
    /// Built with other matching rules (another gazetag version).
    #[error(
        "index built with other matching rules (gazetag {tool_version}): rebuild it with `gazetag gazetteer compile`"
    )]
    StaleRules {
        /// The version that wrote it.
        tool_version: String,
    },
    /// Built from other gazetteer sources.
    #[error("index built from other gazetteer sources: rebuild it with `gazetag gazetteer compile`")]
    StaleSources,
    /// The bytes are damaged.
    #[error(
        "index is corrupt: {0}: rebuild it with `gazetag gazetteer compile`"
    )]
    Corrupt(String),
}

/// The version of the matching rules: what the normalizer, the
/// transliteration keys, the matcher's policy and the word lists make of
/// a gazetteer and a text. It is bumped whenever they change what is
/// tagged (a test over the fixture corpus fails when the output changes
/// and this does not), so that indexes compiled by another version are
/// refused as stale instead of being read with other rules. Editing a
/// comment changes nothing.
pub const RULES_VERSION: u32 = 4;

/// The fingerprint of gazetteer sources given as `(name, contents)`.
pub fn sources_fingerprint<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> u64 {
    let mut all = Vec::new();
    for (name, bytes) in files {
        all.extend_from_slice(&xxh3_64(name.as_bytes()).to_le_bytes());
        all.extend_from_slice(&xxh3_64(bytes).to_le_bytes());
    }
    xxh3_64(&all)
}

/// A compiled gazetteer index.
#[derive(Clone, Debug)]
pub struct CompiledIndex {
    /// The index file's bytes.
    pub bytes: Vec<u8>,
    /// The number of distinct patterns of its automaton.
    pub patterns: usize,
}

/// Compiles `gazetteer` into an index that [`TaggerBuilder::build_from_index`]
/// loads without building anything. `translit` makes its automaton search
/// transliteration keys (needed for `translit` matches); `sources` is the
/// fingerprint of the files it is built from ([`sources_fingerprint`]).
///
/// [`TaggerBuilder::build_from_index`]: crate::TaggerBuilder::build_from_index
pub fn compile(
    gazetteer: &Gazetteer,
    translit: bool,
    sources: u64,
) -> Result<CompiledIndex, BuildError> {
    let space =
        if translit { SearchSpace::Translit } else { SearchSpace::Folded };
    let matcher = Matcher::with_space(gazetteer, space)?;
    Ok(CompiledIndex {
        bytes: write(gazetteer, &matcher, sources),
        patterns: matcher.pattern_count(),
    })
}

/// Writes an index of `gazetteer` searched by `matcher`, built from
/// sources with fingerprint `sources`.
pub(crate) fn write(
    gazetteer: &Gazetteer,
    matcher: &Matcher,
    sources: u64,
) -> Vec<u8> {
    let (automaton, tables) = matcher.parts();
    let header = Header {
        format: FORMAT,
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        rules: u64::from(RULES_VERSION),
        sources,
        space: matcher.space(),
        entries: gazetteer.len() as u64,
        patterns: matcher.pattern_count() as u64,
    };
    // The entries go without their aliases: the matcher holds them, and
    // leaving them out keeps loading free of one allocation per alias.
    let entries = postcard::to_allocvec(&gazetteer.without_aliases())
        .expect("in-memory serialization cannot fail");
    let tables = postcard::to_allocvec(tables)
        .expect("in-memory serialization cannot fail");
    let mut payload = Vec::with_capacity(
        16 + entries.len() + tables.len() + automaton.len(),
    );
    payload.extend_from_slice(&(entries.len() as u64).to_le_bytes());
    payload.extend_from_slice(&entries);
    payload.extend_from_slice(&(tables.len() as u64).to_le_bytes());
    payload.extend_from_slice(&tables);
    payload.extend_from_slice(&automaton);
    let header = postcard::to_allocvec(&header)
        .expect("in-memory serialization cannot fail");
    let mut out = Vec::with_capacity(payload.len() + header.len() + 32);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(header.len() as u32).to_le_bytes());
    out.extend_from_slice(&header);
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    let sum = checksum(&out[MAGIC.len()..], &payload);
    out.extend_from_slice(&sum.to_le_bytes());
    out.extend_from_slice(&payload);
    out
}

/// The checksum of an index: over its framing (everything between the
/// magic bytes and the checksum: the header's length, the header, the
/// payload's length), then the payload.
fn checksum(framing: &[u8], payload: &[u8]) -> u64 {
    let mut hasher = Xxh3::new();
    hasher.update(framing);
    hasher.update(payload);
    hasher.digest()
}

/// The parts of an index, before anything is decoded or checked.
struct Frame<'a> {
    /// The bytes between the magic bytes and the checksum.
    framing: &'a [u8],
    /// The encoded header (inside `framing`).
    head: &'a [u8],
    sum: u64,
    payload: &'a [u8],
}

/// Cuts an index into its parts.
fn frame(bytes: &[u8]) -> Result<Frame<'_>, IndexError> {
    let after_magic =
        bytes.strip_prefix(MAGIC.as_slice()).ok_or(IndexError::Foreign)?;
    let (len, rest) = take_u64(after_magic, 4)?;
    let (head, rest) = take(rest, len as usize)?;
    let (payload_len, rest) = take_u64(rest, 8)?;
    let framing = &after_magic[..after_magic.len() - rest.len()];
    let (sum, rest) = take_u64(rest, 8)?;
    let (payload, trailing) = take(rest, payload_len as usize)?;
    if !trailing.is_empty() {
        return Err(IndexError::Corrupt("trailing bytes".into()));
    }
    Ok(Frame { framing, head, sum, payload })
}

impl Frame<'_> {
    /// The header, decoded.
    fn header(&self) -> Result<Header, IndexError> {
        postcard::from_bytes(self.head)
            .map_err(|e| IndexError::Corrupt(format!("header: {e}")))
    }

    /// An error unless the checksum holds. An index of format 1, whose
    /// checksum covered the payload only, is of another format, not
    /// corrupt.
    fn verify(&self) -> Result<(), IndexError> {
        if checksum(self.framing, self.payload) == self.sum {
            return Ok(());
        }
        if let Ok(h) = self.header() {
            if h.format == 1 && xxh3_64(self.payload) == self.sum {
                return Err(IndexError::Format { found: h.format });
            }
        }
        Err(IndexError::Corrupt(
            "checksum mismatch (a byte of its header, which holds its \
             versions, fingerprints, counts and search space, or of its \
             contents changed)"
                .into(),
        ))
    }
}

/// Reads the header of an index.
#[cfg(test)]
fn header(bytes: &[u8]) -> Result<Header, IndexError> {
    frame(bytes)?.header()
}

/// Reads an index, checking that it was built with this version's rules
/// and, when `sources` is given, from those sources.
pub fn read(
    bytes: &[u8],
    sources: Option<u64>,
) -> Result<(Gazetteer, Matcher), IndexError> {
    read_checked(bytes, sources, true)
}

/// Reads the index compiled into the binary with its sources
/// (the gazetteers compiled into a binary): written by the build with this very code, it
/// is part of the binary, so its checksum is not verified again at every
/// start, and its automaton is taken as written (the tables are still
/// checked).
///
/// # Safety
///
/// `bytes` must have been written by [`compile`] of this very version.
pub unsafe fn read_embedded(
    bytes: &[u8],
) -> Result<(Gazetteer, Matcher), IndexError> {
    read_checked(bytes, None, false)
}

fn read_checked(
    bytes: &[u8],
    sources: Option<u64>,
    checksum: bool,
) -> Result<(Gazetteer, Matcher), IndexError> {
    let frame = frame(bytes)?;
    if checksum {
        frame.verify()?;
    }
    let header = frame.header()?;
    if header.format != FORMAT {
        return Err(IndexError::Format { found: header.format });
    }
    if header.rules != u64::from(RULES_VERSION) {
        return Err(IndexError::StaleRules {
            tool_version: header.tool_version,
        });
    }
    if sources.is_some_and(|s| s != header.sources) {
        return Err(IndexError::StaleSources);
    }
    let (entries_len, rest) = take_u64(frame.payload, 8)?;
    let (entries, rest) = take(rest, entries_len as usize)?;
    let (tables_len, rest) = take_u64(rest, 8)?;
    let (tables, automaton) = take(rest, tables_len as usize)?;
    // The entries decode on a second thread while the matcher does.
    let (gazetteer, matcher) = std::thread::scope(|scope| {
        let entries = scope.spawn(|| {
            postcard::from_bytes::<Gazetteer>(entries)
                .map_err(|e| IndexError::Corrupt(format!("entries: {e}")))
        });
        let matcher = postcard::from_bytes::<Tables>(tables)
            .map_err(|e| IndexError::Corrupt(format!("tables: {e}")))
            .and_then(|t| {
                // Only the index built into the program is trusted as is.
                Matcher::from_parts(automaton, t, !checksum)
                    .map_err(IndexError::Corrupt)
            });
        let gazetteer = entries.join().unwrap_or_else(|_| {
            Err(IndexError::Corrupt("entries: the decoder stopped".into()))
        });
        (gazetteer, matcher)
    });
    let (gazetteer, matcher) = (gazetteer?, matcher?);
    if matcher.max_entry().is_some_and(|m| m as usize >= gazetteer.len()) {
        return Err(IndexError::Corrupt(
            "a pattern names an entry that does not exist".into(),
        ));
    }
    let holds = (
        gazetteer.len() as u64,
        matcher.pattern_count() as u64,
        matcher.space(),
    );
    if (header.entries, header.patterns, header.space) != holds {
        return Err(IndexError::Corrupt(format!(
            "its header says {} entries, {} patterns, {:?} search space; \
             it holds {}, {}, {:?}",
            header.entries,
            header.patterns,
            header.space,
            holds.0,
            holds.1,
            holds.2
        )));
    }
    Ok((gazetteer, matcher))
}

fn take(bytes: &[u8], n: usize) -> Result<(&[u8], &[u8]), IndexError> {
    if bytes.len() < n {
        return Err(IndexError::Corrupt("truncated".into()));
    }
    Ok(bytes.split_at(n))
}

/// Reads a little-endian integer of `width` bytes (4 or 8).
fn take_u64(bytes: &[u8], width: usize) -> Result<(u64, &[u8]), IndexError> {
    let (head, rest) = take(bytes, width)?;
    let mut buf = [0u8; 8];
    buf[..width].copy_from_slice(head);
    Ok((u64::from_le_bytes(buf), rest))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::load::Loader;

    fn small() -> (Gazetteer, Matcher) {
        let mut l = Loader::new();
        l.add_str(
            "t.csv",
            "id,type,name,aliases,flags\na,PLACE,Albu Kamal,Boukamal,arabic\nb,ACTOR,Islamic State,EI|داعش,\n",
        );
        let g = l.finish().unwrap();
        let m = Matcher::with_space(&g, SearchSpace::Translit).unwrap();
        (g, m)
    }

    fn candidates(m: &Matcher, text: &str) -> Vec<(u32, usize, usize)> {
        let mut out = Vec::new();
        m.candidates(text, &mut out);
        out.iter()
            .map(|c| (c.pattern.0, c.search_span.start, c.search_span.end))
            .collect()
    }

    #[test]
    fn round_trip() {
        let (g, m) = small();
        let bytes = write(&g, &m, 42);
        let (g2, m2) = read(&bytes, Some(42)).unwrap();
        assert_eq!(g2.len(), g.len());
        let (a, b) = (g2.entry(crate::EntryId(0)), g.entry(crate::EntryId(0)));
        assert_eq!((&a.id, &a.name, a.flags), (&b.id, &b.name, b.flags));
        assert!(a.aliases.is_empty());
        let text = crate::translit::key("vers bakamal et داعش");
        assert_eq!(candidates(&m2, &text), candidates(&m, &text));
        assert!(!candidates(&m2, &text).is_empty());
        let h = header(&bytes).unwrap();
        assert_eq!(
            (h.entries, h.sources, h.space),
            (2, 42, SearchSpace::Translit)
        );
    }

    #[test]
    fn stale_foreign_and_corrupt_indexes_are_errors() {
        let (g, m) = small();
        let bytes = write(&g, &m, 42);
        assert!(matches!(
            read(&bytes, Some(7)),
            Err(IndexError::StaleSources)
        ));
        assert!(matches!(
            read(b"PK\x03\x04 a zip file", None),
            Err(IndexError::Foreign)
        ));
        assert!(matches!(
            read(&bytes[..bytes.len() - 3], None),
            Err(IndexError::Corrupt(_))
        ));
        // Flip every byte of the payload in turn: never a panic, always an
        // error (the checksum catches it).
        let start = bytes.len() - 200.min(bytes.len() - 40);
        for i in start..bytes.len() {
            let mut bad = bytes.clone();
            bad[i] ^= 0x5a;
            assert!(read(&bad, None).is_err(), "byte {i}");
        }
        // A header from another format version.
        let mut other = bytes.clone();
        other[13] = other[13].wrapping_add(1);
        assert!(read(&other, None).is_err());
    }

    /// An index of `bytes` whose header is replaced by `edit(header)`,
    /// its checksum computed by `sum` over `(framing, payload)`.
    fn reheader(
        bytes: &[u8],
        edit: impl Fn(&mut Header),
        sum: impl Fn(&[u8], &[u8]) -> u64,
    ) -> Vec<u8> {
        let f = frame(bytes).unwrap();
        let mut h = f.header().unwrap();
        edit(&mut h);
        let head = postcard::to_allocvec(&h).unwrap();
        let mut out = MAGIC.to_vec();
        out.extend_from_slice(&(head.len() as u32).to_le_bytes());
        out.extend_from_slice(&head);
        out.extend_from_slice(&(f.payload.len() as u64).to_le_bytes());
        let s = sum(&out[MAGIC.len()..], f.payload);
        out.extend_from_slice(&s.to_le_bytes());
        out.extend_from_slice(f.payload);
        out
    }

    /// Issue 14 (10b): the checksum covers the header, so a changed byte
    /// in any of its fields is refused before the header is believed.
    #[test]
    fn every_header_byte_is_covered_by_the_checksum() {
        let (g, m) = small();
        let bytes = write(&g, &m, 42);
        let f = frame(&bytes).unwrap();
        let head_start = MAGIC.len() + 4;
        let head_end = head_start + f.head.len();
        for i in MAGIC.len()..head_end + 16 {
            for flip in [0x01, 0x80, 0xff] {
                let mut bad = bytes.clone();
                bad[i] ^= flip;
                let err =
                    read(&bad, Some(42)).expect_err(&format!("byte {i}"));
                let text = err.to_string();
                assert!(
                    matches!(err, IndexError::Corrupt(_)),
                    "byte {i} ^ {flip:#x}: {text}"
                );
                if (head_start..head_end).contains(&i) {
                    assert!(
                        text.contains("checksum mismatch"),
                        "byte {i} ^ {flip:#x}: {text}"
                    );
                }
            }
        }
    }

    #[test]
    fn header_counts_must_match_the_contents() {
        let (g, m) = small();
        let bytes = write(&g, &m, 42);
        let edits: [fn(&mut Header); 3] = [
            |h| h.entries += 1,
            |h| h.patterns -= 1,
            |h| h.space = SearchSpace::Folded,
        ];
        for edit in edits {
            let bad = reheader(&bytes, edit, checksum);
            let err = read(&bad, None).unwrap_err().to_string();
            assert!(err.contains("its header says"), "{err}");
            // Even where the checksum is not verified.
            // SAFETY: written by `write` above; only the header changed.
            let err = unsafe { read_embedded(&bad) }.unwrap_err().to_string();
            assert!(err.contains("its header says"), "{err}");
        }
    }

    #[test]
    fn indexes_of_the_previous_format_are_of_another_format() {
        let (g, m) = small();
        let bytes = write(&g, &m, 42);
        let old = reheader(&bytes, |h| h.format = 1, |_, p| xxh3_64(p));
        let err = read(&old, Some(42)).unwrap_err();
        assert!(matches!(err, IndexError::Format { found: 1 }), "{err}");
        assert!(err.to_string().contains("rebuild it"), "{err}");
    }
}
