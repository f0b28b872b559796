//! The shape of the engine, checked on its sources: modules import each
//! other one way only, the resolver's stages stay small, the build script
//! uses the engine as a crate, and the core's public API is its root.
//! (CONTRIBUTING.md draws the map these tests keep true.)

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn core_src() -> PathBuf {
    repo().join("crates/gazetag-core/src")
}

/// Every `.rs` file below `dir`, with its path relative to `dir`.
fn rust_files(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(dir) {
        let e = e.expect("walking the sources");
        if e.path().extension().is_some_and(|x| x == "rs") {
            let rel = e.path().strip_prefix(dir).unwrap();
            let text = fs::read_to_string(e.path()).expect("UTF-8 source");
            out.push((rel.to_string_lossy().replace('\\', "/"), text));
        }
    }
    out.sort();
    out
}

/// The source without its unit-test module.
fn without_tests(text: &str) -> &str {
    text.find("#[cfg(test)]\nmod tests").map_or(text, |i| &text[..i])
}

/// The top-level module a file belongs to (`resolve/case.rs` → `resolve`).
fn module_of(rel: &str) -> &str {
    let first = rel.split('/').next().unwrap();
    first.strip_suffix(".rs").unwrap_or(first)
}

/// Which top-level modules each module names with `crate::`.
fn import_graph(
    files: &[(String, String)],
) -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (rel, text) in files {
        let module = module_of(rel);
        if module == "lib" {
            continue;
        }
        let deps = graph.entry(module.to_string()).or_default();
        let code = without_tests(text);
        for (i, _) in code.match_indices("crate::") {
            let name: String = code[i + 7..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            if !name.is_empty() && name != module {
                deps.insert(name);
            }
        }
    }
    graph
}

/// A cycle of the graph, if any.
fn find_cycle(
    graph: &BTreeMap<String, BTreeSet<String>>,
) -> Option<Vec<String>> {
    fn visit(
        graph: &BTreeMap<String, BTreeSet<String>>,
        node: &str,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(c) = visit(graph, next, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|n| visit(graph, n, &mut Vec::new(), &mut done))
}

#[test]
fn core_modules_import_one_way() {
    let graph = import_graph(&rust_files(&core_src()));
    assert!(graph.len() >= 10, "modules found: {graph:?}");
    assert_eq!(find_cycle(&graph), None, "import cycle in gazetag-core");
    // The resolver and disambiguation never import each other or the
    // tagger that calls them.
    for (module, banned) in [
        ("resolve", &["disambiguate", "tagger"][..]),
        ("disambiguate", &["resolve", "tagger"][..]),
        ("mention", &["resolve", "disambiguate", "tagger"][..]),
        ("matcher", &["resolve", "disambiguate", "tagger", "index"][..]),
    ] {
        for b in banned {
            assert!(!graph[module].contains(*b), "{module} imports {b}");
        }
    }
}

#[test]
fn the_cycle_finder_finds_cycles() {
    let graph = |edges: &[(&str, &str)]| {
        let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (a, b) in edges {
            g.entry(a.to_string()).or_default().insert(b.to_string());
            g.entry(b.to_string()).or_default();
        }
        g
    };
    assert_eq!(find_cycle(&graph(&[("a", "b"), ("b", "c")])), None);
    assert!(
        find_cycle(&graph(&[("a", "b"), ("b", "c"), ("c", "a")])).is_some()
    );
    let files = vec![
        ("x.rs".to_string(), "use crate::y::A;".to_string()),
        ("y/mod.rs".to_string(), "use crate::x::B;".to_string()),
    ];
    assert!(find_cycle(&import_graph(&files)).is_some());
}

/// The length in lines of every function of `text`: from a line that
/// starts a `fn` to the line that closes it at the same indentation.
fn function_lengths(text: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let is_fn = ["fn ", "pub fn ", "pub(super) fn ", "pub(crate) fn "]
            .iter()
            .any(|p| trimmed.starts_with(p));
        if !is_fn || trimmed.ends_with(';') {
            continue;
        }
        let close = format!("{}}}", " ".repeat(indent));
        if let Some(end) = lines[i..].iter().position(|l| *l == close) {
            out.push((trimmed.to_string(), end + 1));
        }
    }
    out
}

#[test]
fn resolver_functions_are_short() {
    let files = rust_files(&core_src().join("resolve"));
    assert!(files.len() >= 8, "resolve/ holds one file per stage");
    let mut seen = 0;
    for (rel, text) in &files {
        for (name, len) in function_lengths(text) {
            seen += 1;
            assert!(len <= 120, "resolve/{rel}: {name} is {len} lines");
        }
    }
    assert!(seen > 20, "functions found: {seen}");
    let long = format!("fn f() {{\n{}}}\n", "    x();\n".repeat(130));
    assert_eq!(function_lengths(&long)[0].1, 132);
}

#[test]
fn the_build_script_uses_the_engine_as_a_crate() {
    let build = fs::read_to_string(repo().join("build.rs")).unwrap();
    assert!(!build.contains("#[path"), "build.rs includes modules by path");
    assert!(build.contains("use gazetag_core::"));
}

#[test]
fn the_core_api_is_its_root() {
    let lib = fs::read_to_string(core_src().join("lib.rs")).unwrap();
    let lines: Vec<&str> = lib.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with("pub mod ") {
            assert_eq!(
                lines[i - 1],
                "#[doc(hidden)]",
                "a public module of gazetag-core: {line}"
            );
        }
    }
}
