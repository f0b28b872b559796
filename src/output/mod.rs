//! Writing mentions as rows: CSV, TSV or JSON lines.
//!
//! This module owns the output columns, the conversion of byte offsets to
//! code point offsets, and one writer per format behind [`RowWriter`]. It
//! knows nothing of matching or of where documents come from.

mod row;

pub use row::{Format, Row, RowOptions, RowWriter, COLUMNS};
