"""Rubrics (考评细则, docs/reference/rubrics.md): the default, JSON in and out."""

from __future__ import annotations

import json
import os

from . import _convert, _core


class Rubric:
    """A validated rubric: standards of indicators turning metrics into points, bonuses, vetoes
    and ratings. Immutable; to change one, edit its dict and make a new one::

        d = lb.Rubric.default().to_dict()
        d["standards"][0]["indicators"][0]["points"] = 6
        mine = lb.Rubric.from_json(d)

    Problems raise :class:`RubricError` naming the JSON path (``standards[2].indicators[4].rule``).
    Metric ids are checked against an engine when scoring (or with :meth:`Engine.check`).
    """

    __slots__ = ("_core",)

    def __init__(self, *args, **kwargs):
        raise TypeError("make a Rubric with Rubric.default() or Rubric.from_json(path_or_dict)")

    @classmethod
    def _wrap(cls, core):
        self = object.__new__(cls)
        self._core = core
        return self

    @classmethod
    def default(cls):
        """The shipped default rubric (rubrics/default.json, docs/reference/rubrics.md §9)."""
        return cls._wrap(_core.Rubric.default())

    @classmethod
    def from_json(cls, source, *, name=None):
        """A rubric from a dict (as :meth:`to_dict` gives), JSON text, or a JSON file path.
        ``name`` is what error messages call a dict or text source."""
        if isinstance(source, Rubric):
            return source
        if isinstance(source, dict):
            text = json.dumps(source, ensure_ascii=False)
            return cls._wrap(_core.Rubric.parse(text, name or "<dict>"))
        if isinstance(source, (bytes, bytearray)):
            source = bytes(source).decode("utf-8")
        if isinstance(source, str) and source.lstrip().startswith("{"):
            return cls._wrap(_core.Rubric.parse(source, name or "<string>"))
        if isinstance(source, (str, os.PathLike)):
            return cls._wrap(_core.Rubric.load(_convert.fspath(source)))
        raise TypeError(f"source must be a dict, JSON text or a file path, got {type(source).__name__}")

    def to_json(self):
        """JSON text (2-space indent); ``Rubric.from_json(r.to_json()) == r``."""
        return self._core.to_json()

    def to_dict(self):
        """The rubric as plain dicts and lists (the JSON structure of docs/reference/rubrics.md)."""
        return json.loads(self._core.to_json())

    def save(self, path):
        """Writes :meth:`to_json` to a file (UTF-8), atomically."""
        from ._atomic import write_atomically

        write_atomically(path, self.to_json())

    @property
    def name(self):
        return self._core.name

    @property
    def source(self):
        """Where it came from: a file path, ``<default>``, ``<dict>``, ``<string>``."""
        return self._core.source

    @property
    def standards(self):
        """Standard ids in rubric order (the summary's score columns)."""
        return list(self._core.standard_ids)

    @property
    def max_points(self):
        """Σ of the standards' maxima (bonuses not included)."""
        return self._core.max_points

    @property
    def rating_labels(self):
        """Rating labels, best first."""
        return list(self._core.rating_labels)

    @property
    def metric_ids(self):
        """Distinct metric ids the rubric uses (indicators, bonuses, vetoes)."""
        return self._core.metric_ids()

    def __eq__(self, other):
        if not isinstance(other, Rubric):
            return NotImplemented
        return self._core == other._core

    __hash__ = None

    def __reduce__(self):
        return (_rubric_from_json, (self.to_json(), self.source))

    def __repr__(self):
        return (f"<libbranch.Rubric {self.name!r}: {len(self.standards)} standards, "
                f"{self._core.indicator_count} indicators, {self._core.bonus_count} bonuses, "
                f"max {self.max_points:g} points; ratings {' > '.join(self.rating_labels)}>")


def _rubric_from_json(text, source):
    return Rubric._wrap(_core.Rubric.parse(text, source))
