//! Which files the paths the user gave stand for.
//!
//! A file is taken as given; `-` is standard input; a folder is walked
//! recursively in path order, keeping the files that `--glob` matches (by
//! default, the extensions of the input kind), skipping hidden files and
//! folders with a note, and so are the FIFOs, devices and sockets found in
//! a folder (a FIFO named on the command line is read). Knows nothing of
//! file contents.

use std::io;
use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobMatcher};

use super::{InputError, InputErrorKind, InputKind, Source};

/// One entry of the expanded list, in order.
#[derive(Debug)]
pub enum Listed {
    /// A document source.
    Source(Source),
    /// A path that could not be listed.
    Error(InputError),
    /// Something skipped, with the reason.
    Note(String),
}

/// Which files of a folder are inputs.
#[derive(Clone, Debug)]
pub struct Filter {
    glob: Option<GlobMatcher>,
    /// Whether the glob has a `/`, so matches the path below the folder
    /// rather than the file name.
    glob_path: bool,
    kind: InputKind,
    /// With [`InputKind::Auto`], the table kinds whose text column is
    /// named: a folder then gives its tables of those kinds.
    tables: (bool, bool),
}

impl Filter {
    /// A filter for `kind`, or for `glob` (`*.html`, `2024/**/*.txt`) when
    /// given.
    pub fn new(
        glob: Option<&str>,
        kind: InputKind,
    ) -> Result<Filter, globset::Error> {
        let glob_path = glob.is_some_and(|g| g.contains('/'));
        let glob = glob
            .map(|g| GlobBuilder::new(g).literal_separator(true).build())
            .transpose()?
            .map(|g| g.compile_matcher());
        Ok(Filter { glob, glob_path, kind, tables: (false, false) })
    }

    /// With [`InputKind::Auto`] and a named text column (`--text-column`
    /// for CSV, `--text-field` for JSON lines), a folder gives the tables
    /// of that kind instead of its text and HTML files.
    pub fn tables(mut self, csv: bool, jsonl: bool) -> Filter {
        self.tables = (csv, jsonl);
        self
    }

    /// Whether `path` (found under `root`) is an input.
    pub fn accepts(&self, root: &Path, path: &Path) -> bool {
        match &self.glob {
            Some(glob) if self.glob_path => {
                glob.is_match(path.strip_prefix(root).unwrap_or(path))
            }
            Some(glob) => path.file_name().is_some_and(|n| glob.is_match(n)),
            None => {
                let ext = super::extension(path);
                let exts: &[&str] = match (self.kind, self.tables) {
                    (InputKind::Auto, (true, true)) => {
                        &["csv", "jsonl", "ndjson"]
                    }
                    (InputKind::Auto, (true, false)) => &["csv"],
                    (InputKind::Auto, (false, true)) => &["jsonl", "ndjson"],
                    (InputKind::Auto, _) => &["txt", "text", "html", "htm"],
                    (InputKind::Text, _) => &["txt", "text"],
                    (InputKind::Html, _) => &["html", "htm"],
                    (InputKind::Csv, _) => &["csv"],
                    (InputKind::Jsonl, _) => &["jsonl", "ndjson"],
                };
                exts.iter().any(|e| ext.eq_ignore_ascii_case(e))
            }
        }
    }
}

/// Expands the paths the user gave, in order; no path means stdin.
pub fn expand(paths: &[PathBuf], filter: &Filter) -> Vec<Listed> {
    if paths.is_empty() {
        return vec![Listed::Source(Source::Stdin)];
    }
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            out.push(Listed::Source(Source::Stdin));
        } else if path.is_dir() {
            walk(path, filter, &mut out);
        } else {
            out.push(Listed::Source(Source::Path(path.clone())));
        }
    }
    out
}

/// What a file that is neither a folder nor a regular file is.
fn special_kind(ft: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a FIFO";
        }
        if ft.is_char_device() || ft.is_block_device() {
            return "a device";
        }
        if ft.is_socket() {
            return "a socket";
        }
    }
    let _ = ft;
    "not a regular file"
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

fn walk(dir: &Path, filter: &Filter, out: &mut Vec<Listed>) {
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_dir() => {
                note_hidden_children(e.path(), filter, dir, out);
            }
            Ok(e) if !filter.accepts(dir, e.path()) => {}
            Ok(e) if e.file_type().is_file() => {
                out.push(Listed::Source(Source::Path(e.into_path())));
            }
            Ok(e) => {
                // A FIFO would wait for a writer for ever, a device never
                // end: only read when named on the command line.
                out.push(Listed::Note(format!(
                    "{}: {}, skipped (name it on the command line to read \
                     it)",
                    e.path().display(),
                    special_kind(&e.file_type())
                )));
            }
            Err(err) => {
                let path = err.path().unwrap_or(dir).display().to_string();
                let source = err
                    .into_io_error()
                    .unwrap_or_else(|| io::Error::other("file system loop"));
                out.push(Listed::Error(InputError::new(
                    path,
                    InputErrorKind::Io(source),
                )));
            }
        }
    }
}

/// Notes the hidden entries of `dir` that would otherwise be inputs
/// (hidden files that match, and hidden folders), in name order.
fn note_hidden_children(
    dir: &Path,
    filter: &Filter,
    root: &Path,
    out: &mut Vec<Listed>,
) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut hidden: Vec<(PathBuf, bool)> = entries
        .filter_map(Result::ok)
        .filter(|e| is_hidden(&e.file_name()))
        .map(|e| {
            let is_dir = e.path().is_dir();
            (e.path(), is_dir)
        })
        .filter(|(p, is_dir)| *is_dir || filter.accepts(root, p))
        .collect();
    hidden.sort();
    for (path, is_dir) in hidden {
        let what = if is_dir { "hidden folder" } else { "hidden file" };
        out.push(Listed::Note(format!("{}: {what}, skipped", path.display())));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_filters_follow_the_input_kind() {
        let root = Path::new("d");
        let auto = Filter::new(None, InputKind::Auto).unwrap();
        for (path, want) in [
            ("d/a.txt", true),
            ("d/a.TXT", true),
            ("d/a.html", true),
            ("d/a.htm.gz", true),
            ("d/a.txt.gz", true),
            ("d/a.csv", false),
            ("d/a.md", false),
            ("d/a", false),
        ] {
            assert_eq!(auto.accepts(root, Path::new(path)), want, "{path}");
        }
        let csv = Filter::new(None, InputKind::Csv).unwrap();
        assert!(csv.accepts(root, Path::new("d/x.csv")));
        assert!(!csv.accepts(root, Path::new("d/x.txt")));
        let jsonl =
            Filter::new(None, InputKind::Auto).unwrap().tables(false, true);
        assert!(jsonl.accepts(root, Path::new("d/x.jsonl")));
        assert!(jsonl.accepts(root, Path::new("d/x.ndjson.gz")));
        assert!(!jsonl.accepts(root, Path::new("d/x.txt")));
        assert!(!jsonl.accepts(root, Path::new("d/x.csv")));
    }

    #[test]
    fn globs_match_names_or_paths_below_the_folder() {
        let root = Path::new("d");
        let html = Filter::new(Some("*.html"), InputKind::Auto).unwrap();
        assert!(html.accepts(root, Path::new("d/sub/a.html")));
        assert!(!html.accepts(root, Path::new("d/sub/a.txt")));
        let sub = Filter::new(Some("2024/*.txt"), InputKind::Auto).unwrap();
        assert!(sub.accepts(root, Path::new("d/2024/a.txt")));
        assert!(!sub.accepts(root, Path::new("d/2023/a.txt")));
        assert!(Filter::new(Some("a[b"), InputKind::Auto).is_err());
    }
}
