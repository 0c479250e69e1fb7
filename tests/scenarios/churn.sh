# pmem: 4G 4G
# timeout: 3000
# checks: 2
# Issue 5, scenario 1: churn on two NVDIMMs at once.  Each round runs, on
# both namespaces concurrently, create / disable / enable / reconfigure /
# destroy, cycling through {devdax 2M, devdax 1G, fsdax} x {--map=dev,
# --map=mem} (the two namespaces in different configurations).  After
# every round: every operation succeeded, no WARN/BUG in dmesg,
# nr_memmap_pages back at its start, no altmap pfn referenced, MemFree
# within 1 MiB of the start (memfree_slack_kb: more under KASAN; a drift
# past it is sampled again after a pause, memfree_settle).
# bench.churn_rounds=N on the kernel command line sets the number of
# rounds (make check-debug: fewer).
configs="devdax-2M-dev devdax-1G-dev fsdax-2M-dev devdax-2M-mem devdax-1G-mem fsdax-2M-mem"
rounds=$(sed -n 's/.*bench\.churn_rounds=\([0-9]*\).*/\1/p' /proc/cmdline)
rounds=${rounds:-50}
pages0=$(vmstat nr_memmap_pages)
free0=$(memfree_kb)
slack=$(memfree_slack_kb)
worst=0 ok_rounds=0

# nth R CONFIG...: the configuration of round R, cycling through all.
nth() { r=$1; shift; shift $(( r % $# )); echo "$1"; }
cfg_args() { parse_cfg "$1"; echo "--mode=$mode --align=$align --map=$map"; }
# op LOG WHAT CMD...: run CMD; on failure append a line to LOG.
op() {
	l=$1 w=$2; shift 2
	o=$("$@" 2>&1) || echo "$w: $(echo "$o" | tail -2 | tr '\n' ' ')" >>"$l"
}
# worker NS CFG NEXT LOG: one round on one namespace.
worker() {
	op "$4" "$1 create $2" ndctl create-namespace -f -e "$1" $(cfg_args "$2")
	op "$4" "$1 disable" ndctl disable-namespace "$1"
	op "$4" "$1 enable" ndctl enable-namespace "$1"
	op "$4" "$1 reconfigure to $3" ndctl create-namespace -f -e "$1" $(cfg_args "$3")
	op "$4" "$1 destroy" ndctl destroy-namespace -f "$1"
}

warns0=$(dmesg | grep -cE 'WARNING:|BUG:|Oops')
r=0
while [ $r -lt "$rounds" ]; do
	r=$((r + 1))
	a=$(nth $r $configs) a2=$(nth $((r + 1)) $configs)
	b=$(nth $((r + 3)) $configs) b2=$(nth $((r + 4)) $configs)
	step "churn round $r: namespace0.0 $a then $a2, namespace1.0 $b then $b2"
	log=/tmp/churn.$r; : >"$log"
	worker namespace0.0 "$a" "$a2" "$log" &
	worker namespace1.0 "$b" "$b2" "$log" &
	wait
	p=$(vmstat nr_memmap_pages); refs=$(altmap_refs); memfree_settle "$free0"; d=$drift
	w=$(( $(dmesg | grep -cE 'WARNING:|BUG:|Oops') - warns0 ))
	[ $d -le $worst ] || worst=$d
	if [ -s "$log" ]; then
		fail "round $r ($a/$b): operations" "$(head -2 "$log" | tr '\n' ' ')"
	elif [ "$p" != "$pages0" ] || [ "$refs" != 0 ] || [ $d -gt "$slack" ] || [ $w != 0 ]; then
		fail "round $r ($a/$b): back to start" "memmap pages $p (start $pages0), altmap refs $refs, MemFree drift $d KiB${drift_note:+ ($drift_note)}, $w new warnings"
	else
		ok_rounds=$((ok_rounds + 1))
		[ $((r % 10)) != 0 ] || pass "rounds $((r - 9))-$r: all operations, memmap pages $p, altmap refs $refs, MemFree drift <= $worst KiB"
	fi
done
expect "churn rounds clean" $ok_rounds -eq "$rounds"
kmemleak_report churn
result rounds="$rounds" clean_rounds="$ok_rounds" memfree_worst_drift_kb="$worst"
