//! `gazetag debug fold`: the engine's folding for the project's scripts.
//! Every expected line is computed here through the library, so the
//! command is checked against what the matcher does.

use gazetag::internals::{key, normalize_key, Case};

use crate::util::Dir;

/// Inputs that exercise the folding rules: case, diacritics, Arabic
/// letter variants and tatweel, apostrophes, dashes and white space.
const CASES: &[(&str, &str)] = &[
    ("case", "ALEPPO Aleppo aleppo"),
    ("German sharp s", "Straße"),
    ("diacritics", "Ḩalab"),
    ("diacritics in a phrase", "Deïr ez-Zôr"),
    ("letters with a stroke", "Łódź Ħamāh"),
    ("alef with hamza above", "أربيل"),
    ("alef with hamza below", "إدلب"),
    ("alef with madda", "آمرلي"),
    ("tatweel", "حلـــب"),
    ("harakat", "اَلرِّقَّة"),
    ("teh marbuta and alef maksura", "الرقة ديالى"),
    ("typographic apostrophe", "l’Irak"),
    ("modifier letter apostrophe", "Dar\u{02BC}a"),
    ("leading ʿayn", "ʿIrāq"),
    ("dashes", "Deir ez-Zor — Raqqa"),
    ("white space", "  Abu \t Kamal  "),
    ("zero-width and bidi marks", "Al\u{200B}eppo\u{200F}"),
];

fn lines(text: &str) -> Vec<&str> {
    text.split_terminator('\n').collect()
}

/// Runs `debug fold ARGS` on `inputs`, one per line, and returns one
/// output line per input.
#[track_caller]
fn fold(args: &[&str], inputs: &[&str]) -> Vec<String> {
    let mut all = vec!["debug", "fold"];
    all.extend_from_slice(args);
    let stdin: String = inputs.iter().map(|s| format!("{s}\n")).collect();
    let run = Dir::new().run_stdin(&all, &stdin);
    run.code(0);
    assert_eq!(run.stderr, "", "nothing on stderr");
    let out = lines(&run.stdout);
    assert_eq!(out.len(), inputs.len(), "one line out per line in");
    out.into_iter().map(str::to_string).collect()
}

fn inputs() -> Vec<&'static str> {
    CASES.iter().map(|&(_, input)| input).collect()
}

#[test]
fn fold_is_the_matchers_alias_folding() {
    let out = fold(&[], &inputs());
    for (&(what, input), got) in CASES.iter().zip(&out) {
        let want = normalize_key(input, Case::Fold);
        assert_eq!(*got, want, "{what}: {input:?}");
        assert_eq!(*got, got.to_lowercase(), "{what}: case folded");
        assert_eq!(got.trim(), got, "{what}: trimmed");
    }
    // What the engine promises for some of them, stated once more.
    let by = |what: &str| {
        let i = CASES.iter().position(|&(w, _)| w == what).unwrap();
        out[i].as_str()
    };
    assert_eq!(by("diacritics"), "halab");
    assert_eq!(by("tatweel"), normalize_key("حلب", Case::Fold));
    assert_eq!(by("alef with hamza below"), normalize_key("ادلب", Case::Fold));
    assert!(by("typographic apostrophe").contains('\''));
    assert!(by("dashes").split(' ').all(|w| !w.is_empty()));
}

#[test]
fn case_keep_keeps_case_and_folds_the_rest() {
    let out = fold(&["--case", "keep"], &inputs());
    for (&(what, input), got) in CASES.iter().zip(&out) {
        assert_eq!(
            *got,
            normalize_key(input, Case::Keep),
            "{what}: {input:?}"
        );
    }
    assert!(out[0].starts_with("ALEPPO Aleppo"), "{:?}", out[0]);
    assert_ne!(out, fold(&[], &inputs()), "keep differs from fold");
}

#[test]
fn key_is_the_transliteration_key_of_the_folded_line() {
    let names =
        ["Boukamal", "Albu Kamal", "Abu Kamal", "Deir ez-Zor", "Raqqa"];
    let out = fold(&["--key"], &names);
    for (name, got) in names.iter().zip(&out) {
        let want = key(&normalize_key(name, Case::Fold));
        assert_eq!(*got, want, "{name:?}");
        assert_ne!(*got, normalize_key(name, Case::Fold), "a key, not a fold");
    }
    // `Boukamal` and `Albu Kamal` share a key exactly when the engine says
    // they do (and it does: that is what transliteration matching is for).
    let engine_same = key(&normalize_key("Boukamal", Case::Fold))
        == key(&normalize_key("Albu Kamal", Case::Fold));
    assert!(engine_same);
    assert_eq!(out[0] == out[1], engine_same);
    assert_ne!(out[0], out[4], "Boukamal and Raqqa differ");
}

#[test]
fn key_cannot_keep_case() {
    let run = Dir::new()
        .run_stdin(&["debug", "fold", "--key", "--case", "keep"], "");
    run.code(2);
    assert!(run.stderr.contains("--key"), "{}", run.stderr);
}

#[test]
fn every_input_line_gives_one_output_line() {
    let d = Dir::new();
    // Empty lines, lines that fold to nothing, a CRLF line and a last line
    // without its newline.
    let stdin = "Alep\n\n - \n\u{200B}\nMossoul\r\n\nRaqqa";
    let run = d.run_stdin(&["debug", "fold"], stdin);
    run.code(0);
    let want: Vec<String> =
        stdin.split('\n').map(|l| normalize_key(l, Case::Fold)).collect();
    assert_eq!(lines(&run.stdout), want);
    assert_eq!(want.iter().filter(|l| l.is_empty()).count(), 4);
    assert!(!run.stdout.contains('\r'), "{:?}", run.stdout);
    assert!(run.stdout.ends_with('\n'));
    // Nothing in, nothing out.
    let run = d.run_stdin(&["debug", "fold"], "");
    run.code(0);
    assert_eq!(run.stdout, "");
}

#[test]
fn many_lines_stream_through_one_process() {
    let inputs: Vec<String> =
        (0..20_000).map(|i| format!("Ḩalab-{i} ’Irak")).collect();
    let refs: Vec<&str> = inputs.iter().map(String::as_str).collect();
    let out = fold(&[], &refs);
    for (input, got) in inputs.iter().zip(&out) {
        assert_eq!(*got, normalize_key(input, Case::Fold));
    }
}

#[test]
fn a_line_that_is_not_utf8_is_an_error_naming_it() {
    let out = Dir::new()
        .command()
        .args(["debug", "fold"])
        .write_stdin(b"Alep\n\xff\xfe\n".to_vec())
        .output()
        .expect("running");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 2"), "{stderr}");
}

#[test]
fn debug_is_hidden_from_help() {
    let run = Dir::new().run(&["--help"]);
    run.code(0);
    assert!(run.stdout.contains("gazetteer"), "{}", run.stdout);
    assert!(!run.stdout.contains("debug"), "{}", run.stdout);
}
