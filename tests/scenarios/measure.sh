# pmem: 64G
# timeout: 1500
# check: no
# The demo's and the bench's measurements, on the timing kernels
# (config/timing.config: no DEBUG_VM memmap poisoning).  For each
# configuration, REPEAT times from a raw namespace: ndctl create, the
# kernel's own unbind and bind of the driver that maps the struct pages
# (device_dax, or nd_pmem for fsdax: memremap, vmemmap population, memmap
# init; and their teardown), ndctl disable, enable and destroy.  Reports
# usable size, reserve, memmap pages (device memory with --map=dev, RAM with
# --map=mem), the RAM a bind takes (MemFree before and after: RAM memmap,
# vmemmap page tables, bookkeeping) and every time as the list of its
# samples: the host takes medians and spreads (tests/results-table.sh).
# Also the rate memmap init wrote struct pages at (the memmap pages a
# namespace takes, written once each, over memmap_init_zone_device's time)
# against the guest's own store bandwidth over as many bytes (store-bw,
# up to half the available RAM), and the one as a share of the other:
# against store-bw's first pass, whose pages are new to the TLB as a
# bind's memmap is (a reference rate, not a hard bound), and against its
# fastest (stores alone).
# bench.args=cfg,cfg,...[,repeat=N] picks configurations
# (mode-align-map[-compact]) and rounds (default 1; a compact
# configuration gets one).  "-compact" creates
# the namespace with libnvdimm.compact_memmap_reserve on; a kernel without
# it (base) skips those configurations, and the reports compare them with
# its default.
configs='' repeat=1
for w in $(bench_args); do
	case "$w" in repeat=*) repeat=${w#repeat=} ;; *) configs="$configs $w" ;; esac
done
configs=${configs:-devdax-2M-dev devdax-2M-dev-compact devdax-2M-mem devdax-1G-dev devdax-1G-dev-compact devdax-1G-mem fsdax-2M-dev}
compact_param=/sys/module/libnvdimm/parameters/compact_memmap_reserve
times="create_ms unbind_ms bind_ms init_ms disable_ms enable_ms destroy_ms ram_kb init_mbps store_mbps init_pct cold_store_mbps init_cold_pct"
raw=$(ndctl list -n namespace0.0 | json_num size)
result config=raw raw=$raw repeat=$repeat

# timed KEY CMD...: run CMD, append its wall time (ms) to /tmp/m.KEY.
timed() {
	k=$1; shift
	t=$(now_us)
	"$@" >/tmp/m.out 2>&1 || return 1
	ms_since "$t" >>"/tmp/m.$k"
}
# bandwidth PAGES INIT_MS: MB/s of a memmap init that wrote PAGES vmemmap
# pages in INIT_MS, and of plain stores over as many bytes; nothing for an
# init too short for the jiffies it is timed in.
bandwidth() {
	[ "$2" -gt 0 ] || return 0
	bytes=$(( $1 * 4096 )) avail=$(( $(meminfo_kb MemAvailable) * 512 ))
	init=$(( bytes / 1000 / $2 ))
	store=$(store-bw $(( bytes < avail ? bytes : avail ))) || return 1
	set -- $store
	[ $# -eq 2 ] || return 1
	echo "$init" >>/tmp/m.init_mbps
	echo "$2" >>/tmp/m.store_mbps
	echo $(( init * 100 / $2 )) >>/tmp/m.init_pct
	echo "$1" >>/tmp/m.cold_store_mbps
	echo $(( init * 100 / $1 )) >>/tmp/m.init_cold_pct
}
# sysfs_write FILE WORD: a write a failed bind or unbind can't hide.
sysfs_write() { echo "$2" >"$1"; }

# measure_once: one round of the configuration parse_cfg set; prints why
# it failed, if it did.
measure_once() {
	ndctl create-namespace -f -e namespace0.0 --mode=raw >/dev/null 2>&1 || { echo "reset to raw failed"; return 1; }
	pages0=$(vmstat nr_memmap_pages)
	timed create_ms ndctl create-namespace -f -e namespace0.0 --mode="$mode" --map="$map" --align="$align" ||
		{ tail -2 /tmp/m.out; return 1; }
	size=$(json_num size </tmp/m.out)
	pages=$(( $(vmstat nr_memmap_pages) - pages0 ))
	set -- $(kdriver_dev namespace0.0)
	drv=$1 dev=$2
	[ -n "$dev" ] && [ -e "$drv/$dev" ] || { echo "no $dev bound to $drv"; return 1; }
	timed unbind_ms sysfs_write "$drv/unbind" "$dev" || { echo "unbind $dev failed"; return 1; }
	free0=$(memfree_kb)
	timed bind_ms sysfs_write "$drv/bind" "$dev" || { echo "bind $dev failed"; return 1; }
	echo $(( free0 - $(memfree_kb) )) >>/tmp/m.ram_kb
	last_memmap_init_ms >>/tmp/m.init_ms
	bandwidth "$pages" "$(tail -1 /tmp/m.init_ms)" || { echo "store-bw failed"; return 1; }
	cdev=/dev/$(ns_chardev namespace0.0)
	if [ "$mode" = devdax ]; then
		pmem-pattern write "$cdev" 5 && pmem-pattern verify "$cdev" 5 || { echo "data after bind"; return 1; }
	fi
	timed disable_ms ndctl disable-namespace namespace0.0 || { echo "disable failed"; return 1; }
	timed enable_ms ndctl enable-namespace namespace0.0 || { echo "enable failed"; return 1; }
	if [ "$mode" = devdax ]; then
		pmem-pattern verify "$cdev" 5 || { echo "data after enable"; return 1; }
	fi
	timed destroy_ms ndctl destroy-namespace -f namespace0.0 || { echo "destroy failed"; return 1; }
}

for cfg in $configs; do
	parse_cfg "$cfg"
	if [ -w $compact_param ]; then echo $compact >$compact_param
	elif [ $compact = Y ]; then echo "measure: $cfg: no compact reserve in this kernel"; continue; fi
	for k in $times; do : >"/tmp/m.$k"; done
	# A compact reserve changes the media, not the run-time path: one
	# round gives its sizes.
	rounds=$repeat; [ $compact = N ] || rounds=1
	i=0 why=
	while [ $i -lt "$rounds" ]; do
		i=$((i + 1))
		step "measure $cfg ($i/$rounds)"
		measure_once >/tmp/m.why || { why=$(cat /tmp/m.why); break; }
	done
	if [ -n "$why" ] || [ "$(wc -l </tmp/m.destroy_ms)" != "$rounds" ]; then
		fail "measure $cfg (round $i)" "${why:-incomplete}"
		continue
	fi
	pass "create, unbind, bind, disable, enable and destroy $cfg ($rounds times, data verified)"
	# A namespace's page of tails is in RAM, with --map=dev too; with
	# --map=dev there is one only where the kernel shares tails there.
	dedup=0
	[ "$(cat /sys/module/kernel/parameters/vmemmap_altmap_dedup 2>/dev/null)" = Y ] && dedup=1
	tails=$(DEDUP_DEV=$dedup ram_tails_pages "$mode" "$align" "$map" "$raw")
	dev_pages=$((pages - tails)) ram_pages=$tails
	[ "$map" = dev ] || { dev_pages=0 ram_pages=$pages; }
	line="config=$cfg usable=$size reserve=$((raw - size)) memmap_pages=$pages"
	line="$line memmap_dev_pages=$dev_pages memmap_ram_pages=$ram_pages"
	for k in $times; do line="$line $k=$(samples "/tmp/m.$k")"; done
	result "$line"
done
