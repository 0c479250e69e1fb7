#!/usr/bin/env bash
# Info block compatibility, booting both kernels on the same backing files
# (tests/scenarios/compat-info-block.sh runs in each guest):
#   1 base     creates devdax 2M, devdax 1G and fsdax, all --map=dev (16G each)
#   2 patched  enables them as they are: same usable size, data intact,
#              tails shared (1 memmap page per compound page)
#   3 patched  recreates them by default: the same info blocks as base
#   4 base     enables those: same usable size, data intact
#   5 patched, libnvdimm.compact_memmap_reserve=1, recreates them: reserve
#              sized for shared tails (devdax), unchanged (fsdax)
#   6 base     must refuse the compact devdax namespaces, write nothing
#   7 patched, vmemmap_altmap_dedup=off: must refuse them with a message
#   8 patched  enables them again, data intact
# Prints PASS/FAIL lines; exits 1 on any failure.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
dir=$top/build/run/compat-info-block
scen=compat-info-block
sizes=(16G 16G 16G) aligns=(2M 1G 2M) modes=(devdax devdax fsdax)
rm -rf "$dir"; mkdir -p "$dir"
trap 'rm -rf "$dir"' EXIT
failed=0

# boot N KERNEL ARGS [APPEND]: one stage; its results file is printed.
boot() {
	local tag="$1-$2"
	RUN_TAG=$tag BACKING_DIR=$dir BENCH_ARGS=$3 APPEND=${4:-} \
		"$top/tests/boot-scenario.sh" "$2" "$scen" || failed=1
	results=$top/build/logs/$2-$scen-$tag.results
	log=$top/build/logs/$2-$scen-$tag.log
}
# field NS KEY: a value the last stage reported for a namespace.
field() {
	tr -d '\r' <"$results" | sed -n "s/^BENCH-RESULT \(ns=$1 \)/\1/p" |
		awk -v k="$2" -f "$top/tests/results.awk" -f <(echo '{ x = v($0, k) } END { print x }')
}
judge() {	# judge NAME GOT WANT
	if [ "$2" = "$3" ]; then echo "PASS compat: $1 ($2)"
	else echo "FAIL compat: $1: got '$2', want '$3'"; failed=1; fi
}
# The memmap arithmetic the guest tests use (expected_memmap_pages,
# compact_usable).
. "$top/guest/memmap.sh"
# expected_memmap I KERNEL START: memmap pages KERNEL gives namespace I at
# START (the base kernel shares no tails with --map=dev).
expected_memmap() {
	DEDUP_DEV=$([ "$2" = patched ] && echo 1 || echo 0) \
		expected_memmap_pages "${modes[$1]}" "${aligns[$1]}" dev "$(numfmt_b "${sizes[$1]}")" "$3"
}
# judge_enabled MADE_BY SIZES KERNEL: the namespaces a verify stage on
# KERNEL found enabled kept the usable sizes recorded when MADE_BY created
# them (the array named SIZES) and took the memmap pages KERNEL should
# give them.
judge_enabled() {
	local -n made=$2
	local i ns what
	for i in 0 1 2; do
		ns=namespace$i.0 what="${modes[$i]} ${aligns[$i]} made by $1"
		judge "$what: usable size on $3" "$(field "$ns" size)" "${made[$i]}"
		judge "$what: memmap pages on $3" "$(field "$ns" memmap)" "$(expected_memmap "$i" "$3" "$(field "$ns" start)")"
	done
}

export NVDIMMS="${sizes[*]}"
boot 1 base create,100
declare -A base_size new_size
for i in 0 1 2; do base_size[$i]=$(field "namespace$i.0" size); done

boot 2 patched verify,100
judge_enabled base base_size patched

boot 3 patched create,200
declare -A default_size
for i in 0 1 2; do
	default_size[$i]=$(field "namespace$i.0" size)
	judge "${modes[$i]} ${aligns[$i]} made by patched by default: usable size as on base" \
		"${default_size[$i]}" "${base_size[$i]}"
done

boot 4 base verify,200
judge_enabled "patched by default" default_size base

boot 5 patched create,300 libnvdimm.compact_memmap_reserve=1
for i in 0 1 2; do
	ns=namespace$i.0; new_size[$i]=$(field "$ns" size)
	if [ "${modes[$i]}" = devdax ]; then
		judge "${modes[$i]} ${aligns[$i]}: usable size with a compact reserve" \
			"${new_size[$i]}" "$(compact_usable "${sizes[$i]}" "${aligns[$i]}" "$(field "$ns" start)")"
	else
		judge "fsdax: usable size unchanged from base with compact_memmap_reserve=1" \
			"${new_size[$i]}" "${base_size[$i]}"
	fi
done

boot 6 base refused,300
declare -A sum
for i in 0 1; do
	sum[$i]=$(field "namespace$i.0" md5)
	# page_struct_size 0: base fails it with -EOPNOTSUPP before mapping
	# anything, so nothing is attached (an unknown mode, v6's encoding,
	# was -ENXIO and a raw, writable /dev/pmemX).
	judge "devdax ${aligns[$i]} compact, on base: disabled, nothing attached" \
		"$(field "namespace$i.0" state)" disabled
done
n=$(grep -c 'struct page size mismatch 0' "$log")
judge "base: the refusal of a compact block is in dmesg" \
	"$([ "$n" -ge 2 ] && echo "$n lines")" "$n lines"

boot 7 patched refused,300 vmemmap_altmap_dedup=off
for i in 0 1; do
	judge "devdax ${aligns[$i]}: vmemmap_altmap_dedup=off reads what base read" \
		"$(field "namespace$i.0" md5)" "${sum[$i]}"
	# A block it reads but can't use: -EOPNOTSUPP, the namespace stays off.
	judge "devdax ${aligns[$i]}, vmemmap_altmap_dedup=off: disabled" \
		"$(field "namespace$i.0" state)" disabled
done
n=$(grep -c 'memmap reserve sized for shared tail pages' "$log")
judge "vmemmap_altmap_dedup=off: the refusal is explained in dmesg" \
	"$([ "$n" -ge 2 ] && echo "$n lines")" "$n lines"

boot 8 patched verify,300
judge_enabled "patched, compact" new_size patched
exit $failed
