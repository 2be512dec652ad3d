#!/usr/bin/env python3
"""Strips outputs from Jupyter notebooks, as they are kept in git (standard library only).

    scripts/strip_notebooks.py                  # every notebooks/*.ipynb, rewritten in place
    scripts/strip_notebooks.py a.ipynb b.ipynb  # those files
    scripts/strip_notebooks.py --check          # change nothing; exit 1 naming each file not stripped

Stripping empties every code cell's outputs, sets execution_count to null and removes the
per-cell execution metadata (timings that nbclient, JupyterLab and nbconvert record, collapsed and
scrolled state), the notebook's widget state and all of language_info but its name (the Python
version of whoever ran it last). Sources, cell ids and the kernelspec stay. The file
is written as Jupyter writes it (1-space indent, keys sorted, UTF-8, final newline), so stripping a
stripped notebook changes nothing.
"""

import argparse
import json
import sys
from pathlib import Path

CELL_METADATA_DROPPED = ("execution", "ExecuteTime", "collapsed", "scrolled")
NOTEBOOK_METADATA_DROPPED = ("widgets",)


def strip(nb):
    """The notebook dict with outputs and run-time metadata removed (changes ``nb`` in place)."""
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        meta = cell.get("metadata")
        if isinstance(meta, dict):
            for key in CELL_METADATA_DROPPED:
                meta.pop(key, None)
    meta = nb.get("metadata")
    if isinstance(meta, dict):
        for key in NOTEBOOK_METADATA_DROPPED:
            meta.pop(key, None)
        info = meta.get("language_info")
        if isinstance(info, dict) and "name" in info:
            meta["language_info"] = {"name": info["name"]}  # not the version of whoever ran it last
    return nb


def dumps(nb):
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks (default: notebooks/*.ipynb)")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a notebook is not stripped")
    args = parser.parse_args(argv)

    paths = args.paths or sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))
    if not paths:
        print("no notebooks found", file=sys.stderr)
        return 1
    dirty = []
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
            stripped = dumps(strip(json.loads(text)))
        except (OSError, ValueError) as e:
            print(f"{path}: error: {e}", file=sys.stderr)
            return 1
        if stripped == text:
            continue
        dirty.append(path)
        if args.check:
            print(f"{path}: not stripped (run scripts/strip_notebooks.py)", file=sys.stderr)
        else:
            path.write_text(stripped, encoding="utf-8")
            print(f"stripped {path}")
    return 1 if args.check and dirty else 0


if __name__ == "__main__":
    sys.exit(main())
