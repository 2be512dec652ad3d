"""Engine.register_metric: metrics written in Python, used by rubrics like built-in ones."""

import datetime as dt
import pickle
import threading

import numpy as np
import pandas as pd
import pytest

import libbranch as lb

# The sample's branches, in order.
SAMPLE_IDS = ["court", "procuratorate", "justice_bureau", "education_bureau", "finance_bureau", "media_center",
              "yingbage_village", "xingfulu_community"]
CALLS = []


def one_to_eight(ds, period):
    """Gives branch k (0-based, dataset order) the value k + 1; the finance bureau has none."""
    CALLS.append((ds, period))
    values = np.arange(1.0, len(ds) + 1)
    values[list(ds.branches["branch_id"]).index("finance_bureau")] = np.nan
    return values


def scaled(ds, period, factor=1, agg="sum"):
    values = pd.Series(np.arange(len(ds), dtype=float), index=ds.branches["branch_id"])
    return values * factor if agg == "sum" else -values


def rubric_with(metric, target=4.0, points=10):
    return lb.Rubric.from_json({
        "name": "Python metric",
        "standards": [{"id": "cohesion", "name": "凝聚人心好", "indicators": [
            {"id": "custom", "metric": metric, "points": points, "rule": {"type": "ratio", "target": target}}]}],
        "ratings": [{"min": 9, "label": "优秀"}, {"min": 5, "label": "合格"}, {"min": None, "label": "不合格"}],
    })


@pytest.fixture
def engine():
    e = lb.Engine()
    e.register_metric("cohesion.one_to_eight", one_to_eight, label="一到八", label_en="one to eight", unit="count")
    return e


def test_listed_like_a_builtin(engine):
    m = engine.metrics().loc["cohesion.one_to_eight"]
    assert (m["standard"], m["label_zh"], m["label_en"], m["unit"], m["direction"], m["owner"]) == \
        ("cohesion", "一到八", "one to eight", "count", "benefit", "python")
    assert m["summary"].startswith("Gives branch k")  # the docstring's first line
    assert "cohesion.one_to_eight" in engine
    assert "cohesion.one_to_eight" not in lb.Engine()  # registered on this engine only


def test_scored_through_a_rubric(engine, sample):
    CALLS.clear()
    card = engine.score(sample, rubric_with("cohesion.one_to_eight"), year=2025)
    assert len(CALLS) == 1
    ds, period = CALLS[0]
    assert ds is sample  # the Dataset scored, not a copy
    assert period == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert isinstance(period, lb.Period) and period.start == dt.date(2025, 1, 1) and period.end.year == 2025
    # ratio rule: points = 10 · min(1, v / 4); by hand for v = 1 … 8 (v = 5 is NaN → 0 points, "missing").
    expected = pd.Series([2.5, 5.0, 7.5, 10.0, 0.0, 10.0, 10.0, 10.0], index=SAMPLE_IDS)
    s = card.summary
    assert np.allclose(s["total"].reindex(SAMPLE_IDS), expected)
    assert list(s["rating"].astype(str).reindex(SAMPLE_IDS)) == \
        ["不合格", "合格", "合格", "优秀", "不合格", "优秀", "优秀", "优秀"]
    assert np.isnan(card.metrics.loc["finance_bureau", "cohesion.one_to_eight"])
    assert card.explain("finance_bureau").loc["custom", "flags"] == "missing"
    # The CSV written by the library's writer carries the same numbers.
    assert "court,县人民法院党支部,2.5," in card.to_csv()


def test_compute_and_threads(engine, sample):
    s = engine.compute("cohesion.one_to_eight", sample)
    assert list(s.index) == SAMPLE_IDS and s["court"] == 1.0 and np.isnan(s["finance_bureau"])
    rubric = rubric_with("cohesion.one_to_eight")
    one = engine.score(sample, rubric, threads=1)
    two = engine.score(sample, rubric, threads=2)
    assert one.to_csv(detail=True) == two.to_csv(detail=True)


def test_mixed_with_builtin_metrics(engine, sample):
    d = lb.Rubric.default().to_dict()
    cohesion = next(s for s in d["standards"] if s["id"] == "cohesion")
    cohesion["indicators"].append({"id": "custom", "metric": "cohesion.one_to_eight", "points": 4,
                                   "rule": {"type": "linear_cap", "per_unit": 0.5}})
    mine = lb.Rubric.from_json(d)
    base = engine.score(sample, year=2025)
    card = engine.score(sample, mine, year=2025, threads=2)
    # linear_cap: min(4, 0.5 · v) added to cohesion (and the total); by hand v = 1 … 8.
    added = pd.Series([0.5, 1.0, 1.5, 2.0, 0.0, 3.0, 3.5, 4.0], index=SAMPLE_IDS)
    gain = (card.summary["cohesion"] - base.summary["cohesion"]).reindex(SAMPLE_IDS)
    assert np.allclose(gain, added)
    assert np.allclose((card.summary["total"] - base.summary["total"]).reindex(SAMPLE_IDS), added)
    with pytest.raises(lb.RubricError):
        lb.Engine().check(mine)  # an engine without the metric


def test_series_by_branch_id_is_aligned(sample):
    e = lb.Engine()

    def reversed_series(ds, period):
        ids = list(ds.branches["branch_id"])[::-1]
        return pd.Series({b: float(len(b)) for b in ids[:-1]})  # court left out → NaN

    e.register_metric("cohesion.name_length", reversed_series)
    s = e.compute("cohesion.name_length", sample)
    assert s["procuratorate"] == len("procuratorate") and s["xingfulu_community"] == len("xingfulu_community")
    assert np.isnan(s["court"])


def test_frame_columns_by_row_number(sample):
    e = lb.Engine()
    e.register_metric("cohesion.units", lambda ds, p: ds.branches["internal_units"] * 2)  # Int64, RangeIndex
    s = e.compute("cohesion.units", sample)
    assert s["court"] == 16.0 and np.isnan(s["yingbage_village"])  # court has 8 internal units; the village none


def test_parameters(sample):
    e = lb.Engine()
    e.register_metric("cohesion.scaled", scaled, params={"factor": 1, "agg": ["sum", "neg"]})
    m = e.metrics().loc["cohesion.scaled"]
    assert "factor=1" in m["params"] and "agg=sum (sum|neg)" in m["params"]
    assert list(e.compute("cohesion.scaled", sample, factor=3)[:3]) == [0.0, 3.0, 6.0]
    assert list(e.compute("cohesion.scaled", sample, agg="neg")[:3]) == [0.0, -1.0, -2.0]
    d = rubric_with("cohesion.scaled", target=7).to_dict()
    d["standards"][0]["indicators"][0]["params"] = {"factor": 2}
    card = e.score(sample, lb.Rubric.from_json(d))
    # values 0, 2, 4, …, 14; ratio to 7 of 10 points: 0, 2.857…, 5.714…, 8.571…, then 10.
    assert np.allclose(card.summary["total"].to_numpy(), [0, 20 / 7, 40 / 7, 60 / 7, 10, 10, 10, 10])
    with pytest.raises(lb.Error, match="agg"):
        e.compute("cohesion.scaled", sample, agg="max")


class MetricFailed(Exception):
    pass


def test_exceptions_propagate_with_type_and_message(sample):
    e = lb.Engine()

    def boom(ds, period):
        raise MetricFailed(f"no data for {period.start.year}")

    e.register_metric("cohesion.boom", boom)
    with pytest.raises(MetricFailed, match="no data for 2025") as info:
        e.score(sample, rubric_with("cohesion.boom"), year=2025)
    assert any(entry.name == "boom" for entry in info.traceback)  # the traceback reaches fn
    with pytest.raises(MetricFailed):
        e.compute("cohesion.boom", sample)
    with pytest.raises(MetricFailed):
        e.score(sample, rubric_with("cohesion.boom"), progress=lambda *a: None)
    # The engine is still usable afterwards.
    assert len(e.score(sample)) == 8


@pytest.mark.parametrize("result, error, match", [
    (lambda n: np.zeros(n - 1), ValueError, r"returned 7 values for 8 branches"),
    (lambda n: 3.0, ValueError, r"a single value"),
    (lambda n: np.zeros((n, 2)), ValueError, r"shape \(8, 2\)"),
    (lambda n: ["x"] * n, TypeError, r"must return numbers"),
    (lambda n: pd.Series([1.0], index=["nowhere"]), ValueError, r"not in the dataset: \['nowhere'\]"),
    (lambda n: pd.Series([1.0, 2.0], index=["court", "court"]), ValueError, r"repeated"),
])
def test_bad_results(sample, result, error, match):
    e = lb.Engine()
    e.register_metric("cohesion.bad", lambda ds, p: result(len(ds)))
    with pytest.raises(error, match=match):
        e.compute("cohesion.bad", sample)
    with pytest.raises(error, match=match):
        e.score(sample, rubric_with("cohesion.bad"))


def test_accepted_results(sample):
    e = lb.Engine()
    e.register_metric("cohesion.ints", lambda ds, p: list(range(len(ds))))
    e.register_metric("cohesion.bools", lambda ds, p: np.arange(len(ds)) % 2 == 0)
    e.register_metric("cohesion.nullable", lambda ds, p: pd.array([1, None] * (len(ds) // 2), dtype="Int64"))
    e.register_metric("cohesion.frame", lambda ds, p: pd.DataFrame({"v": np.ones(len(ds))}))
    assert list(e.compute("cohesion.ints", sample)[:3]) == [0.0, 1.0, 2.0]
    assert list(e.compute("cohesion.bools", sample)[:3]) == [1.0, 0.0, 1.0]
    n = e.compute("cohesion.nullable", sample)
    assert n.iloc[0] == 1.0 and np.isnan(n.iloc[1])
    assert (e.compute("cohesion.frame", sample) == 1.0).all()


@pytest.mark.parametrize("kwargs, error, match", [
    ({"metric_id": "heart_talks"}, ValueError, "<standard>.<name>"),
    ({"metric_id": "Cohesion.x"}, ValueError, "<standard>.<name>"),
    ({"metric_id": "custom.x", "standard": "cohesion"}, ValueError, "must start with its standard: cohesion.x"),
    ({"metric_id": "obs.x"}, ValueError, "obs"),
    ({"metric_id": "cohesion.x", "direction": "up"}, ValueError, "direction"),
    ({"metric_id": "cohesion.x", "fn": 3}, TypeError, "callable"),
    ({"metric_id": "cohesion.x", "params": {"k": {"type": "choice"}}}, ValueError, "choices"),
    ({"metric_id": "cohesion.x", "params": {"k": {"type": "integer", "min": 1, "default": 0}}}, ValueError, "default"),
    ({"metric_id": "cohesion.home_visits"}, lb.Error, "already registered by cohesion"),
])
def test_bad_registrations(kwargs, error, match):
    e = lb.Engine()
    args = {"fn": one_to_eight, **kwargs}
    metric_id = args.pop("metric_id")
    fn = args.pop("fn")
    with pytest.raises(error, match=match):
        e.register_metric(metric_id, fn, **args)
    if metric_id not in ("cohesion.home_visits", "obs.x"):  # those exist already
        assert metric_id not in e


def test_registered_twice_is_refused(engine):
    with pytest.raises(lb.Error, match="already registered by python"):
        engine.register_metric("cohesion.one_to_eight", one_to_eight)


def test_engine_pickles_with_its_python_metrics(engine, sample):
    again = pickle.loads(pickle.dumps(engine))
    assert "cohesion.one_to_eight" in again
    assert again.metrics().loc["cohesion.one_to_eight", "label_zh"] == "一到八"
    rubric = rubric_with("cohesion.one_to_eight")
    assert again.score(sample, rubric).to_csv() == engine.score(sample, rubric).to_csv()
    e = lb.Engine()
    e.register_metric("cohesion.anonymous", lambda ds, p: np.zeros(len(ds)))
    with pytest.raises((pickle.PicklingError, AttributeError)):
        pickle.dumps(e)


def test_concurrent_scoring_from_python_threads(synthetic):
    """Two Python threads score with a Python metric at once (each releases the GIL; the metric
    takes it back): no deadlock, the same results as one at a time."""
    e = lb.Engine()
    e.register_metric("cohesion.members", lambda ds, p: ds.branches["internal_units"].astype("Float64"))
    d = lb.Rubric.default().to_dict()
    d["standards"][1]["indicators"].append({"id": "members", "metric": "cohesion.members", "points": 2,
                                            "rule": {"type": "linear_cap", "per_unit": 0.5}})
    rubric = lb.Rubric.from_json(d)
    expected = e.score(synthetic, rubric, threads=2).to_csv()
    results, errors = [], []

    def run():
        try:
            results.append(e.score(synthetic, rubric, threads=2).to_csv())
        except BaseException as x:  # noqa: BLE001 - reported below
            errors.append(x)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "scoring threads deadlocked"
    assert not errors and results == [expected, expected]
