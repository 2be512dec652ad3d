"""Engine: metrics, plugins, compute, score arguments, pickling."""

import datetime as dt
import pickle

import numpy as np
import pandas as pd
import pytest

import libbranch as lb


def test_metrics_frame(engine, run_cli):
    m = engine.metrics()
    assert m.index.name == "id"
    assert list(m.columns) == ["standard", "label_zh", "label_en", "unit", "direction", "summary", "params", "owner"]
    cli_ids = [line.split("\t")[0] for line in run_cli("metrics").splitlines() if line]
    assert sorted(m.index) == sorted(cli_ids)
    assert set(m["direction"]) <= {"benefit", "cost"}
    assert set(m["owner"]) == {"core", "rule_of_law", "cohesion", "civility", "development", "fortress"}
    assert m.loc["obs.*", "owner"] == "core" and "agg" in m.loc["obs.*", "params"]
    assert (m.drop(index="obs.*")["standard"] == m.drop(index="obs.*").index.str.split(".").str[0]).all()


def test_builtin_plugins_are_linked(engine):
    p = engine.plugins()
    assert list(p["name"]) == ["rule_of_law", "cohesion", "civility", "development", "fortress"]
    assert (p["status"] == "loaded").all() and (p["source"] == "linked").all()
    assert (p["metrics"] > 0).all()
    assert "rule_of_law.legal_education" in engine and "nope" not in engine
    assert "5 metrics" not in repr(engine) and "fortress" in repr(engine)


def test_without_builtin_plugins_only_core_metrics():
    e = lb.Engine(builtin_plugins=False)
    assert list(e.metrics().index) == ["obs.*"]
    with pytest.raises(lb.RubricError):
        e.check(lb.Rubric.default())


def test_extra_plugin_directory_is_searched_first(tmp_path):
    # An empty directory is a valid search entry; the built-ins still come from the module.
    e = lb.Engine(plugins=tmp_path)
    assert len(e.plugins()) == 5
    e = lb.Engine(plugins=[str(tmp_path)])
    assert len(e.plugins()) == 5


def test_compute(engine, sample):
    s = engine.compute("rule_of_law.legal_education", sample, year=2025)
    assert isinstance(s, pd.Series) and s.index.name == "branch_id" and len(s) == 8
    card = engine.score(sample, year=2025)
    assert np.array_equal(s.to_numpy(), card.metrics["rule_of_law.legal_education"].to_numpy(), equal_nan=True)
    honors = engine.compute("obs.honors", sample, year=2025, agg="sum")
    assert np.array_equal(honors.to_numpy(), card.metrics['obs.honors[agg="sum"]'].to_numpy(), equal_nan=True)
    with pytest.raises(lb.Error):
        engine.compute("obs.honors", sample, agg="median")
    with pytest.raises(TypeError):
        engine.compute("obs.honors", sample, agg=1.5)


def test_period_arguments(engine, sample):
    by_year = engine.score(sample, year=2024)
    assert by_year.period == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    for period in [("2024-01-01", "2024-12-31"), (dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
                   (pd.Timestamp("2024-01-01"), np.datetime64("2024-12-31")), pd.Period("2024", freq="Y")]:
        card = engine.score(sample, period=period)
        assert card.period == by_year.period
        assert card.to_csv() == by_year.to_csv()
    assert engine.score(sample).period == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    with pytest.raises(TypeError):
        engine.score(sample, year=2024, period=("2024-01-01", "2024-12-31"))
    with pytest.raises(ValueError):
        engine.score(sample, period=("2024-12-31", "2024-01-01"))
    with pytest.raises(ValueError):
        engine.score(sample, period=("2024-02-30", "2024-12-31"))
    with pytest.raises(TypeError):
        engine.score(sample, period="2024")
    with pytest.raises(TypeError):
        engine.score(sample, year="2024")
    with pytest.raises(ValueError):
        engine.score(sample, threads=0)
    with pytest.raises(TypeError):
        engine.score("examples/county_court")


def test_rubric_as_dict_or_path(engine, sample):
    base = engine.score(sample)
    assert engine.score(sample, lb.Rubric.default().to_dict()).to_csv() == base.to_csv()
    assert engine.score(sample, lb.default_rubric_path()).to_csv() == base.to_csv()


def test_engine_pickles(engine, sample):
    again = pickle.loads(pickle.dumps(engine))
    assert list(again.metrics().index) == list(engine.metrics().index)
    assert again.score(sample).to_csv() == engine.score(sample).to_csv()


def test_runtime_plugin_shares_the_core(sample):
    """A plugin loaded from plugins=[dir] registers its metrics and uses the package's core library
    (one copy of libbranch.so in the process)."""
    import re
    from pathlib import Path

    e = lb.Engine(plugins=[fixture_plugin_dir()])
    p = e.plugins().set_index("name")
    assert p.loc["fixture_good", "status"] == "loaded" and p.loc["fixture_good", "source"] == "plugins"
    assert "fixture.good" in e
    assert (e.compute("fixture.good", sample) == 1.0).all()
    cores = {Path(m).resolve() for m in re.findall(r"\S*/libbranch\.so[.\d]*", Path("/proc/self/maps").read_text())}
    packaged = {p.resolve() for p in Path(lb._core.__file__).parent.glob("libbranch.so.*")}
    assert len(packaged) == 1 and cores == packaged


def fixture_plugin_dir():
    """The build tree's fixture plugin folder: <build>/python/libbranch/_core*.so → <build>/tests/fixtures/plugins/good."""
    import os
    from pathlib import Path

    build = Path(lb._core.__file__).resolve().parents[2]
    d = Path(os.environ.get("LIBBRANCH_TEST_PLUGIN_DIR") or build / "tests" / "fixtures" / "plugins" / "good")
    if not (d / "libbranch_fixture_good.so").is_file():
        pytest.skip("LIBBRANCH_TEST_PLUGIN_DIR (tests/fixtures/plugins/good of a build) not given")
    return d


def test_a_plugin_other_users_could_replace_is_refused_unless_allowed(tmp_path):
    import pickle
    import shutil

    open_dir = tmp_path / "open"
    open_dir.mkdir()
    shutil.copy(fixture_plugin_dir() / "libbranch_fixture_good.so", open_dir)
    open_dir.chmod(0o777)
    with pytest.warns(lb.PluginWarning, match=r"writable by every user \(mode 0777\)"):
        e = lb.Engine(plugins=[open_dir])
    assert "fixture.good" not in e
    allowed = lb.Engine(plugins=[open_dir], allow_unsafe_plugins=True)
    assert "fixture.good" in allowed
    assert "fixture.good" in pickle.loads(pickle.dumps(allowed))  # the choice travels with the engine


def test_refused_plugins_warn(tmp_path):
    # A second copy of a built-in plugin is refused as shadowed by the linked one, with a warning.
    import shutil
    from pathlib import Path

    built = Path(lb._core.__file__).resolve().parents[2] / "lib" / "libbranch" / "plugins"
    if not (built / "libbranch_fortress.so").is_file():
        pytest.skip("no build-tree plugin folder next to the package")
    shutil.copy(built / "libbranch_fortress.so", tmp_path)
    with pytest.warns(lb.PluginWarning, match="fortress.*shadowed"):
        e = lb.Engine(plugins=[tmp_path])
    p = e.plugins()
    refused = p[p["status"] == "refused"]
    assert list(refused["name"]) == ["fortress"] and "shadowed" in refused["reason"].iloc[0]
