//! Choosing among the entries that share a surface form.
//!
//! When a surface (`Tripoli`, `Homs`, `Al-Qaim`) names several entries,
//! this module picks one by the document's context, in three explainable
//! steps:
//!
//! 1. The *anchors* are the mentions that name one entry only.
//! 2. Each candidate gets a **prior**: `priority` from its gazetteer row,
//!    plus `0.6 × log10(1 + population)` (a subdivision of unknown
//!    population counts as a million), plus 4 when the word before the
//!    mention agrees with its kind (French `du`/`au`/`le` before a region
//!    or country, `à` before a city: `du Québec`, `à Québec`), minus 1.5
//!    for a subdivision when a town of the same country shares its name
//!    (Genève the town before the canton).
//! 3. Each candidate gets a **context** score from the nearest anchors (at
//!    most [`MAX_ANCHORS`] on each side): an anchor naming the same entry
//!    counts 2, one in the same first-level subdivision 1.5, one in the
//!    same country 1; each is weighted by `1 / (1 + distance / 2000)`,
//!    distance in bytes.
//!
//! The candidate with the highest `prior + context` wins (gazetteer order
//! breaks ties), and its **confidence** is its softmax probability among
//! the candidates. Unambiguous mentions have confidence 1. The strongest
//! cue of each candidate is kept so that `--explain` can say why.
//!
//! It knows nothing of text or matching: it works on mentions and entries.

use crate::gazetteer::{Entry, EntryId, Gazetteer};
use crate::mention::{
    Choice, Cue, Found, Hint, MatchRule, Mention, Relation, Resolution, Tagged,
};

/// How many anchors on each side of a mention are looked at.
pub const MAX_ANCHORS: usize = 16;

fn weight(relation: Relation) -> f32 {
    match relation {
        Relation::SameEntry => 2.0,
        Relation::SameAdmin1 => 1.5,
        Relation::SameCountry => 1.0,
    }
}

/// The prior of an entry.
pub fn prior(e: &Entry) -> f32 {
    // A subdivision of unknown population counts as a million people: a
    // province is larger than most towns that share its name.
    let default = if e.subtype.is_region() { REGION_POPULATION } else { 0 };
    let pop = e.population.unwrap_or(default) as f32;
    e.priority as f32 + 0.6 * (1.0 + pop).log10()
}

/// The population assumed for a subdivision that gives none.
const REGION_POPULATION: u64 = 1_000_000;

/// How much a subdivision yields to a town of its country of the same
/// name.
const SAME_NAME_TOWN: f32 = 1.5;

/// The weight of a hint that agrees with a candidate.
const HINT: f32 = 4.0;

fn relation(
    candidate: &Entry,
    anchor_id: EntryId,
    id: EntryId,
    anchor: &Entry,
) -> Option<Relation> {
    if anchor_id == id {
        return Some(Relation::SameEntry);
    }
    if candidate.country.is_empty() || candidate.country != anchor.country {
        return None;
    }
    if !candidate.admin1.is_empty() && candidate.admin1 == anchor.admin1 {
        return Some(Relation::SameAdmin1);
    }
    Some(Relation::SameCountry)
}

/// Turns what the resolver found into mentions, appended to `mentions`:
/// an unambiguous one as it is, with confidence 1; for an ambiguous one,
/// every alternative is scored into `choices` (one [`Choice`] each, best
/// first, the mention's range of them), and the best is chosen.
pub(crate) fn choose(
    gazetteer: &Gazetteer,
    resolution: &Resolution,
    mentions: &mut Vec<Mention>,
    choices: &mut Vec<Choice>,
) {
    let found = &resolution.found;
    let anchors: Vec<(usize, EntryId)> = if found
        .iter()
        .all(|f| f.candidates <= 1)
    {
        Vec::new()
    } else {
        found
            .iter()
            .filter(|f| f.candidates <= 1 && f.entry.index() < gazetteer.len())
            .map(|f| (f.span.start, f.entry))
            .collect()
    };
    for f in found {
        let mut m = Mention {
            entry: f.entry,
            span: f.span,
            candidates: f.candidates,
            rule: f.rule,
            confidence: f.confidence.unwrap_or(1.0),
            pattern: f.pattern,
            choices: (choices.len() as u32, choices.len() as u32),
        };
        if f.candidates > 1 {
            score(gazetteer, f, &resolution.alts, &anchors, &mut m, choices);
        }
        mentions.push(m);
    }
}

/// Scores the alternatives of one ambiguous mention and chooses.
fn score(
    gazetteer: &Gazetteer,
    f: &Found,
    alts: &[EntryId],
    anchors: &[(usize, EntryId)],
    m: &mut Mention,
    choices: &mut Vec<Choice>,
) {
    let hint = f.hint;
    let (a, b) = f.alts;
    let first = choices.len();
    let pos = m.span.start;
    let split = anchors.partition_point(|&(at, _)| at < pos);
    let near = &anchors[split.saturating_sub(MAX_ANCHORS)
        ..(split + MAX_ANCHORS).min(anchors.len())];
    for &id in &alts[a as usize..b as usize] {
        let e = gazetteer.entry(id);
        let mut context = 0.0f32;
        let mut cue: Option<(f32, Cue)> = None;
        for &(at, anchor) in near {
            let Some(rel) = relation(e, anchor, id, gazetteer.entry(anchor))
            else {
                continue;
            };
            let distance = at.abs_diff(pos) as f32;
            let w = weight(rel) / (1.0 + distance / 2000.0);
            context += w;
            if cue.is_none_or(|(best, _)| w > best) {
                cue = Some((w, Cue { anchor, at, relation: rel }));
            }
        }
        let agrees = match hint {
            Hint::None => false,
            Hint::Region => e.subtype.is_region(),
            Hint::City => {
                e.kind == crate::EntityType::Place && !e.subtype.is_region()
            }
        };
        choices.push(Choice {
            entry: id,
            prior: prior(e) + if agrees { HINT } else { 0.0 },
            context,
            probability: 0.0,
            cue: cue.map(|(_, c)| c),
        });
    }
    // A subdivision and a town of the same country that share a name
    // (Genève, Zurich, Washington): the town is the default reading;
    // a hint (`du Québec`) or context decides otherwise.
    for i in first..choices.len() {
        let e = gazetteer.entry(choices[i].entry);
        if e.subtype.is_region()
            && !e.subtype.is_country()
            && choices[first..].iter().any(|c| {
                let t = gazetteer.entry(c.entry);
                t.kind == crate::EntityType::Place
                    && !t.subtype.is_region()
                    && t.country == e.country
            })
        {
            choices[i].prior -= SAME_NAME_TOWN;
        }
    }
    let scored = &mut choices[first..];
    // Stable: ties keep gazetteer order.
    scored.sort_by(|x, y| {
        (y.prior + y.context).total_cmp(&(x.prior + x.context))
    });
    let top = scored[0].prior + scored[0].context;
    let total: f32 =
        scored.iter().map(|c| (c.prior + c.context - top).exp()).sum();
    for c in scored.iter_mut() {
        c.probability = (c.prior + c.context - top).exp() / total;
    }
    m.entry = scored[0].entry;
    m.confidence = scored[0].probability;
    m.choices = (first as u32, choices.len() as u32);
}

/// A one-line explanation of a mention's choice, for `--explain`.
pub(crate) fn explain(
    gazetteer: &Gazetteer,
    m: &Mention,
    choices: &[Choice],
) -> String {
    let (a, b) = m.choices;
    if a == b {
        return "only candidate".to_string();
    }
    let mut out = String::new();
    for (i, c) in choices[a as usize..b as usize].iter().enumerate() {
        let e = gazetteer.entry(c.entry);
        if i > 0 {
            out.push_str("; ");
        }
        out.push_str(&format!(
            "{} {} ({}{}{}): p={:.2} prior={:.2} context={:.2}",
            if i == 0 { "chose" } else { "over" },
            e.name,
            e.id,
            if e.country.is_empty() { "" } else { ", " },
            e.country,
            c.probability,
            c.prior,
            c.context,
        ));
        if let Some(cue) = c.cue {
            out.push_str(&format!(
                " [{} as {} at byte {}]",
                cue.relation.as_str(),
                gazetteer.entry(cue.anchor).name,
                cue.at
            ));
        }
    }
    out
}

impl Tagged {
    /// A one-line explanation of why `m` names its entry (`chose Tripoli
    /// (…, LY): p=0.81 prior=… context=… [same country as Benghazi at byte
    /// 23]; over Tripoli (…, LB) …`), or `only candidate`. `gazetteer` is
    /// the tagger's.
    pub fn explain(&self, gazetteer: &Gazetteer, m: &Mention) -> String {
        match m.rule {
            MatchRule::Shape => {
                format!(
                    "found by shape ({})",
                    self.entry(gazetteer, m.entry).source
                )
            }
            MatchRule::Short => format!(
                "short form of {}, named in full earlier",
                self.entry(gazetteer, m.entry).name
            ),
            _ => explain(gazetteer, m, &self.choices),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::gazetteer::load::Loader;
    use crate::mention::Tagged;
    use crate::tagger::{Scratch, Tagger};

    const ROWS: &str = "\
id,type,name,aliases,country,admin1,population,priority
tripoli-lb,PLACE,Tripoli,Trablous|طرابلس,LB,North,230000,
tripoli-ly,PLACE,Tripoli,Tarabulus|طرابلس,LY,Tripoli,1150000,
beirut,PLACE,Beirut,Beyrouth,LB,Beirut,1900000,
benghazi,PLACE,Benghazi,,LY,Benghazi,650000,
lebanon,PLACE,Lebanon,Liban,LB,,6800000,3
libya,PLACE,Libya,Libye,LY,,6700000,3
homs-sy,PLACE,Homs,Hims|حمص,SY,Homs,775000,
homs-ly,PLACE,Khoms,Homs|Al Khums,LY,Murqub,200000,
damascus,PLACE,Damascus,Damas,SY,Damascus,2500000,
misrata,PLACE,Misrata,,LY,Misrata,400000,
qaim-iq,PLACE,Al-Qaim,Al Qaim,IQ,Anbar,75000,
qaim-sy,PLACE,Al-Qaim,Al Qaim,SY,Daraa,5000,
ramadi,PLACE,Ramadi,,IQ,Anbar,500000,
daraa,PLACE,Daraa,Deraa,SY,Daraa,100000,
";

    fn tagger() -> Tagger {
        let mut l = Loader::new();
        l.add_str("t.csv", ROWS);
        Tagger::new(l.finish().unwrap()).unwrap()
    }

    /// `(name, text, surface, expected id)`.
    const CASES: &[(&str, &str, &str, &str)] = &[
        (
            "tripoli, Libyan context",
            "Clashes in Tripoli and Benghazi.",
            "Tripoli",
            "tripoli-ly",
        ),
        (
            "tripoli, Lebanese context",
            "From Beirut to Tripoli, Lebanon.",
            "Tripoli",
            "tripoli-lb",
        ),
        (
            "tripoli, Lebanese country only",
            "Le Liban: heurts à Tripoli.",
            "Tripoli",
            "tripoli-lb",
        ),
        (
            "tripoli, no context: prior",
            "Clashes in Tripoli.",
            "Tripoli",
            "tripoli-ly",
        ),
        (
            "homs, Syrian context",
            "Homs and Damascus were shelled.",
            "Homs",
            "homs-sy",
        ),
        (
            "homs, Libyan context",
            "Homs, east of Tripoli and Misrata, Libya.",
            "Homs",
            "homs-ly",
        ),
        ("homs, no context: prior", "Shelling in Homs.", "Homs", "homs-sy"),
        (
            "al-qaim, Iraqi context",
            "Al-Qaim, near Ramadi",
            "Al-Qaim",
            "qaim-iq",
        ),
        ("al-qaim, same province", "Daraa: Al-Qaim", "Al-Qaim", "qaim-sy"),
        (
            "arabic, Libyan context",
            "ليبيا: في طرابلس و Benghazi",
            "طرابلس",
            "tripoli-ly",
        ),
    ];

    #[test]
    fn context_chooses() {
        let t = tagger();
        for &(name, text, surface, want) in CASES {
            let mut tagged = Tagged::default();
            t.tag_into(text, &mut Scratch::default(), &mut tagged);
            let m = tagged
                .mentions
                .iter()
                .find(|m| &text[m.span.start..m.span.end] == surface)
                .unwrap_or_else(|| panic!("{name}: {surface} not tagged"));
            assert_eq!(t.gazetteer().entry(m.entry).id, want, "{name}");
            assert_eq!(m.candidates, 2, "{name}");
            assert!(
                m.confidence > 0.5 && m.confidence <= 1.0,
                "{name}: {}",
                m.confidence
            );
            let choices = tagged.choices_of(m);
            assert_eq!(choices.len(), 2, "{name}");
            let total: f32 = choices.iter().map(|c| c.probability).sum();
            assert!((total - 1.0).abs() < 1e-4, "{name}: {total}");
            assert_eq!(choices[0].entry, m.entry, "{name}");
        }
    }

    #[test]
    fn unambiguous_mentions_are_certain() {
        let t = tagger();
        let m = t.tag("Beirut")[0];
        assert_eq!(
            (m.candidates, m.confidence, m.choices.0 == m.choices.1),
            (1, 1.0, true)
        );
    }

    #[test]
    fn explanations_name_the_cue() {
        let t = tagger();
        let text = "Clashes in Tripoli and Benghazi.";
        let mut tagged = Tagged::default();
        t.tag_into(text, &mut Scratch::default(), &mut tagged);
        let m = tagged.mentions[0];
        let why = super::explain(t.gazetteer(), &m, &tagged.choices);
        assert!(why.starts_with("chose Tripoli (tripoli-ly, LY)"), "{why}");
        assert!(
            why.contains("[same country as Benghazi at byte 23]"),
            "{why}"
        );
        assert!(why.contains("; over Tripoli (tripoli-lb, LB)"), "{why}");
        assert_eq!(
            super::explain(
                t.gazetteer(),
                &tagged.mentions[1],
                &tagged.choices
            ),
            "only candidate"
        );
    }
}
