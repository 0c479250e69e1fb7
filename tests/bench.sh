#!/usr/bin/env bash
# make bench: base vs patched on the timing kernels (config/timing.config:
# configured like a distribution's, no DEBUG_VM memmap poisoning), at
# several NVDIMM sizes: every configuration measured ROUNDS times (scenario
# "measure": ndctl create, the kernel's unbind and bind, ndctl disable,
# enable, destroy), one function_graph profile of a bind and an unbind
# (scenario "bind-profile"), and gup_test pin/unpin timings on 2M devdax
# (scenario "gup-pin"; under TCG on the host clock and counting
# instructions, -icount), HugeTLB's vmemmap per huge page and the time of
# folio lookups (scenario "hugetlb", both clocks), and compound_head(),
# PageHead() and PageTail() per head and per tail of THP, HugeTLB and
# devdax folios (scenario "folio-lookups", both clocks).  Writes
# build/bench/results.md (tables, rendered by tests/results-table.sh),
# build/bench/*.dat and build/bench/bench.png.
#   SIZES="4G:5 64G:5 1T:5" tests/bench.sh   SIZE:ROUNDS per size (empty: none)
#   PROFILE_SIZES="64G"    sizes profiled (one bind and unbind each; empty: none)
#   BENCH_KEEP=1 adds to the results already in build/bench (another size;
#                          pins, HugeTLB and lookups there are not run again)
#   CONFIGS=devdax-2M-dev,devdax-2M-dev-compact   only these configurations
#   ICOUNT_SIZES="64G:5"   sizes measured again counting instructions (TCG
#                          only; empty: none), ICOUNT_CONFIGS their configurations
#   BOOTS=3                boots of each kernel per size on the host clock,
#                          base and patched in turn, their rounds pooled
#                          (default 1): the host clock drifts over minutes
# A compact configuration differs from its default only on the media: it
# is measured once for its sizes (scenario measure).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/guest/memmap.sh"   # numfmt_b, the one size parser
# One accelerator probe for every boot of the run (tests/accel.sh).
export ACCEL=${ACCEL:-$("$top/tests/accel.sh" "$top/build/base/out-timing/arch/x86/boot/bzImage")}
export OUT_SUFFIX=-timing PROGRESS=1
sizes=${SIZES-4G:5 64G:5 1T:5}
profile_sizes=${PROFILE_SIZES-64G}
configs=${CONFIGS:-devdax-2M-dev,devdax-2M-dev-compact,devdax-2M-mem,devdax-1G-dev,devdax-1G-dev-compact,devdax-1G-mem,fsdax-2M-dev}
# Under TCG the host time of a step moves by 10-20% from one boot to the
# next, and with where the kernel's code and data happen to lie: a second
# clock, QEMU's -icount shift=0,sleep=off, makes guest time count the
# instructions executed (1 ns each; an idle guest jumps to its next timer
# instead of waiting in host time), for the measure of ICOUNT_SIZES and
# for the pins.
icount_sizes=${ICOUNT_SIZES-64G:5}
icount_configs=${ICOUNT_CONFIGS:-devdax-2M-dev,devdax-1G-dev,devdax-2M-mem,devdax-1G-mem}
clocks=host
case $ACCEL in kvm*) icount_sizes= ;; *) clocks="host icount" ;; esac
out=$top/build/bench
die() { echo "bench: $*" >&2; exit 1; }
boots=${BOOTS:-1}
case $boots in ''|*[!0-9]*|0*) die "BOOTS=$boots: a number of boots, 1 or more" ;; esac
command -v gnuplot >/dev/null || die "gnuplot not found (run 'make deps')"
mkdir -p "$out"
start=$(date +%s)
elapsed() { echo "$(( $(date +%s) - start ))s"; }

# run KERNEL SCENARIO TAG: one boot; its BENCH-RESULT lines, each prefixed
# with kernel=KERNEL.
run() {
	local log=$out/$1-$2-$3.txt
	if ! RUN_TAG=$3 "$top/tests/boot-scenario.sh" "$1" "$2" >"$log"; then
		grep -E '^FAIL' -A30 "$log" >&2 || true
		die "$2 on $1 ($3) failed; see ${log#"$top"/}"
	fi
	tr -d '\r' <"$top/build/logs/$1$OUT_SUFFIX-$2-$3.results" | sed -n "s/^BENCH-RESULT /kernel=$1 /p"
}
# guest_mem SIZE CONFIGS: RAM for a guest with a SIZE NVDIMM (--map=mem at
# 1 TiB: 4 GiB of memmap).
guest_mem() {
	case ,$2, in *-mem,*|*-mem-*) ;; *) echo 2G; return ;; esac
	if [ "$(numfmt_b "$1")" -lt $((256 << 30)) ]; then echo 2G; else echo 8G; fi
}
# backing_dir SIZE MEM: a new directory in RAM (tmpfs) for the NVDIMM
# files of a boot, or nothing (then they go under build/run/, on disk).
# An NVDIMM backed by a file on disk costs the host a page-cache fault
# and writeback for every page the guest first writes, which real pmem
# does not: at 1 TiB of fsdax (16 GiB of memmap written per bind) the
# host clock read bind 0.73x base on disk and 0.36x in RAM, the same
# instructions.  In RAM when the memmap a namespace may write (SIZE/64)
# and the guest's RAM fit in what the host has available, 2 GiB spare,
# and the memmap fits in /dev/shm (a container's may be 64 MiB).
backing_dir() {
	local files need avail
	files=$(( $(numfmt_b "$1") / 64 + (1 << 30) ))
	need=$(( files + $(numfmt_b "$2") + (2 << 30) ))
	avail=$(( $(awk '$1 == "MemAvailable:" { print $2 }' /proc/meminfo) * 1024 ))
	[ -d /dev/shm ] && [ "$need" -le "$avail" ] &&
		[ "$files" -le "$(df -B1 --output=avail /dev/shm | tail -1)" ] || return 0
	mktemp -d "/dev/shm/bench-nvdimm.$$.XXXXXX" 2>/dev/null || true
}
# Directories an earlier bench left in RAM (killed): its pid is in the name.
for d in /dev/shm/bench-nvdimm.*; do
	[ -d "$d" ] || continue
	p=${d#/dev/shm/bench-nvdimm.}; p=${p%%.*}
	kill -0 "$p" 2>/dev/null || rm -rf "$d"
done
backing=''
trap '[ -z "$backing" ] || rm -rf "$backing"' EXIT
# qemu_clock CLOCK: the QEMU arguments of a clock (host or icount).
qemu_clock() { [ "$1" = host ] || echo "-icount shift=0,sleep=off"; }
# measure_sizes CLOCK "SIZE:ROUNDS ..." CONFIGS: scenario measure, both
# kernels, every size; results to measure.txt (clock=icount marks that clock).
measure_sizes() {
	local clock=$1 sr size rounds k mem n boot tag mark=
	[ "$clock" = host ] || mark="clock=$clock "
	for sr in $2; do
		size=${sr%%:*} rounds=${sr#*:}
		[ "$rounds" != "$sr" ] || rounds=5
		mem=$(guest_mem "$size" "$3")
		# Counting instructions one boot is what any other would be.
		n=$boots
		[ "$clock" = host ] || n=1
		for boot in $(seq "$n"); do
			tag=$size-$clock
			[ "$n" = 1 ] || tag=$tag-$boot
			for k in base patched; do
				backing=$(backing_dir "$size" "$mem")
				echo "bench: $k kernel, $size NVDIMM, $rounds rounds per configuration, $clock clock, boot $boot of $n, NVDIMM files $([ -n "$backing" ] && echo "in RAM" || echo "on disk (not enough RAM for them)") ($(elapsed))"
				BACKING_DIR=$backing NVDIMMS=$size MEMORY=$mem QEMU_EXTRA=$(qemu_clock "$clock") \
					BENCH_ARGS="$3,repeat=$rounds" TIMEOUT=14400 run "$k" measure "$tag" |
					sed "s/^/${mark}size=$(numfmt_b "$size") /" >>"$out/measure.txt"
				[ -z "$backing" ] || rm -rf "$backing"
				backing=''
			done
		done
	done
}

if [ -z "${BENCH_KEEP:-}" ]; then
	for f in measure profile pins hugetlb lookups; do : >"$out/$f.txt"; done
fi
measure_sizes host "$sizes" "$configs"
measure_sizes icount "$icount_sizes" "$icount_configs"
for size in $profile_sizes; do
	for k in base patched; do
		echo "bench: $k kernel, $size NVDIMM, profile of a bind and an unbind ($(elapsed))"
		NVDIMMS=$size MEMORY=$(guest_mem "$size" devdax-2M-mem) BENCH_ARGS=devdax-2M-dev,devdax-1G-dev,devdax-2M-mem TIMEOUT=7200 \
			run "$k" bind-profile "$size" | sed "s/^/size=$(numfmt_b "$size") /" >>"$out/profile.txt"
	done
done
# each_clock FILE WHAT SCENARIO [VAR=VALUE...]: SCENARIO on both kernels
# and every clock, its results into build/bench/FILE (kept if there; a
# run that stops half way leaves none).
each_clock() {
	local file=$1 what=$2 scenario=$3 clock k
	shift 3
	[ ! -s "$out/$file" ] || return 0
	: >"$out/$file.part"
	for clock in $clocks; do
		for k in base patched; do
			echo "bench: $k kernel, $what, $clock clock ($(elapsed))"
			# shellcheck disable=SC2163 # "$@" holds VAR=VALUE words
			( QEMU_EXTRA=$(qemu_clock "$clock"); export QEMU_EXTRA "$@"
			  run "$k" "$scenario" "${file%.txt}-$clock" ) |
				sed "s/^/clock=$clock /" >>"$out/$file.part"
		done
	done
	mv "$out/$file.part" "$out/$file"
}
each_clock pins.txt "gup_test pins on 4G 2M devdax --map=dev and --map=mem" gup-pin \
	NVDIMMS=4G BENCH_ARGS="devdax-2M-dev,devdax-2M-mem,repeat=10"
each_clock hugetlb.txt "HugeTLB pools and folio lookups" hugetlb
each_clock lookups.txt "compound_head() of THP, HugeTLB and devdax folios (module lookup_bench)" folio-lookups
"$top/tests/bench-report.sh" "$out"
echo "bench: done in $(elapsed): build/bench/results.md, build/bench/bench.png"
