"""Errors: GazetteerError names the file, the line and the field, with
the command line's message."""

import pytest

import gazetag

BAD_ROWS = [
    # (file content, line, field, part of the message)
    ("id,type,name\nok,PLACE,Okville\nx,TOWN,Somewhere\n", 3, "type", 'type "TOWN" is not PLACE'),
    ("id,type,name,lat\nx,PLACE,Somewhere,north\n", 2, "lat", 'lat "north" is not'),
    ("id,type,name\nx,PLACE,\n", 2, "name", "name is empty"),
    ("id,type\nx,PLACE\n", 1, "name", 'missing column "name"'),
    ("id,type,name\nx,PLACE,A\nx,PLACE,B\n", 3, "id", 'duplicate id "x"'),
    ("id,type,name,aliases\nx,PLACE,A,B||C\n", 2, "aliases", "empty alias"),
]


@pytest.mark.parametrize("content,line,field,message", BAD_ROWS)
def test_gazetteer_error_has_file_line_field_and_the_cli_message(tmp_path, cli, content, line, field, message):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(gazetag.GazetteerError) as caught:
        gazetag.Gazetteer(path)
    err = caught.value
    assert isinstance(err, ValueError)
    assert (err.file, err.line, err.field) == (str(path), line, field), str(err)
    assert message in str(err)
    assert err.errors[0][:3] == (str(path), line, field)
    # The command line prints the same message.
    done = cli("gazetteer", "check", path, check=False)
    assert done.returncode == 2
    assert str(err) in done.stderr, (str(err), done.stderr)
    # And the tagger raises the same error.
    with pytest.raises(gazetag.GazetteerError) as again:
        gazetag.Tagger(gazetteers=path, with_default=False)
    assert str(again.value) == str(err)


def test_every_problem_is_listed(tmp_path):
    path = tmp_path / "two.csv"
    path.write_text("id,type,name\na,TOWN,A\nb,PLACE,\n", encoding="utf-8")
    with pytest.raises(gazetag.GazetteerError) as caught:
        gazetag.Gazetteer([path])
    assert [(e[1], e[2]) for e in caught.value.errors] == [(2, "type"), (3, "name")]


def test_missing_file_and_index(tmp_path):
    with pytest.raises(gazetag.GazetteerError) as caught:
        gazetag.Gazetteer(tmp_path / "nope.csv")
    assert caught.value.line == 0 and caught.value.field is None
    assert "cannot read" in str(caught.value)
    with pytest.raises(OSError, match="reading gazetteer index"):
        gazetag.Tagger(index=tmp_path / "nope.gzi")
    with pytest.raises(ValueError, match='pack "nope" not found'):
        gazetag.Tagger(pack="nope")


def test_valid_gazetteer_loads(tmp_path):
    path = tmp_path / "ok.csv"
    path.write_text("id,type,name,aliases\nx,PLACE,Okville,Oak|Okay\n", encoding="utf-8")
    g = gazetag.Gazetteer(path)
    assert len(g) == 1 and g.aliases >= 2
    assert len(gazetag.Gazetteer(path, with_default=True)) > 1000
    assert isinstance(g.hygiene_warnings(), list)


def test_texts_must_be_strings(tagger):
    with pytest.raises(TypeError):
        tagger.tag_many([1, 2])
    with pytest.raises(ValueError, match="not one str"):
        tagger.tag_many("Raqqa")
