// SPDX-License-Identifier: GPL-2.0
/*
 * Connection commands of the "vnet" genl family: a vfirewall's connection
 * table. A dump copies the live connections once when it starts and sends
 * from that copy, so a table of a million entries is read in one linear
 * pass however many messages the dump takes.
 */
#include <net/sock.h>
#include "vnet.h"

struct vnet_conn_dump {
	int ifindex;
	u32 count, sent;
	struct vnet_conn_info conns[];
};

/* The first part of a dump: copy the table. */
static int vnet_conn_dump_begin(struct netlink_callback *cb)
{
	const struct genl_dumpit_info *info = genl_dumpit_info(cb);
	struct vnet_conn_dump *d;
	struct vnet_dev *vd;
	u32 max;
	int err = 0;

	rtnl_lock();
	vd = vnet_fw_request(sock_net(cb->skb->sk), info->attrs, cb->extack);
	if (IS_ERR(vd)) {
		err = PTR_ERR(vd);
		goto out;
	}
	/* Room for what may be created while the copy is made. */
	max = min(vnet_ct_count(vd) + 64, VNET_CONN_LIMIT);
	d = kvmalloc(struct_size(d, conns, max), GFP_KERNEL);
	if (!d) {
		err = -ENOMEM;
		goto out;
	}
	d->ifindex = vd->dev->ifindex;
	d->sent = 0;
	d->count = vnet_ct_snapshot(vd, d->conns, max);
	cb->args[0] = (long)d;
out:
	rtnl_unlock();
	return err;
}

int vnet_nl_conn_done(struct netlink_callback *cb)
{
	kvfree((void *)cb->args[0]);
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

int vnet_nl_conn_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct vnet_conn_dump *d;
	int err;

	if (!cb->args[0]) {
		err = vnet_conn_dump_begin(cb);
		if (err)
			return err;
	}
	d = (void *)cb->args[0];

	for (; d->sent < d->count; d->sent++) {
		void *hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
					cb->nlh->nlmsg_seq, &vnet_genl_family,
					NLM_F_MULTI, VNET_CMD_CONN_GET);

		if (!hdr)
			break;
		if (nla_put_u32(skb, VNET_ATTR_IFINDEX, d->ifindex) ||
		    vnet_conn_fill(skb, &d->conns[d->sent])) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
	}
	return skb->len;
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
