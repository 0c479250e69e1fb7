# pmem: 4G
# timeout: 600
# kernel: base fixes patched
# expect-fail: base
# checks: 55
# Crafted info blocks on a devdax 2M --map=dev namespace with data, on the
# raw namespace of an unlabelled 4 GiB NVDIMM: each is refused when the
# namespace is probed, with a dmesg line that names the field, and neither
# the block nor the data is written.  The real block then brings the
# namespace and its data back.  Base 6.12 lacks most of these checks (the
# fix at the head of the series adds them): its FAILs are its behaviour,
# shown beside the fix's (a probe failing with -EINVAL or -ENOMEM after
# arithmetic on the fields wrapped, a silent refusal, a wrong message).
ns=namespace0.0
check "create devdax 2M --map=dev" ndctl create-namespace -f -e $ns --mode=devdax --map=dev --align=2M
check "write data" pmem-pattern write "/dev/$(ns_chardev $ns)" 7

blk() { echo "/dev/$(ndctl list -n $ns | json_str blockdev)"; }
sb_md5() { dd if="$(blk)" bs=4096 skip=1 count=1 2>/dev/null | md5sum | cut -d' ' -f1; }
# The first 64 MiB of data, after the reserve of the real info block.
data_md5() {
	dd if="$(blk)" bs=1M skip=$((dataoff >> 20)) count=64 2>/dev/null | md5sum | cut -d' ' -f1
}

reprobe $ns 1
orig=$(pfn-sb "$(blk)" show)
echo "original: $orig"
dataoff=$(( $(echo "$orig" | sed -n 's/.* dataoff=\([^ ]*\).*/\1/p') ))
data0=$(data_md5)
n=0
# case NAME EXPECTED-DMESG PFN-SB-ARGS...
case_() {
	name=$1 msg=$2; shift 2
	n=$((n + 1))
	step "hostile: $name"
	pfn-sb "$(blk)" set "$@" || { fail "$name: craft" "pfn-sb failed"; return; }
	sb=$(sb_md5)
	dmesg -c >/dev/null
	reprobe $ns 0
	absent "$name: refused (no device-dax instance)" "$(ns_chardev $ns)"
	line=$(dmesg | grep -m1 -- "$msg")
	if [ -n "$line" ]; then pass "$name: dmesg says: ${line#*] }"
	else fail "$name: dmesg" "no line matching '$msg'; got: $(dmesg | grep -iv bench | tail -3 | tr '\n' ' ')"; fi
	reprobe $ns 1
	same "$name: info block not written" "$(sb_md5)" "$sb"
	same "$name: data not written" "$(data_md5)" "$data0"
	# Back to the original block for the next case.
	pfn-sb "$(blk)" set $(echo "$orig" | tr ' ' '\n' | grep -v '^signature=\|^checksum=')
}
case_ "bad checksum" "info block checksum mismatch" bad-checksum
case_ "dataoff below the memmap" "leaves room for" dataoff=0x200000
case_ "dataoff inside the info block, align 2M" "bad offset" dataoff=0x1000
case_ "dataoff inside the info block, align 4K" "overlaps the .* info block reserve" dataoff=0x1000 align=0x1000
case_ "start_pad + end_trunc beyond the namespace" "start_pad .* + end_trunc .* leave nothing" start_pad=0xc0000000 end_trunc=0xc0000000
case_ "dataoff 0, align 0 (ilog2(0))" "info block dataoff is 0" dataoff=0 align=0
case_ "align not a power of 2" "not a power of 2" align=0x300000
case_ "align unsupported (2 GiB)" "alignment mismatch" align=0x80000000
case_ "unknown flags" "unknown info block flags" flags=0x10
case_ "unknown major version" "unknown info block version 2" version_major=2
case_ "unknown mode" "unknown info block mode 7" mode=7
case_ "mode 3 (v6's compact encoding)" "unknown info block mode 3" mode=3 version_minor=5
# reserve_layout (minor version 5) is the series', not the fix's.
if needs "reserve_layout: the compact reserve's switch" \
	/sys/module/libnvdimm/parameters/compact_memmap_reserve 'patched|patched-debug'; then
	case_ "unknown reserve_layout" "unknown memmap reserve layout 3" version_minor=5 reserve_layout=3
	case_ "compact layout 1 with a page_struct_size" "unknown memmap reserve layout 1" \
		version_minor=5 reserve_layout=1
	case_ "compact layout 2 with a page_struct_size" "unknown memmap reserve layout 2" \
		version_minor=5 reserve_layout=2
fi
result cases=$n

# A compact block of layout 1, which kernels whose compound pages kept two
# vmemmap pages wrote (here with the full reserve's dataoff, so the data
# stays where it is): this kernel's memmap, one page per compound page,
# fits, so it is read.
if needs "reserve_layout 1 read" /sys/module/libnvdimm/parameters/compact_memmap_reserve \
	'patched|patched-debug'; then
	step "layout 1 block"
	pfn-sb "$(blk)" set version_minor=5 reserve_layout=1 page_struct_size=0
	reprobe $ns 0
	dev=$(ns_chardev $ns)
	same "layout 1: enabled as devdax" "$(ndctl list -n $ns | json_str mode)" devdax
	same "layout 1: memmap_reserve reads compact" \
		"$(cat "/sys/bus/nd/devices/$(cat /sys/bus/nd/devices/$ns/holder)/memmap_reserve")" compact
	check "layout 1: data intact" pmem-pattern verify "/dev/$dev" 7
	reprobe $ns 1
	pfn-sb "$(blk)" set $(echo "$orig" | tr ' ' '\n' | grep -v '^signature=\|^checksum=')
fi

step "hostile: original block"
same "original block restored" "$(pfn-sb "$(blk)" show)" "$orig"
reprobe $ns 0
dev=$(ns_chardev $ns)
same "namespace back as devdax" "$(ndctl list -n $ns | json_str mode)" devdax
check "data intact after $n refused blocks" pmem-pattern verify "/dev/$dev" 7
