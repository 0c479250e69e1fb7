#!/usr/bin/env bash
# Every test: the scenarios under tests/scenarios on the patched kernel
# (KUnit included), the multi-boot tests under tests/multiboot (base vs
# patched), the bench's own tests and the series lint.
# Ends with "N passed, N failed, N skipped"; exits 1 on any failure.
#   SCENARIOS="smoke kunit" tests/check.sh   runs only those scenarios
#   SCENARIOS=multiboot/compat-info-block    or multi-boot tests
#   KERNELS=patched   overrides the scenarios' "# kernel:" lists
#   OUT_SUFFIX=-debug boots build/<kernel>/out-debug (make check-debug)
#   CHECK_SCENARIOS_ONLY=1  without the bench's self-tests and the lint
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
# One accelerator probe for every boot of the run (tests/accel.sh).
export ACCEL=${ACCEL:-$("$top/tests/accel.sh" "$top/build/patched/out${OUT_SUFFIX:-}/arch/x86/boot/bzImage")}
mkdir -p "$top/build/logs"
# CHECK_RESULTS: another file for the results (make check-ppc64le's), so
# two runs at once do not write into each other's.
results=${CHECK_RESULTS:-$top/build/logs/check-results.txt}
: >"$results"

# Guest scenarios (tests/scenarios) and multi-boot tests (tests/multiboot:
# scripts that boot several kernels, print PASS/FAIL lines and exit 1 on a
# failure), both by name.
list=${SCENARIOS:-$(for f in "$top"/tests/scenarios/*.sh; do
	[ "$("$top/tests/scenario-header.sh" "$f" check)" = no ] || basename "$f" .sh
done; for f in "$top"/tests/multiboot/*.sh; do echo "multiboot/$(basename "$f" .sh)"; done)}

# run NAME CMD...: a test script's PASS/FAIL lines into the results; one
# that exits non-zero without printing a FAIL line (died on an error, a
# bad knob) is a FAIL of its own, with the last lines it printed.
run() {
	local name=$1 out rc; shift
	out=$(mktemp)
	"$@" 2>&1 | tee "$out" | grep -v ' passed, [0-9]* failed' | tee -a "$results"
	rc=${PIPESTATUS[0]}
	if [ "$rc" != 0 ] && ! grep -q '^FAIL ' "$out"; then
		echo "FAIL $name: exited $rc without a verdict; its last lines:" | tee -a "$results"
		tail -n 5 "$out" | sed 's/^/    | /'
	fi
	rm -f "$out"
}

# expect_fail SCENARIO KERNEL: a scenario that shows a bug which KERNEL
# (base) has and the fix at the head of the series removes must fail
# there, on its own checks or with the kernel warning the bug provokes,
# and finish: its FAIL lines become XFAIL lines, and one PASS or FAIL
# line says whether it saw the bug.
expect_fail() {
	local out rc=0 n
	out=$("$top/tests/boot-scenario.sh" "$2" "$1") || rc=$?
	echo "$out" | sed 's/^FAIL /XFAIL /'
	n=$(echo "$out" | grep -c '^FAIL ' || true)
	# The bug may be a kernel warning (the fix refuses what reaches it):
	# its console lines are XFAILs too, but the boot must have finished.
	if [ "$rc" != 0 ] && echo "$out" | grep -q "^PASS $1\[.*\]: finished"; then
		echo "PASS $1[$2]: fails without the fix, as it must ($n checks failed)"
	else
		echo "FAIL $1[$2]: must fail on its checks without the fix and finish; it did not (exit $rc)"
	fi
}

start=$(date +%s)
for s in $list; do
	echo "== $s ($(( $(date +%s) - start ))s elapsed)"
	case $s in
	multiboot/*)
		[ -x "$top/tests/$s.sh" ] || { echo "FAIL $s: no such test" | tee -a "$results"; continue; }
		run "$s" "$top/tests/$s.sh" ;;
	*)
		kernels=$("$top/tests/scenario-header.sh" "$top/tests/scenarios/$s.sh" kernel)
		xfail=$("$top/tests/scenario-header.sh" "$top/tests/scenarios/$s.sh" expect-fail)
		for k in ${KERNELS:-${kernels:-patched}}; do
			# base-ppc64le is base, on powerpc.
			if [[ " $xfail " = *" ${k%-ppc64le} "* ]]; then
				run "${s}[$k]" expect_fail "$s" "$k"
			else
				run "${s}[$k]" "$top/tests/boot-scenario.sh" "$k" "$s"
			fi
		done ;;
	esac
done
# make check-ppc64le runs scenarios only (these belong to make check)
# and sums up itself.
if [ -n "${CHECK_SCENARIOS_ONLY:-}" ]; then ! grep -q '^FAIL ' "$results"; exit; fi
echo "== the judge on saved boots"
run judge-test "$top/tests/judge-test.sh"
echo "== the accelerator probe with a fake QEMU"
run accel-test "$top/tests/accel-test.sh"
echo "== the KTAP parser on saved KTAP"
run ktap-parser "$top/tests/ktap-parser.sh"
echo "== the bench's plumbing (knobs, headers, make-tree, check.sh itself)"
run bench-test "$top/tests/bench-test.sh"
echo "== the oracles (memmap arithmetic) and the statistics"
run oracles-test "$top/tests/oracles-test.sh"
echo "== series lint"
run lint-series "$top/tests/lint-series.sh"
echo "== bench lint (shellcheck)"
run lint-bench "$top/tests/lint-bench.sh"

exec "$top/tests/summary.sh" "$results" "$start"
