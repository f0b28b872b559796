//! Inputs and outputs (issue 5): every input kind and encoding, every
//! output format, spreadsheet safety, atomic `-o`, ordering under threads,
//! unreadable inputs, and the review page rendered in a real browser.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use flate2::write::GzEncoder;
use serde_json::Value;

use crate::util::{
    check_offsets, fixtures, parse_csv, parse_jsonl, Dir, Record, Run, BIN,
    SMALL_GAZETTEER,
};

fn keys(rows: &[Record]) -> Vec<(&str, &str, &str)> {
    rows.iter().map(|r| (&*r.doc, &*r.text, &*r.id)).collect()
}

fn utf16(s: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
    for u in s.encode_utf16() {
        let b = if big_endian { u.to_be_bytes() } else { u.to_le_bytes() };
        out.extend_from_slice(&b);
    }
    out
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

fn run_bytes(d: &Dir, args: &[&str], stdin: Vec<u8>) -> Run {
    Run::from(d.command().args(args).write_stdin(stdin).output().unwrap())
}

// ---------------------------------------------------------------- inputs

#[test]
fn every_encoding_is_decoded_and_offsets_refer_to_the_decoded_text() {
    let d = Dir::with_small_gazetteer();
    let text = "Frappes à Alep et en Irak.\n";
    d.write("utf8.txt", text);
    d.write("bom.txt", format!("\u{FEFF}{text}"));
    d.write("le.txt", utf16(text, false));
    d.write("be.txt", utf16(text, true));
    // Windows-1252: `à` is 0xE0.
    d.write("cp1252.txt", b"Frappes \xe0 Alep et en Irak.\n".as_slice());
    let files = ["utf8.txt", "bom.txt", "le.txt", "be.txt", "cp1252.txt"];
    let mut args = vec!["-v"];
    args.extend(files);
    let run = d.tag_small(&args);
    run.code(0);
    let rows = run.rows();
    for f in files {
        let mine: Vec<Record> =
            rows.iter().filter(|r| r.doc == f).cloned().collect();
        let surfaces: Vec<&str> = mine.iter().map(|r| &*r.text).collect();
        assert_eq!(surfaces, ["Alep", "Irak"], "{f}");
        let decoded = if f == "bom.txt" {
            format!("\u{FEFF}{text}")
        } else {
            text.to_string()
        };
        check_offsets(&decoded, &mine);
    }
    let err = &run.stderr;
    for want in [
        "gazetag: le.txt: decoded as UTF-16LE (byte order mark)",
        "gazetag: be.txt: decoded as UTF-16BE (byte order mark)",
        "gazetag: utf8.txt: decoded as UTF-8",
        "gazetag: note: cp1252.txt: line 1: not valid UTF-8 (byte offset 8), \
         decoded as windows-1252 (fallback)",
    ] {
        assert!(err.contains(want), "{want:?} in\n{err}");
    }
    // Without -v only the fallback is reported: never silently lossy.
    let run = d.tag_small(&files);
    run.code(0);
    assert_eq!(run.messages().len(), 1, "{}", run.stderr);
    assert!(run.messages()[0].contains("cp1252.txt"), "{}", run.stderr);
}

#[test]
fn forced_encodings() {
    let d = Dir::with_small_gazetteer();
    d.write("cp.txt", b"\xc0 Alep".as_slice());
    // `--encoding utf-8` keeps the strict error of old.
    let run = d.tag_small(&["--encoding", "utf-8", "cp.txt"]);
    run.code(1);
    assert!(run.stderr.contains("cp.txt:1: invalid UTF-8"), "{}", run.stderr);
    let run = d.tag_small(&["--encoding", "latin1", "cp.txt"]);
    assert_eq!(keys(&run.ok_rows()), [("cp.txt", "Alep", "test:aleppo")]);
    assert_eq!(run.rows()[0].start, 2, "À is one code point");
    // UTF-16 without a byte order mark, only when asked.
    let mut le = utf16("Irak", false);
    le.drain(..2);
    d.write("nobom.txt", le);
    let run = d.tag_small(&["--encoding", "utf-16le", "nobom.txt"]);
    assert_eq!(keys(&run.ok_rows()), [("nobom.txt", "Irak", "test:iraq")]);
    let run = d.tag_small(&["--encoding", "klingon", "cp.txt"]);
    run.code(2);
    assert!(run.stderr.contains("klingon"), "{}", run.stderr);
}

#[test]
fn gzipped_files_and_stdin_are_decompressed() {
    let d = Dir::with_small_gazetteer();
    d.write("corpus/a.txt.gz", gzip("Alep\n".as_bytes()));
    d.write("corpus/b.html.gz", gzip(b"<p>Raqqa &amp; Irak</p>"));
    let run = d.tag_small(&["corpus"]);
    assert_eq!(
        keys(&run.ok_rows()),
        [
            ("corpus/a.txt.gz", "Alep", "test:aleppo"),
            ("corpus/b.html.gz", "Raqqa", "test:raqqa"),
            ("corpus/b.html.gz", "Irak", "test:iraq"),
        ]
    );
    let run = run_bytes(
        &d,
        &["tag", "-g", SMALL_GAZETTEER],
        gzip(&utf16("Syrie", false)),
    );
    assert_eq!(keys(&run.ok_rows()), [("-", "Syrie", "test:syria")]);
}

#[test]
fn html_pages_are_tagged_on_their_text_which_emit_text_saves() {
    let d = Dir::with_small_gazetteer();
    let page = "<!DOCTYPE html><html><head><title>Alep</title>\
        <style>p{}</style><script>var x = 'Irak';</script></head><body>\
        <nav><a href='/'>Syrie</a></nav>\
        <article><h1>Raids sur Alep</h1>\
        <p>Les forces &eacute;taient &agrave;   Raqqa,<br>pr&egrave;s de l&rsquo;Irak.</p>\
        </article><footer>© Syrie Media</footer></body></html>";
    d.write("page.html", page);
    d.write("page.htm.saved", page);
    let run = d.tag_small(&["--emit-text", "text", "page.html"]);
    let rows = run.ok_rows();
    assert_eq!(
        rows.iter().map(|r| &*r.text).collect::<Vec<_>>(),
        ["Alep", "Raqqa", "Irak"],
        "script, style, nav, footer and title are not text"
    );
    let text = d.read("text/page.html.txt");
    assert_eq!(
        text,
        "Raids sur Alep\n\nLes forces étaient à Raqqa,\nprès de l’Irak.\n"
    );
    check_offsets(&text, &rows);
    // --input html for a name that does not say so.
    let run = d.tag_small(&["--input", "html", "page.htm.saved"]);
    assert_eq!(run.ok_rows().len(), 3);
    // A Windows-1252 page declaring another charset uses the declared one.
    d.write(
        "old.html",
        b"<meta charset=\"windows-1256\"><p>\xcd\xe1\xc8</p>".as_slice(),
    );
    let run = d.tag_small(&["old.html", "--emit-text", "old"]);
    run.code(0);
    assert_eq!(d.read("old/old.html.txt"), "حلب\n");
    assert!(run.stderr.contains("windows-1256"), "{}", run.stderr);
}

#[test]
fn folders_glob_hidden_and_binary_files() {
    let d = Dir::with_small_gazetteer();
    d.write("c/a.html", "<p>Alep</p>");
    d.write("c/sub/b.html", "<p>Irak</p>");
    d.write("c/b.txt", "Raqqa");
    d.write("c/.hidden.html", "<p>Syrie</p>");
    d.write("c/.git/x.html", "<p>Syrie</p>");
    d.write("c/bin.html", b"\x89PNG\r\n\x1a\n\0\0Alep".as_slice());
    let run = d.tag_small(&["--glob", "*.html", "c"]);
    run.code(1);
    assert_eq!(
        keys(&run.rows()),
        [
            ("c/a.html", "Alep", "test:aleppo"),
            ("c/sub/b.html", "Irak", "test:iraq")
        ]
    );
    let m = run.messages().join("\n");
    assert!(m.contains("note: c/.git: hidden folder, skipped"), "{m}");
    assert!(m.contains("note: c/.hidden.html: hidden file, skipped"), "{m}");
    assert!(m.contains("c/bin.html: binary file"), "{m}");
    // Without --glob, a folder gives its .txt and .html files.
    let run = d.tag_small(&["c"]);
    let rows = run.rows();
    let docs: Vec<&str> = rows.iter().map(|r| &*r.doc).collect();
    assert_eq!(docs, ["c/a.html", "c/b.txt", "c/sub/b.html"]);
    d.run(&["tag", "--glob", "a[", "c"]).code(2);
}

#[cfg(unix)]
#[test]
fn one_unreadable_file_in_a_folder_is_named_and_the_others_tagged() {
    let d = Dir::with_small_gazetteer();
    d.write("corpus/a.txt", "Alep\n");
    d.write("corpus/c.txt", "Raqqa\n");
    // Tests run as root, for whom chmod 000 changes nothing: a dangling
    // symlink cannot be read by anyone.
    std::os::unix::fs::symlink("nowhere.txt", d.path().join("corpus/b.txt"))
        .unwrap();
    let run = d.tag_small(&["corpus"]);
    run.code(1);
    assert_eq!(
        keys(&run.rows()),
        [
            ("corpus/a.txt", "Alep", "test:aleppo"),
            ("corpus/c.txt", "Raqqa", "test:raqqa")
        ]
    );
    let m = run.messages();
    assert_eq!(m.len(), 1, "{}", run.stderr);
    assert!(m[0].contains("corpus/b.txt"), "{}", run.stderr);
}

#[test]
fn csv_tables_give_one_document_per_row() {
    let d = Dir::with_small_gazetteer();
    d.write(
        "export.csv",
        "url,date,body\n\
         https://a.example/1,2024-01-02,\"Alep, puis\nIrak\"\n\
         ,2024-01-03,Raqqa\n",
    );
    let run = d.tag_small(&[
        "--input",
        "csv",
        "--text-column",
        "body",
        "--id-column",
        "url",
        "--keep-columns",
        "date,url",
        "export.csv",
    ]);
    run.code(0);
    let out = &run.stdout;
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> =
        reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(&header[header.len() - 2..], ["date", "url"]);
    let got: Vec<Vec<String>> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            [0, 5, header.len() - 2, header.len() - 1]
                .iter()
                .map(|&i| r[i].to_string())
                .collect()
        })
        .collect();
    assert_eq!(
        got,
        [
            [
                "https://a.example/1",
                "Alep",
                "2024-01-02",
                "https://a.example/1"
            ],
            [
                "https://a.example/1",
                "Irak",
                "2024-01-02",
                "https://a.example/1"
            ],
            ["export.csv:3", "Raqqa", "2024-01-03", ""],
        ]
    );
    check_offsets("Alep, puis\nIrak", &parse_csv(out, b',')[..2]);
    // By extension once the text column is named; UTF-16 exports too.
    d.write("win.csv", utf16("body\nSyrie\n", false));
    let run = d.tag_small(&["--text-column", "body", "win.csv"]);
    assert_eq!(keys(&run.ok_rows()), [("win.csv:2", "Syrie", "test:syria")]);
    // A missing column names the file and the header.
    let run =
        d.tag_small(&["--text-column", "texte", "win.csv", "export.csv"]);
    run.code(1);
    assert!(
        run.stderr
            .contains("win.csv: no column \"texte\" (the header has: body)"),
        "{}",
        run.stderr
    );
    // --input csv needs --text-column.
    d.tag_small(&["--input", "csv", "export.csv"]).code(2);
}

#[test]
fn jsonl_rows_are_documents_and_bad_lines_are_named() {
    let d = Dir::with_small_gazetteer();
    d.write(
        "n.jsonl",
        "{\"id\": \"a1\", \"text\": \"Alep\", \"meta\": {\"lang\": \"fr\"}}\n\
         {\"text\": \"Irak\"}\n\
         {oops\n\
         {\"id\": 3, \"text\": \"Raqqa\", \"meta\": {\"lang\": \"ar\"}}\n",
    );
    let run = d.tag_small(&[
        "--input",
        "jsonl",
        "--text-field",
        "text",
        "--id-field",
        "id",
        "--keep-columns",
        "meta.lang",
        "--format",
        "jsonl",
        "n.jsonl",
    ]);
    run.code(1);
    let rows = parse_jsonl(&run.stdout);
    assert_eq!(
        keys(&rows),
        [
            ("a1", "Alep", "test:aleppo"),
            ("n.jsonl:2", "Irak", "test:iraq"),
            ("3", "Raqqa", "test:raqqa"),
        ]
    );
    let langs: Vec<Value> = run
        .stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["meta.lang"].clone()
        })
        .collect();
    assert_eq!(langs, ["fr", "", "ar"]);
    assert_eq!(run.messages().len(), 1);
    assert!(run.messages()[0].contains("n.jsonl:3: not a JSON object"));
}

#[test]
fn jsonl_in_a_pipe_is_written_batch_by_batch() {
    // The first line's rows come out before standard input is closed:
    // gazetag can sit in a pipe.
    let d = Dir::with_small_gazetteer();
    let mut child = Command::new(BIN)
        .current_dir(d.path())
        .args(["tag", "-g", SMALL_GAZETTEER, "--input", "jsonl"])
        .args(["--text-field", "text", "--format", "jsonl", "-q"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"{\"text\": \"Alep\"}\n").unwrap();
    stdin.flush().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).unwrap();
        tx.send(line).unwrap();
    });
    let line = rx.recv_timeout(Duration::from_secs(30));
    drop(stdin);
    let status = child.wait().unwrap();
    let line = line.expect("a row before the end of the input");
    assert!(line.contains("\"doc\":\"-:1\""), "{line}");
    assert!(status.success());
}

// --------------------------------------------------------------- outputs

fn seed_dir() -> Dir {
    let d = Dir::new();
    let seed = fs::read(fixtures().join("seed/seed.txt")).unwrap();
    d.write("seed.txt", seed);
    d
}

#[test]
fn span_formats_carry_the_same_rows_with_context() {
    let d = seed_dir();
    let csv = d.run(&["tag", "seed.txt", "--context", "12"]);
    let tsv =
        d.run(&["tag", "seed.txt", "--context", "12", "--format", "tsv"]);
    let jsonl =
        d.run(&["tag", "seed.txt", "--context", "12", "--format", "jsonl"]);
    let from_csv = csv.ok_rows();
    assert!(from_csv.len() > 10);
    assert_eq!(parse_csv(&tsv.stdout, b'\t'), from_csv);
    assert_eq!(parse_jsonl(&jsonl.stdout), from_csv);
    let text = d.read("seed.txt");
    let mut contexts = csv::Reader::from_reader(csv.stdout.as_bytes());
    let at = contexts.headers().unwrap().iter().position(|h| h == "context");
    let at = at.expect("a context column");
    for (record, row) in contexts.records().zip(&from_csv) {
        let ctx = record.unwrap()[at].to_string();
        assert!(ctx.contains(&row.text), "{ctx:?} holds {:?}", row.text);
        assert!(!ctx.contains("  ") && !ctx.contains('\n'), "{ctx:?}");
        assert!(ctx.chars().count() <= row.text.chars().count() + 24);
        let first = ctx.split(' ').next().unwrap();
        assert!(text.contains(first), "{ctx:?}");
    }
}

#[test]
fn summary_per_document_and_per_entity() {
    let d = Dir::with_small_gazetteer();
    d.write("a.txt", "Alep, Irak, Alep et حلب.\n");
    d.write("b.txt", "Irak.\n");
    let run = d.tag_small(&["--format", "summary", "a.txt", "b.txt"]);
    run.code(0);
    let rows: Vec<Vec<String>> =
        csv::Reader::from_reader(run.stdout.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect();
    let brief: Vec<[&str; 5]> = rows
        .iter()
        .map(|r| [&*r[0], &*r[1], &*r[8], &*r[9], &*r[11]])
        .collect();
    assert_eq!(
        brief,
        [
            ["a.txt", "test:aleppo", "3", "0", "Alep | حلب"],
            ["a.txt", "test:iraq", "1", "6", "Irak"],
            ["b.txt", "test:iraq", "1", "0", "Irak"],
        ]
    );
    let run = d.tag_small(&[
        "--format", "summary", "--by", "entity", "a.txt", "b.txt",
    ]);
    run.code(0);
    let mut lines = run.stdout.lines();
    assert_eq!(
        lines.next().unwrap(),
        "id,type,subtype,canonical,country,lat,lon,mentions,documents,first_doc,surfaces"
    );
    assert!(lines.next().unwrap().starts_with(
        "test:aleppo,PLACE,city,Aleppo,SY,36.2021,37.1343,3,1,a.txt,"
    ));
    assert!(lines.next().unwrap().starts_with(
        "test:iraq,PLACE,country,Iraq,IQ,33.0,44.0,2,2,a.txt,Irak"
    ));
    assert_eq!(lines.next(), None);
}

#[test]
fn geojson_of_the_example_is_valid_rfc_7946() {
    let d = seed_dir();
    let run = d.run(&["tag", "seed.txt", "--format", "geojson"]);
    run.code(0);
    let fc: Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(fc["type"], "FeatureCollection");
    let features = fc["features"].as_array().expect("features array");
    assert!(!features.is_empty());
    for f in features {
        assert_eq!(f["type"], "Feature", "{f}");
        let g = &f["geometry"];
        assert_eq!(g["type"], "Point", "{f}");
        let c = g["coordinates"].as_array().expect("coordinates");
        assert_eq!(c.len(), 2, "{f}");
        let (lon, lat) = (c[0].as_f64().unwrap(), c[1].as_f64().unwrap());
        assert!((-180.0..=180.0).contains(&lon), "{f}");
        assert!((-90.0..=90.0).contains(&lat), "{f}");
        let p = f["properties"].as_object().expect("properties object");
        for key in ["id", "name", "type", "mentions", "documents", "surfaces"]
        {
            assert!(p.contains_key(key), "{key} in {f}");
        }
        assert!(p["mentions"].as_u64().unwrap() >= 1);
        assert!(!p["surfaces"].as_array().unwrap().is_empty());
    }
    // lon, lat order: Mayadin is at 35.02 N, 40.45 E.
    let mayadin = features
        .iter()
        .find(|f| f["properties"]["name"] == "Mayadin")
        .expect("Mayadin is a feature");
    assert_eq!(mayadin["geometry"]["coordinates"][0], 40.45154);
    assert_eq!(mayadin["geometry"]["coordinates"][1], 35.01982);
    assert_eq!(mayadin["properties"]["surfaces"][0], "Mayadine");
    assert!(mayadin["properties"]["mentions"].as_u64().unwrap() >= 3);
}

#[test]
fn html_review_page_is_self_contained() {
    let d = seed_dir();
    d.write("evil.txt", "<script>alert(1)</script> Boukamal & \"Mayadine\"");
    let run = d.run(&["tag", "seed.txt", "evil.txt", "--format", "html"]);
    run.code(0);
    let page = &run.stdout;
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.trim_end().ends_with("</html>"));
    for banned in
        ["http://", "https://", "<link", "<script", "@import", "url("]
    {
        assert!(!page.contains(banned), "no {banned} in the page");
    }
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(
        page.contains("<mark class=\"place\" title=\"Mayadin · PLACE/city · geonames:173480 · SY · 35.0198, 40.4515\">Mayadine</mark>"),
        "a highlighted span with its canonical name, country and coordinates on hover"
    );
    assert!(page.contains("class=\"legend\""));
    assert_eq!(page.matches("<section>").count(), 2);
    assert_eq!(page.matches("<table>").count(), 2, "a summary per document");
}

#[test]
fn injection_guard_bom_and_raw() {
    let d = Dir::with_small_gazetteer();
    d.write(
        "t.csv",
        "id,body,note\n=cmd|' /C calc'!A0,Alep,+33 1 23\n@SUM(1),Irak,-2+3\n",
    );
    let args = [
        "--text-column",
        "body",
        "--id-column",
        "id",
        "--keep-columns",
        "note",
        "t.csv",
    ];
    let run = d.tag_small(&args);
    let rows = run.ok_rows();
    assert_eq!(rows[0].doc, "'=cmd|' /C calc'!A0");
    assert_eq!(rows[1].doc, "'@SUM(1)");
    assert!(
        run.stdout.contains(",'+33 1 23\n") && run.stdout.contains(",'-2+3\n")
    );
    let mut raw_args = args.to_vec();
    raw_args.push("--raw");
    let run = d.tag_small(&raw_args);
    assert_eq!(run.ok_rows()[0].doc, "=cmd|' /C calc'!A0");
    // TSV too; JSON lines are not for spreadsheets and stay as they are.
    let mut tsv = args.to_vec();
    tsv.extend(["--format", "tsv"]);
    assert!(d.tag_small(&tsv).stdout.contains("\n'=cmd"));
    let mut jsonl = args.to_vec();
    jsonl.extend(["--format", "jsonl"]);
    assert_eq!(
        parse_jsonl(&d.tag_small(&jsonl).stdout)[0].doc,
        "=cmd|' /C calc'!A0"
    );
    // --bom.
    let mut bom = args.to_vec();
    bom.push("--bom");
    let run = d.tag_small(&bom);
    assert!(run.stdout.starts_with("\u{FEFF}doc,start,end"));
    assert!(!d.tag_small(&args).stdout.starts_with('\u{FEFF}'));
}

#[test]
fn cells_over_excels_limit_are_cut_with_a_note() {
    let d = Dir::with_small_gazetteer();
    let long = "x".repeat(40_000);
    d.write("t.csv", format!("body,big\nAlep,{long}\n"));
    let run = d.tag_small(&[
        "--text-column",
        "body",
        "--keep-columns",
        "big",
        "t.csv",
    ]);
    run.code(0);
    let mut r = csv::Reader::from_reader(run.stdout.as_bytes());
    let rec = r.records().next().unwrap().unwrap();
    assert_eq!(rec.iter().next_back().unwrap().len(), 32_767);
    assert!(
        run.stderr.contains("1 cell(s) longer than 32767"),
        "{}",
        run.stderr
    );
}

#[test]
fn output_file_is_atomic_and_errors_name_it() {
    let d = Dir::with_small_gazetteer();
    d.write("a.txt", "Alep\n");
    d.write("out.csv", "precious\n");
    // A failing run (a broken gazetteer) leaves the old file as it was.
    d.write("bad.csv", "id,type,name\nx,CITY,Alep\n");
    let run = d.run(&["tag", "-g", "bad.csv", "-o", "out.csv", "a.txt"]);
    run.code(2);
    assert_eq!(d.read("out.csv"), "precious\n");
    // A file that cannot be replaced (a folder is in the way): the error
    // names it, not the hidden temporary file, which is removed.
    fs::create_dir(d.path().join("dir.csv")).unwrap();
    let run = d.tag_small(&["-o", "dir.csv", "a.txt"]);
    run.code(2);
    assert!(run.stderr.contains("writing dir.csv: "), "{}", run.stderr);
    assert!(!run.stderr.contains(".gazetag-"), "{}", run.stderr);
    let run = d.tag_small(&["-o", "no/such/dir/out.csv", "a.txt"]);
    run.code(2);
    assert!(
        run.stderr.contains("writing no/such/dir/out.csv: "),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains(".gazetag-"), "{}", run.stderr);
    assert!(
        !d.list().iter().any(|n| n.starts_with(".gazetag-")),
        "no temporary file left: {:?}",
        d.list()
    );
    // A run that succeeds replaces the file.
    d.tag_small(&["-o", "out.csv", "a.txt"]).code(0);
    assert!(d.read("out.csv").starts_with("doc,"));
}

#[test]
fn output_is_byte_identical_whatever_the_threads() {
    let d = Dir::with_small_gazetteer();
    let texts = ["Alep et Irak.", "", "Raqqa, الرقة, حلب.", "Syrie\n\nIrak"];
    for i in 0..120 {
        let text = texts[i % texts.len()].repeat(1 + i % 7);
        d.write(&format!("c/{i:03}.txt"), text);
    }
    let mut table = String::from("id,body\n");
    for i in 0..300 {
        table.push_str(&format!("r{i},\"{}\"\n", texts[i % 4].repeat(i % 5)));
    }
    d.write("t.csv", table);
    for format in ["csv", "jsonl", "summary", "geojson", "html", "xlsx"] {
        let run = |threads: &str| {
            let args = [
                "--threads",
                threads,
                "--text-column",
                "body",
                "--id-column",
                "id",
                "--format",
                format,
                "c",
                "t.csv",
            ];
            let out = d
                .command()
                .args(["tag", "-g", SMALL_GAZETTEER])
                .args(args)
                // The workbook's creation time.
                .env("SOURCE_DATE_EPOCH", "1700000000")
                .output()
                .unwrap();
            assert!(out.status.success());
            out.stdout
        };
        let one = run("1");
        assert!(one.len() > 1000, "{format}");
        assert_eq!(one, run("4"), "{format}: --threads 1 and 4 differ");
    }
}

#[test]
fn closing_line_counts_documents_spans_and_errors() {
    let d = Dir::with_small_gazetteer();
    d.write("a.txt", "Alep et Irak\n");
    let run = d.tag_small(&["a.txt", "missing.txt"]);
    run.code(1);
    let line = run.closing_line().expect("a closing line");
    assert!(
        line.starts_with("gazetag: done: 1 document, 2 spans, 1 error in "),
        "{line}"
    );
    let run = d.tag_small(&["-q", "a.txt"]);
    assert_eq!(run.stderr, "");
}

// --------------------------------------------------------------- browser

/// Renders `page` headless in Debian's chromium into `png`; `None` when
/// chromium is not installed.
fn screenshot(page: &Path, png: &Path) -> Option<std::process::Output> {
    let chromium = ["chromium", "chromium-browser"].into_iter().find(|c| {
        Command::new(c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })?;
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg("--window-size=1200,1600")
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    Some(out)
}

#[test]
fn review_page_renders_in_a_headless_browser() {
    let d = seed_dir();
    d.run(&["tag", "seed.txt", "--format", "html", "-o", "review.html"])
        .code(0);
    let page = d.path().join("review.html");
    let png = d.path().join("review.png");
    let Some(out) = screenshot(&page, &png) else {
        eprintln!(
            "SKIPPED review_page_renders_in_a_headless_browser: chromium is \
             not installed (.ci/run installs it)"
        );
        return;
    };
    let bytes = fs::read(&png).unwrap_or_else(|e| {
        panic!(
            "no screenshot ({e}); chromium said:\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG file");
    // Width and height from the IHDR chunk.
    let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    assert_eq!((w, h), (1200, 1600));
    assert!(bytes.len() > 20_000, "a page with content, not a blank one");
}

#[test]
fn stats_account_for_every_input() {
    let d = Dir::with_small_gazetteer();
    d.write("corpus/a.txt", "Alep et Raqqa\n");
    d.write("corpus/c.txt", "Raqqa\n");
    std::os::unix::fs::symlink("nowhere.txt", d.path().join("corpus/b.txt"))
        .unwrap();
    let run = d.tag_small(&["corpus", "--stats", "stats.json"]);
    run.code(1);
    let stats: serde_json::Value =
        serde_json::from_str(&d.read("stats.json")).unwrap();
    assert_eq!(stats["documents"], 2);
    assert_eq!(stats["failed"], 1);
    assert_eq!(stats["inputs"], 3);
    assert_eq!(stats["spans"], run.rows().len() as u64);
    let per: &Vec<serde_json::Value> = stats["per_input"].as_array().unwrap();
    assert_eq!(per.len(), 3, "every input is tagged or listed as failed");
    let spans: u64 = per.iter().filter_map(|r| r["spans"].as_u64()).sum();
    assert_eq!(spans, 3, "per-input spans add up to the total");
    let bytes: u64 = per.iter().filter_map(|r| r["bytes"].as_u64()).sum();
    assert_eq!(stats["bytes"], bytes);
    assert_eq!(per[0]["doc"], "corpus/a.txt");
    assert_eq!(per[0]["decoding"], "UTF-8");
    assert_eq!(per[1]["status"], "failed");
    assert!(per[1]["error"].as_str().unwrap().contains("corpus/b.txt"));
}
