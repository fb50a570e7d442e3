#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vnetctl -b FILE|-: one command per line on one netlink socket, comments
# and blank lines skipped, stop at the first error and name its line.
. "$(dirname "$0")/lib.sh"
require_module
plan 17
on_exit vnet_flush
f=$(mktemp)
on_exit "rm -f $f"

cat > "$f" <<'B'
# three devices, one command per line
device add b-sw type vswitch ageing 10

device add b-rt type vrouter   # trailing comment
device add "b-fw" type vfirewall policy 'drop'
device start b-sw
B
check "batch file" vnetctl -b "$f"
check_eq "batch created all three" "b-fw b-rt b-sw" "$(vnet_names | tr '\n' ' ' | sed 's/ $//')"
check_eq "quoted words" "drop" "$(jfield b-fw policy)"
check_eq "later lines see earlier ones" "up" "$(jfield b-sw state)"

printf 'device set b-sw ageing 11\ndevice add b-sw type vswitch\ndevice set b-sw ageing 12\n' > "$f"
check_err "stops at the first error and names the line" \
	"line 2: Error: a device with this name already exists" vnetctl -b "$f"
check_eq "lines before the error ran, none after" 11 "$(jfield b-sw ageing)"
vnetctl -b "$f" >/dev/null 2>&1
check_eq "a failed batch exits 1" 1 $?

printf 'device set b-sw ageing 13\ndevice add\n' > "$f"
check_err "usage error names its line" "line 2: .*missing NAME" vnetctl -b "$f"
# Lines run as they are read: the one before the usage error did.
check_eq "the line before the usage error ran" 13 "$(jfield b-sw ageing)"
printf 'device add "b-x type vswitch\n' > "$f"
check_err "unterminated quote" "line 1: unterminated quote" vnetctl -b "$f"

check "batch from stdin" bash -c "echo 'device set b-rt ttl-check off' | vnetctl -b -"
check_eq "stdin batch applied" "false" "$(jfield b-rt ttl-check)"
check "-j show in a batch" bash -c "echo 'device show b-rt' | vnetctl -j -b - | jq -e '.[0].name == \"b-rt\"'"

# 1000 lines on one socket: no process or socket per line.
for i in $(seq 1 1000); do echo "device set b-sw ageing $i"; done > "$f"
strace -f -qq -e trace=socket,execve,connect -o "$f.trace" vnetctl -b "$f"
check_eq "1000-line batch applied" 1000 "$(jfield b-sw ageing)"
check_eq "one netlink socket for 1000 lines" 1 "$(grep -c 'socket(AF_NETLINK' "$f.trace")"
check_eq "no process spawned per line" 1 "$(grep -c 'execve(' "$f.trace")"
rm -f "$f.trace"
check_err "missing batch file" "cannot open" vnetctl -b /nonexistent
