#!/usr/bin/env python3
"""Validate hand-curated gazetteer entity files (stdlib only).

Usage: python3 scripts/check_curated.py [FILE ...]
Default files: gazetteers/actors.csv gazetteers/orgs.csv (relative to the repo root).

Checks, per file: header, column count of every row, unique ids (also across the
files given), id and source format, type (actors.csv -> ACTOR, orgs.csv -> ORG,
persons.csv -> PERSON), non-empty name, aliases trimmed and non-empty, no alias
duplicated within a row (after the tagger's normalization, and against the name
unless the alias carries a marker that changes how the name matches), country
ISO2, flags, priority, empty admin1/lat/lon/population, alias length (< 3 letters
only for upper-case acronyms), aliases that are generic words on their own.
Warns (does not fail) on surface forms shared by several entities.
Prints counts per file, type, subtype and alias marker. Exit status 1 on errors.

Names are normalized by the engine itself, as the tagger matches them
(scripts/gazetag_fold.py runs `gazetag debug fold`, building target/release/gazetag
when it is missing).
"""
import csv
import os
import re
import sys
from collections import Counter, defaultdict

from gazetag_fold import Folder

HEADER = ["id", "type", "subtype", "name", "aliases", "country", "admin1",
          "lat", "lon", "population", "priority", "flags", "source"]
TYPES = {"PLACE", "ORG", "ACTOR", "PERSON"}
FILE_TYPES = {"actors.csv": "ACTOR", "orgs.csv": "ORG", "persons.csv": "PERSON"}
FLAGS = {"arabic", "needs_context"}
ID_RE = re.compile(r"^(wikidata:Q[1-9][0-9]*|gazetag:(actor|org|person|place)/[a-z0-9][a-z0-9-]*)$")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# A few words that must never be an alias on their own (besides the
# project's scripts/data/generic_words.txt when present).
GENERIC = {
    "army", "armee", "front", "coalition", "forces", "force", "regime", "government",
    "brigade", "brigades", "division", "corps", "militia", "milice", "groupe", "group",
    "organisation", "organization", "state", "etat", "party", "parti", "council",
    "conseil", "movement", "mouvement", "agency", "agence", "news", "monde", "world",
    "liberation", "guardian", "times", "post", "observatory", "observatoire",
    "rebels", "rebelles", "jihadistes", "jihadists", "islamic", "islamique",
    "الجيش", "النظام", "التحالف", "الدولة", "القاعدة", "الجزيرة", "العربية",
    "الشرق الاوسط", "الحره", "المعارضه", "الفصائل",
}

FOLD = Folder()


def normalize(text):
    """The tagger's normalization (case, diacritics, apostrophes, dashes, white space,
    Arabic letter variants, harakat and tatweel), from the engine itself."""
    return FOLD(text)


def parse_alias(raw):
    """Return (markers, text) like the loader: leading !, ~, ? in any order."""
    markers = ""
    rest = raw.strip()
    while rest[:1] in ("!", "~", "?"):
        markers += rest[0]
        rest = rest[1:]
    return markers, rest.strip()


def is_acronym(text):
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def load_generic():
    words = list(GENERIC)
    path = os.path.join(ROOT, "scripts", "data", "generic_words.txt")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line and not line.startswith("#"):
                    words.append(line)
    return set(FOLD.fold_all(words))


def check_file(path, seen_ids, surfaces, generic, errors, warnings, stats):
    base = os.path.basename(path)
    want_type = FILE_TYPES.get(base)

    def err(line, msg):
        errors.append(f"{path}:{line}: {msg}")

    def warn(line, msg):
        warnings.append(f"{path}:{line}: {msg}")

    with open(path, encoding="utf-8", newline="") as f:
        raw = f.read()
    if raw.startswith("\ufeff"):
        err(1, "file starts with a BOM")
        raw = raw[1:]
    rows = list(csv.reader(raw.splitlines(keepends=True)))
    if not rows:
        err(1, "empty file")
        return
    if rows[0] != HEADER:
        err(1, f"header is {rows[0]}, expected {HEADER}")
        return
    # Every name and alias of the file, folded in one call.
    FOLD.fold_all(parse_alias(a)[1] for row in rows[1:] if len(row) == len(HEADER)
                  for a in [row[3], *row[4].split("|")])
    n = 0
    for line, row in enumerate(rows[1:], start=2):
        if not row or row == [""]:
            err(line, "empty line")
            continue
        if len(row) != len(HEADER):
            err(line, f"{len(row)} columns, expected {len(HEADER)}")
            continue
        rec = dict(zip(HEADER, row))
        for k, v in rec.items():
            if v != v.strip():
                err(line, f"{k} has leading/trailing spaces")
        n += 1
        id_ = rec["id"]
        if not ID_RE.match(id_):
            err(line, f"bad id {id_!r}")
        if id_ in seen_ids:
            err(line, f"duplicate id {id_} (first at {seen_ids[id_]})")
        else:
            seen_ids[id_] = f"{path}:{line}"
        typ = rec["type"]
        if typ not in TYPES:
            err(line, f"bad type {typ!r}")
        elif want_type and typ != want_type:
            err(line, f"type {typ} in {base}, expected {want_type}")
        if id_.startswith("gazetag:") and typ in TYPES and id_.split(":")[1].split("/")[0] != typ.lower():
            err(line, f"id {id_} does not match type {typ}")
        src = rec["source"]
        if id_.startswith("wikidata:"):
            if src != id_:
                err(line, f"source {src!r} should be {id_} for a wikidata id")
        elif src != "curated" and not re.match(r"^wikidata:Q[1-9][0-9]*$", src):
            err(line, f"bad source {src!r}")
        if not rec["subtype"]:
            err(line, "empty subtype")
        name = rec["name"]
        if not name:
            err(line, "empty name")
        if parse_alias(name)[0]:
            err(line, f"name {name!r} starts with a marker")
        c = rec["country"]
        if c and not re.match(r"^[A-Z]{2}$", c):
            err(line, f"bad country {c!r}")
        for k in ("admin1", "lat", "lon", "population"):
            if rec[k]:
                err(line, f"{k} should be empty in a curated actor/org file")
        if rec["priority"] and not re.match(r"^-?[0-9]+$", rec["priority"]):
            err(line, f"bad priority {rec['priority']!r}")
        flags = [x for x in rec["flags"].split(";") if x] if rec["flags"] else []
        for fl in flags:
            if fl not in FLAGS:
                err(line, f"unknown flag {fl!r}")

        stats["type"][(base, typ)] += 1
        stats["subtype"][(base, typ, rec["subtype"])] += 1

        # aliases: the loader adds the name as a default-case alias and dedups on
        # (text, case rule, needs context); an exact alias is also redundant next to
        # an any-case alias of the same text and context.
        name_key = normalize(name)
        if name_key in generic:
            err(line, f"name {name!r} is a generic word")
        surfaces[name_key].add((id_, ""))
        name_exact = is_acronym(name)
        name_sig = (name_key + "\0" + name if name_exact else name_key,
                    "exact" if name_exact else "any", False)
        seen_sig = {name_sig: "(name)"}
        parsed = []
        cell = rec["aliases"]
        if not cell:
            warn(line, "no aliases")
            continue
        for raw_alias in cell.split("|"):
            if raw_alias != raw_alias.strip():
                err(line, f"alias {raw_alias!r} not trimmed")
            markers, text = parse_alias(raw_alias)
            if not text:
                err(line, "empty alias")
                continue
            if "  " in text:
                err(line, f"alias {raw_alias!r} has stray spaces")
            if len(set(markers)) != len(markers) or ("!" in markers and "~" in markers):
                err(line, f"alias {raw_alias!r} has conflicting markers")
            for m in markers:
                stats["marker"][(base, m)] += 1
            stats["aliases"][base] += 1
            key = normalize(text)
            if not key:
                err(line, f"alias {raw_alias!r} normalizes to nothing")
                continue
            exact = "!" in markers or (is_acronym(text) and "~" not in markers)
            sig = (key if not exact else key + "\0" + text, "exact" if exact else "any", "?" in markers)
            if sig in seen_sig:
                err(line, f"alias {raw_alias!r} duplicates {seen_sig[sig]!r} after normalization")
            else:
                seen_sig[sig] = raw_alias
            parsed.append((raw_alias, sig, key, exact, "?" in markers))
            letters = [ch for ch in text if ch.isalpha()]
            upper = bool(letters) and all(ch.isupper() for ch in letters)
            if len(letters) < 3 and not (upper and exact):
                err(line, f"alias {raw_alias!r} shorter than 3 letters and not an exact acronym")
            if key in generic and "?" not in markers and "!" not in markers:
                err(line, f"alias {raw_alias!r} is a generic word on its own")
            if len(letters) == 2 and "?" not in markers and "!" not in markers:
                warn(line, f"two-letter acronym {raw_alias!r} without context marker")
            if re.search(r"https?://|www\.|\.(fr|com|org|net)$", text):
                err(line, f"alias {raw_alias!r} looks like a URL")
            if text.lower().startswith(("the ", "l'", "le ", "la ", "les ")) and not markers:
                warn(line, f"alias {raw_alias!r} starts with an article")
            surfaces[key].add((id_, markers))
        # redundancy: an exact alias next to an any-case one of the same text, or a
        # context-needing alias next to the same alias without the marker
        free = {(k, e if e else False) for _, _, k, e, c in parsed if not c}
        anycase = {(k, c) for _, _, k, e, c in parsed if not e}
        if not name_exact:
            anycase.add((name_key, False))
            free.add((name_key, False))
        sigs = set(seen_sig)
        for raw_alias, sig, k, e, c in parsed:
            if e and ((k, c) in anycase or (k, False) in anycase):
                err(line, f"exact alias {raw_alias!r} is redundant next to an any-case alias")
            if c and ((sig[0], sig[1], False) in sigs or (k, "any", False) in sigs):
                err(line, f"alias {raw_alias!r} needs context but the same form is context-free")
    stats["rows"][base] = n


def main(argv):
    files = argv[1:] or [os.path.join(ROOT, "gazetteers", f) for f in ("actors.csv", "orgs.csv")]
    generic = load_generic()
    errors, warnings = [], []
    seen_ids = {}
    surfaces = defaultdict(set)
    stats = {k: Counter() for k in ("type", "subtype", "marker", "aliases", "rows")}
    for path in files:
        if not os.path.exists(path):
            errors.append(f"{path}: missing")
            continue
        check_file(path, seen_ids, surfaces, generic, errors, warnings, stats)

    for key, owners in sorted(surfaces.items()):
        ids = {i for i, _ in owners}
        if len(ids) > 1:
            warnings.append(f"surface form {key!r} shared by {sorted(ids)}")

    for path in files:
        base = os.path.basename(path)
        if base not in stats["rows"]:
            continue
        print(f"{path}: {stats['rows'][base]} entities, {stats['aliases'][base]} aliases")
        for (b, t), c in sorted(stats["type"].items()):
            if b == base:
                print(f"  type {t}: {c}")
        for (b, t, s), c in sorted(stats["subtype"].items()):
            if b == base:
                print(f"    subtype {s}: {c}")
        marks = {m: c for (b, m), c in stats["marker"].items() if b == base}
        print("  markers: " + ", ".join(f"{m} {marks.get(m, 0)}" for m in "?!~"))
    for w in warnings:
        print("warning: " + w)
    for e in errors:
        print("error: " + e)
    print(f"{len(errors)} error(s), {len(warnings)} warning(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
