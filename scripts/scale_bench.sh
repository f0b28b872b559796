#!/usr/bin/env bash
# Throughput of gazetag with 1 and 2 workers on this machine (the numbers of
# the README's "Scaling out" section).
#
#   bash scripts/scale_bench.sh [--spark] [--python] [DOCS]   # default 100000 documents
#   bash scripts/scale_bench.sh --gen-corpus DOCS FILE [SEED]
#
# Generates a corpus of DOCS JSON lines (deterministic, seed 8) under
# target/scale-bench/, then times, best of $REPEAT runs (default 3):
#   - one gazetag process, --threads 1 and --threads 2;
#   - the corpus split in 2 (split -n l/2) and tagged by 2 processes
#     (xargs -P 2, --threads 1 each), outputs concatenated in order;
#   - if GNU parallel is installed: parallel --pipe-part, 2 jobs;
#   - with --spark: scripts/spark_tag.py on local[1] and local[2] (needs
#     Java and target/spark-venv, see scripts/test_spark.sh), JVM start
#     included, best of $SPARK_REPEAT runs (default 1; SPARK_SUBPROCESS=0
#     skips these two rows); and, with the
#     gazetag wheel (scripts/build_wheel.sh, into the Spark venv), Spark
#     local[1] and local[2] in-process (mapInArrow): the session start (JVM)
#     timed apart, then tag + Parquet write, and spark_tag.py's whole stage,
#     best of $SPARK_REPEAT in one session (scripts/py_bench.py);
#   - with --python: Tagger.tag_many on 1 and 2 threads (the wheel, built
#     into target/py-venv), texts read beforehand, best of $REPEAT.
# The spans of the --threads 2 and xargs runs are checked to be the same,
# byte for byte, as those of --threads 1 (scripts/test_spark.sh checks Spark's).
set -euo pipefail
cd "$(dirname "$0")/.."

gen_corpus() { # DOCS FILE [SEED]
    python3 - "$@" <<'PY'
import json, random, sys

n, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 8)
PLACES = ["Mayadine", "Boukamal", "Deir ez-Zor", "Raqqa", "Alep", "Idlib", "Homs",
          "Hama", "Palmyre", "Damas", "Deraa", "Hassaké", "Kobané", "Qamichli",
          "Mossoul", "Falloujah", "Ramadi", "Tikrit", "Kirkouk", "Bagdad", "Erbil",
          "Sinjar", "Tal Afar", "Samarra", "Bassora", "Aleppo", "Mosul", "Fallujah",
          "Syrie", "Irak", "Turquie", "Iran", "الرقة", "الموصل", "حلب"]
ACTORS = ["l'EI", "le groupe État islamique", "les forces du régime", "l'aviation russe",
          "les FDS", "Hayat Tahrir al-Cham", "la coalition internationale", "les YPG",
          "les peshmergas", "Islamic State", "the Syrian Democratic Forces", "Hezbollah",
          "Bachar al-Assad", "l'OSDH", "the UN"]
VERBS = ["a bombardé", "a attaqué", "a repris", "est entré dans", "encercle",
         "shelled", "captured", "withdrew from", "a visité"]
FILLER = ["selon des sources locales", "d'après un communiqué", "mardi soir",
          "au petit matin", "according to residents", "sans faire de victimes",
          "a indiqué un porte-parole", "les combats se poursuivent",
          "la situation reste tendue", "officials said", "—", "« tôt lundi »",
          '"nous tenons la ville", a dit un commandant']


def sentence():
    kind = rng.random()
    if kind < 0.6:
        s = f"{rng.choice(ACTORS)} {rng.choice(VERBS)} {rng.choice(PLACES)}"
    elif kind < 0.85:
        s = (f"À {rng.choice(PLACES)}, {rng.choice(FILLER)}, "
             f"{rng.choice(ACTORS)} {rng.choice(VERBS)} {rng.choice(PLACES)}")
    else:
        s = " ".join(rng.choice(FILLER) for _ in range(rng.randint(2, 5)))
    if rng.random() < 0.5:
        s += f", {rng.choice(FILLER)}"
    return s[0].upper() + s[1:] + "."


with open(path, "w", encoding="utf-8") as out:
    for i in range(n):
        text = " ".join(sentence() for _ in range(rng.randint(1, 8)))
        if rng.random() < 0.1:
            text += "\n\n" + " ".join(sentence() for _ in range(rng.randint(1, 4)))
        out.write(json.dumps({"id": f"doc-{i:06d}", "text": text}, ensure_ascii=False) + "\n")
PY
}

if [[ "${1:-}" == "--gen-corpus" ]]; then
    shift
    gen_corpus "$@"
    exit 0
fi

SPARK=0 PYTHON=0
while [[ "${1:-}" == --* ]]; do
    case $1 in
        --spark) SPARK=1 ;;
        --python) PYTHON=1 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
DOCS=${1:-100000}
REPEAT=${REPEAT:-3}
BIN=target/release/gazetag
VENV=${SPARK_VENV:-target/spark-venv}
WORK=target/scale-bench
TAG=(tag --input jsonl --text-field text --id-field id --format jsonl --quiet)

cargo build --release --locked --quiet
mkdir -p "$WORK"
CORPUS=$WORK/corpus-$DOCS.jsonl
gen_corpus "$DOCS" "$CORPUS"
BYTES=$(wc -c <"$CORPUS")
rm -rf "$WORK/chunks" && mkdir -p "$WORK/chunks"
split -n l/2 -d --additional-suffix=.jsonl "$CORPUS" "$WORK/chunks/part-"

now() { date +%s.%N; }
# best_of NAME CMD...: run CMD $REPEAT times, keep the best wall time in $BEST.
best_of() {
    local name=$1 t0 t1 t
    shift
    BEST=
    for _ in $(seq "$REPEAT"); do
        t0=$(now)
        "$@"
        t1=$(now)
        BEST=$(awk -v a="$t0" -v b="$t1" -v best="$BEST" \
            'BEGIN { t = b - a; if (best == "" || t < best) best = t; print best }')
    done
}

one_process() { "$BIN" "${TAG[@]}" --threads "$1" "$CORPUS" -o "$WORK/out-$2.jsonl"; }
xargs_2() {
    # one process per chunk, 2 at a time; outputs concatenated in chunk order
    printf '%s\n' "$WORK"/chunks/part-*.jsonl |
        xargs -P 2 -I{} "$BIN" "${TAG[@]}" --threads 1 {} -o {}.spans
    cat "$WORK"/chunks/part-*.jsonl.spans >"$WORK/out-xargs.jsonl"
}
parallel_2() {
    parallel --will-cite --pipe-part -a "$CORPUS" --block -1 -j 2 --keep-order \
        "$BIN" "${TAG[@]}" --threads 1 >"$WORK/out-parallel.jsonl"
}
spark_run() {
    SPARK_LOCAL_IP=127.0.0.1 PYSPARK_PYTHON="$VENV/bin/python" PYSPARK_DRIVER_PYTHON="$VENV/bin/python" \
        "$VENV/bin/python" scripts/spark_tag.py "$CORPUS" --text-field text --id-field id \
        --binary "$BIN" --master "local[$1]" --partitions "$1" --output-format parquet \
        -o "$WORK/spark-$1" >/dev/null 2>"$WORK/spark-$1.log"
}
spans_of() { wc -l <"$1"; }

printf '%s\n' "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" "corpus: $DOCS documents, $(awk -v b="$BYTES" 'BEGIN { printf "%.1f", b / 1e6 }') MB ($CORPUS)" \
    "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')" \
    "best of $REPEAT runs, wall clock" ""
printf '| workers | how | seconds | documents/s | MB/s |\n|---|---|---|---|---|\n'
row() { # WORKERS HOW
    awk -v w="$1" -v how="$2" -v t="$BEST" -v d="$DOCS" -v b="$BYTES" \
        'BEGIN { printf "| %s | %s | %.2f | %.0f | %.1f |\n", w, how, t, d / t, b / 1e6 / t }'
}
best_of t1 one_process 1 t1
row 1 "\`gazetag tag --threads 1\`"
best_of t2 one_process 2 t2
cmp -s "$WORK/out-t1.jsonl" "$WORK/out-t2.jsonl" || { echo "--threads 2 output differs" >&2; exit 1; }
row 2 "\`gazetag tag --threads 2\`"
T2=$BEST
best_of x2 xargs_2
cmp -s "$WORK/out-t1.jsonl" "$WORK/out-xargs.jsonl" || { echo "xargs output differs" >&2; exit 1; }
row 2 "\`split -n l/2\` + \`xargs -P 2\` (\`--threads 1\` each)"
if command -v parallel >/dev/null; then
    best_of p2 parallel_2
    cmp -s "$WORK/out-t1.jsonl" "$WORK/out-parallel.jsonl" || { echo "parallel output differs" >&2; exit 1; }
    row 2 "GNU \`parallel --pipe-part --block -1 -j 2 -k\` (\`--threads 1\` each)"
fi
if ((SPARK)); then
    R=$REPEAT
    REPEAT=${SPARK_REPEAT:-1}
    if [[ ${SPARK_SUBPROCESS:-1} != 0 ]]; then
        for n in 1 2; do
            best_of s$n spark_run "$n"
            row "$n" "Spark \`local[$n]\`, $n partition(s), JVM start included (best of $REPEAT)"
        done
    fi
    bash scripts/build_wheel.sh "$VENV" >/dev/null
    for n in 1 2; do
        SPARK_LOCAL_IP=127.0.0.1 PYSPARK_PYTHON="$VENV/bin/python" PYSPARK_DRIVER_PYTHON="$VENV/bin/python" \
            "$VENV/bin/python" scripts/py_bench.py spark "$CORPUS" "$n" "$REPEAT" "$WORK/spark-inproc-$n" \
            >"$WORK/spark-inproc-$n.txt" 2>"$WORK/spark-inproc-$n.log"
        JVM[n]=$(awk '$1 == "jvm" { print $2 }' "$WORK/spark-inproc-$n.txt")
        BEST=$(awk '$1 == "tag" { print $2 }' "$WORK/spark-inproc-$n.txt")
        row "$n" "Spark \`local[$n]\` in-process (wheel, \`mapInArrow\`): tag + Parquet, JVM start excluded (best of $REPEAT)"
        INPROC[n]=$BEST
        BEST=$(awk '$1 == "stage" { print $2 }' "$WORK/spark-inproc-$n.txt")
        row "$n" "Spark \`local[$n]\` in-process: \`spark_tag.py\` stage (by type, sorted, summary), JVM start excluded (best of $REPEAT)"
    done
    REPEAT=$R
fi
if ((PYTHON)); then
    PYVENV=${PY_VENV:-target/py-venv}
    [[ -x $PYVENV/bin/python ]] || python3 -m venv "$PYVENV"
    bash scripts/build_wheel.sh "$PYVENV" >/dev/null
    "$PYVENV/bin/python" scripts/py_bench.py tag-many "$CORPUS" "$REPEAT" >"$WORK/tag-many.txt"
    BEST=$(awk '$1 == 1 { print $2 }' "$WORK/tag-many.txt")
    row 1 "Python \`Tagger.tag_many(texts, threads=1)\` (texts in memory)"
    BEST=$(awk '$1 == 2 { print $2 }' "$WORK/tag-many.txt")
    row 2 "Python \`Tagger.tag_many(texts, threads=2)\` (texts in memory)"
    TAG_MANY=$(awk '$1 == 1 { a = $2 } $1 == 2 { b = $2 } END { printf "%.2f", a / b }' "$WORK/tag-many.txt")
fi
echo
echo "spans: $(spans_of "$WORK/out-t1.jsonl"); load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
if ((SPARK)) && [[ -n ${JVM[2]:-} ]]; then
    echo "Spark session start (JVM), not in the in-process rows: ${JVM[1]} s (local[1]), ${JVM[2]} s (local[2])"
    awk -v a="$T2" -v b="${INPROC[2]}" 'BEGIN { printf "Spark local[2] in-process (tag + Parquet) runs at %.0f%% of gazetag tag --threads 2\n", 100 * a / b }'
fi
if ((PYTHON)); then echo "tag_many: 2 threads are ${TAG_MANY}x as fast as 1"; fi
