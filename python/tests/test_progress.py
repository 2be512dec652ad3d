"""Engine.score(progress=…): a tqdm bar on stderr, or a callback, over the scoring stages."""

import pytest

import libbranch as lb


def test_progress_bar_writes_to_stderr(engine, sample, capfd):
    plain = engine.score(sample, year=2025)
    capfd.readouterr()
    card = engine.score(sample, year=2025, progress=True)
    out, err = capfd.readouterr()
    steps = len(card.metrics.columns) + 1  # one per metric column, then points and totals
    assert out == ""
    assert "scoring 8 branches" in err and f"{steps}/{steps}" in err and "100%" in err
    # Scoring metric by metric gives the same result.
    assert card.to_csv(detail=True) == plain.to_csv(detail=True)
    assert card.to_json(detail=True) == plain.to_json(detail=True)
    assert set(card.timings) == {"metrics", "points", "totals"} and card.timings["metrics"] > 0


def test_progress_callback(engine, synthetic):
    calls = []
    card = engine.score(synthetic, progress=lambda done, total, following: calls.append((done, total, following)),
                        threads=2)
    total = len(card.metrics.columns) + 1
    assert calls[0] == (0, total, card.indicators["metric"].iloc[0])  # the first metric column comes next
    assert calls[-1] == (total, total, "done")
    assert [c[0] for c in calls] == list(range(total + 1))
    assert {c[1] for c in calls} == {total}
    assert card.to_csv() == engine.score(synthetic, threads=1).to_csv()


def test_progress_argument_is_checked(engine, sample):
    with pytest.raises(TypeError, match="progress"):
        engine.score(sample, progress="yes")
    assert len(engine.score(sample, progress=None)) == 8  # None and False: no bar


def test_an_exception_in_the_callback_stops_scoring(engine, sample):
    class Stop(Exception):
        pass

    def stop_at_three(done, total, following):
        if done == 3:
            raise Stop("enough")

    with pytest.raises(Stop, match="enough"):
        engine.score(sample, progress=stop_at_three)
