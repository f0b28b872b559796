//! The last stage: names found by their shape join the gazetteer's
//! mentions, then short forms of the names named in full.
//!
//! A name found by shape ([`super::shape`]) is kept where no gazetteer
//! mention overlaps it, or where the gazetteer mentions it covers are
//! places (or, for a state's forces, actors) inside it (`University of
//! [Mosul]` is one organisation); the gazetteer wins every other overlap.
//! Each distinct name becomes an entity of the document, numbered after
//! the gazetteer's entries.
//!
//! Short forms: after a person is named in full (by the gazetteer or by
//! shape), the same document's later uses of the surname alone
//! (`Brennan`, `al-Kadhimi`, `الكاظمي`) name that person; an acronym
//! defined in parentheses after a name (`Syrian Democratic Forces (SDF)`)
//! names it there and everywhere after; a head noun with a definite
//! article (`the Ministry`, `l'Observatoire`, `التحالف`) names the one
//! organisation or force of that head named before it. A short form never
//! resolves without its full form before it, nor when two entities share
//! it.

use foldhash::{HashMap, HashMapExt};

use crate::gazetteer::{EntityType, Entry, EntryId, Flags, Subtype};
use crate::mention::{Found, Hint, MatchRule, Resolution, NO_PATTERN};
use crate::offsets::Span;

use super::shape::{
    capitalized, is_arabic_word, Finder, ShapeHit, ShapeRule, Tok,
};
use super::Resolver;

/// The confidence of a short form.
const SHORT_CONFIDENCE: f32 = 0.85;

/// How far (in bytes) a place found by shape looks for a gazetteer place
/// to take its country from.
const COUNTRY_REACH: usize = 1500;

impl Resolver<'_> {
    /// Adds the names found by shape and the short forms to `out`, whose
    /// mentions are the gazetteer's, sorted by position.
    pub(super) fn named_stage(&self, out: &mut Resolution) {
        let has_country = |s: &str| {
            self.countries.binary_search_by(|c| c.as_str().cmp(s)).is_ok()
        };
        let finder = Finder::new(self.text, &has_country);
        let glen = self.gazetteer.len() as u32;
        let mut added: Vec<Found> = Vec::new();
        let mut names: HashMap<(EntityType, String), u32> = HashMap::new();
        let hits = finder.find();
        // A government is an actor where the document is about armed
        // actors: another force, a unit, or an actor of the gazetteer.
        let armed = hits.iter().any(|h| {
            matches!(h.rule, ShapeRule::Unit)
                || (h.rule == ShapeRule::Force && !governs(h))
        }) || out.found.iter().any(|f| {
            f.entry.index() < self.gazetteer.len()
                && self.gazetteer.entry(f.entry).kind == EntityType::Actor
        });
        // The gazetteer mentions replaced by a name found by shape, removed
        // at the end: `out.found` stays sorted and indexed meanwhile, so
        // that each hit looks at its neighbours only.
        let mut removed = vec![false; out.found.len()];
        for hit in hits {
            if hit.rule == ShapeRule::Force && governs(&hit) && !armed {
                continue;
            }
            if !self.make_room(&hit, &out.found, &mut removed) {
                continue;
            }
            let surface = self.surface(hit.span);
            let key = (hit.kind, surface.to_lowercase());
            let next = out.entries.len() as u32;
            let index = *names.entry(key).or_insert(next);
            if index == next {
                let country = match (&hit.country, hit.kind) {
                    (Some(cc), _) => cc.clone(),
                    (None, EntityType::Place) => self
                        .country_near(hit.span, &out.found, &removed)
                        .unwrap_or_default(),
                    _ => String::new(),
                };
                out.entries.push(shape_entry(&hit, surface, country));
            }
            added.push(shape_found(
                hit.span,
                EntryId(glen + index),
                MatchRule::Shape,
                hit.rule.confidence(),
            ));
        }
        let mut kept = removed.iter().map(|r| !r);
        out.found.retain(|_| kept.next().unwrap_or(true));
        out.found.extend(added);
        out.found.sort_by_key(|f| f.span.start);
        self.short_forms(&finder, out);
    }

    /// Whether `hit` may be added: marks as `removed` the gazetteer
    /// mentions inside it that it replaces, and says no when another
    /// overlaps it. `found` is sorted by position and never overlapping,
    /// so the mentions that overlap `hit` are a range found by binary
    /// search.
    fn make_room(
        &self,
        hit: &ShapeHit,
        found: &[Found],
        removed: &mut [bool],
    ) -> bool {
        let glen = self.gazetteer.len();
        let from = found.partition_point(|f| f.span.end <= hit.span.start);
        let to = from
            + found[from..].partition_point(|f| f.span.start < hit.span.end);
        let overlapping: Vec<usize> = (from..to)
            .filter(|&i| {
                let f = &found[i];
                !removed[i]
                    && f.span.start < hit.span.end
                    && hit.span.start < f.span.end
            })
            .collect();
        let replaceable = |f: &Found| {
            if f.entry.index() >= glen || f.span == hit.span {
                return false;
            }
            let inside =
                f.span.start >= hit.span.start && f.span.end <= hit.span.end;
            let e = self.gazetteer.entry(f.entry);
            // A person's name takes in no well-known place (`France
            // Mobilités` is no person); an Arabic organisation's name no
            // place at all (`نادي باريس سان جيرمان`).
            let well_known = e.subtype.is_country()
                || e.subtype.is_admin1()
                || e.population.is_some_and(|p| p >= 100_000);
            let person =
                matches!(hit.rule, ShapeRule::FirstName | ShapeRule::Title);
            let arabic = is_arabic_word(self.surface(hit.span));
            inside
                && !(person && well_known)
                && !arabic
                && (e.kind == EntityType::Place
                    || (e.kind == EntityType::Actor
                        && matches!(
                            hit.rule,
                            ShapeRule::Force | ShapeRule::Unit
                        )))
        };
        if !overlapping.iter().all(|&i| replaceable(&found[i])) {
            return false;
        }
        for &i in &overlapping {
            removed[i] = true;
        }
        true
    }

    /// The country of the gazetteer place nearest to `span` among the
    /// mentions of `found` not `removed`, if one is close enough (the
    /// first one in order when two are as near). `found` is sorted by
    /// position: only the mentions within reach are looked at.
    fn country_near(
        &self,
        span: Span,
        found: &[Found],
        removed: &[bool],
    ) -> Option<String> {
        let country = |i: usize| {
            let f = &found[i];
            if removed[i] || f.entry.index() >= self.gazetteer.len() {
                return None;
            }
            let e = self.gazetteer.entry(f.entry);
            (e.kind == EntityType::Place && !e.country.is_empty())
                .then_some(&e.country)
        };
        let split = found.partition_point(|f| f.span.start <= span.start);
        let reach = |i: &usize| {
            found[*i].span.start.abs_diff(span.start) <= COUNTRY_REACH
        };
        let before = (0..split)
            .rev()
            .take_while(reach)
            .find_map(|i| Some((i, country(i)?)));
        let after = (split..found.len())
            .take_while(reach)
            .find_map(|i| Some((i, country(i)?)));
        let distance = |i: usize| found[i].span.start.abs_diff(span.start);
        match (before, after) {
            (Some((b, c)), Some((a, _))) if distance(b) <= distance(a) => {
                Some(c.clone())
            }
            (_, Some((_, c))) | (Some((_, c)), None) => Some(c.clone()),
            (None, None) => None,
        }
    }

    /// The kind of the entity a found mention names.
    fn kind_of(&self, f: &Found, out: &Resolution) -> EntityType {
        let glen = self.gazetteer.len();
        match f.entry.index().checked_sub(glen) {
            None => self.gazetteer.entry(f.entry).kind,
            Some(i) => out.entries[i].kind,
        }
    }

    /// Adds the short forms of the names of `out`.
    fn short_forms(&self, finder: &Finder<'_>, out: &mut Resolution) {
        // Short form → (entity, where its full form ends); `None` once two
        // entities share it.
        let mut forms: HashMap<&str, Option<(EntryId, usize)>> =
            HashMap::new();
        let mut pending: Vec<(String, EntryId, usize)> = Vec::new();
        for f in &out.found {
            let surface = self.surface(f.span);
            if self.kind_of(f, out) == EntityType::Person {
                if let Some(last) = surname(surface) {
                    pending.push((last.to_string(), f.entry, f.span.end));
                }
            }
            if let Some((acronym, span)) = acronym_after(self.text, f.span.end)
            {
                pending.push((acronym.to_string(), f.entry, span.start));
            }
        }
        for (form, entry, end) in &pending {
            let slot =
                forms.entry(form.as_str()).or_insert(Some((*entry, *end)));
            if let Some((e, at)) = *slot {
                if e != *entry {
                    *slot = None;
                } else if *end < at {
                    *slot = Some((e, *end));
                }
            }
        }
        let heads = self.heads_named(out);
        if forms.values().all(Option::is_none) && heads.is_empty() {
            return;
        }
        let mut added = Vec::new();
        let mut k = 0;
        for (i, &Tok { start, end }) in finder.toks().iter().enumerate() {
            while k < out.found.len() && out.found[k].span.end <= start {
                k += 1;
            }
            if k < out.found.len() && out.found[k].span.start < end {
                continue;
            }
            if !heads.is_empty() {
                if let Some(found) = short_head(self.text, finder, i, &heads) {
                    added.push(found);
                    continue;
                }
            }
            let word = &self.text[start..end];
            // Surnames are capitalized or Arabic, acronyms in capitals.
            if !capitalized(word) && !is_arabic_word(word) {
                continue;
            }
            // `al-Kadhimi`: the particle and hyphen before the word.
            let with_particle = particle_start(self.text, start)
                .map(|s| (s, &self.text[s..end]));
            for (s, form) in with_particle.into_iter().chain([(start, word)]) {
                if let Some(Some((entry, full_end))) = forms.get(form) {
                    let covered = k > 0 && out.found[k - 1].span.end > s;
                    if s >= *full_end && !covered {
                        added.push(shape_found(
                            Span::new(s, end),
                            *entry,
                            MatchRule::Short,
                            SHORT_CONFIDENCE,
                        ));
                        break;
                    }
                }
            }
        }
        out.found.extend(added);
        out.found.sort_by_key(|f| f.span.start);
    }
}

impl Resolver<'_> {
    /// For each short head (`ministry`, `مرصد`), the organisations and
    /// forces whose names have it, with where each is first named.
    fn heads_named(&self, out: &Resolution) -> Heads {
        let words = crate::lexicon::shape_words();
        let mut heads = Heads::new();
        for f in &out.found {
            if !matches!(
                self.kind_of(f, out),
                EntityType::Org | EntityType::Actor
            ) {
                continue;
            }
            let surface = self.surface(f.span);
            for t in super::shape::tokens(surface) {
                let low = surface[t.start..t.end].to_lowercase();
                // `التحالف`, and `لتحالف` where ل took the article's alef.
                let head = [low.as_str()]
                    .into_iter()
                    .chain(low.strip_prefix("ال"))
                    .chain(low.strip_prefix('ل'))
                    .find(|h| words.short_heads.contains(*h));
                if let Some(head) = head {
                    let named = match heads.iter().position(|(h, _)| h == head)
                    {
                        Some(k) => &mut heads[k].1,
                        None => {
                            heads.push((head.to_string(), Vec::new()));
                            &mut heads.last_mut().expect("pushed").1
                        }
                    };
                    if !named.iter().any(|&(e, _)| e == f.entry) {
                        named.push((f.entry, f.span.end));
                    }
                }
            }
        }
        heads
    }
}

/// Each short head named in a document (`ministry`, `مرصد`; a few at
/// most), with the organisations and forces named with it and where each
/// is first named.
type Heads = Vec<(String, Vec<(EntryId, usize)>)>;

/// The short form of a head at token `i` (`the [Ministry]`,
/// `l'[Observatoire]`, `و[المرصد]`, `ل[لتحالف]`), if exactly one
/// organisation or force of that head was named before it and no name
/// follows it.
fn short_head(
    text: &str,
    finder: &Finder<'_>,
    i: usize,
    heads: &Heads,
) -> Option<Found> {
    let low = finder.low(i);
    // Most words end with no head: one comparison per head says so.
    if !heads.iter().any(|(h, _)| low.ends_with(h.as_str())) {
        return None;
    }
    let toks = finder.toks();
    let Tok { start, end } = toks[i];
    let next = toks.get(i + 1).filter(|n| text[end..n.start] == *" ");
    let (head, span) = if is_arabic_word(low) {
        // The article inside the span, a proclitic outside.
        let bare = ["و", "ف"]
            .iter()
            .find_map(|p| {
                low.strip_prefix(p).filter(|r| r.chars().count() > 3)
            })
            .unwrap_or(low);
        let skip = low.len() - bare.len();
        let (head, from) = if let Some(h) = bare.strip_prefix("ال") {
            (h, skip)
        } else if let Some(h) = bare.strip_prefix("لل") {
            (h, skip + "ل".len())
        } else if let Some(h) = ["ب", "ك"]
            .iter()
            .find_map(|p| bare.strip_prefix(p)?.strip_prefix("ال"))
        {
            (h, skip + "ب".len())
        } else {
            return None;
        };
        // `المجلس المحلي` is another council.
        if next.is_some_and(|n| text[n.start..n.end].starts_with("ال")) {
            return None;
        }
        (head, Span::new(start + from, end))
    } else {
        let words = crate::lexicon::shape_words();
        let article = i
            .checked_sub(1)
            .filter(|&p| {
                let gap = &text[toks[p].end..start];
                gap == " " || gap == "'" || gap == "’"
            })
            .is_some_and(|p| words.definite_articles.contains(finder.low(p)));
        if !article {
            return None;
        }
        // `the Ministry of Defence`, `le conseil régional`: another name.
        if let Some(n) = next {
            let w = &text[n.start..n.end];
            let after = finder.low(i + 1);
            if capitalized(w)
                || matches!(after, "of" | "for" | "de" | "des" | "du" | "d")
                || (is_french_article(finder, i - 1) && french_adjective(w))
            {
                return None;
            }
        }
        (low, Span::new(start, end))
    };
    let (_, named) = heads.iter().find(|(h, _)| h == head)?;
    let mut before = named.iter().filter(|&&(_, at)| at <= span.start);
    let (entry, _) = *before.next()?;
    if before.next().is_some() {
        return None;
    }
    Some(shape_found(span, entry, MatchRule::Short, SHORT_CONFIDENCE))
}

/// Whether token `i` is a French article (`le conseil [régional]`).
fn is_french_article(finder: &Finder<'_>, i: usize) -> bool {
    matches!(finder.low(i), "le" | "la" | "l" | "du" | "au")
}

/// A French lower-case adjective after a head (`régional`,
/// `municipal`): the head is then part of another name.
fn french_adjective(w: &str) -> bool {
    w.chars().all(char::is_lowercase)
        && [
            "al", "ale", "aux", "ales", "ien", "ienne", "ique", "aire", "el",
            "elle",
        ]
        .iter()
        .any(|s| w.ends_with(s))
}

/// Whether a force phrase names a government (`the Syrian government`).
fn governs(hit: &ShapeHit) -> bool {
    hit.head.as_deref().is_some_and(|h| {
        matches!(
            h,
            "government" | "gouvernement" | "الحكومة" | "regime" | "régime"
        )
    })
}

/// The entity of a name found by shape.
fn shape_entry(hit: &ShapeHit, surface: &str, country: String) -> Entry {
    Entry {
        id: String::new(),
        kind: hit.kind,
        subtype: Subtype::None,
        name: surface.split_whitespace().collect::<Vec<_>>().join(" "),
        aliases: Vec::new(),
        country,
        admin1: String::new(),
        lat: None,
        lon: None,
        population: None,
        priority: 0,
        flags: Flags::default(),
        source: hit.rule.source().to_string(),
    }
}

fn shape_found(
    span: Span,
    entry: EntryId,
    rule: MatchRule,
    confidence: f32,
) -> Found {
    Found {
        entry,
        span,
        pattern: NO_PATTERN,
        candidates: 1,
        rule,
        alts: (0, 0),
        hint: Hint::None,
        confidence: Some(confidence),
    }
}

/// The surname of a person's name of two words or more: its last word,
/// with a particle glued to it by a hyphen (`al-Adnani`), of three
/// letters or more.
fn surname(name: &str) -> Option<&str> {
    let (_, last) = name.trim().rsplit_once(' ')?;
    let letters = last.chars().filter(|c| c.is_alphabetic()).count();
    let arabic = is_arabic_word(last);
    let capital = last
        .rsplit('-')
        .next()
        .and_then(|w| w.chars().next())
        .is_some_and(char::is_uppercase);
    (letters >= 3 && (arabic || capital)).then_some(last)
}

/// The longest acronym in parentheses, in bytes.
const MAX_ACRONYM: usize = 10;

/// An acronym in parentheses right after byte `end` (`Syrian Democratic
/// Forces (SDF)`): two to eight capitals (digits and `&` allowed).
fn acronym_after(text: &str, end: usize) -> Option<(&str, Span)> {
    let rest = &text[end..];
    let open = rest.strip_prefix(" (").or_else(|| rest.strip_prefix('('))?;
    // Only the first bytes: an acronym is short, and a `(` with no `)`
    // after it must not send every name before it to the end of the text.
    let close = open.bytes().take(MAX_ACRONYM + 1).position(|b| b == b')')?;
    let inner = &open[..close];
    let capitals = inner.chars().filter(char::is_ascii_uppercase).count();
    let ok = capitals >= 2
        && inner.len() <= MAX_ACRONYM
        && inner
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '&')
        && inner.chars().next().is_some_and(|c| c.is_ascii_uppercase());
    let start = end + (rest.len() - open.len());
    ok.then_some((inner, Span::new(start, start + inner.len())))
}

/// Where a romanized particle glued by a hyphen before byte `start`
/// begins (`al-` of `al-Kadhimi`).
fn particle_start(text: &str, start: usize) -> Option<usize> {
    let before = text[..start].strip_suffix('-')?;
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map(|(i, _)| i)?;
    let word = &before[word_start..];
    crate::lexicon::is_romanized_particle(&word.to_lowercase())
        .then_some(word_start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surnames() {
        let table: &[(&str, Option<&str>)] = &[
            ("Sean Brennan", Some("Brennan")),
            ("Abu Mohammed al-Adnani", Some("al-Adnani")),
            ("أحمد الكاظمي", Some("الكاظمي")),
            ("Brennan", None),
            ("Ana Li", None),
        ];
        for &(name, want) in table {
            assert_eq!(surname(name), want, "{name}");
        }
    }

    #[test]
    fn acronyms_in_parentheses() {
        let table: &[(&str, usize, Option<&str>)] = &[
            ("Syrian Democratic Forces (SDF) said", 24, Some("SDF")),
            ("Human Rights Watch (HRW)", 18, Some("HRW")),
            ("Forces (the SDF)", 6, None),
            ("Forces (S)", 6, None),
            ("Forces, (SDF)", 6, None),
        ];
        for &(text, end, want) in table {
            let got = acronym_after(text, end);
            assert_eq!(got.map(|(a, _)| a), want, "{text:?}");
            if let Some((a, span)) = got {
                assert_eq!(&text[span.start..span.end], a);
            }
        }
    }
}
