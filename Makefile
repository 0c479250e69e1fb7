# The bench for the vmem_altmap compound-page series.  See README.md.
#   make demo   base vs patched on the timing kernels, side by side (PMEM=64G, ROUNDS=3)
#   make check  every test; ends with "N passed, N failed"
#   make check-debug  the scenarios again on a KASAN/kmemleak/DEBUG_PAGEALLOC kernel
#   make bench  base vs patched timing kernels at 4G, 64G and 1T, a profile at 64G:
#               build/bench/results.md and bench.png
#   make bisect build the series patch by patch; W=1 and sparse on the touched files
#   make check-ppc64le  base and patched ppc64le kernels on QEMU's pseries machine (radix, 64K
#               pages, spapr-nvdimm): smoke, namespace geometries, folio grid; not in CI
#   make shell  a shell in the guest on a scenario's machine (SCENARIO=smoke KERNEL=patched)
#   make kernels, make kernels-timing, make initramfs, make tree, make export, make lint: the pieces
#
#   Knobs, as make variables (make check SCENARIOS=smoke) or in the environment:
#     PMEM=64G              NVDIMM size of make demo
#     ROUNDS=3              make demo: rounds per configuration (medians, spread)
#     SIZES="4G:5 64G:5 1T:5"  make bench: sizes and rounds of each
#     PROFILE_SIZES=64G     make bench: sizes profiled (function_graph of a bind, an unbind)
#     ICOUNT_SIZES=64G:5    make bench: sizes measured again counting instructions (TCG)
#     CONFIGS=devdax-2M-dev,...  make demo/bench: configurations (MODE-ALIGN-MAP[-compact])
#     SCENARIOS="smoke kunit"  make check: only these scenarios (default: all)
#     KERNELS=patched       make check: boot these kernels instead of each scenario's list
#     DEBUG_SCENARIOS=...   make check-debug: its scenarios (see below)
#     APPEND="foo=bar"      extra guest kernel command line
#     MEMORY=2G             guest RAM (default: the scenario's, else 2G)
#     MAXMEM=1024G          guest address space for RAM and hotplug (default: the scenario's, else RAM+NVDIMMs+4G)
#     TIMEOUT_SCALE=1       multiply every guest timeout (check-debug: 4)
#     BENCH_ARGS=...        arguments passed to the guest scenario (bench.args=)
#     NVDIMMS="16G 16G"     boot-scenario.sh: NVDIMM sizes instead of the scenario's
#     ACCEL=tcg             kvm or tcg instead of tests/accel.sh's probe
#     SILENT_TIMEOUT=60     seconds of empty console before a boot counts as never run
#     PROGRESS=1            print the guest's steps as they come (demo and bench do)
#     TIMEOUT=...           guest timeout in seconds instead of the scenario's
#     QEMU_EXTRA="..."      more QEMU arguments (e.g. "-icount shift=0")
#     SCENARIO=smoke KERNEL=patched  make shell: the machine and the kernel
SHELL := /bin/bash
# Knobs given on the command line must be known ones: a misspelled knob
# would otherwise be ignored without a word.
KNOBS := PMEM ROUNDS SIZES PROFILE_SIZES ICOUNT_SIZES CONFIGS SCENARIOS KERNELS \
	DEBUG_SCENARIOS APPEND MEMORY MAXMEM TIMEOUT_SCALE BENCH_ARGS NVDIMMS ACCEL \
	SILENT_TIMEOUT TIMEOUT QEMU_EXTRA SCENARIO KERNEL PROGRESS
unknown := $(filter-out $(KNOBS),$(foreach v,$(.VARIABLES),$(if $(filter command line,$(origin $(v))),$(v))))
ifneq ($(unknown),)
$(error unknown knob(s): $(unknown); the knobs are: $(KNOBS) (see 'make help'))
endif
ifneq ($(filter command line,$(origin SCENARIO) $(origin KERNEL)),)
ifeq ($(filter shell,$(MAKECMDGOALS)),)
$(error SCENARIO= and KERNEL= are for make shell; make check takes SCENARIOS= and KERNELS=)
endif
endif
PMEM ?= 64G
export PMEM_DEMO := $(PMEM)

.PHONY: deps-ppc64le kernels-ppc64le initramfs-ppc64le check-ppc64le
.PHONY: all deps tree export kernels kernel-debug kernels-timing initramfs demo check check-debug bench bisect lint shell clean help kernel-debug-fixes
all: help
help:
	@sed -n 's/^#   /  /p' Makefile

deps:
	@scripts/install-deps.sh

tree:
	@scripts/make-tree.sh base
	@scripts/make-tree.sh fixes
	@scripts/make-tree.sh patched

export:
	@scripts/export-patches.sh

# base, base plus the fixes at the head of the series (what a stable kernel
# would carry), and the whole series.
kernels: tree
	@scripts/build-kernel.sh base
	@scripts/build-kernel.sh fixes
	@scripts/build-kernel.sh patched

# The patched kernel with config/debug.config on top, in build/patched/out-debug.
kernel-debug: tree
	@OUT_SUFFIX=-debug scripts/build-kernel.sh patched config/bench.config config/series.config config/debug.config

# Base plus the fixes, with config/debug.config, in build/fixes/out-debug:
# a stable kernel's view of the scenarios that show a fix.
kernel-debug-fixes: tree
	@OUT_SUFFIX=-debug scripts/build-kernel.sh fixes config/bench.config config/debug.config

# Base and patched configured like a distribution for the timed paths
# (config/timing.config), in build/{base,patched}/out-timing.
kernels-timing: tree
	@OUT_SUFFIX=-timing scripts/build-kernel.sh base config/bench.config config/timing.config
	@OUT_SUFFIX=-timing scripts/build-kernel.sh patched config/bench.config config/timing.config

initramfs: tree
	@guest/mkinitramfs.sh

demo: deps kernels-timing initramfs
	@tests/demo.sh

check: deps kernels initramfs
	@tests/check.sh

# Debug kernels are slow under TCG: the scenarios that exercise the series,
# on the patched kernel only; churn with 20 rounds.  no5lvl: in one of
# seven debug boots KASAN reported a wild-memory-access in an interrupt
# taken during identify_cpu(), 3 ms into boot, on a 5-level (LA57, from
# QEMU's "max" CPU) direct-map address; nothing of the series runs then.
# Booting with 4-level paging keeps that early-boot path out of the test.
DEBUG_SCENARIOS ?= kunit smoke churn labelled-namespaces fault-injection gup-pin hostile-info-block memmap-on-memory-hotplug e820-namespaces e820-hotplug-range e820-memmap-hole hugetlb
check-debug: deps kernel-debug initramfs
	@OUT_SUFFIX=-debug KERNELS=patched TIMEOUT_SCALE=4 APPEND="bench.churn_rounds=20 no5lvl" SCENARIOS="$(DEBUG_SCENARIOS)" tests/check.sh

bench: deps kernels-timing initramfs
	@tests/bench.sh

bisect: deps kernels initramfs
	@scripts/build-series.sh

# powerpc: base and patched with config/ppc64le-tcg.patch (see it) on top.
deps-ppc64le: deps
	@scripts/install-deps.sh ppc64le
	@scripts/fetch-ppc64le-userland.sh

kernels-ppc64le: deps-ppc64le tree
	@scripts/make-tree.sh base-ppc64le
	@scripts/make-tree.sh patched-ppc64le
	@scripts/build-kernel.sh base-ppc64le
	@scripts/build-kernel.sh patched-ppc64le

initramfs-ppc64le: deps-ppc64le tree
	@GUEST_ARCH=ppc64le guest/mkinitramfs.sh

check-ppc64le: kernels-ppc64le initramfs-ppc64le
	@tests/check-ppc64le.sh

lint:
	@tests/lint-series.sh
	@tests/lint-bench.sh

# A shell in the guest, on the machine a scenario describes (its NVDIMMs,
# RAM, command line), as vng does: make shell SCENARIO=labelled-namespaces
shell: deps kernels initramfs
	@INTERACTIVE=1 tests/boot-scenario.sh $(or $(KERNEL),patched) $(or $(SCENARIO),smoke)

clean:
	rm -rf build/run build/logs build/initramfs build/initramfs.cpio.gz* build/initramfs-ppc64le*
