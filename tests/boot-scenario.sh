#!/usr/bin/env bash
# Boot one kernel on emulated NVDIMMs, run one guest scenario, judge it.
#
#   tests/boot-scenario.sh KERNEL SCENARIO
#
# KERNEL is "base", "patched" (build/<name>/out) or a path to a bzImage.
# SCENARIO names tests/scenarios/SCENARIO.sh; its header lines ("# KEY:
# VALUE", listed in tests/scenario-header.sh) set up the machine.
# The accelerator is tests/accel.sh's (KVM when usable, else TCG).
# Environment: PMEM overrides the sizes, MEMORY the guest RAM, BENCH_ARGS
# is passed to the guest (bench.args=), APPEND adds to the kernel command
# line, TIMEOUT overrides the timeout (TIMEOUT_SCALE multiplies it, for
# debug kernels), BACKING_DIR keeps the backing files in a given directory
# (not removed, not recreated if present), RUN_TAG names one of several
# boots of a scenario (in check names, log and backing file names),
# QEMU_EXTRA adds QEMU arguments (e.g. "-icount shift=0", for timings
# that count instructions instead of host time).
#
# Prints PASS/FAIL/SKIP lines (one per check, plus "console clean" and
# "finished"), keeps the console log in build/logs/, exits 1 on any failure.
set -euo pipefail

kernel=${1:?usage: boot-scenario.sh KERNEL SCENARIO}
scenario=${2:?usage: boot-scenario.sh KERNEL SCENARIO}
top=$(cd "$(dirname "$0")/.." && pwd)
file=$top/tests/scenarios/$scenario.sh
[ -f "$file" ] || { echo "FAIL $scenario: no such scenario ($file)"; exit 1; }
case "$kernel" in
base|patched) label=$kernel; image=$top/build/$kernel/out${OUT_SUFFIX:-}/arch/x86/boot/bzImage ;;
*) label=$(basename "$(dirname "$kernel")"); image=$kernel ;;
esac
label=$label${OUT_SUFFIX:-}
initrd=$top/build/initramfs.cpio.gz
[ -f "$image" ] || { echo "FAIL $scenario[$label]: no kernel at $image (run 'make kernels')"; exit 1; }
[ -f "$initrd" ] || { echo "FAIL $scenario[$label]: no initramfs (run 'make initramfs')"; exit 1; }

header() { "$top/tests/scenario-header.sh" "$file" "$1"; }
sizes=${PMEM:-$(header pmem)}; sizes=${sizes:-8G}
[ "$sizes" = none ] && sizes=
labels=$(header labels)
timeout=${TIMEOUT:-$(header timeout)}; timeout=$(( ${timeout:-300} * ${TIMEOUT_SCALE:-1} ))
mem=${MEMORY:-$(header memory)}; mem=${mem:-2G}

# numfmt_b: the one size parser, shared with the guest.
. "$top/guest/memmap.sh"
tag=${RUN_TAG:+-$RUN_TAG}
run=${BACKING_DIR:-$top/build/run/$label-$scenario$tag}
mkdir -p "$run" "$top/build/logs"
log=$top/build/logs/$label-$scenario$tag.log
res=$top/build/logs/$label-$scenario$tag.results
[ -n "${BACKING_DIR:-}" ] || trap 'rm -rf "$run"' EXIT

qargs=() total=0 i=0
for s in $sizes; do
	img=$run/nvdimm$i.img
	if [ -z "${BACKING_DIR:-}" ] || [ ! -f "$img" ]; then
		rm -f "$img"; truncate -s "$s" "$img"   # sparse
	fi
	lab=; [ -n "$labels" ] && lab=",label-size=$labels"
	qargs+=(-object "memory-backend-file,id=m$i,share=on,mem-path=$img,size=$s,align=2M"
		-device "nvdimm,memdev=m$i,id=nv$i$lab")
	total=$((total + $(numfmt_b "$s")))
	i=$((i + 1))
done
maxmem=$(( (total + $(numfmt_b "$mem")) / 1073741824 + 4 ))G
cpu=(-cpu max)
mon=(-monitor none)
if [ "$(header monitor)" = guest ]; then
	# The monitor listens on a socket that a third guest serial port
	# connects to, so the scenario itself types device_add/device_del.
	sock=$run/hmp.sock
	mon=(-monitor none -chardev "socket,id=hmp,path=$sock,server=on,wait=off" -mon chardev=hmp,mode=readline
		-chardev "socket,id=hmpc,path=$sock,reconnect=1" -serial chardev:hmpc)
fi
[ "$total" -lt $((900 << 30)) ] || cpu=(-cpu max,phys-bits=46)

append="console=ttyS0 panic=-1 kunit.enable=0 bench.scenario=$scenario"
append+=" dyndbg=\"func memmap_init_zone_device +p\" $(header append) ${APPEND:-}"
[ -z "${BENCH_ARGS:-}" ] || append+=" bench.args=$BENCH_ARGS"

start=$(date +%s)
rc=0
: >"$res"
timeout -k 10 "$timeout" qemu-system-x86_64 -machine pc,nvdimm=on -accel "$("$top/tests/accel.sh")" \
	"${cpu[@]}" -smp 2 -m "$mem,slots=4,maxmem=$maxmem" "${qargs[@]}" ${QEMU_EXTRA:-} \
	-kernel "$image" -initrd "$initrd" -append "$append" \
	-display none -serial stdio -serial "file:$res" "${mon[@]}" -no-reboot \
	</dev/null >"$log" 2>&1 || rc=$?
secs=$(( $(date +%s) - start ))

name="$scenario${RUN_TAG:+/$RUN_TAG}[$label]"
failed=0
TIMEOUT=$timeout "$top/tests/judge.sh" "$name" "$file" "$log" "$res" "$rc" "$secs" || failed=1
echo "      log: ${log#"$top"/} (results: ${res#"$top"/})"
exit $failed
