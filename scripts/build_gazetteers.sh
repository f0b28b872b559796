#!/usr/bin/env bash
# Regenerate the generated gazetteers (gazetteers/countries.csv, admin_sy_iq.csv,
# places_sy_iq.csv, places_neighbours.csv, places_world.csv) in a private venv.
# Extra arguments go to the generator, e.g.:
#   scripts/build_gazetteers.sh --world-min-pop 15000 --world-out /tmp/places_world_big.csv
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
venv="${GAZETTEER_VENV:-$repo/target/gazetteer-venv}"
python="${PYTHON:-python3}"
if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
stamp="$venv/.requirements"
if ! cmp -s "$here/requirements-gazetteers.txt" "$stamp"; then
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements-gazetteers.txt"
  cp "$here/requirements-gazetteers.txt" "$stamp"
fi
exec "$venv/bin/python" "$here/build_gazetteers.py" "$@"
