// SPDX-License-Identifier: GPL-2.0
/*
 * Connection commands of the "vnet" genl family: a vfirewall's connection
 * table. A dump reads the table from a cursor (conntrack.c), a message at
 * a time: what it holds is the same few bytes whatever the table's size,
 * and a dump that waits for its reader holds no lock and no device. Only
 * CAP_NET_ADMIN over the namespace may dump, as with ctnetlink: the
 * connections are other users' traffic.
 */
#include <net/sock.h>
#include "vnet.h"

struct vnet_conn_dump {
	struct vnet_ct_cursor cur;
	int ifindex;
};

/* What lives in cb->ctx: the dump, allocated at its first call. */
struct vnet_conn_dump_ctx {
	struct vnet_conn_dump *d;
};

/* One call's output: where each connection goes. */
struct vnet_conn_out {
	struct sk_buff *skb;
	struct netlink_callback *cb;
	struct vnet_conn_dump *d;
};

static struct vnet_conn_dump_ctx *vnet_conn_ctx(struct netlink_callback *cb)
{
	BUILD_BUG_ON(sizeof(struct vnet_conn_dump_ctx) > sizeof(cb->ctx));
	return (struct vnet_conn_dump_ctx *)cb->ctx;
}

/* The first call of a dump: place a cursor at the start of the table. */
static int vnet_conn_dump_begin(struct netlink_callback *cb)
{
	const struct genl_dumpit_info *info = genl_dumpit_info(cb);
	struct vnet_conn_dump *d;
	struct vnet_dev *vd;
	int err;

	d = kzalloc(sizeof(*d), GFP_KERNEL_ACCOUNT);
	if (!d)
		return -ENOMEM;
	rtnl_lock();
	vd = vnet_fw_request(sock_net(cb->skb->sk), info->attrs, cb->extack);
	if (IS_ERR(vd)) {
		err = PTR_ERR(vd);
	} else {
		d->ifindex = vd->dev->ifindex;
		err = vnet_ct_cursor_open(vd, &d->cur);
	}
	rtnl_unlock();
	if (err) {
		kfree(d);
		return err;
	}
	vnet_conn_ctx(cb)->d = d;
	return 0;
}

int vnet_nl_conn_done(struct netlink_callback *cb)
{
	struct vnet_conn_dump *d = vnet_conn_ctx(cb)->d;

	if (d) {
		vnet_ct_cursor_close(&d->cur);
		kfree(d);
	}
	return 0;
}

static int vnet_conn_fill(struct sk_buff *skb, const struct vnet_conn_info *c)
{
	const struct vnet_ct_tuple *t = &c->tuple;
	struct nlattr *nest = nla_nest_start(skb, VNET_ATTR_CONN);
	u16 sport = ntohs(t->sport), dport = ntohs(t->dport);

	/* An ICMP echo connection is named by its id alone. */
	if (t->proto == IPPROTO_ICMP)
		dport = 0;
	if (!nest ||
	    nla_put_u8(skb, VNET_CONN_PROTO, t->proto) ||
	    nla_put_in_addr(skb, VNET_CONN_SRC, t->src) ||
	    nla_put_in_addr(skb, VNET_CONN_DST, t->dst) ||
	    nla_put_u16(skb, VNET_CONN_SPORT, sport) ||
	    nla_put_u16(skb, VNET_CONN_DPORT, dport) ||
	    (t->proto == IPPROTO_TCP &&
	     nla_put_u8(skb, VNET_CONN_TCP_STATE, c->tcp_state)) ||
	    nla_put_u8(skb, VNET_CONN_REPLIED, c->replied) ||
	    nla_put_u32(skb, VNET_CONN_TIMEOUT, c->timeout_ms) ||
	    nla_put_u64_64bit(skb, VNET_CONN_PACKETS, c->packets,
			      VNET_CONN_PAD))
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
	struct netlink_callback *cb = out->cb;
	void *hdr;

	hdr = genlmsg_put(out->skb, NETLINK_CB(cb->skb).portid,
			  cb->nlh->nlmsg_seq, &vnet_genl_family, NLM_F_MULTI,
			  VNET_CMD_CONN_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(out->skb, VNET_ATTR_IFINDEX, out->d->ifindex) ||
	    vnet_conn_fill(out->skb, c)) {
		genlmsg_cancel(out->skb, hdr);
		return -EMSGSIZE;
	}
	/* Only for a message that stays: it moves cb->prev_seq on. */
	cb->seq = out->d->cur.restarts + 1;
	genl_dump_check_consistent(cb, hdr);
	genlmsg_end(out->skb, hdr);
	return 0;
}

int vnet_nl_conn_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct vnet_conn_out out = { .skb = skb, .cb = cb };
	int err;

	if (!vnet_conn_ctx(cb)->d) {
		err = vnet_conn_dump_begin(cb);
		if (err)
			return err;
	}
	out.d = vnet_conn_ctx(cb)->d;
	err = vnet_ct_cursor_walk(&out.d->cur, vnet_conn_emit, &out);
	if (err == -ENODEV)
		NL_SET_ERR_MSG(cb->extack,
			       "the device was deleted during the dump");
	return vnet_dump_end(skb, err);
}

int vnet_nl_conn_flush(struct sk_buff *skb, struct genl_info *info)
{
	struct vnet_dev *vd;
	int err = 0;

	rtnl_lock();
	vd = vnet_fw_request(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(vd))
		err = PTR_ERR(vd);
	else
		vnet_ct_flush(vd);
	rtnl_unlock();
	return err;
}
