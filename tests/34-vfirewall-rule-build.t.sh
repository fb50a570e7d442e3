#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A rule request builds its classifier outside RTNL: ip(8) goes on while
# thousands of rules build. Meanwhile a port change is not lost (the
# request is made again on the newer set, or refused if its port went),
# two requests take turns, and a device deleted under a request fails it
# cleanly.
#
#   h1 -- p1 [rb-fw] p2 -- h2, p3 -- h3, p4 -- h4 then p5 -- h5
. "$(dirname "$0")/lib.sh"
require_module
plan 16
params=/sys/module/vnet/parameters
fw=rb-fw
on_exit "echo 0 >$params/fw_build_delay_ms"
on_exit ip link del rb-d0
on_exit vnet_flush
add_device $fw vfirewall policy accept
add_host h1 $fw p1 10.34.0.1/24 || exit 1
add_host h2 $fw p2 10.34.0.2/24 || exit 1
add_host h3 $fw p3 10.34.0.3/24 || exit 1
out=$(mktemp)
big=$(mktemp)
on_exit rm -f "$out" "$big"
rules() { vnetctl -j rule show $fw | jq length; }
# building PID: whether the request of PID sleeps in its build.
building() { grep -q msleep "/proc/$1/stack" 2>/dev/null; }
ping_h2() { ip netns exec "$1" ping -c 1 -W 1 10.34.0.2 >/dev/null; }
no_ping_h2() { ! ping_h2 "$1"; }

# The module without the knob builds 5000 rules under RTNL, so ip(8)
# waits for the whole request: seen from ip's side, it never builds.
python3 -c '
for i in range(5000):
    print(f"src 10.{i >> 8 & 255}.{i & 255}.0/24 dst 10.99.{i & 255}.0/24"
          f" proto udp dport {i % 60000 + 1} action drop")' >"$big"
echo 3000 >$params/fw_build_delay_ms
vnetctl rule replace $fw "$big" >"$out" 2>&1 &
pid=$!
busywait 20000 building $pid
check "ip link add goes through while a 5000-rule replace builds" \
	ip link add rb-d0 type dummy
check "and the replace was still building then" building $pid
wait $pid
check_eq "the replace then succeeds" "0 " "$? $(cat "$out")"
check_eq "with its 5000 rules" 5000 "$(rules)"

# A port change during a build: p3's removal and return recompile the
# set, and the request's set, made before, must not undo that.
echo 0 >$params/fw_build_delay_ms
echo "in p3 action drop" | vnetctl rule replace $fw -
check "control: p3's rule drops h3's ping" no_ping_h2 "$h3"
vnetctl port del $fw p3
echo 2000 >$params/fw_build_delay_ms
vnetctl rule add $fw in p1 proto icmp action accept >"$out" 2>&1 &
pid=$!
busywait 20000 building $pid
vnetctl port add $fw dev p3
wait $pid
check_eq "a rule add built across p3's return succeeds" "0 " "$? $(cat "$out")"
check_eq "both rules are there" 2 "$(rules)"
check "h1 is accepted" ping_h2 "$h1"
p0=$(vnetctl -j rule show $fw | jq '.[0].packets')
ip netns exec "$h3" ping -c 1 -W 1 10.34.0.2 >/dev/null
check "and p3's rule holds again: it drops h3's ping" \
	[ "$(vnetctl -j rule show $fw | jq '.[0].packets')" -gt "$p0" ]

# Two requests at once take turns: neither is lost.
echo 1000 >$params/fw_build_delay_ms
vnetctl rule add $fw proto udp dport 1 action drop &
a=$!
vnetctl rule add $fw proto udp dport 2 action drop &
b=$!
wait $a
ra=$?
wait $b
check_eq "two concurrent rule adds both succeed" "0 0" "$ra $?"
check_eq "and both rules are there" 4 "$(rules)"

# A port the published set does not name goes and another comes, taking
# its index, while a rule naming the first builds: the rule must not be
# published for the newcomer.
echo 2000 >$params/fw_build_delay_ms
add_host h4 $fw p4 10.34.0.4/24 || exit 1
vnetctl rule add $fw in p4 action drop >"$out" 2>&1 &
pid=$!
busywait 20000 building $pid
vnetctl port del $fw p4
add_host h5 $fw p5 10.34.0.5/24 || exit 1
wait $pid
check_eq "a rule add naming a port deleted during its build fails" \
	"1 no such port" "$? $(grep -o 'no such port' "$out")"
check_eq "and adds nothing" 4 "$(rules)"
check "the port that came meanwhile is not judged by it: h5 is heard" ping_h2 "$h5"

# The device goes while a request builds.
vnetctl rule add $fw proto udp dport 3 action drop >"$out" 2>&1 &
pid=$!
busywait 20000 building $pid
check "the vfirewall is deleted under a rule request" vnetctl device del $fw
wait $pid
check_eq "the request fails, saying why" "1 the device was deleted" \
	"$? $(grep -o 'the device was deleted' "$out")"
