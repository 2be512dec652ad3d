#!/usr/bin/env bash
# Installs the built libbranch into a fresh prefix, builds examples/consumer against it with
# find_package, and runs it on the sample dataset. Also checks the pkg-config file.
#   consumer_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src="$1"
build="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cmake --install "$build" --prefix "$work/prefix" >/dev/null
cmake -S "$src/examples/consumer" -B "$work/consumer" -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/consumer" >/dev/null
out="$("$work/consumer/count_branches" "$work/prefix/share/libbranch/examples/county_court")"
echo "$out"
branches=$(($(grep -cv '^\s*$' "$src/examples/county_court/branches.csv") - 1))
case "$out" in
  "libbranch "*": $branches branches") ;;
  *) echo "unexpected output; expected $branches branches" >&2; exit 1 ;;
esac

# The same program built with pkg-config flags instead of CMake.
PKG_CONFIG_PATH="$work/prefix/lib/pkgconfig" c++ "$src/examples/consumer/count_branches.cpp" \
  $(PKG_CONFIG_PATH="$work/prefix/lib/pkgconfig" pkg-config --cflags --libs libbranch) \
  -Wl,-rpath,"$work/prefix/lib" -o "$work/count_pc"
"$work/count_pc" "$src/examples/county_court" | grep -q ": $branches branches"
echo "consumer: ok"
