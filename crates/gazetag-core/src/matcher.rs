//! The multi-pattern search over normalized text.
//!
//! This module owns the aho-corasick automaton built from the normalized
//! aliases of a gazetteer, the table from each pattern to the entries
//! ("targets") it names, and the search itself, which yields every
//! overlapping [`Candidate`] in normalized coordinates. It knows nothing of
//! word boundaries, context, files or output: `policy` decides the rules
//! each alias carries, and `resolve` which candidates become mentions.

use std::collections::{HashMap, HashSet};

use daachorse::DoubleArrayAhoCorasick;
use serde::{Deserialize, Serialize};

use crate::common_words::Langs;
use crate::fixed::{u32_at, Fixed};
use crate::gazetteer::{EntryId, Gazetteer};
use crate::normalize::{normalize_key, Case};
use crate::offsets::Span;
use crate::policy;
use crate::translit;

/// The index of a distinct normalized alias.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PatternId(pub u32);

/// One entry that a pattern may name, with the rules of that alias.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    /// The entry named.
    pub entry: EntryId,
    /// The alias as written in the gazetteer (markers removed), as a range
    /// of the matcher's strings (see [`Matcher::alias`]).
    alias: (u32, u32),
    /// The alias normalized (case folded): a surface whose normalized
    /// form equals it is a `folded` (or `exact`) match (see
    /// [`Matcher::folded`]).
    folded: (u32, u32),
    /// Whether the alias must match with its own case (acronyms).
    pub exact_case: bool,
    /// Whether the alias needs context in the document.
    pub needs_context: bool,
    /// Whether only strong context will do: the same entry named elsewhere,
    /// or a place preposition just before (an Arabic word such as حمص,
    /// which is also chickpeas).
    pub strong_context: bool,
    /// Whether the alias is written capitalized (a proper name such as
    /// `Nice` or `Syrien`): the surface must then start with a capital
    /// too, so that `nice` or the French adjective `syrien` are not
    /// tagged.
    pub capitalized: bool,
    /// Whether a surface that only shares the alias's transliteration key
    /// may match (romanized names of Arabic-origin entries).
    pub translit: bool,
    /// The languages in which the alias is an ordinary word (`Nice`,
    /// `Mobile`): in documents of these languages it is tagged only when
    /// capitalized, and needs context at the start of a sentence.
    pub common: Langs,
    /// The form of an Arabic alias after the preposition `ل`, which takes
    /// the article's alef (`لموصل` in `للموصل`): it matches only there.
    pub contracted: bool,
}

/// What the automaton searches: normalized text, or transliteration keys
/// of it.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize,
)]
pub enum SearchSpace {
    /// Normalized text: every match is at least a folded match.
    #[default]
    Folded,
    /// Transliteration keys of the normalized text (see the `translit` module):
    /// a match is verified against the folded alias, and otherwise counts
    /// only for targets that allow transliteration.
    Translit,
}

/// A pattern found in the searched text, before any rule is applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// Which pattern.
    pub pattern: PatternId,
    /// Where, in bytes of the searched text (normalized or keyed).
    pub search_span: Span,
}

/// The automaton and its pattern table.
///
/// The automaton is daachorse's double-array Aho-Corasick, searched with
/// `find_overlapping_iter` (every occurrence of every pattern, as
/// aho-corasick's `MatchKind::Standard`): it searches a large dictionary
/// fast, uses little memory, and serializes, so that a compiled gazetteer
/// (the `index` module) loads without building anything.
#[derive(Clone)]
pub struct Matcher {
    automaton: DoubleArrayAhoCorasick<u32>,
    tables: Tables,
}

/// Everything of a matcher but the automaton.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Tables {
    space: SearchSpace,
    /// Every alias and folded alias, once each; targets point into it, so
    /// that a compiled index decodes without one allocation per string.
    strings: String,
    /// For pattern `i`, its targets are `targets[ranges[i].0..ranges[i].1]`,
    /// grouped by folded alias (gazetteer order within a group).
    #[serde(with = "crate::fixed::vec")]
    ranges: Vec<(u32, u32)>,
    #[serde(with = "crate::fixed::vec")]
    targets: Vec<Target>,
    /// For pattern `i`, its groups are `groups[group_ranges[i].0..
    /// group_ranges[i].1]`: one per distinct folded alias, so that a
    /// surface is compared with each distinct alias once, not with each
    /// of the hundreds of targets a world-size key may have.
    #[serde(with = "crate::fixed::vec")]
    group_ranges: Vec<(u32, u32)>,
    #[serde(with = "crate::fixed::vec")]
    groups: Vec<Group>,
    /// A Bloom filter of every folded alias ([`Filter`]): most key matches
    /// of a world-size gazetteer are other words that share a key, and
    /// are told apart here without reading the pattern's tables.
    filter: Filter,
    /// Bit `i` is set when pattern `i` has a target that allows
    /// transliteration.
    #[serde(with = "crate::fixed::vec")]
    translit: Vec<u64>,
    longest: usize,
}

/// A Bloom filter of strings: `may_hold` is false for a string never
/// inserted, except for a few percent of them at most (8 bits a string,
/// 3 probes).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct Filter {
    #[serde(with = "crate::fixed::vec")]
    bits: Vec<u64>,
}

impl Filter {
    fn with_capacity(n: usize) -> Filter {
        let words = (n.max(1) * 8).div_ceil(64).next_power_of_two();
        Filter { bits: vec![0; words] }
    }

    fn probes(&self, s: &str) -> [usize; 3] {
        let h = xxhash_rust::xxh3::xxh3_64(s.as_bytes());
        let mask = self.bits.len() * 64 - 1;
        let (a, b) = (h as usize, (h >> 32) as usize | 1);
        [
            a & mask,
            a.wrapping_add(b) & mask,
            a.wrapping_add(b.wrapping_mul(2)) & mask,
        ]
    }

    fn insert(&mut self, s: &str) {
        for i in self.probes(s) {
            self.bits[i / 64] |= 1 << (i % 64);
        }
    }

    fn may_hold(&self, s: &str) -> bool {
        self.probes(s)
            .iter()
            .all(|&i| self.bits[i / 64] & (1 << (i % 64)) != 0)
    }
}

/// The targets of one pattern that share a folded alias: from `start` to
/// the next group's start (or the pattern's last target). Small, since a
/// world pack has hundreds of thousands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Group {
    /// The first target, an index into the matcher's targets.
    start: u32,
    /// A hash of the folded alias ([`folded_hash`]) and its length in
    /// bytes (at most `u16::MAX`): most aliases that a surface is not are
    /// told apart without reading their string.
    hash: u32,
    len: u16,
}

impl Fixed for Group {
    const SIZE: usize = 10;
    fn put(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.start.to_le_bytes());
        out.extend_from_slice(&self.hash.to_le_bytes());
        out.extend_from_slice(&self.len.to_le_bytes());
    }
    fn get(b: &[u8]) -> Group {
        Group {
            start: u32_at(b, 0),
            hash: u32_at(b, 4),
            len: u16::from_le_bytes([b[8], b[9]]),
        }
    }
}

/// A target's flags, one bit each, in this order.
const TARGET_FLAGS: usize = 6;

impl Fixed for Target {
    const SIZE: usize = 4 + 8 + 8 + 1 + 1;
    fn put(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.entry.0.to_le_bytes());
        for v in [self.alias.0, self.alias.1, self.folded.0, self.folded.1] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        let flags: [bool; TARGET_FLAGS] = [
            self.exact_case,
            self.needs_context,
            self.strong_context,
            self.capitalized,
            self.translit,
            self.contracted,
        ];
        let bits = flags
            .iter()
            .enumerate()
            .fold(0u8, |b, (i, &f)| b | u8::from(f) << i);
        out.push(bits);
        out.push(self.common.0);
    }
    fn get(b: &[u8]) -> Target {
        let bit = |i: usize| b[20] & (1 << i) != 0;
        Target {
            entry: EntryId(u32_at(b, 0)),
            alias: (u32_at(b, 4), u32_at(b, 8)),
            folded: (u32_at(b, 12), u32_at(b, 16)),
            exact_case: bit(0),
            needs_context: bit(1),
            strong_context: bit(2),
            capitalized: bit(3),
            translit: bit(4),
            contracted: bit(5),
            common: Langs(b[21]),
        }
    }
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Matcher")
            .field("patterns", &self.tables.ranges.len())
            .field("targets", &self.tables.targets.len())
            .field("space", &self.tables.space)
            .finish()
    }
}

/// Why a matcher could not be built.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The gazetteer has more patterns, or longer ones, than the automaton
    /// can index.
    #[error(
        "cannot build the matcher: the gazetteer is too large ({reason})"
    )]
    TooLarge {
        /// What the automaton's builder says.
        reason: String,
    },
    /// Any other refusal of the automaton's builder.
    #[error("cannot build the matcher: {reason}")]
    Automaton {
        /// What the automaton's builder says.
        reason: String,
    },
}

impl From<daachorse::errors::DaachorseError> for BuildError {
    fn from(e: daachorse::errors::DaachorseError) -> BuildError {
        use daachorse::errors::DaachorseError;
        let reason = e.to_string();
        match e {
            DaachorseError::AutomatonScale(_) => {
                BuildError::TooLarge { reason }
            }
            _ => BuildError::Automaton { reason },
        }
    }
}

/// Transliteration keys with fewer letters than this never match by key
/// alone: short keys (`rak`, `ham`) collide with ordinary words.
pub const MIN_TRANSLIT_LETTERS: usize = 4;

/// The places that share a one-word name with another place (`Sinjar` of
/// Iraq and of Syria): the context rules ask more of every name of theirs
/// (`Sindjar` too, whose key `Sinjaar` meets).
/// `folded` holds each entry's aliases, folded.
fn shared_places(
    gazetteer: &Gazetteer,
    folded: &[Vec<String>],
) -> HashSet<EntryId> {
    let mut first: HashMap<&str, EntryId> = HashMap::new();
    let mut shared = HashSet::new();
    for ((id, entry), aliases) in gazetteer.iter().zip(folded) {
        if entry.kind != crate::gazetteer::EntityType::Place {
            continue;
        }
        for folded in aliases {
            if folded.contains(' ') {
                continue;
            }
            let other = *first.entry(folded).or_insert(id);
            if other != id {
                shared.insert(id);
                shared.insert(other);
            }
        }
    }
    shared
}

impl Matcher {
    /// Builds the automaton over every alias of `gazetteer`, searching
    /// normalized text.
    pub fn new(gazetteer: &Gazetteer) -> Result<Matcher, BuildError> {
        Matcher::with_space(gazetteer, SearchSpace::Folded)
    }

    /// Builds the automaton over every alias of `gazetteer`, searching
    /// the given space.
    pub fn with_space(
        gazetteer: &Gazetteer,
        space: SearchSpace,
    ) -> Result<Matcher, BuildError> {
        let mut index: HashMap<String, u32> = HashMap::new();
        let mut strings = String::new();
        let mut interned: HashMap<String, (u32, u32)> = HashMap::new();
        let mut intern = |s: &str| -> (u32, u32) {
            if let Some(&r) = interned.get(s) {
                return r;
            }
            let r = (strings.len() as u32, (strings.len() + s.len()) as u32);
            strings.push_str(s);
            interned.insert(s.to_string(), r);
            r
        };
        let mut patterns: Vec<String> = Vec::new();
        let mut pairs: Vec<(u32, Target)> = Vec::new();
        // Each alias is folded once, for both uses.
        let folded_aliases: Vec<Vec<String>> = gazetteer
            .iter()
            .map(|(_, e)| {
                e.aliases
                    .iter()
                    .map(|a| normalize_key(&a.text, Case::Fold))
                    .collect()
            })
            .collect();
        let shared = shared_places(gazetteer, &folded_aliases);
        for ((id, entry), folded_aliases) in
            gazetteer.iter().zip(folded_aliases)
        {
            for (alias, folded) in entry.aliases.iter().zip(folded_aliases) {
                if folded.is_empty() {
                    continue;
                }
                let rules = policy::target_rules(
                    entry,
                    alias,
                    &folded,
                    shared.contains(&id),
                );
                // An Arabic name with its article is also written after
                // the preposition `ل`, which takes the article's alef
                // (`للموصل`): `لموصل` is a form of `الموصل` there.
                let contracted = folded
                    .strip_prefix("ال")
                    .filter(|rest| !rest.is_empty() && !rest.starts_with(' '))
                    .map(|rest| {
                        let text = alias.text.strip_prefix("ال").map_or_else(
                            || format!("ل{rest}"),
                            |r| format!("ل{r}"),
                        );
                        (text, format!("ل{rest}"))
                    });
                let forms = [(alias.text.clone(), folded.clone(), false)]
                    .into_iter()
                    .chain(contracted.map(|(t, f)| (t, f, true)));
                for (text, folded, contracted) in forms {
                    let (key, translit) = match space {
                        SearchSpace::Folded => (folded.clone(), false),
                        SearchSpace::Translit => {
                            let key = translit::key(&folded);
                            let ok = entry.flags.arabic
                                && !contracted
                                && translit::key_letters(&key)
                                    >= MIN_TRANSLIT_LETTERS;
                            (key, ok)
                        }
                    };
                    let next = patterns.len() as u32;
                    let p = *index.entry(key).or_insert_with_key(|k| {
                        patterns.push(k.clone());
                        next
                    });
                    pairs.push((
                        p,
                        Target {
                            entry: id,
                            alias: intern(&text),
                            folded: intern(&folded),
                            exact_case: rules.exact_case,
                            needs_context: rules.needs_context,
                            strong_context: rules.strong_context,
                            capitalized: rules.capitalized,
                            translit,
                            common: rules.common,
                            contracted,
                        },
                    ));
                }
            }
        }
        // A stable sort groups a pattern's targets by folded alias (the
        // strings are interned: equal aliases have equal ranges) in the
        // order of their length and hash, which the search bisects; it
        // keeps gazetteer order within a group, and puts the repeats of
        // one entry's alias next to each other.
        let mut keyed: Vec<_> = pairs
            .into_iter()
            .map(|(p, t)| {
                let (a, b) = t.folded;
                let hash = folded_hash(&strings[a as usize..b as usize]);
                ((p, short_len(b - a), hash, a), t)
            })
            .collect();
        keyed.sort_by_key(|(k, _)| *k);
        keyed.dedup();
        let mut ranges = vec![(0u32, 0u32); patterns.len()];
        let mut group_ranges = vec![(0u32, 0u32); patterns.len()];
        let mut targets = Vec::with_capacity(keyed.len());
        let mut groups: Vec<Group> = Vec::new();
        let mut filter = Filter::with_capacity(keyed.len());
        let mut translit = vec![0u64; patterns.len().div_ceil(64)];
        let mut last = None;
        for ((p, len, hash, _), t) in keyed {
            let i = targets.len() as u32;
            let r = &mut ranges[p as usize];
            if r.1 == 0 {
                *r = (i, i + 1);
            } else {
                r.1 = i + 1;
            }
            if t.translit {
                translit[p as usize / 64] |= 1 << (p % 64);
            }
            if last != Some((p, t.folded)) {
                let gi = groups.len() as u32;
                let gr = &mut group_ranges[p as usize];
                if gr.1 == 0 {
                    *gr = (gi, gi + 1);
                } else {
                    gr.1 = gi + 1;
                }
                let (a, b) = t.folded;
                filter.insert(&strings[a as usize..b as usize]);
                groups.push(Group { start: i, hash, len });
                last = Some((p, t.folded));
            }
            targets.push(t);
        }
        let longest = patterns.iter().map(String::len).max().unwrap_or(0);
        let automaton = if patterns.is_empty() {
            // daachorse needs a pattern: one that normalized text never
            // holds (a NUL byte) stands in for none.
            DoubleArrayAhoCorasick::new(["\0"])
        } else {
            DoubleArrayAhoCorasick::new(&patterns)
        }?;
        let tables = Tables {
            space,
            strings,
            ranges,
            targets,
            group_ranges,
            groups,
            filter,
            translit,
            longest,
        };
        Ok(Matcher { automaton, tables })
    }

    /// The space this matcher searches.
    pub fn space(&self) -> SearchSpace {
        self.tables.space
    }

    /// The automaton in daachorse's serialized form, and the tables.
    pub(crate) fn parts(&self) -> (Vec<u8>, &Tables) {
        (self.automaton.serialize(), &self.tables)
    }

    /// A matcher from the parts written by [`Matcher::parts`], checked for
    /// consistency. (An index is checksummed before this is called, so
    /// the automaton's pattern values are the ones written; a value out of
    /// range would still only panic, never read out of bounds.) With
    /// `builtin`, the automaton is part of the program itself (written by
    /// its build with this very code) and is taken without validation.
    pub(crate) fn from_parts(
        automaton: &[u8],
        tables: Tables,
        builtin: bool,
    ) -> Result<Matcher, String> {
        let (automaton, rest) = if builtin {
            // SAFETY: the bytes are the program's own index, serialized by
            // `DoubleArrayAhoCorasick::serialize` at build time (build.rs
            // through `index::write`), never read from outside.
            unsafe {
                DoubleArrayAhoCorasick::<u32>::deserialize_unchecked(automaton)
            }
        } else {
            DoubleArrayAhoCorasick::<u32>::deserialize(automaton)
                .map_err(|e| format!("automaton: {e}"))?
        };
        if !rest.is_empty() {
            return Err("automaton: trailing bytes".into());
        }
        let n = tables.targets.len() as u32;
        let patterns = tables.ranges.len();
        if tables.group_ranges.len() != patterns {
            return Err("group table out of step".into());
        }
        for (&(a, b), &(ga, gb)) in
            tables.ranges.iter().zip(&tables.group_ranges)
        {
            if a > b || b > n {
                return Err("pattern table out of range".into());
            }
            // A pattern's groups split its targets: the first starts at
            // the first target, each later one after the one before.
            let groups = tables.groups.get(ga as usize..gb as usize);
            let split = groups.is_some_and(|gs| {
                gs.first().map_or(a == b, |g| g.start == a)
                    && gs.windows(2).all(|w| w[0].start < w[1].start)
                    && gs.last().is_none_or(|g| g.start < b)
            });
            if !split {
                return Err("group table out of range".into());
            }
        }
        let in_strings = |(a, b): (u32, u32)| {
            a <= b && tables.strings.get(a as usize..b as usize).is_some()
        };
        if !tables
            .targets
            .iter()
            .all(|t| in_strings(t.alias) && in_strings(t.folded))
        {
            return Err("string table out of range".into());
        }
        if automaton.num_states() == 0 {
            return Err("automaton: no state".into());
        }
        if !tables.filter.bits.len().is_power_of_two()
            || tables.translit.len() != patterns.div_ceil(64)
        {
            return Err("filter out of step".into());
        }
        Ok(Matcher { automaton, tables })
    }

    /// The largest entry id the targets name, to check an index.
    pub(crate) fn max_entry(&self) -> Option<u32> {
        self.tables.targets.iter().map(|t| t.entry.0).max()
    }

    /// Appends every occurrence of every pattern in `text` (normalized,
    /// or keyed when the space is [`SearchSpace::Translit`]) to `out`,
    /// overlapping ones included, in the order they end.
    pub fn candidates(&self, text: &str, out: &mut Vec<Candidate>) {
        if self.tables.ranges.is_empty() {
            return;
        }
        for m in self.automaton.find_overlapping_iter(text) {
            out.push(Candidate {
                pattern: PatternId(m.value()),
                search_span: Span::new(m.start(), m.end()),
            });
        }
    }

    /// The entries a pattern may name, in gazetteer order.
    pub fn targets(&self, pattern: PatternId) -> &[Target] {
        let (s, e) = self.tables.ranges[pattern.0 as usize];
        &self.tables.targets[s as usize..e as usize]
    }

    /// The alias of a target, as written in the gazetteer.
    pub fn alias(&self, t: &Target) -> &str {
        &self.tables.strings[t.alias.0 as usize..t.alias.1 as usize]
    }

    /// The alias of a target, normalized with case folded.
    pub fn folded(&self, t: &Target) -> &str {
        &self.tables.strings[t.folded.0 as usize..t.folded.1 as usize]
    }

    /// The targets of `pattern` whose folded alias is `folded`, with the
    /// index of the first among [`Matcher::targets`] (empty when none).
    pub fn targets_folded(
        &self,
        pattern: PatternId,
        folded: &str,
    ) -> (usize, &[Target]) {
        let (ga, gb) = self.tables.group_ranges[pattern.0 as usize];
        let (first, last) = self.tables.ranges[pattern.0 as usize];
        let groups = &self.tables.groups[ga as usize..gb as usize];
        let len = short_len(folded.len() as u32);
        // Groups are sorted by length and hash: bisect to the first that
        // may be this alias (one group needs no hash).
        let (hash, from) = if groups.len() > 1 {
            let hash = folded_hash(folded);
            (hash, groups.partition_point(|g| (g.len, g.hash) < (len, hash)))
        } else {
            (groups.first().map_or(0, |g| g.hash), 0)
        };
        for (k, g) in groups.iter().enumerate().skip(from) {
            if (g.len, g.hash) != (len, hash) {
                break;
            }
            if self.folded(&self.tables.targets[g.start as usize]) == folded {
                let end = groups.get(k + 1).map_or(last, |n| n.start);
                return (
                    (g.start - first) as usize,
                    &self.tables.targets[g.start as usize..end as usize],
                );
            }
        }
        (0, &[])
    }

    /// Whether a target of `pattern` allows transliteration.
    pub fn has_translit(&self, pattern: PatternId) -> bool {
        let p = pattern.0 as usize;
        self.tables.translit[p / 64] & (1 << (p % 64)) != 0
    }

    /// Whether some alias may be `folded` (false means none is; true,
    /// that one is, or in a few percent of cases that none is).
    pub fn may_be_alias(&self, folded: &str) -> bool {
        self.tables.filter.may_hold(folded)
    }

    /// The number of distinct normalized patterns.
    pub fn pattern_count(&self) -> usize {
        self.tables.ranges.len()
    }

    /// The length in bytes of the longest normalized pattern.
    pub fn longest_pattern(&self) -> usize {
        self.tables.longest
    }
}

/// A length in bytes as kept in a group (`u16::MAX` for longer ones).
fn short_len(len: u32) -> u16 {
    u16::try_from(len).unwrap_or(u16::MAX)
}

/// The hash of a folded alias kept in its group (stable: it is written in
/// compiled indexes).
fn folded_hash(folded: &str) -> u32 {
    xxhash_rust::xxh3::xxh3_64(folded.as_bytes()) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::load::Loader;

    fn gazetteer(csv: &str) -> Gazetteer {
        let mut l = Loader::new();
        l.add_str("t.csv", csv);
        l.finish().unwrap()
    }

    #[test]
    fn shared_aliases_keep_every_target() {
        let g = gazetteer(
            "id,type,name,aliases\na,PLACE,Tripoli,Tarabulus\nb,PLACE,Tripoli,Trablous\n",
        );
        let m = Matcher::new(&g).unwrap();
        assert_eq!(m.pattern_count(), 3);
        let mut out = Vec::new();
        m.candidates("vers tripoli", &mut out);
        assert_eq!(out.len(), 1);
        let entries: Vec<u32> =
            m.targets(out[0].pattern).iter().map(|t| t.entry.0).collect();
        assert_eq!(entries, [0, 1]);
    }

    #[test]
    fn a_key_shared_by_several_aliases_finds_each_alias_group() {
        // One transliteration key, four spellings, five entries.
        let g = gazetteer(
            "id,type,name,aliases,flags\n\
             a,PLACE,Raqqa,,arabic\nb,PLACE,Raqa,,arabic\n\
             c,PLACE,Rakka,,arabic\nd,PLACE,Raqa,,\ne,PLACE,Rakah,,\n",
        );
        let m = Matcher::with_space(&g, SearchSpace::Translit).unwrap();
        assert_eq!(m.pattern_count(), 1);
        let p = PatternId(0);
        let ids = |folded: &str| -> Vec<String> {
            let (offset, group) = m.targets_folded(p, folded);
            assert!(offset + group.len() <= m.targets(p).len());
            group.iter().map(|t| g.entry(t.entry).id.clone()).collect()
        };
        assert_eq!(ids("raqa"), ["b", "d"], "gazetteer order in a group");
        assert_eq!(ids("raqqa"), ["a"]);
        assert_eq!(ids("rakka"), ["c"]);
        assert_eq!(ids("rakah"), ["e"]);
        assert!(ids("rika").is_empty());
        assert!(m.has_translit(p));
        // Every target is in exactly one group.
        assert_eq!(m.targets(p).len(), 5);
    }

    #[test]
    fn the_alias_filter_holds_every_alias_and_few_others() {
        let words: Vec<String> =
            (0..10_000).map(|i| format!("w{i}")).collect();
        let mut f = Filter::with_capacity(words.len());
        for w in &words {
            f.insert(w);
        }
        assert!(words.iter().all(|w| f.may_hold(w)), "no false negative");
        let others = (0..10_000).filter(|i| f.may_hold(&format!("x{i}")));
        let rate = others.count() as f64 / 10_000.0;
        assert!(rate < 0.05, "false positives {rate}");
    }

    #[test]
    fn overlapping_candidates_are_all_reported() {
        let g = gazetteer(
            "id,type,name,aliases\na,PLACE,Deir ez-Zor,Deir\nb,PLACE,Zor,\n",
        );
        let m = Matcher::new(&g).unwrap();
        let mut out = Vec::new();
        m.candidates("deir ez zor", &mut out);
        let spans: Vec<(usize, usize)> = out
            .iter()
            .map(|c| (c.search_span.start, c.search_span.end))
            .collect();
        assert_eq!(spans, [(0, 4), (0, 11), (8, 11)]);
    }

    #[test]
    fn exact_aliases_carry_their_cased_form() {
        let g = gazetteer(
            "id,type,name,aliases\na,ACTOR,Islamic State,EI|Daech\n",
        );
        let m = Matcher::new(&g).unwrap();
        let mut out = Vec::new();
        m.candidates("l'ei", &mut out);
        assert!(m.targets(out[0].pattern)[0].exact_case);
        assert_eq!(m.longest_pattern(), "islamic state".len());
    }
}
