//! Golden tests: output compared with hand-annotated spans.
//!
//! - `tests/fixtures/seed/`: the shared French article and its gold spans,
//!   tagged with the embedded default gazetteer.
//! - `tests/fixtures/cases/<case>/`: small hand-checked cases, each with its
//!   own gazetteer (see the README there).

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use serde::Deserialize;

use crate::util::{check_offsets, check_order, fixtures, Dir, Record};

/// A span as compared: `(start, end, type, text)` plus, for the cases,
/// the entity id.
type Key = (usize, usize, String, String, String);

#[derive(Deserialize)]
struct GoldSpan {
    start: usize,
    end: usize,
    text: String,
    #[serde(rename = "type")]
    kind: String,
}

#[derive(Deserialize)]
struct Expected {
    start: usize,
    end: usize,
    #[serde(rename = "type")]
    kind: String,
    text: String,
    id: String,
}

/// An empty string when `expected == actual`, else the misses and false
/// positives, one per line, in document order.
fn diff(expected: &BTreeSet<Key>, actual: &BTreeSet<Key>) -> String {
    let mut out = String::new();
    let show = |(s, e, t, x, id): &Key| {
        let id = if id.is_empty() { String::new() } else { format!(" {id}") };
        format!("{s}..{e} {t} {x:?}{id}")
    };
    for k in expected.difference(actual) {
        writeln!(out, "  missed:         {}", show(k)).unwrap();
    }
    for k in actual.difference(expected) {
        writeln!(out, "  false positive: {}", show(k)).unwrap();
    }
    out
}

#[test]
fn seed_article_matches_gold_spans() {
    let seed = fixtures().join("seed");
    let text = fs::read_to_string(seed.join("seed.txt")).unwrap();
    let gold: BTreeSet<Key> = fs::read_to_string(seed.join("seed.gold.jsonl"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let g: GoldSpan = serde_json::from_str(l).unwrap();
            (g.start, g.end, g.kind, g.text, String::new())
        })
        .collect();
    assert_eq!(gold.len(), 39, "every gold line is read");

    let d = Dir::new();
    d.write("seed.txt", &text);
    let rows = d.run(&["tag", "seed.txt"]).ok_rows();
    check_offsets(&text, &rows);
    check_order(&rows);
    let actual: BTreeSet<Key> = rows
        .iter()
        .map(|r| {
            (r.start, r.end, r.kind.clone(), r.text.clone(), String::new())
        })
        .collect();
    let report = diff(&gold, &actual);
    assert!(
        report.is_empty(),
        "seed.txt differs from seed.gold.jsonl:\n{report}"
    );
}

fn run_case(dir: &Path) -> Result<(), String> {
    let text = fs::read_to_string(dir.join("input.txt")).unwrap();
    let mut reader = csv::Reader::from_path(dir.join("expected.csv")).unwrap();
    let expected: BTreeSet<Key> = reader
        .deserialize()
        .map(|r| {
            let e: Expected = r.unwrap();
            (e.start, e.end, e.kind, e.text, e.id)
        })
        .collect();

    let d = Dir::new();
    d.write("input.txt", &text);
    d.write("gazetteer.csv", fs::read(dir.join("gazetteer.csv")).unwrap());
    let run = d.run(&["tag", "-g", "gazetteer.csv", "input.txt"]);
    if run.code != Some(0) || !run.messages().is_empty() {
        return Err(format!("exit {:?}, stderr: {}", run.code, run.stderr));
    }
    let rows: Vec<Record> = run.rows();
    check_offsets(&text, &rows);
    check_order(&rows);
    let actual: BTreeSet<Key> = rows
        .iter()
        .map(|r| {
            (r.start, r.end, r.kind.clone(), r.text.clone(), r.id.clone())
        })
        .collect();
    let report = diff(&expected, &actual);
    if report.is_empty() {
        Ok(())
    } else {
        Err(report)
    }
}

#[test]
fn every_case_folder_matches_expected_csv() {
    let root = fixtures().join("cases");
    let mut cases: Vec<_> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 4, "the case folders are found: {cases:?}");
    let mut failures = String::new();
    for case in &cases {
        for f in ["input.txt", "gazetteer.csv", "expected.csv"] {
            assert!(case.join(f).is_file(), "{} lacks {f}", case.display());
        }
        if let Err(report) = run_case(case) {
            let name = case.file_name().unwrap().to_string_lossy();
            writeln!(failures, "case {name}:\n{report}").unwrap();
        }
    }
    assert!(failures.is_empty(), "golden cases differ:\n{failures}");
}

#[test]
fn diff_lists_misses_and_false_positives() {
    let k = |s, t: &str| {
        (s, s + 2, "ACTOR".to_string(), t.to_string(), String::new())
    };
    let expected: BTreeSet<Key> = [k(0, "EI"), k(5, "EI")].into();
    let actual: BTreeSet<Key> = [k(0, "EI"), k(9, "ei")].into();
    assert_eq!(
        diff(&expected, &actual),
        "  missed:         5..7 ACTOR \"EI\"\n  \
         false positive: 9..11 ACTOR \"ei\"\n"
    );
    assert_eq!(diff(&expected, &expected), "");
}
