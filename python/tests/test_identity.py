"""Identity with the command line: the spans of `gazetag tag --format
jsonl` (release binary), row for row, on the fixtures and on a generated
corpus."""

import json
import subprocess

import pytest

import gazetag
from conftest import FIXTURES, ROOT


def rows_of(tagger, docs, threads=None):
    """Rows as the CLI's JSON lines: doc first, then the span's fields."""
    ids = [d for d, _ in docs]
    cols = tagger.tag_columns([t for _, t in docs], threads)
    index = cols.pop("doc_index")
    names = gazetag.COLUMNS[1:]
    return [dict(doc=ids[i], **{n: cols[n][k] for n in names}) for k, i in enumerate(index)]


TEXT_FIXTURES = sorted(p for p in FIXTURES.rglob("*.txt"))


@pytest.mark.parametrize("path", TEXT_FIXTURES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fixture_files_equal_the_cli(tagger, cli_jsonl, path):
    want = cli_jsonl(path)
    text = path.read_text(encoding="utf-8").lstrip("\ufeff")
    got = [dict(doc=want[0]["doc"] if want else "", **s.to_dict()) for s in tagger.tag(text)]
    assert got == want


CASES = sorted(p for p in (FIXTURES / "cases").iterdir() if (p / "gazetteer.csv").is_file())


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
@pytest.mark.parametrize("all_candidates", [False, True])
def test_golden_cases_with_their_gazetteer_equal_the_cli(cli_jsonl, case, all_candidates):
    g = case / "gazetteer.csv"
    extra = ["--all-candidates"] if all_candidates else []
    want = cli_jsonl("-g", g, case / "input.txt", *extra)
    t = gazetag.Tagger(gazetteers=g, with_default=False, all_candidates=all_candidates)
    text = (case / "input.txt").read_text(encoding="utf-8")
    got = [dict(doc=str(case / "input.txt"), **s.to_dict()) for s in t.tag(text)]
    assert got == want


def test_options_equal_the_cli(cli_jsonl):
    path = FIXTURES / "seed" / "seed.txt"
    text = path.read_text(encoding="utf-8")
    for py, flags in [
        (dict(translit=False), ["--translit", "off"]),
        (dict(shapes=False), ["--shapes", "off"]),
        (dict(types="PLACE,ACTOR"), ["--types", "PLACE,ACTOR"]),
        (dict(all_candidates=True), ["--all-candidates"]),
    ]:
        want = cli_jsonl(path, *flags)
        got = [dict(doc=str(path), **s.to_dict()) for s in gazetag.Tagger(**py).tag(text)]
        assert got == want, flags


@pytest.mark.skipif(not (ROOT / "packs" / "world.gzi").is_file(), reason="no world pack (scripts/build_world_pack.sh)")
def test_world_pack_equals_the_cli(cli_jsonl, tmp_path, monkeypatch):
    monkeypatch.setenv("GAZETAG_PACKS", str(ROOT / "packs"))
    path = FIXTURES / "seed" / "seed.txt"
    want = cli_jsonl("--pack", "world", path)
    t = gazetag.Tagger(pack="world")
    got = [dict(doc=str(path), **s.to_dict()) for s in t.tag(path.read_text(encoding="utf-8"))]
    assert got == want and len(got) > 10


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    subprocess.run(["bash", str(ROOT / "scripts" / "scale_bench.sh"), "--gen-corpus", "3000", str(path), "17"],
                   check=True)
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return path, [(d["id"], d["text"]) for d in docs]


def test_generated_corpus_equals_the_cli(tagger, cli_jsonl, corpus):
    path, docs = corpus
    want = cli_jsonl(path, "--input", "jsonl", "--text-field", "text", "--id-field", "id")
    got = rows_of(tagger, docs, threads=2)
    assert len(got) == len(want) > 10000
    for i, (g, w) in enumerate(zip(got, want)):
        assert g == w, f"row {i}"


def test_generated_corpus_frame_equals_the_cli_csv(tagger, cli, corpus):
    pd = pytest.importorskip("pandas")
    path, docs = corpus
    csv = cli("tag", path, "--input", "jsonl", "--text-field", "text", "--id-field", "id", "--quiet",
              "--raw").stdout
    import io

    want = pd.read_csv(io.StringIO(csv), keep_default_na=False, na_values={"lat": [""], "lon": [""]})
    got = tagger.tag_frame(pd.DataFrame(docs, columns=["id", "text"]), id="id")
    assert list(got.columns) == list(want.columns)
    pd.testing.assert_frame_equal(got, want, check_dtype=False)
