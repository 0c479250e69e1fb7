# pmem: 4G
# memory: 12G
# timeout: 900
# check: no
# checks: 30
# append: hugetlb_free_vmemmap=on
# HugeTLB vmemmap optimization next to a device-dax namespace (issue 24).
# Needs CONFIG_HUGETLBFS (the timing and debug kernels have it; make
# check's kernels do not, so make check leaves it out: make bench boots it
# on the base and patched timing kernels, make check-debug on the debug
# kernel).  A pool of 64 2M pages and one of two 1G pages are made at
# run time.  For each size: the vmemmap pages HugeTLB keeps per
# huge page (nr_memmap_pages + nr_memmap_boot_pages, before and after the
# pool changes), pages of a hugetlbfs file mapped, written and looked up
# through compound_head() (dump_page(): the head, a tail in the head's
# vmemmap page, the first of the next vmemmap page (a fake head on base),
# the last tail, the next folio's head),
# then the same with a devdax namespace present and after it is gone.  A
# 1G page is freed and another demoted to 2M pages (on base only with
# bench.args=demote, see below), and every pool goes back to empty with
# the memmap pages accounted for.  A kernel whose tails keep a mask
# (patched, x86-64) maps the tail vmemmap pages of every optimized huge
# page to one read-only page of tails per zone and huge page size, kept
# for the kernel's lifetime: a first round of the same pools, made and
# freed, counts those pages (base: none), so the counts after it see only
# what each pool takes.
hp=/sys/kernel/mm/hugepages
needs "hugetlbfs" $hp/hugepages-2048kB/nr_hugepages "*" || return 0
memmap() { echo $(( $(vmstat nr_memmap_pages) + $(vmstat nr_memmap_boot_pages) )); }
nr() { cat "$hp/hugepages-${1}kB/nr_hugepages"; }
# per_folio PAGES: vmemmap pages of one folio of PAGES pages, 64 B each
# (the struct page of these kernels) and unshared.
per_folio() { unshared_memmap_pages $(( $1 * 4096 )); }

same "hugetlb_free_vmemmap on" "$(cat /proc/sys/vm/hugetlb_optimize_vmemmap)" 1
mkdir -p /mnt/h2m /mnt/h1g
check "mount hugetlbfs 2M" mount -t hugetlbfs -o pagesize=2M none /mnt/h2m
check "mount hugetlbfs 1G" mount -t hugetlbfs -o pagesize=1G none /mnt/h1g

# folios FILE MB NR WHAT: dump pages 0, 1, 64, NR-1 and NR of FILE (the
# first two folios of NR pages): each must be in a folio of order log2(NR)
# that starts at page 0 or page NR.
folios() {
	order=9; [ "$3" = 512 ] || order=18
	if ! pages=$(dump_pages "$1" "$2" 0 1 64 $(($3 - 1)) "$3") || [ "$(echo "$pages" | wc -l)" != 5 ]; then
		fail "$4: dump pages 0 1 64 $(($3 - 1)) $3" "gup_test or dump_page() output missing: $pages"; return
	fi
	bad='' first=
	for k in 0 1 64 $(($3 - 1)) "$3"; do
		read -r _ pfn o
		[ -n "$first" ] || first=$pfn
		[ "$o" = $order ] || bad="$bad page $k: order $o;"
		# Folios of a hugetlbfs file need not be contiguous.
		[ "$k" = "$3" ] || [ "$pfn" = $((first + k)) ] ||
			bad="$bad page $k: pfn $pfn, want $((first + k));"
	done <<EOF
$pages
EOF
	if [ -z "$bad" ]; then pass "$4: pages 0 1 64 $(($3 - 1)) $3 in folios of order $order"
	else fail "$4: pages 0 1 64 $(($3 - 1)) $3 in folios of order $order" "$bad"; fi
}
# pins FILE MB WHAT: pin_user_pages_fast over MB MiB of FILE.
pins() { check "$3: pin_user_pages_fast" sh -c "gup_test -a -S -w -f $1 -m $2 -n 512 | grep -q '^ok 1'"; }

# lookups STATE: read /proc/kpageflags for every pfn, 5 times, and report
# the times: stable_page_flags() looks up the folio of every page (head,
# tail, order 0: compound_head(), page_folio(), PageHead() and the like),
# including the HugeTLB and THP folios about.  Device pages are not in it
# (the pins of scenario gup-pin look those up).
lookups() {
	t=$(for _ in 1 2 3 4 5; do
		t0=$(now_us)
		dd if=/proc/kpageflags of=/dev/null bs=64k 2>/dev/null || exit 1
		echo $(( $(now_us) - t0 ))
	done | samples -) || { fail "lookups, $1" "reading /proc/kpageflags failed"; return; }
	pass "lookups, $1 (us: $t)"
	result test=lookups state="$1" us="$t"
}
mkdir -p /mnt/thp
check "tmpfs with huge=always" mount -t tmpfs -o huge=always,size=256M none /mnt/thp
check "256 MiB of THP in a tmpfs file" dd if=/dev/zero of=/mnt/thp/f bs=1M count=256
thp=$(awk '$1 == "ShmemHugePages:" { print $2 }' /proc/meminfo)
expect "ShmemHugePages (KiB)" "${thp:-0}" -gt 0

# pool SIZE COUNT: make a pool of COUNT huge pages of SIZE (2M or 1G);
# pool_kept: the vmemmap pages HugeTLB keeps per huge page (the memmap
# pages the pool gave back, divided among its pages).
pool() {
	pool_kb=$(( $(numfmt_b "$1") / 1024 )) pool_pages=$(( $(numfmt_b "$1") / 4096 ))
	pool_before=$(memmap)
	echo "$2" >"$hp/hugepages-${pool_kb}kB/nr_hugepages"
	same "$1 pool of $2" "$(nr $pool_kb)" "$2"
	pool_kept=$(( $(per_folio $pool_pages) - (pool_before - $(memmap)) / $2 ))
	expect "$1: vmemmap pages kept per huge page" "$pool_kept" -le 1
	result test=hugetlb size="$1" vmemmap_per_page="$pool_kept" base_per_page="$(per_folio $pool_pages)"
}

# populated_zones: zones of this guest with pages the allocator manages.
populated_zones() { awk '$1 == "managed" && $2 > 0 { n++ } END { print n + 0 }' /proc/zoneinfo; }

step "pages of tails"
m0=$(memmap)
echo 64 >$hp/hugepages-2048kB/nr_hugepages
echo 2 >$hp/hugepages-1048576kB/nr_hugepages
echo 0 >$hp/hugepages-2048kB/nr_hugepages
echo 0 >$hp/hugepages-1048576kB/nr_hugepages
tails=$(( $(memmap) - m0 ))
case $(bench_kernel) in
base*) same "memmap pages kept after a first round of pools" "$tails" 0 ;;
*) # One per zone and size: at least 2, at most 2 per populated zone.
	expect "pages of tails kept after a first round of pools, one per size at least" "$tails" -ge 2
	expect "pages of tails kept after a first round of pools, one per zone and size at most" "$tails" -le $(( 2 * $(populated_zones) )) ;;
esac
result test=hugetlb tails_pages="$tails"

step "pools"
m0=$(memmap)
pool 2M 64
kept2m=$pool_kept
pool 1G 2
kept1g=$pool_kept
folios /mnt/h2m/f 4 512 "2M hugetlbfs"
pins /mnt/h2m/p 64 "2M hugetlbfs"
folios /mnt/h1g/f 2048 262144 "1G hugetlbfs"
rm -f /mnt/h1g/f /mnt/h2m/f /mnt/h2m/p

step "beside a devdax namespace"
if out=$(ndctl create-namespace -f -e namespace0.0 --mode=devdax --map=dev --align=2M 2>&1); then
	pass "create devdax 2M --map=dev"
	dev=$(created_dev "$out")
	folios "$dev" 4 512 "devdax 2M --map=dev"
	folios /mnt/h2m/f 4 512 "2M hugetlbfs beside devdax"
	lookups "HugeTLB optimized and a devdax namespace"
	rm -f /mnt/h2m/f
	check "destroy devdax" ndctl destroy-namespace -f namespace0.0
else
	fail "create devdax 2M --map=dev" "$(echo "$out" | tail -2 | tr '\n' ' ')"
fi
lookups "HugeTLB optimized"
folios /mnt/h2m/f 4 512 "2M hugetlbfs after devdax"
folios /mnt/h1g/f 2048 262144 "1G hugetlbfs after devdax"
rm -f /mnt/h1g/f /mnt/h2m/f

step "1G free"
m2=$(memmap)
echo 1 >$hp/hugepages-1048576kB/nr_hugepages
same "1G pool shrunk to 1" "$(nr 1048576)" 1
same "memmap pages the freed 1G page's vmemmap took back" "$(( $(memmap) - m2 ))" $(( $(per_folio 262144) - kept1g ))
# Base 6.12.118 restores the vmemmap of a folio as copies of its head's
# vmemmap page (the stable backport of "mm/hugetlb: refactor code around
# vmemmap_walk"): a demote then makes folio heads of the copies, flagged
# optimized with their vmemmap whole, and freeing them leaks 7 vmemmap
# pages each, 3577 per demoted 1G page; with page checks on (DEBUG_VM,
# init_on_free=1) freeing a restored folio reports Bad page state.  The
# series fixes it (patch 7); on base the demote runs with bench.args=demote.
case $(bench_kernel) in base*) demote=$(bench_args | grep -w demote) ;; *) demote=yes ;; esac
if [ -n "$demote" ]; then
	m2=$(memmap)
	echo 2048kB >$hp/hugepages-1048576kB/demote_size
	echo 1 >$hp/hugepages-1048576kB/demote
	same "1G page demoted" "$(nr 1048576)" 0
	same "2M pool after the demote" "$(nr 2048)" $((64 + 512))
	same "memmap pages after the demote (1G restored, 512 2M optimized)" \
		"$(( $(memmap) - m2 ))" $(( 512 * kept2m - kept1g ))
	folios /mnt/h2m/f 4 512 "2M hugetlbfs demoted"
	rm -f /mnt/h2m/f
else
	skip "1G demote" "base 6.12.118 leaks 7 vmemmap pages per 2M page a demote makes (patch 7 fixes it; bench.args=demote runs it here)"
fi
echo 0 >$hp/hugepages-2048kB/nr_hugepages
echo 0 >$hp/hugepages-1048576kB/nr_hugepages
same "pools empty" "$(nr 2048) $(nr 1048576)" "0 0"
same "memmap pages back to their count before the pools" "$(( $(memmap) - m0 ))" 0
umount /mnt/h2m /mnt/h1g

step "lookups without HugeTLB"
lookups "no HugeTLB, no devdax"
if out=$(ndctl create-namespace -f -e namespace0.0 --mode=devdax --map=dev --align=2M 2>&1); then
	pass "create devdax 2M --map=dev again"
	lookups "a devdax namespace"
	check "destroy devdax again" ndctl destroy-namespace -f namespace0.0
else
	fail "create devdax 2M --map=dev again" "$(echo "$out" | tail -2 | tr '\n' ' ')"
fi
rm -f /mnt/thp/f
umount /mnt/thp
