//! A GeoJSON FeatureCollection (RFC 7946) of the tagged entities that
//! have coordinates, `[lon, lat]` in that order as the RFC requires.
//!
//! What a Point feature stands for is [`By`] (`--by`):
//! - an entity (the default): its mention and document counts and the
//!   surfaces seen, written at the end of the run, most mentioned first;
//! - a document and an entity: the document (`doc`), the entity's
//!   mentions and surfaces in it, the kept input columns, and `date`, the
//!   ISO date of a kept `date` column when it reads as one (QGIS's
//!   temporal controller takes it), written as the documents come;
//! - a mention: its offsets, surface, match rule and confidence, with the
//!   document's kept columns and `date`.
//!
//! Every feature says in `geometry_kind` what its point is: `point` (the
//! place itself), `capital` (a country of the default set, placed on its
//! capital by GeoNames' data) or `largest_city` (a first-level subdivision
//! of the default set, placed on its most populous city).

use std::io::{self, Write};

use serde::Serialize;

use super::row::{Row, RowOptions};
use super::spans::Kept;
use super::summary::Tallies;
use super::{By, Doc, DocumentWriter, OutputOptions};
use crate::Gazetteer;
use crate::Tagged;

/// A GeoJSON Feature, its members in the RFC's order.
#[derive(Serialize)]
struct Feature<'a, P> {
    #[serde(rename = "type")]
    kind: &'static str,
    id: &'a str,
    geometry: Point,
    properties: P,
}

#[derive(Serialize)]
struct Point {
    #[serde(rename = "type")]
    kind: &'static str,
    /// Longitude first, then latitude (RFC 7946, section 3.1.1).
    coordinates: [f64; 2],
}

/// The properties of an entity's feature.
#[derive(Serialize)]
struct Properties<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    subtype: &'a str,
    country: &'a str,
    geometry_kind: &'static str,
    mentions: usize,
    documents: usize,
    surfaces: &'a [String],
}

/// The properties of a feature per document or per mention.
#[derive(Serialize)]
struct DocProperties<'a> {
    doc: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    id: &'a str,
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    subtype: &'a str,
    country: &'a str,
    geometry_kind: &'static str,
    /// Per document: the mentions and distinct surfaces in it.
    #[serde(skip_serializing_if = "Option::is_none")]
    mentions: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    surfaces: Option<&'a [String]>,
    /// Per mention.
    #[serde(flatten)]
    mention: Option<Mention<'a>>,
    #[serde(flatten)]
    kept: Kept<'a>,
}

/// What a mention's feature adds.
#[derive(Serialize)]
struct Mention<'a> {
    start: usize,
    end: usize,
    byte_start: usize,
    byte_end: usize,
    text: &'a str,
    #[serde(rename = "match")]
    rule: &'static str,
    confidence: f32,
}

/// The property names of features per document or mention: kept columns
/// of these names get an `input_` prefix.
const DOC_PROPERTIES: [&str; 17] = [
    "doc",
    "date",
    "id",
    "name",
    "type",
    "subtype",
    "country",
    "geometry_kind",
    "mentions",
    "surfaces",
    "start",
    "end",
    "byte_start",
    "byte_end",
    "text",
    "match",
    "confidence",
];

/// What the point of an entity stands for (see the module doc).
pub fn geometry_kind(id: &str, subtype: &str, source: &str) -> &'static str {
    if subtype == "country" && source.contains("geonames") {
        "capital"
    } else if id.starts_with("iso3166-2:") && source.contains("pycountry") {
        "largest_city"
    } else {
        "point"
    }
}

/// The ISO date (`YYYY-MM-DD`) of a date cell: `2024-05-01` (a time may
/// follow, after `T` or a space), `2024/05/01`, or day first as in
/// French, `01/05/2024` and `01.05.2024`. Anything else is no date.
pub fn iso_date(cell: &str) -> Option<String> {
    let cell = cell.trim();
    let head = cell.split(['T', ' ']).next()?;
    let parts: Vec<&str> = head.split(['-', '/', '.']).collect();
    let [a, b, c] = parts.as_slice() else { return None };
    let num = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (y, m, d) = if a.len() == 4 {
        (num(a)?, num(b)?, num(c)?)
    } else if c.len() == 4 && !head.contains('-') {
        (num(c)?, num(b)?, num(a)?)
    } else {
        return None;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (y >= 1 && (1..=days).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// `[lon, lat]` when both are known and in range.
fn point(lat: Option<f64>, lon: Option<f64>) -> Option<Point> {
    let (Some(lat), Some(lon)) = (lat, lon) else { return None };
    ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon))
        .then_some(Point { kind: "Point", coordinates: [lon, lat] })
}

pub(super) struct GeoJsonWriter<'g, W: Write> {
    w: W,
    gazetteer: &'g Gazetteer,
    by: By,
    all: Tallies,
    /// The output names of the kept columns.
    kept: Vec<String>,
    /// Which kept column is the `date`, if any.
    date: Option<usize>,
    /// Whether a feature was written (the next one needs a comma).
    any: bool,
    begun: bool,
}

impl<'g, W: Write> GeoJsonWriter<'g, W> {
    pub(super) fn new(
        w: W,
        gazetteer: &'g Gazetteer,
        options: &OutputOptions,
    ) -> GeoJsonWriter<'g, W> {
        let date =
            options.keep.iter().position(|k| k.eq_ignore_ascii_case("date"));
        GeoJsonWriter {
            w,
            gazetteer,
            by: options.geojson_by,
            all: Tallies::default(),
            kept: options.kept_names(&DOC_PROPERTIES),
            date,
            any: false,
            begun: false,
        }
    }

    /// Writes one feature.
    fn feature<P: Serialize>(
        &mut self,
        id: &str,
        geometry: Point,
        properties: P,
    ) -> io::Result<()> {
        let feature = Feature { kind: "Feature", id, geometry, properties };
        self.begin()?;
        self.w.write_all(if self.any { b",\n" } else { b"\n" })?;
        self.any = true;
        serde_json::to_writer(&mut self.w, &feature)?;
        Ok(())
    }

    fn begin(&mut self) -> io::Result<()> {
        if !self.begun {
            self.begun = true;
            self.w.write_all(
                b"{\"type\":\"FeatureCollection\",\"features\":[",
            )?;
        }
        Ok(())
    }
}

impl<W: Write> DocumentWriter for GeoJsonWriter<'_, W> {
    fn write(&mut self, doc: Doc<'_>, tagged: &Tagged) -> io::Result<()> {
        let g = self.gazetteer;
        let date = self.date.and_then(|i| iso_date(doc.columns.get(i)?));
        let kept = std::mem::take(&mut self.kept);
        let result = match self.by {
            By::Entity => {
                self.all.add_document(g, doc, tagged);
                Ok(())
            }
            By::Document => {
                let mut here = Tallies::default();
                here.add_document(g, doc, tagged);
                let mut result = Ok(());
                for (entry, tally) in here.in_order() {
                    let e = here.entry(g, entry);
                    let Some(geometry) = point(e.lat, e.lon) else { continue };
                    let fid = format!("{}#{}", doc.id, e.id);
                    let properties = DocProperties {
                        doc: doc.id,
                        date: date.clone(),
                        id: &e.id,
                        name: &e.name,
                        kind: e.kind.as_str(),
                        subtype: e.subtype.as_str(),
                        country: &e.country,
                        geometry_kind: geometry_kind(
                            &e.id,
                            e.subtype.as_str(),
                            &e.source,
                        ),
                        mentions: Some(tally.mentions),
                        surfaces: Some(&tally.surfaces),
                        mention: None,
                        kept: Kept { names: &kept, values: doc.columns },
                    };
                    result = self.feature(&fid, geometry, properties);
                    if result.is_err() {
                        break;
                    }
                }
                result
            }
            By::Mention => {
                let rows = Row::for_document(
                    doc.id,
                    doc.text,
                    tagged,
                    g,
                    RowOptions::default(),
                );
                let mut result = Ok(());
                for row in &rows {
                    let Some(geometry) = point(row.lat, row.lon) else {
                        continue;
                    };
                    let fid = format!("{}#{}", doc.id, row.byte_start);
                    let properties = DocProperties {
                        doc: doc.id,
                        date: date.clone(),
                        id: row.id,
                        name: row.canonical,
                        kind: row.kind,
                        subtype: row.subtype,
                        country: row.country,
                        geometry_kind: geometry_kind(
                            row.id,
                            row.subtype,
                            &row.source,
                        ),
                        mentions: None,
                        surfaces: None,
                        mention: Some(Mention {
                            start: row.start,
                            end: row.end,
                            byte_start: row.byte_start,
                            byte_end: row.byte_end,
                            text: row.text,
                            rule: row.rule,
                            confidence: row.confidence,
                        }),
                        kept: Kept { names: &kept, values: doc.columns },
                    };
                    result = self.feature(&fid, geometry, properties);
                    if result.is_err() {
                        break;
                    }
                }
                result
            }
        };
        self.kept = kept;
        result
    }

    fn flush(&mut self) -> io::Result<()> {
        self.w.flush()
    }

    fn finish(&mut self) -> io::Result<Vec<String>> {
        let all = std::mem::take(&mut self.all);
        for (entry, tally) in all.ranked() {
            let e = all.entry(self.gazetteer, entry);
            let Some(geometry) = point(e.lat, e.lon) else { continue };
            let properties = Properties {
                id: &e.id,
                name: &e.name,
                kind: e.kind.as_str(),
                subtype: e.subtype.as_str(),
                country: &e.country,
                geometry_kind: geometry_kind(
                    &e.id,
                    e.subtype.as_str(),
                    &e.source,
                ),
                mentions: tally.mentions,
                documents: tally.documents,
                surfaces: &tally.surfaces,
            };
            self.feature(&e.id, geometry, properties)?;
        }
        self.begin()?;
        self.w.write_all(b"\n]}\n")?;
        self.w.flush()?;
        Ok(Vec::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{writer, Format};
    use crate::Loader;
    use crate::{Scratch, Tagger};

    #[test]
    fn dates_read_as_iso() {
        for (cell, iso) in [
            ("2024-05-01", Some("2024-05-01")),
            ("2024-05-01T10:00:00Z", Some("2024-05-01")),
            ("2024-05-01 10:00", Some("2024-05-01")),
            ("2024/5/1", Some("2024-05-01")),
            ("01/05/2024", Some("2024-05-01")),
            ("31.12.2023", Some("2023-12-31")),
            (" 2024-02-29 ", Some("2024-02-29")),
            ("2023-02-29", None),
            ("2024-13-01", None),
            ("05/31/2024", None),
            ("01-05-2024", None),
            ("mai 2024", None),
            ("", None),
            ("2024", None),
        ] {
            assert_eq!(iso_date(cell).as_deref(), iso, "{cell:?}");
        }
    }

    #[test]
    fn geometry_kinds_follow_the_default_sets_conventions() {
        assert_eq!(
            geometry_kind("geonames:163843", "country", "geonames;cldr"),
            "capital"
        );
        assert_eq!(geometry_kind("my:sy", "country", "curated"), "point");
        assert_eq!(
            geometry_kind(
                "iso3166-2:SY-DI",
                "governorate",
                "pycountry;curated"
            ),
            "largest_city"
        );
        assert_eq!(
            geometry_kind("geonames:170063", "city", "geonames"),
            "point"
        );
    }

    fn run(
        by: By,
        keep: &[&str],
        docs: &[(&str, &str, &[&str])],
    ) -> serde_json::Value {
        let mut loader = Loader::new();
        loader.add_str(
            "t.csv",
            "id,type,subtype,name,aliases,country,lat,lon,source\n\
             geonames:170063,PLACE,city,Aleppo,Alep,SY,36.2,37.16,geonames\n\
             geonames:163843,PLACE,country,Syria,Syrie,SY,33.51,36.29,geonames;cldr\n\
             t:nowhere,ORG,,Nowhere Org,,,,,\n",
        );
        let tagger = Tagger::new(loader.finish().unwrap()).unwrap();
        let mut o = OutputOptions::new(Format::Geojson);
        o.geojson_by = by;
        o.keep = keep.iter().map(|k| k.to_string()).collect();
        let mut out = Vec::new();
        {
            let mut w = writer(&mut out, tagger.gazetteer(), &o).unwrap();
            for (id, text, cols) in docs {
                let mut tagged = Tagged::default();
                tagger.tag_into(text, &mut Scratch::default(), &mut tagged);
                let cols: Vec<String> =
                    cols.iter().map(|c| c.to_string()).collect();
                w.write(Doc { id, text, columns: &cols }, &tagged).unwrap();
            }
            w.finish().unwrap();
        }
        serde_json::from_slice(&out).unwrap()
    }

    #[test]
    fn features_per_document_carry_the_doc_its_columns_and_the_date() {
        let docs: &[(&str, &str, &[&str])] = &[
            (
                "a",
                "Alep et Alep, en Syrie. Nowhere Org.",
                &["01/05/2024", "x"],
            ),
            ("b", "Vers Alep.", &["hier", "y"]),
        ];
        let v = run(By::Document, &["date", "url"], docs);
        let f = v["features"].as_array().unwrap();
        assert_eq!(f.len(), 3, "{v}");
        assert_eq!(f[0]["id"], "a#geonames:170063");
        let p = &f[0]["properties"];
        assert_eq!(p["doc"], "a");
        assert_eq!(p["date"], "2024-05-01");
        assert_eq!(p["input_date"], "01/05/2024");
        assert_eq!(p["url"], "x");
        assert_eq!(p["mentions"], 2);
        assert_eq!(p["geometry_kind"], "point");
        assert_eq!(
            f[0]["geometry"]["coordinates"],
            serde_json::json!([37.16, 36.2])
        );
        assert_eq!(f[1]["properties"]["geometry_kind"], "capital");
        // No date that reads as one: no `date`, the cell all the same.
        let p = &f[2]["properties"];
        assert_eq!((p["doc"].as_str(), p.get("date")), (Some("b"), None));
        assert_eq!(p["input_date"], "hier");
    }

    #[test]
    fn features_per_mention_and_per_entity() {
        let docs: &[(&str, &str, &[&str])] =
            &[("a", "Alep et Alep, en Syrie.", &[]), ("b", "Vers Alep.", &[])];
        let v = run(By::Mention, &[], docs);
        let f = v["features"].as_array().unwrap();
        assert_eq!(f.len(), 4, "{v}");
        assert_eq!(f[1]["id"], "a#8");
        assert_eq!(f[1]["properties"]["text"], "Alep");
        assert_eq!(f[1]["properties"]["start"], 8);
        let v = run(By::Entity, &[], docs);
        let f = v["features"].as_array().unwrap();
        assert_eq!(f.len(), 2, "{v}");
        assert_eq!(f[0]["properties"]["mentions"], 3);
        assert_eq!(f[0]["properties"]["documents"], 2);
        let empty = run(By::Document, &[], &[]);
        assert_eq!(empty["features"], serde_json::json!([]));
    }
}
