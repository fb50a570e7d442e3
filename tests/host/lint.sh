#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make lint itself, on the host: a module that does not build fails it
# (its script once said "clean" whatever make returned), and so does a
# sparse finding. Each runs on a copy of the tree with one file broken.
# Prints "ok - ..." or "not ok - ..." per check, as tests/fuzz/run.sh does.
set -u
area="make lint"
# shellcheck source=tests/host/lib.sh
. "$(dirname "$0")/lib.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# copy NAME: the sources make lint reads, in $work/NAME (checkpatch.pl
# comes along if the tree has it extracted already).
copy() {
	mkdir -p "$work/$1"
	(cd "$tree" && tar -cf - --exclude='*.o' --exclude='*.ko' --exclude='*.mod*' \
		--exclude='.*.cmd' --exclude='*.a' Kbuild dkms.conf Makefile MAINTAINERS \
		Documentation kmod include userspace tests/tools scripts \
		build/checkpatch 2>/dev/null) |
		tar -xf - -C "$work/$1"
}

# lint_of NAME: make lint's status and output on copy NAME. Sparse against
# one kernel: what is checked here is lint's logic, not the code.
lint_of() {
	LINT_ONE_KERNEL=1 "$work/$1/scripts/lint.sh" > "$work/$1.log" 2>&1
	echo $?
}


# An object with no source: make stops with "No rule to make target" and
# "Error 2", with no "error" in lower case, nor any for checkpatch. It is
# the first object, so make stops before it compiles the others.
copy broken
sed -i 's/^vnet-y := /vnet-y := lint-missing.o /' "$work/broken/kmod/Kbuild"
grep -q 'lint-missing.o' "$work/broken/kmod/Kbuild" || echo "not ok - make lint: the broken copy has its missing object"
rc=$(lint_of broken)
ok=0
[ "$rc" != 0 ] && ! grep -q "lint: clean" "$work/broken.log" &&
	grep -q "the module did not build" "$work/broken.log" && ok=1
say $ok "a module that does not build fails it (status $rc)" "$work/broken.log"

# A sparse finding in code that builds: a plain integer as a NULL pointer.
copy sparse
cat >> "$work/sparse/kmod/stats.c" <<'EOF'

void *vnet_lint_sparse(void);
void *vnet_lint_sparse(void)
{
	return 0;
}
EOF
rc=$(lint_of sparse)
ok=0
[ "$rc" != 0 ] && ! grep -q "lint: clean" "$work/sparse.log" &&
	grep -q "Using plain integer as NULL pointer" "$work/sparse.log" && ok=1
say $ok "a sparse warning fails it (status $rc)" "$work/sparse.log"

# The man pages' stage (scripts/lint-man.sh): clean as committed, and a
# finding of mandoc's, a STYLE one included, fails it.
mkdir -p "$work/man/scripts" "$work/man/userspace"
cp "$tree/scripts/lint-man.sh" "$work/man/scripts/"
cp -r "$tree/userspace/man" "$work/man/userspace/"
"$work/man/scripts/lint-man.sh" > "$work/man-clean.log" 2>&1
rc=$?
ok=0
[ "$rc" = 0 ] && ! grep -q . "$work/man-clean.log" && ok=1
say $ok "the man pages pass mandoc -Tlint (status $rc)" "$work/man-clean.log"
sed -i 's/^\.Sh DESCRIPTION$/.Sh DESCRIPTION /' "$work/man/userspace/man/vnet.7"
"$work/man/scripts/lint-man.sh" > "$work/man.log" 2>&1
rc=$?
ok=0
[ "$rc" != 0 ] && grep -q "vnet.7:.*STYLE: whitespace at end of input line" \
	"$work/man.log" && ok=1
say $ok "a mandoc finding in a man page fails it (status $rc)" "$work/man.log"
