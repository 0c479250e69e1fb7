#!/usr/bin/env bash
# Hold one kernel's BENCH-RESULT rows to another's, row by row.
#   compare-rows.sh NAME REFERENCE.results CANDIDATE.results KEY... -- FIELD
# Rows are the BENCH-RESULT lines of each results file (boot-scenario.sh
# keeps them in build/logs/), matched on the KEY fields; FIELD must be a
# number in both and the candidate's at most the reference's.  A row of
# the reference the candidate lacks fails; so does a reference with no
# rows.  Prints PASS/FAIL lines; exits 1 on any failure.
set -euo pipefail
name=${1:?usage: compare-rows.sh NAME REF CAND KEY... -- FIELD}; ref=$2 cand=$3; shift 3
keys=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do keys+=("$1"); shift; done
[ "${1:-}" = -- ] && [ -n "${2:-}" ] && [ ${#keys[@]} -gt 0 ] || { echo "FAIL $name: usage: compare-rows.sh NAME REF CAND KEY... -- FIELD"; exit 1; }
field=$2
for f in "$ref" "$cand"; do
	[ -f "$f" ] || { echo "FAIL $name: no results file $f"; exit 1; }
done
# rows FILE: "KEY=V KEY=V<TAB>FIELD value" for each BENCH-RESULT line with the keys.
rows() {
	tr -d '\r' <"$1" | awk -v keys="${keys[*]}" -v field="$field" '
		/^BENCH-RESULT / {
			delete kv
			for (i = 2; i <= NF; i++) { j = index($i, "="); if (j) kv[substr($i, 1, j - 1)] = substr($i, j + 1) }
			n = split(keys, k, " "); id = ""
			for (i = 1; i <= n; i++) { if (!(k[i] in kv)) next; id = id (i > 1 ? " " : "") k[i] "=" kv[k[i]] }
			print id "\t" (field in kv ? kv[field] : "")
		}'
}
failed=0 n=0 cand_rows=$(rows "$cand")
while IFS=$'\t' read -r id want; do
	n=$((n + 1))
	got=$(echo "$cand_rows" | awk -F'\t' -v id="$id" '$1 == id { print $2; exit }')
	case "$want$got" in
	*[!0-9]* | '') echo "FAIL $name: $id: $field not a number on both kernels (reference '$want', candidate '${got:-no row}')"; failed=1 ;;
	*) if [ -z "$got" ]; then
		echo "FAIL $name: $id: no such row on the candidate (reference's $field $want)"; failed=1
	   elif [ "$got" -le "$want" ]; then
		echo "PASS $name: $id: $field $got, reference $want"
	   else
		echo "FAIL $name: $id: $field $got, more than the reference's $want"; failed=1
	   fi ;;
	esac
done < <(rows "$ref")
[ "$n" -gt 0 ] || { echo "FAIL $name: no BENCH-RESULT rows with ${keys[*]} in $ref"; failed=1; }
exit $failed
