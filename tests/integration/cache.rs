//! The cache of compiled user gazetteers (`tag -g FILE`): the second run
//! loads the compiled index, a damaged or unwritable cache changes nothing
//! in the output, and `--no-cache` leaves the cache alone.

use std::fs;
use std::path::{Path, PathBuf};

use super::util::{Dir, SMALL_GAZETTEER};

const TEXT: &str =
    "Des frappes ont visé Mayadine et Boukamal, selon l'OSDH.\n";

/// Runs `tag -g small_gazetteer.csv -v ARGS article.txt` with the cache in
/// `cache`; returns stdout and stderr.
fn run(d: &Dir, cache: &Path, args: &[&str]) -> (String, String) {
    let out = d
        .command()
        .env("XDG_CACHE_HOME", cache)
        .args(["tag", "-g", SMALL_GAZETTEER, "-v"])
        .args(args)
        .arg("article.txt")
        .output()
        .expect("running");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The entries (`.gzi` files) of the cache.
fn entries(cache: &Path) -> Vec<PathBuf> {
    let Ok(list) = fs::read_dir(cache.join("gazetag")) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = list
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "gzi"))
        .collect();
    out.sort();
    out
}

fn setup() -> (Dir, PathBuf) {
    let d = Dir::with_small_gazetteer();
    d.write("article.txt", TEXT);
    let cache = d.path().join("cache-home");
    (d, cache)
}

#[test]
fn the_second_run_loads_the_compiled_gazetteer() {
    let (d, cache) = setup();
    let (first, err1) = run(&d, &cache, &[]);
    assert!(err1.contains("compiled into the cache"), "{err1}");
    assert_eq!(entries(&cache).len(), 1);
    let (second, err2) = run(&d, &cache, &[]);
    assert!(err2.contains("loaded from the cache"), "{err2}");
    assert!(first.lines().count() > 1, "{first}");
    assert_eq!(first, second);
    let (uncached, err3) = run(&d, &cache, &["--no-cache"]);
    assert_eq!(first, uncached);
    assert!(!err3.contains("cache"), "{err3}");
}

#[test]
fn changed_files_get_a_new_entry() {
    let (d, cache) = setup();
    run(&d, &cache, &[]);
    let mut csv = d.read(SMALL_GAZETTEER);
    csv.push_str(
        "gazetag:test/x,PLACE,city,Xyzzyville,,SY,,35.0,38.0,,,,test\n",
    );
    d.write(SMALL_GAZETTEER, csv);
    d.write("article.txt", format!("{TEXT}Xyzzyville.\n"));
    let (out, err) = run(&d, &cache, &[]);
    assert!(err.contains("compiled into the cache"), "{err}");
    assert!(out.contains("Xyzzyville"), "{out}");
    assert_eq!(entries(&cache).len(), 2);
}

#[test]
fn a_damaged_entry_is_rebuilt_not_used() {
    let (d, cache) = setup();
    let (first, _) = run(&d, &cache, &[]);
    let entry = entries(&cache).pop().expect("an entry");
    let mut bytes = fs::read(&entry).unwrap();
    let n = bytes.len();
    bytes[n / 2] ^= 0xff;
    fs::write(&entry, &bytes).unwrap();
    let (second, err) = run(&d, &cache, &[]);
    assert!(err.contains("unusable") && err.contains("rebuilding"), "{err}");
    assert_eq!(first, second);
    // Rebuilt: the next run loads it again.
    let (_, err) = run(&d, &cache, &[]);
    assert!(err.contains("loaded from the cache"), "{err}");
}

#[test]
fn an_unwritable_cache_is_a_note() {
    let (d, _) = setup();
    // A file where the cache folder should be: nothing can be written
    // under it, whoever runs the test.
    let blocked = d.write("blocked", "not a folder");
    let (out, err) = run(&d, &blocked, &[]);
    assert!(err.contains("could not write the gazetteer cache"), "{err}");
    assert!(out.contains("Mayadine"), "{out}");
}

#[test]
fn no_cache_writes_nothing() {
    let (d, cache) = setup();
    run(&d, &cache, &["--no-cache"]);
    assert!(!cache.exists());
}

#[test]
fn gazetteer_warnings_are_shown_on_cached_runs_too() {
    let (d, cache) = setup();
    // A column named twice: a warning, not an error.
    d.write(
        "warned.csv",
        "id,type,name,name\ngazetag:test/w,PLACE,Wubbleton,Wubbleton\n",
    );
    for _ in 0..2 {
        let out = d
            .command()
            .env("XDG_CACHE_HOME", &cache)
            .args(["tag", "-g", "warned.csv", "article.txt"])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("warning"), "{err}");
    }
}
