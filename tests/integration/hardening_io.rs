//! Hardening of what the binary writes and reads: `-o` and `--stats`
//! never replace what is not a regular file nor an input, folders never
//! hang on a FIFO, `--threads` is capped, signals leave no temporary file,
//! broken tables are errors, table flags are never ignored, and file
//! names cannot forge lines on stderr.

#![cfg(unix)]

use std::fs;
use std::io::{Read, Write};
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::util::{parse_csv, Dir, BIN, SMALL_GAZETTEER};

const TEXT: &str = "Des frappes sur Alep et Raqqa.\n";

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success(), "mkfifo {}", path.display());
}

/// A character device to write into: `name` (`null`, `full`) made in the
/// test folder when the tests run as root, so that a regression replaces
/// that copy and not the system's `/dev/null`; else `/dev/NAME`, which a
/// user other than root cannot replace.
fn device(d: &Dir, name: &str) -> String {
    let minor = match name {
        "null" => "3",
        "full" => "7",
        _ => panic!("no device {name}"),
    };
    let local = d.path().join(name);
    let made = Command::new("mknod")
        .arg(&local)
        .args(["c", "1", minor])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if made {
        local.display().to_string()
    } else {
        format!("/dev/{name}")
    }
}

fn is_device(path: &str) -> bool {
    fs::metadata(path).unwrap().file_type().is_char_device()
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// The hidden temporary files left in `dir`.
fn temporaries(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".gazetag-"))
        .collect()
}

#[test]
fn output_into_a_device_writes_into_it() {
    let d = Dir::with_small_gazetteer();
    d.write("a.txt", TEXT);
    let null = device(&d, "null");
    let full = device(&d, "full");
    d.tag_small(&["a.txt", "-o", &null, "-q"]).code(0);
    assert!(is_device(&null), "{null} was replaced");
    // Writing into a full device fails: that is the error to report.
    let run = d.tag_small(&["a.txt", "-o", &full, "-q"]);
    run.code(2);
    assert!(run.stderr.contains(&format!("writing {full}")), "{}", run.stderr);
    assert!(is_device(&full), "{full} was replaced");
    // Standard output named as a file, here a pipe.
    let run = d.tag_small(&["a.txt", "-o", "/dev/stdout", "-q"]);
    run.code(0);
    assert_eq!(run.rows().len(), 2);
    // --stats too.
    d.tag_small(&["a.txt", "--stats", &null, "-q"]).code(0);
    assert!(is_device(&null), "{null} was replaced");
    fs::remove_file(d.path().join("null")).ok();
    fs::remove_file(d.path().join("full")).ok();
    assert!(temporaries(d.path()).is_empty());
}

#[test]
fn output_into_a_fifo_writes_into_it() {
    let d = Dir::with_small_gazetteer();
    d.write("a.txt", TEXT);
    let fifo = d.path().join("out.fifo");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        thread::spawn(move || {
            let mut text = String::new();
            fs::File::open(fifo).unwrap().read_to_string(&mut text).unwrap();
            text
        })
    };
    let run = d
        .command()
        .args(["tag", "-g", SMALL_GAZETTEER, "a.txt", "-o", "out.fifo", "-q"])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    // Checked first: had the FIFO been replaced, the reader would wait
    // for ever.
    assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
    let text = reader.join().unwrap();
    let rows = parse_csv(&text, b',');
    assert_eq!(rows.len(), 2, "{text}");
}

#[test]
fn output_through_a_symbolic_link_replaces_its_target() {
    let d = Dir::with_small_gazetteer();
    d.write("a.txt", TEXT);
    d.write("sub/real.csv", "old\n");
    fs::set_permissions(
        d.path().join("sub/real.csv"),
        fs::Permissions::from_mode(0o640),
    )
    .unwrap();
    std::os::unix::fs::symlink("sub/real.csv", d.path().join("link.csv"))
        .unwrap();
    // A link to a file not written yet is followed too.
    std::os::unix::fs::symlink("sub/new.csv", d.path().join("dangling.csv"))
        .unwrap();
    d.tag_small(&["a.txt", "-o", "link.csv", "-q"]).code(0);
    d.tag_small(&["a.txt", "-o", "dangling.csv", "-q"]).code(0);
    for link in ["link.csv", "dangling.csv"] {
        let meta = fs::symlink_metadata(d.path().join(link)).unwrap();
        assert!(meta.file_type().is_symlink(), "{link} was replaced");
    }
    assert_eq!(parse_csv(&d.read("sub/real.csv"), b',').len(), 2);
    assert_eq!(parse_csv(&d.read("sub/new.csv"), b',').len(), 2);
    // The target keeps its permissions.
    assert_eq!(mode(&d.path().join("sub/real.csv")), 0o640);
    assert!(temporaries(d.path()).is_empty());
    assert!(temporaries(&d.path().join("sub")).is_empty());
}

#[test]
fn an_output_that_is_an_input_is_refused() {
    let d = Dir::with_small_gazetteer();
    d.write("same.txt", TEXT);
    d.write("corpus/b.txt", TEXT);
    std::os::unix::fs::symlink("same.txt", d.path().join("alias.txt"))
        .unwrap();
    for (args, input) in [
        (&["same.txt", "-o", "same.txt"][..], "same.txt"),
        (&["same.txt", "-o", "alias.txt"], "same.txt"),
        (&["corpus", "-o", "corpus/b.txt"], "corpus/b.txt"),
        (&["same.txt", "--stats", "same.txt"], "same.txt"),
        (&["same.txt", "-o", SMALL_GAZETTEER], SMALL_GAZETTEER),
    ] {
        let before = d.read(input);
        let run = d.tag_small(args);
        run.code(2);
        assert!(
            run.stderr.contains("it is also an input"),
            "{args:?}: {}",
            run.stderr
        );
        assert_eq!(d.read(input), before, "{args:?} overwrote {input}");
    }
    assert!(temporaries(d.path()).is_empty());
    // Nor may the account of the run replace the output.
    let run =
        d.tag_small(&["same.txt", "-o", "out.csv", "--stats", "out.csv"]);
    run.code(2);
    assert_eq!(
        run.stderr,
        "gazetag: --stats out.csv is also the -o file; choose another\n"
    );
    let null = device(&d, "null");
    d.tag_small(&["same.txt", "-o", &null, "--stats", &null]).code(0);
    assert!(is_device(&null), "{null} was replaced");
}

#[test]
fn a_read_only_output_needs_force() {
    let d = Dir::with_small_gazetteer();
    d.write("a.txt", TEXT);
    let out = d.write("locked.csv", "keep me\n");
    fs::set_permissions(&out, fs::Permissions::from_mode(0o444)).unwrap();
    let run = d.tag_small(&["a.txt", "-o", "locked.csv"]);
    run.code(2);
    assert_eq!(
        run.stderr.trim_end(),
        "gazetag: writing locked.csv: the file is read-only (use --force to \
         replace it)"
    );
    assert_eq!(d.read("locked.csv"), "keep me\n");
    let run = d.tag_small(&["a.txt", "--stats", "locked.csv", "-q"]);
    run.code(2);
    assert_eq!(d.read("locked.csv"), "keep me\n");

    d.tag_small(&["a.txt", "-o", "locked.csv", "--force", "-q"]).code(0);
    assert_eq!(parse_csv(&d.read("locked.csv"), b',').len(), 2);
    assert_eq!(mode(&out), 0o444, "the permissions are kept");
}

#[test]
fn gazetteer_compile_output_is_checked_too() {
    let d = Dir::with_small_gazetteer();
    let null = device(&d, "null");
    d.run(&["gazetteer", "compile", SMALL_GAZETTEER, "-o", &null]).code(0);
    assert!(is_device(&null), "{null} was replaced");
    let run = d.run(&[
        "gazetteer",
        "compile",
        SMALL_GAZETTEER,
        "-o",
        SMALL_GAZETTEER,
    ]);
    run.code(2);
    assert!(run.stderr.contains("it is also an input"), "{}", run.stderr);
}

#[test]
fn a_fifo_in_a_folder_is_skipped_and_one_named_is_read() {
    let d = Dir::with_small_gazetteer();
    d.write("corpus/a.txt", TEXT);
    mkfifo(&d.path().join("corpus/b.txt"));
    let run = d
        .command()
        .args(["tag", "-g", SMALL_GAZETTEER, "corpus"])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert!(
        stderr.contains(
            "gazetag: note: corpus/b.txt: a FIFO, skipped (name it on the \
             command line to read it)"
        ),
        "{stderr}"
    );
    let rows = parse_csv(&String::from_utf8(run.stdout).unwrap(), b',');
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r.doc == "corpus/a.txt"));

    // Named on the command line, the FIFO is read.
    let fifo = d.path().join("corpus/b.txt");
    let writer = thread::spawn(move || {
        fs::OpenOptions::new()
            .write(true)
            .open(fifo)
            .unwrap()
            .write_all(b"Des combats autour de Raqqa.\n")
            .unwrap();
    });
    let run = d
        .command()
        .args(["tag", "-g", SMALL_GAZETTEER, "corpus/b.txt", "-q"])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    writer.join().unwrap();
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    let rows = parse_csv(&String::from_utf8(run.stdout).unwrap(), b',');
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].text, "Raqqa");
}

#[test]
fn threads_are_capped_with_a_note() {
    let d = Dir::with_small_gazetteer();
    d.write("a.txt", TEXT);
    let run = d
        .command()
        .args(["tag", "-g", SMALL_GAZETTEER, "a.txt", "--threads", "100000"])
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    let stderr = String::from_utf8(run.stderr).unwrap();
    let cores = thread::available_parallelism().unwrap().get();
    assert!(
        stderr.contains(&format!(
            "gazetag: note: --threads 100000: using {} (4 per core on {cores} \
             cores)",
            4 * cores
        )),
        "{stderr}"
    );
    assert_eq!(
        parse_csv(&String::from_utf8(run.stdout).unwrap(), b',').len(),
        2
    );
}

/// Starts `gazetag tag - -o out.csv` on a standard input that stays
/// open, waits for its temporary file, sends `signal`, and returns the
/// exit code and stderr.
fn interrupt(d: &Dir, signal: &str) -> (Option<i32>, String) {
    let mut child = Command::new(BIN)
        .current_dir(d.path())
        .args(["tag", "-g", SMALL_GAZETTEER, "-", "-o", "out.csv"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(TEXT.as_bytes()).unwrap();
    let started = Instant::now();
    while temporaries(d.path()).is_empty() {
        assert!(started.elapsed() < Duration::from_secs(60), "no temporary");
        thread::sleep(Duration::from_millis(20));
    }
    let status = Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    drop(stdin);
    (out.status.code(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn signals_remove_the_temporary_output() {
    let d = Dir::with_small_gazetteer();
    for (signal, code) in [("INT", 130), ("TERM", 143), ("HUP", 129)] {
        let (got, stderr) = interrupt(&d, signal);
        assert_eq!(got, Some(code), "SIG{signal}: {stderr}");
        assert!(
            stderr.contains(&format!(
                "gazetag: writing out.csv interrupted by SIG{signal}; the \
                 temporary file was removed"
            )),
            "{stderr}"
        );
        assert!(temporaries(d.path()).is_empty(), "SIG{signal}");
        assert!(!d.path().join("out.csv").exists());
    }
}

#[test]
fn a_quote_never_closed_is_an_unreadable_input() {
    let d = Dir::with_small_gazetteer();
    d.write(
        "t.csv",
        "id,body\n1,Des frappes sur Alep.\n2,\"Raqqa\n3,Des frappes sur Homs.\n",
    );
    d.write("b.csv", "body\nDes frappes sur Alep et Raqqa.\n");
    let run = d.tag_small(&["t.csv", "b.csv", "--text-column", "body"]);
    run.code(1);
    assert_eq!(
        run.messages(),
        ["gazetag: t.csv:3: a quote opened in this row is never closed (the \
             rest of the table would be one cell); the table is not read from \
             here"]
    );
    let docs: Vec<String> = run.rows().into_iter().map(|r| r.doc).collect();
    assert_eq!(docs, ["t.csv:2", "b.csv:2", "b.csv:2"]);
}

#[test]
fn a_column_named_twice_is_a_warning() {
    let d = Dir::with_small_gazetteer();
    d.write("t.csv", "body,id,body\nDes frappes sur Alep.,1,x\n");
    let run = d.tag_small(&["t.csv", "--text-column", "body"]);
    run.code(0);
    assert_eq!(
        run.messages(),
        ["gazetag: note: t.csv: the header has column \"body\" 2 times \
             (columns 1, 3); the first is used"]
    );
    assert_eq!(run.rows().len(), 1);

    let small = d.read(SMALL_GAZETTEER);
    let doubled = small.replacen("source\n", "source,name\n", 1);
    d.write("doubled.csv", doubled.replace(",test\n", ",test,x\n"));
    let run = d.run(&[
        "tag",
        "-g",
        "doubled.csv",
        "t.csv",
        "--text-column",
        "body",
        "-q",
    ]);
    run.code(0);
    assert!(
        run.stderr.contains(
            "gazetag: warning: doubled.csv:1: the header has column \"name\" \
             more than once; the first is used"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(run.rows().len(), 1);
}

#[test]
fn table_flags_make_any_input_a_table() {
    let d = Dir::with_small_gazetteer();
    let line = "{\"text\": \"Des frappes sur Alep.\", \"id\": \"x\"}\n";
    // Standard input.
    let run = d.run_stdin(
        &["tag", "-g", SMALL_GAZETTEER, "--text-field", "text", "-q"],
        line,
    );
    run.code(0);
    let rows = run.rows();
    assert_eq!(rows.len(), 1, "{}", run.stdout);
    assert_eq!((rows[0].doc.as_str(), rows[0].start), ("'-:1", 16));
    // A file whose extension says nothing of tables.
    d.write("export.json", line);
    let rows = d
        .tag_small(&[
            "export.json",
            "--text-field",
            "text",
            "--id-field",
            "id",
        ])
        .ok_rows();
    assert_eq!((rows[0].doc.as_str(), rows[0].start), ("x", 16));
    d.write("export.txt", "id,body\n7,Des frappes sur Alep.\n");
    let rows = d
        .tag_small(&[
            "export.txt",
            "--text-column",
            "body",
            "--id-column",
            "id",
        ])
        .ok_rows();
    assert_eq!((rows[0].doc.as_str(), rows[0].start), ("7", 16));
    // Both flags: the first byte tells.
    let run = d.run_stdin(
        &[
            "tag",
            "-g",
            SMALL_GAZETTEER,
            "--text-field",
            "text",
            "--text-column",
            "body",
            "-q",
        ],
        line,
    );
    run.code(0);
    assert_eq!(run.rows().len(), 1);
    // A folder gives its JSON lines.
    d.write("corpus/a.jsonl", line);
    d.write("corpus/notes.txt", "Alep");
    let rows = d.tag_small(&["corpus", "--text-field", "text"]).ok_rows();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].doc, "corpus/a.jsonl:1");
}

#[test]
fn control_characters_in_file_names_are_escaped() {
    let d = Dir::with_small_gazetteer();
    let name =
        "x\ngazetag: done: 9 documents, 0 spans, 0 errors in 0.01 s\n.txt";
    d.write(&format!("corpus/{name}"), b"bin\0ary");
    d.write("corpus/\u{1b}[2Jclear.txt", b"bin\0ary");
    let run = d.tag_small(&["corpus"]);
    run.code(1);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{}", run.stderr);
    assert!(
        lines[0]
            .starts_with("gazetag: corpus/\\u{1b}[2Jclear.txt: binary file"),
        "{}",
        run.stderr
    );
    assert!(
        lines[1].starts_with(
            "gazetag: corpus/x\\ngazetag: done: 9 documents, 0 spans, 0 errors \
             in 0.01 s\\n.txt: binary file"
        ),
        "{}",
        run.stderr
    );
    assert!(lines[2].starts_with("gazetag: done: 0 documents"));
    // Errors about the output name it escaped too.
    let out = d.write("o\nut.csv", "");
    fs::set_permissions(&out, fs::Permissions::from_mode(0o444)).unwrap();
    let run = d.tag_small(&["corpus", "-o", "o\nut.csv"]);
    run.code(2);
    assert_eq!(
        run.stderr,
        "gazetag: writing o\\nut.csv: the file is read-only (use --force to \
         replace it)\n"
    );
    // And a gazetteer's name in the list of its errors.
    d.write("g\ngazetag: done: x.csv", "id,type,name\nx,CITY,Alep\n");
    let run = d.run(&["tag", "-g", "g\ngazetag: done: x.csv", "corpus"]);
    run.code(2);
    assert!(
        !run.stderr.lines().any(|l| l.starts_with("gazetag: done")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("g\\ngazetag: done: x.csv:2: type \"CITY\""),
        "{}",
        run.stderr
    );
}
