"""Builds and installs the libbranch Python package: setuptools drives the project's CMake build.

Offline, into a venv that sees Debian's numpy and pandas:

    /usr/bin/python3 -m venv --system-site-packages venv
    venv/bin/pip install ./python --no-build-isolation --no-index

build_ext configures the repository (the parent of this directory) with the Python bindings on and
tests, benchmarks and the CLI off, builds the targets libbranch_python (the module _core, with the
five standard plugins linked in) and libbranch_python_package (the core libbranch.so.X.Y copied next
to it, the sample dataset and the default rubric), and copies those into the package; build_py adds
the pure-Python files. Extra CMake arguments: LIBBRANCH_CMAKE_ARGS="-D…"; parallel jobs:
CMAKE_BUILD_PARALLEL_LEVEL (default: all cores).

Editable installs are refused: they would leave compiled files in the source tree. For development,
build with CMake and put <build>/python on PYTHONPATH.
"""

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def read_version():
    text = (ROOT / "libbranch" / "include" / "libbranch" / "version.hpp").read_text(encoding="utf-8")
    return ".".join(re.search(rf"#define LIBBRANCH_VERSION_{p} (\d+)", text).group(1) for p in ("MAJOR", "MINOR", "PATCH"))


class CMakeExtension(Extension):
    def __init__(self, name):
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        if self.inplace:
            raise RuntimeError(
                "libbranch does not support editable installs (the compiled files would land in the source "
                "tree): build with CMake and use PYTHONPATH=<build>/python instead")
        build_dir = Path(self.build_temp).resolve() / "cmake"
        configure = [
            "cmake", "-S", str(ROOT), "-B", str(build_dir),
            "-DCMAKE_BUILD_TYPE=Release",
            f"-DPython_EXECUTABLE={sys.executable}",
            "-DLIBBRANCH_BUILD_PYTHON=ON",
            "-DLIBBRANCH_BUILD_PLUGINS=ON",
            "-DLIBBRANCH_BUILD_TESTS=OFF",
            "-DLIBBRANCH_BUILD_BENCH=OFF",
            "-DLIBBRANCH_BUILD_CLI=OFF",
            "-DLIBBRANCH_INSTALL=OFF",
        ]
        if shutil.which("ninja") and not (build_dir / "CMakeCache.txt").exists():
            configure += ["-G", "Ninja"]
        configure += shlex.split(os.environ.get("LIBBRANCH_CMAKE_ARGS", ""))
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL") or str(os.cpu_count() or 1)
        subprocess.run(configure, check=True)
        subprocess.run(["cmake", "--build", str(build_dir), "-j", jobs,
                        "--target", "libbranch_python", "libbranch_python_package"], check=True)

        # The compiled files and the data; the .py files come from build_py (this directory).
        built = build_dir / "python" / "libbranch"
        dest = Path(self.get_ext_fullpath(ext.name)).parent
        dest.mkdir(parents=True, exist_ok=True)
        for item in built.iterdir():
            target = dest / item.name
            if item.is_dir():
                shutil.rmtree(target, ignore_errors=True)
                shutil.copytree(item, target)
            elif item.suffix != ".py":
                shutil.copy2(item, target)


setup(
    version=read_version(),
    packages=["libbranch"],
    package_dir={"libbranch": "libbranch"},
    ext_modules=[CMakeExtension("libbranch._core")],
    cmdclass={"build_ext": CMakeBuild},
    zip_safe=False,
)
