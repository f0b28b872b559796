//! Rows and their writers.

use std::io::{self, Write};

use serde::Serialize;

use crate::disambiguate::{self, Choice};
use crate::gazetteer::{EntryId, Gazetteer};
use crate::offsets::CharIndex;
use crate::tagger::Tagged;

/// The output columns, in order (`explain` is added last with
/// `--explain`).
pub const COLUMNS: [&str; 17] = [
    "doc",
    "start",
    "end",
    "byte_start",
    "byte_end",
    "text",
    "type",
    "subtype",
    "canonical",
    "id",
    "country",
    "lat",
    "lon",
    "match",
    "candidates",
    "confidence",
    "source",
];

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// RFC 4180 CSV with a header row.
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
    /// One JSON object per line.
    Jsonl,
}

/// One output row: a mention with its entry's fields.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Row<'a> {
    /// Document name.
    pub doc: &'a str,
    /// Code point offset of the start.
    pub start: usize,
    /// Code point offset of the end (exclusive).
    pub end: usize,
    /// UTF-8 byte offset of the start.
    pub byte_start: usize,
    /// UTF-8 byte offset of the end (exclusive).
    pub byte_end: usize,
    /// The surface exactly as in the document.
    pub text: &'a str,
    /// Entity type.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Entity subtype.
    pub subtype: &'a str,
    /// Canonical name.
    pub canonical: &'a str,
    /// Entity id.
    pub id: &'a str,
    /// ISO country code.
    pub country: &'a str,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// How the surface matched: `exact`, `folded` or `translit`.
    #[serde(rename = "match")]
    pub rule: &'static str,
    /// How many entities the surface could name.
    pub candidates: u32,
    /// Probability of this entity among the candidates.
    pub confidence: f32,
    /// Where the entity's row comes from.
    pub source: &'a str,
    /// Why this entity was chosen (with `--explain`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<String>,
}

/// What rows to make of a tagged document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RowOptions {
    /// One row per candidate of an ambiguous mention (best first) instead
    /// of one row for the chosen one.
    pub all_candidates: bool,
    /// Add the `explain` column.
    pub explain: bool,
}

impl<'a> Row<'a> {
    /// The rows of one document, in mention order.
    pub fn for_document(
        doc: &'a str,
        text: &'a str,
        tagged: &'a Tagged,
        gazetteer: &'a Gazetteer,
        options: RowOptions,
    ) -> Vec<Row<'a>> {
        let mut chars = CharIndex::new(text);
        let mut rows = Vec::with_capacity(tagged.mentions.len());
        for m in &tagged.mentions {
            let start = chars.char_offset(m.span.start);
            let end = chars.char_offset(m.span.end);
            let explain = options
                .explain
                .then(|| disambiguate::explain(gazetteer, m, &tagged.choices));
            let choices = tagged.choices_of(m);
            let row = |entry: EntryId, confidence: f32, explain| {
                let e = gazetteer.entry(entry);
                Row {
                    doc,
                    start,
                    end,
                    byte_start: m.span.start,
                    byte_end: m.span.end,
                    text: &text[m.span.start..m.span.end],
                    kind: e.kind.as_str(),
                    subtype: &e.subtype,
                    canonical: &e.name,
                    id: &e.id,
                    country: &e.country,
                    lat: e.lat,
                    lon: e.lon,
                    rule: m.rule.as_str(),
                    candidates: m.candidates,
                    confidence: round(confidence),
                    source: &e.source,
                    explain,
                }
            };
            if options.all_candidates && !choices.is_empty() {
                for &Choice { entry, probability, .. } in choices {
                    rows.push(row(entry, probability, explain.clone()));
                }
            } else {
                rows.push(row(m.entry, m.confidence, explain));
            }
        }
        rows
    }
}

/// Three decimals are plenty for a probability in a spreadsheet.
fn round(p: f32) -> f32 {
    (p * 1000.0).round() / 1000.0
}

/// Writes rows in one format, header first.
pub struct RowWriter<W: Write> {
    inner: Inner<W>,
}

enum Inner<W: Write> {
    Delimited(Box<csv::Writer<W>>),
    Jsonl(io::BufWriter<W>),
}

impl<W: Write> RowWriter<W> {
    /// A writer of `format` over `w`; the header row (CSV, TSV) is written
    /// at once, so that an empty result still has one.
    pub fn new(
        w: W,
        format: Format,
        options: RowOptions,
    ) -> io::Result<RowWriter<W>> {
        let inner = match format {
            Format::Csv | Format::Tsv => {
                let mut csv = csv::WriterBuilder::new()
                    .delimiter(if format == Format::Tsv {
                        b'\t'
                    } else {
                        b','
                    })
                    .has_headers(false)
                    .from_writer(w);
                let mut header = COLUMNS.to_vec();
                if options.explain {
                    header.push("explain");
                }
                csv.write_record(header).map_err(into_io)?;
                Inner::Delimited(Box::new(csv))
            }
            Format::Jsonl => Inner::Jsonl(io::BufWriter::new(w)),
        };
        Ok(RowWriter { inner })
    }

    /// Writes one row.
    pub fn write(&mut self, row: &Row<'_>) -> io::Result<()> {
        match &mut self.inner {
            Inner::Delimited(w) => w.serialize(row).map_err(into_io),
            Inner::Jsonl(w) => {
                serde_json::to_writer(&mut *w, row)?;
                w.write_all(b"\n")
            }
        }
    }

    /// Flushes buffered rows to the underlying writer.
    pub fn flush(&mut self) -> io::Result<()> {
        match &mut self.inner {
            Inner::Delimited(w) => w.flush(),
            Inner::Jsonl(w) => w.flush(),
        }
    }

    /// Flushes and returns the underlying writer.
    pub fn into_inner(self) -> io::Result<W> {
        match self.inner {
            Inner::Delimited(w) => {
                (*w).into_inner().map_err(|e| e.into_error())
            }
            Inner::Jsonl(w) => w.into_inner().map_err(|e| e.into_error()),
        }
    }
}

fn into_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_is_written_even_without_rows() {
        let w = RowWriter::new(Vec::new(), Format::Csv, RowOptions::default())
            .unwrap();
        let out = String::from_utf8(w.into_inner().unwrap()).unwrap();
        assert_eq!(out, format!("{}\n", COLUMNS.join(",")));
        let w =
            RowWriter::new(Vec::new(), Format::Jsonl, RowOptions::default())
                .unwrap();
        assert!(w.into_inner().unwrap().is_empty());
    }

    #[test]
    fn fields_are_quoted_as_rfc_4180_says() {
        let mut w =
            RowWriter::new(Vec::new(), Format::Csv, RowOptions::default())
                .unwrap();
        let row = Row {
            doc: "a,b.txt",
            start: 0,
            end: 3,
            byte_start: 0,
            byte_end: 3,
            text: "say \"x\"",
            kind: "PLACE",
            subtype: "",
            canonical: "X",
            id: "x:1",
            country: "",
            lat: Some(35.5),
            lon: None,
            rule: "exact",
            candidates: 1,
            confidence: 1.0,
            source: "",
            explain: None,
        };
        w.write(&row).unwrap();
        let out = String::from_utf8(w.into_inner().unwrap()).unwrap();
        let line = out.lines().nth(1).unwrap();
        assert_eq!(
            line,
            "\"a,b.txt\",0,3,0,3,\"say \"\"x\"\"\",PLACE,,X,x:1,,35.5,,exact,1,1.0,"
        );
    }
}
