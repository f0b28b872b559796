//! Persons: a place inside a person's name is no place.
//!
//! A place right after a first name or a title, or a first-name place
//! before a surname, is part of a person's name (`Lewis Hamilton`, `M.
//! Hamilton`, `Ana Ruiz`); so is a place that is the surname of a person
//! named in full elsewhere in the document (`Hamilton fastest`).

use foldhash::HashSet;

use crate::common_words::{self, Langs};
use crate::gazetteer::EntityType;
use crate::lexicon;
use crate::normalize::starts_with_capital;
use crate::normalize::{normalize_key, Case};
use crate::offsets::Span;

use super::{Chosen, Resolver, Valid};

/// Whether the span looks like part of a person's name: a first name or a
/// title just before it (`Lewis Hamilton`, `M. Hamilton`), or the span is a
/// first name followed by a capitalized word that is not an ordinary word,
/// or by a name particle (`Ana Ruiz`, `Van der Berg`).
pub(super) fn person_like(text: &str, span: Span) -> bool {
    if let Some(prev) = text[..span.start].strip_suffix(' ') {
        let prev = last_word(prev);
        let prev = prev.strip_suffix('.').unwrap_or(prev);
        let name = common_words::is_first_name(prev)
            && !lexicon::NOT_FIRST_NAMES
                .contains(&prev.to_lowercase().as_str());
        if starts_with_capital(prev)
            && (name || lexicon::TITLES.contains(&prev))
        {
            return true;
        }
    }
    let surface = &text[span.start..span.end];
    if surface.contains(' ') || !common_words::is_first_name(surface) {
        return false;
    }
    let Some(after) = text[span.end..].strip_prefix(' ') else { return false };
    let next: &str =
        after.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    if lexicon::PERSON_NAME_PARTICLES.contains(&next) {
        return true;
    }
    starts_with_capital(next)
        && common_words::common_in(&normalize_key(next, Case::Fold))
            == Langs::NONE
}

/// The longest word, in bytes, that [`last_word`] returns: longer than
/// any first name or title.
const MAX_WORD: usize = 64;

/// The last word of `text`, after its last space or line break, or `""`
/// when that word is longer than [`MAX_WORD`] bytes (no first name nor
/// title is): only the end of the text is looked at, so that finding the
/// word before each of many names costs no more than the names.
fn last_word(text: &str) -> &str {
    let tail = &text.as_bytes()[text.len().saturating_sub(MAX_WORD + 1)..];
    match tail.iter().rposition(|&b| b == b' ' || b == b'\n') {
        Some(i) => &text[text.len() - tail.len() + i + 1..],
        None if tail.len() == text.len() => text,
        None => "",
    }
}

impl<'a> Resolver<'a> {
    /// The surnames of the persons among the kept mentions (`Lewis
    /// Hamilton`, a stop phrase, or a person of the gazetteer): the bare
    /// surname elsewhere in the document names them, not a place.
    pub(super) fn surnames(
        &self,
        valid: &[Valid],
        order: &[Chosen],
    ) -> HashSet<&'a str> {
        let mut surnames = HashSet::default();
        for &(i, (entry, _, _)) in order {
            if self.gazetteer.entry(entry).kind != EntityType::Person {
                continue;
            }
            let surface = self.surface(valid[i].span);
            if let Some((_, last)) = surface.rsplit_once(' ') {
                if last.chars().count() >= 3 && starts_with_capital(last) {
                    surnames.insert(last);
                }
            }
        }
        surnames
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_inside_person_names() {
        // `(text, the place in it, whether it is part of a person's name)`
        let table: &[(&str, &str, bool)] = &[
            ("Lewis Hamilton won", "Hamilton", true),
            ("M. Hamilton a dit", "Hamilton", true),
            ("Dr Hamilton", "Hamilton", true),
            ("in Hamilton", "Hamilton", false),
            ("Le Caire", "Caire", false),
            ("Tal Abyad", "Abyad", false),
            ("Ana Ruiz a dit", "Ana", true),
            ("Van der Berg", "Van", true),
            ("in Paris today", "Paris", false),
            ("Paris and Lyon", "Paris", false),
            ("Jordan\nHamilton", "Hamilton", false),
            ("Jordan\nLewis Hamilton", "Hamilton", true),
            ("Jordan Lewis\nHamilton", "Hamilton", false),
            ("xLewis Hamilton", "Hamilton", false),
        ];
        for &(text, place, want) in table {
            let start = text.find(place).unwrap();
            let span = Span::new(start, start + place.len());
            assert_eq!(person_like(text, span), want, "{text:?}");
        }
    }

    #[test]
    fn last_words() {
        let long = "x".repeat(MAX_WORD + 2);
        let table: &[(&str, &str)] = &[
            ("", ""),
            ("Lewis", "Lewis"),
            ("said Lewis", "Lewis"),
            ("a\nLewis", "Lewis"),
            ("a ", ""),
            (&long, ""),
        ];
        for &(text, want) in table {
            assert_eq!(last_word(text), want, "{text:?}");
        }
        let exactly = "x".repeat(MAX_WORD);
        assert_eq!(last_word(&exactly), exactly);
        assert_eq!(last_word(&format!("a {exactly}")), exactly);
        assert_eq!(last_word(&format!("b a{exactly}")), "");
    }

    #[test]
    fn first_names_and_titles_fit_in_a_word() {
        let names = include_str!("../../data/first_names/names.txt");
        let longest =
            names.lines().chain(crate::lexicon::TITLES.iter().copied());
        assert!(longest.map(str::len).max().unwrap() <= MAX_WORD);
    }
}
