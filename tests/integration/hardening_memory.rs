//! Bounded memory on huge documents: plain text larger than 1 MiB is
//! read, tagged and written chunk by chunk, with the same rows as the
//! whole document tagged at once; a gzip bomb is binary from its first
//! decompressed bytes.

use std::io::Write;

use crate::util::{parse_jsonl, Dir};

/// A text of about `size` bytes, French and Arabic, names every few
/// hundred bytes, some across the 1 MiB chunk borders, with multi-byte
/// characters so that char and byte offsets differ.
fn article(size: usize) -> String {
    let filler = [
        "Les combats ont repris ce matin près de la ville, selon l’OSDH. ",
        "قصفت الطائرات مواقع في ريف المدينة صباح اليوم حسب المرصد. ",
        "Des témoins évoquent des frappes sur les quartiers est. ",
    ];
    let names = [
        "à Mossoul",
        "à Raqqa",
        "de Deir Ezzor",
        "في الموصل",
        "par l’EI",
        "à Alep",
        "في حلب",
        "à Mayadine",
    ];
    let mut text = String::with_capacity(size + 1024);
    let mut k = 0;
    while text.len() < size {
        let border = (text.len() / (1 << 20) + 1) << 20;
        if border - text.len() < 200 && border - text.len() > 20 {
            // A name across the border, give or take a few bytes.
            while text.len() + 8 < border - (k % 7) {
                text.push(' ');
            }
        } else {
            text.push_str(filler[k % filler.len()]);
        }
        text.push_str(names[k % names.len()]);
        text.push_str(if k % 5 == 0 { ".\n" } else { ", " });
        k += 1;
    }
    text
}

/// The rows of JSON-lines output, every field but `doc`.
fn rows_without_doc(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .map(|l| {
            let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
            v.as_object_mut().unwrap().remove("doc");
            v
        })
        .collect()
}

/// A 5 MB text file is tagged piece by piece; the same text in a JSON
/// line is tagged whole. Same rows, offsets and context included.
#[test]
fn streamed_text_has_the_rows_of_the_whole_document() {
    let text = article(5 << 20);
    let d = Dir::with_small_gazetteer();
    d.write("big.txt", &text);
    let line = serde_json::json!({ "text": text }).to_string();
    d.write("big.jsonl", format!("{line}\n"));
    let args = ["--format", "jsonl", "--context", "30", "-q"];
    let streamed = d.tag_small(&[&args[..], &["big.txt"]].concat());
    streamed.code(0);
    let whole = d.tag_small(
        &[&args[..], &["--text-field", "text", "big.jsonl"]].concat(),
    );
    whole.code(0);
    let a = rows_without_doc(&streamed.stdout);
    let b = rows_without_doc(&whole.stdout);
    assert!(a.len() > 20_000, "{} rows", a.len());
    assert!(a.iter().any(|r| r["start"] != r["byte_start"]), "multi-byte");
    assert!(a[5]["context"].as_str().is_some_and(|c| c.len() > 40));
    assert!(a == b, "streamed rows differ from whole-document rows");
    // Standard input, gzipped or not, and two threads: the same rows.
    let mut gz =
        flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(text.as_bytes()).unwrap();
    d.write("big.txt.gz", gz.finish().unwrap());
    for (input, threads) in [("big.txt.gz", "1"), ("big.txt", "2")] {
        let run =
            d.tag_small(&[&args[..], &["--threads", threads, input]].concat());
        assert!(rows_without_doc(&run.code(0).stdout) == a, "{input}");
    }
    let gzipped = std::fs::read(d.path().join("big.txt.gz")).unwrap();
    let stdin = d
        .command()
        .args(["tag", "-g", crate::util::SMALL_GAZETTEER])
        .args(args)
        .write_stdin(gzipped)
        .output()
        .unwrap();
    assert!(stdin.status.success());
    let out = String::from_utf8(stdin.stdout).unwrap();
    assert!(rows_without_doc(&out) == a, "gzipped standard input");
}

/// A document that is not UTF-8 at its very end is decoded as
/// Windows-1252 from its start, as when read whole; the note comes
/// before its rows are written.
#[test]
fn a_late_invalid_byte_decides_the_decoding_of_a_streamed_text() {
    let mut bytes = article(3 << 20).into_bytes();
    bytes.extend_from_slice(b"\ncaf\xe9 \x93Alep\x94\n");
    let d = Dir::with_small_gazetteer();
    d.write("late.txt", &bytes);
    let run = d.tag_small(&["--format", "jsonl", "late.txt"]);
    run.code(0);
    let note = run.messages().join("\n");
    assert!(note.contains("decoded as windows-1252 (fallback)"), "{note}");
    let rows = parse_jsonl(&run.stdout);
    let last = rows.last().unwrap();
    assert_eq!(last.text, "Alep");
    assert!(rows.iter().any(|r| r.text == "Mossoul"));
    let forced = d.tag_small(&["--encoding", "utf-8", "late.txt"]);
    forced.code(1);
    assert_eq!(forced.stdout.lines().count(), 1, "header only");
    assert!(forced.stderr.contains("invalid UTF-8"), "{}", forced.stderr);
}

/// 2 GiB of zeros in a 2 MB gzip file: binary at offset 0, found in the
/// first decompressed block, not after inflating the 1 GiB size limit.
#[test]
fn a_gzip_bomb_is_binary_from_its_first_block() {
    let mut gz =
        flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..64 {
        gz.write_all(&zeros).unwrap();
    }
    let member = gz.finish().unwrap();
    // Gzip members one after the other decompress to their
    // concatenation: 32 of 64 MiB.
    let bomb = member.repeat(32);
    assert!(bomb.len() < 4 << 20, "{}", bomb.len());
    let d = Dir::with_small_gazetteer();
    d.write("bomb.txt.gz", &bomb);
    d.write("bomb.html.gz", &bomb);
    for file in ["bomb.txt.gz", "bomb.html.gz"] {
        let started = std::time::Instant::now();
        let run = d.tag_small(&[file]);
        run.code(1);
        assert_eq!(
            run.messages(),
            [format!(
                "gazetag: {file}: binary file (NUL byte at offset 0), \
                 skipped"
            )],
        );
        let took = started.elapsed();
        assert!(took.as_secs() < 20, "{file}: {took:?}");
    }
}

/// The peak memory (VmHWM) of `gazetag -g small_gazetteer.csv --threads 1`
/// on `text`, written to a file, in KiB.
#[cfg(target_os = "linux")]
fn peak_kb(d: &Dir, text: &str) -> u64 {
    d.write("big.txt", text);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_gazetag"))
        .current_dir(d.path())
        .args(["tag", "-g", crate::util::SMALL_GAZETTEER, "-q"])
        .args(["--threads", "1", "big.txt"])
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let status = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    loop {
        if let Ok(s) = std::fs::read_to_string(&status) {
            if let Some(kb) = s
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches(" kB").parse().ok())
            {
                peak = peak.max(kb);
            }
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(child.wait().unwrap().success());
    assert!(peak > 0, "no reading of {status}");
    peak
}

/// The peak memory of `gazetag` does not grow with the size of a plain
/// text document: 32 MB take no more than 4 MB, give or take 12 MB (it
/// used to hold the text and every row: more than the document's size).
#[cfg(target_os = "linux")]
#[test]
fn peak_memory_does_not_grow_with_the_document() {
    // Digits and a name now and then: quick to tag in a debug build.
    let block =
        "1234567 89012 345678 9012 3456\n".repeat(130) + "à Mossoul.\n";
    let d = Dir::with_small_gazetteer();
    let small = peak_kb(&d, &block.repeat((4 << 20) / block.len()));
    let large = peak_kb(&d, &block.repeat((32 << 20) / block.len()));
    assert!(
        large < small + 12 * 1024,
        "peak RSS {} MB for 32 MB, {} MB for 4 MB",
        large / 1024,
        small / 1024
    );
}
