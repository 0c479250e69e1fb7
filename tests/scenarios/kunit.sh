# pmem: none
# timeout: 300
# append: kunit.enable=1
# allow-warn: vmem_altmap: (pfn|freeing)
# allow-warn-count: 4
# Every KUnit test case built into the kernel, one check each, read from
# the per-suite KTAP results in debugfs.
for r in /sys/kernel/debug/kunit/*/results; do
	[ -f "$r" ] || continue
	suite=$(basename "$(dirname "$r")")
	# Test cases are the lines indented one level under the suite.
	sed -n 's/^    \(not ok\|ok\) [0-9]* \(.*\)$/\1|\2/p' "$r" | while IFS='|' read -r st rest; do
		case "$st|$rest" in
		*"# SKIP"*) skip "$suite.${rest%% #*}" "${rest#*# SKIP}" ;;
		ok\|*) pass "$suite.$rest" ;;
		*) fail "$suite.${rest%% #*}" "see the console log (KTAP)"; echo fail >>/tmp/kunit-failed ;;
		esac
	done
	grep -q '^not ok' "$r" && ! [ -f /tmp/kunit-failed ] && fail "$suite" "suite failed: $(grep '^not ok' "$r")"
done
[ -f /tmp/kunit-failed ] && bench_failed=1
# The series' suites must have run: a kernel without them passes nothing.
for s in vmem_altmap vmemmap_altmap_populate vmem_altmap_misuse; do
	if [ -f "/sys/kernel/debug/kunit/$s/results" ]; then pass "suite $s ran"
	else fail "suite $s" "not built into this kernel (CONFIG_VMEMMAP_ALTMAP_KUNIT_TEST)"; fi
done
