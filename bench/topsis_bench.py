"""TOPSIS: libbranch.rank.topsis (C++, Eigen, TBB) vs a plain numpy implementation, measured in
the same run (issue 9: ≥ 5× on 100,000 × 20), and a 5,000,000 × 40 run for memory and time.

    PYTHONPATH=build/python /usr/bin/python3 bench/topsis_bench.py [--runs 31] [--big-rows 5000000]

Both sides compute the same thing: vector normalisation, weights, ideal and anti-ideal (one cost
column in four), both distances, closeness and ranks with ties sharing the best rank ("min"),
and the results are checked to agree before any time is printed. Times are medians; the numpy
side is given the best case (a C-ordered float64 array, no pandas). The two sides alternate round
by round, so both see the same load on a shared machine; medians and minimums are printed (the
minimum is the less noisy figure when other jobs share the cores).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time

import numpy as np

import libbranch as lb


def topsis_numpy(X, w, benefit):
    """The textbook steps in numpy, as an analyst would write them."""
    R = X / np.sqrt((X * X).sum(axis=0))
    V = R * w
    vmax, vmin = V.max(axis=0), V.min(axis=0)
    ideal = np.where(benefit, vmax, vmin)
    anti = np.where(benefit, vmin, vmax)
    dp = np.sqrt(((V - ideal) ** 2).sum(axis=1))
    dm = np.sqrt(((V - anti) ** 2).sum(axis=1))
    c = dm / (dp + dm)
    # Ranks, ties sharing the best rank (the "min" method), as scipy.stats.rankdata(-c, "min").
    order = np.argsort(-c, kind="stable")
    sorted_c = c[order]
    first = np.r_[True, sorted_c[1:] != sorted_c[:-1]]
    starts = np.flatnonzero(first)
    group = np.cumsum(first) - 1
    rank = np.empty(c.size, dtype=np.int64)
    rank[order] = starts[group] + 1
    return c, rank


def interleaved_times(fs, runs):
    """Each function once per round, rounds repeated: both sides see the same machine load."""
    times = [[] for _ in fs]
    for _ in range(runs):
        for k, f in enumerate(fs):
            t0 = time.perf_counter()
            f()
            times[k].append(time.perf_counter() - t0)
    return times


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--rows", type=int, default=100_000)
    p.add_argument("--cols", type=int, default=20)
    p.add_argument("--runs", type=int, default=31)
    p.add_argument("--big-rows", type=int, default=5_000_000)
    p.add_argument("--big-cols", type=int, default=40)
    args = p.parse_args()

    rng = np.random.default_rng(2026)
    X = rng.uniform(1, 100, size=(args.rows, args.cols))
    w = rng.uniform(0.5, 1.5, size=args.cols)
    w /= w.sum()
    dirs = ["cost" if j % 4 == 3 else "benefit" for j in range(args.cols)]
    benefit = np.array([d == "benefit" for d in dirs])

    ours = lb.rank.topsis(X, w, directions=dirs)
    c, rank = topsis_numpy(X, w, benefit)
    assert np.allclose(ours.closeness, c, rtol=1e-12), "the two implementations disagree"
    assert np.array_equal(ours.rank, rank), "the two rankings disagree"

    t_lb, t_np = interleaved_times([lambda: lb.rank.topsis(X, w, directions=dirs), lambda: topsis_numpy(X, w, benefit)],
                                   args.runs)
    med_lb, med_np = statistics.median(t_lb), statistics.median(t_np)
    min_lb, min_np = min(t_lb), min(t_np)
    print(f"TOPSIS {args.rows:,} × {args.cols}: {args.runs} interleaved rounds, results checked equal")
    print(f"  libbranch.rank.topsis  median {med_lb * 1e3:8.2f} ms   min {min_lb * 1e3:8.2f} ms")
    print(f"  plain numpy            median {med_np * 1e3:8.2f} ms   min {min_np * 1e3:8.2f} ms")
    print(f"  ratio numpy / libbranch: {med_np / med_lb:.1f}× (medians), {min_np / min_lb:.1f}× (minimums); target ≥ 5×")

    if args.big_rows > 0:
        del X, ours, c, rank
        big = np.empty((args.big_rows, args.big_cols))
        # Filled in blocks so that the generator's temporaries stay small.
        step = 500_000
        for s in range(0, args.big_rows, step):
            big[s:s + step] = rng.uniform(1, 100, size=(min(step, args.big_rows - s), args.big_cols))
        wb = np.full(args.big_cols, 1 / args.big_cols)
        dirs_b = ["cost" if j % 4 == 3 else "benefit" for j in range(args.big_cols)]
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
        t0 = time.perf_counter()
        r = lb.rank.topsis(big, wb, directions=dirs_b)
        t_big = time.perf_counter() - t0
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
        assert r.rank.min() == 1 and not np.isnan(r.closeness).any()
        print(f"TOPSIS {args.big_rows:,} × {args.big_cols} ({big.nbytes / 2**30:.2f} GiB of input, read in place)")
        print(f"  libbranch.rank.topsis  {t_big:8.2f} s, peak RSS {rss_before:.2f} GiB before → {rss_after:.2f} GiB after")


if __name__ == "__main__":
    main()
