#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Policers: a network's token bucket that ports bind to. What a bound port
# receives over the rate is dropped and counted; iperf3 measures the rate
# that gets through (within 5% of the configured one). Several ports
# share one bucket; a policer in use cannot be deleted; bad rates and
# bursts are refused with nothing changed.
. "$(dirname "$0")/lib.sh"
require_module
plan 40
on_exit vnet_flush
on_exit vnetctl network del pn force
on_exit vnetctl network del po force
pol() { vnetctl -j resource show pn | jq -r ".[0].policers[] | select(.name == \"$1\") | .$2"; }
# What slow judged (packets, and bytes with the Ethernet header, as it
# counts them), and what pp1 received since it was bound (its rx_bytes
# start at the network header): the same frames, each judged once.
judged() {
	vnetctl -j resource show pn | jq -r '.[0].policers[] | select(.name == "slow") |
		"\(.passed_packets + .dropped_packets) \(.passed_bytes + .dropped_bytes)"'
}
received() {
	local p b
	p=$(($(port_stat pn-sw pp1 rx_packets) - rx0))
	b=$(($(port_stat pn-sw pp1 rx_bytes) - rxb0))
	echo "$p $((b + 14 * p))"
}
judged_all() { [ "$(judged)" = "$(received)" ]; }
dropped_alike() { [ "$(pol slow dropped_packets)" = "$(port_stat pn-sw pp1 drop_policer)" ]; }

vnetctl network add pn
vnetctl network add po
vnetctl device add pn-sw type vswitch network pn
vnetctl device add po-sw type vswitch network po
add_host h1 pn-sw pp1 10.40.0.1/24 || exit 1
add_host h2 pn-sw pp2 10.40.0.2/24 || exit 1
add_host h3 pn-sw pp3 10.40.0.3/24 || exit 1
on_exit 'for p in pp1 pp2 pp3; do ip link del $p; done'
vnetctl network start pn

check "resource add: a policer" vnetctl resource add pn slow rate 8mbit
check_eq "rate in bit/s as given, default burst a 50th of a second (at least 64 KiB)" \
	"8000000 65536" "$(pol slow rate) $(pol slow burst)"
check_eq "the text says the same rate" "rate 8mbit" \
	"$(vnetctl resource show pn | grep -o 'policer slow rate [^ ]*' | cut -d' ' -f3-)"
check "resource add with a burst" vnetctl resource add pn other rate 100mbit burst 64k
check_eq "the burst as given" "65536" "$(pol other burst)"
before=$(vnetctl -j resource show)
check_err "a rate of 0 is refused" "invalid rate" vnetctl resource add pn zero rate 0mbit
check_err "by the kernel too" "the rate must be from" \
	ynl --do policer-new --json '{"network": {"name": "pn"}, "policer": {"name": "zero", "rate": 0}}'
check_err "an absurd rate is refused" "the rate must be from" vnetctl resource add pn huge rate 1000gbit
check_err "a burst too small to pass a frame is refused" "the burst must be from" \
	vnetctl resource add pn tiny rate 1mbit burst 100
check_err "a policer needs a rate" "needs \"rate RATE\"" vnetctl resource add pn norate burst 64k
check_err "a duplicate name is refused" "already has a policer of this name" vnetctl resource add pn slow rate 1mbit
check_err "a policer named like a quota is refused" "is a quota" vnetctl resource add pn ports rate 1mbit
check_err "an unknown network is an error" "no such network" vnetctl resource add nosuch p rate 1mbit
check_eq "nothing changed" "$before" "$(vnetctl -j resource show)"

check_err "binding to an unknown policer fails" "no such policer in the device's network" \
	vnetctl port set pn-sw pp1 policer nosuch
vnetctl resource add po theirs rate 1mbit
vnetctl device add po-sw2 type vswitch network po
check_err "so does a policer of another network" "no such policer in the device's network" \
	vnetctl port set pn-sw pp1 policer theirs
# h1 is silent until iperf3 below (no IPv6, nothing to resolve yet).
rx0=$(port_stat pn-sw pp1 rx_packets)
rxb0=$(port_stat pn-sw pp1 rx_bytes)
check "port set ... policer" vnetctl port set pn-sw pp1 policer slow
check_eq "the port shows it" "slow" \
	"$(vnetctl -j port show pn-sw | jq -r '.[] | select(.name == "pp1") | .policer')"
check_eq "the policer counts its port" "1" "$(pol slow ports)"
check_err "a policer in use cannot be deleted" "ports are bound to the policer" vnetctl resource del pn slow

# Accuracy: UDP from h1 at five times the rate for 4 s; iperf3's receiver
# reports the payload rate that came through. The policer counts whole
# frames: 1200 bytes of payload are 1242 on the wire.
ip netns exec "$h2" iperf3 -s -1 -D -p 5201 --logfile /dev/null
busywait 5000 listening "$h2" tcp 5201
res=$(ip netns exec "$h1" iperf3 -c 10.40.0.2 -p 5201 -u -b 40M -l 1200 -t 4 -J 2>/dev/null)
got=$(jq -r '.end.sum_received.bits_per_second //
	(if .end.sum.packets then (.end.sum.packets - .end.sum.lost_packets) * 1200 * 8 / .end.sum.seconds else empty end)' <<<"$res")
want=$((8000000 * 1200 / 1242))
if debug_kernel; then
	# One emulated vCPU under KASAN sends about 5 Mbit/s: too little to
	# overrun the policer. The rate is measured on a real kernel.
	echo "policed rate ${got%.*} bit/s on a debug kernel" | diag
	skip "the rate that gets through is within 5% of the policer's" \
		"a debug kernel cannot send past the rate"
elif [ -n "$got" ]; then
	# In 10 runs on a loaded 2-core host: 7800742 to 7847161 bit/s, 0.9%
	# to 1.5% over (the burst is let through at once). 5% is three times
	# that, and far inside what a policer off by a refill would give.
	echo "policed rate ${got%.*} bit/s, expected $want (payload of 8mbit)" | diag
	check "the rate that gets through is within 5% of the policer's" \
		awk -v g="$got" -v w="$want" 'BEGIN { exit !(g > 0.95 * w && g < 1.05 * w) }'
else
	fail "the rate that gets through is within 5% of the policer's"
	echo "$res" | head -20 | diag
fi
# How many are dropped depends on timing: only that some are is known.
if debug_kernel; then
	skip "the excess was dropped and counted on the policer" \
		"a debug kernel cannot send past the rate"
else
	check "the excess was dropped and counted on the policer" test "$(pol slow dropped_packets)" -gt 0
fi
busywait 2000 dropped_alike
check_eq "and on the port, the same count" \
	"$(pol slow dropped_packets)" "$(port_stat pn-sw pp1 drop_policer)"
# The teardown of iperf3's connection may still be on its way.
busywait 3000 judged_all
check_eq "passed and dropped, the policer counted each frame pp1 received once" \
	"$(received)" "$(judged)"

check "a second port shares the bucket" vnetctl port set pn-sw pp3 policer slow
check_eq "the policer counts two ports" "2" "$(pol slow ports)"
check "resource set: a new rate" vnetctl resource set pn slow rate 16mbit
check "a rate of 80mbit" vnetctl resource set pn slow rate 80mbit
check_eq "takes effect, with its default burst" "80000000 200000" "$(pol slow rate) $(pol slow burst)"
check "h1 still reaches h2 under the policer" ip netns exec "$h1" ping -c 2 -W 2 10.40.0.2
check "policer none unbinds" sh -c "vnetctl port set pn-sw pp1 policer none && vnetctl port set pn-sw pp3 policer none"
check_eq "the policer has no port" "0" "$(pol slow ports)"
check "and can be deleted" vnetctl resource del pn slow
check_err "after which it is gone" "no such policer" vnetctl resource set pn slow rate 1mbit
vnetctl port set pn-sw pp2 policer other
check_err "a device whose port has a policer cannot change networks" \
	"uses a policer of its network" vnetctl device set pn-sw network po
check_eq "and stays" "pn" "$(jfield pn-sw network)"
vnetctl port set pn-sw pp2 policer none
check "unbound, the same move is taken" vnetctl device set pn-sw network po
check_eq "and the switch is in po" "po" "$(jfield pn-sw network)"

# A policer dump changed between its parts says so (NLM_F_DUMP_INTR):
# 1000 policers span several parts.
vnetctl network add pd
seq 1000 | sed 's/.*/resource add pd p& rate 1mbit/' | vnetctl -b -
pol_dump_between() { $YNL_RAW --dump-between "$1" policer-get network.name=pd | head -1; }
check_eq "1000 policers dumped in parts, nothing between: consistent" ok \
	"$(pol_dump_between true)"
check_eq "one deleted between the parts: flagged" "ok, interrupted" \
	"$(pol_dump_between "vnetctl resource del pd p1")"
vnetctl network del pd force
