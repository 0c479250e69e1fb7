# pmem: 4G
# timeout: 1200
# checks: 15
# allow-warn: add_pages|vmemmap alloc failure
# allow-warn-count: 1-2
# Issue 5, scenario 4: make the allocations under memremap_pages() fail,
# one at a time, while a devdax --map=dev namespace is enabled, for 2M and
# 1G compound pages.  fail-nth walks every slab and page allocation of the
# probe in order (fail_page_alloc hits the vmemmap page tables: the altmap
# feeds the struct pages, RAM the tables; failslab the pgmap, section and
# xarray bookkeeping) until the probe makes fewer calls than the point.
# After every injected fault the namespace is disabled and enabled again,
# which frees the device's pgmap: the probe failed cleanly or coped,
# nr_memmap_pages is back, no altmap pfn is referenced, and a probe that
# failed left no direct map behind (DirectMap* in /proc/meminfo, read
# before the next bind maps the range again); after the sweep
# MemFree is within 1 MiB and a fault-free bind succeeds with the data
# written before the sweep intact.  Running out of altmap pfns
# mid-population is the KUnit case populate_altmap_too_small; a reserve
# one page short on media is refused before population
# (hostile-info-block).
# Two warnings are upstream behaviour on such failures, each once per
# boot: x86 add_pages() WARNs when __add_pages() fails (always seen), and
# vmemmap_alloc_block() reports its first failed allocation.  The vmemmap
# and its PTE tables come from the altmap, so only an upper-level page
# table comes from RAM there, and whether one is allocated (and so can
# fail) depends on what the rest of the vmemmap already has: seen or not.
fi=/sys/kernel/debug
bindir=/sys/bus/dax/drivers/device_dax
injected_total=0 leaks=0
slack=$(memfree_slack_kb)

bound() { [ -e /sys/bus/dax/devices/dax0.0/driver ]; }

# sweep CFG: fail the 1st, 2nd, ... allocation of a probe of dax0.0.
sweep() {
	cfg=$1 nth=0 n=0 survived=0 failed=0 bad=0
	while [ $nth -lt 5000 ]; do
		nth=$((nth + 1))
		out=$(fail-bind "$bindir/bind" dax0.0 $nth) || { fail "$cfg: fail-bind" "$out"; bad=1; break; }
		case "$out" in injected=1*) ;; *) break ;; esac
		n=$((n + 1))
		if bound; then
			survived=$((survived + 1))
			echo dax0.0 >"$bindir/unbind"
		elif [ "$out" != "injected=1 err=0" ]; then
			failed=$((failed + 1))
			# A failed probe maps nothing: arch_add_memory() that
			# failed took its direct map down again.
			dm=$(directmap_kb)
			if [ "$dm" != "$dm0" ]; then
				fail "$cfg point $nth: direct map after the failed probe" "$dm KiB, want $dm0 KiB"
				bad=$((bad + 1)) leaks=$((leaks + 1))
			fi
		else
			fail "$cfg point $nth: bind" "unbound but the bind write succeeded"; bad=$((bad + 1))
		fi
		# Release the device and its pgmap, as destroying the namespace
		# would (what a failed probe left on the pgmap leaks then), and
		# bring the namespace back, bound without faults, for the next
		# point.
		ndctl disable-namespace namespace0.0 >/dev/null 2>&1 &&
			ndctl enable-namespace namespace0.0 >/dev/null 2>&1 &&
			echo dax0.0 >"$bindir/unbind" ||
			{ fail "$cfg point $nth: disable, enable, unbind" "ndctl failed"; bad=$((bad + 1)); break; }
		p=$(vmstat nr_memmap_pages); r=$(altmap_refs)
		if [ "$p" != "$pages0" ] || [ "$r" != 0 ]; then
			fail "$cfg point $nth: unwound" "memmap pages $p (want $pages0), altmap refs $r (want 0)"
			bad=$((bad + 1)) leaks=$((leaks + 1))
		fi
	done
	# The last write ran with no fault reached: it must have bound.
	if bound; then echo dax0.0 >"$bindir/unbind"; else fail "$cfg: probe past the last point" "$out"; bad=$((bad + 1)); fi
	injected_total=$((injected_total + n))
	if [ $n -gt 0 ] && [ $bad = 0 ]; then
		pass "$cfg: $n faults injected ($failed probes failed cleanly, $survived coped), all unwound"
	else
		fail "$cfg: sweep" "$bad bad outcomes in $n faults"
	fi
	result config="$cfg" faults_injected="$n" probes_failed="$failed" coped="$survived" bad="$bad"
}

# Quiet injections (the stack dumps would read as kernel problems), and
# sleeping allocations and order-0 pages fail too.
for f in fail_page_alloc failslab; do
	[ -d "$fi/$f" ] || fail "$f" "no $fi/$f (CONFIG_FAIL_PAGE_ALLOC, CONFIG_FAILSLAB, CONFIG_FAULT_INJECTION_DEBUG_FS)"
	echo 0 >"$fi/$f/verbose"; echo N >"$fi/$f/ignore-gfp-wait"
done
echo 0 >"$fi/fail_page_alloc/min-order"; echo N >"$fi/fail_page_alloc/ignore-gfp-highmem"
# Not under init_memory_mapping(): after boot x86 takes the direct-map page
# tables from alloc_low_pages() (GFP_ATOMIC) and phys_p[mu]d_init() use the
# result unchecked, so a failure there oopses on the base kernel too.  It
# only allocates when the direct map can't use 1 GiB pages (as under
# DEBUG_PAGEALLOC), and it is not the code this series changes.
imm=$(awk '$3 == "init_memory_mapping" { print $1 }' /proc/kallsyms)
end=$(sort /proc/kallsyms | awk -v a="$imm" 'found { print $1; exit } $1 == a { found = 1 }')
if [ -n "$imm" ] && [ -n "$end" ] && [ -e "$fi/fail_page_alloc/reject-start" ]; then
	for f in fail_page_alloc failslab; do
		echo "0x$imm" >"$fi/$f/reject-start"; echo "0x$end" >"$fi/$f/reject-end"
	done
else
	fail "stack filter" "need CONFIG_FAULT_INJECTION_STACKTRACE_FILTER and init_memory_mapping in /proc/kallsyms"
fi
for cfg in devdax-2M-dev devdax-1G-dev; do
	align=${cfg#devdax-}; align=${align%-dev}
	step "fault injection $cfg"
	check "$cfg: create" ndctl create-namespace -f -e namespace0.0 --mode=devdax --map=dev --align="$align"
	check "$cfg: write data" pmem-pattern write /dev/dax0.0 7
	echo dax0.0 >"$bindir/unbind"
	pages0=$(vmstat nr_memmap_pages) dm0=$(directmap_kb)
	free0=$(memfree_kb)
	sweep "$cfg"
	memfree_settle "$free0"
	if [ $drift -le "$slack" ]; then pass "$cfg: MemFree after the sweeps within ${drift} KiB (max $slack)${drift_note:+ ($drift_note)}"
	else fail "$cfg: MemFree after the sweeps" "drifted ${drift} KiB (max $slack; $drift_note)"; leaks=$((leaks + 1)); fi
	check "$cfg: bind without faults" sh -c "echo dax0.0 >$bindir/bind"
	check "$cfg: data intact" pmem-pattern verify /dev/dax0.0 7
	check "$cfg: destroy" ndctl destroy-namespace -f namespace0.0
done
result faults_injected="$injected_total" leaks_found="$leaks"
kmemleak_report "fault injection sweeps"
