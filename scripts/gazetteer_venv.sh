#!/usr/bin/env bash
# Creates (or updates) the gazetteer tooling's private venv with the pinned
# packages of scripts/requirements-gazetteers.txt and prints its python.
# Used by build_gazetteers.sh and build_world_pack.sh.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
venv="${GAZETTEER_VENV:-$repo/target/gazetteer-venv}"
python="${PYTHON:-python3}"
if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv" >&2
fi
stamp="$venv/.requirements"
if ! cmp -s "$here/requirements-gazetteers.txt" "$stamp"; then
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements-gazetteers.txt" >&2
  cp "$here/requirements-gazetteers.txt" "$stamp"
fi
echo "$venv/bin/python"
