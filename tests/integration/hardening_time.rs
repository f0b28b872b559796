//! Issue 14: gazetteer aliases that normalize to nothing are errors with
//! file and line (item 9), and a compiled index whose header changed is
//! refused (item 10b). The linear-time cases of the same issue (text
//! dense with names, deep HTML) are measured by `cargo bench --bench tag
//! -- pathological`; here deep HTML is only checked end to end.

use crate::util::{fixtures, Dir, SMALL_GAZETTEER};

/// Aliases as written in a CSV cell, that normalize to nothing.
const UNMATCHABLE: &[(&str, &str)] = &[
    ("dashes", "---"),
    ("a lone combining mark", "\u{301}"),
    ("a zero-width space", "\u{200b}"),
    ("harakat and tatweel", "\u{64e}\u{640}\u{650}"),
];

#[test]
fn aliases_that_normalize_to_nothing_are_errors_with_file_and_line() {
    for &(what, alias) in UNMATCHABLE {
        let d = Dir::new();
        d.write("a.txt", "Raids sur Alep.\n");
        d.write(
            "gaz.csv",
            format!(
                "id,type,name,aliases\n\
                 alep,PLACE,Alep,Halab|Aleppo\n\
                 homs,PLACE,Homs,Hims|{alias}\n"
            ),
        );
        for (args, tags) in [
            (&["tag", "-g", "gaz.csv", "a.txt"][..], true),
            (&["gazetteer", "check", "gaz.csv"][..], false),
        ] {
            let run = d.run(args);
            run.code(2);
            let want = format!(
                "gaz.csv:3: aliases: {alias:?} of entity homs is empty once \
                 normalized"
            );
            assert!(run.stderr.contains(&want), "{what}: {}", run.stderr);
            if tags {
                assert_eq!(run.stdout, "", "{what}: nothing tagged");
            }
        }
    }
}

#[test]
fn a_name_that_normalizes_to_nothing_is_an_error() {
    let d = Dir::new();
    d.write("a.txt", "Alep\n");
    d.write("gaz.csv", "id,type,name\nalep,PLACE,Alep\nx,ORG,- – —\n");
    let run = d.run(&["gazetteer", "check", "gaz.csv"]);
    run.code(2);
    assert!(
        run.stderr.contains("gaz.csv:3: name: \"- – —\" of entity x"),
        "{}",
        run.stderr
    );
}

/// Compiles the small gazetteer into `g.gzi` in `d` and returns its
/// bytes and the byte range of its header.
fn compiled(d: &Dir) -> (Vec<u8>, std::ops::Range<usize>) {
    let gazetteer = fixtures().join(SMALL_GAZETTEER);
    let gazetteer = gazetteer.to_str().expect("a UTF-8 path");
    d.run(&["gazetteer", "compile", gazetteer, "-o", "g.gzi"]).code(0);
    let bytes = std::fs::read(d.path().join("g.gzi")).unwrap();
    // `GZTAGIDX`, the header's length (u32, little-endian), the header.
    let len = u32::from_le_bytes(bytes[8..12].try_into().unwrap()) as usize;
    (bytes, 12..12 + len)
}

#[test]
fn an_index_whose_header_changed_is_refused() {
    let d = Dir::new();
    d.write("a.txt", "Raids sur Mayadine, en Syrie.\n");
    let (bytes, header) = compiled(&d);
    let good = d.run(&["tag", "--index", "g.gzi", "a.txt"]);
    good.code(0);
    assert_eq!(good.rows().len(), 2);
    // Every byte of the header: its format, the tool and rules versions,
    // the sources' fingerprint, the search space, the counts.
    for i in header {
        let mut bad = bytes.clone();
        bad[i] ^= 0x01;
        d.write("bad.gzi", &bad);
        let run = d.run(&["tag", "--index", "bad.gzi", "a.txt"]);
        run.code(2);
        assert!(
            run.stderr.contains("bad.gzi")
                && run.stderr.contains("index is corrupt: checksum mismatch")
                && run.stderr.contains("rebuild it"),
            "byte {i}: {}",
            run.stderr
        );
        assert_eq!(run.stdout, "", "byte {i}");
    }
}

#[test]
fn deep_html_is_tagged() {
    let d = Dir::with_small_gazetteer();
    let depth = 20_000;
    d.write(
        "divs.html",
        format!("{}Raqqa{}", "<div>".repeat(depth), "</div>".repeat(depth)),
    );
    d.write(
        "lists.html",
        format!(
            "{}Alep{}",
            "<ul><li>".repeat(depth),
            "</li></ul>".repeat(depth)
        ),
    );
    let run = d.tag_small(&["divs.html", "lists.html"]);
    let rows = run.ok_rows();
    assert_eq!(rows.len(), 2, "{}", run.stdout);
}
