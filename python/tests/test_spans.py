"""Spans: fields, offsets as Python slices them, options."""


import pytest

import gazetag


def test_embedded_tagger_finds_places_and_organisations(tagger):
    spans = tagger.tag("Raids near Deir ez-Zor, said the SOHR.")
    found = [(s.text, s.type, s.id) for s in spans]
    assert ("Deir ez-Zor", "PLACE") == found[0][:2]
    assert any(t == "SOHR" and k == "ORG" for t, k, _ in found)
    first = spans[0]
    assert first.lat is not None and first.lon is not None
    assert first.match in ("exact", "folded", "translit", "shape")
    assert 0.0 < first.confidence <= 1.0
    assert first.candidates >= 1


def test_span_fields_are_the_csv_columns_without_doc(tagger):
    (span, *_) = tagger.tag("Bombardements sur Alep.")
    assert list(span.to_dict()) == gazetag.COLUMNS[1:]
    assert gazetag.COLUMNS[0] == "doc"


def test_span_is_frozen_and_compares_by_value(tagger):
    a = tagger.tag("Bombardements sur Alep.")
    b = tagger.tag("Bombardements sur Alep.")
    assert a == b
    with pytest.raises(AttributeError):
        a[0].start = 3


@pytest.mark.parametrize(
    "text",
    [
        "قصف على حلب والرقة يوم الثلاثاء",
        "🔥🔥 Frappes sur Raqqa 🇸🇾 et Mossoul 💥, selon l'OSDH.",
        "Ḥalab: 👨‍👩‍👧 familles déplacées vers Idlib; الموصل",
        "e\u0301\u0301 Raqqa\u200b, Deir ez-Zor",
    ],
)
def test_offsets_are_python_slices_and_bytes_are_utf8(tagger, text):
    spans = tagger.tag(text)
    assert spans, text
    data = text.encode("utf-8")
    for s in spans:
        assert text[s.start : s.end] == s.text
        assert data[s.byte_start : s.byte_end].decode("utf-8") == s.text
    starts = [s.start for s in spans]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))


def test_arabic_offsets_count_code_points_not_bytes(tagger):
    text = "قصف على حلب"
    (span,) = [s for s in tagger.tag(text) if s.text == "حلب"]
    assert (span.start, span.end) == (8, 11)
    assert (span.byte_start, span.byte_end) == (14, 20)


def test_types_filter_and_conflicting_options():
    places = gazetag.Tagger(types="PLACE")
    assert {s.type for s in places.tag("Raids near Raqqa, said the SOHR.")} == {"PLACE"}
    assert gazetag.Tagger(types=["org"]).tag("Raqqa and the SOHR.")[0].type == "ORG"
    with pytest.raises(ValueError, match="TOWN"):
        gazetag.Tagger(types="TOWN")
    with pytest.raises(ValueError, match="together"):
        gazetag.Tagger(index="a.gzi", pack="world")
    with pytest.raises(ValueError, match="gazetteers"):
        gazetag.Tagger(gazetteers=["a.csv"], pack="world")


def test_own_gazetteer_with_and_without_the_embedded_set(tmp_path):
    g = tmp_path / "mine.csv"
    g.write_text("id,type,name,aliases,country\nx:zorba,PLACE,Zorbaville,Zorba,SY\n", encoding="utf-8")
    text = "Zorba and Raqqa."
    alone = gazetag.Tagger(gazetteers=g, with_default=False)
    assert [s.id for s in alone.tag(text)] == ["x:zorba"]
    both = gazetag.Tagger(gazetteers=[str(g)])
    assert [s.text for s in both.tag(text)] == ["Zorba", "Raqqa"]
    assert both.entities == alone.entities + gazetag.Tagger().entities


def test_embedded_tagger_builds_fast():
    import time

    t = time.perf_counter()
    gazetag.Tagger()
    assert time.perf_counter() - t < 2.0
