"""libbranch.dask with the five tables as dask DataFrames partitioned by branch, on a real
LocalCluster of 2 worker processes (test_dask's fixtures): the numbers of Engine.score on the same
data; rows in the wrong partition and branches in two partitions are clear errors."""

import dask
import dask.dataframe as dd
import pandas as pd
import pytest

import libbranch as lb
import libbranch.dask as lbd

# The cluster and the comparison of test_dask (a module fixture: this module gets its own cluster).
from test_dask import assert_same_scorecard, client, cluster, parts, synthetic, synthetic_dir  # noqa: F401

FRAME_BRANCHES = 1200
FRAME_PARTITIONS = 3


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    out = tmp_path_factory.mktemp("dask-frames") / "province"
    lb.synth(out, FRAME_BRANCHES, seed=5)
    return lb.load(out)


@pytest.fixture(scope="module")
def aligned(small):
    """The tables as an analyst would align them (docs/distributed.md): branches split by
    branch_id, every other table re-indexed by branch_id onto the branches' divisions;
    attendance takes its activity's branch_id by a join first."""
    b = dd.from_pandas(small.branches.set_index("branch_id"), npartitions=FRAME_PARTITIONS, sort=True)
    divisions = list(b.divisions)

    def by_branch(df):
        return dd.from_pandas(df, npartitions=2, sort=False).set_index("branch_id", divisions=divisions)

    att = small.attendance.merge(small.activities[["activity_id", "branch_id"]], on="activity_id")
    return {"branches": b, "members": by_branch(small.members), "activities": by_branch(small.activities),
            "attendance": by_branch(att), "observations": by_branch(small.observations)}


def _pieces(df, ids_of_part):
    return [df[df["branch_id"].isin(ids)] for ids in ids_of_part]


def _from_pieces(pieces):
    return dd.from_delayed([dask.delayed(p) for p in pieces], meta=pieces[0].iloc[:0])


def test_dask_frames_score_like_engine(client, aligned, small, engine):
    card = lbd.score(frames=aligned, client=client, year=2025)
    # The same rows, in the order the tasks saw them (the shuffle orders rows within a branch).
    computed = {t: df.compute() for t, df in aligned.items()}
    same_data = lb.Dataset.from_frames(**computed)
    assert_same_scorecard(card, engine.score(same_data, year=2025), frames=True)
    # Branches are in branch_id order in both, so it is also the whole dataset's scorecard.
    assert_same_scorecard(card, engine.score(small, year=2025))
    # Three partitions of the 1200 branches, and the shuffle kept every row (nothing dropped).
    assert aligned["branches"].npartitions == FRAME_PARTITIONS
    assert len(card.branch_ids) == FRAME_BRANCHES
    assert len(computed["members"]) == len(small.members)
    assert len(computed["attendance"]) == len(small.attendance)


def test_dask_frames_written_per_partition(client, aligned, small, engine, tmp_path):
    # out_dir with frames: every partition scored and written on the workers; the files' rows, in
    # order, are the whole dataset's summary (branch_id order in both, as above).
    paths = lbd.score(frames=aligned, client=client, year=2025, out_dir=tmp_path)
    assert len(paths) == FRAME_PARTITIONS
    whole = engine.score(small, year=2025).to_csv()
    bodies = [open(p, encoding="utf-8").read().split("\n", 1)[1] for p in paths]
    assert "".join(bodies) == whole.split("\n", 1)[1]
    assert all(b for b in bodies)  # no partition empty


def test_default_period_of_frames(client, aligned, small, engine):
    # No year: the latest calendar year with activities over all partitions, as Engine.score's.
    tables = ("branches", "members", "activities")
    card = lbd.score(frames={t: aligned[t] for t in tables}, client=client)
    assert card.period == engine.score(lb.Dataset.from_frames(*(getattr(small, t) for t in tables))).period


def test_rows_of_another_partitions_branch_are_an_error(client, small):
    ids = list(small.branches["branch_id"])
    thirds = [ids[:400], ids[400:800], ids[800:]]
    branches = _from_pieces(_pieces(small.branches, thirds))
    members = _pieces(small.members, thirds)
    # The first member of partition 1 is copied into partition 0, where its branch is not
    # (partition 1 stays valid, so partition 0's is the only problem).
    stray = members[1].iloc[:1]
    members[0] = pd.concat([members[0], stray])
    with pytest.raises(lb.Error) as e:
        lbd.score(frames={"branches": branches, "members": _from_pieces(members)}, client=client, year=2025)
    label, branch = stray.index[0], stray["branch_id"].iloc[0]
    assert str(e.value).startswith(f"members partition 0, row {label}: branch_id '{branch}' is not in branches "
                                   "partition 0;")
    # Attendance belongs by its activity: one of partition 2's in partition 1 (members given, so
    # that partition 1's is the only problem: lecturers and attendees are members).
    activities = _pieces(small.activities, thirds)
    att = [small.attendance[small.attendance["activity_id"].isin(a["activity_id"])] for a in activities]
    # Copied, not moved: partition 2 stays valid (its activities' attendee counts hold), so partition
    # 1's stray rows are the only problem.
    moved = att[2][att[2]["activity_id"] == att[2]["activity_id"].iloc[0]]
    assert len(moved) >= 2
    att[1] = pd.concat([att[1], moved])
    with pytest.raises(lb.Error) as e:
        lbd.score(frames={"branches": branches, "members": _from_pieces(_pieces(small.members, thirds)),
                          "activities": _from_pieces(activities), "attendance": _from_pieces(att)},
                  client=client, year=2025)
    # The message names the first copied row and counts the others.
    assert str(e.value).startswith(f"attendance partition 1, row {moved.index[0]}: activity_id "
                                   f"'{moved['activity_id'].iloc[0]}' is not in activities partition 1 "
                                   f"(and {len(moved) - 1} more such rows);")


def test_a_branch_in_two_partitions_is_an_error(client, parts, small):
    # The partitioned archive twice: its parts are partitions 0-3, then again 4-7, so the first
    # branch of part 0 is in partition 0 and partition 4.
    first = lb.Dataset._wrap(lb._core.load_archive_part(str(parts), 0)).branches["branch_id"].iloc[0]
    with pytest.raises(lb.Error) as e:
        lbd.score([parts, parts], client=client, year=2025)
    assert str(e.value) == (f"branch_id '{first}' is in partition 0 (part 0 of {parts}) and in partition 4 "
                            f"(part 0 of {parts}): every branch must be in exactly one partition")
    # Frames: partition 1 of branches repeats the last branch of partition 0.
    ids = list(small.branches["branch_id"])
    pieces = _pieces(small.branches, [ids[:600], ids[599:]])
    with pytest.raises(lb.Error, match=f"^branch_id '{ids[599]}' is in partition 0 and in partition 1:"):
        lbd.score(frames={"branches": _from_pieces(pieces)}, client=client, year=2025)


def test_frames_arguments_are_checked(client, aligned, small):
    with pytest.raises(ValueError, match="^branches has 3 partitions but members has 2: "):
        lbd.score(frames={"branches": aligned["branches"], "members": dd.from_pandas(small.members, npartitions=2)},
                  client=client, year=2025)
    with pytest.raises(TypeError, match=r"^frames\['members'\] must be a dask DataFrame"):
        lbd.score(frames={"branches": aligned["branches"], "members": small.members}, client=client, year=2025)
    with pytest.raises(ValueError, match="unknown tables"):
        lbd.score(frames={"branches": aligned["branches"], "member": aligned["members"]}, client=client, year=2025)
    with pytest.raises(TypeError, match="not both or neither"):
        lbd.score(["x"], frames=aligned, client=client, year=2025)
