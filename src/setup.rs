//! Which gazetteers a tagger is built from: the embedded set, gazetteer
//! files (`-g`, `--with-default`), a compiled index (`--index`) or a
//! pack (`--pack`).
//!
//! The command line and the Python package both build their tagger here,
//! so that the same options give the same tagger and the same errors. It
//! knows nothing of arguments, inputs or outputs.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::embedded;
use crate::escape::{shown, shown_path};
use crate::{Gazetteer, LoadErrors, Loader, Tagger, TaggerBuilder};

/// Where a tagger's gazetteer comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Gazetteers {
    /// The embedded set, read from the index compiled into the binary.
    Embedded,
    /// Gazetteer files or folders (`-g`), and the embedded set too when
    /// `with_default` is set.
    Files {
        /// The files or folders, in order.
        paths: Vec<PathBuf>,
        /// Load the embedded set first (`--with-default`).
        with_default: bool,
    },
    /// A compiled index file (`--index`).
    Index(PathBuf),
    /// A pack by name (`--pack`), found by [`find_pack`].
    Pack(String),
}

impl Gazetteers {
    /// A tagger with `builder`'s options over these gazetteers. Each
    /// warning of the loader (odd header...) goes to `warn`; a
    /// gazetteer error is a [`LoadErrors`] inside the returned error.
    pub fn tagger(
        &self,
        builder: &TaggerBuilder,
        warn: &mut dyn FnMut(&str),
    ) -> Result<Tagger> {
        match self {
            Gazetteers::Index(path) => tagger_from_index(builder, path, None),
            Gazetteers::Pack(name) => {
                let (path, sources) = find_pack(name)?;
                tagger_from_index(builder, &path, sources)
            }
            Gazetteers::Files { paths, .. } if paths.is_empty() => {
                embedded::tagger(builder).context("building the tagger")
            }
            Gazetteers::Embedded => {
                embedded::tagger(builder).context("building the tagger")
            }
            Gazetteers::Files { paths, with_default } => {
                let gazetteer = load(paths, *with_default, warn)?;
                builder.build(gazetteer).context("building the tagger")
            }
        }
    }
}

/// Reads a compiled index; `sources` is the fingerprint its sources must
/// have, when they are known.
pub fn tagger_from_index(
    builder: &TaggerBuilder,
    path: &Path,
    sources: Option<u64>,
) -> Result<Tagger> {
    let bytes = fs::read(path).with_context(|| {
        format!("reading gazetteer index {}", shown_path(path))
    })?;
    builder
        .build_from_index(&bytes, sources)
        .with_context(|| format!("gazetteer index {}", shown_path(path)))
}

/// Finds pack `name`: `NAME.gzi` in `$GAZETAG_PACKS`, in `packs/` beside
/// the running program, or in `./packs`. When the pack's sources
/// (`NAME.csv` or a folder `NAME/`) lie beside it, their fingerprint must
/// match the index.
pub fn find_pack(name: &str) -> Result<(PathBuf, Option<u64>)> {
    let mut dirs = Vec::new();
    if let Some(d) = std::env::var_os("GAZETAG_PACKS") {
        dirs.push(PathBuf::from(d));
    }
    if let Some(d) = std::env::current_exe()
        .ok()
        .and_then(|e| e.parent().map(Path::to_path_buf))
    {
        dirs.push(d.join("packs"));
    }
    dirs.push(PathBuf::from("packs"));
    for dir in &dirs {
        let index = dir.join(format!("{name}.gzi"));
        if index.is_file() {
            let csv = dir.join(format!("{name}.csv"));
            let folder = dir.join(name);
            let sources = if csv.is_file() {
                Some(sources_fingerprint(&[csv])?)
            } else if folder.is_dir() {
                Some(sources_fingerprint(&[folder])?)
            } else {
                None
            };
            return Ok((index, sources));
        }
    }
    let looked: Vec<String> =
        dirs.iter().map(|d| d.display().to_string()).collect();
    anyhow::bail!(
        "pack {name:?} not found (looked for {name}.gzi in {}); build the world pack with scripts/build_world_pack.sh",
        looked.join(", ")
    )
}

/// The fingerprint of gazetteer files (folders: their `.csv` files,
/// sorted), as recorded in a compiled index.
pub fn sources_fingerprint(paths: &[PathBuf]) -> Result<u64> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut csvs: Vec<PathBuf> = fs::read_dir(path)
                .with_context(|| format!("listing {}", shown_path(path)))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.extension()
                        .is_some_and(|x| x.eq_ignore_ascii_case("csv"))
                })
                .collect();
            csvs.sort();
            files.extend(csvs);
        } else {
            files.push(path.clone());
        }
    }
    // File names, not paths: the same pack read from another folder (or
    // as `./packs/...`) has the same fingerprint.
    let mut contents = Vec::new();
    for f in &files {
        let bytes = fs::read(f)
            .with_context(|| format!("reading {}", shown_path(f)))?;
        let name = f
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        contents.push((name, bytes));
    }
    Ok(crate::sources_fingerprint(
        contents.iter().map(|(n, b)| (n.as_str(), b.as_slice())),
    ))
}

/// The fingerprint recorded in an index of the gazetteer files `paths`
/// (none: the embedded set), with the embedded set when `with_default`.
pub fn user_sources(paths: &[PathBuf], with_default: bool) -> Result<u64> {
    let mut sources = if paths.is_empty() || with_default {
        embedded::sources_fingerprint()
    } else {
        0
    };
    if !paths.is_empty() {
        sources ^= sources_fingerprint(paths)?;
    }
    Ok(sources)
}

/// Loads gazetteer files or folders, after the embedded set when
/// `with_default` is set or no path is given. The loader's warnings go
/// to `warn`, escaped; the error is the loader's [`LoadErrors`], with the
/// file names escaped, in a "loading gazetteers" context.
pub fn load(
    paths: &[PathBuf],
    with_default: bool,
    warn: &mut dyn FnMut(&str),
) -> Result<Gazetteer> {
    let mut loader = Loader::new();
    if paths.is_empty() || with_default {
        add_embedded(&mut loader);
    }
    for path in paths {
        loader.add_path(path);
    }
    for w in loader.warnings() {
        warn(&shown(w));
    }
    loader.finish().map_err(escaped).context("loading gazetteers")
}

/// Gazetteer errors with the control characters of their file names
/// escaped (their line breaks are the list's own).
pub fn escaped(mut errors: LoadErrors) -> LoadErrors {
    for e in &mut errors.0 {
        e.path = shown(&e.path).into_owned();
    }
    errors
}

/// Adds the embedded gazetteer files to `loader`.
pub fn add_embedded(loader: &mut Loader) {
    for (name, text) in embedded::FILES {
        loader.add_str(name, text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gazetteer_error_is_load_errors_with_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.csv");
        fs::write(&path, "id,type,name\nx,TOWN,Somewhere\n").unwrap();
        let source =
            Gazetteers::Files { paths: vec![path], with_default: false };
        let err = source
            .tagger(&Tagger::builder(), &mut |_| {})
            .expect_err("TOWN is not a type");
        assert_eq!(err.to_string(), "loading gazetteers");
        let errors = err.downcast_ref::<LoadErrors>().expect("LoadErrors");
        assert_eq!(errors.0[0].line, 2);
        assert!(errors.0[0].path.ends_with("bad.csv"));
    }

    #[test]
    fn no_path_is_the_embedded_set() {
        let files = Gazetteers::Files { paths: vec![], with_default: false };
        let a = files.tagger(&Tagger::builder(), &mut |_| {}).unwrap();
        let b = Gazetteers::Embedded
            .tagger(&Tagger::builder(), &mut |_| {})
            .unwrap();
        assert_eq!(a.gazetteer().len(), b.gazetteer().len());
    }
}
