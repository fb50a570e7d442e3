#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Devices belong to their network namespace: invisible and untouchable from
# another, gone with it, and their events stay inside it.
#
#   init ns          ns a               ns b
#   (no vnet device) n-dev (vswitch)    n-dev (vrouter, same name), n-ip
#   n-pa ---veth---- n-ea, n-dev's port
#   n-pb ---veth-----------------------  n-eb, n-ip's port
. "$(dirname "$0")/lib.sh"
require_module
plan 23
setup_ns a b || exit 1
a() { ip netns exec "$a" "$@"; }
b() { ip netns exec "$b" "$@"; }

check "create in ns a" a vnetctl device add n-dev type vswitch ageing 12
check_eq "ns a sees it" "n-dev" "$(a vnetctl -j device show | jq -r '.[].name')"
check_eq "init ns does not" "" "$(vnet_names)"
check_eq "ns b does not" "[]" "$(b vnetctl -j device show)"
check_err "ns b cannot delete it" "no such device" b vnetctl device del n-dev
check_err "ns b cannot change it" "no such device" b vnetctl device set n-dev ageing 1
check_eq "ns a's device untouched" 12 "$(a vnetctl -j device show n-dev | jq '.[0].ageing')"
# Control: from ns a the same set and del take effect (it is made again).
check_eq "control: from ns a the same set takes effect" 1 \
	"$(a vnetctl device set n-dev ageing 1 && a vnetctl -j device show n-dev | jq '.[0].ageing')"
check "control: and from ns a the same del deletes it" a vnetctl device del n-dev
a vnetctl device add n-dev type vswitch ageing 12
check "the same name in ns b" b vnetctl device add n-dev type vrouter
check_eq "each ns has its own" "vswitch vrouter" \
	"$(a vnetctl -j device show n-dev | jq -r '.[0].type') $(b vnetctl -j device show n-dev | jq -r '.[0].type')"
check "created with ip in ns b" b ip link add n-ip type vfirewall
# An endpoint for a device of each namespace, on a veth whose other end
# stays here: that end goes only when its namespace is torn down, and the
# device holding its peer with it. ns b's starts in ns a, to be moved
# there by the command a vnet device refuses.
present() { ip link show "$1" >/dev/null 2>&1; }
gone() { ! present "$1"; }
ip link add n-pa type veth peer name n-ea netns "$a"
ip link add n-pb type veth peer name n-eb netns "$a"
HOST_PORTS+=(n-pa n-pb)
check_err "a vnet device cannot move to another namespace" "." \
	a ip link set n-dev netns "$b"
check "control: the same command moves a veth end from ns a to ns b" \
	a ip link set n-eb netns "$b"
check_eq "and n-dev is still ns a's" "vswitch" "$(a vnetctl -j device show n-dev | jq -r '.[0].type')"
a ip link set n-ea up
b ip link set n-eb up
check "ns a's vswitch takes its endpoint" a vnetctl port add n-dev dev n-ea
check "ns b's vfirewall takes its endpoint" b vnetctl port add n-ip dev n-eb

# Events of ns b are not seen by a monitor in ns a. (Not through a():
# $! would be a subshell, and killing it would leave the monitor, and
# with it ns a, alive.)
ip netns exec "$a" vnetctl monitor > /tmp/mon-a.$$ 2>&1 &
mon=$!
on_exit "kill $mon; rm -f /tmp/mon-a.$$"
sleep 0.5
b vnetctl device set n-ip policy drop
a vnetctl device set n-dev ageing 13
busywait 5000 grep -q 'change device .*n-dev' /tmp/mon-a.$$
# One DEV_SET event per "device set" (kmod/netlink.c).
check_eq "monitor in ns a sees ns a's change, once" 1 "$(grep -c 'change device .*n-dev' /tmp/mon-a.$$)"
check_eq "and not ns b's" 0 "$(grep -c n-ip /tmp/mon-a.$$)"
kill $mon 2>/dev/null
wait $mon 2>/dev/null

# Deleting a namespace deletes its devices (and nothing waits on them):
# once nothing holds the namespaces, the veth ends here go with them.
check "while the namespaces live, both veth ends are here" bash -c "ip link show n-pa && ip link show n-pb"
ip netns del "$b"
ip netns del "$a"
NS_LIST=()
check "ns a is torn down: the end of its endpoint's veth here is gone" busywait 30000 gone n-pa
check "and so is ns b" busywait 30000 gone n-pb
setup_ns c || exit 1
check_eq "a new namespace starts empty" "[]" "$(ip netns exec "$c" vnetctl -j device show)"
# Their devices are unregistered by the namespace's exit; a leak or a
# device left waiting shows in the guest kernel log, which fails the run.
