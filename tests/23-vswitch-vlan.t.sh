#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A VLAN-aware vswitch (vlan-filtering) against the Linux bridge with
# vlan_filtering: the same topology on each gives the same reachability
# and puts the same tags on the wire. Then the vswitch alone: one
# forwarding entry per MAC and VLAN, floods inside a VLAN, frames of a
# VLAN a port is not in dropped and counted, static entries per VLAN, the
# host side as an access port or a trunk under VLAN devices, and the
# refusals.
#
#   a10 10.10.0.1 (access 10)  -+
#   b10 10.10.0.2 (access 10)  -+
#   x20 10.10.0.5 (access 20)  -+- switch      x20: VLAN 10's subnet, VLAN 20
#   a20 10.20.0.3 (access 20)  -+
#   n30 10.30.0.4 (access 30)  -+
#   t   (trunk 10,20 native 30) eth0 10.30.0.9, eth0.10 10.10.0.9,
#                               eth0.20 10.20.0.9
. "$(dirname "$0")/lib.sh"
require_module
plan 60
on_exit vnet_flush

HOSTS="a10 b10 x20 a20 n30"
declare -A ADDR=([a10]=10.10.0.1 [b10]=10.10.0.2 [x20]=10.10.0.5
	[a20]=10.20.0.3 [n30]=10.30.0.4)
declare -A VID=([a10]=10 [b10]=10 [x20]=20 [a20]=20 [n30]=30)
declare -A NS

# host NAME PORT: namespace NS[NAME] on veth PORT (this side), IPv4 only.
host() {
	local ns
	setup_ns ns || return 1
	NS[$1]=$ns
	ip netns exec "$ns" sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1
	ip link add "$2" type veth peer name eth0 netns "$ns" || return 1
	HOST_PORTS+=("$2")
	sysctl -q -w "net.ipv6.conf.$2.disable_ipv6=1"
	ip -n "$ns" link set eth0 up
	ip link set "$2" up
}

# hosts P: the five access hosts on ports P-NAME and the trunk host t on
# P-t, with its VLAN devices.
hosts() {
	local h p=$1
	for h in $HOSTS; do
		host "$h" "$p-$h" || return 1
		ip -n "${NS[$h]}" addr add "${ADDR[$h]}/24" dev eth0
	done
	host t "$p-t" || return 1
	ip -n "${NS[t]}" addr add 10.30.0.9/24 dev eth0
	for v in 10 20; do
		ip -n "${NS[t]}" link add link eth0 name "eth0.$v" type vlan id "$v"
		ip -n "${NS[t]}" addr add "10.$v.0.9/24" dev "eth0.$v"
		ip -n "${NS[t]}" link set "eth0.$v" up
	done
}

# unhost P: the hosts and their ports go.
unhost() {
	local h
	for h in $HOSTS t; do
		ip link del "$1-$h" 2>/dev/null
		ip netns del "${NS[$h]}"
	done
}

# reach: "SRC>DST:yes|no" for every pair on a subnet, one per line.
reach() {
	local pair src dst ok
	for pair in a10:10.10.0.2 a10:10.10.0.9 a10:10.10.0.5 b10:10.10.0.1 \
		x20:10.10.0.1 x20:10.10.0.9 a20:10.20.0.9 n30:10.30.0.9 \
		t:10.10.0.1 t:10.20.0.3 t:10.30.0.4 t:10.10.0.5; do
		src=${pair%%:*} dst=${pair#*:} ok=no
		ip netns exec "${NS[$src]}" ping -c 1 -W 1 "$dst" >/dev/null 2>&1 &&
			ok=yes
		echo "$src>$dst:$ok"
	done
}
want_reach="a10>10.10.0.2:yes
a10>10.10.0.9:yes
a10>10.10.0.5:no
b10>10.10.0.1:yes
x20>10.10.0.1:no
x20>10.10.0.9:no
a20>10.20.0.9:yes
n30>10.30.0.9:yes
t>10.10.0.1:yes
t>10.20.0.3:yes
t>10.30.0.4:yes
t>10.10.0.5:no"

# tags P: run reach, capturing ICMP on the trunk's port P-t and on a10's
# P-a10, and print what each carried: the VLANs of tagged echoes, and
# "untagged" if any came without a tag.
tags() {
	local p=$1 d dt da pt pa
	d=$(mktemp -d)
	tcpdump -i "$p-t" -e -nn -l icmp > "$d/t" 2>/dev/null &
	pt=$!
	tcpdump -i "$p-a10" -e -nn -l icmp > "$d/a" 2>/dev/null &
	pa=$!
	sleep 1	# tcpdump listens
	reach > "$d/reach"
	sleep 0.5
	kill $pt $pa
	wait $pt $pa 2>/dev/null
	for f in t a; do
		printf '%s:' "$f"
		{ grep -o 'vlan [0-9]*' "$d/$f" | sort -u | tr '\n' ' '
		  grep -v -q 'vlan [0-9]' "$d/$f" && printf 'untagged'; } | sed 's/ $//'
		echo
	done
	rm -rf "$d"
}
want_tags="t:vlan 10 vlan 20 untagged
a:untagged"

# The Linux bridge, the reference.
ip link add vl-br type bridge vlan_filtering 1
on_exit "ip link del vl-br"
ip link set vl-br up
hosts vb || exit 1
for h in $HOSTS; do
	ip link set "vb-$h" master vl-br
	bridge vlan del dev "vb-$h" vid 1
	bridge vlan add dev "vb-$h" vid "${VID[$h]}" pvid untagged
done
ip link set vb-t master vl-br
bridge vlan del dev vb-t vid 1
bridge vlan add dev vb-t vid 10
bridge vlan add dev vb-t vid 20
bridge vlan add dev vb-t vid 30 pvid untagged
check_eq "the bridge: reachability" "$want_reach" "$(reach)"
check_eq "the bridge: tags on the trunk and an access port" "$want_tags" "$(tags vb)"
unhost vb
ip link del vl-br

# The vswitch, the same way.
add_device vl-sw vswitch
check_eq "vlan-filtering is off by default" "false" "$(jfield vl-sw vlan-filtering)"
check "device set vlan-filtering on" vnetctl device set vl-sw vlan-filtering on
check_eq "shown on, also by ip -d" "true true" \
	"$(jfield vl-sw vlan-filtering) $(ipfield vl-sw vlan-filtering)"
hosts vs || exit 1
for h in $HOSTS; do
	vnetctl port add vl-sw dev "vs-$h" vlan access "${VID[$h]}"
done
check "a trunk with a native VLAN" vnetctl port add vl-sw dev vs-t vlan trunk 10,20 native 30
check_eq "port show: access" "vlan access 10" \
	"$(vnetctl port show vl-sw | grep 'vs-a10 ' | grep -o 'vlan .*')"
check_eq "port show: the trunk" "vlan trunk 10,20 native 30" \
	"$(vnetctl port show vl-sw | grep 'vs-t ' | grep -o 'vlan .*')"
check_eq "and as JSON" '{"mode":"trunk","trunk":[10,20],"native":30}' \
	"$(vnetctl -j port show vl-sw | jq -c '.[] | select(.name == "vs-t") | .vlan')"
check_eq "the vswitch: reachability, as the bridge's" "$want_reach" "$(reach)"
check_eq "the vswitch: the tags the bridge puts on" "$want_tags" "$(tags vs)"

# One entry per MAC and VLAN: t's MAC was learned in 10, 20 and 30.
tmac=$(host_mac "${NS[t]}" eth0)
check_eq "t's one MAC is learned in each of its three VLANs" "10 20 30" \
	"$(vnetctl -j fdb show vl-sw | jq -r ".[] | select(.mac == \"$tmac\") | .vlan" |
		sort -n | tr '\n' ' ' | sed 's/ $//')"
check_eq "fdb show says the VLAN" "1" \
	"$(vnetctl fdb show vl-sw | grep -c "^$tmac port vs-t vlan 20 learned")"

# A port whose VLANs change forgets what it learned in them.
bmac=$(host_mac "${NS[b10]}" eth0)
in_vlan() {	# in_vlan DEV MAC VID: the port of MAC's entry in VID
	vnetctl -j fdb show "$1" |
		jq -r ".[] | select(.mac == \"$2\" and .vlan == $3) | .port"
}
check_eq "b10 was learned in VLAN 10" "vs-b10" "$(in_vlan vl-sw "$bmac" 10)"
vnetctl port set vl-sw vs-b10 vlan access 20
check_eq "moved to VLAN 20, its port forgets it in VLAN 10" "" "$(in_vlan vl-sw "$bmac" 10)"
vnetctl port set vl-sw vs-b10 vlan access 10

# Port security holds on a trunk: its tagged frames are judged by source.
vnetctl port set vl-sw vs-t allow-mac "$(host_mac "${NS[t]}" eth0)"
check "t, port security on its trunk, reaches a10 in VLAN 10" \
	ip netns exec "${NS[t]}" ping -c 1 -W 2 10.10.0.1
vnetctl port set vl-sw vs-t allow-mac any

# From here on the hosts' own traffic would be counted: what they knew
# is forgotten, so that no probe of a neighbour comes.
for h in $HOSTS t; do ip -n "${NS[$h]}" neigh flush all; done
sleep 0.2

# A broadcast stays in its VLAN.
amac=$(host_mac "${NS[a20]}" eth0)
o10=$(port_stat vl-sw vs-a10 tx_packets) o20=$(port_stat vl-sw vs-x20 tx_packets)
ot=$(port_stat vl-sw vs-t tx_packets)
send_frame "${NS[a20]}" "ffffffffffff${amac//:/}88b5"$(printf '00%.0s' {1..46})
check "a20's broadcast reaches x20, of its VLAN" \
	busywait 3000 port_stat_is vl-sw vs-x20 tx_packets $((o20 + 1))
check_eq "and the trunk" $((ot + 1)) "$(port_stat vl-sw vs-t tx_packets)"
check_eq "never a10, of VLAN 10" "$o10" "$(port_stat vl-sw vs-a10 tx_packets)"

# Frames of a VLAN the port is not in are dropped and counted.
tagged() {	# tagged NS VID: a broadcast tagged VID from NS's eth0
	local m
	m=$(host_mac "$1" eth0)
	send_frame "$1" "ffffffffffff${m//:/}8100$(printf '%04x' "$2")88b5"$(printf '00%.0s' {1..42})
}
d=$(port_stat vl-sw vs-t drop_vlan) o10=$(port_stat vl-sw vs-a10 tx_packets)
tagged "${NS[t]}" 99
check "the trunk's frame for VLAN 99 is dropped, counted" \
	busywait 3000 port_stat_is vl-sw vs-t drop_vlan $((d + 1))
d=$(port_stat vl-sw vs-a10 drop_vlan) ot=$(port_stat vl-sw vs-t tx_packets)
tagged "${NS[a10]}" 20
check "an access port's frame tagged for another VLAN too" \
	busywait 3000 port_stat_is vl-sw vs-a10 drop_vlan $((d + 1))
check_eq "the trunk never saw it" "$ot" "$(port_stat vl-sw vs-t tx_packets)"
ob=$(port_stat vl-sw vs-b10 tx_packets)
tagged "${NS[a10]}" 10
check "one tagged with its own VLAN is taken" \
	busywait 3000 port_stat_is vl-sw vs-b10 tx_packets $((ob + 1))
check "the trunk without a native VLAN" vnetctl port set vl-sw vs-t vlan trunk 10,20
d=$(port_stat vl-sw vs-t drop_vlan)
dropped_more() { [ "$(port_stat vl-sw vs-t drop_vlan)" -gt "$d" ]; }
ip netns exec "${NS[t]}" ping -c 1 -W 1 10.30.0.4 >/dev/null
check "its untagged frames (t's ARP requests) are dropped, counted" \
	busywait 3000 dropped_more
vnetctl port set vl-sw vs-t vlan trunk 10,20 native 30

# Static entries are per VLAN.
check "fdb add in VLAN 20" vnetctl fdb add vl-sw 02:00:00:00:23:01 port vs-x20 vlan 20
check_eq "shown with its VLAN" "vs-x20 20 true" \
	"$(vnetctl -j fdb show vl-sw | jq -r '.[] | select(.mac == "02:00:00:00:23:01") | "\(.port) \(.vlan) \(.static)"')"
check_err "deleting it from VLAN 10 finds none" "no such forwarding entry" \
	vnetctl fdb del vl-sw 02:00:00:00:23:01 vlan 10
check "deleting it from VLAN 20" vnetctl fdb del vl-sw 02:00:00:00:23:01 vlan 20
check_err "with vlan-filtering on, an entry needs its VLAN" \
	"vlan-filtering is on: the entry's VLAN is required" \
	vnetctl fdb add vl-sw 02:00:00:00:23:01 port vs-x20
check_err "in a VLAN of its port" "the port is not a member of that VLAN" \
	vnetctl fdb add vl-sw 02:00:00:00:23:01 port vs-x20 vlan 10

# The host side: an access port of VLAN 10, then a trunk under VLAN
# devices.
ip addr add 10.10.0.100/24 dev vl-sw
check "port set SW host vlan access 10" vnetctl port set vl-sw host vlan access 10
check_eq "device show says it" "host vlan access 10" \
	"$(vnetctl device show vl-sw | grep -o 'host vlan .*')"
check "the host reaches a10 in VLAN 10" ping -c 1 -W 2 10.10.0.1
ip addr del 10.10.0.100/24 dev vl-sw
vnetctl port set vl-sw host vlan trunk 20
ip link add link vl-sw name vl-sw.20 type vlan id 20
on_exit "ip link del vl-sw.20"
ip addr add 10.20.0.100/24 dev vl-sw.20
ip link set vl-sw.20 up
check "as a trunk, its VLAN device reaches a20" ping -c 1 -W 2 10.20.0.3

# Link-local frames go up as they came, whatever the host's VLANs: an
# LLDP frame from a10's access port of VLAN 10, the host's trunk of 20.
ld=$(mktemp)
on_exit "rm -f $ld"
tcpdump -i vl-sw -nn -l ether proto 0x88cc > "$ld" 2>/dev/null &
lp=$!
sleep 1	# tcpdump listens
amac=$(host_mac "${NS[a10]}" eth0)
send_frame "${NS[a10]}" "0180c200000e${amac//:/}88cc"$(printf '00%.0s' {1..46})
sleep 0.5
kill $lp
wait $lp 2>/dev/null
check_eq "an LLDP frame from an access port of VLAN 10 goes up to the host" "1" \
	"$(grep -c 'LLDP' "$ld")"

# Refusals, each with its reason.
check_err "VLAN 4095 is refused" 'invalid VLAN "4095"' \
	vnetctl port set vl-sw vs-a10 vlan access 4095
check_err "a native VLAN also tagged is refused" "the native VLAN is untagged" \
	vnetctl port set vl-sw vs-t vlan trunk 10,20 native 20
add_device vl-rt vrouter
ip link add vl-rp type veth peer name vl-rq
on_exit "ip link del vl-rp"
check_err "a vrouter port takes no VLAN" "VLANs are a vswitch's" \
	vnetctl port add vl-rt dev vl-rp vlan access 10
check_err "nor a vrouter's host" "VLANs are a vswitch's" \
	vnetctl port set vl-rt host vlan access 10
check_eq "the refused port was not added" "" \
	"$(vnetctl -j port show vl-rt | jq -r '.[] | select(.name == "vl-rp") | .name')"
check_err "a vswitch port cannot be named host, its own side's name" \
	"is the switch's own side" vnetctl port add vl-sw dev vl-rq name host

# neigh-suppress per VLAN: a binding is an address in a VLAN, answered to
# requests in that VLAN alone, in it (tagged on the trunk). Had the switch
# not answered a request, its target would have learned the asker from it
# and asked nothing back: the counter moves only if the switch answers.
for h in $HOSTS t; do ip -n "${NS[$h]}" neigh flush all; done
check "neigh-suppress with vlan-filtering" vnetctl device set vl-sw neigh-suppress on
suppressed() { dev_stat vl-sw neigh_suppressed; }
more_suppressed() { [ "$(suppressed)" -gt "$1" ]; }
ip netns exec "${NS[a10]}" ping -c 1 -W 2 10.10.0.2 >/dev/null
s0=$(suppressed)
check "t asks for b10's address in VLAN 10, on its trunk" \
	ip netns exec "${NS[t]}" ping -c 1 -W 2 10.10.0.2
check "the switch answered, from the binding learned in VLAN 10" more_suppressed "$s0"
check_eq "tagged VLAN 10: t's eth0.10 took b10's MAC" "$bmac" \
	"$(ip -n "${NS[t]}" -j neigh show 10.10.0.2 dev eth0.10 | jq -r '.[0].lladdr')"
# Port security's addresses are bindings in the port's own VLAN.
vnetctl port set vl-sw vs-a20 allow-mac "$(host_mac "${NS[a20]}" eth0)" allow-ip 10.20.0.3
s0=$(suppressed)
check "t asks for a20's address in VLAN 20" \
	ip netns exec "${NS[t]}" ping -c 1 -W 2 10.20.0.3
check "answered, from the binding port security owns in VLAN 20" more_suppressed "$s0"
s0=$(suppressed)
# t's MAC is in VLAN 20 now too, but its 10.10.0.9 is VLAN 10's.
check_err "x20 asks for t's VLAN 10 address from VLAN 20: no ping" "." \
	ip netns exec "${NS[x20]}" ping -c 1 -W 1 10.10.0.9
check_eq "and no answer from the switch" "$s0" "$(suppressed)"
vnetctl port set vl-sw vs-a20 vlan access 10
ip -n "${NS[t]}" neigh flush all
s0=$(suppressed)
ip netns exec "${NS[t]}" ping -c 1 -W 1 10.20.0.3 >/dev/null
check_eq "moved to VLAN 10, the port has no binding in VLAN 20 left" \
	"$s0" "$(suppressed)"
vnetctl port set vl-sw vs-a20 vlan access 20 allow-mac any allow-ip any
vnetctl device set vl-sw neigh-suppress off

# QinQ: a switch of 802.1ad service VLANs carries a customer's 802.1Q
# VLAN 100, tagged on c1's access port of service VLAN 10, inside that
# service VLAN on the trunk to p1, which takes both tags off.
add_device vl-ad vswitch vlan-filtering on vlan-protocol 802.1ad
check_eq "vlan-protocol 802.1ad is shown" "802.1ad" "$(jfield vl-ad vlan-protocol)"
host c1 vq-c1 && host p1 vq-p1 || exit 1
ip -n "${NS[c1]}" link add link eth0 name eth0.100 type vlan id 100
ip -n "${NS[p1]}" link add link eth0 name s10 type vlan proto 802.1ad id 10
ip -n "${NS[p1]}" link add link s10 name s10.100 type vlan id 100
ip -n "${NS[c1]}" addr add 10.100.0.1/24 dev eth0.100
ip -n "${NS[p1]}" addr add 10.100.0.2/24 dev s10.100
for l in "c1 eth0.100" "p1 s10" "p1 s10.100"; do
	ip -n "${NS[${l% *}]}" link set "${l#* }" up
done
vnetctl port add vl-ad dev vq-c1 vlan access 10
vnetctl port add vl-ad dev vq-p1 vlan trunk 10
qd=$(mktemp)
on_exit "rm -f $qd"
tcpdump -i vq-p1 -e -nn -l > "$qd" 2>/dev/null &
qp=$!
sleep 1	# tcpdump listens
check "the customer's VLAN 100 crosses service VLAN 10" \
	ip netns exec "${NS[c1]}" ping -c 1 -W 2 10.100.0.2
sleep 0.5
kill $qp
wait $qp 2>/dev/null
qinq=$(grep -c 'ethertype 802.1Q-QinQ (0x88a8).*vlan 10, .*ethertype 802.1Q (0x8100).*vlan 100, .*ICMP echo' "$qd")
check_eq "on the trunk, the service tag 10 outside the customer's 100" "2" "$qinq"
[ "$qinq" = 2 ] || diag < "$qd"
# Made with VLANs, turning them off forgets what was learned in them.
vnetctl device set vl-ad vlan-filtering off
check_eq "vlan-filtering off on a switch made with it: no entry of a VLAN left" "0" \
	"$(vnetctl -j fdb show vl-ad | jq '[.[] | select(.vlan != null)] | length')"

# Off again, the switch is flat: x20 reaches a10 across "VLANs".
check "vlan-filtering off" vnetctl device set vl-sw vlan-filtering off
check "x20 reaches a10 once more" ip netns exec "${NS[x20]}" ping -c 1 -W 2 10.10.0.1
check_err "with it off, a static entry takes no VLAN" \
	"vlan-filtering is off: an entry has no VLAN" \
	vnetctl fdb add vl-sw 02:00:00:00:23:02 port vs-x20 vlan 20
check "and one without a VLAN is added" \
	vnetctl fdb add vl-sw 02:00:00:00:23:02 port vs-x20
check_eq "what was learned per VLAN is forgotten" "0" \
	"$(vnetctl -j fdb show vl-sw | jq '[.[] | select(.vlan != null)] | length')"
