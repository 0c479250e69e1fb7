# pmem: 32G 32G
# numa: 1 2
# memory: 4G
# timeout: 900
# checks: 120
# kernel: base patched
# A server's shape: two sockets, each a NUMA node with a CPU and half the
# RAM; one NVDIMM on node 1 and one in a proximity domain with neither
# CPU nor RAM (node 2), as the pmem of some servers is: Linux gives such
# a region the nearest node with memory as its numa_node and keeps the
# domain as its target_node.  On each region, devdax 4K, 2M and 1G and
# fsdax 2M with --map=mem and --map=dev: data written and checked across
# disable and enable; a memmap in RAM comes from the region's numa_node,
# not from the other node, and goes back to it when the namespace goes
# back to raw, with every memmap page and all the machine's free memory.
same "nodes with memory" "$(cat /sys/devices/system/node/has_memory)" "0-1"
same "possible nodes" "$(cat /sys/devices/system/node/possible)" "0-2"
# A node's free memory can read several MiB off for a while after a
# namespace's teardown while the machine's is back (8 MiB, seen on base
# only, 2026-12-08; not understood): a memmap in RAM of 32 MiB or more
# is weighed per node, to three quarters of it; a smaller one (1G, and
# every --map=dev's page of tails) only on the whole machine.
weigh_kb=32768
seed=41
for r in region0 region1; do
	ns=namespace${r#region}.0
	node=$(cat /sys/bus/nd/devices/$r/numa_node) target=$(cat /sys/bus/nd/devices/$r/target_node)
	# The NVDIMM on node 1 is on node 1; the one in node 2 is on node 0,
	# first in node 2's fallback order.
	case $target in
	1) same "$r (target node 1): numa_node" "$node" 1 ;;
	2) same "$r (target node 2, no memory): numa_node" "$node" 0 ;;
	*) fail "$r: target_node" "got '$target', want 1 or 2"; continue ;;
	esac
	other=$((1 - node))
	for cfg in devdax-4K-mem devdax-2M-mem devdax-1G-mem fsdax-2M-mem devdax-2M-dev devdax-1G-dev fsdax-2M-dev; do
		parse_cfg "$cfg"
		what="$r node $node: $mode $align --map=$map"
		step "numa: $what"
		pages0=$(vmstat nr_memmap_pages) free0=$(memfree_kb)
		node0=$(memfree_kb "$node") other0=$(memfree_kb "$other")
		if ! out=$(ndctl create-namespace -f -e "$ns" --mode="$mode" --map="$map" --align="$align" 2>&1); then
			fail_step "$what: create" "$(echo "$out" | tail -2 | tr '\n' ' ')"; continue
		fi
		pass "$what: create"
		memmap_kb=$(( ($(vmstat nr_memmap_pages) - pages0) * 4 ))
		weigh=0
		[ "$map" = mem ] && [ "$memmap_kb" -ge $weigh_kb ] && weigh=1
		if [ $weigh = 1 ]; then
			node1=$(memfree_kb "$node")
			expect "$what: KiB taken from node $node (memmap $memmap_kb KiB)" \
				$((node0 - node1)) -ge $((memmap_kb * 3 / 4))
			expect "$what: KiB taken from node $other" \
				$((other0 - $(memfree_kb "$other"))) -le $((memmap_kb / 4))
		fi
		dev=$(created_dev "$out")
		check "$what: write data to $dev" pmem-pattern write "$dev" $seed
		check "$what: disable and enable" sh -c "ndctl disable-namespace $ns && ndctl enable-namespace $ns"
		check "$what: data intact after enable" pmem-pattern verify "$dev" $seed
		seed=$((seed + 1))
		check "$what: back to raw" ndctl create-namespace -f -e "$ns" --mode=raw
		same "$what: memmap pages back" "$(vmstat nr_memmap_pages)" "$pages0"
		[ $weigh = 0 ] || expect "$what: KiB given back to node $node" \
			$(($(memfree_kb "$node") - node1)) -ge $((memmap_kb * 3 / 4))
		memfree_settle "$free0"
		expect "$what: free memory back, drift KiB${drift_note:+ ($drift_note)}" "$drift" -le "$(memfree_slack_kb)"
	done
done
