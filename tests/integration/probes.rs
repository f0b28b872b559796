//! Probe test: press spellings of the places, actors, organisations and
//! persons of the Syrian and Iraqi wars, each in a realistic news sentence
//! of its language, must be tagged exactly and resolved to the right
//! gazetteer entry with the embedded gazetteers.
//!
//! `tests/fixtures/probes.csv` has the columns `probe,lang,sentence,id`
//! (lines starting with `#` are comments). The probe's position is its
//! *last* occurrence in the sentence (so a sentence may first name the
//! entity in full, `Bashar al-Assad ... Assad`, to give the context a real
//! article gives). The test fails listing every probe that is not tagged
//! with exactly that span and id, with what the tagger found there instead,
//! unless [`EXPECTED_TO_FAIL`] lists it.
//!
//! Fix a failure in the data (gazetteers/, scripts/data/), never by
//! weakening this test. A probe that only the code can fix stays in the
//! fixture and is listed in [`EXPECTED_TO_FAIL`] with the reason: it may
//! fail, and the test fails as soon as it passes, so that the list only
//! shrinks.

use std::fs;

use gazetag::Tagger;

use crate::util::{assert_outcomes, fixtures, Outcome};

/// Probes of `tests/fixtures/probes.csv` known to fail, `(lang, probe,
/// id)` with the reason: disambiguation cues only the code can add.
const EXPECTED_TO_FAIL: &[((&str, &str, &str), &str)] = &[
    (
        ("en", "Idlib", "iso3166-2:SY-ID"),
        "\"Idlib province\" names the governorate, but the span keeps only \
         the name and the tagger resolves it to the city: the word \
         \"province\" around a name is not a disambiguation cue yet",
    ),
    (
        ("fr", "Deir Ezzor", "iso3166-2:SY-DY"),
        "\"province de Deir Ezzor\" names the governorate, but the span \
         keeps only the name and the tagger resolves it to the city: the \
         word \"province\" around a name is not a disambiguation cue yet",
    ),
    (
        ("en", "Quebec", "iso3166-2:CA-QC"),
        "English \"In Quebec\" names the province, but the city (the larger \
         prior) always wins; French tells them apart by the article (au \
         Québec, à Québec), English does not",
    ),
];

struct Probe {
    line: usize,
    probe: String,
    lang: String,
    sentence: String,
    id: String,
}

fn load() -> Vec<Probe> {
    let path = fixtures().join("probes.csv");
    let text =
        fs::read_to_string(&path).expect("reading tests/fixtures/probes.csv");
    let body: String = text
        .lines()
        .map(|l| if l.starts_with('#') { "" } else { l })
        .collect::<Vec<_>>()
        .join("\n");
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(body.as_bytes());
    let headers = rdr.headers().expect("probes.csv header").clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("probes.csv: no column {name}"))
    };
    let (p, l, s, i) = (col("probe"), col("lang"), col("sentence"), col("id"));
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = rec.expect("a probes.csv record");
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let line = rec.position().map(|p| p.line() as usize).unwrap_or(0);
        out.push(Probe {
            line,
            probe: rec[p].to_string(),
            lang: rec[l].to_string(),
            sentence: rec[s].to_string(),
            id: rec[i].to_string(),
        });
    }
    out
}

#[test]
fn probes_are_tagged_exactly_as_their_entity() {
    let probes = load();
    assert!(probes.len() >= 300, "only {} probes", probes.len());
    let tagger = Tagger::new(gazetag::embedded::gazetteer())
        .expect("embedded gazetteers build");
    let gaz = tagger.gazetteer();
    let mut outcomes = Vec::new();
    for pr in &probes {
        assert!(
            matches!(pr.lang.as_str(), "fr" | "en" | "ar"),
            "probes.csv:{}: lang {:?}",
            pr.line,
            pr.lang
        );
        let start = pr.sentence.rfind(&pr.probe).unwrap_or_else(|| {
            panic!(
                "probes.csv:{}: probe {:?} is not in its sentence",
                pr.line, pr.probe
            )
        });
        let end = start + pr.probe.len();
        let mentions = tagger.tag(&pr.sentence);
        let ok = mentions.iter().any(|m| {
            m.span.start == start
                && m.span.end == end
                && gaz.entry(m.entry).id == pr.id
        });
        let failure = (!ok).then(|| {
            let found: Vec<String> = mentions
                .iter()
                .filter(|m| m.span.start < end && m.span.end > start)
                .map(|m| {
                    let e = gaz.entry(m.entry);
                    format!(
                        "{:?} -> {} ({})",
                        &pr.sentence[m.span.start..m.span.end],
                        e.id,
                        e.name
                    )
                })
                .collect();
            format!(
                "probes.csv:{}: [{}] {:?} should be {} in {:?}; found {}",
                pr.line,
                pr.lang,
                pr.probe,
                pr.id,
                pr.sentence,
                if found.is_empty() {
                    "nothing".to_string()
                } else {
                    found.join(", ")
                }
            )
        });
        outcomes.push(Outcome {
            key: (pr.lang.as_str(), pr.probe.as_str(), pr.id.as_str()),
            failure,
        });
    }
    assert_outcomes("probes.csv", &outcomes, EXPECTED_TO_FAIL);
}
