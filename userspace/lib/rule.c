// SPDX-License-Identifier: LGPL-2.1
/*
 * A vfirewall's rules: the rule grammar (shared by "rule add" and rule
 * files), add, delete, flush, replace the whole list, dump.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include "nl.h"

static const char *const action_names[] = {
	[VNET_VERDICT_ACCEPT] = "accept",
	[VNET_VERDICT_DROP] = "drop",
	[VNET_VERDICT_REJECT] = "reject",
};

const char *vnet_action_name(int action)
{
	if (action < 0 || action > VNET_VERDICT_MAX)
		return "unknown";
	return action_names[action];
}

static const char *const conn_state_names[] = {
	[VNET_CONN_STATE_NEW] = "new",
	[VNET_CONN_STATE_ESTABLISHED] = "established",
	[VNET_CONN_STATE_RELATED] = "related",
	[VNET_CONN_STATE_INVALID] = "invalid",
};

const char *vnet_conn_state_name(int state)
{
	if (state < VNET_CONN_STATE_NEW || state > VNET_CONN_STATE_MAX)
		return "unknown";
	return conn_state_names[state];
}

static int rule_err(char *err, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int rule_err(char *err, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
	return -1;
}

static int parse_num(const char *s, unsigned long max, unsigned long *out)
{
	char *end;

	if (!s[0] || strspn(s, "0123456789") != strlen(s) || strlen(s) > 10)
		return -1;
	*out = strtoul(s, &end, 10);
	return *out > max ? -1 : 0;
}

static int parse_range(const char *s, uint16_t *lo, uint16_t *hi)
{
	char buf[16], *dash;
	unsigned long a, b;

	if (strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	dash = strchr(buf, '-');
	if (dash)
		*dash = '\0';
	if (parse_num(buf, 65535, &a))
		return -1;
	b = a;
	if (dash && parse_num(dash + 1, 65535, &b))
		return -1;
	*lo = a;
	*hi = b;
	return 0;
}

const char *vnet_proto_name(uint8_t proto, char *buf, size_t len)
{
	switch (proto) {
	case 6:
		return "tcp";
	case 17:
		return "udp";
	case 1:
		return "icmp";
	case 58:
		return "icmpv6";
	default:
		snprintf(buf, len, "%u", proto);
		return buf;
	}
}

static int parse_proto(const char *s, uint8_t *proto)
{
	unsigned long n;

	if (!strcmp(s, "tcp"))
		*proto = 6;
	else if (!strcmp(s, "udp"))
		*proto = 17;
	else if (!strcmp(s, "icmp"))
		*proto = 1;
	else if (!strcmp(s, "icmpv6"))
		*proto = 58;
	else if (!parse_num(s, 255, &n))
		*proto = n;
	else
		return -1;
	return 0;
}

static int parse_port_name(const char *s, char *out)
{
	if (!s[0] || strlen(s) >= IF_NAMESIZE)
		return -1;
	strcpy(out, s);
	return 0;
}

/*
 * One keyword of the rule grammar: the attribute it sets, and how its
 * value is read into a rule (0, or -1 with the message in @err).
 */
struct rule_keyword {
	const char *name;
	int attr;
	int attr6;		/* a prefix's attribute when it is IPv6 */
	int (*parse)(const struct rule_keyword *kw, const char *val,
		     struct vnet_rule *r, char *err, size_t errlen);
};

static int kw_index(const struct rule_keyword *kw, const char *val,
		    struct vnet_rule *r, char *err, size_t errlen)
{
	unsigned long n;

	(void)kw;
	if (parse_num(val, UINT32_MAX, &n) || !n)
		return rule_err(err, errlen,
				"invalid index \"%s\": expected 1 or more", val);
	r->index = n;
	return 0;
}

static int kw_port(const struct rule_keyword *kw, const char *val,
		   struct vnet_rule *r, char *err, size_t errlen)
{
	if (parse_port_name(val, kw->attr == VNET_RULE_IN ? r->in : r->out))
		return rule_err(err, errlen, "invalid port \"%s\"", val);
	return 0;
}

/* Are bits of @addr (@bytes long) set past the first @plen? */
static bool host_bits(const uint8_t *addr, size_t bytes, unsigned int plen)
{
	size_t i;

	for (i = 0; i < bytes; i++) {
		unsigned int bits = plen > 8 * i ? plen - 8 * i : 0;

		if (bits < 8 && (addr[i] & (0xff >> bits)))
			return true;
	}
	return false;
}

/* An IPv4 or IPv6 prefix; an IPv6 one sets the keyword's attr6 instead. */
static int kw_prefix(const struct rule_keyword *kw, const char *val,
		     struct vnet_rule *r, char *err, size_t errlen)
{
	bool src = kw->attr == VNET_RULE_SRC;
	uint32_t *addr = src ? &r->src : &r->dst;
	uint8_t *addr6 = src ? r->src6 : r->dst6;
	uint8_t *plen = src ? &r->src_len : &r->dst_len;

	if (strchr(val, ':')) {
		if (vnet_prefix6_parse(val, addr6, plen, false))
			return rule_err(err, errlen,
					"invalid prefix \"%s\": expected an IPv6 address[/LEN]", val);
		if (host_bits(addr6, 16, *plen))
			return rule_err(err, errlen,
					"invalid prefix \"%s\": bits set past its length", val);
		return kw->attr6;
	}
	if (vnet_prefix_parse(val, addr, plen, false))
		return rule_err(err, errlen,
				"invalid prefix \"%s\": expected A.B.C.D[/LEN] or an IPv6 prefix", val);
	if (host_bits((const uint8_t *)addr, 4, *plen))
		return rule_err(err, errlen,
				"invalid prefix \"%s\": bits set past its length", val);
	return 0;
}

static int kw_proto(const struct rule_keyword *kw, const char *val,
		    struct vnet_rule *r, char *err, size_t errlen)
{
	(void)kw;
	if (parse_proto(val, &r->proto))
		return rule_err(err, errlen,
				"invalid protocol \"%s\": expected tcp, udp, icmp, icmpv6 or 0-255", val);
	return 0;
}

static int kw_ports(const struct rule_keyword *kw, const char *val,
		    struct vnet_rule *r, char *err, size_t errlen)
{
	bool src = kw->attr == VNET_RULE_SPORT_MIN;
	uint16_t *lo = src ? &r->sport_min : &r->dport_min;
	uint16_t *hi = src ? &r->sport_max : &r->dport_max;

	if (parse_range(val, lo, hi))
		return rule_err(err, errlen,
				"invalid port range \"%s\": expected P or P-P, 0-65535", val);
	if (*lo > *hi)
		return rule_err(err, errlen,
				"invalid port range \"%s\": first port after last", val);
	return 0;
}

static int kw_icmp_type(const struct rule_keyword *kw, const char *val,
			struct vnet_rule *r, char *err, size_t errlen)
{
	unsigned long n;

	(void)kw;
	if (parse_num(val, 255, &n))
		return rule_err(err, errlen,
				"invalid ICMP type \"%s\": expected 0-255", val);
	r->icmp_type = n;
	return 0;
}

static int kw_state(const struct rule_keyword *kw, const char *val,
		    struct vnet_rule *r, char *err, size_t errlen)
{
	int a;

	(void)kw;
	for (a = VNET_CONN_STATE_NEW; a <= VNET_CONN_STATE_MAX; a++) {
		if (!strcmp(val, vnet_conn_state_name(a))) {
			r->state = a;
			return 0;
		}
	}
	return rule_err(err, errlen,
			"invalid state \"%s\": expected new, established, related or invalid",
			val);
}

static int kw_vlan(const struct rule_keyword *kw, const char *val,
		   struct vnet_rule *r, char *err, size_t errlen)
{
	unsigned long n;

	(void)kw;
	if (parse_num(val, VNET_VLAN_VID_MAX, &n))
		return rule_err(err, errlen,
				"invalid VLAN \"%s\": expected 0-%u (0: untagged)",
				val, VNET_VLAN_VID_MAX);
	r->vlan = n;
	return 0;
}

static int kw_action(const struct rule_keyword *kw, const char *val,
		     struct vnet_rule *r, char *err, size_t errlen)
{
	int a;

	(void)kw;
	for (a = 0; a <= VNET_VERDICT_MAX; a++) {
		if (!strcmp(val, action_names[a])) {
			r->action = a;
			return 0;
		}
	}
	return rule_err(err, errlen,
			"invalid action \"%s\": expected accept, drop or reject", val);
}

static const struct rule_keyword rule_keywords[] = {
	{ "index", VNET_RULE_INDEX, 0, kw_index },
	{ "in", VNET_RULE_IN, 0, kw_port },
	{ "out", VNET_RULE_OUT, 0, kw_port },
	{ "src", VNET_RULE_SRC, VNET_RULE_SRC6, kw_prefix },
	{ "dst", VNET_RULE_DST, VNET_RULE_DST6, kw_prefix },
	{ "proto", VNET_RULE_PROTO, 0, kw_proto },
	{ "sport", VNET_RULE_SPORT_MIN, 0, kw_ports },
	{ "dport", VNET_RULE_DPORT_MIN, 0, kw_ports },
	{ "icmp-type", VNET_RULE_ICMP_TYPE, 0, kw_icmp_type },
	{ "state", VNET_RULE_STATE, 0, kw_state },
	{ "vlan", VNET_RULE_VLAN, 0, kw_vlan },
	{ "action", VNET_RULE_ACTION, 0, kw_action },
};

#define RULE_BIT(attr) (1u << (attr))
#define RULE_V4 (RULE_BIT(VNET_RULE_SRC) | RULE_BIT(VNET_RULE_DST))
#define RULE_V6 (RULE_BIT(VNET_RULE_SRC6) | RULE_BIT(VNET_RULE_DST6))

/*
 * [index N] [in PORT] [out PORT] [src PFX] [dst PFX] [proto P] [sport R]
 * [dport R] [icmp-type T] [state S] [vlan VID] action accept|drop|reject. The kernel
 * checks the rest (ports that exist); this catches what a user mistypes.
 */
int vnet_rule_parse(int argc, char **argv, struct vnet_rule *r, char *err,
		    size_t errlen)
{
	size_t k;
	int i;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < argc; i += 2) {
		const char *key = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
		const struct rule_keyword *kw = NULL;
		int attr;

		if (!val)
			return rule_err(err, errlen, "\"%s\" needs a value", key);
		for (k = 0; k < sizeof(rule_keywords) / sizeof(rule_keywords[0]); k++)
			if (!strcmp(key, rule_keywords[k].name))
				kw = &rule_keywords[k];
		if (!kw)
			return rule_err(err, errlen, "unknown rule keyword \"%s\"", key);
		if (r->present & (RULE_BIT(kw->attr) | (kw->attr6 ? RULE_BIT(kw->attr6) : 0)))
			return rule_err(err, errlen, "\"%s\" given twice", key);
		attr = kw->parse(kw, val, r, err, errlen);
		if (attr < 0)
			return -1;
		r->present |= RULE_BIT(attr ? attr : kw->attr);
	}
	if ((r->present & RULE_V4) && (r->present & RULE_V6))
		return rule_err(err, errlen, "src and dst must be of one family, IPv4 or IPv6");
	if (!(r->present & (1u << VNET_RULE_ACTION)))
		return rule_err(err, errlen, "the rule needs an action (action accept|drop|reject)");
	if ((r->present & ((1u << VNET_RULE_SPORT_MIN) | (1u << VNET_RULE_DPORT_MIN))) &&
	    (!(r->present & (1u << VNET_RULE_PROTO)) || (r->proto != 6 && r->proto != 17)))
		return rule_err(err, errlen, "sport and dport need proto tcp or udp");
	if ((r->present & (1u << VNET_RULE_ICMP_TYPE)) &&
	    (!(r->present & (1u << VNET_RULE_PROTO)) || (r->proto != 1 && r->proto != 58)))
		return rule_err(err, errlen, "icmp-type needs proto icmp or icmpv6");
	if ((r->present & (1u << VNET_RULE_ICMP_TYPE)) &&
	    (r->present & (r->proto == 1 ? RULE_V6 : RULE_V4)))
		return rule_err(err, errlen, "proto %s does not go with %s prefixes",
				r->proto == 1 ? "icmp" : "icmpv6",
				r->proto == 1 ? "IPv6" : "IPv4");
	return 0;
}

static int rule_put(struct nl_msg *msg, const struct vnet_rule *r)
{
	struct nlattr *nest = nla_nest_start(msg, VNET_ATTR_RULE);
	uint32_t p = r->present;

	if (!nest ||
	    ((p & (1u << VNET_RULE_INDEX)) && nla_put_u32(msg, VNET_RULE_INDEX, r->index)) ||
	    ((p & (1u << VNET_RULE_IN)) && nla_put_string(msg, VNET_RULE_IN, r->in)) ||
	    ((p & (1u << VNET_RULE_OUT)) && nla_put_string(msg, VNET_RULE_OUT, r->out)) ||
	    ((p & (1u << VNET_RULE_SRC)) &&
	     (nla_put_u32(msg, VNET_RULE_SRC, r->src) ||
	      nla_put_u8(msg, VNET_RULE_SRC_LEN, r->src_len))) ||
	    ((p & (1u << VNET_RULE_DST)) &&
	     (nla_put_u32(msg, VNET_RULE_DST, r->dst) ||
	      nla_put_u8(msg, VNET_RULE_DST_LEN, r->dst_len))) ||
	    ((p & (1u << VNET_RULE_SRC6)) &&
	     (nla_put(msg, VNET_RULE_SRC6, 16, r->src6) ||
	      nla_put_u8(msg, VNET_RULE_SRC_LEN, r->src_len))) ||
	    ((p & (1u << VNET_RULE_DST6)) &&
	     (nla_put(msg, VNET_RULE_DST6, 16, r->dst6) ||
	      nla_put_u8(msg, VNET_RULE_DST_LEN, r->dst_len))) ||
	    ((p & (1u << VNET_RULE_PROTO)) && nla_put_u8(msg, VNET_RULE_PROTO, r->proto)) ||
	    ((p & (1u << VNET_RULE_SPORT_MIN)) &&
	     (nla_put_u16(msg, VNET_RULE_SPORT_MIN, r->sport_min) ||
	      nla_put_u16(msg, VNET_RULE_SPORT_MAX, r->sport_max))) ||
	    ((p & (1u << VNET_RULE_DPORT_MIN)) &&
	     (nla_put_u16(msg, VNET_RULE_DPORT_MIN, r->dport_min) ||
	      nla_put_u16(msg, VNET_RULE_DPORT_MAX, r->dport_max))) ||
	    ((p & (1u << VNET_RULE_ICMP_TYPE)) &&
	     nla_put_u8(msg, VNET_RULE_ICMP_TYPE, r->icmp_type)) ||
	    ((p & (1u << VNET_RULE_STATE)) &&
	     nla_put_u8(msg, VNET_RULE_STATE, r->state)) ||
	    ((p & (1u << VNET_RULE_VLAN)) &&
	     nla_put_u16(msg, VNET_RULE_VLAN, r->vlan)) ||
	    nla_put_u8(msg, VNET_RULE_ACTION, r->action))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

int vnet_rule_add(struct vnet_ctx *ctx, const char *dev,
		  const struct vnet_rule *r)
{
	struct nl_msg *msg = vnet_dev_msg(ctx, VNET_CMD_RULE_NEW, 0, dev);

	if (!msg)
		return ctx->err;
	if (rule_put(msg, r)) {
		nlmsg_free(msg);
		return vnet_set_error(ctx, -EMSGSIZE, NULL);
	}
	return vnet_request(ctx, msg, NULL, NULL);
}

int vnet_rule_delete(struct vnet_ctx *ctx, const char *dev, uint32_t index)
{
	struct nl_msg *msg = vnet_dev_msg(ctx, VNET_CMD_RULE_DEL, 0, dev);
	struct nlattr *nest;

	if (!msg)
		return ctx->err;
	nest = nla_nest_start(msg, VNET_ATTR_RULE);
	if (!nest || nla_put_u32(msg, VNET_RULE_INDEX, index)) {
		nlmsg_free(msg);
		return vnet_set_error(ctx, -EMSGSIZE, NULL);
	}
	nla_nest_end(msg, nest);
	return vnet_request(ctx, msg, NULL, NULL);
}

int vnet_rule_flush(struct vnet_ctx *ctx, const char *dev)
{
	struct nl_msg *msg = vnet_dev_msg(ctx, VNET_CMD_RULE_FLUSH, 0, dev);

	if (!msg)
		return ctx->err;
	return vnet_request(ctx, msg, NULL, NULL);
}

/*
 * Replace the whole list with @rules in one message, so the kernel swaps
 * it in at once. On a refusal *@bad is the 0-based rule the kernel blamed
 * (-1 if it named none).
 */
int vnet_rule_replace(struct vnet_ctx *ctx, const char *dev,
		      const struct vnet_rule *rules, int count, int *bad)
{
	struct nl_msg *msg;
	unsigned int *start;
	size_t size = 4096 + (size_t)count * 160;
	int i, ret, sndbuf = size + 65536;

	*bad = -1;
	msg = nlmsg_alloc_size(size);
	start = calloc(count ? count : 1, sizeof(*start));
	if (!msg || !start ||
	    !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, ctx->family, 0, 0,
			 VNET_CMD_RULE_REPLACE, VNET_GENL_VERSION) ||
	    nla_put_string(msg, VNET_ATTR_IFNAME, dev))
		goto full;
	for (i = 0; i < count; i++) {
		start[i] = nlmsg_hdr(msg)->nlmsg_len;
		if (rule_put(msg, &rules[i]))
			goto full;
	}
	/* A large set is one large message: make room for it to go. */
	if (setsockopt(nl_socket_get_fd(ctx->sk), SOL_SOCKET, SO_SNDBUFFORCE,
		       &sndbuf, sizeof(sndbuf)))
		setsockopt(nl_socket_get_fd(ctx->sk), SOL_SOCKET, SO_SNDBUF,
			   &sndbuf, sizeof(sndbuf));
	ret = vnet_request(ctx, msg, NULL, NULL);
	for (i = count - 1; ret && ctx->err_offset && i >= 0; i--) {
		if (start[i] <= ctx->err_offset) {
			*bad = i;
			break;
		}
	}
	free(start);
	return ret;
full:
	free(start);
	if (msg)
		nlmsg_free(msg);
	return vnet_set_error(ctx, -EMSGSIZE, "the rule set does not fit in a message");
}

struct rule_list_arg {
	vnet_rule_cb cb;
	void *arg;
};

static int rule_one(struct nlattr **attrs, uint8_t cmd, void *arg)
{
	struct rule_list_arg *la = arg;
	struct nlattr *tb[VNET_RULE_MAX + 1];
	struct vnet_rule r;
	int i;

	(void)cmd;
	memset(&r, 0, sizeof(r));
	if (!attrs[VNET_ATTR_RULE] ||
	    nla_parse_nested(tb, VNET_RULE_MAX, attrs[VNET_ATTR_RULE], vnet_rule_policy))
		return 0;
	for (i = 1; i <= VNET_RULE_MAX; i++)
		if (tb[i])
			r.present |= 1u << i;
	if (tb[VNET_RULE_INDEX])
		r.index = nla_get_u32(tb[VNET_RULE_INDEX]);
	if (tb[VNET_RULE_IN])
		vnet_nla_strcpy(r.in, sizeof(r.in), tb[VNET_RULE_IN]);
	if (tb[VNET_RULE_OUT])
		vnet_nla_strcpy(r.out, sizeof(r.out), tb[VNET_RULE_OUT]);
	if (tb[VNET_RULE_SRC])
		r.src = nla_get_u32(tb[VNET_RULE_SRC]);
	if (tb[VNET_RULE_SRC_LEN])
		r.src_len = nla_get_u8(tb[VNET_RULE_SRC_LEN]);
	if (tb[VNET_RULE_DST])
		r.dst = nla_get_u32(tb[VNET_RULE_DST]);
	if (tb[VNET_RULE_DST_LEN])
		r.dst_len = nla_get_u8(tb[VNET_RULE_DST_LEN]);
	if (tb[VNET_RULE_SRC6])
		memcpy(r.src6, nla_data(tb[VNET_RULE_SRC6]), 16);
	if (tb[VNET_RULE_DST6])
		memcpy(r.dst6, nla_data(tb[VNET_RULE_DST6]), 16);
	if (tb[VNET_RULE_PROTO])
		r.proto = nla_get_u8(tb[VNET_RULE_PROTO]);
	if (tb[VNET_RULE_SPORT_MIN] && tb[VNET_RULE_SPORT_MAX]) {
		r.sport_min = nla_get_u16(tb[VNET_RULE_SPORT_MIN]);
		r.sport_max = nla_get_u16(tb[VNET_RULE_SPORT_MAX]);
	}
	if (tb[VNET_RULE_DPORT_MIN] && tb[VNET_RULE_DPORT_MAX]) {
		r.dport_min = nla_get_u16(tb[VNET_RULE_DPORT_MIN]);
		r.dport_max = nla_get_u16(tb[VNET_RULE_DPORT_MAX]);
	}
	if (tb[VNET_RULE_ICMP_TYPE])
		r.icmp_type = nla_get_u8(tb[VNET_RULE_ICMP_TYPE]);
	if (tb[VNET_RULE_STATE])
		r.state = nla_get_u8(tb[VNET_RULE_STATE]);
	if (tb[VNET_RULE_VLAN])
		r.vlan = nla_get_u16(tb[VNET_RULE_VLAN]);
	if (tb[VNET_RULE_ACTION])
		r.action = nla_get_u8(tb[VNET_RULE_ACTION]);
	if (tb[VNET_RULE_PACKETS])
		r.packets = nla_get_u64(tb[VNET_RULE_PACKETS]);
	if (tb[VNET_RULE_BYTES])
		r.bytes = nla_get_u64(tb[VNET_RULE_BYTES]);
	return la->cb(&r, la->arg);
}

int vnet_rule_list(struct vnet_ctx *ctx, const char *dev, vnet_rule_cb cb,
		   void *arg)
{
	struct nl_msg *msg = vnet_dev_msg(ctx, VNET_CMD_RULE_GET, NLM_F_DUMP, dev);
	struct rule_list_arg la = { cb, arg };

	if (!msg)
		return ctx->err;
	return vnet_request(ctx, msg, rule_one, &la);
}
