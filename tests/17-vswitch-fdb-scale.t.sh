#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# 100k static forwarding entries (10k on a debug kernel), added in one
# batch and dumped completely (the dump resumes across many netlink
# messages).
. "$(dirname "$0")/lib.sh"
require_module
plan 12
on_exit vnet_flush
on_exit "ip link del sc0"
f=$(mktemp)
on_exit "rm -f $f"
vnetctl device add sc-sw type vswitch ageing 0
ip link add sc0 type dummy
vnetctl port add sc-sw dev sc0
N=$(scaled 100000)
python3 -c '
import sys
for i in range(int(sys.argv[1])):
    print("fdb add sc-sw 02:00:%02x:%02x:%02x:%02x port sc0" % (i >> 24 & 255, i >> 16 & 255, i >> 8 & 255, i & 255))
' "$N" > "$f"
check "$N static entries in one batch" vnetctl -b "$f"
check_eq "all $N dumped" "$N" "$(vnetctl -j fdb show sc-sw | jq length)"
check_eq "each exactly once" "$N" "$(vnetctl -j fdb show sc-sw | jq -r '.[].mac' | sort -u | wc -l)"
check_eq "the text dump agrees" "$N" "$(vnetctl fdb show sc-sw | grep -c ' static$')"
# A dump that resumes after an entry was removed between its parts may
# skip or repeat entries: it says so (NLM_F_DUMP_INTR). One after an add
# may not: entries are appended.
dump_between() { $YNL_RAW --dump-between "$1" fdb-get ifname=sc-sw | head -1; }
check_eq "a dump with nothing between its parts: consistent" ok "$(dump_between true)"
check_eq "one added between the parts: consistent" ok \
	"$(dump_between "vnetctl fdb add sc-sw 02:01:00:00:00:01 port sc0")"
check_eq "one deleted between the parts: flagged" "ok, interrupted" \
	"$(dump_between "vnetctl fdb del sc-sw 02:00:00:00:00:00")"
check "deleting the port drops its $N entries" vnetctl port del sc-sw sc0
check_eq "none left" 0 "$(vnetctl -j fdb show sc-sw | jq length)"
# Each part of a dump finds its device again by index and by the serial
# number the module gave it: a device deleted between the parts ends the
# dump with an error, even when another took its name and index (and the
# same entries), instead of going on in the other's table.
g=$(mktemp)
on_exit "rm -f $g"
vnetctl port add sc-sw dev sc0
head -3000 "$f" > "$g"
vnetctl -b "$g"
idx=$(cat /sys/class/net/sc-sw/ifindex)
check_eq "a dump's replies name the device" "sc-sw" \
	"$(ynl --dump fdb-get --json '{"ifname": "sc-sw"}' | jq -r '[.[].ifname] | unique | join(",")')"
check_eq "the device replaced under its name and index between the parts: an error" \
	"error -19: the device was deleted during the dump" \
	"$(dump_between "ip link del sc-sw && ip link add sc-sw index $idx type vswitch ageing 0 && vnetctl port add sc-sw dev sc0 && vnetctl -b $g")"
check_eq "the namesake has the index" "$idx" "$(cat /sys/class/net/sc-sw/ifindex)"
