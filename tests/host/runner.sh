#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The guest's test runner (tests/run.sh), on the host with test files made
# up here: a file that exits 0 printing nothing, one that runs fewer
# checks than it plans and one that exits non-zero after passing each get
# a failing line of their own; a file that keeps its plan passes alone.
# Prints "ok - ..." or "not ok - ..." per check, as tests/fuzz/run.sh does.
set -u
tree=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$tree/tests/run.sh" "$work/"
printf 'exit 0\n' > "$work/a-silent.t.sh"
printf 'echo __plan=2\necho "ok - one"\n' > "$work/b-short.t.sh"
printf 'echo __plan=1\necho "ok - fine"\n' > "$work/c-kept.t.sh"
printf 'echo __plan=1\necho "ok - passed"\nexit 3\n' > "$work/d-status.t.sh"
out=$(bash "$work/run.sh" a-silent b-short c-kept d-status 2>&1)

expect() {	# expect DESC LINE: LINE is in the runner's output
	if grep -qxF "$2" <<< "$out"; then
		echo "ok - runner: $1"
	else
		echo "not ok - runner: $1"
		printf '%s\n' "$out" | sed 's/^/# /'
	fi
}
expect "a test that exits 0 printing nothing fails" \
	"not ok 1 - a-silent: declares no plan (plan N in lib.sh)"
expect "one that runs fewer checks than it plans fails" \
	"not ok 3 - b-short: planned 2 checks, ran 1"
expect "control: one that keeps its plan passes" "ok 4 - c-kept: fine"
expect "one that exits non-zero after passing fails" \
	"not ok 6 - d-status: exited with status 3"
n=$(grep -cE '^(not )?ok [0-9]+ ' <<< "$out")
if [ "$n" = 6 ] && [ "$(grep -c '^not ok' <<< "$out")" = 3 ]; then
	echo "ok - runner: 6 lines, 3 failing, and no other"
else
	echo "not ok - runner: 6 lines, 3 failing, and no other ($n lines)"
	printf '%s\n' "$out" | sed 's/^/# /'
fi

# .ci/run's sum of a stage: its last summary line, and one failure more
# when it exited non-zero without counting one.
summary_is() {	# summary_is DESC EXPECTED STATUS LINES...
	local desc=$1 want=$2 rc=$3 got
	shift 3
	printf '%s\n' "$@" > "$work/stage"
	got=$("$tree/scripts/tap-summary.sh" "$work/stage" "$rc")
	if [ "$got" = "$want" ]; then
		echo "ok - ci summary: $desc"
	else
		echo "not ok - ci summary: $desc (got '$got', expected '$want')"
	fi
}
summary_is "a stage's last summary line" "7 1 2" 1 "ok 1 - x" \
	"3 passed, 0 failed, 0 skipped" "7 passed, 1 failed, 2 skipped"
summary_is "a failed stage that printed no summary counts a failure" "0 1 0" 2 \
	"ok 1 - x" "not ok 2 - y"
summary_is "a failed stage that counted no failure counts one" "5 1 0" 1 \
	"5 passed, 0 failed, 0 skipped"
summary_is "control: a stage that passed counts what it says" "5 0 1" 0 \
	"5 passed, 0 failed, 1 skipped"

# .ci/run's reduced suites: every test each names reaches its make
# command, as make passes TESTS on (a list on several lines ran its first
# test alone), and a name that is no test stops the run.
ci_defs() { sed -n '/^ci_debug_tests=/,/^}/p' "$1/.ci/run"; }
ci_list() {	# ci_list TREE VAR: VAR's tests as .ci/run hands them to make
	(cd "$1" && source <(ci_defs "$1") && ci_tests "${!2}")
}
for leg in "ci_debug_tests check-debug scripts/check-debug.sh"; do
	read -r var target script <<<"$leg"
	list=$(ci_list "$tree" "$var")
	named=$(source <(ci_defs "$tree") && echo ${!var} | wc -w)
	ran=$(cd "$tree" && make -n $target TESTS="$list" 2>/dev/null |
		sed -n "s|^${script} ||p" | wc -w)
	if [ "$named" -gt 0 ] && [ "$ran" = "$named" ]; then
		echo "ok - ci: the $var's $ran tests reach $script"
	else
		echo "not ok - ci: the $var's tests reach $script ($ran of $named)"
	fi
done
mkdir -p "$work/ci/.ci" "$work/ci/tests"
sed 's/^ci_debug_tests="/ci_debug_tests="no-such-test /' "$tree/.ci/run" > "$work/ci/.ci/run"
cp "$tree"/tests/*.t.sh "$work/ci/tests/"
if ! grep -q '^ci_debug_tests="no-such-test ' "$work/ci/.ci/run"; then
	echo "not ok - ci: a list that names no test stops the run (no list to spoil)"
elif ci_list "$work/ci" ci_debug_tests > /dev/null 2>&1; then
	echo "not ok - ci: a list that names no test stops the run"
else
	echo "ok - ci: a list that names no test stops the run"
fi
