//! Looking a name up: which entries a name or spelling would match, as
//! the tagger matches it (folded, or through its transliteration key).
//!
//! This module owns [`Lookup`] and [`Hit`]: it folds and keys a name as
//! documents are, asks the matcher for the patterns that cover it whole,
//! and says, for each entry, which alias matched and how. It knows
//! nothing of documents, context or disambiguation: a name looked up
//! alone is not judged by the rules that need its sentence (case at the
//! start of a sentence, context, common words).

use crate::gazetteer::EntryId;
use crate::matcher::{Candidate, Matcher, SearchSpace};
use crate::mention::MatchRule;
use crate::normalize::{normalize_key, Case};
use crate::translit;

/// What a name looks like to the matcher, and what it matches.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lookup {
    /// The name as given.
    pub name: String,
    /// The name folded as documents are (case, diacritics, apostrophes,
    /// Arabic letter variants...).
    pub folded: String,
    /// Its transliteration key (word markers removed), compared with the
    /// aliases of entries whose names are Arabic in origin.
    pub key: String,
    /// The entries it matches, in gazetteer order, one per entry.
    pub found: Vec<Hit>,
}

/// One entry a looked-up name matches.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// The entry.
    pub entry: EntryId,
    /// The alias that matched, as written in the gazetteer.
    pub alias: String,
    /// How: [`MatchRule::Exact`], [`MatchRule::Folded`] or
    /// [`MatchRule::Translit`].
    pub rule: MatchRule,
    /// The alias matches only in its own case (an acronym, or `!`).
    pub exact_case: bool,
    /// The alias is tagged only with context in the document (`?`).
    pub needs_context: bool,
}

/// Looks `name` up in `matcher`.
pub(crate) fn lookup(matcher: &Matcher, name: &str) -> Lookup {
    let name = name.trim();
    let folded = normalize_key(name, Case::Fold);
    let searched = match matcher.space() {
        SearchSpace::Folded => folded.clone(),
        SearchSpace::Translit => translit::key(&folded),
    };
    let mut out = Lookup {
        name: name.to_string(),
        key: searched.replace(['\u{2}', '\u{3}'], ""),
        folded,
        found: Vec::new(),
    };
    if out.folded.is_empty() {
        return out;
    }
    let mut candidates: Vec<Candidate> = Vec::new();
    matcher.candidates(&searched, &mut candidates);
    for c in candidates {
        if c.search_span.start != 0 || c.search_span.end != searched.len() {
            continue;
        }
        for t in matcher.targets(c.pattern) {
            let alias = matcher.alias(t);
            let rule = if alias == name {
                MatchRule::Exact
            } else if matcher.folded(t) == out.folded {
                MatchRule::Folded
            } else if t.translit && matcher.space() == SearchSpace::Translit {
                MatchRule::Translit
            } else {
                continue;
            };
            let found = Hit {
                entry: t.entry,
                alias: alias.to_string(),
                rule,
                exact_case: t.exact_case,
                needs_context: t.needs_context,
            };
            match out.found.iter_mut().find(|f| f.entry == t.entry) {
                // The closest match of an entry is the one shown.
                Some(f) if rule < f.rule => *f = found,
                Some(_) => {}
                None => out.found.push(found),
            }
        }
    }
    out.found.sort_by_key(|f| f.entry);
    out
}

/// The aliases of each of `entries` as the matcher holds them (a compiled
/// index keeps aliases in its matcher only), in pattern order, without
/// repeats.
pub(crate) fn aliases_of(
    matcher: &Matcher,
    entries: &[EntryId],
) -> Vec<Vec<String>> {
    let mut out = vec![Vec::new(); entries.len()];
    for p in 0..matcher.pattern_count() {
        for t in matcher.targets(crate::matcher::PatternId(p as u32)) {
            if let Some(i) = entries.iter().position(|&e| e == t.entry) {
                let alias = matcher.alias(t);
                if !out[i].iter().any(|a: &String| a == alias) {
                    out[i].push(alias.to_string());
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::{Loader, MatchRule, Tagger};

    #[test]
    fn names_match_folded_or_by_key() {
        let mut loader = Loader::new();
        loader.add_str(
            "t.csv",
            "id,type,name,aliases,country,flags\n\
             bk,PLACE,Albu Kamal,Abu Kamal|البوكمال,SY,arabic\n\
             is,ACTOR,Islamic State,EI|?Daech,,\n\
             tl,PLACE,Tripoli,,LB,\n\
             ty,PLACE,Tripoli,,LY,\n",
        );
        let tagger = Tagger::new(loader.finish().unwrap()).unwrap();
        type Want<'a> = &'a [(&'a str, &'a str, MatchRule)];
        let table: &[(&str, Want)] = &[
            ("Albu Kamal", &[("bk", "Albu Kamal", MatchRule::Exact)]),
            ("ALBU KAMAL", &[("bk", "Albu Kamal", MatchRule::Folded)]),
            ("Boukamal", &[("bk", "Abu Kamal", MatchRule::Translit)]),
            ("EI", &[("is", "EI", MatchRule::Exact)]),
            ("daech", &[("is", "Daech", MatchRule::Folded)]),
            (
                "Tripoli",
                &[
                    ("tl", "Tripoli", MatchRule::Exact),
                    ("ty", "Tripoli", MatchRule::Exact),
                ],
            ),
            ("Tripolis", &[]),
            ("Kamal", &[]),
            ("", &[]),
        ];
        for &(name, want) in table {
            let got = tagger.lookup(name);
            let got: Vec<(&str, &str, MatchRule)> = got
                .found
                .iter()
                .map(|f| {
                    let e = tagger.gazetteer().entry(f.entry);
                    (e.id.as_str(), f.alias.as_str(), f.rule)
                })
                .collect();
            assert_eq!(got, want, "{name}");
        }
        let l = tagger.lookup("Deïr  Ez-Zor");
        assert_eq!(l.folded, "deir ez zor");
    }

    #[test]
    fn aliases_come_from_the_matcher() {
        let mut loader = Loader::new();
        loader.add_str(
            "t.csv",
            "id,type,name,aliases\nx,ORG,Red Crescent,SARC|Croissant-Rouge\n",
        );
        let tagger = Tagger::new(loader.finish().unwrap()).unwrap();
        let mut got = tagger.aliases_of(&[crate::EntryId(0)]);
        got[0].sort();
        assert_eq!(got, [["Croissant-Rouge", "Red Crescent", "SARC"]]);
    }
}
