#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# rmmod with devices up (in several namespaces, with a monitor listening)
# removes everything; the module loads again and works.
. "$(dirname "$0")/lib.sh"
require_module
plan 18
setup_ns r || exit 1

for k in vswitch vrouter vfirewall; do
	vnetctl device add r-$k type $k
	vnetctl device start r-$k
done
ip netns exec "$r" vnetctl device add r-ns type vswitch
ip netns exec "$r" vnetctl device start r-ns
ip addr add 198.51.100.1/24 dev r-vswitch
# Traffic through the switch while the module goes away.
add_host r1 r-vswitch rp1 198.51.100.11/24 || exit 1
add_host r2 r-vswitch rp2 198.51.100.12/24 || exit 1
on_exit "ip link del rp1; ip link del rp2"
ip netns exec "$r1" ping -c 1 -W 2 198.51.100.12 >/dev/null
check_eq "traffic flows before the unload" 0 $?
ip netns exec "$r1" ping -i 0.01 -W 1 198.51.100.12 >/dev/null 2>&1 &
flood=$!
on_exit "kill $flood"
mon=$(mktemp)
vnetctl monitor > "$mon" 2>&1 &
m=$!
on_exit "kill $m; rm -f $mon"
sleep 0.5

# What the unload must take away is there, read as it is read after it.
check_eq "before the unload: the endpoint is the switch's" "r-vswitch" \
	"$(ip -j link show rp1 | jq -r '.[0].master // empty')"
check_eq "before the unload: its three devices, and one in another namespace" "3 1" \
	"$(ip -o link show | grep -cE ': r-(vswitch|vrouter|vfirewall):') $(ip -n "$r" -o link show | grep -c ': r-ns:')"
check "before the unload: the monitor runs" kill -0 "$m"
check "rmmod with devices up and traffic flowing" rmmod vnet
kill $flood 2>/dev/null
check_eq "the endpoints are released" "" \
	"$(ip -j link show rp1 | jq -r '.[0].master // empty')"
check_eq "module gone" 1 "$([ -d /sys/module/vnet ]; echo $?)"
check_eq "its devices are gone" "" "$(ip -o link show | grep -E ': r-(vswitch|vrouter|vfirewall):')"
check_eq "devices in other namespaces are gone" "" \
	"$(ip -n "$r" -o link show | grep ': r-ns:')"
dels_ge() { [ "$(grep -c '^del device' "$mon")" -ge "$1" ]; }
busywait 5000 dels_ge 3
check_eq "the monitor was told of each deletion" 3 "$(grep -c '^del device' "$mon")"
gone() { ! kill -0 "$1" 2>/dev/null; }
busywait 5000 gone "$m"
check_eq "the monitor exits when the family goes away" 1 "$(kill -0 $m 2>/dev/null; echo $?)"

dmesg -C
check "insmod again" insmod "$VNET_KO"
# Built with its self-tests (make check-debug: VNET_SELFTEST=1), the module
# ran them at load, and would have refused to load had one failed.
if [ -n "${VNET_SELFTEST:-}" ]; then
	selftests_passed() {
		dmesg | grep -q 'vnet: selftest: lpm: ok' &&
			dmesg | grep -q 'vnet: selftest: policer: ok' &&
			dmesg | grep -q 'vnet: selftest: classify: ok' &&
			dmesg | grep -q 'vnet: selftest: conntrack: ok' &&
			dmesg | grep -q 'vnet: selftest: icmp: ok'
	}
	check "the module's self-tests passed at load" selftests_passed
else
	skip "the module's self-tests passed at load" "the module is built without them"
fi
check "works after reload" vnetctl device add r-again type vrouter
check_eq "no stale devices after reload" "r-again" "$(vnet_names)"
check "cleanup after reload" vnetctl device del r-again

# Creation racing the unload: a batch adds vfirewalls as fast as one
# socket can while rmmod deletes 200 vswitches after the vfirewalls. One
# added after its kind's link ops were unregistered is deleted by the
# pernet exit; none may outlive the module (the next look at it oopses).
race_names() { ip -o link show | grep -cE '^[0-9]+: race[0-9]+[:@]'; }
race_some() { [ "$(race_names)" -ge 20 ]; }
bout=$(mktemp)
on_exit rm -f "$bout"
survivors=0 rounds=0 during=0
for i in 1 2 3; do
	seq 200 | sed 's/.*/device add rsw& type vswitch/' | vnetctl -b - || break
	seq 100000 | sed 's/.*/device add race& type vfirewall/' | vnetctl -b - >"$bout" 2>&1 &
	adder=$!
	busywait 10000 race_some
	before=$(race_names)
	rmmod vnet || break
	wait $adder
	survivors=$((survivors + $(ip -o link show | grep -cE '^[0-9]+: r(ace|sw)[0-9]+[:@]')))
	# The batch stops at the first add the unload refused: its line.
	last=$(sed -n 's/^vnetctl: line \([0-9]*\):.*/\1/p' "$bout")
	during=$((during + ${last:-1} - 1 - before))
	insmod "$VNET_KO" || break
	rounds=$((rounds + 1))
done
echo "$during vfirewalls were added while rmmod ran" | diag
check_eq "3 unloads while a batch adds devices: none outlives the module" "3 0" \
	"$rounds $survivors"

cycles=0
for i in 1 2 3; do
	vnetctl device add c$i type vswitch && vnetctl device start c$i || break
	rmmod vnet && insmod "$VNET_KO" || break
	[ -z "$(vnet_names)" ] || break
	cycles=$((cycles + 1))
done
check_eq "three load/unload cycles with a device up, each leaving nothing" 3 "$cycles"
