"""``Engine.score(..., progress=True)``: a tqdm bar over the scoring stages (private).

The bar has one step per metric column the rubric needs (each metric with its parameters,
computed once, in rubric order) and a last step for the rules, standards, totals and ratings. The
compiled ``score_staged`` computes the columns one by one (GIL released, each metric parallel
inside as in ``Engine.score``), calls back between them, then scores with the columns computed;
the result equals ``Engine.score``'s. Ctrl-C is honoured between metrics.
"""

from __future__ import annotations

import sys

from . import _core


def score(engine_core, ds, rubric, start, end, threads, progress):
    if callable(progress):
        return _core.score_staged(engine_core, ds._core, rubric._core, start, end, threads, progress)
    if progress is not True:
        raise TypeError(f"progress must be True, False or a callable f(done, total, next), got {progress!r}")
    from tqdm import tqdm

    bar = None

    def update(done, total, following):
        nonlocal bar
        if bar is None:  # made at the first call, when the number of steps is known
            bar = tqdm(total=total, desc=f"scoring {len(ds):,} branches", unit="step", file=sys.stderr,
                       dynamic_ncols=True)
        bar.set_postfix_str(following, refresh=False)
        bar.update(done - bar.n)

    try:
        return _core.score_staged(engine_core, ds._core, rubric._core, start, end, threads, update)
    finally:
        if bar is not None:
            bar.close()
