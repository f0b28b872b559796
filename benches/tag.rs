//! Throughput of each stage of gazetag, and of raw aho-corasick over the
//! same normalized text (the ceiling).
//!
//! Run with `cargo bench --bench tag` (or `cargo bench --bench tag --
//! ceiling` for one group). Every group reports `Throughput::Bytes` of the
//! *original* text of the corpus, whatever the stage reads (normalized
//! text, transliteration keys, candidates), so that the MB/s of the stages
//! and of the ceiling compare directly: `ceiling / tag` is the cost of
//! normalization and resolution.
//!
//! Corpora: `benches/data/{en,fr,ar}.txt` (see the README there), one
//! `BenchmarkId` per corpus. The gazetteer is the embedded default set.
//!
//! `pathological` is issue 7: one word made of a million `a`, with the
//! names `a`, `aa`, ... (50 `a`) as gazetteer. Every position of the text
//! ends 50 overlapping candidates; the time must grow linearly with the
//! text (it prints the ratios 512 KB / 256 KB and 1 MB / 256 KB: ~2 and ~4
//! when linear, ~4 and ~16 when quadratic).
//!
//! It also holds the cases of issue 14: text dense with names (the
//! names and aliases of the embedded set drawn at random and joined by
//! spaces, tagged as the command line does), and deep HTML (nested
//! `<div>`, and nested `<ul><li>`, around one name: text extraction).
//! Each prints its time at 256 KB, 512 KB and 1 MB and the growth per
//! doubling, which must stay at or below 2.3.

use std::hint::black_box;
use std::time::{Duration, Instant};

use aho_corasick::{AhoCorasick, MatchKind};
use criterion::{
    criterion_group, criterion_main, BenchmarkId, Criterion, Throughput,
};
use daachorse::DoubleArrayAhoCorasick;
use gazetag::internals::{
    key_into, normalize_into, normalize_key, Candidate, Case, Keyed, Matcher,
    Normalized, SearchSpace,
};
use gazetag::{Gazetteer, Loader, Scratch, Tagged, Tagger};

/// The corpora, by the name used as `BenchmarkId` parameter.
const CORPORA: &[(&str, &str)] = &[
    ("en", include_str!("data/en.txt")),
    ("fr", include_str!("data/fr.txt")),
    ("ar", include_str!("data/ar.txt")),
];

/// Short runs: the suite runs on shared two-core machines, and the
/// differences we look for (2x, 10%) do not need more samples.
fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

fn normalized(text: &str) -> Normalized {
    let mut norm = Normalized::default();
    normalize_into(text, Case::Fold, &mut norm);
    norm
}

fn keyed(norm: &str) -> Keyed {
    let mut k = Keyed::default();
    key_into(norm, &mut k);
    k
}

/// `normalize`: folding with its offset map, and the transliteration key
/// computed from the folded text (translit mode only).
fn bench_normalize(c: &mut Criterion) {
    let mut g = c.benchmark_group("normalize");
    for &(name, text) in CORPORA {
        g.throughput(Throughput::Bytes(text.len() as u64));
        let mut norm = Normalized::default();
        g.bench_with_input(BenchmarkId::new("fold", name), text, |b, t| {
            b.iter(|| normalize_into(black_box(t), Case::Fold, &mut norm))
        });
        let folded = normalized(text).text;
        let mut k = Keyed::default();
        g.bench_with_input(
            BenchmarkId::new("translit_key", name),
            &folded,
            |b, f| b.iter(|| key_into(black_box(f), &mut k)),
        );
    }
    g.finish();
}

/// `match`: `Matcher::candidates` over text already normalized (or keyed).
fn bench_match(c: &mut Criterion) {
    let gaz = gazetag::embedded::gazetteer();
    let folded = Matcher::with_space(&gaz, SearchSpace::Folded).unwrap();
    let translit = Matcher::with_space(&gaz, SearchSpace::Translit).unwrap();
    let mut g = c.benchmark_group("match");
    for &(name, text) in CORPORA {
        g.throughput(Throughput::Bytes(text.len() as u64));
        let norm = normalized(text).text;
        let key = keyed(&norm).text;
        let mut out: Vec<Candidate> = Vec::new();
        for (space, m, t) in
            [("folded", &folded, &norm), ("translit", &translit, &key)]
        {
            g.bench_with_input(BenchmarkId::new(space, name), t, |b, t| {
                b.iter(|| {
                    out.clear();
                    m.candidates(black_box(t), &mut out);
                    out.len()
                })
            });
        }
    }
    g.finish();
}

/// `resolve`: candidates into mentions (the resolver's stages, then
/// disambiguation), from candidates found beforehand by the automaton the
/// tagger uses (transliteration keys).
fn bench_resolve(c: &mut Criterion) {
    let tagger = gazetag::embedded::tagger(&Tagger::builder()).unwrap();
    let matcher =
        Matcher::with_space(tagger.gazetteer(), SearchSpace::Translit)
            .unwrap();
    let mut g = c.benchmark_group("resolve");
    for &(name, text) in CORPORA {
        g.throughput(Throughput::Bytes(text.len() as u64));
        let norm = normalized(text);
        let key = keyed(&norm.text);
        let mut cands = Vec::new();
        matcher.candidates(&key.text, &mut cands);
        let mut scratch = Scratch::default();
        let mut out = Tagged::default();
        g.bench_with_input(
            BenchmarkId::new("translit", name),
            text,
            |b, t| {
                b.iter(|| {
                    tagger.resolve_candidates(
                        black_box(t),
                        &norm,
                        Some(&key),
                        &cands,
                        &mut scratch,
                        &mut out,
                    );
                    out.mentions.len()
                })
            },
        );
    }
    g.finish();
}

/// `tag`: end to end `Tagger::tag_into`, transliteration keys off (the
/// default) and on (issue 4: on must stay within 10% of off).
fn bench_tag(c: &mut Criterion) {
    let off = Tagger::builder().build(gazetag::embedded::gazetteer()).unwrap();
    let on = Tagger::builder()
        .translit(true)
        .build(gazetag::embedded::gazetteer())
        .unwrap();
    // What the command line runs: transliteration keys and shapes on
    // (issue 13: shapes on must stay within 15% of shapes off).
    let shapes = Tagger::builder()
        .translit(true)
        .shapes(true)
        .build(gazetag::embedded::gazetteer())
        .unwrap();
    let mut g = c.benchmark_group("tag");
    for &(name, text) in CORPORA {
        g.throughput(Throughput::Bytes(text.len() as u64));
        for (label, tagger) in [
            ("translit_off", &off),
            ("translit_on", &on),
            ("shapes_on", &shapes),
        ] {
            let mut scratch = Scratch::default();
            let mut out = Tagged::default();
            g.bench_with_input(BenchmarkId::new(label, name), text, |b, t| {
                b.iter(|| {
                    tagger.tag_into(black_box(t), &mut scratch, &mut out);
                    out.mentions.len()
                })
            });
        }
    }
    g.finish();
}

/// The folded aliases of the embedded gazetteer, as the matcher sees them
/// (deduplicated).
pub fn folded_aliases(gaz: &Gazetteer) -> Vec<String> {
    let mut keys: Vec<String> = gaz
        .iter()
        .flat_map(|(_, e)| e.aliases.iter())
        .map(|a| normalize_key(&a.text, Case::Fold))
        .filter(|k| !k.is_empty())
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// `ceiling`: raw aho-corasick (`MatchKind::Standard`) over the same
/// normalized bytes with the same patterns: what a tagger that did nothing
/// but search could reach. `aho_corasick` overlapping and leftmost-first
/// (`find`), and `daachorse` overlapping, the automaton the matcher uses.
fn bench_ceiling(c: &mut Criterion) {
    let patterns = folded_aliases(&gazetag::embedded::gazetteer());
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .build(&patterns)
        .unwrap();
    let da: DoubleArrayAhoCorasick<u32> =
        DoubleArrayAhoCorasick::new(&patterns).unwrap();
    let mut g = c.benchmark_group("ceiling");
    for &(name, text) in CORPORA {
        g.throughput(Throughput::Bytes(text.len() as u64));
        let norm = normalized(text).text.into_bytes();
        g.bench_with_input(
            BenchmarkId::new("overlapping", name),
            &norm,
            |b, t| b.iter(|| ac.find_overlapping_iter(black_box(t)).count()),
        );
        g.bench_with_input(BenchmarkId::new("find", name), &norm, |b, t| {
            b.iter(|| ac.find_iter(black_box(t)).count())
        });
        g.bench_with_input(
            BenchmarkId::new("daachorse_overlapping", name),
            &norm,
            |b, t| b.iter(|| da.find_overlapping_iter(black_box(t)).count()),
        );
    }
    g.finish();
}

/// The pathological gazetteer: `a`, `aa`, ... up to 50 `a`.
fn letter_gazetteer() -> Gazetteer {
    let mut csv = String::from("id,type,subtype,name,aliases,country\n");
    for n in 1..=50 {
        csv.push_str(&format!("a{n},PLACE,city,{},,\n", "a".repeat(n)));
    }
    let mut l = Loader::new();
    l.add_str("letters.csv", &csv);
    l.finish().expect("the letter gazetteer loads")
}

const PATHOLOGICAL_SIZES: &[(&str, usize)] =
    &[("256KB", 256 << 10), ("512KB", 512 << 10), ("1MB", 1 << 20)];

/// Whether the command line selects the `pathological` group (or no group
/// at all), so the ratio below is not timed for other groups.
fn selected(group: &str) -> bool {
    let filters: Vec<String> =
        std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    filters.is_empty() || filters.iter().any(|f| group.contains(f.as_str()))
}

/// The growth allowed per doubling of the input (issue 14).
const MAX_GROWTH: f64 = 2.3;

/// Times `run` on inputs of each pathological size (the best of three
/// runs), and prints the times and the growth per doubling.
fn print_growth(label: &str, inputs: &[String], run: impl Fn(&str)) {
    let best: Vec<f64> = inputs
        .iter()
        .map(|input| {
            (0..3)
                .map(|_| {
                    let t0 = Instant::now();
                    run(input);
                    t0.elapsed()
                })
                .min()
                .unwrap()
                .as_secs_f64()
        })
        .collect();
    let growth = [best[1] / best[0], best[2] / best[1]];
    let verdict = if growth.iter().all(|&g| g <= MAX_GROWTH) {
        "ok"
    } else {
        "TOO FAST A GROWTH"
    };
    println!(
        "{label}: 256KB {:.1} ms, 512KB {:.1} ms, 1MB {:.1} ms; growth per \
         doubling {:.2} and {:.2} (linear: 2, quadratic: 4; at most \
         {MAX_GROWTH}: {verdict})",
        best[0] * 1e3,
        best[1] * 1e3,
        best[2] * 1e3,
        growth[0],
        growth[1],
    );
}

/// `n` bytes (or a little less) of names of `gazetteer` drawn at random
/// (the same every run) and joined by spaces.
fn dense_names(gazetteer: &Gazetteer, n: usize) -> String {
    let names: Vec<&str> = gazetteer
        .iter()
        .flat_map(|(_, e)| {
            std::iter::once(e.name.as_str())
                .chain(e.aliases.iter().map(|a| a.text.as_str()))
        })
        .filter(|a| !a.is_empty())
        .collect();
    let mut text = String::with_capacity(n);
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    loop {
        // xorshift64: a fixed sequence, no dependency.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let name = names[(seed % names.len() as u64) as usize];
        if text.len() + name.len() + 1 > n {
            return text;
        }
        text.push_str(name);
        text.push(' ');
    }
}

/// `open` nested as deep as fits in `n` bytes around one name, closed by
/// `close`.
fn deep_html(open: &str, close: &str, n: usize) -> String {
    let depth = (n - 5) / (open.len() + close.len());
    format!("{}Raqqa{}", open.repeat(depth), close.repeat(depth))
}

/// The tagger of the command line: the embedded set, transliteration
/// keys and shapes on.
fn cli_tagger() -> Tagger {
    Tagger::builder()
        .translit(true)
        .shapes(true)
        .build(gazetag::embedded::gazetteer())
        .unwrap()
}

/// `pathological`: issues 7 and 14, see the module documentation.
fn bench_pathological(c: &mut Criterion) {
    let tagger = Tagger::new(letter_gazetteer()).unwrap();
    let mut scratch = Scratch::default();
    let mut out = Tagged::default();
    let cli = cli_tagger();
    let sizes = || PATHOLOGICAL_SIZES.iter().map(|&(_, n)| n);
    let dense: Vec<String> =
        sizes().map(|n| dense_names(cli.gazetteer(), n)).collect();
    let divs: Vec<String> =
        sizes().map(|n| deep_html("<div>", "</div>", n)).collect();
    let lists: Vec<String> =
        sizes().map(|n| deep_html("<ul><li>", "</li></ul>", n)).collect();
    if selected("pathological") {
        // The best of three runs per size, so that the ratio is printed
        // next to criterion's absolute numbers.
        let mut best = Vec::new();
        for &(_, n) in PATHOLOGICAL_SIZES {
            let text = "a".repeat(n);
            let t = (0..3)
                .map(|_| {
                    let t0 = Instant::now();
                    tagger.tag_into(&text, &mut scratch, &mut out);
                    t0.elapsed()
                })
                .min()
                .unwrap();
            best.push(t.as_secs_f64());
        }
        println!(
            "pathological: 256KB {:.1} ms, 512KB {:.1} ms, 1MB {:.1} ms; \
             ratio 512KB/256KB = {:.2}, 1MB/256KB = {:.2} \
             (linear: 2 and 4, quadratic: 4 and 16)",
            best[0] * 1e3,
            best[1] * 1e3,
            best[2] * 1e3,
            best[1] / best[0],
            best[2] / best[0],
        );
        let cell =
            std::cell::RefCell::new((Scratch::default(), Tagged::default()));
        print_growth("dense names", &dense, |t| {
            let (scratch, out) = &mut *cell.borrow_mut();
            cli.tag_into(t, scratch, out);
        });
        print_growth("deep div", &divs, |h| {
            black_box(gazetag::input::html::extract(h));
        });
        print_growth("deep ul/li", &lists, |h| {
            black_box(gazetag::input::html::extract(h));
        });
    }
    let mut g = c.benchmark_group("pathological");
    for &(name, n) in PATHOLOGICAL_SIZES {
        let text = "a".repeat(n);
        g.throughput(Throughput::Bytes(n as u64));
        g.bench_with_input(
            BenchmarkId::new("letters", name),
            &text,
            |b, t| {
                b.iter(|| {
                    tagger.tag_into(black_box(t), &mut scratch, &mut out);
                    out.mentions.len()
                })
            },
        );
    }
    let mut dense_scratch = Scratch::default();
    for (&(name, _), text) in PATHOLOGICAL_SIZES.iter().zip(&dense) {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(
            BenchmarkId::new("dense_names", name),
            text,
            |b, t| {
                b.iter(|| {
                    cli.tag_into(black_box(t), &mut dense_scratch, &mut out);
                    out.mentions.len()
                })
            },
        );
    }
    for (label, pages) in [("deep_div", &divs), ("deep_ul_li", &lists)] {
        for (&(name, _), page) in PATHOLOGICAL_SIZES.iter().zip(pages) {
            g.throughput(Throughput::Bytes(page.len() as u64));
            g.bench_with_input(BenchmarkId::new(label, name), page, |b, p| {
                b.iter(|| gazetag::input::html::extract(black_box(p)).len())
            });
        }
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = config();
    targets = bench_normalize, bench_match, bench_resolve, bench_tag,
        bench_ceiling, bench_pathological
}
criterion_main!(benches);
