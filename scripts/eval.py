#!/usr/bin/env python3
"""Quality harness: tag the annotated examples and print precision, recall and F1.

Every folder under tests/fixtures/ that holds `<doc>.txt` files with a
`<doc>.gold.jsonl` beside them (code point offsets, end exclusive, one JSON
span per line, as in tests/fixtures/seed) is an evaluation set. The script
runs `gazetag tag` on the documents and scores the output against the gold
spans: strict (same start, end and type) and lenient (overlapping span,
same type, one-to-one), overall and per type. It also counts the spans
reported on tests/fixtures/prose (unrelated text: every span there that
is not in its expected.csv is a false positive). A last table gives the
same scores per language and per type within each language; the language
of a document is the `lang` of its gold spans.

    python3 scripts/eval.py [--bin target/release/gazetag] [--set news] [-- extra gazetag flags]

`--set NAME` (repeatable) scores only the gold sets in tests/fixtures/NAME
(e.g. `seed`, `news`); by default every set is scored.

Standard library only.
"""
import argparse
import csv
import io
import json
import os
import subprocess
import sys
from collections import Counter, defaultdict

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TYPES = ["PLACE", "ORG", "ACTOR", "PERSON"]


def run(binary, paths, extra):
    out = subprocess.run([binary, "tag", "-q", *extra, *paths], capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"gazetag failed ({out.returncode}): {out.stderr}")
    return list(csv.DictReader(io.StringIO(out.stdout)))


def gold_sets(only=None):
    """(document path, gold spans, language) for every annotated document,
    or for those in the folders `only` of tests/fixtures when given."""
    root = os.path.join(REPO, "tests", "fixtures")
    for dirpath, _, files in sorted(os.walk(root)):
        rel = os.path.relpath(dirpath, root).replace(os.sep, "/")
        if only and not any(rel == o or rel.startswith(o + "/") for o in only):
            continue
        for f in sorted(files):
            if f.endswith(".gold.jsonl"):
                doc = f[: -len(".gold.jsonl")]
                txt = os.path.join(dirpath, doc + ".txt")
                if os.path.exists(txt):
                    spans = [json.loads(l) for l in open(os.path.join(dirpath, f), encoding="utf-8") if l.strip()]
                    langs = Counter(s.get("lang") or "?" for s in spans)
                    lang = langs.most_common(1)[0][0] if langs else "?"
                    yield txt, [(s["start"], s["end"], s["type"]) for s in spans], lang


def prf(tp, npred, ngold):
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(gold, pred, lenient):
    if not lenient:
        return len(set(gold) & set(pred))
    used, tp = set(), 0
    for g in gold:
        for i, p in enumerate(pred):
            if i not in used and p[2] == g[2] and min(g[1], p[1]) > max(g[0], p[0]):
                used.add(i)
                tp += 1
                break
    return tp


def tally(totals, gold, pred):
    """Adds one document's tp / pred / gold counts, per mode and type, to totals."""
    for mode in totals:
        for t in TYPES + ["ALL"]:
            g = [x for x in gold if t in ("ALL", x[2])]
            p = [x for x in pred if t in ("ALL", x[2])]
            tp = score(g, p, mode == "lenient")
            acc = totals[mode][t]
            acc[0] += tp
            acc[1] += len(p)
            acc[2] += len(g)


def new_totals():
    return {m: defaultdict(lambda: [0, 0, 0]) for m in ("strict", "lenient")}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.path.join(REPO, "target", "release", "gazetag"))
    ap.add_argument("--set", dest="sets", action="append", metavar="NAME",
                    help="score only the gold sets in tests/fixtures/NAME (repeatable)")
    ap.add_argument("extra", nargs="*", help="flags passed to gazetag tag (after --)")
    args = ap.parse_args()
    totals = new_totals()
    per_lang = defaultdict(new_totals)
    for txt, gold, lang in gold_sets(args.sets):
        rows = run(args.bin, [txt], args.extra)
        pred = [(int(r["start"]), int(r["end"]), r["type"]) for r in rows]
        tally(totals, gold, pred)
        tally(per_lang[lang], gold, pred)
    print("| set | mode | type | P | R | F1 | tp / pred / gold |")
    print("|---|---|---|---|---|---|---|")
    for mode, per in totals.items():
        for t in ["ALL"] + TYPES:
            tp, npred, ngold = per[t]
            if npred == 0 and ngold == 0:
                continue
            p, r, f = prf(tp, npred, ngold)
            print(f"| examples | {mode} | {t} | {p:.3f} | {r:.3f} | {f:.3f} | {tp} / {npred} / {ngold} |")
    prose = os.path.join(REPO, "tests", "fixtures", "prose")
    expected = {
        (os.path.basename(r["doc"]), int(r["start"]), int(r["end"]), r["type"])
        for r in csv.DictReader(open(os.path.join(prose, "expected.csv"), encoding="utf-8"))
    }
    files = sorted(os.path.join(prose, f) for f in os.listdir(prose) if f.endswith(".txt"))
    rows = run(args.bin, files, args.extra)
    fp = [r for r in rows if (os.path.basename(r["doc"]), int(r["start"]), int(r["end"]), r["type"]) not in expected]
    words = sum(len(open(f, encoding="utf-8").read().split()) for f in files)
    print(f"| unrelated prose ({len(files)} files, {words} words) | spans | ALL | | | | {len(rows)} spans, {len(fp)} not in expected.csv |")
    print()
    print("| lang | mode | type | P | R | F1 | tp / pred / gold |")
    print("|---|---|---|---|---|---|---|")
    for lang in sorted(per_lang):
        for mode, per in per_lang[lang].items():
            for t in ["ALL"] + TYPES:
                tp, npred, ngold = per[t]
                if npred == 0 and ngold == 0:
                    continue
                p, r, f = prf(tp, npred, ngold)
                print(f"| {lang} | {mode} | {t} | {p:.3f} | {r:.3f} | {f:.3f} | {tp} / {npred} / {ngold} |")


if __name__ == "__main__":
    main()
