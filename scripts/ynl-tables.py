#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Two tables the kernel's YNL generator does not write, from the spec.

usage: ynl-tables.py SPEC --reported|--fuzz|--stats -o OUT

--reported  kmod/netlink_reported_gen.h: per top-level nest, the members a
            request may not carry. The generated nest policies type every
            member, replies' too; a member whose doc says "reported only"
            (the spec's own words for it) is refused in requests by
            kmod/netlink.c's pre_doit with this mask.
--fuzz      tests/tools/nlfuzz_gen.h: every attribute set as the netlink
            fuzzer needs it (each member's wire type, length and nest, and
            its name, from which the fuzzer picks a pool of names), and per
            command the top-level attributes its request takes.
--stats     kmod/stats_gen.h: each counter's name as ethtool -S prints
            it (the spec's name, with underscores as drivers spell them).
"""
import argparse
import re
import sys

import yaml

REPORTED = re.compile(r'\b[Rr]eported only\.')

# The fuzzer's wire types (tests/tools/nlfuzz.c reads them).
FUZZ_TYPES = {'u8': 'NF_U8', 'u16': 'NF_U16', 'u32': 'NF_U32',
              'u64': 'NF_U64', 'string': 'NF_STR', 'binary': 'NF_BIN',
              'flag': 'NF_FLAG', 'nest': 'NF_NEST'}


def c_upper(name):
    return name.upper().replace('-', '_')


def c_lower(name):
    return name.lower().replace('-', '_')


def attr_const(aset, attr):
    return c_upper(aset['name-prefix'] + attr['name'])


def header(out_guard, lines):
    return (['/* SPDX-License-Identifier: GPL-2.0 */',
             '/* Do not edit: scripts/ynl-tables.py writes it from */',
             '/*\tDocumentation/netlink/specs/vnet.yaml (make regen) */',
             '', '#ifndef ' + out_guard, '#define ' + out_guard, ''] +
            lines + ['', '#endif'])


def reported(sets):
    top = sets['vnet']
    lines = ['/* Per top-level attribute, its nest\'s reported-only members. */',
             'static const u32 vnet_reported_only[VNET_ATTR_MAX + 1] = {']
    for attr in top['attributes']:
        if attr['type'] != 'nest':
            continue
        nest = sets[attr['nested-attributes']]
        bits = ['BIT(%s)' % attr_const(nest, m) for m in nest['attributes']
                if REPORTED.search(m.get('doc') or '')]
        if not bits or REPORTED.search(attr.get('doc') or ''):
            continue	# nothing to refuse, or no request takes it at all
        if len(nest['attributes']) > 32:
            sys.exit('ynl-tables: %s: more than 32 members' % nest['name'])
        lines.append('\t[%s] = %s,' % (attr_const(top, attr),
                                      ' |\n\t\t'.join(bits)))
    lines.append('};')
    return header('VNET_NETLINK_REPORTED_GEN_H', lines)


def fuzz_type(attr):
    kind = attr['type']
    if kind == 'u32' and attr.get('byte-order') == 'big-endian':
        return 'NF_BE32'
    if kind in ('pad', 'unused'):
        return None
    if kind not in FUZZ_TYPES:
        sys.exit('ynl-tables: %s: no fuzzer type for %s' % (attr['name'], kind))
    return FUZZ_TYPES[kind]


def fuzz(spec, sets):
    lines = ['enum nf_type { NF_NONE, NF_U8, NF_U16, NF_U32, NF_BE32, NF_U64,',
             '\t       NF_STR, NF_BIN, NF_FLAG, NF_NEST };', '',
             'struct nf_set;', '',
             '/* len: a string\'s max-len, a binary\'s exact-len (0: any). */',
             'struct nf_attr {', '\tenum nf_type type;', '\tunsigned int len;',
             '\tconst char *name;', '\tconst struct nf_set *nest;', '};', '',
             'struct nf_set {', '\tconst char *name;', '\tint max;',
             '\tconst struct nf_attr *attrs;', '};', '']
    # Nested sets first, so each table can point at the ones it nests.
    order, seen = [], set()

    def visit(name):
        if name in seen:
            return
        seen.add(name)
        for a in sets[name]['attributes']:
            if a['type'] == 'nest':
                visit(a['nested-attributes'])
        order.append(name)

    for name in sets:
        visit(name)
    for name in order:
        aset = sets[name]
        var = 'nf_' + c_lower(name)
        lines.append('static const struct nf_attr %s_attrs[%s + 1] = {' % (
            var, c_upper(aset['attr-max-name'])))
        for attr in aset['attributes']:
            t = fuzz_type(attr)
            if not t:
                continue
            checks = attr.get('checks', {})
            n = checks.get('max-len', checks.get('exact-len', 0))
            if isinstance(n, str):  # a constant of the spec's definitions
                n = next(d['value'] for d in spec['definitions']
                         if d['name'] == n)
            nest = ', &nf_%s' % c_lower(attr['nested-attributes']) \
                if t == 'NF_NEST' else ''
            lines.append('\t[%s] = { %s, %d, "%s"%s },' % (
                attr_const(aset, attr), t, n, attr['name'], nest))
        lines += ['};', '',
                  'static const struct nf_set %s = { "%s", %s, %s_attrs };' % (
                      var, name, c_upper(aset['attr-max-name']), var), '']
    lines += ['/* What each command\'s request takes: its do\'s, else its dump\'s. */',
              'static const unsigned char nf_cmd_attrs[][16] = {']
    top = sets['vnet']
    top_const = {a['name']: attr_const(top, a) for a in top['attributes']}
    for op in spec['operations']['list']:
        if 'do' not in op and 'dump' not in op:
            continue	# an event
        req = (op.get('do') or op.get('dump')).get('request', {})
        names = req.get('attributes', [])
        if len(names) >= 16:
            sys.exit('ynl-tables: %s: too many request attributes' % op['name'])
        consts = [top_const[n] for n in names]
        lines.append('\t[%s] = { %s },' % (
            c_upper(spec['operations']['name-prefix'] + op['name']),
            ', '.join(consts + ['0'])))
    lines.append('};')
    return header('VNET_NLFUZZ_GEN_H', lines)


def stats(sets):
    aset = sets['stats']
    lines = ['/* ethtool -S\'s name of each counter, indexed by enum vnet_stats. */',
             'static const char vnet_stats_names[VNET_STATS_MAX + 1][ETH_GSTRING_LEN] = {']
    for attr in aset['attributes']:
        if attr['type'] in ('unused', 'pad'):
            continue
        if attr['type'] != 'u64':	# the driver copies a u64 array
            sys.exit('ynl-tables: stats: %s: not a u64' % attr['name'])
        name = c_lower(attr['name'])
        if len(name) >= 32:	# ETH_GSTRING_LEN
            sys.exit('ynl-tables: stats: %s: name too long' % attr['name'])
        lines.append('\t[%s] = "%s",' % (attr_const(aset, attr), name))
    lines.append('};')
    return header('VNET_STATS_GEN_H', lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('spec')
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument('--reported', action='store_true')
    mode.add_argument('--fuzz', action='store_true')
    mode.add_argument('--stats', action='store_true')
    parser.add_argument('-o', dest='out', required=True)
    args = parser.parse_args()

    with open(args.spec) as f:
        spec = yaml.safe_load(f)
    sets = {s['name']: s for s in spec['attribute-sets']
            if 'subset-of' not in s}
    if args.reported:
        lines = reported(sets)
    elif args.stats:
        lines = stats(sets)
    else:
        lines = fuzz(spec, sets)
    with open(args.out, 'w') as f:
        f.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    main()
