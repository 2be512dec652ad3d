"""Data shipped with the package: the sample dataset and the default rubric file."""

from __future__ import annotations

from pathlib import Path

_DATA = Path(__file__).resolve().parent / "data"

SAMPLES = ("county_court",)


def sample_path(name="county_court"):
    """The directory of a bundled sample dataset (``county_court``: a county people's court's
    branch and seven other branches, 2024–2025; see its README.md)."""
    if name not in SAMPLES:
        raise KeyError(f"no sample {name!r}; samples: {', '.join(SAMPLES)}")
    path = _DATA / name
    if not (path / "branches.csv").is_file():
        raise FileNotFoundError(f"the sample {name!r} is missing from this installation ({path})")
    return path


def load_sample(name="county_court"):
    """The bundled sample dataset, loaded."""
    from .dataset import load

    return load(sample_path(name))


def default_rubric_path():
    """rubrics/default.json as shipped (the same rubric as ``Rubric.default()``)."""
    return _DATA / "rubrics" / "default.json"
