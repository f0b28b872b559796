//! The library facade: text in, mentions out.
//!
//! This module owns [`Tagger`] and [`TaggerBuilder`], which tie the
//! normalizer, the matcher and the resolver together over one
//! [`Gazetteer`]. It knows nothing of files, encodings or output formats.

use crate::gazetteer::{EntityType, EntryId, Gazetteer};
use crate::matcher::{BuildError, Candidate, Matcher};
use crate::normalize::{normalize_into, Case, Normalized};
use crate::resolve::{self, Mention};

/// Finds gazetteer entries in text.
///
/// ```
/// use gazetag::{Gazetteer, Tagger};
///
/// let tagger = Tagger::new(Gazetteer::embedded()).unwrap();
/// let text = "Les forces du régime ont repris Mayadine à l’EI.";
/// let mentions = tagger.tag(text);
/// let surfaces: Vec<&str> =
///     mentions.iter().map(|m| &text[m.span.start..m.span.end]).collect();
/// assert_eq!(surfaces, ["forces du régime", "Mayadine", "EI"]);
/// ```
#[derive(Debug)]
pub struct Tagger {
    gazetteer: Gazetteer,
    matcher: Matcher,
    types: Option<Vec<EntityType>>,
}

/// Builds a [`Tagger`] with options.
#[derive(Clone, Debug, Default)]
pub struct TaggerBuilder {
    types: Option<Vec<EntityType>>,
}

impl TaggerBuilder {
    /// Keeps only mentions of these types (all types when never called).
    pub fn types(&mut self, types: &[EntityType]) -> &mut TaggerBuilder {
        self.types = Some(types.to_vec());
        self
    }

    /// Builds the automaton over `gazetteer`.
    pub fn build(&self, gazetteer: Gazetteer) -> Result<Tagger, BuildError> {
        let matcher = Matcher::new(&gazetteer)?;
        Ok(Tagger { gazetteer, matcher, types: self.types.clone() })
    }
}

/// Buffers reused from one document to the next.
#[derive(Debug, Default)]
pub struct Scratch {
    norm: Normalized,
    candidates: Vec<Candidate>,
    resolve: resolve::Scratch,
}

impl Tagger {
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

    /// The matcher (pattern table and automaton).
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// Every mention in `text`, sorted by position, never overlapping.
    pub fn tag(&self, text: &str) -> Vec<Mention> {
        let mut out = Vec::new();
        self.tag_into(text, &mut Scratch::default(), &mut out);
        out
    }

    /// Like [`Tagger::tag`], reusing `scratch` and appending to `out`.
    pub fn tag_into(
        &self,
        text: &str,
        scratch: &mut Scratch,
        out: &mut Vec<Mention>,
    ) {
        normalize_into(text, Case::Fold, &mut scratch.norm);
        scratch.candidates.clear();
        self.matcher.candidates(&scratch.norm.text, &mut scratch.candidates);
        let first = out.len();
        resolve::resolve(
            text,
            &scratch.norm,
            &scratch.candidates,
            &self.matcher,
            &self.gazetteer,
            &mut scratch.resolve,
            out,
        );
        if let Some(types) = &self.types {
            let mut kept = first;
            for i in first..out.len() {
                if types.contains(&self.gazetteer.entry(out[i].entry).kind) {
                    out[kept] = out[i];
                    kept += 1;
                }
            }
            out.truncate(kept);
        }
    }

    /// Every entry the surface of `mention` may name, in gazetteer order
    /// (the chosen one included), for disambiguation downstream.
    pub fn alternatives(
        &self,
        mention: &Mention,
    ) -> impl Iterator<Item = EntryId> + '_ {
        let mut last = None;
        self.matcher.targets(mention.pattern).iter().filter_map(move |t| {
            if last == Some(t.entry) {
                None
            } else {
                last = Some(t.entry);
                Some(t.entry)
            }
        })
    }
}
