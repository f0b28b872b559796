//! Writing tagged documents: span rows (CSV, TSV, JSON lines), summaries,
//! GeoJSON and a HTML review page.
//!
//! This module owns the output columns, the conversion of byte offsets to
//! code point offsets, spreadsheet safety ([`sheet`]) and one writer per
//! format behind [`DocumentWriter`]. Writers get documents in input order
//! and must write the same bytes for the same documents, whatever the
//! number of threads that tagged them. It knows nothing of matching or of
//! where documents come from.

mod discover;
mod geojson;
mod html;
mod row;
pub mod sheet;
mod spans;
mod summary;
mod xlsx;

use std::io::{self, Write};

pub use row::{context, joined_sources, Row, RowOptions, COLUMNS};
pub use row::{SOURCE_JOINER, SOURCE_SEPARATORS};

use crate::Area;
use crate::Gazetteer;
use crate::Offset;
use crate::Tagged;

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// RFC 4180 CSV with a header row, one row per span.
    Csv,
    /// Tab-separated values with a header row, one row per span.
    Tsv,
    /// One JSON object per span and line.
    Jsonl,
    /// CSV, one row per (document, entity), or per entity with
    /// [`OutputOptions::by_entity`].
    Summary,
    /// A GeoJSON FeatureCollection of the places with coordinates.
    Geojson,
    /// A self-contained HTML page to review the spans.
    Html,
    /// Gazetteer rows of the names found by shape (`gazetag discover`).
    Discover,
    /// An Excel workbook (Office Open XML): the spans, the entities and
    /// the documents, one sheet each.
    Xlsx,
}

impl Format {
    /// Whether documents can be written part by part (one row per span).
    pub fn streams(self) -> bool {
        matches!(self, Format::Csv | Format::Tsv | Format::Jsonl)
    }
}

/// How to write the output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputOptions {
    /// The format.
    pub format: Format,
    /// Which rows to make of a mention.
    pub rows: RowOptions,
    /// `--context N`: a `context` column with N characters either side.
    pub context: Option<usize>,
    /// Names of the input columns carried into the output.
    pub keep: Vec<String>,
    /// `--raw`: no formula-injection guard in CSV and TSV.
    pub raw: bool,
    /// `--bom`: start CSV and TSV with a UTF-8 byte order mark.
    pub bom: bool,
    /// `--by entity`: summary rows per entity across documents.
    pub by_entity: bool,
    /// `--delimiter`: the delimiter of CSV rows and summaries (TSV keeps
    /// its tab).
    pub delimiter: u8,
    /// `--by` with GeoJSON: what a feature stands for.
    pub geojson_by: By,
    /// `--flag-outside`: the area whose outside places are flagged (an
    /// `outside` column in span rows, a mark on the review page).
    pub area: Option<Area>,
}

/// What a GeoJSON feature stands for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum By {
    /// One feature per entity, with totals across documents.
    #[default]
    Entity,
    /// One feature per document and entity, with the document's kept
    /// columns.
    Document,
    /// One feature per mention.
    Mention,
}

/// What is known of one input when the run accounts for it (as `--stats`
/// records it).
#[derive(Clone, Copy, Debug)]
pub struct Record<'a> {
    /// The document's name, or the input that failed.
    pub doc: &'a str,
    /// Bytes of text tagged.
    pub bytes: usize,
    /// How it was decoded (empty for a failed input).
    pub decoding: &'a str,
    /// Spans written.
    pub spans: usize,
    /// Why it could not be read.
    pub error: Option<&'a str>,
}

impl OutputOptions {
    /// Options for `format` with every extra off.
    pub fn new(format: Format) -> OutputOptions {
        OutputOptions {
            format,
            rows: RowOptions::default(),
            context: None,
            keep: Vec::new(),
            raw: false,
            bom: false,
            by_entity: false,
            delimiter: b',',
            geojson_by: By::Entity,
            area: None,
        }
    }

    /// The output names of the kept columns: as in the input, except that
    /// a name already used by an output column gets an `input_` prefix.
    pub fn kept_names(&self, taken: &[&str]) -> Vec<String> {
        self.keep
            .iter()
            .map(|k| {
                if taken.contains(&k.as_str()) {
                    format!("input_{k}")
                } else {
                    k.clone()
                }
            })
            .collect()
    }

    fn safety(&self) -> sheet::Safety {
        sheet::Safety { guard: !self.raw }
    }
}

/// A document as the writers see it.
#[derive(Clone, Copy, Debug)]
pub struct Doc<'a> {
    /// Its name (the `doc` column).
    pub id: &'a str,
    /// Its text, which the offsets refer to.
    pub text: &'a str,
    /// The values of the kept columns, in the order of
    /// [`OutputOptions::keep`].
    pub columns: &'a [String],
}

/// Writes tagged documents in one format.
pub trait DocumentWriter {
    /// Writes (or accounts for) one document and its spans.
    fn write(&mut self, doc: Doc<'_>, tagged: &Tagged) -> io::Result<()>;

    /// Writes the spans of one part of a document tagged piece by piece
    /// ([`crate::TagStream`]): `doc.text` is the part, which starts at
    /// `at` in the document, and `tagged`'s offsets are in it. Only the
    /// formats of one row per span ([`Format::streams`]) write parts.
    fn write_part(
        &mut self,
        doc: Doc<'_>,
        at: Offset,
        tagged: &Tagged,
    ) -> io::Result<()> {
        let _ = (doc, at, tagged);
        Err(io::Error::new(
            io::ErrorKind::Unsupported,
            "this format needs whole documents",
        ))
    }

    /// Accounts for one input: a tagged document, right after its
    /// [`DocumentWriter::write`], or one that could not be read. Only the
    /// workbook's `documents` sheet uses it.
    fn record(&mut self, record: Record<'_>) -> io::Result<()> {
        let _ = record;
        Ok(())
    }

    /// Pushes what is buffered to the underlying writer, so that a reader
    /// at the other end of a pipe sees whole batches.
    fn flush(&mut self) -> io::Result<()>;

    /// Writes what comes after the last document and flushes; returns
    /// notes for the user (cells cut to Excel's limit...).
    fn finish(&mut self) -> io::Result<Vec<String>>;
}

/// A writer of `options.format` over `w`, resolving entries in
/// `gazetteer`. Headers are written at once, so that an empty run still
/// has one.
pub fn writer<'w>(
    w: &'w mut dyn Write,
    gazetteer: &'w Gazetteer,
    options: &OutputOptions,
) -> io::Result<Box<dyn DocumentWriter + 'w>> {
    let w = io::BufWriter::with_capacity(64 * 1024, w);
    Ok(match options.format {
        Format::Csv | Format::Tsv | Format::Jsonl => {
            Box::new(spans::SpanWriter::new(w, gazetteer, options)?)
        }
        Format::Summary => {
            Box::new(summary::SummaryWriter::new(w, gazetteer, options)?)
        }
        Format::Geojson => {
            Box::new(geojson::GeoJsonWriter::new(w, gazetteer, options))
        }
        Format::Xlsx => {
            Box::new(xlsx::XlsxWriter::new(w, gazetteer, options)?)
        }
        Format::Html => {
            Box::new(html::HtmlWriter::new(w, gazetteer, options)?)
        }
        Format::Discover => {
            let d = options.delimiter;
            Box::new(discover::DiscoverWriter::new(w, gazetteer, d))
        }
    })
}
