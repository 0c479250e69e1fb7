# pmem: 16G
# timeout: 600
# checks: 34
# The series' kselftest (tools/testing/selftests/nvdimm_memmap) as an admin
# runs it: it skips without a namespace and with one that is not raw, and
# with a raw namespace every KTAP test line is a check here.
ks=/kselftest/nvdimm_memmap/nvdimm_memmap.sh

NVDIMM_MEMMAP_NAMESPACE='' $ks >/tmp/ks.out 2>&1; rc=$?
same "kselftest without a namespace skips (exit 4)" "$rc $(grep -c '^1..0 # SKIP' /tmp/ks.out)" "4 1"

ndctl create-namespace -f -e namespace0.0 --mode=fsdax --map=mem >/dev/null 2>&1
NVDIMM_MEMMAP_NAMESPACE=namespace0.0 $ks >/tmp/ks.out 2>&1; rc=$?
mode=$(ndctl list -n namespace0.0 | json_str mode)
same "kselftest leaves a namespace in use alone (exit 4, still $mode)" "$rc $mode" "4 fsdax"
ndctl create-namespace -f -e namespace0.0 --mode=raw >/dev/null 2>&1

NVDIMM_MEMMAP_NAMESPACE=namespace0.0 $ks >/tmp/ks.out 2>&1; rc=$?
cat /tmp/ks.out
while IFS= read -r line; do
	case "$line" in
	"ok "*" # SKIP"*) skip "kselftest:${line#ok [0-9]*}" "skipped" ;;
	"ok "*) pass "kselftest: ${line#ok [0-9]* }" ;;
	"not ok "*) fail "kselftest: ${line#not ok [0-9]* }" "$(grep "^# ${line#not ok [0-9]* }:" /tmp/ks.out | head -1)" ;;
	esac
done </tmp/ks.out
same "kselftest exit status" "$rc" 0
same "kselftest plan complete" "$(grep -c '^\(not \)\?ok ' /tmp/ks.out)" "$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' /tmp/ks.out)"
