# pmem: 8G
# timeout: 240
# checks: 6
# The bench works: the NVDIMM is seen, a devdax namespace is created,
# data goes through mmap of /dev/daxX.Y, the namespace is destroyed.
check "ndctl sees the region" sh -c 'ndctl list -R | grep -q region0'
check "namespace0.0 is raw" sh -c 'ndctl list -n namespace0.0 | grep -q "\"mode\":\"raw\""'
check "create devdax 2M --map=dev" ndctl create-namespace -f -e namespace0.0 --mode=devdax --map=dev --align=2M
dev=/dev/$(ns_chardev namespace0.0)
check "write pattern through $dev" pmem-pattern write "$dev" 11
check "verify pattern through $dev" pmem-pattern verify "$dev" 11
check "destroy namespace" ndctl destroy-namespace -f namespace0.0
