//! Arbitrary bytes as a gazetteer file: the loader never panics, and every
//! error names the file and says something.
#![no_main]

use gazetag::Loader;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The loader takes text; callers decode with a lossy fallback or
    // refuse the file, so both a lossy and a strict view are fed.
    let text = String::from_utf8_lossy(data);
    let mut loader = Loader::new();
    loader.add_str("f.csv", &text);
    // A second file against the first: duplicate ids, extensions.
    loader.add_str("g.csv", &text);
    let stats = loader.stats().len();
    assert!(stats <= 2, "at most one stats entry per file");
    match loader.finish() {
        Ok(g) => {
            for (_, e) in g.iter() {
                assert!(!e.id.is_empty(), "an entry without id");
            }
        }
        Err(errors) => {
            assert!(!errors.0.is_empty(), "an error list without errors");
            for e in &errors.0 {
                assert!(e.path == "f.csv" || e.path == "g.csv", "{e:?}");
                // `line` is 1-based, or 0 for the whole file.
                let msg = e.kind.to_string();
                assert!(!msg.trim().is_empty(), "an empty message: {e:?}");
                let shown = e.to_string();
                assert!(shown.starts_with(&e.path), "{shown}");
            }
            let _ = errors.to_string();
        }
    }
});
