//! Press spellings that are not in the gazetteers as written, and must
//! resolve through the transliteration keys to the right entity.
//!
//! `tests/fixtures/translit_probes.csv` lists each probe, where it comes
//! from (`hand`: spellings seen in the press; `generated`: systematic
//! variants of the names of Syrian and Iraqi places of 50,000 people or
//! more, governorates included — vowels, doubled consonants, q/k, sh/ch,
//! dh/z, a final h), the entity it must resolve to, and a sentence of the
//! kind an article gives.
//!
//! A probe that only the code can fix stays in the fixture and is listed
//! in [`EXPECTED_TO_FAIL`] with the reason: it may fail, and the test
//! fails as soon as it passes, so that the list only shrinks.

use std::collections::HashSet;

use gazetag::internals::{normalize_key, Case};
use gazetag::MatchRule;
use gazetag::Tagger;

use crate::util::{assert_outcomes, fixtures, Outcome};

/// Probes of `tests/fixtures/translit_probes.csv` known to fail, by
/// spelling, with the reason. None today: every probe passes.
const EXPECTED_TO_FAIL: &[(&str, &str)] = &[];

struct Probe {
    probe: String,
    id: String,
    sentence: String,
}

fn probes() -> Vec<Probe> {
    let path = fixtures().join("translit_probes.csv");
    let mut rd = csv::Reader::from_path(path).unwrap();
    rd.records()
        .map(|r| {
            let r = r.unwrap();
            Probe {
                probe: r[0].to_string(),
                id: r[2].to_string(),
                sentence: r[3].to_string(),
            }
        })
        .collect()
}

#[test]
fn press_spellings_resolve_through_the_keys() {
    let probes = probes();
    assert!(
        probes.len() >= 100,
        "at least 100 probes, found {}",
        probes.len()
    );
    let gazetteer = gazetag::embedded::gazetteer();
    // None of the probes is an alias as written (after normalization):
    // only the transliteration key can find them.
    let folded: HashSet<String> = gazetteer
        .iter()
        .flat_map(|(_, e)| {
            e.aliases.iter().map(|a| normalize_key(&a.text, Case::Fold))
        })
        .collect();
    let on =
        Tagger::builder().translit(true).build(gazetteer.clone()).unwrap();
    let off = Tagger::builder().translit(false).build(gazetteer).unwrap();
    let mut outcomes = Vec::new();
    for p in &probes {
        let mut failures = Vec::new();
        if folded.contains(&normalize_key(&p.probe, Case::Fold)) {
            failures.push(format!("{:?} is an alias as written", p.probe));
        }
        let at =
            p.sentence.find(&p.probe).expect("the probe is in its sentence");
        let span = (at, at + p.probe.len());
        let found: Vec<(String, (usize, usize), MatchRule)> = on
            .tag(&p.sentence)
            .iter()
            .map(|m| {
                (
                    on.gazetteer().entry(m.entry).id.clone(),
                    (m.span.start, m.span.end),
                    m.rule,
                )
            })
            .collect();
        if !found.contains(&(p.id.clone(), span, MatchRule::Translit)) {
            failures
                .push(format!("{:?} ({}): found {found:?}", p.probe, p.id));
        }
        let without = off.tag(&p.sentence);
        if without.iter().any(|m| (m.span.start, m.span.end) == span) {
            failures.push(format!(
                "{:?} is tagged with transliteration off",
                p.probe
            ));
        }
        outcomes.push(Outcome {
            key: p.probe.as_str(),
            failure: (!failures.is_empty()).then(|| failures.join("; ")),
        });
    }
    assert_outcomes("translit_probes.csv", &outcomes, EXPECTED_TO_FAIL);
}
