//! Gazetteer entries: what an entity is and how it may be named.
//!
//! This module owns [`Entry`], [`EntityType`], [`EntryId`], [`Alias`] and
//! the [`Gazetteer`] that holds them in load order. Loading and validation
//! live in [`load`]. It knows
//! nothing of text, matching or output.

pub mod hygiene;
pub mod load;
pub mod review;
mod subtype;

pub use subtype::Subtype;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The index of an entry in its [`Gazetteer`].
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
)]
pub struct EntryId(pub u32);

impl EntryId {
    /// The index as a `usize`.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// The kind of thing an entry names.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
)]
pub enum EntityType {
    /// Countries, provinces, cities, villages, rivers, named areas.
    Place,
    /// Agencies, media, NGOs, international bodies.
    Org,
    /// Armed groups and forces.
    Actor,
    /// People.
    Person,
}

impl EntityType {
    /// Every type, in the order used for display.
    pub const ALL: [EntityType; 4] = [
        EntityType::Place,
        EntityType::Org,
        EntityType::Actor,
        EntityType::Person,
    ];

    /// The upper-case label used in gazetteers and output.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Place => "PLACE",
            EntityType::Org => "ORG",
            EntityType::Actor => "ACTOR",
            EntityType::Person => "PERSON",
        }
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EntityType {
    type Err = UnknownType;

    fn from_str(s: &str) -> Result<EntityType, UnknownType> {
        match s.trim().to_ascii_uppercase().as_str() {
            "PLACE" => Ok(EntityType::Place),
            "ORG" => Ok(EntityType::Org),
            "ACTOR" => Ok(EntityType::Actor),
            "PERSON" => Ok(EntityType::Person),
            _ => Err(UnknownType(s.to_string())),
        }
    }
}

/// A type name that is none of `PLACE`, `ORG`, `ACTOR`, `PERSON`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown type {0:?} (expected PLACE, ORG, ACTOR or PERSON)")]
pub struct UnknownType(pub String);

/// How the letter case of an alias must agree with the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CaseRule {
    /// Any case matches.
    Insensitive,
    /// Only the alias's own case matches (acronyms such as `EI`, `OSDH`).
    Exact,
}

/// One way of naming an entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alias {
    /// The alias as written, without its markers.
    pub text: String,
    /// Whether case must agree.
    pub case: CaseRule,
    /// Whether the alias is tagged only when the document gives context.
    pub needs_context: bool,
}

impl Alias {
    /// Parses one alias cell item: markers (`!`, `~`, `?`) then the text.
    ///
    /// Without a case marker, an alias of two or more letters that are all
    /// upper case is case-exact; any other alias is case-insensitive.
    pub fn parse(raw: &str) -> Alias {
        let mut case = None;
        let mut needs_context = false;
        let mut rest = raw.trim();
        loop {
            if let Some(r) = rest.strip_prefix('!') {
                case = Some(CaseRule::Exact);
                rest = r;
            } else if let Some(r) = rest.strip_prefix('~') {
                case = Some(CaseRule::Insensitive);
                rest = r;
            } else if let Some(r) = rest.strip_prefix('?') {
                needs_context = true;
                rest = r;
            } else {
                break;
            }
        }
        let text = rest.trim().to_string();
        let case = case.unwrap_or_else(|| default_case(&text));
        Alias { text, case, needs_context }
    }
}

/// The acronym rule: an alias written in upper-case letters only (at
/// least two) matches exactly.
fn default_case(text: &str) -> CaseRule {
    if is_acronym(text) {
        CaseRule::Exact
    } else {
        CaseRule::Insensitive
    }
}

/// Whether an alias is written as an acronym: at least two letters, all
/// upper case.
pub(crate) fn is_acronym(text: &str) -> bool {
    let mut letters = text.chars().filter(|c| c.is_alphabetic());
    letters.clone().count() >= 2 && letters.all(char::is_uppercase)
}

/// Per-row flags.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize,
)]
pub struct Flags {
    /// The names are Arabic in origin (transliteration keys apply).
    pub arabic: bool,
    /// Every alias of the entry needs context.
    pub needs_context: bool,
    /// A place that a preposition alone does not let in: where it needs
    /// context, only a place of its own country named in the document (or
    /// the same entry) will do. The world pack's small places carry it.
    pub needs_country: bool,
    /// The names are not ordinary words: the common-word rule is off.
    pub not_common: bool,
    /// A stop phrase (`Tour de France`, `Paris Saint-Germain`): matched so
    /// that the names inside it are not tagged, but never output.
    pub block: bool,
}

/// One entity of a gazetteer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Unique, stable id (`geonames:173480`, `wikidata:Q2429253`).
    pub id: String,
    /// What the entry names.
    pub kind: EntityType,
    /// Subtype (`city`, `armed_group`...).
    pub subtype: Subtype,
    /// Canonical display name.
    pub name: String,
    /// Every way of naming the entry, the canonical name first.
    pub aliases: Vec<Alias>,
    /// ISO 3166-1 alpha-2 country code, or empty.
    pub country: String,
    /// First-level subdivision, or empty.
    pub admin1: String,
    /// Latitude in decimal degrees.
    pub lat: Option<f64>,
    /// Longitude in decimal degrees.
    pub lon: Option<f64>,
    /// Population, where known.
    pub population: Option<u64>,
    /// Preference among entries that share a surface form (higher wins).
    pub priority: i32,
    /// Row flags.
    pub flags: Flags,
    /// Where the row comes from.
    pub source: String,
}

/// A set of entries, in load order.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Gazetteer {
    entries: Vec<Entry>,
}

impl Gazetteer {
    /// A gazetteer holding `entries` in this order.
    pub fn from_entries(entries: Vec<Entry>) -> Gazetteer {
        Gazetteer { entries }
    }

    /// The entry with this id.
    ///
    /// # Panics
    ///
    /// When the id does not come from this gazetteer.
    pub fn entry(&self, id: EntryId) -> &Entry {
        &self.entries[id.index()]
    }

    /// Every entry with its id, in load order.
    pub fn iter(&self) -> impl Iterator<Item = (EntryId, &Entry)> {
        self.entries.iter().enumerate().map(|(i, e)| (EntryId(i as u32), e))
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there is no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// A copy without the aliases of the entries (what a compiled index
    /// stores).
    pub fn without_aliases(&self) -> Gazetteer {
        let entries = self
            .entries
            .iter()
            .map(|e| Entry { aliases: Vec::new(), ..e.clone() })
            .collect();
        Gazetteer { entries }
    }

    /// The number of aliases over all entries.
    pub fn alias_count(&self) -> usize {
        self.entries.iter().map(|e| e.aliases.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_markers() {
        let table: &[(&str, &str, CaseRule, bool)] = &[
            ("EI", "EI", CaseRule::Exact, false),
            ("OSDH", "OSDH", CaseRule::Exact, false),
            ("CJTF-OIR", "CJTF-OIR", CaseRule::Exact, false),
            ("Daech", "Daech", CaseRule::Insensitive, false),
            ("I", "I", CaseRule::Insensitive, false),
            ("داعش", "داعش", CaseRule::Insensitive, false),
            ("!Nice", "Nice", CaseRule::Exact, false),
            ("~UNESCO", "UNESCO", CaseRule::Insensitive, false),
            ("?régime", "régime", CaseRule::Insensitive, true),
            ("?!Bar", "Bar", CaseRule::Exact, true),
            ("!?Bar", "Bar", CaseRule::Exact, true),
            ("?IS", "IS", CaseRule::Exact, true),
            ("  Deir Ezzor ", "Deir Ezzor", CaseRule::Insensitive, false),
        ];
        for &(raw, text, case, ctx) in table {
            let a = Alias::parse(raw);
            assert_eq!(a.text, text, "{raw}");
            assert_eq!(a.case, case, "{raw}");
            assert_eq!(a.needs_context, ctx, "{raw}");
        }
    }

    #[test]
    fn entity_type_round_trip() {
        for t in EntityType::ALL {
            assert_eq!(t.as_str().parse::<EntityType>(), Ok(t));
        }
        assert_eq!("actor".parse::<EntityType>(), Ok(EntityType::Actor));
        assert!("LOC".parse::<EntityType>().is_err());
    }
}
