# pmem: 64G
# timeout: 900
# checks: 172
# Issue 3 acceptance: 20 create/enable/disable/destroy cycles mixing devdax
# 2M and 1G (--map=dev and --map=mem) and fsdax --map=dev on one 64 GiB
# NVDIMM.  Each namespace takes the expected memmap pages (1 per compound
# page when deduplicated), carries data through mmap, and each disable and
# destroy returns nr_memmap_pages, the altmap references and MemFree.
configs="devdax-2M-dev devdax-1G-dev fsdax-2M-dev devdax-2M-mem devdax-1G-mem"
cycles=${CYCLES:-20}
raw=$(ndctl list -n namespace0.0 | json_num size)
pages0=$(vmstat nr_memmap_pages)
slack=$(memfree_slack_kb)
free0=
worst=0

# sample_memfree: f, MemFree now, and d, its drift from the start either way.
sample_memfree() {
	f=$(memfree_kb)
	[ -n "$free0" ] || free0=$f
	d=$(( f > free0 ? f - free0 : free0 - f ))
}

# back_to_start WHAT: memmap pages, altmap references and MemFree as at the start.
back_to_start() {
	p=$(vmstat nr_memmap_pages); r=$(altmap_refs); sample_memfree
	first=
	# The kernel frees and allocates on its own too (RCU callbacks,
	# workqueues): a drift past the slack is sampled once more, after a
	# pause, and only one that stays is a failure; a leak stays.
	if [ $d -gt "$slack" ]; then
		first="first $((f - free0)) KiB, "
		sleep 2; sample_memfree
	fi
	[ $d -le $worst ] || worst=$d
	if [ "$p" = "$pages0" ] && [ "$r" = 0 ] && [ $d -le "$slack" ]; then
		pass "$1: memmap pages $p, altmap refs $r, MemFree drift ${d} KiB${first:+ (${first%, } before a pause)}"
	else
		fail "$1" "memmap pages $p (start $pages0), altmap refs $r (want 0), MemFree drift ${d} KiB (max $slack; ${first}MemFree $((f - free0)) KiB from the start, $(meminfo_kb Slab) KiB slab, $(meminfo_kb Percpu) KiB percpu, $(meminfo_kb VmallocUsed) KiB vmalloc)"
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
