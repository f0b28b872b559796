//! An area of interest: the countries and the box of coordinates whose
//! places a user wants (`--countries SY,IQ,@levant`, `--bbox`).
//!
//! This module owns [`Area`] (of the country codes and named sets of the
//! `countries` module) and the step that keeps an ambiguous place's
//! candidates inside the area before disambiguation. Only places are ever
//! outside an area: organisations, armed actors and persons are always in
//! it. It knows nothing of text or matching.

use std::fmt;

use crate::countries::{country_code_of, country_sets, is_country_code};
use crate::gazetteer::{EntityType, Entry, Gazetteer};
use crate::mention::Resolution;

/// What is wrong with an area given on the command line.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AreaError {
    /// A code that is not ISO 3166-1 alpha-2.
    #[error("{0:?} is not an ISO 3166-1 alpha-2 country code{1}")]
    UnknownCode(String, String),
    /// A `@name` that no set has.
    #[error("no set of countries is named @{0} (the sets: {1})")]
    UnknownSet(String, String),
    /// Nothing between the commas.
    #[error("no country code given")]
    Empty,
    /// A box that is not four numbers in range.
    #[error("{0:?}: {1}")]
    BadBox(String, &'static str),
}

/// A box of coordinates, in decimal degrees. A box whose west edge is
/// east of its east edge crosses the antimeridian.
#[derive(Clone, Copy, Debug)]
pub struct BBox {
    /// Western edge (longitude).
    pub west: f64,
    /// Southern edge (latitude).
    pub south: f64,
    /// Eastern edge (longitude).
    pub east: f64,
    /// Northern edge (latitude).
    pub north: f64,
}

impl PartialEq for BBox {
    fn eq(&self, other: &BBox) -> bool {
        let bits =
            |b: &BBox| [b.west, b.south, b.east, b.north].map(f64::to_bits);
        bits(self) == bits(other)
    }
}

impl Eq for BBox {}

impl BBox {
    /// Parses `lon1,lat1,lon2,lat2` (west, south, east, north).
    pub fn parse(spec: &str) -> Result<BBox, AreaError> {
        let bad = |why| AreaError::BadBox(spec.to_string(), why);
        let numbers: Vec<f64> = spec
            .split(',')
            .map(|s| s.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .map_err(|_| bad("expected four numbers lon1,lat1,lon2,lat2"))?;
        let [west, south, east, north] = numbers[..] else {
            return Err(bad("expected four numbers lon1,lat1,lon2,lat2"));
        };
        if ![west, east].iter().all(|x| (-180.0..=180.0).contains(x)) {
            return Err(bad("longitudes must lie in -180..180"));
        }
        if ![south, north].iter().all(|y| (-90.0..=90.0).contains(y)) {
            return Err(bad("latitudes must lie in -90..90"));
        }
        if south > north {
            return Err(bad(
                "the first latitude (south) is north of the second",
            ));
        }
        Ok(BBox { west, south, east, north })
    }

    /// Whether the point is in the box (edges included).
    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        let lon_in = if self.west <= self.east {
            (self.west..=self.east).contains(&lon)
        } else {
            lon >= self.west || lon <= self.east
        };
        lon_in && (self.south..=self.north).contains(&lat)
    }
}

impl fmt::Display for BBox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{},{},{},{}", self.west, self.south, self.east, self.north)
    }
}

/// Where the places a user wants lie: some countries, a box of
/// coordinates, or both.
///
/// A place is in the area when every rule that can judge it says so: its
/// country is one of [`Area::countries`] (a place without a country is not
/// judged by this rule), and its coordinates lie in the box (a place
/// without coordinates is not judged by that one). Entries of other types
/// are always in the area.
///
/// ```
/// use gazetag_core::{Area, Loader};
///
/// let mut loader = Loader::new();
/// loader.add_str(
///     "t.csv",
///     "id,type,name,country,lat,lon\n\
///      lb,PLACE,Tripoli,LB,34.43,35.84\n\
///      ly,PLACE,Tripoli,LY,32.89,13.19\n",
/// );
/// let g = loader.finish().unwrap();
/// let area = Area::default().with_countries("lb,@levant").unwrap();
/// let inside: Vec<&str> =
///     g.iter().filter(|(_, e)| area.contains(e)).map(|(_, e)| &e.country[..]).collect();
/// assert_eq!(inside, ["LB"]);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Area {
    countries: Vec<String>,
    bbox: Option<BBox>,
}

impl Area {
    /// Adds countries from a comma-separated list of ISO 3166-1 alpha-2
    /// codes (any case) and `@name` sets (see [`crate::country_sets`]).
    pub fn with_countries(mut self, spec: &str) -> Result<Area, AreaError> {
        let mut added = false;
        for item in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            added = true;
            if let Some(name) = item.strip_prefix('@') {
                let sets = country_sets();
                let Some((_, codes)) =
                    sets.iter().find(|(n, _)| n.eq_ignore_ascii_case(name))
                else {
                    let names: Vec<String> =
                        sets.iter().map(|(n, _)| format!("@{n}")).collect();
                    return Err(AreaError::UnknownSet(
                        name.to_string(),
                        names.join(", "),
                    ));
                };
                self.countries.extend(codes.iter().map(|c| c.to_string()));
                continue;
            }
            let code = item.to_ascii_uppercase();
            if !is_country_code(&code) {
                let hint = match country_code_of(item) {
                    Some(c) => format!(" (did you mean {c}?)"),
                    None => String::new(),
                };
                return Err(AreaError::UnknownCode(item.to_string(), hint));
            }
            self.countries.push(code);
        }
        if !added {
            return Err(AreaError::Empty);
        }
        self.countries.sort();
        self.countries.dedup();
        Ok(self)
    }

    /// Sets the box of coordinates.
    pub fn with_bbox(mut self, bbox: BBox) -> Area {
        self.bbox = Some(bbox);
        self
    }

    /// The country codes of the area, sorted (empty: any country).
    pub fn countries(&self) -> &[String] {
        &self.countries
    }

    /// The box of the area, if any.
    pub fn bbox(&self) -> Option<BBox> {
        self.bbox
    }

    /// Whether `entry` is in the area: always for entries that are not
    /// places; for places, see [`Area`].
    pub fn contains(&self, entry: &Entry) -> bool {
        if entry.kind != EntityType::Place {
            return true;
        }
        if !self.countries.is_empty()
            && !entry.country.is_empty()
            && self.countries.binary_search(&entry.country).is_err()
        {
            return false;
        }
        match (self.bbox, entry.lon, entry.lat) {
            (Some(b), Some(lon), Some(lat)) => b.contains(lon, lat),
            _ => true,
        }
    }
}

/// What the tagger does with a place outside its area.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Outside {
    /// Leaves it out of the mentions.
    #[default]
    Drop,
    /// Keeps it (a writer may flag it with [`Area::contains`]).
    Keep,
}

/// Keeps the alternatives of each ambiguous mention that are in `area`,
/// when some are (`Tripoli` in Lebanon, not Libya, for `LB`): a mention
/// left with one alternative names it alone. A mention none of whose
/// alternatives is in the area is left as it is (its place is dropped or
/// flagged after disambiguation).
pub(crate) fn restrict(
    gazetteer: &Gazetteer,
    area: &Area,
    resolution: &mut Resolution,
) {
    let glen = gazetteer.len();
    let Resolution { found, alts, .. } = resolution;
    for f in found.iter_mut() {
        let (a, b) = (f.alts.0 as usize, f.alts.1 as usize);
        if f.candidates <= 1 || b <= a {
            continue;
        }
        let inside = |id: &crate::EntryId| {
            id.index() >= glen || area.contains(gazetteer.entry(*id))
        };
        let kept = alts[a..b].iter().filter(|id| inside(id)).count();
        if kept == 0 || kept == b - a {
            continue;
        }
        // A stable partition: the kept alternatives first, in gazetteer
        // order.
        let (mut ins, outs): (Vec<_>, Vec<_>) =
            alts[a..b].iter().partition(|id| inside(id));
        ins.extend(outs);
        alts[a..b].copy_from_slice(&ins);
        f.candidates -= (b - a - kept) as u32;
        f.alts.1 = (a + kept) as u32;
        if !inside(&f.entry) {
            f.entry = alts[a];
        }
        if f.candidates <= 1 {
            f.entry = alts[a];
            f.candidates = 1;
            f.alts = (f.alts.0, f.alts.0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Loader;

    fn gazetteer() -> Gazetteer {
        let mut loader = Loader::new();
        loader.add_str(
            "t.csv",
            "id,type,name,country,lat,lon,population\n\
             lb,PLACE,Tripoli,LB,34.43,35.84,200000\n\
             ly,PLACE,Tripoli,LY,32.89,13.19,1000000\n\
             river,PLACE,Euphrates,,,,\n\
             nowhere,PLACE,Somewhere,SY,,,\n\
             org,ORG,Red Crescent,EG,30.0,31.2,\n",
        );
        loader.finish().unwrap()
    }

    fn inside(area: &Area) -> Vec<String> {
        gazetteer()
            .iter()
            .filter(|(_, e)| area.contains(e))
            .map(|(_, e)| e.id.clone())
            .collect()
    }

    #[test]
    fn countries_are_codes_and_sets() {
        let table: &[(&str, Result<&[&str], &str>)] = &[
            ("SY,IQ", Ok(&["IQ", "SY"])),
            ("sy, iq ,", Ok(&["IQ", "SY"])),
            ("@levant", Ok(&["IL", "JO", "LB", "PS", "SY"])),
            ("@LEVANT,IQ", Ok(&["IL", "IQ", "JO", "LB", "PS", "SY"])),
            (
                "@syria-iraq",
                Ok(&["IL", "IQ", "IR", "JO", "LB", "PS", "SA", "SY", "TR"]),
            ),
            ("Syria", Err("\"Syria\" is not an ISO 3166-1 alpha-2 country code (did you mean SY?)")),
            ("SYR", Err("\"SYR\" is not an ISO 3166-1 alpha-2 country code")),
            ("ZZ", Err("\"ZZ\" is not an ISO 3166-1 alpha-2 country code")),
            (",", Err("no country code given")),
        ];
        for &(spec, want) in table {
            let got = Area::default().with_countries(spec);
            match (got, want) {
                (Ok(a), Ok(codes)) => {
                    assert_eq!(a.countries(), codes, "{spec}")
                }
                (Err(e), Err(msg)) => assert_eq!(e.to_string(), msg, "{spec}"),
                (got, want) => panic!("{spec}: {got:?}, wanted {want:?}"),
            }
        }
        let err = Area::default().with_countries("@nowhere").unwrap_err();
        assert!(err.to_string().contains("@levant"), "{err}");
    }

    #[test]
    fn every_set_holds_known_codes() {
        let sets = country_sets();
        assert!(sets.len() >= 4);
        for (name, codes) in sets {
            assert!(!codes.is_empty(), "@{name}");
            for c in codes {
                assert!(is_country_code(c), "@{name}: {c}");
            }
        }
    }

    #[test]
    fn places_are_judged_by_the_rules_that_can_judge_them() {
        let lb = Area::default().with_countries("LB").unwrap();
        assert_eq!(inside(&lb), ["lb", "river", "org"]);
        // Around Lebanon and Syria.
        let bbox = BBox::parse("35,32,43,38").unwrap();
        let boxed = Area::default().with_bbox(bbox);
        assert_eq!(inside(&boxed), ["lb", "river", "nowhere", "org"]);
        let both =
            Area::default().with_countries("LY").unwrap().with_bbox(bbox);
        assert_eq!(inside(&both), ["river", "org"]);
    }

    #[test]
    fn the_tagger_narrows_candidates_then_drops_or_keeps() {
        use crate::Tagger;
        let text = "Raids near Tripoli, said the Red Crescent.";
        let found = |area: Option<(&str, Outside)>| {
            let mut b = Tagger::builder();
            if let Some((spec, outside)) = area {
                let a = Area::default().with_countries(spec).unwrap();
                b.area(a, outside);
            }
            let t = b.build(gazetteer()).unwrap();
            t.tag(text)
                .iter()
                .map(|m| {
                    let e = t.gazetteer().entry(m.entry);
                    (e.id.clone(), m.candidates)
                })
                .collect::<Vec<_>>()
        };
        let ids = |v: &[(&str, u32)]| {
            v.iter().map(|&(i, n)| (i.to_string(), n)).collect::<Vec<_>>()
        };
        // The larger Tripoli by default.
        assert_eq!(found(None), ids(&[("ly", 2), ("org", 1)]));
        assert_eq!(
            found(Some(("LB", Outside::Drop))),
            ids(&[("lb", 1), ("org", 1)])
        );
        // Neither Tripoli is in Syria: dropped, or kept as it was; the
        // organisation (in Egypt) is never dropped.
        assert_eq!(found(Some(("SY", Outside::Drop))), ids(&[("org", 1)]));
        assert_eq!(
            found(Some(("SY", Outside::Keep))),
            ids(&[("ly", 2), ("org", 1)])
        );
    }

    #[test]
    fn boxes_parse_and_may_cross_the_antimeridian() {
        assert!(BBox::parse("-10,30,40,50").is_ok());
        for bad in ["1,2,3", "a,b,c,d", "0,10,5,5", "0,-95,5,5", "190,0,5,5"] {
            assert!(BBox::parse(bad).is_err(), "{bad}");
        }
        let pacific = BBox::parse("170,-20,-170,0").unwrap();
        assert!(pacific.contains(178.0, -10.0));
        assert!(pacific.contains(-175.0, -10.0));
        assert!(!pacific.contains(0.0, -10.0));
    }
}
