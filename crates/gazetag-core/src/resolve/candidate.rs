//! The candidate stage: one automaton match, aligned with the original
//! text, and the targets of its alias that pass the boundary, case,
//! common-word and person rules.
//!
//! A surface whose normalized form is an alias is a folded (or exact)
//! match; otherwise only the transliteration key is shared, and the
//! keyed stage ([`super::keyed`]) decides.

use crate::gazetteer::EntityType;
use crate::matcher::{Candidate, PatternId, Target};
use crate::mention::MatchRule;
use crate::normalize::Normalized;
use crate::offsets::Span;

use super::boundary::{glued_to_arabic, word_span};
use super::case::{case_ok, name_capitalized, prefer_exact_case, KeepCase};
use super::common::Need;
use super::context::place_cue;
use super::person::person_like;
use super::{Pass, Resolver, Valid};

impl Resolver<'_> {
    /// The valid candidate `c` makes, if any, with its passing targets
    /// appended to `passing`.
    pub(super) fn candidate(
        &self,
        c: &Candidate,
        passing: &mut Vec<Pass>,
        keep_case: &mut Normalized,
    ) -> Option<Valid> {
        // `core` is the name, `group` the name with an article or `Abu`
        // before it (the same span when the key has none).
        let (core, group) = match self.keyed {
            None => (c.search_span, c.search_span),
            Some(k) => {
                let ks = k.to_norm(c.search_span)?;
                (ks.core, ks.group)
            }
        };
        if self.names_nothing(c.pattern, core, group) {
            return None;
        }
        let (folded, group_span) =
            self.folded_stage(c.pattern, core, group, passing, keep_case);
        let (span, from) = match folded {
            Some(found) => found,
            None => self.keyed_stage(
                c.pattern,
                group_span?,
                core,
                group,
                passing,
                keep_case,
            )?,
        };
        let to = passing.len() as u32;
        let targets = self.matcher.targets(c.pattern);
        // An Arabic place name with a proclitic glued to it (`برقة` is
        // also "gently") needs context like a small place does.
        if glued_to_arabic(self.text, span.start) {
            for p in &mut passing[from as usize..] {
                let e = self.gazetteer.entry(targets[p.target as usize].entry);
                if e.kind == EntityType::Place
                    && !e.flags.not_common
                    && !e.subtype.is_country()
                {
                    p.needs_context = true;
                }
            }
        }
        let any_context =
            passing[from as usize..].iter().any(|p| p.needs_context);
        let place_cue = if any_context {
            place_cue(self.text, span.start, self.surface(span))
        } else {
            super::PlaceCue::None
        };
        Some(Valid {
            span,
            pattern: c.pattern,
            from,
            to,
            any_context,
            place_cue,
        })
    }

    /// The folded stage: the targets of the alias that the surface spells
    /// once normalized, tried with the article (`al-Mayadin`) first.
    /// Returns the span and the first of its passes, and the group's
    /// original span for the keyed stage.
    fn folded_stage(
        &self,
        pattern: PatternId,
        core: Span,
        group: Span,
        passing: &mut Vec<Pass>,
        keep_case: &mut Normalized,
    ) -> (Option<(Span, u32)>, Option<Span>) {
        let mut group_span = None;
        for (n, norm_span) in [group, core].into_iter().enumerate() {
            if n == 1 && norm_span == group {
                break;
            }
            let span = word_span(self.text, self.norm, norm_span);
            if n == 0 {
                group_span = span;
            }
            let Some(span) = span else {
                continue;
            };
            let folded = &self.norm.text[norm_span.start..norm_span.end];
            // Searching keys, only the targets of this very alias count
            // here; searching folded text, every target is this alias.
            let (offset, same_alias) = if self.keyed.is_some() {
                self.matcher.targets_folded(pattern, folded)
            } else {
                (0, self.matcher.targets(pattern))
            };
            let from = passing.len() as u32;
            let surface = self.surface(span);
            let capital = name_capitalized(surface);
            let mut kc = KeepCase::new(keep_case);
            let mut person = None;
            for (i, t) in same_alias.iter().enumerate() {
                let Some(need) =
                    self.admit(t, span, capital, &mut kc, &mut person)
                else {
                    continue;
                };
                let rule = if self.matcher.alias(t) == surface {
                    MatchRule::Exact
                } else {
                    MatchRule::Folded
                };
                passing.push(Pass {
                    target: (offset + i) as u32,
                    rule,
                    needs_context: need.needs_context,
                    strong: need.strong,
                });
            }
            prefer_exact_case(self.matcher.targets(pattern), passing, from);
            if passing.len() as u32 > from {
                return (Some((span, from)), group_span);
            }
        }
        (None, group_span)
    }

    /// The rules one target must pass at `span`: case, common words and
    /// persons. Returns the context it needs, or `None` when it fails.
    /// `person` caches whether the span is part of a person's name.
    pub(super) fn admit(
        &self,
        t: &Target,
        span: Span,
        capital: bool,
        kc: &mut KeepCase<'_>,
        person: &mut Option<bool>,
    ) -> Option<Need> {
        if !case_ok(self.matcher, t, self.surface(span), capital, kc) {
            return None;
        }
        // `لموصل` only after the preposition `ل` (`للموصل`).
        if t.contracted && !self.text[..span.start].ends_with('ل') {
            return None;
        }
        let need = self.common_word_rule(t, span, capital)?;
        if self.gazetteer.entry(t.entry).kind == EntityType::Place
            && *person.get_or_insert_with(|| person_like(self.text, span))
        {
            return None;
        }
        Some(need)
    }
}
