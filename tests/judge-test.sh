#!/usr/bin/env bash
# Tests of tests/judge.sh on saved boots (tests/data/judge: a smoke boot,
# a kunit boot with its 11 provoked warnings, as the kunit scenario's
# header says, a real WARNING block) and
# variants made from them: a pass, a WARNING on the console, a guest FAIL
# line, a hang, a silent console, a guest that does not power off, a QEMU crash, allowed warnings, a wrong
# count of them, an allowed warning plus another one, a warning allowed by
# its stack only, a scenario that stops early or runs too few checks.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
data=$top/tests/data/judge
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
allow_kunit='# allow-warn: vmem_altmap: (pfn|freeing)'

# with_warning LOG: LOG with the saved WARNING block before the guest's end.
with_warning() { awk -v w="$data/warning-block.txt" '/BENCH-DONE/ { while ((getline l < w) > 0) print l } { print }' "$1"; }

# case NAME HEADERS LOG RESULTS RC WANT_RC PATTERN: judge the boot, want its
# exit code and a line matching PATTERN.
case_() {
	local name=$1 hdr=$2 log=$3 res=$4 rc=$5 want=$6 pat=$7 out got=0
	export SILENT ACCEL
	printf '%s\n' "$hdr" >"$tmp/scenario.sh"
	out=$(TIMEOUT=240 "$top/tests/judge.sh" "t[$name]" "$tmp/scenario.sh" "$log" "$res" "$rc" 7) || got=$?
	if [ "$got" = "$want" ] && echo "$out" | grep -Eq -- "$pat"; then
		echo "PASS judge-test: $name"; passed=$((passed + 1))
	else
		echo "FAIL judge-test: $name: exit $got (want $want), no line matching '$pat':"
		echo "$out" | grep -E '^(PASS|FAIL)' | tail -5 | sed 's/^/    | /'
		failed=$((failed + 1))
	fi
}

case_ "a clean boot passes" "# pmem: 8G" "$data/smoke.log" "$data/smoke.results" 0 0 \
	'^PASS t\[.*\]: console clean$'
with_warning "$data/smoke.log" >"$tmp/warn.log"
case_ "a WARNING on the console fails" "# pmem: 8G" "$tmp/warn.log" "$data/smoke.results" 0 1 \
	'^FAIL t\[.*\]: console clean: kernel reported a problem'
{ cat "$data/smoke.results"; echo "BENCH-FAIL data: pattern mismatch"; } >"$tmp/fail.results"
case_ "a guest FAIL line fails" "# pmem: 8G" "$data/smoke.log" "$tmp/fail.results" 0 1 \
	'^FAIL t\[.*\]: data: pattern mismatch$'
grep -v '^BENCH-DONE' "$data/smoke.results" >"$tmp/hang.results"
case_ "a hang fails with the timeout" "# pmem: 8G" "$data/smoke.log" "$tmp/hang.results" 124 1 \
	'^FAIL t\[.*\]: finished: timed out after 240s'
case_ "a QEMU crash fails with its exit code" "# pmem: 8G" "$data/smoke.log" "$tmp/hang.results" 1 1 \
	'finished: guest did not finish \(qemu exit 1\)'
: >"$tmp/empty.log"; : >"$tmp/empty.results"
SILENT=60 ACCEL=kvm case_ "a guest that never prints is stopped and says so" "# pmem: 8G" "$tmp/empty.log" \
	"$tmp/empty.results" silent 1 'finished: the console stayed empty for 60s under kvm: the guest never ran'
case_ "a guest that finished but did not power off fails" "# pmem: 8G" "$data/smoke.log" "$data/smoke.results" stuck 1 \
	'^FAIL t\[.*\]: the guest did not power off within 60s of its scenario'
case_ "provoked warnings, counted, are excused" "$allow_kunit
# allow-warn-count: 11" "$data/kunit.log" "$data/kunit.results" 0 0 \
	'^PASS t\[.*\]: console clean \(11 expected warnings excused\)$'
case_ "the kunit scenario's own header fits its saved boot" "$(grep '^# allow-warn' "$top/tests/scenarios/kunit.sh")" \
	"$data/kunit.log" "$data/kunit.results" 0 0 '^PASS t\[.*\]: console clean \([0-9]+ expected warnings excused\)$'
case_ "a wrong count of provoked warnings fails" "$allow_kunit
# allow-warn-count: 12" "$data/kunit.log" "$data/kunit.results" 0 1 \
	'^FAIL t\[.*\]: expected warnings: 11 seen, the scenario provokes 12$'
case_ "a count range holds" "$allow_kunit
# allow-warn-count: 10-11" "$data/kunit.log" "$data/kunit.results" 0 0 '^PASS t\[.*\]: console clean'
with_warning "$data/kunit.log" >"$tmp/kunit-warn.log"
case_ "another warning next to the provoked ones fails" "$allow_kunit
# allow-warn-count: 11" "$tmp/kunit-warn.log" "$data/kunit.results" 0 1 \
	'^FAIL t\[.*\]: console clean: kernel reported a problem'
case_ "a warning whose stack, not its own line, matches allow-warn fails" "# allow-warn: add_pages|vmemmap alloc failure
# allow-warn-count: 0-2" "$tmp/warn.log" "$data/smoke.results" 0 1 \
	'^FAIL t\[.*\]: console clean: kernel reported a problem'
case_ "a warning whose WARNING line matches allow-warn is excused" "# allow-warn: section_nr_vmemmap_pages
# allow-warn-count: 1" "$tmp/warn.log" "$data/smoke.results" 0 0 \
	'^PASS t\[.*\]: console clean \(1 expected warnings excused\)$'
sed 's/^BENCH-DONE rc=0/BENCH-DONE rc=2/' "$data/smoke.results" >"$tmp/aborted.results"
case_ "a scenario that exits non-zero without a FAIL line fails" "# pmem: 8G" "$data/smoke.log" \
	"$tmp/aborted.results" 0 1 '^FAIL t\[.*\]: the scenario exited 2 without a failed check'
case_ "a scenario that runs fewer checks than it declares fails" "# checks: 7" "$data/smoke.log" \
	"$data/smoke.results" 0 1 '^FAIL t\[.*\]: 6 checks ran, the scenario declares at least 7$'
case_ "a scenario that runs the checks it declares passes" "# checks: 6" "$data/smoke.log" \
	"$data/smoke.results" 0 0 '^PASS t\[.*\]: console clean$'
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
