//! `gazetag._native.Tagger`: builds the library's tagger from the command
//! line's options and tags texts with the GIL released, many at a time on
//! a rayon pool.

use std::collections::HashMap;
use std::ffi::CString;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use gazetag::output::{Row, RowOptions};
use gazetag::{ScratchPool, Tagged};
use pyo3::exceptions::{PyRuntimeError, PyUserWarning, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyTuple};

use crate::arrow::ArrowColumns;
use crate::columns::Columns;
use crate::error::to_py;
use crate::options::options;
use crate::span::Span;

/// The most threads per core, as the command line's `--threads`.
const THREADS_PER_CORE: usize = 4;

/// A tagger over gazetteers; see `gazetag.Tagger`.
#[pyclass(frozen, module = "gazetag._native")]
pub struct Tagger {
    inner: gazetag::Tagger,
    rows: RowOptions,
    scratch: ScratchPool,
    pools: Mutex<HashMap<usize, Arc<rayon::ThreadPool>>>,
}

/// Sends the loader's warnings to Python's `warnings` module.
pub fn warn_all(py: Python<'_>, warnings: &[String]) -> PyResult<()> {
    let category = py.get_type::<PyUserWarning>();
    for w in warnings {
        let message = CString::new(format!("gazetag: {w}"))
            .unwrap_or_else(|_| c"gazetag: gazetteer warning".to_owned());
        PyErr::warn(py, &category, &message, 2)?;
    }
    Ok(())
}

/// Texts from a Python iterable: `str`, or None (no spans) when `nulls`.
fn texts(
    iterable: &Bound<'_, PyAny>,
    nulls: bool,
) -> PyResult<Vec<Option<String>>> {
    if iterable.is_instance_of::<PyString>() {
        return Err(PyValueError::new_err(
            "texts must be an iterable of str, not one str",
        ));
    }
    iterable
        .try_iter()?
        .map(|t| {
            let t = t?;
            if nulls && t.is_none() {
                Ok(None)
            } else {
                t.extract::<String>().map(Some)
            }
        })
        .collect()
}

impl Tagger {
    fn tagged(&self, text: &str) -> Tagged {
        let mut tagged = Tagged::default();
        self.scratch
            .with(|scratch| self.inner.tag_into(text, scratch, &mut tagged));
        tagged
    }

    fn rows<'a>(&'a self, text: &'a str, tagged: &'a Tagged) -> Vec<Row<'a>> {
        Row::for_document("", text, tagged, self.inner.gazetteer(), self.rows)
    }

    fn pool(&self, threads: usize) -> PyResult<Arc<rayon::ThreadPool>> {
        let mut pools = self.pools.lock().map_err(|_| {
            PyRuntimeError::new_err("thread pool lock poisoned")
        })?;
        if let Some(pool) = pools.get(&threads) {
            return Ok(pool.clone());
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("gazetag-{i}"))
            .build()
            .map_err(|e| {
                PyRuntimeError::new_err(format!("starting threads: {e}"))
            })?;
        let pool = Arc::new(pool);
        pools.insert(threads, pool.clone());
        Ok(pool)
    }

    /// `each(text, its tags)` for every text, in order, with the GIL
    /// released: on the calling thread for one thread, on a pool
    /// otherwise.
    fn tag_all<T: Send>(
        &self,
        py: Python<'_>,
        texts: &[Option<String>],
        threads: Option<usize>,
        each: impl Fn(usize, &str, Tagged) -> T + Sync,
    ) -> PyResult<Vec<T>> {
        let cores =
            std::thread::available_parallelism().map_or(1, |n| n.get());
        let threads = match threads {
            None | Some(0) => cores,
            Some(n) => n.min(cores * THREADS_PER_CORE),
        };
        let tag = |(i, t): (usize, &Option<String>)| {
            let text = t.as_deref().unwrap_or_default();
            let tagged = match t {
                Some(t) => self.tagged(t),
                None => Tagged::default(),
            };
            each(i, text, tagged)
        };
        if threads <= 1 || texts.len() <= 1 {
            return Ok(py.allow_threads(|| {
                texts.iter().enumerate().map(tag).collect()
            }));
        }
        let pool = self.pool(threads)?;
        Ok(py.allow_threads(|| {
            use rayon::prelude::*;
            pool.install(|| texts.par_iter().enumerate().map(tag).collect())
        }))
    }
}

#[pymethods]
impl Tagger {
    #[new]
    #[pyo3(signature = (
        gazetteers=None, with_default=true, index=None, pack=None,
        translit=true, shapes=true, types=None, all_candidates=false
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        gazetteers: Option<&Bound<'_, PyAny>>,
        with_default: bool,
        index: Option<PathBuf>,
        pack: Option<String>,
        translit: bool,
        shapes: bool,
        types: Option<&Bound<'_, PyAny>>,
        all_candidates: bool,
    ) -> PyResult<Tagger> {
        let o = options(
            gazetteers,
            with_default,
            index,
            pack,
            translit,
            shapes,
            types,
            all_candidates,
        )?;
        let mut warnings = Vec::new();
        let built = py.allow_threads(|| {
            o.source.tagger(&o.builder, &mut |w| warnings.push(w.to_string()))
        });
        warn_all(py, &warnings)?;
        let inner = built.map_err(|e| to_py(py, e))?;
        Ok(Tagger {
            inner,
            rows: o.rows,
            scratch: ScratchPool::default(),
            pools: Mutex::new(HashMap::new()),
        })
    }

    /// The number of entities in the tagger's gazetteer.
    #[getter]
    fn entities(&self) -> usize {
        self.inner.gazetteer().len()
    }

    /// The spans of `text`, in order.
    fn tag(&self, py: Python<'_>, text: String) -> Vec<Span> {
        let tagged = py.allow_threads(|| self.tagged(&text));
        self.rows(&text, &tagged).iter().map(Span::from_row).collect()
    }

    /// The spans of each text, in input order.
    #[pyo3(signature = (texts, threads=None))]
    fn tag_many(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Vec<Vec<Span>>> {
        let texts = self::texts(texts, false)?;
        // The spans are made on the tagging threads too: only their
        // Python objects are made with the GIL held.
        self.tag_all(py, &texts, threads, |_, text, tagged| {
            self.rows(text, &tagged).iter().map(Span::from_row).collect()
        })
    }

    /// The spans of each text as columns: a dict of lists, `doc_index`
    /// (the text's position) then the CSV's columns without `doc`. A None
    /// text has no spans.
    #[pyo3(signature = (texts, threads=None))]
    fn tag_columns<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let texts = self::texts(texts, true)?;
        let tagged = self.tag_all(py, &texts, threads, |_, _, t| t)?;
        let mut columns = Columns::default();
        for (i, (text, tagged)) in texts.iter().zip(&tagged).enumerate() {
            let text = text.as_deref().unwrap_or_default();
            columns.push(py, i, &self.rows(text, tagged));
        }
        columns.into_dict(py)
    }

    /// The spans of each text as Arrow buffers: `(rows, {column: (kind,
    /// buffers...)})`, the columns of `tag_columns`, for
    /// `pyarrow.Array.from_buffers` (see `gazetag.spark`). A None text
    /// has no spans.
    #[pyo3(signature = (texts, threads=None))]
    fn tag_arrow<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let texts = self::texts(texts, true)?;
        let parts = self.tag_all(py, &texts, threads, |i, text, tagged| {
            ArrowColumns::of(i, &self.rows(text, &tagged))
        })?;
        let all = py.allow_threads(|| {
            let mut all = ArrowColumns::default();
            for part in parts {
                all.append(part);
            }
            all
        });
        all.into_py(py)
    }
}
