#!/usr/bin/env bash
# Tests of the arithmetic the verdicts rest on: guest/memmap.sh (the size
# parser and the memmap oracles every scenario compares the kernel with,
# each value here derived by hand from the documented layout: 64 B per
# 4 KiB page, 2 vmemmap pages per compound page, order-0 pages in front
# of the first aligned one) and tests/results.awk (medians, spreads,
# ratios and their noise marking), with bash and busybox sh / host awk.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
passed=0 failed=0
ok() { echo "PASS oracles-test: $1"; passed=$((passed + 1)); }
ko() { echo "FAIL oracles-test: $1: $2"; failed=$((failed + 1)); }

shells=(bash)
command -v busybox >/dev/null && shells+=("busybox sh")
# sh_is NAME WANT EXPR: EXPR, run by each shell with memmap.sh loaded,
# prints WANT.
sh_is() {
	local sh got
	for sh in "${shells[@]}"; do
		got=$($sh -c ". '$top/guest/memmap.sh'; $3" 2>/dev/null) || got="exit $?"
		if [ "$got" = "$2" ]; then ok "$1 ($sh)"; else ko "$1 ($sh)" "got '$got', want '$2'"; fi
	done
}
sh_is "4K in bytes" 4096 'numfmt_b 4K'
sh_is "2M in bytes" 2097152 'numfmt_b 2M'
sh_is "64G in bytes" 68719476736 'numfmt_b 64G'
sh_is "1T in bytes" 1099511627776 'numfmt_b 1T'
sh_is "a plain number" 12345 'numfmt_b 12345'
for bad in 64g 1.5G '' G 2MM 4K2; do
	sh_is "'$bad' is refused" "exit 1" "numfmt_b '$bad'"
done
sh_is "64 GiB unshared: 64 B per page" 262144 'unshared_memmap_pages 68719476736'
sh_is "64 GiB devdax 2M --map=dev: 1 page per 2 MiB, 1 of tails" 32769 'expected_memmap_pages devdax 2M dev 68719476736'
sh_is "64 GiB devdax 1G --map=dev: 1 page per 1 GiB, 1 of tails" 65 'expected_memmap_pages devdax 1G dev 68719476736'
sh_is "64 GiB devdax 2M --map=mem" 32769 'expected_memmap_pages devdax 2M mem 68719476736'
sh_is "64 GiB devdax 2M --map=dev on the device: no page of tails" 32768 'TAILS_PAGE=0 expected_memmap_pages devdax 2M dev 68719476736'
sh_is "2 MiB devdax 2M at 1 MiB: no compound page, no page of tails" 4 'expected_memmap_pages devdax 2M dev 2097152 1048576'
sh_is "64 GiB devdax 2M --map=dev: 1 page of tails in RAM" 1 'ram_tails_pages devdax 2M dev 68719476736'
sh_is "64 GiB devdax 2M --map=dev on base: none" 0 'DEDUP_DEV=0 ram_tails_pages devdax 2M dev 68719476736'
sh_is "64 GiB fsdax: none" 0 'ram_tails_pages fsdax 2M dev 68719476736'
sh_is "64 GiB devdax 2M --map=dev on base (DEDUP_DEV=0)" 262144 'DEDUP_DEV=0 expected_memmap_pages devdax 2M dev 68719476736'
sh_is "64 GiB devdax 2M --map=mem on base: 2 pages per 2 MiB" 65536 'DEDUP_DEV=0 PER_COMPOUND=2 expected_memmap_pages devdax 2M mem 68719476736'
sh_is "64 GiB devdax 1G --map=dev, 2 per compound page" 128 'PER_COMPOUND=2 expected_memmap_pages devdax 1G dev 68719476736'
sh_is "64 GiB fsdax: order-0, 64 B per page" 262144 'expected_memmap_pages fsdax 2M dev 68719476736'
sh_is "64 GiB devdax 4K: order-0" 262144 'expected_memmap_pages devdax 4K dev 68719476736'
# 4 GiB 1G namespace at 1184 MiB: 864 MiB of order-0 pages up to 2 GiB
# (13824 B-pages of 64 B each, 3456 vmemmap pages), then 3 compound pages
# and the page of tails.
sh_is "4 GiB devdax 1G at 1184 MiB" 3460 'expected_memmap_pages devdax 1G dev 4294967296 1241513984'
# 144 MiB 2M namespace at 0: 72 compound pages, the page of tails.
sh_is "144 MiB devdax 2M at 0" 73 'expected_memmap_pages devdax 2M dev 150994944 0'
# Compact 64 GiB 2M at 0, layout 2: 8 KiB + (32768 memmap + 512 PTE
# tables) pages = 136323072 bytes, aligned up to 2 MiB: 138412032 (132
# MiB) reserve.  Layout 1 (2 pages per compound page): 8 KiB + (65536 +
# 512) pages = 270540800 bytes, aligned up: 272629760 (260 MiB).
sh_is "compact 64 GiB 2M: 132 MiB reserve" 68581064704 'compact_usable 64G 2M 0'
sh_is "compact 64 GiB 2M, layout 1: 260 MiB reserve" 68446846976 'COMPACT_LAYOUT=1 compact_usable 64G 2M 0'
# Compact 64 GiB 1G at 1184 MiB: 864 MiB in front (3456 pages) + 63 whole
# 1 GiB pages (63; 126 in layout 1), 511 tables (the blocks from 9 to
# 519 it touches up to 65 GiB), need 8192 + 4030 * 4096 = 16515072, data
# from 2 GiB to 65 GiB (the 160 MiB past the last 1 GiB boundary are
# truncated): 63 GiB in both layouts, what the labelled-namespaces
# scenario reads from ndctl on that geometry.
sh_is "compact 64 GiB 1G at 1184 MiB" 67645734912 'compact_usable 64G 1G 1241513984'
sh_is "compact 64 GiB 1G at 1184 MiB, layout 1" 67645734912 'COMPACT_LAYOUT=1 compact_usable 64G 1G 1241513984'
# Compact 4064 MiB 2M at 8 GiB + 16 MiB (labelled-namespaces' geometry
# relative to a 128 MiB boundary): 2032 compound pages, tables for the 32
# blocks it touches (only 30 lie wholly inside): need 8192 + 2064 * 4096
# = 8462336, data from 8218 MiB to 12272 MiB: 4054 MiB.  Layout 1: need
# 8192 + 4096 * 4096, data from 8226 MiB: 4046 MiB.
sh_is "compact 4064 MiB 2M at 8G+16M: a table per block touched" 4250927104 'compact_usable 4064M 2M 8606711808'
sh_is "compact 4064 MiB 2M at 8G+16M, layout 1" 4242538496 'COMPACT_LAYOUT=1 compact_usable 4064M 2M 8606711808'

# results.awk: awk_is NAME WANT PROGRAM
awk_is() {
	local got
	got=$(awk -f "$top/tests/results.awk" -f <(echo "BEGIN { $3; exit }") </dev/null)
	if [ "$got" = "$2" ]; then ok "$1"; else ko "$1" "got '$got', want '$2'"; fi
}
awk_is "median of an odd count" "2 1 3" 'stats("3,1,2", S); print S["med"], S["min"], S["max"]'
awk_is "median of an even count" "2.5" 'print med("4,1,3,2")'
awk_is "no samples" "? 0" 'print med(""), stats("?", S)'
awk_is "a cell: median (min-max)" "20 (10-30)" 'print cell("30,10,20")'
awk_is "a value up to the next key, spaces included" "pin fast 2M|7" \
	'print v("test=pin fast 2M us=5,6,7 n=3", "test") "|" v("us=5,6,7 n=3", "us") + 2'
awk_is "a missing key" "" 'print v("a=1 b=2", "c")'
awk_is "ratio of separate samples: plain" "0.50" 'print ratio("10,10,12", "5,5,6")'
awk_is "ratio of overlapping samples: noise" "0.92 (noise)" 'print ratio("10,12,20", "9.5,11,19")'
awk_is "separate samples closer than the floor: noise" "1.12 (noise)" 'print ratio("50,50,51", "56,56,57", 8)'
awk_is "separate samples further apart than the floor: plain" "1.22" 'print ratio("50,50,51", "61,61,61", 8)'
awk_is "ratio from two samples: n<3" "0.50 (n<3)" 'print ratio("10,10", "5,5")'
awk_is "ratio from one sample each: n<3 too" "0.50 (n<3)" 'print ratio("10", "5")'
awk_is "ratio without a base: -" "-" 'print ratio("", "5,5,5")'
awk_is "an exact ratio has no marking" "0.25" 'print exact_ratio("262144", "65536")'
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
