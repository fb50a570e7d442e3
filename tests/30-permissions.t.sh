#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Without CAP_NET_ADMIN every write is refused with EPERM; reads of devices,
# ports and stats still work (rules and connections need it: test 38).
# With it, the same writes go through.
. "$(dirname "$0")/lib.sh"
require_module
plan 13
on_exit vnet_flush

unpriv() { setpriv --inh-caps=-all --ambient-caps=-all --bounding-set=-net_admin -- "$@"; }

if ! unpriv true 2>/dev/null; then
	skip_rest "setpriv cannot drop CAP_NET_ADMIN here" \
		"add without CAP_NET_ADMIN" \
		"set without CAP_NET_ADMIN" \
		"start without CAP_NET_ADMIN" \
		"del without CAP_NET_ADMIN" \
		"each of the header's 30 write commands, raw, without CAP_NET_ADMIN: EPERM" \
		"refused writes changed nothing" \
		"show works without CAP_NET_ADMIN" \
		"get one works without CAP_NET_ADMIN" \
		"stats work without CAP_NET_ADMIN" \
		"raw dump works without CAP_NET_ADMIN" \
		"with CAP_NET_ADMIN the same add, set, start and del succeed" \
		"and took effect: ageing 5, started, the added one deleted" \
		"with CAP_NET_ADMIN none of the 30 raw write commands meets EPERM"
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
# refused, whatever its attributes. One process sends them all (named by
# the header itself) and prints each one's errno; the list below is what
# the header holds today: a new command must be added to it, as a write.
writes="DEV_NEW DEV_DEL DEV_SET PORT_NEW PORT_DEL PORT_SET FDB_NEW FDB_DEL
FDB_FLUSH ADDR_NEW ADDR_DEL ROUTE_NEW ROUTE_DEL NEIGH_FLUSH RULE_NEW RULE_DEL
RULE_FLUSH RULE_REPLACE CONN_FLUSH NET_NEW NET_DEL NET_SET POLICER_NEW
POLICER_DEL POLICER_SET NEIGH_NEW NEIGH_DEL NAT_NEW NAT_DEL NAT_FLUSH"
raw_writes='
import sys
sys.path.insert(0, sys.argv[2])
import nlraw
g = nlraw.Genl()
family = g.resolve("vnet")
ifname = nlraw.nla(nlraw.ATTRS["IFNAME"], sys.argv[1].encode() + b"\0")
for name, cmd in sorted(nlraw.CMDS.items(), key=lambda kv: kv[1]):
    if name not in ("UNSPEC", "MAX") and not name.endswith("_GET"):
        print(name, g.request(family, cmd, ifname)[0])'
check_eq "each of the header's 30 write commands, raw, without CAP_NET_ADMIN: EPERM" \
	"$(printf '%s -1\n' $writes)" \
	"$(unpriv python3 -c "$raw_writes" p-sw "$TESTS_DIR" 2>&1)"
check_eq "refused writes changed nothing" "$before" "$(vnet_state)"

check_eq "show works without CAP_NET_ADMIN" "p-sw" \
	"$(unpriv vnetctl -j device show | jq -r '.[].name')"
check "get one works without CAP_NET_ADMIN" unpriv vnetctl device show p-sw
check "stats work without CAP_NET_ADMIN" unpriv vnetctl stats p-sw
check "raw dump works without CAP_NET_ADMIN" unpriv "$YNL" --dump dev-get

# The controls: the capability alone made the difference.
root_writes() {
	vnetctl device add p-new type vswitch && vnetctl device set p-sw ageing 5 &&
		vnetctl device start p-sw && vnetctl device del p-new
}
check "with CAP_NET_ADMIN the same add, set, start and del succeed" root_writes
check_eq "and took effect: ageing 5, started, the added one deleted" "5 up p-sw" \
	"$(jfield p-sw ageing) $(jfield p-sw state) $(vnet_names | xargs)"
# The raw writes again, as root: in a namespace of their own (DEV_DEL and
# the rest act for real there), on a p-sw of its own. Each gets past the
# capability check to its handler, which answers as it may (ENODEV once
# DEV_DEL has gone by, EINVAL for what is missing), never EPERM.
root_raw=$(unshare -n sh -c 'vnetctl device add p-sw type vswitch >/dev/null &&
	python3 -c "$1" p-sw "$2"' sh "$raw_writes" "$TESTS_DIR" 2>&1)
check_eq "with CAP_NET_ADMIN none of the 30 raw write commands meets EPERM" \
	"$(printf '%s\n' $writes | xargs) / 0" \
	"$(awk '{ print $1 }' <<<"$root_raw" | xargs) / $(grep -c ' -1$' <<<"$root_raw")"
