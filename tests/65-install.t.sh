#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The module as make install puts it on a machine, loaded by name: the
# install script (its module part, as make install runs it) puts the
# loaded vnet.ko into a root of its own under /tmp, depmod -b indexes it,
# and modprobe -d loads it by name once that is done (not before: the
# control); a vswitch is made with ip link; modprobe -r unloads it. The
# module the guest loaded comes back as test 90 reloads it.
. "$(dirname "$0")/lib.sh"
require_module
plan 16

kver=$(uname -r)
version=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"$/\1/p' "$TOP/dkms.conf")
root=$(mktemp -d)
ko=$root/lib/modules/$kver/updates/vnet.ko
# Whatever fails below, the guest's module is loaded again for the tests
# after this one.
on_exit "ip link del inst-sw; [ -d /sys/module/vnet ] || insmod $VNET_KO; rm -rf $root"

check "the install script puts the module under a root of its own" \
	env DESTDIR="$root" KVER="$kver" KO="$VNET_KO" "$TOP/scripts/install.sh" install module
check_eq "it puts the loaded module's file in updates/" 0 "$(cmp -s "$VNET_KO" "$ko"; echo $?)"

check "rmmod the loaded module" rmmod vnet
check_err "before depmod -b, modprobe -d does not find vnet" "not found" \
	modprobe -d "$root" vnet
check "depmod -b indexes the root" depmod -b "$root" "$kver"
check_eq "modprobe -d finds vnet by name in updates/" "insmod $ko" \
	"$(modprobe -d "$root" --show-depends vnet 2>&1 | sed 's/ *$//')"
check "modprobe -d loads it" modprobe -d "$root" vnet
check_eq "the module loaded is version $version" "$version" \
	"$(cat /sys/module/vnet/version 2>&1)"

check "ip link add type vswitch" ip link add inst-sw type vswitch
check_eq "the device is a vswitch" vswitch \
	"$(ip -j -d link show inst-sw | jq -r '.[0].linkinfo.info_kind')"
check "ip link del" ip link del inst-sw

check "modprobe -r -d unloads it" modprobe -r -d "$root" vnet
check_eq "module gone" 1 "$([ -d /sys/module/vnet ]; echo $?)"

check "insmod the guest's module again" insmod "$VNET_KO"
check "works after reload" vnetctl device add inst-again type vrouter
check "cleanup after reload" vnetctl device del inst-again
