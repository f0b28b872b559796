//! Context: what the document says for a name that needs it.
//!
//! A target whose alias needs context (a `?` alias, a small place, an
//! ordinary word at a sentence start) survives only when the document
//! gives it: a context-free mention of the same entry, of an entry of the
//! same country (for places: a *place* of the same country), another
//! armed actor for an actor of no one country, or a place preposition
//! just before it (`à`, `in`, `في`; `بالموصل`). Context is gathered in two
//! rounds: from the mentions that need none and the places a preposition
//! introduces, then once more from the mentions that this context lets in
//! (`forces du régime` in a Syrian text gives the actor context that
//! `l'EI` needs).
//!
//! It also reads the French word before an ambiguous name, which tells
//! disambiguation whether a region or a city is meant (`du Québec`, `à
//! Québec`).

use foldhash::HashSet;

use crate::gazetteer::{EntityType, EntryId, Gazetteer};
use crate::lexicon;
use crate::mention::Hint;
use crate::normalize::{is_apostrophe, is_ignorable};

use super::boundary::{before, is_arabic};
use super::{select, Chosen, Pass, Resolver, Valid};

/// A cue before a name that it is a place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum PlaceCue {
    /// None.
    None,
    /// A preposition glued to an Arabic name with its article
    /// (`بالموصل`): enough for normal context, not for strong.
    Clitic,
    /// A preposition word (`à`, `in`, `في`): enough for any context.
    Word,
}

impl PlaceCue {
    fn satisfies(self, p: &Pass) -> bool {
        match self {
            PlaceCue::None => false,
            PlaceCue::Clitic => !p.strong,
            PlaceCue::Word => true,
        }
    }
}

/// What the document names without needing context.
#[derive(Default)]
pub(super) struct Context {
    entries: HashSet<EntryId>,
    countries: HashSet<String>,
    /// Whether an armed actor is named without context.
    actor: bool,
    /// The countries of the places named: a place needs a place of its
    /// country (an agency such as AFP says nothing of French villages).
    place_countries: HashSet<String>,
}

impl Resolver<'_> {
    /// The document's context, in two rounds; `None` when no candidate
    /// needs any.
    pub(super) fn document_context(
        &self,
        valid: &[Valid],
        passing: &[Pass],
        order: &mut Vec<Chosen>,
    ) -> Option<Context> {
        if !valid.iter().any(|v| v.any_context) {
            return None;
        }
        let g = self.gazetteer;
        let free = |v: &Valid, e: EntryId, p: &Pass| {
            !p.needs_context || cue_allows(g, v, e, p)
        };
        let first = self.gather(valid, passing, order, free);
        let second = self.gather(valid, passing, order, |v, e, p| {
            allows(g, Some(&first), v, e, p)
        });
        Some(second)
    }

    /// The context that the mentions allowed by `allowed` give.
    fn gather(
        &self,
        valid: &[Valid],
        passing: &[Pass],
        order: &mut Vec<Chosen>,
        allowed: impl Fn(&Valid, EntryId, &Pass) -> bool + Copy,
    ) -> Context {
        let mut ctx = Context::default();
        select::select(valid, order, |v| self.best(v, passing, allowed));
        for &(_, (entry, _, _)) in order.iter() {
            let e = self.gazetteer.entry(entry);
            if e.flags.block {
                continue;
            }
            ctx.entries.insert(entry);
            ctx.actor |= e.kind == EntityType::Actor;
            if !e.country.is_empty() {
                ctx.countries.insert(e.country.clone());
                if e.kind == EntityType::Place {
                    ctx.place_countries.insert(e.country.clone());
                }
            }
        }
        ctx
    }
}

/// Whether target entry `e` of candidate `v` may be tagged given the
/// document's context.
pub(super) fn allows(
    gazetteer: &Gazetteer,
    context: Option<&Context>,
    v: &Valid,
    e: EntryId,
    p: &Pass,
) -> bool {
    if !p.needs_context {
        return true;
    }
    if cue_allows(gazetteer, v, e, p) {
        return true;
    }
    let entry = gazetteer.entry(e);
    let Some(ctx) = context else { return false };
    if ctx.entries.contains(&e) {
        return true;
    }
    if p.strong {
        return false;
    }
    // Entities of no one country (the Islamic State) take context from
    // another armed actor named in the document.
    if entry.country.is_empty() {
        return entry.kind == EntityType::Actor && ctx.actor;
    }
    if entry.kind == EntityType::Place {
        return ctx.place_countries.contains(&entry.country);
    }
    ctx.countries.contains(&entry.country)
}

/// Whether a place preposition before the span lets place `e` in: not
/// for a row flagged `needs_country` (`in Bab` is no Slovak village in a
/// text about Aleppo), which needs a place of its country instead.
fn cue_allows(gazetteer: &Gazetteer, v: &Valid, e: EntryId, p: &Pass) -> bool {
    let entry = gazetteer.entry(e);
    v.place_cue.satisfies(p)
        && entry.kind == EntityType::Place
        && !entry.flags.needs_country
}

/// The place cue before byte `start`: a place preposition word (an elided
/// one, `d’`, counts; so does one with `و`/`ف` before it: `وفي`), or a
/// preposition glued to an Arabic name that has its article.
pub(super) fn place_cue(text: &str, start: usize, surface: &str) -> PlaceCue {
    let mut glued: Vec<char> =
        before(text, start).take_while(|&c| is_arabic(c)).take(5).collect();
    if !glued.is_empty() {
        glued.reverse();
        let glued: String = glued.into_iter().collect();
        // `للموصل`: the preposition `ل` took the article's alef.
        let with_article = surface.starts_with("ال")
            || glued.ends_with("ال")
            || (glued.ends_with('ل') && surface.starts_with('ل'));
        let glued = glued.strip_suffix("ال").unwrap_or(&glued);
        return if with_article
            && lexicon::ARABIC_PREPOSITION_CLITICS.contains(&glued)
        {
            PlaceCue::Clitic
        } else {
            PlaceCue::None
        };
    }
    let word = word_before(text, start).to_lowercase();
    let bare = word
        .strip_prefix('و')
        .or_else(|| word.strip_prefix('ف'))
        .filter(|w| !w.is_empty());
    let found = !word.is_empty()
        && (lexicon::PLACE_PREPOSITIONS.contains(&word.as_str())
            || bare.is_some_and(|w| lexicon::PLACE_PREPOSITIONS.contains(&w)));
    if found {
        PlaceCue::Word
    } else {
        PlaceCue::None
    }
}

/// The word before byte `start`, past white space, apostrophes and
/// ignorable characters (`d’Alep` gives `d`).
fn word_before(text: &str, start: usize) -> &str {
    let before = text[..start].trim_end_matches(|c: char| {
        c.is_whitespace() || is_apostrophe(c) || is_ignorable(c)
    });
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphabetic())
        .last()
        .map_or(before.len(), |(i, _)| i);
    &before[word_start..]
}

/// What the French word before byte `start` says: `du`, `au`, `aux`,
/// `le`, `la`, `l’` name regions and countries; `à` names cities.
pub(super) fn hint_before(text: &str, start: usize) -> Hint {
    let before = text[..start].trim_end();
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic() || is_apostrophe(*c))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<String>()
        .to_lowercase();
    if lexicon::REGION_ARTICLES_FR.contains(&word.as_str()) {
        Hint::Region
    } else if lexicon::CITY_PREPOSITIONS_FR.contains(&word.as_str()) {
        Hint::City
    } else {
        Hint::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_cues() {
        let table: &[(&str, &str, PlaceCue)] = &[
            ("à Alep", "Alep", PlaceCue::Word),
            ("d’Alep", "Alep", PlaceCue::Word),
            ("near Homs", "Homs", PlaceCue::Word),
            ("said Homs", "Homs", PlaceCue::None),
            ("في حمص", "حمص", PlaceCue::Word),
            ("وفي حمص", "حمص", PlaceCue::Word),
            ("بالموصل", "الموصل", PlaceCue::Clitic),
            ("والموصل", "الموصل", PlaceCue::None),
            ("Homs", "Homs", PlaceCue::None),
        ];
        for &(text, name, want) in table {
            let start = text.rfind(name).unwrap();
            assert_eq!(place_cue(text, start, name), want, "{text:?}");
        }
    }

    #[test]
    fn french_hints() {
        let table: &[(&str, Hint)] = &[
            ("du Québec", Hint::Region),
            ("au Québec", Hint::Region),
            ("l’Québec", Hint::Region),
            ("à Québec", Hint::City),
            ("À Québec", Hint::City),
            ("de Québec", Hint::None),
            ("Québec", Hint::None),
        ];
        for &(text, want) in table {
            let start = text.rfind("Québec").unwrap();
            assert_eq!(hint_before(text, start), want, "{text:?}");
        }
    }
}
