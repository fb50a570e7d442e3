#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Every vnetctl command the documentation shows is one the built vnetctl
# parses: the literal blocks of vnetctl(8) and vnet(7) and the sh blocks of
# README.md. vnetctl exits 2 for a command it cannot parse, before it opens
# a socket; a parsed one goes on to the kernel and fails there (no module
# on the build host) or, with the module loaded, runs in a network
# namespace of its own, thrown away after. A literal block of vnetctl(8)
# that holds no command is a rule file, given to "rule replace".
# Prints "ok - ..." or "not ok - ..." per file.
set -u
area="man examples"
# shellcheck source=tests/host/lib.sh
. "$(dirname "$0")/lib.sh"
ctl=$tree/userspace/vnetctl/vnetctl
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

require_built "$ctl"
# Each command in a namespace of its own, so that a host with vnet loaded
# keeps its devices.
if [ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null; then
	isolate="unshare -n"
elif unshare -Urn true 2>/dev/null; then
	isolate="unshare -Urn"
elif [ ! -d /sys/module/vnet ]; then
	isolate=
else
	echo "ok - man examples: vnetctl parses them # SKIP vnet is loaded and no namespace can be made"
	exit 0
fi

# blocks FILE: the lines of its example blocks, a blank line after each.
blocks() {
	case $1 in
	*.md) awk '/^```sh$/ { b = 1; next } /^```$/ { if (b) print ""; b = 0 } b' "$1" ;;
	*) awk '/^\.Bd -literal/ { b = 1; next } /^\.Ed$/ { if (b) print ""; b = 0 } b' "$1" |
		sed 's/\\e/\\/g; s/\\(dq/"/g' ;;
	esac
}

# The files the examples name.
cd "$work" || exit 1
echo "device show" > commands.txt
blocks "$tree/userspace/man/vnetctl.8" | awk -v RS= '!/(^|\n)(vnetctl|ip) /' > rules.txt

check() {	# check FILE
	local name=${1#"$tree"/} n=0 bad= line out rc
	while IFS= read -r line; do
		case $line in
		"vnetctl "*) ;;
		*) continue ;;
		esac
		# What the shell would take off: a comment, a pipe, a redirection.
		line=${line%%  #*}
		line=${line%% |*}
		line=${line%% >*}
		eval "set -- ${line#vnetctl }"
		out=$(timeout 10 $isolate "$ctl" "$@" 2>&1 < /dev/null)
		rc=$?
		n=$((n + 1))
		# 124: a monitor that the module answered, left running.
		case $rc in
		0|1|124) ;;
		*) bad="$bad"$'\n'"# $line: status $rc: $out" ;;
		esac
	done < <(blocks "$1")
	if [ $n -gt 0 ] && [ -z "$bad" ]; then
		echo "ok - man examples: vnetctl parses the $n commands of $name"
	else
		echo "not ok - man examples: vnetctl parses the $n commands of $name$bad"
	fi
}
check "$tree/userspace/man/vnetctl.8"
check "$tree/userspace/man/vnet.7"
check "$tree/README.md"

# The rule file of vnetctl(8), whole, as "rule replace" reads it.
out=$(timeout 10 $isolate "$ctl" rule replace fw0 rules.txt 2>&1)
rc=$?
if [ -s rules.txt ] && { [ $rc = 0 ] || [ $rc = 1 ]; }; then
	echo "ok - man examples: vnetctl reads the rule file of vnetctl.8 ($(grep -c . rules.txt) lines)"
else
	echo "not ok - man examples: vnetctl reads the rule file of vnetctl.8 (status $rc)"
	printf '%s\n' "$out" | sed 's/^/# /'
fi
