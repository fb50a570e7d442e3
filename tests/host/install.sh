#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make install as a distribution stages it (DESTDIR, PREFIX=/usr): every
# file where it belongs, with its mode, and nothing else; the module built
# for the headers' release; libvnet a shared library under its SONAME that
# a program finds through vnet.pc, compiles against and runs with; ip(8)
# loading the installed link plugins; the plugins staying where ip looks
# whatever PREFIX is. make uninstall then leaves no file behind. Nothing
# outside the staging root changes: no depmod, no ldconfig.
# Prints "ok - ..." or "not ok - ..." per check.
set -u
area="install"
# shellcheck source=tests/host/lib.sh
. "$(dirname "$0")/lib.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/root
mkdir "$root"

if ! kdir=$("$tree/scripts/kdir.sh" 2>/dev/null); then
	echo "ok - install: make install and uninstall # SKIP no kernel headers (make deps)"
	exit 0
fi
kver=$(sed -n 's/.*UTS_RELEASE "\(.*\)"$/\1/p' "$kdir/include/generated/utsrelease.h")
version=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"$/\1/p' "$tree/dkms.conf")
plugdir=usr/lib/x86_64-linux-gnu/ip

# The system's module index and library cache, which depmod and ldconfig
# would rewrite.
system_state() {
	stat -c '%n %Y' "/lib/modules/$kver/modules.dep" /etc/ld.so.cache 2>&1
}
before=$(system_state)

make -s -C "$tree" install DESTDIR="$root" PREFIX=/usr > "$work/install.log" 2>&1
rc=$?
say "$([ $rc = 0 ] && echo 1)" "make install DESTDIR PREFIX=/usr (status $rc)" "$work/install.log"

# Every file, its mode and where it comes from in the tree.
cat > "$work/expected" <<EOF
644 lib/modules/$kver/updates/vnet.ko kmod/vnet.ko
755 usr/sbin/vnetctl userspace/vnetctl/vnetctl
644 usr/lib/libvnet.so.1 userspace/lib/libvnet.so.1
777 usr/lib/libvnet.so -> libvnet.so.1
644 usr/lib/pkgconfig/vnet.pc -
644 usr/include/vnet/libvnet.h userspace/lib/libvnet.h
644 usr/include/vnet/params.h userspace/lib/params.h
644 usr/include/vnet/linux/vnet.h include/uapi/linux/vnet.h
644 $plugdir/link_vswitch.so userspace/iproute2/link_vswitch.so
644 $plugdir/link_vrouter.so userspace/iproute2/link_vrouter.so
644 $plugdir/link_vfirewall.so userspace/iproute2/link_vfirewall.so
644 usr/share/man/man8/vnetctl.8 userspace/man/vnetctl.8
644 usr/share/man/man7/vnet.7 userspace/man/vnet.7
644 usr/share/bash-completion/completions/vnetctl userspace/completion/vnetctl
EOF
# What is there: MODE PATH, or MODE PATH -> TARGET for a link.
(cd "$root" && find . ! -type d -printf '%m %P\n' | while read -r mode path; do
	if [ -L "$path" ]; then
		echo "$mode $path -> $(readlink "$path")"
	else
		echo "$mode $path"
	fi
done | sort) > "$work/got"
awk '{ print $1, $2 ($3 == "->" ? " -> " $4 : "") }' "$work/expected" | sort > "$work/want"
ok=0
diff -u "$work/want" "$work/got" > "$work/list.diff" && ok=1
say $ok "installs these $(wc -l < "$work/want") files, with these modes, and no other" \
	"$work/list.diff"

# Each is the tree's file (vnet.pc is made at install).
differ=
while read -r _ dst src; do
	case $src in -|"->"*) continue ;; esac
	cmp -s "$tree/$src" "$root/$dst" || differ="$differ $dst"
done < "$work/expected"
echo "differ:$differ" > "$work/cmp.log"
say "$([ -z "$differ" ] && echo 1)" "each installed file is the tree's" "$work/cmp.log"

soname=$(readelf -d "$root/usr/lib/libvnet.so.1" 2>&1 | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
say "$([ "$soname" = libvnet.so.1 ] && echo 1)" "libvnet.so.1's SONAME is libvnet.so.1 (\"$soname\")"

vermagic=$(modinfo -F vermagic "$root/lib/modules/$kver/updates/vnet.ko" 2>&1)
modver=$(modinfo -F version "$root/lib/modules/$kver/updates/vnet.ko" 2>&1)
say "$([ "${vermagic%% *}" = "$kver" ] && [ -n "$version" ] && [ "$modver" = "$version" ] && echo 1)" \
	"the module is built for $kver and is version $version (vermagic \"${vermagic%% *}\", version \"$modver\")"

# A program built the way a user of the installed library builds it:
# pkg-config finds vnet.pc and the flags it gives reach the headers and
# the library in the staging root only.
cat > "$work/prog.c" <<'EOF'
#include <stdio.h>
#include <libvnet.h>

int main(void)
{
	const struct vnet_param_desc *d;

	d = vnet_param_by_name(VNET_KIND_VSWITCH, "ageing");
	printf("%s %s %d\n", vnet_kind_name(VNET_KIND_VSWITCH),
	       d ? d->name : "-", VNET_GENL_VERSION);
	return 0;
}
EOF
# shellcheck disable=SC2086 # the flags are words
{
	export PKG_CONFIG_SYSROOT_DIR=$root PKG_CONFIG_LIBDIR=$root/usr/lib/pkgconfig
	cflags=$(pkg-config --cflags vnet) && libs=$(pkg-config --libs vnet) &&
		echo "cflags: $cflags libs: $libs" &&
		cc -Wall -Wextra -Werror $cflags -o "$work/prog" "$work/prog.c" $libs &&
		readelf -d "$work/prog" | grep NEEDED &&
		LD_LIBRARY_PATH=$root/usr/lib "$work/prog"
} > "$work/prog.log" 2>&1
rc=$?
ok=0
[ $rc = 0 ] && grep -q 'NEEDED.*\[libvnet\.so\.1\]' "$work/prog.log" &&
	grep -qx "vswitch ageing [0-9]*" "$work/prog.log" && ok=1
say $ok "a program compiles and links with pkg-config's flags for vnet.pc, and runs (status $rc)" \
	"$work/prog.log"

# ip(8) loads each kind's plugin from the installed directory; a directory
# without them is the control (ip's own usage, naming no kind's options).
helps() {	# helps DIR: each kind whose usage ip prints with plugins from DIR
	local kind
	for kind in vswitch vrouter vfirewall; do
		IP_LIB_DIR=$1 ip link help "$kind" 2>&1 | grep -q "^Usage: \.\.\. $kind \[" &&
			echo -n "$kind "
	done
}
mkdir "$work/empty"
got=$(helps "$root/$plugdir")
none=$(helps "$work/empty")
say "$([ "$got" = "vswitch vrouter vfirewall " ] && [ -z "$none" ] && echo 1)" \
	"ip link help KIND loads the installed plugins (\"$got\"; \"$none\" without them)"

# The plugins go where ip looks, whatever PREFIX; IPLIBDIR moves them.
# The same build: only the install script runs again.
make -s -C "$tree" -o kmod -o userspace install DESTDIR="$work/opt" PREFIX=/opt/vnet \
	> "$work/opt.log" 2>&1 &&
	make -s -C "$tree" -o kmod -o userspace install DESTDIR="$work/ipdir" IPLIBDIR=/opt/ip \
	>> "$work/opt.log" 2>&1
rc=$?
ok=0
[ $rc = 0 ] && [ -f "$work/opt/$plugdir/link_vswitch.so" ] && [ -f "$work/opt/opt/vnet/sbin/vnetctl" ] &&
	[ -f "$work/ipdir/opt/ip/link_vswitch.so" ] && [ ! -e "$work/ipdir/$plugdir" ] && ok=1
say $ok "PREFIX=/opt/vnet leaves the plugins in /$plugdir; IPLIBDIR=/opt/ip moves them (status $rc)" \
	"$work/opt.log"

make -s -C "$tree" uninstall DESTDIR="$root" PREFIX=/usr > "$work/uninstall.log" 2>&1
rc=$?
find "$root" ! -type d -printf '%P\n' >> "$work/uninstall.log"
left=$(find "$root" ! -type d | wc -l)
ok=0
[ $rc = 0 ] && [ "$left" = 0 ] && [ ! -e "$root/usr/include/vnet" ] && ok=1
say $ok "make uninstall leaves no file behind, nor include/vnet (status $rc, $left left)" \
	"$work/uninstall.log"

after=$(system_state)
printf 'before:\n%s\nafter:\n%s\n' "$before" "$after" > "$work/system.log"
say "$([ "$before" = "$after" ] && echo 1)" \
	"with DESTDIR neither depmod nor ldconfig ran (modules.dep, ld.so.cache untouched)" \
	"$work/system.log"
