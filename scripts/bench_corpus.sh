#!/usr/bin/env bash
# Generates the benchmark corpus deterministically (fixed seed) under
# target/bench-corpus/: article-sized documents (3-5 KB) in docs/ and the
# same text as one file, corpus.txt, recombined by language (40% English,
# 40% French, 20% Arabic) from the paragraphs of texts the repository
# ships (tests/fixtures/prose/*.txt, tests/fixtures/seed/seed.txt,
# benches/data/*.txt). Rebuilt only when its sources or parameters change.
# Prints the corpus folder.
#
#   scripts/bench_corpus.sh                       # 100 MB
#   BENCH_MB=20 BENCH_SEED=1 scripts/bench_corpus.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET_MB=${BENCH_MB:-100}
SEED=${BENCH_SEED:-20261126}
OUT_DIR=$ROOT/target/bench-corpus
mkdir -p "$OUT_DIR"
say() { printf 'bench_corpus: %s\n' "$*" >&2; }
SOURCES=(tests/fixtures/prose/*.txt tests/fixtures/seed/seed.txt
    benches/data/*.txt)
STAMP="seed=$SEED mb=$TARGET_MB gen=1 $(cat "${SOURCES[@]}" | sha256sum | cut -c1-16)"
if [ "$(cat "$OUT_DIR/STAMP" 2>/dev/null)" != "$STAMP" ]; then
    say "generating a ${TARGET_MB} MB corpus in $OUT_DIR (seed $SEED)"
    rm -rf "$OUT_DIR/docs" "$OUT_DIR/corpus.txt" "$OUT_DIR/STAMP"
    python3 - "$OUT_DIR" "$SEED" "$TARGET_MB" "${SOURCES[@]}" <<'PY'
import os, random, re, sys

out, seed, target_mb, sources = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]

def lang_of(path):
    name = os.path.basename(path)
    if name.startswith(("en_", "en.")):
        return "en"
    if name.startswith(("ar_", "ar.")):
        return "ar"
    return "fr"  # fr_*, fr.txt and the (French) seed article

pools = {"en": [], "fr": [], "ar": []}
seen = set()
for path in sorted(sources):
    text = open(path, encoding="utf-8").read()
    for para in re.split(r"\n\s*\n", text):
        para = para.strip()
        if len(para) < 40 or para in seen:
            continue
        seen.add(para)
        pools[lang_of(path)].append(para)

rng = random.Random(seed)
langs, weights = ["en", "fr", "ar"], [0.4, 0.4, 0.2]
target = target_mb * 1024 * 1024
total = 0
n = 0
os.makedirs(os.path.join(out, "docs"))
with open(os.path.join(out, "corpus.txt"), "w", encoding="utf-8") as whole:
    while total < target:
        lang = rng.choices(langs, weights)[0]
        size = rng.randint(3000, 5000)
        paras, length = [], 0
        while length < size:
            p = rng.choice(pools[lang])
            paras.append(p)
            length += len(p.encode("utf-8")) + 2
        doc = "\n\n".join(paras) + "\n"
        sub = os.path.join(out, "docs", "%03d" % (n // 1000))
        if n % 1000 == 0:
            os.makedirs(sub)
        with open(os.path.join(sub, "%06d.txt" % n), "w", encoding="utf-8") as f:
            f.write(doc)
        if n:
            whole.write("\n")
        whole.write(doc)
        total += len(doc.encode("utf-8"))
        n += 1
print("%d documents, %d bytes; paragraphs: %s" % (
    n, total, ", ".join("%s %d" % (k, len(v)) for k, v in pools.items())),
    file=sys.stderr)
PY
    echo "$STAMP" >"$OUT_DIR/STAMP"
fi
echo "$OUT_DIR"
