# pmem: none
# memory: 8G
# maxmem: 1024G
# append: memmap=4G!1T
# timeout: 900
# checks: 29
# kernel: base patched
# The e820 scenario on a machine shaped like a server with NVDIMMs: a
# memory hotplug range of about 1 TiB (QEMU's maxmem, an SRAT hotpluggable
# range above RAM).  With that much address space QEMU puts an AMD-vendor
# guest's (TCG's -cpu max) RAM above 4 GiB at 1 TiB, past the HyperTransport
# hole, so the pmem is carved out of the RAM there: memmap=4G!1T.  (On such
# a machine memmap=4G!4G names a hole: e820-memmap-hole.)
. /bench/scenarios/e820-namespaces.sh
