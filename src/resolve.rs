//! From raw candidates to mentions: boundaries, context and overlaps.
//!
//! This module owns the rules that decide which candidates become
//! [`Mention`]s, all checked on the *original* text:
//!
//! 1. **Alignment.** A candidate that starts or ends inside the expansion
//!    of one original character (`œ` → `oe`) is dropped.
//! 2. **Word boundaries.** No letter, digit or combining mark may touch the
//!    span (`Irak` is not in `Irakien`, `EI` not in `REIMS`). Ignorable
//!    characters (zero-width, bidi marks) are skipped when looking at the
//!    neighbours. An apostrophe before the span is a boundary only after a
//!    French elided word (`l’`, `d’`, `qu’`, `jusqu’`...) or when nothing
//!    but space precedes it, so `l’Irak` tags `Irak` but `Ma'arrat` does not
//!    tag `arrat`. An apostrophe after the span is a boundary (`Aleppo's`).
//!    Arabic proclitics (`و ف ب ل ك` and their pairs, and `ال` for names
//!    without the article) glued to an Arabic-script name are a boundary:
//!    `والرقة` tags `الرقة`.
//! 3. **Case.** A case-exact alias matches only when the surface, normalized
//!    with case kept, equals the alias normalized the same way. An alias
//!    written with a capital first letter (a proper name: `Nice`, `Chine`,
//!    `Syrien`) matches only a surface that starts with a capital, so the
//!    common words and adjectives that share its letters (`nice`, the
//!    French `syrien`) are not tagged; aliases written in lower case
//!    (`forces du régime`) match in any case.
//! 4. **Context.** A target whose alias needs context survives only when a
//!    context-free mention of the same entry, or of an entry of the same
//!    country, is in the document.
//! 5. **Overlaps.** Among the surviving candidates, leftmost-longest wins:
//!    candidates are taken by start, longer first, and one that overlaps an
//!    already taken mention is dropped. Because boundaries are checked
//!    before overlaps, a longer candidate that fails a rule never hides a
//!    shorter valid one inside it (`Raqqa Provinces` still yields `Raqqa`).
//! 6. **Choice.** Among the entries that a surface may name, the highest
//!    `priority` wins, then the largest population, then gazetteer order.
//!
//! It is a pure function of its inputs: no I/O.

use std::collections::HashSet;

use unicode_normalization::char::is_combining_mark;

use crate::gazetteer::{EntryId, Gazetteer};
use crate::matcher::{starts_with_capital, Candidate, Matcher, PatternId};
use crate::normalize::{
    is_apostrophe, is_ignorable, normalize_into, Case, Normalized,
};
use crate::offsets::Span;

/// A resolved mention: an entry and where it is in the original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The chosen entry.
    pub entry: EntryId,
    /// Original byte range of the surface form.
    pub span: Span,
    /// The pattern that matched (see [`Matcher::targets`]).
    pub pattern: PatternId,
    /// How many distinct entries the surface could name here.
    pub candidates: u32,
}

/// French words that elide before a vowel and count as a boundary before
/// an apostrophe.
const ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu",
    "quoiqu",
];

/// Arabic proclitics that may be glued to any name.
const PROCLITICS: &[&str] = &[
    "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك", "لل", "ولل",
    "فلل",
];

/// Reusable buffers for [`resolve`].
#[derive(Debug, Default)]
pub struct Scratch {
    valid: Vec<Valid>,
    passing: Vec<u32>,
    keep_case: Normalized,
    order: Vec<usize>,
}

#[derive(Clone, Copy, Debug)]
struct Valid {
    span: Span,
    pattern: PatternId,
    /// Indices into the pattern's targets, in `Scratch::passing`.
    from: u32,
    to: u32,
    any_context: bool,
}

/// Resolves `candidates` found in `norm` (the normalized `text`) into
/// non-overlapping mentions sorted by position, appended to `out`.
pub fn resolve(
    text: &str,
    norm: &Normalized,
    candidates: &[Candidate],
    matcher: &Matcher,
    gazetteer: &Gazetteer,
    scratch: &mut Scratch,
    out: &mut Vec<Mention>,
) {
    let Scratch { valid, passing, keep_case, order } = scratch;
    valid.clear();
    passing.clear();
    for c in candidates {
        let Some(span) = norm.map.to_original(c.norm_span) else { continue };
        let surface = &text[span.start..span.end];
        if !starts_word(text, span.start, surface)
            || !ends_word(text, span.end, surface)
        {
            continue;
        }
        let targets = matcher.targets(c.pattern);
        let from = passing.len() as u32;
        let mut kept_case = false;
        let mut any_context = false;
        let capital = starts_with_capital(surface);
        for (i, t) in targets.iter().enumerate() {
            if t.capitalized && !capital {
                continue;
            }
            if let Some(exact) = &t.exact {
                if !kept_case {
                    normalize_into(surface, Case::Keep, keep_case);
                    kept_case = true;
                }
                if keep_case.text.trim_matches(' ') != &**exact {
                    continue;
                }
            }
            any_context |= t.needs_context;
            passing.push(i as u32);
        }
        let to = passing.len() as u32;
        if from < to {
            valid.push(Valid {
                span,
                pattern: c.pattern,
                from,
                to,
                any_context,
            });
        }
    }
    // Leftmost first, longest first.
    valid.sort_by_key(|v| {
        (v.span.start, std::cmp::Reverse(v.span.end), v.pattern)
    });

    let context = if valid.iter().any(|v| v.any_context) {
        let mut ctx = Context::default();
        select(valid, order, |v| {
            best(gazetteer, matcher, v, passing, |_, t| !t.needs_context)
        });
        for &i in order.iter() {
            let v = &valid[i];
            let (entry, _) =
                best(gazetteer, matcher, v, passing, |_, t| !t.needs_context)
                    .expect("select only keeps candidates with a choice");
            ctx.entries.insert(entry);
            let country = &gazetteer.entry(entry).country;
            if !country.is_empty() {
                ctx.countries.insert(country.clone());
            }
        }
        Some(ctx)
    } else {
        None
    };
    let allowed = |e: EntryId, t: &crate::matcher::Target| {
        if !t.needs_context {
            return true;
        }
        let Some(ctx) = &context else { return false };
        let country = &gazetteer.entry(e).country;
        ctx.entries.contains(&e)
            || (!country.is_empty() && ctx.countries.contains(country))
    };
    select(valid, order, |v| best(gazetteer, matcher, v, passing, allowed));
    for &i in order.iter() {
        let v = &valid[i];
        let (entry, n) = best(gazetteer, matcher, v, passing, allowed)
            .expect("select only keeps candidates with a choice");
        out.push(Mention {
            entry,
            span: v.span,
            pattern: v.pattern,
            candidates: n,
        });
    }
}

#[derive(Default)]
struct Context {
    entries: HashSet<EntryId>,
    countries: HashSet<String>,
}

/// Leftmost-longest selection over `valid` (already sorted), keeping only
/// candidates for which `choose` finds an entry. Writes kept indices into
/// `order`.
fn select<T>(
    valid: &[Valid],
    order: &mut Vec<usize>,
    choose: impl Fn(&Valid) -> Option<T>,
) {
    order.clear();
    let mut taken_end = 0;
    for (i, v) in valid.iter().enumerate() {
        if v.span.start < taken_end || choose(v).is_none() {
            continue;
        }
        taken_end = v.span.end;
        order.push(i);
    }
}

/// The best allowed entry of a valid candidate, and how many distinct
/// entries are allowed.
fn best(
    gazetteer: &Gazetteer,
    matcher: &Matcher,
    v: &Valid,
    passing: &[u32],
    allowed: impl Fn(EntryId, &crate::matcher::Target) -> bool,
) -> Option<(EntryId, u32)> {
    let targets = matcher.targets(v.pattern);
    let mut best: Option<EntryId> = None;
    let mut n = 0u32;
    let mut last = None;
    for &i in &passing[v.from as usize..v.to as usize] {
        let t = &targets[i as usize];
        if !allowed(t.entry, t) {
            continue;
        }
        if last != Some(t.entry) {
            n += 1;
            last = Some(t.entry);
        }
        best = match best {
            None => Some(t.entry),
            Some(b) => {
                let (eb, et) = (gazetteer.entry(b), gazetteer.entry(t.entry));
                let kb = (eb.priority, eb.population.unwrap_or(0));
                let kt = (et.priority, et.population.unwrap_or(0));
                if kt > kb {
                    Some(t.entry)
                } else {
                    Some(b)
                }
            }
        };
    }
    best.map(|b| (b, n))
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}')
}

/// The characters before `at`, nearest first, ignorable ones skipped.
fn before(text: &str, at: usize) -> impl Iterator<Item = char> + '_ {
    text[..at].chars().rev().filter(|&c| !is_ignorable(c))
}

/// Whether a mention may start at byte `start` of `text`.
fn starts_word(text: &str, start: usize, surface: &str) -> bool {
    let Some(first) = surface.chars().next() else { return false };
    if !is_word_char(first) {
        return true;
    }
    let mut prev = before(text, start);
    let Some(p) = prev.next() else { return true };
    if is_apostrophe(p) {
        return elided_before_apostrophe(prev);
    }
    if !is_word_char(p) {
        return true;
    }
    if is_arabic(first) && is_arabic(p) {
        return arabic_proclitic(text, start, surface);
    }
    false
}

/// After an apostrophe: is the word before it a French elided word, or is
/// there no word at all (an opening quote)?
fn elided_before_apostrophe(chars: impl Iterator<Item = char>) -> bool {
    let mut word = String::new();
    for c in chars {
        if is_word_char(c) {
            if word.len() >= 6 {
                return false;
            }
            word.extend(c.to_lowercase());
        } else {
            break;
        }
    }
    if word.is_empty() {
        return true;
    }
    let word: String = word.chars().rev().collect();
    ELISIONS.contains(&word.as_str())
}

/// Whether the Arabic letters glued before `start` form a proclitic.
fn arabic_proclitic(text: &str, start: usize, surface: &str) -> bool {
    let mut prefix: Vec<char> = Vec::with_capacity(4);
    for c in before(text, start) {
        if is_word_char(c) {
            if prefix.len() >= 4 {
                return false;
            }
            prefix.push(c);
        } else {
            break;
        }
    }
    prefix.reverse();
    let prefix: String = prefix.into_iter().collect();
    let with_article = surface.starts_with("ال") || surface.starts_with("أل");
    if PROCLITICS.contains(&prefix.as_str()) {
        return true;
    }
    // `ال` (with an optional proclitic before it) for names without one.
    if !with_article {
        if let Some(rest) = prefix.strip_suffix("ال") {
            return rest.is_empty() || PROCLITICS.contains(&rest);
        }
    }
    false
}

/// Whether a mention may end at byte `end` of `text`.
fn ends_word(text: &str, end: usize, surface: &str) -> bool {
    let Some(last) = surface.chars().next_back() else { return false };
    if !is_word_char(last) {
        return true;
    }
    match text[end..].chars().find(|&c| !is_ignorable(c)) {
        None => true,
        Some(c) => !is_word_char(c) || is_apostrophe(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_boundaries() {
        let table: &[(&str, &str, bool)] = &[
            ("Irak", "Irak", true),
            ("en Irak", "Irak", true),
            ("Irakien", "Irak", true),
            ("REIMS", "EI", false),
            ("l’Irak", "Irak", true),
            ("l'Irak", "Irak", true),
            ("d’Alep", "Alep", true),
            ("qu’Alep", "Alep", true),
            ("jusqu'à Raqqa", "Raqqa", true),
            ("Jusqu’Alep", "Alep", true),
            ("Ma'arrat", "arrat", false),
            ("« 'Alep", "Alep", true),
            ("x\u{200B}Irak", "Irak", false),
            ("(Irak", "Irak", true),
            ("2Irak", "Irak", false),
            ("والرقة", "الرقة", true),
            ("بالموصل", "الموصل", true),
            ("وبحلب", "حلب", true),
            ("الحلب", "حلب", true),
            ("كالحلب", "حلب", true),
            ("مالرقة", "الرقة", false),
            ("حلبحلب", "حلب", false),
        ];
        for &(text, surface, want) in table {
            let start = text.rfind(surface).unwrap();
            assert_eq!(
                starts_word(text, start, surface),
                want,
                "{text:?} / {surface:?}"
            );
        }
    }

    #[test]
    fn end_boundaries() {
        let table: &[(&str, &str, bool)] = &[
            ("Irak", "Irak", true),
            ("Irakien", "Irak", false),
            ("Irak.", "Irak", true),
            ("Aleppo's", "Aleppo", true),
            ("Aleppo’s", "Aleppo", true),
            ("Irak\u{200B}ien", "Irak", false),
            ("Irak2", "Irak", false),
            ("U.S.A", "U.S.", true),
        ];
        for &(text, surface, want) in table {
            let end = text.find(surface).unwrap() + surface.len();
            assert_eq!(
                ends_word(text, end, surface),
                want,
                "{text:?} / {surface:?}"
            );
        }
    }
}
