//! Rows and their writers.

use std::borrow::Cow;

use serde::Serialize;

use crate::CharIndex;
use crate::Choice;
use crate::Offset;
use crate::Tagged;
use crate::{Entry, EntryId, Gazetteer};

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
    /// Where the entity's row comes from (several sources joined with
    /// [`SOURCE_JOINER`]).
    pub source: Cow<'a, str>,
    /// The entity (for writers that need more of it).
    #[serde(skip)]
    pub entry: &'a Entry,
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
        Row::for_part(doc, text, Offset::default(), tagged, gazetteer, options)
    }

    /// The rows of one part of a document, in mention order: `tagged`'s
    /// offsets are in `text`, which starts at `at` in the document; the
    /// rows' offsets are in the document.
    pub fn for_part(
        doc: &'a str,
        text: &'a str,
        at: Offset,
        tagged: &'a Tagged,
        gazetteer: &'a Gazetteer,
        options: RowOptions,
    ) -> Vec<Row<'a>> {
        let mut chars = CharIndex::new(text);
        let mut rows = Vec::with_capacity(tagged.mentions.len());
        for m in &tagged.mentions {
            let start = at.chars + chars.char_offset(m.span.start);
            let end = at.chars + chars.char_offset(m.span.end);
            let explain =
                options.explain.then(|| tagged.explain(gazetteer, m));
            let choices = tagged.choices_of(m);
            let row = |entry: EntryId, confidence: f32, explain| {
                let e = tagged.entry(gazetteer, entry);
                Row {
                    doc,
                    start,
                    end,
                    byte_start: at.bytes + m.span.start,
                    byte_end: at.bytes + m.span.end,
                    text: &text[m.span.start..m.span.end],
                    kind: e.kind.as_str(),
                    subtype: e.subtype.as_str(),
                    canonical: &e.name,
                    id: &e.id,
                    country: &e.country,
                    lat: e.lat,
                    lon: e.lon,
                    rule: m.rule.as_str(),
                    candidates: m.candidates,
                    confidence: round(confidence),
                    source: joined_sources(&e.source),
                    entry: e,
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

/// What joins the sources of an entity in the `source` column: no
/// spreadsheet of any locale takes it for a list separator (`,` `;` tab,
/// and `|` for some), so a row never splits into more cells (#16).
pub const SOURCE_JOINER: char = '+';

/// What separates the sources of an entity in gazetteer files (and the
/// `source` column before #16).
pub const SOURCE_SEPARATORS: [char; 2] = [';', '|'];

/// `source` as written in the output: the sources of a gazetteer row
/// (`geonames;curated`) joined with [`SOURCE_JOINER`] (`geonames+curated`).
pub fn joined_sources(source: &str) -> Cow<'_, str> {
    if source.contains(SOURCE_SEPARATORS) {
        Cow::Owned(source.replace(SOURCE_SEPARATORS, "+"))
    } else {
        Cow::Borrowed(source)
    }
}

/// Three decimals are plenty for a probability in a spreadsheet.
fn round(p: f32) -> f32 {
    (p * 1000.0).round() / 1000.0
}

/// The text around a span: `n` characters either side of it, the span
/// included, with runs of white space collapsed to one space and the ends
/// trimmed (the `context` column).
pub fn context(text: &str, start: usize, end: usize, n: usize) -> String {
    let before = text[..start]
        .char_indices()
        .rev()
        .take(n)
        .last()
        .map_or(start, |(i, _)| i);
    let after =
        text[end..].char_indices().nth(n).map_or(text.len(), |(i, _)| end + i);
    let mut out = String::with_capacity(after - before);
    let mut space = false;
    for c in text[before..after].chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_joined_with_a_plus() {
        assert_eq!(
            joined_sources("geonames;cldr;pycountry"),
            "geonames+cldr+pycountry"
        );
        assert_eq!(joined_sources("geonames|curated"), "geonames+curated");
        assert!(matches!(joined_sources("curated"), Cow::Borrowed("curated")));
        assert_eq!(joined_sources(""), "");
    }

    #[test]
    fn context_takes_n_chars_either_side_and_collapses_space() {
        let text = "Raids\n\n  près de   Mayadine, à l’est.";
        let at = text.find("Mayadine").unwrap();
        let end = at + "Mayadine".len();
        assert_eq!(context(text, at, end, 8), "ès de Mayadine, à l’es");
        assert_eq!(context(text, at, end, 0), "Mayadine");
        assert_eq!(
            context(text, at, end, 1000),
            "Raids près de Mayadine, à l’est."
        );
        assert_eq!(context("حلب", 0, 6, 3), "حلب");
    }
}
