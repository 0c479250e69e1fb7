# The one reader of result lines and the one statistics of their samples,
# for every host-side report (awk -f tests/results.awk -f PROGRAM).
# A result line is "key=value key=value ..."; a value runs up to the next
# " key=", so it may hold spaces (gup-pin test names).  A measured time is
# the comma-separated list of its samples (guest/lib.sh samples).

# v(LINE, KEY): the value of KEY in LINE ("" if absent).
function v(line, k,   i) {
	line = " " line; i = index(line, " " k "=")
	if (!i) return ""
	line = substr(line, i + length(k) + 2); sub(/ [a-z][a-z0-9_]*=.*/, "", line)
	return line
}
# stats(LIST, S): S["n"], S["med"], S["min"], S["max"] of the numbers in
# the comma-separated LIST; returns n (0 for "" or "?").
function stats(list, S,   a, n, i, j, t) {
	delete S; S["n"] = 0
	if (list == "" || list == "?") return 0
	n = split(list, a, ",")
	for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
	S["n"] = n; S["min"] = a[1] + 0; S["max"] = a[n] + 0
	S["med"] = (n % 2) ? a[(n + 1) / 2] + 0 : (a[n / 2] + a[n / 2 + 1]) / 2
	return n
}
# med(LIST): the median of LIST ("?" if empty).
function med(list,   S) { return stats(list, S) ? S["med"] : "?" }
# cell(LIST): "median (min-max)" of a time, or the one value.
function cell(list,   S) {
	if (!stats(list, S)) return "?"
	if (S["n"] == 1) return fmt(S["med"])
	return fmt(S["med"]) " (" fmt(S["min"]) "-" fmt(S["max"]) ")"
}
function fmt(x) { return (x == int(x)) ? sprintf("%.0f", x) : sprintf("%.1f", x) }
# ratio(BASE, PATCHED[, FLOOR]): patched/base of the medians.  "noise" when
# the spread of the ratio, from min/max to max/min, contains 1 (the two
# sets of samples overlap: the difference is smaller than the spread), or
# when the medians differ by less than FLOOR (a resolution the clock can't
# beat); a ratio from fewer than 3 samples on either side, a single one
# included, says so.
function ratio(b, p, floor,   B, P, r) {
	if (!stats(b, B) || !stats(p, P) || B["med"] <= 0) return "-"
	r = sprintf("%.2f", P["med"] / B["med"])
	if (B["n"] < 3 || P["n"] < 3) return r " (n<3)"
	if (P["min"] <= B["max"] && B["min"] <= P["max"]) return r " (noise)"
	if (floor > 0 && P["med"] - B["med"] < floor && B["med"] - P["med"] < floor) return r " (noise)"
	return r
}
# exact_ratio(BASE, PATCHED): patched/base of two exact values (sizes,
# page counts), which have no spread to mark.
# once(SET, K): true the first time K is seen in SET (for rows, columns
# and tables kept in the order their first line came).
function once(set, k) { if (k in set) return 0; set[k] = 1; return 1 }
function exact_ratio(b, p) { return (b + 0 > 0 && p != "") ? sprintf("%.2f", p / b) : "-" }
# config_name(C): "devdax-2M-dev-compact" as "devdax 2M --map=dev compact".
function config_name(c,   name) {
	name = c; gsub("-", " ", name); sub(/ dev$/, " --map=dev", name)
	sub(/ dev compact$/, " --map=dev compact", name); sub(/ mem$/, " --map=mem", name)
	return name
}
