# pmem: 4G
# timeout: 900
# checks: 21
# Issue 5, scenario 6: pin part of a devdax --map=dev namespace (2M and 1G
# compound pages) through gup_test (CONFIG_GUP_TEST): pin_user_pages_fast
# and FOLL_LONGTERM, 512 pages per call, written, unpinned; then data
# written, the namespace disabled, enabled and the data read back.  A pin
# that leaked would keep the pgmap alive and hang the disable (the timeout
# catches it); the memmap pages and altmap references must come back and
# the console stay clean.  For the bench,
# bench.args=cfg,...,repeat=N picks configurations and repeats (default
# devdax-2M-dev,devdax-1G-dev,repeat=5).
[ -e /sys/kernel/debug/gup_test ] || fail "gup_test" "no /sys/kernel/debug/gup_test (CONFIG_GUP_TEST)"
pages0=$(vmstat nr_memmap_pages)
configs='' repeat=5
for w in $(bench_args); do
	case "$w" in repeat=*) repeat=${w#repeat=} ;; *) configs="$configs $w" ;; esac
done

# pin CFG WHAT ARGS...: run gup_test on /dev/dax0.0 and report its timings,
# every run's (the host takes medians and spreads).
pin() {
	cfg=$1 what=$2; shift 2
	if out=$(gup_test -S -f /dev/dax0.0 "$@" 2>&1) && echo "$out" | grep -q '^ok 1'; then
		t=$(echo "$out" | sed -n 's/.*Time: get:\([0-9]*\) put:\([0-9]*\) us.*/\1 \2/p')
		get=$(echo "$t" | awk '{ print $1 }' | samples -)
		put=$(echo "$t" | awk '{ print $2 }' | samples -)
		pass "$cfg: $what ($(echo "$t" | grep -c .) timed runs${get:+, get us $get})"
		result config="$cfg" test="$what" get_us="$get" put_us="$put"
	else
		fail "$cfg: $what" "$(echo "$out" | tail -3 | tr '\n' ' ')"
	fi
}

for cfg in ${configs:-devdax-2M-dev devdax-1G-dev}; do
	parse_cfg "$cfg"
	mb=512; [ "$align" = 1G ] && mb=2048
	step "gup pins $cfg"
	check "$cfg: create" ndctl create-namespace -f -e namespace0.0 --mode=devdax --map="$map" --align="$align"
	pin "$cfg" "pin_user_pages_fast ${mb} MiB" -m "$mb" -a -n 512 -w -r "$repeat"
	pin "$cfg" "FOLL_LONGTERM ${mb} MiB" -m "$mb" -L -n 512 -w -r "$repeat"
	pin "$cfg" "pin basic test" -m "$mb" -b -n 512 -w
	check "$cfg: write data after the pins" pmem-pattern write /dev/dax0.0 3
	check "$cfg: disable" ndctl disable-namespace namespace0.0
	same "$cfg: memmap pages after disable" "$(vmstat nr_memmap_pages)" "$pages0"
	# Only kernels with the series' DEBUG_VM counter have it (the
	# timing kernels don't): elsewhere altmap_refs says why, once.
	refs=$(altmap_refs)
	[ "$refs" = none ] || same "$cfg: altmap refs after disable" "$refs" 0
	check "$cfg: enable" ndctl enable-namespace namespace0.0
	check "$cfg: data intact" pmem-pattern verify /dev/dax0.0 3
	check "$cfg: destroy" ndctl destroy-namespace -f namespace0.0
done
