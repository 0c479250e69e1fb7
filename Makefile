# The bench for the vmem_altmap compound-page series.  See README.md.
#   make demo   base vs patched, side by side (PMEM=64G by default)
#   make check  every test; ends with "N passed, N failed"
#   make check-debug  the scenarios again on a KASAN/kmemleak/DEBUG_PAGEALLOC kernel
#   make bench  base vs patched at 4G, 64G and 1T: build/bench/results.md and bench.png
#   make bisect build the series patch by patch; W=1 and sparse on the touched files
#   make kernels, make initramfs, make tree, make export, make lint: the pieces
#
#   Knobs, as make variables (make check SCENARIOS=smoke) or in the environment:
#     PMEM=64G              NVDIMM size of make demo
#     SIZES="4G:5 64G:5 1T:1"  make bench: sizes and repeats of each
#     CONFIGS=devdax-2M-dev,...  make demo/bench: configurations (MODE-ALIGN-MAP[-compact])
#     SCENARIOS="smoke kunit"  make check: only these scenarios (default: all)
#     KERNELS=patched       make check: boot these kernels instead of each scenario's list
#     DEBUG_SCENARIOS=...   make check-debug: its scenarios (see below)
#     APPEND="foo=bar"      extra guest kernel command line
#     MEMORY=2G             guest RAM (default: the scenario's, else 2G)
#     TIMEOUT_SCALE=1       multiply every guest timeout (check-debug: 4)
#     BENCH_ARGS=...        arguments passed to the guest scenario (bench.args=)
SHELL := /bin/bash
PMEM ?= 64G
export PMEM_DEMO := $(PMEM)

.PHONY: all deps tree export kernels kernel-debug initramfs demo check check-debug bench bisect lint clean help
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

# The patched kernel with config/debug.config on top, in build/patched/out-debug.
kernel-debug: tree
	@OUT_SUFFIX=-debug scripts/build-kernel.sh patched config/bench.config config/series.config config/debug.config

initramfs: tree
	@guest/mkinitramfs.sh

demo: deps kernels initramfs
	@tests/demo.sh

check: deps kernels initramfs
	@tests/check.sh

# Debug kernels are slow under TCG: the scenarios that exercise the series,
# on the patched kernel only; churn with 20 rounds.  no5lvl: in one of
# seven debug boots KASAN reported a wild-memory-access in an interrupt
# taken during identify_cpu(), 3 ms into boot, on a 5-level (LA57, from
# QEMU's "max" CPU) direct-map address; nothing of the series runs then.
# Booting with 4-level paging keeps that early-boot path out of the test.
DEBUG_SCENARIOS ?= kunit smoke churn labelled-namespaces fault-injection gup-pin hostile-info-block memmap-on-memory-hotplug e820-namespaces
check-debug: deps kernel-debug initramfs
	@OUT_SUFFIX=-debug KERNELS=patched TIMEOUT_SCALE=4 APPEND="bench.churn_rounds=20 no5lvl" SCENARIOS="$(DEBUG_SCENARIOS)" tests/check.sh

bench: deps kernels initramfs
	@tests/bench.sh

bisect: deps kernels
	@scripts/build-series.sh

lint:
	@tests/lint-series.sh

clean:
	rm -rf build/run build/logs build/initramfs build/initramfs.cpio.gz*
