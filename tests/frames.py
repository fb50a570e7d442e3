#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Build Ethernet frames as hex, for send_frame and stream_frame (lib.sh).

    frames.py udp SRC_MAC DST_MAC SRC_IP DST_IP SPORT DPORT [TAG...]
    frames.py icmp SRC_MAC DST_MAC SRC_IP DST_IP [TAG...]
    frames.py ether SRC_MAC DST_MAC ETHERTYPE [TAG...]

A TAG is 8100:VID (802.1Q) or 88a8:VID (802.1ad), outermost first. The
IPv4 header and the UDP or ICMP checksum are right, so a frame is judged by
what it carries and nothing else.
"""
import socket
import struct
import sys

from badpkt import csum, echo, ipv4


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
    elif kind == "ether":
        frame = ether(a[0], a[1], int(a[2], 16), bytes(46), a[3:])
    else:
        sys.exit("frames.py: unknown kind " + kind)
    print(frame.hex())


if __name__ == "__main__":
    main()
