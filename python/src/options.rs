//! The Python `Tagger`'s options, checked and turned into the library's:
//! the same names, defaults and conflicts as `gazetag tag`'s flags (`-g`,
//! `--with-default`, `--index`, `--pack`, `--translit`, `--shapes`,
//! `--types`, `--all-candidates`).

use std::path::PathBuf;

use gazetag::output::RowOptions;
use gazetag::setup::Gazetteers;
use gazetag::{EntityType, TaggerBuilder};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyString;

/// What a tagger is built from and how it tags.
pub struct Options {
    pub source: Gazetteers,
    pub builder: TaggerBuilder,
    pub rows: RowOptions,
}

/// One path, or a list of them (`str` or `os.PathLike`).
pub fn paths(value: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<PathBuf>> {
    let Some(value) = value else { return Ok(Vec::new()) };
    if value.is_none() {
        return Ok(Vec::new());
    }
    if let Ok(one) = value.extract::<PathBuf>() {
        return Ok(vec![one]);
    }
    value.try_iter()?.map(|p| p.and_then(|p| p.extract())).collect()
}

/// `"PLACE,ACTOR"` or `["PLACE", "ACTOR"]`, any case.
fn types(value: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<EntityType>> {
    let Some(value) = value else { return Ok(Vec::new()) };
    if value.is_none() {
        return Ok(Vec::new());
    }
    let names: Vec<String> = if value.is_instance_of::<PyString>() {
        let s: String = value.extract()?;
        s.split(',').map(str::to_string).collect()
    } else {
        value
            .try_iter()?
            .map(|t| t.and_then(|t| t.extract()))
            .collect::<PyResult<_>>()?
    };
    names
        .iter()
        .map(|n| {
            n.parse::<EntityType>()
                .map_err(|e| PyValueError::new_err(format!("types: {e}")))
        })
        .collect()
}

/// The options of `Tagger(...)`, checked as the command line checks its
/// flags.
#[allow(clippy::too_many_arguments)]
pub fn options(
    gazetteers: Option<&Bound<'_, PyAny>>,
    with_default: bool,
    index: Option<PathBuf>,
    pack: Option<String>,
    translit: bool,
    shapes: bool,
    types_: Option<&Bound<'_, PyAny>>,
    all_candidates: bool,
) -> PyResult<Options> {
    let paths = paths(gazetteers)?;
    let source = match (index, pack) {
        (Some(_), Some(_)) => {
            return Err(PyValueError::new_err(
                "index and pack cannot be used together",
            ))
        }
        (Some(_), None) | (None, Some(_)) if !paths.is_empty() => {
            return Err(PyValueError::new_err(
                "gazetteers cannot be used with index or pack",
            ))
        }
        (Some(index), None) => Gazetteers::Index(index),
        (None, Some(pack)) => Gazetteers::Pack(pack),
        (None, None) if paths.is_empty() => Gazetteers::Embedded,
        (None, None) => Gazetteers::Files { paths, with_default },
    };
    let mut builder = gazetag::Tagger::builder();
    builder.translit(translit).shapes(shapes);
    let types = types(types_)?;
    if !types.is_empty() {
        builder.types(&types);
    }
    let rows = RowOptions { all_candidates, explain: false };
    Ok(Options { source, builder, rows })
}
