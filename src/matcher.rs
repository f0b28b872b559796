//! The multi-pattern search over normalized text.
//!
//! This module owns the aho-corasick automaton built from the normalized
//! aliases of a gazetteer, the table from each pattern to the entries
//! ("targets") it names, and the search itself, which yields every
//! overlapping [`Candidate`] in normalized coordinates. It knows nothing of
//! word boundaries, context, files or output: `resolve` decides which
//! candidates become mentions.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::gazetteer::{CaseRule, EntryId, Gazetteer};
use crate::normalize::{normalize_key, Case};
use crate::offsets::Span;

/// The index of a distinct normalized alias.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PatternId(pub u32);

/// One entry that a pattern may name, with the rules of that alias.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// The entry named.
    pub entry: EntryId,
    /// For case-exact aliases, the alias normalized with its case kept:
    /// the surface must normalize (keeping case) to the same string.
    pub exact: Option<Box<str>>,
    /// Whether the alias needs context in the document.
    pub needs_context: bool,
    /// Whether the alias is written capitalized (a proper name such as
    /// `Nice` or `Syrien`): the surface must then start with a capital
    /// too, so that `nice` or the French adjective `syrien` are not
    /// tagged.
    pub capitalized: bool,
}

/// A pattern found in the normalized text, before any rule is applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// Which pattern.
    pub pattern: PatternId,
    /// Where, in normalized bytes.
    pub norm_span: Span,
}

/// The automaton and its pattern table.
#[derive(Clone, Debug)]
pub struct Matcher {
    automaton: AhoCorasick,
    /// For pattern `i`, its targets are `targets[ranges[i].0..ranges[i].1]`.
    ranges: Vec<(u32, u32)>,
    targets: Vec<Target>,
    longest: usize,
}

/// Why a matcher could not be built.
#[derive(Debug, thiserror::Error)]
#[error("cannot build the matcher: {0}")]
pub struct BuildError(#[from] aho_corasick::BuildError);

impl Matcher {
    /// Builds the automaton over every alias of `gazetteer`.
    pub fn new(gazetteer: &Gazetteer) -> Result<Matcher, BuildError> {
        let mut index: HashMap<String, u32> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut pairs: Vec<(u32, Target)> = Vec::new();
        for (id, entry) in gazetteer.iter() {
            for alias in &entry.aliases {
                let key = normalize_key(&alias.text, Case::Fold);
                if key.is_empty() {
                    continue;
                }
                let exact = match alias.case {
                    CaseRule::Exact => Some(
                        normalize_key(&alias.text, Case::Keep)
                            .into_boxed_str(),
                    ),
                    CaseRule::Insensitive => None,
                };
                let next = patterns.len() as u32;
                let p = *index.entry(key).or_insert_with_key(|k| {
                    patterns.push(k.clone());
                    next
                });
                let capitalized = alias.case == CaseRule::Insensitive
                    && starts_with_capital(&alias.text);
                pairs.push((
                    p,
                    Target {
                        entry: id,
                        exact,
                        needs_context: alias.needs_context,
                        capitalized,
                    },
                ));
            }
        }
        // A stable sort keeps gazetteer order within a pattern, and puts
        // the repeats of one entry's alias next to each other.
        pairs.sort_by_key(|(p, _)| *p);
        pairs.dedup();
        let mut ranges = vec![(0u32, 0u32); patterns.len()];
        let mut targets = Vec::with_capacity(pairs.len());
        for (p, t) in pairs {
            let i = targets.len() as u32;
            let r = &mut ranges[p as usize];
            if r.1 == 0 {
                *r = (i, i + 1);
            } else {
                r.1 = i + 1;
            }
            targets.push(t);
        }
        let longest = patterns.iter().map(String::len).max().unwrap_or(0);
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&patterns)?;
        Ok(Matcher { automaton, ranges, targets, longest })
    }

    /// Appends every occurrence of every pattern in `norm_text` to `out`,
    /// overlapping ones included, in the order they end.
    pub fn candidates(&self, norm_text: &str, out: &mut Vec<Candidate>) {
        for m in self.automaton.find_overlapping_iter(norm_text) {
            out.push(Candidate {
                pattern: PatternId(m.pattern().as_u32()),
                norm_span: Span::new(m.start(), m.end()),
            });
        }
    }

    /// The entries a pattern may name, in gazetteer order.
    pub fn targets(&self, pattern: PatternId) -> &[Target] {
        let (s, e) = self.ranges[pattern.0 as usize];
        &self.targets[s as usize..e as usize]
    }

    /// The number of distinct normalized patterns.
    pub fn pattern_count(&self) -> usize {
        self.ranges.len()
    }

    /// The length in bytes of the longest normalized pattern.
    pub fn longest_pattern(&self) -> usize {
        self.longest
    }
}

/// Whether the first letter of `s` is an upper-case (or title-case)
/// letter. Scripts without case (Arabic) never are.
pub fn starts_with_capital(s: &str) -> bool {
    s.chars().find(|c| c.is_alphabetic()).is_some_and(|c| c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Loader;

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
    fn overlapping_candidates_are_all_reported() {
        let g = gazetteer(
            "id,type,name,aliases\na,PLACE,Deir ez-Zor,Deir\nb,PLACE,Zor,\n",
        );
        let m = Matcher::new(&g).unwrap();
        let mut out = Vec::new();
        m.candidates("deir ez zor", &mut out);
        let spans: Vec<(usize, usize)> =
            out.iter().map(|c| (c.norm_span.start, c.norm_span.end)).collect();
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
        assert_eq!(m.targets(out[0].pattern)[0].exact.as_deref(), Some("EI"));
        assert_eq!(m.longest_pattern(), "islamic state".len());
    }
}
