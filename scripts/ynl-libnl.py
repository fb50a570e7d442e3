#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""libvnet's libnl attribute policies, from the family's YNL spec.

usage: ynl-libnl.py SPEC --header|--source -o OUT

The kernel's generator writes policies for the kernel and a client for its
own library (libynl); libvnet parses with libnl, so this small template
writes libnl's struct nla_policy for every attribute set of the spec, one
array each, named vnet_<set>_policy (the top-level set's is
vnet_attr_policy): integer types as their NLA_U*, strings as NLA_NUL_STRING
no longer than the spec's max-len, binaries of an exact-len as exactly
that long, nests as NLA_NESTED, flags as NLA_FLAG. Replies are checked
against what the spec says the kernel sends.
"""
import argparse
import sys

import yaml

TYPES = {'u8': 'NLA_U8', 'u16': 'NLA_U16', 'u32': 'NLA_U32',
         'u64': 'NLA_U64', 'flag': 'NLA_FLAG', 'nest': 'NLA_NESTED'}


def c_upper(name):
    return name.upper().replace('-', '_')


def policy_name(aset):
    return 'vnet_%s_policy' % ('attr' if aset['name'] == 'vnet'
                               else aset['name'].replace('-', '_'))


def entry(aset, attr):
    name = c_upper(aset['name-prefix'] + attr['name'])
    checks = attr.get('checks', {})
    kind = attr['type']
    if kind in TYPES:
        return '[%s] = { .type = %s },' % (name, TYPES[kind])
    if kind == 'string':
        if 'max-len' in checks:
            return '[%s] = { .type = NLA_NUL_STRING, .maxlen = %d },' % (
                name, checks['max-len'] + 1)
        return '[%s] = { .type = NLA_NUL_STRING },' % name
    if kind == 'binary':
        if 'exact-len' in checks:
            n = checks['exact-len']
            if isinstance(n, str):  # a constant: the uapi header's name
                n = c_upper('vnet-' + n)
            return '[%s] = { .minlen = %s, .maxlen = %s },' % (name, n, n)
        return None
    if kind in ('pad', 'unused'):
        return None
    sys.exit('ynl-libnl: %s: no libnl policy for type %s' % (name, kind))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('spec')
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument('--header', action='store_true')
    mode.add_argument('--source', action='store_true')
    parser.add_argument('-o', dest='out', required=True)
    args = parser.parse_args()

    with open(args.spec) as f:
        spec = yaml.safe_load(f)
    sets = [s for s in spec['attribute-sets'] if 'subset-of' not in s]
    lines = ['/* SPDX-License-Identifier: GPL-2.0 */' if args.header
             else '// SPDX-License-Identifier: GPL-2.0',
             '/* Do not edit: scripts/ynl-libnl.py writes it from */',
             '/*\tDocumentation/netlink/specs/vnet.yaml (make regen) */',
             '']
    if args.header:
        lines += ['#ifndef VNET_POLICY_GEN_H', '#define VNET_POLICY_GEN_H', '',
                  '#include <netlink/attr.h>', '#include <linux/vnet.h>', '']
        for aset in sets:
            lines.append('extern struct nla_policy %s[%s + 1];' % (
                policy_name(aset), c_upper(aset['attr-max-name'])))
        lines += ['', '#endif']
    else:
        lines += ['#include "policy_gen.h"']
        for aset in sets:
            lines += ['', 'struct nla_policy %s[%s + 1] = {' % (
                policy_name(aset), c_upper(aset['attr-max-name']))]
            for attr in aset['attributes']:
                e = entry(aset, attr)
                if e:
                    lines.append('\t' + e)
            lines.append('};')
    with open(args.out, 'w') as f:
        f.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    main()
