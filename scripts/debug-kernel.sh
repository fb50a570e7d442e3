#!/bin/bash
# Build, once and cached outside the tree, a debug kernel from Debian's
# linux-source-6.1 (x86_64_defconfig + kvm_guest.config +
# scripts/debug-kernel.config), and print its build directory. The cache key
# is the source package version and the fragment's hash.
set -eu
tree=$(cd "$(dirname "$0")/.." && pwd)
frag=$tree/scripts/debug-kernel.config
tarball=$(ls /usr/src/linux-source-6.1.tar.xz 2>/dev/null) || {
	echo "debug-kernel: /usr/src/linux-source-6.1.tar.xz missing; run make deps" >&2
	exit 1
}
ver=$(dpkg-query -W -f='${Version}' linux-source-6.1)
hash=$(sha1sum "$frag" | cut -c1-12)
cache=${VNET_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/vnet}
dir=$cache/debug-kernel-$ver-$hash

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
	scripts/kconfig/merge_config.sh -m .config "$frag"
	make -s olddefconfig
} >&2

# The options the run relies on must really be on.
missing=
for opt in KASAN PROVE_LOCKING PROVE_RCU DEBUG_ATOMIC_SLEEP DEBUG_KMEMLEAK \
	UBSAN DEBUG_LIST DEBUG_OBJECTS_RCU_HEAD 9P_FS NET_9P_VIRTIO VIRTIO_PCI \
	VETH BRIDGE NF_TABLES NET_PKTGEN NET_NS MODULE_UNLOAD MEMCG FAILSLAB \
	FAIL_PAGE_ALLOC FAULT_INJECTION_DEBUG_FS GCOV_KERNEL; do
	grep -q "^CONFIG_$opt=y" .config || missing="$missing $opt"
done
if [ -n "$missing" ]; then
	echo "debug-kernel: options not enabled:$missing" >&2
	exit 1
fi

echo "debug-kernel: building with $(nproc) jobs (about a quarter of an hour on 2 cores)" >&2
make -s -j"$(nproc)" bzImage modules >&2
touch .built
echo "debug-kernel: built in $(($(date +%s) - start)) s" >&2
echo "$dir"
