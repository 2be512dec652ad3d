"""libbranch/_core.pyi: the committed stub is what python/make_stubs.py writes for the compiled
module under test, so it cannot drift from the bindings; and every public name of _core has one."""

import ast
import importlib.util
from pathlib import Path

import libbranch as lb

SOURCE = Path(__file__).resolve().parents[1]


def generator():
    spec = importlib.util.spec_from_file_location("make_stubs", SOURCE / "make_stubs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_stub_matches_the_compiled_module():
    committed = (SOURCE / "libbranch" / "_core.pyi").read_text(encoding="utf-8")
    assert generator().stubs(lb._core) == committed, (
        "python/libbranch/_core.pyi is out of date: PYTHONPATH=build/python /usr/bin/python3 "
        "python/make_stubs.py > python/libbranch/_core.pyi")


def test_the_stub_is_valid_python_naming_every_public_member():
    tree = ast.parse((SOURCE / "libbranch" / "_core.pyi").read_text(encoding="utf-8"))
    stubbed = {node.name for node in tree.body if isinstance(node, (ast.ClassDef, ast.FunctionDef))}
    stubbed |= {node.target.id for node in tree.body if isinstance(node, ast.AnnAssign)}
    public = {name for name in vars(lb._core) if not name.startswith("_")}
    assert public <= stubbed, sorted(public - stubbed)
    engine = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Engine")
    score = next(f for f in engine.body if isinstance(f, ast.FunctionDef) and f.name == "score")
    assert [a.arg for a in score.args.args] == ["self", "dataset", "rubric", "from_", "to", "threads", "progress"]
