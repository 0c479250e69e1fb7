#!/usr/bin/env bash
# Boot one kernel on emulated NVDIMMs, run one guest scenario, judge it.
#
#   tests/boot-scenario.sh KERNEL SCENARIO
#
# KERNEL is "base", "fixes" (base plus the fixes at the head of the series),
# "patched" (build/<name>/out) or a path to a bzImage.
# SCENARIO names tests/scenarios/SCENARIO.sh; its header lines ("# KEY:
# VALUE", listed in tests/scenario-header.sh) set up the machine.
# The accelerator is tests/accel.sh's (KVM when usable, else TCG).
# Environment: NVDIMMS overrides the sizes, MEMORY the guest RAM, MAXMEM the
# address space for RAM and hotplug (QEMU maxmem), BENCH_ARGS
# is passed to the guest (bench.args=), APPEND adds to the kernel command
# line, TIMEOUT overrides the timeout (TIMEOUT_SCALE multiplies it, for
# debug kernels), BACKING_DIR keeps the backing files in a given directory
# (not removed, not recreated if present), RUN_TAG names one of several
# boots of a scenario (in check names, log and backing file names),
# QEMU_EXTRA adds QEMU arguments (e.g. "-icount shift=0", for timings
# that count instructions instead of host time), PROGRESS=1 prints the
# guest's steps on stderr as they come, with the elapsed time.
#
# Prints PASS/FAIL/SKIP lines (one per check, plus "console clean" and
# "finished"), keeps the console log in build/logs/, exits 1 on any failure.
set -euo pipefail

kernel=${1:?usage: boot-scenario.sh KERNEL SCENARIO}
scenario=${2:?usage: boot-scenario.sh KERNEL SCENARIO}
top=$(cd "$(dirname "$0")/.." && pwd)
file=$top/tests/scenarios/$scenario.sh
[ -f "$file" ] || { echo "FAIL $scenario: no such scenario ($file)"; exit 1; }
# A kernel named *-ppc64le (make kernels-ppc64le) boots on QEMU's pseries
# machine: POWER9 under TCG, radix MMU, spapr-nvdimm devices (papr_scm).
arch=x86_64 initrd=$top/build/initramfs.cpio.gz
case "$kernel" in
base|fixes|patched) label=$kernel; image=$top/build/$kernel/out${OUT_SUFFIX:-}/arch/x86/boot/bzImage ;;
base-ppc64le|patched-ppc64le) label=$kernel; image=$top/build/$kernel/out${OUT_SUFFIX:-}/vmlinux
	arch=ppc64le initrd=$top/build/initramfs-ppc64le.cpio.gz ;;
*) label=$(basename "$(dirname "$kernel")"); image=$kernel ;;
esac
label=$label${OUT_SUFFIX:-}
[ -f "$image" ] || { echo "FAIL ${scenario}[$label]: no kernel at $image (run 'make kernels')"; exit 1; }
# An edited scenario or helper goes into the initramfs before the boot
# (mkinitramfs.sh does nothing when its inputs are unchanged).
out=$(GUEST_ARCH=$arch "$top/guest/mkinitramfs.sh" 2>&1) || { echo "FAIL ${scenario}[$label]: initramfs: $(echo "$out" | tail -2 | tr '\n' ' ')"; exit 1; }
[ -f "$initrd" ] || { echo "FAIL ${scenario}[$label]: no initramfs (run 'make initramfs')"; exit 1; }
err=$("$top/tests/scenario-header.sh" "$file" pmem 2>&1 >/dev/null) || { echo "FAIL ${scenario}[$label]: $err"; exit 1; }

header() { "$top/tests/scenario-header.sh" "$file" "$1"; }
# Bench modules go in an initramfs of this kernel's own (guest/mkmodules.sh).
mods=$(header modules)
if [ -n "$mods" ]; then
	mod_err=$(mktemp)
	kout=${image%/arch/x86/boot/bzImage}
	# shellcheck disable=SC2086 # a list of module names
	initrd=$("$top/guest/mkmodules.sh" "${kout%/vmlinux}" "$label" "$initrd" $mods 2>"$mod_err") ||
		{ echo "FAIL ${scenario}[$label]: modules: $(tail -2 "$mod_err" | tr '\n' ' ')"; rm -f "$mod_err"; exit 1; }
	rm -f "$mod_err"
fi
sizes=${NVDIMMS:-$(header pmem)}; sizes=${sizes:-8G}
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
# numa: NODE per NVDIMM: nodes 0 and 1 each get a CPU and half the RAM,
# and a node up to 3 that an NVDIMM names exists without either, as the
# proximity domain of a server's pmem may.
read -r -a nodes <<<"$(header numa)"
smp=(-smp 2)
if [ ${#nodes[@]} -gt 0 ]; then
	# A socket per node: two cores of one socket would share a last-level
	# cache across nodes, which the kernel warns about.
	smp=(-smp 2,sockets=2,cores=1,threads=1)
	[ "$arch" = x86_64 ] || { echo "FAIL ${scenario}[$label]: numa: is for x86 only"; exit 1; }
	half=$(( $(numfmt_b "$mem") / 2 ))
	top_node=1
	for n in "${nodes[@]}"; do
		case $n in [0-3]) [ "$n" -le "$top_node" ] || top_node=$n ;;
		*) echo "FAIL ${scenario}[$label]: numa: node '$n' (0 to 3)"; exit 1 ;; esac
	done
	qargs+=(-object "memory-backend-ram,id=ram0,size=$half" -numa "node,nodeid=0,cpus=0,memdev=ram0"
		-object "memory-backend-ram,id=ram1,size=$half" -numa "node,nodeid=1,cpus=1,memdev=ram1")
	for n in $(seq 2 "$top_node"); do qargs+=(-numa "node,nodeid=$n"); done
fi
# pseries takes a PAPR NVDIMM only with a label area and a uuid, and maps
# it without the label area, so the backing file is that much larger.
[ "$arch" = x86_64 ] || labels=${labels:-128K}
for s in $sizes; do
	img=$run/nvdimm$i.img
	bytes=$(numfmt_b "$s")
	lab='' dev=nvdimm
	[ -n "$labels" ] && lab=",label-size=$labels"
	if [ "$arch" = ppc64le ]; then
		bytes=$((bytes + $(numfmt_b "$labels")))
		dev=spapr-nvdimm lab+=",uuid=$(printf '5a5a5a5a-0000-4000-8000-%012x' $i)"
	fi
	if [ -z "${BACKING_DIR:-}" ] || [ ! -f "$img" ]; then
		rm -f "$img"; truncate -s "$bytes" "$img"   # sparse
	fi
	qargs+=(-object "memory-backend-file,id=m$i,share=on,mem-path=$img,size=$bytes,align=2M"
		-device "$dev,memdev=m$i,id=nv$i$lab${nodes[$i]:+,node=${nodes[$i]}}")
	total=$((total + $(numfmt_b "$s")))
	i=$((i + 1))
done
maxmem=${MAXMEM:-$(header maxmem)}
maxmem=$(( $(numfmt_b "${maxmem:-$(( (total + $(numfmt_b "$mem")) / 1073741824 + 4 ))G}") / 1073741824 ))
cpu=(-cpu max)
mon=(-monitor none)
if [ "$(header monitor)" = guest ]; then
	# The monitor listens on a socket that a third guest serial port
	# connects to, so the scenario itself types device_add/device_del.
	sock=$run/hmp.sock
	mon=(-monitor none -chardev "socket,id=hmp,path=$sock,server=on,wait=off" -mon chardev=hmp,mode=readline
		-chardev "socket,id=hmpc,path=$sock,reconnect=1" -serial chardev:hmpc)
fi
# TCG's -cpu max has 40 physical address bits: past about 900 GiB of
# address space (NVDIMMs, or a hotplug range) the guest needs more.
[ "$maxmem" -lt 900 ] || cpu=(-cpu max,phys-bits=46)

console_dev=ttyS0; [ "$arch" = x86_64 ] || console_dev=hvc0
append="console=$console_dev panic=-1 kunit.enable=0 bench.scenario=$scenario bench.kernel=$label"
append+=" dyndbg=\"func memmap_init_zone_device +p\" $(header append) ${APPEND:-}"
[ -z "${BENCH_ARGS:-}" ] || append+=" bench.args=$BENCH_ARGS"

if [ "$arch" = x86_64 ]; then
	accel=${ACCEL:-$("$top/tests/accel.sh" "$image")}
	machine=(qemu-system-x86_64 -machine pc,nvdimm=on)
else
	# TCG only (an x86 host); the spectre capabilities TCG can't offer
	# are turned off rather than warned about on every boot, and the
	# default devices (VGA, USB, a CD-ROM) left out: SLOF scans them.
	accel=tcg cpu=(-cpu power9)
	machine=(qemu-system-ppc64 -nodefaults -machine pseries,nvdimm=on,cap-cfpc=broken,cap-sbbc=broken,cap-ibs=broken,cap-ccf-assist=off)
fi
# make shell (INTERACTIVE=1): the same machine, a shell on the console
# (with QEMU's monitor on it too: Ctrl-a c), no judge.
console=stdio
[ -z "${INTERACTIVE:-}" ] || { append+=" bench.shell=1"; console=mon:stdio; }
# shellcheck disable=SC2206 # QEMU_EXTRA is a list of arguments
qemu=("${machine[@]}" -accel "$accel"
	"${cpu[@]}" "${smp[@]}" -m "$mem,slots=4,maxmem=${maxmem}G" "${qargs[@]}" ${QEMU_EXTRA:-}
	-kernel "$image" -initrd "$initrd" -append "$append"
	-display none -serial "$console" -serial "file:$res" "${mon[@]}" -no-reboot)
if [ -n "${INTERACTIVE:-}" ]; then
	echo "shell: $label kernel on the machine of $scenario ($accel); Ctrl-a x quits QEMU"
	"${qemu[@]}"
	exit
fi
# The console log starts with the QEMU command; QEMU's own messages go to
# a file of their own and are appended after the run, so that the console
# proper is watched: a guest that prints nothing for SILENT_TIMEOUT seconds
# (default 60, times TIMEOUT_SCALE) never ran and is stopped then, not
# after the scenario's whole timeout.
printf '# accel=%s:' "$accel" >"$log"; printf ' %q' "${qemu[@]}" >>"$log"; echo >>"$log"
head=$(stat -c %s "$log")
silent=$(( ${SILENT_TIMEOUT:-60} * ${TIMEOUT_SCALE:-1} ))
start=$(date +%s)
rc=0
: >"$res"   # no line of an earlier boot may count for this one
timeout -k 10 "$timeout" "${qemu[@]}" </dev/null >>"$log" 2>"$run/qemu.err" &
qpid=$!
# stop_guest WHY: kill QEMU; WHY is the boot's verdict for judge.sh.
stop_guest() {
	kill $qpid 2>/dev/null || true
	wait $qpid 2>/dev/null || true
	rc=$1
}
shown=0
while kill -0 $qpid 2>/dev/null; do
	# PROGRESS=1 (demo, bench): each step the guest announces, as it comes.
	if [ -n "${PROGRESS:-}" ]; then
		steps=$(grep -a '^BENCH-STEP ' "$log" | tr -d '\r' | tail -n +$((shown + 1)) || true)
		if [ -n "$steps" ]; then
			echo "$steps" | sed "s/^BENCH-STEP /  [$label, $(( $(date +%s) - start ))s] /" >&2
			shown=$((shown + $(echo "$steps" | wc -l)))
		fi
	fi
	if [ "$(stat -c %s "$log")" = "$head" ] && [ $(( $(date +%s) - start )) -ge "$silent" ]; then
		stop_guest silent; break
	fi
	# A guest whose scenario ended but that does not power off (a task
	# stuck in the kernel holds what shutdown needs) is stopped after the
	# same grace, not at the scenario's timeout.
	if [ -z "${done_at:-}" ] && grep -q '^BENCH-DONE' "$res" 2>/dev/null; then done_at=$(date +%s); fi
	if [ -n "${done_at:-}" ] && [ $(( $(date +%s) - done_at )) -ge "$silent" ]; then
		stop_guest stuck; break
	fi
	sleep 1
done
case $rc in silent|stuck) ;; *) wait $qpid || rc=$? ;; esac
[ ! -s "$run/qemu.err" ] || sed 's/^/qemu: /' "$run/qemu.err" >>"$log"
secs=$(( $(date +%s) - start ))

name="$scenario${RUN_TAG:+/$RUN_TAG}[$label]"
failed=0
TIMEOUT=$timeout SILENT=$silent ACCEL=$accel "$top/tests/judge.sh" "$name" "$file" "$log" "$res" "$rc" "$secs" || failed=1
echo "      log: ${log#"$top"/} (results: ${res#"$top"/})"
exit $failed
