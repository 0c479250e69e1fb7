# pmem: 16G 16G 16G
# timeout: 600
# check: no
# One boot of the info block compatibility test, driven by
# tests/compat-info-block.sh over the same backing files:
#   bench.args=create,SEED     --map=dev namespaces, data written
#   bench.args=verify,SEED     they came up at boot; data, memmap pages
#   bench.args=refused,SEED    the devdax ones must stay raw, untouched
# namespace0.0 is devdax 2M, namespace1.0 devdax 1G, namespace2.0 fsdax.
# shellcheck disable=SC2046 # the words of bench.args
set -- $(bench_args)
stage=${1:-}; seed=${2:-1}

config() {
	case $1 in
	namespace0.0) echo "devdax 2M" ;; namespace1.0) echo "devdax 1G" ;;
	*) echo "fsdax 2M" ;;
	esac
}
# The device data goes through: /dev/daxX.Y or /dev/pmemX.
data_dev() {
	d=$(ns_chardev "$1"); [ -n "$d" ] || d=$(ndctl list -n "$1" | json_str blockdev)
	[ -n "$d" ] && echo "/dev/$d"
}
# Memmap pages of an enabled namespace: what disabling it gives back.
memmap_of() {
	p=$(vmstat nr_memmap_pages)
	ndctl disable-namespace "$1" >/dev/null 2>&1 || { echo x; return; }
	echo $(( p - $(vmstat nr_memmap_pages) ))
	ndctl enable-namespace "$1" >/dev/null 2>&1
}

raw_md5() {
	reprobe "$1" 1
	blk=/dev/$(ndctl list -n "$1" | json_str blockdev)
	[ -b "$blk" ] || { echo "no-raw-device"; return; }
	dd if="$blk" bs=1M count=8 2>/dev/null | md5sum | cut -d' ' -f1
}

i=0
for ns in namespace0.0 namespace1.0 namespace2.0; do
	set -- $(config "$ns"); mode=$1; align=$2; s=$((seed + i)); i=$((i + 1))
	step "$stage $ns ($mode $align)"
	case $stage in
	create)
		if ! made=$(ndctl create-namespace -f -e "$ns" --mode="$mode" --map=dev --align="$align" 2>&1); then
			fail "$ns: create $mode $align --map=dev" "$(echo "$made" | tail -2 | tr '\n' ' ')"; continue
		fi
		pass "$ns: create $mode $align --map=dev"
		result ns="$ns" size="$(echo "$made" | json_num size)" \
			start="$(( $(cat /sys/bus/nd/devices/$ns/resource) ))"
		check "$ns: write data" pmem-pattern write "$(data_dev "$ns")" "$s"
		;;
	verify)
		got=$(ndctl list -n "$ns" | json_str mode)
		same "$ns: came up as $mode" "$got" "$mode"
		check "$ns: data intact" pmem-pattern verify "$(data_dev "$ns")" "$s"
		result ns="$ns" size="$(ndctl list -n "$ns" | json_num size)" memmap="$(memmap_of "$ns")" \
			start="$(( $(cat /sys/bus/nd/devices/$ns/resource) ))"
		check "$ns: data intact after disable/enable" pmem-pattern verify "$(data_dev "$ns")" "$s"
		;;
	refused)
		got=$(ndctl list -i -n "$ns" | json_str mode)
		if [ "$mode" = fsdax ]; then
			same "$ns: fsdax still comes up" "$got" fsdax
			check "$ns: data intact" pmem-pattern verify "$(data_dev "$ns")" "$s"
			continue
		fi
		enabled=$(ndctl list -n "$ns" | json_str blockdev)
		absent "$ns: no device-dax instance (${enabled:+raw }${enabled:-disabled})" "$(ns_chardev "$ns")"
		# The info block and the start of the reserve, read raw, before
		# and after the kernel probes the namespace again: nothing may
		# be written.
		sum=$(raw_md5 "$ns")
		reprobe "$ns" 0
		again=$(raw_md5 "$ns")
		same "$ns: nothing written on a second probe (md5 of 8 MiB)" "$again" "$sum"
		reprobe "$ns" 0
		state=disabled; [ -z "$enabled" ] || state=raw
		result ns="$ns" state="$state" md5="$sum"
		;;
	*) fail "stage" "unknown stage '$stage'" ;;
	esac
done
echo "== kernel messages about the namespaces"
dmesg | grep -iE 'pfn|dax|info block|memmap reserve|dataoff' | grep -v BENCH-STEP
