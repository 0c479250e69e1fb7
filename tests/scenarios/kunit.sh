# pmem: none
# timeout: 300
# checks: 46
# append: kunit.enable=1
# allow-warn: vmem_altmap: (pfn|freeing)
# allow-warn-count: 5
# Every KUnit test built into the kernel, one check per test without
# subtests (suite.case, suite.case.parameter), from the per-suite KTAP
# results in debugfs, parsed by /bench/ktap.awk (tests/ktap-parser.sh
# tests it on saved KTAP).
for r in /sys/kernel/debug/kunit/*/results; do
	[ -f "$r" ] || continue
	while IFS='|' read -r st name why; do
		case $st in
		"") ;;
		ok) pass "$name" ;;
		skip) skip "$name" "$why" ;;
		*) fail "$name" "${why:-see the console log (KTAP)}" ;;
		esac
	done <<EOF
$(awk -f /bench/ktap.awk "$r")
EOF
done
# The series' suites must have run: a kernel without them passes nothing.
for s in vmem_altmap vmemmap_altmap_populate vmem_altmap_misuse; do
	if [ -f "/sys/kernel/debug/kunit/$s/results" ]; then pass "suite $s ran"
	else fail "suite $s" "not built into this kernel (CONFIG_VMEMMAP_ALTMAP_KUNIT_TEST)"; fi
done
