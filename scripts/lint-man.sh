#!/bin/bash
# The man pages (userspace/man) under mandoc -Tlint, at every level down to
# STYLE; any finding fails. One note is not a finding about the page: for
# each .Xr of a page the host has not installed, mandoc says "STYLE:
# referenced manual not found" (vnet(7) until make install), and without a
# mandoc.db, as on Debian, whose man-db keeps its own index, "outdated
# mandoc.db lacks ip(8) entry" for each one it finds on disk: those depend
# on the host and are left out. make lint runs it.
set -u
tree=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v mandoc > /dev/null; then
	echo "lint: mandoc missing; run make deps" >&2
	exit 1
fi
pages=$(ls "$tree"/userspace/man/*.[1-9] 2>/dev/null)
if [ -z "$pages" ]; then
	echo "lint: no man pages in $tree/userspace/man" >&2
	exit 1
fi
# shellcheck disable=SC2086
out=$(mandoc -Tlint -W style $pages 2>&1 |
	grep -v -e ': STYLE: referenced manual not found: Xr ' \
		-e '^mandoc: outdated mandoc.db lacks .* entry, run makewhatis ')
if [ -n "$out" ]; then
	printf '%s\n' "$out"
	exit 1
fi
