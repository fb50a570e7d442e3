#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetctl monitor prints every device event as it happens, whichever path
# made it: vnetctl, ip(8), or the kernel deleting devices.
. "$(dirname "$0")/lib.sh"
require_module
plan 25
on_exit vnet_flush
text=$(mktemp)
json=$(mktemp)
vnetctl monitor > "$text" 2>&1 &
m1=$!
vnetctl -j monitor > "$json" 2>&1 &
m2=$!
on_exit "kill $m1 $m2; rm -f $text $json"
sleep 0.5

vnetctl device add m-sw type vswitch
vnetctl device set m-sw ageing 42
vnetctl device start m-sw
ip link add m-rt type vrouter
ip link set m-rt mtu 1400
vnetctl device del m-sw
ip link del m-rt

busywait 5000 grep -q 'del device .*m-rt' "$text"
check_eq "text: every event arrives" 0 $?
check "text: new from vnetctl" grep -q '^new device [0-9]*: m-sw: vswitch' "$text"
check "text: parameter change" grep -q '^change device .*m-sw.*ageing 42' "$text"
check "text: start" grep -q '^change device .*m-sw: vswitch state up' "$text"
check "text: new from ip" grep -q '^new device .*m-rt: vrouter' "$text"
check "text: mtu change from ip" grep -q '^change device .*m-rt.*mtu 1400' "$text"
check "text: del from vnetctl" grep -q '^del device .*m-sw' "$text"
check "text: del from ip" grep -q '^del device .*m-rt' "$text"
# Deleting a started device first takes it down: a change, then the del.
events="new:m-sw change:m-sw change:m-sw new:m-rt change:m-rt change:m-sw del:m-sw del:m-rt"
check_eq "text: in order, one event per change" "$events" \
	"$(awk '{ sub(":$", "", $4); printf "%s%s:%s", sep, $1, $4; sep = " " }' "$text")"

# The JSON monitor, the same events: waited for whole (a line still being
# written does not parse), then compared exactly.
json_events() { jq -r '"\(.event):\(.device.name)"' "$json" 2>/dev/null | xargs; }
json_complete() { [ "$(json_events)" = "$events" ]; }
busywait 5000 json_complete
check_eq "json: every event, in order, one per change" "$events" "$(json_events)"
check_eq "json: one valid object per line" "$(wc -l < "$json")" "$(jq -c . "$json" | wc -l)"
check_eq "json: new event carries the device" "vswitch" \
	"$(jq -r 'select(.event == "new" and .device.name == "m-sw") | .device.type' "$json")"
# The first change of m-sw is the ageing set (the order above).
check_eq "json: change carries the new ageing" "42" \
	"$(jq -s -r 'map(select(.event == "change" and .device.name == "m-sw"))[0].device.ageing' "$json")"


# A vrouter's addresses and routes are announced too, the implicit ones
# (connected, local, a port's going) included.
vnetctl device add m-vr type vrouter
ip link add m-p type dummy
on_exit "ip link del m-p"
ip link set m-p up
vnetctl port add m-vr dev m-p
# Only what follows: the monitors write on at their own offsets.
busywait 5000 grep -q '^new port .*m-p' "$text"
tl=$(wc -l <"$text")
jl=$(wc -l <"$json")
vnetctl addr add m-vr 10.40.0.1/24 port m-p
vnetctl route add m-vr 10.41.0.0/16 via 10.40.0.9
vnetctl route del m-vr 10.41.0.0/16
vnetctl port del m-vr m-p
busywait 5000 grep -q '^del port .*m-p' "$text"
# The JSON monitor may lag the text one: its port del is its last event.
json_port_del() {
	jq -e -s 'map(select(.object == "port" and .event == "del")) | length == 1' \
		"$json" >/dev/null 2>&1
}
busywait 5000 json_port_del
tail -n +$((tl + 1)) "$text" >"$text.vr"
tail -n +$((jl + 1)) "$json" >"$json.vr"
on_exit "rm -f $text.vr $json.vr"
text=$text.vr
json=$json.vr
check "text: new address" grep -q '^new address m-vr 10.40.0.1/24 port m-p' "$text"
check "text: its connected route" grep -q '^new route m-vr 10.40.0.0/24 port m-p connected' "$text"
check "text: its local route" grep -q '^new route m-vr 10.40.0.1/32 port m-p local' "$text"
check "text: a static route added" grep -q '^new route m-vr 10.41.0.0/16 via 10.40.0.9 port m-p static' "$text"
check "text: and deleted" grep -q '^del route m-vr 10.41.0.0/16 via 10.40.0.9' "$text"
check "text: the port's going deletes the address" \
	grep -q '^del address m-vr 10.40.0.1/24' "$text"
check "text: and its routes" grep -q '^del route m-vr 10.40.0.0/24 port m-p connected' "$text"
check_eq "json: the address event names the device" "m-vr 10.40.0.1" \
	"$(jq -r 'select(.object == "address" and .event == "new") | "\(.address.device) \(.address.address)"' "$json")"
check_eq "json: six route events" "6" \
	"$(jq -r 'select(.object == "route") | .event' "$json" | wc -l)"
vnetctl device del m-vr

# A monitor that falls behind loses events, says so, and goes on: stopped,
# it misses thousands of changes; resumed, it reports the loss and then
# the next event.
lost=$(mktemp)
on_exit "rm -f $lost"
vnetctl monitor >"$lost" 2>&1 &
m3=$!
on_exit "kill $m3"
vnetctl device add m-lost type vswitch
busywait 5000 grep -q '^new device .*m-lost' "$lost"
kill -STOP $m3
for i in $(seq 10 3009); do echo "device set m-lost ageing $i"; done | vnetctl -b -
kill -CONT $m3
# Resumed, it drains the queue the overflow left full: a change made
# before that is done may be lost too. So changes are made, one at a
# time, until one is printed; then the deletion must be.
printed() {	# printed AGEING: make the change, and find it printed
	vnetctl device set m-lost ageing "$1" &&
		busywait 1000 grep -q "^change device .*m-lost.*ageing $1\\b" "$lost"
}
for i in $(seq 5000 5030); do printed $i && break; done
vnetctl device del m-lost
busywait 10000 grep -q '^del device .*m-lost' "$lost"
check "an overflowed monitor reports lost events" grep -q '^lost events' "$lost"
check "and goes on: it prints the next event" grep -q '^del device .*m-lost' "$lost"
check "and still runs" kill -0 $m3
