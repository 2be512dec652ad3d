"""Shared fixtures. Run with the build tree on the path:

    PYTHONPATH=<build>/python /usr/bin/python3 -m pytest python/tests

(ctest does this: the test `python_tests`). LIBBRANCH_BRANCHSCORE names the branchscore of the
same build (ctest sets it); otherwise <build>/bin/branchscore next to the package, then PATH.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

import libbranch as lb

SYNTH_BRANCHES = 20000


def _find_branchscore():
    given = os.environ.get("LIBBRANCH_BRANCHSCORE")
    candidates = [Path(given)] if given else []
    # The build tree: <build>/python/libbranch/_core*.so and <build>/bin/branchscore.
    candidates.append(Path(lb._core.__file__).resolve().parents[2] / "bin" / "branchscore")
    on_path = shutil.which("branchscore")
    if on_path:
        candidates.append(Path(on_path))
    for c in candidates:
        if c.is_file() and os.access(c, os.X_OK):
            return c
    return None


@pytest.fixture(scope="session")
def branchscore():
    exe = _find_branchscore()
    if exe is None:
        pytest.skip("no branchscore executable (set LIBBRANCH_BRANCHSCORE)")
    return exe


@pytest.fixture(scope="session")
def run_cli(branchscore):
    def run(*args):
        done = subprocess.run([str(branchscore), *map(str, args)], capture_output=True, check=True)
        return done.stdout.decode("utf-8")

    return run


@pytest.fixture(scope="session")
def sample_dir():
    return lb.sample_path()


@pytest.fixture(scope="session")
def sample(sample_dir):
    return lb.load(sample_dir)


@pytest.fixture(scope="session")
def engine():
    return lb.Engine()


@pytest.fixture(scope="session")
def synthetic_dir(tmp_path_factory):
    """A synthetic province written by `branchscore synth` (lb.synth when there is no branchscore:
    the same library function)."""
    out = tmp_path_factory.mktemp("synth") / "province"
    exe = _find_branchscore()
    if exe is not None:
        subprocess.run([str(exe), "synth", "--branches", str(SYNTH_BRANCHES), "--seed", "7", "--out", str(out)],
                       check=True, capture_output=True)
    else:
        lb.synth(out, SYNTH_BRANCHES, seed=7)
    return out


@pytest.fixture(scope="session")
def synthetic(synthetic_dir):
    return lb.load(synthetic_dir)
