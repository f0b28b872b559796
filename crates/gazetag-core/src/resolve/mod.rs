//! From raw candidates to mentions: the resolver as a pipeline of named
//! stages, all checked on the *original* text.
//!
//! [`Resolver::run`] takes the automaton's candidates of one document
//! through these stages, one file each:
//!
//! 1. **Candidates** ([`candidate`]): each match is aligned with the
//!    original text and its targets (the entries its alias names) are
//!    filtered by the rule families below; a match through the
//!    transliteration key alone goes through [`keyed`].
//!    - [`boundary`]: no letter may touch the span (`Irak` is not in
//!      `Irakien`), French elision (`l’Irak`) and Arabic proclitics
//!      (`والرقة`) are boundaries, pieces of French compounds are not
//!      names.
//!    - [`case`]: acronyms match in their own case, capitalized aliases
//!      only capitalized surfaces.
//!    - [`common`]: an alias that is an ordinary word of the document's
//!      language needs a capital, and context at a sentence start.
//!    - [`person`]: a place inside a person's name is no place.
//! 2. **Context** ([`context`]): a target whose alias needs context
//!    survives only when the document gives it (the same entry, its
//!    country, or a place preposition before it).
//! 3. **Selection** ([`select`]): among the surviving candidates,
//!    leftmost-longest wins; a longer candidate that failed a rule never
//!    hides a shorter valid one inside it (`Raqqa Provinces` still yields
//!    `Raqqa`).
//! 4. **Output**: the surnames of persons named in full are no places
//!    elsewhere ([`person`]), and each kept mention is written with the
//!    alternatives among which `disambiguate` chooses afterwards.
//!
//! It is a pure function of its inputs: no I/O. It never imports
//! `disambiguate` or the tagger: it returns a [`Resolution`].

mod boundary;
mod candidate;
mod case;
mod common;
mod context;
mod keyed;
mod named;
mod person;
mod select;
mod shape;

use std::cell::Cell;

use crate::common_words::{self, Langs};
use crate::gazetteer::{EntityType, EntryId, Gazetteer};
use crate::matcher::{Candidate, Matcher, PatternId};
use crate::mention::{Found, Hint, MatchRule, Resolution};
use crate::normalize::Normalized;
use crate::offsets::Span;
use crate::translit::Keyed;

use context::PlaceCue;

/// What the rules need to know about the document beyond its text.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct DocInfo {
    /// The languages whose common words are restricted in this document
    /// (see `common_words::detect`); `None` to detect them when needed.
    pub langs: Option<Langs>,
    /// Whether a match through the transliteration key alone counts.
    pub translit: bool,
    /// Whether names are also found by their shape.
    pub shapes: bool,
}

/// Reusable buffers for [`Resolver::run`].
#[derive(Debug, Default)]
pub struct Scratch {
    valid: Vec<Valid>,
    passing: Vec<Pass>,
    keep_case: Normalized,
    order: Vec<Chosen>,
}

/// A target of a candidate that passed the case and boundary rules.
#[derive(Clone, Copy, Debug)]
struct Pass {
    /// Index into the pattern's targets.
    target: u32,
    rule: MatchRule,
    /// Whether this target needs context here (its alias says so, or it is
    /// a common word at the start of a sentence).
    needs_context: bool,
    /// Whether only strong context will do: the same entry elsewhere, or a
    /// place preposition (ordinary words in a script without case).
    strong: bool,
}

/// A candidate that stands at word boundaries with at least one passing
/// target.
#[derive(Clone, Copy, Debug)]
struct Valid {
    span: Span,
    pattern: PatternId,
    /// Range of `Scratch::passing`.
    from: u32,
    to: u32,
    any_context: bool,
    /// Whether a place preposition (`à`, `in`, `near`, `في`...) comes
    /// just before the span.
    place_cue: PlaceCue,
}

/// A kept candidate: its index in `valid`, and what `select::best` chose
/// for it.
type Chosen = (usize, (EntryId, u32, MatchRule));

/// The resolver of one document: the gazetteer and its matcher, and what
/// is known of the document.
pub(crate) struct Resolver<'a> {
    text: &'a str,
    norm: &'a Normalized,
    /// The transliteration key of `norm`, when the matcher searches keys.
    keyed: Option<&'a Keyed>,
    matcher: &'a Matcher,
    gazetteer: &'a Gazetteer,
    translit: bool,
    shapes: bool,
    /// The country codes of the gazetteer's countries and their names in
    /// lower case, sorted (a state's forces are found by shape only for a
    /// listed state; a country's name starts no person's name).
    countries: &'a [String],
    /// The document's languages, detected when first needed.
    langs: Cell<Option<Langs>>,
}

impl<'a> Resolver<'a> {
    /// A resolver of `text`, whose normalized form is `norm` and, when the
    /// matcher searches keys, whose key is `keyed`.
    pub(crate) fn new(
        matcher: &'a Matcher,
        gazetteer: &'a Gazetteer,
        info: DocInfo,
        text: &'a str,
        norm: &'a Normalized,
        keyed: Option<&'a Keyed>,
    ) -> Resolver<'a> {
        Resolver {
            text,
            norm,
            keyed,
            matcher,
            gazetteer,
            translit: info.translit,
            shapes: info.shapes,
            countries: &[],
            langs: Cell::new(info.langs),
        }
    }

    /// The country codes of the gazetteer's countries.
    pub(crate) fn with_countries(mut self, countries: &'a [String]) -> Self {
        self.countries = countries;
        self
    }

    /// Resolves `candidates` into non-overlapping mentions sorted by
    /// position, appended to `out`.
    pub(crate) fn run(
        &self,
        candidates: &[Candidate],
        scratch: &mut Scratch,
        out: &mut Resolution,
    ) {
        let Scratch { valid, passing, keep_case, order } = scratch;
        valid.clear();
        passing.clear();
        for c in candidates {
            if let Some(v) = self.candidate(c, passing, keep_case) {
                valid.push(v);
            }
        }
        // Leftmost first, longest first.
        valid.sort_by_key(|v| {
            (v.span.start, std::cmp::Reverse(v.span.end), v.pattern)
        });
        let context = self.document_context(valid, passing, order);
        let allowed = |v: &Valid, e: EntryId, p: &Pass| {
            context::allows(self.gazetteer, context.as_ref(), v, e, p)
        };
        select::select(valid, order, |v| self.best(v, passing, allowed));
        let surnames = self.surnames(valid, order);
        for &(i, (entry, n, rule)) in order.iter() {
            let v = &valid[i];
            let e = self.gazetteer.entry(entry);
            if e.flags.block
                || (e.kind == EntityType::Place
                    && surnames.contains(&self.surface(v.span)))
            {
                continue;
            }
            let from = out.alts.len() as u32;
            let mut hint = Hint::None;
            if n > 1 {
                let targets = self.matcher.targets(v.pattern);
                for p in &passing[v.from as usize..v.to as usize] {
                    let e = targets[p.target as usize].entry;
                    if allowed(v, e, p)
                        && !out.alts[from as usize..].contains(&e)
                    {
                        out.alts.push(e);
                    }
                }
                hint = context::hint_before(self.text, v.span.start);
            }
            out.found.push(Found {
                entry,
                span: if e.kind == EntityType::Place {
                    self.without_area_noun(v.span)
                } else {
                    v.span
                },
                pattern: v.pattern,
                candidates: n,
                rule,
                alts: (from, out.alts.len() as u32),
                hint,
                confidence: None,
            });
        }
        if self.shapes {
            self.named_stage(out);
        }
    }

    /// A place's span without an Arabic area noun before the name
    /// (`محافظة نينوى` → `نينوى`).
    fn without_area_noun(&self, span: Span) -> Span {
        let surface = self.surface(span);
        for noun in crate::lexicon::ARABIC_AREA_NOUNS {
            if let Some(rest) = surface.strip_prefix(noun) {
                if let Some(name) = rest.strip_prefix(' ') {
                    if !name.is_empty() {
                        return Span::new(span.end - name.len(), span.end);
                    }
                }
            }
        }
        span
    }

    /// The original text of a span.
    fn surface(&self, span: Span) -> &'a str {
        &self.text[span.start..span.end]
    }

    /// The languages of the document, detected at the first call.
    fn doc_langs(&self) -> Langs {
        if let Some(langs) = self.langs.get() {
            return langs;
        }
        let langs = common_words::detect(self.text);
        self.langs.set(Some(langs));
        langs
    }
}
