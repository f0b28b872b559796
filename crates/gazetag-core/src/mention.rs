//! The types that flow from the resolver to disambiguation and out of the
//! tagger: [`Mention`], [`Choice`] and [`Tagged`], and the resolver's own
//! output before an entry is chosen ([`Resolution`]).
//!
//! A leaf module: it imports nothing of the modules that produce or read
//! these types, so that none of them imports another's caller.

use crate::gazetteer::{Entry, EntryId, Gazetteer};
use crate::matcher::PatternId;
use crate::offsets::Span;

/// A resolved mention: an entry and where it is in the original text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mention {
    /// The chosen entry.
    pub entry: EntryId,
    /// Original byte range of the surface form.
    pub span: Span,
    /// How many distinct entries the surface could name here.
    pub candidates: u32,
    /// How the surface matched the chosen entry's alias.
    pub rule: MatchRule,
    /// Probability of the chosen entry among the candidates (1 when the
    /// surface names one entry only).
    pub confidence: f32,
    /// The pattern that matched.
    pub(crate) pattern: PatternId,
    /// The scored candidates of an ambiguous mention, as a range of
    /// [`Tagged::choices`] (empty when unambiguous).
    pub(crate) choices: (u32, u32),
}

/// How a surface matched an alias.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchRule {
    /// Byte for byte.
    Exact,
    /// After normalization (case, diacritics, apostrophes, dashes...).
    Folded,
    /// Through the transliteration key only (`Boukamal` for `Albu Kamal`).
    Translit,
    /// Found by its shape, in no gazetteer (`Colonel [Sean Brennan]`).
    Shape,
    /// A short form of a name named in full earlier in the document (a
    /// surname alone, an acronym defined in the text).
    Short,
}

impl MatchRule {
    /// The lower-case label used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            MatchRule::Exact => "exact",
            MatchRule::Folded => "folded",
            MatchRule::Translit => "translit",
            MatchRule::Shape => "shape",
            MatchRule::Short => "short",
        }
    }
}

/// One candidate entry of an ambiguous mention, scored.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Choice {
    /// The candidate.
    pub entry: EntryId,
    /// Score from the gazetteer row alone.
    pub prior: f32,
    /// Score from the anchors around the mention.
    pub context: f32,
    /// Softmax probability of this candidate among the mention's.
    pub probability: f32,
    /// The anchor that contributed most to `context`, if any.
    pub cue: Option<Cue>,
}

/// Why an anchor supports a candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cue {
    /// The anchor's entry.
    pub anchor: EntryId,
    /// Its byte offset in the document.
    pub at: usize,
    /// What the anchor shares with the candidate.
    pub relation: Relation,
}

/// What an anchor shares with a candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    /// It is the same entry.
    SameEntry,
    /// It lies in the same first-level subdivision.
    SameAdmin1,
    /// It belongs to the same country.
    SameCountry,
}

impl Relation {
    /// A short phrase for explanations.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::SameEntry => "same entity",
            Relation::SameAdmin1 => "same province",
            Relation::SameCountry => "same country",
        }
    }
}

/// What the word before a mention says about the kind of place it names.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Hint {
    /// Nothing.
    #[default]
    None,
    /// A French article or contraction (`du Québec`, `au Liban`, `le
    /// Kurdistan`): a country or region, not a city.
    Region,
    /// French `à` (`à Québec`, `à Tripoli`): a city.
    City,
}

/// The result of tagging one text.
#[derive(Clone, Debug, Default)]
pub struct Tagged {
    /// The mentions, sorted by position, never overlapping.
    pub mentions: Vec<Mention>,
    /// The scored candidates of ambiguous mentions (see
    /// [`Tagged::choices_of`]).
    pub choices: Vec<Choice>,
    /// The entities found by their shape in this text, in no gazetteer:
    /// their ids come after the gazetteer's (see [`Tagged::entry`]).
    pub found: Vec<Entry>,
}

impl Tagged {
    /// The entry a mention names: one of `gazetteer` (the tagger's), or
    /// one found by shape in this text.
    ///
    /// # Panics
    ///
    /// When the id comes from neither.
    pub fn entry<'a>(
        &'a self,
        gazetteer: &'a Gazetteer,
        id: EntryId,
    ) -> &'a Entry {
        match id.index().checked_sub(gazetteer.len()) {
            None => gazetteer.entry(id),
            Some(i) => &self.found[i],
        }
    }

    /// The scored candidates of one mention, best first (empty when the
    /// mention is unambiguous).
    pub fn choices_of(&self, m: &Mention) -> &[Choice] {
        &self.choices[m.choices.0 as usize..m.choices.1 as usize]
    }
}

/// A mention as the resolver leaves it, before disambiguation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Found {
    /// The entry of highest priority and population among the allowed
    /// ones (disambiguation may choose another).
    pub entry: EntryId,
    /// Original byte range of the surface form.
    pub span: Span,
    /// The pattern that matched.
    pub pattern: PatternId,
    /// How many distinct entries the surface could name here.
    pub candidates: u32,
    /// How the surface matched `entry`'s alias.
    pub rule: MatchRule,
    /// The allowed entries of an ambiguous mention, a range of
    /// [`Resolution::alts`] (empty when unambiguous).
    pub alts: (u32, u32),
    /// What the word before the mention says (ambiguous mentions only).
    pub hint: Hint,
    /// The confidence of a name found by shape (`None`: disambiguation's).
    pub confidence: Option<f32>,
}

/// What the resolver found in one text: mentions whose entry is still to
/// be chosen among their alternatives.
#[derive(Clone, Debug, Default)]
pub(crate) struct Resolution {
    /// The mentions, sorted by position, never overlapping.
    pub found: Vec<Found>,
    /// The alternatives of ambiguous mentions (see [`Found::alts`]).
    pub alts: Vec<EntryId>,
    /// The entities found by shape, numbered after the gazetteer's.
    pub entries: Vec<Entry>,
}

impl Resolution {
    /// Empties it for the next text.
    pub fn clear(&mut self) {
        self.found.clear();
        self.alts.clear();
        self.entries.clear();
    }
}

/// The pattern of mentions found by shape, which no pattern matched.
pub(crate) const NO_PATTERN: PatternId = PatternId(u32::MAX);
