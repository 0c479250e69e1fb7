#!/usr/bin/env bash
# Tests of guest/ktap.awk, the KTAP parser the kunit scenario uses, on
# saved KTAP (tests/data/ktap: a real run of the series' suites, and that
# run with a failing parameter, a crash half way, a suite that fails
# without a failing case, a skipped case), with the host's awk and, when
# it is installed, busybox awk as in the guest.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
data=$top/tests/data/ktap
passed=0 failed=0
awks=(awk)
command -v busybox >/dev/null && awks+=("busybox awk")

# expect NAME FILE PATTERN WANT: WANT lines of the parser's output on FILE
# match PATTERN (grep), with each awk.
expect() {
	local name=$1 file=$2 how=$3 want=$4 a got
	for a in "${awks[@]}"; do
		got=$($a -f "$top/guest/ktap.awk" "$data/$file" | grep -c -- "$how" || true)
		if [ "$got" = "$want" ]; then
			echo "PASS ktap-parser: $name ($a)"; passed=$((passed + 1))
		else
			echo "FAIL ktap-parser: $name ($a): $got lines match '$how', want $want"; failed=$((failed + 1))
		fi
	done
}
expect "real run: every case and parameter passes" pass.ktap '^ok|' 43
expect "real run: nothing fails" pass.ktap '^not ok|' 0
expect "failing parameter: named with suite and case" param-fails.ktap \
	'^not ok|vmemmap_altmap_populate\.nr_pages\.1G cut short$' 1
expect "failing parameter: the only failure" param-fails.ktap '^not ok|' 1
expect "crash: the parameters without a parent fail" crash.ktap '^not ok|.*crashed' 28
expect "suite failing without a failing case fails" suite-fails.ktap \
	'^not ok|vmem_altmap_misuse|reported failure' 1
expect "skipped case: a skip with its reason" skip.ktap \
	'^skip|vmem_altmap\.table_sized_from_population|booted with vmemmap_altmap_dedup=off$' 1
expect "skipped case: not a pass" skip.ktap '^ok|' 42
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
