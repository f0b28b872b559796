//! Word boundaries: where a name may start and end in the original text.
//!
//! No letter, digit or combining mark may touch the span (`Irak` is not in
//! `Irakien`, `EI` not in `REIMS`); ignorable characters (zero-width, bidi
//! marks) are skipped when looking at the neighbours. An apostrophe before
//! the span is a boundary only after a French elided word (`l’`, `d’`,
//! `jusqu’`...) or when nothing but space precedes it, so `l’Irak` tags
//! `Irak` but `Ma'arrat` does not tag `arrat`; an apostrophe after the
//! span is a boundary (`Aleppo's`). Arabic proclitics glued to an
//! Arabic-script name are a boundary (`والرقة` tags `الرقة`), and so is the
//! article `ال` before a name written without it. A span that is a piece
//! of a French hyphenated compound (`Île-de-France`) is no name.

use unicode_normalization::char::is_combining_mark;

use crate::lexicon;
use crate::normalize::{is_apostrophe, is_ignorable, Normalized};
use crate::offsets::Span;

/// Whether the span is a piece of a French hyphenated compound name,
/// joined by a short lower-case word (`Île-de-France`, `Bar-le-Duc`,
/// `Digne-les-Bains`), where it names something else.
fn in_compound(text: &str, span: Span) -> bool {
    // `-de-`: a hyphen, one to four lower-case letters, a hyphen.
    fn joiner(mut chars: impl Iterator<Item = char>) -> bool {
        if chars.next() != Some('-') {
            return false;
        }
        for (letters, c) in chars.enumerate() {
            if c == '-' {
                return letters > 0;
            }
            if !c.is_lowercase() || !c.is_alphabetic() || letters == 4 {
                return false;
            }
        }
        false
    }
    joiner(text[..span.start].chars().rev())
        || joiner(text[span.end..].chars())
}

/// Whether an Arabic letter is glued before byte `start`.
pub(super) fn glued_to_arabic(text: &str, start: usize) -> bool {
    before(text, start).next().is_some_and(is_arabic)
}

/// The original span of `norm_span`, if it is aligned and stands at word
/// boundaries.
pub(super) fn word_span(
    text: &str,
    norm: &Normalized,
    norm_span: Span,
) -> Option<Span> {
    let span = norm.map.to_original(norm_span)?;
    let surface = &text[span.start..span.end];
    (starts_word(text, span.start, surface)
        && ends_word(text, span.end, surface)
        && !in_compound(text, span))
    .then_some(span)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

pub(super) fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}')
}

/// The characters before `at`, nearest first, ignorable ones skipped.
pub(super) fn before(
    text: &str,
    at: usize,
) -> impl Iterator<Item = char> + '_ {
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
    lexicon::ELISIONS.contains(&word.as_str())
}

/// Whether the Arabic letters glued before `start` form a proclitic.
fn arabic_proclitic(text: &str, start: usize, surface: &str) -> bool {
    // At most four letters, nearest first, then written out in order.
    let mut glued = ['\0'; 4];
    let mut n = 0;
    for c in before(text, start) {
        if !is_word_char(c) {
            break;
        }
        if n == glued.len() {
            return false;
        }
        glued[n] = c;
        n += 1;
    }
    let mut buf = [0u8; 16];
    let mut len = 0;
    for c in glued[..n].iter().rev() {
        len += c.encode_utf8(&mut buf[len..]).len();
    }
    let prefix = std::str::from_utf8(&buf[..len]).expect("whole chars");
    let with_article = surface.starts_with("ال") || surface.starts_with("أل");
    if lexicon::ARABIC_PROCLITICS.contains(&prefix) {
        return true;
    }
    // `ال` (with an optional proclitic before it) for names without one.
    if !with_article {
        if let Some(rest) = prefix.strip_suffix("ال") {
            return rest.is_empty()
                || lexicon::ARABIC_PROCLITICS.contains(&rest);
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
