#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Without CAP_NET_ADMIN every write is refused with EPERM; reads of devices,
# ports and stats still work (rules and connections need it: test 38).
. "$(dirname "$0")/lib.sh"
require_module
on_exit vnet_flush

unpriv() { setpriv --inh-caps=-all --ambient-caps=-all --bounding-set=-net_admin -- "$@"; }

if ! unpriv true 2>/dev/null; then
	skip_rest "setpriv cannot drop CAP_NET_ADMIN here" \
		"add, set, start, del without CAP_NET_ADMIN are refused" \
		"every raw write command without CAP_NET_ADMIN is refused" \
		"refused writes changed nothing" \
		"show, get, stats and a raw dump work without CAP_NET_ADMIN"
	exit 0
fi
vnetctl device add p-sw type vswitch
before=$(vnet_state)

check_err "add without CAP_NET_ADMIN" "Operation not permitted" \
	unpriv vnetctl device add p-new type vswitch
check_err "set without CAP_NET_ADMIN" "Operation not permitted" \
	unpriv vnetctl device set p-sw ageing 5
check_err "start without CAP_NET_ADMIN" "Operation not permitted" \
	unpriv vnetctl device start p-sw
check_err "del without CAP_NET_ADMIN" "Operation not permitted" \
	unpriv vnetctl device del p-sw
# Every command of the uapi header but the reads is a write and must be
# refused, whatever its attributes; the list comes from the header itself.
cmds=$("$NLRAW" --list-cmds)
check "the header names commands" test -n "$cmds"
for cmd in $cmds; do
	case $cmd in
	*_GET) continue ;;
	esac
	check_err "raw $cmd without CAP_NET_ADMIN" "error -1:" \
		unpriv "$NLRAW" "$cmd" IFNAME=str:p-sw
done
check_eq "refused writes changed nothing" "$before" "$(vnet_state)"

check_eq "show works without CAP_NET_ADMIN" "p-sw" \
	"$(unpriv vnetctl -j device show | jq -r '.[].name')"
check "get one works without CAP_NET_ADMIN" unpriv vnetctl device show p-sw
check "stats work without CAP_NET_ADMIN" unpriv vnetctl stats p-sw
check "raw dump works without CAP_NET_ADMIN" unpriv "$NLRAW" --dump DEV_GET
