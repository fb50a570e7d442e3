#!/bin/bash
# make coverage: vnet.ko built with gcov against the debug kernel (its gcov
# variant: scripts/debug-kernel.sh), the whole suite run on it as make
# check-debug runs it (the fuzzers and the churn included), and the
# counters every guest leaves (scripts/vm-guest-init) turned into
# build/coverage/:
#   html/            genhtml's report, lines and branches
#   coverage.txt     per file: lines, functions and branches executed
#   unexecuted.txt   every function of kmod/ never executed, with its reason
#                    from tests/coverage-reasons (or "no reason given")
# The last lines printed are the totals. Arguments select tests, as for
# make check-debug. The suite's own result is its exit status.
#
# VNET_GCOV_PER_TEST=1 keeps each test's counters apart (tests/run.sh
# saves and zeroes them after each) and adds per-test/: a tracefile and
# the seconds of each test, and selection.txt, what each test adds and the
# tests that together execute all the others do (scripts/coverage-select.py,
# the fuzzers, the churn and fault injection kept whatever they add).
set -u
tree=$(cd "$(dirname "$0")/.." && pwd)
out=$tree/build/coverage
# The gcov variant of the debug kernel: lockdep's and UBSAN's checks would
# add branches to the module's code that Debian's kernel does not have.
kdir=$("$tree/scripts/debug-kernel.sh" gcov) || exit 1
mod=$kdir.vnet-module-gcov
rm -rf "$out"
mkdir -p "$out/raw"
VNET_DEBUG=gcov VNET_GCOV=1 VM_OUT=$out/raw "$tree/scripts/check-debug.sh" "$@" |
	tee "$out/check.log"
rc=${PIPESTATUS[0]}

branch=(--rc lcov_branch_coverage=1)
# tracefile DIR OUT: the counters in DIR beside the notes gcc wrote at
# build time, in the module's build directory, as lcov's OUT.
tracefile() {
	rm -f "$mod"/kmod/*.gcda
	find "$1" -name '*.gcda' -exec cp {} "$mod/kmod/" \;
	lcov -q "${branch[@]}" -c -d "$mod/kmod" -b "$mod" -o "$2" 2>>"$out/lcov.log"
}
# One tracefile per guest, or per test (each test's counters, zeroed after
# it: the guest's own at the end then hold the last test's alone).
infos=()
if [ "${VNET_GCOV_PER_TEST:-}" = 1 ]; then
	mkdir -p "$out/per-test"
	sed -n 's/^# \([0-9][0-9]-[a-z0-9-]*\): \([0-9]*\) s$/\1 \2/p' "$out/check.log" \
		>"$out/per-test/times.txt"
	for g in "$out/raw/gcov-per-test"/*/; do
		[ -d "$g" ] || continue
		i=$out/per-test/$(basename "$g").info
		tracefile "$g" "$i" && infos+=(-a "$i")
	done
else
	for g in "$out/raw/gcov"/*/; do
		[ -d "$g" ] || continue
		i=$out/guest${#infos[@]}.info
		tracefile "$g" "$i" && infos+=(-a "$i")
	done
fi
rm -f "$mod"/kmod/*.gcda
if [ ${#infos[@]} = 0 ]; then
	echo "coverage: no guest left gcov counters (see $out/raw)" >&2
	exit 1
fi
# Only kmod/'s own sources (not the kernel's headers, nor the generated
# vnet.mod.c), named by their place in the tree.
lcov -q "${branch[@]}" "${infos[@]}" -o "$out/all.info" 2>>"$out/lcov.log"
lcov -q "${branch[@]}" --extract "$out/all.info" "$mod/kmod/*.c" "$mod/kmod/*.h" \
	-o "$out/kmod.info" 2>>"$out/lcov.log"
lcov -q "${branch[@]}" --remove "$out/kmod.info" '*/vnet.mod.c' -o "$out/kmod.info" \
	2>>"$out/lcov.log"
sed -i "s|^SF:$mod/|SF:$tree/|" "$out/kmod.info"
genhtml -q --branch-coverage --legend -t "vnet.ko" -o "$out/html" "$out/kmod.info" \
	>>"$out/lcov.log" 2>&1
lcov "${branch[@]}" --list "$out/kmod.info" > "$out/coverage.txt" 2>>"$out/lcov.log"

# Functions never executed: FN:LINE,NAME and FNDA:COUNT,NAME per file.
reasons=$tree/tests/coverage-reasons
awk -v reasons="$reasons" -v top="$tree/" '
	BEGIN { while ((getline l < reasons) > 0) if (l !~ /^#/ && l ~ /: /) {
		split(l, p, ": "); why[p[1]] = substr(l, length(p[1]) + 3) } }
	/^SF:/ { file = substr($0, 4); sub(top, "", file) }
	/^FN:/ { split(substr($0, 4), p, ","); line[p[2]] = p[1] }
	/^FNDA:0,/ { f = substr($0, 8)
		printf "%s:%s %s: %s\n", file, line[f], f, (f in why) ? why[f] : "no reason given" }
' "$out/kmod.info" | sort > "$out/unexecuted.txt"

cat "$out/coverage.txt"
echo "functions never executed ($(wc -l < "$out/unexecuted.txt")): $out/unexecuted.txt"
lcov "${branch[@]}" --summary "$out/kmod.info" 2>&1 | grep -E '^ +(lines|functions|branches)'
echo "report: $out/html/index.html"
if [ "${VNET_GCOV_PER_TEST:-}" = 1 ]; then
	"$tree/scripts/coverage-select.py" "$out/per-test" \
		95-packet-fuzz 96-netlink-fuzz 97-churn 52-fault-injection \
		>"$out/selection.txt" && tail -n 3 "$out/selection.txt"
	echo "per test: $out/selection.txt"
fi
exit $rc
