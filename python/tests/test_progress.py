"""Engine.score(progress=…): a tqdm bar on stderr, or a callback, over the scoring stages."""

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

import numpy as np
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


def slow_rubric(engine, columns, seconds):
    """A rubric of `columns` Python metrics, each taking `seconds`, and the list they append to."""
    ran = []

    def make(k):
        def slow(ds, period):
            time.sleep(seconds)
            ran.append(k)
            return np.zeros(len(ds))
        return slow

    for k in range(columns):
        engine.register_metric(f"cohesion.slow_{k}", make(k), label=f"slow {k}")
    rubric = lb.Rubric.from_json({
        "name": "slow",
        "standards": [{"id": "cohesion", "name": "凝聚人心好", "indicators": [
            {"id": f"slow_{k}", "metric": f"cohesion.slow_{k}", "points": 1, "rule": {"type": "boolean"}}
            for k in range(columns)]}],
        "ratings": [{"min": None, "label": "ok"}],
    })
    return rubric, ran


def test_ctrl_c_stops_scoring_with_keyboard_interrupt(sample):
    """SIGINT (what Ctrl-C sends) reaches the scoring thread's stop token: the run ends after the
    metric column under way, KeyboardInterrupt is raised, and the engine scores normally afterwards."""
    engine = lb.Engine()
    rubric, ran = slow_rubric(engine, columns=40, seconds=0.05)  # 2 s if left to run
    timer = threading.Timer(0.3, lambda: os.kill(os.getpid(), signal.SIGINT))
    start = time.monotonic()
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        engine.score(sample, rubric, year=2025)
    elapsed = time.monotonic() - start
    timer.join()
    assert 1 <= len(ran) < 40 and elapsed < 1.5, (len(ran), elapsed)
    ran.clear()
    card = engine.score(sample, rubric, year=2025)
    assert len(ran) == 40 and len(card) == 8


def test_ctrl_c_in_a_subprocess_leaves_no_output_file(tmp_path, sample_dir):
    """A script scoring and then writing a CSV, interrupted while it scores: no CSV appears."""
    out = tmp_path / "scores.csv"
    script = textwrap.dedent(f"""
        import time, numpy as np, libbranch as lb
        engine = lb.Engine()
        for k in range(200):
            engine.register_metric(f"cohesion.slow_{{k}}", lambda ds, p: (time.sleep(0.05), np.zeros(len(ds)))[1], label="s")
        rubric = lb.Rubric.from_json({{"name": "slow", "standards": [{{"id": "cohesion", "name": "c", "indicators": [
            {{"id": f"s{{k}}", "metric": f"cohesion.slow_{{k}}", "points": 1, "rule": {{"type": "boolean"}}}}
            for k in range(200)]}}], "ratings": [{{"min": None, "label": "ok"}}]}})
        ds = lb.load({str(sample_dir)!r})
        print("scoring", flush=True)
        engine.score(ds, rubric, year=2025).to_csv({str(out)!r})
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert proc.stdout.readline().strip() == "scoring"
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode != 0
    assert "KeyboardInterrupt" in err
    assert not out.exists()


def test_progress_over_a_partitioned_archive(engine, synthetic, tmp_path):
    path = tmp_path / "parts.lbar"
    synthetic.save(path, part_branches=len(synthetic) // 3 + 1)  # 3 parts
    calls = []
    card = engine.score_archive(path, progress=lambda *a: calls.append(a))
    total = 3 * len(card.metrics.columns) + 1
    assert [c[0] for c in calls] == list(range(total + 1))
    assert {c[1] for c in calls} == {total} and calls[-1][2] == "done"
