#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Connection tracking under abuse. (a) New connections are confirmed while
# flushes run back to back: a flush meeting a connection between its two
# hash inserts must neither free it under the insert nor free it twice.
# (b) Deleting a vfirewall with thousands of connections, and a dump of
# them open, frees each connection once and gives its quota back, and
# the open dump ends with ENODEV instead of reading a freed table.
# (c) Connections and rules are other users' traffic: only CAP_NET_ADMIN
# over the namespace reads them (as ctnetlink and nftables); device show
# stays open. (d) A connection dump resumes from a cursor across many
# messages: each connection exactly once.
#
#   h1 10.0.0.1 -- p1 [cs-fw, network ct38] p2 -- h2 10.0.0.2 (udp-echo 53)
#
# On the debug kernel KASAN reports the race of (a) and kmemleak the
# leak of (b); the harness fails the run on either.
. "$(dirname "$0")/lib.sh"
require_module
plan 31
on_exit vnet_flush
on_exit vnetctl network del ct38 force
fw=cs-fw
net=ct38
S=$TESTS_DIR/sockets.py
tmp=$(mktemp -d)
on_exit rm -rf "$tmp"
vnetctl network add $net
vnetctl device add $fw type vfirewall network $net udp-timeout 3600 \
	udp-stream-timeout 3600
vnetctl device start $fw
sysctl -q -w net.ipv6.conf.$fw.disable_ipv6=1
add_host h1 $fw p1 10.0.0.1/24 || exit 1
add_host h2 $fw p2 10.0.0.2/24 || exit 1
n1() { ip netns exec "$h1" "$@"; }
used() { vnetctl -j resource show $net | jq -r '.[0].quotas.conns.used'; }
conns() { vnetctl -j conn show $fw; }
ip netns exec "$h2" timeout 600 "$S" udp-echo 53 &
echo2=$!
on_exit kill $echo2
busywait 10000 listening "$h2" udp 53

# (a) Confirm against flush.
check_eq "a first flow passes and is counted in the quota" "ping 1" \
	"$(n1 "$S" udp-ask 10.0.0.2 53 3 40000) $(used)"
race_s=12
stop=$tmp/stop
new0=$(dev_stat $fw conn_new)
# A new UDP flow per datagram, from h1's CPU: the source port walks the
# whole range, which the flushes keep making new again.
n1 timeout $((race_s + 60)) python3 - "$race_s" >"$tmp/sent" <<'PY' &
import socket
import struct
import sys
import time

s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_UDP)
end = time.monotonic() + float(sys.argv[1])
sent, sport = 0, 1024
while time.monotonic() < end:
    for _ in range(256):
        sport = sport + 1 if sport < 65535 else 1024
        try:
            s.sendto(struct.pack("!HHHH", sport, 9, 9, 0) + b"x",
                     ("10.0.0.2", 0))
            sent += 1
        except OSError:
            pass
print(sent)
PY
sender=$!
# Flushes back to back from one process, and now and then a dump walking
# the table as it churns (a resize may flag it interrupted: only its
# safety counts here).
(
	n=0
	while [ ! -e "$stop" ]; do
		for _ in 1 2 3 4 5 6 7 8 9 10; do echo "conn flush $fw"; done |
			vnetctl -b - || exit 1
		vnetctl -j conn show $fw >/dev/null 2>&1
		n=$((n + 10))
	done
	echo $n
) >"$tmp/flushes" &
flusher=$!
wait $sender
touch "$stop"
wait $flusher
check_eq "every flush during the race succeeded" 0 $?
sent=$(cat "$tmp/sent")
flushes=$(cat "$tmp/flushes")
made=$(($(dev_stat $fw conn_new) - new0))
# The load, not a result: the race needs many confirms against many flushes.
check "the race ran: $sent datagrams, $flushes flushes, $made connections made" \
	test "${sent:-0}" -gt 1000 -a "${flushes:-0}" -gt 0 -a "$made" -gt 1000
flushed_empty() { vnetctl conn flush $fw && [ "$(vnetctl -j conn show $fw | jq length)" = 0 ]; }
check "after it a flush empties the table" busywait 10000 flushed_empty
check_eq "and every connection's quota came back" 0 "$(used)"
check_eq "a fresh flow passes" ping "$(n1 "$S" udp-ask 10.0.0.2 53 3 40001)"
check_eq "and is the one connection listed, replied" \
	"1 udp 10.0.0.1 40001 10.0.0.2 53 true" \
	"$(conns | jq -r '"\(length) \(.[0] | "\(.proto) \(.src) \(.sport) \(.dst) \(.dport) \(.replied)")"')"
check_eq "and the one in the quota" 1 "$(used)"

# (c) Reads need CAP_NET_ADMIN over the namespace.
vnetctl rule add $fw proto icmp action accept
check_eq "as root rule show lists the rule" "1: proto icmp action accept" \
	"$(vnetctl rule show $fw | sed 's/  #.*//')"
check_eq "as root conn show lists the connection" "udp 40001" \
	"$(conns | jq -r '.[] | "\(.proto) \(.sport)"')"
if unpriv true 2>/dev/null; then
	check_err "conn show without CAP_NET_ADMIN is refused" "Operation not permitted" \
		unpriv vnetctl conn show $fw
	check_err "rule show without CAP_NET_ADMIN is refused" "Operation not permitted" \
		unpriv vnetctl rule show $fw
	check_err "a raw CONN_GET dump without it too" "error -1:" \
		unpriv "$YNL" --dump conn-get --json "{\"ifname\": \"$fw\"}"
	check_err "a raw RULE_GET dump without it too" "error -1:" \
		unpriv "$YNL" --dump rule-get --json "{\"ifname\": \"$fw\"}"
	check_eq "device show without CAP_NET_ADMIN still works" "$fw" \
		"$(unpriv vnetctl -j device show $fw | jq -r '.[0].name')"
	check "a raw DEV_GET dump without it still works" unpriv "$YNL" --dump dev-get
else
	skip_rest "setpriv cannot drop CAP_NET_ADMIN here" \
		"conn show without CAP_NET_ADMIN is refused" \
		"rule show without CAP_NET_ADMIN is refused" \
		"a raw CONN_GET dump without it too" \
		"a raw RULE_GET dump without it too" \
		"device show without CAP_NET_ADMIN still works" \
		"a raw DEV_GET dump without it still works"
fi
bin=$(mktemp -d)
on_exit rm -rf "$bin"
cp "$TOP/userspace/vnetctl/vnetctl" "$bin/"
chmod 755 "$bin" "$bin/vnetctl"
as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"; }
if as_nobody unshare -r -n true 2>/dev/null; then
	check_err "nobody in a user namespace of its own: conn show of the initial namespace's vfirewall is refused" \
		"Operation not permitted" as_nobody unshare -r "$bin/vnetctl" conn show $fw
	check_err "and rule show" "Operation not permitted" \
		as_nobody unshare -r "$bin/vnetctl" rule show $fw
	check_eq "while device show works there" "$fw" \
		"$(as_nobody unshare -r "$bin/vnetctl" -j device show $fw | jq -r '.[0].name')"
	check_eq "in a network namespace of its own it reads its own vfirewall's rules and connections" \
		"1 0" "$(as_nobody unshare -r -n sh -c "
		$bin/vnetctl device add u-fw type vfirewall &&
		$bin/vnetctl rule add u-fw proto icmp action accept &&
		r=\$($bin/vnetctl -j rule show u-fw | jq length) &&
		c=\$($bin/vnetctl -j conn show u-fw | jq length) &&
		$bin/vnetctl device del u-fw && echo \"\$r \$c\"" 2>&1)"
else
	skip_rest "unprivileged user namespaces are disabled here" \
		"nobody in a user namespace of its own: conn show of the initial namespace's vfirewall is refused" \
		"and rule show" \
		"while device show works there" \
		"in a network namespace of its own it reads its own vfirewall's rules and connections"
fi

# (d) A dump from a cursor: many messages, each connection once.
N=$(scaled 5000)
vnetctl conn flush $fw
check_eq "the table is empty before the flows" "0 0" "$(conns | jq length) $(used)"
new0=$(dev_stat $fw conn_new)
n1 "$S" udp-flows 10.0.0.2 53 "$N"
conns_used_is() { [ "$(vnetctl -j resource show $net | jq -r '.[0].quotas.conns.used')" = "$1" ]; }
check "all $N flows are tracked" busywait 20000 conns_used_is "$N"
check_eq "one new connection per flow" "$N" $(($(dev_stat $fw conn_new) - new0))
# A dump the table's last resize interrupted says so and is run again.
dump_to() { vnetctl -j conn show $fw >"$1"; }
check "the dump of $N connections (far more than one message holds)" \
	busywait 10000 dump_to "$tmp/conns.json"
check_eq "lists each of the $N flows exactly once" \
	"$N $N 20000 $((20000 + N - 1)) $N" \
	"$(jq -r '"\(length) \([.[] | "\(.src):\(.sport)>\(.dst):\(.dport)"] | unique | length) \([.[].sport] | min) \([.[].sport] | max) \([.[] | select(.proto == "udp" and .src == "10.0.0.1" and .dst == "10.0.0.2" and .dport == 53)] | length)"' "$tmp/conns.json")"
check_eq "the plain listing has one line per connection" "$N" \
	"$(vnetctl conn show $fw | wc -l)"

# (b) Teardown with the connections in the table and a dump of them open:
# read its first part, wait while the device is deleted, read the rest.
ready=$tmp/ready
go=$tmp/go
python3 - $fw "$ready" "$go" "$TESTS_DIR" >"$tmp/partial" <<'PY' &
import os
import struct
import sys
import time

dev, ready, go, tests = sys.argv[1:5]
sys.path.insert(0, tests)
import ynl_raw  # noqa: E402

family = ynl_raw.Genl().resolve("vnet")
g = ynl_raw.Genl()    # a socket of its own: small parts of the dump
body = struct.pack("=BBH", ynl_raw.CMDS["conn-get"], 1, 0) + \
    ynl_raw.nla(ynl_raw.ATTRS["ifname"], dev.encode() + b"\0")
g.sk.send(struct.pack("=IHHII", 16 + len(body), family,
                      ynl_raw.NLM_F_REQUEST | ynl_raw.NLM_F_DUMP, 1, 0) + body)


def part():
    """One datagram: its messages, and the dump's end errno (or None)."""
    data, n, off = g.sk.recv(8192), 0, 0
    while off + 16 <= len(data):
        length, mtype = struct.unpack_from("=IH", data, off)
        if mtype in (ynl_raw.NLMSG_DONE, ynl_raw.NLMSG_ERROR):
            return n, struct.unpack_from("=i", data, off + 16)[0]
        n += 1
        off += (length + 3) & ~3
    return n, None


first, end = part()
open(ready, "w").close()
deadline = time.monotonic() + 60
while not os.path.exists(go) and time.monotonic() < deadline:
    time.sleep(0.05)
rest = 0
while end is None:
    n, end = part()
    rest += n
print(first, rest, end)
PY
reader=$!
exists() { [ -e "$1" ]; }
busywait 20000 exists "$ready"
check "the vfirewall is deleted with $N connections and a dump of them open" \
	timeout 30 vnetctl device del $fw
touch "$go"
wait $reader
first='' rest='' end=''
read -r first rest end <"$tmp/partial"
check_eq "the open dump then ends with ENODEV" -19 "${end:-}"
check "having read part of the table, not all ($first + $rest of $N)" \
	test "${first:-0}" -gt 0 -a $((${first:-0} + ${rest:-0})) -lt "$N"
check_eq "every connection's quota came back" 0 "$(used)"
check_eq "and the device is gone" "" "$(vnet_names | grep -x $fw)"
