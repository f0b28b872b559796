//! `gazetag discover`: the names found by shape across a corpus, written
//! as gazetteer rows for an analyst to review.
//!
//! One row per entity (type and name), most mentioned first: the
//! gazetteer columns (`id`, `type`, `subtype`, `name`, `aliases`,
//! `country`, `source`) and, for the review, `mentions`, `documents` and a
//! `context` snippet of the first mention. `gazetteer check` and `-g`
//! read the file as written (the review columns are ignored); the aliases
//! are every other surface seen, a short form (`Brennan`) marked `?` so
//! that it needs context, as it did in the text.

use std::collections::HashMap;
use std::io::{self, Write};

use super::{context, Doc, DocumentWriter};
use crate::{EntityType, Gazetteer, MatchRule, Tagged};

/// The columns of a discovered row.
pub const COLUMNS: [&str; 10] = [
    "id",
    "type",
    "subtype",
    "name",
    "aliases",
    "country",
    "source",
    "mentions",
    "documents",
    "context",
];

/// Characters of context either side of the first mention.
const CONTEXT: usize = 60;

#[derive(Debug, Default)]
struct Found {
    kind: Option<EntityType>,
    name: String,
    /// Surfaces in the order seen, and whether each is a short form.
    surfaces: Vec<(String, bool)>,
    country: String,
    source: String,
    mentions: u64,
    documents: u64,
    context: String,
    first: usize,
}

pub(super) struct DiscoverWriter<'g, W: Write> {
    w: W,
    gazetteer: &'g Gazetteer,
    /// `--delimiter`: `,`, or `;` or a tab, which the gazetteer loader
    /// also reads.
    delimiter: u8,
    found: Vec<Found>,
    index: HashMap<(EntityType, String), usize>,
}

impl<'g, W: Write> DiscoverWriter<'g, W> {
    pub(super) fn new(w: W, gazetteer: &'g Gazetteer, delimiter: u8) -> Self {
        DiscoverWriter {
            w,
            gazetteer,
            delimiter,
            found: Vec::new(),
            index: HashMap::new(),
        }
    }
}

impl<W: Write> DocumentWriter for DiscoverWriter<'_, W> {
    fn write(&mut self, doc: Doc<'_>, tagged: &Tagged) -> io::Result<()> {
        let g = self.gazetteer;
        let mut here: Vec<usize> = Vec::new();
        for m in &tagged.mentions {
            if !matches!(m.rule, MatchRule::Shape | MatchRule::Short)
                || m.entry.index() < g.len()
            {
                continue;
            }
            let e = tagged.entry(g, m.entry);
            let key = (e.kind, e.name.to_lowercase());
            let next = self.found.len();
            let i = *self.index.entry(key).or_insert(next);
            if i == next {
                self.found.push(Found {
                    kind: Some(e.kind),
                    name: e.name.clone(),
                    country: e.country.clone(),
                    source: e.source.clone(),
                    context: context(
                        doc.text,
                        m.span.start,
                        m.span.end,
                        CONTEXT,
                    ),
                    first: self.found.len(),
                    ..Found::default()
                });
            }
            let f = &mut self.found[i];
            f.mentions += 1;
            if !here.contains(&i) {
                here.push(i);
                f.documents += 1;
            }
            if f.country.is_empty() {
                f.country.clone_from(&e.country);
            }
            let surface: String = doc.text[m.span.start..m.span.end]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let short = m.rule == MatchRule::Short;
            if !f.surfaces.iter().any(|(s, _)| *s == surface) {
                f.surfaces.push((surface, short));
            }
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }

    fn finish(&mut self) -> io::Result<Vec<String>> {
        let mut order: Vec<&Found> = self.found.iter().collect();
        order.sort_by_key(|f| {
            (
                std::cmp::Reverse(f.mentions),
                std::cmp::Reverse(f.documents),
                f.first,
            )
        });
        let mut csv = csv::WriterBuilder::new()
            .delimiter(self.delimiter)
            .from_writer(&mut self.w);
        csv.write_record(COLUMNS)?;
        let mut ids: HashMap<String, usize> = HashMap::new();
        for f in order {
            let kind = f.kind.unwrap_or(EntityType::Place);
            let base = format!(
                "discover:{}/{}",
                kind.as_str().to_lowercase(),
                slug(&f.name)
            );
            let n = ids.entry(base.clone()).or_insert(0);
            *n += 1;
            let id = if *n == 1 { base } else { format!("{base}-{n}") };
            let aliases: Vec<String> = f
                .surfaces
                .iter()
                .filter(|(s, _)| *s != f.name)
                .map(
                    |(s, short)| {
                        if *short {
                            format!("?{s}")
                        } else {
                            s.clone()
                        }
                    },
                )
                .collect();
            csv.write_record([
                id.as_str(),
                kind.as_str(),
                "",
                &f.name,
                &aliases.join("|"),
                &f.country,
                &f.source,
                &f.mentions.to_string(),
                &f.documents.to_string(),
                &f.context,
            ])?;
        }
        csv.flush()?;
        drop(csv);
        self.w.flush()?;
        Ok(Vec::new())
    }
}

/// A name as an id part: lower-case letters and digits, runs of anything
/// else as one `-`.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slugs() {
        assert_eq!(slug("Sean Brennan"), "sean-brennan");
        assert_eq!(slug("17th Division"), "17th-division");
        assert_eq!(
            slug("ministère de l'Intérieur"),
            "ministère-de-l-intérieur"
        );
        assert_eq!(slug("أحمد الحسن"), "أحمد-الحسن");
    }
}
