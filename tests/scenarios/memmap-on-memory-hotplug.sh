# pmem: none
# memory: 2G
# monitor: guest
# timeout: 900
# checks: 39
# kernel: base patched
# append: memory_hotplug.memmap_on_memory=1
# Issue 5, scenario 3: memory hotplug with memmap_on_memory (the other
# user of vmem_altmap) must behave as before the series; it runs on both
# kernels with the same expectations.  Three rounds of: hot-add a 256 MiB
# pc-dimm through the QEMU monitor, online it movable (MemTotal grows by
# the dimm minus the memmap each memory block carries), fill a tmpfs so
# the new memory is used, offline it (the data migrates and stays
# intact), unplug it; MemTotal and nr_memmap_pages return to the start.
mhp=/sys/devices/system/memory
bs=$(printf %d "0x$(cat $mhp/block_size_bytes)")
dimm=$((256 << 20))
nblk=$((dimm / bs))
moom=$(cat /sys/module/memory_hotplug/parameters/memmap_on_memory 2>/dev/null)
case "$moom" in Y|force) pass "memmap_on_memory is on ($moom)" ;; *) fail "memmap_on_memory" "parameter reads '$moom'" ;; esac
same "new memory blocks stay offline" "$(cat $mhp/auto_online_blocks)" offline

blocks() { ls -d $mhp/memory[0-9]* | sort; }
nblocks() { blocks | wc -l; }
movable_free() { awk '/^Node .* zone +Movable/ { z = 1; next } /^Node/ { z = 0 } z && $1 == "pages" && $2 == "free" { n += $3 } END { print n + 0 }' /proc/zoneinfo; }
# wait_blocks N: wait up to 120 s for N memory blocks (ACPI hotplug is slow under TCG).
wait_blocks() {
	i=0
	while [ "$(nblocks)" != "$1" ] && [ $i -lt 1200 ]; do sleep 0.1; i=$((i + 1)); done
	[ "$(nblocks)" = "$1" ]
}
before=$(blocks) n0=$(nblocks)
total0=$(meminfo_kb MemTotal) pages0=$(vmstat nr_memmap_pages)
# Each block keeps its own memmap (64 bytes per 4 KiB page) at its start.
want_kb=$(( (dimm - nblk * (bs / 64)) / 1024 ))
mkdir -p /mnt/hp
dd if=/dev/urandom of=/tmp/seed bs=1M count=1 2>/dev/null

# The monitor must be heard: a command it refuses fails hmp (a reply that
# was only some other prompt once let a lost object_add pass).
if reply=$(hmp no_such_command); then fail "monitor refuses an unknown command" "hmp passed: $reply"
else pass "monitor refuses an unknown command ($(echo "$reply" | tr -s '\n' ' '))"; fi

for r in 1 2 3; do
	step "hotplug round $r"
	check "round $r: object_add" hmp object_add "memory-backend-ram,id=hpmem$r,size=$dimm"
	check "round $r: device_add pc-dimm" hmp device_add "pc-dimm,id=hpdimm$r,memdev=hpmem$r"
	if ! wait_blocks $((n0 + nblk)); then
		fail "round $r: hot-add" "$(nblocks) memory blocks, want $((n0 + nblk))"; break
	fi
	new=$(blocks | while read -r b; do echo "$before" | grep -qx "$b" || echo "$b"; done)
	ok=1
	for b in $new; do echo online_movable >"$b/state" || ok=0; done
	expect "round $r: $nblk blocks online movable" $ok -eq 1
	expect "round $r: MemTotal grew by the dimm less its memmap (KiB)" \
		$(( $(meminfo_kb MemTotal) - total0 )) -eq "$want_kb"
	mf0=$(movable_free)
	mount -t tmpfs -o size=200M tmpfs /mnt/hp
	i=0; while [ $i -lt 150 ]; do cat /tmp/seed; i=$((i + 1)); done >/mnt/hp/data
	sum=$(md5sum </mnt/hp/data)
	used=$(( (mf0 - $(movable_free)) * 4 / 1024 ))
	expect "round $r: MiB of the new memory in use by tmpfs" "$used" -ge 100
	ok=1
	for b in $new; do echo offline >"$b/state" || ok=0; done
	expect "round $r: blocks offline (data migrated)" $ok -eq 1
	same "round $r: tmpfs data after offline" "$(md5sum </mnt/hp/data)" "$sum"
	check "round $r: device_del" hmp device_del "hpdimm$r"
	wait_blocks "$n0" || fail "round $r: unplug" "$(nblocks) memory blocks, want $n0"
	# QEMU lets go of the backend once the guest's eject completed.
	i=0; until hmp object_del "hpmem$r" >/dev/null || [ $i -ge 20 ]; do sleep 0.5; i=$((i + 1)); done
	expect "round $r: object_del (tries)" $i -lt 20
	same "round $r: tmpfs data after unplug" "$(md5sum </mnt/hp/data)" "$sum"
	umount /mnt/hp
	same "round $r: MemTotal back" "$(meminfo_kb MemTotal)" "$total0"
	same "round $r: memmap pages back" "$(vmstat nr_memmap_pages)" "$pages0"
done
