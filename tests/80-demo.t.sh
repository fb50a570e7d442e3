#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make demo's scenario, shortened, and the seed's example program: both
# must run to the end and behave as they say.
. "$(dirname "$0")/lib.sh"
require_module
plan 28
dir=$(mktemp -d)
on_exit rm -rf "$dir"

out=$(DEMO_OUT=$dir "$TOP/scripts/demo.sh" --short 2>&1)
rc=$?
check_eq "the demo runs to the end" "0" "$rc"
[ $rc = 0 ] || tail -40 <<<"$out" | diag
# Each refusal with what shows its road open: lan1 and lan2 reach srv
# (srv cannot ping them back), lan1's transfer to port 80 goes (not to 22),
# the drops are counted where they happen; lan2 over IPv6 as well.
for what in "lan1 reaches srv, one router hop" "lan2 reaches srv" \
	"srv cannot open anything" "lan1's transfer went through" \
	"lan2's went through, held under its policer" "lan1 cannot connect to srv:22" \
	"the firewall counted the drop" "lan1 cannot send as 10.1.0.99" \
	"counted on its port" "the picture shows the three patches" \
	"every device is down" "lan2 made an address in 2001:db8:1::/64" \
	"lan2 reaches srv over IPv6, one router hop" \
	"srv cannot open anything towards the LAN over IPv6"; do
	check "demo: $what" grep -q "\[ok\] $what" <<<"$out"
done
# What "every device is down" and the cleanup below find gone was there:
# the demo's "network show", before the stop, lists its four devices up.
check_eq "demo: while it ran, its network held its four devices, up" "4 4" \
	"$(sed -n 's/^network demo id [0-9]* state up.* devices \([0-9]*\) .*/\1/p' <<<"$out") $(grep -cE '^    device (sw-lan|fw|rt|sw-srv) [a-z]+ state up$' <<<"$out")"
check "the demo wrote the topology picture" test -s "$dir/topology.dot" -a -s "$dir/topology.svg"
check "and cleaned up after itself" test -z "$(vnetctl -j network show | jq -r '.[] | select(.name == "demo") | .name')"

seed=$TOP/userspace/examples/seed
out=$("$seed" --keep 2>&1)
check_eq "the seed example runs" "0" "$?"
check "it created, set and started the devices" grep -q "started vfirewall1" <<<"$out"
check_eq "they are in its network, up" "virtual_network1 up virtual_network1 up virtual_network1 up" \
	"$(for d in vswitch1 vrouter1 vfirewall1; do echo "$(jfield $d network) $(jfield $d state)"; done | xargs)"
check_eq "with the parameters it set" "600 true drop" \
	"$(jfield vswitch1 ageing) $(jfield vrouter1 ttl-check) $(jfield vfirewall1 policy)"
check_eq "the network has its description" "the seed's network" \
	"$(vnetctl -j network show virtual_network1 | jq -r '.[0].description')"
check_eq "the resource was allocated and set: 20mbit" "20000000" \
	"$(vnetctl -j resource show virtual_network1 | jq -r '.[0].policers[0].rate')"
check "and managed: its usage was read" grep -q "resource1: rate 20mbit" <<<"$out"
# Reading the usage stops a policer dump early: the get after it must
# answer with the network, not with the dump's leftover end.
check_eq "then the network read back whole" \
	"virtual_network1: id $(vnetctl -j network show virtual_network1 | jq -r '.[0].id') state up devices 3 policers 1" \
	"$(grep '^virtual_network1: id' <<<"$out")"
vnetctl network del virtual_network1 force
check "without --keep it cleans up after itself" "$seed"
check_err "leaving nothing behind" "no such network" vnetctl network show virtual_network1
