# Helpers for guest scenarios (sourced by /init before the scenario).
# Output protocol read by the host (tests/boot-scenario.sh):
#   BENCH-PASS name            a check passed
#   BENCH-FAIL name: reason    a check failed
#   BENCH-SKIP name: reason    a check could not run here
#   BENCH-RESULT k=v ...       a measurement
# They go to the second serial port (build/logs/*.results on the host), so
# kernel messages on the console can never split them, and to stdout.
bench_failed=0

emit() { echo "$*" >"$BENCH_RESULTS"; echo "$*"; }
pass() { emit "BENCH-PASS $1"; }
fail() { emit "BENCH-FAIL $1: $2"; bench_failed=$((bench_failed + 1)); }
skip() { emit "BENCH-SKIP $1: $2"; }
result() { emit "BENCH-RESULT $*"; }
bench_finish() { return $((bench_failed > 0)); }

# fail_step NAME DETAIL: fail NAME; if the kernel Oopsed or hit a BUG, say
# so and end the scenario: what the dead task held (a device lock) would
# hang every step after it until the boot's timeout.
fail_step() {
	if dmesg | grep -q -e 'Oops' -e 'kernel BUG at' -e 'BUG: '; then
		fail "$1" "$2; the kernel oopsed: $(dmesg | grep -m1 -e 'NIP \[' -e 'RIP:' | sed 's/^\[[^]]*\] //'); no later step can run"
		exit 1
	fi
	fail "$1" "$2"
}

# check NAME CMD...: pass when CMD succeeds, fail with its output otherwise.
check() {
	name=$1; shift
	if out=$("$@" 2>&1); then pass "$name"; else fail "$name" "$(echo "$out" | tail -3 | tr '\n' ' ')"; fi
}
# expect NAME GOT OP WANT: numeric comparison (OP is -eq, -le, -ge, ...).
expect() {
	if test "$2" "$3" "$4"; then pass "$1 ($2 $3 $4)"; else fail "$1" "got $2, want $3 $4"; fi
}

# same NAME GOT WANT: string comparison; an empty side is a failure (a
# reader that found nothing must not match an expectation that is empty
# too): absent checks for nothing.
same() {
	if [ -z "$2" ] || [ -z "$3" ]; then fail "$1" "empty value (got '$2', want '$3')"
	elif [ "$2" = "$3" ]; then pass "$1 ($2)"; else fail "$1" "got '$2', want '$3'"; fi
}
# absent NAME GOT: pass when GOT is empty.
absent() {
	if [ -z "$2" ]; then pass "$1"; else fail "$1" "got '$2', want nothing"; fi
}

# The kernel under test, as the host names it (bench.kernel=: base, fixes,
# patched, with -debug or -timing for those builds).
bench_kernel() { sed -n 's/.*bench\.kernel=\([^ ]*\).*/\1/p' /proc/cmdline; }
# needs NAME PATH WHO: PATH is what a kernel that WHO matches (a case
# pattern against bench_kernel) must have: there a missing PATH fails,
# elsewhere it is a SKIP line.  Returns 1 when PATH is missing.
needs() {
	[ -e "$2" ] && return 0
	# shellcheck disable=SC2254 # WHO is a pattern
	case $(bench_kernel) in
	$3) fail "$1" "$2 is missing on the $(bench_kernel) kernel, which must have it" ;;
	*) skip "$1" "no $2 on the $(bench_kernel) kernel" ;;
	esac
	return 1
}
vmstat() { awk -v k="$1" '$1 == k { print $2 }' /proc/vmstat; }
# The kernel's direct map in KiB (DirectMap4k + 2M + 1G).
directmap_kb() { awk '$1 ~ /^DirectMap/ { n += $2 } END { print n + 0 }' /proc/meminfo; }
meminfo_kb() { awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo; }
now_us() { monotonic-us; }
# ms_since START_US: elapsed milliseconds with one decimal.
ms_since() { echo $(( ($(now_us) - $1) / 100 )) | sed 's/\(.\)$/.\1/; s/^\./0./'; }

# JSON field from ndctl/daxctl output (first occurrence): json_num FIELD
json_num() { grep -o "\"$1\":[0-9]*" | head -1 | cut -d: -f2; }
json_str() { grep -o "\"$1\":\"[^\"]*\"" | head -1 | cut -d'"' -f4; }

# Last time memmap_init_zone_device reported (needs its dyndbg enabled).
last_memmap_init_ms() {
	dmesg | sed -n 's/.*memmap_init_zone_device initialised [0-9]* pages in \([0-9]*\)ms.*/\1/p' | tail -1
}

# The character device of the devdax namespace NS ("" if none).
ns_chardev() { ndctl list -n "$1" -X 2>/dev/null | json_str chardev; }
# dump_pages FILE MB PAGE...: "INDEX PFN ORDER" of each PAGE (page numbers
# into a MAP_SHARED mapping of MB MiB of FILE, written first), from
# dump_page() on the console through gup_test (decimal; order 0 for a page
# in no large folio).  dump_page() finds the folio with compound_head().
dump_pages() {
	dump_file=$1 dump_mb=$2
	shift 2
	dmesg -c >/dev/null
	gup_test -c -S -w -f "$dump_file" -m "$dump_mb" "$@" >/dev/null 2>&1 || return 1
	dmesg | sed -n 's/.*page: refcount:.* index:\(0x[0-9a-f]*\) pfn:\(0x[0-9a-f]*\).*/P \1 \2/p
		s/.*head: order:\([0-9]*\) .*/O \1/p' | {
		line=
		while read -r what a b; do
			if [ "$what" = P ]; then
				[ -z "$line" ] || echo "$line 0"
				line="$((a)) $((b))"
			elif [ -n "$line" ]; then
				echo "$line $a"; line=
			fi
		done
		[ -z "$line" ] || echo "$line 0"
	}
}
# created_dev JSON: the device node of the namespace "ndctl create-namespace"
# printed JSON for: its /dev/daxX.Y (devdax), else its /dev/pmemX (fsdax).
created_dev() {
	d=$(echo "$1" | json_str chardev); [ -n "$d" ] || d=$(echo "$1" | json_str blockdev)
	echo "/dev/$d"
}
# ns_data_start NS: physical address where the data of NS starts (its pfn
# or dax device, the namespace's holder, begins there).
ns_data_start() { cat "/sys/bus/nd/devices/$(cat "/sys/bus/nd/devices/$1/holder")/resource"; }

# A console marker so kernel messages can be tied to the step that caused them.
step() { echo "<7>BENCH-STEP $*" >/dev/kmsg; echo "BENCH-STEP $*"; }

# reprobe NS RAW: bind a namespace again, as a raw block device (1) or
# letting the kernel read its info block (0).
reprobe() {
	ndctl disable-namespace "$1" >/dev/null 2>&1
	echo "$2" >"/sys/bus/nd/devices/$1/force_raw"
	ndctl enable-namespace "$1" >/dev/null 2>&1
}

# Altmap pfns still referenced (debugfs from the series with DEBUG_VM;
# "none" where the kernel has no such file, which fails once on the patched
# kernels make check boots).
altmap_refs_file=/sys/kernel/debug/vmemmap/altmap_referenced_pfns
altmap_refs() {
	if [ -e $altmap_refs_file ]; then cat $altmap_refs_file; return; fi
	# Said once per boot (callers run this in a subshell: a file remembers).
	[ -e /tmp/altmap_refs_missing ] || needs "altmap reference counter" $altmap_refs_file 'patched|patched-debug' >/dev/null
	: >/tmp/altmap_refs_missing
	echo none
}
# The compact reserve switch the series adds: its path, or nothing (a
# FAIL on a patched kernel, a SKIP line elsewhere).
compact_param() {
	needs "compact reserve parameter" /sys/module/libnvdimm/parameters/compact_memmap_reserve 'patched*' >/dev/null &&
		echo /sys/module/libnvdimm/parameters/compact_memmap_reserve
}
# memfree_kb [NODE]: free memory in KiB, of the machine or of NUMA node
# NODE: MemFree plus the pages parked on per-cpu free lists (a freed
# memmap often sits there, outside MemFree), after dropping caches.
# shellcheck disable=SC2120 # scenarios pass NODE (numa-namespaces)
memfree_kb() {
	sync; echo 3 >/proc/sys/vm/drop_caches
	pcp=$(awk -v want="${1:-}" '$1 == "Node" { node = $2 + 0 }
		$1 == "count:" && (want == "" || node == want) { n += $2 } END { print n + 0 }' /proc/zoneinfo)
	if [ -n "${1:-}" ]; then
		free=$(awk '$3 == "MemFree:" { print $4 }' "/sys/devices/system/node/node$1/meminfo")
	else
		free=$(meminfo_kb MemFree)
	fi
	echo $(( free + pcp * 4 ))
}

# memfree_settle FREE0: sets drift, how far memfree_kb is from FREE0 either
# way (KiB), and drift_note, what was seen on the way.
# The kernel frees some memory after an RCU grace period or from a
# workqueue (stacks and page tables of exited processes, kfree_rcu
# batches), so a drift past memfree_slack_kb is sampled again after a
# pause, up to three times: a deferred free comes back, a leak stays.
memfree_settle() {
	_tries=0 drift_note='' _slack=$(memfree_slack_kb)
	while :; do
		_f=$(memfree_kb)
		drift=$(( _f > $1 ? _f - $1 : $1 - _f ))
		[ $drift -gt "$_slack" ] && [ $_tries -lt 3 ] || break
		_tries=$((_tries + 1))
		drift_note="${drift_note}$((_f - $1)) KiB, "
		sleep 2
	done
	[ -z "$drift_note" ] || drift_note="MemFree ${drift_note}then $((_f - $1)) KiB from the start"
}

# The memmap arithmetic (expected_memmap_pages, unshared_memmap_pages,
# numfmt_b, compact_usable), shared with the host tests.
. /bench/memmap.sh

# kmemleak_report WHAT: on a kernel with kmemleak, scan twice (a fresh leak
# needs two scans to count) and fail on any unreferenced object.
kmemleak_report() {
	k=/sys/kernel/debug/kmemleak
	needs "kmemleak after $1" $k '*-debug' || return 0
	echo scan >$k; sleep 1; echo scan >$k
	n=$(grep -c '^unreferenced object' $k)
	result kmemleak_after="$1" unreferenced="$n"
	if [ "$n" = 0 ]; then pass "kmemleak after $1: nothing unreferenced"
	else fail "kmemleak after $1" "$n unreferenced objects: $(grep -m3 -A8 '^unreferenced' $k | grep -m3 '\[<' | tr '\n' ' ')"; fi
}

# hmp_strip: the monitor's output as text (no CRs, no cursor moves: its
# line editor redraws the line at every typed character).
hmp_strip() { tr -d '\r' | sed 's/\x1b\[[0-9;]*[A-Za-z]//g'; }

# hmp_reader_holds PID: PID has ttyS2 open.
hmp_reader_holds() {
	for f in /proc/"$1"/fd/*; do [ "$(readlink "$f")" = /dev/ttyS2 ] && return 0; done
	return 1
}

# hmp_open: start the one reader of ttyS2 for the whole boot (hmp often
# runs in a subshell, so it is found through its pid file) and give the
# monitor an empty line. Opening the port echoes whatever QEMU already sent
# (its banner and prompt) back into the monitor's line editor until stty
# turns echo off; without the return, the first command would be typed
# after "(qemu) " and the monitor would run neither.
hmp_open() {
	stty -F /dev/ttyS2 raw -echo
	cat /dev/ttyS2 >/tmp/hmp.out 2>/dev/null </dev/null &
	echo $! >/tmp/hmp.pid
	# The 8250 driver empties the UART's FIFO whenever the port is opened
	# after its last close: the return goes out only once the reader holds
	# the port, or the prompt that answers it can be lost.
	i=0
	until hmp_reader_holds "$!" || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
	printf '\r' >/dev/ttyS2
	i=0
	until grep -q '(qemu)' /tmp/hmp.out || [ $i -ge 300 ]; do sleep 0.1; i=$((i + 1)); done
	grep -q '(qemu)' /tmp/hmp.out || { echo "no monitor prompt on ttyS2 in 30 s"; return 1; }
}

# hmp CMD: type CMD into the QEMU monitor (scenarios with "monitor: guest"
# have it on ttyS2), wait for the monitor's echo of CMD and the prompt
# after it, and print the reply. Fails when there is no such reply in 30 s
# or the monitor answers with an error, so a command that never reached
# the monitor can't pass on some other prompt.
hmp() {
	[ -s /tmp/hmp.pid ] || hmp_open || return 1
	at=$(wc -c </tmp/hmp.out)
	printf '%s\r' "$*" >/dev/ttyS2
	i=0
	while [ $i -lt 300 ]; do
		reply=$(tail -c +$((at + 1)) /tmp/hmp.out | hmp_strip)
		case $reply in *"$*"*"(qemu)"*) break ;; esac
		sleep 0.1; i=$((i + 1))
	done
	case $reply in
	*"$*"*"(qemu)"*) ;;
	*) echo "no reply to '$*' in 30 s: $reply"; return 1 ;;
	esac
	reply=${reply#*"$*"}
	reply=${reply%"(qemu)"*}
	echo "$reply"
	! echo "$reply" | grep -qi 'error\|unknown command'
}

# parse_cfg CFG: the one decoder of a configuration name
# MODE-ALIGN-MAP[-compact] (devdax-2M-dev, fsdax-2M-mem, devdax-1G-dev-compact):
# sets mode, align, map and compact (Y or N).
# shellcheck disable=SC2034 # the caller reads them
parse_cfg() {
	mode=${1%%-*} align=${1#*-} compact=N
	map=${align#*-} align=${align%%-*}
	case "$map" in *-compact) map=${map%-compact} compact=Y ;; esac
}

# kdriver_dev NS: "DRIVER-DIR DEVICE" for binding the driver that maps the
# struct pages of namespace NS by hand: device_dax for a devdax namespace
# (dev_dax_probe() -> devm_memremap_pages()), nd_pmem for the pfn device of
# an fsdax one.
kdriver_dev() {
	d=$(ns_chardev "$1")
	if [ -n "$d" ]; then echo "/sys/bus/dax/drivers/device_dax $d"
	else echo "/sys/bus/nd/drivers/nd_pmem $(cat "/sys/bus/nd/devices/$1/holder")"; fi
}

# kunit_checks: one check per KUnit test without subtests (suite.case,
# suite.case.parameter) from the per-suite KTAP results in debugfs, parsed
# by /bench/ktap.awk; sets kunit_suites to how many suites reported.
kunit_checks() {
	kunit_suites=0
	for r in /sys/kernel/debug/kunit/*/results; do
		[ -f "$r" ] || continue
		kunit_suites=$((kunit_suites + 1))
		while IFS='|' read -r st name why; do
			case $st in
			"") ;;
			ok) pass "$name" ;;
			skip) skip "$name" "$why" ;;
			*) fail "$name" "${why:-see the console log (KTAP)}" ;;
			esac
		done <<EOF_KTAP
$(awk -f /bench/ktap.awk "$r")
EOF_KTAP
	done
}
# The series' KUnit suites, by the group that one config option builds:
# mm (CONFIG_VMEMMAP_ALTMAP_KUNIT_TEST), nvdimm (CONFIG_NVDIMM_PFN_KUNIT_TEST).
series_mm_suites="vmem_altmap vmemmap_altmap_populate vmem_altmap_misuse"
series_nvdimm_suites="nd_pfn_compact_reserve"
# series_kunit_suites [GROUP...]: the suites of these groups (default: all)
# ran; a kernel built without them would pass nothing.
series_kunit_suites() {
	[ $# -gt 0 ] || set -- mm nvdimm
	for g in "$@"; do
		case $g in
		mm) suites=$series_mm_suites opt=VMEMMAP_ALTMAP_KUNIT_TEST ;;
		nvdimm) suites=$series_nvdimm_suites opt=NVDIMM_PFN_KUNIT_TEST ;;
		*) fail "series_kunit_suites" "no group '$g'"; continue ;;
		esac
		for s in $suites; do
			if [ -f "/sys/kernel/debug/kunit/$s/results" ]; then pass "suite $s ran"
			else fail "suite $s" "not built into this kernel (CONFIG_$opt)"; fi
		done
	done
}
# bench_args: the words of bench.args= (comma separated on the command line).
bench_args() { sed -n 's/.*bench\.args=\([^ ]*\).*/\1/p' /proc/cmdline | tr , ' '; }
# samples FILE: the numbers in FILE ("-": stdin; one per line) as one
# comma-separated list, for a BENCH-RESULT value; the host takes medians and
# spreads (tests/results.awk).
samples() { paste -sd, "$1"; }

# How far MemFree may drift (KiB) across work that frees all it took: 1 MiB
# of per-cpu and slab noise.  Generic KASAN parks freed objects in a
# quarantine of up to 1/32 of RAM before they really go back, so on a KASAN
# kernel the allowance grows by that much; leaks there are kmemleak's job
# (kmemleak_report) and the exact counters' (memmap pages, altmap refs).
memfree_slack_kb() {
	if dmesg | grep -q 'KernelAddressSanitizer initialized'; then
		echo $(( 1024 + $(meminfo_kb MemTotal) / 32 ))
	else
		echo 1024
	fi
}
