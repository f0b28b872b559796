//! Library errors as Python exceptions: a gazetteer error becomes
//! `gazetag.GazetteerError` (a `ValueError`) with the command line's
//! message and the file, line and field of its first problem; an unreadable
//! file an `OSError`; anything else a `ValueError`, with its context chain
//! as the command line prints it.

use gazetag::{GazetteerErrorKind, LoadErrors};
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

pyo3::create_exception!(
    gazetag,
    GazetteerError,
    PyValueError,
    "A gazetteer file is invalid. `file`, `line` (1-based, 0 for the \
     whole file) and `field` (the column, or None) locate the first \
     problem; `errors` lists every problem as (file, line, field, \
     message) tuples. The message is the command line's."
);

/// The column a problem is about, when it is about one.
fn field_of(kind: &GazetteerErrorKind) -> Option<&'static str> {
    use GazetteerErrorKind as K;
    match kind {
        K::Io(_) | K::Csv(_) | K::Empty => None,
        K::MissingColumn(field)
        | K::EmptyField { field }
        | K::BadNumber { field, .. }
        | K::NormalizesToNothing { field, .. } => Some(field),
        K::BadType(_) => Some("type"),
        K::BadFlag(_) => Some("flags"),
        K::EmptyAlias(_) => Some("aliases"),
        K::DuplicateId { .. } | K::UnknownId(_) => Some("id"),
    }
}

/// `errors` as a `GazetteerError`.
pub fn gazetteer_error(py: Python<'_>, errors: &LoadErrors) -> PyErr {
    let err = GazetteerError::new_err(errors.to_string());
    let value = err.value(py);
    let all: Vec<(String, u64, Option<&str>, String)> = errors
        .0
        .iter()
        .map(|e| {
            (e.path.clone(), e.line, field_of(&e.kind), e.kind.to_string())
        })
        .collect();
    let first = all.first().cloned();
    let set = || -> PyResult<()> {
        let (file, line, field) = match &first {
            Some((f, l, fi, _)) => (Some(f.clone()), *l, *fi),
            None => (None, 0, None),
        };
        value.setattr("file", file)?;
        value.setattr("line", line)?;
        value.setattr("field", field)?;
        let tuples: Vec<Bound<'_, PyTuple>> = all
            .iter()
            .map(|t| {
                PyTuple::new(
                    py,
                    [
                        t.0.clone().into_pyobject(py)?.into_any(),
                        t.1.into_pyobject(py)?.into_any(),
                        t.2.into_pyobject(py)?.into_any(),
                        t.3.clone().into_pyobject(py)?.into_any(),
                    ],
                )
            })
            .collect::<PyResult<_>>()?;
        value.setattr("errors", tuples)?;
        Ok(())
    };
    match set() {
        Ok(()) => err,
        Err(e) => e,
    }
}

/// A library error as a Python exception.
pub fn to_py(py: Python<'_>, err: anyhow::Error) -> PyErr {
    if let Some(errors) = err.downcast_ref::<LoadErrors>() {
        return gazetteer_error(py, errors);
    }
    let message = format!("{err:#}");
    if err.chain().any(|e| e.downcast_ref::<std::io::Error>().is_some()) {
        PyOSError::new_err(message)
    } else {
        PyValueError::new_err(message)
    }
}
