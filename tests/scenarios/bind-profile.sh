# pmem: 64G
# timeout: 1500
# check: no
# Where the kernel's bind and unbind of a namespace's struct pages spend
# their time: for each configuration (bench.args=cfg,..., default
# devdax-2M-dev,devdax-1G-dev,devdax-2M-mem), the namespace is created,
# then its driver (device_dax, or nd_pmem for fsdax) unbound and bound
# again with the function_graph tracer on the steps below (the ones this
# kernel has as functions; ftrace needs the timing kernels,
# config/timing.config).  Per step: calls and total time, inclusive of
# the steps it calls.  Per-page helpers are left out on purpose: tracing
# 16 million calls would measure the tracer (so are the altmap puts of a
# --map=dev unbind, one per run of PTEs: 512 or more at 64 GiB).
# wait_for_completion is where an unbind waits for an RCU grace period
# (the pgmap's percpu_ref), time no step spends.
t=/sys/kernel/debug/tracing
[ -e $t/set_ftrace_filter ] || t=/sys/kernel/tracing
if [ ! -e $t/set_ftrace_filter ]; then
	fail "function_graph" "no ftrace in this kernel (build the timing kernels: config/timing.config)"
	return 0
fi
steps="dev_dax_probe pmem_attach_disk devm_memremap_pages memremap_pages pagemap_range
arch_add_memory init_memory_mapping add_pages __add_pages sparse_add_section section_activate __populate_section_memmap
vmemmap_populate vmemmap_populate_hugepages vmemmap_populate_compound_pages
vmemmap_populate_basepages vmemmap_populate_altmap_pte_tables vmem_altmap_alloc_refs
move_pfn_range_to_zone memmap_init_range memmap_init_zone_device sync_global_pgds
memunmap_pages pageunmap_range arch_remove_memory __remove_pages sparse_remove_section
section_deactivate depopulate_section_memmap vmemmap_free remove_pagetable
kernel_physical_mapping_remove remove_pfn_range_from_zone flush_tlb_all
percpu_ref_kill_and_confirm free_map_bootmem
vmemmap_tails_free kill_dev_dax wait_for_completion untrack_pfn"
configs=$(bench_args); configs=${configs:-devdax-2M-dev devdax-1G-dev devdax-2M-mem}

: >$t/set_ftrace_filter
traced=
for f in $steps; do
	echo "$f" >>$t/set_ftrace_filter 2>/dev/null && traced="$traced $f"
done
result profile=steps traced="$(echo $traced | tr ' ' ,)"
echo 1 >$t/options/funcgraph-tail
echo 16384 >$t/buffer_size_kb
echo 0 >$t/tracing_on
echo function_graph >$t/current_tracer

# graph_totals PHASE CFG: one result line per traced step (calls, total ms)
# from the function_graph trace.
graph_totals() {
	awk -v phase="$1" -v cfg="$2" '
	# A step by its function name, without a compiler clone suffix.
	function step(s) { sub(/\.(constprop|isra|part)\.[0-9]+$/, "", s); return s }
	# Steps listed in the order they are entered.
	match($0, /[A-Za-z0-9_.]+\(\) \{/) {
		name = step(substr($0, RSTART, RLENGTH - 4))
		if (!(name in calls)) { order[++k] = name; calls[name] = 0 }
	}
	/ us +\|/ {
		name = ""
		if (match($0, /\/\* [A-Za-z0-9_.]+ \*\//)) name = substr($0, RSTART + 3, RLENGTH - 6)
		else if (match($0, /[A-Za-z0-9_.]+\(\);/)) name = substr($0, RSTART, RLENGTH - 3)
		if (name == "") next
		name = step(name)
		n = split($0, w, " ")
		for (i = 2; i <= n; i++) if (w[i] == "us") { d = w[i - 1]; break }
		if (!(name in calls)) order[++k] = name
		calls[name]++; us[name] += d
	}
	END { for (i = 1; i <= k; i++) printf "profile=%s config=%s fn=%s calls=%d ms=%.1f\n", phase, cfg, order[i], calls[order[i]], us[order[i]] / 1000 }
	' $t/trace
}

for cfg in $configs; do
	parse_cfg "$cfg"
	ndctl create-namespace -f -e namespace0.0 --mode=raw >/dev/null 2>&1 &&
	out=$(ndctl create-namespace -f -e namespace0.0 --mode="$mode" --map="$map" --align="$align" 2>&1) ||
		{ fail "create $cfg" "$(echo "$out" | tail -2 | tr '\n' ' ')"; continue; }
	set -- $(kdriver_dev namespace0.0)
	drv=$1 dev=$2 ok=1
	for phase in unbind bind; do
		step "profile $cfg $phase"
		: >$t/trace
		echo 1 >$t/tracing_on
		t0=$(now_us)
		echo "$dev" >"$drv/$phase" || { fail "$phase $cfg" "the write to $drv/$phase failed"; ok=0; break; }
		ms=$(ms_since "$t0")
		echo 0 >$t/tracing_on
		graph_totals $phase "$cfg" | while read -r line; do result "$line"; done
		result profile=$phase config="$cfg" fn=total calls=1 ms="$ms"
	done
	[ $ok = 1 ] && pass "profile of $cfg unbind and bind"
	ndctl destroy-namespace -f namespace0.0 >/dev/null 2>&1 || fail "destroy $cfg" "destroy-namespace failed"
done
echo nop >$t/current_tracer
