#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Networks: create with a chosen or allocated id, parameters, devices placed
# in them, start and stop as a whole, deletion (refused while devices remain
# unless forced), moves between networks, isolation: no patch across two
# networks, no traffic between them.
. "$(dirname "$0")/lib.sh"
require_module
plan 71
net_del_all() {
	vnetctl -j network show | jq -r '.[] | select(.id != 0) | .name' |
		while read -r n; do vnetctl network del "$n" force; done
}
on_exit vnet_flush
on_exit net_del_all
nfield() { vnetctl -j network show "$1" | jq -r ".[0].$2"; }

check_eq "the default network exists with id 0" "0 default" \
	"$(vnetctl -j network show default | jq -r '.[0] | "\(.id) \(.name)"')"
check "network add with an id" vnetctl network add blue id 100 mtu 1400 description "tenant blue"
check "network add without one" vnetctl network add red
check_eq "blue has id 100, its mtu and description" "100 1400 tenant blue" \
	"$(vnetctl -j network show blue | jq -r '.[0] | "\(.id) \(.mtu) \(.description)"')"
red_id=$(nfield red id)
check "red got an id of its own" test "$red_id" -ge 1 -a "$red_id" -le 16777215 -a "$red_id" != 100
check_eq "a network is found by its id too" "blue" "$(vnetctl -j network show 100 | jq -r '.[0].name')"

before=$(vnetctl -j network show)
check_err "a duplicate name is refused" "a network with this name already exists" vnetctl network add blue
check_err "a duplicate id is refused" "a network with this id already exists" vnetctl network add green id 100
check_err "id 0 belongs to the default network" "id 0 is the default" vnetctl network add green id 0
check_err "an id past 24 bits is refused" "invalid network id" vnetctl network add green id 16777216
check_err "an unknown network is an error" "no such network" vnetctl network show nosuch
check_err "an unknown network parameter is an error" "unknown network parameter" vnetctl network add green colour red
check_err "a bad mtu is refused" "invalid mtu" vnetctl network set blue mtu 20
check_err "a name starting with a digit is refused by the kernel" "cannot start with a digit" \
	ynl --do net-new --json '{"network": {"name": "7up"}}'
check_err "the default network cannot be deleted" "default network cannot be deleted" vnetctl network del default
check_eq "nothing changed" "$before" "$(vnetctl -j network show)"

# Devices in networks.
check "a device in blue" vnetctl device add nb-sw type vswitch network blue
check "a router in blue by id" vnetctl device add nb-vr type vrouter network 100
check "a switch in red" vnetctl device add nr-sw type vswitch network red
check "a switch in the default network" vnetctl device add nd-sw type vswitch
check_eq "devices report their network" "blue blue red default" \
	"$(for d in nb-sw nb-vr nr-sw nd-sw; do jfield $d network; done | xargs)"
check_eq "a device without an mtu takes its network's" "1400" "$(jfield nb-sw mtu)"
check_err "a device in an unknown network is refused" "no such network" \
	vnetctl device add nx-sw type vswitch network nosuch
check_err "and not created" "no such device|not found|Cannot find" vnetctl device show nx-sw
check_eq "blue counts two devices" "2" "$(nfield blue devices)"

check "network start" vnetctl network start blue
check_eq "starts every device of the network" "up up down" \
	"$(for d in nb-sw nb-vr nr-sw; do jfield $d state; done | xargs)"
check_eq "and reports it up" "up" "$(nfield blue state)"
check "network set mtu" vnetctl network set blue mtu 1450
check_eq "gives every device the new mtu" "1450 1450" "$(jfield nb-sw mtu) $(jfield nb-vr mtu)"
check "network stop" vnetctl network stop blue
check_eq "stops every device of the network" "down down" "$(jfield nb-sw state) $(jfield nb-vr state)"

# Patches stay within a network.
before=$(vnetctl -j port show)
check_err "no patch across networks" "different networks" vnetctl port add nb-sw peer nr-sw
check_err "no patch to the same device" "two different devices" vnetctl port add nb-sw peer nb-sw
check_eq "nothing changed" "$before" "$(vnetctl -j port show)"
check "a patch within blue" vnetctl port add nb-sw peer nb-vr
check_err "a device with a patch cannot change networks" "patch ports cannot change networks" \
	vnetctl device set nb-sw network red
check_eq "and stays where it was" "blue" "$(jfield nb-sw network)"
check "a device without patches moves" vnetctl device set nd-sw network red
check_eq "to its new network" "red 2" "$(jfield nd-sw network) $(nfield red devices)"
# A move applies all it asks or nothing. A team's port refuses a new MTU,
# so a move to a network with its own MTU cannot give the device that MTU.
vnetctl network add nm mtu 1400
vnetctl device add nt-sw type vswitch
if ip link add nt0 type team 2>/dev/null && ip link set nt-sw master nt0; then
	check_err "a move whose MTU the device cannot take is refused" "cannot set the MTU" \
		vnetctl device set nt-sw network nm
	check_eq "and the device stays where it was, at its MTU" "default 1500 0" \
		"$(jfield nt-sw network) $(jfield nt-sw mtu) $(nfield nm devices)"
	check "the same move keeping the device's MTU is taken" \
		vnetctl device set nt-sw network nm mtu 1500
	check_eq "to nm, at 1500" "nm 1500 1" \
		"$(jfield nt-sw network) $(jfield nt-sw mtu) $(nfield nm devices)"
	ip link del nt0
else
	skip_rest "this kernel has no team driver" \
		"a move whose MTU the device cannot take is refused" \
		"and the device stays where it was, at its MTU" \
		"the same move keeping the device's MTU is taken" "to nm, at 1500"
fi
vnetctl device del nt-sw
vnetctl network del nm

# Deletion.
check_err "a network with devices is not deleted" "has devices" vnetctl network del blue
check_eq "its devices are still there" "2" "$(nfield blue devices)"
check "network del force" vnetctl network del blue force
check_err "the network is gone" "no such network" vnetctl network show blue
check_err "and so are its devices" "." vnetctl device show nb-sw
check_err "all of them" "." vnetctl device show nb-vr

# Isolation: a patch, the one link vnet makes between devices, is refused
# between switches of two networks and leaves nothing that carries a
# frame; with both switches in one network the same patch joins their
# hosts (the positive control, below).
vnetctl network add iso-a
vnetctl network add iso-b
vnetctl device add ia-sw type vswitch network iso-a
vnetctl device add ib-sw type vswitch network iso-b
vnetctl network start iso-a
vnetctl network start iso-b
add_host ha ia-sw ia1 10.9.0.1/24 || exit 1
add_host ha2 ia-sw ia2 10.9.0.2/24 || exit 1
add_host hb ib-sw ib1 10.9.0.3/24 || exit 1
mac_ha=$(host_mac "$ha" eth0)
pnames() { vnetctl -j port show "$1" | jq -r '[.[].name] | sort | join(" ")'; }
check "hosts of one network reach each other" ip netns exec "$ha" ping -c 1 -W 2 10.9.0.2
check_err "a patch between the networks' switches is refused" "different networks" \
	vnetctl port add ia-sw peer ib-sw
check_eq "and leaves no port on either" "ia1 ia2|ib1" "$(pnames ia-sw)|$(pnames ib-sw)"
check_err "so ha cannot reach hb" "." ip netns exec "$ha" ping -c 2 -W 1 10.9.0.3
check_eq "ib-sw never saw a frame of ha's (its ARP broadcasts included)" "" \
	"$(fdb_port ib-sw "$mac_ha")"
check_eq "while ia-sw learned ha" "ia1" "$(fdb_port ia-sw "$mac_ha")"

out=$(vnetctl network show iso-a)
check "network show lists the devices and ports" grep -q "port ia1 endpoint ia1" <<<"$out"
check "and the quotas in use" grep -qE "ports +2 +unlimited" <<<"$out"
dot=$(vnetctl topology iso-a --dot)
check "topology --dot draws the network" grep -q 'cluster_iso-a' <<<"$dot"
check "with its endpoints" grep -q '"dev:ia-sw" -- "ep:ia1"' <<<"$dot"
if command -v dot >/dev/null; then
	check "which Graphviz reads" sh -c "vnetctl topology --dot | dot -Tsvg >/dev/null"
else
	skip "which Graphviz reads" "dot is not installed"
fi

# The positive control: ib-sw moved into iso-a, the same patch is made
# and ha reaches hb across it.
check "ib-sw (no patches) moves to iso-a" vnetctl device set ib-sw network iso-a
check "within one network the patch is made" vnetctl port add ia-sw peer ib-sw
check "and ha reaches hb across it" ip netns exec "$ha" ping -c 1 -W 2 10.9.0.3
check_eq "ib-sw learned ha on its patch port" "ia-sw" "$(fdb_port ib-sw "$mac_ha")"

# Monitor: networks are announced as they come, change and go.
vnetctl -j monitor > /tmp/nmon.$$ &
mon=$!
sleep 0.5
vnetctl network add mon-net
vnetctl network set mon-net description watched
vnetctl network del mon-net
announced() { [ "$(grep -c '"network"' /tmp/nmon.$$)" -ge 3 ]; }
busywait 3000 announced
kill $mon
check_eq "monitor: network new, change, del" "new change del" \
	"$(jq -r 'select(.object == "network" and .network.name == "mon-net") | .event' /tmp/nmon.$$ | xargs)"
rm -f /tmp/nmon.$$

# A namespace has networks of its own, and they go with it.
setup_ns nsx || exit 1
nx() { ip netns exec "$nsx" "$@"; }
nx vnetctl network add inner
nx vnetctl device add in-sw type vswitch network inner
nx vnetctl resource add inner lim rate 1mbit
# in-sw's endpoint, policed by lim, is a veth whose other end stays here:
# that end goes only when the namespace, and what holds its peer, is torn
# down.
ip link add nx-out type veth peer name nx-in netns "$nsx"
HOST_PORTS+=(nx-out)
nx ip link set nx-in up
nx vnetctl port add in-sw dev nx-in
nx vnetctl port set in-sw nx-in policer lim
check_eq "a namespace has its own default network and its own networks" "default inner" \
	"$(nx vnetctl -j network show | jq -r '.[].name' | xargs)"
check_eq "in-sw's endpoint is policed by lim" "nx-in lim" \
	"$(nx vnetctl -j port show in-sw | jq -r '.[] | "\(.name) \(.policer)"')"
check_err "not seen from another namespace" "no such network" vnetctl network show inner
check "the veth's end here is there while the namespace lives" ip link show nx-out
ip netns del "$nsx"
gone() { ! ip link show "$1" >/dev/null 2>&1; }
check "deleting the namespace takes them with it: the veth's end here goes" \
	busywait 30000 gone nx-out
