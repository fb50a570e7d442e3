#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Build Ethernet frames as hex, for send_frame and stream_frame (lib.sh).

    frames.py udp SRC_MAC DST_MAC SRC_IP DST_IP SPORT DPORT [TAG...]
    frames.py icmp SRC_MAC DST_MAC SRC_IP DST_IP [TAG...]
    frames.py ether SRC_MAC DST_MAC ETHERTYPE [TAG...]
    frames.py icmp-opt SRC_MAC DST_MAC SRC_IP DST_IP OPTIONS_HEX
    frames.py icmp-ttl SRC_MAC DST_MAC SRC_IP DST_IP TTL
    frames.py arp request|reply SRC_MAC DST_MAC SENDER_IP TARGET_IP

An icmp-opt echo request carries the IPv4 options given (padded with
zeros, end of list, to a multiple of four bytes). An ARP request's sender
is SRC_MAC and its target hardware address zero; a reply's is DST_MAC.

A TAG is 8100:VID (802.1Q) or 88a8:VID (802.1ad), outermost first. The
IPv4 header and the UDP or ICMP checksum are right, so a frame is judged by
what it carries and nothing else.
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
    elif kind == "ether":
        frame = ether(a[0], a[1], int(a[2], 16), bytes(46), a[3:])
    else:
        sys.exit("frames.py: unknown kind " + kind)
    print(frame.hex())


if __name__ == "__main__":
    main()
