# pmem: 64G
# timeout: 900
# checks: 192
# Issue 3 acceptance: 20 create/enable/disable/destroy cycles mixing devdax
# 2M and 1G (--map=dev and --map=mem) and fsdax --map=dev on one 64 GiB
# NVDIMM.  Each namespace takes the expected memmap pages (1 per compound
# page when deduplicated) and, with --map=dev, at least as many altmap pfns
# (CONFIG_DEBUG_VM), carries data through mmap, and each disable and
# destroy returns nr_memmap_pages, the altmap pfns in use and MemFree.
configs="devdax-2M-dev devdax-1G-dev fsdax-2M-dev devdax-2M-mem devdax-1G-mem"
cycles=${CYCLES:-20}
raw=$(ndctl list -n namespace0.0 | json_num size)
pages0=$(vmstat nr_memmap_pages)
slack=$(memfree_slack_kb)
free0=
worst=0

# back_to_start WHAT: memmap pages, altmap references and MemFree as at the start.
back_to_start() {
	p=$(vmstat nr_memmap_pages); r=$(altmap_refs)
	[ -n "$free0" ] || free0=$(memfree_kb)
	memfree_settle "$free0"
	[ $drift -le $worst ] || worst=$drift
	if [ "$p" = "$pages0" ] && [ "$r" = 0 ] && [ $drift -le "$slack" ]; then
		pass "$1: memmap pages $p, altmap refs $r, MemFree drift ${drift} KiB${drift_note:+ ($drift_note)}"
	else
		fail "$1" "memmap pages $p (start $pages0), altmap refs $r (want 0), MemFree drift ${drift} KiB (max $slack; ${drift_note:+$drift_note; }$(meminfo_kb Slab) KiB slab, $(meminfo_kb Percpu) KiB percpu, $(meminfo_kb VmallocUsed) KiB vmalloc)"
	fi
}

i=0
while [ $i -lt "$cycles" ]; do
	set -- $configs; shift $(( i % $# )); cfg=$1
	parse_cfg "$cfg"
	n="cycle $((i + 1)) $cfg"
	step "$n"
	if ! out=$(ndctl create-namespace -f -e namespace0.0 --mode="$mode" --map="$map" --align="$align" 2>&1); then
		fail "$n: create" "$(echo "$out" | tail -2 | tr '\n' ' ')"; i=$((i + 1)); continue
	fi
	want=$(expected_memmap_pages "$mode" "$align" "$map" "$raw" "$(cat /sys/bus/nd/devices/namespace0.0/resource)")
	expect "$n: memmap pages" $(( $(vmstat nr_memmap_pages) - pages0 )) -eq "$want"
	# The altmap's pfns in use, counted or not: at least the memmap there.
	r=$(altmap_refs)
	if [ "$r" != none ] && [ "$map" = dev ]; then expect "$n: altmap pfns in use" "$r" -ge "$want"
	elif [ "$r" != none ]; then expect "$n: altmap pfns in use" "$r" -eq 0; fi
	if [ "$mode" = devdax ]; then
		dev=/dev/$(ns_chardev namespace0.0)
		check "$n: data through $dev" sh -c "pmem-pattern write $dev $i && pmem-pattern verify $dev $i"
	fi
	check "$n: disable" ndctl disable-namespace namespace0.0
	back_to_start "$n: after disable"
	check "$n: enable" ndctl enable-namespace namespace0.0
	expect "$n: memmap pages after enable" $(( $(vmstat nr_memmap_pages) - pages0 )) -eq "$want"
	[ "$mode" != devdax ] || check "$n: data kept across disable/enable" pmem-pattern verify "$dev" "$i"
	check "$n: destroy" ndctl destroy-namespace -f namespace0.0
	back_to_start "$n: after destroy"
	i=$((i + 1))
done
result cycles="$cycles" memfree_worst_drift_kb="$worst"
