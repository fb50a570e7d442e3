#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# tap-summary.sh FILE STATUS: "P F K", the passed, failed and skipped counts
# of the last "N passed, N failed, N skipped" line of a stage's output in
# FILE. A stage that exited non-zero (STATUS) with no failure counted, as
# one that stopped before its summary, counts one failure: the sum .ci/run
# prints never says less than its exit status.
line=$(grep -E '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$1" 2>/dev/null | tail -n 1)
read -r p _ f _ k _ <<<"${line:-0 passed, 0 failed, 0 skipped}"
[ "$2" != 0 ] && [ "$f" = 0 ] && f=1
echo "$p $f $k"
