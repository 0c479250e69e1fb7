# pmem: none
# memory: 8G
# maxmem: 1024G
# append: memmap=4G!4G
# timeout: 600
# checks: 3
# kernel: base fixes patched
# expect-fail: base
# memmap=4G!4G on a machine with nothing at 4-8 GiB: with a 1 TiB memory
# hotplug range QEMU puts an AMD-vendor guest's RAM above 4 GiB at 1 TiB
# (e820-hotplug-range), so the range is a hole.  Base makes a pmem region
# of it anyway: /dev/pmem0 loses what is written to it, and ndctl
# create-namespace --map=dev stops the kernel (VM_BUG_ON_PAGE in
# memmap_init_range(): the memmap written into the hole reads back as
# zeroes).  The kernel must refuse the range at boot, say so, and make no
# region of it.  On a kernel that still makes the region the scenario
# shows that writes are lost and does not go on to the crash.
check "the kernel refuses memmap=4G!4G over a hole, with a message" \
	sh -c 'dmesg | grep -q "memmap=0x100000000!0x100000000: \[mem 0x0000000100000000-0x00000001ffffffff\] is not RAM in the firmware map, ignored"'
check "no persistent memory in the memory map" sh -c '! grep -q "Persistent Memory" /proc/iomem'
if [ -e /dev/pmem0 ]; then
	fail "no pmem device over the hole" "/dev/pmem0 exists"
	dd if=/dev/urandom of=/tmp/pattern bs=4096 count=1 2>/dev/null
	dd if=/tmp/pattern of=/dev/pmem0 bs=4096 count=1 oflag=direct 2>/dev/null
	echo 3 >/proc/sys/vm/drop_caches
	if dd if=/dev/pmem0 bs=4096 count=1 iflag=direct 2>/dev/null | cmp -s - /tmp/pattern; then
		pass "what /dev/pmem0 reads back is what was written"
	else
		fail "what /dev/pmem0 reads back is what was written" "the write went into the hole"
	fi
else
	pass "no pmem device over the hole"
fi
