//! An Excel workbook of a run (`--format xlsx`): a `spans` sheet (the CSV
//! columns, typed), an `entities` sheet (the summary by entity) and a
//! `documents` sheet (one row per input: spans per type, bytes, decoding,
//! or the error).
//!
//! Every sheet has its header frozen, an autofilter and set column
//! widths. Numbers are numbers; GeoNames and Wikidata ids link to their
//! page through a `HYPERLINK` formula whose value is the id (a formula
//! takes no memory once written, where a worksheet keeps its hyperlinks
//! until the end, and Excel opens at most 65,530 of them per sheet);
//! Arabic (and other right-to-left) cells read right to left. Text is
//! never a formula in a workbook, so there is no formula guard here, but
//! cells are cut to Excel's limit as in CSV.
//!
//! Sheets are written in rust_xlsxwriter's constant-memory mode: rows go
//! to a temporary file as they come, so a million spans take no more
//! memory than ten. A sheet that reaches Excel's limit of 1,048,576 rows
//! goes on in a new one (`spans 2`, `spans 3`...), with a note. The
//! workbook is assembled in a temporary file at the end and copied to
//! the output.

use std::io::{self, Seek, Write};

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format as Style, FormatUnderline,
    Formula, Workbook, Worksheet, XlsxError,
};

use super::row::{context, Row, COLUMNS};
use super::sheet::{safe_text, truncation_note};
use super::summary::{Tallies, ENTITY_COLUMNS, SURFACE_SEPARATOR};
use super::{Doc, DocumentWriter, OutputOptions, Record};
use crate::Tagged;
use crate::{EntityType, Gazetteer};

/// Excel's limit on the rows of a sheet, the header included.
pub const MAX_ROWS: u32 = 1_048_576;

/// The columns of the `documents` sheet (kept columns follow).
pub const DOCUMENT_COLUMNS: [&str; 9] = [
    "doc", "bytes", "decoding", "spans", "PLACE", "ORG", "ACTOR", "PERSON",
    "error",
];

/// The page an id names, for the ids whose form says where it lives:
/// `geonames:NNN` and `wikidata:QNNN` (or a bare `QNNN`).
pub fn id_url(id: &str) -> Option<String> {
    let digits =
        |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some(n) = id.strip_prefix("geonames:") {
        return digits(n).then(|| format!("https://www.geonames.org/{n}"));
    }
    let q = id.strip_prefix("wikidata:").unwrap_or(id);
    let n = q.strip_prefix('Q')?;
    digits(n).then(|| format!("https://www.wikidata.org/wiki/{q}"))
}

/// Whether `s` reads right to left: its first letter is Hebrew, Arabic,
/// Syriac, Thaana or N'Ko, or an Arabic presentation form.
pub fn is_rtl(s: &str) -> bool {
    s.chars().find(|c| c.is_alphabetic()).is_some_and(|c| {
        matches!(c,
            '\u{0590}'..='\u{08FF}'
            | '\u{FB1D}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFF}')
    })
}

/// The workbook's creation time when `SOURCE_DATE_EPOCH` (seconds since
/// 1970, the reproducible-builds convention) is set: the same run then
/// writes the same bytes. Otherwise the workbook says it was created now.
fn source_date_epoch() -> Option<ExcelDateTime> {
    let secs = std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()?;
    ExcelDateTime::from_timestamp(secs).ok()
}

/// A cell value.
enum Value<'a> {
    Text(&'a str),
    Number(f64),
    /// A missing number: the cell stays empty.
    Empty,
    /// An entity id, linked when [`id_url`] knows its page.
    Id(&'a str),
}

/// The styles of the workbook's cells.
struct Styles {
    header: Style,
    rtl: Style,
    link: Style,
}

/// One logical sheet, written on as many worksheets as Excel's row limit
/// needs.
struct Sheet {
    name: &'static str,
    header: Vec<String>,
    /// Worksheets already full.
    full: Vec<Worksheet>,
    current: Worksheet,
    /// The next row of `current`.
    row: u32,
}

impl Sheet {
    fn new(
        book: &mut Workbook,
        name: &'static str,
        header: Vec<String>,
        styles: &Styles,
    ) -> Result<Sheet, XlsxError> {
        let current = start(book, name, &header, styles)?;
        Ok(Sheet { name, header, full: Vec::new(), current, row: 1 })
    }

    /// The worksheet and row of the next row, on a new worksheet when
    /// this one has `max_rows`.
    fn next(
        &mut self,
        book: &mut Workbook,
        styles: &Styles,
        max_rows: u32,
    ) -> Result<(&mut Worksheet, u32), XlsxError> {
        if self.row >= max_rows {
            let name = format!("{} {}", self.name, self.full.len() + 2);
            let mut next = start(book, &name, &self.header, styles)?;
            std::mem::swap(&mut next, &mut self.current);
            close(&mut next, self.row, self.header.len())?;
            self.full.push(next);
            self.row = 1;
        }
        self.row += 1;
        Ok((&mut self.current, self.row - 1))
    }

    /// The worksheets, in order, with their autofilters.
    fn finish(mut self) -> Result<Vec<Worksheet>, XlsxError> {
        close(&mut self.current, self.row, self.header.len())?;
        self.full.push(self.current);
        Ok(self.full)
    }
}

/// A new worksheet `name` with its header, frozen, and column widths.
fn start(
    book: &mut Workbook,
    name: &str,
    header: &[String],
    styles: &Styles,
) -> Result<Worksheet, XlsxError> {
    let mut sheet = book.new_worksheet_with_constant_memory();
    sheet.set_name(name)?;
    for (col, title) in header.iter().enumerate() {
        let col = col as u16;
        sheet.set_column_width(col, width(title))?;
        sheet.write_string_with_format(0, col, title, &styles.header)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(sheet)
}

/// The autofilter over the rows written (`rows`, the header included).
fn close(
    sheet: &mut Worksheet,
    rows: u32,
    columns: usize,
) -> Result<(), XlsxError> {
    if columns > 0 {
        sheet.autofilter(0, 0, rows.max(1) - 1, columns as u16 - 1)?;
    }
    Ok(())
}

/// The width of a column, in characters, by what it holds.
fn width(title: &str) -> f64 {
    match title {
        "doc" | "first_doc" | "canonical" | "surfaces" => 28.0,
        "text" | "id" | "source" | "decoding" => 20.0,
        "context" | "explain" | "error" => 60.0,
        "type" | "subtype" | "country" | "match" => 12.0,
        "lat" | "lon" | "confidence" => 10.0,
        t if t.len() <= 10 => 11.0,
        t => t.len() as f64 + 2.0,
    }
}

pub(super) struct XlsxWriter<'g, W: Write> {
    out: W,
    book: Workbook,
    styles: Styles,
    gazetteer: &'g Gazetteer,
    options: OutputOptions,
    spans: Option<Sheet>,
    documents: Option<Sheet>,
    entities: Tallies,
    /// The spans per type and the kept columns of the document written
    /// last, for its row of `documents`.
    last: Option<([usize; 4], Vec<String>)>,
    truncated: usize,
    max_rows: u32,
}

impl<'g, W: Write> XlsxWriter<'g, W> {
    pub(super) fn new(
        out: W,
        gazetteer: &'g Gazetteer,
        options: &OutputOptions,
    ) -> io::Result<XlsxWriter<'g, W>> {
        XlsxWriter::with_max_rows(out, gazetteer, options, MAX_ROWS)
    }

    /// A writer whose sheets go on in a new one after `max_rows` rows
    /// (tests use a small limit).
    fn with_max_rows(
        out: W,
        gazetteer: &'g Gazetteer,
        options: &OutputOptions,
        max_rows: u32,
    ) -> io::Result<XlsxWriter<'g, W>> {
        let mut book = Workbook::new();
        if let Some(created) = source_date_epoch() {
            book.set_properties(
                &DocProperties::new().set_creation_datetime(&created),
            );
        }
        let styles = Styles {
            header: Style::new().set_bold(),
            rtl: Style::new().set_reading_direction(2),
            link: Style::new()
                .set_font_color(Color::Blue)
                .set_underline(FormatUnderline::Single),
        };
        let mut header: Vec<&str> = COLUMNS.to_vec();
        if options.rows.explain {
            header.push("explain");
        }
        if options.context.is_some() {
            header.push("context");
        }
        let kept = options.kept_names(&header);
        let mut header: Vec<String> =
            header.into_iter().map(String::from).collect();
        header.extend(kept);
        let spans = Sheet::new(&mut book, "spans", header, &styles)
            .map_err(into_io)?;
        let mut header: Vec<String> =
            DOCUMENT_COLUMNS.iter().map(|c| c.to_string()).collect();
        header.extend(options.kept_names(&DOCUMENT_COLUMNS));
        let documents = Sheet::new(&mut book, "documents", header, &styles)
            .map_err(into_io)?;
        Ok(XlsxWriter {
            out,
            book,
            styles,
            gazetteer,
            options: options.clone(),
            spans: Some(spans),
            documents: Some(documents),
            entities: Tallies::default(),
            last: None,
            truncated: 0,
            max_rows,
        })
    }

    /// Writes one row of the `which` sheet, on its next worksheet when
    /// the current one is full.
    fn row(
        &mut self,
        which: Which,
        values: &[Value<'_>],
    ) -> Result<(), XlsxError> {
        let sheet = match which {
            Which::Spans => self.spans.as_mut(),
            Which::Documents => self.documents.as_mut(),
        }
        .expect("sheets live until finish");
        let (ws, row) =
            sheet.next(&mut self.book, &self.styles, self.max_rows)?;
        self.truncated += put(ws, row, values, &self.styles)?;
        Ok(())
    }
}

#[derive(Clone, Copy)]
enum Which {
    Spans,
    Documents,
}

/// Writes `values` on row `row`; returns how many cells were cut.
fn put(
    ws: &mut Worksheet,
    row: u32,
    values: &[Value<'_>],
    styles: &Styles,
) -> Result<usize, XlsxError> {
    let mut cut = 0;
    for (col, value) in values.iter().enumerate() {
        let col = col as u16;
        match *value {
            Value::Text("") | Value::Empty => {}
            Value::Text(s) => {
                let (s, was_cut) = safe_text(s, false);
                cut += usize::from(was_cut);
                if is_rtl(&s) {
                    ws.write_string_with_format(row, col, s, &styles.rtl)?;
                } else {
                    ws.write_string(row, col, s)?;
                }
            }
            Value::Number(x) => {
                ws.write_number(row, col, x)?;
            }
            Value::Id(id) => match id_url(id) {
                // The URL and the id are digits and ASCII letters: nothing
                // to escape in the formula.
                Some(url) => {
                    let f = Formula::new(format!(
                        "=HYPERLINK(\"{url}\",\"{id}\")"
                    ))
                    .set_result(id);
                    ws.write_formula_with_format(row, col, f, &styles.link)?;
                }
                None => {
                    let (s, was_cut) = safe_text(id, false);
                    cut += usize::from(was_cut);
                    ws.write_string(row, col, s)?;
                }
            },
        }
    }
    Ok(cut)
}

fn float(x: Option<f64>) -> Value<'static> {
    x.map_or(Value::Empty, Value::Number)
}

fn type_index(kind: EntityType) -> usize {
    match kind {
        EntityType::Place => 0,
        EntityType::Org => 1,
        EntityType::Actor => 2,
        EntityType::Person => 3,
    }
}

impl<W: Write> DocumentWriter for XlsxWriter<'_, W> {
    fn write(&mut self, doc: Doc<'_>, tagged: &Tagged) -> io::Result<()> {
        let rows = Row::for_document(
            doc.id,
            doc.text,
            tagged,
            self.gazetteer,
            self.options.rows,
        );
        for row in &rows {
            let ctx = self
                .options
                .context
                .map(|n| context(doc.text, row.byte_start, row.byte_end, n));
            let mut values = vec![
                Value::Text(row.doc),
                Value::Number(row.start as f64),
                Value::Number(row.end as f64),
                Value::Number(row.byte_start as f64),
                Value::Number(row.byte_end as f64),
                Value::Text(row.text),
                Value::Text(row.kind),
                Value::Text(row.subtype),
                Value::Text(row.canonical),
                Value::Id(row.id),
                Value::Text(row.country),
                float(row.lat),
                float(row.lon),
                Value::Text(row.rule),
                Value::Number(f64::from(row.candidates)),
                Value::Number(f64::from(row.confidence)),
                Value::Text(&row.source),
            ];
            debug_assert_eq!(values.len(), COLUMNS.len());
            if let Some(explain) = &row.explain {
                values.push(Value::Text(explain));
            }
            if let Some(ctx) = &ctx {
                values.push(Value::Text(ctx));
            }
            values.extend(doc.columns.iter().map(|c| Value::Text(c)));
            self.row(Which::Spans, &values).map_err(into_io)?;
        }
        let mut counts = [0; 4];
        for m in &tagged.mentions {
            counts[type_index(tagged.entry(self.gazetteer, m.entry).kind)] +=
                1;
        }
        self.last = Some((counts, doc.columns.to_vec()));
        self.entities.add_document(self.gazetteer, doc, tagged);
        Ok(())
    }

    fn record(&mut self, record: Record<'_>) -> io::Result<()> {
        let (counts, columns) = match record.error {
            Some(_) => ([0; 4], Vec::new()),
            None => self.last.take().unwrap_or_default(),
        };
        let mut values = vec![
            Value::Text(record.doc),
            Value::Number(record.bytes as f64),
            Value::Text(record.decoding),
            Value::Number(record.spans as f64),
        ];
        values.extend(counts.iter().map(|&n| Value::Number(n as f64)));
        values.push(Value::Text(record.error.unwrap_or("")));
        values.extend(columns.iter().map(|c| Value::Text(c)));
        self.row(Which::Documents, &values).map_err(into_io)
    }

    fn flush(&mut self) -> io::Result<()> {
        // The rows are in the worksheets' temporary files; the workbook
        // is written at the end.
        Ok(())
    }

    fn finish(&mut self) -> io::Result<Vec<String>> {
        let mut notes = Vec::new();
        let spans = self.spans.take().expect("finish runs once");
        let documents = self.documents.take().expect("finish runs once");
        let header = ENTITY_COLUMNS.iter().map(|c| c.to_string()).collect();
        let mut entities =
            Sheet::new(&mut self.book, "entities", header, &self.styles)
                .map_err(into_io)?;
        let all = std::mem::take(&mut self.entities);
        for (entry, tally) in all.ranked() {
            let e = all.entry(self.gazetteer, entry);
            let surfaces = tally.surfaces.join(SURFACE_SEPARATOR);
            let values = [
                Value::Id(&e.id),
                Value::Text(e.kind.as_str()),
                Value::Text(e.subtype.as_str()),
                Value::Text(&e.name),
                Value::Text(&e.country),
                float(e.lat),
                float(e.lon),
                Value::Number(tally.mentions as f64),
                Value::Number(tally.documents as f64),
                Value::Text(&tally.first_doc),
                Value::Text(&surfaces),
            ];
            let (ws, row) = entities
                .next(&mut self.book, &self.styles, self.max_rows)
                .map_err(into_io)?;
            self.truncated +=
                put(ws, row, &values, &self.styles).map_err(into_io)?;
        }
        for sheet in [&spans, &entities, &documents] {
            if !sheet.full.is_empty() {
                notes.push(format!(
                    "the {} sheet goes on in {} more sheet(s) ({} 2...): \
                     Excel has at most {} rows per sheet",
                    sheet.name,
                    sheet.full.len(),
                    sheet.name,
                    self.max_rows
                ));
            }
        }
        for sheet in [spans, entities, documents] {
            for ws in sheet.finish().map_err(into_io)? {
                self.book.push_worksheet(ws);
            }
        }
        // Assembled in a temporary file (the workbook is a zip archive
        // that needs its parts whole), then copied out.
        let mut tmp = tempfile::tempfile()?;
        self.book.save_to_writer(&mut tmp).map_err(into_io)?;
        tmp.rewind()?;
        io::copy(&mut tmp, &mut self.out)?;
        self.out.flush()?;
        notes.extend(truncation_note(self.truncated));
        Ok(notes)
    }
}

fn into_io(e: XlsxError) -> io::Error {
    match e {
        XlsxError::IoError(e) => e,
        other => io::Error::other(format!("writing the workbook: {other}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Format;
    use crate::Loader;
    use crate::{Scratch, Tagger};

    #[test]
    fn ids_link_to_their_pages() {
        for (id, url) in [
            ("geonames:170063", Some("https://www.geonames.org/170063")),
            (
                "wikidata:Q2429253",
                Some("https://www.wikidata.org/wiki/Q2429253"),
            ),
            ("Q40464", Some("https://www.wikidata.org/wiki/Q40464")),
            ("geonames:", None),
            ("geonames:12a", None),
            ("wikidata:P31", None),
            ("iso3166-2:SY-DI", None),
            ("gazetag:place/euphrates", None),
            ("Q", None),
            ("Qatar", None),
        ] {
            assert_eq!(id_url(id).as_deref(), url, "{id}");
        }
    }

    #[test]
    fn right_to_left_is_told_by_the_first_letter() {
        assert!(is_rtl("حلب"));
        assert!(is_rtl("«دير الزور» 2024"));
        assert!(!is_rtl("Alep (حلب)"));
        assert!(!is_rtl("2024"));
        assert!(!is_rtl(""));
    }

    /// Four spans of Alep in four documents, with two rows per sheet:
    /// the spans go on in `spans 2` and `spans 3`, with a note.
    #[test]
    fn a_full_sheet_goes_on_in_a_new_one() {
        let mut loader = Loader::new();
        loader.add_str(
            "t.csv",
            "id,type,name,aliases,country,lat,lon\n\
             geonames:170063,PLACE,Aleppo,Alep,SY,36.2,37.16\n",
        );
        let tagger = Tagger::new(loader.finish().unwrap()).unwrap();
        let options = OutputOptions::new(Format::Xlsx);
        let mut out = Vec::new();
        let notes = {
            let mut w = XlsxWriter::with_max_rows(
                &mut out,
                tagger.gazetteer(),
                &options,
                3,
            )
            .unwrap();
            for i in 0..5 {
                let id = format!("d{i}");
                let text = "à Alep";
                let mut tagged = Tagged::default();
                tagger.tag_into(text, &mut Scratch::default(), &mut tagged);
                let doc = Doc { id: &id, text, columns: &[] };
                w.write(doc, &tagged).unwrap();
                w.record(Record {
                    doc: &id,
                    bytes: text.len(),
                    decoding: "utf-8",
                    spans: 1,
                    error: None,
                })
                .unwrap();
            }
            w.finish().unwrap()
        };
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(
            notes[0].starts_with("the spans sheet goes on in 2 more"),
            "{notes:?}"
        );
        assert!(
            notes[1].starts_with("the documents sheet goes on"),
            "{notes:?}"
        );
        // Each sheet has the header, then the rows that follow.
        assert_eq!(first_column(&out, "spans"), ["doc", "d0", "d1"]);
        assert_eq!(first_column(&out, "spans 2"), ["doc", "d2", "d3"]);
        assert_eq!(first_column(&out, "spans 3"), ["doc", "d4"]);
        assert_eq!(first_column(&out, "documents 3"), ["doc", "d4"]);
        assert_eq!(first_column(&out, "entities"), ["id", "geonames:170063"]);
        // The sheet names are in the workbook's directory.
        let names = sheet_names(&out);
        assert_eq!(
            names,
            [
                "spans",
                "spans 2",
                "spans 3",
                "entities",
                "documents",
                "documents 2",
                "documents 3"
            ]
        );
    }

    /// The sheet names of a workbook, read back with calamine.
    fn sheet_names(xlsx: &[u8]) -> Vec<String> {
        use calamine::Reader;
        let book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(io::Cursor::new(xlsx)).unwrap();
        book.sheet_names()
    }

    /// The first column of sheet `name`, as text.
    fn first_column(xlsx: &[u8], name: &str) -> Vec<String> {
        use calamine::Reader;
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(io::Cursor::new(xlsx)).unwrap();
        let range = book.worksheet_range(name).unwrap();
        range.rows().map(|r| r[0].to_string()).collect()
    }
}
