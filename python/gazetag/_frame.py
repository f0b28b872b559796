"""pandas DataFrames of spans (``Tagger.tag_frame``).

Only this module imports pandas, so that the rest of the package works
without it.
"""

from __future__ import annotations

import math
from typing import Any, Optional, Sequence

from gazetag._native import COLUMNS

INT_COLUMNS = ("start", "end", "byte_start", "byte_end", "candidates")
FLOAT_COLUMNS = ("lat", "lon", "confidence")


def require_pandas() -> Any:
    """pandas, or an ImportError that says how to get it."""
    try:
        import pandas
    except ImportError as e:
        raise ImportError(
            "gazetag: Tagger.tag_frame needs pandas; install it with "
            "`pip install pandas` (or `pip install 'gazetag[pandas]'`)"
        ) from e
    return pandas


def kept_names(keep: Sequence[str]) -> "list[str]":
    """Output names of kept columns: ``input_`` before a taken name."""
    return [f"input_{k}" if k in COLUMNS else k for k in keep]


def text_or_none(value: Any) -> Optional[str]:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value if isinstance(value, str) else str(value)


def tag_frame(tagger: Any, df: Any, text: str, id: Optional[str], keep: Optional[Sequence[str]],
              threads: Optional[int]) -> Any:
    pd = require_pandas()
    keep = list(keep or [])
    for name in [text] + ([id] if id is not None else []) + keep:
        if name not in df.columns:
            raise KeyError(f"tag_frame: no column {name!r} in the DataFrame "
                           f"(columns: {', '.join(map(str, df.columns))})")
    texts = [text_or_none(t) for t in df[text].tolist()]
    columns = tagger.tag_columns(texts, threads)
    rows = columns.pop("doc_index")
    names = df[id].tolist() if id is not None else df.index.tolist()
    # pandas' own dtype for strings: object before pandas 3, str after.
    text_dtype = pd.Series(["a"]).dtype
    data = {"doc": pd.Series([str(names[i]) for i in rows], dtype=text_dtype)}
    for name in COLUMNS[1:]:
        if name in INT_COLUMNS:
            dtype = "int64"
        elif name in FLOAT_COLUMNS:
            dtype = "float64"
        else:
            dtype = text_dtype
        values = columns[name]
        if name in ("lat", "lon"):
            values = [math.nan if v is None else v for v in values]
        data[name] = pd.Series(values, dtype=dtype)
    for name, out in zip(keep, kept_names(keep)):
        source = df[name].tolist()
        data[out] = pd.Series([source[i] for i in rows], dtype=df[name].dtype)
    return pd.DataFrame(data)
