#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The spec is the contract: the kernel's generic YNL client (cli.py, from
# linux-source-6.12, scripts/regen.sh --ynl) knows vnet only from
# Documentation/netlink/specs/vnet.yaml, validated against YNL's schema,
# and with it creates devices, is refused with the kernel's own message,
# decodes every dump the module makes, each answering what vnetctl reads
# from the same objects, and subscribed to "monitor" decodes what the
# module announces by the spec's notifications.
. "$(dirname "$0")/lib.sh"
require_module
plan 27
on_exit vnet_flush
spec=$TOP/Documentation/netlink/specs/vnet.yaml
ynl=${VNET_YNL:-}
if [ -z "$ynl" ] || [ ! -f "$ynl/cli.py" ]; then
	skip_rest "no YNL tools (VNET_YNL from scripts/regen.sh --ynl)" \
		"cli.py: the spec validates" "cli.py: dev-new" "cli.py: made what it asked" \
		"cli.py: a refusal" "cli.py: dev-get" \
		"cli.py: port-get" "cli.py: fdb-get" "cli.py: addr-get" "cli.py: route-get" \
		"cli.py: route lookup" "cli.py: neigh-get" "cli.py: rule-get" \
		"cli.py: conn-get" "cli.py: net-new" "cli.py: net-get" "cli.py: policer-get" \
		"cli.py: dev-del" "cli.py: gone" \
		"cli.py: subscribed" "cli.py: listened" "cli.py: dev-created" "cli.py: port-created" "cli.py: addr-added" \
		"cli.py: route-added" "cli.py: net-changed" "cli.py: port-deleted" \
		"cli.py: dev-deleted"
	exit 0
fi
schema=$(cd "$ynl/../../.." && pwd)/Documentation/netlink/genetlink-legacy.yaml
# The first check validates the spec against YNL's schema; the requests
# after it skip that (seconds of jsonschema per call in the guest), and go
# through the test's YNL server (lib.sh's ynl), cli.py's main() run on the
# same command line; the listener below is a client process of its own.
cli() { ynl --spec "$spec" --no-schema --output-json "$@"; }
# dumped OP JSON: the objects OP's dump returns, one compact JSON per line;
# fails if cli.py does.
dumped() {
	local out
	out=$(cli --dump "$1" --json "$2") || return 1
	jq -c '.[]' <<<"$out"
}

check "cli.py: the spec validates against YNL's schema and lists its ops" \
	bash -c "python3 '$ynl/cli.py' --spec '$spec' --schema '$schema' --list-ops | grep -q '^dev-new'"
check "cli.py: dev-new makes a vswitch with its ageing" \
	cli --do dev-new --json '{"ifname": "yn-sw", "kind": "vswitch", "params": {"ageing": 123}}'
check_eq "cli.py: vnetctl sees what it asked for" "vswitch 123" \
	"$(vnetctl -j device show yn-sw | jq -r '.[0] | "\(.type) \(.ageing)"')"
check_err "cli.py: a dev-new without a kind is refused with the kernel's message" \
	"the device kind is required" cli --do dev-new --json '{"ifname": "yn-x"}'
check_eq "cli.py: dev-get decodes the device, its parameters and counters" "yn-sw vswitch 123 0" \
	"$(cli --do dev-get --json '{"ifname": "yn-sw"}' |
		jq -r '"\(.ifname) \(.kind) \(.params.ageing) \(.stats["rx-packets"])"')"

# A device of each kind with something in every table, then each dump.
vnetctl device add yn-vr type vrouter
vnetctl device add yn-fw type vfirewall
for p in yn-a yn-b yn-c; do
	ip link add $p type dummy
	on_exit "ip link del $p"
	ip link set $p up
done
vnetctl port add yn-sw dev yn-a
vnetctl fdb add yn-sw 02:00:00:00:00:0a port yn-a
vnetctl port add yn-vr dev yn-b
vnetctl addr add yn-vr 10.61.0.1/24 port yn-b
vnetctl route add yn-vr 10.62.0.0/16 via 10.61.0.9
vnetctl neigh add yn-vr 10.61.0.9 lladdr 02:00:00:00:00:09 port yn-b
vnetctl port add yn-fw dev yn-c
vnetctl rule add yn-fw proto tcp dport 22 action drop
dev() { echo "{\"ifname\": \"$1\"}"; }
check_eq "cli.py: port-get dumps the vswitch's ports" \
	"$(vnetctl -j port show yn-sw | jq -r '.[].name' | sort | xargs)" \
	"$(dumped port-get "$(dev yn-sw)" | jq -r '.port.name' | sort | xargs)"
check_eq "cli.py: fdb-get dumps the static entry, with its port" "02:00:00:00:00:0a 1" \
	"$(dumped fdb-get "$(dev yn-sw)" | jq -r 'select(.fdb.static == 1) | "\(.fdb.mac) \(.fdb.port)"')"
check_eq "cli.py: addr-get dumps the address" "$(vnetctl -j addr show yn-vr | jq length)" \
	"$(dumped addr-get "$(dev yn-vr)" | wc -l)"
check_eq "cli.py: route-get dumps the routes, connected, local and static" \
	"$(vnetctl -j route show yn-vr | jq length)" "$(dumped route-get "$(dev yn-vr)" | wc -l)"
check_eq "cli.py: a route-get do finds the route a destination takes" "static 16" \
	"$(cli --do route-get --json '{"ifname": "yn-vr", "route": {"dst": 171835393}}' |
		jq -r '"\(.route.type) \(.route.prefixlen)"')"
check_eq "cli.py: neigh-get dumps the permanent neighbour" "permanent" \
	"$(dumped neigh-get "$(dev yn-vr)" | jq -r '.neigh.state')"
check_eq "cli.py: rule-get dumps the rule, its action and port" "drop 22" \
	"$(dumped rule-get "$(dev yn-fw)" | jq -r '"\(.rule[0].action) \(.rule[0]["dport-min"])"')"
check_eq "cli.py: conn-get dumps an empty table" "answered:" \
	"$(out=$(dumped conn-get "$(dev yn-fw)") && echo "answered:$out")"
check "cli.py: net-new makes a network with a quota" \
	cli --do net-new --json '{"network": {"name": "yn-net", "quota": {"ports": 7}}}'
on_exit "vnetctl network del yn-net force"
check_eq "cli.py: net-get decodes the network, its quota and u64 denials" "yn-net 7 0 0" \
	"$(dumped net-get '{}' | jq -r 'select(.network.name == "yn-net") |
		"\(.network.name) \(.network.quota.ports) \(.network.usage.ports) \(.network.denied.ports)"')"
vnetctl resource add yn-net yn-pol rate 8mbit
check_eq "cli.py: policer-get dumps the policer and its rate" "yn-pol 1000000" \
	"$(dumped policer-get '{"network": {"name": "yn-net"}}' | jq -r '"\(.policer.name) \(.policer.rate)"')"
check "cli.py: dev-del deletes" cli --do dev-del --json "$(dev yn-fw)"
check_err "cli.py: and the device is gone" "no such device" \
	vnetctl device show yn-fw

# Subscribed to "monitor", cli.py decodes what the module announces by
# the spec's notifications, each with its command's number and the
# object's report. It listens as a monitor does (--sleep), while vnetctl
# makes the changes: 6.12's cli.py with --subscribe and --do together
# fails once a notification comes before the request's ack.
ntfs=$(mktemp)
on_exit "rm -f $ntfs"
"$YNL" --spec "$spec" --no-schema --output-json --subscribe monitor --sleep 20 \
	> "$ntfs" 2>&1 &
listener=$!
# joined: one of the listener's sockets is a generic netlink one in a group.
joined() {
	local inodes pid
	inodes=$(for pid in "$listener" $(pgrep -P "$listener"); do
		find "/proc/$pid/fd" -lname 'socket:*' -printf '%l\n' 2>/dev/null
	done | tr -dc '0-9\n')
	[ -n "$inodes" ] &&
		awk '$2 == 16 && $4 != "00000000" { print $10 }' /proc/net/netlink |
		grep -qxF "$inodes"
}
# cli.py validates the spec against YNL's schema before it subscribes,
# which takes seconds, more on a debug kernel: changes made before it has
# joined are never seen, so wait until it has.
check "cli.py: subscribed to monitor before the changes" busywait 120000 joined
ip link add yn-d type dummy
on_exit "ip link del yn-d"
vnetctl device add yn-nt type vrouter
vnetctl port add yn-nt dev yn-d
vnetctl addr add yn-nt 10.65.0.1/24 port yn-d
vnetctl route add yn-nt 10.66.0.0/16 via 10.65.0.9
vnetctl resource set yn-net ports 9
vnetctl port del yn-nt yn-d
vnetctl device del yn-nt
if kill -0 "$listener" 2>/dev/null; then changed=in-time; else changed=late; fi
wait "$listener"
# got NAME JQ: JQ of the first notification called NAME.
got() { tail -n 1 "$ntfs" | jq -r "[.[] | select(.name == \"$1\")][0] | $2"; }
check_eq "cli.py: the changes were made while it listened" "in-time" "$changed"
check_eq "cli.py: dev-created, with the device" "yn-nt vrouter" \
	"$(got dev-created '"\(.msg.ifname) \(.msg.kind)"')"
check_eq "cli.py: port-created, with the port and its lower device" "yn-nt yn-d yn-d" \
	"$(got port-created '"\(.msg.ifname) \(.msg.port.name) \(.msg.port["lower-ifname"])"')"
check_eq "cli.py: addr-added, with the address and its port" "yn-nt 10.65.0.1 24 yn-d" \
	"$(got addr-added '"\(.msg.ifname) \(.msg.addr.address) \(.msg.addr.prefixlen) \(.msg.addr["port-name"])"')"
check_eq "cli.py: route-added, the static route with its gateway" "10.66.0.0 16 10.65.0.9" \
	"$(tail -n 1 "$ntfs" | jq -r '[.[] | select(.name == "route-added" and .msg.route.type == "static")][0] |
		"\(.msg.route.dst) \(.msg.route.prefixlen) \(.msg.route.gateway)"')"
check_eq "cli.py: net-changed, with the new quota" "yn-net 9" \
	"$(got net-changed '"\(.msg.network.name) \(.msg.network.quota.ports)"')"
check_eq "cli.py: port-deleted" "yn-nt yn-d" \
	"$(got port-deleted '"\(.msg.ifname) \(.msg.port.name)"')"
check_eq "cli.py: dev-deleted, with no counters" "yn-nt null" \
	"$(got dev-deleted '"\(.msg.ifname) \(.msg.stats)"')"
