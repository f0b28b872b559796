#!/usr/bin/env bash
# Builds the release binary and prints the quality figures of the README
# (scripts/eval.py): precision, recall and F1 per type on the annotated
# examples, and spans on unrelated prose. Extra arguments go to gazetag.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
python3 scripts/eval.py -- "$@"
