//! The cache of compiled user gazetteers: `tag -g FILE` compiles the
//! files into an index once, under the user's cache folder
//! (`$XDG_CACHE_HOME/gazetag`, else `~/.cache/gazetag` on Linux, the
//! platform's cache folder elsewhere), and later runs load that index as
//! they load a pack, without parsing the CSV or building the automaton.
//!
//! An entry is named by a fingerprint of everything its contents depend
//! on: the gazetteer files' names and bytes, whether the embedded set is
//! added, the matching rules' version, and the binary (its version, size
//! and modification time, so that a rebuilt binary never reads an entry
//! of another build). The index header records the sources' fingerprint
//! and is checksummed, so an entry that is damaged or stale is rebuilt,
//! never used. A cache that cannot be read or written is a note: the run
//! goes on with the gazetteers loaded from their files.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use anyhow::{Context, Result};
use gazetag::setup;
use gazetag::{Gazetteer, Tagger, TaggerBuilder};

use super::report::{shown_path, Report};

/// The cache folder, when the platform has one: `$XDG_CACHE_HOME/gazetag`
/// and the like.
pub fn folder() -> Option<PathBuf> {
    dirs::cache_dir().map(|d| d.join("gazetag"))
}

/// A tagger over the gazetteer files `paths` (with the embedded set when
/// `with_default`): through the cache in `folder`, or loaded and built
/// as they are without one (`--no-cache`). The loader's warnings are
/// shown in both cases.
pub fn files_tagger(
    builder: &TaggerBuilder,
    paths: &[PathBuf],
    with_default: bool,
    folder: Option<&Path>,
    report: &mut Report,
) -> Result<Tagger> {
    let load = || {
        let mut warnings = Vec::new();
        let loaded = setup::load(paths, with_default, &mut |w| {
            warnings.push(w.to_string());
        });
        match loaded {
            Ok(gazetteer) => Ok((gazetteer, warnings)),
            Err(e) => {
                // Shown before the errors, as they would be without them.
                show(&warnings);
                Err(e)
            }
        }
    };
    let (tagger, warnings) = match folder {
        Some(folder) => {
            let sources = setup::user_sources(paths, with_default)?;
            tagger(builder, folder, sources, with_default, load, report)?
        }
        None => {
            let (gazetteer, warnings) = load()?;
            let tagger =
                builder.build(gazetteer).context("building the tagger")?;
            (tagger, warnings)
        }
    };
    show(&warnings);
    Ok(tagger)
}

fn show(warnings: &[String]) {
    for w in warnings {
        eprintln!("gazetag: warning: {w}");
    }
}

/// A tagger over gazetteer files whose fingerprint (as recorded in an
/// index) is `sources`, with the embedded set when `with_default`: from
/// the cache entry of these files when there is a sound one, else loaded
/// with `load` (which gives the gazetteer and the loader's warnings) and
/// compiled into a new entry. The warnings are kept beside the entry and
/// returned on every run, so that they are not seen once only.
fn tagger(
    builder: &TaggerBuilder,
    folder: &Path,
    sources: u64,
    with_default: bool,
    load: impl FnOnce() -> Result<(Gazetteer, Vec<String>)>,
    report: &mut Report,
) -> Result<(Tagger, Vec<String>)> {
    let name = format!("{:016x}", entry_key(sources, with_default));
    let path = folder.join(format!("{name}.gzi"));
    let warnings_path = folder.join(format!("{name}.warnings"));
    match fs::read(&path) {
        Ok(bytes) => match builder.build_from_index(&bytes, Some(sources)) {
            Ok(tagger) => {
                report.info(&format!(
                    "gazetteers loaded from the cache ({})",
                    shown_path(&path)
                ));
                let warnings: Vec<String> = fs::read_to_string(&warnings_path)
                    .map(|w| w.lines().map(str::to_string).collect())
                    .unwrap_or_default();
                return Ok((tagger, warnings));
            }
            Err(e) => report.note(&format!(
                "the cached gazetteer index {} is unusable ({e}): rebuilding it",
                shown_path(&path)
            )),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => report.note(&format!(
            "could not read the gazetteer cache {}: {e}",
            shown_path(&path)
        )),
    }
    let (gazetteer, warnings) = load()?;
    let index = gazetag::compile_index(&gazetteer, true, sources)
        .context("building the matcher")?;
    drop(gazetteer);
    let tagger = builder
        .build_from_index(&index.bytes, Some(sources))
        .context("reading back the compiled gazetteers")?;
    // The warnings first: an entry is never found without them.
    let text: String = warnings.iter().map(|w| format!("{w}\n")).collect();
    let stored = store(folder, &warnings_path, text.as_bytes())
        .and_then(|()| store(folder, &path, &index.bytes));
    match stored {
        Ok(()) => report.info(&format!(
            "gazetteers compiled into the cache ({})",
            shown_path(&path)
        )),
        Err(e) => report.note(&format!(
            "could not write the gazetteer cache (--no-cache turns it off): {e:#}"
        )),
    }
    Ok((tagger, warnings))
}

/// Writes an entry atomically: a temporary file in the cache folder,
/// renamed over the entry, so that a concurrent run reads a whole entry
/// or none.
fn store(folder: &Path, path: &Path, bytes: &[u8]) -> Result<()> {
    fs::create_dir_all(folder)
        .with_context(|| format!("creating {}", shown_path(folder)))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".entry-")
        .tempfile_in(folder)
        .with_context(|| {
            format!("creating a file in {}", shown_path(folder))
        })?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_data())
        .with_context(|| format!("writing {}", shown_path(tmp.path())))?;
    tmp.persist(path)
        .with_context(|| format!("writing {}", shown_path(path)))?;
    Ok(())
}

/// The name of the entry for these sources: what the compiled index
/// depends on, hashed.
fn entry_key(sources: u64, with_default: bool) -> u64 {
    let binary = binary_identity();
    let parts: [(&str, &[u8]); 5] = [
        ("sources", &sources.to_le_bytes()),
        ("with-default", &[u8::from(with_default)]),
        ("rules", &gazetag::RULES_VERSION.to_le_bytes()),
        ("version", env!("CARGO_PKG_VERSION").as_bytes()),
        ("binary", &binary),
    ];
    gazetag::sources_fingerprint(parts)
}

/// The running binary's size and modification time (zeros when unknown).
fn binary_identity() -> [u8; 16] {
    let meta = std::env::current_exe().and_then(fs::metadata).ok();
    let len = meta.as_ref().map_or(0, fs::Metadata::len);
    let modified = meta
        .and_then(|m| m.modified().ok())
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64);
    let mut out = [0u8; 16];
    out[..8].copy_from_slice(&len.to_le_bytes());
    out[8..].copy_from_slice(&modified.to_le_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::entry_key;

    #[test]
    fn entries_differ_by_sources_and_default_set() {
        let a = entry_key(1, false);
        assert_eq!(a, entry_key(1, false));
        assert_ne!(a, entry_key(2, false));
        assert_ne!(a, entry_key(1, true));
    }
}
