#!/usr/bin/env bash
# make check-ppc64le: the scenarios that apply to powerpc, on base and
# patched ppc64le kernels (QEMU pseries, POWER9, radix MMU, 64K pages,
# spapr-nvdimm), then the patched kernel's memmap rows held to base's.
# Base is the reference: a scenario that shows a bug of base which the
# series fixes says so in its "expect-fail:" header and must fail there.
# Ends with "N passed, N failed, N skipped"; exits 1 on any failure.
#   SCENARIOS="smoke namespace-geometry"   only these
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
results=$top/build/logs/check-ppc64le-results.txt
mkdir -p "$top/build/logs"
start=$(date +%s)
# The scenarios via check.sh, without the bench self-tests (make check
# runs those), then the comparison; the summary covers both.
SCENARIOS=${SCENARIOS:-smoke namespace-geometry folio-grid} KERNELS="base-ppc64le patched-ppc64le" \
	CHECK_SCENARIOS_ONLY=1 CHECK_RESULTS=$results "$top/tests/check.sh"
echo "== memmap pages per namespace geometry: patched at most base"
"$top/tests/compare-rows.sh" "namespace-geometry[patched-ppc64le vs base-ppc64le]" \
	"$top/build/logs/base-ppc64le-namespace-geometry.results" \
	"$top/build/logs/patched-ppc64le-namespace-geometry.results" geometry pad -- memmap_pages | tee -a "$results"
exec "$top/tests/summary.sh" "$results" "$start"
