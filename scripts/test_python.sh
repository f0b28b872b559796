#!/usr/bin/env bash
# The Python package (python/): lint its Rust crate, build the abi3 wheel,
# install it in a virtualenv and run its pytest suite (python/tests), which
# compares its spans with the release binary's.
#
#   bash scripts/test_python.sh        # needs python3 (3.9+) with venv
#
# The virtualenv is target/py-venv (PY_VENV to change it); maturin, pytest,
# pandas and pyarrow are installed into it. The crate is built with the
# root's target/ (CARGO_TARGET_DIR), so that it reuses what the root's
# release build compiled. Run by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${PY_VENV:-target/py-venv}
t0=$(date +%s)
step() { echo "== python: $1 ($(($(date +%s) - t0)) s)"; }

step "virtualenv $VENV"
[[ -x $VENV/bin/python ]] || python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    'maturin>=1.5,<2' pytest pandas pyarrow
export PYO3_PYTHON=$PWD/$VENV/bin/python
export CARGO_TARGET_DIR=$PWD/target

step "cargo fmt --check, clippy (python/)"
cargo fmt --manifest-path python/Cargo.toml -- --check
cargo clippy --locked --manifest-path python/Cargo.toml --all-targets -- -D warnings

step "release binary (the identity tests run it)"
cargo build --release --locked --quiet

step "wheel (scripts/build_wheel.sh: maturin build --release, pip install)"
bash scripts/build_wheel.sh "$VENV"

step "pytest"
# From python/tests, so that the installed wheel is imported, not the
# source folder python/gazetag (which has no native module).
(cd python/tests && "../../$VENV/bin/python" -m pytest -q -p no:cacheprovider .)
step "passed"
