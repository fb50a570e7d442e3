#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The bash completion (userspace/completion/vnetctl), driven as bash drives
# it (COMP_WORDS, COMP_CWORD, then COMPREPLY), on the host:
# - what it offers matches what the built vnetctl accepts: the objects of
#   "vnetctl -h" (its OBJECT := lines), each object's commands as vnetctl
#   lists them when given an unknown one ("...; expected add, del or
#   show"), and the parameters of each kind, of a port and of a rule from
#   the tables and usage lines "vnetctl -h" prints; so a grammar that grows
#   without the completion fails here;
# - a few positions offer what they should;
# - the names of devices, ports, networks and policers come from a stand-in
#   vnetctl on PATH that answers with the listings the unit tests hold
#   (tests/unit/vnetctl/*.txt, which the real printers must match): the
#   completion reads vnetctl's real output format;
# - with the module not loaded (or no vnetctl at all) it offers no names
#   and prints nothing.
# Prints "ok - ..." or "not ok - ..." per check.
set -u
area="completion"
# shellcheck source=tests/host/lib.sh
. "$(dirname "$0")/lib.sh"
comp=$tree/userspace/completion/vnetctl
ctl=$tree/userspace/vnetctl/vnetctl
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

require_built "$ctl"
# shellcheck disable=SC1090
source "$comp"

offered_is() {	# offered_is DESC GOT WANT
	if [ "$2" = "$3" ]; then
		echo "ok - completion: $1"
	else
		echo "not ok - completion: $1"
		echo "#   offered:  $2"
		echo "#   expected: $3"
	fi
}

sorted() { tr ' ' '\n' | sed '/^$/d' | sort -u | tr '\n' ' ' | sed 's/ $//'; }

# offer WORD...: the candidates for the last WORD, sorted, as bash would
# get them; stderr, which must stay empty, to $work/stderr.
offer() {
	COMP_WORDS=("$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_vnetctl 2>> "$work/stderr"
	printf '%s\n' "${COMPREPLY[@]}" | sorted
}

# A PATH whose vnetctl lists nothing, as with the module not loaded: the
# grammar checks see no names.
mkdir -p "$work/none" "$work/fake"
cat > "$work/none/vnetctl" <<'EOF'
#!/bin/sh
echo 'Error: the vnet module is not loaded (no "vnet" generic netlink family)' >&2
exit 1
EOF
chmod +x "$work/none/vnetctl"
PATH=$work/none:$PATH

help=$("$ctl" -h)

# The objects: "OBJECT := a | b |" and its continuation, to "OPTIONS :=",
# and "help", which prints the same usage.
want=$({ printf '%s\n' "$help" | sed -n '/^OBJECT :=/,/^OPTIONS :=/p' |
	grep -v '^OPTIONS' | sed 's/^OBJECT :=//; s/|/ /g'; echo help; } | sorted)
objects=$(offer vnetctl "")
offered_is "the objects are those vnetctl -h lists, and help" "$objects" "$want"
check_help=$("$ctl" help 2>&1)
offered_is "vnetctl help prints the usage -h does" "$check_help" "$help"

# Each object's commands, as vnetctl names them for one it does not know;
# an object that answers otherwise takes none (stats, monitor, topology).
bad_objects= missing=
for obj in $objects; do
	msg=$("$ctl" "$obj" @nosuch 2>&1 >/dev/null)
	case $msg in
	*"unknown object"*)
		bad_objects="$bad_objects $obj"
		continue ;;
	*'unknown command "@nosuch"; expected '*)
		cmds=$(printf '%s\n' "${msg##*; expected }" |
			sed 's/,/ /g; s/ or / /' | sorted) ;;
	*)
		cmds= ;;
	esac
	got=$(offer vnetctl "$obj" "" | tr ' ' '\n' | grep -v '^-' | sorted)
	[ "$got" = "$cmds" ] || missing="$missing $obj:[$got]!=[$cmds]"
done
offered_is "vnetctl takes every object offered" "${bad_objects# }" ""
offered_is "each object's commands are those vnetctl names" "${missing# }" ""

# The parameters of each kind: vnetctl -h's table "KIND NAME SYNTAX HELP".
kinds=$(printf '%s\n' "$help" | sed -n 's/.*type \([a-z|]*\) .*/\1/p' |
	head -n 1 | tr '|' ' ' | sorted)
offered_is "the kinds are those of device add" "$(offer vnetctl device add x type "")" "$kinds"
for kind in $kinds; do
	want=$(printf '%s\n' "$help" | sed -n '/^PARAM (by kind):/,/^PORTPARAM:/p' |
		awk -v k="$kind" '$1 == k { print $2 }' | sorted)
	got=$(offer vnetctl device add x type "$kind" "" | tr ' ' '\n' |
		grep -vx -e network -e mtu -e vni | sorted)
	offered_is "a $kind's parameters are those vnetctl -h lists" "$got" "$want"
done

# A port's: the PORTPARAM table and the [word ...] of "port set"'s usage.
want=$( { printf '%s\n' "$help" | sed -n '/^PORTPARAM:/,$p' | awk 'NR > 1 { print $1 }'
	printf '%s\n' "$help" | sed -n '/vnetctl port set/,/^  vnetctl port del/p' |
		grep -o '\[[a-z][a-z-]*' | tr -d '['; } | sorted)
offered_is "a port's settings are those vnetctl -h lists" \
	"$(offer vnetctl port set sw0 p1 "")" "$want"

# A rule's: the [word ...] of "rule add"'s usage, and its action.
want=$( { printf '%s\n' "$help" | sed -n '/vnetctl rule add/,/action /p' |
	grep -o '\[[a-z][a-z-]*' | tr -d '['; echo action; } | sorted)
offered_is "a rule's keywords are those vnetctl -h lists" \
	"$(offer vnetctl rule add fw0 "")" "$want"

# A network's quotas: "(ports fdb ...)" on resource set's usage line.
want=$(printf '%s\n' "$help" | sed -n 's/.*resource set NET QUOTA.*(\(.*\)).*/\1/p' | sorted)
offered_is "the quotas are those vnetctl -h lists" "$(offer vnetctl resource set blue "")" "$want"

# Positions, by hand.
offered_is "an abbreviated object" "$(offer vnetctl -j netw)" "network"
offered_is "options" "$(offer vnetctl -)" "-b -d -h -j -p"
offered_is "an abbreviated object's commands" "$(offer vnetctl neighbour "")" "add del flush show"
offered_is "a vswitch's parameters after one is given" \
	"$(offer vnetctl d add sw0 type vswitch ageing 300 "")" "group-fwd-mask mtu neigh-suppress network vlan-filtering vlan-protocol vni"
offered_is "a value of a vfirewall parameter" \
	"$(offer vnetctl device add fw0 type vfirewall policy "")" "accept drop"
offered_is "a port setting's values" "$(offer vnetctl port set sw0 p1 state "")" "down up"
offered_is "a port's VLAN modes" "$(offer vnetctl port set sw0 p1 vlan "")" "access none trunk"
offered_is "a VLAN ID is a number, not a word" \
	"$(offer vnetctl port set sw0 p1 vlan access "")" ""
offered_is "a vrouter port's router advertisements: on or off" \
	"$(offer vnetctl port set rt0 p1 ra "")" "off on"
# (vlan is a vswitch port's: with no module to say rt0's kind, offered.)
offered_is "then its interval and lifetime with the other settings" \
	"$(offer vnetctl port set rt0 p1 ra on "")" \
	"allow-ip allow-mac flood learning learning-limit policer ra-interval ra-lifetime state vlan"
offered_is "an RA interval is a number, not a word" \
	"$(offer vnetctl port set rt0 p1 ra on ra-interval "")" ""
offered_is "a patch takes a peer name and no port security" \
	"$(offer vnetctl port add sw0 peer rt0 "")" \
	"flood learning learning-limit name peer-name policer ra ra-interval ra-lifetime state vlan"
offered_is "a rule keyword's values" "$(offer vnetctl rule add fw0 in p1 state "")" \
	"established invalid new related"
# The protocol names vnetctl's error lists ("expected tcp, udp, ... or 0-255").
protos=$("$ctl" rule add fw0 proto bogus action drop 2>&1 |
	sed -n 's/.*expected \(.*\) or 0-255$/\1/p' | tr -d ',' | sorted)
offered_is "a rule's protocols are those vnetctl names" \
	"$(offer vnetctl rule add fw0 proto "")" "${protos:-none listed}"
offered_is "a route's keywords" "$(offer vnetctl route add rt0 10.0.0.0/8 "")" "port via"
# NAT: the types the usage lines of "vnetctl -h" name, then each one's words.
want=$(printf '%s\n' "$help" | sed -n 's/^  vnetctl nat add DEV \([a-z]*\) .*/\1/p' | sorted)
offered_is "the NAT types are those vnetctl -h lists" \
	"$(offer vnetctl nat add rt0 "")" "${want:-none listed}"
offered_is "a masquerade rule's keywords" \
	"$(offer vnetctl nat add rt0 masquerade out p1 "")" "ports src"
offered_is "a snat rule's keywords" "$(offer vnetctl nat add rt0 snat "")" \
	"out ports src to"
offered_is "a floating address's words" \
	"$(offer vnetctl nat add rt0 floating 203.0.113.10 "")" "to"
offered_is "a port forward's protocols" \
	"$(offer vnetctl nat add rt0 forward proto "")" "tcp udp"
# offer_split LINE WORD...: as offer, with the line and its words as bash
# gives them, split at the colons of COMP_WORDBREAKS.
offer_split() {
	local COMP_LINE=$1
	shift
	offer "$@"
}
offered_is "an IPv6 address is one word (split at its colons by bash)" \
	"$(offer_split "vnetctl addr add rt0 2001:db8:1::1/64 " \
		vnetctl addr add rt0 2001 : db8 : 1 :: 1/64 "")" "port"
offered_is "an IPv6 neighbour's delete takes its port" \
	"$(offer_split "vnetctl neigh del rt0 fe80::2 " \
		vnetctl neigh del rt0 fe80 :: 2 "")" "port"
offered_is "an IPv4 neighbour's delete takes none" \
	"$(offer vnetctl neigh del rt0 10.0.0.2 "")" ""
offered_is "a port forward's ADDR:PORT is one word (split at its colon by bash)" \
	"$(offer_split "vnetctl nat add rt0 forward proto tcp 203.0.113.1:8080 " \
		vnetctl nat add rt0 forward proto tcp 203.0.113.1 : 8080 "")" "to"
offered_is "no devices with the module not loaded" "$(offer vnetctl device del "")" ""
offered_is "no networks with the module not loaded" "$(offer vnetctl network show "")" ""
offer "$work/nothing/vnetctl" port show "" > /dev/null
offered_is "nothing printed, with the module not loaded or no vnetctl" "$(cat "$work/stderr")" ""

# The names: a vnetctl that answers as the unit tests' fixtures say the
# real one prints. "device show NAME" and "port show DEV" are the lines of
# the whole listings for that device.
cat > "$work/fake/vnetctl" <<EOF
#!/bin/bash
fixtures=$tree/tests/unit/vnetctl
EOF
cat >> "$work/fake/vnetctl" <<'EOF'
section() {	# the output of "vnetctl $*" in the fixtures, and its status
	awk -v h="### vnetctl $*" '
		$0 == h { on = 1; next }
		on && /^### exit / { print "exit " $3 > "/dev/stderr"; exit }
		on' "$fixtures"/*.txt
}
case "$1 $2" in
"device show")
	[ $# = 2 ] && { section device show 2>/dev/null; exit; }
	section device show 2>/dev/null | awk -F': ' -v d="$3" '$2 == d' ;;
"port show")
	[ $# = 2 ] && { section port show 2>/dev/null; exit; }
	section port show 2>/dev/null | awk -F': ' -v d="$3" '$1 == d' ;;
"network show"|"resource show")
	section "$@" 2>/dev/null ;;
*)
	exit 2 ;;
esac
EOF
chmod +x "$work/fake/vnetctl"
PATH=$work/fake:$PATH
offered_is "device names (printable ones)" "$(offer vnetctl device del "")" "fw0 rt0 sw0"
offered_is "a vswitch's or vfirewall's names for fdb" "$(offer vnetctl fdb show "")" "fw0 sw0"
offered_is "a vrouter's names for route" "$(offer vnetctl route show "")" "rt0"
offered_is "a vrouter's and a vfirewall's names for conn" "$(offer vnetctl conn flush "")" "fw0 rt0"
offered_is "a vrouter's names for nat" "$(offer vnetctl nat show "")" "rt0"
offered_is "a NAT rule's out port" \
	"$(offer vnetctl nat add rt0 masquerade out "")" "host p-sw"
offered_is "a device's ports" "$(offer vnetctl port del sw0 "")" "eth-a p-rt"
offered_is "a vrouter's ports include host" "$(offer vnetctl addr add rt0 10.0.0.1/24 port "")" "host p-sw"
offered_is "network names" "$(offer vnetctl network del "")" "blue empty"
offered_is "policer names" "$(offer vnetctl port set sw0 eth-a policer "")" "bronze gold none"
offered_is "a device's own kind's parameters (a vrouter's connection tracking's)" \
	"$(offer vnetctl device set rt0 "")" \
	"conns-max conntrack icmp-timeout mtu network tcp-close-timeout tcp-established-timeout tcp-fin-timeout tcp-syn-timeout ttl-check udp-stream-timeout udp-timeout"
offered_is "a vswitch's first word after its name offers vlan" \
	"$(offer vnetctl device set sw0 "" | tr ' ' '\n' | grep -x vlan)" "vlan"
offered_is "but not after a pair" \
	"$(offer vnetctl device set sw0 mtu 1400 "" | tr ' ' '\n' | grep -x vlan)" ""
offered_is "vlan VID then vni" "$(offer vnetctl device set sw0 vlan 10 "")" "vni"
offered_is "a VLAN's vni may be none" "$(offer vnetctl device set sw0 vlan 10 vni "")" "none"
offered_is "nothing printed while listing names" "$(cat "$work/stderr")" ""
