//! Turning paths and standard input into documents.
//!
//! This module owns [`Source`] (a path or stdin), the expansion of folders
//! into their `.txt` files, and [`read`], which loads bytes, refuses binary
//! data and invalid UTF-8 with an error that names the file and the line,
//! and caps the size of a document. It knows nothing of matching.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// The largest document accepted, in bytes (offsets are kept as `u32`).
pub const MAX_DOCUMENT_BYTES: u64 = 1 << 30;

/// A text to tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// The name written in the `doc` column: the path as given, or `-`.
    pub id: String,
    /// The text, exactly as read (a leading BOM is kept, so offsets count
    /// it as a file reader that does not strip it would).
    pub text: String,
}

/// Where a document comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// Standard input, named `-`.
    Stdin,
    /// A file.
    Path(PathBuf),
}

impl Source {
    /// The name used in output and messages.
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "-".to_string(),
            Source::Path(p) => p.display().to_string(),
        }
    }
}

/// Why a document could not be read.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The path does not exist, cannot be opened, or a read failed.
    #[error("{path}: {source}")]
    Io {
        /// The path as given.
        path: String,
        /// The cause.
        source: io::Error,
    },
    /// A NUL byte: this is not text.
    #[error("{path}: binary file (NUL byte at offset {offset}), skipped")]
    Binary {
        /// The path as given.
        path: String,
        /// Where the first NUL byte is.
        offset: usize,
    },
    /// Bytes that are not UTF-8.
    #[error("{path}:{line}: invalid UTF-8 at byte offset {offset} (the file must be UTF-8)")]
    InvalidUtf8 {
        /// The path as given.
        path: String,
        /// The 1-based line of the first bad byte.
        line: usize,
        /// Its byte offset.
        offset: usize,
    },
    /// Larger than [`MAX_DOCUMENT_BYTES`].
    #[error("{path}: document of {size} bytes is larger than the limit of {limit} bytes")]
    TooLarge {
        /// The path as given.
        path: String,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
}

impl InputError {
    /// A copy of the error that keeps its message (I/O causes are not
    /// `Clone`).
    pub fn clone_message(&self) -> InputError {
        match self {
            InputError::Io { path, source } => InputError::Io {
                path: path.clone(),
                source: io::Error::new(source.kind(), source.to_string()),
            },
            InputError::Binary { path, offset } => {
                InputError::Binary { path: path.clone(), offset: *offset }
            }
            InputError::InvalidUtf8 { path, line, offset } => {
                InputError::InvalidUtf8 {
                    path: path.clone(),
                    line: *line,
                    offset: *offset,
                }
            }
            InputError::TooLarge { path, size, limit } => {
                InputError::TooLarge {
                    path: path.clone(),
                    size: *size,
                    limit: *limit,
                }
            }
        }
    }
}

/// Expands the paths the user gave into sources, in order: a folder
/// becomes its `.txt` files (recursively, sorted by path), `-` is stdin,
/// and no path at all means stdin. Paths that cannot be listed are
/// returned as errors, in the same order as the sources around them.
pub fn expand(paths: &[PathBuf]) -> Vec<Result<Source, InputError>> {
    if paths.is_empty() {
        return vec![Ok(Source::Stdin)];
    }
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            out.push(Ok(Source::Stdin));
        } else if path.is_dir() {
            walk(path, &mut out);
        } else {
            out.push(Ok(Source::Path(path.clone())));
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<Result<Source, InputError>>) {
    let walker =
        walkdir::WalkDir::new(dir).follow_links(true).sort_by_file_name();
    for entry in walker {
        match entry {
            Ok(e) => {
                let is_txt = e
                    .path()
                    .extension()
                    .is_some_and(|x| x.eq_ignore_ascii_case("txt"));
                if e.file_type().is_file() && is_txt {
                    out.push(Ok(Source::Path(e.into_path())));
                }
            }
            Err(err) => {
                let path = err.path().unwrap_or(dir).display().to_string();
                let source = err
                    .into_io_error()
                    .unwrap_or_else(|| io::Error::other("file system loop"));
                out.push(Err(InputError::Io { path, source }));
            }
        }
    }
}

/// Reads one source into a document.
pub fn read(source: &Source) -> Result<Document, InputError> {
    let name = source.name();
    let io_err = |source| InputError::Io { path: name.clone(), source };
    let bytes = match source {
        Source::Stdin => read_capped(io::stdin().lock(), &name)?,
        Source::Path(p) => {
            let file = fs::File::open(p).map_err(io_err)?;
            let meta = file.metadata().map_err(io_err)?;
            if meta.is_dir() {
                return Err(io_err(io::Error::other("is a directory")));
            }
            read_capped(file, &name)?
        }
    };
    let text = decode(&name, bytes)?;
    Ok(Document { id: name, text })
}

fn read_capped(reader: impl Read, name: &str) -> Result<Vec<u8>, InputError> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_DOCUMENT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| InputError::Io { path: name.to_string(), source })?;
    if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(InputError::TooLarge {
            path: name.to_string(),
            size: bytes.len() as u64,
            limit: MAX_DOCUMENT_BYTES,
        });
    }
    Ok(bytes)
}

/// Checks that `bytes` are UTF-8 text and returns them as a string.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<String, InputError> {
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(InputError::Binary { path: name.to_string(), offset });
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let line =
            1 + e.as_bytes()[..offset].iter().filter(|&&b| b == b'\n').count();
        InputError::InvalidUtf8 { path: name.to_string(), line, offset }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_rules() {
        assert_eq!(decode("a", b"Irak".to_vec()).unwrap(), "Irak");
        assert_eq!(decode("a", Vec::new()).unwrap(), "");
        let bom = decode("a", "\u{FEFF}Irak".as_bytes().to_vec()).unwrap();
        assert_eq!(bom, "\u{FEFF}Irak");
        let e =
            decode("a.txt", b"ok\nok\nbad \xff here".to_vec()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "a.txt:3: invalid UTF-8 at byte offset 10 (the file must be UTF-8)"
        );
        let e =
            decode("b.png", b"\x89PNG\r\n\x1a\n\0\0".to_vec()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "b.png: binary file (NUL byte at offset 8), skipped"
        );
    }

    #[test]
    fn no_path_means_stdin() {
        let sources: Vec<Source> =
            expand(&[]).into_iter().map(Result::unwrap).collect();
        assert_eq!(sources, [Source::Stdin]);
        let dash = expand(&[PathBuf::from("-")]);
        assert_eq!(
            dash.into_iter().map(Result::unwrap).collect::<Vec<_>>(),
            [Source::Stdin]
        );
    }
}
