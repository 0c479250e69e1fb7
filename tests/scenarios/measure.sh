# pmem: 64G
# timeout: 1500
# check: no
# The demo's and the bench's measurements: for each configuration,
# reconfigure the whole NVDIMM and report usable size, reserve, memmap
# pages (in device memory with --map=dev, in RAM with --map=mem), the RAM
# an enable takes (MemFree before and after: RAM memmap plus the vmemmap
# page tables and bookkeeping), and create, enable,
# memmap_init_zone_device, disable and destroy times, medians over the
# repeats.
# bench.args=cfg,cfg,...[,repeat=N] picks configurations
# (mode-align-map[-compact]) and how many creates and enables to time
# (default 1).  "-compact" creates the namespace with
# libnvdimm.compact_memmap_reserve on; a kernel without it (base) skips
# those configurations, and the reports compare them with its default.
configs= repeat=1
for w in $(bench_args); do
	case "$w" in repeat=*) repeat=${w#repeat=} ;; *) configs="$configs $w" ;; esac
done
configs=${configs:-devdax-2M-dev devdax-2M-dev-compact devdax-2M-mem devdax-1G-dev devdax-1G-dev-compact devdax-1G-mem fsdax-2M-dev}
compact_param=/sys/module/libnvdimm/parameters/compact_memmap_reserve
raw=$(ndctl list -n namespace0.0 | json_num size)
result config=raw raw=$raw repeat=$repeat

for cfg in $configs; do
	mode=${cfg%%-*}; rest=${cfg#*-}; align=${rest%%-*}; map=${rest#*-}
	compact=N
	case "$map" in *-compact) map=${map%-compact}; compact=Y ;; esac
	if [ -w $compact_param ]; then echo $compact >$compact_param
	elif [ $compact = Y ]; then echo "measure: $cfg: no compact reserve in this kernel"; continue; fi
	: >/tmp/create_ms; : >/tmp/enable_ms; : >/tmp/init_ms; : >/tmp/ram_kb
	: >/tmp/disable_ms; : >/tmp/destroy_ms
	i=0 ok=1
	while [ $i -lt "$repeat" ] && [ $ok = 1 ]; do
		i=$((i + 1))
		step "measure $cfg ($i/$repeat)"
		# Each create starts from a raw namespace (no memmap at all).
		ndctl create-namespace -f -e namespace0.0 --mode=raw >/dev/null 2>&1 ||
			fail "reset to raw before $cfg" "create-namespace --mode=raw failed"
		pages0=$(vmstat nr_memmap_pages)
		t=$(now_us)
		if ! out=$(ndctl create-namespace -f -e namespace0.0 --mode="$mode" --map="$map" --align="$align" 2>&1); then
			fail "create $cfg" "$(echo "$out" | tail -2 | tr '\n' ' ')"
			ok=0; break
		fi
		ms_since "$t" >>/tmp/create_ms
		size=$(echo "$out" | json_num size)
		pages=$(( $(vmstat nr_memmap_pages) - pages0 ))
		ndctl disable-namespace namespace0.0 >/dev/null 2>&1 || { fail "disable $cfg" "disable-namespace failed"; ok=0; break; }
		free0=$(memfree_kb)
		t=$(now_us)
		ndctl enable-namespace namespace0.0 >/dev/null 2>&1 || { fail "enable $cfg" "enable-namespace failed"; ok=0; break; }
		ms_since "$t" >>/tmp/enable_ms
		echo $(( free0 - $(memfree_kb) )) >>/tmp/ram_kb
		last_memmap_init_ms >>/tmp/init_ms
		if [ "$mode" = devdax ]; then
			dev=/dev/$(ns_chardev namespace0.0)
			check "data $cfg ($i/$repeat)" sh -c "pmem-pattern write $dev 5 && pmem-pattern verify $dev 5"
		fi
		# Teardown: disable (memunmap, vmemmap and page tables freed),
		# then enable again and destroy.
		t=$(now_us)
		ndctl disable-namespace namespace0.0 >/dev/null 2>&1 || { fail "disable $cfg" "disable-namespace failed"; ok=0; break; }
		ms_since "$t" >>/tmp/disable_ms
		ndctl enable-namespace namespace0.0 >/dev/null 2>&1 || { fail "enable $cfg again" "enable-namespace failed"; ok=0; break; }
		t=$(now_us)
		ndctl destroy-namespace -f namespace0.0 >/dev/null 2>&1 || { fail "destroy $cfg" "destroy-namespace failed"; ok=0; break; }
		ms_since "$t" >>/tmp/destroy_ms
	done
	[ $ok = 1 ] || continue
	pass "create, enable, disable and destroy $cfg ($repeat times)"
	dev_pages=$pages ram_pages=0
	[ "$map" = dev ] || { dev_pages=0 ram_pages=$pages; }
	result config="$cfg" usable="$size" reserve=$((raw - size)) memmap_pages="$pages" \
		memmap_dev_pages="$dev_pages" memmap_ram_pages="$ram_pages" \
		enable_ram_kb="$(median </tmp/ram_kb)" create_ms="$(median </tmp/create_ms)" \
		enable_ms="$(median </tmp/enable_ms)" init_ms="$(median </tmp/init_ms)" \
		disable_ms="$(median </tmp/disable_ms)" destroy_ms="$(median </tmp/destroy_ms)"
done
