#!/bin/sh
# Install every Debian package vnet needs to build, lint and test;
# "deps.sh all" (make deps-all) adds the 6.12 guest's kernel image too,
# "deps.sh bench" adds what make bench compares against, plots and
# profiles with.
# Idempotent and quiet when everything is already present.
set -eu

PKGS="
build-essential pkg-config make gcc bc bison flex libelf-dev libssl-dev
linux-image-amd64 linux-headers-amd64 linux-source-6.1 linux-headers-6.12-amd64
linux-source-6.12 python3-yaml python3-jsonschema
qemu-system-x86 busybox-static kmod cpio
libnl-3-dev libnl-genl-3-dev libnl-route-3-dev libjson-c-dev
iproute2 iputils-ping traceroute util-linux procps libcap2-bin ethtool tcpdump nftables
sparse cppcheck clang libclang-rt-14-dev python3 xz-utils jq strace graphviz iperf3
lcov mandoc dkms
"
# Both Debian 12 kernels' headers (make lint checks the module against each,
# the DKMS selftest builds it for each); the 6.12 image, which the guest
# boots, only where it is asked for (make KERNEL=6.12 check, demo, ...):
# installing a kernel image is minutes of initramfs and bootloader hooks,
# and it becomes the machine's default at its next boot.
if [ "${KERNEL:-}" = 6.12 ] || [ "${1:-}" = all ]; then
	PKGS="$PKGS linux-image-6.12-amd64"
fi
if [ "${1:-}" = bench ]; then
	PKGS="$PKGS openvswitch-switch gnuplot-nox linux-perf"
fi

# iproute2 looks for link plugins here; the guest mounts ours over it.
plugdir=/usr/lib/x86_64-linux-gnu/ip
if [ ! -d "$plugdir" ]; then
	if [ "$(id -u)" = 0 ]; then mkdir -p "$plugdir"; else sudo mkdir -p "$plugdir"; fi
fi

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
	SUDO=sudo
else
	SUDO=
fi
echo "deps: installing:$missing"
# sudo may drop the environment: the frontend goes on the command line, or
# debconf's questions (iperf3's) would wait on an invisible prompt. A
# freshly booted machine runs unattended upgrades: wait up to 10 minutes
# for the dpkg lock rather than fail on it.
APT="$SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600"
$APT update -qq
# shellcheck disable=SC2086
$APT install -y -qq --no-install-recommends $missing </dev/null >/dev/null
