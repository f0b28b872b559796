//! The compiled path gives the same output as the CSV path on the whole
//! benchmark corpus (about 100 MB, `scripts/bench_corpus.sh`), for the
//! embedded default set and for the world pack when it is built.
//!
//! Ignored by a plain `cargo test` (it wants a release build and a corpus
//! that the repository generates, not ships); `scripts/bench.sh` and CI
//! run it with:
//!
//! ```sh
//! scripts/bench_corpus.sh
//! cargo test --release --test integration corpus_identity -- --ignored
//! ```
//!
//! `GAZETAG_CORPUS` names another corpus folder (`docs/` and
//! `corpus.txt` inside).

use std::path::{Path, PathBuf};

use crate::util::{gazetag, root, world_packs, Dir};

fn corpus() -> PathBuf {
    let dir = std::env::var_os("GAZETAG_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target").join("bench-corpus"));
    assert!(
        dir.join("docs").is_dir() && dir.join("corpus.txt").is_file(),
        "no corpus in {}: run scripts/bench_corpus.sh first",
        dir.display()
    );
    dir
}

/// The CSV output of `gazetag tag -q ARGS INPUT`.
fn tag(args: &[&str], input: &Path) -> Vec<u8> {
    let out = gazetag()
        .arg("tag")
        .arg("-q")
        .args(args)
        .arg(input)
        .env("GAZETAG_PACKS", root().join("packs"))
        .output()
        .expect("running gazetag");
    assert!(
        out.status.success(),
        "gazetag tag {args:?} {} failed: {}",
        input.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Compares two outputs without printing 80 MB when they differ.
fn same(what: &str, a: &[u8], b: &[u8]) {
    if a == b {
        return;
    }
    let line = a
        .split(|&c| c == b'\n')
        .zip(b.split(|&c| c == b'\n'))
        .position(|(x, y)| x != y)
        .unwrap_or(0);
    panic!(
        "{what}: outputs differ ({} vs {} bytes), first at line {}",
        a.len(),
        b.len(),
        line + 1
    );
}

#[test]
#[ignore = "needs scripts/bench_corpus.sh and a release build"]
fn compiled_and_csv_paths_agree_on_the_bench_corpus() {
    let corpus = corpus();
    let docs = corpus.join("docs");
    let gazetteers = root().join("gazetteers");
    let gazetteers = gazetteers.to_str().expect("a UTF-8 path");
    let dir = Dir::new();
    let index = dir.path().join("default.gzi");
    let out = gazetag()
        .args(["gazetteer", "compile", gazetteers, "-o"])
        .arg(&index)
        .output()
        .expect("running gazetag gazetteer compile");
    assert!(
        out.status.success(),
        "gazetteer compile failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let index = index.to_str().expect("a UTF-8 path");

    let from_csv = tag(&["-g", gazetteers], &docs);
    let rows = from_csv.iter().filter(|&&c| c == b'\n').count() as u64;
    // The bench corpus has a span every 230 bytes or so.
    let bytes = std::fs::metadata(corpus.join("corpus.txt"))
        .expect("the corpus file")
        .len();
    assert!(rows > bytes / 2_000, "the corpus yields spans ({rows} rows)");
    same("compiled index vs CSV", &tag(&["--index", index], &docs), &from_csv);
    same("embedded index vs CSV", &tag(&[], &docs), &from_csv);
    // One huge document, tagged in parallel chunks.
    let file = corpus.join("corpus.txt");
    same(
        "one file: embedded index vs CSV",
        &tag(&[], &file),
        &tag(&["-g", gazetteers], &file),
    );

    let world = root().join("packs").join("world");
    if world_packs().is_some() && world.is_dir() {
        let world = world.to_str().expect("a UTF-8 path");
        same(
            "world pack: compiled vs CSV",
            &tag(&["--pack", "world"], &docs),
            &tag(&["-g", world], &docs),
        );
    } else {
        eprintln!(
            "note: packs/world.gzi is missing, the world pack was not \
             compared (scripts/build_world_pack.sh builds it)"
        );
    }
}
