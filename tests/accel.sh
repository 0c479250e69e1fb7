#!/usr/bin/env bash
# The QEMU accelerator every boot of the bench uses, the one place that
# decides it: prints "kvm" when the bench's own kernel, on a machine like
# the bench's (pc, -cpu max), really runs under KVM, else "tcg" with a line
# on stderr that says why.  A /dev/kvm that opens is not enough: KVM may
# start QEMU and never get a long-mode guest to print (no VMX/SVM for this
# machine: real-mode code may still run, so a boot sector proves nothing),
# or refuse -cpu max's MSRs and abort.  So the probe boots KERNEL with
# earlyprintk and wants "Linux version" on the serial port within
# ACCEL_PROBE_TIMEOUT seconds (default 10; a kernel under KVM prints it in
# well under a second).
#   tests/accel.sh [KERNEL]   KERNEL: a bzImage (default: the first built
#                             one under build/)
#   ACCEL=tcg|kvm    overrides the probe (ACCEL=tcg compares with machines
#                    without KVM)
#   QEMU=...         the QEMU binary (default qemu-system-x86_64)
#   KVM_DEV=...      the KVM device (default /dev/kvm)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
if [ -n "${ACCEL:-}" ]; then
	case $ACCEL in kvm|tcg) echo "$ACCEL"; exit 0 ;; esac
	echo "accel: ACCEL must be kvm or tcg, not '$ACCEL'" >&2; exit 2
fi
qemu=${QEMU:-qemu-system-x86_64} kvm=${KVM_DEV:-/dev/kvm} secs=${ACCEL_PROBE_TIMEOUT:-10}
kernel=${1:-$(ls "$top"/build/*/out*/arch/x86/boot/bzImage 2>/dev/null | head -1)}
tcg() { echo "accel: $*; using TCG (every boot is several times slower)" >&2; echo tcg; exit 0; }
[ -e "$kvm" ] || tcg "no $kvm"
{ [ -r "$kvm" ] && [ -w "$kvm" ]; } || tcg "$kvm is not readable and writable by $(id -un)"
[ -n "$kernel" ] && [ -f "$kernel" ] || tcg "no kernel to probe KVM with (build one first)"

tmp=$(mktemp -d)
: >"$tmp/serial"
"$qemu" -accel kvm -cpu max -machine pc,nvdimm=on -m 512M -nodefaults -display none \
	-serial "file:$tmp/serial" -monitor none -no-reboot -kernel "$kernel" \
	-append "console=ttyS0 earlyprintk=serial,ttyS0 panic=-1" </dev/null >"$tmp/qemu.out" 2>&1 &
pid=$!
trap 'kill -9 $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq $((secs * 4))); do
	grep -q 'Linux version' "$tmp/serial" && { echo kvm; exit 0; }
	kill -0 $pid 2>/dev/null || break
	sleep 0.25
done
grep -q 'Linux version' "$tmp/serial" && { echo kvm; exit 0; }
if kill -0 $pid 2>/dev/null; then
	tcg "$kvm opens, but the kernel printed nothing under KVM in ${secs}s (no VMX/SVM for this machine?)"
fi
rc=0; wait $pid || rc=$?
tcg "QEMU under KVM stopped (exit $rc) before the kernel printed: $(tail -n 2 "$tmp/qemu.out" | tr '\n' ' ')"
