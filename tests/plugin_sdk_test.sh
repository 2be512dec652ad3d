#!/usr/bin/env bash
# The plugin SDK as an outside author uses it: installs the built libbranch into a fresh prefix,
# checks the plugin SDK headers are installed, builds examples/plugin (find_package(libbranch) +
# libbranch_add_plugin, written with <libbranch/plugin_sdk.hpp>) and a small driver
# program against the install, and loads the plugin through the PluginLoader API:
#   1. with --plugins <its build dir>, computing its metric on the installed sample dataset;
#   2. from LIBBRANCH_PLUGIN_PATH;
#   3. installed into the prefix's plugin folder, found with no configuration, its RUNPATH
#      ($ORIGIN/../..) resolving the core library of the prefix;
#   4. both at once: the --plugins copy wins, the installed one is reported as shadowed.
#   plugin_sdk_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src="$1"
build="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
unset LIBBRANCH_PLUGIN_PATH
prefix="$work/prefix"

fail() { echo "plugin_sdk_test: $*" >&2; exit 1; }
expect_line() {  # expect_line OUTPUT PATTERN (an extended regex matching a whole line)
  grep -Eqx -- "$2" <<<"$1" || { echo "$1" >&2; fail "no line matching: $2"; }
}

cmake --install "$build" --prefix "$prefix" >/dev/null
[[ -f "$prefix/lib/cmake/libbranch/libbranch_add_plugin.cmake" ]] || fail "libbranch_add_plugin.cmake not installed"
for h in plugin_sdk.hpp export.hpp sdk/kind_set.hpp sdk/activity_sums.hpp sdk/member_counts.hpp \
  sdk/coverage_counter.hpp sdk/tally_functions.hpp; do
  [[ -f "$prefix/include/libbranch/$h" ]] || fail "SDK header libbranch/$h not installed"
done
[[ -d "$prefix/lib/libbranch/plugins" ]] || mkdir -p "$prefix/lib/libbranch/plugins"  # plugins OFF
standard_plugins=$(cd "$prefix/lib/libbranch/plugins" && ls libbranch_*.so 2>/dev/null | sed 's/^libbranch_//; s/\.so$//' || true)

# The example plugin and the driver, against the install only.
cmake -S "$src/examples/plugin" -B "$work/example" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/example" >/dev/null
plugin_dir="$work/example/lib/libbranch/plugins"
[[ -f "$plugin_dir/libbranch_online_legal.so" ]] || fail "example did not build $plugin_dir/libbranch_online_legal.so"
cmake -S "$src/tests/fixtures/plugins/sdk_driver" -B "$work/driver" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/driver" >/dev/null
driver="$work/driver/plugin_driver"
data="$prefix/share/libbranch/examples/county_court"

# Legal education held online or hybrid in 2024, counted from the CSV (kind, date, mode are
# columns 3-5, before any quoted field).
expected=$(awk -F, 'NR > 1 && $3 == "legal_education" && $4 ~ /^2024-/ && ($5 == "online" || $5 == "hybrid")' \
  "$data/activities.csv" | wc -l)
expected_online=$(awk -F, 'NR > 1 && $3 == "legal_education" && $4 ~ /^2024-/ && $5 == "online"' \
  "$data/activities.csv" | wc -l)
[[ "$expected" -gt 0 ]] || fail "the sample dataset has no online legal education in 2024"

# 1. --plugins DIR, and the metric computed.
out=$("$driver" --plugins "$plugin_dir" --metric rule_of_law.online_legal_education --dataset "$data" --year 2024)
echo "$out"
expect_line "$out" "install_dir $prefix/lib/libbranch/plugins"
expect_line "$out" "plugin online_legal loaded 1\.0\.0 --plugins $plugin_dir/libbranch_online_legal\.so"
expect_line "$out" "metric rule_of_law\.online_legal_education online_legal"
expect_line "$out" "value rule_of_law\.online_legal_education $expected"
for p in $standard_plugins; do
  expect_line "$out" "plugin $p loaded [^ ]+ install $prefix/lib/libbranch/plugins/libbranch_$p\.so"
done
! grep -q ' refused ' <<<"$out" || fail "a plugin was refused"
out=$("$driver" --plugins "$plugin_dir" --metric rule_of_law.online_legal_education --dataset "$data" --year 2024 \
  --param include_hybrid=no)
expect_line "$out" "value rule_of_law\.online_legal_education $expected_online"
# The example rubric names the plugin's metric and parameter: valid against the loaded registry.
if [[ -n "$standard_plugins" ]]; then
  out=$("$driver" --plugins "$plugin_dir" --rubric "$src/examples/plugin/rubric.json")
  expect_line "$out" "rubric ok $src/examples/plugin/rubric\.json"
fi

# A --plugins directory that does not exist is an error (exit 1, the directory named).
if err=$("$driver" --plugins "$work/nowhere" 2>&1 >/dev/null); then fail "a missing --plugins directory was accepted"; fi
grep -q "$work/nowhere: plugin directory does not exist" <<<"$err" || fail "unexpected error: $err"

# 2. LIBBRANCH_PLUGIN_PATH (a missing entry is only a warning).
out=$(LIBBRANCH_PLUGIN_PATH="$work/nowhere:$plugin_dir" "$driver")
expect_line "$out" "plugin online_legal loaded 1\.0\.0 LIBBRANCH_PLUGIN_PATH $plugin_dir/libbranch_online_legal\.so"
expect_line "$out" "warning $work/nowhere: plugin directory does not exist \(an entry of LIBBRANCH_PLUGIN_PATH\)"

# 3. Installed into the prefix's plugin folder: found with no configuration.
cmake --install "$work/example" --prefix "$prefix" >/dev/null
installed="$prefix/lib/libbranch/plugins/libbranch_online_legal.so"
[[ -f "$installed" ]] || fail "cmake --install did not put the plugin in $prefix/lib/libbranch/plugins"
# (Outputs are captured before grep: `cmd | grep -q` can fail under pipefail when grep exits early.)
if command -v readelf >/dev/null; then
  dynamic=$(readelf -d "$installed")
  grep -Eq 'R(UN)?PATH.*\[\$ORIGIN/\.\./\.\.\]' <<<"$dynamic" || fail "installed plugin's RUNPATH is not \$ORIGIN/../.."
  grep -q 'NEEDED.*\[libbranch\.so\.' <<<"$dynamic" || fail "installed plugin does not link the core library"
fi
if command -v ldd >/dev/null; then
  core=$(ldd "$installed" | awk '$1 ~ /^libbranch\.so/ {print $3}')
  [[ -n "$core" && "$(cd "$(dirname "$core")" && pwd -P)" == "$(cd "$prefix/lib" && pwd -P)" ]] ||
    fail "installed plugin resolves the core library as '$core', not in $prefix/lib"
fi
out=$("$driver" --metric rule_of_law.online_legal_education --dataset "$data" --year 2024)
expect_line "$out" "plugin online_legal loaded 1\.0\.0 install $installed"
expect_line "$out" "value rule_of_law\.online_legal_education $expected"

# 4. Both: the more specific --plugins copy wins; the installed one is refused as shadowed.
out=$("$driver" --plugins "$plugin_dir")
expect_line "$out" "plugin online_legal loaded 1\.0\.0 --plugins $plugin_dir/libbranch_online_legal\.so"
expect_line "$out" "plugin online_legal refused 1\.0\.0 install $installed : shadowed by $plugin_dir/libbranch_online_legal\.so"

# 5. The installed command line uses it: listed by `plugins`, usable by a rubric in `score`.
out=$("$prefix/bin/branchscore" plugins --plugins "$plugin_dir")
expect_line "$out" "online_legal 1\.0\.0 \(rule_of_law\) loaded from $plugin_dir/libbranch_online_legal\.so: 1 metric;.*"
out=$("$prefix/bin/branchscore" score "$data" --rubric "$src/examples/plugin/rubric.json" --plugins "$plugin_dir" \
  --year 2024 --format csv --detail)
expect_line "$out" "branch_id,standard,indicator,metric,value,points,max_points,rule,flags"
court_expected=$(awk -F, 'NR > 1 && $2 == "court" && $3 == "legal_education" && $4 ~ /^2024-/ && ($5 == "online" || $5 == "hybrid")' \
  "$data/activities.csv" | wc -l)
expect_line "$out" "court,rule_of_law,online_legal_education,rule_of_law\.online_legal_education,$court_expected,.*"

echo "plugin sdk: ok"
