"""libbranch.dask: scoring partitions on a real Dask cluster (a LocalCluster of 2 worker processes on
loopback) gives exactly the numbers of single-process scoring, peer groups spanning partitions;
PartMetrics pickle through the library's archive; workers of another version are refused; a worker
killed in the middle of a job changes nothing, one that keeps dying fails the job clearly."""

import csv
import json
import os
import pickle
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import libbranch as lb
from libbranch import _core

import dask  # python3-dask and python3-distributed: scripts/install-deps.sh
import distributed

import libbranch.dask as lbd

BRANCHES = 4000
PART_BRANCHES = 1000  # 4 partitions


@pytest.fixture(scope="module")
def cluster():
    # allowed-failures 1: a task is run again once after its worker dies, the second death fails
    # the job (the default, 3, would make the always-dying test restart workers four times).
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None,
                                      host="127.0.0.1", scheduler_kwargs={"dashboard": False}) as c:
            yield c


@pytest.fixture(scope="module")
def client(cluster):
    with distributed.Client(cluster) as c:
        c.wait_for_workers(2)
        yield c


@pytest.fixture(scope="module")
def synthetic_dir(tmp_path_factory):
    """A synthetic province of its own (smaller than conftest's: the cluster tests score it often)."""
    out = tmp_path_factory.mktemp("dask-synth") / "province"
    lb.synth(out, BRANCHES, seed=3)
    return out


@pytest.fixture(scope="module")
def synthetic(synthetic_dir):
    return lb.load(synthetic_dir)


@pytest.fixture(scope="module")
def parts(tmp_path_factory, synthetic):
    path = tmp_path_factory.mktemp("dask") / "synthetic.lbar"
    synthetic.save(path, part_branches=PART_BRANCHES)
    return path


@pytest.fixture(scope="module")
def whole(engine, synthetic):
    return engine.score(synthetic, year=2025)


def _part(parts, k):
    return lb.Dataset._wrap(_core.load_archive_part(os.fspath(parts), k))


def assert_same_scorecard(got, expected, frames=False):
    """Every number: the arrays bit for bit (NaN where NaN), ids, labels, the CSV text; with
    `frames`, also the summary, detail and metrics frames exactly (slower: built from the same
    arrays)."""
    assert list(got.branch_ids) == list(expected.branch_ids)
    assert got.period == expected.period
    assert got.rating_labels == expected.rating_labels
    if frames:
        pd.testing.assert_frame_equal(got.summary, expected.summary, check_exact=True)
        pd.testing.assert_frame_equal(got.detail, expected.detail, check_exact=True)
        pd.testing.assert_frame_equal(got.metrics, expected.metrics, check_exact=True)
    a, b = got.arrays, expected.arrays
    for name in vars(b):
        x, y = getattr(a, name), getattr(b, name)
        assert x.shape == y.shape, name
        assert x.dtype == y.dtype, name
        assert np.array_equal(np.ascontiguousarray(x).view(np.uint8), np.ascontiguousarray(y).view(np.uint8)), name  # bit for bit, NaN included
    assert got.to_csv() == expected.to_csv()


def test_distributed_scorecard_equals_single_process(client, parts, whole, engine):
    card = lbd.score([parts], client=client, year=2025)
    assert_same_scorecard(card, whole, frames=True)
    assert_same_scorecard(card, engine.score_archive(parts, year=2025))
    assert card.dataset is None


def test_peer_groups_span_partitions(client, parts, whole, engine):
    # The default rubric's relative rules (rank, relative_to_best, minmax) group by parent_id …
    relative = {"rank", "relative_to_best", "minmax"}
    rules = [i for s in json.loads(lb.Rubric.default().to_json())["standards"] for i in s["indicators"]]
    grouped = [i for i in rules if i["rule"]["type"] in relative]
    assert grouped and all(i.get("group_by") == "parent_id" for i in grouped)
    # … and parent groups have branches in several partitions …
    info = whole.branch_info.reset_index()
    info["partition"] = np.arange(len(info)) // PART_BRANCHES
    spans = info.groupby("parent_id")["partition"].nunique()
    assert (spans > 1).sum() >= 1
    # … so scoring a partition on its own would give other points: the equality above is only
    # reached by peer statistics over all partitions.
    differ = []
    for k in range(BRANCHES // PART_BRANCHES):
        alone = engine.score(_part(parts, k), year=2025)
        differ.append(not alone.summary["total"].equals(whole.summary.loc[list(alone.branch_ids), "total"]))
    assert any(differ)


def _split_csv(src, out_dir, ranges):
    """The CSV dataset directory `src` as one directory per branch range (every table's rows by
    branch; attendance by its activity's branch)."""
    src = Path(src)
    with open(src / "branches.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, branches = rows[0], rows[1:]
    part_of = {}
    for k, (lo, hi) in enumerate(ranges):
        for row in branches[lo:hi]:
            part_of[row[0]] = k
    dirs = [out_dir / f"part{k}" for k in range(len(ranges))]
    for d in dirs:
        d.mkdir(parents=True)
    activity_part = {}
    for table in sorted(p.name for p in src.glob("*.csv")):
        with open(src / table, newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        head = rows[0]
        if "branch_id" in head:
            col = head.index("branch_id")
            key = lambda r: part_of[r[col]]  # noqa: E731
        else:
            assert head[0] == "activity_id", table
            key = lambda r: activity_part[r[0]]  # noqa: E731
        per_part = [[head] for _ in ranges]
        for r in rows[1:]:
            k = key(r)
            per_part[k].append(r)
            if table == "activities.csv":
                activity_part[r[0]] = k
        for k, d in enumerate(dirs):
            with open(d / table, "w", newline="", encoding="utf-8") as f:
                csv.writer(f, lineterminator="\n").writerows(per_part[k])
    return dirs


def test_every_kind_of_partition(client, parts, whole, synthetic_dir, tmp_path):
    # The same four ranges of branches as CSV directories, a dataset archive, a Dataset and a
    # callable returning one: the same scorecard.
    n = PART_BRANCHES
    csv_dirs = _split_csv(synthetic_dir, tmp_path, [(k * n, (k + 1) * n) for k in range(4)])
    archive = tmp_path / "part2.lbar"
    _part(parts, 2).save(archive)
    partitions = [csv_dirs[0], str(csv_dirs[1]), archive, _part(parts, 3)]
    assert_same_scorecard(lbd.score(partitions, client=client, year=2025), whole)
    loader = _PartLoader(parts, 3)
    assert_same_scorecard(lbd.score([*partitions[:3], loader], client=client, year=2025), whole)


def test_default_period_is_the_whole_datasets(client, parts, engine, synthetic):
    expected = engine.score(synthetic)
    got = lbd.score([parts], client=client)
    assert got.period == expected.period
    assert got.to_csv() == expected.to_csv()
    # from partitions the workers read (not the archive's index)
    got = lbd.score([_part(parts, k) for k in range(4)], client=client)
    assert got.to_csv() == expected.to_csv()


class _PartLoader:
    """A partition callable (runs on the worker): part k of a partitioned archive."""

    def __init__(self, path, k):
        self.path, self.k = os.fspath(path), k

    def __call__(self):
        return lb.Dataset._wrap(_core.load_archive_part(self.path, self.k))


class _KillingLoader(_PartLoader):
    """Kills the worker process running it (SIGKILL: no clean-up, as a crash or an OOM kill) the
    first `times` times it runs, counted by marker files; then loads its part."""

    def __init__(self, path, k, marker_dir, times):
        super().__init__(path, k)
        self.marker_dir, self.times = os.fspath(marker_dir), times

    def __call__(self):
        for i in range(self.times):
            try:
                fd = os.open(os.path.join(self.marker_dir, f"killed-{i}"), os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                continue
            os.close(fd)
            os.kill(os.getpid(), signal.SIGKILL)
        return super().__call__()


def test_a_worker_killed_mid_job_changes_nothing(client, parts, whole, tmp_path):
    partitions = [_PartLoader(parts, 0), _PartLoader(parts, 1), _KillingLoader(parts, 2, tmp_path, 1),
                  _PartLoader(parts, 3)]
    card = lbd.score(partitions, client=client, year=2025)
    assert (tmp_path / "killed-0").exists()  # a worker really died in the job
    assert_same_scorecard(card, whole)
    client.wait_for_workers(2)  # the nanny restarts it


def test_a_partition_that_keeps_killing_workers_fails_the_job(client, parts, tmp_path):
    partitions = [_PartLoader(parts, 0), _KillingLoader(parts, 1, tmp_path, 5)]
    with pytest.raises(lb.Error, match="lost the workers of a partition's task"):
        lbd.score(partitions, client=client, year=2025)
    assert (tmp_path / "killed-1").exists()
    client.wait_for_workers(2)


def test_worker_errors_reach_the_client(client, tmp_path):
    with pytest.raises(lb.Error):
        lbd.score([tmp_path / "no-such-dataset"], client=client, year=2025)


def _body(text):
    """The lines after a CSV's header."""
    return text.split("\n", 1)[1]


def test_partitions_scored_and_written_on_the_workers(client, parts, whole, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    paths = lbd.score([parts], client=client, year=2025, out_dir=out)
    assert paths == [os.path.join(out, f"part-{k:05d}.csv") for k in range(BRANCHES // PART_BRANCHES)]
    assert sorted(os.listdir(out)) == [os.path.basename(p) for p in paths]  # no staged file left
    texts = [Path(p).read_text(encoding="utf-8") for p in paths]
    # Every partition's file is its rows of the whole summary, under the same header: the peer
    # groups spanning partitions (test_peer_groups_span_partitions) were scored across them.
    header = whole.to_csv().split("\n", 1)[0]
    assert all(t.split("\n", 1)[0] == header for t in texts)
    assert "".join(_body(t) for t in texts) == _body(whole.to_csv())
    for k, t in enumerate(texts):
        assert len(_body(t).splitlines()) == PART_BRANCHES, k
    detail = lbd.score([parts], client=client, year=2025, out_dir=out, detail=True)
    assert detail == paths  # the same files, replaced
    assert "".join(_body(Path(p).read_text(encoding="utf-8")) for p in detail) == _body(whole.to_csv(detail=True))


def test_partitions_written_as_json(client, parts, whole, tmp_path):
    paths = lbd.score([parts], client=client, year=2025, out_dir=tmp_path, format="json")
    assert [os.path.basename(p) for p in paths] == [f"part-{k:05d}.json" for k in range(BRANCHES // PART_BRANCHES)]
    expected = json.loads(whole.to_json())
    docs = [json.loads(Path(p).read_text(encoding="utf-8")) for p in paths]
    assert [b for d in docs for b in d["branches"]] == expected["branches"]
    assert all({k: v for k, v in d.items() if k != "branches"} == {k: v for k, v in expected.items() if k != "branches"}
               for d in docs)


def test_a_failed_job_writes_no_file(client, parts, tmp_path):
    partitions = [_PartLoader(parts, 0), _KillingLoader(parts, 1, tmp_path, 5)]
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(lb.Error, match="lost the workers of a partition's task"):
        lbd.score(partitions, client=client, year=2025, out_dir=out)
    assert os.listdir(out) == []
    client.wait_for_workers(2)


def test_writing_on_the_workers_refuses_star_ratings_and_bad_arguments(client, parts, tmp_path):
    stars = lb.Rubric.default().to_dict()
    stars["stars"] = {"levels": [{"label": "五星", "quota": 0.1}], "rest": "未定星"}
    with pytest.raises(lb.Error, match="star ratings"):
        lbd.score([parts], lb.Rubric.from_json(stars), client=client, year=2025, out_dir=tmp_path)
    assert os.listdir(tmp_path) == []
    with pytest.raises(FileNotFoundError, match="not a directory"):
        lbd.score([parts], client=client, year=2025, out_dir=tmp_path / "missing")
    with pytest.raises(ValueError, match="'csv' or 'json'"):
        lbd.score([parts], client=client, year=2025, out_dir=tmp_path, format="xlsx")


def _set_worker_version(version):
    _core.__version__ = version


def test_a_worker_of_another_version_is_refused(client, parts):
    real = _core.__version__
    worker = sorted(client.scheduler_info()["workers"])[0]
    client.run(_set_worker_version, "0.0.1", workers=[worker])
    try:
        with pytest.raises(lb.Error, match=rf"but {worker} has 0\.0\.1: every worker needs the same version"):
            lbd.score([parts], client=client, year=2025)
        # without the check at the start, the tasks that run there refuse to work
        with pytest.raises(lb.Error, match=r"this worker runs libbranch 0\.0\.1"):
            lbd.score([parts], client=client, year=2025, check=False)
    finally:
        client.run(_set_worker_version, real, workers=[worker])
    assert set(lbd.check_versions(client).values()) == {real}


def test_part_metrics_pickle_bit_for_bit(engine, parts):
    rubric = lb.Rubric.default()
    builder = _core.ScoreBuilder(engine._core, rubric._core, "2025-01-01", "2025-12-31", 0, 1)
    part = builder.compute_part(_part(parts, 1)._core)
    back = pickle.loads(pickle.dumps(part))
    assert back.branch_ids == part.branch_ids
    assert back.metrics == part.metrics == builder.metrics
    assert back.values.shape == (PART_BRANCHES, len(builder.metrics))
    assert np.isnan(part.values).any()  # NaN ("no value") travels too
    assert np.array_equal(back.values.view(np.uint64), part.values.view(np.uint64))


def test_damaged_part_metrics_are_archive_errors(engine, parts, whole):
    rubric = lb.Rubric.default()
    builder = _core.ScoreBuilder(engine._core, rubric._core, "2025-01-01", "2025-12-31", 0, 1)
    data = builder.compute_part(_part(parts, 0)._core).to_archive_bytes()
    with pytest.raises(lb.ArchiveError, match="end marker is missing|truncated|exceeds"):
        _core.PartMetrics.from_archive_bytes(data[: len(data) // 2])
    with pytest.raises(lb.ArchiveError, match="not a libbranch archive"):
        _core.PartMetrics.from_archive_bytes(b"x" * 64)
    with pytest.raises(lb.ArchiveError, match="this is a scorecard archive, not a part metrics archive"):
        _core.PartMetrics.from_archive_bytes(whole._core.to_archive_bytes())
    newer = bytearray(data)
    newer[10:14] = (99 * 10000).to_bytes(4, "little")
    with pytest.raises(lb.ArchiveError, match="written by libbranch 99.0.0"):
        _core.PartMetrics.from_archive_bytes(bytes(newer))
    with pytest.raises(lb.ArchiveError, match="pickle state"):
        _core.PartMetrics.__new__(_core.PartMetrics).__setstate__(("not bytes",))


def test_part_metrics_of_another_rubric_are_refused(engine, parts):
    default = lb.Rubric.default()
    part = _core.ScoreBuilder(engine._core, default._core, "2025-01-01", "2025-12-31", 0, 1).compute_part(
        _part(parts, 0)._core)
    small = lb.Rubric.from_json({
        "name": "one", "standards": [{"id": "rule_of_law", "name": "法治", "indicators": [
            {"id": "lectures", "metric": "rule_of_law.lecture_hall", "points": 10, "rule": {"type": "ratio", "target": 4}}]}],
        "ratings": [{"min": 5, "label": "合格"}, {"min": None, "label": "不合格"}]})
    other = _core.ScoreBuilder(engine._core, small._core, "2025-01-01", "2025-12-31", part.branch_count, 1)
    with pytest.raises(lb.Error, match="other metric columns"):
        other.add(part)


def test_arguments_are_checked(client, parts):
    with pytest.raises(TypeError, match="not both or neither"):
        lbd.score([parts], year=2025)
    with pytest.raises(TypeError, match="a list"):
        lbd.score(parts, client=client, year=2025)
    with pytest.raises(TypeError, match="a partition must be"):
        lbd.score([42], client=client, year=2025)
    with pytest.raises(ValueError, match="no partitions"):
        lbd.score([], client=client, year=2025)


def test_module_entry_point(cluster, parts, whole, tmp_path):
    out = tmp_path / "card.csv"
    done = subprocess.run([sys.executable, "-m", "libbranch.dask", "--scheduler", cluster.scheduler_address,
                           "--year", "2025", "--out", str(out), str(parts)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8") == whole.to_csv()
    bad = subprocess.run([sys.executable, "-m", "libbranch.dask", "--scheduler", cluster.scheduler_address,
                          "--year", "2025", str(tmp_path / "missing")], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1
    assert bad.stderr.startswith("python -m libbranch.dask: ")


def test_module_entry_point_writes_partitions(cluster, parts, whole, tmp_path):
    done = subprocess.run([sys.executable, "-m", "libbranch.dask", "--scheduler", cluster.scheduler_address,
                           "--year", "2025", "--out-dir", str(tmp_path), str(parts)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    paths = done.stdout.splitlines()
    assert paths == [os.path.join(tmp_path, f"part-{k:05d}.csv") for k in range(BRANCHES // PART_BRANCHES)]
    assert "".join(_body(Path(p).read_text(encoding="utf-8")) for p in paths) == _body(whole.to_csv())
