#!/usr/bin/python3
"""libbranch against the pandas baseline (issue 12, item 5), measured in one run.

    bench/run_pandas_bench.sh [BRANCHES] [RUNS] [WORKDIR]

BRANCHES (default 100,000) synthetic branches are written once into WORKDIR (default
/tmp/libbranch-pandas-bench-BRANCHES) and packed into an archive; the pandas frames are pickled
once. Then RUNS times (default 3), alternating, each measurement in a fresh process whose own peak
RSS is taken by GNU time:

  pandas end to end from CSV   bench/pandas_baseline.py DATA            load and score stages
  pandas scoring               bench/pandas_baseline.py --frames F.pkl  score stage (unpickled first)
  libbranch from CSV           branchscore score DATA --format csv --out F --threads 1|2
  libbranch from the archive   branchscore score DATA.lbar --format csv --out F --threads 1|2
  libbranch scoring            score_bench DATA.lbar 1|2                engine.score stage

Every summary written (pandas' and the library's, each thread count, CSV and archive) is compared
with the library's to 1e-9 before the table is printed; a difference fails the run.
The ratios are conservative for libbranch: pandas is timed inside its process (load + score, no
interpreter start, no import, no output), libbranch by the wall time of the whole CLI process.
"""

import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = ROOT / "build" / "bin"
PYTHON = "/usr/bin/python3"  # Debian's, the one with numpy and pandas
sys.path.insert(0, str(HERE))
import pandas_baseline as pb  # noqa: E402

TARGET_END_TO_END = 50
TARGET_SCORING = 200


def measure(cmd):
    """Wall seconds, peak RSS (MiB) and stdout of one process. The RSS comes from GNU time, not
    from wait4() here: Linux carries the forking process's high-water mark into the child's
    ru_maxrss across exec, and this driver holds pandas (~60 MiB); time's own footprint is ~2 MiB."""
    with tempfile.NamedTemporaryFile("r") as rss, tempfile.TemporaryFile() as out, \
            tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss.name, *map(str, cmd)],
                              stdout=out, stderr=err)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        if done.returncode != 0:
            sys.exit(f"failed ({done.returncode}): {' '.join(map(str, cmd))}\n{err.read().decode()}")
        return {"wall": wall, "rss": int(rss.read().split()[-1]) / 1024.0, "out": out.read().decode()}


def fields(line):
    """key=value pairs of a benchmark line, numbers as floats."""
    return {k: float(v) for k, v in re.findall(r"(\w+)=([-+.\deE]+|nan)", line)}


def stale(product, maker):
    return not product.exists() or product.stat().st_mtime < maker.stat().st_mtime


def prepare(branches, work):
    data, archive, frames = work / "data", work / "data.lbar", work / "frames.pkl"
    if not (data / "branches.csv").exists():
        print(f"synthesizing {branches} branches into {data} ...", flush=True)
        done = subprocess.run([BIN / "branchscore", "synth", "--branches", str(branches), "--seed", "1",
                               "--out", data], check=True, capture_output=True, text=True)
        (work / "synth.txt").write_text(done.stdout)
    # Rebuilt when their writer is newer: a stale archive or pickle would time another format.
    if stale(archive, BIN / "branchscore"):
        subprocess.run([BIN / "branchscore", "pack", data, "--out", archive], check=True, capture_output=True)
    if stale(frames, HERE / "pandas_baseline.py"):
        print("pickling the pandas frames ...", flush=True)
        subprocess.run([PYTHON, HERE / "pandas_baseline.py", data, "--save-frames", frames], check=True,
                       capture_output=True)
    return data, archive, frames


def one_round(data, archive, frames, work):
    """One measurement of each kind; returns {name: result}."""
    r = {}
    r["pandas_csv"] = measure([PYTHON, HERE / "pandas_baseline.py", data, "--out", work / "pandas.csv"])
    for t in (1, 2):
        r[f"lib_csv_{t}"] = measure([BIN / "branchscore", "score", data, "--format", "csv",
                                     "--out", work / f"lib_csv_{t}.csv", "--threads", t])
        r[f"lib_archive_{t}"] = measure([BIN / "branchscore", "score", archive, "--format", "csv",
                                         "--out", work / f"lib_archive_{t}.csv", "--threads", t])
    r["pandas_frames"] = measure([PYTHON, HERE / "pandas_baseline.py", "--frames", frames,
                                  "--out", work / "pandas_frames.csv"])
    for t in (1, 2):
        r[f"lib_score_{t}"] = measure([BIN / "score_bench", archive, t])
    for name, res in r.items():
        res.update(fields(res["out"]))
    return r


def check_summaries(work):
    """Every summary of the last round equals the library's (CSV, 1 thread) to 1e-9 (each round
    rewrites them from the same data)."""
    reference = pb.read_summary_csv(work / "lib_csv_1.csv")
    for name in ("pandas", "pandas_frames", "lib_csv_2", "lib_archive_1", "lib_archive_2"):
        problems = pb.summary_differences(pb.read_summary_csv(work / f"{name}.csv"), reference)
        if problems:
            sys.exit(f"{name}.csv differs from lib_csv_1.csv:\n" + "\n".join(problems))
    return len(reference)


def machine():
    with open("/proc/cpuinfo") as fh:
        cpu = next((line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), "?")
    with open("/proc/meminfo") as fh:
        mem_kib = int(next(line.split()[1] for line in fh if line.startswith("MemTotal")))
    cores = len(os.sched_getaffinity(0))  # what nproc prints
    return f"{cores} cores (nproc), {mem_kib / 2**20:.1f} GiB, {cpu}, {platform.platform()}"


def median(rounds, name, key):
    return statistics.median(r[name][key] for r in rounds)


# The table's libbranch rows: (label, measurement, timed field, pandas reference, target).
LIBRARY_ROWS = [
    ("libbranch end to end from CSV (`branchscore score`, process wall)", "lib_csv", "wall",
     "end to end", f"≥ {TARGET_END_TO_END}×"),
    ("libbranch end to end from the archive (`branchscore score`, process wall)", "lib_archive", "wall",
     "end to end", "—"),
    ("libbranch scoring stage (`score_bench`: engine.score)", "lib_score", "score", "scoring",
     f"≥ {TARGET_SCORING}×"),
]


def table(rounds, branches, dataset, checked, load_before, load_after):
    """One Markdown table: every measurement's median, spread and peak RSS, and for libbranch the
    ratio pandas ÷ libbranch against the matching pandas row (end to end from CSV, or scoring)."""
    for r in rounds:
        r["pandas_csv"]["e2e"] = r["pandas_csv"]["load"] + r["pandas_csv"]["score"]
    pandas = {"end to end": median(rounds, "pandas_csv", "e2e"), "scoring": median(rounds, "pandas_frames", "score")}

    def row(label, name, threads, key, ratio="", target="", notes=""):
        values = [r[name][key] for r in rounds]
        return (f"| {label} | {threads} | {statistics.median(values):.3f} | {min(values):.3f}–{max(values):.3f} | "
                f"{median(rounds, name, 'rss'):.0f} | {ratio} | {target} | {notes} |")

    lines = [
        f"pandas baseline vs libbranch: {branches:,} branches ({dataset}), default rubric, latest year",
        f"date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; machine: {machine()}",
        f"load average before/after: {load_before} / {load_after}; {len(rounds)} rounds, medians; "
        "each measurement a fresh process, peak RSS its own",
        "",
        "| measurement | threads | median s | min–max s | peak RSS MiB | pandas ÷ libbranch | target | notes |",
        "|---|---|---|---|---|---|---|---|",
        row("pandas end to end from CSV (load + score, timed in-process)", "pandas_csv", 1, "e2e",
            notes=f"load {median(rounds, 'pandas_csv', 'load'):.3f} + "
                  f"score {median(rounds, 'pandas_csv', 'score'):.3f}; "
                  f"process wall {median(rounds, 'pandas_csv', 'wall'):.3f}"),
        row("pandas scoring from in-memory frames", "pandas_frames", 1, "score",
            notes="frames unpickled before the clock"),
    ]
    for label, name, key, reference, target in LIBRARY_ROWS:
        for t in (1, 2):
            m = f"{name}_{t}"
            notes = ""
            if name == "lib_score":
                notes = (f"metrics {median(rounds, m, 'metrics'):.3f}, points {median(rounds, m, 'points'):.3f}, "
                         f"totals {median(rounds, m, 'totals'):.3f}")
            ratio = f"{pandas[reference] / median(rounds, m, key):.1f}× (vs pandas {reference})"
            lines.append(row(label, m, t, key, ratio, target, notes))
    lines += ["", f"summaries checked: pandas (CSV and frames) = libbranch (CSV and archive, 1 and 2 threads), "
                  f"{checked:,} branches, numbers within 1e-9, rating and vetoes exact."]
    return "\n".join(lines)


def main(argv):
    branches = int(argv[1]) if len(argv) > 1 else 100000
    runs = int(argv[2]) if len(argv) > 2 else 3
    work = Path(argv[3]) if len(argv) > 3 else Path(f"/tmp/libbranch-pandas-bench-{branches}")
    for exe in ("branchscore", "score_bench"):
        if not (BIN / exe).exists():
            sys.exit(f"{BIN / exe} missing: build first (scripts/build.sh)")
    work.mkdir(parents=True, exist_ok=True)
    data, archive, frames = prepare(branches, work)
    synth = (work / "synth.txt").read_text().strip() if (work / "synth.txt").exists() else str(data)
    dataset = re.sub(r"^wrote \S+: \d+ branches, ", "", synth)
    load_before = "%.2f" % os.getloadavg()[0]
    rounds = []
    for i in range(runs):
        rounds.append(one_round(data, archive, frames, work))
        r = rounds[-1]
        print(f"round {i + 1}/{runs}: pandas csv {r['pandas_csv']['load']:.2f}+{r['pandas_csv']['score']:.2f} s, "
              f"frames {r['pandas_frames']['score']:.2f} s; "
              f"libbranch csv {r['lib_csv_1']['wall']:.2f}/{r['lib_csv_2']['wall']:.2f} s, "
              f"archive {r['lib_archive_1']['wall']:.2f}/{r['lib_archive_2']['wall']:.2f} s, "
              f"score {r['lib_score_1']['score']:.3f}/{r['lib_score_2']['score']:.3f} s (1/2 threads)", flush=True)
    checked = check_summaries(work)
    # For bench/run_all.py: every measurement's median of every field.
    medians = {name: {key: median(rounds, name, key) for key, value in rounds[0][name].items()
                      if isinstance(value, float)} for name in rounds[0]}
    (work / "medians.json").write_text(json.dumps({"branches": branches, "runs": runs, "dataset": dataset,
                                                   "checked": checked, "medians": medians}, indent=1))
    print()
    print(table(rounds, branches, dataset, checked, load_before, "%.2f" % os.getloadavg()[0]))


if __name__ == "__main__":
    main(sys.argv)
