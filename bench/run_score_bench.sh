#!/usr/bin/env bash
# Scoring benchmark (issue: scoring engine): score a synthetic archive with the default rubric,
# 1 thread and 2 threads, RUNS times each (default 5), and print medians per stage.
#   bench/run_score_bench.sh ARCHIVE [RUNS]
# Make the archive with bench/run_load_bench.sh (it leaves WORKDIR/data.lbar) or
#   branchscore synth --branches 1000000 --out D && branchscore pack D --out D.lbar
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
archive="$1"
runs="${2:-5}"
bin="$root/build/bin"
log="$(mktemp)"
for i in $(seq "$runs"); do
  for threads in 1 2; do "$bin/score_bench" "$archive" "$threads" | tee -a "$log"; done
done
median() {  # median of field $2 over runs with threads=$1
  grep "^threads=$1 " "$log" | tr ' ' '\n' | grep "^$2=" | cut -d= -f2 | sort -g |
    awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'
}
echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; medians of $runs runs"
for threads in 1 2; do
  printf "threads=%s  load %.2f s  metrics %.2f s  points %.2f s  totals %.2f s  score %.2f s  peak RSS %.0f MiB\n" "$threads" \
    "$(median "$threads" load)" "$(median "$threads" metrics)" "$(median "$threads" points)" "$(median "$threads" totals)" \
    "$(median "$threads" score)" "$(median "$threads" peak_rss_mib)"
done
awk -v a="$(median 1 metrics)" -v b="$(median 2 metrics)" 'BEGIN {printf "metric stage speed-up, 2 threads vs 1: %.2fx (target >= 1.7x)\n", a / b}'
rm -f "$log"
