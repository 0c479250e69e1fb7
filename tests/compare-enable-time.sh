#!/usr/bin/env bash
# Side by side: enable a 2M --map=dev devdax namespace on the base and the
# patched kernel (same NVDIMM size) and require memmap_init_zone_device()
# to take at most half the base kernel's time.  Enable wall time is
# reported too.  Prints PASS/FAIL lines; exits 1 on failure.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
size=${COMPARE_PMEM:-64G}
cfg=devdax-2M-dev
declare -A init enable
for k in base patched; do
	if ! PMEM=$size BENCH_ARGS=$cfg OUT_SUFFIX= "$top/tests/boot-scenario.sh" "$k" measure \
		>"$top/build/logs/compare-$k.txt"; then
		echo "FAIL compare: measure on $k failed:"; grep FAIL -A5 "$top/build/logs/compare-$k.txt" | sed 's/^/    | /'
		exit 1
	fi
	line=$(tr -d '\r' <"$top/build/logs/$k-measure.results" | grep "^BENCH-RESULT config=$cfg ")
	init[$k]=$(echo "$line" | sed -n 's/.* init_ms=\([0-9.]*\).*/\1/p')
	enable[$k]=$(echo "$line" | sed -n 's/.* enable_ms=\([0-9.]*\).*/\1/p')
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 99) }'; }
r=$(ratio "${init[patched]}" "${init[base]}")
msg="memmap_init_zone_device $size $cfg: patched ${init[patched]} ms vs base ${init[base]} ms (ratio $r, want <= 0.50)"
if awk -v r="$r" 'BEGIN { exit !(r <= 0.5) }'; then echo "PASS compare: $msg"; else echo "FAIL compare: $msg"; exit 1; fi
echo "      enable-namespace wall time: patched ${enable[patched]} ms vs base ${enable[base]} ms (ratio $(ratio "${enable[patched]}" "${enable[base]}"))"
