//! Case: which surfaces an alias matches by the case of their letters.
//!
//! A case-exact alias (an acronym, `OSDH`) matches only when the surface,
//! normalized with case kept, equals the alias normalized the same way. An
//! alias written with a capital first letter (a proper name: `Nice`,
//! `Chine`, `Syrien`) matches only a surface that starts with a capital,
//! so the common words and adjectives that share its letters (`nice`, the
//! French `syrien`) are not tagged; aliases written in lower case (`forces
//! du régime`) match in any case. A surface that matches an acronym in its
//! exact case (`SANA`) is that acronym, not a place spelled the same
//! (`Sana`).

use crate::lexicon;
use crate::matcher::{Matcher, Target};
use crate::normalize::{
    normalize_into, normalize_key, starts_with_capital, Case, Normalized,
};

use super::Pass;

/// The surface normalized with its case kept, computed at most once.
pub(super) struct KeepCase<'a> {
    buf: &'a mut Normalized,
    done: bool,
}

impl<'a> KeepCase<'a> {
    /// Not computed yet, into `buf`.
    pub(super) fn new(buf: &'a mut Normalized) -> KeepCase<'a> {
        KeepCase { buf, done: false }
    }
}

/// Whether the case of `surface` suits target `t`.
/// `capital` says whether the name in the surface is capitalized.
pub(super) fn case_ok(
    matcher: &Matcher,
    t: &Target,
    surface: &str,
    capital: bool,
    kc: &mut KeepCase<'_>,
) -> bool {
    if t.capitalized && !capital {
        return false;
    }
    if t.exact_case {
        if !kc.done {
            normalize_into(surface, Case::Keep, kc.buf);
            kc.done = true;
        }
        return kc.buf.text.trim_matches(' ')
            == normalize_key(matcher.alias(t), Case::Keep);
    }
    true
}

/// Whether a name is capitalized, a romanized Arabic article written in
/// lower case aside (`al-Mayadin`, `el-Bab`, `ad-Dana`).
pub(super) fn name_capitalized(surface: &str) -> bool {
    if starts_with_capital(surface) {
        return true;
    }
    surface.split_once(['-', ' ']).is_some_and(|(article, rest)| {
        lexicon::ROMANIZED_ARTICLES.contains(&article)
            && starts_with_capital(rest)
    })
}

/// When some of the passes from `from` on are of case-exact targets (an
/// acronym) and others are not, keeps only the case-exact ones.
pub(super) fn prefer_exact_case(
    targets: &[Target],
    passing: &mut Vec<Pass>,
    from: u32,
) {
    let mine = &passing[from as usize..];
    let exact = |p: &Pass| targets[p.target as usize].exact_case;
    if mine.iter().any(exact) && !mine.iter().all(exact) {
        let mut k = from as usize;
        for j in from as usize..passing.len() {
            if exact(&passing[j]) {
                passing[k] = passing[j];
                k += 1;
            }
        }
        passing.truncate(k);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_with_a_lower_case_article_are_capitalized() {
        let table: &[(&str, bool)] = &[
            ("Mayadin", true),
            ("al-Mayadin", true),
            ("el Bab", true),
            ("ash-Shaddadi", true),
            ("al-mayadin", false),
            ("an idea", false),
            ("mayadin", false),
        ];
        for &(surface, want) in table {
            assert_eq!(name_capitalized(surface), want, "{surface}");
        }
    }
}
