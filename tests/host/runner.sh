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

# .ci/run's debug part: every test but those it skips reaches
# check-debug.sh, as make passes TESTS on (a list on several lines ran its
# first test alone), and a skip naming no test stops it.
ci_list() { (cd "$1" && source <(sed -n '/^ci_debug_skip=/,/^}/p' .ci/run) && ci_debug_tests); }
list=$(ci_list "$tree")
all=$(cd "$tree/tests" && ls *.t.sh | wc -l)
skipped=$(source <(sed -n '/^ci_debug_skip=/,/^}/p' "$tree/.ci/run") && echo $ci_debug_skip | wc -w)
ran=$(cd "$tree" && make -n check-debug TESTS="$list" 2>/dev/null |
	sed -n 's/^scripts\/check-debug.sh //p' | wc -w)
if [ "$skipped" -gt 0 ] && [ "$ran" = $((all - skipped)) ]; then
	echo "ok - ci: the debug part's $ran tests reach check-debug.sh, $skipped skipped"
else
	echo "not ok - ci: the debug part's tests reach check-debug.sh ($ran of $all, $skipped skipped)"
fi
mkdir -p "$work/ci/.ci" "$work/ci/tests"
sed 's/^ci_debug_skip="/ci_debug_skip="no-such-test /' "$tree/.ci/run" > "$work/ci/.ci/run"
cp "$tree"/tests/*.t.sh "$work/ci/tests/"
if ci_list "$work/ci" > /dev/null 2>&1; then
	echo "not ok - ci: a skip that names no test stops the run"
else
	echo "ok - ci: a skip that names no test stops the run"
fi
