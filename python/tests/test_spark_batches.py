"""gazetag.spark.tag_batches on Arrow batches, without Spark: the rows of
tag_columns, the document names and kept columns, null texts."""

import pytest

import gazetag
from gazetag import spark

pa = pytest.importorskip("pyarrow")


def test_batches_carry_doc_and_kept_columns(tagger):
    batch = pa.RecordBatch.from_pydict(
        {
            "id": ["a", "b", "c"],
            "text": ["Raqqa et Mossoul.", None, "قصف على حلب"],
            "doc_index": pa.array([10, 11, 12], type=pa.int64()),
        }
    )
    seen = []
    (out,) = list(spark.tag_batches([batch], text="text", id="id", keep=["doc_index", "text"],
                                    on_batch=lambda *a: seen.append(a)))
    assert out.schema.names == gazetag.COLUMNS + ["doc_index", "input_text"]
    assert out.column("doc").to_pylist() == ["a", "a", "c"]
    assert out.column("doc_index").to_pylist() == [10, 10, 12]
    assert out.column("input_text").to_pylist() == ["Raqqa et Mossoul.", "Raqqa et Mossoul.", "قصف على حلب"]
    assert out.schema.field("start").type == pa.int64()
    assert out.schema.field("lat").type == pa.float64()
    assert seen == [(3, 3, 1)]
    want = tagger.tag("Raqqa et Mossoul.") + tagger.tag("قصف على حلب")
    rows = out.to_pylist()
    assert [{k: r[k] for k in gazetag.COLUMNS[1:]} for r in rows] == [s.to_dict() for s in want]


def test_one_tagger_per_process_and_options():
    a = spark.tagger({"types": "PLACE"})
    assert spark.tagger({"types": "PLACE"}) is a
    assert spark.tagger({}) is not a
