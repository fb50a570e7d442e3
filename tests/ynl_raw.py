#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Send one raw request to the vnet generic netlink family, named by its
YNL spec: what the spec cannot express, so YNL's client (tests/ynl.py)
cannot send it.

    ynl_raw.py [--dump | --dump-between SHELL-CMD] OP [ATTR[=[TYPE:]VALUE]]...
    ynl_raw.py --list-ops

OP and ATTR are the spec's names (dev-set, ifname); numbers come from
Documentation/netlink/specs/vnet.yaml. A nested attribute is written
NEST.ATTR=..., e.g. params.ageing=5; NEST#2.ATTR=... goes into a second
nest of the same attribute. Without TYPE, VALUE is encoded as the spec
types the attribute (a number, a string, hex for binary, a dotted IPv4
address for a big-endian u32); TYPE forces u8, u16, u32, u64, str
(NUL-terminated), raw (no NUL), hex or be32 (an IPv4 address), so a request
may carry an attribute of another width than its type. A bare number is
accepted in place of OP or ATTR to send ids the spec does not name.

Every request the spec can express goes through tests/ynl.py instead; this
is for an attribute of another width than its type, an attribute or
command the spec lacks, and dumps read one part at a time:
--dump-between runs SHELL-CMD once the first part of the dump is read,
before the kernel makes the next.

Prints "ok" ("ok, interrupted" when a dump was flagged NLM_F_DUMP_INTR),
or "error ERRNO: EXTACK MESSAGE", then one line per reply;
exits 0 on success and 1 when the kernel refused the request.
"""
import os
import signal
import socket
import struct
import subprocess
import sys

import yaml

NETLINK_GENERIC = 16
SOL_NETLINK = 270
NETLINK_EXT_ACK = 11
NLM_F_REQUEST, NLM_F_MULTI, NLM_F_ACK, NLM_F_DUMP = 1, 2, 4, 0x300
NLM_F_DUMP_INTR = 0x10
NLMSG_ERROR, NLMSG_DONE = 2, 3
GENL_ID_CTRL, CTRL_CMD_GETFAMILY = 0x10, 3
CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME = 1, 2
NLMSGERR_ATTR_MSG = 1

SPEC = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..',
                    'Documentation', 'netlink', 'specs', 'vnet.yaml')


def load_spec():
    """The commands by name, and each attribute set's members by name
    (value, spec entry), numbered as YNL numbers them."""
    with open(SPEC) as f:
        spec = yaml.load(f, Loader=getattr(yaml, 'CSafeLoader', yaml.SafeLoader))
    cmds = {op['name']: op['value'] for op in spec['operations']['list']
            if 'notify' not in op and 'event' not in op}
    sets = {}
    for aset in spec['attribute-sets']:
        members, value = {}, 0
        for m in aset['attributes']:
            value = m.get('value', value)
            members[m['name']] = (value, m)
            value += 1
        sets[aset['name']] = members
    return cmds, sets


CMDS, SETS = load_spec()
ATTRS = {name: v for name, (v, _) in SETS['vnet'].items()}


def nla(atype, payload):
    length = 4 + len(payload)
    return struct.pack('=HH', length, atype) + payload + b'\0' * ((4 - length % 4) % 4)


def encode(tv, member=None):
    """VALUE as TYPE:VALUE says, or as the spec types @member."""
    typ, sep, val = tv.partition(':')
    if not sep or typ not in ('u8', 'u16', 'u32', 'u64', 'str', 'be32', 'raw', 'hex'):
        typ, val = 'str', tv
        if member:
            t = member['type']
            if t in ('u8', 'u16', 'u32', 'u64'):
                typ = 'be32' if member.get('byte-order') == 'big-endian' else t
            elif t == 'binary':
                typ = 'hex'
            elif t == 'flag':
                return b''
    if typ in ('u8', 'u16', 'u32', 'u64'):
        fmt = {'u8': '=B', 'u16': '=H', 'u32': '=I', 'u64': '=Q'}[typ]
        return struct.pack(fmt, int(val, 0))
    if typ == 'str':
        return val.encode() + b'\0'
    if typ == 'be32':
        return socket.inet_aton(val)
    if typ == 'raw':
        return val.encode()
    if typ == 'hex':
        return bytes.fromhex(val)
    raise SystemExit(f'ynl_raw: unknown type {typ!r}')


def member(name, aset):
    """(id, spec entry or None) of @name in the attribute set @aset."""
    if name.isdigit():
        return int(name), None
    if name not in SETS[aset]:
        raise SystemExit(f'ynl_raw: {aset} has no attribute {name!r}')
    return SETS[aset][name]


def parse_nlattrs(data):
    attrs, off = {}, 0
    while off + 4 <= len(data):
        length, atype = struct.unpack_from('=HH', data, off)
        if length < 4:
            break
        attrs[atype & 0x3fff] = data[off + 4:off + length]
        off += (length + 3) & ~3
    return attrs


class Genl:
    def __init__(self):
        self.sk = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
        self.sk.bind((0, 0))
        self.sk.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
        self.seq = 0

    def request(self, family, cmd, payload, flags=NLM_F_REQUEST | NLM_F_ACK,
                version=1, between=None):
        """Returns (errno, extack message, [reply payloads]); runs the shell
        command between, if any, after the first part of the replies, and
        sets self.interrupted if a reply says the dump was."""
        self.seq += 1
        self.interrupted = False
        body = struct.pack('=BBH', cmd, version, 0) + payload
        msg = struct.pack('=IHHII', 16 + len(body), family, flags, self.seq, 0) + body
        self.sk.send(msg)
        replies = []
        while True:
            data = self.sk.recv(1 << 20)
            off = 0
            while off + 16 <= len(data):
                length, mtype, mflags, seq, _ = struct.unpack_from('=IHHII', data, off)
                if length < 16:
                    return -1, 'bad reply', replies
                chunk = data[off:off + length]
                off += (length + 3) & ~3
                if mflags & NLM_F_DUMP_INTR:
                    self.interrupted = True
                if mtype == NLMSG_ERROR:
                    err = struct.unpack_from('=i', chunk, 16)[0]
                    text = ''
                    if mflags & 0x200:  # NLM_F_ACK_TLVS
                        orig_len = struct.unpack_from('=I', chunk, 20)[0]
                        skip = 20 + (16 if mflags & 0x100 else orig_len)
                        tlv = parse_nlattrs(chunk[skip:])
                        if NLMSGERR_ATTR_MSG in tlv:
                            text = tlv[NLMSGERR_ATTR_MSG].rstrip(b'\0').decode()
                    return err, text, replies
                if mtype == NLMSG_DONE:
                    err = struct.unpack_from('=i', chunk, 16)[0] if length >= 20 else 0
                    text = ''
                    if err and mflags & 0x200:
                        tlv = parse_nlattrs(chunk[20:])
                        if NLMSGERR_ATTR_MSG in tlv:
                            text = tlv[NLMSGERR_ATTR_MSG].rstrip(b'\0').decode()
                    return err, text, replies
                replies.append(chunk[20:])
            if between:
                subprocess.run(between, shell=True, check=True)
                between = None

    def resolve(self, name):
        err, text, replies = self.request(
            GENL_ID_CTRL, CTRL_CMD_GETFAMILY,
            nla(CTRL_ATTR_FAMILY_NAME, name.encode() + b'\0'))
        if err or not replies:
            raise SystemExit(f'ynl_raw: family {name} not found ({err} {text})')
        return struct.unpack('=H', parse_nlattrs(replies[0])[CTRL_ATTR_FAMILY_ID][:2])[0]


def build(args):
    top, nests = [], {}
    for arg in args:
        name, _, tv = arg.partition('=')
        if '.' in name:
            nest, sub = name.split('.', 1)
            _, spec = member(nest.partition('#')[0], 'vnet')
            aid, m = member(sub, spec['nested-attributes'])
            nests.setdefault(nest, []).append(nla(aid, encode(tv, m)))
        else:
            aid, m = member(name, 'vnet')
            top.append(nla(aid, encode(tv, m)))
    for nest, members in nests.items():
        aid, _ = member(nest.partition('#')[0], 'vnet')
        top.append(nla(aid | 0x8000, b''.join(members)))
    return b''.join(top)


def main():
    argv = sys.argv[1:]
    if argv == ['--list-ops']:
        for name, value in sorted(CMDS.items(), key=lambda kv: kv[1]):
            print(name)
        return 0
    flags = NLM_F_REQUEST | NLM_F_ACK
    between = None
    if argv and argv[0] == '--dump':
        flags |= NLM_F_DUMP
        argv = argv[1:]
    elif len(argv) > 1 and argv[0] == '--dump-between':
        flags |= NLM_F_DUMP
        between = argv[1]
        argv = argv[2:]
    if not argv:
        raise SystemExit(__doc__)
    g = Genl()
    family = g.resolve('vnet')
    cmd = int(argv[0]) if argv[0].isdigit() else CMDS[argv[0]]
    err, text, replies = g.request(family, cmd, build(argv[1:]), flags,
                                   between=between)
    if err:
        print(f'error {err}: {text}')
    else:
        print('ok, interrupted' if g.interrupted else 'ok')
    names = {v: k for k, v in ATTRS.items()}
    for r in replies:
        attrs = parse_nlattrs(r)
        print(' '.join(f'{names.get(k, k)}={v.hex()}' for k, v in sorted(attrs.items())))
    return 1 if err else 0


if __name__ == '__main__':
    # Callers read the first line and close the pipe: end quietly.
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main())
