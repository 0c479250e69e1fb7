#!/usr/bin/env bash
# Judge one boot of a scenario from what it left: the guest's per-check
# lines, whether it finished, and the console.  Used by boot-scenario.sh
# after every boot, and on saved logs by tests/judge-test.sh.
#   judge.sh NAME SCENARIO_FILE CONSOLE_LOG RESULTS QEMU_RC SECONDS
# QEMU_RC 124 means the guest hit its timeout (TIMEOUT in the environment
# says how long that was); "silent" means the console stayed empty for
# SILENT seconds and the boot was stopped (ACCEL names the accelerator);
# "stuck" that the scenario ended but the guest did not power off within
# SILENT seconds and was stopped.  The scenario file's "allow-warn" and
# "allow-warn-count" headers excuse warnings it provokes on purpose.
# Prints PASS/FAIL lines; exits 1 on any failure.
set -euo pipefail
name=$1 file=$2 log=$3 res=$4 rc=$5 secs=$6 timeout=${TIMEOUT:-?}
header() { "$(dirname "$0")/scenario-header.sh" "$file" "$1"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
tail_log() { tail -n 50 "$log" | sed 's/^/    | /'; }
# Per-check lines from the guest.
while IFS= read -r line; do
	case "$line" in
	BENCH-PASS\ *) echo "PASS $name: ${line#BENCH-PASS }" ;;
	BENCH-SKIP\ *) echo "SKIP $name: ${line#BENCH-SKIP }" ;;
	BENCH-FAIL\ *) echo "FAIL $name: ${line#BENCH-FAIL }"; failed=1 ;;
	esac
done < <(tr -d '\r' <"$res")

done_rc=$(tr -d '\r' <"$res" | sed -n 's/^BENCH-DONE rc=\([0-9]*\).*/\1/p' | tail -1)
if grep -q '^BENCH-DONE' <(tr -d '\r' <"$res"); then
	echo "PASS $name: finished (${secs}s)"
	[ "$rc" != stuck ] || { echo "FAIL $name: the guest did not power off within ${SILENT:-?}s of its scenario's end (a task stuck in the kernel?): stopped"; failed=1; }
	# A scenario that stopped half way (an error, an exit) without a FAIL
	# line of its own still fails.
	if [ "${done_rc:-0}" != 0 ] && ! grep -q '^BENCH-FAIL ' <(tr -d '\r' <"$res"); then
		echo "FAIL $name: the scenario exited $done_rc without a failed check: it stopped before its end"
		failed=1
	fi
	# ... and so does one that ran fewer checks than it declares.
	want_checks=$(header checks)
	ran=$(tr -d '\r' <"$res" | grep -c '^BENCH-\(PASS\|FAIL\|SKIP\) ' || true)
	if [ -n "$want_checks" ] && [ "$ran" -lt "$want_checks" ]; then
		echo "FAIL $name: $ran checks ran, the scenario declares at least $want_checks"
		failed=1
	fi
else
	why="guest did not finish"
	case $rc in
	0) ;;
	124) why="timed out after ${timeout}s" ;;
	silent) why="the console stayed empty for ${SILENT:-?}s under ${ACCEL:-?}: the guest never ran, stopped" ;;
	*) why="$why (qemu exit $rc)" ;;
	esac
	echo "FAIL $name: finished: $why; last console lines:"
	tail_log
	failed=1
fi

# A scenario that provokes warnings on purpose names them (allow-warn: a
# regex): a "cut here" ... "end trace" block whose own lines (its message
# and the WARNING line with the site, not the stack below) match, or an
# allocation failure report whose first line matches, is excused, once
# counted; everything else on the console must be clean.
allow=$(header allow-warn)
console=$log
excused=0
if [ -n "$allow" ]; then
	console=$tmp/console
	awk -v allow="$allow" -v out="$tmp/excused" '
		/-+\[ cut here \]-+/ { inblk = 1; stop = "---\\[ end trace"; blk = $0 "\n"; own = ""; inown = 1; next }
		/(alloc|allocation) failure: order:/ { inblk = 1; stop = "</TASK>"; blk = $0 "\n"; own = $0; inown = 0; next }
		inblk { blk = blk $0 "\n"
			if (inown) { own = own $0 "\n"; if ($0 ~ /WARNING:/) inown = 0 }
			if ($0 ~ stop) { inblk = 0
				if (own ~ allow) { n++ } else { printf "%s", blk }
			}
			next }
		{ print }
		END { if (inblk) printf "%s", blk; print n + 0 > out }' "$log" >"$console"
	excused=$(cat "$tmp/excused")
	want=$(header allow-warn-count)
	lo=${want%-*} hi=${want#*-}
	if [ -n "$want" ] && { [ "$excused" -lt "$lo" ] || [ "$excused" -gt "$hi" ]; }; then
		echo "FAIL $name: expected warnings: $excused seen, the scenario provokes $want"
		failed=1
	fi
fi
bad='WARNING:|BUG:|Oops|Call Trace|KASAN|UBSAN|Kernel panic|general protection fault|kmemleak: [0-9]+ new suspected'
if grep -Eq "$bad" "$console"; then
	echo "FAIL $name: console clean: kernel reported a problem:"
	grep -E -m1 -B2 -A20 "$bad" "$console" | sed 's/^/    | /'
	failed=1
else
	echo "PASS $name: console clean${allow:+ ($excused expected warnings excused)}"
fi
exit $failed
