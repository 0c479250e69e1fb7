#!/usr/bin/env bash
# The QEMU accelerator every boot of the bench uses, the one place that
# decides it: "kvm" when a machine like the bench's (pc, -cpu max) starts
# under KVM, else "tcg".  A /dev/kvm alone is not enough: nested KVM can
# refuse -cpu max's MSRs and abort QEMU.  ACCEL overrides (ACCEL=tcg to
# compare with machines without KVM).
set -euo pipefail
if [ -n "${ACCEL:-}" ]; then
	echo "$ACCEL"
elif [ -r /dev/kvm ] && [ -w /dev/kvm ] &&
	(echo quit | timeout 20 qemu-system-x86_64 -accel kvm -cpu max -machine pc,nvdimm=on \
		-m 256M -nodefaults -display none -S -monitor stdio) >/dev/null 2>&1; then
	echo kvm
else
	echo tcg
fi
