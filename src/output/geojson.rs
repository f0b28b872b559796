//! A GeoJSON FeatureCollection (RFC 7946) of the tagged entities that
//! have coordinates: one Point feature per entity, `[lon, lat]` in that
//! order as the RFC requires, with the mention and document counts and
//! the surfaces seen as properties. Written at the end of the run, most
//! mentioned first.

use std::io::{self, Write};

use serde::Serialize;

use super::summary::Tallies;
use super::{Doc, DocumentWriter};
use crate::Gazetteer;
use crate::Tagged;

/// A GeoJSON Feature, its members in the RFC's order.
#[derive(Serialize)]
struct Feature<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    id: &'a str,
    geometry: Point,
    properties: Properties<'a>,
}

#[derive(Serialize)]
struct Point {
    #[serde(rename = "type")]
    kind: &'static str,
    /// Longitude first, then latitude (RFC 7946, section 3.1.1).
    coordinates: [f64; 2],
}

#[derive(Serialize)]
struct Properties<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    subtype: &'a str,
    country: &'a str,
    mentions: usize,
    documents: usize,
    surfaces: &'a [String],
}

pub(super) struct GeoJsonWriter<'g, W: Write> {
    w: W,
    gazetteer: &'g Gazetteer,
    all: Tallies,
}

impl<'g, W: Write> GeoJsonWriter<'g, W> {
    pub(super) fn new(w: W, gazetteer: &'g Gazetteer) -> GeoJsonWriter<'g, W> {
        GeoJsonWriter { w, gazetteer, all: Tallies::default() }
    }
}

impl<W: Write> DocumentWriter for GeoJsonWriter<'_, W> {
    fn write(&mut self, doc: Doc<'_>, tagged: &Tagged) -> io::Result<()> {
        self.all.add_document(self.gazetteer, doc, tagged);
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        // Nothing is written before the end.
        Ok(())
    }

    fn finish(&mut self) -> io::Result<Vec<String>> {
        let w = &mut self.w;
        w.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[")?;
        let mut first = true;
        for (entry, tally) in self.all.ranked() {
            let e = self.all.entry(self.gazetteer, entry);
            let (Some(lat), Some(lon)) = (e.lat, e.lon) else { continue };
            if !(-90.0..=90.0).contains(&lat)
                || !(-180.0..=180.0).contains(&lon)
            {
                continue;
            }
            let feature = Feature {
                kind: "Feature",
                id: &e.id,
                geometry: Point { kind: "Point", coordinates: [lon, lat] },
                properties: Properties {
                    id: &e.id,
                    name: &e.name,
                    kind: e.kind.as_str(),
                    subtype: e.subtype.as_str(),
                    country: &e.country,
                    mentions: tally.mentions,
                    documents: tally.documents,
                    surfaces: &tally.surfaces,
                },
            };
            w.write_all(if first { b"\n" } else { b",\n" })?;
            first = false;
            serde_json::to_writer(&mut *w, &feature)?;
        }
        w.write_all(b"\n]}\n")?;
        w.flush()?;
        Ok(Vec::new())
    }
}
