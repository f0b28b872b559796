//! The rules version: a change of what gazetag tags must come with a bump
//! of `RULES_VERSION` (crates/gazetag-core/src/index.rs), so that indexes
//! compiled with other rules are refused as stale.
//!
//! `tests/fixtures/rules/` holds a frozen gazetteer (the rows of the
//! default set whose aliases the automaton meets in the corpus, copied
//! once, so that a change of `gazetteers/` is no change of rules) and
//! `RECORD.tsv`: the rules version, the corpus files with the hash of
//! their contents, the hash of the frozen gazetteer, and the hash of
//! everything the tagger reports on the corpus (spans, entries, match
//! rules, confidences, choices; transliteration on and off). The test
//! fails when that output changes while `RULES_VERSION` does not.
//!
//! After a deliberate change (and a bump of `RULES_VERSION` when the
//! output changed), record again:
//!
//! ```sh
//! GAZETAG_RECORD_RULES=1 cargo test --test integration rules_version
//! ```

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use gazetag::{Loader, Scratch, Tagged, Tagger, RULES_VERSION};
use xxhash_rust::xxh3::xxh3_64;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rules_dir() -> PathBuf {
    repo().join("tests/fixtures/rules")
}

/// What `RECORD.tsv` says.
#[derive(Debug, Default, PartialEq)]
struct Record {
    version: u32,
    /// `(path relative to the repository, hash of its contents)`.
    files: Vec<(String, u64)>,
    gazetteer: u64,
    spans: usize,
    output: u64,
}

impl Record {
    fn parse(text: &str) -> Record {
        let mut r = Record::default();
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let f: Vec<&str> = line.split('\t').collect();
            let hex = |s: &str| u64::from_str_radix(s, 16).expect("a hash");
            match f.as_slice() {
                ["rules_version", v] => r.version = v.parse().expect("u32"),
                ["file", path, h] => r.files.push((path.to_string(), hex(h))),
                ["gazetteer", h] => r.gazetteer = hex(h),
                ["output", n, h] => {
                    r.spans = n.parse().expect("a count");
                    r.output = hex(h);
                }
                [""] => {}
                other => panic!("RECORD.tsv: unexpected line {other:?}"),
            }
        }
        r
    }

    fn write(&self) -> String {
        let mut s = String::from(
            "# Written by GAZETAG_RECORD_RULES=1 cargo test --test integration rules_version\n",
        );
        let _ = writeln!(s, "rules_version\t{}", self.version);
        for (path, h) in &self.files {
            let _ = writeln!(s, "file\t{path}\t{h:016x}");
        }
        let _ = writeln!(s, "gazetteer\t{:016x}", self.gazetteer);
        let _ = writeln!(s, "output\t{}\t{:016x}", self.spans, self.output);
        s
    }
}

/// The corpus of a first recording: the annotated and unrelated-prose
/// fixtures, the edge cases and the benchmark articles.
fn default_corpus() -> Vec<String> {
    let mut files = Vec::new();
    for dir in ["tests/fixtures", "benches/data"] {
        for e in walkdir::WalkDir::new(repo().join(dir)) {
            let e = e.expect("walking the fixtures");
            if e.path().extension().is_some_and(|x| x == "txt") {
                let rel = e.path().strip_prefix(repo()).unwrap();
                files.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    files.sort();
    files
}

fn hash_file(path: &Path) -> u64 {
    xxh3_64(&fs::read(path).unwrap_or_else(|e| panic!("{path:?}: {e}")))
}

fn gazetteer_hash() -> u64 {
    let mut names: Vec<PathBuf> = fs::read_dir(rules_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .collect();
    names.sort();
    let mut all = Vec::new();
    for p in names {
        all.extend_from_slice(p.file_name().unwrap().as_encoded_bytes());
        all.extend_from_slice(&hash_file(&p).to_le_bytes());
    }
    xxh3_64(&all)
}

/// Tags every corpus file with the frozen gazetteer and hashes all that
/// the tagger reports. Returns the span count and the hash.
fn output_fingerprint(files: &[String]) -> (usize, u64) {
    let mut loader = Loader::new();
    loader.add_path(&rules_dir());
    let gazetteer = loader.finish().expect("the frozen gazetteer loads");
    let mut spans = 0;
    let mut all = String::new();
    for translit in [true, false] {
        let tagger =
            Tagger::builder().translit(translit).build(gazetteer.clone());
        let tagger = tagger.expect("the frozen gazetteer builds");
        let g = tagger.gazetteer();
        let mut scratch = Scratch::default();
        let mut out = Tagged::default();
        for f in files {
            let text = fs::read_to_string(repo().join(f)).expect("UTF-8");
            tagger.tag_into(&text, &mut scratch, &mut out);
            for m in &out.mentions {
                spans += 1;
                let _ = write!(
                    all,
                    "{f}\t{}\t{}\t{}\t{}\t{}\t{:08x}",
                    m.span.start,
                    m.span.end,
                    g.entry(m.entry).id,
                    m.rule.as_str(),
                    m.candidates,
                    m.confidence.to_bits(),
                );
                for c in out.choices_of(m) {
                    let _ = write!(
                        all,
                        "\t{}:{:08x}",
                        g.entry(c.entry).id,
                        c.probability.to_bits()
                    );
                }
                all.push('\n');
            }
        }
    }
    (spans, xxh3_64(all.as_bytes()))
}

/// What is wrong with `now` against `recorded`, if anything.
fn verdict(recorded: &Record, now: &Record) -> Result<(), String> {
    let again = "record again: GAZETAG_RECORD_RULES=1 cargo test --test integration rules_version";
    for ((path, was), (_, is)) in recorded.files.iter().zip(&now.files) {
        if was != is {
            return Err(format!("corpus file {path} changed: {again}"));
        }
    }
    if recorded.gazetteer != now.gazetteer {
        return Err(format!("the frozen gazetteer changed: {again}"));
    }
    let same_output =
        (recorded.spans, recorded.output) == (now.spans, now.output);
    match (same_output, recorded.version == now.version) {
        (true, true) => Ok(()),
        (false, true) => Err(format!(
            "the tagger's output on the rules corpus changed ({} spans, recorded {}) \
             but RULES_VERSION is still {}: bump it in crates/gazetag-core/src/index.rs \
             (indexes compiled with the old rules must be refused), then {again}",
            now.spans, recorded.spans, now.version
        )),
        (_, false) => Err(format!(
            "RULES_VERSION is {} but RECORD.tsv says {}: {again}",
            now.version, recorded.version
        )),
    }
}

#[test]
fn output_changes_come_with_a_rules_version() {
    let path = rules_dir().join("RECORD.tsv");
    let recorded = fs::read_to_string(&path).map(|t| Record::parse(&t));
    let files: Vec<String> = match &recorded {
        Ok(r) => r.files.iter().map(|(p, _)| p.clone()).collect(),
        Err(_) => default_corpus(),
    };
    let (spans, output) = output_fingerprint(&files);
    let now = Record {
        version: RULES_VERSION,
        files: files
            .iter()
            .map(|f| (f.clone(), hash_file(&repo().join(f))))
            .collect(),
        gazetteer: gazetteer_hash(),
        spans,
        output,
    };
    if std::env::var_os("GAZETAG_RECORD_RULES").is_some() {
        fs::write(&path, now.write()).expect("writing RECORD.tsv");
        return;
    }
    let recorded = recorded.expect("tests/fixtures/rules/RECORD.tsv");
    assert!(spans > 1000, "the rules corpus yields {spans} spans only");
    if let Err(why) = verdict(&recorded, &now) {
        panic!("{why}");
    }
}

#[test]
fn the_verdict_catches_unversioned_changes() {
    let base = Record {
        version: 2,
        files: vec![("a.txt".into(), 1)],
        gazetteer: 7,
        spans: 10,
        output: 99,
    };
    let with = |f: &dyn Fn(&mut Record)| {
        let mut r = Record { files: base.files.clone(), ..base };
        f(&mut r);
        verdict(&base, &r)
    };
    assert_eq!(with(&|_| {}), Ok(()));
    assert!(with(&|r| r.output = 98).unwrap_err().contains("bump it"));
    assert!(with(&|r| r.spans = 11).unwrap_err().contains("bump it"));
    assert!(with(&|r| {
        r.output = 98;
        r.version = 3
    })
    .unwrap_err()
    .contains("RECORD.tsv says 2"));
    assert!(with(&|r| r.version = 3).is_err());
    assert!(with(&|r| r.files[0].1 = 2).unwrap_err().contains("a.txt"));
    assert!(with(&|r| r.gazetteer = 8).unwrap_err().contains("frozen"));
    let text = base.write();
    assert_eq!(Record::parse(&text), base);
}
