#!/usr/bin/env bash
# Regenerate the generated gazetteers (gazetteers/countries.csv, admin_sy_iq.csv,
# places_sy_iq.csv, places_neighbours.csv, places_world.csv) in a private venv.
# Extra arguments go to the generator, e.g.:
#   scripts/build_gazetteers.sh --world-min-pop 15000 --world-out /tmp/places_world_big.csv
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
py="$(bash "$here/gazetteer_venv.sh")"
# The generator folds names with the engine (`gazetag debug fold`): build it as it is now.
(cd "$here/.." && cargo build --release --quiet)
exec "$py" "$here/build_gazetteers.py" "$@"
