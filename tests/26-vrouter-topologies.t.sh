#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Two vrouters in series, linked by a veth pair whose ends are their ports,
# with static routes to each other's subnets; over IPv6 through each
# other's link-local addresses, the link between them having no other.
#
#   h1 10.1.0.2 -- p1 [r1] l1 10.12.0.1/30 ==== l2 10.12.0.2/30 [r2] p2 -- h2 10.2.0.2
#   h3 2001:db8:1::2 -- p3          (link-local)              p4 -- h4 2001:db8:2::2
. "$(dirname "$0")/lib.sh"
require_module
plan 25
on_exit vnet_flush
on_exit ip link del l1
vnetctl device add r1 type vrouter
vnetctl device add r2 type vrouter
vnetctl device start r1
vnetctl device start r2
add_router_host h1 r1 p1 10.1.0.2/24 10.1.0.1 || exit 1
add_router_host h2 r2 p2 10.2.0.2/24 10.2.0.1 || exit 1
ip link add l1 type veth peer name l2
ip link set l1 up
ip link set l2 up
vnetctl port add r1 dev l1
vnetctl port add r2 dev l2
vnetctl addr add r1 10.12.0.1/30 port l1
vnetctl addr add r2 10.12.0.2/30 port l2
r1_neigh_is() {
	[ "$(vnetctl -j neigh show r1 | jq -r ".[] | select(.address == \"$1\") | .state")" = "$2" ]
}

nr0=$(dev_stat r1 drop_no_route)
check_err "without routes h1 cannot reach h2" "Net Unreachable" \
	ip netns exec "$h1" ping -c 1 -W 1 10.2.0.2
check_eq "r1 counted its one echo request as drop_no_route" "$((nr0 + 1))" "$(dev_stat r1 drop_no_route)"
check "r1 routes 10.2.0.0/24 via r2" vnetctl route add r1 10.2.0.0/24 via 10.12.0.2
check "r2 routes everything else via r1 (default)" vnetctl route add r2 default via 10.12.0.1
check "h1 pings h2 through both routers" ip netns exec "$h1" ping -c 3 -W 2 10.2.0.2
check_eq "the reply crossed two hops: TTL 62" "62" \
	"$(ip netns exec "$h1" ping -c 1 -W 2 10.2.0.2 | sed -n 's/.*ttl=\([0-9]*\).*/\1/p')"
out=$(ip netns exec "$h1" traceroute -n -q 1 -w 2 -m 4 10.2.0.2 2>&1)
check_eq "traceroute: r1, r2, h2" "10.1.0.1 10.12.0.2 10.2.0.2" \
	"$(awk '$1 ~ /^[0-9]+$/ { printf "%s%s", sep, $2; sep=" " }' <<<"$out")"
check_eq "r2 shows its default route" "default via 10.12.0.1 port l2 static" \
	"$(vnetctl route show r2 | grep ^default)"
check "h2 pings r1's far address" ip netns exec "$h2" ping -c 1 -W 2 10.1.0.1
# A TCP stream crosses both routers intact (GSO packets included).
data=$(head -c 300000 /dev/urandom | base64 -w0)
# stream FROM_NS TO_NS ADDR: send $data over TCP from FROM_NS to ADDR:5001
# in TO_NS (IPv4 or IPv6) and print the MD5 of what arrived.
stream() {
	local out=/tmp/tcp-recv.$$ rx
	ip netns exec "$2" timeout 60 python3 -c '
import socket, sys
a = sys.argv[1]
s = socket.socket(socket.AF_INET6 if ":" in a else socket.AF_INET)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((a, 5001)); s.listen(1); c, _ = s.accept(); buf = b""
while True:
    d = c.recv(65536)
    if not d: break
    buf += d
sys.stdout.write(buf.decode())
' "$3" > "$out" &
	rx=$!
	busywait 30000 listening "$2" tcp 5001
	ip netns exec "$1" timeout 60 python3 -c '
import socket, sys
s = socket.create_connection((sys.argv[1], 5001)); s.sendall(sys.stdin.read().encode()); s.close()
' "$3" <<<"$data"
	wait $rx
	md5sum < "$out"
	rm -f "$out"
}
check_eq "a 400 kB TCP stream crosses both routers intact" "$(md5sum <<<"$data")" \
	"$(stream "$h1" "$h2" 10.2.0.2)"

check "deleting r1's static route" vnetctl route del r1 10.2.0.0/24
nr0=$(dev_stat r1 drop_no_route)
check_err "then h2 is unreachable again" "Net Unreachable" \
	ip netns exec "$h1" ping -c 1 -W 1 10.2.0.2
check_eq "r1 counted it as drop_no_route" "$((nr0 + 1))" "$(dev_stat r1 drop_no_route)"
check "r1 routes it straight out of l1 (on-link)" vnetctl route add r1 10.2.0.0/24 port l1
# r1 asks on l1 afresh: r2 answers for its own address there (the road
# open), not for h2's.
vnetctl neigh flush r1
check "on-link, r2 answers r1's ARP for 10.12.0.2, its own: h1 pings it" \
	ip netns exec "$h1" ping -c 1 -W 2 10.12.0.2
nf0=$(port_stat r1 l1 drop_neigh_failed)
check_err "on-link, r1 ARPs for h2 on l1 and r2 does not answer for it" "." \
	ip netns exec "$h1" ping -c 1 -W 2 10.2.0.2
check "r1's neighbour 10.2.0.2 fails after its three requests" busywait 5000 r1_neigh_is 10.2.0.2 failed
check_eq "the one echo request that waited for it is dropped, counted on l1" \
	"$((nf0 + 1))" "$(port_stat r1 l1 drop_neigh_failed)"

# IPv6: each router routes to the other through its link-local address on
# the link between them, which has no other.
add_router_host h3 r1 p3 2001:db8:1::2/64 2001:db8:1::1 || exit 1
add_router_host h4 r2 p4 2001:db8:2::2/64 2001:db8:2::1 || exit 1
l1_ll=$(ll_of "$(ip -j link show l1 | jq -r '.[0].address')")
l2_ll=$(ll_of "$(ip -j link show l2 | jq -r '.[0].address')")
check "r1 routes 2001:db8:2::/64 via r2's link-local $l2_ll port l1" \
	vnetctl route add r1 2001:db8:2::/64 via "$l2_ll" port l1
check "r2 routes everything else via r1's link-local (::/0)" \
	vnetctl route add r2 ::/0 via "$l1_ll" port l2
check "h3 pings h4 through both routers" ip netns exec "$h3" ping -c 3 -W 2 2001:db8:2::2
check_eq "the reply crossed two hops: hop limit 62" "62" \
	"$(ip netns exec "$h3" ping -c 1 -W 2 2001:db8:2::2 | sed -n 's/.*ttl=\([0-9]*\).*/\1/p')"
# r2 answers from an address of its own: it has none on l2 but the
# link-local one, which is not for h3; so its other, 2001:db8:2::1.
out=$(ip netns exec "$h3" traceroute -6 -n -q 1 -w 2 -m 4 2001:db8:2::2 2>&1)
check_eq "traceroute: r1, r2, h4" "2001:db8:1::1 2001:db8:2::1 2001:db8:2::2" \
	"$(awk '$1 ~ /^[0-9]+$/ { printf "%s%s", sep, $2; sep=" " }' <<<"$out")"
check_eq "r1 resolved r2's link-local address on l1" "l1 reachable" \
	"$(vnetctl -j neigh show r1 | jq -r ".[] | select(.address == \"$l2_ll\") | \"\(.port) \(.state)\"")"
# A TCP stream over IPv6 crosses both (GSO packets included).
check_eq "a 400 kB TCP stream over IPv6 crosses both routers intact" "$(md5sum <<<"$data")" \
	"$(stream "$h3" "$h4" 2001:db8:2::2)"
