#!/usr/bin/env bash
# Judge one boot of a scenario from what it left: the guest's per-check
# lines, whether it finished, and the console.  Used by boot-scenario.sh
# after every boot, and on saved logs by tests/judge-test.sh.
#   judge.sh NAME SCENARIO_FILE CONSOLE_LOG RESULTS QEMU_RC SECONDS
# QEMU_RC 124 means the guest hit its timeout (TIMEOUT in the environment
# says how long that was).  The scenario file's "allow-warn" and
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

if grep -q '^BENCH-DONE' <(tr -d '\r' <"$res"); then
	echo "PASS $name: finished (${secs}s)"
else
	why="guest did not finish"
	[ "$rc" = 124 ] && why="timed out after ${timeout}s"
	[ "$rc" = 124 ] || [ "$rc" = 0 ] || why="$why (qemu exit $rc)"
	echo "FAIL $name: finished: $why; last console lines:"
	tail_log
	failed=1
fi

# A scenario that provokes warnings on purpose names them (allow-warn: a
# regex): a "cut here" ... "end trace" block, or an allocation failure
# report up to the end of its stack dump, matching it is excused, once
# counted; everything else on the console must be clean.
allow=$(header allow-warn)
console=$log
excused=0
if [ -n "$allow" ]; then
	console=$tmp/console
	awk -v allow="$allow" -v out="$tmp/excused" '
		/-+\[ cut here \]-+/ { inblk = 1; stop = "---\\[ end trace"; blk = $0 "\n"; next }
		/(alloc|allocation) failure: order:/ { inblk = 1; stop = "</TASK>"; blk = $0 "\n"; next }
		inblk { blk = blk $0 "\n"
			if ($0 ~ stop) { inblk = 0
				if (blk ~ allow) { n++ } else { printf "%s", blk }
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
