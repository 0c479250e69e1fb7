# The bench's one implementation of the memmap arithmetic, POSIX shell:
# sourced by guest/lib.sh in the guest (as /bench/memmap.sh) and by host
# tests (tests/compat-info-block.sh).  These are the test oracles, written
# from the documented layout (Documentation/mm/vmemmap_dedup.rst and
# driver-api/nvdimm/pfn-info-block.rst in the series), not from its code.

# numfmt_b SIZE: bytes of 4K, 2M, 1G, 1T or a plain number; anything else
# (64g, 1.5G, an empty string) is an error, said on stderr.
numfmt_b() {
	case "$1" in
	'' | *[!0-9KMGT]* | *[KMGT]*[0-9KMGT] | [KMGT]*)
		echo "numfmt_b: '$1' is not a size (a number, optionally with K, M, G or T)" >&2; return 1 ;;
	*K) echo $(( ${1%K} << 10 )) ;; *M) echo $(( ${1%M} << 20 )) ;;
	*G) echo $(( ${1%G} << 30 )) ;; *T) echo $(( ${1%T} << 40 )) ;; *) echo "$1" ;;
	esac
}
# unshared_memmap_pages SIZE: vmemmap pages of SIZE bytes at 64 B per 4 KiB page.
unshared_memmap_pages() { echo $(( $1 / 4096 * 64 / 4096 )); }

# expected_memmap_pages MODE ALIGN MAP SIZE [START]: vmemmap pages a namespace
# of SIZE bytes at physical address START (default: aligned) should take.
# When deduplicated: compound pages sit on ALIGN-aligned pfns, PER_COMPOUND
# vmemmap pages each; the pages in front of the first (info block, reserve,
# and whatever precedes the aligned data) 64 B each; the range ends at an
# ALIGN boundary.  Not deduplicated: 64 B per page of SIZE.  DEDUP_DEV=0
# says the kernel shares no tails with --map=dev (the base kernel).
# PER_COMPOUND (default 1: the series keeps the head's vmemmap page only)
# is 2 for base's --map=mem and in the compact format's layout 1.  With 1,
# the device's one page of tails, in RAM, counts too once it has a compound
# page (TAILS_PAGE=0: what the device's own memory holds, no such page).
expected_memmap_pages() {
	a=$(numfmt_b "$2") start=${5:-0}
	if [ "$1" = devdax ] && [ "$a" -gt 4096 ] && { [ "$3" = mem ] || [ "${DEDUP_DEV:-1}" = 1 ]; }; then
		first=$(( (start + a - 1) / a * a )) end=$(( (start + $4) / a * a ))
		[ "$end" -ge "$first" ] || end=$first
		tails=0
		[ "${PER_COMPOUND:-1}" = 1 ] && [ "$end" -gt "$first" ] && tails=${TAILS_PAGE:-1}
		echo $(( $(unshared_memmap_pages $((first - start))) + (end - first) / a * ${PER_COMPOUND:-1} + tails ))
	else
		unshared_memmap_pages "$4"
	fi
}

# ram_tails_pages MODE ALIGN MAP SIZE [START]: of expected_memmap_pages,
# the pages that stay in RAM whatever MAP: the namespace's page of tails.
ram_tails_pages() {
	echo $(( $(expected_memmap_pages "$@") - $(TAILS_PAGE=0 expected_memmap_pages "$@") ))
}

# compact_usable SIZE ALIGN START: usable bytes of a devdax --map=dev
# namespace of SIZE bytes at physical address START created with the
# compact reserve, by the format's formula (pfn-info-block.rst): the 8 KiB
# info block area, then the memmap with shared tails (COMPACT_LAYOUT 2, the
# default: 1 page per compound page; 1: 2 pages) and a page table per
# 128 MiB block the namespace touches up to its last ALIGN boundary (what
# lies past that is truncated, as with any reserve), then the data from
# the next ALIGN boundary.
compact_usable() {
	size=$(numfmt_b "$1") align=$(numfmt_b "$2") start=$3 blk=$((128 << 20))
	end=$(( (start + size) / align * align ))
	tables=$(( (end + blk - 1) / blk - start / blk ))
	per=$(( 3 - ${COMPACT_LAYOUT:-2} ))
	need=$(( 8192 + ($(TAILS_PAGE=0 PER_COMPOUND=$per expected_memmap_pages devdax "$2" dev "$size" "$start") + tables) * 4096 ))
	echo $(( end - (start + need + align - 1) / align * align ))
}
