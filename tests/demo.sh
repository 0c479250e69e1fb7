#!/usr/bin/env bash
# The demo: boot the base and the patched timing kernel (config/timing.config)
# on the same size of emulated NVDIMM, run the "measure" scenario on each
# (ROUNDS rounds per configuration, one boot per round), print one table side by side (medians
# with their spread, noise marked; tests/results-table.sh, as make bench)
# and save it as build/demo/results.md.
#   PMEM_DEMO=1T ROUNDS=5 CONFIGS=devdax-1G-dev,devdax-1G-mem tests/demo.sh
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/guest/memmap.sh"   # numfmt_b, the one size parser
# One accelerator probe for every boot of the run (tests/accel.sh).
export ACCEL=${ACCEL:-$("$top/tests/accel.sh" "$top/build/base/out-timing/arch/x86/boot/bzImage")}
export OUT_SUFFIX=-timing
size=${PMEM_DEMO:-64G} rounds=${ROUNDS:-3}
configs=${CONFIGS:-devdax-2M-dev,devdax-2M-dev-compact,devdax-2M-mem,devdax-1G-dev,devdax-1G-dev-compact,devdax-1G-mem,fsdax-2M-dev}
# Under TCG a step's host time moves by 10-20% from one boot to the next
# and with where a build lays out the kernel's code, which no number of
# rounds averages out: two demos on the host clock showed fsdax "ndctl
# create" at 1.49x and 1.50x base, 1.03x and 1.02x in instructions.  So
# under TCG the demo counts instructions (-icount shift=0,sleep=off: 1 ns
# each, an idle guest jumps to its next timer), which repeat from run to
# run; make bench reports both clocks.  One boot per round, base and
# patched in turn, so the spread holds what varies between boots.
case $ACCEL in
kvm*) clock=host qemu_clock= ;;
*) clock=icount qemu_clock="-icount shift=0,sleep=off" ;;
esac
out=$top/build/demo
mkdir -p "$out"
: >"$out/measure.txt"
t0=$(date +%s)
for r in $(seq "$rounds"); do
	for k in base patched; do
		echo "demo: round $r of $rounds, $k kernel, ${size} NVDIMM: $configs ($(( $(date +%s) - t0 ))s)"
		if ! RUN_TAG=round$r PROGRESS=1 NVDIMMS=$size BENCH_ARGS=$configs,repeat=1 TIMEOUT=${TIMEOUT:-3000} \
			QEMU_EXTRA="$qemu_clock${QEMU_EXTRA:+ $QEMU_EXTRA}" \
			"$top/tests/boot-scenario.sh" "$k" measure >"$out/$k.txt"; then
			grep '^FAIL' -A60 "$out/$k.txt" >&2 || true
			echo "demo: the $k run failed (log: build/logs/$k$OUT_SUFFIX-measure-round$r.log)" >&2
			exit 1
		fi
		tr -d '\r' <"$top/build/logs/$k$OUT_SUFFIX-measure-round$r.results" |
			sed -n "s/^BENCH-RESULT /clock=$clock size=$(numfmt_b "$size") kernel=$k /p" >>"$out/measure.txt"
	done
done
{
	echo "QEMU ${ACCEL^^}, timing kernels (no DEBUG_VM), $clock clock: compare ratios; (noise) marks a ratio whose spread contains 1 or, counting instructions, a difference under four guest timer ticks."
	"$top/tests/results-table.sh" "$out/measure.txt"
} >"$out/results.md"
cat "$out/results.md"
echo
echo "demo: table saved to build/demo/results.md; logs in build/logs/{base,patched}$OUT_SUFFIX-measure.log"
