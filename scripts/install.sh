#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Put vnet on a machine, or take it off: what make install and make
# uninstall do (tests/65-install.t.sh installs the module alone with it).
#
#   install.sh install|uninstall PART...
#
# module     $KO (kmod/vnet.ko) as /lib/modules/$KVER/updates/vnet.ko, then
#            depmod -a $KVER
# userspace  vnetctl in $PREFIX/sbin; libvnet.so.1 (its SONAME), the
#            libvnet.so link and pkgconfig/vnet.pc in $LIBDIR, its headers
#            in $PREFIX/include/vnet (with the uapi header they include,
#            as linux/vnet.h there: vnet.pc's -I finds both); the man pages
#            and bash completion under $PREFIX/share; the iproute2 link
#            plugins in $IPLIBDIR, by default where Debian's ip(8) loads
#            them from (the LIBDIR it was built with, plus /ip; its
#            environment's IP_LIB_DIR instead), whatever PREFIX is; then
#            ldconfig
# PREFIX defaults to /usr/local (a distribution's layout: PREFIX=/usr).
# With DESTDIR everything goes under it, and neither depmod nor ldconfig
# runs: nothing outside DESTDIR is touched. uninstall removes what install
# puts, from the same list, and the directories only vnet uses.
set -eu
tree=$(cd "$(dirname "$0")/.." && pwd)
DESTDIR=${DESTDIR:-}
PREFIX=${PREFIX:-/usr/local}
LIBDIR=${LIBDIR:-$PREFIX/lib}
IPLIBDIR=${IPLIBDIR:-/usr/lib/x86_64-linux-gnu/ip}
KO=${KO:-$tree/kmod/vnet.ko}
case $KO in /*) ;; *) KO=$PWD/$KO ;; esac
KVER=${KVER:-}
includedir=$PREFIX/include/vnet

usage() {
	echo "usage: $0 install|uninstall module|userspace..." >&2
	exit 2
}

# What each part puts where: MODE SOURCE DESTINATION, a line each; SOURCE
# is relative to the tree unless absolute, and "link" makes DESTINATION a
# symbolic link to SOURCE. The directories only vnet uses follow, as
# "dir DIR", innermost first: uninstall removes them once empty.
files_module() {
	echo "644 $KO /lib/modules/$KVER/updates/vnet.ko"
}
files_userspace() {
	echo "755 userspace/vnetctl/vnetctl $PREFIX/sbin/vnetctl"
	echo "644 userspace/lib/libvnet.so.1 $LIBDIR/libvnet.so.1"
	echo "link libvnet.so.1 $LIBDIR/libvnet.so"
	echo "644 $work/vnet.pc $LIBDIR/pkgconfig/vnet.pc"
	echo "644 userspace/lib/libvnet.h $includedir/libvnet.h"
	echo "644 userspace/lib/params.h $includedir/params.h"
	echo "644 include/uapi/linux/vnet.h $includedir/linux/vnet.h"
	for kind in vswitch vrouter vfirewall; do
		echo "644 userspace/iproute2/link_$kind.so $IPLIBDIR/link_$kind.so"
	done
	echo "644 userspace/man/vnetctl.8 $PREFIX/share/man/man8/vnetctl.8"
	echo "644 userspace/man/vnet.7 $PREFIX/share/man/man7/vnet.7"
	echo "644 userspace/completion/vnetctl $PREFIX/share/bash-completion/completions/vnetctl"
	echo "dir $includedir/linux"
	echo "dir $includedir"
}

# What a program built against libvnet needs; the version is dkms.conf's.
# Its headers include none of libnl's, so libnl is needed only to link
# statically, and its .pc file (libnl's -dev package) not at all.
pkgconfig() {
	version=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"$/\1/p' "$tree/dkms.conf")
	cat <<EOF
prefix=$PREFIX
libdir=$LIBDIR
includedir=$PREFIX/include

Name: vnet
Description: Drive the vnet module's virtual switches, routers and firewalls
Version: $version
Cflags: -I\${includedir}/vnet
Libs: -L\${libdir} -lvnet
Libs.private: -lnl-genl-3 -lnl-3
EOF
}

[ $# -ge 2 ] || usage
action=$1
shift
for part; do
	case $part in
	module | userspace) ;;
	*) usage ;;
	esac
done
case $action in
install | uninstall) ;;
*) usage ;;
esac
case " $* " in
*" module "*)
	if [ -z "$KVER" ]; then
		echo "install.sh: KVER is not set (no kernel headers: make deps)" >&2
		exit 1
	fi
	;;
esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pkgconfig > "$work/vnet.pc"

cd "$tree"
# Every file there before any is put: no half install for one missing.
if [ "$action" = install ]; then
	missing=$(for part; do "files_$part"; done | while read -r mode src _; do
		case $mode in link | dir) continue ;; esac
		[ -r "$src" ] || echo "  $src"
	done)
	if [ -n "$missing" ]; then
		printf 'install.sh: missing (not built? make first):\n%s\n' "$missing" >&2
		exit 1
	fi
fi
for part; do
	"files_$part" | while read -r mode src dst; do
		to=$DESTDIR$dst
		[ "$mode" = dir ] && continue
		if [ "$action" = install ]; then
			if [ "$mode" = link ]; then
				mkdir -p "$(dirname "$to")"
				ln -sfn "$src" "$to"
			else
				install -D -m "$mode" "$src" "$to"
			fi
		else
			rm -f "$to"
		fi
		echo "$action: $to"
	done
	if [ "$action" = uninstall ]; then
		"files_$part" | while read -r mode dir; do
			if [ "$mode" = dir ]; then
				rmdir "$DESTDIR$dir" 2>/dev/null || :
			fi
		done
	fi
	[ -n "$DESTDIR" ] && continue
	case $part in
	module) depmod -a "$KVER" ;;
	userspace) ldconfig ;;
	esac
done
