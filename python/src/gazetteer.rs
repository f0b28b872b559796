//! `gazetag.Gazetteer`: loads and checks gazetteer files as `gazetag
//! gazetteer check` does, with the same messages.

use gazetag::setup;
use pyo3::prelude::*;

use crate::error::to_py;
use crate::options::paths;
use crate::tagger::warn_all;

/// Gazetteer files or folders, loaded and checked.
///
/// `Gazetteer(paths, with_default=False)` reads the CSV files (a folder:
/// its `.csv` files), after the embedded set with `with_default=True`,
/// and raises `GazetteerError` on an invalid row, naming the file, the
/// line and the field, with the message of `gazetag gazetteer check`.
/// Header warnings go to Python's `warnings`.
#[pyclass(frozen, module = "gazetag")]
pub struct Gazetteer {
    inner: gazetag::Gazetteer,
}

#[pymethods]
impl Gazetteer {
    #[new]
    #[pyo3(signature = (paths, with_default=false))]
    fn new(
        py: Python<'_>,
        paths: &Bound<'_, PyAny>,
        with_default: bool,
    ) -> PyResult<Gazetteer> {
        let paths = self::paths(Some(paths))?;
        let mut warnings = Vec::new();
        let loaded = py.allow_threads(|| {
            setup::load(&paths, with_default, &mut |w| {
                warnings.push(w.to_string())
            })
        });
        warn_all(py, &warnings)?;
        Ok(Gazetteer { inner: loaded.map_err(|e| to_py(py, e))? })
    }

    /// The number of entities.
    fn __len__(&self) -> usize {
        self.inner.len()
    }

    /// The number of aliases.
    #[getter]
    fn aliases(&self) -> usize {
        self.inner.alias_count()
    }

    /// The hygiene warnings of `gazetag gazetteer check` (aliases that
    /// are ordinary words, names shared by several entities...).
    fn hygiene_warnings(&self) -> Vec<String> {
        self.inner.hygiene_warnings().iter().map(ToString::to_string).collect()
    }

    fn __repr__(&self) -> String {
        format!(
            "Gazetteer({} entities, {} aliases)",
            self.inner.len(),
            self.inner.alias_count()
        )
    }
}
