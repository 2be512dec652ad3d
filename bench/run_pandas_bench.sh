#!/usr/bin/env bash
# libbranch vs the pandas baseline (issue 12, item 5): bench/run_pandas_bench.sh [BRANCHES] [RUNS] [WORKDIR]
# Defaults: 100000 branches, 3 rounds, /tmp/libbranch-pandas-bench-BRANCHES. Needs a Release build.
set -euo pipefail
exec /usr/bin/python3 "$(dirname "$0")/run_pandas_bench.py" "$@"
