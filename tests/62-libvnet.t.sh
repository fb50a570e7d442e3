#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# libvnet and vnetctl never act on what was not meant: each request gets
# its own answer (not the rest of a dump stopped early), a port index that
# does not fit 32 bits is refused rather than cut, a port name of digits
# only is refused (it would read as an index), a MAC address is six
# groups of two hex digits, a rule index is digits, a batch line with a
# NUL byte is refused whole, a port takes any number of settings, and
# names of any bytes print as valid JSON, escaped text and valid Graphviz.
. "$(dirname "$0")/lib.sh"
require_module
plan 47
sw=lv-sw
rt=lv-rt
on_exit vnet_flush
add_device $sw vswitch
add_device $rt vrouter
add_wire $sw p1 lv-e1 || exit 1
add_wire $sw p2 lv-e2 || exit 1
add_wire $rt r1 lv-e3 || exit 1
TMPDIR_LV=$(mktemp -d)
on_exit rm -rf "$TMPDIR_LV"
ports() { vnetctl -j port show $sw | jq -r '[.[].name] | join(" ")'; }
fdb_macs() { vnetctl -j fdb show $sw | jq -r '[.[] | select(.static) | .mac] | join(" ")'; }

# Requests after a dump stopped early, on one context.
out=$("$TESTS_DIR/tools/libvnet_replies" $sw 2>&1)
for what in "a port dump stopped at its first port" \
	"then a device get answers with the device" \
	"after a stopped dump, deleting a missing device fails" \
	"after a get, deleting a missing device fails" \
	"after a stopped dump, a full dump has every port"; do
	if grep -qx "ok - $what" <<<"$out"; then
		ok "libvnet: $what"
	else
		fail "libvnet: $what"
		diag <<<"$out"
	fi
done

# Port indexes: 2^32 + 1 is not port 1.
idx1=$(vnetctl -j port show $sw | jq -r '.[] | select(.name == "p1") | .index')
check_err "port del with index 2^32 + $idx1 is refused" \
	"port index 42949672$((96 + idx1)) is out of range" \
	vnetctl port del $sw $((4294967296 + idx1))
check_err "and so is a port set with an 11-digit index" \
	"port index 99999999999 is out of range" \
	vnetctl port set $sw 99999999999 flood off
check_eq "no port was touched" "p1 p2" "$(ports)"
check_eq "and p1 floods still" true \
	"$(vnetctl -j port show $sw | jq -r '.[] | select(.name == "p1") | .flood')"
check "control: port set by index $idx1 works" vnetctl port set $sw "$idx1" flood off
check_eq "on p1" false \
	"$(vnetctl -j port show $sw | jq -r '.[] | select(.name == "p1") | .flood')"

# A port name of digits only would read as an index: refused at the kernel,
# however the port is added; a name given with it is taken.
ip link add 4242 type dummy
on_exit ip link del 4242
check_err "port add of a device named 4242 is refused, its name would read as an index" \
	"a port name of digits only would read as a port index" vnetctl port add $sw dev 4242
check_err "and so is ip link set 4242 master $sw" "digits only" ip link set 4242 master $sw
check_err "and a patch port named 7" "digits only" vnetctl port add $sw peer $rt name 7
check_eq "no port was added" "p1 p2" "$(ports)"
check "control: named d4242, the device is a port" vnetctl port add $sw dev 4242 name d4242
check "which is set by that name" vnetctl port set $sw d4242 flood off
check "and deleted by it" vnetctl port del $sw d4242
check_eq "leaving the two ports" "p1 p2" "$(ports)"

# MAC addresses: no signs, no 0x, no single digits.
check_err "fdb add refuses a MAC with a sign" 'invalid MAC address "aa:bb:cc:dd:ee:-f"' \
	vnetctl fdb add $sw aa:bb:cc:dd:ee:-f port p1
check_err "and one with 0x" 'invalid MAC address' \
	vnetctl fdb add $sw 0x:bb:cc:dd:ee:0f port p1
check_err "port set allow-mac refuses a sign" 'invalid MAC address' \
	vnetctl port set $sw p1 allow-mac aa:bb:cc:dd:ee:+f
check_err "neigh add lladdr refuses a space" 'invalid MAC address' \
	vnetctl neigh add $rt 10.62.0.2 lladdr "aa:bb:cc:dd:ee: f" port r1
check_eq "no entry was made" "" "$(fdb_macs)"
check "control: fdb add takes AA:bb:cc:dd:ee:0f" \
	vnetctl fdb add $sw AA:bb:cc:dd:ee:0f port p1
check_eq "as aa:bb:cc:dd:ee:0f" "aa:bb:cc:dd:ee:0f" "$(fdb_macs)"

# Rule indexes: digits only (strtoul takes blanks and signs, and wraps).
fw=lv-fw
add_device $fw vfirewall
vnetctl rule add $fw proto udp dport 1 action drop
for bad in " 1" "-18446744073709551615" "+1" "1x"; do
	check_err "rule del refuses the index \"$bad\"" "invalid rule index" \
		vnetctl rule del $fw "$bad"
done
check_eq "the rule is still there" 1 "$(vnetctl -j rule show $fw | jq length)"

# A batch line with a NUL byte would run cut short.
a0=$(jfield $sw ageing)
printf 'device set %s ageing 77\0 ageing 99\n' $sw >"$TMPDIR_LV/nul"
check_err "a batch line with a NUL byte is refused" "line 1: .*NUL byte" \
	vnetctl -b "$TMPDIR_LV/nul"
check_eq "and did not run" "$a0" "$(jfield $sw ageing)"
python3 -c 'print("device set lv-sw ageing 5 " + "#" * 70000)' >"$TMPDIR_LV/long"
check_err "so is a line past 64 KiB" "line 1: .*longer than 65536" \
	vnetctl -b "$TMPDIR_LV/long"

# Settings are taken in order, as many as given; the last one wins.
add_wire $sw p3 lv-e4 || true
vnetctl port del $sw p3
args=()
for i in $(seq 40); do args+=(flood off flood on); done
check "port add takes 80 settings" vnetctl port add $sw dev p3 "${args[@]}" learning off
check_eq "and the last of each holds" "true false" \
	"$(vnetctl -j port show $sw | jq -r '.[] | select(.name == "p3") | "\(.flood) \(.learning)"')"

# Names are any bytes but NUL: JSON stays valid, text shows \xNN for
# invalid UTF-8 and control bytes, Graphviz output stays parseable.
odd=$'lv-\xff'
check "a vswitch named lv-\\xff (invalid UTF-8) is made with ip" \
	ip link add "$odd" type vswitch
check "device show -j is valid JSON" bash -c 'vnetctl -j device show | jq -e . >/dev/null'
check_eq "naming it with \\xff escaped" 'lv-\xff' \
	"$(vnetctl -j device show | jq -r '.[].name' | grep '^lv-\\x')"
check "text output escapes it too" bash -c "vnetctl device show | grep -qF 'lv-\\xff'"
ip link del "$odd"	# vnet_flush, by JSON names, cannot name it
vnetctl network add lv-net description $'red\x1b[31m text'
on_exit vnetctl network del lv-net force
vnetctl device set $sw network lv-net
vnetctl port del $sw p3
check "a port named q\"\\x is added" vnetctl port add $sw dev p3 name 'q"\x'
check "network show escapes a control byte in the description" \
	bash -c "vnetctl network show lv-net | grep -qF 'red\\x1b[31m text'"
check "topology --dot is valid Graphviz with \" and \\ in names" \
	bash -c 'vnetctl topology lv-net --dot | dot -Tsvg >/dev/null'

# Text and JSON agree: topology speaks -j, the quota table has one name,
# and stats turns details on for itself only, not for the rest of a batch.
check_eq "topology -j lists the network's device and its ports" "$sw 3" \
	"$(vnetctl -j topology lv-net | jq -r '.[0].devices[0] | "\(.name) \(.ports | length)"')"
check_eq "network show -j and resource show -j both say quotas" "true true" \
	"$(vnetctl -j network show lv-net | jq '.[0] | has("quotas")') $(vnetctl -j resource show lv-net | jq '.[0] | has("quotas")')"
check_eq "in a batch, stats then device show: the show has no counters" "false" \
	"$(printf 'stats %s\ndevice show %s\n' $sw $sw | vnetctl -j -b - | sed -n 2p | jq '.[0] | has("stats")')"
vnetctl rule add $fw src 10.1.0.0/16 proto tcp dport 20-21 state new action accept
check_eq "rule show -j has each match as a field" "10.1.0.0/16 tcp 20 21 new accept" \
	"$(vnetctl -j rule show $fw | jq -r '.[1] | "\(.src) \(.proto) \(.dport_min) \(.dport_max) \(.state) \(.action)"')"
