//! Locale-proof CSV (#16): `--delimiter` for CSV output and summaries,
//! the `source` column joined with `+`, and CSV input whose delimiter is
//! sniffed from its header line (or given with `--input-delimiter`).

use crate::util::{parse_csv, Dir};

/// A French-locale export: `;` between cells, `,` inside the text.
const EXPORT: &str = "id;date;url;body\n\
    1;01/05/2024;http://a;\"Raids à Alep, près de Mossoul; selon l'OSDH\"\n\
    2;02/05/2024;http://b;Frappes sur Raqqa\n";

#[test]
fn issue_16_a_semicolon_export_is_tagged_without_a_flag() {
    let d = Dir::with_small_gazetteer();
    d.write("export.csv", EXPORT);
    let run = d.tag_small(&[
        "export.csv",
        "--text-column",
        "body",
        "--id-column",
        "id",
        "--keep-columns",
        "date",
        "-v",
    ]);
    run.code(0);
    let rows = parse_csv(&run.stdout, b',');
    let got: Vec<(&str, &str)> =
        rows.iter().map(|r| (&*r.doc, &*r.text)).collect();
    assert_eq!(
        got,
        [("1", "Alep"), ("1", "Mossoul"), ("1", "OSDH"), ("2", "Raqqa")]
    );
    assert!(
        run.stderr.contains(
            "export.csv: CSV delimiter ';' (from the header line; \
             --input-delimiter to choose)"
        ),
        "{}",
        run.stderr
    );
    // The date column is carried as it is.
    assert!(run.stdout.lines().nth(1).unwrap().ends_with(",01/05/2024"));
}

#[test]
fn issue_16_a_wrong_input_delimiter_is_named_with_a_hint() {
    let d = Dir::with_small_gazetteer();
    d.write("export.csv", EXPORT);
    let run = d.tag_small(&[
        "export.csv",
        "--text-column",
        "body",
        "--input-delimiter",
        ",",
    ]);
    run.code(1);
    assert!(
        run.stderr.contains(
            "export.csv: no column \"body\" (the header has: \
             id;date;url;body) read with delimiter ','; the header seems to \
             use ';' (try --input-delimiter ';')"
        ),
        "{}",
        run.stderr
    );
    let run = d.tag_small(&[
        "export.csv",
        "--text-column",
        "body",
        "--input-delimiter",
        ";",
    ]);
    assert_eq!(run.code(0).rows().len(), 4);
}

#[test]
fn issue_16_semicolon_output_is_quoted_for_its_delimiter() {
    let d = Dir::with_small_gazetteer();
    d.write("a.txt", "Alep; puis Mossoul.");
    let run =
        d.tag_small(&["a.txt", "--delimiter", ";", "--context", "3", "--bom"]);
    run.code(0);
    let out = run.stdout.strip_prefix('\u{FEFF}').expect("a BOM first");
    let rows = parse_csv(out, b';');
    assert_eq!(rows.len(), 2);
    assert_eq!((rows[0].text.as_str(), rows[0].lat), ("Alep", Some(36.2021)));
    // The context holds a `;`: quoted, as RFC 4180 requires.
    let first = out.lines().nth(1).unwrap();
    assert!(first.ends_with(";\"Alep; p\""), "{first}");
    assert!(out.lines().next().unwrap().starts_with("doc;start;end;"));
    // Summaries too; tab spelled out.
    let run =
        d.tag_small(&["a.txt", "--format", "summary", "--delimiter", "tab"]);
    assert!(
        run.code(0).stdout.starts_with("doc\tid\ttype\t"),
        "{}",
        run.stdout
    );
    // TSV stays tab-separated: --delimiter is refused there.
    let run = d.tag_small(&["a.txt", "--format", "tsv", "--delimiter", ";"]);
    run.code(2);
    assert!(run
        .stderr
        .contains("--delimiter applies to --format csv and summary"));
    let run = d.tag_small(&["a.txt", "--delimiter", ":"]);
    run.code(2);
    assert!(run.stderr.contains("is not a delimiter"), "{}", run.stderr);
}

#[test]
fn issue_16_sources_are_joined_with_a_plus() {
    let d = Dir::new();
    d.write(
        "g.csv",
        "id,type,name,aliases,country,source\n\
         t:alep,PLACE,Aleppo,Alep,SY,geonames;cldr;curated\n",
    );
    d.write("a.txt", "Vers Alep.");
    let run = d.run(&["tag", "-g", "g.csv", "a.txt", "--delimiter", ";"]);
    run.code(0);
    let row = run.stdout.lines().nth(1).unwrap();
    assert!(row.contains(";geonames+cldr+curated"), "{row}");
    assert_eq!(row.split(';').count(), 17, "one cell per column: {row}");
    let run = d.run(&["tag", "-g", "g.csv", "a.txt", "--format", "jsonl"]);
    assert!(run
        .code(0)
        .stdout
        .contains("\"source\":\"geonames+cldr+curated\""));
}

#[test]
fn issue_16_discover_writes_semicolon_rows_that_load() {
    let d = Dir::new();
    d.write(
        "a.txt",
        "Le ministre Jean Dupontel a rencontré le général Karim Haddadi. \
         Jean Dupontel a ensuite quitté Paris.",
    );
    let run =
        d.run(&["discover", "-q", "a.txt", "--delimiter", ";", "-o", "f.csv"]);
    run.code(0);
    let found = d.read("f.csv");
    assert!(found.starts_with("id;type;subtype;name;"), "{found}");
    assert!(found.lines().count() > 1, "{found}");
    d.run(&["gazetteer", "check", "f.csv"]).code(0);
    // `|` separates aliases: refused.
    let run = d.run(&["discover", "a.txt", "--delimiter", "|"]);
    run.code(2);
    assert!(
        run.stderr.contains("--delimiter is , ; or tab"),
        "{}",
        run.stderr
    );
}
