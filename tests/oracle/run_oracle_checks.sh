#!/usr/bin/env bash
# Compares `branchscore score` with the independent Python oracle (score_oracle.py), summary and
# detail CSVs, over the sample dataset, a synthetic dataset and the hand-made edge-case datasets,
# with the default rubric and the extra rubrics under tests/oracle/rubrics/.
#
# Usage: run_oracle_checks.sh BRANCHSCORE_EXE
# Prints one line per failed check (with the differences), then `N passed, M failed`; exits 1 on
# any failure.
set -u

if [ $# -ne 1 ]; then
  echo "usage: $0 BRANCHSCORE_EXE" >&2
  exit 2
fi
EXE=$1
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
ORACLE="$HERE/score_oracle.py"
COMPARE="$HERE/compare_results.py"
RUBRICS="$HERE/rubrics"

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

passed=0
failed=0
identical=0
n=0

# LIB_DATA (if set) replaces DATA for branchscore only (a packed archive of the same dataset);
# LIB_EXTRA holds extra branchscore options (e.g. --threads).
LIB_DATA=""
LIB_EXTRA=()

# check LABEL DATA RUBRIC(or "") PERIOD-ARGS...
check() {
  local label=$1 data=$2 rubric=$3
  shift 3
  local rargs_lib=() rargs_or=()
  if [ -n "$rubric" ]; then
    rargs_lib=(--rubric "$rubric")
    rargs_or=(--rubric "$rubric")
  else
    rargs_or=(--rubric "$RUBRICS/default.json")  # the oracle's own encoding of docs/reference/rubrics.md §9
  fi
  local det
  for det in summary detail; do
    local dflag=()
    [ "$det" = detail ] && dflag=(--detail)
    n=$((n + 1))
    local o="$TMP/o$n.csv" l="$TMP/l$n.csv" what="$label [$det] rubric=$(basename "${rubric:-default}") $*"
    if ! "$PY" "$ORACLE" "$data" "${rargs_or[@]}" "$@" "${dflag[@]}" >"$o" 2>"$TMP/oe"; then
      echo "FAIL $what: the oracle failed"; sed 's/^/    /' "$TMP/oe" | head -5
      failed=$((failed + 1)); continue
    fi
    if ! "$EXE" score "${LIB_DATA:-$data}" "${rargs_lib[@]}" "$@" ${LIB_EXTRA[@]+"${LIB_EXTRA[@]}"} \
        --format csv "${dflag[@]}" >"$l" 2>"$TMP/le"; then
      echo "FAIL $what: branchscore failed"; grep -v ': warning: ' "$TMP/le" | sed 's/^/    /' | head -5
      failed=$((failed + 1)); continue
    fi
    if "$PY" "$COMPARE" "$o" "$l" >"$TMP/cmp"; then
      passed=$((passed + 1))
      cmp -s "$o" "$l" && identical=$((identical + 1))
    else
      echo "FAIL $what (oracle vs library):"
      sed 's/^/    /' "$TMP/cmp" | head -40
      failed=$((failed + 1))
    fi
  done
}

# 1. The bundled sample.
CC="$ROOT/examples/county_court"
check county_court "$CC" ""
check county_court "$CC" "" --year 2024
check county_court "$CC" "" --from 2024-07-01 --to 2025-06-30
check county_court "$CC" "" --from 2024-01-01 --to 2025-12-31
for r in all_rules exclude_standards all_metrics; do
  check county_court "$CC" "$RUBRICS/$r.json"
  check county_court "$CC" "$RUBRICS/$r.json" --year 2024
done

# 2. A synthetic dataset of 300 branches.
SYN="$TMP/synth"
if "$EXE" synth --branches 300 --seed 11 --out "$SYN" --first-year 2024 --last-year 2025 \
    >"$TMP/synth.log" 2>&1; then
  check synth300 "$SYN" ""
  check synth300 "$SYN" "" --year 2024
  check synth300 "$SYN" "$RUBRICS/all_rules.json"
  check synth300 "$SYN" "$RUBRICS/all_metrics.json" --year 2024
  check synth300 "$SYN" "$RUBRICS/exclude_standards.json"
  # sums are accumulated in file order whatever the thread count
  LIB_EXTRA=(--threads 1); check synth300-threads1 "$SYN" "$RUBRICS/all_metrics.json"
  LIB_EXTRA=(--threads 7); check synth300-threads7 "$SYN" "$RUBRICS/all_metrics.json"
  LIB_EXTRA=()
  # the same dataset as a packed archive
  if "$EXE" pack "$SYN" --out "$TMP/synth.pack" >"$TMP/pack.log" 2>&1; then
    LIB_DATA="$TMP/synth.pack"; check synth300-packed "$SYN" "$RUBRICS/all_metrics.json"
    LIB_DATA=""
  else
    echo "FAIL synth300: branchscore pack failed"; sed 's/^/    /' "$TMP/pack.log" | head -5
    failed=$((failed + 1))
  fi
else
  echo "FAIL synth300: branchscore synth failed"; sed 's/^/    /' "$TMP/synth.log" | head -5
  failed=$((failed + 1))
fi

# 3. The hand-made edge-case datasets, with every rubric.
for d in "$HERE"/datasets/*/; do
  d=${d%/}
  name=$(basename "$d")
  for r in "" "$RUBRICS/all_rules.json" "$RUBRICS/exclude_standards.json" \
      "$RUBRICS/all_metrics.json" "$RUBRICS/ratings_boundary.json"; do
    check "$name" "$d" "$r"
    check "$name" "$d" "$r" --year 2024
    check "$name" "$d" "$r" --from 2024-03-01 --to 2025-02-28
  done
  check "$name" "$d" "$RUBRICS/all_metrics.json" --from 2024-12-31 --to 2024-12-31
  check "$name" "$d" "$RUBRICS/all_metrics.json" --from 2023-01-01 --to 2025-12-31
  if "$EXE" pack "$d" --out "$TMP/$name.pack" >"$TMP/pack.log" 2>&1; then
    LIB_DATA="$TMP/$name.pack"
    check "$name-packed" "$d" "$RUBRICS/all_metrics.json" --year 2024
    check "$name-packed" "$d" "$RUBRICS/all_rules.json"
    LIB_DATA=""
  else
    echo "FAIL $name: branchscore pack failed"; sed 's/^/    /' "$TMP/pack.log" | head -5
    failed=$((failed + 1))
  fi
done

echo "(byte-identical CSVs: $identical of $passed passing comparisons)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
