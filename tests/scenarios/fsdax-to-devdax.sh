# pmem: 8G
# timeout: 600
# checks: 8
# kernel: base patched
# What ndctl's device-dax test relies on: data written through an fsdax
# --map=dev block device reads back in place through mmap of devdax
# --map=dev after the same namespace is reconfigured at the same
# alignment, because both put the data at the same offset.  That must
# hold with the default (full) memmap reserve at 4K, 2M and 1G.  With
# libnvdimm.compact_memmap_reserve=1 devdax moves the data, as the docs
# say; the last checks show it (patched kernel only).
ns=namespace0.0
compact=$(compact_param) && echo N >"$compact"

# fsdax_then_devdax ALIGN SEED: write through fsdax, reconfigure, print
# the two usable sizes; the data check is the caller's.
fsdax_then_devdax() {
	ndctl create-namespace -f -e $ns --mode=fsdax --map=dev --align="$1" >/dev/null 2>&1 ||
		{ echo "fsdax create failed"; return 1; }
	blk=/dev/$(ndctl list -n $ns | json_str blockdev)
	fs_size=$(ndctl list -n $ns | json_num size)
	pmem-pattern write "$blk" "$2" >/dev/null || { echo "write through $blk failed"; return 1; }
	ndctl create-namespace -f -e $ns --mode=devdax --map=dev --align="$1" >/dev/null 2>&1 ||
		{ echo "devdax reconfigure failed"; return 1; }
	echo "$fs_size $(ndctl list -n $ns | json_num size)"
}

seed=11
for a in 4K 2M 1G; do
	step "fsdax to devdax at $a"
	if ! sizes=$(fsdax_then_devdax $a $seed); then
		fail "$a: fsdax write, devdax reconfigure" "$sizes"; continue
	fi
	set -- $sizes
	same "$a: devdax usable size as fsdax's" "$2" "$1"
	check "$a: data in place through mmap of /dev/$(ns_chardev $ns)" \
		pmem-pattern verify "/dev/$(ns_chardev $ns)" $seed
	seed=$((seed + 1))
done

if [ -w "$compact" ]; then
	step "fsdax to devdax at 2M with a compact reserve"
	echo Y >"$compact"
	if sizes=$(fsdax_then_devdax 2M $seed); then
		set -- $sizes
		expect "2M compact: devdax has more usable bytes than fsdax (data moved)" "$2" -gt "$1"
		if pmem-pattern verify "/dev/$(ns_chardev $ns)" $seed >/dev/null 2>&1; then
			fail "2M compact: data at the fsdax offsets" "found in place, but the data offset moved"
		else
			pass "2M compact: data not at the fsdax offsets (documented)"
		fi
	else
		fail "2M compact: fsdax write, devdax reconfigure" "$sizes"
	fi
	echo N >"$compact"
fi
check "destroy namespace" ndctl destroy-namespace -f $ns
