# pmem: 8G
# timeout: 240
# checks: 6
# The bench works: the NVDIMM is seen, a devdax namespace is created,
# data goes through mmap of /dev/daxX.Y, the namespace is destroyed.
check "ndctl sees the region" sh -c 'ndctl list -R | grep -q region0'
# An NVDIMM without labels (x86's here) is one raw namespace0.0 as big as
# its region; pseries requires labels, and there namespace0.0 is the
# region's empty seed, given the region's size here.
size=
if ndctl list -n namespace0.0 | grep -q '"mode":"raw"'; then
	pass "namespace0.0 is raw"
else
	check "namespace0.0 is the labelled region's seed" sh -c 'ndctl list -i -n namespace0.0 | grep -q "\"size\":0"'
	size="-s $(ndctl list -r region0 | json_num available_size)"
fi
check "create devdax 2M --map=dev" ndctl create-namespace -f -e namespace0.0 --mode=devdax --map=dev --align=2M $size
dev=/dev/$(ns_chardev namespace0.0)
check "write pattern through $dev" pmem-pattern write "$dev" 11
check "verify pattern through $dev" pmem-pattern verify "$dev" 11
check "destroy namespace" ndctl destroy-namespace -f namespace0.0
