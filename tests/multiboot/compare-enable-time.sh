#!/usr/bin/env bash
# Side by side on the check kernels: a 2M --map=dev devdax namespace on the
# base and the patched kernel (same NVDIMM size, scenario measure, 3
# rounds) and require memmap_init_zone_device() to take at most half the
# base kernel's time (medians).  The kernel's bind time is reported too;
# make bench measures it on the timing kernels.  Prints PASS/FAIL lines;
# exits 1 on failure.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
size=${COMPARE_PMEM:-64G}
cfg=devdax-2M-dev
: >"$top/build/logs/compare.txt"
for k in base patched; do
	if ! NVDIMMS=$size BENCH_ARGS=$cfg,repeat=3 OUT_SUFFIX='' RUN_TAG=compare "$top/tests/boot-scenario.sh" "$k" measure \
		>"$top/build/logs/compare-$k.txt"; then
		echo "FAIL compare: measure on $k failed:"; grep FAIL -A5 "$top/build/logs/compare-$k.txt" | sed 's/^/    | /'
		exit 1
	fi
	tr -d '\r' <"$top/build/logs/$k-measure-compare.results" |
		sed -n "s/^BENCH-RESULT \(config=$cfg \)/kernel=$k \1/p" >>"$top/build/logs/compare.txt"
done
awk -f "$top/tests/results.awk" -f - "$top/build/logs/compare.txt" <<EOF_AWK
{ init[v(\$0, "kernel")] = v(\$0, "init_ms"); bind[v(\$0, "kernel")] = v(\$0, "bind_ms") }
END {
	if (med(init["base"]) + 0 <= 0 || med(init["patched"]) == "?") { print "FAIL compare: no memmap_init_zone_device time (base " init["base"] ", patched " init["patched"] ")"; exit 1 }
	r = med(init["patched"]) / med(init["base"])
	msg = sprintf("memmap_init_zone_device $size $cfg: patched %s ms vs base %s ms (ratio %.2f, want <= 0.50)", cell(init["patched"]), cell(init["base"]), r)
	print (r <= 0.5 ? "PASS" : "FAIL") " compare: " msg
	printf "      bind: patched %s ms vs base %s ms (%s)\n", cell(bind["patched"]), cell(bind["base"]), ratio(bind["base"], bind["patched"])
	exit r > 0.5
}
EOF_AWK
