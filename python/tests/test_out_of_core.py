"""Engine.score_archive: a partitioned archive scored part by part gives exactly the numbers of
scoring the whole dataset in memory; Dataset.save(part_branches=…) writes one."""

import numpy as np
import pandas as pd
import pytest

import libbranch as lb


@pytest.fixture(scope="module")
def parts(tmp_path_factory, synthetic):
    path = tmp_path_factory.mktemp("parts") / "synthetic.lbar"
    synthetic.save(path, part_branches=1234)
    return path


def test_out_of_core_scorecard_equals_in_memory(engine, synthetic, parts):
    whole = engine.score(synthetic, year=2025)
    by_parts = engine.score_archive(parts, year=2025, memory="2G")
    pd.testing.assert_frame_equal(by_parts.summary, whole.summary, check_exact=True)
    pd.testing.assert_frame_equal(by_parts.detail, whole.detail, check_exact=True)
    assert by_parts.to_csv() == whole.to_csv()
    assert by_parts.dataset is None
    assert set(by_parts.timings) >= {"load", "metrics", "points", "totals"}


def test_default_period_and_threads(engine, synthetic, parts):
    whole = engine.score(synthetic, threads=1)
    assert engine.score_archive(parts, threads=2).to_csv() == whole.to_csv()


def test_a_partitioned_archive_also_loads_whole(synthetic, parts):
    ds = lb.load(parts)
    assert ds.counts == synthetic.counts
    pd.testing.assert_frame_equal(ds.members, synthetic.members)


def test_budget_too_small_is_an_error_naming_the_need(engine, parts):
    with pytest.raises(lb.Error, match="too small"):
        engine.score_archive(parts, memory="1M")


@pytest.mark.parametrize("bad", [0, -5, "lots", "8X", True, 1.5])
def test_bad_memory_values_are_refused(engine, parts, bad):
    with pytest.raises(ValueError, match="memory"):
        engine.score_archive(parts, memory=bad)


def test_memory_sizes_are_binary_multiples(engine, parts):
    from libbranch.engine import _memory

    assert _memory("512M") == 512 << 20
    assert _memory("8GiB") == 8 << 30
    assert _memory(123) == 123
    assert _memory(None) == 0


def test_not_a_partitioned_archive(engine, sample, tmp_path):
    sample.save(tmp_path / "whole.lbar")
    with pytest.raises(lb.ArchiveError, match="not a partitioned dataset archive"):
        engine.score_archive(tmp_path / "whole.lbar")


def test_save_partitioned_checks_its_arguments(sample, tmp_path):
    with pytest.raises(ValueError, match="part_branches"):
        sample.save(tmp_path / "p.lbar", part_branches=0)
    with pytest.raises(ValueError, match="binary"):
        sample.save(tmp_path / "p.lbar", part_branches=3, format="xml")
    sample.save(tmp_path / "p.lbar", part_branches=3)
    card = lb.Engine().score_archive(tmp_path / "p.lbar", year=2025)
    np.testing.assert_array_equal(card.summary["total"].to_numpy(),
                                  lb.Engine().score(sample, year=2025).summary["total"].to_numpy())
