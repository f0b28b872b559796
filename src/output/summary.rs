//! Summaries: one CSV row per (document, entity), or with `--by entity`
//! one row per entity across all documents.
//!
//! Per document, rows come in the order each entity is first seen, and
//! are written when the document ends (memory holds one document's
//! entities). Across documents, rows are written at the end, most
//! mentioned entities first (ties in order of first appearance).

use std::collections::HashMap;
use std::io::{self, Write};

use super::sheet::{truncation_note, Cell, SheetWriter};
use super::{Doc, DocumentWriter, OutputOptions};
use crate::CharIndex;
use crate::Tagged;
use crate::{EntityType, Entry, EntryId, Gazetteer};

/// The columns of the per-document summary (kept columns follow).
pub const DOCUMENT_COLUMNS: [&str; 12] = [
    "doc",
    "id",
    "type",
    "subtype",
    "canonical",
    "country",
    "lat",
    "lon",
    "count",
    "first_start",
    "first_byte_start",
    "surfaces",
];

/// The columns of the summary by entity.
pub const ENTITY_COLUMNS: [&str; 11] = [
    "id",
    "type",
    "subtype",
    "canonical",
    "country",
    "lat",
    "lon",
    "mentions",
    "documents",
    "first_doc",
    "surfaces",
];

/// Distinct surface forms are joined with this.
pub const SURFACE_SEPARATOR: &str = " | ";

/// What is known of one entity in one document, or across documents.
#[derive(Clone, Debug, Default)]
pub(super) struct Tally {
    pub mentions: usize,
    pub documents: usize,
    /// Byte offset of the first mention (per document).
    pub first_byte: usize,
    /// The first document it was seen in (across documents).
    pub first_doc: String,
    /// Distinct surfaces, in the order seen.
    pub surfaces: Vec<String>,
}

impl Tally {
    fn add_surface(&mut self, s: &str) {
        if !self.surfaces.iter().any(|x| x == s) {
            self.surfaces.push(s.to_string());
        }
    }
}

/// Entities in order of first appearance, with their tallies.
#[derive(Debug, Default)]
pub(super) struct Tallies {
    pub order: Vec<EntryId>,
    pub by_entry: HashMap<EntryId, Tally>,
    /// The entities found by shape, across documents: one per type and
    /// name, numbered after the gazetteer's entries.
    found: Vec<Entry>,
    found_ids: HashMap<(EntityType, String), EntryId>,
}

impl Tallies {
    /// The entry of an id of these tallies.
    pub fn entry<'a>(&'a self, g: &'a Gazetteer, id: EntryId) -> &'a Entry {
        match id.index().checked_sub(g.len()) {
            None => g.entry(id),
            Some(i) => &self.found[i],
        }
    }

    /// Counts the chosen entity of each mention of one document.
    pub fn add_document(
        &mut self,
        g: &Gazetteer,
        doc: Doc<'_>,
        tagged: &Tagged,
    ) {
        let mut seen_here: Vec<EntryId> = Vec::new();
        for m in &tagged.mentions {
            // An entity found by shape is the same across documents when
            // its type and name are.
            let id = if m.entry.index() < g.len() {
                m.entry
            } else {
                let e = tagged.entry(g, m.entry);
                let next = EntryId((g.len() + self.found.len()) as u32);
                *self.found_ids.entry((e.kind, e.name.clone())).or_insert_with(
                    || {
                        self.found.push(e.clone());
                        next
                    },
                )
            };
            let tally = self.by_entry.entry(id).or_insert_with(|| {
                self.order.push(id);
                Tally {
                    first_byte: m.span.start,
                    first_doc: doc.id.to_string(),
                    ..Tally::default()
                }
            });
            tally.mentions += 1;
            if !seen_here.contains(&id) {
                seen_here.push(id);
                tally.documents += 1;
            }
            tally.add_surface(&doc.text[m.span.start..m.span.end]);
        }
    }

    /// Entities by mentions, most first, ties in order of appearance.
    pub fn ranked(&self) -> Vec<(EntryId, &Tally)> {
        let mut all: Vec<(EntryId, &Tally)> =
            self.order.iter().map(|e| (*e, &self.by_entry[e])).collect();
        all.sort_by_key(|(_, t)| std::cmp::Reverse(t.mentions));
        all
    }

    /// Entities in order of first appearance.
    pub fn in_order(&self) -> impl Iterator<Item = (EntryId, &Tally)> {
        self.order.iter().map(|e| (*e, &self.by_entry[e]))
    }
}

pub(super) struct SummaryWriter<'g, W: Write> {
    sheet: SheetWriter<W>,
    gazetteer: &'g Gazetteer,
    by_entity: bool,
    all: Tallies,
}

impl<'g, W: Write> SummaryWriter<'g, W> {
    pub(super) fn new(
        w: W,
        gazetteer: &'g Gazetteer,
        options: &OutputOptions,
    ) -> io::Result<SummaryWriter<'g, W>> {
        let mut sheet = SheetWriter::new(
            w,
            options.delimiter,
            options.safety(),
            options.bom,
        )?;
        if options.by_entity {
            sheet.header(ENTITY_COLUMNS)?;
        } else {
            let kept = options.kept_names(&DOCUMENT_COLUMNS);
            sheet.header(
                DOCUMENT_COLUMNS
                    .iter()
                    .copied()
                    .chain(kept.iter().map(String::as_str)),
            )?;
        }
        Ok(SummaryWriter {
            sheet,
            gazetteer,
            by_entity: options.by_entity,
            all: Tallies::default(),
        })
    }
}

/// The entity cells shared by both summaries: id to lon.
fn entity_cells(e: &Entry) -> Vec<Cell<'_>> {
    vec![
        Cell::text(e.id.as_str()),
        Cell::text(e.kind.as_str()),
        Cell::text(e.subtype.as_str()),
        Cell::text(e.name.as_str()),
        Cell::text(e.country.as_str()),
        Cell::float(e.lat),
        Cell::float(e.lon),
    ]
}

impl<W: Write> DocumentWriter for SummaryWriter<'_, W> {
    fn write(&mut self, doc: Doc<'_>, tagged: &Tagged) -> io::Result<()> {
        if self.by_entity {
            self.all.add_document(self.gazetteer, doc, tagged);
            return Ok(());
        }
        let mut here = Tallies::default();
        here.add_document(self.gazetteer, doc, tagged);
        let mut chars = CharIndex::new(doc.text);
        for (entry, tally) in here.in_order() {
            let mut cells = vec![Cell::text(doc.id)];
            cells.extend(entity_cells(here.entry(self.gazetteer, entry)));
            cells.push(Cell::int(tally.mentions as u64));
            let first_char = chars.char_offset(tally.first_byte);
            cells.push(Cell::int(first_char as u64));
            cells.push(Cell::int(tally.first_byte as u64));
            cells.push(Cell::text(tally.surfaces.join(SURFACE_SEPARATOR)));
            cells.extend(doc.columns.iter().map(|c| Cell::text(c.as_str())));
            self.sheet.write(&cells)?;
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.sheet.flush()
    }

    fn finish(&mut self) -> io::Result<Vec<String>> {
        if self.by_entity {
            let all = std::mem::take(&mut self.all);
            for (entry, tally) in all.ranked() {
                let mut cells = entity_cells(all.entry(self.gazetteer, entry));
                cells.push(Cell::int(tally.mentions as u64));
                cells.push(Cell::int(tally.documents as u64));
                cells.push(Cell::text(tally.first_doc.as_str()));
                cells.push(Cell::text(tally.surfaces.join(SURFACE_SEPARATOR)));
                self.sheet.write(&cells)?;
            }
        }
        self.sheet.flush()?;
        Ok(truncation_note(self.sheet.truncated()).into_iter().collect())
    }
}
