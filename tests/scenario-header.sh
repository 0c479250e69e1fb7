#!/usr/bin/env bash
# The one reader of scenario headers: comment lines "# KEY: VALUE" at the
# top of tests/scenarios/*.sh.  Prints the first VALUE of KEY (nothing if
# the scenario has none); an unknown KEY is an error.
#   scenario-header.sh FILE KEY
# Keys:
#   pmem: 64G 8G          one NVDIMM per size ("none": no NVDIMM; default 8G)
#   labels: 128K          label area per NVDIMM (default: no labels)
#   memory: 2G            guest RAM (default 2G)
#   numa: 1 2             the NUMA node of each NVDIMM, in the order of
#                         pmem: the guest gets nodes 0 and 1, each with one
#                         CPU and half the RAM, and up to node 3 without
#                         either (x86 only; default: one node)
#   maxmem: 1024G         guest address space for RAM and DIMM hotplug
#                         (QEMU's maxmem; default: RAM + NVDIMMs + 4G)
#   timeout: 300          seconds before the guest counts as hung (default 300)
#   append: foo=bar       extra kernel command line
#   monitor: guest        the QEMU monitor (HMP) on the guest's ttyS2
#   kernel: base patched  kernels make check boots it on (default: patched)
#   check: no             make check leaves it out (bench-only scenarios)
#   expect-fail: base     kernels on which the scenario must fail (a bug
#                         that a fix at the head of the series removes)
#   checks: N             the scenario runs at least N checks (fewer: it
#                         stopped early, a FAIL)
#   allow-warn: REGEX     warnings the scenario provokes on purpose (its
#                         message or WARNING line, not its stack)
#   allow-warn-count: N   ... and how many of them (N or LO-HI)
#   modules: NAME...      bench modules (guest/modules/NAME) built against
#                         the kernel booted, in /lib/bench-modules/
set -euo pipefail
file=${1:?usage: scenario-header.sh FILE KEY} key=${2:?usage: scenario-header.sh FILE KEY}
keys="pmem labels numa memory maxmem timeout append monitor kernel check expect-fail checks allow-warn allow-warn-count modules"
known() { case " $keys " in *" $1 "*) return 0 ;; esac; return 1; }
known "$key" || { echo "scenario-header: unknown key '$key'" >&2; exit 2; }
[ -f "$file" ] || { echo "scenario-header: no scenario $file" >&2; exit 2; }
# The header is the leading run of "# key: value" lines: a key there that
# is not known (a misspelling) would be ignored, so it is an error.
for k in $(awk '/^# [a-z][a-z-]*: / { sub(/^# /, ""); sub(/:.*/, ""); print; next } { exit }' "$file"); do
	known "$k" || { echo "scenario-header: $file: unknown header key '$k' (known: $keys)" >&2; exit 2; }
done
sed -n "s/^# $key: *//p" "$file" | head -1
