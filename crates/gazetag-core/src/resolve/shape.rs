//! Names found by their shape, where no gazetteer name was found.
//!
//! A gazetteer can never list every spokesman, ministry office, brigade or
//! village the news names. This stage finds them by the words around them
//! (the words are in `data/shapes/`, read by `lexicon::shape_words`):
//!
//! - **PERSON**: a title or role before capitalized name words (`Colonel
//!   [Sean Brennan]`, `le général [Jean Dupont]`, `العقيد [أحمد الحسن]`: the
//!   title stays outside); a first name before name words (`[Ana
//!   Ruiz]`); a kunya (`[Abu Mohammed al-Adnani]`, `[أبو محمد]`); a byline
//!   in capitals (`By [JOHN SMITH]`).
//! - **ORG**: a head noun with a named complement (`[Ministry of
//!   Displacement and Migration]`, `[Kurdistan Democratic Party]`, `[وزارة
//!   الدفاع]`).
//! - **ACTOR**: a numbered unit (`[17th Division]`, `la [104e brigade
//!   aéroportée]`), an armed group's name (`[Liwa al-Quds]`, `[لواء القدس]`),
//!   a state's forces or government (`[Iraqi government forces]`, `les
//!   [forces irakiennes]`, `[القوات التركية]`) where the gazetteer lists the
//!   state.
//! - **PLACE**: a place noun before a name (`the village of [Kansafra]`,
//!   `قرية [...]`: the noun stays outside).
//!
//! Latin-script name words are capitalized; Arabic ones are the words
//! after the cue up to an ordinary word, a preposition or punctuation.

use unicode_normalization::char::is_combining_mark;

use crate::common_words::{self, Langs};
use std::borrow::Cow;

use crate::lexicon::{self, Phrases, ShapeWords};
use crate::normalize::{normalize_key, Case};
use crate::offsets::Span;
use crate::EntityType;

/// Which rule found a name (its `source` in output: `shape:title`...).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum ShapeRule {
    /// A title or role before a name.
    Title,
    /// A first name before name words.
    FirstName,
    /// A kunya (`Abu ...`).
    Kunya,
    /// A byline in capitals.
    Byline,
    /// A head noun and a named complement.
    OrgHead,
    /// A long form defined by its acronym (`... (SDF)`).
    Acronym,
    /// A numbered unit or an armed group's name.
    Unit,
    /// A state's forces or government.
    Force,
    /// A place noun before a name.
    PlaceNoun,
}

impl ShapeRule {
    /// The `source` label.
    pub(crate) fn source(self) -> &'static str {
        match self {
            ShapeRule::Title => "shape:title",
            ShapeRule::FirstName => "shape:first-name",
            ShapeRule::Kunya => "shape:kunya",
            ShapeRule::Byline => "shape:byline",
            ShapeRule::OrgHead => "shape:org-head",
            ShapeRule::Acronym => "shape:acronym",
            ShapeRule::Unit => "shape:unit",
            ShapeRule::Force => "shape:force",
            ShapeRule::PlaceNoun => "shape:place-noun",
        }
    }

    /// How often a name found by this rule is right, measured on the
    /// annotated news of `tests/fixtures/news` (README: "Names found by
    /// shape").
    pub(crate) fn confidence(self) -> f32 {
        // Precision on the 13 annotated articles (news and the seed),
        // smoothed toward what a rule of its kind can promise; see the
        // README's "Names found by shape" for the counts.
        match self {
            ShapeRule::Title => 0.85,
            ShapeRule::FirstName => 0.8,
            ShapeRule::Kunya => 0.85,
            ShapeRule::Byline => 0.85,
            ShapeRule::OrgHead => 0.7,
            ShapeRule::Acronym => 0.85,
            ShapeRule::Unit => 0.85,
            ShapeRule::Force => 0.75,
            ShapeRule::PlaceNoun => 0.85,
        }
    }
}

/// A name found by its shape.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ShapeHit {
    pub span: Span,
    pub kind: EntityType,
    pub rule: ShapeRule,
    /// The country a force phrase names (`Iraqi` → `IQ`).
    pub country: Option<String>,
    /// The head noun of an organisation or unit, folded (`ministry`).
    pub head: Option<String>,
}

/// A word of the text: a run of letters, digits and combining marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
}

/// The words of `text`.
pub(crate) fn tokens(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let word = if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            // Arabic letters without the Unicode tables.
            matches!(c, '\u{0621}'..='\u{064A}')
                || c.is_alphanumeric()
                || (start.is_some() && is_combining_mark(c))
        };
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Tok { start: s, end: i });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Tok { start: s, end: text.len() });
    }
    out
}

pub(super) fn is_arabic_word(w: &str) -> bool {
    w.chars().next().is_some_and(|c| matches!(c, '\u{0600}'..='\u{06FF}'))
}

pub(super) fn capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn all_caps(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && w.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
}

/// Arabic proclitics that may be glued to a cue word (`والقوات`).
const CUE_PROCLITICS: &[char] = &['و', 'ف', 'ب', 'ل', 'ك'];

/// Finds names by their shape in one text.
pub(crate) struct Finder<'t> {
    text: &'t str,
    toks: Vec<Tok>,
    words: &'static ShapeWords,
    /// The lower-case form of each token.
    lower: Vec<Cow<'t, str>>,
    /// Whether each token starts a phrase or cue ([`Finder::starts_phrase`]).
    start_flags: Vec<bool>,
    /// Whether the gazetteer lists a country, by its code (force phrases
    /// need it) or its name in lower case (`France` starts no person's
    /// name).
    has_country: &'t dyn Fn(&str) -> bool,
}

impl<'t> Finder<'t> {
    pub(crate) fn new(
        text: &'t str,
        has_country: &'t dyn Fn(&str) -> bool,
    ) -> Finder<'t> {
        let toks = tokens(text);
        let lower = toks
            .iter()
            .map(|t| {
                let w = &text[t.start..t.end];
                // ASCII and Arabic words need no Unicode case tables.
                let upper = if w.is_ascii() {
                    w.bytes().any(|b| b.is_ascii_uppercase())
                } else {
                    !is_arabic_word(w) && w.chars().any(char::is_uppercase)
                };
                if upper {
                    Cow::Owned(w.to_lowercase())
                } else {
                    Cow::Borrowed(w)
                }
            })
            .collect();
        let mut finder = Finder {
            text,
            toks,
            words: lexicon::shape_words(),
            lower,
            start_flags: Vec::new(),
            has_country,
        };
        finder.start_flags =
            (0..finder.toks.len()).map(|i| finder.starts_phrase(i)).collect();
        finder
    }

    /// The tokens of the text.
    pub(crate) fn toks(&self) -> &[Tok] {
        &self.toks
    }

    /// The lower-case form of token `i`.
    pub(crate) fn low(&self, i: usize) -> &str {
        &self.lower[i]
    }

    /// Whether a rule may start at token `i`: a capitalized word, a
    /// number, or a word that starts a phrase or cue (an Arabic one with a
    /// proclitic too).
    fn may_start(&self, i: usize) -> bool {
        let w = self.word(i);
        capitalized(w)
            || w.starts_with(|c: char| c.is_ascii_digit())
            || self.start_flags[i]
    }

    /// Whether token `i` is the first word of some phrase or cue (an
    /// Arabic one with a proclitic too).
    fn starts_phrase(&self, i: usize) -> bool {
        let low = self.low(i);
        self.words.starts.contains(low)
            || (is_arabic_word(low)
                && low
                    .strip_prefix(CUE_PROCLITICS)
                    .is_some_and(|r| self.words.starts.contains(r)))
    }

    fn word(&self, i: usize) -> &'t str {
        let t = self.toks[i];
        &self.text[t.start..t.end]
    }

    /// The text between tokens `i` and `i + 1`.
    fn gap(&self, i: usize) -> &'t str {
        match self.toks.get(i + 1) {
            Some(next) => &self.text[self.toks[i].end..next.start],
            None => &self.text[self.toks[i].end..],
        }
    }

    /// Whether tokens `i` and `i + 1` may be words of one name: one space,
    /// or a hyphen, or an apostrophe between them.
    fn joined(&self, i: usize) -> bool {
        i + 1 < self.toks.len()
            && matches!(self.gap(i), " " | "-" | "'" | "’" | "\u{a0}")
    }

    /// Whether tokens `i` and `i + 1` may be words of one phrase: a title
    /// (`Col. Sean`, `Lt. Gen.`) or a cue.
    fn phrase_joined(&self, i: usize) -> bool {
        i + 1 < self.toks.len()
            && matches!(
                self.gap(i),
                " " | "-" | "'" | "’" | ". " | "." | "\u{a0}" | ".\u{a0}"
            )
    }

    /// Whether the phrase `p` starts at token `i`; returns the index of the
    /// token after it. An Arabic first word may carry a proclitic.
    fn phrase_at(&self, i: usize, p: &[String]) -> Option<usize> {
        for (k, w) in p.iter().enumerate() {
            let j = i + k;
            if j >= self.toks.len() || (k > 0 && !self.phrase_joined(j - 1)) {
                return None;
            }
            let tok = self.low(j);
            let ok = tok == w
                || (k == 0
                    && is_arabic_word(w)
                    && tok
                        .strip_prefix(CUE_PROCLITICS)
                        .is_some_and(|rest| rest == w));
            if !ok {
                return None;
            }
        }
        Some(i + p.len())
    }

    /// The longest phrase of `list` at token `i`.
    fn any_phrase_at(&self, i: usize, list: &Phrases) -> Option<usize> {
        if !self.start_flags[i] {
            return None;
        }
        let low = self.low(i);
        let ks = list.by_first.get(low).or_else(|| {
            let r = low.strip_prefix(CUE_PROCLITICS)?;
            is_arabic_word(r).then(|| list.by_first.get(r))?
        })?;
        ks.iter().find_map(|&k| self.phrase_at(i, &list.list[k]))
    }

    fn not_name(&self, i: usize) -> bool {
        self.words.not_names.contains(self.low(i))
    }

    fn connector(&self, i: usize) -> bool {
        self.words.connectors.contains(self.low(i))
    }

    /// A Latin name word: capitalized, not a word that is never a name.
    fn name_word(&self, i: usize) -> bool {
        let w = self.word(i);
        capitalized(w)
            && w.chars().nth(1).is_some()
            && !self.not_name(i)
            && !is_arabic_word(w)
    }

    /// A head noun of an organisation (`Department`, `Parti`): no word of
    /// a person's name.
    fn org_head(&self, i: usize) -> bool {
        self.words.org_after.contains(self.low(i))
            || self.words.org_before_name.contains(self.low(i))
    }

    /// A lower-case particle of a name (`al-`, `bin`, `de`, `van`).
    fn particle(&self, i: usize) -> bool {
        let w = self.low(i);
        !capitalized(self.word(i))
            && (lexicon::is_romanized_particle(w)
                || lexicon::PERSON_NAME_PARTICLES.contains(&w))
    }

    /// Latin person name words from token `i`: at most `max` name words,
    /// particles between them; `None` when there is none. Returns the
    /// index after the last name word.
    fn person_words(&self, i: usize, max: usize) -> Option<usize> {
        let mut j = i;
        let mut names = 0;
        let mut end = None;
        while j < self.toks.len() && names < max {
            if self.name_word(j)
                && !all_caps(self.word(j))
                && !self.org_head(j)
            {
                names += 1;
                end = Some(j + 1);
            } else if !(self.particle(j) && self.joined(j)) {
                break;
            }
            if !self.joined(j) {
                break;
            }
            j += 1;
        }
        end
    }

    /// Arabic name words from token `i`, at most `max`: the first `sure`
    /// words may be anything but a stop word (names such as `أحمد` are
    /// frequent words too), later ones must be no ordinary word.
    fn arabic_words(
        &self,
        i: usize,
        max: usize,
        sure: usize,
    ) -> Option<usize> {
        let mut j = i;
        let mut max = max;
        while j < self.toks.len() && j - i < max {
            let w = self.word(j);
            // `عبد` is never a name alone: `عبد الله`, `عبد الرحمن`.
            let servant = j > i && self.word(j - 1) == "عبد";
            if !servant
                && (!is_arabic_word(w)
                    || self.not_name(j)
                    || (j - i >= sure && arabic_ordinary(w)))
            {
                break;
            }
            if w == "عبد" {
                max += 1;
            }
            j += 1;
            if !self.joined(j - 1) {
                break;
            }
        }
        (j > i).then_some(j)
    }

    fn span(&self, from: usize, to: usize) -> Span {
        Span::new(self.toks[from].start, self.toks[to - 1].end)
    }

    fn hit(
        &self,
        from: usize,
        to: usize,
        kind: EntityType,
        rule: ShapeRule,
    ) -> ShapeHit {
        ShapeHit {
            span: self.span(from, to),
            kind,
            rule,
            country: None,
            head: None,
        }
    }

    /// The name found by shape at token `i`, and the token after it.
    fn at(&self, i: usize) -> Option<(ShapeHit, usize)> {
        // The rules that start with a cue word are tried only there.
        // (`U.S.` is two tokens: its first is no cue word.)
        let cued = if self.start_flags[i] || self.gap(i) == "." {
            self.force(i)
                .or_else(|| self.group(i))
                .or_else(|| self.org_before(i))
                .or_else(|| self.place_noun(i))
                .or_else(|| self.title(i))
                .or_else(|| self.kunya(i))
                .or_else(|| self.byline(i))
        } else {
            None
        };
        cued.or_else(|| self.unit(i))
            .or_else(|| self.acronym_long_form(i))
            .or_else(|| self.org_after(i))
            .or_else(|| self.first_name(i))
    }

    /// `Syrian Democratic Forces (SDF)`: capitalized words whose initials
    /// spell the acronym in parentheses right after them. An actor when a
    /// word says so (`Forces`, `Army`, `Front`), else an organisation.
    fn acronym_long_form(&self, i: usize) -> Option<(ShapeHit, usize)> {
        // An opening parenthesis within the next few words, or nothing.
        let start = self.toks[i].start;
        let ahead =
            &self.text.as_bytes()[start..(start + 160).min(self.text.len())];
        if !ahead.contains(&b'(') || !self.name_word(i) {
            return None;
        }
        let mut j = i;
        while j < self.toks.len() && j < i + 8 {
            if !(self.name_word(j) || self.connector(j) || j > i) {
                return None;
            }
            if matches!(self.gap(j), " (" | "(") {
                let acronym = self
                    .toks
                    .get(j + 1)
                    .map(|t| &self.text[t.start..t.end])?;
                if !all_caps(acronym) || !self.gap(j + 1).starts_with(')') {
                    return None;
                }
                let initials: String = (i..=j)
                    .filter(|&k| !self.connector(k))
                    .filter_map(|k| self.word(k).chars().next())
                    .flat_map(char::to_uppercase)
                    .collect();
                if initials != acronym || !self.name_word(j) {
                    return None;
                }
                const ARMED: &[&str] = &[
                    "forces",
                    "army",
                    "front",
                    "brigade",
                    "brigades",
                    "units",
                    "militia",
                    "militias",
                    "mobilization",
                    "mobilisation",
                    "movement",
                    "armée",
                    "forces",
                ];
                let kind = if (i..=j).any(|k| ARMED.contains(&self.low(k))) {
                    EntityType::Actor
                } else {
                    EntityType::Org
                };
                return Some((
                    self.hit(i, j + 1, kind, ShapeRule::Acronym),
                    j + 1,
                ));
            }
            if !self.joined(j) {
                return None;
            }
            j += 1;
        }
        None
    }

    /// `Colonel Sean Brennan`, `le général Dupont`, `العقيد أحمد الحسن`.
    fn title(&self, i: usize) -> Option<(ShapeHit, usize)> {
        let after = self.any_phrase_at(i, &self.words.person_titles)?;
        // The title's last word must be joined to the name.
        if !self.phrase_joined(after - 1) || after >= self.toks.len() {
            return None;
        }
        let first = self.word(after);
        let end = if is_arabic_word(first) {
            // Arabic: a kunya or two to three name words.
            let start = after;
            if self.words.kunya.contains(self.low(start)) {
                self.arabic_words(start + 1, 2, 1)?
            } else {
                // A given name has no article (`المتحدث باسم التحالف` is no
                // person) and is no organisation's head (`نادي`).
                if first.starts_with("ال")
                    || self.words.org_before.firsts.contains(self.low(after))
                    || self
                        .words
                        .org_before_strict
                        .firsts
                        .contains(self.low(after))
                {
                    return None;
                }
                self.arabic_words(start, 3, 2)?
            }
        } else {
            self.person_words(after, 3)?
        };
        Some((self.hit(after, end, EntityType::Person, ShapeRule::Title), end))
    }

    /// `Sean Brennan`: a first name, then one to three name words that
    /// are no ordinary words.
    fn first_name(&self, i: usize) -> Option<(ShapeHit, usize)> {
        let w = self.word(i);
        if is_arabic_word(w) {
            return self.arabic_first_name(i);
        }
        // `Jean-Marc Delorme`: the compound first name starts before.
        if i > 0 && self.gap(i - 1) == "-" && self.compound_first(i - 1) {
            return None;
        }
        if self.compound_first(i) {
            let end = self.person_words(i + 2, 2)?;
            return Some((
                self.hit(i, end, EntityType::Person, ShapeRule::FirstName),
                end,
            ));
        }
        if !self.name_word(i)
            || all_caps(w)
            || !common_words::is_first_name(w)
            || lexicon::NOT_FIRST_NAMES.contains(&self.low(i))
            || (self.has_country)(self.low(i))
            || !self.joined(i)
        {
            return None;
        }
        let end = self.person_words(i + 1, 3)?;
        // Every word after the first name must be no ordinary word (`Grace
        // Under Fire`), particles aside; a surname alone may be one
        // (`Nathalie Brun`, `Sophie Petit`) after a first name that is no
        // ordinary word itself.
        let lone_surname = end == i + 2 && !common_word(self.low(i));
        for j in i + 1..end {
            if self.name_word(j)
                && ((common_word(self.low(j)) && !lone_surname)
                    || (self.has_country)(self.low(j)))
            {
                return None;
            }
        }
        Some((self.hit(i, end, EntityType::Person, ShapeRule::FirstName), end))
    }

    /// Whether a compound first name starts at token `i` (`Jean-Marc`,
    /// `Pierre-Henri`): two capitalized first names joined by a hyphen,
    /// however ordinary each word is alone (`jean`, `pierre`).
    fn compound_first(&self, i: usize) -> bool {
        i + 2 < self.toks.len()
            && self.gap(i) == "-"
            && self.joined(i + 1)
            && [i, i + 1].iter().all(|&k| {
                let w = self.word(k);
                capitalized(w)
                    && !all_caps(w)
                    && common_words::is_first_name(w)
            })
    }

    /// `هشام الموصلي`, `كارين ميلر`: an Arabic-script given name, then one
    /// or two name words that are no ordinary words. A given name that is
    /// an ordinary word too (`أمل`, `نور`) needs a nisba after it
    /// (`نور الحلبي`).
    fn arabic_first_name(&self, i: usize) -> Option<(ShapeHit, usize)> {
        let w = self.word(i);
        if !common_words::is_arabic_first_name(w) || !self.joined(i) {
            return None;
        }
        let next = self.word(i + 1);
        let nisba = next.starts_with("ال")
            && next.ends_with('ي')
            && next.chars().count() >= 5;
        if arabic_ordinary(w) && !nisba {
            return None;
        }
        let end = self.arabic_words(i + 1, 2, 0)?;
        Some((self.hit(i, end, EntityType::Person, ShapeRule::FirstName), end))
    }

    /// `Abu Mohammed al-Adnani`, `أبو محمد العدناني`.
    fn kunya(&self, i: usize) -> Option<(ShapeHit, usize)> {
        if !self.words.kunya.contains(self.low(i)) || !self.joined(i) {
            return None;
        }
        let end = if is_arabic_word(self.word(i)) {
            self.arabic_words(i + 1, 2, 1)?
        } else {
            if !capitalized(self.word(i)) {
                return None;
            }
            self.person_words(i + 1, 3)?
        };
        Some((self.hit(i, end, EntityType::Person, ShapeRule::Kunya), end))
    }

    /// `By JOHN SMITH` at the start of a line.
    fn byline(&self, i: usize) -> Option<(ShapeHit, usize)> {
        if !self.words.byline.contains(self.low(i))
            || !line_start(self.text, self.toks[i].start)
            || !self.joined(i)
        {
            return None;
        }
        let mut j = i + 1;
        while j < self.toks.len()
            && all_caps(self.word(j))
            && !self.not_name(j)
            && j - i <= 3
        {
            if !self.joined(j) {
                j += 1;
                break;
            }
            j += 1;
        }
        let end = (i + 1..j).rev().find(|&k| all_caps(self.word(k)))? + 1;
        (end - i >= 3 || (end - i == 2 && j - i >= 2)).then_some(())?;
        Some((
            self.hit(i + 1, end, EntityType::Person, ShapeRule::Byline),
            end,
        ))
    }

    /// Latin name words of an organisation from token `i`: capitalized
    /// words (French lower-case adjectives after them allowed), connectors
    /// between them; at most `max` words. Returns the index after the
    /// last capitalized word or adjective.
    fn org_words(&self, i: usize, max: usize) -> Option<usize> {
        let mut j = i;
        let mut end = None;
        while j < self.toks.len() && j - i < max {
            let w = self.word(j);
            if is_arabic_word(w) {
                break;
            }
            let name = (capitalized(w) && !self.not_name(j))
                || w.chars().all(|c| c.is_ascii_digit())
                || (end.is_some() && french_adjective(self.low(j)));
            if name {
                end = Some(j + 1);
            } else if !self.connector(j) || self.another_org_after(j) {
                break;
            }
            if !self.joined(j) {
                break;
            }
            j += 1;
        }
        end
    }

    /// Whether the connector at `j` joins two names (`Ministry of
    /// Migration and [the Ministry of Health]`, `University of Sheffield
    /// and [Sheffield Hallam University]`): after `and` (`et`), a head
    /// noun comes within the next few words.
    fn another_org_after(&self, j: usize) -> bool {
        if !matches!(self.low(j), "and" | "et") {
            return false;
        }
        (j + 1..self.toks.len().min(j + 5))
            .take_while(|&k| self.connector(k) || self.name_word(k))
            .any(|k| {
                self.org_head(k)
                    || self.words.org_before.has_word(self.low(k))
                    || self.any_phrase_at(k, &self.words.org_before).is_some()
            })
    }

    /// `Ministry of Displacement and Migration`, `ministère de
    /// l'Intérieur`, `Parti socialiste`, `وزارة الدفاع`.
    fn org_before(&self, i: usize) -> Option<(ShapeHit, usize)> {
        let strict = self.any_phrase_at(i, &self.words.org_before_strict);
        let (after, head) = if let Some(after) =
            strict.or_else(|| self.any_phrase_at(i, &self.words.org_before))
        {
            (after, self.low(i).to_string())
        } else if self.words.org_before_name.contains(self.low(i))
            && capitalized(self.word(i))
        {
            (i + 1, self.low(i).to_string())
        } else {
            return None;
        };
        let w = self.word(i);
        // A Latin head is capitalized (`Ministry of`, not `committee of`),
        // the French `ministère` aside.
        if !is_arabic_word(w) && !capitalized(w) && self.low(i) != "ministère"
        {
            return None;
        }
        if after >= self.toks.len() || !self.phrase_joined(after - 1) {
            return None;
        }
        let end = if is_arabic_word(self.word(after)) {
            let end = self.arabic_definite_words(after, 3)?;
            // After a head that is an ordinary word too, the name has the
            // article and is no ordinary word.
            if strict.is_some() && !self.word(after).starts_with("ال") {
                return None;
            }
            if strict.is_some()
                && (after..end).all(|j| arabic_ordinary(self.word(j)))
            {
                return None;
            }
            end
        } else {
            self.org_words(after, 6)?
        };
        let start = self.proclitic_free_start(i);
        let mut hit = self.hit(i, end, EntityType::Org, ShapeRule::OrgHead);
        hit.span.start = start;
        hit.head = Some(strip_proclitic(&head));
        Some((hit, end))
    }

    /// `Kurdistan Democratic Party`, `Sky News`: capitalized words, then
    /// a head noun.
    fn org_after(&self, i: usize) -> Option<(ShapeHit, usize)> {
        if !self.name_word(i) {
            return None;
        }
        let mut j = i;
        while j < i + 5 && j < self.toks.len() {
            if self.words.org_after.contains(self.low(j))
                && capitalized(self.word(j))
                && j > i
            {
                let head = self.low(j).to_string();
                // `Illinois Department of Transportation`.
                let mut end = j + 1;
                if end + 1 < self.toks.len()
                    && self.joined(j)
                    && matches!(
                        self.low(end),
                        "of" | "for" | "de" | "du" | "des"
                    )
                    && self.joined(end)
                {
                    if let Some(e) = self.org_words(end + 1, 4) {
                        end = e;
                    }
                }
                let mut hit =
                    self.hit(i, end, EntityType::Org, ShapeRule::OrgHead);
                hit.head = Some(head);
                return Some((hit, end));
            }
            // `and`/`et` end a name here (`France Télévisions et Radio`).
            let linking = j > i
                && self.connector(j)
                && !matches!(self.low(j), "and" | "et" | "the");
            if !(self.name_word(j) || linking) || !self.joined(j) {
                return None;
            }
            j += 1;
        }
        None
    }

    /// Arabic definite words after a head noun (`الدفاع`, `الهجرة
    /// والمهجرين`): words with the article, or a name, at most `max`.
    fn arabic_definite_words(&self, i: usize, max: usize) -> Option<usize> {
        let mut j = i;
        while j < self.toks.len() && j - i < max {
            let w = self.word(j);
            let definite = w.starts_with("ال") || w.starts_with("وال");
            // After the first word, an ordinary word ends the name
            // (`قناة الرياضية التابعة`), a nationality does not.
            let later_ok = definite
                && (!arabic_ordinary(w)
                    || self.words.demonyms.contains_key(self.low(j)));
            if !is_arabic_word(w) || self.not_name(j) || (j > i && !later_ok) {
                break;
            }
            j += 1;
            if !self.joined(j - 1) {
                break;
            }
        }
        (j > i).then_some(j)
    }

    /// The start of token `i` past a glued Arabic proclitic that is not
    /// part of the cue (`ووزارة` → `وزارة`).
    fn proclitic_free_start(&self, i: usize) -> usize {
        let t = self.toks[i];
        let w = &self.text[t.start..t.end];
        let lower = self.low(i);
        let is_cue = |s: &str| {
            self.words.org_before.has_word(s)
                || self.words.force_before.firsts.contains(s)
                || self.words.group_prefixes.firsts.contains(s)
        };
        if is_arabic_word(w) && !is_cue(lower) {
            if let Some(c) =
                w.chars().next().filter(|c| CUE_PROCLITICS.contains(c))
            {
                return t.start + c.len_utf8();
            }
        }
        t.start
    }

    /// `17th Division`, `la 104e brigade aéroportée`, `الفرقة الرابعة`.
    fn unit(&self, i: usize) -> Option<(ShapeHit, usize)> {
        let w = self.word(i);
        if is_arabic_word(w) {
            let lower = strip_proclitic(self.low(i));
            if lower != "الفرقة" || !self.joined(i) {
                return None;
            }
            let end = self
                .any_phrase_at(i + 1, &self.words.unit_ordinals)
                .or_else(|| {
                    self.word(i + 1)
                        .chars()
                        .all(|c| {
                            c.is_ascii_digit() || ('٠'..='٩').contains(&c)
                        })
                        .then_some(i + 2)
                })?;
            let mut hit = self.hit(i, end, EntityType::Actor, ShapeRule::Unit);
            hit.span.start = self.proclitic_free_start(i);
            hit.head = Some("الفرقة".into());
            return Some((hit, end));
        }
        if !ordinal(w) || !self.joined(i) {
            return None;
        }
        // Capitalized words between (`4th Armoured Division`), then the
        // unit noun.
        let mut j = i + 1;
        while j < self.toks.len() && j <= i + 3 {
            if self.words.unit_nouns.contains(self.low(j)) {
                let mut end = j + 1;
                // French adjectives after it (`brigade aéroportée`).
                while end < self.toks.len()
                    && self.joined(end - 1)
                    && french_adjective(self.low(end))
                {
                    end += 1;
                }
                let mut hit =
                    self.hit(i, end, EntityType::Actor, ShapeRule::Unit);
                hit.head = Some(self.low(j).to_string());
                return Some((hit, end));
            }
            if !capitalized(self.word(j)) || !self.joined(j) {
                return None;
            }
            j += 1;
        }
        None
    }

    /// `Liwa al-Quds`, `Jaysh al-Islam`, `لواء القدس`.
    fn group(&self, i: usize) -> Option<(ShapeHit, usize)> {
        let after = self.any_phrase_at(i, &self.words.group_prefixes)?;
        if after >= self.toks.len() || !self.joined(after - 1) {
            return None;
        }
        let end = if is_arabic_word(self.word(i)) {
            if strip_proclitic(self.low(i)) == "الفرقة" {
                return None;
            }
            // The complement has the article and is a name, not an
            // ordinary word (`حركة المرور` is traffic, `جبهة هوائية` a
            // weather front).
            if !self.word(after).starts_with("ال") {
                return None;
            }
            let end = self.arabic_definite_words(after, 3)?;
            // `حركة` is also traffic: its complement must be a name.
            if strip_proclitic(self.low(i)) == "حركة"
                && (after..end).all(|j| arabic_ordinary(self.word(j)))
            {
                return None;
            }
            end
        } else {
            if !capitalized(self.word(i)) {
                return None;
            }
            self.person_words(after, 4)?
        };
        let mut hit = self.hit(i, end, EntityType::Actor, ShapeRule::Unit);
        hit.span.start = self.proclitic_free_start(i);
        Some((hit, end))
    }

    /// `Iraqi government forces`, `les forces irakiennes`, `القوات التركية`.
    fn force(&self, i: usize) -> Option<(ShapeHit, usize)> {
        // A nationality, then a force noun.
        let (cc, after) = self.demonym_at(i)?;
        if capitalized(self.word(i))
            && after < self.toks.len()
            && self.joined(after - 1)
        {
            if let Some(end) =
                self.any_phrase_at(after, &self.words.force_after)
            {
                let mut hit =
                    self.hit(i, end, EntityType::Actor, ShapeRule::Force);
                hit.head = Some(self.low(after).to_string());
                hit.country = Some(cc);
                return (self.has_country)(hit.country.as_deref().unwrap())
                    .then_some((hit, end));
            }
        }
        None
    }

    /// A force noun then a nationality (`forces irakiennes`, `القوات
    /// التركية`), tried from the noun.
    fn force_before(&self, i: usize) -> Option<(ShapeHit, usize)> {
        let after = self.any_phrase_at(i, &self.words.force_before)?;
        if after >= self.toks.len() || !self.phrase_joined(after - 1) {
            return None;
        }
        let (cc, end) = self.demonym_at(after)?;
        if capitalized(self.word(after)) && !is_arabic_word(self.word(after)) {
            // French nationality adjectives are lower case.
            return None;
        }
        let mut hit = self.hit(i, end, EntityType::Actor, ShapeRule::Force);
        hit.span.start = self.proclitic_free_start(i);
        hit.head = Some(strip_proclitic(self.low(i)));
        hit.country = Some(cc);
        (self.has_country)(hit.country.as_deref().unwrap())
            .then_some((hit, end))
    }

    /// The nationality adjective at token `i`, and the token after it.
    fn demonym_at(&self, i: usize) -> Option<(String, usize)> {
        // `U.S.` is two tokens.
        if i + 1 < self.toks.len() && self.gap(i) == "." {
            let two = format!("{}{}", self.low(i), self.low(i + 1));
            if let Some(cc) = self.words.demonyms.get(&two) {
                return Some((cc.clone(), i + 2));
            }
        }
        let low = self.low(i);
        let cc = self.words.demonyms.get(low).or_else(|| {
            let rest = low.strip_prefix(CUE_PROCLITICS)?;
            is_arabic_word(rest).then(|| self.words.demonyms.get(rest))?
        })?;
        Some((cc.clone(), i + 1))
    }

    /// `the village of Kansafra`, `le village d'al-Shuhayl`, `قرية ...`.
    fn place_noun(&self, i: usize) -> Option<(ShapeHit, usize)> {
        let after = self.any_phrase_at(i, &self.words.place_nouns)?;
        if after >= self.toks.len() || !self.phrase_joined(after - 1) {
            return None;
        }
        let first = self.word(after);
        let end = if is_arabic_word(first) {
            self.arabic_words(after, 2, 0)?
        } else {
            let mut end = self.person_words(after, 3)?;
            // A number after the name (`camp de Jeddah 5`).
            if end < self.toks.len()
                && self.joined(end - 1)
                && self.gap(end - 1) == " "
                && self.word(end).chars().all(|c| c.is_ascii_digit())
                && self.word(end).len() <= 3
            {
                end += 1;
            }
            end
        };
        Some((
            self.hit(after, end, EntityType::Place, ShapeRule::PlaceNoun),
            end,
        ))
    }
}

impl Finder<'_> {
    /// Every name found by shape, left to right, never overlapping.
    pub(crate) fn find(&self) -> Vec<ShapeHit> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            if !self.may_start(i) {
                i += 1;
                continue;
            }
            let found = self.force_before(i).or_else(|| self.at(i));
            match found {
                Some((hit, next)) => {
                    out.push(hit);
                    i = next.max(i + 1);
                }
                None => i += 1,
            }
        }
        out
    }
}

/// Whether byte `at` starts a line (white space before it aside).
fn line_start(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .rev()
        .find(|c| !matches!(c, ' ' | '\t'))
        .is_none_or(|c| c == '\n' || c == '\r')
}

/// `17th`, `4e`, `104e`, `1er`, `2nd`, `3rd`, `5ème`, a plain number.
fn ordinal(w: &str) -> bool {
    let digits = w.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return false;
    }
    let rest = &w[digits..];
    matches!(
        rest,
        "" | "st" | "nd" | "rd" | "th" | "e" | "er" | "ère" | "ème" | "eme"
    )
}

/// A French adjective in lower case (`étrangères`, `aéroportée`).
fn french_adjective(w: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "ère", "ères", "ale", "ales", "aux", "ique", "iques", "ée", "ées",
        "é", "és", "elle", "elles", "ien", "ienne", "iennes", "iens", "aine",
        "aines", "ains", "aise", "aises", "ais", "ive", "ives", "if", "ifs",
        "iste", "istes", "ire", "ires", "eure", "eures", "eur", "ante",
        "antes", "ant", "ants",
    ];
    w.chars().count() >= 4
        && w.chars().all(|c| c.is_lowercase())
        && ENDINGS.iter().any(|e| w.ends_with(e))
}

/// Whether a Latin word (lower case) is an ordinary word of any language.
fn common_word(lower: &str) -> bool {
    // Plain lower-case ASCII is already folded.
    if lower.bytes().all(|b| b.is_ascii_lowercase()) {
        return common_words::common_in(lower) != Langs::NONE;
    }
    common_words::common_in(&normalize_key(lower, Case::Fold)) != Langs::NONE
}

/// Whether an Arabic word is an ordinary word (its proclitics aside).
fn arabic_ordinary(w: &str) -> bool {
    let folded = normalize_key(w, Case::Fold);
    common_words::common_in(&folded).intersects(Langs::AR)
        || folded
            .strip_prefix('و')
            .is_some_and(|r| common_words::common_in(r).intersects(Langs::AR))
}

fn strip_proclitic(w: &str) -> String {
    match w.strip_prefix(CUE_PROCLITICS) {
        Some(rest) if rest.starts_with("ال") => rest.to_string(),
        _ => w.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str) -> Vec<(String, &'static str, &'static str)> {
        // Every country code is listed, and France by name.
        let listed = |s: &str| {
            s == "france"
                || (s.len() == 2 && s.chars().all(|c| c.is_ascii_uppercase()))
        };
        let f = Finder::new(text, &listed);
        f.find()
            .into_iter()
            .map(|h| {
                (
                    text[h.span.start..h.span.end].to_string(),
                    h.kind.as_str(),
                    h.rule.source(),
                )
            })
            .collect()
    }

    /// `(text, [(surface, type)])`: every name found, in order.
    type Case = (&'static str, &'static [(&'static str, &'static str)]);

    fn check(table: &[Case]) {
        for &(text, want) in table {
            let got: Vec<(String, &str)> =
                find(text).into_iter().map(|(s, t, _)| (s, t)).collect();
            let want: Vec<(String, &str)> =
                want.iter().map(|&(s, t)| (s.to_string(), t)).collect();
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn persons_en() {
        check(&[
            (
                "Colonel Sean Brennan said on Monday.",
                &[("Sean Brennan", "PERSON")],
            ),
            ("Col. Sean Brennan said", &[("Sean Brennan", "PERSON")]),
            ("Lt. Gen. Ahmed Jassim said", &[("Ahmed Jassim", "PERSON")]),
            ("President Trump spoke", &[("Trump", "PERSON")]),
            ("the spokesman Ray Dillon", &[("Ray Dillon", "PERSON")]),
            ("said Ana Ruiz, a", &[("Ana Ruiz", "PERSON")]),
            (
                "Abu Mohammed al-Adnani was killed",
                &[("Abu Mohammed al-Adnani", "PERSON")],
            ),
            ("By JOHN SMITH\nDamascus", &[("JOHN SMITH", "PERSON")]),
            ("On Monday the president said", &[]),
            ("God willing, in Ramadan", &[]),
            ("Grace Under Fire", &[]),
            ("The minister. He said", &[]),
            ("PRESIDENT TRUMP SPEAKS", &[]),
            ("Mr. Ana Ruiz", &[("Ana Ruiz", "PERSON")]),
            (
                "the leader Recep Tayyip Erdogan",
                &[("Recep Tayyip Erdogan", "PERSON")],
            ),
        ]);
    }

    #[test]
    fn persons_fr() {
        check(&[
            ("le général Jean Dupont a dit", &[("Jean Dupont", "PERSON")]),
            (
                "Le maire Jean-Marc Delorme a dit",
                &[("Jean-Marc Delorme", "PERSON")],
            ),
            (
                "Pierre-Henri Lacoste est venu",
                &[("Pierre-Henri Lacoste", "PERSON")],
            ),
            ("M. Abdel Rahmane a indiqué", &[("Abdel Rahmane", "PERSON")]),
            (
                "selon le porte-parole Ahmed Hassan",
                &[("Ahmed Hassan", "PERSON")],
            ),
            ("Mme Claire Martin", &[("Claire Martin", "PERSON")]),
            ("le Premier ministre Jean Castex", &[("Jean Castex", "PERSON")]),
            ("Abou Bakr al-Baghdadi", &[("Abou Bakr al-Baghdadi", "PERSON")]),
            ("Lundi, le ministre a dit", &[]),
            ("Par JEAN DUPONT\nBeyrouth", &[("JEAN DUPONT", "PERSON")]),
        ]);
    }

    #[test]
    fn persons_ar() {
        check(&[
            ("قال العقيد أحمد الحسن إن", &[("أحمد الحسن", "PERSON")]),
            ("وقال المتحدث باسم التحالف", &[]),
            ("أبو محمد العدناني", &[("أبو محمد العدناني", "PERSON")]),
        ]);
    }

    #[test]
    fn organisations() {
        check(&[
            (
                "the Ministry of Displacement and Migration said",
                &[("Ministry of Displacement and Migration", "ORG")],
            ),
            (
                "the Kurdistan Democratic Party won",
                &[("Kurdistan Democratic Party", "ORG")],
            ),
            (
                "le ministère de l'Intérieur",
                &[("ministère de l'Intérieur", "ORG")],
            ),
            (
                "le ministère des Affaires étrangères a",
                &[("ministère des Affaires étrangères", "ORG")],
            ),
            (
                "وزارة الدفاع العراقية قالت",
                &[("وزارة الدفاع العراقية", "ORG")],
            ),
            ("the party said", &[]),
            (
                "Human Rights Watch (HRW) said",
                &[("Human Rights Watch", "ORG")],
            ),
            (
                "the Syrian Democratic Forces (SDF) took",
                &[("Syrian Democratic Forces", "ACTOR")],
            ),
            ("raids in some town (ST) today", &[]),
            ("France Mobilités a dit", &[]),
        ]);
    }

    #[test]
    fn actors() {
        check(&[
            ("the 17th Division", &[("17th Division", "ACTOR")]),
            (
                "la 104e brigade aéroportée",
                &[("104e brigade aéroportée", "ACTOR")],
            ),
            ("Liwa al-Quds fighters", &[("Liwa al-Quds", "ACTOR")]),
            (
                "Iraqi government forces entered",
                &[("Iraqi government forces", "ACTOR")],
            ),
            ("les forces irakiennes ont", &[("forces irakiennes", "ACTOR")]),
            ("القوات التركية في", &[("القوات التركية", "ACTOR")]),
            ("the Syrian government said", &[("Syrian government", "ACTOR")]),
            ("Syrian officials", &[]),
        ]);
    }

    #[test]
    fn places() {
        check(&[
            ("in the village of Kansafra", &[("Kansafra", "PLACE")]),
            ("le village d'al-Shuhayl", &[("al-Shuhayl", "PLACE")]),
            ("le camp de Jeddah 5", &[("Jeddah 5", "PLACE")]),
            ("the town of the dead", &[]),
        ]);
    }

    #[test]
    fn persons_fr_more() {
        check(&[
            (
                "le colonel Pierre Martin a confirmé",
                &[("Pierre Martin", "PERSON")],
            ),
            (
                "la ministre Catherine Colonna",
                &[("Catherine Colonna", "PERSON")],
            ),
            ("le président Emmanuel Macron", &[("Emmanuel Macron", "PERSON")]),
            ("selon Mme Sophie Durand", &[("Sophie Durand", "PERSON")]),
            ("Mardi, le porte-parole a refusé", &[]),
            ("En France, les prix montent", &[]),
            ("le maire Alain Juppé", &[("Alain Juppé", "PERSON")]),
            ("l'imam Ahmed Kutty", &[("Ahmed Kutty", "PERSON")]),
        ]);
    }

    #[test]
    fn persons_ar_more() {
        check(&[
            ("وقال اللواء يحيى رسول إن", &[("يحيى رسول", "PERSON")]),
            // `الأسد` is a word too (the gazetteer has this name).
            ("الرئيس السوري بشار الأسد", &[]),
            ("وقال هشام الموصلي إن", &[("هشام الموصلي", "PERSON")]),
            // A given name that is a word too needs a nisba after it.
            ("أمل كبير في المستقبل", &[]),
            ("قالت نور الحلبي", &[("نور الحلبي", "PERSON")]),
            // A given name before ordinary words only is no name.
            ("قال محمد إن", &[]),
            ("أكد الشيخ أحمد الصياصنة", &[("أحمد الصياصنة", "PERSON")]),
            ("قال العميد سعد معن في", &[("سعد معن", "PERSON")]),
            ("أبو عبد الله الراوي", &[("أبو عبد الله الراوي", "PERSON")]),
            ("قال المدرب عقب اللقاء", &[]),
            ("في يوم الجمعة", &[]),
            ("بسم الله", &[]),
        ]);
    }

    #[test]
    fn traps() {
        check(&[
            ("Monday", &[]),
            ("In March and April", &[]),
            ("Ramadan Kareem", &[]),
            ("God bless", &[]),
            // A state's forces in a headline in capitals are still one.
            ("IRAQI FORCES RETAKE TOWN", &[("IRAQI FORCES", "ACTOR")]),
            ("BY THE RIVER", &[]),
            ("Location: Manbij", &[]),
            ("the president said", &[]),
            ("President Trump", &[("Trump", "PERSON")]),
            ("in Paris today", &[]),
        ]);
    }

    #[test]
    fn organisations_more() {
        check(&[
            (
                "the Office of the High Commissioner said",
                &[("Office of the High Commissioner", "ORG")],
            ),
            ("the Department of Defense", &[("Department of Defense", "ORG")]),
            (
                "the University of Mosul reopened",
                &[("University of Mosul", "ORG")],
            ),
            ("Sky News reported", &[("Sky News", "ORG")]),
            ("the Justice Department sued", &[("Justice Department", "ORG")]),
            // A head before lower-case words only is left alone: the name
            // may go on (`Banque centrale européenne`, `Fédération française
            // de football`).
            ("le Parti socialiste a", &[]),
            ("l'Observatoire syrien des droits de l'homme", &[]),
            ("حزب العمال الكردستاني", &[("حزب العمال الكردستاني", "ORG")]),
            ("جامعة دمشق", &[("جامعة دمشق", "ORG")]),
            ("هيئة أقراص", &[]),
        ]);
    }

    #[test]
    fn actors_more() {
        check(&[
            (
                "the 4th Armoured Division",
                &[("4th Armoured Division", "ACTOR")],
            ),
            ("the 25th Special Mission Forces Division", &[]),
            ("Jaysh al-Islam said", &[("Jaysh al-Islam", "ACTOR")]),
            ("Turkish troops crossed", &[("Turkish troops", "ACTOR")]),
            ("Russian warplanes struck", &[("Russian warplanes", "ACTOR")]),
            ("l'armée turque a", &[("armée turque", "ACTOR")]),
            (
                "les soldats du régime syrien",
                &[("soldats du régime syrien", "ACTOR")],
            ),
            ("الفرقة الرابعة", &[("الفرقة الرابعة", "ACTOR")]),
            ("جبهة النصرة", &[("جبهة النصرة", "ACTOR")]),
            ("الجيش العراقي", &[("الجيش العراقي", "ACTOR")]),
            ("حركة المرور", &[]),
        ]);
    }

    #[test]
    fn places_more() {
        check(&[
            ("the town of Sinune", &[("Sinune", "PLACE")]),
            ("the district of Tarmiyah", &[("Tarmiyah", "PLACE")]),
            ("le district de Tarmiyah", &[("Tarmiyah", "PLACE")]),
            ("la localité de Kafr Nabl", &[("Kafr Nabl", "PLACE")]),
            ("في قرية الشحيل", &[("الشحيل", "PLACE")]),
            ("مخيم الهول", &[("الهول", "PLACE")]),
            ("the city of light", &[]),
        ]);
    }
}
