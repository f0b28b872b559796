"""Tag a Spark DataFrame in the executors' Python workers, through Arrow.

Each Python worker imports this package, builds its ``Tagger`` once (a
module-level cache, keyed by the tagger's options) and tags the Arrow
batches Spark hands it with ``DataFrame.mapInArrow`` (Spark 3.3 or
later): no subprocess, no JSON. Each batch is tagged with the GIL
released, and its spans come back from the native module as Arrow buffers
(no Python object per cell).

>>> from gazetag.spark import tag_dataframe
>>> spans = tag_dataframe(corpus, text="text", id="id")       # doctest: +SKIP
>>> spans.write.parquet("spans/")                             # doctest: +SKIP

The rows are those of ``gazetag tag --format jsonl``: the columns of
``gazetag.COLUMNS`` (``doc`` is the ``id`` column as a string), then the
``keep`` columns. The executors need the package: ship a packed virtual
environment with ``spark.archives`` (see the README's "Python" section).
Gazetteer files given by name are looked up with ``SparkFiles.get`` on the
executors when they are not found at that path (ship them with
``SparkContext.addFile`` or ``spark-submit --files``).

This module imports pyarrow only when batches are tagged, and pyspark
only in ``tag_dataframe`` and ``span_schema``.
"""

from __future__ import annotations

import os
import threading
from typing import Any, Callable, Dict, Iterable, Iterator, Optional, Sequence, Tuple

from gazetag import Tagger
from gazetag._frame import kept_names
from gazetag._native import COLUMNS

INT_COLUMNS = frozenset(("start", "end", "byte_start", "byte_end", "candidates"))
FLOAT_COLUMNS = frozenset(("lat", "lon", "confidence"))

_TAGGERS: Dict[Tuple[Any, ...], Tagger] = {}
_LOCK = threading.Lock()


def _local_path(path: str) -> str:
    """``path``, or the copy Spark shipped under its file name."""
    if os.path.exists(path):
        return path
    from pyspark import SparkFiles

    return SparkFiles.get(os.path.basename(os.path.normpath(path)))


def tagger(options: Dict[str, Any]) -> Tagger:
    """This process's tagger for ``options`` (``Tagger``'s keyword
    arguments), built on first use and kept for the process's life."""
    key = tuple(sorted((k, repr(v)) for k, v in options.items()))
    with _LOCK:
        found = _TAGGERS.get(key)
        if found is None:
            opts = dict(options)
            gazetteers = opts.get("gazetteers")
            if isinstance(gazetteers, (str, os.PathLike)):
                gazetteers = [gazetteers]
            if gazetteers:
                opts["gazetteers"] = [_local_path(os.fspath(g)) for g in gazetteers]
            if opts.get("index"):
                opts["index"] = _local_path(os.fspath(opts["index"]))
            found = _TAGGERS[key] = Tagger(**opts)
        return found


def arrow_schema(keep_fields: Sequence[Any] = ()) -> Any:
    """The Arrow schema of the output batches: the CSV's columns, then
    ``keep_fields`` (``pyarrow.Field``s)."""
    import pyarrow as pa

    fields = []
    for name in COLUMNS:
        if name in INT_COLUMNS:
            t = pa.int64()
        elif name in FLOAT_COLUMNS:
            t = pa.float64()
        else:
            t = pa.string()
        fields.append(pa.field(name, t))
    return pa.schema(fields + list(keep_fields))


def tag_batches(
    batches: Iterable[Any],
    text: str = "text",
    id: Optional[str] = None,
    keep: Sequence[str] = (),
    threads: Optional[int] = 1,
    options: Optional[Dict[str, Any]] = None,
    on_batch: Optional[Callable[[int, int, int], None]] = None,
) -> Iterator[Any]:
    """Tags Arrow record batches: for each batch of documents, a batch of
    spans (the rows of ``gazetag tag``, in document order).

    ``text`` and ``id`` name the batch's columns of texts and document
    names (no ``id``: ``doc`` is null); ``keep`` columns are carried into
    every span of their document (``input_`` before a name the output
    already has, as ``--keep-columns`` does). ``on_batch(documents, spans,
    without_text)`` is called after each batch (Spark accumulators).
    Works on any iterable of ``pyarrow.RecordBatch``, with or without
    Spark.
    """
    import pyarrow as pa

    t = tagger(options or {})
    schema = None
    for batch in batches:
        texts = batch.column(text).cast(pa.string())
        n, columns = t._native.tag_arrow(texts.to_pylist(), threads)
        rows = _array(pa, n, columns.pop("doc_index"))
        if id is None:
            doc = pa.nulls(n, type=pa.string())
        else:
            doc = batch.column(id).cast(pa.string()).take(rows)
        if schema is None:
            schema = arrow_schema(
                [batch.schema.field(k).with_name(out) for k, out in zip(keep, kept_names(keep))]
            )
        arrays = [doc] + [_array(pa, n, columns[name]) for name in COLUMNS[1:]]
        arrays.extend(batch.column(k).take(rows) for k in keep)
        out = pa.RecordBatch.from_arrays(arrays, schema=schema)
        if on_batch is not None:
            on_batch(batch.num_rows, out.num_rows, texts.null_count)
        yield out


def _array(pa: Any, n: int, column: Tuple[Any, ...]) -> Any:
    """An Arrow array of ``n`` values from the native module's buffers."""
    kind, *buffers = column
    if kind == "int64":
        return pa.Array.from_buffers(pa.int64(), n, [None, pa.py_buffer(buffers[0])])
    if kind == "float64":
        bitmap, values = buffers
        validity = None if bitmap is None else pa.py_buffer(bitmap)
        return pa.Array.from_buffers(pa.float64(), n, [validity, pa.py_buffer(values)])
    offsets, data = buffers
    return pa.Array.from_buffers(pa.string(), n, [None, pa.py_buffer(offsets), pa.py_buffer(data)])


def span_schema(df: Any, keep: Sequence[str] = ()) -> Any:
    """The Spark schema of ``tag_dataframe``'s result for ``df``."""
    from pyspark.sql import types as T

    fields = []
    for name in COLUMNS:
        if name in INT_COLUMNS:
            t = T.LongType()
        elif name in FLOAT_COLUMNS:
            t = T.DoubleType()
        else:
            t = T.StringType()
        fields.append(T.StructField(name, t))
    kept = [
        T.StructField(n, df.schema[k].dataType, df.schema[k].nullable)
        for k, n in zip(keep, kept_names(keep))
    ]
    return T.StructType(fields + kept)


def tag_dataframe(
    df: Any,
    text: str = "text",
    id: Optional[str] = None,
    keep: Sequence[str] = (),
    threads: Optional[int] = 1,
    on_batch: Optional[Callable[[int, int, int], None]] = None,
    **options: Any,
) -> Any:
    """A DataFrame of the spans of ``df``'s ``text`` column, tagged in the
    executors' Python workers (``mapInArrow``).

    ``options`` are ``Tagger``'s (``gazetteers``, ``with_default``,
    ``types``...). ``threads`` is the tagging threads per Python worker
    (default 1: Spark runs one worker per task slot).
    """
    keep = list(keep)
    schema = span_schema(df, keep)
    columns = [text] + ([id] if id is not None and id != text else []) + [
        k for k in keep if k not in (text, id)
    ]

    def tag(batches: Iterable[Any]) -> Iterator[Any]:
        return tag_batches(batches, text=text, id=id, keep=keep, threads=threads,
                           options=options, on_batch=on_batch)

    return df.select(*columns).mapInArrow(tag, schema)
