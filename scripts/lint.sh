#!/bin/bash
# make lint: the generated files match the spec (scripts/regen.sh --check),
# checkpatch.pl --strict (from Debian's linux-source-6.1) over the kernel
# code and uapi header, sparse (make C=1) over the module, cppcheck over the
# userspace, mandoc -Tlint over the man pages (scripts/lint-man.sh). Exits
# non-zero on any finding. LINT_ONE_KERNEL=1 runs sparse against KDIR's
# kernel alone (tests/host/lint.sh: lint's own checks).
set -u
tree=$(cd "$(dirname "$0")/.." && pwd)
cd "$tree" || exit 1
kdir=${KDIR:-$(scripts/kdir.sh)} || exit 1
status=0

echo "== regen --check"
if ! scripts/regen.sh --check; then
	status=1
fi

# checkpatch.pl and its data files, extracted once from the source tarball.
cp_dir=$tree/build/checkpatch
if [ ! -x "$cp_dir/scripts/checkpatch.pl" ]; then
	# 6.1's, the kernel vnet is built for (6.12's is the YNL generator's).
	src=/usr/src/linux-source-6.1.tar.xz
	[ -f "$src" ] || { echo "lint: linux-source-6.1 missing; run make deps" >&2; exit 1; }
	mkdir -p "$cp_dir"
	top=$(basename "$src" .tar.xz)
	tar -xJf "$src" -C "$cp_dir" --strip-components=1 \
		"$top/scripts/checkpatch.pl" "$top/scripts/spelling.txt" \
		"$top/scripts/const_structs.checkpatch" || exit 1
fi
echo "== checkpatch --strict"
# Not kmod/netlink_gen.[ch]: the YNL generator writes them, in the kernel's
# own style for generated code (policy lines past 100 columns), and regen
# --check holds them to the spec; sparse still reads them.
if ! "$cp_dir/scripts/checkpatch.pl" --strict --no-tree --terse --show-types \
	--ignore FILE_PATH_CHANGES,SPDX_LICENSE_TAG,LINUX_VERSION_CODE \
	-f $(ls kmod/*.c kmod/*.h kmod/selftest/*.c | grep -v -e "\.mod\.c$" -e "/netlink_gen\.[ch]$") \
	include/uapi/linux/vnet.h; then
	status=1
fi

# sparse against each Debian 12 kernel vnet builds for (kmod/compat.h):
# 6.1, and 6.12 when its headers are installed; the first into the tree,
# the others in a copy of kmod/ (the tree's objects stay 6.1's).
sparse() {	# sparse KDIR DIR LOG
	# Any finding, and the build's own failure (which may print no "error").
	# With the self-tests (kmod/selftest/), so that they are checked too.
	make -s -C "$1" M="$2" C=2 W=1 VNET_SELFTEST=1 modules >"$3" 2>&1
	local built=$?
	if grep -iE 'warning|error' "$3"; then
		status=1
	fi
	if [ $built != 0 ]; then
		echo "lint: the module did not build against $1 (status $built): $3" >&2
		status=1
	fi
}
mkdir -p build
echo "== sparse (make C=2: every source, rebuilt or not)"
sparse "$kdir" "$tree" build/sparse.log
if [ -n "${LINT_ONE_KERNEL:-}" ]; then
	echo "== sparse against 6.12: skipped (LINT_ONE_KERNEL)"
elif kdir612=$(KERNEL=6.12 scripts/kdir.sh 2>/dev/null); then
	echo "== sparse against 6.12"
	copy=build/sparse-6.12
	rm -rf "$copy"
	mkdir -p "$copy"
	cp -r Kbuild dkms.conf kmod include "$copy/"
	find "$copy" \( -name '*.o' -o -name '*.ko' -o -name '.*.cmd' -o -name '*.mod*' \) -delete
	sparse "$kdir612" "$tree/$copy" build/sparse-6.12.log
else
	echo "== sparse against 6.12: skipped, no linux-headers-6.12 (make deps)"
fi

echo "== cppcheck"
if ! cppcheck --quiet --error-exitcode=1 --enable=warning,style,performance,portability \
	--inline-suppr --std=c11 -I include/uapi -I userspace/lib \
	--suppress=missingIncludeSystem userspace tests/tools tests/unit; then
	status=1
fi
echo "== mandoc -Tlint"
if ! scripts/lint-man.sh; then
	status=1
fi
[ $status = 0 ] && echo "lint: clean"
exit $status
