// SPDX-License-Identifier: GPL-2.0
/*
 * Connection commands of the "vnet" genl family: a vfirewall's connection
 * table, or the connections a vrouter translates. A dump reads the table
 * from a cursor (conntrack.c), a message at a time: what it holds is the
 * same few bytes whatever the table's size, and a dump that waits for its
 * reader holds no lock and no device. Only CAP_NET_ADMIN over the
 * namespace may dump, as with ctnetlink: the connections are other users'
 * traffic.
 */
#include <net/sock.h>
#include "netlink.h"

/* One call's output: where each connection goes. */
struct vnet_conn_out {
	struct sk_buff *skb;
	struct netlink_callback *cb;
	struct vnet_ct_cursor *cur;
};

/* The first call of a dump: place a cursor at the start of the table. */
static int vnet_conn_dump_begin(struct netlink_callback *cb)
{
	struct vnet_ct_cursor *cur;
	struct vnet_dev *vd;
	int err;

	cur = kzalloc(sizeof(*cur), GFP_KERNEL_ACCOUNT);
	if (!cur)
		return -ENOMEM;
	rtnl_lock();
	vd = vnet_dump_dev(cb, VNET_NL_CONNS);
	err = IS_ERR(vd) ? PTR_ERR(vd) : vnet_ct_cursor_open(vd, cur);
	rtnl_unlock();
	if (err) {
		kfree(cur);
		return err;
	}
	vnet_dump(cb)->priv = cur;
	return 0;
}

int vnet_nl_conn_done(struct netlink_callback *cb)
{
	struct vnet_ct_cursor *cur = vnet_dump(cb)->priv;

	if (cur) {
		vnet_ct_cursor_close(cur);
		kfree(cur);
	}
	return 0;
}

/* A connection and the index of its device, a vnet_fill_t. */
struct vnet_conn_ref {
	int ifindex;
	const struct vnet_conn_info *conn;
};

static int vnet_conn_fill(struct sk_buff *skb, const void *obj)
{
	const struct vnet_conn_ref *ref = obj;
	const struct vnet_conn_info *c = ref->conn;
	const struct vnet_ct_tuple *t = &c->tuple;
	struct nlattr *nest;
	u16 sport = ntohs(t->sport), dport = ntohs(t->dport);

	/* An ICMP echo connection is named by its id alone. */
	if (t->icmp_role)
		dport = 0;
	if (nla_put_u32(skb, VNET_ATTR_IFINDEX, ref->ifindex))
		return -EMSGSIZE;
	nest = nla_nest_start(skb, VNET_ATTR_CONN);
	if (!nest ||
	    nla_put_u8(skb, VNET_CONN_PROTO, t->proto) ||
	    (t->family == AF_INET ?
	     nla_put_in_addr(skb, VNET_CONN_SRC, t->src.s6_addr32[0]) ||
	     nla_put_in_addr(skb, VNET_CONN_DST, t->dst.s6_addr32[0]) :
	     nla_put_in6_addr(skb, VNET_CONN_SRC6, &t->src) ||
	     nla_put_in6_addr(skb, VNET_CONN_DST6, &t->dst)) ||
	    nla_put_u16(skb, VNET_CONN_SPORT, sport) ||
	    nla_put_u16(skb, VNET_CONN_DPORT, dport) ||
	    (t->vlan && nla_put_u16(skb, VNET_CONN_VLAN, t->vlan)) ||
	    (t->proto == IPPROTO_TCP &&
	     nla_put_u8(skb, VNET_CONN_TCP_STATE, c->tcp_state)) ||
	    nla_put_u8(skb, VNET_CONN_REPLIED, c->replied) ||
	    nla_put_u32(skb, VNET_CONN_TIMEOUT, c->timeout_ms) ||
	    nla_put_u64_64bit(skb, VNET_CONN_PACKETS, c->packets,
			      VNET_CONN_PAD))
		return -EMSGSIZE;
	/* A translated one: what its replies carry (NAT is IPv4 only); an
	 * echo's id in sport, as the connection's own.
	 */
	if (c->nat &&
	    (nla_put_in_addr(skb, VNET_CONN_REPLY_SRC,
			     c->reply.src.s6_addr32[0]) ||
	     nla_put_in_addr(skb, VNET_CONN_REPLY_DST,
			     c->reply.dst.s6_addr32[0]) ||
	     nla_put_u16(skb, VNET_CONN_REPLY_SPORT,
			 ntohs(c->reply.icmp_role ? c->reply.dport :
						    c->reply.sport)) ||
	     nla_put_u16(skb, VNET_CONN_REPLY_DPORT,
			 c->reply.icmp_role ? 0 : ntohs(c->reply.dport))))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/*
 * One connection, one message. The dump is flagged interrupted when a
 * table resize rewound the cursor between two of its messages, as the
 * connections after it may then repeat ones sent or miss some; cb->seq
 * counts those rewinds (one per resize, which takes a grace period: the
 * count cannot wrap within a dump).
 */
static int vnet_conn_emit(const struct vnet_conn_info *c, void *arg)
{
	struct vnet_conn_out *out = arg;
	struct vnet_conn_ref ref = {
		.ifindex = vnet_dump(out->cb)->ifindex,
		.conn = c,
	};

	out->cb->seq = out->cur->restarts + 1;
	return vnet_dump_one(out->skb, out->cb, VNET_CMD_CONN_GET, NULL,
			     vnet_conn_fill, &ref);
}

/*
 * The cursor lives in pos->priv from the first call to .done; the device
 * is not locked meanwhile (the walk holds no RTNL: see conntrack.c).
 */
int vnet_nl_conn_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct vnet_conn_out out = { .skb = skb, .cb = cb };
	int err;

	if (!vnet_dump(cb)->priv) {
		err = vnet_conn_dump_begin(cb);
		if (err)
			return err;
	}
	out.cur = vnet_dump(cb)->priv;
	err = vnet_ct_cursor_walk(out.cur, vnet_conn_emit, &out);
	if (err == -ENODEV)
		NL_SET_ERR_MSG(cb->extack,
			       "the device was deleted during the dump");
	return vnet_dump_end(skb, err);
}

int vnet_nl_conn_flush(struct sk_buff *skb, struct genl_info *info)
{
	vnet_ct_flush(vnet_nl_dev(info));
	return 0;
}
