#!/usr/bin/env bash
# End-to-end test of scripts/spark_tag.py: Spark (local[2]) must write, row
# for row, the spans and the per-entity summary that one `gazetag tag`
# process writes for the same corpus (20,000 generated documents), in both
# modes: gazetag processes (subprocess) and the gazetag wheel in the Python
# workers (in-process, mapInArrow).
#
#   bash scripts/test_spark.sh          # needs Java 17 (or 8/11) and python3
#
# PySpark (pinned in scripts/requirements-spark.txt) is installed into a
# virtualenv, target/spark-venv (SPARK_VENV to change it), with the wheel
# built by scripts/build_wheel.sh. Run by .ci/run when `java -version` works.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${SPARK_VENV:-target/spark-venv}
DOCS=${DOCS:-20000}
WORK=target/spark-test
BIN=target/release/gazetag
t0=$(date +%s)

echo "== spark test: pyspark in $VENV"
java -version 2>&1 | head -1
[[ -x $VENV/bin/python ]] || python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    -r scripts/requirements-spark.txt
bash scripts/build_wheel.sh "$VENV"
export PYSPARK_PYTHON=$VENV/bin/python PYSPARK_DRIVER_PYTHON=$VENV/bin/python

echo "== spark test: build, corpus of $DOCS documents, single-process reference"
cargo build --release --locked --quiet
rm -rf "$WORK" && mkdir -p "$WORK"
bash scripts/scale_bench.sh --gen-corpus "$DOCS" "$WORK/corpus.jsonl" 8
TAG=(tag "$WORK/corpus.jsonl" --input jsonl --text-field text --id-field id --quiet)
"$BIN" "${TAG[@]}" --format jsonl -o "$WORK/ref.jsonl"
"$BIN" "${TAG[@]}" --format summary --by entity --raw -o "$WORK/ref-summary.csv"
# The CSV and Parquet corpus readers: the first 2,000 documents as CSV
# (texts with commas, quotes and line breaks), tagged to Parquet.
head -n 2000 "$WORK/corpus.jsonl" >"$WORK/small.jsonl"
python3 - "$WORK/small.jsonl" "$WORK/small.csv" <<'PY'
import csv, json, sys
with open(sys.argv[1], encoding="utf-8") as f, open(sys.argv[2], "w", newline="", encoding="utf-8") as out:
    w = csv.writer(out)
    w.writerow(["url", "body"])
    for line in f:
        d = json.loads(line)
        w.writerow([d["id"], d["text"]])
PY
"$BIN" tag "$WORK/small.jsonl" --input jsonl --text-field text --id-field id --quiet \
    --format jsonl -o "$WORK/ref-small.jsonl"

# The binary is given from a copy beside the corpus: spark_tag.py ships it to
# the executors with SparkContext.addFile and runs SparkFiles.get's copy.
mkdir -p "$WORK/bin" && cp "$BIN" "$WORK/bin/gazetag"
export SPARK_LOCAL_IP=127.0.0.1

echo "== spark test: spark_tag.py on local[2] (one Spark session for both runs and the checks)"
"$VENV/bin/python" - "$WORK" <<'PY'
import csv, glob, json, os, sys, time

from pyspark.sql import SparkSession

sys.path.insert(0, "scripts")
import spark_tag  # noqa: E402

work = sys.argv[1]
spark = (
    SparkSession.builder.master("local[2]").appName("gazetag-test")
    .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
    .getOrCreate()
)
spark.sparkContext.setLogLevel("ERROR")
binary = f"{work}/bin/gazetag"
t = time.time()
print("run  JSON lines in, CSV out, 4 partitions", flush=True)
spark_tag.main([f"{work}/corpus.jsonl", "--text-field", "text", "--id-field", "id",
                "--binary", binary, "--partitions", "4", "--mode", "subprocess",
                "-o", f"{work}/out-csv"], spark)
print(f"     {time.time() - t:.1f} s", flush=True)
t = time.time()
print("run  JSON lines in, CSV out, 4 partitions, in-process (the wheel, mapInArrow)", flush=True)
spark_tag.main([f"{work}/corpus.jsonl", "--text-field", "text", "--id-field", "id",
                "--partitions", "4", "--mode", "in-process", "-o", f"{work}/out-inproc"], spark)
print(f"     {time.time() - t:.1f} s", flush=True)
t = time.time()
print("run  CSV in, Parquet out", flush=True)
spark_tag.main([f"{work}/small.csv", "--text-column", "body", "--id-column", "url",
                "--binary", binary, "--mode", "subprocess", "--output-format", "parquet",
                "-o", f"{work}/out-parquet"], spark)
print(f"     {time.time() - t:.1f} s", flush=True)
INTS = {"start", "end", "byte_start", "byte_end", "candidates", "mentions", "documents"}
FLOATS = {"lat", "lon", "confidence"}


def norm(field, v):
    """One cell as a value: CSV and JSON agree on numbers, and an empty CSV
    cell is an empty or missing string."""
    if v is None or v == "":
        return None if field in INTS | FLOATS else ""
    if field in INTS:
        return int(v)
    if field in FLOATS:
        return float(v)
    return v


def key(r):
    return (r["doc"], r["start"], r["end"], r["id"])


def reference(path):
    rows = [json.loads(line) for line in open(path, encoding="utf-8")]
    return sorted(({k: norm(k, v) for k, v in r.items()} for r in rows), key=key)


def compare(name, got, want, fields):
    if len(got) != len(want):
        sys.exit(f"FAIL {name}: {len(got)} rows from Spark, {len(want)} from gazetag")
    for i, (g, w) in enumerate(zip(got, want)):
        for f in fields:
            if g.get(f) != w.get(f):
                sys.exit(f"FAIL {name}: row {i}, column {f}: Spark {g.get(f)!r}, "
                         f"gazetag {w.get(f)!r}\n  spark:   {g}\n  gazetag: {w}")
    print(f"ok   {name}: {len(got)} rows equal")


# 1. Spans, CSV partitioned by type, vs gazetag --format jsonl.
want = reference(f"{work}/ref.jsonl")
fields = list(want[0].keys())


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        r = csv.DictReader(f)
        return r.fieldnames, [{k: norm(k, v) for k, v in row.items()} for row in r]


ref_fields, ref_summary = read_csv(f"{work}/ref-summary.csv")
for out, mode in ((f"{work}/out-csv", "subprocess"), (f"{work}/out-inproc", "in-process")):
    got, types = [], set()
    for part in glob.glob(f"{out}/spans/type=*/part-*.csv"):
        t = os.path.basename(os.path.dirname(part))[len("type="):]
        types.add(t)
        with open(part, newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                r["type"] = t
                got.append({k: norm(k, v) for k, v in r.items()})
    got.sort(key=key)
    if types != {r["type"] for r in want}:
        sys.exit(f"FAIL type partitions ({mode}): {sorted(types)}")
    compare(f"spans (JSON lines -> CSV, by type, {mode})", got, want, fields)

    # 2. The per-entity summary, in order, vs gazetag --format summary --by entity.
    (part,) = glob.glob(f"{out}/summary/part-*.csv")
    spark_fields, spark_summary = read_csv(part)
    if spark_fields != ref_fields:
        sys.exit(f"FAIL summary header ({mode}): {spark_fields} != {ref_fields}")
    compare(f"per-entity summary (in order, {mode})", spark_summary, ref_summary, ref_fields)

# 3. Parquet, from the CSV corpus, read back with Spark.
rows = spark.read.parquet(f"{work}/out-parquet/spans").collect()
got = sorted(({k: norm(k, v) for k, v in r.asDict().items()} for r in rows), key=key)
want = reference(f"{work}/ref-small.jsonl")
compare("spans (CSV -> Parquet, by type)", got, want, fields)
n = spark.read.parquet(f"{work}/out-parquet/summary").count()
# One summary row per entity as Spark groups them: a name found by shape
# has no id, so the id alone does not tell entities apart.
entity = ("id", "type", "subtype", "canonical", "country", "lat", "lon")
if n != len({tuple(r[k] for k in entity) for r in want}):
    sys.exit(f"FAIL parquet summary: {n} entities")
print(f"ok   parquet summary: {n} entities")
spark.stop()
PY
echo "== spark test: passed in $(($(date +%s) - t0)) s"
