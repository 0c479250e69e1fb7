#!/usr/bin/env bash
# Info block compatibility, booting both kernels on the same backing files
# (tests/scenarios/compat-info-block.sh runs in each guest):
#   1 base     creates devdax 2M, devdax 1G and fsdax, all --map=dev (16G each)
#   2 patched  enables them as they are: same usable size, data intact,
#              tails shared (2 memmap pages per compound page)
#   3 patched  recreates them: reserve sized for shared tails (devdax),
#              unchanged (fsdax)
#   4 base     must refuse the new devdax namespaces, write nothing
#   5 patched, vmemmap_altmap_dedup=off: must refuse them with a message
#   6 patched  enables them again, data intact
# Prints PASS/FAIL lines; exits 1 on any failure.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
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
	tr -d '\r' <"$results" | grep "^BENCH-RESULT ns=$1 " |
		sed -n "s/.* $2=\([^ ]*\).*/\1/p" | tail -1
}
judge() {	# judge NAME GOT WANT
	if [ "$2" = "$3" ]; then echo "PASS compat: $1 ($2)"
	else echo "FAIL compat: $1: got '$2', want '$3'"; failed=1; fi
}
bytes() { numfmt --from=iec "$1"; }
# Memmap pages with shared tails, and the usable size with a reserve sized
# for them (Documentation/driver-api/nvdimm/pfn-info-block.rst).
shared_pages() { echo $(( 2 * ($(bytes "$1") / $(bytes "$2")) )); }
full_pages() { echo $(( $(bytes "$1") / 4096 * 64 / 4096 )); }
shared_usable() {
	local size align need
	size=$(bytes "$1"); align=$(bytes "$2")
	need=$(( 8192 + $(shared_pages "$1" "$2") * 4096 ))
	echo $(( size - (need + align - 1) / align * align ))
}
expected_memmap() {
	if [ "${modes[$1]}" = devdax ]; then shared_pages "${sizes[$1]}" "${aligns[$1]}"
	else full_pages "${sizes[$1]}"; fi
}
# judge_enabled MADE_BY SIZES: the namespaces a verify stage found enabled
# kept the usable sizes recorded when MADE_BY created them (the array named
# SIZES) and took the memmap pages the patched kernel should give them.
judge_enabled() {
	local -n made=$2
	local i ns what
	for i in 0 1 2; do
		ns=namespace$i.0 what="${modes[$i]} ${aligns[$i]} made by $1"
		judge "$what: usable size on patched" "$(field "$ns" size)" "${made[$i]}"
		judge "$what: memmap pages on patched" "$(field "$ns" memmap)" "$(expected_memmap "$i")"
	done
}

export PMEM="${sizes[*]}"
boot 1 base create,100
declare -A base_size new_size
for i in 0 1 2; do base_size[$i]=$(field "namespace$i.0" size); done

boot 2 patched verify,100
judge_enabled base base_size

boot 3 patched create,200
for i in 0 1 2; do
	ns=namespace$i.0; new_size[$i]=$(field "$ns" size)
	if [ "${modes[$i]}" = devdax ]; then
		judge "${modes[$i]} ${aligns[$i]}: usable size with a shared-tail reserve" \
			"${new_size[$i]}" "$(shared_usable "${sizes[$i]}" "${aligns[$i]}")"
	else
		judge "fsdax: usable size unchanged from base" "${new_size[$i]}" "${base_size[$i]}"
	fi
done

boot 4 base refused,200
declare -A sum
for i in 0 1; do
	sum[$i]=$(field "namespace$i.0" md5)
	# Base fails the unknown mode with -ENXIO: the namespace is raw.
	judge "devdax ${aligns[$i]} made by patched, on base: raw, not devdax" \
		"$(field "namespace$i.0" state)" raw
done

boot 5 patched refused,200 vmemmap_altmap_dedup=off
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

boot 6 patched verify,200
judge_enabled patched new_size
exit $failed
