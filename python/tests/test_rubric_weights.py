"""A rubric with AHP standard weights (docs/analytics.md): the engine scales each standard's score
from its own maximum to w_s × the total points; checked against the unweighted scorecard and
numpy's eigenvector of the same matrix (independent of libbranch's AHP)."""

import json

import numpy as np
import pytest

import libbranch as lb

# Default rubric's standards in order: rule_of_law, cohesion, civility, development, fortress.
MATRIX = [[1, 2, 2, 3, 1], [1 / 2, 1, 1, 2, 1 / 2], [1 / 2, 1, 1, 2, 1 / 2], [1 / 3, 1 / 2, 1 / 2, 1, 1 / 3], [1, 2, 2, 3, 1]]


def _weighted_rubric(**extra):
    d = lb.Rubric.default().to_dict()
    d["weights"] = {"ahp": MATRIX, **extra}
    return lb.Rubric.from_json(json.dumps(d))


def test_standard_scores_are_rescaled_to_their_ahp_weight():
    vals, vecs = np.linalg.eig(np.array(MATRIX))
    w = np.abs(vecs[:, np.argmax(vals.real)].real)
    w /= w.sum()
    ds = lb.load(lb.sample_path())
    plain = lb.Engine().score(ds, year=2025)
    weighted = lb.Engine().score(ds, rubric=_weighted_rubric(), year=2025)
    standards = list(plain.standards.index)
    own_max = plain.standards["max_points"].to_numpy()
    np.testing.assert_allclose(weighted.standards["max_points"].to_numpy(), w * 100, rtol=1e-10)
    expected = plain.summary[standards].to_numpy() / own_max * (w * 100)
    np.testing.assert_allclose(weighted.summary[standards].to_numpy(), expected, rtol=1e-12)
    # The total is the weighted standards plus the unchanged bonus.
    np.testing.assert_allclose(weighted.summary["total"], expected.sum(axis=1) + plain.summary["bonus"], rtol=1e-12)
    # The indicators' own points do not change.
    np.testing.assert_allclose(weighted.detail["points"], plain.detail["points"])


def test_inconsistent_weights_are_refused_with_their_json_path():
    d = lb.Rubric.default().to_dict()
    d["weights"] = {"ahp": [[1, 9, 1 / 9, 1, 1], [1 / 9, 1, 9, 1, 1], [9, 1 / 9, 1, 1, 1], [1, 1, 1, 1, 1], [1, 1, 1, 1, 1]]}
    with pytest.raises(lb.RubricError) as info:
        lb.Rubric.from_json(json.dumps(d))
    assert info.value.json_path == "weights.ahp"
    assert "CR =" in str(info.value)
    d["weights"]["allow_inconsistent"] = True
    assert lb.Rubric.from_json(json.dumps(d)).to_dict()["weights"]["allow_inconsistent"] is True
