//! Spans of many documents as Arrow buffers: for each column, the bytes
//! of an Arrow array (values, offsets, validity), which `gazetag.spark`
//! wraps with `pyarrow.Array.from_buffers` without making a Python
//! object per cell. The buffers are filled on the tagging threads.

use gazetag::output::Row;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyTuple};

use crate::span::confidence;

/// A UTF-8 column: 32-bit offsets and data, as Arrow's `string`.
#[derive(Default)]
struct Strings {
    offsets: Vec<u8>,
    data: Vec<u8>,
}

impl Strings {
    fn push(&mut self, s: &str) {
        if self.offsets.is_empty() {
            self.offsets.extend_from_slice(&0i32.to_le_bytes());
        }
        self.data.extend_from_slice(s.as_bytes());
        let end = i32::try_from(self.data.len()).unwrap_or(i32::MAX);
        self.offsets.extend_from_slice(&end.to_le_bytes());
    }

    fn append(&mut self, other: Strings) {
        if other.offsets.is_empty() {
            return;
        }
        if self.offsets.is_empty() {
            *self = other;
            return;
        }
        let base = i32::try_from(self.data.len()).unwrap_or(i32::MAX);
        for chunk in other.offsets[4..].chunks_exact(4) {
            let o =
                i32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
            self.offsets.extend_from_slice(&(base + o).to_le_bytes());
        }
        self.data.extend_from_slice(&other.data);
    }
}

/// A `float64` column with nulls.
#[derive(Default)]
struct Floats {
    values: Vec<u8>,
    valid: Vec<bool>,
}

impl Floats {
    fn push(&mut self, x: Option<f64>) {
        self.values.extend_from_slice(&x.unwrap_or(0.0).to_le_bytes());
        self.valid.push(x.is_some());
    }

    fn append(&mut self, other: Floats) {
        self.values.extend_from_slice(&other.values);
        self.valid.extend(other.valid);
    }

    /// Arrow's validity bitmap (least significant bit first), or None
    /// when every value is there.
    fn bitmap(&self) -> Option<Vec<u8>> {
        if self.valid.iter().all(|&v| v) {
            return None;
        }
        let mut bits = vec![0u8; self.valid.len().div_ceil(8)];
        for (i, _) in self.valid.iter().enumerate().filter(|(_, &v)| v) {
            bits[i / 8] |= 1 << (i % 8);
        }
        Some(bits)
    }
}

/// The columns of [`gazetag::output::COLUMNS`] (`doc` excepted) and
/// `doc_index`, as Arrow buffers.
#[derive(Default)]
pub struct ArrowColumns {
    rows: usize,
    ints: [Vec<u8>; 6],
    floats: [Floats; 3],
    strings: [Strings; 8],
}

const INTS: [&str; 6] =
    ["doc_index", "start", "end", "byte_start", "byte_end", "candidates"];
const FLOATS: [&str; 3] = ["lat", "lon", "confidence"];
const STRINGS: [&str; 8] = [
    "text",
    "type",
    "subtype",
    "canonical",
    "id",
    "country",
    "match",
    "source",
];

impl ArrowColumns {
    /// The columns of the rows of document `doc`.
    pub fn of(doc: usize, rows: &[Row<'_>]) -> ArrowColumns {
        let mut c = ArrowColumns::default();
        for row in rows {
            c.rows += 1;
            let ints = [
                doc,
                row.start,
                row.end,
                row.byte_start,
                row.byte_end,
                row.candidates as usize,
            ];
            for (col, v) in c.ints.iter_mut().zip(ints) {
                let v = i64::try_from(v).unwrap_or(i64::MAX);
                col.extend_from_slice(&v.to_le_bytes());
            }
            c.floats[0].push(row.lat);
            c.floats[1].push(row.lon);
            c.floats[2].push(Some(confidence(row.confidence)));
            let strings = [
                row.text,
                row.kind,
                row.subtype,
                row.canonical,
                row.id,
                row.country,
                row.rule,
                &row.source,
            ];
            for (col, s) in c.strings.iter_mut().zip(strings) {
                col.push(s);
            }
        }
        c
    }

    /// Appends `other`'s rows.
    pub fn append(&mut self, other: ArrowColumns) {
        self.rows += other.rows;
        for (a, b) in self.ints.iter_mut().zip(other.ints) {
            a.extend_from_slice(&b);
        }
        for (a, b) in self.floats.iter_mut().zip(other.floats) {
            a.append(b);
        }
        for (a, b) in self.strings.iter_mut().zip(other.strings) {
            a.append(b);
        }
    }

    /// `(rows, {name: (kind, buffers...)})`: kind `int64` with the
    /// values, `float64` with a validity bitmap (or None) and the values,
    /// `string` with the offsets and the data.
    pub fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyTuple>> {
        let d = PyDict::new(py);
        let bytes = |b: &[u8]| PyBytes::new(py, b).into_any();
        for (name, values) in INTS.iter().zip(&self.ints) {
            d.set_item(name, ("int64", bytes(values)))?;
        }
        for (name, col) in FLOATS.iter().zip(&self.floats) {
            let bitmap = col.bitmap().map(|b| bytes(&b));
            d.set_item(name, ("float64", bitmap, bytes(&col.values)))?;
        }
        for (name, col) in STRINGS.iter().zip(&self.strings) {
            let offsets = if col.offsets.is_empty() {
                0i32.to_le_bytes().to_vec()
            } else {
                col.offsets.clone()
            };
            d.set_item(name, ("string", bytes(&offsets), bytes(&col.data)))?;
        }
        PyTuple::new(
            py,
            [self.rows.into_pyobject(py)?.into_any(), d.into_any()],
        )
    }
}
