#!/usr/bin/env bash
# One command for a fresh machine: install what is missing, build, and run the main job on the
# bundled sample dataset (examples/county_court).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
build/bin/branchscore score examples/county_court
