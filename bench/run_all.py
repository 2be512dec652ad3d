#!/usr/bin/env python3
"""Issue 12's benchmarks in one command, printing one table.

    /usr/bin/python3 bench/run_all.py [--runs N] [--work DIR] [--quick]

Runs, in this order and each in fresh processes (a Release build with -DLIBBRANCH_BUILD_BENCH=ON):
  1. bench/run_pandas_bench.py: the pandas baseline vs libbranch on 100,000 branches, end to end
     from CSV, from the archive, and the scoring stage, 1 and 2 threads (summaries checked equal);
  2. bench/run_csv_threads_bench.sh on the same CSV files: ingest with 1 and 2 threads;
  3. bench/run_scale_bench.sh: 1,000,000 branches from a whole and from a partitioned archive, and
     the national scale (4,600,000 branches, partitioned, out of core), 1 and 2 threads.
Each step prints its own detail; the table at the end gathers medians, peak RSS, the ratios the
issue asks for (pandas ÷ libbranch, 2 threads vs 1 of every stage) and the targets.

--quick shrinks every size (5,000 / 20,000 / 50,000 branches) to check the pipeline in a minute;
its figures mean nothing. The full run needs about 35 GB of disk in --work and half an hour.
"""
import argparse
import csv
import json
import os
import platform
import statistics
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = "/usr/bin/python3"
GIB = 1024.0


def run(cmd):
    print("$", " ".join(map(str, cmd)), flush=True)
    subprocess.run(list(map(str, cmd)), check=True)


def ingest_medians(runs_file):
    """Medians of the CSV threads bench's lines (label=t1 / t2 key=value ...)."""
    rows = {}
    for line in Path(runs_file).read_text().splitlines():
        parts = dict(p.split("=", 1) for p in line.split() if "=" in p)
        rows.setdefault(parts["label"], []).append(parts)

    def med(label, key):
        return statistics.median(float(r[key]) for r in rows[label])

    return {t: {k: med(f"t{t}", k) for k in ("seconds", "mb_per_s", "peak_rss_mib", "input_mb")} for t in (1, 2)}


def scale_rows(scale_csv):
    with open(scale_csv, newline="") as fh:
        return {(int(r["branches"]), r["kind"], int(r["threads"])): {k: float(v) for k, v in r.items()
                                                                       if k not in ("kind",)}
                for r in csv.DictReader(fh)}


def machine():
    with open("/proc/cpuinfo") as fh:
        cpu = next((line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), "?")
    with open("/proc/meminfo") as fh:
        mem_kib = int(next(line.split()[1] for line in fh if line.startswith("MemTotal")))
    return f"{len(os.sched_getaffinity(0))} cores, {mem_kib / 2**20:.1f} GiB, {cpu}, {platform.platform()}"


def ratio(a, b):
    return f"{a / b:.2f}×" if b > 0 else "—"


def verdict(ok):
    return "met" if ok else "**not met**"


def table(pandas, ingest, scale, sizes, load_before):
    m = pandas["medians"]
    pandas_e2e = m["pandas_csv"]["load"] + m["pandas_csv"]["score"]
    pandas_score = m["pandas_frames"]["score"]
    lines = [
        f"libbranch issue 12 benchmarks, {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; machine: {machine()}",
        f"load average before/after: {load_before} / {os.getloadavg()[0]:.2f}; medians of {pandas['runs']} runs, "
        "each measurement a fresh process, peak RSS its own",
        "",
        "| measurement | branches | threads | median s | peak RSS | ratio | 2 threads vs 1 | target | verdict |",
        "|---|---|---|---|---|---|---|---|---|",
    ]

    def row(label, branches, threads, seconds, rss_mib, ratio_text="", speedup="", target="", result=""):
        rss = f"{rss_mib / GIB:.2f} GiB" if rss_mib >= GIB else f"{rss_mib:.0f} MiB"
        lines.append(f"| {label} | {branches:,} | {threads} | {seconds:.3f} | {rss} | {ratio_text} | {speedup} | "
                     f"{target} | {result} |")

    n = pandas["branches"]
    row("pandas end to end from CSV (load + score)", n, 1, pandas_e2e, m["pandas_csv"]["rss"])
    row("pandas scoring from in-memory frames", n, 1, pandas_score, m["pandas_frames"]["rss"])
    for name, label, reference, target in (
            ("lib_csv", "libbranch end to end from CSV (process wall)", pandas_e2e, 50),
            ("lib_archive", "libbranch end to end from the archive (process wall)", pandas_e2e, None),
            ("lib_score", "libbranch scoring stage (engine.score)", pandas_score, 200)):
        key = "score" if name == "lib_score" else "wall"
        one, two = m[f"{name}_1"][key], m[f"{name}_2"][key]
        for t, seconds in ((1, one), (2, two)):
            times = reference / seconds
            row(label, n, t, seconds, m[f"{name}_{t}"]["rss"], f"{times:.1f}× pandas",
                ratio(one, two) if t == 2 else "", f"≥ {target}× pandas" if target else "",
                verdict(times >= target) if target else "")
    for stage in ("metrics", "points"):
        one, two = m["lib_score_1"][stage], m["lib_score_2"][stage]
        row(f"libbranch {stage} (part of scoring)", n, 2, two, m["lib_score_2"]["rss"], "", ratio(one, two))
    for t in (1, 2):
        i = ingest[t]
        row(f"CSV ingest ({i['input_mb']:.0f} MB: read, parse, validate, build) — {i['mb_per_s']:.0f} MB/s", n, t,
            i["seconds"], i["peak_rss_mib"], "", ratio(ingest[1]["seconds"], i["seconds"]) if t == 2 else "",
            "≥ 250 MB/s" if t == 1 else "≈ 2× one thread",
            verdict(i["mb_per_s"] >= 250) if t == 1 else verdict(ingest[1]["seconds"] / i["seconds"] >= 1.8))
    for size in sizes:
        for kind in ("whole", "parts"):
            if (size, kind, 1) not in scale:
                continue
            for t in (1, 2):
                r, first = scale[(size, kind, t)], scale[(size, kind, 1)]
                what = "whole archive" if kind == "whole" else "partitioned archive, out of core"
                detail = (f"load {r['load_s']:.2f} + " if kind == "whole" else "") + \
                    f"metrics {r['metrics_s']:.2f}, points {r['points_s']:.2f}"
                target, result = "", ""
                if size == 1000000:
                    target, result = "≤ 10 s", verdict(r["end_to_end_s"] <= 10)
                elif size >= 4000000:
                    target, result = "fits in 24 GiB", verdict(r["peak_rss_mib"] <= 24 * GIB)
                row(f"end to end from a {what} ({detail})", size, t, r["end_to_end_s"], r["peak_rss_mib"], "",
                    ratio(first["end_to_end_s"], r["end_to_end_s"]) if t == 2 else "", target, result)
    lines += ["", f"pandas and libbranch summaries checked equal on {pandas['checked']:,} branches "
                  "(numbers within 1e-9, ratings and vetoes exact); dataset: " + pandas["dataset"]]
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--work", type=Path, default=Path("/tmp/libbranch-bench-all"))
    ap.add_argument("--quick", action="store_true", help="small sizes, to check the pipeline only")
    args = ap.parse_args()
    pandas_n, sizes, part, whole_up_to = (100000, [1000000, 4600000], 100000, 1000000)
    if args.quick:
        pandas_n, sizes, part, whole_up_to = (5000, [20000, 50000], 10000, 20000)
    args.work.mkdir(parents=True, exist_ok=True)
    load_before = f"{os.getloadavg()[0]:.2f}"
    pandas_work, scale_work = args.work / f"pandas-{pandas_n}", args.work / "scale"
    run([PYTHON, HERE / "run_pandas_bench.py", pandas_n, args.runs, pandas_work])
    run(["bash", HERE / "run_csv_threads_bench.sh", pandas_n, args.runs, pandas_work])
    run(["bash", HERE / "run_scale_bench.sh", " ".join(map(str, sizes)), args.runs, scale_work, part, whole_up_to])
    pandas = json.loads((pandas_work / "medians.json").read_text())
    print()
    print(table(pandas, ingest_medians(pandas_work / "threads_runs.txt"), scale_rows(scale_work / "scale.csv"),
                sizes, load_before))


if __name__ == "__main__":
    try:
        main()
    except subprocess.CalledProcessError as e:
        sys.exit(f"run_all: a step failed ({e.returncode}): {' '.join(map(str, e.cmd))}")
