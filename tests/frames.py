#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Build Ethernet frames as hex, for send_frame and stream_frame (lib.sh).

    frames.py udp SRC_MAC DST_MAC SRC_IP DST_IP SPORT DPORT [TAG...]
    frames.py icmp SRC_MAC DST_MAC SRC_IP DST_IP [TAG...]
    frames.py ether SRC_MAC DST_MAC ETHERTYPE [TAG...]
    frames.py icmp-opt SRC_MAC DST_MAC SRC_IP DST_IP OPTIONS_HEX
    frames.py icmp-ttl SRC_MAC DST_MAC SRC_IP DST_IP TTL
    frames.py arp request|reply SRC_MAC DST_MAC SENDER_IP TARGET_IP
    frames.py udp6 SRC_MAC DST_MAC SRC_IP DST_IP SPORT DPORT [EXT...]
    frames.py udp6-len SRC_MAC DST_MAC SRC_IP DST_IP PAYLOAD_LEN
    frames.py na6 SRC_MAC DST_MAC SRC_IP DST_IP TARGET [LLADDR]
    frames.py na6-frag SRC_MAC DST_MAC SRC_IP DST_IP TARGET
    frames.py mld6 SRC_MAC SRC_IP
    frames.py rs6 SRC_MAC SRC_IP
    frames.py ns6 SRC_MAC SRC_IP TARGET

An icmp-opt echo request carries the IPv4 options given (padded with
zeros, end of list, to a multiple of four bytes). An ARP request's sender
is SRC_MAC and its target hardware address zero; a reply's is DST_MAC.

A TAG is 8100:VID (802.1Q) or 88a8:VID (802.1ad), outermost first. The
IPv4 header and the UDP or ICMP checksum are right, so a frame is judged by
what it carries and nothing else.

A udp6 datagram goes behind the IPv6 extension headers given, in order:
hop (hop-by-hop options), dst (destination options), rt (a routing header
with no segments left), frag:N (a fragment header at offset N eight-byte
units; offset 0 is a first fragment, more to come); NAME*K repeats one K
times. Past a fragment at a non-zero offset comes no UDP header, only
its payload. A udp6-len is a udp6 with no extension headers whose IPv6 payload length
says PAYLOAD_LEN, whatever it carries. An na6 is a neighbour advertisement (hop limit 255) for
TARGET with a target link-layer address option of LLADDR (by default
SRC_MAC); an na6-frag is the same whole in a first fragment (more to
come). An ns6 is a neighbour solicitation for TARGET to its solicited-node
group, with a source link-layer address option of SRC_MAC. An rs6 is a router solicitation to ff02::2 with a source
link-layer address option of SRC_MAC. An mld6 is a multicast listener report (MLDv2, no records) to
ff02::16 at hop limit 1 behind a hop-by-hop header with a router alert.
"""
import socket
import struct
import sys

from badpkt import arp, csum, echo, ipv4


def mac(text):
    return bytes.fromhex(text.replace(":", ""))


def udp(src, dst, sport, dport, data=b"vnet"):
    hdr = struct.pack("!HHHH", int(sport), int(dport), 8 + len(data), 0)
    pseudo = (socket.inet_aton(src) + socket.inet_aton(dst) +
              struct.pack("!BBH", 0, 17, 8 + len(data)))
    c = csum(pseudo + hdr + data) or 0xFFFF
    return ipv4(src, dst, hdr[:6] + struct.pack("!H", c) + data, proto=17)


def icmp(src, dst):
    return ipv4(src, dst, echo(ident=0x4242, seq=1, data=b"vnet"))


def icmp_opt(src, dst, options):
    opts = bytes.fromhex(options)
    opts += bytes(-len(opts) % 4)
    return ipv4(src, dst, echo(ident=0x4242, seq=1, data=b"vnet"),
                ihl=5 + len(opts) // 4, options=opts)


def ipv6(src, dst, nexthdr, payload, hop_limit=64):
    return (struct.pack("!IHBB", 6 << 28, len(payload), nexthdr, hop_limit) +
            socket.inet_pton(socket.AF_INET6, src) +
            socket.inet_pton(socket.AF_INET6, dst) + payload)


def csum6(src, dst, proto, data):
    pseudo = (socket.inet_pton(socket.AF_INET6, src) +
              socket.inet_pton(socket.AF_INET6, dst) +
              struct.pack("!IxxxB", len(data), proto))
    return csum(pseudo + data) or 0xFFFF


def udp6(src, dst, sport, dport, exts, data=b"vnet"):
    hdr = struct.pack("!HHHH", int(sport), int(dport), 8 + len(data), 0)
    l4 = hdr[:6] + struct.pack("!H", csum6(src, dst, 17, hdr + data)) + data
    proto = 17
    chain = []
    for ext in exts:
        name, _, times = ext.partition("*")
        chain += [name] * int(times or 1)
    # Built from the inside out: each header names the one after it.
    for name in reversed(chain):
        if name.startswith("frag:"):
            off = int(name[5:])
            if off:
                l4 = data
            l4 = struct.pack("!BBHI", proto, 0, off << 3 | (off == 0), 7) + l4
            proto = 44
        else:
            # Eight bytes: next header, length 0, then padding (options)
            # or routing type 0 with no segments left (a routing header).
            l4 = bytes([proto, 0, 0, 0, 0, 0, 0, 0]) + l4
            proto = {"hop": 0, "dst": 60, "rt": 43}[name]
    return ipv6(src, dst, proto, l4)


def icmp6(src, dst, body, hop_limit, before=b"", first=58):
    """An ICMPv6 message (its checksum filled in) behind the extension
    headers @before, the first of which is @first."""
    c = csum6(src, dst, 58, body)
    body = body[:2] + struct.pack("!H", c) + body[4:]
    return ipv6(src, dst, first, before + body, hop_limit=hop_limit)


def na6(src, dst, target, lladdr, frag=False):
    body = (struct.pack("!BBHI", 136, 0, 0, 0x60000000) +
            socket.inet_pton(socket.AF_INET6, target) + bytes([2, 1]) +
            mac(lladdr))
    if frag:    # a first fragment, more to come, of the whole message
        return icmp6(src, dst, body, 255, struct.pack("!BBHI", 58, 0, 1, 9), 44)
    return icmp6(src, dst, body, 255)


def ns6(src, target, lladdr):
    t = socket.inet_pton(socket.AF_INET6, target)
    group = socket.inet_ntop(socket.AF_INET6,
                             socket.inet_pton(socket.AF_INET6, "ff02::1:ff00:0")[:13]
                             + t[13:])
    body = struct.pack("!BBHI", 135, 0, 0, 0) + t + bytes([1, 1]) + mac(lladdr)
    return group, icmp6(src, group, body, 255)


def rs6(src, lladdr):
    body = struct.pack("!BBHI", 133, 0, 0, 0) + bytes([1, 1]) + mac(lladdr)
    return icmp6(src, "ff02::2", body, 255)


def mld6(src):
    # Hop-by-hop: router alert (type 5, MLD), then a PadN of 0 bytes.
    hbh = bytes([58, 0, 5, 2, 0, 0, 1, 0])
    return icmp6(src, "ff02::16", struct.pack("!BBHHH", 143, 0, 0, 0, 0), 1,
                 hbh, 0)


def ether(src, dst, ethertype, payload, tags):
    head = mac(dst) + mac(src)
    for tag in tags:
        tpid, vid = tag.split(":")
        head += struct.pack("!HH", int(tpid, 16), int(vid))
    return head + struct.pack("!H", ethertype) + payload


def main():
    kind, a = sys.argv[1], sys.argv[2:]
    if kind == "udp":
        frame = ether(a[0], a[1], 0x0800, udp(a[2], a[3], a[4], a[5]), a[6:])
    elif kind == "icmp":
        frame = ether(a[0], a[1], 0x0800, icmp(a[2], a[3]), a[4:])
    elif kind == "icmp-opt":
        frame = ether(a[0], a[1], 0x0800, icmp_opt(a[2], a[3], a[4]), [])
    elif kind == "icmp-ttl":
        frame = ether(a[0], a[1], 0x0800,
                      ipv4(a[2], a[3], echo(ident=0x4242, seq=1, data=b"vnet"),
                           ttl=int(a[4])), [])
    elif kind == "arp":
        op = {"request": 1, "reply": 2}[a[0]]
        tha = mac(a[2]) if op == 2 else bytes(6)
        frame = ether(a[1], a[2], 0x0806, arp(op, mac(a[1]), a[3], tha, a[4]),
                      [])
    elif kind == "udp6":
        frame = ether(a[0], a[1], 0x86DD,
                      udp6(a[2], a[3], a[4], a[5], a[6:]), [])
    elif kind == "udp6-len":
        pkt = udp6(a[2], a[3], 4000, 4001, [])
        pkt = pkt[:4] + struct.pack("!H", int(a[4])) + pkt[6:]
        frame = ether(a[0], a[1], 0x86DD, pkt, [])
    elif kind == "na6":
        frame = ether(a[0], a[1], 0x86DD,
                      na6(a[2], a[3], a[4], a[5] if len(a) > 5 else a[0]), [])
    elif kind == "na6-frag":
        frame = ether(a[0], a[1], 0x86DD, na6(a[2], a[3], a[4], a[0], True), [])
    elif kind == "ns6":
        group, pkt = ns6(a[1], a[2], a[0])
        g = socket.inet_pton(socket.AF_INET6, group)
        frame = ether(a[0], "33:33:" + ":".join("%02x" % b for b in g[12:]),
                      0x86DD, pkt, [])
    elif kind == "rs6":
        frame = ether(a[0], "33:33:00:00:00:02", 0x86DD, rs6(a[1], a[0]), [])
    elif kind == "mld6":
        frame = ether(a[0], "33:33:00:00:00:16", 0x86DD, mld6(a[1]), [])
    elif kind == "ether":
        frame = ether(a[0], a[1], int(a[2], 16), bytes(46), a[3:])
    else:
        sys.exit("frames.py: unknown kind " + kind)
    print(frame.hex())


if __name__ == "__main__":
    main()
