# pmem: none
# timeout: 300
# checks: 70
# append: kunit.enable=1
# allow-warn: vmem_altmap: (pfn|freeing)
# allow-warn-count: 11
# Every KUnit test built into the kernel, one check per test without
# subtests (kunit_checks: the per-suite KTAP results in debugfs, parsed by
# /bench/ktap.awk, which tests/ktap-parser.sh tests on saved KTAP).
kunit_checks
series_kunit_suites
