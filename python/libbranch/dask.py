"""Scoring a dataset partitioned by branch on a Dask cluster (dask.distributed), with exactly the
numbers of :meth:`libbranch.Engine.score` on the whole dataset.

    >>> from distributed import Client
    >>> import libbranch.dask as lbd
    >>> card = lbd.score(["/data/p0.lbar", "/data/p1.lbar"], client=Client("tcp://scheduler:8786"), year=2025)

The plan is out-of-core scoring's (:meth:`Engine.score_archive`), spread over the workers:

1. one task per partition, on a worker: load the partition and compute its metric columns
   (``PartMetrics``: branches × metric columns, plus ids, names and peer keys) — phase 1, which
   depends on the partition's own branches only;
2. on the client: the PartMetrics are gathered in partition order and added to one score builder,
   whose ``finish`` computes peer statistics, points, totals and ratings over *all* branches at
   once — phase 2, so ``rank`` / ``relative_to_best`` / ``minmax`` peer groups span partitions
   and ranks are exact.

With ``out_dir=`` phase 2 runs on the workers as well: each partition is scored beside the other
partitions' peer summaries (their few branches that are the best, the worst or first ranks of a
shared peer group, :class:`libbranch._core.PartScorer`) and writes its own rows, with the same
numbers; the metric columns never reach the client.

PartMetrics cross processes pickled through the library's part metrics archive
(Boost.Serialization, with the writer's libbranch version in its header). Every worker must run
the client's libbranch version: it is checked when the job starts (and again by every task, for
workers that join later); a mismatch raises :class:`libbranch.Error` naming the workers.

Partitions (a list, in branch order; the scorecard lists branches in this order):

- a path to a dataset directory (CSV files) or a dataset archive, read by the worker
  (:func:`libbranch.load`) — the path must be valid on the workers (shared storage);
- a path to a partitioned archive (``Dataset.save(part_branches=…)``): each of its parts becomes
  a partition, read by the worker with only that part in memory;
- a :class:`libbranch.Dataset` (pickled to the worker);
- a callable without arguments returning a :class:`libbranch.Dataset` (run on the worker).

Or, with ``frames=``, the five tables as dask DataFrames partitioned by branch (partition k of
every table holds the rows of the branches in partition k of ``branches``): each task builds its
partition with :meth:`Dataset.from_frames` on a worker (``_dask_frames``). A branch id in two
partitions is an :class:`Error` naming both.

A worker that dies in the middle of a job loses its tasks; Dask runs them again elsewhere (up to
``distributed.scheduler.allowed-failures`` times), and the result is the same. When a partition
keeps killing workers the job fails with :class:`libbranch.Error` — never a partial scorecard.

``python -m libbranch.dask --scheduler ADDRESS …`` scores from the command line (docs/distributed.md).
"""
from __future__ import annotations

import argparse
import collections
import os
import sys
import threading

from . import _convert, _core, _dask_frames
from .dataset import Dataset
from .engine import Engine, _rubric, _threads
from .errors import Error
from .rubric import Rubric
from .scorecard import Scorecard

__all__ = ["score", "check_versions", "partition_specs"]


# ---- what runs on the workers ----

_ENGINES = {}  # engine pickle state → Engine, per worker process: plugins load once, not per task
_ENGINES_LOCK = threading.Lock()


def _worker_engine(engine):
    # An Engine pickles by its plugin directories and Python metrics; building one loads the
    # plugins, so a worker keeps the engines it has built (keyed by what they were built from).
    dirs, builtin, python_metrics, allow_unsafe = engine.__reduce__()[1]
    key = (tuple(dirs), builtin, allow_unsafe,
           tuple((m, getattr(fn, "__module__", ""), getattr(fn, "__qualname__", repr(fn))) for m, fn, _ in python_metrics))
    with _ENGINES_LOCK:
        cached = _ENGINES.get(key)
        if cached is None:
            cached = _ENGINES[key] = engine
    return cached


def _worker_version():
    return _core.__version__


def _require_version(expected):
    if _core.__version__ != expected:
        raise Error(f"this worker runs libbranch {_core.__version__} ({_core.__file__}), the client {expected}: "
                    "install the client's version on every worker")


def _load_partition(spec):
    kind, what = spec[0], spec[1]
    if kind == "part":
        return Dataset._wrap(_core.load_archive_part(os.fspath(what), spec[2]))
    if kind == "path":
        return Dataset.load(what)
    if kind == "dataset":
        return what
    if kind == "frames":
        return _dask_frames.dataset_of(what, spec[2])
    ds = what()  # "callable"
    if not isinstance(ds, Dataset):
        raise TypeError(f"a partition callable must return a libbranch.Dataset, got {type(ds).__name__}")
    return ds


def _default_period_task(spec, version):
    _require_version(version)
    return _core.default_period_of(_load_partition(spec)._core)


def _compute_part_task(spec, version, engine, rubric, start, end, threads):
    _require_version(version)
    ds = _load_partition(spec)
    engine = _worker_engine(engine)
    builder = _core.ScoreBuilder(engine._core, rubric._core, start, end, 0, threads)
    return builder.compute_part(ds._core)


def _summary_task(part, shared_parent_ids, version, engine, rubric, start, end, threads):
    _require_version(version)
    return _part_scorer(engine, rubric, start, end, threads).peer_summary(part, shared_parent_ids)


def _keys_task(part):
    """The partition's branch ids and the parent_ids of its peer groups."""
    return part.branch_ids, sorted(set(part.parent_ids))


def _part_scorer(engine, rubric, start, end, threads):
    return _core.PartScorer(_worker_engine(engine)._core, rubric._core, start, end, threads)


def _write_part_task(part, others, k, out_dir, token, fmt, detail, version, engine, rubric, start, end, threads):
    """Phase 2 of partition k beside the other partitions' peer summaries, written to a staged
    file that the client renames once every partition is written. Returns the staged path."""
    from ._atomic import write_atomically

    _require_version(version)
    scorer = _part_scorer(engine, rubric, start, end, threads)
    card = Scorecard._wrap(scorer.score(part, scorer.peers_for(part, others)), rubric=rubric, dataset=None, timings={})
    text = card.to_json(detail=detail) if fmt == "json" else card.to_csv(detail=detail)
    staged = os.path.join(out_dir, f".{_part_file(k, fmt)}.staged-{token}")
    write_atomically(staged, text)
    return staged


def _part_file(k, fmt):
    return f"part-{k:05d}.{fmt}"


# ---- the client ----

def partition_specs(partitions):
    """The tasks' partitions: ('part', archive, k) for each part of a partitioned archive,
    ('path', p), ('dataset', ds) or ('callable', f). Raises TypeError for anything else and
    ArchiveError for a damaged partitioned archive (its index is read here, on the client)."""
    if isinstance(partitions, (str, bytes, os.PathLike, Dataset)):
        raise TypeError("partitions must be a list (of paths, Datasets or callables), not a single one")
    specs = []
    for p in partitions:
        if isinstance(p, Dataset):
            specs.append(("dataset", p))
        elif isinstance(p, (str, os.PathLike)):
            path = _convert.fspath(p, "partition")
            if os.path.isfile(path) and _core.archive_kind(path) == "partitioned dataset":
                branches, _ = _core.partitioned_archive_info(path)
                specs.extend(("part", path, k) for k in range(len(branches)))
            else:
                specs.append(("path", path))
        elif callable(p):
            specs.append(("callable", p))
        else:
            raise TypeError(f"a partition must be a path, a libbranch.Dataset or a callable, got {type(p).__name__}")
    if not specs:
        raise ValueError("no partitions to score")
    return specs


def check_versions(client):
    """Raises :class:`Error` unless every worker of ``client``'s cluster imports the client's
    libbranch version (or when the cluster has no worker). Returns {worker address: version}."""
    versions = client.run(_worker_version)
    if not versions:
        raise Error(f"the Dask cluster at {client.scheduler.address} has no workers")
    wrong = {w: v for w, v in versions.items() if v != _core.__version__}
    if wrong:
        listed = ", ".join(f"{w} has {v}" for w, v in sorted(wrong.items()))
        raise Error(f"libbranch {_core.__version__} on the client, but {listed}: every worker needs the same version")
    return versions


def _period(client, specs, version, year, period):
    start, end = _convert.period_bounds(year, period)
    if start is not None:
        return start, end
    # The default period (the latest calendar year with activities) is the whole dataset's, so it
    # is the latest of the partitions' own (a period is a calendar year: the latest wins).
    found = []
    paths = {s[1] for s in specs if s[0] == "part"}
    for path in paths:
        found.append(_core.partitioned_archive_info(path)[1])
    others = [s for s in specs if s[0] != "part"]
    if others:
        found.extend(client.gather(client.map(_default_period_task, others, version=version, pure=False)))
    found = [f for f in found if f is not None]
    if not found:
        raise Error("the partitions have no activities, so there is no default period: pass year= or period=(from, to)")
    return max(found, key=lambda p: p[1])


def _gather(client, futures):
    from distributed.scheduler import KilledWorker

    try:
        return client.gather(futures)
    except KilledWorker as e:
        raise Error(f"the cluster lost the workers of a partition's task too many times ({e}); "
                    "no scorecard was made (see distributed.scheduler.allowed-failures)") from e
    finally:
        client.cancel(futures)


def _partition_name(spec, k):
    kind = spec[0]
    if kind == "part":
        return f"partition {k} (part {spec[2]} of {spec[1]})"
    if kind == "path":
        return f"partition {k} ({spec[1]})"
    return f"partition {k}"


def _check_unique(specs, ids):
    """A branch in two partitions would be scored twice (and sit in its peer group twice):
    raises :class:`Error` naming the first such id and both partitions. ``ids``: each
    partition's branch ids."""
    seen = {}
    for k, branch_ids in enumerate(ids):
        for branch in branch_ids:
            first = seen.setdefault(branch, k)
            if first != k:
                raise Error(f"branch_id '{branch}' is in {_partition_name(specs[first], first)} and in "
                            f"{_partition_name(specs[k], k)}: every branch must be in exactly one partition")


def _write_parts(client, specs, parts, r, start, end, threads, version, engine, out_dir, fmt, detail):
    """Phase 2 on the workers, each partition written to ``out_dir``: the peer summaries of every
    partition (its branches that decide other partitions' points) go to every other partition's
    task. Files are staged and renamed only when every partition is written, so a failed job
    leaves none of its files."""
    import uuid

    keys = _gather(client, client.map(_keys_task, parts, pure=False))
    _check_unique(specs, [ids for ids, _ in keys])
    # A parent_id group inside one partition decides no other partition's points: each summary
    # covers the groups that some other partition shares (and the groupings that span them all).
    partitions_of = collections.Counter(p for _, parents in keys for p in parents)
    shared = [[p for p in parents if partitions_of[p] > 1] for _, parents in keys]
    common = dict(version=version, engine=engine, rubric=r, start=start, end=end, threads=threads)
    summaries = [client.submit(_summary_task, part, shared[k], pure=False, **common) for k, part in enumerate(parts)]
    token = uuid.uuid4().hex
    writes = [client.submit(_write_part_task, part, summaries[:k] + summaries[k + 1:], k, out_dir, token, fmt, detail,
                            pure=False, **common) for k, part in enumerate(parts)]
    try:
        staged = _gather(client, writes)
    except BaseException:
        for name in os.listdir(out_dir):
            if name.startswith(".part-") and name.endswith(".staged-" + token):
                os.unlink(os.path.join(out_dir, name))
        raise
    finally:
        client.cancel(summaries)
    paths = []
    for k, path in enumerate(staged):
        paths.append(os.path.join(out_dir, _part_file(k, fmt)))
        os.replace(path, paths[-1])
    return paths


def score(partitions=None, rubric=None, *, frames=None, client=None, scheduler=None, engine=None, year=None,
          period=None, threads=1, check=True, out_dir=None, format="csv", detail=False):
    """Scores a dataset given as ``partitions`` (see the module's doc) or as dask DataFrames
    ``frames`` on a Dask cluster and returns one :class:`Scorecard` with the numbers of
    ``Engine.score`` on the whole dataset.

    ``frames``: ``{"branches": ddf, "members": ddf, "activities": ddf, "attendance": ddf,
    "observations": ddf}`` (only branches is required), partitioned by branch: partition k of
    every table holds the rows of the branches in partition k of ``branches`` (attendance: of the
    activities in partition k of ``activities``), so every table has the branches' number of
    partitions. Each task builds its partition with :meth:`Dataset.from_frames` on a worker (the
    same validation); a row in the wrong partition is an :class:`Error` naming table, partition,
    row and id. See docs/distributed.md for aligning frames that are not partitioned that way.
    A branch id in two partitions (of any kind) is an :class:`Error` naming both.

    ``client``: a ``distributed.Client``; or ``scheduler``: its address (a client is opened and
    closed). ``engine``: the :class:`Engine` whose metrics the workers use (default: a new one;
    it pickles by plugin directories, which must exist on the workers). ``rubric``, ``year`` and
    ``period`` as in :meth:`Engine.score` (the default period needs each non-archive partition
    read once more). ``threads``: threads per task for the metrics (default 1: one task per
    worker thread). ``check=False`` skips the version check of the workers at the start (every
    task still checks its own). The Scorecard has no :attr:`~Scorecard.dataset`.

    ``out_dir``: instead of returning one Scorecard, every partition's rows are scored and written
    on the workers, to ``out_dir/part-00000.csv``, … (``format="json"`` for JSON; ``detail=True``
    for the detail rows), and the list of paths is returned. Each file is that partition's part of
    the whole summary, with the same numbers (peer groups still span partitions: every partition's
    task receives the other partitions' peer summaries, their few branches that are the best, the
    worst or first ranks of a peer group). ``out_dir`` must exist and be the same directory for the
    workers and the client (shared storage). Files appear only when every partition is written.
    A rubric with star ratings cannot be scored this way (quotas need every total): :class:`Error`
    before the partitions are scored."""
    from distributed import Client

    if (client is None) == (scheduler is None):
        raise TypeError("give client= (a distributed.Client) or scheduler= (its address), not both or neither")
    r = Rubric.default() if rubric is None else _rubric(rubric)
    engine = Engine() if engine is None else engine
    if not isinstance(engine, Engine):
        raise TypeError(f"engine must be a libbranch.Engine, got {type(engine).__name__}")
    engine.check(r)  # as Engine.score: the rubric is checked before any task runs
    threads = _threads(threads) if threads is not None else 0
    if (partitions is None) == (frames is None):
        raise TypeError("give partitions (a list) or frames= (a dict of dask DataFrames), not both or neither")
    specs = partition_specs(partitions) if frames is None else None
    if out_dir is not None:
        out_dir = os.path.abspath(_convert.fspath(out_dir, "out_dir"))
        if not os.path.isdir(out_dir):
            raise FileNotFoundError(f"out_dir {out_dir} is not a directory")
        if format not in ("csv", "json"):
            raise ValueError(f"format must be 'csv' or 'json', got {format!r}")
    own = client is None
    if own:
        client = Client(scheduler)
    try:
        if check:
            check_versions(client)
        if specs is None:
            specs = _dask_frames.frame_specs(client, frames)
        version = _core.__version__
        start, end = _period(client, specs, version, year, period)
        if out_dir is not None:
            _core.PartScorer(engine._core, r._core, start, end, threads)  # refuses a rubric with stars before any task
        futures = client.map(_compute_part_task, specs, version=version, engine=engine, rubric=r, start=start, end=end,
                             threads=threads, pure=False)
        if out_dir is not None:
            try:
                return _write_parts(client, specs, futures, r, start, end, threads, version, engine, out_dir, format,
                                    detail)
            finally:
                client.cancel(futures)
        parts = _gather(client, futures)
    finally:
        # The frames' partitions held on the workers are released with the specs' futures when
        # this returns — not cancelled: cancelling would also cancel the caller's own computation
        # of the same keys (ddf.compute() right after, in the same client).
        if own:
            client.close()
    _check_unique(specs, [p.branch_ids for p in parts])
    builder = _core.ScoreBuilder(engine._core, r._core, start, end, sum(p.branch_count for p in parts), threads)
    for p in parts:
        builder.add(p)
    return Scorecard._wrap(builder.finish(), rubric=r, dataset=None, timings={})


# ---- python -m libbranch.dask ----

def main(argv=None):
    """``python -m libbranch.dask --scheduler ADDRESS [options] PARTITION…``: writes the scorecard
    (CSV, or JSON with --json) to --out or stdout. Returns the exit status."""
    ap = argparse.ArgumentParser(prog="python -m libbranch.dask",
                                 description="Score a dataset partitioned by branch on a Dask cluster.")
    ap.add_argument("partitions", nargs="+", metavar="PARTITION",
                    help="dataset directories, dataset archives or partitioned archives, in branch order "
                         "(paths as the workers see them)")
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--scheduler", metavar="ADDRESS", help="the scheduler, e.g. tcp://10.0.0.1:8786")
    where.add_argument("--local", type=int, metavar="N", help="start a local cluster of N worker processes instead")
    ap.add_argument("--rubric", help="rubric JSON file (default: the default rubric)")
    ap.add_argument("--year", type=int)
    ap.add_argument("--from", dest="from_", metavar="YYYY-MM-DD")
    ap.add_argument("--to", metavar="YYYY-MM-DD")
    ap.add_argument("--plugins", action="append", default=[], metavar="DIR", help="plugin directory (on every worker)")
    ap.add_argument("--threads", type=int, default=1, help="threads per task (default 1)")
    ap.add_argument("--detail", action="store_true", help="one row per branch and indicator")
    ap.add_argument("--json", action="store_true", help="JSON instead of CSV")
    out = ap.add_mutually_exclusive_group()
    out.add_argument("--out", "-o", help="output file (default: stdout)")
    out.add_argument("--out-dir", metavar="DIR",
                     help="score and write every partition on the workers: DIR/part-00000.csv, … (DIR on shared "
                          "storage); the paths are printed")
    args = ap.parse_args(argv)
    if (args.from_ is None) != (args.to is None):
        ap.error("give both --from and --to, or neither")
    period = None if args.from_ is None else (args.from_, args.to)
    try:
        engine = Engine(args.plugins or None)
        rubric = None if args.rubric is None else Rubric.from_json(args.rubric)
        job = dict(engine=engine, year=args.year, period=period, threads=args.threads)
        if args.out_dir is not None:
            job.update(out_dir=args.out_dir, format="json" if args.json else "csv", detail=args.detail)
        if args.local is not None:
            from distributed import Client, LocalCluster

            with LocalCluster(n_workers=args.local, processes=True, threads_per_worker=1, dashboard_address=None) as cl, \
                    Client(cl) as client:
                card = score(args.partitions, rubric, client=client, **job)
        else:
            card = score(args.partitions, rubric, scheduler=args.scheduler, **job)
    except (Error, OSError, ValueError, TypeError) as e:
        print(f"python -m libbranch.dask: {e}", file=sys.stderr)
        return 1
    if args.out_dir is not None:
        sys.stdout.write("".join(path + "\n" for path in card))
        return 0
    text = card.to_json(detail=args.detail) if args.json else card.to_csv(detail=args.detail)
    if args.out:
        from ._atomic import write_atomically

        write_atomically(args.out, text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    # Run as libbranch.dask, not __main__: the tasks' functions must pickle by reference to the
    # module the workers import, not by value from this script.
    from libbranch.dask import main as _main

    sys.exit(_main())
