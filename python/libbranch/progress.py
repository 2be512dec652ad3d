"""``Engine.score(..., progress=True)``: a tqdm bar over the scoring steps (private).

A step is one metric column the rubric needs (each metric with its parameters, computed once, in
rubric order) over one part of the branches — the whole dataset, or each part of a partitioned
archive — and a last step for the rules, standards, totals and ratings. The engine calls back
before each step (libbranch::ScoreOptions::progress) on the thread that scores, under the GIL.
"""

from __future__ import annotations

import contextlib
import sys


@contextlib.contextmanager
def callback(progress, description):
    """The ``f(done, total, next)`` to hand the compiled scorer for ``progress``: None (no
    progress), the user's callable, or a tqdm bar on stderr (True), closed afterwards."""
    if progress is False or progress is None:
        yield None
        return
    if callable(progress):
        yield progress
        return
    if progress is not True:
        raise TypeError(f"progress must be True, False or a callable f(done, total, next), got {progress!r}")
    from tqdm import tqdm

    bar = None

    def update(done, total, following):
        nonlocal bar
        if bar is None:  # made at the first call, when the number of steps is known
            bar = tqdm(total=total, desc=description, unit="step", file=sys.stderr, dynamic_ncols=True)
        bar.total = total
        bar.set_postfix_str(following, refresh=False)
        bar.update(done - bar.n)

    try:
        yield update
    finally:
        if bar is not None:
            bar.close()
