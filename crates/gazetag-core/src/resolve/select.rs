//! Selection: the leftmost-longest *valid* name wins.
//!
//! Candidates are taken by start, longer first (the order `Resolver::run`
//! sorts them in), and one that overlaps an already taken mention is
//! dropped. Because the boundary and case rules run before selection, a
//! longer candidate that fails a rule never hides a shorter valid one
//! inside it (`Raqqa Provinces` still yields `Raqqa`). Within a candidate,
//! the allowed entry of highest priority, then population, is kept
//! (gazetteer order breaks ties); disambiguation may choose another later.

use crate::gazetteer::EntryId;
use crate::mention::MatchRule;

use super::{Chosen, Pass, Resolver, Valid};

/// Leftmost-longest selection over `valid` (already sorted), keeping only
/// candidates for which `choose` finds an entry. Writes the kept indices,
/// with the choice, into `order`.
pub(super) fn select(
    valid: &[Valid],
    order: &mut Vec<Chosen>,
    choose: impl Fn(&Valid) -> Option<(EntryId, u32, MatchRule)>,
) {
    order.clear();
    let mut taken_end = 0;
    for (i, v) in valid.iter().enumerate() {
        if v.span.start < taken_end {
            continue;
        }
        let Some(choice) = choose(v) else { continue };
        taken_end = v.span.end;
        order.push((i, choice));
    }
}

impl Resolver<'_> {
    /// The best allowed entry of a valid candidate, how many distinct
    /// entries are allowed, and the best rule by which the chosen entry
    /// matched.
    pub(super) fn best(
        &self,
        v: &Valid,
        passing: &[Pass],
        allowed: impl Fn(&Valid, EntryId, &Pass) -> bool,
    ) -> Option<(EntryId, u32, MatchRule)> {
        let targets = self.matcher.targets(v.pattern);
        let mut best: Option<(EntryId, MatchRule)> = None;
        let mut n = 0u32;
        let mut last = None;
        for p in &passing[v.from as usize..v.to as usize] {
            let t = &targets[p.target as usize];
            if !allowed(v, t.entry, p) {
                continue;
            }
            if last != Some(t.entry) {
                n += 1;
                last = Some(t.entry);
            }
            best = match best {
                None => Some((t.entry, p.rule)),
                Some((b, r)) if b == t.entry => Some((b, r.min(p.rule))),
                Some((b, r)) => {
                    let g = self.gazetteer;
                    let (eb, et) = (g.entry(b), g.entry(t.entry));
                    let kb = (eb.priority, eb.population.unwrap_or(0));
                    let kt = (et.priority, et.population.unwrap_or(0));
                    if kt > kb {
                        Some((t.entry, p.rule))
                    } else {
                        Some((b, r))
                    }
                }
            };
        }
        best.map(|(b, r)| (b, n, r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matcher::PatternId;
    use crate::offsets::Span;
    use crate::resolve::context::PlaceCue;

    fn valid(start: usize, end: usize) -> Valid {
        Valid {
            span: Span::new(start, end),
            pattern: PatternId(0),
            from: 0,
            to: 0,
            any_context: false,
            place_cue: PlaceCue::None,
        }
    }

    #[test]
    fn leftmost_longest_valid_wins() {
        // `(candidates sorted by start then longest, the ones that have an
        // allowed entry, the kept ones)`
        type Case =
            (&'static [(usize, usize)], &'static [usize], &'static [usize]);
        let table: &[Case] = &[
            (&[(0, 10), (0, 4), (5, 10)], &[0, 1, 2], &[0]),
            (&[(0, 10), (0, 4), (5, 10)], &[1, 2], &[1, 2]),
            (&[(0, 10), (0, 4), (5, 10)], &[2], &[2]),
            (&[(0, 4), (2, 8), (4, 9)], &[0, 1, 2], &[0, 2]),
            (&[(0, 4), (2, 8)], &[1], &[1]),
            (&[], &[], &[]),
        ];
        for &(spans, ok, want) in table {
            let valid: Vec<Valid> =
                spans.iter().map(|&(s, e)| valid(s, e)).collect();
            let mut order = Vec::new();
            select(&valid, &mut order, |v| {
                let i = valid.iter().position(|w| w.span == v.span).unwrap();
                ok.contains(&i).then_some((EntryId(0), 1, MatchRule::Exact))
            });
            let kept: Vec<usize> = order.iter().map(|&(i, _)| i).collect();
            assert_eq!(kept, want, "{spans:?} allowed {ok:?}");
        }
    }
}
