# pmem: 64G
# timeout: 1500
# check: no
# The demo's measurements: for each configuration, reconfigure the whole
# NVDIMM and report usable size, reserve, memmap pages, create/enable time.
# bench.args=cfg,cfg,... picks configurations (mode-align-map).
configs=$(sed -n 's/.*bench\.args=\([^ ]*\).*/\1/p' /proc/cmdline | tr , ' ')
configs=${configs:-devdax-2M-dev devdax-2M-mem devdax-1G-dev devdax-1G-mem fsdax-2M-dev}
raw=$(ndctl list -n namespace0.0 | json_num size)
result config=raw raw=$raw

for cfg in $configs; do
	mode=${cfg%%-*}; rest=${cfg#*-}; align=${rest%%-*}; map=${rest#*-}
	step "measure $cfg"
	# Start each configuration from a raw namespace (no memmap at all).
	ndctl create-namespace -f -e namespace0.0 --mode=raw >/dev/null 2>&1 ||
		fail "reset to raw before $cfg" "create-namespace --mode=raw failed"
	pages0=$(vmstat nr_memmap_pages)
	t=$(now_us)
	if ! out=$(ndctl create-namespace -f -e namespace0.0 --mode="$mode" --map="$map" --align="$align" 2>&1); then
		fail "create $cfg" "$(echo "$out" | tail -2 | tr '\n' ' ')"
		continue
	fi
	create_ms=$(ms_since "$t")
	pass "create $cfg"
	size=$(echo "$out" | json_num size)
	pages=$(( $(vmstat nr_memmap_pages) - pages0 ))
	check "disable $cfg" ndctl disable-namespace namespace0.0
	t=$(now_us)
	check "enable $cfg" ndctl enable-namespace namespace0.0
	enable_ms=$(ms_since "$t")
	init_ms=$(last_memmap_init_ms)
	if [ "$mode" = devdax ]; then
		dev=/dev/$(ns_chardev namespace0.0)
		check "data $cfg" sh -c "pmem-pattern write $dev 5 && pmem-pattern verify $dev 5"
	fi
	result config="$cfg" usable="$size" reserve=$((raw - size)) memmap_pages="$pages" \
		create_ms="$create_ms" enable_ms="$enable_ms" init_ms="${init_ms:-?}"
done
check "destroy namespace" ndctl destroy-namespace -f namespace0.0
