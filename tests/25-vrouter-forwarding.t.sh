#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A vrouter between three subnets of namespace hosts and the host itself.
#
#   h1 10.1.0.2     h2 10.2.0.2     h3 10.3.0.2 (MTU 1280)
#      |               |               |
#      p1 10.1.0.1 --- p2 10.2.0.1 --- p3 10.3.0.1  -- vr -- host port
#                                                     10.9.0.2 | 10.9.0.1 host
. "$(dirname "$0")/lib.sh"
require_module
plan 40
on_exit vnet_flush
vr=fw-vr
add_device $vr vrouter
for i in 1 2 3; do
	add_router_host h$i $vr p$i 10.$i.0.2/24 10.$i.0.1 || exit 1
done
ns() { local v=h$1; echo "${!v}"; }
n() { local ns; ns=$(ns "$1"); shift; ip netns exec "$ns" "$@"; }
ip link set p3 mtu 1280
n 3 ip link set eth0 mtu 1280

check_eq "the addresses are listed with their ports" \
	"10.1.0.1/24 p1 10.2.0.1/24 p2 10.3.0.1/24 p3" \
	"$(vnetctl -j addr show $vr | jq -r '[.[] | "\(.address)/\(.prefixlen) \(.port)"] | join(" ")')"
check_eq "each address brings a connected and a local route" \
	"10.1.0.0/24 connected p1|10.1.0.1/32 local p1|10.2.0.0/24 connected p2|10.2.0.1/32 local p2|10.3.0.0/24 connected p3|10.3.0.1/32 local p3" \
	"$(vnetctl -j route show $vr | jq -r '[.[] | "\(.dst) \(.type) \(.port)"] | join("|")')"

check "h1 pings the router's address on its port" n 1 ping -c 1 -W 2 10.1.0.1
check "h1 pings the router's address on another port" n 1 ping -c 1 -W 2 10.3.0.1
for pair in "1 2" "1 3" "2 3" "3 1"; do
	set -- $pair
	check "h$1 pings h$2 across the router" n $1 ping -c 2 -W 2 10.$2.0.2
done
check_eq "the reply crossed one hop: TTL 64 arrives as 63" "63" \
	"$(n 1 ping -c 1 -W 2 10.2.0.2 | sed -n 's/.*ttl=\([0-9]*\).*/\1/p')"
check_eq "the router's own echo reply has TTL 64" "64" \
	"$(n 1 ping -c 1 -W 2 10.1.0.1 | sed -n 's/.*ttl=\([0-9]*\).*/\1/p')"
check_eq "the router learned h2's MAC" "$(host_mac "$(ns 2)" eth0) reachable" \
	"$(vnetctl -j neigh show $vr | jq -r '.[] | select(.address == "10.2.0.2") | "\(.mac) \(.state)"')"
check_eq "h1 sees the router's MAC on p1 as its gateway's" \
	"$(ip -j link show p1 | jq -r '.[0].address')" \
	"$(n 1 ip -j neigh show 10.1.0.1 | jq -r '.[0].lladdr')"

# TTL expiry: ping -t 1 and traceroute see the router answer.
ttl0=$(port_stat $vr p1 drop_ttl)
out=$(n 1 ping -c 1 -W 2 -t 1 10.2.0.2)
check "ping -t 1 gets time exceeded from 10.1.0.1" \
	grep -q "From 10.1.0.1 .*Time to live exceeded" <<<"$out"
check_eq "drop_ttl counted it on p1" "$((ttl0 + 1))" "$(port_stat $vr p1 drop_ttl)"
out=$(n 1 traceroute -n -q 1 -w 2 -m 3 10.2.0.2 2>&1)
check_eq "traceroute: the router, then h2" "10.1.0.1 10.2.0.2" \
	"$(awk '$1 ~ /^[0-9]+$/ { printf "%s%s", sep, $2; sep=" " }' <<<"$out")"

# No route: network unreachable, counted.
nr0=$(dev_stat $vr drop_no_route)
out=$(n 1 ping -c 1 -W 2 10.99.0.1)
check "a missing route gets network unreachable from 10.1.0.1" \
	grep -q "From 10.1.0.1 .*Destination Net Unreachable" <<<"$out"
check_eq "drop_no_route counted it" "$((nr0 + 1))" "$(dev_stat $vr drop_no_route)"

# Without DF the router fragments it, and h3 reassembles it. Each echo
# request carries 1480 bytes past its header: 1256 (1260 rounded down to
# 8) and 224, two fragments; h3's 1500-byte replies it fragments itself.
f0=$(port_stat $vr p3 fragments)
check "a 1500-byte ping without DF crosses into the 1280 port" \
	n 1 ping -c 2 -W 2 -M dont -s 1472 10.3.0.2
check_eq "the router made 2 fragments of each of the 2 requests on p3" \
	"$((f0 + 4))" "$(port_stat $vr p3 fragments)"

# DF and too big for the 1280 port: fragmentation needed, with the MTU.
mtu0=$(port_stat $vr p1 drop_mtu)
out=$(n 1 ping -c 1 -W 2 -M do -s 1472 10.3.0.2)
check "a 1500-byte DF ping into the 1280 port gets frag needed (mtu = 1280)" \
	grep -q "From 10.1.0.1 .*Frag needed and DF set (mtu = 1280)" <<<"$out"
check_eq "drop_mtu counted it on p1, once" "$((mtu0 + 1))" "$(port_stat $vr p1 drop_mtu)"
# The host port: the host routes into the router, the router into the host.
ip addr add 10.9.0.1/24 dev $vr
vnetctl addr add $vr 10.9.0.2/24 port host
ip route add 10.1.0.0/16 via 10.9.0.2
ip route add 10.2.0.0/16 via 10.9.0.2
for i in 1 2; do
	n $i ip route add 10.9.0.0/24 via 10.$i.0.1
done
check "the host pings the router on the host port" ping -c 1 -W 2 10.9.0.2
check "the host routes into the router: it pings h1" ping -c 2 -W 2 10.1.0.2
ip addr add 10.50.0.1/32 dev lo
vnetctl route add $vr 10.50.0.0/24 via 10.9.0.1
check "a route via the host port delivers to the host: h2 pings 10.50.0.1" \
	n 2 ping -c 2 -W 2 10.50.0.1
check_eq "route show lists the static route" "10.50.0.0/24 via 10.9.0.1 port host static" \
	"$(vnetctl route show $vr | grep '^10.50.0.0/24')"
check_eq "route get finds the longest prefix" "10.1.0.0/24 port p1 connected" \
	"$(vnetctl route get $vr 10.1.0.77)"
ip addr del 10.50.0.1/32 dev lo

# ICMP errors are rate limited: a flood of TTL 1 gets only some answers.
# How many is timing (a burst of 50 a CPU, then 100 a second), and so is
# how many of the 400 leave h1 (a send that meets the socket's pending
# error is counted by ping as sent); that each one the router expired got
# an error or was held back is exact.
ttl0=$(port_stat $vr p1 drop_ttl)
sent0=$(port_stat $vr p1 icmp_sent)
rl0=$(port_stat $vr p1 icmp_ratelimited)
n 1 ping -q -f -c 400 -t 1 -W 1 10.2.0.2 >/dev/null 2>&1
expired=$(($(port_stat $vr p1 drop_ttl) - ttl0))
sent=$(($(port_stat $vr p1 icmp_sent) - sent0))
rl=$(($(port_stat $vr p1 icmp_ratelimited) - rl0))
check_eq "each of the $expired expired got an error or was held back ($sent sent, $rl held back)" \
	"$expired" "$((sent + rl))"
check "icmp_ratelimited counts held-back errors ($rl of $expired)" test "$rl" -gt 0

# ttl-check off: the router leaves TTL alone (an invisible hop).
vnetctl device set $vr ttl-check off
check_eq "with ttl-check off the reply keeps TTL 64" "64" \
	"$(n 1 ping -c 1 -W 2 10.2.0.2 | sed -n 's/.*ttl=\([0-9]*\).*/\1/p')"
vnetctl device set $vr ttl-check on

# Stopped, it forwards nothing; started again, it does.
vnetctl device stop $vr
check_err "a stopped router forwards nothing" "." n 1 ping -c 1 -W 1 10.2.0.2
vnetctl device start $vr
check "started again, it forwards" busywait 5000 n 1 ping -c 1 -W 1 10.2.0.2

# Deleting a port takes its address, routes and neighbours with it: its
# connected and local routes, and h2, the one neighbour on it.
on_p2() { vnetctl -j "$1" show $vr | jq '[.[] | select(.port == "p2")] | length'; }
check_eq "before, p2 has 2 routes and 1 neighbour" "2 1" "$(on_p2 route) $(on_p2 neigh)"
vnetctl port del $vr p2
check_eq "p2's address is gone" "10.1.0.1 10.3.0.1 10.9.0.2" \
	"$(vnetctl -j addr show $vr | jq -r '[.[].address] | join(" ")')"
check_eq "no route out of p2 is left" "0" "$(on_p2 route)"
check_eq "no neighbour on p2 is left" "0" "$(on_p2 neigh)"
nr0=$(dev_stat $vr drop_no_route)
check_err "h1 cannot reach h2 any more: no route" "Destination Net Unreachable" \
	n 1 ping -c 1 -W 1 10.2.0.2
check_eq "drop_no_route counted that one" "$((nr0 + 1))" "$(dev_stat $vr drop_no_route)"
check "h1 still reaches h3" n 1 ping -c 1 -W 2 10.3.0.2
# The counters of a vrouter only: no switch or firewall ones.
check_eq "stats text: no switch or firewall counter on a vrouter" 0 \
	"$(vnetctl -d stats $vr | grep -cE 'flooded|fdb_full|drop_rule|drop_policy')"
check_eq "stats JSON: the router's drop_ttl, not the switch's flooded" "true false" \
	"$(vnetctl -j stats $vr | jq -r '.[0].stats | "\(has("drop_ttl")) \(has("flooded"))"')"
