#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# dkms.conf as DKMS reads it: "dkms add" of a clean checkout, then for
# each Debian 12 kernel series whose headers are installed (6.1, 6.12)
# "dkms build", a vnet.ko for that kernel and of dkms.conf's version, and
# "dkms install", which puts it in updates/dkms. The DKMS tree, source
# tree, install tree and signing key are this test's own: nothing is
# registered, installed or signed system-wide, and no depmod runs. Each
# kernel costs one build of the module, on every CPU: make check runs the
# host checks once its guests are done, so nothing else wants them.
# Prints "ok - ..." or "not ok - ..." per check.
set -u
area="dkms"
# shellcheck source=tests/host/lib.sh
. "$(dirname "$0")/lib.sh"
series="6.1 6.12"
if ! command -v dkms > /dev/null; then
	for s in $series; do
		echo "ok - dkms: builds and installs for $s # SKIP no dkms (make deps)"
	done
	exit 0
fi
if [ "$(id -u)" != 0 ]; then
	for s in $series; do
		echo "ok - dkms: builds and installs for $s # SKIP dkms add needs root"
	done
	exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"$/\1/p' "$tree/dkms.conf")
# dkms signs what it builds, with a key it makes if there is none: this one.
export mok_signing_key=$work/mok.key mok_certificate=$work/mok.pub
private=(--sourcetree "$work/src" --dkmstree "$work/dkms")


# What a clean checkout holds: the tree's files, none it builds (dkms add
# copies the whole directory).
mkdir "$work/checkout" "$work/src" "$work/dkms"
(cd "$tree" && git ls-files -z --cached --others --exclude-standard |
	tar --null -T - -cf -) | tar -xf - -C "$work/checkout"
(cd "$work" && dkms add "$work/checkout" "${private[@]}") > "$work/add.log" 2>&1
rc=$?
ok=0
[ $rc = 0 ] && [ -n "$version" ] && [ -f "$work/src/vnet-$version/dkms.conf" ] &&
	[ -d "$work/dkms/vnet/$version/source" ] && ok=1
say $ok "dkms add registers vnet/$version (status $rc)" "$work/add.log"

for s in $series; do
	desc="builds and installs for $s"
	if ! kdir=$(KERNEL=$s "$tree/scripts/kdir.sh" 2>/dev/null); then
		echo "ok - dkms: $desc # SKIP no linux-headers-$s-amd64 (make deps)"
		continue
	fi
	kver=$(sed -n 's/.*UTS_RELEASE "\(.*\)"$/\1/p' "$kdir/include/generated/utsrelease.h")
	log=$work/$kver.log
	mkdir -p "$work/modules/$kver"
	start=$(date +%s)
	dkms build "vnet/$version" -k "$kver" --kernelsourcedir "$kdir" -j "$(nproc)" "${private[@]}" \
		> "$log" 2>&1 &&
		dkms install "vnet/$version" -k "$kver" --kernelsourcedir "$kdir" --no-depmod \
			--installtree "$work/modules" "${private[@]}" >> "$log" 2>&1
	rc=$?
	took=$(($(date +%s) - start))
	# On failure: the end of the build's own log, then what dkms said.
	{
		tail -n 10 "$work/dkms/vnet/$version/build/make.log" 2>/dev/null
		tail -n 10 "$log"
	} > "$log.tail"
	# A kernel whose modules are compressed gets vnet.ko.xz (6.12).
	ko=$(ls "$work/dkms/vnet/$version/$kver"/*/module/vnet.ko* 2>/dev/null)
	installed=$(ls "$work/modules/$kver/updates/dkms/vnet.ko"* 2>/dev/null)
	vermagic=$(modinfo -F vermagic "$ko" 2>/dev/null)
	modver=$(modinfo -F version "$ko" 2>/dev/null)
	ok=0
	[ $rc = 0 ] && [ "${vermagic%% *}" = "$kver" ] && [ "$modver" = "$version" ] &&
		[ -n "$installed" ] && cmp -s "$ko" "$installed" && ok=1
	say $ok "$desc: vnet.ko for $kver (\"${vermagic%% *}\"), version \"$modver\", in updates/dkms (status $rc, ${took}s)" \
		"$log.tail"
done
