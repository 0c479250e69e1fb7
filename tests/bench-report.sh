#!/usr/bin/env bash
# Turn the results tests/bench.sh collected (DIR/measure.txt, DIR/pins.txt)
# into DIR/results.md, one DIR/<config>.dat per configuration and
# DIR/bench.png.
#   tests/bench-report.sh build/bench
set -euo pipefail
dir=${1:?usage: bench-report.sh DIR}
accel=$("$(dirname "$0")/accel.sh")
cd "$dir"

# Lines: size=B kernel=K tag=T config=C key=value ...  One row per size,
# configuration and metric: base, patched, patched/base.
# v(LINE, KEY): the value of KEY=VALUE in LINE ("?" if absent); a value runs
# up to the next " key=", so it may hold spaces (gup-pin test names).
kv='function v(line, k,   i) { line = " " line; i = index(line, " " k "="); if (!i) return "?"; line = substr(line, i + length(k) + 2); sub(/ [a-z_]+=.*/, "", line); return line }'
awk "$kv"'
function gib(b) { b += 0; return b >= 1099511627776 ? sprintf("%gT", b / 1099511627776) : sprintf("%gG", b / 1073741824) }
function ratio(b, p) { return (b + 0 > 0 && b != "?" && p != "?") ? sprintf("%.3g", p / b) : "-" }
BEGIN {
	nm = split("usable reserve memmap_dev_pages memmap_ram_pages enable_ram_kb create_ms enable_ms init_ms disable_ms destroy_ms", metric, " ")
	split("usable bytes|reserve bytes|memmap pages in device memory|memmap pages in RAM|RAM taken by enable (KiB)|create ms (median)|enable ms (median)|memmap_init ms (median)|disable ms (median)|destroy ms (median)", label, "|")
}
{
	s = v($0, "size"); c = v($0, "config"); k = v($0, "kernel")
	if (c == "raw") { rep[s] = v($0, "repeat"); next }
	if (!(s in seens)) { seens[s] = 1; sizes[++ns] = s }
	if (!(c in seenc)) { seenc[c] = 1; cfgs[++nc] = c }
	for (m = 1; m <= nm; m++) val[s, c, k, metric[m]] = v($0, metric[m])
}
END {
	# Base has one format: a compact row compares with its default one.
	for (i = 1; i <= ns; i++) for (j = 1; j <= nc; j++) {
		s = sizes[i]; c = cfgs[j]
		if (c !~ /-compact$/ || val[s, c, "base", "usable"] != "") continue
		for (m = 1; m <= nm; m++) val[s, c, "base", metric[m]] = val[s, substr(c, 1, length(c) - 8), "base", metric[m]]
	}
	for (i = 1; i <= ns; i++) {
		s = sizes[i]
		printf "\n### Emulated NVDIMM of %s (%s)\n\n", gib(s), (rep[s] + 0 > 1 ? "times: medians of " rep[s] " creates and enables" : "times: one create and enable")
		printf "| configuration | metric | base | patched | patched/base |\n|---|---|---:|---:|---:|\n"
		for (j = 1; j <= nc; j++) {
			c = cfgs[j]; name = c; gsub("-", " ", name); sub(/ dev$/, " --map=dev", name); sub(/ dev compact$/, " --map=dev compact", name); sub(/ mem$/, " --map=mem", name)
			for (m = 1; m <= nm; m++) {
				b = val[s, c, "base", metric[m]]; p = val[s, c, "patched", metric[m]]
				if (b == "" && p == "") continue
				printf "| %s | %s | %s | %s | %s |\n", (m == 1 ? name : ""), label[m], b, p, ratio(b, p)
			}
		}
	}
	# Plot data: size_GiB base_reserve_GiB patched_reserve_GiB base_enable_ms patched_enable_ms
	for (j = 1; j <= nc; j++) {
		c = cfgs[j]; f = c ".dat"
		printf "# size_GiB base_reserve_GiB patched_reserve_GiB base_enable_ms patched_enable_ms\n" > f
		for (i = 1; i <= ns; i++) {
			s = sizes[i]
			printf "%g %g %g %s %s\n", s / 1073741824, val[s, c, "base", "reserve"] / 1073741824,
				val[s, c, "patched", "reserve"] / 1073741824, val[s, c, "base", "enable_ms"], val[s, c, "patched", "enable_ms"] > f
		}
		close(f)
	}
}' measure.txt >tables.md

# Pins: kernel=K tag=T config=C test=WHAT get_us=N put_us=N
awk "$kv"'
function ratio(b, p) { return (b + 0 > 0 && p != "?") ? sprintf("%.3g", p / b) : "-" }
$0 ~ /get_us=[0-9]/ {
	k = v($0, "kernel"); c = v($0, "config"); t = v($0, "test")
	row = c " | " t
	if (!(row in seen)) { seen[row] = 1; rows[++n] = row }
	get[row, k] = v($0, "get_us"); put[row, k] = v($0, "put_us")
}
END {
	printf "\n### gup_test pin and unpin, 512 pages per call, medians of 10 (us)\n\n"
	printf "| configuration | test | pin base | pin patched | patched/base | unpin base | unpin patched | patched/base |\n"
	printf "|---|---|---:|---:|---:|---:|---:|---:|\n"
	for (i = 1; i <= n; i++) {
		r = rows[i]
		printf "| %s | %s | %s | %s | %s | %s | %s |\n", r, get[r, "base"], get[r, "patched"], ratio(get[r, "base"], get[r, "patched"]),
			put[r, "base"], put[r, "patched"], ratio(put[r, "base"], put[r, "patched"])
	}
}' pins.txt >pins.md

{
	echo "## make bench: base v6.12 vs patched"
	echo
	if [ "$accel" = kvm ]; then
		echo "QEMU with KVM on $(nproc) host cores: times are virtualized, compare ratios."
	else
		echo "QEMU TCG (no KVM): times are emulated; compare ratios, not absolute values."
	fi
	echo "Sizes and counts are exact.  Made by \`make bench\` on $(date -u +%Y-%m-%d)."
	cat tables.md pins.md
	echo
	echo "![reserve and enable time against namespace size](bench.png)"
} >results.md

# plot_cmd BASECOL PATCHEDCOL: one gnuplot "plot" argument list.
plot_cmd() {
	local p='' c
	for c in devdax-2M-dev devdax-1G-dev fsdax-2M-dev; do
		[ -f "$c.dat" ] || continue
		p+="'$c.dat' using 1:$1 with linespoints title '$c base', "
		p+="'$c.dat' using 1:$2 with linespoints dashtype 2 title '$c patched', "
	done
	echo "${p%, }"
}
[ -n "$(plot_cmd 2 3)" ] || { echo "bench-report: no data to plot" >&2; exit 1; }
gnuplot <<EOF
set terminal pngcairo size 1400,560 font ",10"
set output 'bench.png'
set multiplot layout 1,2 title "base v6.12 vs patched, devdax and fsdax (QEMU $accel)"
set logscale xy 2
set xlabel "namespace size (GiB)"
set key top left
set grid
set title "metadata reserve on the device"
set ylabel "GiB"
plot $(plot_cmd 2 3)
set title "namespace enable time (median)"
set ylabel "ms ($accel)"
plot $(plot_cmd 4 5)
unset multiplot
EOF
echo "bench-report: wrote $dir/results.md and $dir/bench.png"
