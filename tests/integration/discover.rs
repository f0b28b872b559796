//! `gazetag discover`: the names found by shape in a corpus, as gazetteer
//! rows that load with `-g`, after which the same names are gazetteer
//! matches (`exact`, with the discovered id) instead of `shape`.

use std::collections::BTreeMap;

use crate::util::{fixtures, gazetag, Dir};

/// Parses CSV text into records keyed by header.
fn records(text: &str) -> Vec<BTreeMap<String, String>> {
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let headers = rdr.headers().expect("a header").clone();
    rdr.records()
        .map(|r| {
            let r = r.expect("a CSV record");
            headers
                .iter()
                .map(String::from)
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect()
}

#[test]
fn discovered_rows_load_and_turn_shapes_into_gazetteer_matches() {
    let dir = Dir::new();
    let news = fixtures().join("news");
    let found = dir.path().join("found.csv");
    let out = gazetag()
        .args(["discover", "-q"])
        .arg(&news)
        .arg("-o")
        .arg(&found)
        .output()
        .expect("running gazetag discover");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&found).expect("the discover file");
    let rows = records(&text);
    assert!(rows.len() >= 20, "only {} names discovered", rows.len());
    let mut last = u64::MAX;
    for r in &rows {
        assert!(r["id"].starts_with("discover:"), "{r:?}");
        assert!(
            ["PLACE", "ORG", "ACTOR", "PERSON"].contains(&r["type"].as_str())
        );
        assert!(r["source"].starts_with("shape:"), "{r:?}");
        let mentions: u64 = r["mentions"].parse().expect("a count");
        assert!(mentions <= last, "not most mentioned first");
        last = mentions;
        assert!(!r["context"].is_empty());
    }
    // The names this corpus is known to hold are there.
    let names: Vec<&str> = rows.iter().map(|r| r["name"].as_str()).collect();
    for want in ["Sean Brennan", "Local Government Association"] {
        assert!(names.contains(&want), "{want} not discovered: {names:?}");
    }

    let check = gazetag()
        .args(["gazetteer", "check"])
        .arg(&found)
        .output()
        .expect("running gazetag gazetteer check");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );

    // Tagged with the discovered rows, the names are gazetteer matches.
    let again = gazetag()
        .args(["tag", "-q", "--with-default", "-g"])
        .arg(&found)
        .arg(&news)
        .output()
        .expect("running gazetag tag");
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    let tagged = records(&String::from_utf8_lossy(&again.stdout));
    let ids: BTreeMap<&str, &str> =
        rows.iter().map(|r| (r["name"].as_str(), r["id"].as_str())).collect();
    let mut turned = 0;
    for t in &tagged {
        if t["match"] == "shape" {
            // No name found by shape is one discovered before.
            assert!(!ids.contains_key(t["canonical"].as_str()), "{t:?}");
        }
        if t["id"].starts_with("discover:") {
            assert!(
                matches!(t["match"].as_str(), "exact" | "folded"),
                "{t:?}"
            );
            turned += 1;
        }
    }
    assert!(
        turned >= rows.len(),
        "{turned} gazetteer matches for {} rows",
        rows.len()
    );
}
