//! Tables of articles: a CSV export (one article per row) or JSON lines
//! (one article per line), read as a stream of documents.
//!
//! Rows are read one at a time, so memory is bounded by the largest row,
//! not by the file. A row's `doc` is the value of the id column, or
//! `file:row` (the row number a spreadsheet shows, the header being row 1;
//! for JSON lines, the line number). Knows nothing of matching or output.

use std::io::{self, BufRead, Read};

use serde_json::Value;

use super::decode::{decode_field, table_reader, Decoding};
use super::{Document, Event, InputError, InputErrorKind, MAX_DOCUMENT_BYTES};

/// Which columns (CSV) or fields (JSON lines) hold what.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Columns {
    /// The article text.
    pub text: String,
    /// The document id (`file:row` when absent).
    pub id: Option<String>,
}

/// The rows of one table, as events.
pub(super) struct Rows {
    name: String,
    strict: bool,
    keep: Vec<String>,
    id: Option<String>,
    text: String,
    kind: Kind,
    decoding: Decoding,
    done: bool,
    /// Notes about the table as a whole, given before its first row.
    notes: Vec<Event>,
}

enum Kind {
    Csv {
        reader: Box<csv::Reader<QuoteCheck<Box<dyn BufRead + Send>>>>,
        /// Indexes of the text column, id column and kept columns.
        text: usize,
        id: Option<usize>,
        keep: Vec<usize>,
        /// The spreadsheet row number of the last row read.
        row: usize,
    },
    Jsonl {
        reader: Box<dyn BufRead + Send>,
        line: usize,
        buf: Vec<u8>,
    },
}

impl Rows {
    /// Opens a CSV table split with `delimiter`, or the delimiter its
    /// header line holds most of ([`sniff_delimiter`]); fails when a named
    /// column is missing.
    pub(super) fn csv(
        name: String,
        reader: Box<dyn BufRead + Send>,
        columns: &Columns,
        keep: &[String],
        forced: Option<&'static encoding_rs::Encoding>,
        delimiter: Option<u8>,
    ) -> Result<Rows, InputError> {
        let io_err =
            |source| InputError::new(name.clone(), InputErrorKind::Io(source));
        let (mut reader, decoding) =
            table_reader(reader, forced).map_err(io_err)?;
        let strict = forced.is_some();
        let mut notes = Vec::new();
        let delimiter = match delimiter {
            Some(d) => d,
            None => {
                let head = reader.fill_buf().map_err(|source| {
                    InputError::new(name.clone(), InputErrorKind::Io(source))
                })?;
                let d = sniff_delimiter(head);
                notes.push(Event::Info(format!(
                    "{name}: CSV delimiter {} (from the header line; \
                     --input-delimiter to choose)",
                    delimiter_name(d)
                )));
                d
            }
        };
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(true)
            .delimiter(delimiter)
            .from_reader(QuoteCheck::new(reader, delimiter));
        let header: Vec<String> = reader
            .byte_headers()
            .map_err(|e| {
                table_err(&name, InputErrorKind::Header(e.to_string()))
            })?
            .iter()
            .map(|f| String::from_utf8_lossy(f).trim().to_string())
            .collect();
        if let Some(row) = reader.get_ref().unterminated() {
            return Err(unterminated(&name, row));
        }
        notes.extend(
            duplicate_columns(&header)
                .into_iter()
                .map(|n| Event::Note(format!("{name}: {n}"))),
        );
        let find = |col: &str| {
            header.iter().position(|h| h == col).ok_or_else(|| {
                table_err(
                    &name,
                    InputErrorKind::NoColumn {
                        column: col.to_string(),
                        header: header.clone(),
                        delimiter,
                        hint: other_delimiter(&header, delimiter),
                    },
                )
            })
        };
        let text = find(&columns.text)?;
        let id = columns.id.as_deref().map(find).transpose()?;
        let keep = keep.iter().map(|k| find(k)).collect::<Result<_, _>>()?;
        Ok(Rows {
            strict,
            keep: Vec::new(),
            id: None,
            text: String::new(),
            kind: Kind::Csv {
                reader: Box::new(reader),
                text,
                id,
                keep,
                row: 1,
            },
            decoding,
            done: false,
            notes,
            name,
        })
    }

    /// Opens a JSON lines table.
    pub(super) fn jsonl(
        name: String,
        reader: Box<dyn BufRead + Send>,
        fields: &Columns,
        keep: &[String],
        forced: Option<&'static encoding_rs::Encoding>,
    ) -> Result<Rows, InputError> {
        let (reader, decoding) =
            table_reader(reader, forced).map_err(|source| {
                InputError::new(name.clone(), InputErrorKind::Io(source))
            })?;
        Ok(Rows {
            strict: forced.is_some(),
            keep: keep.to_vec(),
            id: fields.id.clone(),
            text: fields.text.clone(),
            kind: Kind::Jsonl { reader, line: 0, buf: Vec::new() },
            decoding,
            done: false,
            notes: Vec::new(),
            name,
        })
    }

    /// How the stream was decoded.
    pub(super) fn decoding(&self) -> Decoding {
        self.decoding
    }

    /// The next row as events (notes first, then the document or the
    /// error); `None` at the end of the table.
    pub(super) fn next_row(&mut self, out: &mut Vec<Event>) -> bool {
        if self.done {
            return false;
        }
        out.append(&mut self.notes);
        let more = match self.kind {
            Kind::Csv { .. } => self.next_csv(out),
            Kind::Jsonl { .. } => self.next_jsonl(out),
        };
        if !more {
            self.done = true;
        }
        more
    }

    fn next_csv(&mut self, out: &mut Vec<Event>) -> bool {
        let Kind::Csv { reader, text, id, keep, row } = &mut self.kind else {
            unreachable!("next_csv on a CSV table")
        };
        let mut record = csv::ByteRecord::new();
        match reader.read_byte_record(&mut record) {
            Ok(false) => {
                if let Some(row) = reader.get_ref().unterminated() {
                    out.push(Event::Error(unterminated(&self.name, row)));
                }
                return false;
            }
            Ok(true) => {}
            Err(e) => {
                out.push(Event::Error(table_err(
                    &self.name,
                    InputErrorKind::Row(e.to_string()),
                )));
                return false;
            }
        }
        *row += 1;
        // The row that opens a quote never closed runs to the end of
        // the table, merging every row after it: an error, not a row.
        if let Some(bad) = reader.get_ref().unterminated() {
            if *row as u64 >= bad {
                out.push(Event::Error(unterminated(&self.name, bad)));
                return false;
            }
        }
        let line = record.position().map_or(*row as u64, |p| p.line());
        let at = format!("{}:{}", self.name, row);
        let mut decoding = self.decoding;
        let mut cell = |i: usize, what: &str| -> Result<String, InputError> {
            let bytes = record.get(i).unwrap_or_default();
            match decode_field(bytes, self.strict) {
                Ok((s, None)) => Ok(s.into_owned()),
                Ok((s, Some(fallback))) => {
                    out.push(Event::Note(format!(
                        "{at}: column {what}: not valid UTF-8, decoded as \
                         {fallback}"
                    )));
                    decoding = fallback;
                    Ok(s.into_owned())
                }
                Err(offset) => Err(InputError::new(
                    self.name.clone(),
                    InputErrorKind::InvalidUtf8 {
                        line: line as usize,
                        offset: record
                            .position()
                            .map_or(0, |p| p.byte() as usize)
                            + offset,
                    },
                )),
            }
        };
        let fields = (|| {
            let body = cell(*text, "text")?;
            let id = match id {
                Some(i) => cell(*i, "id")?,
                None => String::new(),
            };
            let columns = keep
                .iter()
                .map(|&k| cell(k, "kept"))
                .collect::<Result<Vec<_>, _>>()?;
            Ok((body, id, columns))
        })();
        out.push(match fields {
            Ok((text, id, columns)) => {
                let id = if id.trim().is_empty() { at } else { id };
                Event::Document(Document { id, text, columns, decoding })
            }
            Err(e) => Event::Error(e),
        });
        true
    }

    fn next_jsonl(&mut self, out: &mut Vec<Event>) -> bool {
        let Kind::Jsonl { reader, line, buf } = &mut self.kind else {
            unreachable!("next_jsonl on a JSON lines table")
        };
        loop {
            buf.clear();
            let read =
                reader.take(MAX_DOCUMENT_BYTES + 1).read_until(b'\n', buf);
            match read {
                Ok(0) => return false,
                Ok(_) => {}
                Err(source) => {
                    out.push(Event::Error(InputError::new(
                        self.name.clone(),
                        InputErrorKind::Io(source),
                    )));
                    return false;
                }
            }
            *line += 1;
            if buf.len() as u64 > MAX_DOCUMENT_BYTES {
                out.push(Event::Error(InputError::new(
                    format!("{}:{}", self.name, line),
                    InputErrorKind::TooLarge {
                        size: buf.len() as u64,
                        limit: MAX_DOCUMENT_BYTES,
                    },
                )));
                return false;
            }
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let at = format!("{}:{}", self.name, line);
            let mut decoding = self.decoding;
            let text = match decode_field(buf, self.strict) {
                Ok((s, fallback)) => {
                    if let Some(fallback) = fallback {
                        out.push(Event::Note(format!(
                            "{at}: not valid UTF-8, decoded as {fallback}"
                        )));
                        decoding = fallback;
                    }
                    s
                }
                Err(offset) => {
                    out.push(Event::Error(InputError::new(
                        self.name.clone(),
                        InputErrorKind::InvalidUtf8 { line: *line, offset },
                    )));
                    return true;
                }
            };
            let value: Value = match serde_json::from_str(&text) {
                Ok(v) => v,
                Err(e) => {
                    out.push(Event::Error(table_err(
                        &at,
                        InputErrorKind::NotJson(e.to_string()),
                    )));
                    return true;
                }
            };
            let body = match lookup(&value, &self.text) {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Null) | None => {
                    out.push(Event::Error(table_err(
                        &at,
                        InputErrorKind::NoField(self.text.clone()),
                    )));
                    return true;
                }
                Some(other) => {
                    out.push(Event::Error(table_err(
                        &at,
                        InputErrorKind::NotString {
                            field: self.text.clone(),
                            found: kind_of(other),
                        },
                    )));
                    return true;
                }
            };
            let id = self
                .id
                .as_deref()
                .and_then(|f| lookup(&value, f))
                .map(cell_text)
                .filter(|s| !s.trim().is_empty())
                .unwrap_or(at);
            let columns = self
                .keep
                .iter()
                .map(|k| lookup(&value, k).map(cell_text).unwrap_or_default())
                .collect();
            out.push(Event::Document(Document {
                id,
                text: body,
                columns,
                decoding,
            }));
            return true;
        }
    }
}

/// The delimiters a CSV table is sniffed for, in order of preference.
const SNIFFED: [u8; 3] = [b',', b';', b'\t'];

/// The delimiter of a CSV table from the start of its data: the one of
/// `,` `;` and tab that its first line holds most of outside quotes (a
/// French-locale export is `;`-separated), `,` when it holds none.
pub fn sniff_delimiter(head: &[u8]) -> u8 {
    let mut counts = [0usize; SNIFFED.len()];
    let mut quoted = false;
    for &b in head {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                if let Some(i) = SNIFFED.iter().position(|&d| d == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let mut best = 0;
    for i in 1..SNIFFED.len() {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    SNIFFED[best]
}

/// A delimiter other than `used` that the header's cells hold, the most
/// frequent: the header was likely split with the wrong one.
fn other_delimiter(header: &[String], used: u8) -> Option<u8> {
    [b',', b';', b'\t', b'|']
        .into_iter()
        .filter(|&d| d != used)
        .map(|d| {
            let n: usize = header
                .iter()
                .map(|h| h.bytes().filter(|&b| b == d).count())
                .sum();
            (n, d)
        })
        .filter(|&(n, _)| n > 0)
        .max_by_key(|&(n, _)| n)
        .map(|(_, d)| d)
}

/// A delimiter as messages name it, and as `--input-delimiter` takes it on
/// a shell's command line: `';'`, or `tab`.
pub fn delimiter_name(d: u8) -> String {
    match d {
        b'\t' => "tab".to_string(),
        d => format!("'{}'", char::from(d)),
    }
}

fn table_err(path: &str, kind: InputErrorKind) -> InputError {
    InputError::new(path, kind)
}

fn unterminated(name: &str, row: u64) -> InputError {
    InputError::new(
        format!("{name}:{row}"),
        InputErrorKind::Row(
            "a quote opened in this row is never closed (the rest of the \
             table would be one cell); the table is not read from here"
                .into(),
        ),
    )
}

/// A note for each name the header has more than once (the first column
/// of that name is the one used).
fn duplicate_columns(header: &[String]) -> Vec<String> {
    let mut notes = Vec::new();
    for (i, name) in header.iter().enumerate() {
        if name.is_empty() || header[..i].contains(name) {
            continue;
        }
        let at: Vec<String> = header
            .iter()
            .enumerate()
            .filter(|(_, h)| *h == name)
            .map(|(j, _)| (j + 1).to_string())
            .collect();
        if at.len() > 1 {
            notes.push(format!(
                "the header has column {name:?} {} times (columns {}); the \
                 first is used",
                at.len(),
                at.join(", ")
            ));
        }
    }
    notes
}

/// Follows the quoting of the CSV bytes read through it, as the csv
/// crate parses them (a quote opens a cell only at its start, `""` is a
/// quote inside one), to tell a quote left open at the end of the table:
/// the csv crate takes it as a cell that runs to the end of the file.
pub(super) struct QuoteCheck<R> {
    inner: R,
    /// The table's delimiter.
    delimiter: u8,
    state: Quoting,
    /// Whether the current record has a byte yet (blank lines are no
    /// records).
    in_record: bool,
    /// Records ended so far, the header included.
    records: u64,
    /// The record (1-based, the header being 1) of the last opened quote.
    opened: u64,
    eof: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Quoting {
    CellStart,
    Unquoted,
    Quoted,
    /// A quote inside a quoted cell: closes it or, doubled, is a quote.
    QuoteInQuoted,
}

impl<R> QuoteCheck<R> {
    fn new(inner: R, delimiter: u8) -> QuoteCheck<R> {
        QuoteCheck {
            inner,
            delimiter,
            state: Quoting::CellStart,
            in_record: false,
            records: 0,
            opened: 0,
            eof: false,
        }
    }

    /// The row of the quote left open at the end of the data, once the
    /// end has been read.
    fn unterminated(&self) -> Option<u64> {
        (self.eof && self.state == Quoting::Quoted).then_some(self.opened)
    }

    fn step(&mut self, b: u8) {
        use Quoting::*;
        self.state = match (self.state, b) {
            (Quoted, b'"') => QuoteInQuoted,
            (Quoted, _) => Quoted,
            (QuoteInQuoted, b'"') => Quoted,
            (CellStart, b'"') => {
                self.in_record = true;
                self.opened = self.records + 1;
                Quoted
            }
            (_, b'\n' | b'\r') => {
                if self.in_record {
                    self.records += 1;
                }
                self.in_record = false;
                CellStart
            }
            (_, d) if d == self.delimiter => {
                self.in_record = true;
                CellStart
            }
            _ => {
                self.in_record = true;
                Unquoted
            }
        };
    }
}

impl<R: Read> Read for QuoteCheck<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && !buf.is_empty() {
            self.eof = true;
        }
        for &b in &buf[..n] {
            self.step(b);
        }
        Ok(n)
    }
}

/// The value at `field`, a key or a dotted path (`meta.url`) into nested
/// objects; an exact key with dots wins.
fn lookup<'v>(value: &'v Value, field: &str) -> Option<&'v Value> {
    let obj = value.as_object()?;
    if let Some(v) = obj.get(field) {
        return Some(v);
    }
    let (head, rest) = field.split_once('.')?;
    lookup(obj.get(head)?, rest)
}

/// A JSON value as a cell: strings as they are, `null` empty, others as
/// JSON.
fn cell_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use super::*;

    fn events(mut rows: Rows) -> Vec<String> {
        let mut out = Vec::new();
        while rows.next_row(&mut out) {}
        out.iter()
            .map(|e| match e {
                Event::Document(d) => {
                    format!("{} [{}] {:?}", d.id, d.columns.join("|"), d.text)
                }
                Event::Error(e) => format!("error: {e}"),
                Event::Note(n) => format!("note: {n}"),
                Event::Info(n) => format!("info: {n}"),
                other => format!("{other:?}"),
            })
            .collect()
    }

    fn cols(text: &str, id: Option<&str>) -> Columns {
        Columns { text: text.into(), id: id.map(Into::into) }
    }

    #[test]
    fn csv_rows_are_documents() {
        let data = "url,body,lang\nhttp://a,\"Alep, \"\"ville\"\"\nIrak\",fr\n,Raqqa,ar\nshort\n";
        let rows = Rows::csv(
            "t.csv".into(),
            Box::new(Cursor::new(data.as_bytes().to_vec())),
            &cols("body", Some("url")),
            &["lang".into()],
            None,
            Some(b','),
        )
        .unwrap();
        assert_eq!(
            events(rows),
            [
                "http://a [fr] \"Alep, \\\"ville\\\"\\nIrak\"",
                "t.csv:3 [ar] \"Raqqa\"",
                "short [] \"\"",
            ]
        );
    }

    #[test]
    fn csv_cells_fall_back_to_windows_1252() {
        let rows = Rows::csv(
            "t.csv".into(),
            Box::new(Cursor::new(b"body\ncaf\xe9\n".to_vec())),
            &cols("body", None),
            &[],
            None,
            Some(b','),
        )
        .unwrap();
        assert_eq!(
            events(rows),
            [
                "note: t.csv:2: column text: not valid UTF-8, decoded as \
                 windows-1252 (fallback)",
                "t.csv:2 [] \"café\""
            ]
        );
    }

    fn csv_events(data: &str) -> Vec<String> {
        csv_events_with(data, Some(b','))
    }

    fn csv_events_with(data: &str, delimiter: Option<u8>) -> Vec<String> {
        match Rows::csv(
            "t.csv".into(),
            Box::new(Cursor::new(data.as_bytes().to_vec())),
            &cols("body", None),
            &[],
            None,
            delimiter,
        ) {
            Ok(rows) => events(rows),
            Err(e) => vec![format!("error: {e}")],
        }
    }

    #[test]
    fn the_delimiter_is_sniffed_from_the_header_line() {
        for (head, d) in [
            (&b"id;date;url;body\n1;2;3;a,b,c,d,e\n"[..], b';'),
            (b"id,date,body\n", b','),
            (b"id\tbody\r\n", b'\t'),
            (b"body\n", b','),
            (b"\"a;b;c\",d,e\n", b','),
            (b"", b','),
        ] {
            assert_eq!(sniff_delimiter(head), d, "{head:?}");
        }
        let got = csv_events_with(
            "id;date;body\n1;2024-05-01;\"Alep; Homs\"\n",
            None,
        );
        assert_eq!(
            got,
            [
                "info: t.csv: CSV delimiter ';' (from the header line; \
                 --input-delimiter to choose)",
                "t.csv:2 [] \"Alep; Homs\"",
            ]
        );
        // A quote never closed is still told, with `;` between cells.
        let got = csv_events_with("id;body\n1;\"Alep\n", Some(b';'));
        assert!(got[0].starts_with("error: t.csv:2: a quote"), "{got:?}");
    }

    #[test]
    fn a_missing_column_names_the_delimiter_and_suggests_another() {
        let got = csv_events_with("id;date;url;texte\n1;2;3;4\n", Some(b','));
        assert_eq!(
            got,
            ["error: t.csv: no column \"body\" (the header has: \
                 id;date;url;texte) read with delimiter ','; the header \
                 seems to use ';' (try --input-delimiter ';')"]
        );
    }

    #[test]
    fn a_quote_never_closed_is_an_error_naming_its_row() {
        let got = csv_events("id,body\n1,Alep\n2,\"Raqqa\n3,Homs\n4,Idlib\n");
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0], "t.csv:2 [] \"Alep\"");
        assert!(
            got[1].starts_with(
                "error: t.csv:3: a quote opened in this row is never closed"
            ),
            "{got:?}"
        );
        // Quotes that close, doubled quotes, quotes inside a cell, blank
        // lines and CRLF are no error.
        let good =
            "id,body\r\n\r\n1,\"a \"\"b\"\"\nc\"\r\n2,5\" x\r\n3,\"\"\n";
        let got = csv_events(good);
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got.iter().all(|e| !e.starts_with("error")), "{got:?}");
        let got = csv_events("id,\"body\n1,Alep\n");
        assert!(got[0].starts_with("error: t.csv:1: a quote"), "{got:?}");
    }

    #[test]
    fn duplicate_header_names_are_noted() {
        let got = csv_events("body,id,body\nAlep,1,x\n");
        assert_eq!(
            got,
            [
                "note: t.csv: the header has column \"body\" 2 times \
                 (columns 1, 3); the first is used",
                "t.csv:2 [] \"Alep\""
            ]
        );
    }

    #[test]
    fn missing_column_is_an_error_naming_the_header() {
        let err = Rows::csv(
            "t.csv".into(),
            Box::new(Cursor::new(b"url,texte\n".to_vec())),
            &cols("body", None),
            &[],
            None,
            None,
        )
        .err()
        .unwrap();
        assert_eq!(
            err.to_string(),
            "t.csv: no column \"body\" (the header has: url, texte) read \
             with delimiter ','"
        );
    }

    #[test]
    fn jsonl_lines_are_documents_and_bad_lines_errors() {
        let data = concat!(
            "{\"id\": 7, \"text\": \"Alep\", \"meta\": {\"src\": \"afp\"}}\n",
            "\n",
            "{\"text\": \"Irak\"}\n",
            "not json\n",
            "{\"id\": \"x\"}\n",
            "{\"text\": 3}\n",
            "{\"text\": \"Raqqa\", \"id\": \"r\"}",
        );
        let rows = Rows::jsonl(
            "t.jsonl".into(),
            Box::new(Cursor::new(data.as_bytes().to_vec())),
            &cols("text", Some("id")),
            &["meta.src".into()],
            None,
        )
        .unwrap();
        let got = events(rows);
        assert_eq!(got[0], "7 [afp] \"Alep\"");
        assert_eq!(got[1], "t.jsonl:3 [] \"Irak\"");
        assert!(got[2].starts_with("error: t.jsonl:4: not a JSON object"));
        assert_eq!(got[3], "error: t.jsonl:5: no field \"text\"");
        assert_eq!(
            got[4],
            "error: t.jsonl:6: field \"text\" is not a string: a number"
        );
        assert_eq!(got[5], "r [] \"Raqqa\"");
        assert_eq!(got.len(), 6);
    }
}
