//! Turning paths and standard input into documents.
//!
//! This module owns [`Source`] (a path or stdin), the expansion of folders
//! ([`paths`]), and [`Reader`], which turns sources into a stream of
//! [`Event`]s: documents, errors naming the input, and notes. Each input
//! format has its own module: plain text, HTML pages ([`html`]), and tables
//! of articles, CSV or JSON lines ([`table`]); the bytes are decoded by
//! [`decode`] (UTF-8, UTF-16 with a byte order mark, Windows-1252 as the
//! fallback), after gzip decompression when the data is gzipped. Memory is
//! bounded by the largest document or table row, except that plain text
//! larger than [`text::WHOLE`] can be read piece by piece
//! ([`ReadOptions::stream`]). It knows nothing of matching.

pub mod decode;
pub mod html;
pub mod paths;
pub mod table;
pub mod text;

use std::collections::VecDeque;
use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use encoding_rs::Encoding;

pub use decode::Decoding;
pub use paths::{expand, Filter, Listed};
pub use table::Columns;

/// The largest document accepted, in bytes (offsets are kept as `u32`).
pub const MAX_DOCUMENT_BYTES: u64 = 1 << 30;

/// A text to tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// The name written in the `doc` column: the path as given, `-`, the
    /// id column of a table row, or `file:row`.
    pub id: String,
    /// The text: as decoded for text files (a leading UTF-8 BOM is kept,
    /// so offsets count it as a reader that does not strip it would), the
    /// extracted text for HTML pages, the text cell for table rows.
    pub text: String,
    /// The values of the kept columns (`--keep-columns`), in their order;
    /// empty strings for documents that have none.
    pub columns: Vec<String>,
    /// How the bytes were decoded.
    pub decoding: Decoding,
}

/// What kind of input a source holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    /// By extension: `.html`/`.htm` are HTML, `.csv` and `.jsonl` tables
    /// when their text column is named, anything else text.
    Auto,
    /// Plain text.
    Text,
    /// A HTML page.
    Html,
    /// A CSV table, one article per row.
    Csv,
    /// JSON lines, one article per line.
    Jsonl,
}

/// How to read inputs.
#[derive(Clone, Debug)]
pub struct ReadOptions {
    /// The kind of every input, or [`InputKind::Auto`].
    pub kind: InputKind,
    /// `--encoding`: decode every input with this encoding.
    pub encoding: Option<&'static Encoding>,
    /// The columns of CSV tables (`text` empty when not given).
    pub csv: Columns,
    /// The fields of JSON lines (`text` empty when not given).
    pub jsonl: Columns,
    /// Columns or fields of tables to carry into the output.
    pub keep: Vec<String>,
    /// `--input-delimiter`: the delimiter of CSV tables (sniffed from
    /// each header line when `None`).
    pub delimiter: Option<u8>,
    /// Read plain text larger than [`text::WHOLE`] bytes piece by piece
    /// ([`Event::Begin`]) instead of as one [`Event::Document`].
    pub stream: bool,
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            kind: InputKind::Auto,
            encoding: None,
            csv: Columns::default(),
            jsonl: Columns::default(),
            keep: Vec::new(),
            delimiter: None,
            stream: false,
        }
    }
}

/// What reading the inputs produces, in input order.
#[derive(Debug)]
pub enum Event {
    /// A document to tag.
    Document(Document),
    /// A plain-text document read piece by piece (see
    /// [`ReadOptions::stream`]): its text is `Text` events, up to
    /// [`Event::End`], or an [`Event::Error`] when reading it failed
    /// half-way. Its `text` is empty.
    Begin(Document),
    /// The next piece of the text of the document begun.
    Text(String),
    /// The end of the document begun.
    End,
    /// An input (or a table row) that could not be read.
    Error(InputError),
    /// Something the user should know: a fallback decoding, a skipped
    /// hidden file.
    Note(String),
    /// Detail for `--verbose`: the decoding of each input.
    Info(String),
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

/// Why a document could not be read: which input, and what went wrong.
#[derive(Debug)]
pub struct InputError {
    /// The path as given (`-` for standard input), with the row or line
    /// (`file.csv:12`) when the error is about one row of a table.
    pub path: String,
    /// What went wrong.
    pub kind: InputErrorKind,
}

impl InputError {
    /// An error of input `path`.
    pub fn new(path: impl Into<String>, kind: InputErrorKind) -> InputError {
        InputError { path: path.into(), kind }
    }
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.kind {
            InputErrorKind::InvalidUtf8 { line, .. } => {
                write!(f, "{}:{line}: {}", self.path, self.kind)
            }
            _ => write!(f, "{}: {}", self.path, self.kind),
        }
    }
}

impl std::error::Error for InputError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            InputErrorKind::Io(e) => Some(e),
            _ => None,
        }
    }
}

/// What went wrong with an input.
#[derive(Debug, thiserror::Error)]
pub enum InputErrorKind {
    /// The path does not exist, cannot be opened, or a read failed.
    #[error("{0}")]
    Io(io::Error),
    /// A NUL byte: this is not text.
    #[error("binary file (NUL byte at offset {offset}), skipped")]
    Binary {
        /// Where the first NUL byte is.
        offset: usize,
    },
    /// Bytes that are not UTF-8.
    #[error("invalid UTF-8 at byte offset {offset} (the file must be UTF-8)")]
    InvalidUtf8 {
        /// The 1-based line of the first bad byte.
        line: usize,
        /// Its byte offset.
        offset: usize,
    },
    /// Larger than [`MAX_DOCUMENT_BYTES`].
    #[error(
        "document of {size} bytes is larger than the limit of {limit} bytes"
    )]
    TooLarge {
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// A CSV table whose header cannot be read.
    #[error("reading the header: {0}")]
    Header(String),
    /// A CSV table without a column that was asked for.
    #[error(
        "no column {column:?} (the header has: {}) read with delimiter {}{}",
        header.join(", "),
        table::delimiter_name(*delimiter),
        hint.map_or(String::new(), |d| format!(
            "; the header seems to use {} (try --input-delimiter {})",
            table::delimiter_name(d),
            table::delimiter_name(d)
        ))
    )]
    NoColumn {
        /// The column asked for.
        column: String,
        /// The columns of the header.
        header: Vec<String>,
        /// The delimiter the header was split with.
        delimiter: u8,
        /// Another delimiter the header holds, likely the right one.
        hint: Option<u8>,
    },
    /// A CSV row that cannot be read.
    #[error("{0}")]
    Row(String),
    /// A JSON line that is not a JSON object.
    #[error("not a JSON object: {0}")]
    NotJson(String),
    /// A JSON line without the text field.
    #[error("no field {0:?}")]
    NoField(String),
    /// A JSON line whose text field is not a string.
    #[error("field {field:?} is not a string: {found}")]
    NotString {
        /// The field.
        field: String,
        /// What it is instead (`a number`, `an object`...).
        found: &'static str,
    },
}

/// The extension of `path` that says its kind, a `.gz` suffix aside
/// (`a.html.gz` is `html`); empty when there is none.
pub fn extension(path: &Path) -> String {
    // A name that is not UTF-8 (`bad\xff.txt`) still has its extension.
    let lossy =
        path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    let name: &str = &lossy;
    let name = match name.len().checked_sub(3) {
        Some(at)
            if name.is_char_boundary(at)
                && name[at..].eq_ignore_ascii_case(".gz") =>
        {
            &name[..at]
        }
        _ => name,
    };
    match name.rfind('.') {
        Some(at) if at > 0 => name[at + 1..].to_string(),
        _ => String::new(),
    }
}

impl ReadOptions {
    /// The kind of `source`. A named text column is never ignored: with
    /// `--text-field` (`--text-column`) alone, standard input and files
    /// whose extension does not say HTML or the other table kind are JSON
    /// lines (CSV); with both, a file that is neither `.csv` nor `.jsonl`
    /// is [`InputKind::Auto`], a table told by its first byte
    /// (`table_kind`).
    pub fn kind_of(&self, source: &Source) -> InputKind {
        if self.kind != InputKind::Auto {
            return self.kind;
        }
        let csv = !self.csv.text.is_empty();
        let jsonl = !self.jsonl.text.is_empty();
        let ext = match source {
            Source::Path(path) => extension(path).to_ascii_lowercase(),
            Source::Stdin => String::new(),
        };
        match (ext.as_str(), csv, jsonl) {
            ("html" | "htm" | "xhtml", _, _) => InputKind::Html,
            ("csv", true, _) => InputKind::Csv,
            ("jsonl" | "ndjson", _, true) => InputKind::Jsonl,
            (_, true, true) => InputKind::Auto,
            (_, true, false) => InputKind::Csv,
            (_, false, true) => InputKind::Jsonl,
            (_, false, false) => InputKind::Text,
        }
    }
}

/// Reads the listed sources one after the other, as events; a table is
/// read one row at a time.
pub struct Reader {
    listed: std::vec::IntoIter<Listed>,
    options: ReadOptions,
    table: Option<table::Rows>,
    text: Option<text::TextStream>,
    pending: VecDeque<Event>,
    buf: Vec<Event>,
}

impl Reader {
    /// A reader of `listed` (see [`expand`]).
    pub fn new(listed: Vec<Listed>, options: ReadOptions) -> Reader {
        Reader {
            listed: listed.into_iter(),
            options,
            table: None,
            text: None,
            pending: VecDeque::new(),
            buf: Vec::new(),
        }
    }

    /// Opens `source` as a table, or reads it as one document.
    fn open(&mut self, source: Source) {
        let kind = self.options.kind_of(&source);
        let name = source.name();
        let mut stream = match open(&source) {
            Ok(s) => s,
            Err(e) => return self.pending.push_back(Event::Error(e)),
        };
        let forced = self.options.encoding;
        let keep = &self.options.keep;
        let kind = match kind {
            InputKind::Auto => table_kind(&mut stream),
            kind => kind,
        };
        let rows = match kind {
            InputKind::Csv => {
                let delimiter = self.options.delimiter;
                let csv = &self.options.csv;
                table::Rows::csv(name, stream, csv, keep, forced, delimiter)
            }
            InputKind::Jsonl => table::Rows::jsonl(
                name,
                stream,
                &self.options.jsonl,
                keep,
                forced,
            ),
            InputKind::Auto | InputKind::Text if self.options.stream => {
                let columns = vec![String::new(); keep.len()];
                match text::open(&source, stream, forced) {
                    Ok(text::Opened::Whole(bytes)) => {
                        let doc = decode::decode(&name, bytes, forced, None)
                            .map(|(text, decoding)| Document {
                                id: name.clone(),
                                text,
                                columns,
                                decoding,
                            });
                        self.push_document(doc);
                    }
                    Ok(text::Opened::Stream(s)) => {
                        self.note_decoding(&name, s.decoding());
                        self.pending.push_back(Event::Begin(Document {
                            id: name,
                            text: String::new(),
                            columns,
                            decoding: s.decoding(),
                        }));
                        self.text = Some(s);
                    }
                    Err(e) => self.pending.push_back(Event::Error(e)),
                }
                return;
            }
            InputKind::Auto | InputKind::Text | InputKind::Html => {
                let html = kind == InputKind::Html;
                let doc = read_stream(&name, stream, forced, html, keep.len());
                self.push_document(doc);
                return;
            }
        };
        match rows {
            Ok(rows) => {
                let d = rows.decoding();
                self.pending.push_back(Event::Info(format!(
                    "{}: decoded as {d}",
                    source.name()
                )));
                self.table = Some(rows);
            }
            Err(e) => self.pending.push_back(Event::Error(e)),
        }
    }

    fn push_document(&mut self, doc: Result<Document, InputError>) {
        match doc {
            Ok(doc) => {
                self.note_decoding(&doc.id, doc.decoding);
                self.pending.push_back(Event::Document(doc));
            }
            Err(e) => self.pending.push_back(Event::Error(e)),
        }
    }

    fn note_decoding(&mut self, name: &str, decoding: Decoding) {
        match decoding.warning() {
            Some(w) => {
                self.pending.push_back(Event::Note(format!("{name}: {w}")))
            }
            None => self.pending.push_back(Event::Info(format!(
                "{name}: decoded as {decoding}"
            ))),
        }
    }
}

impl Iterator for Reader {
    type Item = Event;

    fn next(&mut self) -> Option<Event> {
        loop {
            if let Some(event) = self.pending.pop_front() {
                return Some(event);
            }
            if let Some(text) = &mut self.text {
                let event = match text.next_piece() {
                    Ok(Some(piece)) => return Some(Event::Text(piece)),
                    Ok(None) => Event::End,
                    Err(e) => Event::Error(e),
                };
                self.text = None;
                return Some(event);
            }
            if let Some(rows) = &mut self.table {
                if rows.next_row(&mut self.buf) {
                    self.pending.extend(self.buf.drain(..));
                } else {
                    self.pending.extend(self.buf.drain(..));
                    self.table = None;
                }
                continue;
            }
            match self.listed.next()? {
                Listed::Source(source) => self.open(source),
                Listed::Error(e) => return Some(Event::Error(e)),
                Listed::Note(n) => return Some(Event::Note(n)),
            }
        }
    }
}

/// Opens a source as a byte stream, gunzipped when it starts with the
/// gzip magic number (so `.gz` files and gzipped standard input alike).
pub fn open(source: &Source) -> Result<Box<dyn BufRead + Send>, InputError> {
    let name = source.name();
    let io_err =
        |source| InputError::new(name.clone(), InputErrorKind::Io(source));
    let raw: Box<dyn Read + Send> = match source {
        Source::Stdin => Box::new(io::stdin()),
        Source::Path(p) => {
            let file = fs::File::open(p).map_err(io_err)?;
            let meta = file.metadata().map_err(io_err)?;
            if meta.is_dir() {
                return Err(io_err(io::Error::other("is a directory")));
            }
            Box::new(file)
        }
    };
    let mut reader = BufReader::with_capacity(64 * 1024, raw);
    let head = reader.fill_buf().map_err(io_err)?;
    if head.starts_with(&[0x1f, 0x8b]) {
        let gz = flate2::bufread::MultiGzDecoder::new(reader);
        return Ok(Box::new(BufReader::with_capacity(64 * 1024, gz)));
    }
    Ok(Box::new(reader))
}

/// JSON lines when the stream's first character (after white space
/// and a UTF-8 byte order mark) is `{`, else CSV.
fn table_kind(stream: &mut Box<dyn BufRead + Send>) -> InputKind {
    let head = stream.fill_buf().unwrap_or_default();
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    match head.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => InputKind::Jsonl,
        _ => InputKind::Csv,
    }
}

fn read_stream(
    name: &str,
    stream: Box<dyn BufRead + Send>,
    forced: Option<&'static Encoding>,
    html: bool,
    columns: usize,
) -> Result<Document, InputError> {
    let bytes = read_capped(stream, name, forced)?;
    let declared = if html { decode::html_declared(&bytes) } else { None };
    let (text, decoding) = decode::decode(name, bytes, forced, declared)?;
    let text = if html { html::extract(&text) } else { text };
    Ok(Document {
        id: name.to_string(),
        text,
        columns: vec![String::new(); columns],
        decoding,
    })
}

fn read_capped(
    mut reader: impl Read,
    name: &str,
    forced: Option<&'static Encoding>,
) -> Result<Vec<u8>, InputError> {
    let mut bytes = Vec::new();
    read_checked(
        &mut reader,
        name,
        forced,
        MAX_DOCUMENT_BYTES + 1,
        &mut bytes,
    )?;
    if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(InputError::new(
            name,
            InputErrorKind::TooLarge {
                size: bytes.len() as u64,
                limit: MAX_DOCUMENT_BYTES,
            },
        ));
    }
    Ok(bytes)
}

/// Appends to `bytes` what `reader` holds, up to `limit` bytes in all; a
/// NUL byte outside UTF-16 is an error as soon as it is read (a gzip bomb
/// of zeros is binary from its first block, not after the size limit).
fn read_checked(
    reader: &mut dyn Read,
    name: &str,
    forced: Option<&'static Encoding>,
    limit: u64,
    bytes: &mut Vec<u8>,
) -> Result<(), InputError> {
    let io_err = |e| InputError::new(name, InputErrorKind::Io(e));
    let mut buf = vec![0; 64 << 10];
    let mut checked = 0;
    let mut utf16 = None;
    loop {
        let room = limit.saturating_sub(bytes.len() as u64);
        let want = buf.len().min(usize::try_from(room).unwrap_or(usize::MAX));
        let n = if want == 0 {
            0
        } else {
            match reader.read(&mut buf[..want]) {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(io_err(e)),
            }
        };
        bytes.extend_from_slice(&buf[..n]);
        if utf16.is_none() && (bytes.len() >= 2 || n == 0) {
            utf16 = Some(decode::is_utf16(bytes, forced));
        }
        if utf16 == Some(false) {
            if let Some(at) = bytes[checked..].iter().position(|&b| b == 0) {
                return Err(decode::binary(name, checked + at));
            }
            checked = bytes.len();
        }
        if n == 0 {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_path_means_stdin() {
        let filter = Filter::new(None, InputKind::Auto).unwrap();
        let sources: Vec<Source> = expand(&[], &filter)
            .into_iter()
            .map(|l| match l {
                Listed::Source(s) => s,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(sources, [Source::Stdin]);
        let dash = expand(&[PathBuf::from("-")], &filter);
        assert!(matches!(&dash[..], [Listed::Source(Source::Stdin)]));
    }

    #[test]
    fn extension_ignores_gz() {
        for (path, ext) in [
            ("a.txt", "txt"),
            ("dir.d/a.HTML.gz", "HTML"),
            ("a.gz", ""),
            (".hidden", ""),
            ("noext", ""),
        ] {
            assert_eq!(extension(Path::new(path)), ext, "{path}");
        }
    }

    #[test]
    fn kind_follows_extension_and_options() {
        let mut o = ReadOptions::default();
        let p = |s: &str| Source::Path(PathBuf::from(s));
        assert_eq!(o.kind_of(&p("a.htm")), InputKind::Html);
        assert_eq!(o.kind_of(&p("a.csv")), InputKind::Text);
        o.csv.text = "body".into();
        assert_eq!(o.kind_of(&p("a.csv.gz")), InputKind::Csv);
        // A named column makes standard input and other files tables.
        assert_eq!(o.kind_of(&Source::Stdin), InputKind::Csv);
        assert_eq!(o.kind_of(&p("export.txt")), InputKind::Csv);
        assert_eq!(o.kind_of(&p("page.html")), InputKind::Html);
        o.jsonl.text = "text".into();
        assert_eq!(o.kind_of(&p("a.jsonl")), InputKind::Jsonl);
        assert_eq!(o.kind_of(&p("a.csv")), InputKind::Csv);
        assert_eq!(o.kind_of(&Source::Stdin), InputKind::Auto);
        o.csv.text.clear();
        assert_eq!(o.kind_of(&p("a.json")), InputKind::Jsonl);
        assert_eq!(o.kind_of(&Source::Stdin), InputKind::Jsonl);
        o.kind = InputKind::Html;
        assert_eq!(o.kind_of(&Source::Stdin), InputKind::Html);
    }
}
