#!/usr/bin/env bash
# Turn what tests/bench.sh collected (DIR/measure.txt, DIR/profile.txt,
# DIR/pins.txt, DIR/hugetlb.txt, DIR/lookups.txt) into DIR/results.md, one DIR/<config>.dat per
# configuration and DIR/bench.png.
#   tests/bench-report.sh build/bench
set -euo pipefail
dir=${1:?usage: bench-report.sh DIR}
here=$(cd "$(dirname "$0")" && pwd)
accel=${ACCEL:-$("$here/accel.sh")}
dir=$(cd "$dir" && pwd)
cd "$dir"
touch measure.txt profile.txt pins.txt hugetlb.txt lookups.txt

# Plot data per configuration: size_GiB base_reserve_GiB
# patched_reserve_GiB base_bind_ms patched_bind_ms (medians).
awk -f "$here/results.awk" -f - measure.txt <<'EOF_AWK'
{
	s = v($0, "size"); c = v($0, "config"); k = v($0, "kernel")
	if (c == "raw" || v($0, "profile") != "" || v($0, "clock") == "icount") next
	if (once(seens, s)) sizes[++ns] = s
	if (once(seenc, c)) cfgs[++nc] = c
	res[s, c, k] = v($0, "reserve"); bind[s, c, k] = med(v($0, "bind_ms"))
}
END {
	for (j = 1; j <= nc; j++) {
		c = cfgs[j]; f = c ".dat"
		printf "# size_GiB base_reserve_GiB patched_reserve_GiB base_bind_ms patched_bind_ms\n" > f
		for (i = 1; i <= ns; i++) {
			s = sizes[i]
			printf "%g %g %g %s %s\n", s / 1073741824, res[s, c, "base"] / 1073741824,
				res[s, c, "patched"] / 1073741824, bind[s, c, "base"], bind[s, c, "patched"] > f
		}
		close(f)
	}
}
EOF_AWK

# Pins: clock=host|icount kernel=K config=C test=WHAT get_us=SAMPLES
# put_us=SAMPLES.
awk -f "$here/results.awk" -f - pins.txt >pins.md <<'EOF_AWK'
$0 ~ /get_us=[0-9]/ {
	k = v($0, "kernel")
	row = v($0, "clock") " | " config_name(v($0, "config")) " | " v($0, "test")
	if (once(seen, row)) rows[++n] = row
	get[row, k] = v($0, "get_us"); put[row, k] = v($0, "put_us")
}
END {
	if (!n) exit
	printf "\n### gup_test pin and unpin, 512 pages per call, medians of 10, (min-max) (us)\n\n"
	printf "Clock host: QEMU's time; icount: -icount shift=0,sleep=off, where guest time counts the\n"
	printf "instructions executed (1 ns each), which the layout of the kernel in memory\n"
	printf "does not move.\n\n"
	printf "| clock | configuration | test | pin base | pin patched | patched/base | unpin base | unpin patched | patched/base |\n"
	printf "|---|---|---|---:|---:|---:|---:|---:|---:|\n"
	for (i = 1; i <= n; i++) {
		r = rows[i]
		printf "| %s | %s | %s | %s | %s | %s | %s |\n", r, cell(get[r, "base"]), cell(get[r, "patched"]), ratio(get[r, "base"], get[r, "patched"]),
			cell(put[r, "base"]), cell(put[r, "patched"]), ratio(put[r, "base"], put[r, "patched"])
	}
}
EOF_AWK

# HugeTLB: clock=C kernel=K test=hugetlb size=S vmemmap_per_page=N
# base_per_page=N (exact), test=hugetlb tails_pages=N, test=lookups state=WHAT us=SAMPLES; lookups.txt:
# test=folio-lookup state=WHAT kind=FOLIOS heads_ps= tails_ps= flags_ps=
# (SAMPLES each).
awk -f "$here/results.awk" -f - hugetlb.txt lookups.txt >hugetlb.md <<'EOF_AWK'
function add(row, k, value, is_exact) {
	if (once(seen, row)) rows[++n] = row
	val[row, k] = value; exact[row] = is_exact
}
{
	k = v($0, "kernel"); t = v($0, "test"); c = v($0, "clock")
	if (t == "hugetlb" && c == "host" && v($0, "tails_pages") != "")
		add("- | pages of tails kept for the kernel's lifetime (one per zone and size)", k, v($0, "tails_pages"), 1)
	else if (t == "hugetlb" && c == "host")
		add("- | vmemmap pages per " v($0, "size") " page (" v($0, "base_per_page") " unshared)", k, v($0, "vmemmap_per_page"), 1)
	else if (t == "lookups")
		add(c " | /proc/kpageflags of all RAM, " v($0, "state") " (us)", k, v($0, "us"), 0)
	else if (t == "folio-lookup") {
		r = c " | " v($0, "kind") ", " v($0, "state") ": "
		add(r "compound_head() of a head (ps)", k, v($0, "heads_ps"), 0)
		add(r "compound_head() of a tail (ps)", k, v($0, "tails_ps"), 0)
		add(r "PageHead() + PageTail() of a page (ps)", k, v($0, "flags_ps"), 0)
	}
}
END {
	if (!n) exit
	printf "\n### HugeTLB (hugetlb_free_vmemmap=on) and folio lookups, medians of 5, (min-max)\n\n"
	printf "/proc/kpageflags: reading it looks up the folio of every page (head,\n"
	printf "tail, order 0), with 2M and 1G HugeTLB pages and 256 MiB of THP about;\n"
	printf "HugeTLB's optimized pages turn base's fake-head test on; the patched kernel\n"
	printf "maps a page of tails there instead and has no fake heads to test for.\n"
	printf "compound_head(), PageHead(), PageTail(): the bench module lookup_bench times\n"
	printf "them in a loop over the struct pages of the folios named (scenario\n"
	printf "folio-lookups), per lookup; counting instructions, a picosecond is a\n"
	printf "thousandth of an instruction.\n\n"
	printf "| clock | measure | base | patched | patched/base |\n|---|---|---:|---:|---:|\n"
	for (i = 1; i <= n; i++) {
		r = rows[i]
		if (exact[r]) printf "| %s | %s | %s | %s |\n", r, val[r, "base"], val[r, "patched"], exact_ratio(val[r, "base"], val[r, "patched"])
		else printf "| %s | %s | %s | %s |\n", r, cell(val[r, "base"]), cell(val[r, "patched"]), ratio(val[r, "base"], val[r, "patched"])
	}
}
EOF_AWK

{
	echo "## make bench: base v6.12 vs patched"
	echo
	if [ "$accel" = kvm ]; then
		echo "QEMU with KVM on $(nproc) host cores: times are virtualized, compare ratios."
	else
		echo "QEMU TCG (no KVM) on $(nproc) host cores: times are emulated; compare ratios, not absolute values."
	fi
	echo "Kernels: bench.config + timing.config (no DEBUG_VM, -O2 and jump labels, as distributions build; ftrace for the profile)."
	echo "A ratio marked (noise) has a spread (min/max to max/min) that contains 1."
	echo "Sizes and counts are exact.  Made by \`make bench\` on $(date -u +%Y-%m-%d)."
	"$here/results-table.sh" measure.txt profile.txt
	cat pins.md hugetlb.md
	echo
	echo "![reserve and bind time against namespace size](bench.png)"
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
set title "kernel bind time (median)"
set ylabel "ms ($accel)"
plot $(plot_cmd 4 5)
unset multiplot
EOF
echo "bench-report: wrote $dir/results.md and $dir/bench.png"
# The tables of docs/results.md are this run's, between its markers
# (BENCH_DOC= names another file, or none).
doc=${BENCH_DOC-$here/../docs/results.md}
if [ -n "$doc" ] && grep -q '^<!-- bench:begin -->$' "$doc" && grep -q '^<!-- bench:end -->$' "$doc"; then
	awk -v new="$dir/results.md" '
		/^<!-- bench:begin -->$/ { print; while ((getline l < new) > 0) print l; skip = 1; next }
		/^<!-- bench:end -->$/ { skip = 0 }
		!skip { print }' "$doc" >"$doc.new" && mv "$doc.new" "$doc"
	echo "bench-report: tables in ${doc#"$here/../"} replaced by this run's"
fi
