"""gazetag: tag places, organisations, armed actors and persons in news text.

A thin layer over gazetag's Rust library: the options are those of
``gazetag tag`` and a span is a row of its CSV, with the same offsets, the
same entity fields and the same ``confidence``.

>>> import gazetag
>>> tagger = gazetag.Tagger()                      # the embedded gazetteers
>>> [(s.text, s.type, s.canonical) for s in tagger.tag("Raids near Deir ez-Zor, said the SOHR.")]
[('Deir ez-Zor', 'PLACE', 'Deir ez-Zor'), ('SOHR', 'ORG', 'Syrian Observatory for Human Rights')]

``Tagger.tag_many`` tags many texts on several threads with the GIL
released; ``Tagger.tag_frame`` tags a pandas DataFrame; ``gazetag.spark``
tags a Spark DataFrame in the executors' Python workers.
"""

from __future__ import annotations

import os
from typing import Any, Iterable, Optional, Sequence, Union

from gazetag import _native
from gazetag._native import COLUMNS, RULES_VERSION, Gazetteer, GazetteerError, Span

__all__ = ["COLUMNS", "RULES_VERSION", "Gazetteer", "GazetteerError", "Span", "Tagger"]
__version__ = "0.1.0"


class Tagger:
    """Finds the entities of gazetteers in text.

    The options are ``gazetag tag``'s, with the same defaults:

    - ``gazetteers``: gazetteer files or folders (``-g``; a path or a list
      of paths). None: the embedded set, read from the index compiled into
      the package (it builds nothing, in milliseconds).
    - ``with_default``: with ``gazetteers``, load the embedded set too
      (``--with-default``). Unlike the command line, where it is a flag off
      by default, it is on by default here: your rows extend the embedded
      set unless you say ``with_default=False``.
    - ``index``: a compiled index file (``--index``, from ``gazetag
      gazetteer compile``).
    - ``pack``: a pack by name (``--pack world``): ``NAME.gzi`` in
      ``$GAZETAG_PACKS`` or in ``./packs``.
    - ``translit``: match romanized Arabic names through transliteration
      keys (``--translit``, on).
    - ``shapes``: names no gazetteer lists, found by their shape
      (``--shapes``, on).
    - ``types``: keep only these types (``"PLACE,ACTOR"`` or a list).
    - ``all_candidates``: one span per candidate of an ambiguous mention,
      best first (``--all-candidates``).

    Raises ``GazetteerError`` for an invalid gazetteer file (with
    ``file``, ``line`` and ``field``), ``OSError`` for an unreadable index
    and ``ValueError`` for conflicting options. A Tagger is safe to share
    between threads.
    """

    __slots__ = ("_native",)

    def __init__(
        self,
        gazetteers: Union[None, str, os.PathLike[str], Sequence[Union[str, os.PathLike[str]]]] = None,
        with_default: bool = True,
        index: Optional[Union[str, os.PathLike[str]]] = None,
        pack: Optional[str] = None,
        translit: bool = True,
        shapes: bool = True,
        types: Union[None, str, Sequence[str]] = None,
        all_candidates: bool = False,
    ) -> None:
        self._native = _native.Tagger(
            gazetteers=gazetteers,
            with_default=with_default,
            index=index,
            pack=pack,
            translit=translit,
            shapes=shapes,
            types=types,
            all_candidates=all_candidates,
        )

    @property
    def entities(self) -> int:
        """The number of entities in the gazetteer."""
        return self._native.entities

    def tag(self, text: str) -> "list[Span]":
        """The spans of ``text``, in order (``text[s.start:s.end] == s.text``)."""
        return self._native.tag(text)

    def tag_many(self, texts: Iterable[str], threads: Optional[int] = None) -> "list[list[Span]]":
        """The spans of each text, in input order.

        The texts are tagged on ``threads`` threads (None: one per core)
        with the GIL released, so other Python threads run meanwhile.
        """
        return self._native.tag_many(texts, threads)

    def tag_columns(self, texts: Iterable[Optional[str]], threads: Optional[int] = None) -> "dict[str, list[Any]]":
        """The spans of each text as columns: a dict of lists.

        ``doc_index`` gives the position of each span's text in ``texts``;
        the other keys are the CSV's columns without ``doc``. A None text
        has no spans. This is what ``tag_frame`` and ``gazetag.spark`` use.
        """
        return self._native.tag_columns(texts, threads)

    def tag_frame(
        self,
        df: Any,
        text: str = "text",
        id: Optional[str] = None,
        keep: Optional[Sequence[str]] = None,
        threads: Optional[int] = None,
    ) -> Any:
        """Tags a pandas DataFrame: one row per span, the CSV's columns.

        ``text`` names the column of the texts (missing values have no
        spans); the ``doc`` column is the ``id`` column's value (as a
        string), or the row's index label without ``id``. ``keep`` carries
        input columns into the output (a name already used by an output
        column gets an ``input_`` prefix, as ``--keep-columns`` does).
        Integers are ``int64``, ``lat``, ``lon`` and ``confidence``
        ``float64`` (NaN without coordinates), text columns pandas' string
        dtype (``object`` before pandas 3, ``str`` from pandas 3 on).
        Needs pandas.
        """
        from gazetag._frame import tag_frame

        return tag_frame(self, df, text=text, id=id, keep=keep, threads=threads)

    def __repr__(self) -> str:
        return f"gazetag.Tagger({self.entities} entities)"

