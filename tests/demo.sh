#!/usr/bin/env bash
# The demo: boot the base and the patched kernel on the same size of
# emulated NVDIMM, run the "measure" scenario on each, print one table side
# by side and save it as build/demo/results.md.
#   PMEM_DEMO=1T CONFIGS=devdax-1G-dev,devdax-1G-mem tests/demo.sh
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
# One accelerator probe for every boot of the run (tests/accel.sh).
export ACCEL=${ACCEL:-$("$top/tests/accel.sh")}
size=${PMEM_DEMO:-64G}
configs=${CONFIGS:-devdax-2M-dev,devdax-2M-dev-compact,devdax-2M-mem,devdax-1G-dev,devdax-1G-dev-compact,devdax-1G-mem,fsdax-2M-dev}
out=$top/build/demo
mkdir -p "$out"

for k in base patched; do
	echo "demo: $k kernel, ${size} NVDIMM, configurations $configs"
	if ! PMEM=$size BENCH_ARGS=$configs TIMEOUT=${TIMEOUT:-3000} \
		"$top/tests/boot-scenario.sh" "$k" measure >"$out/$k.txt"; then
		grep '^FAIL' -A60 "$out/$k.txt" >&2 || true
		echo "demo: the $k run failed (log: build/logs/$k-measure.log)" >&2
		exit 1
	fi
	tr -d '\r' <"$top/build/logs/$k-measure.results" | grep '^BENCH-RESULT ' >"$out/$k.results"
done

# One row per configuration and metric: base, patched, patched/base.
awk -v size="$size" -v accel="$("$top/tests/accel.sh")" '
function field(line, k,   n, i, a, kv) {
	n = split(line, a, " ")
	for (i = 2; i <= n; i++) { split(a[i], kv, "="); if (kv[1] == k) return kv[2] }
	return "?"
}
FNR == 1 { k = (k == "" ? "base" : "patched") }
{
	c = field($0, "config"); if (c == "raw") next
	if (!(c in seen)) { seen[c] = 1; order[++nc] = c }
	for (m = 1; m <= nm; m++) v[k, c, metric[m]] = field($0, metric[m])
}
BEGIN {
	nm = split("usable reserve memmap_pages enable_ram_kb create_ms enable_ms init_ms disable_ms destroy_ms", metric, " ")
	split("usable bytes|reserve bytes|nr_memmap_pages|RAM taken by enable (KiB)|create ms|enable ms|memmap_init ms|disable ms|destroy ms", label, "|")
}
END {
	printf "Emulated NVDIMM of %s (QEMU %s: times are %s, compare ratios)\n\n", size, toupper(accel), (accel == "kvm" ? "virtualized" : "emulated")
	printf "| configuration | metric | base | patched | patched/base |\n|---|---|---:|---:|---:|\n"
	for (i = 1; i <= nc; i++) {
		c = order[i]; name = c; gsub("-", " ", name); sub(/ dev$/, " --map=dev", name); sub(/ dev compact$/, " --map=dev compact", name); sub(/ mem$/, " --map=mem", name)
		for (m = 1; m <= nm; m++) {
			b = v["base", c, metric[m]]; p = v["patched", c, metric[m]]
			# Base has one format: compare a compact row with its default.
			if (b == "" && c ~ /-compact$/) b = v["base", substr(c, 1, length(c) - 8), metric[m]]
			r = (b + 0 > 0 && p != "?" && b != "?") ? sprintf("%.2f", p / b) : "-"
			printf "| %s | %s | %s | %s | %s |\n", (m == 1 ? name : ""), label[m], b, p, r
		}
	}
}' "$out/base.results" "$out/patched.results" >"$out/results.md"

# Terminal rendering of the same table.
sed -e 's/^|//; s/|$//' -e '/^---/d' "$out/results.md" | grep -v '^\(---\|:\)' |
	awk -F'|' 'NF > 1 && $0 !~ /^-/ { printf "%-22s %-16s %15s %15s %12s\n", $1, $2, $3, $4, $5; next } { print }' |
	sed '/^ *-\{3\}/d'
echo
echo "demo: table saved to build/demo/results.md; logs in build/logs/{base,patched}-measure.log"
