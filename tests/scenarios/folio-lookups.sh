# pmem: 4G
# memory: 6G
# timeout: 900
# check: no
# checks: 28
# append: hugetlb_free_vmemmap=on
# modules: lookup_bench
# Issue 24: what compound_head(), PageHead() and PageTail() cost, head and
# tail lookups apart, over THP, HugeTLB (2M, 1G) and device-dax (2M
# --map=dev) folios, timed in the kernel by the bench module lookup_bench
# (guest/modules/), which also checks that every page of every folio
# measured finds its head.  Four states, because a kernel runs its
# fake-head test only while some memmap has fake heads: none (THP only),
# a devdax namespace (none on base; v8 to v10 of the series made fake
# heads there, v11 masks), HugeTLB pools made with
# hugetlb_free_vmemmap=on beside the namespace (fake heads on both
# kernels), and the pools alone.  Each lookup measured 5 times;
# make bench boots it on the timing kernels (modules) on both clocks.
hp=/sys/kernel/mm/hugepages
lb=/sys/kernel/debug/lookup_bench
needs "hugetlbfs" $hp/hugepages-2048kB/nr_hugepages "*" || return 0
check "load lookup_bench" insmod /lib/bench-modules/lookup_bench.ko
[ -e $lb ] || { fail "lookup_bench" "no $lb after loading the module"; return 0; }

# field KEY: the number after " KEY=" in the module's answer $r.
field() { echo " $r" | sed -n "s/.* $1=\([0-9]*\).*/\1/p"; }
# lookup STATE KIND REQUEST: run REQUEST (see the module) 5 times; every
# run must find folios and no page that disagrees with its folio.
lookup() {
	heads='' tails='' flags='' bad=''
	for _ in 1 2 3 4 5; do
		if ! echo "$3" >$lb 2>/dev/null; then
			fail "$2 lookups, $1" "request '$3' refused"; return
		fi
		r=$(cat $lb)
		n=$(field folios)
		[ "${n:-0}" -gt 0 ] || { fail "$2 lookups, $1" "no folios found for '$3': $r"; return; }
		heads="$heads $(field heads_ps)" tails="$tails $(field tails_ps)" flags="$flags $(field flags_ps)"
		bad=$(field bad)
		[ "$bad" = 0 ] || break
	done
	same "$2, $1: pages that miss their head ($n folios)" "$bad" 0
	heads=$(echo $heads | tr ' ' '\n' | samples -)
	tails=$(echo $tails | tr ' ' '\n' | samples -)
	flags=$(echo $flags | tr ' ' '\n' | samples -)
	pass "$2 lookups, $1 (ps per loop iteration: heads $heads; tails $tails; PageHead+PageTail $flags)"
	result test=folio-lookup state="$1" kind="$2" heads_ps="$heads" tails_ps="$tails" flags_ps="$flags"
}
# loops FOLIOS ORDER: passes for about 2^20 lookups of tails.
loops() { l=$(( (1 << 20) / ($1 << $2) )); echo $(( l < 1 ? 1 : l )); }
thp() { lookup "$1" "THP 2M" "thp 9 $(loops 128 9)"; }
devdax() { lookup "$1" "devdax 2M --map=dev" "pfn $dax_pfn 1024 9 $(loops 1024 9)"; }
hugetlb() {
	lookup "$1" "HugeTLB 2M" "hugetlb 9 $(loops 64 9)"
	lookup "$1" "HugeTLB 1G" "hugetlb 18 1"
}

mkdir -p /mnt/thp
check "tmpfs with huge=always" mount -t tmpfs -o huge=always,size=256M none /mnt/thp
check "256 MiB of THP in a tmpfs file" dd if=/dev/zero of=/mnt/thp/f bs=1M count=256
step "THP only"
thp "THP only"

step "a devdax namespace"
out=$(ndctl create-namespace -f -e namespace0.0 --mode=devdax --map=dev --align=2M 2>&1) ||
	{ fail "create devdax 2M --map=dev" "$(echo "$out" | tail -2 | tr '\n' ' ')"; return 0; }
pass "create devdax 2M --map=dev"
dev=$(created_dev "$out")
# The first data pfn: page 0 of the device's mapping.
dax_pfn=$(dump_pages "$dev" 2 0 | awk '{ print $2 }')
expect "first data pfn of $dev" "${dax_pfn:-0}" -gt 0
thp "a devdax namespace"
devdax "a devdax namespace"

step "HugeTLB pools beside the namespace"
echo 64 >$hp/hugepages-2048kB/nr_hugepages
echo 2 >$hp/hugepages-1048576kB/nr_hugepages
same "2M and 1G pools" "$(cat $hp/hugepages-2048kB/nr_hugepages) $(cat $hp/hugepages-1048576kB/nr_hugepages)" "64 2"
thp "HugeTLB and a devdax namespace"
devdax "HugeTLB and a devdax namespace"
hugetlb "HugeTLB and a devdax namespace"

step "HugeTLB pools alone"
check "destroy devdax" ndctl destroy-namespace -f namespace0.0
thp "HugeTLB"
hugetlb "HugeTLB"
echo 0 >$hp/hugepages-2048kB/nr_hugepages
echo 0 >$hp/hugepages-1048576kB/nr_hugepages
check "unload lookup_bench" rmmod lookup_bench
rm -f /mnt/thp/f
umount /mnt/thp
