# pmem: 8194M 72G
# labels: 128K
# timeout: 900
# checks: 86
# A labelled region carved into namespaces whose starts are not section
# (128 MiB) aligned: 144 MiB at the region start, 1040 MiB at 144 MiB, 864
# MiB at 1184 MiB, the rest (whole GiBs) at 2 GiB with 1G compound pages,
# as devdax --map=dev; then again as fsdax --map=dev, devdax 2M --map=mem,
# fsdax --map=mem and devdax 1G --map=mem.  So the subsection population
# paths and 1 GiB compounds across sections run against the altmap.  Each
# namespace: the memmap it takes (devdax, any start: 2 pages per compound
# page, which sit on the aligned data grid, plus 64 bytes per page in front
# of the first; others: 64 bytes per page), data written and verified,
# again after all of them were disabled and enabled; destroying them
# returns every memmap page.  Then, on the second NVDIMM, a 1G aligned 64
# GiB devdax --map=dev namespace behind a 1184 MiB one, with the default
# reserve (the base kernel's layout, see compat-info-block) and with the
# compact one: the compact one has exactly the usable capacity the
# documented format gives (compact_usable).
# (8194M: QEMU maps an NVDIMM without the 2 MiB that hold its labels, so
# this puts the second region on a 1 GiB boundary, like the first.)
region=region0
pages0=$(vmstat nr_memmap_pages)
check "init labels" sh -c "ndctl disable-region all && ndctl init-labels -f all && ndctl enable-region all"

# make NAME SIZE MODE ALIGN MAP: create a namespace, check its memmap and
# write data; sets ns_NAME and dev_NAME.
make_ns() {
	name=$1 size=$2 mode=$3 align=$4 map=$5
	p=$(vmstat nr_memmap_pages)
	a=$(numfmt_b "$align")
	# "rest": what the region has left, in whole units of the alignment.
	[ "$size" != rest ] || size=$(( $(ndctl list -r $region | json_num available_size) / a * a ))
	set -- -r $region -m "$mode" -a "$align" -M "$map" -s "$size"
	if ! out=$(ndctl create-namespace "$@" 2>&1); then
		fail "$name: create $mode $align $map" "$(echo "$out" | tail -2 | tr '\n' ' ')"; return
	fi
	ns=$(echo "$out" | json_str dev)
	# The memmap covers the whole namespace, info block and reserve included.
	raw=$(cat "/sys/bus/nd/devices/$ns/size")
	start=$(cat "/sys/bus/nd/devices/$ns/resource")
	took=$(( $(vmstat nr_memmap_pages) - p ))
	offset=$(( start - region_start ))
	aligned=no; [ $((offset % (128 << 20))) != 0 ] || aligned=yes
	pass "$name: $ns $mode $align --map=$map at region offset $((offset >> 20)) MiB (section aligned: $aligned)"
	# Data offset: where the pfn/dax device (the namespace's holder) starts.
	dataoff=$(( $(ns_data_start "$ns") - start ))
	expect "$name: memmap pages (data offset $((dataoff >> 20)) MiB)" "$took" -eq \
		"$(expected_memmap_pages "$mode" "$align" "$map" "$raw" "$start")"
	dev=$(created_dev "$out")
	eval "ns_$name=$ns dev_$name=$dev"
	check "$name: write data to $dev" pmem-pattern write "$dev" "$seed"
}
verify_all() {
	for n in a b c d; do
		eval "dev=\$dev_$n"
		check "$1: data in $n ($dev)" pmem-pattern verify "$dev" "$seed"
	done
}
cycle_all() {
	for n in a b c d; do eval "ns=\$ns_$n"; check "$1: disable $n" ndctl disable-namespace "$ns"; done
	same "$1: memmap pages with all disabled" "$(vmstat nr_memmap_pages)" "$pages0"
	same "$1: altmap refs with all disabled" "$(altmap_refs)" 0
	for n in a b c d; do eval "ns=\$ns_$n"; check "$1: enable $n" ndctl enable-namespace "$ns"; done
}
destroy_all() {
	for n in a b c d; do eval "ns=\$ns_$n"; check "$1: destroy $n" ndctl destroy-namespace -f "$ns"; done
	same "$1: memmap pages after destroy" "$(vmstat nr_memmap_pages)" "$pages0"
	same "$1: altmap refs after destroy" "$(altmap_refs)" 0
}

region_start=$(cat /sys/bus/nd/devices/$region/resource)

# run_pass NAME SEED CFG_A CFG_B CFG_C CFG_D: carve the region into the four
# namespaces (mode-align-map each), check them, cycle them, destroy them.
run_pass() {
	label=$1 seed=$2; shift 2
	step "labelled $label: $*"
	for n in a b c d; do
		case $n in a) size=144M ;; b) size=1040M ;; c) size=864M ;; d) size=rest ;; esac
		parse_cfg "$1"
		make_ns $n $size "$mode" "$align" "$map"
		shift
	done
	verify_all "$label"
	cycle_all "$label"
	verify_all "$label after disable/enable"
	destroy_all "$label"
}

run_pass "pass 1" 11 devdax-2M-dev devdax-2M-dev devdax-2M-dev devdax-1G-dev
run_pass "pass 2" 12 fsdax-2M-dev devdax-2M-mem fsdax-2M-mem devdax-1G-mem

# The 1G aligned 64 GiB namespace behind 1184 MiB on the big NVDIMM, with
# the default reserve and with the compact one.
region=
for r in $(cd /sys/bus/nd/devices && echo region*); do
	[ "$(cat /sys/bus/nd/devices/$r/size)" -lt $((70 << 30)) ] || region=$r
done
compact=$(compact_param)
# big_ns Y|N SEED: create the pad and the 64 GiB namespace, check its
# memmap and data across disable/enable, print its usable size, memmap
# pages, raw size and start, destroy.
big_ns() {
	ndctl destroy-namespace -f all -r "$region" >/dev/null 2>&1
	echo "$1" >"$compact"
	ndctl create-namespace -r "$region" -m raw -s 1184M >/dev/null 2>&1 || { echo "pad create failed"; return 1; }
	out=$(ndctl create-namespace -r "$region" -m devdax -M dev -a 1G -s 64G 2>&1) || { echo "$out" | tail -1; return 1; }
	ns=$(echo "$out" | json_str dev) dev=$(created_dev "$out")
	start=$(cat "/sys/bus/nd/devices/$ns/resource") raw=$(cat "/sys/bus/nd/devices/$ns/size")
	want=$(expected_memmap_pages devdax 1G dev "$raw" "$start")
	took=$(( $(vmstat nr_memmap_pages) - pages0 ))
	[ "$took" = "$want" ] || { echo "memmap pages $took, want $want"; return 1; }
	{ pmem-pattern write "$dev" "$2" && ndctl disable-namespace "$ns" && ndctl enable-namespace "$ns" &&
		pmem-pattern verify "$dev" "$2"; } >/dev/null 2>&1 || { echo "data not intact across disable/enable"; return 1; }
	echo "$(echo "$out" | json_num size) $took $raw $start"
	ndctl destroy-namespace -f all -r "$region" >/dev/null 2>&1
}
if [ -z "$region" ] || [ ! -w "$compact" ]; then
	fail "64G at 1184M" "no 72G region ($region) or no $compact"
else
	step "labelled: 64G 1G --map=dev at 1184M, default and compact reserve"
	if full=$(big_ns N 13) && small=$(big_ns Y 14); then
		set -- $full $small
		pass "64G at 1184M: memmap pages ($2, $6) and data across disable/enable (usable: default $(($1 >> 20)) MiB, compact $(($5 >> 20)) MiB)"
		same "64G at 1184M: compact usable size as documented" "$5" "$(compact_usable "$7" 1G "$8")"
	else
		fail "64G at 1184M" "${full:-} ${small:-}"
	fi
	echo N >"$compact"
	same "memmap pages after the 64G namespaces" "$(vmstat nr_memmap_pages)" "$pages0"
fi

# One namespace with a compact reserve while the parameter is off: the
# admin writes memmap_reserve on the dax seed, and stock ndctl configures
# that seed.  It starts 16 MiB past a 128 MiB boundary (the region's 16 MiB
# granularity allows no less) and is 4064 MiB long, so the format's formula
# counts a page table for each of the 32 blocks it touches: 2 MiB less data
# than if only the 30 whole blocks counted.
step "labelled: memmap_reserve attribute, 4064M 2M --map=dev at a 128M boundary + 16M"
nd=/sys/bus/nd/devices
seed=$(cat $nd/$region/dax_seed)
rstart=$(cat $nd/$region/resource)
pad=$(( ((16 << 20) - rstart % (128 << 20) + (128 << 20)) % (128 << 20) ))
same "memmap_reserve of a new dax seed follows the parameter (off)" "$(cat $nd/$seed/memmap_reserve 2>&1)" full
pfn_seed=$(cat $nd/$region/pfn_seed)
if echo compact 2>/dev/null >"$nd/$pfn_seed/memmap_reserve"; then
	fail "an fsdax seed refuses a compact reserve" "$pfn_seed took it"
else
	pass "an fsdax seed refuses a compact reserve ($(cat $nd/$pfn_seed/memmap_reserve))"
fi
ndctl destroy-namespace -f all -r "$region" >/dev/null 2>&1
[ "$pad" = 0 ] || ndctl create-namespace -r "$region" -m raw -s "$pad" >/dev/null 2>&1
check "write compact to $seed/memmap_reserve" sh -c "echo compact >$nd/$seed/memmap_reserve"
if out=$(ndctl create-namespace -r "$region" -m devdax -M dev -a 2M -s 4064M 2>&1); then
	ns=$(echo "$out" | json_str dev) dev=$(created_dev "$out")
	start=$(cat "$nd/$ns/resource") raw=$(cat "$nd/$ns/size") holder=$(cat "$nd/$ns/holder")
	same "the namespace's memmap_reserve" "$(cat "$nd/$holder/memmap_reserve")" compact
	same "4064M at a 128M boundary + 16M: usable size by the format's formula" \
		"$(echo "$out" | json_num size)" "$(compact_usable "$raw" 2M "$start")"
	if echo full 2>/dev/null >"$nd/$holder/memmap_reserve"; then
		fail "memmap_reserve of a bound namespace is read-only" "$holder took 'full'"
	else
		pass "memmap_reserve of a bound namespace is read-only"
	fi
	check "data through $dev across disable/enable" sh -c "pmem-pattern write $dev 15 && ndctl disable-namespace $ns && ndctl enable-namespace $ns && pmem-pattern verify $dev 15"
	same "memmap_reserve after disable/enable" "$(cat "$nd/$holder/memmap_reserve")" compact
	same "the next dax seed is full again" "$(cat "$nd/$(cat $nd/$region/dax_seed)/memmap_reserve")" full
else
	fail "create 4064M with a compact reserve" "$(echo "$out" | tail -1)"
fi
ndctl destroy-namespace -f all -r "$region" >/dev/null 2>&1
same "memmap pages after the memmap_reserve namespace" "$(vmstat nr_memmap_pages)" "$pages0"
