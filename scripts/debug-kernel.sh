#!/bin/bash
# Build, once and cached outside the tree, a debug kernel from Debian's
# linux-source-6.1 (x86_64_defconfig + kvm_guest.config +
# scripts/debug-kernel.config), and print its build directory. The cache key
# is the source package version and the fragments' hash.
#
#   debug-kernel.sh          KASAN, lockdep, kmemleak, UBSAN (make check-debug)
#   debug-kernel.sh kcsan    KCSAN instead (debug-kernel-kcsan.config on top)
#   debug-kernel.sh gcov     without the checks that add branches to the
#                            module's code (make coverage)
set -eu
tree=$(cd "$(dirname "$0")/.." && pwd)
variant=${1:-}
frags=$tree/scripts/debug-kernel.config
need="KASAN PROVE_LOCKING PROVE_RCU DEBUG_KMEMLEAK UBSAN DEBUG_OBJECTS_RCU_HEAD"
build_vars=
case $variant in
"") ;;
kcsan)
	frags="$frags $tree/scripts/debug-kernel-kcsan.config"
	need="KCSAN UBSAN DEBUG_OBJECTS_RCU_HEAD"
	# The runtime without the kernel's own accesses instrumented: KCSAN
	# then watches only the module's (debug-kernel-kcsan.config).
	build_vars=KCSAN_SANITIZE=n
	;;
gcov)
	frags="$frags $tree/scripts/debug-kernel-gcov.config"
	need="KASAN DEBUG_KMEMLEAK"
	;;
*)
	echo "debug-kernel: unknown variant \"$variant\" (none, kcsan or gcov)" >&2
	exit 2
	;;
esac
tarball=$(ls /usr/src/linux-source-6.1.tar.xz 2>/dev/null) || {
	echo "debug-kernel: /usr/src/linux-source-6.1.tar.xz missing; run make deps" >&2
	exit 1
}
ver=$(dpkg-query -W -f='${Version}' linux-source-6.1)
# shellcheck disable=SC2086
hash=$(cat $frags | sha1sum | cut -c1-12)
cache=${VNET_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/vnet}
dir=$cache/debug-kernel${variant:+-$variant}-$ver-$hash

if [ -f "$dir/.built" ]; then
	echo "$dir"
	exit 0
fi

start=$(date +%s)
rm -rf "$dir"
mkdir -p "$dir"
echo "debug-kernel: extracting linux-source-6.1 $ver into $dir" >&2
tar -xJf "$tarball" -C "$dir" --strip-components=1
cd "$dir"
{
	make -s x86_64_defconfig kvm_guest.config
	# shellcheck disable=SC2086
	scripts/kconfig/merge_config.sh -m .config $frags
	make -s olddefconfig
} >&2

# The options the run relies on must really be on.
missing=
for opt in $need DEBUG_ATOMIC_SLEEP DEBUG_LIST 9P_FS NET_9P_VIRTIO VIRTIO_PCI \
	VETH BRIDGE NF_TABLES NET_PKTGEN NET_NS MODULE_UNLOAD MEMCG FAILSLAB \
	FAIL_PAGE_ALLOC FAULT_INJECTION_DEBUG_FS GCOV_KERNEL KCOV ACPI; do
	grep -q "^CONFIG_$opt=y" .config || missing="$missing $opt"
done
if [ -n "$missing" ]; then
	echo "debug-kernel: options not enabled:$missing" >&2
	exit 1
fi

echo "debug-kernel: building with $(nproc) jobs (about a quarter of an hour on 2 cores)" >&2
# shellcheck disable=SC2086
make -s -j"$(nproc)" $build_vars bzImage modules >&2
touch .built
echo "debug-kernel: built in $(($(date +%s) - start)) s" >&2
echo "$dir"
