"""Distributed scoring (libbranch.dask) against one process, on a partitioned archive:

    PYTHONPATH=build/python /usr/bin/python3 bench/dask_bench.py [BRANCHES] [PART_BRANCHES] [WORKDIR]

(defaults 1000000, 50000, /tmp/libbranch-dask-bench). Writes the archive with
`branchscore synth --part-branches` if it is not there, then times, one run each:
  - Engine.score_archive, one process, 2 threads (out of core: the same two phases);
  - libbranch.dask.score on a LocalCluster of 2 worker processes × 1 thread (the cluster's start
    is timed apart), and checks that both scorecards are the same, every number;
  - the same with out_dir= (every partition scored and written as CSV on the workers), and checks
    that the partitions' files together are the single process's summary CSV; and the single
    process's own time to write that CSV, for comparison.
Prints one line per measurement (docs/distributed.md has the figures and what they mean).
"""
import os
import subprocess
import tempfile
import sys
import time
from pathlib import Path

import numpy as np

import libbranch as lb
import libbranch.dask as lbd
from distributed import Client, LocalCluster


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    part = int(sys.argv[2]) if len(sys.argv) > 2 else 50_000
    work = Path(sys.argv[3] if len(sys.argv) > 3 else "/tmp/libbranch-dask-bench")
    work.mkdir(parents=True, exist_ok=True)
    archive = work / f"synth-{n}-{part}.lbar"
    exe = os.environ.get("LIBBRANCH_BRANCHSCORE", str(Path(lb._core.__file__).resolve().parents[2] / "bin" / "branchscore"))
    if not archive.exists():
        t = time.perf_counter()
        subprocess.run([exe, "synth", "--branches", str(n), "--seed", "7", "--part-branches", str(part),
                        "--out", str(archive)], check=True, stdout=subprocess.DEVNULL)
        print(f"synth branches={n} part_branches={part} seconds={time.perf_counter() - t:.1f}")

    engine = lb.Engine()
    t = time.perf_counter()
    single = engine.score_archive(archive, year=2025, threads=2)
    print(f"single_process threads=2 seconds={time.perf_counter() - t:.2f}")

    t = time.perf_counter()
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None,
                      scheduler_kwargs={"dashboard": False}) as cluster, Client(cluster) as client:
        client.wait_for_workers(2)
        print(f"cluster_start workers=2 seconds={time.perf_counter() - t:.2f}")
        for run in range(2):  # the first run also builds each worker's Engine
            t = time.perf_counter()
            card = lbd.score([archive], client=client, engine=engine, year=2025)
            print(f"dask run={run + 1} workers=2x1 seconds={time.perf_counter() - t:.2f}")
        out_dir = tempfile.mkdtemp(prefix="dask-bench-out-", dir=work)
        for run in range(2):
            t = time.perf_counter()
            paths = lbd.score([archive], client=client, engine=engine, year=2025, out_dir=out_dir)
            print(f"dask_out_dir run={run + 1} workers=2x1 files={len(paths)} seconds={time.perf_counter() - t:.2f}")
    t = time.perf_counter()
    text = single.to_csv()
    print(f"single_process_summary_csv seconds={time.perf_counter() - t:.2f}")
    written = "".join(Path(p).read_text(encoding="utf-8").split("\n", 1)[1] for p in paths)
    files_same = written == text.split("\n", 1)[1]
    print(f"out_dir_files_identical={files_same}")
    for p in paths:
        os.unlink(p)
    os.rmdir(out_dir)
    same = all(np.array_equal(np.ascontiguousarray(getattr(card.arrays, k)).view(np.uint8),
                              np.ascontiguousarray(getattr(single.arrays, k)).view(np.uint8))
               for k in vars(single.arrays)) and list(card.branch_ids) == list(single.branch_ids)
    print(f"identical={same}")
    if not (same and files_same):
        sys.exit(1)


if __name__ == "__main__":
    main()
