"""The pandas baseline of bench/ (issue 12, item 5) computes the library's summary.

A benchmark against a baseline that scores something else proves nothing, so the baseline is held
to the library's own result: every number within 1e-9 (docs/reference/rubrics.md §4), rating, vetoes, ids and names
exactly, on the sample, on the oracle's edge-case datasets and on synthetic provinces.
"""

import importlib.util
import pickle
from pathlib import Path

import pytest

import libbranch as lb

ROOT = Path(__file__).resolve().parents[2]
ORACLE_DATASETS = ROOT / "tests" / "oracle" / "datasets"


def _import_baseline():
    spec = importlib.util.spec_from_file_location("pandas_baseline", ROOT / "bench" / "pandas_baseline.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


pb = _import_baseline()


def assert_same_summary(data_dir, engine, year):
    ours = pb.score(pb.load(data_dir), year=year)
    card = engine.score(lb.load(data_dir), year=year)
    problems = pb.summary_differences(ours, card.summary)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("year", [2024, 2025])
def test_sample(engine, sample_dir, year):
    assert_same_summary(sample_dir, engine, year)


# format_quirks is left out on purpose: its numbers carry U+3000 and spaces outside quotes, which
# read_csv cannot trim in a typed column (bench/README.md).
@pytest.mark.filterwarnings("ignore::libbranch.DataWarning")  # members_committee lends a lecturer on purpose
@pytest.mark.parametrize("name", ["members_committee", "ratings_boundary", "empty_and_small"])
@pytest.mark.parametrize("year", [2024, 2025])
def test_oracle_edge_cases(engine, name, year):
    assert_same_summary(ORACLE_DATASETS / name, engine, year)


# Two years, so a period selects some activities; one year, so the period holds them all (the
# baseline then keeps its columns as views).
@pytest.fixture(scope="module", params=[(11, 2024), (12, 2025)], ids=["2024-2025", "2025"])
def province(request, tmp_path_factory):
    seed, first_year = request.param
    out = tmp_path_factory.mktemp("pandas_baseline") / f"seed{seed}"
    lb.synth(out, 300, seed=seed, first_year=first_year, last_year=2025)
    return out


@pytest.mark.parametrize("year", [2024, 2025, None])
def test_synthetic(engine, province, year):
    assert_same_summary(province, engine, year)


def test_frames_survive_pickling(province):
    """The benchmark's scoring-only mode starts from pickled frames; they must score the same."""
    frames = pb.load(province)
    again = pickle.loads(pickle.dumps(frames))
    assert not pb.summary_differences(pb.score(again), pb.score(frames), tol=0.0)


def test_differences_are_reported(engine, sample_dir):
    """The comparison itself catches a number beyond 1e-9, a rating and a veto."""
    card = engine.score(lb.load(sample_dir), year=2025).summary.reset_index()
    ours = card.copy()
    ours["rating"] = ours["rating"].astype(str)
    assert not pb.summary_differences(ours, card)
    ours.loc[0, "total"] += 2e-9
    ours.loc[1, "rating"] = "不合格" if card.loc[1, "rating"] != "不合格" else "优秀"
    ours.loc[2, "vetoes"] = "rule_of_law.serious_violations"
    problems = pb.summary_differences(ours, card)
    assert [p.split(": ")[1] for p in problems] == ["total", "rating", "vetoes"]


def test_csv_round_trip_matches_cli(run_cli, province, tmp_path):
    """What the benchmark compares: this script's --out against `branchscore score --out`."""
    ours = tmp_path / "pandas.csv"
    pb.main([str(province), "--out", str(ours)])
    cli = tmp_path / "cli.csv"
    run_cli("score", province, "--format", "csv", "--out", cli)
    problems = pb.summary_differences(pb.read_summary_csv(ours), pb.read_summary_csv(cli))
    assert not problems, "\n".join(problems)
