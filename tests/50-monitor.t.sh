#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetctl monitor prints every device event as it happens, whichever path
# made it: vnetctl, ip(8), or the kernel deleting devices.
. "$(dirname "$0")/lib.sh"
require_module
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
check_eq "text: in order, one event per change" \
	"new:m-sw change:m-sw change:m-sw new:m-rt change:m-rt change:m-sw del:m-sw del:m-rt" \
	"$(awk '{ sub(":$", "", $4); printf "%s%s:%s", sep, $1, $4; sep = " " }' "$text")"

busywait 5000 bash -c "grep -q '\"m-rt\"' '$json' && [ \$(jq -s 'map(select(.event == \"del\")) | length' '$json') -ge 2 ]"
check_eq "json: every event arrives" 0 $?
check_eq "json: one valid object per line" "$(wc -l < "$json")" "$(jq -c . "$json" | wc -l)"
check_eq "json: new event carries the device" "vswitch" \
	"$(jq -r 'select(.event == "new" and .device.name == "m-sw") | .device.type' "$json")"
check_eq "json: change carries the new ageing" "42" \
	"$(jq -r 'select(.event == "change" and .device.name == "m-sw") | .device.ageing' "$json" | grep -m1 42)"

