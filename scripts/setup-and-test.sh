#!/usr/bin/env bash
# One command for a fresh machine: install what is missing, build, and run every test — the
# GoogleTest suite and the other ctest tests, then the Python package's pytest suite; then the C++
# tests again under ASan+UBSan and each fuzz target briefly, from one clang build (build-asan/).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
# The Python package is part of "every test": a build/ configured before it existed gets it turned on.
if [ -f build/CMakeCache.txt ] && ! grep -q '^LIBBRANCH_BUILD_PYTHON:BOOL=ON$' build/CMakeCache.txt; then
  cmake -S . -B build -DLIBBRANCH_BUILD_PYTHON=ON >/dev/null
fi
scripts/build.sh -DLIBBRANCH_BUILD_PYTHON=ON  # configure arguments apply to a fresh build/ only
# ctest also registers the pytest suite (python_tests, for a plain `ctest`); here it runs once, below.
ctest --test-dir build --output-on-failure -j "$(nproc)" --timeout 900 -E '^python_tests$'
# pytest with the interpreter the module was built for (Debian's /usr/bin/python3 by default, whose
# python3-* packages include numpy and pandas). Any non-zero exit fails, including 5 (no tests ran).
python="$(sed -n 's/^Python_EXECUTABLE:[A-Z]*=//p' build/CMakeCache.txt)"
PYTHONPATH="$PWD/build/python" LIBBRANCH_BRANCHSCORE="$PWD/build/bin/branchscore" \
  LIBBRANCH_TEST_PLUGIN_DIR="$PWD/build/tests/fixtures/plugins/good" \
  PYTHONDONTWRITEBYTECODE=1 MPLBACKEND=Agg \
  "${python:-/usr/bin/python3}" -m pytest -q -p no:cacheprovider python/tests
# ASan+UBSan and the fuzz targets share one clang-14 build: the library, plugins, CLI and tests
# instrumented with -fsanitize=fuzzer-no-link,address,undefined at -O1 (C++ only, no benchmarks).
# Its ctest runs the GoogleTest suite, the oracle comparison and fuzz_* (LIBBRANCH_FUZZ_SECONDS each).
if [ ! -f build-asan/CMakeCache.txt ]; then
  generator=()
  command -v ninja >/dev/null && generator=(-G Ninja)
  CC=clang-14 CXX=clang++-14 cmake -S . -B build-asan "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DLIBBRANCH_FUZZ=ON -DLIBBRANCH_BUILD_PYTHON=OFF \
    -DLIBBRANCH_BUILD_BENCH=OFF >/dev/null
fi
cmake --build build-asan -j "$(nproc)"
ctest --test-dir build-asan --output-on-failure -j "$(nproc)" --timeout 900
