#!/usr/bin/env bash
# Installs the Debian packages libbranch needs, only those missing; quiet when all are there.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libboost-dev libboost-serialization-dev libeigen3-dev nlohmann-json3-dev libcli11-dev libtbb-dev
  # the archive checksum (XXH3)
  libxxhash-dev
  # Excel workbooks: written by the library (libxlsxwriter), read by the Python package (openpyxl)
  libxlsxwriter-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  # the sanitizer and fuzzing build of the test command (build-asan/: clang, libFuzzer)
  clang-14 libclang-rt-14-dev
  # the Python package (python/): bindings, its stack for /usr/bin/python3, tests, install, plots
  pybind11-dev python3-pybind11 python3-dev python3-venv
  python3-numpy python3-pandas python3-matplotlib python3-tqdm python3-openpyxl fonts-noto-cjk
  python3-pytest python3-setuptools python3-wheel
  # the notebooks (notebooks/), executed by python/tests/test_notebooks.py in a Jupyter kernel
  python3-nbclient python3-nbformat python3-ipykernel
  # distributed scoring on a Dask cluster (libbranch.dask, docs/distributed.md)
  python3-distributed python3-dask
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
$sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
