#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Small TCP and UDP endpoints for the firewall tests. Each prints what
happened as one word or the data received, and exits 0.

  sockets.py tcp-serve PORT DELAY MSG [GO FIRST]
                                        accept one connection, (with GO:
                                        send FIRST at once, then wait
                                        until the file GO exists,) wait
                                        DELAY seconds, send MSG, close
  sockets.py tcp-sink PORT              accept one connection, read it to
                                        its end, print how many bytes came
  sockets.py tcp-send ADDR PORT BYTES   connect, send BYTES zeros, close
  sockets.py tcp-get ADDR PORT TIMEOUT [GO]
                                        connect, print what arrives within
                                        TIMEOUT seconds; with GO, print
                                        what arrives first (the server's
                                        FIRST), then what arrives within
                                        TIMEOUT seconds of GO's creation.
                                        Each outcome on a line: the data,
                                        "closed", "reset" or
                                        "read-timeout"; a connect that
                                        fails prints "refused",
                                        "connect-timeout" or
                                        "connect-failed" instead
  sockets.py udp-echo PORT              answer every datagram with itself
  sockets.py udp-ask ADDR PORT TIMEOUT [SPORT]  send "ping", print the answer
  sockets.py udp-flows ADDR PORT N      send one datagram from each of N
                                        source ports
  sockets.py tcp-ack ADDR PORT          a bare TCP ACK nobody asked for
  sockets.py tcp-rst PORT WRONG RIGHT   reset the next connection to PORT,
                                        out of its window once the file
                                        WRONG exists, then in it once
                                        RIGHT does (after the server's
                                        FIRST "open")

  sockets.py peer-serve TAG PROTO:PORT...
                                        serve tcp:PORT and udp:PORT (IPv4)
                                        until killed; answer each with who
                                        asked: "TAG tcp:PORT PEER:PEERPORT"
                                        to a TCP connection (then close),
                                        "TAG udp:PORT PEER:PEERPORT DATA"
                                        to a datagram DATA
  sockets.py peer-ask tcp|udp ADDR PORT TIMEOUT [SPORT [DATA]]
                                        connect (from SPORT, 0 = any),
                                        send DATA (UDP, default "ping"),
                                        print what comes back, or
                                        "timeout", "refused", "closed",
                                        "error ERRNO"

An ADDR with a colon is IPv6. Servers (tcp-serve, tcp-sink, udp-echo)
listen on IPv4, or with SOCK_FAMILY=6 in the environment on IPv6.
"""
import os
import socket
import struct
import sys
import time

GO_WAIT = 60    # seconds a side waits for its go file at most
V6 = os.environ.get("SOCK_FAMILY") == "6"
ANY = ("::" if V6 else "0.0.0.0")
SERVER_FAMILY = socket.AF_INET6 if V6 else socket.AF_INET


def family(addr):
    return socket.AF_INET6 if ":" in addr else socket.AF_INET


def wait_go(go):
    """Wait until the file go exists: the test's signal that what had to
    happen before the data flows (a conntrack flush) has happened."""
    end = time.monotonic() + GO_WAIT
    while go and not os.path.exists(go) and time.monotonic() < end:
        time.sleep(0.05)


def tcp_serve(port, delay, msg, go=None, first=None):
    s = socket.socket(SERVER_FAMILY)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((ANY, int(port)))
    s.listen(1)
    c, _ = s.accept()
    try:
        if first:
            c.sendall(first.encode())
        wait_go(go)
        time.sleep(float(delay))
        c.sendall(msg.encode())
        time.sleep(0.5)
        c.close()
    except OSError:
        pass


def tcp_read(s, timeout):
    """One read's outcome, printed at once: the test may act on it."""
    s.settimeout(float(timeout))
    try:
        data = s.recv(100)
        print(data.decode() if data else "closed", flush=True)
    except socket.timeout:
        print("read-timeout", flush=True)
    except ConnectionResetError:
        print("reset", flush=True)


def tcp_get(addr, port, timeout, go=None):
    try:
        s = socket.create_connection((addr, int(port)), timeout=3)
    except ConnectionRefusedError:
        print("refused")
        return
    except socket.timeout:
        print("connect-timeout")
        return
    except OSError as e:
        print("connect-failed", e.errno)
        return
    if go:
        # The connection's first data, before go: it was open.
        tcp_read(s, timeout)
    # The server sends MSG only after go: what comes in TIMEOUT from then.
    wait_go(go)
    tcp_read(s, timeout)


def udp_echo(port):
    s = socket.socket(SERVER_FAMILY, socket.SOCK_DGRAM)
    s.bind((ANY, int(port)))
    while True:
        data, peer = s.recvfrom(2000)
        s.sendto(data, peer)


def udp_ask(addr, port, timeout, sport=None):
    s = socket.socket(family(addr), socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if sport:
        s.bind(("::" if ":" in addr else "0.0.0.0", int(sport)))
    s.settimeout(float(timeout))
    s.connect((addr, int(port)))
    s.send(b"ping")
    try:
        print(s.recv(100).decode())
    except socket.timeout:
        print("timeout")
    except ConnectionRefusedError:
        print("refused")


def udp_flows(addr, port, n):
    for i in range(int(n)):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.bind(("0.0.0.0", 20000 + i))
        s.sendto(b"x", (addr, int(port)))
        s.close()


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    s = (s >> 16) + (s & 0xFFFF)
    s += s >> 16
    return ~s & 0xFFFF


def tcp_ack(addr, port):
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_TCP)
    s.connect((addr, 0))
    src = socket.inet_aton(s.getsockname()[0])
    hdr = struct.pack("!HHIIBBHHH", 40000, int(port), 1, 1, 5 << 4, 0x10,
                      1024, 0, 0)
    pseudo = src + socket.inet_aton(addr) + struct.pack("!BBH", 0, 6, len(hdr))
    hdr = hdr[:16] + struct.pack("!H", csum(pseudo + hdr)) + hdr[18:]
    s.send(hdr)


def tcp_rst(port, wrong, right):
    """Watch eth0 for the SYN-ACK of a connection to local PORT, then,
    once the file WRONG exists, reset it with a sequence number half the
    space away from the one the client expects next (after the 4 bytes
    "open"), and once RIGHT exists, with that very one; print what was
    sent each time."""
    rx = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))  # ETH_P_ALL: outgoing too
    rx.bind(("eth0", 0))
    rx.settimeout(30)
    print("ready", flush=True)
    while True:
        f = rx.recv(2000)
        ihl = (f[14] & 15) * 4
        if f[12:14] != b"\x08\x00" or f[23] != 6:
            continue
        tcp = f[14 + ihl:]
        sport, dport, seq = struct.unpack("!HHI", tcp[:8])
        if sport == int(port) and tcp[13] & 0x12 == 0x12:
            break
    src, dst = f[26:30], f[30:34]
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_TCP)
    for trigger, off, what in ((wrong, 1 << 31, "wrong"), (right, 0, "right")):
        wait_go(trigger)
        nxt = (seq + 1 + 4 + off) & 0xFFFFFFFF
        hdr = struct.pack("!HHIIBBHHH", sport, dport, nxt, 0, 5 << 4, 0x04,
                          0, 0, 0)
        pseudo = src + dst + struct.pack("!BBH", 0, 6, len(hdr))
        hdr = hdr[:16] + struct.pack("!H", csum(pseudo + hdr)) + hdr[18:]
        s.sendto(hdr, (socket.inet_ntoa(dst), 0))
        print("sent-" + what, flush=True)


def tcp_sink(port):
    s = socket.socket(SERVER_FAMILY)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((ANY, int(port)))
    s.listen(1)
    c, _ = s.accept()
    c.settimeout(30)
    got = 0
    try:
        while data := c.recv(65536):
            got += len(data)
    except OSError:
        pass
    print(got)


def tcp_send(addr, port, nbytes):
    s = socket.create_connection((addr, int(port)), timeout=30)
    s.sendall(bytes(int(nbytes)))
    s.close()


def peer_serve(tag, *specs):
    """What a NAT test asks a server: whom it saw. One process serves
    every PROTO:PORT given; an answer that cannot be sent (no route back
    to the peer) is dropped, and the server goes on."""
    import selectors
    sel = selectors.DefaultSelector()
    for spec in specs:
        proto, port = spec.split(":")
        if proto == "tcp":
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("0.0.0.0", int(port)))
            s.listen(16)
        else:
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.bind(("0.0.0.0", int(port)))
        sel.register(s, selectors.EVENT_READ, (proto, int(port)))
    while True:
        for key, _ in sel.select():
            proto, port = key.data
            try:
                if proto == "tcp":
                    c, peer = key.fileobj.accept()
                    c.settimeout(5)
                    c.sendall(("%s tcp:%d %s:%d" % (tag, port, peer[0],
                                                    peer[1])).encode())
                    c.close()
                else:
                    data, peer = key.fileobj.recvfrom(65535)
                    key.fileobj.sendto(("%s udp:%d %s:%d %s" % (
                        tag, port, peer[0], peer[1],
                        data.decode(errors="replace"))).encode(), peer)
            except OSError:
                pass


def peer_ask(proto, addr, port, timeout, sport="0", data="ping"):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM if proto == "tcp"
                      else socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if int(sport):
        s.bind(("0.0.0.0", int(sport)))
    s.settimeout(float(timeout))
    try:
        s.connect((addr, int(port)))
        if proto != "tcp":
            s.send(data.encode())
        got = s.recv(65535)
        print(got.decode(errors="replace") if got else "closed")
    except socket.timeout:
        print("timeout")
    except ConnectionRefusedError:
        print("refused")
    except OSError as e:
        print("error", e.errno)


def main():
    cmds = {"tcp-serve": tcp_serve, "tcp-get": tcp_get, "udp-echo": udp_echo,
            "udp-ask": udp_ask, "udp-flows": udp_flows, "tcp-ack": tcp_ack,
            "tcp-rst": tcp_rst, "tcp-sink": tcp_sink, "tcp-send": tcp_send,
            "peer-serve": peer_serve, "peer-ask": peer_ask}
    cmds[sys.argv[1]](*sys.argv[2:])
    sys.stdout.flush()


if __name__ == "__main__":
    main()
