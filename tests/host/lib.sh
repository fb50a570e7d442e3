# SPDX-License-Identifier: GPL-2.0
# Sourced by the harness's own checks (tests/host/*.sh; scripts/check.sh
# runs every file here but this one). Set $area, the name every line of
# the script's TAP starts with, before calling these.

# shellcheck disable=SC2034
tree=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# say OK DESC [LOG]: one check, passed if OK is 1; a failure shows the last
# 20 lines of LOG, when given.
say() {
	if [ "$1" = 1 ]; then
		echo "ok - $area: $2"
	else
		echo "not ok - $area: $2"
		[ -n "${3:-}" ] && [ -f "$3" ] && tail -n 20 "$3" | sed 's/^/# /'
	fi
	return 0
}

# require_built FILE: FILE is what make built (a path in the tree). Without
# it the script's checks cannot run: one failed check says so, and the
# script ends.
require_built() {
	[ -e "$1" ] && return 0
	echo "not ok - $area: ${1#"$tree"/} is not built (make userspace)"
	exit 0
}
