# pmem: 8G
# labels: 128K
# timeout: 900
# Issue 5, scenario 2: a labelled region carved into namespaces whose
# starts are not section (128 MiB) aligned: 144 MiB at the region start,
# 1040 MiB at 144 MiB, 864 MiB at 1184 MiB, the rest (whole GiBs) at 2 GiB
# with 1G compound pages, as devdax --map=dev; then again as fsdax
# --map=dev, devdax 2M --map=mem, fsdax --map=mem and devdax 1G --map=mem.
# So the subsection population paths and 1 GiB compounds across sections
# run against the altmap.  Each namespace: the memmap it takes (shared: 2
# pages per compound page over the whole namespace, info block and
# reserve included; not shared: 64 bytes per page), data written and
# verified, again after all of them were disabled and enabled; destroying
# them returns every memmap page.  The memmap of a --map=dev namespace is
# shared exactly when its data offset is a whole number of compound pages.
region=region0
pages0=$(vmstat nr_memmap_pages)
check "init labels" sh -c "ndctl disable-region all && ndctl init-labels -f all && ndctl enable-region all"

# Upper bound of the memmap of SIZE bytes at ALIGN when the tails are
# shared: two pages per compound page, plus a partial one at each end.
shared_max() { echo $(( ($1 / $2 + 2) * 2 )); }

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
	dataoff=$(( $(cat "/sys/bus/nd/devices/$(cat "/sys/bus/nd/devices/$ns/holder")/resource") - start ))
	share=0
	if [ "$mode" = devdax ] && { [ "$map" = mem ] || [ $((dataoff % a)) = 0 ]; }; then share=1; fi
	if [ $share = 1 ]; then
		expect "$name: memmap pages, shared (data offset $((dataoff >> 20)) MiB)" "$took" -le "$(shared_max "$raw" "$a")"
		expect "$name: memmap pages, at least 2 per whole compound page" "$took" -ge $(( raw / a * 2 ))
	else
		expect "$name: memmap pages, not shared (data offset $((dataoff >> 20)) MiB)" "$took" -eq "$(unshared_memmap_pages "$raw")"
	fi
	if [ "$mode" = devdax ]; then
		dev=/dev/$(echo "$out" | json_str chardev)
	else
		dev=/dev/$(echo "$out" | json_str blockdev)
	fi
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
		rest=${1#*-}
		case $n in a) size=144M ;; b) size=1040M ;; c) size=864M ;; d) size=rest ;; esac
		make_ns $n $size "${1%%-*}" "${rest%%-*}" "${rest#*-}"
		shift
	done
	verify_all "$label"
	cycle_all "$label"
	verify_all "$label after disable/enable"
	destroy_all "$label"
}

run_pass "pass 1" 11 devdax-2M-dev devdax-2M-dev devdax-2M-dev devdax-1G-dev
run_pass "pass 2" 12 fsdax-2M-dev devdax-2M-mem fsdax-2M-mem devdax-1G-mem
