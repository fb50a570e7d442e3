#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Devices belong to their network namespace: invisible and untouchable from
# another, gone with it, and their events stay inside it.
#
#   init ns          ns a               ns b
#   (nothing)        n-dev (vswitch)    n-dev (vrouter, same name)
. "$(dirname "$0")/lib.sh"
require_module
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
check "the same name in ns b" b vnetctl device add n-dev type vrouter
check_eq "each ns has its own" "vswitch vrouter" \
	"$(a vnetctl -j device show n-dev | jq -r '.[0].type') $(b vnetctl -j device show n-dev | jq -r '.[0].type')"
check "created with ip in ns b" b ip link add n-ip type vfirewall
check_err "a vnet device cannot move to another namespace" "." \
	a ip link set n-dev netns "$b"

# Events of ns b are not seen by a monitor in ns a.
a vnetctl monitor > /tmp/mon-a.$$ 2>&1 &
mon=$!
on_exit "kill $mon; rm -f /tmp/mon-a.$$"
sleep 0.5
b vnetctl device set n-ip policy drop
a vnetctl device set n-dev ageing 13
busywait 5000 grep -q 'change device .*n-dev' /tmp/mon-a.$$
check_eq "monitor in ns a sees ns a's change" 0 $?
check_eq "and not ns b's" 0 "$(grep -c n-ip /tmp/mon-a.$$)"
kill $mon 2>/dev/null

# Deleting a namespace deletes its devices (and nothing waits on them).
ip netns del "$b"
ip netns del "$a"
NS_LIST=()
setup_ns c || exit 1
check_eq "a new namespace starts empty" "[]" "$(ip netns exec "$c" vnetctl -j device show)"
# Their devices are unregistered by the namespace's exit; a leak or a
# device left waiting shows in the guest kernel log, which fails the run.
