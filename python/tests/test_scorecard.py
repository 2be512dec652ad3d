"""Scorecard: frames equal to the CLI's results, the CLI's text byte for byte, thread-count
independence, the GIL released while scoring and loading, pickling."""

import io
import pickle
import threading
import time

import numpy as np
import pandas as pd
import pytest

import libbranch as lb

NUMERIC_SUMMARY = ["total", "rule_of_law", "cohesion", "civility", "development", "fortress", "bonus"]


def cli_frame(text):
    return pd.read_csv(io.StringIO(text), dtype={"branch_id": str, "vetoes": str, "flags": str, "standard": str})


@pytest.mark.parametrize("args, kwargs", [
    ((), {}),
    (("--year", "2024"), {"year": 2024}),
    (("--from", "2025-03-01", "--to", "2025-09-30"), {"period": ("2025-03-01", "2025-09-30")}),
])
def test_summary_equals_cli_csv(engine, sample, sample_dir, run_cli, args, kwargs):
    card = engine.score(sample, **kwargs)
    cli = cli_frame(run_cli("score", sample_dir, "--format", "csv", *args)).set_index("branch_id")
    s = card.summary
    assert s.index.name == "branch_id"
    assert list(s.columns) == list(cli.columns)
    assert list(s.index) == list(cli.index)
    assert (s["name"] == cli["name"]).all()
    assert (s["rating"].astype(str) == cli["rating"]).all()
    assert (s["vetoes"] == cli["vetoes"].fillna("")).all()
    for col in NUMERIC_SUMMARY:
        assert np.allclose(s[col].to_numpy(), cli[col].to_numpy(dtype=float), rtol=0, atol=1e-9, equal_nan=True), col


@pytest.mark.parametrize("args, kwargs", [((), {}), (("--year", "2024"), {"year": 2024})])
def test_text_is_the_cli_text(engine, sample, sample_dir, run_cli, args, kwargs):
    card = engine.score(sample, **kwargs)
    assert card.to_csv() == run_cli("score", sample_dir, "--format", "csv", *args)
    assert card.to_csv(detail=True) == run_cli("score", sample_dir, "--format", "csv", "--detail", *args)
    assert card.to_json() == run_cli("score", sample_dir, "--format", "json", *args)
    assert card.to_json(detail=True) == run_cli("score", sample_dir, "--format", "json", "--detail", *args)
    assert card.to_table() == run_cli("score", sample_dir, *args)


def test_detail_equals_cli_detail_csv(engine, sample, sample_dir, run_cli):
    card = engine.score(sample)
    cli = cli_frame(run_cli("score", sample_dir, "--format", "csv", "--detail"))
    d = card.detail
    assert list(d.columns) == list(cli.columns)
    assert len(d) == len(cli) == len(card) * len(card.indicators)
    for col in ["branch_id", "indicator", "metric", "rule"]:
        assert (d[col].astype(str) == cli[col]).all(), col
    assert (d["standard"].astype(object).fillna("") == cli["standard"].fillna("")).all()
    assert (d["flags"].astype(str) == cli["flags"].fillna("")).all()
    for col in ["value", "points", "max_points"]:
        assert np.allclose(d[col].to_numpy(), cli[col].to_numpy(dtype=float), rtol=0, atol=1e-9, equal_nan=True), col


def test_write_to_files(engine, sample, tmp_path):
    card = engine.score(sample)
    assert card.to_csv(tmp_path / "s.csv") is None
    assert (tmp_path / "s.csv").read_bytes() == card.to_csv().encode("utf-8")
    card.to_json(tmp_path / "d.json", detail=True)
    assert (tmp_path / "d.json").read_text(encoding="utf-8") == card.to_json(detail=True)


def test_frames_and_arrays(engine, sample):
    card = engine.score(sample)
    s = card.summary
    assert s["rating"].cat.ordered
    assert s["rating"].max() == card.rating_labels[0]  # best first in the rubric, max in pandas
    assert card.to_frame().equals(s)
    a = card.arrays
    assert a.points.shape == (8, len(card.indicators))
    assert a.metric_values.shape == (8, card.metrics.shape[1])
    assert a.standard_scores.shape == (8, 5)
    assert not a.points.flags.writeable
    with pytest.raises(ValueError):
        a.totals[0] = 1.0
    assert np.array_equal(a.totals, s["total"].to_numpy())
    assert a.points.base is not None  # a view of the C++ result, not a copy
    assert list(card.standards.index) == lb.Rubric.default().standards
    assert card.indicators.loc["honors", "bonus"] and card.indicators.loc["honors", "standard"] is None
    m = card.metrics
    assert m.index.equals(s.index)
    assert "fortress.on_time_conversion_rate[grace_days=30]" in m.columns
    info = card.branch_info
    assert list(info.columns) == ["parent_id", "org_type"] and info.index.equals(s.index)
    assert card.dataset is sample and card.rubric == lb.Rubric.default()
    assert set(card.timings) == {"metrics", "points", "totals"}


def test_explain(engine, sample):
    card = engine.score(sample)
    e = card.explain("court")
    assert list(e.index) == list(card.indicators.index)
    court = card.detail.query("branch_id == 'court'")
    assert np.allclose(e["points"].to_numpy(), court["points"].to_numpy())
    assert (e["lost"] >= -1e-12).all()
    with pytest.raises(KeyError):
        card.explain("nowhere")


def test_explain_counts_no_lost_points_for_excluded_indicators(engine, sample):
    # The village has no business_performance observation: the "performance" indicator (3 points,
    # missing policy "exclude") is excluded and its standard rescaled, so nothing is lost there.
    e = engine.score(sample).explain("yingbage_village")
    assert "excluded" in e.loc["performance", "flags"]
    assert e.loc["performance", "points"] == 0
    assert e.loc["performance", "lost"] == 0


def test_repr(engine, sample):
    text = repr(engine.score(sample))
    assert text.startswith("libbranch.Scorecard — ")
    assert "2025-01-01 … 2025-12-31" in text and "court" in text


def test_text_and_html_reprs_share_their_parts(engine, sample):
    import html

    card = engine.score(sample)
    parts = card._repr_parts()
    assert parts["title"] == "libbranch.Scorecard — 标准化规范化党支部考评细则（默认）"
    facts = dict(parts["facts"])
    assert list(facts) == ["period", "rubric", "branches", "standards", "ratings", "total"]
    assert facts["period"] == "2025-01-01 … 2025-12-31"
    assert facts["rubric"] == "5 standards, 100 points, 4 ratings"
    assert facts["branches"] == "8"
    assert parts["ratings"] == [("优秀", 2), ("良好", 2), ("合格", 2), ("不合格", 2)]  # by hand from the totals
    assert facts["ratings"] == "优秀 2, 良好 2, 合格 2, 不合格 2"
    head = parts["head"]
    assert list(head.index[:2]) == ["court", "procuratorate"] and "vetoes" not in head.columns
    text, page = repr(card), card._repr_html_()
    assert text.splitlines()[0] == parts["title"] and page.startswith('<div class="libbranch-scorecard">')
    for name, value in parts["facts"]:
        assert value in text
        assert f"<th style=\"text-align:left\">{name}</th><td style=\"text-align:left\">{html.escape(value)}</td>" in page
    for branch in head.index:
        assert branch in text and f"<th>{branch}</th>" in page
    assert parts["head_title"] == "by total:" and "by total:" in text and "by total:" in page
    assert page.count("<tr>") == len(parts["facts"]) + 1 + len(head)  # facts, header, rows


def test_pickle_round_trip(engine, sample):
    card = engine.score(sample, year=2024)
    again = pickle.loads(pickle.dumps(card))
    assert isinstance(again, lb.Scorecard)
    assert again.to_csv(detail=True) == card.to_csv(detail=True)
    assert again.to_json(detail=True) == card.to_json(detail=True)
    pd.testing.assert_frame_equal(again.summary, card.summary)
    pd.testing.assert_frame_equal(again.detail, card.detail)
    pd.testing.assert_frame_equal(again.metrics, card.metrics)
    pd.testing.assert_frame_equal(again.branch_info, card.branch_info)
    assert again.period == card.period and again.rubric == card.rubric
    assert again.dataset is None


def test_damaged_pickle_bytes_are_refused(engine, sample):
    data = engine.score(sample)._core.to_archive_bytes()
    assert lb._core.Scorecard.from_archive_bytes(data).branch_ids == engine.score(sample)._core.branch_ids
    with pytest.raises(lb.ArchiveError, match="libbranch"):
        lb._core.Scorecard.from_archive_bytes(b"not an archive at all")
    with pytest.raises(lb.ArchiveError):
        lb._core.Scorecard.from_archive_bytes(data[: len(data) // 2])  # truncated
    with pytest.raises(lb.ArchiveError, match="dataset archive, not a scorecard"):
        lb._core.Scorecard.from_archive_bytes(sample.to_bytes())


def test_threads_do_not_change_results(engine, synthetic):
    one = engine.score(synthetic, threads=1)
    two = engine.score(synthetic, threads=2)
    for name in ["metric_values", "points", "flags", "standard_scores", "totals", "bonus", "ratings",
                 "veto_offsets", "fired_vetoes"]:
        a, b = getattr(one.arrays, name), getattr(two.arrays, name)
        assert np.array_equal(a, b, equal_nan=a.dtype.kind == "f"), name
    assert one.to_csv() == two.to_csv()


def test_synthetic_equals_cli(engine, synthetic, synthetic_dir, run_cli):
    assert engine.score(synthetic).to_csv() == run_cli("score", synthetic_dir, "--format", "csv")


def ticks_during(call):
    """Runs call() on this thread while another Python thread ticks; returns (result, seconds,
    ticks that happened while call() ran). With the GIL held throughout, the ticker cannot run."""
    stop = threading.Event()
    ticks = []

    def ticker():
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.0005)

    t = threading.Thread(target=ticker)
    t.start()
    time.sleep(0.02)
    start = time.perf_counter()
    result = call()
    end = time.perf_counter()
    stop.set()
    t.join()
    return result, end - start, sum(start < x < end for x in ticks)


def test_gil_released_while_scoring(engine, synthetic):
    # One scoring thread leaves the other core to the ticker.
    card, seconds, ticks = ticks_during(lambda: engine.score(synthetic, threads=1))
    assert len(card) == len(synthetic)
    assert seconds > 0.02, "scoring too fast to tell; enlarge the synthetic dataset"
    assert ticks >= 5, f"only {ticks} ticks in {seconds:.3f} s of scoring: is the GIL held?"


def test_gil_released_while_loading(synthetic_dir):
    ds, seconds, ticks = ticks_during(lambda: lb.load(synthetic_dir))
    assert seconds > 0.02
    assert ticks >= 5, f"only {ticks} ticks in {seconds:.3f} s of loading: is the GIL held?"
