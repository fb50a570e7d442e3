#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Send malformed Ethernet frames with AF_PACKET, for the bad-input tests.

    badpkt.py IFACE DST_MAC SRC_IP DST_IP KIND [COUNT [ROUNDS]]

KIND is one of the names in KINDS below; "list" prints them. Every frame
goes from IFACE's own MAC to DST_MAC. A DST_IP given as a prefix
(10.8.0.0/16) sends the COUNT frames to as many of its addresses, one each,
from the first after the prefix's own, without blocking, from a socket
with a small send buffer (64 KiB, some eighty of these frames), and prints
"refused N": how many it had no buffer left for (what the frames sent
before still hold of it). With ROUNDS, it sends to those COUNT addresses
ROUNDS times over.
"""
import ipaddress
import socket
import struct
import sys


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def ipv4(src, dst, payload, ttl=64, proto=1, ihl=5, version=4, tot=None,
         frag=0, options=b"", fix_csum=True):
    tot = 20 + len(options) + len(payload) if tot is None else tot
    hdr = struct.pack("!BBHHHBBH4s4s", (version << 4) | ihl, 0, tot, 1, frag,
                      ttl, proto, 0, socket.inet_aton(src),
                      socket.inet_aton(dst)) + options
    if fix_csum:
        c = csum(hdr)
        hdr = hdr[:10] + struct.pack("!H", c) + hdr[12:]
    return hdr + payload


def echo(ident=7, seq=1, data=b"vnet" * 4):
    body = struct.pack("!BBHHH", 8, 0, 0, ident, seq) + data
    c = csum(body)
    return body[:2] + struct.pack("!H", c) + body[4:]


def arp(op, sha, spa, tha, tpa, hln=6, pln=4, hrd=1):
    return struct.pack("!HHBBH", hrd, 0x0800, hln, pln, op) + sha + \
        socket.inet_aton(spa) + tha + socket.inet_aton(tpa)


def kinds(src, dst, mymac):
    """Each kind's (ethertype, frame payload), built when asked for."""
    def bad_csum():
        frame = bytearray(ipv4(src, dst, echo()))
        frame[10] ^= 0xFF
        return bytes(frame)
    return {
        "ip-truncated": lambda: (0x0800, ipv4(src, dst, echo())[:12]),
        "ip-bad-version": lambda: (0x0800, ipv4(src, dst, echo(), version=6)),
        "ip-bad-ihl": lambda: (0x0800, ipv4(src, dst, echo(), ihl=3)),
        "ip-ihl-past-end": lambda: (0x0800, ipv4(src, dst, b"", ihl=15)[:24]),
        "ip-totlen-past-end": lambda: (0x0800, ipv4(src, dst, echo(), tot=1400)),
        "ip-totlen-short": lambda: (0x0800, ipv4(src, dst, echo(), tot=12)),
        "ip-bad-csum": lambda: (0x0800, bad_csum()),
        "ip-later-fragment": lambda: (0x0800, ipv4(src, dst, echo(), frag=185)),
        "ip-martian-dst": lambda: (0x0800, ipv4(src, "224.0.0.9", echo())),
        "arp-truncated": lambda: (0x0806, arp(1, mymac, src, b"\0" * 6, dst)[:12]),
        "arp-bad-hln": lambda: (0x0806, arp(1, mymac, src, b"\0" * 6, dst, hln=8)),
        "arp-bad-op": lambda: (0x0806, arp(9, mymac, src, b"\0" * 6, dst)),
        "good-echo": lambda: (0x0800, ipv4(src, dst, echo())),
        "big-echo": lambda: (0x0800, ipv4(src, dst, echo(data=bytes(1400)))),
    }


def main():
    if len(sys.argv) < 6:
        sys.exit(__doc__)
    ifname, dmac, src, dst, kind = sys.argv[1:6]
    count = int(sys.argv[6]) if len(sys.argv) > 6 else 1
    rounds = int(sys.argv[7]) if len(sys.argv) > 7 else 1
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((ifname, 0))
    mymac = s.getsockname()[4]
    if kind == "list":
        print(" ".join(sorted(kinds(src, src, mymac))))
        return
    head = bytes.fromhex(dmac.replace(":", "")) + mymac
    if "/" in dst:
        hosts = ipaddress.ip_network(dst).hosts()
        frames = []
        for _ in range(count):
            etype, payload = kinds(src, str(next(hosts)), mymac)[kind]()
            frames.append(head + struct.pack("!H", etype) + payload)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 32768)
        s.setblocking(False)
        refused = 0
        for frame in frames * rounds:
            try:
                s.send(frame)
            except BlockingIOError:
                refused += 1
        print("refused %d" % refused)
        return
    etype, payload = kinds(src, dst, mymac)[kind]()
    frame = head + struct.pack("!H", etype) + payload
    for _ in range(count):
        s.send(frame)


if __name__ == "__main__":
    main()
