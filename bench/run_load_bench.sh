#!/usr/bin/env bash
# Load benchmark (issue: foundation): CSV load vs archive load of a synthetic dataset.
#   bench/run_load_bench.sh [BRANCHES] [RUNS] [WORKDIR]
# Generates BRANCHES (default 1,000,000) synthetic branches once, then loads the CSV directory and
# its binary archive RUNS times each (default 3), each load in a fresh process, and prints medians
# and the archive/CSV speed ratio measured in this same run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
branches="${1:-1000000}"
runs="${2:-3}"
work="${3:-/tmp/libbranch-bench-$branches}"
bin="$root/build/bin"
[ -x "$bin/load_bench" ] || { echo "build first: scripts/build.sh" >&2; exit 2; }

if [ ! -f "$work/data/branches.csv" ]; then
  echo "generating $branches branches into $work/data ..."
  /usr/bin/time -f "synth: %e s, peak RSS %M KiB" "$bin/branchscore" synth --branches "$branches" --seed 1 --out "$work/data"
fi
du -sh "$work/data"

"$bin/load_bench" pack "$work/data" "$work/data.lbar" | tee "$work/pack.txt"

: > "$work/runs.txt"
for i in $(seq "$runs"); do
  "$bin/load_bench" csv "$work/data" | tee -a "$work/runs.txt"
  "$bin/load_bench" archive "$work/data.lbar" | tee -a "$work/runs.txt"
done

median() {  # median of field $2 over lines of mode $1
  grep "^mode=$1 " "$work/runs.txt" | tr ' ' '\n' | grep "^$2=" | cut -d= -f2 | sort -g |
    awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'
}
csv_s=$(median csv seconds)
arc_s=$(median archive seconds)
echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; median of $runs runs"
printf "CSV load:     %8.2f s  %7.1f MB/s  peak RSS %8.1f MiB\n" "$csv_s" "$(median csv mb_per_s)" "$(median csv peak_rss_mib)"
printf "archive load: %8.2f s  %7.1f MB/s  peak RSS %8.1f MiB\n" "$arc_s" "$(median archive mb_per_s)" "$(median archive peak_rss_mib)"
awk -v c="$csv_s" -v a="$arc_s" 'BEGIN {printf "archive is %.1fx faster than CSV (target >= 5x)\n", c / a}'
printf "bytes per member:   %.1f (+ %.1f of names; target <= 96)\n" "$(median archive bytes_per_member)" "$(median archive bytes_per_member_free_text)"
printf "bytes per activity: %.1f (+ %.1f of titles; target <= 64); attendance rows add %.1f per activity\n" \
  "$(median archive bytes_per_activity)" "$(median archive bytes_per_activity_free_text)" "$(median archive attendance_bytes_per_activity)"
