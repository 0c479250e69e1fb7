#!/usr/bin/env bash
# make bench: base vs patched at several NVDIMM sizes, every configuration,
# medians over repeated creates and enables (scenario "measure"), and
# gup_test pin/unpin timings on 2M devdax (scenario "gup-pin").  Writes
# build/bench/results.md (tables), build/bench/*.dat and
# build/bench/bench.png (reserve and enable time against size).
#   SIZES="4G:5 64G:5 1T:1" tests/bench.sh    SIZE:REPEATS per size
#   BENCH_KEEP=1 adds to the results already in build/bench (another size)
#   CONFIGS=devdax-2M-dev,devdax-2M-dev-compact   only these configurations
# 1 TiB takes one create and enable per configuration by default: the base
# kernel writes 16 GiB of memmap through the file-backed NVDIMM on each,
# about four minutes under TCG, so five would take over an hour.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
# One accelerator probe for every boot of the run (tests/accel.sh).
export ACCEL=${ACCEL:-$("$top/tests/accel.sh")}
sizes=${SIZES:-4G:5 64G:5 1T:1}
configs=${CONFIGS:-devdax-2M-dev,devdax-2M-dev-compact,devdax-2M-mem,devdax-1G-dev,devdax-1G-dev-compact,devdax-1G-mem,fsdax-2M-dev}
out=$top/build/bench
die() { echo "bench: $*" >&2; exit 1; }
command -v gnuplot >/dev/null || die "gnuplot not found (run 'make deps')"
mkdir -p "$out"
start=$(date +%s)
elapsed() { echo "$(( $(date +%s) - start ))s"; }

# run KERNEL SCENARIO TAG: one boot; keep its BENCH-RESULT lines.
run() {
	local log=$out/$1-$2-$3.txt
	if ! RUN_TAG=$3 "$top/tests/boot-scenario.sh" "$1" "$2" >"$log"; then
		grep -E '^FAIL' -A30 "$log" >&2 || true
		die "$2 on $1 ($3) failed; see ${log#"$top"/}"
	fi
	tr -d '\r' <"$top/build/logs/$1-$2-$3.results" | grep '^BENCH-RESULT config=[a-z]' |
		sed "s/^BENCH-RESULT /kernel=$1 tag=$3 /"
}

[ -n "${BENCH_KEEP:-}" ] || : >"$out/measure.txt"
for sr in $sizes; do
	size=${sr%%:*} repeat=${sr#*:}
	[ "$repeat" != "$sr" ] || repeat=5
	bytes=$(numfmt --from=iec "$size")
	mem=2G; [ "$bytes" -lt $((256 << 30)) ] || mem=8G   # --map=mem at 1T: 4 GiB of memmap
	for k in base patched; do
		echo "bench: $k kernel, $size NVDIMM, $repeat creates and enables per configuration ($(elapsed))"
		PMEM=$size MEMORY=$mem BENCH_ARGS="$configs,repeat=$repeat" TIMEOUT=7200 \
			run "$k" measure "$size" | sed "s/^/size=$bytes /" >>"$out/measure.txt"
	done
done
[ -n "${BENCH_KEEP:-}" ] || : >"$out/pins.txt"
[ -s "$out/pins.txt" ] || for k in base patched; do
	echo "bench: $k kernel, gup_test pins on 4G 2M devdax --map=dev and --map=mem ($(elapsed))"
	PMEM=4G BENCH_ARGS="devdax-2M-dev,devdax-2M-mem,repeat=10" run "$k" gup-pin bench >>"$out/pins.txt"
done
"$top/tests/bench-report.sh" "$out"
echo "bench: done in $(elapsed): build/bench/results.md, build/bench/bench.png"
