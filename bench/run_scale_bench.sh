#!/usr/bin/env bash
# Scale benchmark (issue 12): end-to-end scoring from archives, whole vs out of core, 1 and 2
# threads, for several dataset sizes; medians of RUNS runs, each run its own process.
#   bench/run_scale_bench.sh [SIZES] [RUNS] [WORKDIR] [PART_BRANCHES] [WHOLE_UP_TO]
#     SIZES          space-separated branch counts (default "100000 1000000")
#     RUNS           runs per measurement (default 3)
#     WORKDIR        where the synthetic archives are kept between runs (default /tmp/libbranch-scale)
#     PART_BRANCHES  branches per part of the partitioned archives (default 50000)
#     WHOLE_UP_TO    also time a plain (whole) archive for sizes up to this (default 1000000):
#                    larger ones do not fit in memory, which is what out-of-core scoring is for
# Prints one table and writes WORKDIR/scale.csv (for bench/plot_scale.py).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
sizes="${1:-100000 1000000}"
runs="${2:-3}"
work="${3:-/tmp/libbranch-scale}"
part="${4:-50000}"
whole_up_to="${5:-1000000}"
bin="$root/build/bin"
mkdir -p "$work"
log="$work/runs.log"
: >"$log"

for n in $sizes; do
  parts="$work/synth-$n.lbar"
  if [ ! -f "$parts" ]; then
    /usr/bin/time -f "synth n=$n seconds=%e peak_rss_kib=%M" "$bin/branchscore" synth --branches "$n" --seed 7 \
      --out "$parts" --part-branches "$part" 2>>"$log" >/dev/null
  fi
  whole="$work/synth-$n-whole.lbar"
  if [ "$n" -le "$whole_up_to" ] && [ ! -f "$whole" ]; then "$bin/branchscore" pack "$parts" --out "$whole" >/dev/null; fi
  for i in $(seq "$runs"); do
    for threads in 1 2; do
      echo "n=$n kind=parts $("$bin/score_bench" "$parts" "$threads")" >>"$log"
      [ -f "$whole" ] && [ "$n" -le "$whole_up_to" ] && echo "n=$n kind=whole $("$bin/score_bench" "$whole" "$threads")" >>"$log"
    done
  done
done

median() {  # median of field $4 over lines with n=$1 kind=$2 threads=$3
  grep "^n=$1 kind=$2 threads=$3 " "$log" | tr ' ' '\n' | grep "^$4=" | cut -d= -f2 | sort -g |
    awk '{v[NR]=$1} END {if (NR == 0) print "nan"; else print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'
}
cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo
echo "machine: $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GiB; medians of $runs runs; parts of $part branches"
echo "end to end = read the archive + score (default rubric, latest year); parts: read while scoring"
printf "%-9s %-6s %-7s %10s %9s %9s %9s %12s\n" branches kind threads end2end_s load_s metrics_s points_s peak_rss_mib
echo "branches,kind,threads,end_to_end_s,load_s,metrics_s,points_s,peak_rss_mib" >"$work/scale.csv"
for n in $sizes; do
  for kind in whole parts; do
    grep -q "^n=$n kind=$kind " "$log" || continue
    for threads in 1 2; do
      load="$(median "$n" "$kind" "$threads" load)"
      score="$(median "$n" "$kind" "$threads" score)"
      total="$(awk -v k="$kind" -v l="$load" -v s="$score" 'BEGIN {print (k == "parts") ? s : l + s}')"
      row=("$n" "$kind" "$threads" "$total" "$load" "$(median "$n" "$kind" "$threads" metrics)" \
        "$(median "$n" "$kind" "$threads" points)" "$(median "$n" "$kind" "$threads" peak_rss_mib)")
      printf "%-9s %-6s %-7s %10.2f %9.2f %9.2f %9.2f %12.0f\n" "${row[@]}"
      (IFS=,; echo "${row[*]}") >>"$work/scale.csv"
    done
  done
done
grep '^synth' "$log" || true
