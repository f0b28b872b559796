"""tag_frame: the CSV's columns with pandas dtypes; pandas is optional."""

import subprocess
import sys

import pytest

import gazetag

pd = pytest.importorskip("pandas")


def frame():
    return pd.DataFrame(
        {
            "url": ["a", "b", "c", "d"],
            "body": ["Frappes sur Raqqa et Mossoul.", None, "Nothing here.", "قصف على حلب"],
            "text": ["x", "y", "z", "w"],
        }
    )


def test_columns_and_dtypes(tagger):
    out = tagger.tag_frame(frame(), text="body", id="url", keep=["text", "url"])
    assert list(out.columns) == gazetag.COLUMNS + ["input_text", "url"]
    for c in ("start", "end", "byte_start", "byte_end", "candidates"):
        assert out[c].dtype == "int64", c
    for c in ("lat", "lon", "confidence"):
        assert out[c].dtype == "float64", c
    for c in ("doc", "text", "type", "canonical", "id", "match", "source"):
        assert out[c].dtype == pd.Series(["a"]).dtype, c
    assert list(out["doc"]) == ["a", "a", "d"]
    assert list(out["text"]) == ["Raqqa", "Mossoul", "حلب"]
    assert list(out["input_text"]) == ["x", "x", "w"]
    assert list(out["url"]) == ["a", "a", "d"]


def test_rows_equal_tag(tagger):
    df = frame()
    out = tagger.tag_frame(df, text="body")
    want = [dict(s.to_dict(), doc=str(i)) for i, t in enumerate(df["body"]) if isinstance(t, str) for s in tagger.tag(t)]
    got = out.to_dict("records")
    for row in got:
        for k in ("lat", "lon"):
            if row[k] != row[k]:  # NaN
                row[k] = None
    assert got == [{c: w[c] for c in gazetag.COLUMNS} for w in want]


def test_empty_result_keeps_dtypes(tagger):
    out = tagger.tag_frame(pd.DataFrame({"text": ["nothing", None]}))
    assert len(out) == 0
    assert out["start"].dtype == "int64" and out["lat"].dtype == "float64"


def test_missing_column(tagger):
    with pytest.raises(KeyError, match="no column 'body'"):
        tagger.tag_frame(pd.DataFrame({"text": ["a"]}), text="body")


def test_without_pandas_the_import_error_says_what_to_install():
    code = (
        "import sys; sys.modules['pandas'] = None\n"
        "import gazetag\n"
        "t = gazetag.Tagger()\n"
        "assert t.tag('Raqqa')\n"
        "try:\n"
        "    t.tag_frame(None)\n"
        "except ImportError as e:\n"
        "    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "needs pandas" in out and "pip install pandas" in out
