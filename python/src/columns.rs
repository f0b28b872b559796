//! Spans of many documents as columns (one Python list per CSV column,
//! plus `doc_index`, the position of each span's document in the input):
//! what `Tagger.tag_frame` and the Spark stage turn into a DataFrame or an
//! Arrow batch. Repeated strings (types, ids, names, sources) are made
//! into Python objects once per call, not once per span.

use std::collections::HashMap;

use gazetag::output::Row;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

use crate::span::confidence;

/// Python strings made once per distinct value.
#[derive(Default)]
struct Interner(HashMap<String, Py<PyString>>);

impl Interner {
    fn get(&mut self, py: Python<'_>, s: &str) -> Py<PyString> {
        if let Some(p) = self.0.get(s) {
            return p.clone_ref(py);
        }
        let p = PyString::new(py, s).unbind();
        self.0.insert(s.to_string(), p.clone_ref(py));
        p
    }
}

/// Columns being filled, in [`gazetag::output::COLUMNS`] order (`doc`
/// excepted: the caller knows its documents' names).
#[derive(Default)]
pub struct Columns {
    interned: Interner,
    doc_index: Vec<usize>,
    start: Vec<usize>,
    end: Vec<usize>,
    byte_start: Vec<usize>,
    byte_end: Vec<usize>,
    text: Vec<Py<PyString>>,
    kind: Vec<Py<PyString>>,
    subtype: Vec<Py<PyString>>,
    canonical: Vec<Py<PyString>>,
    id: Vec<Py<PyString>>,
    country: Vec<Py<PyString>>,
    lat: Vec<Option<f64>>,
    lon: Vec<Option<f64>>,
    rule: Vec<Py<PyString>>,
    candidates: Vec<u32>,
    confidence: Vec<f64>,
    source: Vec<Py<PyString>>,
}

impl Columns {
    /// Adds the rows of document `doc`.
    pub fn push(&mut self, py: Python<'_>, doc: usize, rows: &[Row<'_>]) {
        for row in rows {
            let mut s = |s: &str| self.interned.get(py, s);
            self.kind.push(s(row.kind));
            self.subtype.push(s(row.subtype));
            self.canonical.push(s(row.canonical));
            self.id.push(s(row.id));
            self.country.push(s(row.country));
            self.rule.push(s(row.rule));
            self.source.push(s(&row.source));
            self.text.push(PyString::new(py, row.text).unbind());
            self.doc_index.push(doc);
            self.start.push(row.start);
            self.end.push(row.end);
            self.byte_start.push(row.byte_start);
            self.byte_end.push(row.byte_end);
            self.lat.push(row.lat);
            self.lon.push(row.lon);
            self.candidates.push(row.candidates);
            self.confidence.push(confidence(row.confidence));
        }
    }

    /// The columns as a dict of lists.
    pub fn into_dict(self, py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("doc_index", PyList::new(py, self.doc_index)?)?;
        d.set_item("start", PyList::new(py, self.start)?)?;
        d.set_item("end", PyList::new(py, self.end)?)?;
        d.set_item("byte_start", PyList::new(py, self.byte_start)?)?;
        d.set_item("byte_end", PyList::new(py, self.byte_end)?)?;
        d.set_item("text", PyList::new(py, self.text)?)?;
        d.set_item("type", PyList::new(py, self.kind)?)?;
        d.set_item("subtype", PyList::new(py, self.subtype)?)?;
        d.set_item("canonical", PyList::new(py, self.canonical)?)?;
        d.set_item("id", PyList::new(py, self.id)?)?;
        d.set_item("country", PyList::new(py, self.country)?)?;
        d.set_item("lat", PyList::new(py, self.lat)?)?;
        d.set_item("lon", PyList::new(py, self.lon)?)?;
        d.set_item("match", PyList::new(py, self.rule)?)?;
        d.set_item("candidates", PyList::new(py, self.candidates)?)?;
        d.set_item("confidence", PyList::new(py, self.confidence)?)?;
        d.set_item("source", PyList::new(py, self.source)?)?;
        Ok(d)
    }
}
