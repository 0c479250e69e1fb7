#!/usr/bin/env bash
# Every test: the scenarios under tests/scenarios on the patched kernel
# (KUnit included), the multi-boot tests under tests/multiboot (base vs
# patched), the bench's own tests and the series lint.
# Ends with "N passed, N failed, N skipped"; exits 1 on any failure.
#   SCENARIOS="smoke kunit" tests/check.sh   runs only those scenarios
#   SCENARIOS=multiboot/compat-info-block    or multi-boot tests
#   KERNELS=patched   overrides the scenarios' "# kernel:" lists
#   OUT_SUFFIX=-debug boots build/<kernel>/out-debug (make check-debug)
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
# One accelerator probe for every boot of the run (tests/accel.sh).
export ACCEL=${ACCEL:-$("$top/tests/accel.sh")}
mkdir -p "$top/build/logs"
results=$top/build/logs/check-results.txt
: >"$results"

# Guest scenarios (tests/scenarios) and multi-boot tests (tests/multiboot:
# scripts that boot several kernels, print PASS/FAIL lines and exit 1 on a
# failure), both by name.
list=${SCENARIOS:-$(for f in "$top"/tests/scenarios/*.sh; do
	[ "$("$top/tests/scenario-header.sh" "$f" check)" = no ] || basename "$f" .sh
done; for f in "$top"/tests/multiboot/*.sh; do echo "multiboot/$(basename "$f" .sh)"; done)}

start=$(date +%s)
for s in $list; do
	echo "== $s ($(( $(date +%s) - start ))s elapsed)"
	case $s in
	multiboot/*)
		[ -x "$top/tests/$s.sh" ] || { echo "FAIL $s: no such test" | tee -a "$results"; continue; }
		"$top/tests/$s.sh" | tee -a "$results" ;;
	*)
		kernels=$("$top/tests/scenario-header.sh" "$top/tests/scenarios/$s.sh" kernel)
		for k in ${KERNELS:-${kernels:-patched}}; do
			"$top/tests/boot-scenario.sh" "$k" "$s" | tee -a "$results"
		done ;;
	esac
done
echo "== the judge on saved boots"
"$top/tests/judge-test.sh" | grep -v ' passed, ' | tee -a "$results"
echo "== the KTAP parser on saved KTAP"
"$top/tests/ktap-parser.sh" | grep -v ' passed, ' | tee -a "$results"
echo "== series lint"
"$top/tests/lint-series.sh" | tee -a "$results"

p=$(grep -c '^PASS ' "$results"); f=$(grep -c '^FAIL ' "$results"); k=$(grep -c '^SKIP ' "$results")
echo "== $(( $(date +%s) - start ))s; results in ${results#"$top"/}"
[ "$f" = 0 ] || grep '^FAIL ' "$results" | sed 's/^/  /'
echo "$p passed, $f failed, $k skipped"
[ "$f" = 0 ] && [ "$p" -gt 0 ]
