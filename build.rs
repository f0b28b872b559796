//! Embeds every `gazetteers/*.csv` file into the binary, and their compiled
//! index, built with the engine's own loader, matcher and index writer, so
//! that start-up builds no automaton.

use std::env;
use std::fs;
use std::path::PathBuf;

use gazetag_core::{compile_index, sources_fingerprint, Loader};

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let dir = root.join("gazetteers");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "csv"));
    files.sort();
    let mut code = String::from(
        "/// Every default gazetteer file: `(file name, contents)`.\n\
         pub static FILES: &[(&str, &str)] = &[\n",
    );
    let mut loader = Loader::new();
    let mut sources = Vec::new();
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = format!(
            "gazetteers/{}",
            path.file_name().unwrap().to_string_lossy()
        );
        let text =
            fs::read_to_string(path).unwrap_or_else(|e| panic!("{name}: {e}"));
        loader.add_str(&name, &text);
        code.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
        sources.push((name, text));
    }
    code.push_str("];\n");
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    fs::write(out.join("embedded_gazetteers.rs"), code).unwrap();

    let g = match loader.finish() {
        Ok(g) => g,
        Err(errors) => panic!("the default gazetteers do not load:\n{errors}"),
    };
    let fingerprint = sources_fingerprint(
        sources.iter().map(|(n, t)| (n.as_str(), t.as_bytes())),
    );
    let index = compile_index(&g, true, fingerprint)
        .expect("the default gazetteers build a matcher");
    fs::write(out.join("default.gzi"), index.bytes).unwrap();
}
