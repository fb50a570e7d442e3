// SPDX-License-Identifier: LGPL-2.1
/* A vswitch's VLANs: sets of VLAN IDs as text, and the vlan nest. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nl.h"

static int vid_parse(const char *s, char **end)
{
	long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtol(s, end, 10);
	if (errno || v < 1 || v > VNET_VLAN_VID_MAX)
		return -1;
	return v;
}

/* "10", "10,20-30": every VID 1 to 4094, into @bits (cleared first). */
int vnet_vlan_ids_parse(const char *str, uint8_t *bits)
{
	const char *s = str;

	memset(bits, 0, VNET_VLAN_BITMAP_LEN);
	for (;;) {
		char *end;
		int lo = vid_parse(s, &end), hi = lo, v;

		if (lo < 0)
			goto bad;
		if (*end == '-') {
			hi = vid_parse(end + 1, &end);
			if (hi < lo)
				goto bad;
		}
		for (v = lo; v <= hi; v++)
			bits[v / 8] |= 1u << (v % 8);
		if (!*end)
			return 0;
		if (*end != ',')
			goto bad;
		s = end + 1;
	}
bad:
	memset(bits, 0, VNET_VLAN_BITMAP_LEN);
	return -1;
}

static bool vid_in(const uint8_t *bits, int v)
{
	return v > 0 && v <= VNET_VLAN_VID_MAX && (bits[v / 8] & (1u << (v % 8)));
}

/*
 * @bits as "10,20-30" in @buf ("" if none); -1, and "" if @len allows, if
 * @len is too short.
 */
int vnet_vlan_ids_format(const uint8_t *bits, char *buf, size_t len)
{
	size_t at = 0;
	int v = 1;

	if (!len)
		return -1;
	buf[0] = '\0';
	while (v <= VNET_VLAN_VID_MAX) {
		int lo = v, n;

		if (!vid_in(bits, v)) {
			v++;
			continue;
		}
		while (vid_in(bits, v + 1))
			v++;
		if (lo == v)
			n = snprintf(buf + at, len - at, "%s%d", at ? "," : "", lo);
		else
			n = snprintf(buf + at, len - at, "%s%d-%d", at ? "," : "", lo, v);
		if (n < 0 || (size_t)n >= len - at) {
			buf[0] = '\0';
			return -1;
		}
		at += n;
		v++;
	}
	return 0;
}

const char *vnet_vlan_mode_name(int mode)
{
	static const char *const names[] = { "none", "access", "trunk" };

	return mode >= 0 && mode <= VNET_VLAN_MODE_TRUNK ? names[mode] : "unknown";
}

int vnet_vlan_put(struct nl_msg *msg, int attrtype,
		  const struct vnet_vlan_info *vl)
{
	struct nlattr *nest = nla_nest_start(msg, attrtype);

	if (!nest || nla_put_u8(msg, VNET_VLAN_MODE, vl->mode) ||
	    (vl->vid && nla_put_u16(msg, VNET_VLAN_VID, vl->vid)) ||
	    (vl->mode == VNET_VLAN_MODE_TRUNK &&
	     nla_put(msg, VNET_VLAN_TRUNK, VNET_VLAN_BITMAP_LEN, vl->trunk)))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

bool vnet_vlan_info_parse(struct nlattr *nest, struct vnet_vlan_info *vl)
{
	struct nlattr *tb[VNET_VLAN_MAX + 1];

	memset(vl, 0, sizeof(*vl));
	if (!nest || nla_parse_nested(tb, VNET_VLAN_MAX, nest, vnet_vlan_policy))
		return false;
	if (tb[VNET_VLAN_MODE])
		vl->mode = nla_get_u8(tb[VNET_VLAN_MODE]);
	if (tb[VNET_VLAN_VID])
		vl->vid = nla_get_u16(tb[VNET_VLAN_VID]);
	if (tb[VNET_VLAN_TRUNK])
		memcpy(vl->trunk, nla_data(tb[VNET_VLAN_TRUNK]), VNET_VLAN_BITMAP_LEN);
	return true;
}
