//! The native part of the `gazetag` Python package (`gazetag._native`):
//! a thin layer over the `gazetag` library crate. The gazetteer options
//! are the command line's (`gazetag::setup`), and spans are the command
//! line's CSV rows (`gazetag::output::Row`), so Python gets, row for row,
//! what `gazetag tag` writes. The pure-Python package (`gazetag/`) adds
//! pandas and Spark on top.

mod arrow;
mod columns;
mod error;
mod gazetteer;
mod options;
mod span;
mod tagger;

use pyo3::prelude::*;

/// The native module: `Tagger`, `Span`, `Gazetteer`, `GazetteerError`
/// and the output column names.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<tagger::Tagger>()?;
    m.add_class::<span::Span>()?;
    m.add_class::<gazetteer::Gazetteer>()?;
    m.add("GazetteerError", m.py().get_type::<error::GazetteerError>())?;
    m.add("COLUMNS", gazetag::output::COLUMNS.to_vec())?;
    m.add("RULES_VERSION", gazetag::RULES_VERSION)?;
    Ok(())
}
