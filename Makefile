# The bench for the vmem_altmap compound-page series.  See README.md.
#   make demo   base vs patched, side by side (PMEM=64G by default)
#   make check  every test; ends with "N passed, N failed"
SHELL := /bin/bash
PMEM ?= 64G
export PMEM_DEMO := $(PMEM)

.PHONY: all deps tree export kernels initramfs demo check lint clean help
all: help
help:
	@sed -n 's/^#   /  /p' Makefile

deps:
	@scripts/install-deps.sh

tree:
	@scripts/make-tree.sh base
	@scripts/make-tree.sh patched

export:
	@scripts/export-patches.sh

kernels: tree
	@scripts/build-kernel.sh base
	@scripts/build-kernel.sh patched

initramfs: tree
	@guest/mkinitramfs.sh

demo: deps kernels initramfs
	@tests/demo.sh

check: kernels initramfs
	@tests/check.sh

lint:
	@tests/lint-series.sh

clean:
	rm -rf build/run build/logs build/initramfs build/initramfs.cpio.gz*
