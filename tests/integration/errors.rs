//! Failures: unreadable inputs (exit 1, the others still tagged), bad
//! gazetteers and usage errors (exit 2), and a closed output pipe (exit 0,
//! quietly).

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};

use crate::util::{docs_texts, Dir, BIN, SMALL_GAZETTEER};

#[test]
fn invalid_utf8_with_encoding_utf8_names_file_and_line_and_others_are_tagged()
{
    // Without --encoding, such a file is read as Windows-1252 with a
    // note (issue 5, see io.rs); --encoding utf-8 keeps the strict error.
    let d = Dir::with_small_gazetteer();
    d.write("a.txt", "Alep\n");
    d.write("bad.txt", b"Irak\nencore Irak\nici \xff\xfe Alep\n".as_slice());
    d.write("c.txt", "Raqqa\n");
    let run =
        d.tag_small(&["--encoding", "utf-8", "a.txt", "bad.txt", "c.txt"]);
    run.code(1);
    assert!(
        run.stderr.contains("bad.txt:3:"),
        "file and line named: {}",
        run.stderr
    );
    assert!(run.stderr.contains("UTF-8"), "{}", run.stderr);
    assert_eq!(run.messages().len(), 1, "{}", run.stderr);
    assert_eq!(
        docs_texts(&run.rows()),
        [("a.txt", "Alep"), ("c.txt", "Raqqa")]
    );
}

#[test]
fn empty_file_gives_no_rows_and_success() {
    let d = Dir::with_small_gazetteer();
    d.write("empty.txt", "");
    let run = d.tag_small(&["empty.txt"]);
    assert_eq!(run.ok_rows(), []);
    assert_eq!(run.stdout.lines().count(), 1, "header only: {}", run.stdout);
}

#[test]
fn binary_txt_file_in_a_folder_is_reported_and_skipped() {
    let d = Dir::with_small_gazetteer();
    d.write("corpus/a.txt", "Alep\n");
    d.write(
        "corpus/image.txt",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR Irak".as_slice(),
    );
    d.write("corpus/z.txt", "Raqqa\n");
    let run = d.tag_small(&["corpus"]);
    run.code(1);
    assert!(
        run.stderr.contains("corpus/image.txt")
            && run.stderr.contains("binary"),
        "a clear message naming the file: {}",
        run.stderr
    );
    assert_eq!(run.messages().len(), 1, "{}", run.stderr);
    assert_eq!(
        docs_texts(&run.rows()),
        [("corpus/a.txt", "Alep"), ("corpus/z.txt", "Raqqa")]
    );
}

#[test]
fn missing_path_is_named_and_others_are_tagged() {
    let d = Dir::with_small_gazetteer();
    d.write("a.txt", "Alep\n");
    d.write("c.txt", "Raqqa\n");
    let run = d.tag_small(&["a.txt", "nowhere/missing.txt", "c.txt"]);
    run.code(1);
    assert!(
        run.stderr.contains("nowhere/missing.txt"),
        "the path is named: {}",
        run.stderr
    );
    assert_eq!(run.messages().len(), 1, "{}", run.stderr);
    assert_eq!(
        docs_texts(&run.rows()),
        [("a.txt", "Alep"), ("c.txt", "Raqqa")]
    );
}

#[test]
fn bad_number_in_gazetteer_names_file_line_and_value() {
    let d = Dir::new();
    d.write(
        "gaz.csv",
        "id,type,name,lat,lon\nt:1,PLACE,Alep,36.2,37.1\n\
         t:2,PLACE,Raqqa,\"35,2\",39.0\n",
    );
    d.write("a.txt", "Alep\n");
    let run = d.run(&["tag", "-g", "gaz.csv", "a.txt"]);
    run.code(2);
    assert!(
        run.stderr.contains(r#"gaz.csv:3: lat "35,2" is not a number"#),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, "", "nothing tagged with a broken gazetteer");

    let run = d.run(&["gazetteer", "check", "gaz.csv"]);
    run.code(2);
    assert!(
        run.stderr.contains(r#"gaz.csv:3: lat "35,2" is not a number"#),
        "{}",
        run.stderr
    );
}

#[test]
fn duplicate_ids_are_a_gazetteer_error() {
    let d = Dir::new();
    let h = "id,type,name\n";
    d.write("one.csv", format!("{h}t:alep,PLACE,Aleppo\n"));
    d.write("two.csv", format!("{h}t:raqqa,PLACE,Raqqa\nt:alep,PLACE,Alep\n"));
    d.write("a.txt", "Alep\n");
    let run = d.run(&["tag", "-g", "one.csv", "-g", "two.csv", "a.txt"]);
    run.code(2);
    assert!(
        run.stderr.contains("two.csv:3:")
            && run.stderr.contains("duplicate id \"t:alep\"")
            && run.stderr.contains("one.csv:2"),
        "both places named: {}",
        run.stderr
    );
    assert_eq!(run.stdout, "");
    d.run(&["gazetteer", "check", "one.csv", "two.csv"]).code(2);
}

#[test]
fn missing_gazetteer_file_is_a_gazetteer_error() {
    let d = Dir::new();
    d.write("a.txt", "Alep\n");
    let run = d.run(&["tag", "-g", "no_such_gazetteer.csv", "a.txt"]);
    run.code(2);
    assert!(run.stderr.contains("no_such_gazetteer.csv"), "{}", run.stderr);
    assert_eq!(run.stdout, "");
}

#[test]
fn unknown_flag_is_a_usage_error() {
    let d = Dir::with_small_gazetteer();
    d.write("a.txt", "Alep\n");
    let run = d.tag_small(&["--bogus", "a.txt"]);
    run.code(2);
    assert!(run.stderr.contains("--bogus"), "{}", run.stderr);
    assert_eq!(run.stdout, "");
    d.run(&["tag", "--format", "xml", "a.txt"]).code(2);
    d.run(&[]).code(2);
}

#[test]
fn closed_stdout_pipe_exits_quietly_with_success() {
    let d = Dir::with_small_gazetteer();
    let line = "Les forces du régime avancent d'Alep vers Raqqa et l'Irak.\n";
    d.write("big.txt", line.repeat(20_000));
    let mut cmd = Command::new(BIN);
    cmd.current_dir(d.path())
        .args(["tag", "-g", SMALL_GAZETTEER, "big.txt"])
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawning gazetag");
    let stdout = child.stdout.take().unwrap();
    let mut first = String::new();
    BufReader::new(stdout).read_line(&mut first).unwrap();
    assert!(first.starts_with("doc,start,end"), "{first:?}");
    // The reader is dropped here: the pipe is closed, as `| head -1` does.
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "stderr: {stderr}");
    assert_eq!(stderr, "", "no error message on a closed pipe");
}
