#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# What the vswitch's own netdev asks for, it gets: a macvlan on it, or a
# Linux bridge it is a port of, receives unicast for other addresses (the
# core makes the device promiscuous for them, as for a bridge), and so does
# "promisc on"; without those, unicast between ports stays off the host.
#
#   h1 -- u1 [up-sw] u2 -- h2
#              |  \___ mv0 (macvlan, in m1)
#              up-br -- b3 -- h3
. "$(dirname "$0")/lib.sh"
require_module
plan 10
sw=up-sw
on_exit ip link del up-br
on_exit vnet_flush
add_device $sw vswitch
add_host h1 $sw u1 10.22.0.1/24 || exit 1
add_host h2 $sw u2 10.22.0.2/24 || exit 1
host_rx() { ip -s -j link show $sw | jq -r '.[0].stats64.rx.packets'; }
promiscuity() { ip -d -j link show $sw | jq -r '.[0].promiscuity'; }
ping1() { ip netns exec "$h1" ping -c 1 -W 2 "$1" >/dev/null; }

# Control: with nothing asking, unicast between ports is not copied up.
check "control: h1 reaches h2" ping1 10.22.0.2
u0=$(host_rx)
ip netns exec "$h1" ping -c 5 -i 0.2 -W 2 10.22.0.2 >/dev/null
check_eq "and none of its unicast went up to the host" 0 $(($(host_rx) - u0))

check "promisc on is taken" ip link set $sw promisc on
u0=$(host_rx)
ip netns exec "$h1" ping -c 5 -i 0.2 -W 2 10.22.0.2 >/dev/null
check "then a copy of unicast between ports goes up" [ $(($(host_rx) - u0)) -ge 10 ]
ip link set $sw promisc off

# A macvlan on the switch: its address is a secondary unicast address.
setup_ns m1
ip link add mv0 link $sw type macvlan mode bridge
ip link set mv0 netns "$m1"
ip -n "$m1" addr add 10.22.0.3/24 dev mv0
ip -n "$m1" link set mv0 up
check_eq "the macvlan made the switch promiscuous" 1 "$(promiscuity)"
check "h1 reaches the macvlan behind the switch" ping1 10.22.0.3
ip -n "$m1" link del mv0
check_eq "and its removal undoes that" 0 "$(promiscuity)"

# The switch as a port of a Linux bridge, with h3 on another port.
ip link add up-br type bridge
setup_ns h3
ip link add b3 type veth peer name eth0 netns "$h3"
ip -n "$h3" addr add 10.22.0.4/24 dev eth0
ip -n "$h3" link set eth0 up
ip link set b3 master up-br up
check "the switch joins a bridge" ip link set $sw master up-br
ip link set up-br up
check "h1 reaches h3 across the bridge" ping1 10.22.0.4
check "and h3 reaches h2" ip netns exec "$h3" ping -c 1 -W 2 10.22.0.2
