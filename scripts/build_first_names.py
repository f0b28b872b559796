#!/usr/bin/env python3
"""Write crates/gazetag-core/data/first_names/names.txt, the first names gazetag embeds.

Source: nam_dict.txt of the PyPI package gender-guesser 0.4.0 (data by Jörg
Michael, GNU Free Documentation License). Keeps the names that are at least
fairly common (frequency class >= 3) in one of its countries, written in plain
letters. gazetag uses them to tell a person (`Lewis Hamilton`, `Ana Ruiz`)
from a place that shares a word with the name.

Usage: pip download --no-deps gender-guesser==0.4.0, unzip it, then
    python3 scripts/build_first_names.py path/to/gender_guesser/data/nam_dict.txt
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "crates", "gazetag-core", "data", "first_names", "names.txt")


def main(path):
    names = {}
    with open(path, encoding="latin-1") as f:
        for line in f:
            if line.startswith("#") or len(line) < 30:
                continue
            name = line[3:29].strip()
            if "<" in name or "+" in name or not name.isalpha():
                continue
            digits = [int(c, 16) for c in line[30:85] if c in "0123456789ABCDEFabcdef"]
            names[name] = max(names.get(name, 0), max(digits or [0]))
    kept = sorted(n for n, v in names.items() if v >= 3)
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(kept) + "\n")
    print(f"{OUT}: {len(kept)} names", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
