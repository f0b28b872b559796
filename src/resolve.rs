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
//! 6. **Choice.** When a surface names several entries, `disambiguate`
//!    chooses by context and prior, and sets the mention's confidence.
//!
//! It is a pure function of its inputs: no I/O.

use std::collections::HashSet;

use unicode_normalization::char::is_combining_mark;

use crate::common_words::{self, Langs};
use crate::disambiguate::{self, Choice};
use crate::gazetteer::{EntityType, EntryId, Gazetteer};
use crate::matcher::{
    starts_with_capital, Candidate, Matcher, PatternId, Target,
};
use crate::normalize::{
    is_apostrophe, is_ignorable, normalize_into, normalize_key, Case,
    Normalized,
};
use crate::offsets::Span;
use crate::translit::Keyed;

/// A resolved mention: an entry and where it is in the original text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mention {
    /// The chosen entry.
    pub entry: EntryId,
    /// Original byte range of the surface form.
    pub span: Span,
    /// The pattern that matched (see [`Matcher::targets`]).
    pub pattern: PatternId,
    /// How many distinct entries the surface could name here.
    pub candidates: u32,
    /// How the surface matched the chosen entry's alias.
    pub rule: MatchRule,
    /// Probability of the chosen entry among the candidates (1 when the
    /// surface names one entry only).
    pub confidence: f32,
    /// The scored candidates of an ambiguous mention, as a range into the
    /// choices of the tagging call (empty when unambiguous).
    pub choices: (u32, u32),
}

/// How a surface matched an alias.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchRule {
    /// Byte for byte.
    Exact,
    /// After normalization (case, diacritics, apostrophes, dashes...).
    Folded,
    /// Through the transliteration key only (`Boukamal` for `Albu Kamal`).
    Translit,
}

impl MatchRule {
    /// The lower-case label used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            MatchRule::Exact => "exact",
            MatchRule::Folded => "folded",
            MatchRule::Translit => "translit",
        }
    }
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
    passing: Vec<Pass>,
    keep_case: Normalized,
    order: Vec<usize>,
    alts: Vec<EntryId>,
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
}

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
    place_cue: bool,
}

/// What the rules need to know about the document beyond its text.
#[derive(Clone, Copy, Debug, Default)]
pub struct DocInfo {
    /// The languages whose common words are restricted in this document
    /// (see `common_words::detect`); `None` to detect them when needed.
    pub langs: Option<Langs>,
}

/// Resolves `candidates` found by `matcher` into non-overlapping mentions
/// sorted by position, appended to `out`. `norm` is the normalized `text`;
/// `keyed` is its transliteration key when the matcher searches keys.
#[allow(clippy::too_many_arguments)]
pub fn resolve(
    text: &str,
    norm: &Normalized,
    keyed: Option<&Keyed>,
    candidates: &[Candidate],
    matcher: &Matcher,
    gazetteer: &Gazetteer,
    info: DocInfo,
    scratch: &mut Scratch,
    out: &mut Vec<Mention>,
    choices: &mut Vec<Choice>,
) {
    let Scratch { valid, passing, keep_case, order, alts } = scratch;
    valid.clear();
    passing.clear();
    alts.clear();
    let mut langs = info.langs;
    for c in candidates {
        let (core, group) = match keyed {
            None => (c.search_span, c.search_span),
            Some(k) => match k.to_norm(c.search_span) {
                Some(ks) => (ks.core, ks.group),
                None => continue,
            },
        };
        let targets = matcher.targets(c.pattern);
        // A surface whose normalized form is an alias is a folded match;
        // with an article before it (`al-Mayadin`), the longer form is
        // tried first.
        let mut found = None;
        for (n, norm_span) in [group, core].into_iter().enumerate() {
            if n == 1 && norm_span == group {
                break;
            }
            let Some(span) = word_span(text, norm, norm_span) else {
                continue;
            };
            let folded = &norm.text[norm_span.start..norm_span.end];
            let from = passing.len() as u32;
            let surface = &text[span.start..span.end];
            let mut kc = KeepCase { buf: keep_case, done: false };
            let capital = starts_with_capital(surface);
            for (i, t) in targets.iter().enumerate() {
                if keyed.is_some() && *t.folded != *folded {
                    continue;
                }
                if !case_ok(t, surface, capital, &mut kc) {
                    continue;
                }
                let rule = if *t.alias == *surface {
                    MatchRule::Exact
                } else {
                    MatchRule::Folded
                };
                let Some(needs_context) =
                    common_word_rule(t, text, span, capital, &mut langs)
                else {
                    continue;
                };
                passing.push(Pass { target: i as u32, rule, needs_context });
            }
            if passing.len() as u32 > from {
                found = Some((span, from));
                break;
            }
        }
        // Otherwise only the key is shared: a transliteration match, for
        // the targets that allow it, on a capitalized surface.
        if found.is_none() && keyed.is_some() {
            if let Some(span) = word_span(text, norm, group) {
                let surface = &text[span.start..span.end];
                let from = passing.len() as u32;
                // `al-Mayadine`: the name after the article is capitalized.
                let name_start =
                    norm.map.to_original(core).map_or(span.start, |c| c.start);
                if starts_with_capital(surface)
                    || starts_with_capital(&text[name_start..span.end])
                {
                    let mut kc = KeepCase { buf: keep_case, done: false };
                    for (i, t) in targets.iter().enumerate() {
                        if !t.translit || !case_ok(t, surface, true, &mut kc) {
                            continue;
                        }
                        let Some(needs_context) =
                            common_word_rule(t, text, span, true, &mut langs)
                        else {
                            continue;
                        };
                        passing.push(Pass {
                            target: i as u32,
                            rule: MatchRule::Translit,
                            needs_context,
                        });
                    }
                }
                if passing.len() as u32 > from {
                    found = Some((span, from));
                }
            }
        }
        let Some((span, from)) = found else { continue };
        let to = passing.len() as u32;
        let any_context =
            passing[from as usize..].iter().any(|p| p.needs_context);
        let place_cue =
            any_context && after_place_preposition(text, span.start);
        valid.push(Valid {
            span,
            pattern: c.pattern,
            from,
            to,
            any_context,
            place_cue,
        });
    }
    // Leftmost first, longest first.
    valid.sort_by_key(|v| {
        (v.span.start, std::cmp::Reverse(v.span.end), v.pattern)
    });

    let context = if valid.iter().any(|v| v.any_context) {
        let mut ctx = Context::default();
        let free = |_: &Valid, _: EntryId, p: &Pass| !p.needs_context;
        select(valid, order, |v| best(gazetteer, matcher, v, passing, free));
        for &i in order.iter() {
            let v = &valid[i];
            let (entry, _, _) = best(gazetteer, matcher, v, passing, free)
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
    let allowed = |v: &Valid, e: EntryId, p: &Pass| {
        if !p.needs_context {
            return true;
        }
        let entry = gazetteer.entry(e);
        if v.place_cue && entry.kind == EntityType::Place {
            return true;
        }
        let Some(ctx) = &context else { return false };
        ctx.entries.contains(&e)
            || (!entry.country.is_empty()
                && ctx.countries.contains(&entry.country))
    };
    select(valid, order, |v| best(gazetteer, matcher, v, passing, allowed));
    let first = out.len();
    for &i in order.iter() {
        let v = &valid[i];
        let (entry, n, rule) = best(gazetteer, matcher, v, passing, allowed)
            .expect("select only keeps candidates with a choice");
        let from = alts.len() as u32;
        if n > 1 {
            let targets = matcher.targets(v.pattern);
            for p in &passing[v.from as usize..v.to as usize] {
                let e = targets[p.target as usize].entry;
                if allowed(v, e, p) && !alts[from as usize..].contains(&e) {
                    alts.push(e);
                }
            }
        }
        out.push(Mention {
            entry,
            span: v.span,
            pattern: v.pattern,
            candidates: n,
            rule,
            confidence: 1.0,
            choices: (from, alts.len() as u32),
        });
    }
    disambiguate::choose(gazetteer, &mut out[first..], alts, choices);
}

/// The common-word rule: a target whose alias is an ordinary word of the
/// document's language matches only a capitalized surface (`None`
/// otherwise), and needs context at the start of a sentence
/// (`Some(true)`); in a script without case it always needs context.
/// Other targets keep their own context flag.
fn common_word_rule(
    t: &Target,
    text: &str,
    span: Span,
    capital: bool,
    langs: &mut Option<Langs>,
) -> Option<bool> {
    if t.common == Langs::NONE {
        return Some(t.needs_context);
    }
    let doc = *langs.get_or_insert_with(|| common_words::detect(text));
    if !t.common.intersects(doc) {
        return Some(t.needs_context);
    }
    let first = text[span.start..span.end].chars().find(|c| c.is_alphabetic());
    if first.is_some_and(|c| !c.is_uppercase() && !c.is_lowercase()) {
        // A script without case (Arabic): no capital to tell a name from
        // a word (حمص is also chickpeas), so the name needs context.
        return Some(true);
    }
    if !capital {
        return None;
    }
    Some(t.needs_context || sentence_initial(text, span.start))
}

/// Whether byte `start` begins a sentence, a line or the text (opening
/// quotes and brackets skipped).
pub fn sentence_initial(text: &str, start: usize) -> bool {
    for c in text[..start].chars().rev() {
        match c {
            '\n' | '\r' => return true,
            '.' | '!' | '?' | '…' | ':' | ';' => return true,
            c if c.is_whitespace() || is_ignorable(c) => {}
            '«' | '"' | '“' | '‘' | '\'' | '(' | '[' | '—' | '–' | '-'
            | '•' | '*' | '>' => {}
            _ => return false,
        }
    }
    true
}

/// Place prepositions that, just before a name, say that it is a place.
const PLACE_PREPOSITIONS: &[&str] = &[
    "à",
    "a",
    "au",
    "aux",
    "en",
    "de",
    "d",
    "du",
    "des",
    "dans",
    "vers",
    "près",
    "depuis",
    "jusqu",
    "in",
    "at",
    "near",
    "from",
    "to",
    "into",
    "outside",
    "around",
    "towards",
    "toward",
    "في",
    "من",
    "إلى",
    "الى",
    "قرب",
    "بلدة",
    "مدينة",
    "قرية",
];

/// Whether the word before byte `start` is a place preposition (an
/// elided one, `d’`, counts).
fn after_place_preposition(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches(|c: char| {
        c.is_whitespace() || is_apostrophe(c) || is_ignorable(c)
    });
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphabetic())
        .last()
        .map_or(before.len(), |(i, _)| i);
    let word = before[word_start..].to_lowercase();
    !word.is_empty() && PLACE_PREPOSITIONS.contains(&word.as_str())
}

/// The original span of `norm_span`, if it is aligned and stands at word
/// boundaries.
fn word_span(text: &str, norm: &Normalized, norm_span: Span) -> Option<Span> {
    let span = norm.map.to_original(norm_span)?;
    let surface = &text[span.start..span.end];
    (starts_word(text, span.start, surface)
        && ends_word(text, span.end, surface))
    .then_some(span)
}

/// The surface normalized with its case kept, computed at most once.
struct KeepCase<'a> {
    buf: &'a mut Normalized,
    done: bool,
}

/// Whether the case of `surface` suits target `t`.
/// `capital` says whether the name in the surface is capitalized.
fn case_ok(
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
            == normalize_key(&t.alias, Case::Keep);
    }
    true
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
    passing: &[Pass],
    allowed: impl Fn(&Valid, EntryId, &Pass) -> bool,
) -> Option<(EntryId, u32, MatchRule)> {
    let targets = matcher.targets(v.pattern);
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
                let (eb, et) = (gazetteer.entry(b), gazetteer.entry(t.entry));
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
