#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Longest-prefix match against a reference: the same random table loaded
# into a vrouter and into a namespace's kernel FIB, the same destinations
# looked up in both; IPv4, then IPv6.
. "$(dirname "$0")/lib.sh"
require_module
plan 16
on_exit vnet_flush
vr=lpm-vr
setup_ns ref || exit 1
ip -n "$ref" link add dummy0 type dummy
ip -n "$ref" addr add 192.0.2.1/24 dev dummy0
ip -n "$ref" addr add 2001:db8:ffff::1/64 dev dummy0 nodad
ip -n "$ref" link set dummy0 up
vnetctl device add $vr type vrouter
ip link add ref type dummy
on_exit ip link del ref
ip link set ref up
vnetctl port add $vr dev ref
vnetctl addr add $vr 192.0.2.1/24 port ref
vnetctl addr add $vr 2001:db8:ffff::1/64 port ref

# Seed 1 stays below the size at which a table gets its directory (4096
# routes); seed 2 has one, and keeps it through deleting half the routes;
# seed 3 loses it by deleting all but a few hundred. Each case ends with
# every static route deleted from both tables. Each phase asks for 2000
# lookups less those lpm_reference.py leaves out (0/8, 127/8, multicast
# and up, 192.0.2.0/24), and fewer after seed 3's deletion (one at each of
# the 301 prefixes left): how many is fixed by the seed, the same on every
# CPython 3 (random.Random(SEED)'s choices).
lpm_case() { # [-6] SEED ROUTES [DELETE] WHAT LOOKUPS [WHAT LOOKUPS]
	local v6= seed out phase=0 agree total what want routes del
	[ "$1" = -6 ] && { v6=-6; shift; }
	seed=$1 routes=$2 del=$3
	shift 3
	out=$("$TESTS_DIR/lpm_reference.py" $v6 $vr "$ref" "$routes" 2000 "$seed" ${del:+"$del"} 2>&1)
	while [ $# -ge 2 ]; do
		what=$1 want=$2
		shift 2
		phase=$((phase + 1))
		read -r agree total <<<"$(grep -E '^[0-9]+ [0-9]+$' <<<"$out" | sed -n ${phase}p)"
		if [ "${total:-}" = "$want" ] && [ "$agree" = "$total" ]; then
			ok "${v6:+IPv6, }seed $seed, $what: all $total lookups agree with the kernel's FIB"
		else
			fail "${v6:+IPv6, }seed $seed, $what: of $want lookups, ${agree:-none} of ${total:-none} agree with the kernel's FIB"
			diag <<<"$out"
		fi
	done
	vnetctl -j route show $vr | jq -r '.[] | select(.type == "static") | "route del '$vr' \(.dst)"' |
		vnetctl -b - >/dev/null
	ip -n "$ref" route flush proto boot
	ip -n "$ref" -6 route flush proto boot
}
lpm_case 1 3000 "" "3000 routes" 1850
lpm_case 2 6000 3000 "6000 routes" 1867 "3000 of them deleted" 1848
lpm_case 3 6000 5700 "6000 routes" 1869 "5700 of them deleted" 1175
# IPv6: prefixes of 0 to 128 bits in 2000::/3, past the directory's
# threshold and back below it.
lpm_case -6 4 6000 5700 "6000 routes" 2000 "5700 of them deleted" 1299
check_eq "every static route deleted leaves the connected and local ones" \
	"192.0.2.0/24 connected|192.0.2.1/32 local|2001:db8:ffff::/64 connected|2001:db8:ffff::1/128 local" \
	"$(vnetctl -j route show $vr | jq -r '[.[] | "\(.dst) \(.type)"] | join("|")')"

# A table confined to 2001:db8::/32, past the directory's threshold: its
# directory indexes the bits after the /32, and an address outside takes
# the walk from the root, before and after 3000::/4 moves the fork up.
{ echo "route add $vr 2001:db8::/32 via 2001:db8:ffff::9"
  seq 0 4999 | awk -v vr=$vr '{ printf "route add %s 2001:db8:%x::/48 via 2001:db8:ffff::%d\n", vr, $1, 10 + $1 % 10 }'
} | vnetctl -b -
route6() { # route6 DST: the route DST takes, nothing if none
	vnetctl -j route get $vr "$1" 2>/dev/null | jq -r '.[0].dst'
}
lookups6() {
	echo "$(route6 2001:db8:1234::1) $(route6 2001:db8:8000::1) $(route6 3000::1) $(route6 2001:db9::1)"
}
check_eq "confined to 2001:db8::/32: the /48s and the /32 match, addresses outside none" \
	"2001:db8:1234::/48 2001:db8::/32  " "$(lookups6)"
vnetctl route add $vr 3000::/4 via 2001:db8:ffff::9
check_eq "with 3000::/4 beside them, 3000::1 takes it and the rest as before" \
	"2001:db8:1234::/48 2001:db8::/32 3000::/4 " "$(lookups6)"
vnetctl route del $vr 3000::/4
check_eq "without it again, 3000::1 has no route" \
	"2001:db8:1234::/48 2001:db8::/32  " "$(lookups6)"

# A nested chain: each lookup must pick the longest of /8 ... /32.
for pfx in 10.0.0.0/8 10.20.0.0/16 10.20.30.0/24 10.20.30.32/28 10.20.30.40/32; do
	vnetctl route add $vr $pfx via 192.0.2.${pfx##*/}
done
got=""
for d in 10.1.1.1 10.20.1.1 10.20.30.1 10.20.30.33 10.20.30.40; do
	got+="$(vnetctl -j route get $vr $d | jq -r '.[0].dst') "
done
check_eq "nested prefixes: each destination takes the longest" \
	"10.0.0.0/8 10.20.0.0/16 10.20.30.0/24 10.20.30.32/28 10.20.30.40/32 " "$got"
vnetctl route del $vr 10.20.30.0/24
check_eq "after deleting the /24, 10.20.30.1 falls back to the /16" "10.20.0.0/16" \
	"$(vnetctl -j route get $vr 10.20.30.1 | jq -r '.[0].dst')"
check_eq "and the /28 below it still matches" "10.20.30.32/28" \
	"$(vnetctl -j route get $vr 10.20.30.33 | jq -r '.[0].dst')"
check_err "with no default route, an unmatched lookup fails" "no route matches" \
	vnetctl route get $vr 11.0.0.1
vnetctl route add $vr default via 192.0.2.9
check_eq "with one, the same lookup takes it" "0.0.0.0/0 192.0.2.9" \
	"$(vnetctl -j route get $vr 11.0.0.1 | jq -r '.[0] | "\(.dst) \(.gateway)"')"
