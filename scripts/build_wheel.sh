#!/usr/bin/env bash
# Builds the gazetag wheel (python/, abi3, CPython 3.9+) into target/wheels
# with maturin, in the root's target/ so that it reuses what the root's
# release build compiled, and installs it into the virtualenv VENV.
#
#   bash scripts/build_wheel.sh VENV     # e.g. target/py-venv
#
# maturin is installed into VENV if missing. Used by scripts/test_python.sh,
# scripts/test_spark.sh and scripts/scale_bench.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${1:?usage: build_wheel.sh VENV}
[[ $VENV == /* ]] || VENV=$PWD/$VENV
[[ -x $VENV/bin/python ]] || python3 -m venv "$VENV"
[[ -x $VENV/bin/maturin ]] ||
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check 'maturin>=1.5,<2'
export CARGO_TARGET_DIR=$PWD/target PYO3_PYTHON=$VENV/bin/python
rm -rf target/wheels
"$VENV/bin/maturin" build --release --locked --quiet -m python/Cargo.toml \
    -i "$VENV/bin/python" -o target/wheels
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    --force-reinstall --no-deps target/wheels/gazetag-*.whl
