"""Shared fixtures: the repository, the release command line, and a
helper that runs it and reads its JSON lines."""

import json
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="session")
def root():
    return ROOT


@pytest.fixture(scope="session")
def cli():
    """Runs `gazetag ARGS...` ($GAZETAG_BIN, or target/release/gazetag,
    which scripts/test_python.sh builds) and returns the completed process."""
    binary = pathlib.Path(os.environ.get("GAZETAG_BIN", ROOT / "target" / "release" / "gazetag"))
    if not binary.is_file():
        pytest.fail(f"no gazetag binary at {binary}: run `cargo build --release` (or set GAZETAG_BIN)")

    def run(*args, check=True):
        done = subprocess.run([str(binary), *map(str, args)], capture_output=True, text=True)
        if check and done.returncode != 0:
            raise AssertionError(f"gazetag {' '.join(map(str, args))} exited {done.returncode}:\n{done.stderr}")
        return done

    return run


@pytest.fixture(scope="session")
def cli_jsonl(cli):
    """The spans `gazetag tag ARGS... --format jsonl` writes, as dicts."""

    def run(*args):
        out = cli("tag", *args, "--format", "jsonl", "--quiet").stdout
        return [json.loads(line) for line in out.splitlines() if line.strip()]

    return run


@pytest.fixture(scope="session")
def tagger():
    import gazetag

    return gazetag.Tagger()
