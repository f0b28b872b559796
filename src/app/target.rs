//! Where `-o`, `--stats` and `gazetteer compile -o` write.
//!
//! A regular file (or a path that does not exist yet) is replaced
//! atomically: the run writes a hidden temporary file beside it and
//! renames it over the target at the end, keeping the target's
//! permissions. A symbolic link is followed and its target replaced. A
//! character device or a FIFO (`/dev/null`, `/dev/stdout` on a pipe, a
//! named pipe) is written straight into, never replaced. Anything else
//! (a folder, a block device, a socket) is refused, and so are a target
//! that is one of the inputs and a read-only file without `--force`.
//! While a temporary file exists it is listed in [`PENDING`], so that
//! the signal handler ([`super::signals`]) can remove it.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{anyhow, bail, Result};

use super::report::shown_path;

/// The temporary files of the run that have not been renamed yet.
pub static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// An output being written.
pub enum Target {
    /// A temporary file renamed over `path` by [`Target::commit`].
    Atomic {
        /// The temporary file.
        tmp: tempfile::NamedTempFile,
        /// The file it replaces (symbolic links resolved).
        path: PathBuf,
    },
    /// A device or FIFO, written as it is.
    Direct(fs::File),
}

/// What is checked before writing to a path.
#[derive(Clone, Copy, Debug, Default)]
pub struct Checks<'a> {
    /// Files the run reads: the target must be none of them.
    pub inputs: &'a [PathBuf],
    /// `--force`: replace a read-only file.
    pub force: bool,
}

impl Target {
    /// Checks that `path` may be written, without opening it (a FIFO
    /// would wait for its reader).
    pub fn check(path: &Path, checks: Checks<'_>) -> Result<()> {
        plan(path, checks).map(drop)
    }

    /// Opens `path` for writing (see the module documentation).
    pub fn open(path: &Path, checks: Checks<'_>) -> Result<Target> {
        let name = shown_path(path);
        match plan(path, checks)? {
            Plan::Stream(resolved) => {
                let file = fs::OpenOptions::new()
                    .write(true)
                    .open(resolved)
                    .map_err(|e| anyhow!("writing {name}: {e}"))?;
                Ok(Target::Direct(file))
            }
            Plan::Replace(resolved, meta) => {
                let tmp = temp_beside(&resolved, meta.as_ref())
                    .map_err(|e| anyhow!("writing {name}: {e}"))?;
                PENDING
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(tmp.path().into());
                Ok(Target::Atomic { tmp, path: resolved })
            }
        }
    }

    /// The writer of the output.
    pub fn writer(&mut self) -> &mut dyn Write {
        match self {
            Target::Atomic { tmp, .. } => tmp,
            Target::Direct(file) => file,
        }
    }

    /// Ends the output: renames the temporary file over the target, or
    /// flushes the device. `name` is the path the user gave.
    pub fn commit(self, name: &Path) -> Result<()> {
        let name = shown_path(name);
        match self {
            Target::Atomic { tmp, path } => {
                // Holding the list while renaming: a signal handler that
                // takes it either sees the temporary file or the result.
                let mut pending =
                    PENDING.lock().unwrap_or_else(|e| e.into_inner());
                let tmp_path = tmp.path().to_path_buf();
                let result = tmp.persist(&path);
                pending.retain(|p| *p != tmp_path);
                drop(pending);
                result.map_err(|e| {
                    anyhow!("writing {name}: {}", plain_io_error(&e.error))
                })?;
            }
            Target::Direct(mut file) => {
                file.flush().map_err(|e| anyhow!("writing {name}: {e}"))?;
            }
        }
        Ok(())
    }
}

/// Removes the temporary files not renamed yet (on a signal); returns
/// how many there were.
pub fn remove_pending() -> usize {
    let pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
    let removed =
        pending.iter().filter(|p| fs::remove_file(p).is_ok()).count();
    // The list stays locked: the process is about to exit, and no
    // rename may start after the files are gone.
    std::mem::forget(pending);
    removed
}

/// How a path is written.
enum Plan {
    /// Straight into this device or FIFO.
    Stream(PathBuf),
    /// By replacing this file, when it exists.
    Replace(PathBuf, Option<fs::Metadata>),
}

fn plan(path: &Path, checks: Checks<'_>) -> Result<Plan> {
    let name = shown_path(path);
    // The kernel follows the links, `/dev/stdout` and its `/proc` link to
    // a pipe included.
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Ok(Plan::Replace(resolve_links(path), None))
        }
        Err(e) => bail!("writing {name}: {e}"),
    };
    match kind_of(&meta) {
        Kind::Regular => {}
        Kind::Stream => return Ok(Plan::Stream(path.to_path_buf())),
        Kind::Other(what) => {
            bail!("writing {name}: it is {what}, not a file")
        }
    }
    let resolved =
        fs::canonicalize(path).unwrap_or_else(|_| resolve_links(path));
    if let Some(input) = same_file(&meta, checks.inputs) {
        bail!(
            "writing {name}: it is also an input ({}); choose another \
             output file",
            shown_path(input)
        );
    }
    if read_only(&meta) && !checks.force {
        bail!("writing {name}: the file is read-only (use --force to replace it)");
    }
    Ok(Plan::Replace(resolved, Some(meta)))
}

enum Kind {
    Regular,
    /// A character device or a FIFO.
    Stream,
    /// Anything else, described.
    Other(&'static str),
}

fn kind_of(meta: &fs::Metadata) -> Kind {
    let ft = meta.file_type();
    if ft.is_file() {
        return Kind::Regular;
    }
    if ft.is_dir() {
        return Kind::Other("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_char_device() || ft.is_fifo() {
            return Kind::Stream;
        }
        if ft.is_block_device() {
            return Kind::Other("a block device");
        }
        if ft.is_socket() {
            return Kind::Other("a socket");
        }
    }
    Kind::Other("not a regular file")
}

/// `path` with its symbolic links followed, as far as they lead (a link
/// to a file that does not exist yet gives that file).
fn resolve_links(path: &Path) -> PathBuf {
    let mut path = path.to_path_buf();
    // As many links as the kernel follows before giving up (ELOOP).
    for _ in 0..40 {
        let is_link = fs::symlink_metadata(&path)
            .is_ok_and(|m| m.file_type().is_symlink());
        if !is_link {
            return path;
        }
        let Ok(target) = fs::read_link(&path) else { return path };
        path = match path.parent() {
            Some(dir) if target.is_relative() => dir.join(target),
            _ => target,
        };
    }
    path
}

/// Whether nobody may write the file by its permission bits (root may
/// write it all the same, so a failed open would not tell).
fn read_only(meta: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.permissions().mode() & 0o222 == 0
    }
    #[cfg(not(unix))]
    {
        meta.permissions().readonly()
    }
}

/// The input that is the same file as `meta`, if any.
fn same_file<'p>(
    meta: &fs::Metadata,
    inputs: &'p [PathBuf],
) -> Option<&'p Path> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        inputs.iter().map(PathBuf::as_path).find(|input| {
            fs::metadata(input)
                .is_ok_and(|m| m.dev() == meta.dev() && m.ino() == meta.ino())
        })
    }
    #[cfg(not(unix))]
    {
        let _ = (meta, inputs);
        None
    }
}

/// A temporary file in the folder of `path`, so that renaming it over
/// `path` is atomic, with the permissions (and, when allowed, the owner)
/// of the file it replaces, or the usual 0644 less the umask.
fn temp_beside(
    path: &Path,
    meta: Option<&fs::Metadata>,
) -> Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".gazetag-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.map_or(0o644, |m| m.permissions().mode() & 0o777);
        builder.permissions(fs::Permissions::from_mode(mode));
    }
    let tmp = builder.tempfile_in(&dir).map_err(|e| {
        anyhow!(
            "creating a temporary file in {}: {}",
            shown_path(&dir),
            plain_io_error(&e)
        )
    })?;
    #[cfg(unix)]
    if let Some(meta) = meta {
        use std::os::unix::fs::MetadataExt;
        // Only root may give a file away; others keep their own.
        let _ = std::os::unix::fs::fchown(
            tmp.as_file(),
            Some(meta.uid()),
            Some(meta.gid()),
        );
    }
    Ok(tmp)
}

/// An I/O error without the path tempfile adds to it (which would name
/// the hidden temporary file).
pub fn plain_io_error(e: &io::Error) -> io::Error {
    match e.raw_os_error() {
        Some(code) => io::Error::from_raw_os_error(code),
        None => io::Error::from(e.kind()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_followed_to_files_yet_to_be() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.csv");
        let link = dir.path().join("link.csv");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("real.csv", &link).unwrap();
            assert_eq!(resolve_links(&link), target);
        }
        assert_eq!(resolve_links(&target), target);
    }
}
