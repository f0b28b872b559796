//! Test helpers: where the binary and the fixtures are, a hermetic
//! working folder, a `gazetag` command that runs in it, and the output
//! parsed back into records (compare fields, not bytes, as xsv's tests
//! do).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde::Deserialize;
use tempfile::TempDir;

/// The `gazetag` binary cargo built for these tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_gazetag");

/// The root of the repository.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The fixtures folder of the repository.
pub fn fixtures() -> PathBuf {
    root().join("tests").join("fixtures")
}

/// The `.txt` files of the unrelated prose fixture
/// (`tests/fixtures/prose/`), sorted.
pub fn prose_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(fixtures().join("prose"))
        .expect("reading tests/fixtures/prose")
        .map(|e| e.expect("listing tests/fixtures/prose").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
}

/// The repository's `packs/` folder when it holds the world pack
/// (`packs/world.gzi`, which `scripts/build_world_pack.sh` writes).
pub fn world_packs() -> Option<PathBuf> {
    let dir = root().join("packs");
    dir.join("world.gzi").is_file().then_some(dir)
}

/// [`world_packs`] for a test that needs the pack: when it is missing,
/// says that `what` did not run and gives `None`, or fails when
/// `GAZETAG_REQUIRE_WORLD_PACK` is set (CI sets it).
pub fn world_packs_for(what: &str) -> Option<PathBuf> {
    let packs = world_packs();
    if packs.is_none() {
        assert!(
            std::env::var_os("GAZETAG_REQUIRE_WORLD_PACK").is_none(),
            "GAZETAG_REQUIRE_WORLD_PACK is set but packs/world.gzi is missing \
             (build it with scripts/build_world_pack.sh)"
        );
        eprintln!(
            "note: packs/world.gzi is missing, {what} did not run \
             (scripts/build_world_pack.sh builds it)"
        );
    }
    packs
}

/// `gazetag` with an environment cleared of variables that could change
/// its behaviour.
pub fn gazetag() -> Command {
    let mut cmd = Command::new(BIN);
    for (key, _) in std::env::vars_os() {
        let key = key.to_string_lossy();
        if key.starts_with("GAZETAG_")
            || key.starts_with("CLICOLOR")
            || matches!(
                &*key,
                "NO_COLOR" | "TERM" | "COLUMNS" | "LINES" | "RUST_LOG"
            )
        {
            cmd.env_remove(&*key);
        }
    }
    // `-g` compiles into the user's cache folder: the tests' own, not the
    // user's.
    cmd.env("XDG_CACHE_HOME", test_cache());
    cmd
}

/// The tests' cache folder (`XDG_CACHE_HOME`), under cargo's temporary
/// folder for integration tests.
fn test_cache() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("cache")
}

/// The small entity file most CLI tests use with `-g`.
pub const SMALL_GAZETTEER: &str = "small_gazetteer.csv";

/// The header of the CSV output, as far as these tests rely on it.
pub const HEADER_PREFIX: [&str; 13] = [
    "doc",
    "start",
    "end",
    "byte_start",
    "byte_end",
    "text",
    "type",
    "subtype",
    "canonical",
    "id",
    "country",
    "lat",
    "lon",
];

/// A fresh temporary folder in which `gazetag` runs.
pub struct Dir {
    dir: TempDir,
}

impl Dir {
    /// An empty folder.
    pub fn new() -> Dir {
        let dir = tempfile::Builder::new()
            .prefix("gazetag-test-")
            .tempdir()
            .expect("creating a temporary folder");
        Dir { dir }
    }

    /// A folder holding a copy of `tests/fixtures/small_gazetteer.csv`.
    pub fn with_small_gazetteer() -> Dir {
        let d = Dir::new();
        let text = fs::read(fixtures().join(SMALL_GAZETTEER))
            .expect("reading the small gazetteer fixture");
        d.write(SMALL_GAZETTEER, text);
        d
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `contents` to `rel` (creating parent folders) and returns
    /// the full path.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("creating parent folders");
        }
        fs::write(&path, contents).expect("writing a test file");
        path
    }

    /// Reads `rel` as UTF-8.
    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.dir.path().join(rel))
            .unwrap_or_else(|e| panic!("reading {rel}: {e}"))
    }

    /// The names of the entries of the folder, sorted.
    pub fn list(&self) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(self.dir.path())
            .expect("listing the test folder")
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// [`gazetag`] with this folder as working directory.
    pub fn command(&self) -> Command {
        let mut cmd = gazetag();
        cmd.current_dir(self.dir.path());
        cmd
    }

    /// Runs `gazetag` with `args` and returns its output.
    pub fn run(&self, args: &[&str]) -> Run {
        Run::from(self.command().args(args).output().expect("running"))
    }

    /// Runs `gazetag` with `args` and `stdin` and returns its output.
    pub fn run_stdin(&self, args: &[&str], stdin: &str) -> Run {
        let out = self
            .command()
            .args(args)
            .write_stdin(stdin.as_bytes().to_vec())
            .output()
            .expect("running");
        Run::from(out)
    }

    /// Runs `gazetag tag -g small_gazetteer.csv ARGS...`.
    pub fn tag_small(&self, args: &[&str]) -> Run {
        let mut all = vec!["tag", "-g", SMALL_GAZETTEER];
        all.extend_from_slice(args);
        self.run(&all)
    }
}

/// What a run printed and how it ended.
pub struct Run {
    /// The exit code (`None` when killed by a signal).
    pub code: Option<i32>,
    /// Standard output, as UTF-8.
    pub stdout: String,
    /// Standard error, as UTF-8.
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(out: Output) -> Run {
        Run {
            code: out.status.code(),
            stdout: String::from_utf8(out.stdout).expect("UTF-8 stdout"),
            stderr: String::from_utf8(out.stderr).expect("UTF-8 stderr"),
        }
    }
}

impl Run {
    /// Asserts the exit code, showing both streams when it differs.
    #[track_caller]
    pub fn code(&self, expected: i32) -> &Run {
        assert_eq!(
            self.code,
            Some(expected),
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    /// Standard error without the closing line (`gazetag: done: ...`,
    /// which every run prints unless `--quiet`).
    pub fn messages(&self) -> Vec<&str> {
        self.stderr.lines().filter(|l| !is_closing_line(l)).collect()
    }

    /// The closing line, if any.
    pub fn closing_line(&self) -> Option<&str> {
        self.stderr.lines().find(|l| is_closing_line(l))
    }

    /// Asserts success and no message on standard error besides the
    /// closing line; returns the CSV rows.
    #[track_caller]
    pub fn ok_rows(&self) -> Vec<Record> {
        self.code(0);
        assert_eq!(self.messages(), Vec::<&str>::new(), "nothing on stderr");
        parse_csv(&self.stdout, b',')
    }

    /// The standard output parsed as CSV.
    #[track_caller]
    pub fn rows(&self) -> Vec<Record> {
        parse_csv(&self.stdout, b',')
    }
}

/// Whether `line` is the closing line of a run.
pub fn is_closing_line(line: &str) -> bool {
    line.starts_with("gazetag: done: ")
}

/// One output row. Columns are matched by name, so new columns do not
/// break the tests.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Record {
    /// Document name.
    pub doc: String,
    /// Code point offset of the start.
    pub start: usize,
    /// Code point offset of the end.
    pub end: usize,
    /// Byte offset of the start.
    pub byte_start: usize,
    /// Byte offset of the end.
    pub byte_end: usize,
    /// The surface.
    pub text: String,
    /// The entity type.
    #[serde(rename = "type")]
    pub kind: String,
    /// The subtype.
    pub subtype: String,
    /// The canonical name.
    pub canonical: String,
    /// The entity id.
    pub id: String,
    /// The country code.
    pub country: String,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
}

impl Record {
    /// `(start, end, text, id)`: the short form used in assertions.
    pub fn key(&self) -> (usize, usize, &str, &str) {
        (self.start, self.end, &self.text, &self.id)
    }
}

/// `(doc, text)` of every row: enough to say which file gave what.
pub fn docs_texts(rows: &[Record]) -> Vec<(&str, &str)> {
    rows.iter().map(|r| (&*r.doc, &*r.text)).collect()
}

/// Parses delimited output with a header row into records.
#[track_caller]
pub fn parse_csv(text: &str, delimiter: u8) -> Vec<Record> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header row")
        .iter()
        .map(str::to_string)
        .collect();
    assert!(
        header.len() >= HEADER_PREFIX.len()
            && header[..HEADER_PREFIX.len()] == HEADER_PREFIX,
        "header starts with the documented columns: {header:?}"
    );
    reader
        .deserialize()
        .map(|r| r.unwrap_or_else(|e| panic!("bad row: {e}\n{text}")))
        .collect()
}

/// Parses JSON lines output into records.
#[track_caller]
pub fn parse_jsonl(text: &str) -> Vec<Record> {
    text.lines()
        .map(|l| {
            serde_json::from_str(l)
                .unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}"))
        })
        .collect()
}

/// Checks, for every row of `doc`, that the surface is the byte slice
/// `byte_start..byte_end` of the document and that the code point offsets
/// `start..end` select the same text.
#[track_caller]
pub fn check_offsets(doc: &str, rows: &[Record]) {
    for r in rows {
        let slice = doc.get(r.byte_start..r.byte_end).unwrap_or_else(|| {
            panic!("{r:?}: byte offsets are not on char boundaries")
        });
        assert_eq!(slice, r.text, "text == doc[byte_start..byte_end]: {r:?}");
        let by_char: String =
            doc.chars().skip(r.start).take(r.end - r.start).collect();
        assert_eq!(by_char, r.text, "text == chars[start..end]: {r:?}");
        assert_eq!(
            doc[..r.byte_start].chars().count(),
            r.start,
            "start is the code point index of byte_start: {r:?}"
        );
    }
}

/// Checks that the rows of one document are sorted and do not overlap.
#[track_caller]
pub fn check_order(rows: &[Record]) {
    for w in rows.windows(2) {
        assert!(
            w[0].byte_end <= w[1].byte_start,
            "rows in document order without overlap: {:?} then {:?}",
            w[0],
            w[1]
        );
    }
}

/// The outcome of one probe of a fixture (`probes.rs`,
/// `translit_probes.rs`): the key its expected-to-fail list would name it
/// by, and why it failed (`None` when it passed).
pub struct Outcome<K> {
    /// What names the probe in an expected-to-fail list.
    pub key: K,
    /// What went wrong, `None` when the probe passed.
    pub failure: Option<String>,
}

/// [`check_outcomes`] for a probe test over `fixture`: prints how many
/// probes pass and fail as listed, or fails the test with the errors.
pub fn assert_outcomes<K: PartialEq + std::fmt::Debug>(
    fixture: &str,
    outcomes: &[Outcome<K>],
    expected_to_fail: &[(K, &str)],
) {
    match check_outcomes(outcomes, expected_to_fail) {
        Ok(known) => eprintln!(
            "{fixture}: {} of {} probes pass, {known} fail as listed in \
             EXPECTED_TO_FAIL",
            outcomes.len() - known,
            outcomes.len()
        ),
        Err(errors) => panic!(
            "{fixture} ({} probes; see EXPECTED_TO_FAIL):\n  {}",
            outcomes.len(),
            errors.replace('\n', "\n  ")
        ),
    }
}

/// Checks probe outcomes against a list of probes expected to fail,
/// `(key, reason)`:
///
/// - a probe that fails and is not on the list is an error;
/// - a probe on the list that passes is an error (remove it from the
///   list: the list can only shrink);
/// - a listed key that names no probe, a key listed twice and an empty
///   reason are errors.
///
/// A listed key names every probe that has it. Returns how many probes
/// failed as listed, or the errors, one per line.
pub fn check_outcomes<K: PartialEq + std::fmt::Debug>(
    outcomes: &[Outcome<K>],
    expected_to_fail: &[(K, &str)],
) -> Result<usize, String> {
    let mut errors = Vec::new();
    let mut listed_failures = 0;
    for (i, (key, reason)) in expected_to_fail.iter().enumerate() {
        if reason.trim().is_empty() {
            errors
                .push(format!("{key:?} is expected to fail without a reason"));
        }
        if expected_to_fail[..i].iter().any(|(k, _)| k == key) {
            errors
                .push(format!("{key:?} is listed twice as expected to fail"));
        }
        if !outcomes.iter().any(|o| o.key == *key) {
            errors.push(format!(
                "{key:?} is listed as expected to fail but names no probe \
                 of the fixture: remove it from the list"
            ));
        }
    }
    for o in outcomes {
        let listed = expected_to_fail.iter().find(|(k, _)| *k == o.key);
        match (&o.failure, listed) {
            (None, None) => {}
            (Some(_), Some(_)) => listed_failures += 1,
            (Some(failure), None) => errors.push(failure.clone()),
            (None, Some((_, reason))) => errors.push(format!(
                "{:?} passes now: remove it from the expected-to-fail list \
                 (it was listed because: {reason})",
                o.key
            )),
        }
    }
    if errors.is_empty() {
        Ok(listed_failures)
    } else {
        Err(errors.join("\n"))
    }
}

#[test]
fn check_outcomes_fails_on_new_failures_and_on_listed_passes() {
    let outcome = |key: &'static str, failure: Option<&str>| Outcome {
        key,
        failure: failure.map(str::to_string),
    };
    let all_pass = [outcome("a", None), outcome("b", None)];
    assert_eq!(check_outcomes(&all_pass, &[]), Ok(0));

    // Listed and failing: fine, and counted.
    let b_fails = [outcome("a", None), outcome("b", Some("b: found nothing"))];
    assert_eq!(check_outcomes(&b_fails, &[("b", "a known gap")]), Ok(1));

    // Not listed and failing: the failure is reported.
    let err = check_outcomes(&b_fails, &[]).unwrap_err();
    assert_eq!(err, "b: found nothing");

    // Listed and passing: an error that says to shorten the list.
    let err = check_outcomes(&all_pass, &[("a", "a known gap")]).unwrap_err();
    assert!(err.contains("\"a\" passes now: remove it"), "{err}");

    // Both at once: both reported.
    let err = check_outcomes(&b_fails, &[("a", "a known gap")]).unwrap_err();
    assert_eq!(err.lines().count(), 2, "{err}");

    // A listed key without a probe, twice, or without a reason.
    let err = check_outcomes(&all_pass, &[("z", "gone")]).unwrap_err();
    assert!(err.contains("names no probe"), "{err}");
    let err =
        check_outcomes(&b_fails, &[("b", "gap"), ("b", "gap")]).unwrap_err();
    assert!(err.contains("listed twice"), "{err}");
    let err = check_outcomes(&b_fails, &[("b", " ")]).unwrap_err();
    assert!(err.contains("without a reason"), "{err}");
}
