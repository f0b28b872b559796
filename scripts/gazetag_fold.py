"""Fold strings as gazetag's matcher folds aliases, with the engine itself (stdlib only).

The gazetteer scripts compare names after folding (case, diacritics, apostrophes, dashes,
Arabic letter variants...). Rather than imitate the normalizer of
crates/gazetag-core/src/normalize.rs, they ask the engine through the hidden command
`gazetag debug fold`, which reads one string per line and writes its fold on one line:

    from gazetag_fold import Folder
    fold = Folder()               # folded as aliases are matched (normalize_key, Case::Fold)
    fold.fold_all(names)          # one process call for every string not yet in the cache
    fold.fold_dict(names)         # the same, as {string: fold}
    fold("Ḩalab")                 # 'halab', from the cache
    Folder(case="keep")           # case kept, the rest folded
    Folder(key=True)              # transliteration keys of the folded strings

A whole list is folded in ONE process call and every result is cached in memory: fold a
script's bulk (every GeoNames name) with fold_all up front. A single string not in the
cache goes to one long-lived `gazetag debug fold` process, a line at a time (the command
flushes its output whenever its input runs dry), so a miss costs a pipe round trip, not a
process.

The binary is $GAZETAG_BIN, else target/release/gazetag of this repository, built with
`cargo build --release --quiet` when missing. A binary built before a change of the
engine folds as the old engine did: scripts/build_gazetteers.sh and build_world_pack.sh
rebuild it first.

Strings are sent one per line, so a newline inside a string is sent as a space. That
changes nothing: the engine folds every run of white space (newlines included) to one
space. Transliteration keys hold the bytes 0x02 and 0x03 (word markers) and never a
newline, so the output is split on newlines only.
"""
from __future__ import annotations

import atexit
import os
import subprocess
from typing import Iterable

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def binary() -> str:
    """The gazetag binary: $GAZETAG_BIN, else the release build (built when missing)."""
    env = os.environ.get("GAZETAG_BIN")
    if env:
        return env
    path = os.path.join(REPO, "target", "release", "gazetag")
    if not os.path.exists(path):
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    return path


class Folder:
    """Folds strings with `gazetag debug fold`, caching every result."""

    def __init__(self, case: str = "fold", key: bool = False, bin_path: str | None = None):
        if case not in ("fold", "keep"):
            raise ValueError(f"case must be 'fold' or 'keep', not {case!r}")
        if key and case != "fold":
            raise ValueError("transliteration keys are made from case-folded text")
        self.args = ["debug", "fold"] + (["--key"] if key else ["--case", case])
        self.bin_path = bin_path
        self.cache: dict[str, str] = {}
        self.calls = 0  # processes started, for diagnostics
        self._proc: subprocess.Popen | None = None  # the one that folds single misses

    def fold_all(self, strings: Iterable[str]) -> list[str]:
        """The folds of `strings`, in order; the ones not cached are folded in one call."""
        strings = list(strings)
        todo = [s for s in dict.fromkeys(strings) if s not in self.cache]
        if todo:
            self.cache.update(zip(todo, self._run(todo)))
        return [self.cache[s] for s in strings]

    def fold_dict(self, strings: Iterable[str]) -> dict[str, str]:
        """{string: fold} for `strings` (one call for those not cached)."""
        strings = list(strings)
        return dict(zip(strings, self.fold_all(strings)))

    def __call__(self, s: str) -> str:
        got = self.cache.get(s)
        if got is None:
            got = self.cache[s] = self._one(s)
        return got

    def close(self) -> None:
        """Ends the process that folds single strings, if one was started."""
        proc, self._proc = self._proc, None
        if proc is not None:
            for pipe in (proc.stdin, proc.stdout):
                try:
                    pipe.close()
                except OSError:  # it has stopped already
                    pass
            proc.wait()

    def _command(self) -> list[str]:
        if self.bin_path is None:
            self.bin_path = binary()
        return [self.bin_path, *self.args]

    def _one(self, s: str) -> str:
        if self._proc is None:
            self._proc = subprocess.Popen(self._command(), stdin=subprocess.PIPE,
                                          stdout=subprocess.PIPE)
            self.calls += 1
            atexit.register(self.close)
        try:
            self._proc.stdin.write(s.replace("\n", " ").encode("utf-8") + b"\n")
            self._proc.stdin.flush()
            line = self._proc.stdout.readline()
        except BrokenPipeError:
            line = b""
        if not line.endswith(b"\n"):
            status = self._proc.wait()
            self.close()
            raise RuntimeError(f"{' '.join(self._command())} stopped (exit status "
                               f"{status}): see its message above")
        return line[:-1].decode("utf-8")

    def _run(self, strings: list[str]) -> list[str]:
        command = self._command()
        payload = "".join(s.replace("\n", " ") + "\n" for s in strings).encode("utf-8")
        self.calls += 1
        proc = subprocess.run(command, input=payload, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
        if proc.returncode != 0:
            raise RuntimeError(
                f"{' '.join(command)} failed ({proc.returncode}): "
                f"{proc.stderr.decode('utf-8', 'replace').strip()} "
                "(a binary older than `debug fold` needs `cargo build --release`)")
        out = proc.stdout.decode("utf-8").split("\n")
        if len(out) != len(strings) + 1 or out[-1] != "":
            raise RuntimeError(f"{' '.join(command)}: "
                               f"{len(out) - 1} lines out for {len(strings)} in")
        return out[:-1]


_folders: dict[tuple[str, bool], Folder] = {}


def folder(case: str = "fold", key: bool = False) -> Folder:
    """The shared Folder (and cache) of this process for a case rule or keys."""
    if (case, key) not in _folders:
        _folders[(case, key)] = Folder(case, key)
    return _folders[(case, key)]


def fold_all(strings: Iterable[str], case: str = "fold", key: bool = False) -> list[str]:
    """Folds `strings` with the shared Folder: one process call for the uncached ones."""
    return folder(case, key).fold_all(strings)
