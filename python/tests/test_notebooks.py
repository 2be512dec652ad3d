"""The analyst notebooks (notebooks/*.ipynb) run without an error in a real Jupyter kernel, and are
kept in git without outputs.

Each notebook is executed by nbclient in a temporary copy of notebooks/ (outputs never reach the
repository), with a `python3` kernel running this interpreter and this build of libbranch on
PYTHONPATH. Every cell runs even after an error (allow_errors) so that the failure lists every
failing cell, first one first; any error fails the test. `CI` is passed through: under CI=true the
notebooks shrink their synthetic data (and say so).

    PYTHONPATH=<build>/python /usr/bin/python3 -m pytest python/tests/test_notebooks.py -v
"""

import importlib.util
import json
import os
import shutil
import sys
import time
from pathlib import Path

import nbclient
import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

import libbranch as lb

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS_DIR = REPO / "notebooks"
EXPECTED = ("01_quickstart", "02_batch_evaluation", "03_custom_rubric_and_metric", "04_year_over_year")
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
KERNEL = "python3"
CELL_TIMEOUT = 600  # seconds, per cell


def test_expected_notebooks_present():
    missing = set(EXPECTED) - {p.stem for p in NOTEBOOKS}
    assert not missing, f"notebooks missing from {NOTEBOOKS_DIR}: {sorted(missing)}"


# ---- stripped in git ----

@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_is_stripped(path):
    """No outputs, no execution counts, no run-time metadata (scripts/strip_notebooks.py)."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    nb = nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.get("kernelspec", {}).get("name") == KERNEL
    assert "widgets" not in nb.metadata
    dirty = []
    for i, cell in enumerate(raw["cells"]):
        if cell["cell_type"] == "code" and (cell.get("outputs") or cell.get("execution_count") is not None):
            dirty.append(f"cell {i}: outputs or execution_count")
        if {"execution", "ExecuteTime"} & set(cell.get("metadata", {})):
            dirty.append(f"cell {i}: execution metadata")
    assert not dirty, f"{path.name} is not stripped (run scripts/strip_notebooks.py): {dirty}"
    # and exactly as the tool writes it (so that stripping changes nothing)
    spec = importlib.util.spec_from_file_location("strip_notebooks", REPO / "scripts" / "strip_notebooks.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    text = path.read_text(encoding="utf-8")
    assert tool.dumps(tool.strip(json.loads(text))) == text, f"{path.name}: run scripts/strip_notebooks.py"


# ---- executed in a kernel ----

def _kernel_runs_this_python():
    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL)
    except NoSuchKernel:
        return False
    exe = spec.argv[0] if spec.argv else ""
    if exe in ("python", "python3", "python%d.%d" % sys.version_info[:2]):
        return True  # jupyter_client substitutes sys.executable
    return os.path.abspath(exe) == os.path.abspath(sys.executable)


class _Env(dict):
    """The kernel's environment; its repr (in failure reports) does not list the variables."""

    def __repr__(self):
        return f"<kernel environment: PYTHONPATH={self.get('PYTHONPATH')!r}, CI={self.get('CI')!r}>"


@pytest.fixture(scope="session")
def kernel_env(tmp_path_factory):
    """The environment of the kernel: this one, with this build of libbranch first on PYTHONPATH; and
    a `python3` kernelspec running this interpreter (made in a temporary JUPYTER_PATH when the
    installed one runs another Python)."""
    mp = pytest.MonkeyPatch()
    if not _kernel_runs_this_python():
        jupyter_path = tmp_path_factory.mktemp("jupyter")
        spec_dir = jupyter_path / "kernels" / KERNEL
        spec_dir.mkdir(parents=True)
        (spec_dir / "kernel.json").write_text(json.dumps({
            "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": f"Python 3 ({sys.executable})",
            "language": "python",
        }))
        mp.setenv("JUPYTER_PATH", os.pathsep.join(filter(None, [str(jupyter_path), os.environ.get("JUPYTER_PATH")])))
        assert _kernel_runs_this_python(), "the temporary kernelspec is not the one found"
    package_parent = str(Path(lb.__file__).resolve().parents[1])
    env = _Env(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_parent, os.environ.get("PYTHONPATH")]))
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    env.pop("MPLBACKEND", None)  # the kernel's inline backend, as in Jupyter (the tests set Agg)
    yield env
    mp.undo()


@pytest.fixture
def workdir(tmp_path):
    """A copy of notebooks/ to run in: whatever a notebook writes next to itself stays there."""
    copy = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS_DIR, copy)
    return copy


def _run(path, env, cwd):
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name=KERNEL, allow_errors=True,
                                     resources={"metadata": {"path": str(cwd)}})
    started = time.perf_counter()
    client.execute(env=env)
    return nb, time.perf_counter() - started


def _errors(nb):
    """(cell index, first source line, 'Name: value') of every cell that raised."""
    found = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                first = next((line for line in cell.source.splitlines() if line.strip() and not line.startswith("#")),
                             "")
                found.append((i, first.strip(), f"{out['ename']}: {out['evalue']}"))
    return found


def test_kernel_runs_this_python_and_build(kernel_env, workdir):
    probe = nbformat.v4.new_notebook()
    probe.cells.append(nbformat.v4.new_code_cell(
        "import sys, libbranch\nprint(sys.executable)\nprint(libbranch.__file__)"))
    probe_path = workdir / "probe.ipynb"
    nbformat.write(probe, probe_path)
    nb, _ = _run(probe_path, kernel_env, workdir)
    assert not _errors(nb), _errors(nb)
    printed = "".join(o.get("text", "") for o in nb.cells[0].outputs).split("\n")
    assert os.path.realpath(printed[0]) == os.path.realpath(sys.executable)
    assert Path(printed[1]).resolve() == Path(lb.__file__).resolve()


@pytest.mark.parametrize("name", [p.name for p in NOTEBOOKS], ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(name, kernel_env, workdir):
    nb, seconds = _run(workdir / name, kernel_env, workdir)
    ci = os.environ.get("CI", "")
    print(f"{name}: {seconds:.1f} s (CI={ci!r})")
    errors = _errors(nb)
    assert not errors, f"{name}: {len(errors)} cell(s) failed (the first may cause the others):\n" + "\n".join(
        f"  cell {i} [{first}]: {err}" for i, first, err in errors)
