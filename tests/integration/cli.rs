//! One test per command-line option of `gazetag tag` and
//! `gazetag gazetteer check`.

use crate::util::{
    check_offsets, fixtures, parse_csv, parse_jsonl, prose_files, root, Dir,
    Record, HEADER_PREFIX, SMALL_GAZETTEER,
};

/// `(doc, text, id)` of every row: enough to say which file gave what.
fn docs_texts(rows: &[Record]) -> Vec<(&str, &str, &str)> {
    rows.iter().map(|r| (&*r.doc, &*r.text, &*r.id)).collect()
}

#[test]
fn one_file_gives_every_column() {
    let d = Dir::with_small_gazetteer();
    let text = "Les renforts arrivent à Alep.\n";
    d.write("a.txt", text);
    let rows = d.tag_small(&["a.txt"]).ok_rows();
    assert_eq!(rows.len(), 1, "{rows:?}");
    let r = &rows[0];
    assert_eq!(r.doc, "a.txt");
    // "Les renforts arrivent à " is 24 code points and 25 bytes (à).
    assert_eq!((r.start, r.end), (24, 28));
    assert_eq!((r.byte_start, r.byte_end), (25, 29));
    assert_eq!(r.text, "Alep");
    assert_eq!(r.kind, "PLACE");
    assert_eq!(r.subtype, "city");
    assert_eq!(r.canonical, "Aleppo");
    assert_eq!(r.id, "test:aleppo");
    assert_eq!(r.country, "SY");
    assert_eq!(r.lat, Some(36.2021));
    assert_eq!(r.lon, Some(37.1343));
    check_offsets(text, &rows);
}

#[test]
fn several_files_are_tagged_in_the_order_given() {
    let d = Dir::with_small_gazetteer();
    d.write("a.txt", "Alep\n");
    d.write("b.txt", "Mossoul et Irak\n");
    let rows = d.tag_small(&["b.txt", "a.txt"]).ok_rows();
    assert_eq!(
        docs_texts(&rows),
        [
            ("b.txt", "Mossoul", "test:mosul"),
            ("b.txt", "Irak", "test:iraq"),
            ("a.txt", "Alep", "test:aleppo"),
        ]
    );
}

#[test]
fn a_folder_means_every_txt_file_under_it() {
    let d = Dir::with_small_gazetteer();
    d.write("corpus/a.txt", "Alep\n");
    d.write("corpus/sub/deeper/b.txt", "Irak\n");
    d.write("corpus/z.txt", "Raqqa\n");
    d.write("corpus/notes.md", "Mossoul\n");
    d.write("corpus/data.csv", "Mossoul\n");
    d.write("corpus/txt", "Mossoul\n");
    let rows = d.tag_small(&["corpus"]).ok_rows();
    assert_eq!(
        docs_texts(&rows),
        [
            ("corpus/a.txt", "Alep", "test:aleppo"),
            ("corpus/sub/deeper/b.txt", "Irak", "test:iraq"),
            ("corpus/z.txt", "Raqqa", "test:raqqa"),
        ]
    );
}

#[test]
fn no_path_reads_stdin_named_dash() {
    let d = Dir::with_small_gazetteer();
    let run = d.run_stdin(&["tag", "-g", SMALL_GAZETTEER], "Vers l’Irak.\n");
    let rows = run.ok_rows();
    assert_eq!(docs_texts(&rows), [("-", "Irak", "test:iraq")]);
    // "Vers l’" is 7 code points and 9 bytes (’ is 3 bytes).
    assert_eq!((rows[0].start, rows[0].byte_start), (7, 9));
}

#[test]
fn dash_reads_stdin_among_files() {
    let d = Dir::with_small_gazetteer();
    d.write("a.txt", "Alep\n");
    let run =
        d.run_stdin(&["tag", "-g", SMALL_GAZETTEER, "a.txt", "-"], "Raqqa\n");
    assert_eq!(
        docs_texts(&run.ok_rows()),
        [("a.txt", "Alep", "test:aleppo"), ("-", "Raqqa", "test:raqqa")]
    );
}

#[test]
fn doc_column_is_the_path_as_given() {
    let d = Dir::with_small_gazetteer();
    d.write("sub/a.txt", "Alep\n");
    d.write("a,b \"c\".txt", "Irak\n");
    let rows = d.tag_small(&["./sub/../sub/a.txt", "a,b \"c\".txt"]).ok_rows();
    let docs: Vec<&str> = rows.iter().map(|r| &*r.doc).collect();
    assert_eq!(docs, ["./sub/../sub/a.txt", "a,b \"c\".txt"]);
}

#[test]
fn rows_are_in_document_order() {
    let d = Dir::with_small_gazetteer();
    let text = "Raqqa, Alep et Irak ; puis Alep, Raqqa et Mossoul.\n";
    d.write("a.txt", text);
    let rows = d.tag_small(&["a.txt"]).ok_rows();
    let texts: Vec<&str> = rows.iter().map(|r| &*r.text).collect();
    assert_eq!(texts, ["Raqqa", "Alep", "Irak", "Alep", "Raqqa", "Mossoul"]);
    let starts: Vec<usize> = rows.iter().map(|r| r.start).collect();
    assert_eq!(starts, [0, 7, 15, 27, 33, 42]);
    check_offsets(text, &rows);
}

#[test]
fn gazetteer_file_replaces_the_embedded_set() {
    let d = Dir::with_small_gazetteer();
    d.write("a.txt", "La Chine soutient l'Irak.\n");
    let rows = d.tag_small(&["a.txt"]).ok_rows();
    assert_eq!(docs_texts(&rows), [("a.txt", "Irak", "test:iraq")]);
    // Without -g the embedded set knows China.
    let rows = d.run(&["tag", "a.txt"]).ok_rows();
    let texts: Vec<&str> = rows.iter().map(|r| &*r.text).collect();
    assert_eq!(texts, ["Chine", "Irak"]);
    assert!(rows.iter().all(|r| !r.id.starts_with("test:")), "{rows:?}");
}

#[test]
fn gazetteer_folder_loads_every_csv_file() {
    let d = Dir::new();
    let h = "id,type,name,aliases\n";
    d.write("gaz/places.csv", format!("{h}t:alep,PLACE,Aleppo,Alep\n"));
    d.write("gaz/actors.csv", format!("{h}t:ei,ACTOR,Islamic State,EI\n"));
    d.write("gaz/notes.txt", "not a gazetteer, ignored\n");
    d.write("a.txt", "L'EI à Alep.\n");
    let rows = d.run(&["tag", "-g", "gaz", "a.txt"]).ok_rows();
    assert_eq!(
        docs_texts(&rows),
        [("a.txt", "EI", "t:ei"), ("a.txt", "Alep", "t:alep")]
    );
}

#[test]
fn gazetteer_option_is_repeatable() {
    let d = Dir::new();
    let h = "id,type,name,aliases\n";
    d.write("places.csv", format!("{h}t:alep,PLACE,Aleppo,Alep\n"));
    d.write("actors.csv", format!("{h}t:ei,ACTOR,Islamic State,EI\n"));
    d.write("a.txt", "L'EI à Alep.\n");
    let only_places = d.run(&["tag", "-g", "places.csv", "a.txt"]).ok_rows();
    assert_eq!(docs_texts(&only_places), [("a.txt", "Alep", "t:alep")]);
    let both = d
        .run(&[
            "tag",
            "-g",
            "places.csv",
            "--gazetteer",
            "actors.csv",
            "a.txt",
        ])
        .ok_rows();
    assert_eq!(
        docs_texts(&both),
        [("a.txt", "EI", "t:ei"), ("a.txt", "Alep", "t:alep")]
    );
}

#[test]
fn with_default_adds_the_embedded_set() {
    let d = Dir::new();
    d.write(
        "extra.csv",
        "id,type,name,aliases\nt:zorglub,PLACE,Zorglub,Zorglubville\n",
    );
    d.write("a.txt", "De Zorglubville jusqu'en Chine.\n");
    let only = d.run(&["tag", "-g", "extra.csv", "a.txt"]).ok_rows();
    assert_eq!(docs_texts(&only), [("a.txt", "Zorglubville", "t:zorglub")]);
    let rows = d
        .run(&["tag", "-g", "extra.csv", "--with-default", "a.txt"])
        .ok_rows();
    let texts: Vec<&str> = rows.iter().map(|r| &*r.text).collect();
    assert_eq!(texts, ["Zorglubville", "Chine"]);
    assert_eq!(rows[0].id, "t:zorglub");
    assert_eq!(
        (rows[1].kind.as_str(), rows[1].country.as_str()),
        ("PLACE", "CN")
    );
}

#[test]
fn with_default_requires_a_gazetteer() {
    let d = Dir::new();
    d.write("a.txt", "Chine\n");
    let run = d.run(&["tag", "--with-default", "a.txt"]);
    run.code(2);
    assert!(run.stderr.contains("--gazetteer"), "{}", run.stderr);
    assert_eq!(run.stdout, "");
}

#[test]
fn types_keeps_only_the_listed_types() {
    let d = Dir::with_small_gazetteer();
    let text = "Selon l'OSDH et l'AFP, l'EI a quitté Alep, dit Rami Abdel \
                Rahmane.\n";
    d.write("a.txt", text);
    let all = d.tag_small(&["a.txt"]).ok_rows();
    let kinds: Vec<&str> = all.iter().map(|r| &*r.kind).collect();
    assert_eq!(kinds, ["ORG", "ORG", "ACTOR", "PLACE", "PERSON"]);
    let some = d.tag_small(&["--types", "PLACE,ACTOR", "a.txt"]).ok_rows();
    let kept: Vec<(&str, &str)> =
        some.iter().map(|r| (&*r.kind, &*r.text)).collect();
    assert_eq!(kept, [("ACTOR", "EI"), ("PLACE", "Alep")]);
    let person = d.tag_small(&["--types", "PERSON", "a.txt"]).ok_rows();
    assert_eq!(
        docs_texts(&person),
        [("a.txt", "Rami Abdel Rahmane", "test:rami")]
    );
}

#[test]
fn unknown_type_is_a_usage_error() {
    let d = Dir::with_small_gazetteer();
    d.write("a.txt", "Alep\n");
    let run = d.tag_small(&["--types", "PLACE,CITY", "a.txt"]);
    run.code(2);
    assert!(run.stderr.contains("CITY"), "{}", run.stderr);
}

#[test]
fn output_file_is_written_and_stdout_is_empty() {
    let d = Dir::with_small_gazetteer();
    d.write("a.txt", "Alep et Irak\n");
    let run = d.tag_small(&["-o", "out.csv", "a.txt"]);
    run.code(0);
    assert_eq!(run.stdout, "");
    assert_eq!(run.messages(), Vec::<&str>::new());
    let rows = parse_csv(&d.read("out.csv"), b',');
    assert_eq!(
        docs_texts(&rows),
        [("a.txt", "Alep", "test:aleppo"), ("a.txt", "Irak", "test:iraq")]
    );
    // Replacing an existing file, with the long option.
    d.write("out.csv", "old\n");
    d.tag_small(&["--output", "out.csv", "a.txt"]).code(0);
    assert_eq!(parse_csv(&d.read("out.csv"), b','), rows);
    assert_eq!(
        d.list(),
        ["a.txt", "out.csv", SMALL_GAZETTEER],
        "no temporary file left behind"
    );
}

#[test]
fn failed_run_leaves_the_output_file_untouched() {
    let d = Dir::new();
    d.write("bad.csv", "id,type,name,lat\nt:1,PLACE,Alep,\"35,2\"\n");
    d.write("a.txt", "Alep\n");
    d.write("out.csv", "previous results\n");
    let run = d.run(&["tag", "-g", "bad.csv", "-o", "out.csv", "a.txt"]);
    run.code(2);
    assert_eq!(d.read("out.csv"), "previous results\n");
    assert_eq!(
        d.list(),
        ["a.txt", "bad.csv", "out.csv"],
        "no temporary file left behind"
    );
}

#[test]
fn output_file_keeps_rows_of_readable_inputs_when_one_fails() {
    let d = Dir::with_small_gazetteer();
    d.write("a.txt", "Alep\n");
    let run = d.tag_small(&["-o", "out.csv", "missing.txt", "a.txt"]);
    run.code(1);
    assert!(run.stderr.contains("missing.txt"), "{}", run.stderr);
    let rows = parse_csv(&d.read("out.csv"), b',');
    assert_eq!(docs_texts(&rows), [("a.txt", "Alep", "test:aleppo")]);
}

#[test]
fn formats_carry_the_same_fields() {
    let d = Dir::with_small_gazetteer();
    let text = "« L’EI », dit l'OSDH, \"tient\" Mayadine\tet Alep.\n";
    d.write("a.txt", text);
    let csv_out = d.tag_small(&["--format", "csv", "a.txt"]);
    let tsv_out = d.tag_small(&["--format", "tsv", "a.txt"]);
    let jsonl_out = d.tag_small(&["--format", "jsonl", "a.txt"]);

    let header = HEADER_PREFIX.join(",");
    assert!(csv_out.stdout.starts_with(&header), "{}", csv_out.stdout);
    let tsv_header = HEADER_PREFIX.join("\t");
    assert!(tsv_out.stdout.starts_with(&tsv_header), "{}", tsv_out.stdout);
    assert!(jsonl_out.stdout.starts_with('{'), "{}", jsonl_out.stdout);

    let from_csv = csv_out.ok_rows();
    let from_tsv = parse_csv(&tsv_out.stdout, b'\t');
    jsonl_out.code(0);
    let from_jsonl = parse_jsonl(&jsonl_out.stdout);
    let texts: Vec<&str> = from_csv.iter().map(|r| &*r.text).collect();
    assert_eq!(texts, ["EI", "OSDH", "Mayadine", "Alep"]);
    assert_eq!(from_tsv, from_csv);
    assert_eq!(from_jsonl, from_csv);
    assert_eq!(jsonl_out.stdout.lines().count(), 4, "one line per row");
    check_offsets(text, &from_csv);
}

#[test]
fn jsonl_lines_are_objects_with_the_columns() {
    let d = Dir::with_small_gazetteer();
    d.write("a.txt", "Alep\n");
    let run = d.tag_small(&["--format", "jsonl", "a.txt"]);
    run.code(0);
    let v: serde_json::Value =
        serde_json::from_str(run.stdout.trim()).unwrap();
    let obj = v.as_object().expect("a JSON object");
    for col in HEADER_PREFIX {
        assert!(obj.contains_key(col), "{col} in {obj:?}");
    }
    assert_eq!(obj["start"], 0);
    assert_eq!(obj["text"], "Alep");
    assert_eq!(obj["lat"], 36.2021);
}

#[test]
fn empty_result_still_has_a_header_in_csv_and_tsv() {
    let d = Dir::with_small_gazetteer();
    d.write("a.txt", "Rien à signaler.\n");
    for (format, sep) in [("csv", ","), ("tsv", "\t")] {
        let run = d.tag_small(&["--format", format, "a.txt"]);
        run.code(0);
        assert_eq!(run.stdout.lines().count(), 1, "{format}: {}", run.stdout);
        assert!(run.stdout.starts_with(&HEADER_PREFIX.join(sep)));
    }
    let run = d.tag_small(&["--format", "jsonl", "a.txt"]);
    run.code(0);
    assert_eq!(run.stdout, "");
}

#[test]
fn help_shows_examples_and_exit_codes() {
    let d = Dir::new();
    let run = d.run(&["tag", "--help"]);
    run.code(0);
    let help = &run.stdout;
    for needle in [
        "Examples:",
        "gazetag tag article.txt",
        "cat article.txt | gazetag tag",
        "--with-default",
        "--types",
        "--format",
        "Exit codes:",
    ] {
        assert!(help.contains(needle), "{needle:?} in:\n{help}");
    }
    let codes: Vec<&str> = help
        .lines()
        .map(str::trim_start)
        .filter(|l| l.starts_with(['0', '1', '2']))
        .map(|l| &l[..1])
        .collect();
    assert_eq!(codes, ["0", "1", "2"], "exit codes listed:\n{help}");

    let run = d.run(&["--help"]);
    run.code(0);
    assert!(run.stdout.contains("Exit codes:"), "{}", run.stdout);
    assert!(run.stdout.contains("gazetteer"), "{}", run.stdout);
}

#[test]
fn version_is_printed() {
    let run = Dir::new().run(&["--version"]);
    run.code(0);
    assert_eq!(
        run.stdout.trim(),
        format!("gazetag {}", env!("CARGO_PKG_VERSION"))
    );
}

/// Parses the tab-separated counts printed by `gazetteer check`.
fn check_counts(stdout: &str) -> Vec<Vec<String>> {
    stdout
        .lines()
        .filter(|l| l.contains('\t'))
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

#[test]
fn gazetteer_check_prints_counts_per_file_and_type() {
    let d = Dir::with_small_gazetteer();
    d.write(
        "gaz/extra.csv",
        "id,type,name,aliases\nt:a,ORG,A,B|C\nt:b,PERSON,D,\n",
    );
    let run = d.run(&["gazetteer", "check", SMALL_GAZETTEER, "gaz"]);
    run.code(0);
    assert_eq!(run.stderr, "");
    let table = check_counts(&run.stdout);
    let extra = format!("gaz{}extra.csv", std::path::MAIN_SEPARATOR);
    let want: Vec<Vec<String>> = [
        ["file", "PLACE", "ORG", "ACTOR", "PERSON", "aliases", "extensions"]
            .map(String::from)
            .to_vec(),
        [SMALL_GAZETTEER, "7", "2", "2", "1", "37", "0"]
            .map(String::from)
            .to_vec(),
        [&*extra, "0", "1", "0", "1", "4", "0"].map(String::from).to_vec(),
        ["total", "7", "3", "2", "2", "41", "0"].map(String::from).to_vec(),
    ]
    .to_vec();
    assert_eq!(table, want, "{}", run.stdout);
    assert!(run.stdout.contains("14 entities"), "{}", run.stdout);
}

#[test]
fn gazetteer_check_without_path_checks_the_embedded_set() {
    let run = Dir::new().run(&["gazetteer", "check"]);
    run.code(0);
    let table = check_counts(&run.stdout);
    assert!(table.len() >= 3, "header, files and total:\n{}", run.stdout);
    let total = table.last().unwrap();
    assert_eq!(total[0], "total");
    for (i, kind) in ["PLACE", "ORG", "ACTOR", "PERSON"].iter().enumerate() {
        let n: usize = total[i + 1].parse().unwrap();
        assert!(n > 0, "the embedded set has {kind} entities");
    }
}

#[test]
fn surfaces_with_a_line_break_or_tab_round_trip_in_every_format() {
    let d = Dir::with_small_gazetteer();
    // Whitespace runs inside a name are folded for matching, but the
    // surface is written exactly as in the document, quoted as needed.
    let text = "A Deir\nEzzor et Deir\tEzzor, \"Alep\".\n";
    d.write("a.txt", text);
    let from_csv = d.tag_small(&["a.txt"]).ok_rows();
    let texts: Vec<&str> = from_csv.iter().map(|r| &*r.text).collect();
    assert_eq!(texts, ["Deir\nEzzor", "Deir\tEzzor", "Alep"]);
    check_offsets(text, &from_csv);
    let tsv = d.tag_small(&["--format", "tsv", "a.txt"]);
    tsv.code(0);
    assert_eq!(parse_csv(&tsv.stdout, b'\t'), from_csv);
    let jsonl = d.tag_small(&["--format", "jsonl", "a.txt"]);
    jsonl.code(0);
    assert_eq!(jsonl.stdout.lines().count(), 3, "{}", jsonl.stdout);
    assert_eq!(parse_jsonl(&jsonl.stdout), from_csv);
}

/// The fixture texts of the repository: the example article and the
/// unrelated prose (about 24,000 words in three languages).
fn corpus() -> Vec<String> {
    let seed = fixtures().join("seed").join("seed.txt");
    std::iter::once(seed)
        .chain(prose_files())
        .map(|p| p.display().to_string())
        .collect()
}

#[test]
fn compiled_index_gives_the_same_output_as_the_csv_files() {
    let d = Dir::new();
    let gazetteers = root().join("gazetteers");
    let gazetteers = gazetteers.to_str().expect("a UTF-8 path");
    d.run(&["gazetteer", "compile", gazetteers, "-o", "g.gzi"]).code(0);
    let corpus = corpus();
    let args = |extra: &[&str]| -> Vec<String> {
        let mut v = vec!["tag".to_string(), "-q".to_string()];
        v.extend(extra.iter().map(|s| s.to_string()));
        v.extend(corpus.iter().cloned());
        v
    };
    let run = |a: Vec<String>| {
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        let r = d.run(&a);
        r.code(0);
        r.stdout.clone()
    };
    let from_csv = run(args(&["-g", gazetteers]));
    let from_index = run(args(&["--index", "g.gzi"]));
    let embedded = run(args(&[]));
    assert!(from_csv.lines().count() > 300, "the corpus yields spans");
    assert_eq!(from_index, from_csv, "compiled index vs CSV files");
    // The embedded set is the same files, compiled when the binary is
    // built (its `source` cells and rows are the same).
    assert_eq!(embedded, from_csv, "embedded index vs CSV files");
}

#[test]
fn damaged_or_foreign_indexes_are_refused() {
    let d = Dir::new();
    d.write("a.txt", "Raids sur Mayadine, en Syrie.\n");
    d.write("foreign.gzi", "id,type,name\nx,PLACE,X\n");
    let r = d.run(&["tag", "--index", "foreign.gzi", "a.txt"]);
    r.code(2);
    assert!(r.stderr.contains("foreign.gzi"), "{}", r.stderr);
    assert!(r.stderr.contains("not a gazetag index"), "{}", r.stderr);
    let gazetteer = fixtures().join(SMALL_GAZETTEER);
    let gazetteer = gazetteer.to_str().expect("a UTF-8 path");
    d.run(&["gazetteer", "compile", gazetteer, "-o", "g.gzi"]).code(0);
    let mut bytes = std::fs::read(d.path().join("g.gzi")).unwrap();
    let n = bytes.len();
    bytes[n - 10] ^= 0xff;
    std::fs::write(d.path().join("bad.gzi"), &bytes).unwrap();
    let r = d.run(&["tag", "--index", "bad.gzi", "a.txt"]);
    r.code(2);
    assert!(r.stderr.contains("corrupt"), "{}", r.stderr);
    let r = d.run(&["tag", "--index", "g.gzi", "a.txt"]);
    r.code(0);
    assert_eq!(r.rows().len(), 2);
}
