# pmem: none
# memory: 8G
# append: memmap=4G!4G
# timeout: 900
# checks: 29
# kernel: base patched
# pmem from the e820 provider (memmap=4G!4G, X86_PMEM_LEGACY), the region
# most pmem developers and ndctl's own device-dax test use: no labels, one
# namespace that comes up at boot with its memmap in RAM.  Reconfigure
# it to fsdax and devdax --map=dev at 4K, 2M and 1G (each replaces a memmap
# in RAM or on the device by another over the same pfns), write data, check
# it across disable/enable, and end raw again with every memmap page back.
ns=namespace0.0
check "e820 region seen" sh -c 'ndctl list -R | grep -q "\"dev\":\"region"'
# ndctl calls a raw e820 namespace with struct pages "fsdax"; its memmap
# is in RAM: 64 bytes per page of it.
pages0=$(vmstat nr_memmap_pages)
size=$(cat /sys/bus/nd/devices/$ns/size)
expect "$ns at boot: memmap pages in RAM" "$pages0" -ge "$(unshared_memmap_pages "$size")"
check "$ns at boot: no pfn or dax device" sh -c "[ -z \"\$(cat /sys/bus/nd/devices/$ns/holder)\" ]"
seed=21
for mode in fsdax devdax; do
	for a in 4K 2M 1G; do
		step "e820: $mode $a --map=dev"
		if ! out=$(ndctl create-namespace -f -e $ns --mode=$mode --map=dev --align=$a 2>&1); then
			fail "$mode $a: create" "$(echo "$out" | tail -2 | tr '\n' ' ')"; continue
		fi
		pass "$mode $a: create --map=dev"
		dev=$(created_dev "$out")
		check "$mode $a: write data to $dev" pmem-pattern write "$dev" $seed
		check "$mode $a: disable and enable" sh -c "ndctl disable-namespace $ns && ndctl enable-namespace $ns"
		check "$mode $a: data intact after enable" pmem-pattern verify "$dev" $seed
		seed=$((seed + 1))
	done
done
check "back to raw" ndctl create-namespace -f -e $ns --mode=raw
same "memmap pages as at boot" "$(vmstat nr_memmap_pages)" "$pages0"
