#!/usr/bin/env python3
"""Binding overhead of the Python package (issue 4): ``engine.score`` from Python vs the C++
scoring call on the same in-memory dataset.

    PYTHONPATH=build-py/python /usr/bin/python3 bench/python_overhead.py [--branches 100000] [--runs 5]

Makes a synthetic province (``lb.synth``, seed 7), packs it into an archive, loads that once,
then alternates RUNS times:

  python   ``engine.score(ds)`` — the public API (argument checks, period, the Scorecard wrapper);
  bound    ``engine._core.score(ds._core, rubric._core, None, None, threads)`` — the compiled call
           alone (pybind11 argument conversion, GIL release, libbranch::Engine::score, result
           wrapping), without the Python layer;
  c++      the library's own stage clocks inside those bound calls (metrics + points + totals,
           ScoreTimings): libbranch::score without any binding;
  score_bench  (when the binary is found) the C++ benchmark's ``score=`` on an archive of the same
           dataset, one process per run — the same library code with the plugins loaded from
           their shared objects instead of linked into the module.

Prints the median of each and the ratios; the target is python / c++ < 1.10. Scorecard frames
are built on first use, so ``engine.score`` does not include them; the time to build
``card.summary`` is printed for information.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import libbranch as lb


def find_score_bench(given):
    if given:
        return Path(given)
    candidate = Path(lb._core.__file__).resolve().parents[2] / "bin" / "score_bench"  # <build>/bin
    return candidate if candidate.is_file() and os.access(candidate, os.X_OK) else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--branches", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--threads", type=int, default=0, help="0 = all cores (the default of engine.score)")
    parser.add_argument("--workdir", help="where to write the synthetic dataset (default: a temporary directory)")
    parser.add_argument("--score-bench", help="path of score_bench (default: <build>/bin/score_bench if present)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="lb_overhead_", dir=args.workdir) as work:
        data = Path(work) / "province"
        archive = Path(work) / "province.lbar"
        t0 = time.perf_counter()
        rows = lb.synth(data, args.branches, seed=7)
        t1 = time.perf_counter()
        lb.load(data).save(archive)
        t2 = time.perf_counter()
        ds = lb.load(archive)  # the dataset score_bench loads too: same bytes, same memory layout
        t3 = time.perf_counter()
        print(f"dataset: {rows['branches']:,} branches, {rows['members']:,} members, {rows['activities']:,} activities, "
              f"{rows['attendance']:,} attendance rows, {rows['observations']:,} observations "
              f"(synth {t1 - t0:.1f} s, CSV load + pack {t2 - t1:.1f} s, archive load {t3 - t2:.1f} s)")
        engine = lb.Engine()
        rubric = lb.Rubric.default()
        threads = args.threads if args.threads > 0 else None
        core_threads = args.threads
        exe = find_score_bench(args.score_bench)
        env = dict(os.environ)
        if exe is not None:
            plugin_dir = exe.resolve().parents[1] / "plugins"
            if plugin_dir.is_dir():
                env.setdefault("LIBBRANCH_PLUGIN_PATH", str(plugin_dir))

        # Warm-up (first touches of the dataset's pages, TBB's thread pool).
        engine.score(ds, rubric, threads=threads)

        # The three measurements alternate within each run, so that load from other processes
        # on a shared machine falls on all of them alike.
        python, bound, inner, bench = [], [], [], []
        checksum = None
        for _ in range(args.runs):
            start = time.perf_counter()
            card = engine.score(ds, rubric, threads=threads)
            python.append(time.perf_counter() - start)

            start = time.perf_counter()
            core_card, timings = engine._core.score(ds._core, rubric._core, None, None, core_threads)
            bound.append(time.perf_counter() - start)
            inner.append(timings["metrics"] + timings["points"] + timings["totals"])
            total = float(core_card.totals.sum())
            assert checksum is None or checksum == total
            checksum = total
            assert float(card.arrays.totals.sum()) == total

            if exe is not None:
                out = subprocess.run([str(exe), str(archive), str(args.threads)], capture_output=True, text=True,
                                     env=env)
                if out.returncode != 0:
                    print(f"score_bench failed ({out.stderr.strip()}); skipped")
                    exe, bench = None, []
                    continue
                fields = dict(kv.split("=", 1) for kv in out.stdout.split())
                bench.append(float(fields["score"]))
                if abs(float(fields["checksum"]) - checksum) > 1e-6 * max(1.0, abs(checksum)):
                    print(f"note: score_bench checksum {fields['checksum']} differs from {checksum:.6f}")

        start = time.perf_counter()
        _ = card.summary
        summary_seconds = time.perf_counter() - start

    med = statistics.median
    p, b, c = med(python), med(bound), med(inner)
    print(f"\nmedians of {args.runs} runs, {os.cpu_count()} cores, threads={args.threads or 'all'}:")
    print(f"  engine.score (Python API)         {p * 1000:9.1f} ms   runs: " + ", ".join(f"{x * 1000:.0f}" for x in python))
    print(f"  _core score (bound C++ call)      {b * 1000:9.1f} ms   runs: " + ", ".join(f"{x * 1000:.0f}" for x in bound))
    print(f"  libbranch::score (C++ stages)     {c * 1000:9.1f} ms   runs: " + ", ".join(f"{x * 1000:.0f}" for x in inner))
    if bench:
        print(f"  score_bench score= (C++ process)  {med(bench) * 1000:9.1f} ms   runs: "
              + ", ".join(f"{x * 1000:.0f}" for x in bench))
    print(f"  (card.summary, built on first use: {summary_seconds * 1000:.1f} ms)")
    print(f"\nPython API / bound call:    {p / b:.3f}  (overhead {100 * (p / b - 1):+.1f}%)")
    print(f"Python API / C++ stages:    {p / c:.3f}  (overhead {100 * (p / c - 1):+.1f}%; target < +10%)")
    if bench:
        print(f"Python API / score_bench:   {p / med(bench):.3f}")
    return 0 if p / c < 1.10 else 1


if __name__ == "__main__":
    sys.exit(main())
