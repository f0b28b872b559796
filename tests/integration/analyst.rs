//! Issue #16, as an analyst of Syria and Iraq meets gazetag: an area of
//! interest (`--countries`, `--bbox`, `--flag-outside`), no option that
//! silently does nothing, and the gazetteer tools (`gazetteer lookup`,
//! `gazetteer check --with-default`).

use std::collections::HashMap;

use crate::util::{parse_jsonl, Dir, SMALL_GAZETTEER};

/// A text with a name shared by a Syrian village and an Egyptian city
/// (`Al Mansurah`, Egypt's by default: the larger), a place outside Syria
/// and Iraq (`Cairo`), an organisation and a Syrian city.
const AREA_TEXT: &str =
    "Raids near Al Mansurah and in Cairo, said the SOHR. Raqqa was calm.\n";

const MANSURAH_EG: &str = "geonames:360761";
const MANSURAH_SY: &str = "geonames:8559276";
const CAIRO: &str = "geonames:360630";
const SOHR: &str = "gazetag:org/syrian-observatory-for-human-rights";
const RAQQA: &str = "geonames:172955";

/// The rows of CSV output as maps from column to value.
fn maps(csv_text: &str) -> Vec<HashMap<String, String>> {
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> =
        r.headers().expect("a header").iter().map(String::from).collect();
    r.records()
        .map(|rec| {
            let rec = rec.expect("a record");
            header.iter().cloned().zip(rec.iter().map(String::from)).collect()
        })
        .collect()
}

/// `(text, id)` of each row of `gazetag tag a.txt ARGS` (embedded set).
fn tagged(args: &[&str]) -> Vec<(String, String)> {
    let d = Dir::new();
    d.write("a.txt", AREA_TEXT);
    let mut all = vec!["tag", "a.txt", "-q"];
    all.extend_from_slice(args);
    let run = d.run(&all);
    run.code(0);
    maps(&run.stdout)
        .into_iter()
        .map(|m| (m["text"].clone(), m["id"].clone()))
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter().map(|&(a, b)| (a.to_string(), b.to_string())).collect()
}

#[test]
fn issue_16_countries_narrow_a_shared_name_and_drop_places_outside() {
    assert_eq!(
        tagged(&[]),
        pairs(&[
            ("Al Mansurah", MANSURAH_EG),
            ("Cairo", CAIRO),
            ("SOHR", SOHR),
            ("Raqqa", RAQQA),
        ])
    );
    let in_area = pairs(&[
        ("Al Mansurah", MANSURAH_SY),
        ("SOHR", SOHR),
        ("Raqqa", RAQQA),
    ]);
    assert_eq!(tagged(&["--countries", "SY,IQ"]), in_area);
    // Codes in any case, and named sets.
    assert_eq!(tagged(&["--countries", "sy,iq"]), in_area);
    assert_eq!(tagged(&["--countries", "@syria-iraq"]), in_area);
    assert_eq!(tagged(&["--countries", "@levant,IQ"]), in_area);
    // The narrowed name has one candidate left.
    let d = Dir::new();
    d.write("a.txt", AREA_TEXT);
    let run = d.run(&["tag", "a.txt", "-q", "--countries", "SY"]);
    let rows = maps(&run.code(0).stdout);
    assert_eq!(rows[0]["candidates"], "1");
    assert_eq!(rows[0]["confidence"], "1.0");
}

#[test]
fn issue_16_bbox_keeps_places_by_their_coordinates() {
    // Around Syria: the Syrian Al Mansurah, not the Egyptian one.
    let in_box = pairs(&[
        ("Al Mansurah", MANSURAH_SY),
        ("SOHR", SOHR),
        ("Raqqa", RAQQA),
    ]);
    assert_eq!(tagged(&["--bbox", "35,32,43,38"]), in_box);
    // Negative longitudes are numbers, not options; a box around Egypt
    // and Syria keeps everything.
    assert_eq!(tagged(&["--bbox", "-20,20,60,45"]), tagged(&[]));
    // Both rules: the country of Egypt is outside --countries SY.
    assert_eq!(
        tagged(&["--bbox", "-20,20,60,45", "--countries", "SY"]),
        in_box
    );
}

#[test]
fn issue_16_flag_outside_keeps_places_with_an_outside_column() {
    let d = Dir::new();
    d.write("a.txt", AREA_TEXT);
    let plain = d.run(&["tag", "a.txt", "-q"]);
    assert!(!plain.stdout.lines().next().unwrap().contains("outside"));
    let run = d.run(&[
        "tag",
        "a.txt",
        "-q",
        "--countries",
        "SY,IQ",
        "--flag-outside",
    ]);
    let got: Vec<(String, String, String)> = maps(&run.code(0).stdout)
        .into_iter()
        .map(|m| (m["text"].clone(), m["id"].clone(), m["outside"].clone()))
        .collect();
    let want: Vec<(String, String, String)> = [
        ("Al Mansurah", MANSURAH_SY, "false"),
        ("Cairo", CAIRO, "true"),
        ("SOHR", SOHR, "false"),
        ("Raqqa", RAQQA, "false"),
    ]
    .iter()
    .map(|&(a, b, c)| (a.into(), b.into(), c.into()))
    .collect();
    assert_eq!(got, want);
    let run = d.run(&[
        "tag",
        "a.txt",
        "-q",
        "--countries",
        "SY,IQ",
        "--flag-outside",
        "--format",
        "jsonl",
    ]);
    let lines: Vec<serde_json::Value> = run
        .code(0)
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let outside: Vec<bool> =
        lines.iter().map(|v| v["outside"].as_bool().unwrap()).collect();
    assert_eq!(outside, [false, true, false, false]);
    assert_eq!(parse_jsonl(&run.stdout).len(), 4);
}

#[test]
fn issue_16_review_page_shows_country_coordinates_and_outside_mark() {
    let d = Dir::new();
    d.write("a.txt", AREA_TEXT);
    let run = d.run(&["tag", "a.txt", "-q", "--format", "html"]);
    assert!(
        run.code(0).stdout.contains(
            "title=\"Raqqa · PLACE/city · geonames:172955 · SY · 35.9"
        ),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("class=\"place outside\""));
    let run = d.run(&[
        "tag",
        "a.txt",
        "-q",
        "--format",
        "html",
        "--countries",
        "SY,IQ",
        "--flag-outside",
    ]);
    let page = &run.code(0).stdout;
    let cairo = page
        .split("<mark ")
        .find(|m| m.contains(">Cairo</mark>"))
        .expect("Cairo is kept and marked");
    assert!(cairo.starts_with("class=\"place outside\""), "{cairo}");
    assert!(cairo.contains("· EG · ") && cairo.contains("outside the area"));
    let raqqa = page.split("<mark ").find(|m| m.contains(">Raqqa</mark>"));
    assert!(raqqa.unwrap().starts_with("class=\"place\""));
    assert!(page.contains("outside the area</span>"), "a legend entry");
}

#[test]
fn issue_16_bad_areas_are_usage_errors() {
    let d = Dir::new();
    d.write("a.txt", AREA_TEXT);
    let table: &[(&[&str], &str)] = &[
        (&["--countries", "Syria"], "\"Syria\" is not an ISO 3166-1 alpha-2 country code (did you mean SY?)"),
        (&["--countries", "SY,ZZ"], "\"ZZ\" is not an ISO 3166-1 alpha-2"),
        (&["--countries", "@nowhere"], "no set of countries is named @nowhere"),
        (&["--countries", ","], "no country code given"),
        (&["--bbox", "1,2,3"], "expected four numbers"),
        (&["--bbox", "0,50,10,40"], "south"),
        (&["--flag-outside"], "--flag-outside needs --countries or --bbox"),
        (
            &["--countries", "SY", "--flag-outside", "--format", "summary"],
            "--flag-outside has no effect with --format summary",
        ),
    ];
    for &(args, message) in table {
        let mut all = vec!["tag", "a.txt"];
        all.extend_from_slice(args);
        let run = d.run(&all);
        run.code(2);
        assert!(run.stderr.contains(message), "{args:?}: {}", run.stderr);
        assert_eq!(run.stdout, "", "{args:?}");
    }
}

#[test]
fn issue_16_tables_without_their_text_column_are_usage_errors() {
    let d = Dir::new();
    d.write("export.csv", "id;date;url;body\n1;2024-05-01;u;Raids in Raqqa\n");
    d.write("news.jsonl", "{\"id\":1,\"text\":\"Raqqa\",\"date\":\"x\"}\n");
    let run = d.run(&["tag", "export.csv"]);
    run.code(2);
    assert!(
        run.stderr.contains("--text-column")
            && run.stderr.contains("id;date;url;body"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, "");
    let run = d.run(&["tag", "news.jsonl"]);
    run.code(2);
    assert!(
        run.stderr.contains("--text-field")
            && run.stderr.contains("keys: date, id, text"),
        "{}",
        run.stderr
    );
    // Named, or tagged as text on purpose: no error.
    let run = d.run(&["tag", "news.jsonl", "--text-field", "text", "-q"]);
    assert_eq!(maps(&run.code(0).stdout).len(), 1);
    d.run(&["tag", "export.csv", "--input", "text", "-q"]).code(0);
}

#[test]
fn issue_16_options_the_format_ignores_are_errors_or_notes() {
    let d = Dir::new();
    d.write("a.txt", AREA_TEXT);
    let errors: &[&[&str]] = &[
        &["--by", "entity"],
        &["--by", "document", "--format", "jsonl"],
        &["--context", "5", "--format", "summary"],
        &["--explain", "--format", "html"],
        &["--all-candidates", "--format", "geojson"],
    ];
    for &args in errors {
        let mut all = vec!["tag", "a.txt"];
        all.extend_from_slice(args);
        let run = d.run(&all);
        run.code(2);
        assert!(
            run.stderr.contains(&format!("{} has no effect", args[0])),
            "{args:?}: {}",
            run.stderr
        );
    }
    for args in [
        &["--by", "entity", "--format", "summary"][..],
        &["--by", "entity", "--format", "geojson"][..],
        &["--context", "5", "--format", "tsv"][..],
    ] {
        let mut all = vec!["tag", "a.txt", "-q"];
        all.extend_from_slice(args);
        let run = d.run(&all);
        run.code(0);
        assert_eq!(run.stderr, "", "{args:?}");
    }
    // Harmless: a note, and the run goes on.
    let run = d.run(&["tag", "a.txt", "-q", "--format", "geojson", "--bom"]);
    run.code(0);
    assert!(
        run.stderr.contains("note: --bom has no effect with --format geojson"),
        "{}",
        run.stderr
    );
}

#[test]
fn issue_16_replacing_the_embedded_set_is_noted() {
    let d = Dir::with_small_gazetteer();
    d.write("a.txt", "Raids near Raqqa.\n");
    let note = "(note: -g replaced the embedded gazetteers; add \
                --with-default to keep them)";
    let run = d.run(&["tag", "a.txt", "-g", SMALL_GAZETTEER]);
    // On the closing line, beside the count of spans it explains.
    let closing = run.code(0).closing_line().expect("a closing line");
    assert!(closing.ends_with(note), "{closing}");
    assert_eq!(run.messages(), Vec::<&str>::new());
    let run = d.run(&["tag", "a.txt", "-g", SMALL_GAZETTEER, "-q"]);
    assert_eq!(run.code(0).stderr, "");
    let run =
        d.run(&["tag", "a.txt", "-g", SMALL_GAZETTEER, "--with-default"]);
    assert!(!run.code(0).stderr.contains("-g replaced"));
}

#[test]
fn issue_16_types_are_case_insensitive() {
    let upper = tagged(&["--types", "PLACE"]);
    assert_eq!(upper.len(), 3);
    assert_eq!(tagged(&["--types", "place"]), upper);
    assert_eq!(tagged(&["--types", "Place"]), upper);
    assert_eq!(tagged(&["--types", "org,Place"]).len(), 4);
}

#[test]
fn issue_16_lookup_prints_what_a_name_matches() {
    let d = Dir::new();
    let run = d.run(&["gazetteer", "lookup", "Tripoli", "Boukemal"]);
    let out = &run.code(0).stdout;
    for want in [
        "Tripoli: 2 entities (folded \"tripoli\"",
        "geonames:266826  PLACE/city  Tripoli",
        "country LB",
        "geonames:2210247  PLACE/city  Tripoli",
        "country LY",
        "Boukemal: 1 entity",
        "geonames:174448  PLACE/city  Abu Kamal",
        "translit match of",
        "aliases: ",
    ] {
        assert!(out.contains(want), "{want:?} in\n{out}");
    }
    let run = d.run(&["gazetteer", "lookup", "HTS", "--format", "csv"]);
    let rows = maps(&run.code(0).stdout);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["id"], "gazetag:actor/hayat-tahrir-al-sham");
    assert_eq!(rows[0]["type"], "ACTOR");
    assert_eq!(rows[0]["country"], "SY");
    assert_eq!(rows[0]["match"], "exact");
    assert!(rows[0]["aliases"].contains("Hayat Tahrir al-Sham"));
    let run =
        d.run(&["gazetteer", "lookup", "Dayr az Zawr", "--format", "jsonl"]);
    let v: Vec<serde_json::Value> = run
        .code(0)
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(v.iter().any(|r| r["id"] == "geonames:170794"), "{v:?}");
    // Nothing matches: exit code 1.
    let run = d.run(&["gazetteer", "lookup", "Qwzxv"]);
    run.code(1);
    assert!(run.stdout.contains("Qwzxv: 0 entities"));
}

#[test]
fn issue_16_lookup_reads_user_gazetteers() {
    let d = Dir::with_small_gazetteer();
    let run = d.run(&["gazetteer", "lookup", "RAKKA", "-g", SMALL_GAZETTEER]);
    let out = &run.code(0).stdout;
    assert!(out.contains("test:raqqa  PLACE/city  Raqqa"), "{out}");
    assert!(out.contains("folded match of \"Rakka\""), "{out}");
    assert!(!out.contains("geonames:"), "{out}");
    let run = d.run(&[
        "gazetteer",
        "lookup",
        "Raqqa",
        "-g",
        SMALL_GAZETTEER,
        "--with-default",
        "--format",
        "csv",
    ]);
    let ids: Vec<String> = maps(&run.code(0).stdout)
        .into_iter()
        .map(|m| m["id"].clone())
        .collect();
    assert!(ids.contains(&"test:raqqa".to_string()), "{ids:?}");
    assert!(ids.contains(&RAQQA.to_string()), "{ids:?}");
}

#[test]
fn issue_16_check_with_default_accepts_extensions_of_embedded_ids() {
    let d = Dir::new();
    d.write(
        "ext.csv",
        "id,aliases\ngazetag:actor/hayat-tahrir-al-sham,Hayat Tahrir ash-Sham\n",
    );
    let run = d.run(&["gazetteer", "check", "ext.csv"]);
    run.code(2);
    assert!(run.stderr.contains("need --with-default"), "{}", run.stderr);
    let run = d.run(&["gazetteer", "check", "ext.csv", "--with-default"]);
    let out = &run.code(0).stdout;
    assert!(out.contains("ext.csv\t0\t0\t0\t0\t1\t1"), "{out}");
    assert!(out.contains("ok: "), "{out}");
    assert!(!out.lines().any(|l| l.starts_with("warning")), "{out}");
}

#[test]
fn issue_16_check_warns_about_rows_that_look_wrong() {
    let d = Dir::new();
    d.write(
        "mine.csv",
        "id,type,name,aliases,country\n\
         my:hts,ACTOR,Hayat Tahrir al Sham,,SY\n\
         my:x,PLACE,Foo Town,\"Foo, Bar\",Syria\n\
         my:y,ORG,Bar Agency,BA1;BA2,sy\n",
    );
    let run = d.run(&["gazetteer", "check", "mine.csv", "--with-default"]);
    let out = &run.code(0).stdout;
    for want in [
        "warning: mine.csv:3: my:x: country \"Syria\" is not an ISO 3166-1 \
         alpha-2 code (write SY)",
        "warning: mine.csv:3: my:x: alias \"Foo, Bar\" holds ','",
        "warning: mine.csv:4: my:y: alias \"BA1;BA2\" holds ';'",
        "warning: my:hts: name \"Hayat Tahrir al Sham\" is already a name \
         of ACTOR gazetag:actor/hayat-tahrir-al-sham",
        "alias-extension row",
    ] {
        assert!(out.contains(want), "{want:?} in\n{out}");
    }
    assert!(out.contains("ok: "), "{out}");
    // The embedded set's own rows are not reviewed.
    let warnings = out.lines().filter(|l| l.starts_with("warning")).count();
    assert_eq!(warnings, 4, "{out}");
    // Without the embedded set, the user's rows are still checked.
    let run = d.run(&["gazetteer", "check", "mine.csv"]);
    let out = &run.code(0).stdout;
    assert!(out.contains("holds ';'") && !out.contains("already a name"));
}
