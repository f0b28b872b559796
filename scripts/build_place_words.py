#!/usr/bin/env python3
"""Dictionary words that are also one-word names of Syrian and Iraqi places.

A small Syrian or Iraqi place needs no context when its name is no
ordinary word (see `place_context` in crates/gazetag-core/src/policy.rs).
The frequent-word lists (data/common_words/{en,fr}.txt) hold the 20,000
most frequent words only; a rarer word such as `harem` is still a word.
This script lists, from the case-aware word lists of Debian's `wamerican`
and `wfrench` packages (a word listed in lower case is an ordinary word),
the words that are also one-word names or aliases of a place of Syria or
Iraq in the gazetteers given (folded: lower case, no diacritics), so that
such a place keeps needing context.

    python3 scripts/build_place_words.py gazetteers/ [packs/world/] \
        > crates/gazetag-core/data/common_words/place_words.txt
"""
import csv
import glob
import os
import sys
import unicodedata

DICTS = ["/usr/share/dict/american-english", "/usr/share/dict/french"]


def fold(s):
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c))


def place_names(folders):
    names = set()
    for folder in folders:
        for path in glob.glob(os.path.join(folder, "*.csv")):
            with open(path, encoding="utf-8") as f:
                for row in csv.DictReader(f):
                    if row.get("type") != "PLACE" or row.get("country") not in ("SY", "IQ"):
                        continue
                    for a in [row.get("name", "")] + (row.get("aliases") or "").split("|"):
                        a = a.strip().lstrip("?!~")
                        if a and " " not in a and a.isascii():
                            names.add(fold(a))
    return names


def main():
    names = place_names(sys.argv[1:])
    words = set()
    for d in DICTS:
        with open(d, encoding="utf-8", errors="replace") as f:
            for line in f:
                w = line.strip()
                if w and w[0].islower() and "'" not in w:
                    words.add(fold(w))
    print("# Dictionary words (wamerican, wfrench) that are one-word names of")
    print("# Syrian or Iraqi places: made by scripts/build_place_words.py.")
    for w in sorted(names & words):
        print(w)


if __name__ == "__main__":
    main()
