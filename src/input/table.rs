//! Tables of articles: a CSV export (one article per row) or JSON lines
//! (one article per line), read as a stream of documents.
//!
//! Rows are read one at a time, so memory is bounded by the largest row,
//! not by the file. A row's `doc` is the value of the id column, or
//! `file:row` (the row number a spreadsheet shows, the header being row 1;
//! for JSON lines, the line number). Knows nothing of matching or output.

use std::io::{BufRead, Read};

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
}

enum Kind {
    Csv {
        reader: Box<csv::Reader<Box<dyn BufRead + Send>>>,
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
    /// Opens a CSV table; fails when a named column is missing.
    pub(super) fn csv(
        name: String,
        reader: Box<dyn BufRead + Send>,
        columns: &Columns,
        keep: &[String],
        forced: Option<&'static encoding_rs::Encoding>,
    ) -> Result<Rows, InputError> {
        let io_err =
            |source| InputError::new(name.clone(), InputErrorKind::Io(source));
        let (reader, decoding) =
            table_reader(reader, forced).map_err(io_err)?;
        let strict = forced.is_some();
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(true)
            .from_reader(reader);
        let header: Vec<String> = reader
            .byte_headers()
            .map_err(|e| {
                table_err(&name, InputErrorKind::Header(e.to_string()))
            })?
            .iter()
            .map(|f| String::from_utf8_lossy(f).trim().to_string())
            .collect();
        let find = |col: &str| {
            header.iter().position(|h| h == col).ok_or_else(|| {
                table_err(
                    &name,
                    InputErrorKind::NoColumn {
                        column: col.to_string(),
                        header: header.clone(),
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
            Ok(false) => return false,
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

fn table_err(path: &str, kind: InputErrorKind) -> InputError {
    InputError::new(path, kind)
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

    #[test]
    fn missing_column_is_an_error_naming_the_header() {
        let err = Rows::csv(
            "t.csv".into(),
            Box::new(Cursor::new(b"url,texte\n".to_vec())),
            &cols("body", None),
            &[],
            None,
        )
        .err()
        .unwrap();
        assert_eq!(
            err.to_string(),
            "t.csv: no column \"body\" (the header has: url, texte)"
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
