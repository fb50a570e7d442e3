#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# scripts/regen.sh --check, which make lint runs: the committed uapi header
# and kernel policies pass as the spec makes them, and fail once either
# the spec or a generated file changes without the other; make regen
# brings them back together; a tree another version of the generator wrote
# only warns. Each runs on a copy of the files involved.
# Prints "ok - ..." or "not ok - ..." per check, as tests/fuzz/run.sh does.
set -u
area="regen"
# shellcheck source=tests/host/lib.sh
. "$(dirname "$0")/lib.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ ! -f /usr/src/linux-source-6.12.tar.xz ]; then
	echo "ok - regen: the generated files follow the spec # SKIP no linux-source-6.12 (make deps)"
	exit 0
fi
files="MAINTAINERS Documentation/netlink/specs/vnet.yaml scripts/regen.sh
scripts/ynl-version scripts/ynl-gen.py scripts/ynl-libnl.py scripts/ynl-tables.py
include/uapi/linux/vnet.h kmod/netlink_gen.h kmod/netlink_gen.c kmod/netlink_reported_gen.h
kmod/stats_gen.h tests/tools/nlfuzz_gen.h userspace/lib/policy_gen.h userspace/lib/policy_gen.c"
copy() {	# copy NAME: the spec, the generator's scripts and their output
	# shellcheck disable=SC2086
	(cd "$tree" && tar -cf - $files) | { mkdir -p "$work/$1" && tar -xf - -C "$work/$1"; }
}
check_of() {	# check_of NAME: regen --check's status on copy NAME
	"$work/$1/scripts/regen.sh" --check > "$work/$1.log" 2>&1
	echo $?
}

copy same
rc=$(check_of same)
say "$([ "$rc" = 0 ] && echo 1)" "the committed files are what the spec makes" "$work/same.log"

# A value changed in the header by hand: the wire would not be the spec's.
copy header
sed -i 's/^#define VNET_PATCH_DEPTH\t8$/#define VNET_PATCH_DEPTH\t9/' \
	"$work/header/include/uapi/linux/vnet.h"
rc=$(check_of header)
ok=0
grep -q 'VNET_PATCH_DEPTH.9' "$work/header/include/uapi/linux/vnet.h" && [ "$rc" != 0 ] &&
	grep -q 'include/uapi/linux/vnet.h differs' "$work/header.log" && ok=1
say $ok "a header edited by hand fails it (status $rc)" "$work/header.log"

# The same edit in a tree another point release of the generator wrote
# (Debian keeps only its newest): a warning naming both, not a failure.
copy older
sed -i 's/^#define VNET_PATCH_DEPTH\t8$/#define VNET_PATCH_DEPTH\t9/' \
	"$work/older/include/uapi/linux/vnet.h"
echo "6.12.1-1~deb12u1" > "$work/older/scripts/ynl-version"
rc=$(check_of older)
ok=0
[ "$rc" = 0 ] && grep -q 'warning only: .*6\.12\.1-1~deb12u1' "$work/older.log" &&
	grep -q 'include/uapi/linux/vnet.h differs' "$work/older.log" && ok=1
say $ok "under another generator's version it warns, naming it (status $rc)" "$work/older.log"

# The spec changed and nothing regenerated: a string's length check.
copy spec
sed -i '0,/max-len: 15/s//max-len: 14/' "$work/spec/Documentation/netlink/specs/vnet.yaml"
rc=$(check_of spec)
ok=0
[ "$rc" != 0 ] && grep -q 'kmod/netlink_gen.c differs' "$work/spec.log" &&
	grep -q '^+.*\.len = 14' "$work/spec.log" && ok=1
say $ok "a spec changed without make regen fails it (status $rc)" "$work/spec.log"

# make regen then brings the files to the spec again.
"$work/spec/scripts/regen.sh" > "$work/spec-regen.log" 2>&1
rc=$(check_of spec)
ok=0
[ "$rc" = 0 ] && grep -q '\.len = 14' "$work/spec/kmod/netlink_gen.c" && ok=1
say $ok "make regen follows the changed spec (status $rc)" "$work/spec.log"

# A member made reported-only by its doc, and a new attribute: the kernel's
# refusal table and the fuzzer's types follow the spec, and nothing else
# has to change.
copy member
sed -i '/^        name: learning$/,/doc:/s/doc: Learn source MACs (default 1)\./doc: Learn source MACs; reported only./' \
	"$work/member/Documentation/netlink/specs/vnet.yaml"
sed -i '0,/^        name: learned$/s//        name: learned\n        type: u32\n        doc: Reported only.\n      -\n        name: learned-new/' \
	"$work/member/Documentation/netlink/specs/vnet.yaml"
"$work/member/scripts/regen.sh" > "$work/member-regen.log" 2>&1
rc=$?
ok=0
[ "$rc" = 0 ] && grep -q 'BIT(VNET_PORT_LEARNING) |' "$work/member/kmod/netlink_reported_gen.h" &&
	grep -q 'BIT(VNET_PORT_LEARNED_NEW)' "$work/member/kmod/netlink_reported_gen.h" &&
	grep -q '\[VNET_PORT_LEARNED_NEW\] = { NF_U32, 0, "learned-new" }' \
		"$work/member/tests/tools/nlfuzz_gen.h" && ok=1
say $ok "a member the spec says is reported only is refused, and fuzzed (status $rc)" \
	"$work/member-regen.log"
