//! The raw aho-corasick ceiling on a corpus file: what a tagger that did
//! nothing but search the embedded gazetteer's folded aliases could reach.
//!
//! Run with `cargo run --release --example ceiling -- CORPUS [RUNS]
//! [DUMP_DIR]`. It
//! normalizes the file with `gazetag::normalize` (timed separately), builds
//! an `AhoCorasick` automaton (`MatchKind::Standard`, as the matcher) over
//! every folded alias, and times `find_overlapping_iter` over the
//! normalized text, best of RUNS (default 3), and the same with
//! `daachorse` (the automaton gazetag's matcher uses). It prints one line of
//! `key=value` pairs; MB/s are MB (10^6 bytes) of the *original* file per
//! second, as in `gazetag tag`'s numbers, so `scripts/bench.sh` divides
//! one by the other. With DUMP_DIR, it also writes the patterns
//! (`patterns.txt`, one a line) and the normalized corpus
//! (`normalized.txt`) there, for the Python comparisons of the script.
//! With `CEILING_GAZETTEERS=DIR` (e.g. `packs/world`), the aliases come
//! from the gazetteer files of DIR instead of the embedded set.

use std::hint::black_box;
use std::time::Instant;

use aho_corasick::{AhoCorasick, MatchKind};
use daachorse::DoubleArrayAhoCorasick;
use gazetag::internals::{normalize_into, normalize_key, Case, Normalized};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| {
        eprintln!("usage: ceiling CORPUS [RUNS] [DUMP_DIR]");
        std::process::exit(2);
    });
    let runs: usize = args.next().map_or(3, |r| r.parse().expect("RUNS"));
    let dump = args.next().map(std::path::PathBuf::from);
    let text = std::fs::read_to_string(&path).expect("a UTF-8 corpus file");

    let gazetteer = match std::env::var_os("CEILING_GAZETTEERS") {
        None => gazetag::embedded::gazetteer(),
        Some(dir) => {
            let mut loader = gazetag::Loader::new();
            loader.add_path(std::path::Path::new(&dir));
            loader.finish().expect("the gazetteers of CEILING_GAZETTEERS load")
        }
    };
    let mut patterns: Vec<String> = gazetteer
        .iter()
        .flat_map(|(_, e)| e.aliases.iter())
        .map(|a| normalize_key(&a.text, Case::Fold))
        .filter(|k| !k.is_empty())
        .collect();
    patterns.sort_unstable();
    patterns.dedup();
    let t0 = Instant::now();
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .build(&patterns)
        .expect("the automaton builds");
    let build = t0.elapsed().as_secs_f64();

    let da: DoubleArrayAhoCorasick<u32> =
        DoubleArrayAhoCorasick::new(&patterns).expect("daachorse builds");

    let mut norm = Normalized::default();
    let mut best_norm = f64::INFINITY;
    let mut best_find = f64::INFINITY;
    let mut best_da = f64::INFINITY;
    let mut found = 0;
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        normalize_into(&text, Case::Fold, &mut norm);
        best_norm = best_norm.min(t.elapsed().as_secs_f64());
        let t = Instant::now();
        found = ac.find_overlapping_iter(norm.text.as_bytes()).count();
        best_find = best_find.min(t.elapsed().as_secs_f64());
        let t = Instant::now();
        black_box(da.find_overlapping_iter(&norm.text).count());
        best_da = best_da.min(t.elapsed().as_secs_f64());
    }
    if let Some(dir) = dump {
        std::fs::create_dir_all(&dir).expect("the dump folder");
        let mut list = patterns.join("\n");
        list.push('\n');
        std::fs::write(dir.join("patterns.txt"), list).expect("patterns");
        std::fs::write(dir.join("normalized.txt"), &norm.text)
            .expect("normalized text");
    }
    let mb = text.len() as f64 / 1e6;
    println!(
        "bytes={} normalized_bytes={} patterns={} matches={} \
         build_s={:.3} normalize_s={:.3} find_s={:.3} \
         normalize_mbps={:.1} ceiling_mbps={:.1} daachorse_mbps={:.1}",
        text.len(),
        norm.text.len(),
        patterns.len(),
        found,
        build,
        best_norm,
        best_find,
        mb / best_norm,
        mb / best_find,
        mb / best_da,
    );
}
