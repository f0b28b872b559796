//! `gazetag gazetteer lookup NAME...`: the entities a name or spelling
//! would match, from the embedded set, `-g` files or a pack.
//!
//! The library does the looking up ([`gazetag::Tagger::lookup`]); this
//! module loads the gazetteers as `tag` does and prints the result as a
//! table, CSV or JSON lines.

use std::io::{self, Write};

use anyhow::Result;
use serde::Serialize;

use gazetag::{Lookup, Tagger};

use gazetag::setup::Gazetteers;

use super::Outcome;
use crate::cli::{LookupArgs, LookupFormat};

/// At most this many aliases of an entity are shown in the table.
const SHOWN_ALIASES: usize = 12;

/// One row of the CSV and JSON lines output.
#[derive(Serialize)]
struct Row<'a> {
    query: &'a str,
    folded: &'a str,
    key: &'a str,
    #[serde(rename = "match")]
    rule: &'static str,
    alias: &'a str,
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    subtype: &'a str,
    name: &'a str,
    country: &'a str,
    lat: Option<f64>,
    lon: Option<f64>,
    aliases: String,
    source: &'a str,
}

pub(super) fn run(args: &LookupArgs) -> Result<Outcome> {
    let builder = Tagger::builder();
    let source = match &args.pack {
        Some(name) => Gazetteers::Pack(name.clone()),
        None => Gazetteers::Files {
            paths: args.gazetteers.clone(),
            with_default: args.with_default,
        },
    };
    let tagger = source.tagger(&builder, &mut |w| {
        eprintln!("gazetag: warning: {w}");
    })?;
    let lookups: Vec<Lookup> =
        args.names.iter().map(|n| tagger.lookup(n)).collect();
    let mut out = io::stdout().lock();
    match args.format {
        LookupFormat::Table => table(&mut out, &tagger, &lookups)?,
        LookupFormat::Csv | LookupFormat::Jsonl => {
            rows(&mut out, &tagger, &lookups, args.format)?
        }
    }
    out.flush()?;
    // Freed by the exit (see `tag`).
    std::mem::forget(tagger);
    Ok(if lookups.iter().all(|l| l.found.is_empty()) {
        Outcome::SomeInputsFailed
    } else {
        Outcome::Clean
    })
}

/// The aliases of each entity a lookup found, from the gazetteer when it
/// holds them, else from the matcher (a compiled index).
fn aliases(tagger: &Tagger, lookup: &Lookup) -> Vec<Vec<String>> {
    let g = tagger.gazetteer();
    let missing: Vec<_> = lookup
        .found
        .iter()
        .map(|h| h.entry)
        .filter(|&e| g.entry(e).aliases.is_empty())
        .collect();
    let mut from_matcher = tagger.aliases_of(&missing).into_iter();
    lookup
        .found
        .iter()
        .map(|h| {
            let e = g.entry(h.entry);
            if e.aliases.is_empty() {
                from_matcher.next().unwrap_or_default()
            } else {
                e.aliases.iter().map(|a| a.text.clone()).collect()
            }
        })
        .collect()
}

fn table(
    out: &mut impl Write,
    tagger: &Tagger,
    lookups: &[Lookup],
) -> io::Result<()> {
    let g = tagger.gazetteer();
    for (i, l) in lookups.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let n = l.found.len();
        writeln!(
            out,
            "{}: {} {} (folded {:?}, key {:?})",
            l.name,
            n,
            if n == 1 { "entity" } else { "entities" },
            l.folded,
            l.key
        )?;
        for (h, aliases) in l.found.iter().zip(aliases(tagger, l)) {
            let e = g.entry(h.entry);
            let mut kind = e.kind.as_str().to_string();
            if !e.subtype.is_empty() {
                kind = format!("{kind}/{}", e.subtype);
            }
            writeln!(out, "  {}  {kind}  {}", e.id, e.name)?;
            let mut facts = Vec::new();
            if !e.country.is_empty() {
                facts.push(format!("country {}", e.country));
            }
            if let (Some(lat), Some(lon)) = (e.lat, e.lon) {
                facts.push(format!("at {lat}, {lon}"));
            }
            if !e.source.is_empty() {
                facts.push(format!("source {}", e.source));
            }
            if !facts.is_empty() {
                writeln!(out, "    {}", facts.join(" · "))?;
            }
            let mut how =
                format!("{} match of {:?}", h.rule.as_str(), h.alias);
            if h.exact_case {
                how.push_str(" (case-exact)");
            }
            if h.needs_context {
                how.push_str(" (needs context in the document)");
            }
            writeln!(out, "    {how}")?;
            let mut shown: Vec<&str> = aliases
                .iter()
                .take(SHOWN_ALIASES)
                .map(String::as_str)
                .collect();
            let more = aliases.len().saturating_sub(SHOWN_ALIASES);
            let more = if more > 0 {
                format!(" (and {more} more)")
            } else {
                String::new()
            };
            if shown.is_empty() {
                shown.push("-");
            }
            writeln!(out, "    aliases: {}{more}", shown.join(" | "))?;
        }
    }
    Ok(())
}

fn rows(
    out: &mut impl Write,
    tagger: &Tagger,
    lookups: &[Lookup],
    format: LookupFormat,
) -> Result<()> {
    let g = tagger.gazetteer();
    let mut csv = (format == LookupFormat::Csv)
        .then(|| csv::Writer::from_writer(Vec::new()));
    for l in lookups {
        for (h, aliases) in l.found.iter().zip(aliases(tagger, l)) {
            let e = g.entry(h.entry);
            let row = Row {
                query: &l.name,
                folded: &l.folded,
                key: &l.key,
                rule: h.rule.as_str(),
                alias: &h.alias,
                id: &e.id,
                kind: e.kind.as_str(),
                subtype: e.subtype.as_str(),
                name: &e.name,
                country: &e.country,
                lat: e.lat,
                lon: e.lon,
                aliases: aliases.join("|"),
                source: &e.source,
            };
            match &mut csv {
                Some(w) => w.serialize(&row)?,
                None => {
                    serde_json::to_writer(&mut *out, &row)?;
                    out.write_all(b"\n")?;
                }
            }
        }
    }
    if let Some(w) = csv {
        let mut bytes = w.into_inner().map_err(|e| e.into_error())?;
        if bytes.is_empty() {
            // No row: the header alone.
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record([
                "query", "folded", "key", "match", "alias", "id", "type",
                "subtype", "name", "country", "lat", "lon", "aliases",
                "source",
            ])?;
            bytes = w.into_inner().map_err(|e| e.into_error())?;
        }
        out.write_all(&bytes)?;
    }
    Ok(())
}
