# pmem: 8G
# labels: 128K
# timeout: 900
# checks: 10
# kernel: patched
# expect-fail: base
# Device-dax maps its huge pages on the data's physical alignment, so the
# folio behind a data page must start on that grid too, wherever ndctl put
# the namespace.  For devdax --map=mem and --map=dev, 2M and 1G, at the
# region start and behind a pad namespace (144 MiB for 2M, 1184 MiB for
# 1G), map the first two compound pages of /dev/daxX.Y and dump pages 0,
# 1, NR-1 and NR with gup_test (dump_page() on the console).  dump_page()
# prints a page's index as its folio's index plus its place in the folio,
# and dax_set_mapping() gives a folio the file index of the first of its
# pages a fault maps: so every page must show its own file index and the
# folio order log2(NR), and the head pfn of the folio behind pages 0 and
# 1 (page pfn minus index) must be the data's first pfn, aligned to NR.
# Base 6.12 lays out compound pages from the start of the pgmap range,
# which for --map=mem behind a pad is not on the grid: run this scenario
# on base (KERNELS=base) to see it fail.
[ -e /sys/kernel/debug/gup_test ] || fail "gup_test" "no /sys/kernel/debug/gup_test (CONFIG_GUP_TEST)"
region=region0
psz=$(page-size)
check "init labels" sh -c "ndctl disable-region all && ndctl init-labels -f all && ndctl enable-region all"

# grid MAP ALIGN PAD: lay out the namespace, check the folio grid.
grid() {
	map=$1 align=$2 pad=$3
	name="$map $align at $pad"
	ndctl destroy-namespace -f all -r $region >/dev/null 2>&1
	if [ "$pad" != 0 ] &&
	   ! ndctl create-namespace -r $region -m raw -s "$pad" >/dev/null 2>&1; then
		fail "$name: pad namespace" "create failed"; return
	fi
	if ! out=$(ndctl create-namespace -r $region -m devdax -M "$map" -a "$align" -s 4G 2>&1); then
		fail_step "$name: create" "$(echo "$out" | tail -2 | tr '\n' ' ')"; return
	fi
	dev=$(created_dev "$out")
	nr=$(( $(numfmt_b "$align") / psz ))
	ns=$(echo "$out" | json_str dev)
	data=$(( $(ns_data_start "$ns") / psz ))
	if ! pages=$(dump_pages "$dev" $(($(numfmt_b "$align") * 2 >> 20)) 0 1 $((nr - 1)) "$nr") || [ "$(echo "$pages" | wc -l)" != 4 ]; then
		fail "$name: dump pages 0 1 $((nr - 1)) $nr of $dev" "gup_test or dump_page() output missing: $pages"; return
	fi
	# Each page's index must be its file index: the folio behind pages 0
	# and 1 starts at or before the data, its index is 0 (page 0 is the
	# first one the fault maps), so pfn - index is its head pfn.
	order=0; while [ $((1 << order)) -lt "$nr" ]; do order=$((order + 1)); done
	bad='' k=0
	while read -r index pfn o; do
		[ "$index" = $k ] && [ "$o" = $order ] ||
			bad="$bad page $k: index $index order $o (want $k, $order);"
		if [ $k -le 1 ] && [ $((pfn - index)) != $data ]; then
			bad="$bad page $k: folio head pfn $(printf %#x $((pfn - index))), data starts at $(printf %#x $data);"
		fi
		k=$((k + 1)); [ $k != 2 ] || k=$((nr - 1))
	done <<EOF
$pages
EOF
	[ $((data % nr)) = 0 ] || bad="$bad data pfn $(printf %#x $data) not aligned to $align;"
	if [ -z "$bad" ]; then
		pass "$name: folio heads on the data grid (data pfn $(printf %#x $data), namespace at $pad)"
	else
		fail "$name: folio heads on the data grid" "$bad"
	fi
}

for map in mem dev; do
	grid $map 2M 0
	grid $map 2M 144M
	grid $map 1G 0
	grid $map 1G 1184M
done
ndctl destroy-namespace -f all -r $region >/dev/null 2>&1
check "all namespaces destroyed" sh -c "! ndctl list -r $region -N | grep -q '\"mode\"'"
