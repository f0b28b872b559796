//! Any bytes through the document decoder (encoding detection, BOMs,
//! Windows-1252 fallback, declared HTML charsets) and the table reader:
//! no panic, errors name the file, and valid UTF-8 comes back unchanged.
#![no_main]

use std::io::{BufRead, Cursor};

use arbitrary::Arbitrary;
use gazetag::input::decode::{
    decode, decode_field, html_declared, table_reader, Reason,
};
use libfuzzer_sys::fuzz_target;

const LABELS: [&str; 6] =
    ["utf-8", "utf-16le", "utf-16be", "windows-1252", "latin1", "shift_jis"];

#[derive(Arbitrary, Debug)]
struct Input {
    bytes: Vec<u8>,
    forced: Option<u8>,
    declared: Option<u8>,
    strict: bool,
}

fn label(i: Option<u8>) -> Option<&'static encoding_rs::Encoding> {
    let l = LABELS[i? as usize % LABELS.len()];
    gazetag::input::decode::parse_label(l)
}

fuzz_target!(|input: Input| {
    let Input { bytes, forced, declared, strict } = input;
    let (forced, declared) = (label(forced), label(declared));
    let _ = html_declared(&bytes);
    match decode("f.txt", bytes.clone(), forced, declared) {
        Ok((text, decoding)) => {
            if decoding.reason == Reason::Valid {
                assert_eq!(text.as_bytes(), &bytes[..], "valid UTF-8 changed");
            }
            let _ = decoding.warning();
            let _ = decoding.to_string();
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(msg.starts_with("f.txt"), "{msg}");
        }
    }
    // The table path: a stream reader, then each line as a field.
    let reader: Box<dyn BufRead + Send> = Box::new(Cursor::new(bytes));
    if let Ok((mut reader, _)) = table_reader(reader, forced) {
        let mut line = Vec::new();
        while let Ok(n) = reader.read_until(b'\n', &mut line) {
            if n == 0 {
                break;
            }
            if let Ok((text, _)) = decode_field(&line, strict) {
                assert!(!strict || text.as_bytes() == &line[..]);
            }
            line.clear();
        }
    }
});
