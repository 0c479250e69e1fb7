# KTAP (Documentation/dev-tools/ktap.rst) to one line per test that has no
# subtests, at any nesting depth (suite, case, parameter):
#   ok|suite.case.param
#   not ok|suite.case.param
#   skip|suite.case|reason
# A test whose subtests all passed but that reports "not ok" itself (a
# suite whose init failed, say) is a "not ok" line of its own, and so are
# subtests whose parent never reported (the kernel died in the middle).
# Console timestamps ("[    1.23] ") are stripped.  POSIX awk: runs in the
# guest's busybox and on the host (tests/ktap-parser.sh tests it).
function add(d, line) { cnt[d]++; ent[d, cnt[d]] = line }
{
	line = $0
	sub(/\r$/, "", line)
	sub(/^\[ *[0-9]+\.[0-9]+\] /, "", line)
	match(line, /^ */)
	d = int(RLENGTH / 4)
	body = substr(line, RLENGTH + 1)
	if (body !~ /^(not ok|ok) [0-9]+/)
		next
	st = (body ~ /^not ok/) ? "not ok" : "ok"
	name = body
	sub(/^(not ok|ok) [0-9]+ *(- )?/, "", name)
	why = ""
	if (index(name, " # ")) {
		why = substr(name, index(name, " # ") + 3)
		name = substr(name, 1, index(name, " # ") - 1)
	}
	if (why ~ /^SKIP/) { st = "skip"; sub(/^SKIP */, "", why) }
	if (d > maxd) maxd = d
	# Results one level deeper, not yet claimed, are this test's subtests.
	if (cnt[d + 1] > 0) {
		failed = 0
		for (i = 1; i <= cnt[d + 1]; i++) {
			e = ent[d + 1, i]
			split(e, f, "|")
			if (f[1] == "not ok") failed = 1
			add(d, f[1] "|" name "." substr(e, length(f[1]) + 2))
		}
		cnt[d + 1] = 0
		if (st == "not ok" && !failed)
			add(d, "not ok|" name "|reported failure, no failing subtest")
		next
	}
	add(d, st "|" name (why != "" ? "|" why : ""))
}
END {
	for (d = maxd; d > 0; d--)
		for (i = 1; i <= cnt[d]; i++) {
			split(ent[d, i], f, "|")
			print "not ok|" substr(ent[d, i], length(f[1]) + 2) "|no result from its parent (crashed?)"
		}
	for (i = 1; i <= cnt[0]; i++)
		print ent[0, i]
}
