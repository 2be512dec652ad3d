#!/usr/bin/env bash
# CSV ingest speed on 1 and 2 threads (issue 12, item 4).
#   bench/run_csv_threads_bench.sh [BRANCHES] [RUNS] [WORKDIR]
# Generates BRANCHES (default 50,000) synthetic branches once, reads the files once so that the
# page cache holds them, then loads the CSV directory RUNS times (default 5) with 1 thread and
# with 2, alternating, each load in a fresh process. Prints the medians and the 2-thread/1-thread
# ratio measured in this same run. With BASELINE=/path/to/an/older/load_bench, that binary is
# run in the same rounds (its default threads) as the "before" figure.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
branches="${1:-50000}"
runs="${2:-5}"
work="${3:-/tmp/libbranch-bench-$branches}"
bin="$root/build/bin"
[ -x "$bin/load_bench" ] || { echo "build first: scripts/build.sh -DLIBBRANCH_BUILD_BENCH=ON" >&2; exit 2; }

if [ ! -f "$work/data/branches.csv" ]; then
  echo "generating $branches branches into $work/data ..."
  "$bin/branchscore" synth --branches "$branches" --seed 1 --out "$work/data"
fi
du -sh "$work/data"
cat "$work"/data/*.csv > /dev/null

results="$work/threads_runs.txt"
: > "$results"
for i in $(seq "$runs"); do
  for threads in 1 2; do
    echo "label=t$threads $("$bin/load_bench" csv "$work/data" "$threads")" | tee -a "$results"
  done
  if [ -n "${BASELINE:-}" ]; then
    echo "label=before $("$BASELINE" csv "$work/data")" | tee -a "$results"
  fi
done

median() {  # median of field $2 over lines labelled $1
  grep "^label=$1 " "$results" | tr ' ' '\n' | grep "^$2=" | cut -d= -f2 | sort -g |
    awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'
}
echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg); median of $runs runs"
[ -n "${BASELINE:-}" ] && printf "before:    %7.2f s  %7.1f MB/s\n" "$(median before seconds)" "$(median before mb_per_s)"
printf "1 thread:  %7.2f s  %7.1f MB/s  peak RSS %7.1f MiB\n" "$(median t1 seconds)" "$(median t1 mb_per_s)" "$(median t1 peak_rss_mib)"
printf "2 threads: %7.2f s  %7.1f MB/s  peak RSS %7.1f MiB\n" "$(median t2 seconds)" "$(median t2 mb_per_s)" "$(median t2 peak_rss_mib)"
awk -v a="$(median t1 seconds)" -v b="$(median t2 seconds)" 'BEGIN {printf "2 threads are %.2fx as fast as 1\n", a / b}'
