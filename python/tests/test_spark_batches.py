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
            "text": ["Raqqa et Mossoul.", None, "قصف على حلب, selon l'OSDH"],
            "doc_index": pa.array([10, 11, 12], type=pa.int64()),
        }
    )
    seen = []
    (out,) = list(spark.tag_batches([batch], text="text", id="id", keep=["doc_index", "text"],
                                    on_batch=lambda *a: seen.append(a)))
    assert out.schema.names == gazetag.COLUMNS + ["doc_index", "input_text"]
    assert out.column("doc").to_pylist() == ["a", "a", "c", "c"]
    assert out.column("doc_index").to_pylist() == [10, 10, 12, 12]
    assert out.column("input_text").to_pylist()[1:3] == ["Raqqa et Mossoul.", "قصف على حلب, selon l'OSDH"]
    assert out.column("lat").null_count == 1
    assert out.schema.field("start").type == pa.int64()
    assert out.schema.field("lat").type == pa.float64()
    assert seen == [(3, 4, 1)]
    want = tagger.tag("Raqqa et Mossoul.") + tagger.tag("قصف على حلب, selon l'OSDH")
    rows = out.to_pylist()
    assert [{k: r[k] for k in gazetag.COLUMNS[1:]} for r in rows] == [s.to_dict() for s in want]


def test_one_tagger_per_process_and_options():
    a = spark.tagger({"types": "PLACE"})
    assert spark.tagger({"types": "PLACE"}) is a
    assert spark.tagger({}) is not a


def test_batches_equal_tag_columns_on_many_texts(tagger):
    texts = [
        f"{i} frappes sur Raqqa, selon l'OSDH 🔥; قصف على حلب. Islamic State withdrew from Mosul." * (i % 4)
        for i in range(700)
    ]
    texts[5] = None
    batches = [pa.RecordBatch.from_pydict({"text": texts[i : i + 300]}) for i in range(0, 700, 300)]
    got = [r for b in spark.tag_batches(batches, threads=2) for r in b.to_pylist()]
    want = []
    for i in range(0, 700, 300):
        cols = tagger.tag_columns(texts[i : i + 300])
        cols.pop("doc_index")
        want += [dict(doc=None, **{c: cols[c][k] for c in gazetag.COLUMNS[1:]}) for k in range(len(cols["start"]))]
    assert len(got) == len(want) > 1000
    assert got == want
