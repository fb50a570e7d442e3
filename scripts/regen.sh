#!/bin/bash
# make regen: generate the netlink contract's C from its YNL spec,
# Documentation/netlink/specs/vnet.yaml, with the kernel's own generator
# (tools/net/ynl/ynl-gen-c.py of Debian's linux-source-6.12, extracted once
# into a cache outside the tree):
#   include/uapi/linux/vnet.h	the uapi header
#   kmod/netlink_gen.[ch]	the kernel's attribute policies
#   userspace/lib/policy_gen.[ch]	libvnet's (libnl) attribute policies,
#				by scripts/ynl-libnl.py
# scripts/ynl-gen.py runs the generator with a shim that leaves out the ops
# table (kmod/netlink.c keeps its own; see there).
#
# regen.sh --check generates into a temporary directory and fails, showing
# the difference, if a committed file is not what the spec makes.
# regen.sh --ynl only extracts the generator and prints its directory, for
# the selftest that drives the module with the YNL CLI (cli.py) over the
# spec (scripts/check.sh passes it to the guest as VNET_YNL).
set -eu
tree=$(cd "$(dirname "$0")/.." && pwd)
cd "$tree"

check=
case ${1:-} in
"" | --ynl) ;;
--check) check=1 ;;
*)
	echo "usage: regen.sh [--check | --ynl]" >&2
	exit 2
	;;
esac

pkg=linux-source-6.12
src=/usr/src/$pkg.tar.xz
[ -f "$src" ] || { echo "regen: $src missing; run make deps" >&2; exit 1; }
ver=$(dpkg-query -W -f='${Version}' "$pkg")
cache=${VNET_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/vnet}
ynl=$cache/ynl-$ver
if [ ! -f "$ynl/.done" ]; then
	echo "regen: extracting the YNL generator from $src (once)" >&2
	rm -rf "$ynl"
	mkdir -p "$ynl"
	tar -xJf "$src" -C "$ynl" --strip-components=1 --wildcards \
		"$pkg/tools/net/ynl" "$pkg/Documentation/netlink/*.yaml"
	touch "$ynl/.done"
fi
if [ "${1:-}" = --ynl ]; then
	echo "$ynl/tools/net/ynl"
	exit 0
fi

spec=Documentation/netlink/specs/vnet.yaml
gen() {
	/usr/bin/python3 scripts/ynl-gen.py "$ynl/tools/net/ynl" \
		"$ynl/Documentation/netlink" --spec "$spec" "$@"
}

out=$tree
if [ -n "$check" ]; then
	out=$(mktemp -d)
	trap 'rm -rf "$out"' EXIT
fi
mkdir -p "$out/include/uapi/linux" "$out/kmod"
gen --mode uapi --header -o "$out/include/uapi/linux/vnet.h"
gen --mode kernel --header -o "$out/kmod/netlink_gen.h"
gen --mode kernel --source -o "$out/kmod/netlink_gen.c"
mkdir -p "$out/userspace/lib"
for part in header source; do
	ext=h
	[ $part = source ] && ext=c
	/usr/bin/python3 scripts/ynl-libnl.py "$spec" --$part \
		-o "$out/userspace/lib/policy_gen.$ext"
done

[ -n "$check" ] || exit 0
status=0
for f in include/uapi/linux/vnet.h kmod/netlink_gen.h kmod/netlink_gen.c \
	userspace/lib/policy_gen.h userspace/lib/policy_gen.c; do
	if ! diff -u "$f" "$out/$f"; then
		echo "regen: $f differs from what $spec makes: run make regen" >&2
		status=1
	fi
done
exit $status
