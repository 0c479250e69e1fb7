#!/usr/bin/env bash
# The one renderer of the measure and bind-profile results, for make demo
# and make bench: markdown tables on stdout from lines
#   [clock=icount] size=B kernel=base|patched config=C key=v ...   (measure)
#   size=B kernel=K profile=bind|unbind config=C fn=F calls=N ms=T   (bind-profile)
# Times are medians with (min-max) of their samples; patched/base ratios
# whose spread contains 1 are marked as noise (tests/results.awk).  Under
# -icount a step that waits ends on a guest timer tick, and a teardown
# waits several times (RCU grace periods, the pgmap's references): its
# samples fall on the tick grid of the timing kernels' CONFIG_HZ and one
# kernel's samples of one step spread over up to 4 ticks (make demo,
# 2026-12-06: base 1G --map=dev disable 50.6-66.6 ms at HZ=250).  A
# difference of medians under 4 ticks is noise there too.
#   tests/results-table.sh FILE...
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
lib=$top/tests/results.awk
hz=$(sed -n 's/^CONFIG_HZ=//p' "$top/build/patched/out-timing/.config" 2>/dev/null || true)
awk -v tick_ms="$(( 1000 / ${hz:-250} ))" -f "$lib" -f - "$@" <<'EOF_AWK'
# sampled(M): a metric measured once per round (times, RAM), whose
# samples join across boots and whose ratio has a spread; the others
# (sizes, page counts) are exact.
function sampled(m) { return m ~ /_(ms|kb|mbps|pct)$/ }
# min_diff(S, M): the least difference of medians that counts for metric M
# at size key S: four guest timer ticks for a time counted in instructions;
# 256 KiB for the RAM a bind takes, read from MemFree, which per-cpu page
# lists move by that much (one kernel's samples of one step spread over up
# to 292 KiB in the demos of 2026-12-06).
function min_diff(s, m) {
	if (m ~ /_kb$/) return 256
	return (s ~ /\/icount$/ && m ~ /_ms$/) ? 4 * tick_ms : 0
}
function gib(b) { b += 0; return b >= 1099511627776 ? sprintf("%g TiB", b / 1099511627776) : sprintf("%g GiB", b / 1073741824) }
# A size key: bytes, and "/icount" for a run whose clock counts instructions.
function title(s) { return gib(s) (s ~ /\/icount$/ ? ", counting instructions (QEMU -icount shift=0,sleep=off: 1 ns each)" : "") }
BEGIN {
	nm = split("usable reserve memmap_dev_pages memmap_ram_pages ram_kb bind_ms init_ms unbind_ms create_ms enable_ms disable_ms destroy_ms init_mbps store_mbps init_pct cold_store_mbps init_cold_pct", metric, " ")
	split("usable bytes|reserve bytes|memmap pages in device memory|memmap pages in RAM|RAM taken by bind (KiB)|bind ms (kernel)|memmap_init_zone_device ms|unbind ms (kernel)|ndctl create ms|ndctl enable ms|ndctl disable ms|ndctl destroy ms|memmap init MB/s (memmap pages x 4 KiB / init)|guest store MB/s (8-byte stores, as many bytes)|memmap init, % of store MB/s|guest store MB/s, first pass (each page new to the TLB, as a bind's memmap)|memmap init, % of first-pass store MB/s", label, "|")
}
{
	s = v($0, "size"); c = v($0, "config"); k = v($0, "kernel"); p = v($0, "profile")
	if (v($0, "clock") == "icount") s = s "/icount"
	if (once(seens, s)) sizes[++ns] = s
	if (p != "") {
		if (p == "steps") next
		key = s SUBSEP c SUBSEP p
		if (once(seenp, key)) profs[++np] = key
		f = v($0, "fn")
		if (once(seenf, key SUBSEP f)) fns[key, ++nf[key]] = f
		calls[key, f, k] = v($0, "calls"); ms[key, f, k] = v($0, "ms")
		next
	}
	# Several boots of one kernel (make demo boots once per round): their
	# rounds add up, and the samples of a time join into one list.
	if (c == "raw") { rk[s, k] += v($0, "repeat"); if (rk[s, k] > rounds[s]) rounds[s] = rk[s, k]; next }
	if (once(seenc, s SUBSEP c)) cfgs[s, ++nc[s]] = c
	for (m = 1; m <= nm; m++) {
		x = v($0, metric[m]); key = s SUBSEP c SUBSEP k SUBSEP metric[m]
		if (sampled(metric[m]) && val[key] != "" && x != "") val[key] = val[key] "," x
		else val[key] = x
	}
}
END {
	for (i = 1; i <= ns; i++) {
		s = sizes[i]
		if (!nc[s]) continue
		printf "\n### Emulated NVDIMM of %s: times are medians of %s rounds, (min-max)\n\n", title(s), rounds[s]
		printf "| configuration | metric | base | patched | patched/base |\n|---|---|---:|---:|---:|\n"
		for (j = 1; j <= nc[s]; j++) {
			c = cfgs[s, j]
			# Base has one format: a compact row compares with its default.
			bc = c
			if (c ~ /-compact$/ && val[s, c, "base", "usable"] == "") bc = substr(c, 1, length(c) - 8)
			first = 1
			for (m = 1; m <= nm; m++) {
				b = val[s, bc, "base", metric[m]]; p = val[s, c, "patched", metric[m]]
				if (b == "" && p == "") continue
				r = sampled(metric[m]) ? ratio(b, p, min_diff(s, metric[m])) : exact_ratio(b, p)
				printf "| %s | %s | %s | %s | %s |\n", (first ? config_name(c) : ""), label[m], cell(b), cell(p), r
				first = 0
			}
		}
		# The patched bind with the memmap on the device against in RAM.
		hdr = 0
		for (j = 1; j <= nc[s]; j++) {
			c = cfgs[s, j]
			if (c !~ /-dev$/) continue
			mc = substr(c, 1, length(c) - 3) "mem"
			if (val[s, mc, "patched", "bind_ms"] == "") continue
			if (!hdr++) printf "\n| patched, %s | bind ms --map=dev | bind ms --map=mem | dev/mem |\n|---|---:|---:|---:|\n", title(s)
			printf "| %s | %s | %s | %s |\n", config_name(c), cell(val[s, c, "patched", "bind_ms"]), cell(val[s, mc, "patched", "bind_ms"]), ratio(val[s, mc, "patched", "bind_ms"], val[s, c, "patched", "bind_ms"])
		}
	}
	for (i = 1; i <= np; i++) {
		split(profs[i], a, SUBSEP)
		printf "\n### Where %s of %s on %s goes (function_graph, ms inclusive of callees)\n\n", (a[3] == "unbind" ? "an unbind" : "a bind"), config_name(a[2]), title(a[1])
		printf "| step | base calls | base ms | patched calls | patched ms |\n|---|---:|---:|---:|---:|\n"
		for (j = 1; j <= nf[profs[i]]; j++) {
			f = fns[profs[i], j]
			printf "| %s | %s | %s | %s | %s |\n", f, calls[profs[i], f, "base"], ms[profs[i], f, "base"], calls[profs[i], f, "patched"], ms[profs[i], f, "patched"]
		}
	}
}
EOF_AWK
