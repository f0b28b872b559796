//! One row per span: CSV, TSV (through [`SheetWriter`]) or JSON lines.
//!
//! Columns are [`COLUMNS`], then `outside` (`--flag-outside`), `explain`
//! (`--explain`), `context` (`--context N`) and the kept input columns
//! (`--keep-columns`).

use std::io::{self, Write};

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use super::row::{context, Row, COLUMNS};
use super::sheet::{truncation_note, Cell, SheetWriter};
use super::{Doc, DocumentWriter, Format, OutputOptions};
use crate::Gazetteer;
use crate::Offset;
use crate::Tagged;

pub(super) struct SpanWriter<'g, W: Write> {
    out: Out<W>,
    gazetteer: &'g Gazetteer,
    options: OutputOptions,
    kept: Vec<String>,
}

enum Out<W: Write> {
    Sheet(Box<SheetWriter<W>>),
    Jsonl(W),
}

impl<'g, W: Write> SpanWriter<'g, W> {
    pub(super) fn new(
        w: W,
        gazetteer: &'g Gazetteer,
        options: &OutputOptions,
    ) -> io::Result<SpanWriter<'g, W>> {
        let mut header: Vec<&str> = COLUMNS.to_vec();
        if options.area.is_some() {
            header.push("outside");
        }
        if options.rows.explain {
            header.push("explain");
        }
        if options.context.is_some() {
            header.push("context");
        }
        let kept = options.kept_names(&header);
        let out = match options.format {
            Format::Jsonl => Out::Jsonl(w),
            format => {
                let delimiter = if format == Format::Tsv {
                    b'\t'
                } else {
                    options.delimiter
                };
                let mut sheet = SheetWriter::new(
                    w,
                    delimiter,
                    options.safety(),
                    options.bom,
                )?;
                sheet.header(
                    header
                        .iter()
                        .copied()
                        .chain(kept.iter().map(String::as_str)),
                )?;
                Out::Sheet(Box::new(sheet))
            }
        };
        Ok(SpanWriter { out, gazetteer, options: options.clone(), kept })
    }
}

impl<W: Write> DocumentWriter for SpanWriter<'_, W> {
    fn write(&mut self, doc: Doc<'_>, tagged: &Tagged) -> io::Result<()> {
        self.write_part(doc, Offset::default(), tagged)
    }

    fn write_part(
        &mut self,
        doc: Doc<'_>,
        at: Offset,
        tagged: &Tagged,
    ) -> io::Result<()> {
        let rows = Row::for_part(
            doc.id,
            doc.text,
            at,
            tagged,
            self.gazetteer,
            self.options.rows,
        );
        for row in &rows {
            let outside =
                self.options.area.as_ref().map(|a| !a.contains(row.entry));
            let ctx = self.options.context.map(|n| {
                let (start, end) = (row.byte_start, row.byte_end);
                context(doc.text, start - at.bytes, end - at.bytes, n)
            });
            match &mut self.out {
                Out::Sheet(sheet) => {
                    let mut cells = cells(row, outside);
                    if let Some(ctx) = ctx {
                        cells.push(Cell::text(ctx));
                    }
                    cells.extend(
                        doc.columns.iter().map(|c| Cell::text(c.as_str())),
                    );
                    sheet.write(&cells)?;
                }
                Out::Jsonl(w) => {
                    let line = Line {
                        row,
                        outside,
                        context: ctx,
                        kept: Kept { names: &self.kept, values: doc.columns },
                    };
                    serde_json::to_writer(&mut *w, &line)?;
                    w.write_all(b"\n")?;
                }
            }
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.out {
            Out::Sheet(s) => s.flush(),
            Out::Jsonl(w) => w.flush(),
        }
    }

    fn finish(&mut self) -> io::Result<Vec<String>> {
        self.flush()?;
        Ok(match &self.out {
            Out::Sheet(s) => {
                truncation_note(s.truncated()).into_iter().collect()
            }
            Out::Jsonl(_) => Vec::new(),
        })
    }
}

/// The cells of a row, in [`COLUMNS`] order (then `outside` when given,
/// and `explain`).
fn cells<'r>(row: &'r Row<'_>, outside: Option<bool>) -> Vec<Cell<'r>> {
    let mut cells = vec![
        Cell::text(row.doc),
        Cell::int(row.start as u64),
        Cell::int(row.end as u64),
        Cell::int(row.byte_start as u64),
        Cell::int(row.byte_end as u64),
        Cell::text(row.text),
        Cell::text(row.kind),
        Cell::text(row.subtype),
        Cell::text(row.canonical),
        Cell::text(row.id),
        Cell::text(row.country),
        Cell::float(row.lat),
        Cell::float(row.lon),
        Cell::text(row.rule),
        Cell::int(row.candidates),
        Cell::float32(row.confidence),
        Cell::text(row.source.as_ref()),
    ];
    debug_assert_eq!(cells.len(), COLUMNS.len());
    if let Some(outside) = outside {
        cells.push(Cell::text(if outside { "true" } else { "false" }));
    }
    if let Some(explain) = &row.explain {
        cells.push(Cell::text(explain.as_str()));
    }
    cells
}

/// A JSON line: the row's fields, then `outside`, `context` and the kept
/// columns.
#[derive(Serialize)]
struct Line<'r, 'a> {
    #[serde(flatten)]
    row: &'r Row<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    outside: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    context: Option<String>,
    #[serde(flatten)]
    kept: Kept<'r>,
}

/// Kept columns as JSON fields, in their order.
pub(super) struct Kept<'r> {
    pub names: &'r [String],
    pub values: &'r [String],
}

impl Serialize for Kept<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.names.len()))?;
        for (name, value) in self.names.iter().zip(self.values) {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::writer;
    use crate::Loader;
    use crate::{Scratch, Tagger};

    fn tagger() -> Tagger {
        let mut loader = Loader::new();
        loader.add_str(
            "t.csv",
            "id,type,name,aliases,country,lat,lon\n\
             t:alep,PLACE,Aleppo,Alep,SY,36.2,37.16\n\
             t:minus,ORG,-Moins,,,,\n",
        );
        Tagger::new(loader.finish().unwrap()).unwrap()
    }

    fn run(options: &OutputOptions, text: &str, columns: &[String]) -> String {
        let tagger = tagger();
        let mut tagged = Tagged::default();
        tagger.tag_into(text, &mut Scratch::default(), &mut tagged);
        let mut out = Vec::new();
        {
            let mut w = writer(&mut out, tagger.gazetteer(), options).unwrap();
            let doc = Doc { id: "=doc", text, columns };
            w.write(doc, &tagged).unwrap();
            w.finish().unwrap();
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn csv_rows_are_guarded_and_carry_context_and_kept_columns() {
        let mut o = OutputOptions::new(Format::Csv);
        o.context = Some(4);
        o.keep = vec!["url".into(), "text".into()];
        let out = run(&o, "Raids à Alep hier", &["=u".into(), "t".into()]);
        let mut lines = out.lines();
        let header = lines.next().unwrap();
        assert!(
            header.ends_with(",source,context,url,input_text"),
            "{header}"
        );
        assert_eq!(
            lines.next().unwrap(),
            "'=doc,8,12,9,13,Alep,PLACE,,Aleppo,t:alep,SY,36.2,37.16,\
             exact,1,1.0,,s à Alep hie,'=u,t"
        );
        o.raw = true;
        let out = run(&o, "Raids à Alep hier", &["=u".into(), "t".into()]);
        assert!(out.lines().nth(1).expect(&out).starts_with("=doc,"), "{out}");
    }

    #[test]
    fn jsonl_lines_carry_context_and_kept_columns_unguarded() {
        let mut o = OutputOptions::new(Format::Jsonl);
        o.context = Some(2);
        o.keep = vec!["url".into()];
        let out = run(&o, "à Alep.", &["=u".into()]);
        let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
        assert_eq!(v["doc"], "=doc");
        assert_eq!(v["context"], "à Alep.");
        assert_eq!(v["url"], "=u");
        assert_eq!(v["lat"], 36.2);
    }
}
