# pmem: 8G
# labels: 128K
# timeout: 900
# check: no
# checks: 97
# expect-fail: base
# Every devdax and fsdax geometry at the region start and behind pad
# namespaces, on any architecture (make check-ppc64le runs it on base and
# patched powerpc kernels; x86 has labelled-namespaces, with its oracles).
# Devdax 2M and 1G, fsdax 2M, each with --map=mem and --map=dev, 4 GiB,
# at the region start and behind raw pads of 16 MiB, 144 MiB and 1184 MiB:
# starts off the 1 GiB grid, and off x86's 128 MiB sections (ndctl starts
# a devdax or fsdax namespace on a 16 MiB boundary whatever the region's
# align says, and ppc64's sections are 16 MiB, so powerpc gets no
# sub-section start from ndctl; its --map=mem data starts 2 MiB in): each
# namespace's memmap pages are a BENCH-RESULT row (tests/compare-rows.sh
# holds the patched kernel's to base's), its data is written and read
# back through the device, again after a disable/enable, and destroying
# it gives every memmap page back.
region=region0
pages0=$(vmstat nr_memmap_pages)
check "init labels" sh -c "ndctl disable-region all && ndctl init-labels -f all && ndctl enable-region all"

# row CFG PAD SEED: one namespace of CFG (MODE-ALIGN-MAP) behind PAD.
row() {
	mode=${1%%-*} rest=${1#*-}; align=${rest%%-*} map=${rest#*-}
	what="$1 at $2"
	ndctl destroy-namespace -f all -r $region >/dev/null 2>&1
	p=$(vmstat nr_memmap_pages)
	if [ "$2" != 0 ] && ! out=$(ndctl create-namespace -r $region -m raw -s "$2" 2>&1); then
		fail "$what: create" "pad: $(echo "$out" | tail -1)"; return
	fi
	if ! out=$(ndctl create-namespace -r $region -m "$mode" -a "$align" -M "$map" -s 4G 2>&1); then
		fail_step "$what: create" "$(echo "$out" | tail -2 | tr '\n' ' ')"; return
	fi
	ns=$(echo "$out" | json_str dev) dev=$(created_dev "$out")
	took=$(( $(vmstat nr_memmap_pages) - p ))
	start=$(cat "/sys/bus/nd/devices/$ns/resource")
	result geometry="$1" pad="$2" memmap_pages="$took" data_offset=$(( $(ns_data_start "$ns") - start ))
	pass "$what: create ($ns, $took memmap pages)"
	check "$what: data through $dev" pmem-pattern write "$dev" "$3"
	check "$what: data across disable/enable" sh -c "ndctl disable-namespace $ns && ndctl enable-namespace $ns && pmem-pattern verify $dev $3"
	ndctl destroy-namespace -f all -r $region >/dev/null 2>&1
	same "$what: memmap pages after destroy" "$(vmstat nr_memmap_pages)" "$pages0"
}

seed=20
# 1G --map=mem last: base Oopses on powerpc behind a 16 MiB namespace.
for cfg in devdax-2M-mem devdax-2M-dev devdax-1G-dev fsdax-2M-mem fsdax-2M-dev devdax-1G-mem; do
	step "geometry $cfg"
	for pad in 0 16M 144M 1184M; do
		row "$cfg" "$pad" $seed
		seed=$((seed + 1))
	done
done
