//! `--format xlsx` (#16): the workbook read back cell by cell with
//! calamine, and opened headless by LibreOffice when it is installed
//! (required when `GAZETAG_REQUIRE_SOFFICE=1`, as in CI).

use std::path::Path;
use std::process::Command;

use calamine::{open_workbook, Data, Range, Reader, Xlsx};

use crate::util::{Dir, BIN};

/// A corpus of two articles and a CSV table with a `date` column, one
/// Arabic row and one row that cannot be read.
fn corpus() -> Dir {
    let d = Dir::with_small_gazetteer();
    d.write(
        "t.csv",
        "id,date,body\n\
         a1,2024-05-01,\"Raids à Alep et Mossoul, selon l'OSDH.\"\n\
         a2,2024-05-02,قصف على حلب و الرقة\n",
    );
    d
}

fn open(path: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    open_workbook(path).expect("calamine opens the workbook")
}

fn sheet(
    book: &mut Xlsx<std::io::BufReader<std::fs::File>>,
    name: &str,
) -> Range<Data> {
    book.worksheet_range(name).unwrap_or_else(|e| panic!("sheet {name}: {e}"))
}

/// The cells of `row` as calamine reads them.
fn row(range: &Range<Data>, row: usize) -> Vec<Data> {
    range.rows().nth(row).unwrap_or_else(|| panic!("row {row}")).to_vec()
}

/// A part of the workbook's zip archive, as text.
fn part(path: &Path, name: &str) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut text)
        .unwrap();
    text
}

fn s(text: &str) -> Data {
    Data::String(text.to_string())
}

fn f(x: f64) -> Data {
    Data::Float(x)
}

#[test]
fn issue_16_workbook_has_typed_spans_entities_and_documents() {
    let d = corpus();
    let run = d.tag_small(&[
        "t.csv",
        "--text-column",
        "body",
        "--id-column",
        "id",
        "--keep-columns",
        "date",
        "--format",
        "xlsx",
        "-o",
        "out.xlsx",
    ]);
    run.code(0);
    let path = d.path().join("out.xlsx");
    let mut book = open(&path);
    assert_eq!(book.sheet_names(), ["spans", "entities", "documents"]);

    let spans = sheet(&mut book, "spans");
    let header = row(&spans, 0);
    assert_eq!(header[0], s("doc"));
    assert_eq!(header[16], s("source"));
    assert_eq!(header[17], s("date"), "--keep-columns carried");
    // "Raids à Alep": Alep is at code points 8..12, bytes 9..13.
    assert_eq!(
        row(&spans, 1)[..13],
        [
            s("a1"),
            f(8.0),
            f(12.0),
            f(9.0),
            f(13.0),
            s("Alep"),
            s("PLACE"),
            s("city"),
            s("Aleppo"),
            s("test:aleppo"),
            s("SY"),
            f(36.2021),
            f(37.1343),
        ]
    );
    assert_eq!(
        row(&spans, 1)[14..18],
        [f(1.0), f(1.0), s("test"), s("2024-05-01")]
    );
    let arabic = spans.rows().find(|r| r[0] == s("a2")).expect("a2's spans");
    assert_eq!(arabic[5], s("حلب"));
    // The Arabic cell reads right to left: calamine does not read
    // styles, so the workbook's XML is read (a cell's `s` is its style,
    // the index of an `xf` of styles.xml).
    let sheet_xml = part(&path, "xl/worksheets/sheet1.xml");
    let styles = part(&path, "xl/styles.xml");
    let xfs: Vec<&str> = styles
        .split("<cellXfs")
        .nth(1)
        .unwrap()
        .split("</cellXfs>")
        .next()
        .unwrap()
        .split("<xf ")
        .skip(1)
        .collect();
    let style_of = |text: &str| -> &str {
        let at = sheet_xml.find(&format!("<t>{text}</t>")).unwrap();
        let cell = &sheet_xml[sheet_xml[..at].rfind("<c ").unwrap()..at];
        let s: usize = cell
            .split(" s=\"")
            .nth(1)
            .map_or(0, |s| s[..s.find('"').unwrap()].parse().unwrap());
        xfs[s]
    };
    assert!(style_of("حلب").contains("readingOrder=\"2\""), "{styles}");
    assert!(!style_of("Alep").contains("readingOrder"), "{styles}");
    let ids: Vec<&Data> = spans.rows().skip(1).map(|r| &r[9]).collect();
    assert!(ids.contains(&&s("test:osdh")), "{ids:?}");

    let entities = sheet(&mut book, "entities");
    assert_eq!(row(&entities, 0)[..3], [s("id"), s("type"), s("subtype")]);
    let aleppo = entities.rows().find(|r| r[0] == s("test:aleppo")).unwrap();
    assert_eq!(aleppo[7..10], [f(2.0), f(2.0), s("a1")]);
    assert_eq!(aleppo[10], s("Alep | حلب"));

    let documents = sheet(&mut book, "documents");
    assert_eq!(
        row(&documents, 0),
        [
            s("doc"),
            s("bytes"),
            s("decoding"),
            s("spans"),
            s("PLACE"),
            s("ORG"),
            s("ACTOR"),
            s("PERSON"),
            s("error"),
            s("date"),
        ]
    );
    let a1 = row(&documents, 1);
    assert_eq!(a1[0], s("a1"));
    assert_eq!(a1[3..8], [f(3.0), f(2.0), f(1.0), f(0.0), f(0.0)]);
    assert_eq!(a1[9], s("2024-05-01"));
    assert_eq!(documents.height(), 3);
}

#[test]
fn issue_16_ids_link_to_geonames_and_wikidata() {
    let d = Dir::new();
    d.write(
        "g.csv",
        "id,type,name,aliases,country,lat,lon\n\
         geonames:170063,PLACE,Aleppo,Alep,SY,36.2,37.16\n\
         wikidata:Q2429253,ACTOR,Islamic State,Daech,,,\n\
         Q40464,ORG,Agence France-Presse,AFP,FR,,\n",
    );
    d.write("a.txt", "Raids à Alep, Daech et AFP.");
    d.run(&[
        "tag", "-g", "g.csv", "a.txt", "--format", "xlsx", "-o", "o.xlsx",
    ])
    .code(0);
    let mut book = open(&d.path().join("o.xlsx"));
    let formulas = book.worksheet_formula("spans").unwrap();
    let values = sheet(&mut book, "spans");
    let links: Vec<(String, String)> = (1..4)
        .map(|r| {
            let v = values.get((r, 9)).unwrap().to_string();
            let f =
                formulas.get_value((r as u32, 9)).cloned().unwrap_or_default();
            (v, f)
        })
        .collect();
    assert_eq!(
        links,
        [
            (
                "geonames:170063".into(),
                "HYPERLINK(\"https://www.geonames.org/170063\",\"geonames:170063\")".into()
            ),
            (
                "wikidata:Q2429253".into(),
                "HYPERLINK(\"https://www.wikidata.org/wiki/Q2429253\",\"wikidata:Q2429253\")"
                    .into()
            ),
            (
                "Q40464".into(),
                "HYPERLINK(\"https://www.wikidata.org/wiki/Q40464\",\"Q40464\")".into()
            ),
        ]
    );
}

#[test]
fn issue_16_failed_inputs_are_rows_of_documents() {
    let d = corpus();
    d.write("bad.csv", "id,texte\n1,x\n");
    let run = d.tag_small(&[
        "t.csv",
        "bad.csv",
        "--text-column",
        "body",
        "--format",
        "xlsx",
        "-o",
        "o.xlsx",
    ]);
    run.code(1);
    let mut book = open(&d.path().join("o.xlsx"));
    let documents = sheet(&mut book, "documents");
    let last = row(&documents, documents.height() - 1);
    assert_eq!(last[0], s("bad.csv"));
    assert!(last[8].to_string().starts_with("no column \"body\""), "{last:?}");
}

#[test]
fn issue_16_xlsx_replaces_its_target_atomically_or_goes_to_a_pipe() {
    let d = corpus();
    d.write("o.xlsx", "old");
    d.tag_small(&[
        "t.csv",
        "--text-column",
        "body",
        "--format",
        "xlsx",
        "-o",
        "o.xlsx",
    ])
    .code(0);
    assert!(std::fs::read(d.path().join("o.xlsx"))
        .unwrap()
        .starts_with(b"PK"));
    assert_eq!(d.list(), ["o.xlsx", "small_gazetteer.csv", "t.csv"]);
    // To a pipe it is written as it is.
    let out = d
        .command()
        .args([
            "tag",
            "-g",
            "small_gazetteer.csv",
            "t.csv",
            "--text-column",
            "body",
        ])
        .args(["--format", "xlsx"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.starts_with(b"PK"));
}

/// A workbook is binary: refused when standard output is a terminal
/// (`script` gives the run one), with nothing written.
#[test]
fn issue_16_xlsx_is_not_written_to_a_terminal() {
    let d = corpus();
    let cmd = format!(
        "{BIN} tag -g small_gazetteer.csv t.csv --text-column body \
         --format xlsx"
    );
    let out = Command::new("script")
        .current_dir(d.path())
        .args(["-qec", &cmd])
        .arg(d.path().join("typescript"))
        .output();
    let Ok(out) = out else {
        eprintln!("skipping: `script` (util-linux) is not installed");
        return;
    };
    let shown = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{shown}");
    assert!(
        shown.contains(
            "gazetag: --format xlsx writes a binary workbook: give -o \
             FILE.xlsx or redirect standard output"
        ),
        "{shown}"
    );
    assert!(!shown.contains("PK"), "{shown}");
}

/// `soffice` on the PATH, or `None` with a note (an error when
/// `GAZETAG_REQUIRE_SOFFICE=1`).
fn soffice() -> Option<String> {
    for name in ["soffice", "libreoffice"] {
        let found = Command::new(name)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        if found {
            return Some(name.to_string());
        }
    }
    if std::env::var("GAZETAG_REQUIRE_SOFFICE").as_deref() == Ok("1") {
        panic!("GAZETAG_REQUIRE_SOFFICE=1 but soffice is not installed");
    }
    eprintln!("skipping the LibreOffice round trip: soffice is not installed");
    None
}

#[test]
fn issue_16_libreoffice_opens_the_workbook() {
    let Some(soffice) = soffice() else { return };
    let d = corpus();
    d.tag_small(&[
        "t.csv",
        "--text-column",
        "body",
        "--id-column",
        "id",
        "--format",
        "xlsx",
        "-o",
        "o.xlsx",
    ])
    .code(0);
    // A profile of its own, so that a running LibreOffice or another test
    // does not hold the lock. The CSV filter options: comma, double quote,
    // UTF-8 (76), first line 1, and the first sheet.
    let profile = format!("file://{}", d.path().join("profile").display());
    let out = Command::new(&soffice)
        .current_dir(d.path())
        .args([
            &format!("-env:UserInstallation={profile}"),
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1",
            "--outdir",
            "csv",
            "o.xlsx",
        ])
        .output()
        .expect("running soffice");
    let csv = d.path().join("csv/o.csv");
    assert!(
        csv.is_file(),
        "soffice wrote no CSV\n--- stdout\n{}\n--- stderr\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(csv).unwrap();
    let rows: Vec<Vec<String>> = csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let alep: Vec<&str> = rows[0][..13].iter().map(String::as_str).collect();
    assert_eq!(
        alep,
        [
            "a1",
            "8",
            "12",
            "9",
            "13",
            "Alep",
            "PLACE",
            "city",
            "Aleppo",
            "test:aleppo",
            "SY",
            "36.2021",
            "37.1343"
        ],
        "{text}"
    );
    // Text is quoted, numbers are not: they were read as numbers.
    assert!(text.contains("\"a1\",8,12,9,13,\"Alep\""), "{text}");
    let arabic = rows.iter().find(|r| r[0] == "a2").expect("a2's spans");
    assert_eq!(arabic[5], "حلب");
}
