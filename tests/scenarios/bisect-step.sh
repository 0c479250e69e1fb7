# pmem: 8194M
# labels: 128K
# timeout: 600
# checks: 11
# check: no
# append: kunit.enable=1
# allow-warn: vmem_altmap: (pfn|freeing)
# allow-warn-count: 0-11
# One boot per step of the series (scripts/build-series.sh, make bisect):
# what must hold at every step, whatever the step changes about the
# memmap.  The KUnit suites built into the step (the series' mm suites
# once its config has them, bench.args=series-kunit, and its nvdimm suite
# likewise, pfn-kunit), then a labelled region
# carved as a pmem admin would: devdax 2M --map=dev namespaces of 144 MiB
# and 1040 MiB, then a 1G aligned 4 GiB one at 1184 MiB (its data starts
# on the next 1 GiB boundary, the pfns in front are order-0 pages); each
# binds, takes data through /dev/daxX.Y, keeps it across disable/enable,
# and destroying them gives every memmap page back.
kunit_checks
groups=
for w in $(bench_args); do
	case $w in series-kunit) groups="$groups mm" ;; pfn-kunit) groups="$groups nvdimm" ;; esac
done
if [ -n "$groups" ]; then series_kunit_suites $groups
else pass "no KUnit suite of the series at this step ($kunit_suites other suites)"; fi

region=region0
pages0=$(vmstat nr_memmap_pages)
check "init labels" sh -c "ndctl disable-region all && ndctl init-labels -f all && ndctl enable-region all"
seed=21
for cfg in 144M:2M 1040M:2M 4G:1G; do
	size=${cfg%:*} align=${cfg#*:}
	step "bisect-step: devdax $align --map=dev, $size"
	if ! out=$(ndctl create-namespace -r $region -m devdax -M dev -a "$align" -s "$size" 2>&1); then
		fail "create devdax $align $size" "$(echo "$out" | tail -2 | tr '\n' ' ')"
		continue
	fi
	ns=$(echo "$out" | json_str dev) dev=$(created_dev "$out")
	start=$(( $(cat "/sys/bus/nd/devices/$ns/resource") - $(cat /sys/bus/nd/devices/$region/resource) ))
	check "$size $align at region offset $((start >> 20)) MiB: write through $dev" pmem-pattern write "$dev" $seed
	if [ "$align" = 1G ]; then
		check "$size $align: disable and enable" sh -c "ndctl disable-namespace $ns && ndctl enable-namespace $ns"
		check "$size $align: data across disable/enable" pmem-pattern verify "$dev" $seed
	else
		check "$size $align: verify through $dev" pmem-pattern verify "$dev" $seed
	fi
	seed=$((seed + 1))
done
check "destroy the namespaces" ndctl destroy-namespace -f all -r $region
same "memmap pages after destroy" "$(vmstat nr_memmap_pages)" "$pages0"
