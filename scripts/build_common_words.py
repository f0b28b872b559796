#!/usr/bin/env python3
"""Write the common-word lists that gazetag embeds (crates/gazetag-core/data/common_words/<lang>.txt).

The lists are the most frequent words of each language according to wordfreq
(CC BY-SA 4.0 data; see crates/gazetag-core/data/common_words/README.md). gazetag uses them to
find gazetteer aliases that are also ordinary words (`Nice`, `Mobile`, `Bar`),
which are then tagged only when capitalized and, at the start of a sentence,
only with context.

Run through scripts/build_gazetteers.sh's venv:
    target/gazetteer-venv/bin/python scripts/build_common_words.py
"""
import os
import sys

from wordfreq import top_n_list

SIZES = {"en": 20000, "fr": 20000, "ar": 10000}
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "crates", "gazetag-core", "data", "common_words")


def main():
    os.makedirs(OUT, exist_ok=True)
    for lang, n in SIZES.items():
        words = []
        seen = set()
        for w in top_n_list(lang, n):
            # Only words made of letters (and inner apostrophes or hyphens).
            core = w.replace("'", "").replace("-", "")
            if len(core) < 2 or not core.isalpha() or w in seen:
                continue
            seen.add(w)
            words.append(w)
        path = os.path.join(OUT, f"{lang}.txt")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(sorted(words)) + "\n")
        print(f"{path}: {len(words)} words", file=sys.stderr)


if __name__ == "__main__":
    main()
