#!/usr/bin/env python3
"""Write the common-word lists that gazetag embeds (crates/gazetag-core/data/common_words/<lang>.txt).

gazetag uses them to find gazetteer aliases that are also ordinary words
(`Nice` in English, `Mobile`, `Bar`), which are then tagged only when
capitalized and, at the start of a sentence, only with context; the world
pack builder (scripts/build_world_pack.py) leaves out places whose names are
such words. See crates/gazetag-core/data/common_words/README.md.

How frequent a word is comes from wordfreq (pinned in
scripts/requirements-gazetteers.txt, CC BY-SA 4.0 data): the candidates are
the most frequent words of each language (SIZES), made of letters, as
before. But wordfreq counts names as words (`versailles`, `biarritz`,
`malibu`), so for English and French case-aware dictionaries decide which
candidates are words and which are names:

1. a candidate that the language's hunspell dictionary accepts in lower
   case is an ordinary word (`nice`, `mobile`; French `calais`, of the verb
   `caler`, and `lourdes`, of `lourd`);
2. one that it accepts only capitalized, or only in capitals, is a name
   (`Versailles`, `Colmar`, `Obama`, `DNA`) and is left out, except in
   English when WordNet lists it, capitalized, as an adjective or as a
   common noun (not an instance) of a person, a time, a language or a
   belief: English writes these words with a capital but they are words,
   not names (`Monday`, `January`, `Christmas`, `Arab`, `Canadian`,
   `Spanish`, `Muslim`, `Islam`);
3. one that it does not know at all is asked to the other language's
   dictionary the same way (`Malibu` in the French list is an English
   name, `weekend` an English word); unknown to both, it stays a word
   (slang, spellings the dictionaries lack: wordfreq's call).

Arabic has no case: its list is wordfreq's alone, as before.

The dictionaries are Debian's, checked with the hunspell program itself
(affixes and case handled as a spell checker does). Debian packages read
(`apt-get install -y hunspell hunspell-en-us hunspell-fr-classical
wordnet-base`):

- hunspell (the program), 1.7.1-1;
- hunspell-en-us, 1:2020.12.07-2 (SCOWL: /usr/share/hunspell/en_US.*);
- hunspell-fr-classical, 1:7.0-1 (Dicollecte: /usr/share/hunspell/fr.*);
- wordnet-base, 1:3.0-37 (WordNet 3.0: /usr/share/wordnet/data.*).

The output depends only on these and on wordfreq's pinned version (no
network, no clock): the same inputs give the same lists. The script warns
when an installed package's version differs from the one the committed
lists were built with.

Run through the gazetteer venv:
    py="$(bash scripts/gazetteer_venv.sh)" && "$py" scripts/build_common_words.py
`--moved` prints, per language, the candidates left out as names.

The names left out of the English and French lists are written together to
names.txt: they are still frequent words of the press, and the engine's
transliteration rule does not read them as spellings of other names
(`Bayonne` is not `Bayan`).
"""
import os
import re
import subprocess
import sys

from wordfreq import top_n_list

SIZES = {"en": 20000, "fr": 20000, "ar": 10000}
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "crates", "gazetag-core", "data", "common_words")

HUNSPELL = "/usr/share/hunspell"
WORDNET = "/usr/share/wordnet"
# Language -> (hunspell dictionary, Debian package, version the committed
# lists were built with).
DICTIONARIES = {
    "en": ("en_US", "hunspell-en-us", "1:2020.12.07-2"),
    "fr": ("fr", "hunspell-fr-classical", "1:7.0-1"),
}
PACKAGES = [("hunspell", "1.7.1-1"), ("wordnet-base", "1:3.0-37")]
# WordNet lexicographer files of the common nouns that English capitalizes:
# noun.cognition (beliefs: Islam), noun.communication (languages:
# Spanish), noun.person (peoples, followers: Arab, Muslim), noun.time
# (days, months, feasts: Monday, Christmas).
WORDNET_NOUN_FILES = {9, 10, 18, 28}
# noun.location: cities, countries, regions.
WORDNET_LOCATION = 15


def candidates(lang, n):
    """wordfreq's `n` most frequent words of `lang` made of letters (and
    inner apostrophes or hyphens), in frequency order."""
    words, seen = [], set()
    for w in top_n_list(lang, n):
        core = w.replace("'", "").replace("-", "")
        if len(core) < 2 or not core.isalpha() or w in seen:
            continue
        seen.add(w)
        words.append(w)
    return words


def check_package(name, want):
    out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", name],
                         capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"Debian package {name} is not installed "
                 f"(apt-get install -y {name}); see this script's docstring")
    if out.stdout != want:
        print(f"warning: {name} is {out.stdout}, the lists were built with {want}",
              file=sys.stderr)


def accepted(dictionary, words):
    """For each word, whether hunspell accepts it with `dictionary` (every
    token hunspell sees in it is correct), in one run of the program."""
    dic = os.path.join(HUNSPELL, dictionary)
    # -G -L: print the input lines that are correct (one word a line).
    out = subprocess.run(["hunspell", "-G", "-L", "-i", "UTF-8", "-d", dic],
                         input="".join(w + "\n" for w in words), capture_output=True,
                         text=True, check=True, env={**os.environ, "LC_ALL": "C.UTF-8"})
    ok = set(out.stdout.split("\n"))
    return [w in ok for w in words]


def capitalized(w):
    """`w` with a capital at the start of each of its parts (`O'Brien`)."""
    out, up = [], True
    for ch in w:
        out.append(ch.upper() if up else ch)
        up = ch in "'-"
    return "".join(out)


def classify(dictionary, words):
    """word -> "word", "name" or None (unknown), by one hunspell dictionary."""
    # The pronoun I is written capitalized: its contractions are words.
    lower = accepted(dictionary, [re.sub(r"^i'", "I'", w) for w in words])
    rest = [w for w, ok in zip(words, lower) if not ok]
    forms = [f for w in rest for f in (w[:1].upper() + w[1:], capitalized(w), w.upper())]
    upper = accepted(dictionary, forms)
    names = {w for i, w in enumerate(rest) if any(upper[3 * i:3 * i + 3])}
    return {w: "word" if ok else "name" if w in names else None
            for w, ok in zip(words, lower)}


def read_wordnet():
    """(capitalized words, place names, other names) of WordNet, lower-cased
    one-word lemmas that it writes capitalized: the first are in an
    adjective or adverb synset, or in a noun synset of WORDNET_NOUN_FILES
    that is no instance (no `@i` pointer); the second in a noun synset of
    noun.location; the third in any other noun synset."""
    capitalized, places, others = set(), set(), set()
    for pos in ("noun", "adj", "adv"):
        with open(os.path.join(WORDNET, f"data.{pos}"), encoding="utf-8") as f:
            for line in f:
                if line.startswith("  "):  # the licence header
                    continue
                fields = line.split(" | ")[0].split()
                lex_file, count = int(fields[1]), int(fields[3], 16)
                lemmas = [fields[4 + 2 * i].split("(")[0] for i in range(count)]  # `(a)`
                lemmas = [w.lower() for w in lemmas if "_" not in w and w[:1].isupper()]
                rest = fields[4 + 2 * count:]
                pointers = [rest[1 + 4 * i] for i in range(int(rest[0]))]
                if pos != "noun" or (lex_file in WORDNET_NOUN_FILES and "@i" not in pointers):
                    capitalized.update(lemmas)
                if pos == "noun":
                    (places if lex_file == WORDNET_LOCATION else others).update(lemmas)
    return capitalized, places, others


def read_french_proper_nouns():
    """(place names, person names) of the French dictionary, lower-cased:
    capitalized stems tagged `po:npr` (names of places, and of other
    things), and those tagged `po:prn` or `po:patr` (first names,
    surnames)."""
    places, persons = set(), set()
    with open(os.path.join(HUNSPELL, "fr.dic"), encoding="utf-8") as f:
        next(f)  # the count
        for line in f:
            fields = line.split()
            if not fields or not fields[0][:1].isupper():
                continue
            stem = fields[0].split("/")[0].lower()
            if "po:npr" in fields:
                places.add(stem)
            if "po:prn" in fields or "po:patr" in fields:
                persons.add(stem)
    return places, persons


def main():
    moved = "--moved" in sys.argv[1:]
    for name, version in PACKAGES:
        check_package(name, version)
    for _, package, version in DICTIONARIES.values():
        check_package(package, version)
    english_capitalized, wn_places, wn_others = read_wordnet()
    fr_places, fr_persons = read_french_proper_nouns()
    os.makedirs(OUT, exist_ok=True)
    all_names = set()
    for lang, n in SIZES.items():
        words = candidates(lang, n)
        names = []
        if lang in DICTIONARIES:
            own = classify(DICTIONARIES[lang][0], words)
            unknown = [w for w in words if own[w] is None]
            others = [classify(d, unknown) for l, (d, _, _) in sorted(DICTIONARIES.items())
                      if l != lang]

            def is_name(w):
                if own[w] is not None:
                    return own[w] == "name" and not (lang == "en" and w in english_capitalized)
                for other in others:
                    if other[w] is not None:
                        return other[w] == "name"
                return False
            names = [w for w in words if is_name(w)]
            all_names.update(names)
            dropped = set(names)
            words = [w for w in words if w not in dropped]
        path = os.path.join(OUT, f"{lang}.txt")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(sorted(words)) + "\n")
        print(f"{lang}.txt: {len(words)} words, {len(names)} names left out", file=sys.stderr)
        if moved:
            print(f"{lang}: " + " ".join(names))
    # The names left out, in one list: frequent names are still no
    # spelling of another name (the transliteration rule reads them).
    path = os.path.join(OUT, "names.txt")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(sorted(all_names)) + "\n")
    print(f"names.txt: {len(all_names)} names", file=sys.stderr)
    # The names that the dictionaries know, but not as places (persons,
    # planets, gods: `Jupiter`, `Mandela`): the world pack builder does not
    # take them for place names.
    not_places = sorted(w for w in all_names
                        if (w in wn_others or w in fr_persons)
                        and w not in wn_places and w not in fr_places)
    path = os.path.join(OUT, "names_not_places.txt")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(not_places) + "\n")
    print(f"names_not_places.txt: {len(not_places)} names", file=sys.stderr)


if __name__ == "__main__":
    main()
