#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Create, show, set, start, stop and delete each kind, with vnetctl and with
# ip(8), and check that parameters round-trip through both netlink paths
# (the vnet genl family and rtnetlink's IFLA_INFO_DATA).
. "$(dirname "$0")/lib.sh"
require_module
plan 117
on_exit vnet_flush

# kind, parameter, default, a value to set, the same as ip -j reports it
cases=(
	"vswitch ageing 300 45 45"
	"vrouter ttl-check on off false"
	"vfirewall policy accept drop drop"
	"vfirewall l2-policy accept drop drop"
)

for c in "${cases[@]}"; do
	read -r kind param def val ipval <<<"$c"
	dev=t-$kind

	# vnetctl: the seed's create, set, start, show, stop, delete
	check "$kind: vnetctl device add" vnetctl device add $dev type $kind
	check_eq "$kind: shown with its kind" "$kind" "$(jfield $dev type)"
	check_eq "$kind: a new device is stopped" "down" "$(jfield $dev state)"
	want=$def
	[ "$def" = on ] && want=true
	check_eq "$kind: $param defaults to $def" "$want" "$(jfield $dev $param)"
	mac=$(jfield $dev address)
	check_eq "$kind: vnetctl and ip agree on the MAC" "$mac" \
		"$(ip -j link show $dev | jq -r '.[0].address')"
	[[ $mac =~ ^[0-9a-f]{2}(:[0-9a-f]{2}){5}$ ]] && [ "$mac" != "00:00:00:00:00:00" ]
	check_eq "$kind: has a real MAC address" 0 $?

	check "$kind: vnetctl device set $param $val" vnetctl device set $dev $param $val
	check_eq "$kind: genl set is seen by rtnetlink (ip -d)" "$ipval" "$(ipfield $dev $param)"
	check "$kind: vnetctl device set mtu 9000" vnetctl device set $dev mtu 9000
	check_eq "$kind: mtu set through genl" 9000 "$(ip -j link show $dev | jq -r '.[0].mtu')"

	check "$kind: vnetctl device start" vnetctl device start $dev
	check_eq "$kind: started device is up" "up" "$(jfield $dev state)"
	ip link show $dev | grep -q '<.*UP.*>'
	check_eq "$kind: ip sees it admin up" 0 $?
	check "$kind: vnetctl device stop" vnetctl device stop $dev
	check_eq "$kind: stopped device is down" "down" "$(jfield $dev state)"
	check "$kind: vnetctl device del" vnetctl device del $dev
	check_err "$kind: deleted device is gone" "no such device" vnetctl device show $dev
	ip link show $dev >/dev/null 2>&1
	check_eq "$kind: ip no longer sees it" 1 $?

	# ip(8): create with a parameter, read it back through genl
	check "$kind: ip link add type $kind $param $val" ip link add $dev type $kind $param $val
	shown() { vnetctl device show $dev | grep -oE "(^| )$param [a-z0-9]*" | sed 's/^ //'; }
	check_eq "$kind: rtnetlink parameter seen by genl" "$param $val" "$(shown)"
	check "$kind: ip link set type $kind $param $def" ip link set $dev type $kind $param $def
	check_eq "$kind: changelink seen by genl" "$param $def" "$(shown)"
	check "$kind: ip link set up" ip link set $dev up
	check_eq "$kind: ip's up is genl's started" "up" "$(jfield $dev state)"
	check "$kind: ethtool reports the vnet driver" bash -c "ethtool -i $dev | grep -q 'driver: vnet'"
	check "$kind: ip link del" ip link del $dev
	check_err "$kind: ip-deleted device is gone from genl" "no such device" vnetctl device show $dev
done

# Options given at creation time are applied before the device appears.
check "add with mtu and parameter at once" vnetctl device add t-all type vswitch mtu 1400 ageing 0
check_eq "mtu from add" 1400 "$(jfield t-all mtu)"
check_eq "ageing 0 (never) from add" 0 "$(jfield t-all ageing)"
check_eq "ip -d shows ageing 0" 0 "$(ipfield t-all ageing)"

# Counters are per CPU, summed by ndo_get_stats64: a packet the host sends
# on a device without ports is dropped and counted on both paths.
# No IPv6 on it (router solicitations, MLD reports): the host sends only
# what the test sends.
sysctl -q -w net.ipv6.conf.t-all.disable_ipv6=1
vnetctl device start t-all
ip addr add 192.0.2.1/24 dev t-all
# A static neighbour: three pings are three packets, no ARP timing involved.
ip neigh replace 192.0.2.2 lladdr 02:00:00:00:00:02 dev t-all
drops0=$(dev_stat t-all tx_dropped)
noport0=$(dev_stat t-all drop_no_port)
ping -c 3 -i 0.2 -W 0.2 192.0.2.2 >/dev/null 2>&1
drops=$(($(dev_stat t-all tx_dropped) - drops0))
check_eq "the 3 echo requests with nowhere to go are counted as tx drops" 3 "$drops"
check_eq "and as drops for want of a port" 3 $(($(dev_stat t-all drop_no_port) - noport0))
same_drops() {
	[ "$(dev_stat t-all tx_dropped)" = \
	  "$(ip -j -s link show t-all | jq '.[0].stats64.tx.dropped')" ]
}
busywait 5000 same_drops
check_eq "ip -s (ndo_get_stats64) and genl report the same tx drops" 0 $?
check "device del" vnetctl device del t-all
check_eq "no vnet devices left" "" "$(vnet_names)"
