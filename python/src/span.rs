//! `gazetag.Span`: one row of `gazetag tag`'s CSV, without the `doc`
//! column, as a frozen Python object.

use gazetag::output::Row;
use pyo3::prelude::*;

/// A span of a tagged text: one row of `gazetag tag`'s CSV.
///
/// `start` and `end` are code point offsets, as Python slices strings
/// (`text[span.start:span.end] == span.text`); `byte_start` and
/// `byte_end` are UTF-8 byte offsets. `type` is PLACE, ORG, ACTOR or
/// PERSON; `match` is how the surface matched (`exact`, `folded`,
/// `translit` or `shape`); `candidates` is how many entities the surface
/// could name and `confidence` the probability of this one; `lat` and
/// `lon` are None when the entity has no coordinates, and the other text
/// fields are empty strings when the gazetteer leaves them empty.
#[pyclass(frozen, eq, module = "gazetag", get_all)]
#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    start: usize,
    end: usize,
    byte_start: usize,
    byte_end: usize,
    text: String,
    #[pyo3(name = "type")]
    kind: String,
    subtype: String,
    canonical: String,
    id: String,
    country: String,
    lat: Option<f64>,
    lon: Option<f64>,
    #[pyo3(name = "match")]
    rule: String,
    candidates: u32,
    confidence: f64,
    source: String,
}

impl Span {
    /// The span of a row.
    pub fn from_row(row: &Row<'_>) -> Span {
        Span {
            start: row.start,
            end: row.end,
            byte_start: row.byte_start,
            byte_end: row.byte_end,
            text: row.text.to_string(),
            kind: row.kind.to_string(),
            subtype: row.subtype.to_string(),
            canonical: row.canonical.to_string(),
            id: row.id.to_string(),
            country: row.country.to_string(),
            lat: row.lat,
            lon: row.lon,
            rule: row.rule.to_string(),
            candidates: row.candidates,
            confidence: confidence(row.confidence),
            source: row.source.to_string(),
        }
    }
}

/// A probability as the CSV writes it: the shortest decimal of the `f32`
/// (`0.833`, not `0.8330000042915344`).
pub fn confidence(p: f32) -> f64 {
    p.to_string().parse().unwrap_or(f64::from(p))
}

#[pymethods]
impl Span {
    /// The span's fields as a dict, in the CSV's column order.
    fn to_dict<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        let d = pyo3::types::PyDict::new(py);
        d.set_item("start", self.start)?;
        d.set_item("end", self.end)?;
        d.set_item("byte_start", self.byte_start)?;
        d.set_item("byte_end", self.byte_end)?;
        d.set_item("text", &self.text)?;
        d.set_item("type", &self.kind)?;
        d.set_item("subtype", &self.subtype)?;
        d.set_item("canonical", &self.canonical)?;
        d.set_item("id", &self.id)?;
        d.set_item("country", &self.country)?;
        d.set_item("lat", self.lat)?;
        d.set_item("lon", self.lon)?;
        d.set_item("match", &self.rule)?;
        d.set_item("candidates", self.candidates)?;
        d.set_item("confidence", self.confidence)?;
        d.set_item("source", &self.source)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        format!(
            "Span(start={}, end={}, text={:?}, type={:?}, canonical={:?}, id={:?})",
            self.start, self.end, self.text, self.kind, self.canonical, self.id
        )
    }
}
