//! The transliteration stage: a surface that shares only its
//! transliteration key with an alias (`Boukamal` for `Albu Kamal`), and
//! the pre-filter that drops key matches that can name nothing before the
//! pattern tables are read.

use crate::common_words;
use crate::lexicon;
use crate::matcher::PatternId;
use crate::mention::MatchRule;
use crate::normalize::{normalize_key, starts_with_capital, Case, Normalized};
use crate::offsets::Span;

use super::case::KeepCase;
use super::{Pass, Resolver};

impl Resolver<'_> {
    /// Whether a key match certainly names nothing: most key matches of a
    /// large gazetteer are words that only share a key with a name, and
    /// without a transliterable target and with no alias spelled like the
    /// surface, nothing can come of them.
    pub(super) fn names_nothing(
        &self,
        pattern: PatternId,
        core: Span,
        group: Span,
    ) -> bool {
        let may_be = |s: Span| {
            self.norm
                .text
                .get(s.start..s.end)
                .is_none_or(|f| self.matcher.may_be_alias(f))
        };
        self.keyed.is_some()
            && !self.matcher.has_translit(pattern)
            && !may_be(group)
            && (core == group || !may_be(core))
    }

    /// The keyed stage, for a surface at `span` (the group's original
    /// span) that spells no alias of `pattern`: the targets that allow
    /// transliteration, on a capitalized surface of name-like words.
    /// Returns the span and the first of its passes.
    pub(super) fn keyed_stage(
        &self,
        pattern: PatternId,
        span: Span,
        core: Span,
        group: Span,
        passing: &mut Vec<Pass>,
        keep_case: &mut Normalized,
    ) -> Option<(Span, u32)> {
        if self.keyed.is_none()
            || !self.translit
            || !self.matcher.has_translit(pattern)
        {
            return None;
        }
        let targets = self.matcher.targets(pattern);
        let surface = self.surface(span);
        let from = passing.len() as u32;
        // `al-Mayadine`: the name after the article is capitalized.
        let name_start =
            self.norm.map.to_original(core).map_or(span.start, |c| c.start);
        // An ordinary word (`Some`, `Tennis`, `Bureau`), or a frequent
        // name (`Bayonne`), is never read as a spelling of a name it
        // merely sounds like.
        let folded_surface = &self.norm.text[group.start..group.end];
        let capitalized = starts_with_capital(surface)
            || starts_with_capital(&self.text[name_start..span.end]);
        if capitalized
            && translit_words_ok(surface)
            && !common_words::frequent_word(folded_surface)
        {
            let mut kc = KeepCase::new(keep_case);
            for (i, t) in targets.iter().enumerate() {
                if !t.translit {
                    continue;
                }
                let Some(need) = self.admit(t, span, true, &mut kc, &mut None)
                else {
                    continue;
                };
                passing.push(Pass {
                    target: i as u32,
                    rule: MatchRule::Translit,
                    needs_context: need.needs_context,
                    strong: need.strong,
                });
            }
        }
        // Targets are grouped by alias: back to gazetteer order, which
        // breaks ties between entries.
        passing[from as usize..]
            .sort_by_key(|p| targets[p.target as usize].entry);
        (passing.len() as u32 > from).then_some((span, from))
    }
}

/// Whether a surface may be a transliteration match: it stands on one
/// line; every word other than an article or particle has three letters or
/// more and a capital, and not all of them are frequent words (ordinary
/// words or frequent names), so that a name's key cannot be met by a
/// phrase of such words (`Mosul in` for `Michel Aoun`, `Diary The` for
/// `Dare Tu`). A short word in capitals is an acronym (`IDOT`, `NATO`),
/// matched as written or not at all, never by its key.
fn translit_words_ok(surface: &str) -> bool {
    // One line, one space between words (`Diary\n\nThe` is no name).
    if surface.contains(['\n', '\r']) || surface.contains("  ") {
        return false;
    }
    let mut words = 0;
    let mut ordinary = 0;
    for w in surface
        .split(|c: char| c.is_whitespace() || c == '-' || c == '\u{2010}')
        .filter(|w| !w.is_empty())
    {
        if lexicon::is_romanized_particle(&w.to_lowercase()) {
            continue;
        }
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        if letters < 3 || !starts_with_capital(w) {
            return false;
        }
        if letters <= 5 && !w.chars().any(char::is_lowercase) {
            return false;
        }
        words += 1;
        if common_words::frequent_word(&normalize_key(w, Case::Fold)) {
            ordinary += 1;
        }
    }
    // Ordinary words only (`Dare Tu` met by `Diary The`) are no name.
    words > 0 && ordinary < words
}

#[cfg(test)]
mod tests {
    use super::translit_words_ok;

    #[test]
    fn transliterated_surfaces_are_name_like() {
        let table: &[(&str, bool)] = &[
            ("Boukamal", true),
            ("Deir ez-Zor", true),
            ("Abou Kamal", true),
            ("al-Mayadine", true),
            ("Diary The", false),
            ("Mosul in", false),
            ("Diary\n\nThe", false),
            ("Deir  Ezzor", false),
            ("boukamal", false),
            ("ez-zor", false),
            ("IDOT", false),
            ("NATO", false),
            ("BOUKAMAL", true),
        ];
        for &(surface, want) in table {
            assert_eq!(translit_words_ok(surface), want, "{surface:?}");
        }
    }
}
