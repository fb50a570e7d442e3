#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Send malformed Ethernet frames with AF_PACKET, for the bad-input tests.

    badpkt.py IFACE DST_MAC SRC_IP DST_IP KIND [COUNT]

KIND is one of the names in KINDS below; "list" prints them. Every frame
goes from IFACE's own MAC to DST_MAC.
"""
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
    good = ipv4(src, dst, echo())
    bad_csum = bytearray(good)
    bad_csum[10] ^= 0xFF
    return {
        # (ethertype, frame payload)
        "ip-truncated": (0x0800, good[:12]),
        "ip-bad-version": (0x0800, ipv4(src, dst, echo(), version=6)),
        "ip-bad-ihl": (0x0800, ipv4(src, dst, echo(), ihl=3)),
        "ip-ihl-past-end": (0x0800, ipv4(src, dst, b"", ihl=15)[:24]),
        "ip-totlen-past-end": (0x0800, ipv4(src, dst, echo(), tot=1400)),
        "ip-totlen-short": (0x0800, ipv4(src, dst, echo(), tot=12)),
        "ip-bad-csum": (0x0800, bytes(bad_csum)),
        "ip-later-fragment": (0x0800, ipv4(src, dst, echo(), frag=185)),
        "ip-martian-dst": (0x0800, ipv4(src, "224.0.0.9", echo())),
        "arp-truncated": (0x0806, arp(1, mymac, src, b"\0" * 6, dst)[:12]),
        "arp-bad-hln": (0x0806, arp(1, mymac, src, b"\0" * 6, dst, hln=8)),
        "arp-bad-op": (0x0806, arp(9, mymac, src, b"\0" * 6, dst)),
        "good-echo": (0x0800, good),
    }


def main():
    if len(sys.argv) < 6:
        sys.exit(__doc__)
    ifname, dmac, src, dst, kind = sys.argv[1:6]
    count = int(sys.argv[6]) if len(sys.argv) > 6 else 1
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((ifname, 0))
    mymac = s.getsockname()[4]
    table = kinds(src, dst, mymac)
    if kind == "list":
        print(" ".join(sorted(table)))
        return
    etype, payload = table[kind]
    frame = bytes.fromhex(dmac.replace(":", "")) + mymac + \
        struct.pack("!H", etype) + payload
    for _ in range(count):
        s.send(frame)


if __name__ == "__main__":
    main()
