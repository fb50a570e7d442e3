# SPDX-License-Identifier: GPL-2.0
# The demos' narration (scripts/demo.sh, scripts/demo-multihost.sh):
# say a step, run a command showing it, expect WHAT CMD... marks a check
# [ok] or [FAILED] and sets failed=1 on a failure.
failed=0
say() { printf '\n==> %s\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }
expect() {
	local what=$1
	shift
	if "$@"; then
		echo "    [ok] $what"
	else
		echo "    [FAILED] $what"
		failed=1
	fi
}
