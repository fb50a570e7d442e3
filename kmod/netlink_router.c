// SPDX-License-Identifier: GPL-2.0
/* Address, route and neighbour commands of the "vnet" genl family. */
#include <linux/etherdevice.h>
#include <net/sock.h>
#include "vnet.h"

/* The vrouter a request is for; under RTNL. */
static struct vnet_dev *vnet_router_request(struct net *net,
					    struct nlattr **attrs,
					    struct netlink_ext_ack *extack)
{
	struct net_device *dev = vnet_lookup_dev(net, attrs, extack);
	struct vnet_dev *vd;

	if (IS_ERR(dev))
		return ERR_CAST(dev);
	vd = netdev_priv(dev);
	if (!vd->router.ready) {
		NL_SET_ERR_MSG(extack,
			       "only vrouter devices have addresses, routes and neighbours");
		return ERR_PTR(-EOPNOTSUPP);
	}
	return vd;
}

/* Parse the nest @type of @info with @policy into @tb; it is required. */
static int vnet_router_nest(struct genl_info *info, int type, int max,
			    const struct nla_policy *policy, struct nlattr **tb,
			    const char *what)
{
	if (!info->attrs[type]) {
		vnet_set_err(info->extack, NULL, what);
		return -EINVAL;
	}
	return nla_parse_nested(tb, max, info->attrs[type], policy,
				info->extack);
}

/* The port named by @index_attr or @name_attr, if either is given. */
static int vnet_router_port_attr(struct vnet_dev *vd, struct nlattr *index_attr,
				 struct nlattr *name_attr,
				 struct vnet_port **port,
				 struct netlink_ext_ack *extack)
{
	*port = NULL;
	if (!index_attr && !name_attr)
		return 0;
	*port = vnet_router_port(vd, index_attr ? nla_get_u32(index_attr) : 0,
				 index_attr ? NULL : nla_data(name_attr));
	if (!*port) {
		NL_SET_ERR_MSG_ATTR(extack, index_attr ?: name_attr,
				    "no such port");
		return -ENOENT;
	}
	return 0;
}

/* Fill in the header and device of a router message. */
static void *vnet_router_put_header(struct sk_buff *skb, struct vnet_dev *vd,
				    u32 portid, u32 seq, int flags, u8 cmd)
{
	void *hdr = genlmsg_put(skb, portid, seq, &vnet_genl_family, flags,
				cmd);

	if (!hdr)
		return NULL;
	if (nla_put_u32(skb, VNET_ATTR_IFINDEX, vd->dev->ifindex) ||
	    nla_put_string(skb, VNET_ATTR_IFNAME, vd->dev->name)) {
		genlmsg_cancel(skb, hdr);
		return NULL;
	}
	return hdr;
}

static size_t vnet_router_msg_size(void)
{
	return nla_total_size(sizeof(u32))		/* IFINDEX */
	     + nla_total_size(IFNAMSIZ)			/* IFNAME */
	     + nla_total_size(0)			/* the nest */
	     + 3 * nla_total_size(sizeof(u32))		/* addresses, port */
	     + 2 * nla_total_size(sizeof(u8))		/* prefix len, type */
	     + nla_total_size(IFNAMSIZ);		/* port name */
}

/* Announce an address or route change on the monitor group; RTNL. */
static void vnet_router_notify(struct vnet_dev *vd, u8 cmd,
			       int (*fill)(struct sk_buff *skb, const void *obj),
			       const void *obj)
{
	struct net *net = dev_net(vd->dev);
	struct sk_buff *skb;
	void *hdr;

	if (!vnet_genl_has_listeners(net))
		return;
	skb = genlmsg_new(vnet_router_msg_size(), GFP_KERNEL);
	if (!skb)
		return;
	hdr = vnet_router_put_header(skb, vd, 0, 0, 0, cmd);
	if (!hdr || fill(skb, obj)) {
		kfree_skb(skb);
		return;
	}
	genlmsg_end(skb, hdr);
	vnet_genl_multicast(net, skb);
}

/* Addresses */

int vnet_nl_addr_new(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VNET_ADDR_MAX + 1];
	struct vnet_port *port;
	struct vnet_dev *vd;
	int err;

	err = vnet_router_nest(info, VNET_ATTR_ADDR, VNET_ADDR_MAX,
			       vnet_addr_nl_policy, tb, "the address is required");
	if (err)
		return err;
	if (!tb[VNET_ADDR_ADDRESS] || !tb[VNET_ADDR_PREFIXLEN]) {
		NL_SET_ERR_MSG(info->extack,
			       "the address and its prefix length are required");
		return -EINVAL;
	}
	if (!tb[VNET_ADDR_PORT] && !tb[VNET_ADDR_PORT_NAME]) {
		NL_SET_ERR_MSG(info->extack, "the port is required");
		return -EINVAL;
	}
	rtnl_lock();
	vd = vnet_router_request(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(vd)) {
		err = PTR_ERR(vd);
		goto out;
	}
	err = vnet_router_port_attr(vd, tb[VNET_ADDR_PORT],
				    tb[VNET_ADDR_PORT_NAME], &port,
				    info->extack);
	if (!err)
		err = vnet_addr_insert(vd, port,
				       nla_get_in_addr(tb[VNET_ADDR_ADDRESS]),
				       nla_get_u8(tb[VNET_ADDR_PREFIXLEN]),
				       info->extack);
out:
	rtnl_unlock();
	return err;
}

int vnet_nl_addr_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VNET_ADDR_MAX + 1];
	struct vnet_dev *vd;
	int err;

	err = vnet_router_nest(info, VNET_ATTR_ADDR, VNET_ADDR_MAX,
			       vnet_addr_nl_policy, tb, "the address is required");
	if (err)
		return err;
	if (!tb[VNET_ADDR_ADDRESS] || !tb[VNET_ADDR_PREFIXLEN]) {
		NL_SET_ERR_MSG(info->extack,
			       "the address and its prefix length are required");
		return -EINVAL;
	}
	rtnl_lock();
	vd = vnet_router_request(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(vd))
		err = PTR_ERR(vd);
	else
		err = vnet_addr_del(vd, nla_get_in_addr(tb[VNET_ADDR_ADDRESS]),
				    nla_get_u8(tb[VNET_ADDR_PREFIXLEN]),
				    info->extack);
	rtnl_unlock();
	return err;
}

static int vnet_addr_fill(struct sk_buff *skb, const void *obj)
{
	const struct vnet_addr *a = obj;
	struct nlattr *nest = nla_nest_start(skb, VNET_ATTR_ADDR);

	if (!nest ||
	    nla_put_in_addr(skb, VNET_ADDR_ADDRESS, a->addr) ||
	    nla_put_u8(skb, VNET_ADDR_PREFIXLEN, a->plen) ||
	    nla_put_u32(skb, VNET_ADDR_PORT, a->port->index) ||
	    nla_put_string(skb, VNET_ADDR_PORT_NAME, a->port->name))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

void vnet_genl_notify_addr(struct vnet_dev *vd, const struct vnet_addr *a,
			   u8 cmd)
{
	vnet_router_notify(vd, cmd, vnet_addr_fill, a);
}

/* cb->args[0]: addresses sent. A router has few; the list is short. */
int vnet_nl_addr_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	const struct genl_dumpit_info *info = genl_dumpit_info(cb);
	struct vnet_addr *a;
	struct vnet_dev *vd;
	long idx = 0;
	int err = 0;

	rtnl_lock();
	vd = vnet_router_request(sock_net(skb->sk), info->attrs, cb->extack);
	if (IS_ERR(vd)) {
		err = PTR_ERR(vd);
		goto out;
	}
	/*
	 * An address removed between the dump's parts may make it skip or
	 * repeat one (new ones are appended): flag it.
	 */
	cb->seq = vd->router.addr_gen + 1;
	list_for_each_entry(a, &vd->router.addrs, list) {
		void *hdr;

		if (idx++ < cb->args[0])
			continue;
		hdr = vnet_router_put_header(skb, vd,
					     NETLINK_CB(cb->skb).portid,
					     cb->nlh->nlmsg_seq, NLM_F_MULTI,
					     VNET_CMD_ADDR_GET);
		if (hdr)
			genl_dump_check_consistent(cb, hdr);
		if (!hdr || vnet_addr_fill(skb, a)) {
			if (hdr)
				genlmsg_cancel(skb, hdr);
			err = -EMSGSIZE;
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[0] = idx;
	}
out:
	rtnl_unlock();
	return vnet_dump_end(skb, err);
}

/* Routes */

static int vnet_route_fill(struct sk_buff *skb, const void *obj)
{
	const struct vnet_route *rt = obj;
	struct nlattr *nest = nla_nest_start(skb, VNET_ATTR_ROUTE);

	if (!nest ||
	    nla_put_in_addr(skb, VNET_ROUTE_DST, rt->dst) ||
	    nla_put_u8(skb, VNET_ROUTE_PREFIXLEN, rt->plen) ||
	    (rt->gw && nla_put_in_addr(skb, VNET_ROUTE_GATEWAY, rt->gw)) ||
	    nla_put_u32(skb, VNET_ROUTE_PORT, rt->port->index) ||
	    nla_put_string(skb, VNET_ROUTE_PORT_NAME, rt->port->name) ||
	    nla_put_u8(skb, VNET_ROUTE_TYPE, rt->type))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

void vnet_genl_notify_route(struct vnet_dev *vd, const struct vnet_route *rt,
			    u8 cmd)
{
	vnet_router_notify(vd, cmd, vnet_route_fill, rt);
}

struct vnet_route_req {
	__be32 dst, gw;
	u8 plen;
	bool has_plen;
	struct vnet_port *port;
};

/* Parse a route request; the caller holds RTNL and has @vd. */
static int vnet_route_parse(struct vnet_dev *vd, struct nlattr **tb,
			    struct vnet_route_req *req,
			    struct netlink_ext_ack *extack)
{
	memset(req, 0, sizeof(*req));
	if (!tb[VNET_ROUTE_DST]) {
		NL_SET_ERR_MSG(extack, "the destination is required");
		return -EINVAL;
	}
	req->dst = nla_get_in_addr(tb[VNET_ROUTE_DST]);
	if (tb[VNET_ROUTE_PREFIXLEN]) {
		req->plen = nla_get_u8(tb[VNET_ROUTE_PREFIXLEN]);
		req->has_plen = true;
	}
	if (tb[VNET_ROUTE_GATEWAY]) {
		req->gw = nla_get_in_addr(tb[VNET_ROUTE_GATEWAY]);
		if (!req->gw) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VNET_ROUTE_GATEWAY],
					    "the gateway cannot be 0.0.0.0");
			return -EINVAL;
		}
	}
	return vnet_router_port_attr(vd, tb[VNET_ROUTE_PORT],
				     tb[VNET_ROUTE_PORT_NAME], &req->port,
				     extack);
}

static int vnet_nl_route_change(struct genl_info *info, bool add)
{
	struct nlattr *tb[VNET_ROUTE_MAX + 1];
	struct vnet_route_req req;
	struct vnet_dev *vd;
	int err;

	err = vnet_router_nest(info, VNET_ATTR_ROUTE, VNET_ROUTE_MAX,
			       vnet_route_nl_policy, tb, "the route is required");
	if (err)
		return err;
	if (!tb[VNET_ROUTE_PREFIXLEN]) {
		NL_SET_ERR_MSG(info->extack, "the prefix length is required");
		return -EINVAL;
	}
	rtnl_lock();
	vd = vnet_router_request(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(vd)) {
		err = PTR_ERR(vd);
		goto out;
	}
	err = vnet_route_parse(vd, tb, &req, info->extack);
	if (err)
		goto out;
	if (add)
		err = vnet_route_insert(vd, req.dst, req.plen, req.gw, req.port,
					info->extack);
	else
		err = vnet_route_del(vd, req.dst, req.plen, req.gw, req.port,
				     info->extack);
out:
	rtnl_unlock();
	return err;
}

int vnet_nl_route_new(struct sk_buff *skb, struct genl_info *info)
{
	return vnet_nl_route_change(info, true);
}

int vnet_nl_route_del(struct sk_buff *skb, struct genl_info *info)
{
	return vnet_nl_route_change(info, false);
}

/* The route a destination matches (no prefix length), or an exact one. */
int vnet_nl_route_get(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VNET_ROUTE_MAX + 1];
	struct vnet_route_req req;
	struct vnet_route *rt;
	struct sk_buff *msg;
	struct vnet_dev *vd;
	void *hdr;
	int err;

	err = vnet_router_nest(info, VNET_ATTR_ROUTE, VNET_ROUTE_MAX,
			       vnet_route_nl_policy, tb, "the destination is required");
	if (err)
		return err;
	msg = genlmsg_new(vnet_router_msg_size(), GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	rtnl_lock();
	vd = vnet_router_request(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(vd)) {
		err = PTR_ERR(vd);
		goto err;
	}
	err = vnet_route_parse(vd, tb, &req, info->extack);
	if (err)
		goto err;
	rt = req.has_plen ? vnet_lpm_get(&vd->router.routes, req.dst, req.plen) :
	     vnet_lpm_lookup(&vd->router.routes, req.dst);
	if (!rt) {
		vnet_set_err(info->extack, NULL,
			     req.has_plen ? "no such route" :
			     "no route matches the destination");
		err = req.has_plen ? -ESRCH : -ENETUNREACH;
		goto err;
	}
	err = -EMSGSIZE;
	hdr = vnet_router_put_header(msg, vd, info->snd_portid, info->snd_seq,
				     0, VNET_CMD_ROUTE_GET);
	if (!hdr)
		goto err;
	if (vnet_route_fill(msg, rt)) {
		genlmsg_cancel(msg, hdr);
		goto err;
	}
	genlmsg_end(msg, hdr);
	rtnl_unlock();
	return genlmsg_reply(msg, info);

err:
	rtnl_unlock();
	nlmsg_free(msg);
	return err;
}

struct vnet_route_dump_ctx {
	struct sk_buff *skb;
	struct netlink_callback *cb;
	struct vnet_dev *vd;
};

static int vnet_route_dump_one(struct vnet_route *rt, void *arg)
{
	struct vnet_route_dump_ctx *ctx = arg;
	void *hdr;

	hdr = vnet_router_put_header(ctx->skb, ctx->vd,
				     NETLINK_CB(ctx->cb->skb).portid,
				     ctx->cb->nlh->nlmsg_seq, NLM_F_MULTI,
				     VNET_CMD_ROUTE_GET);
	if (!hdr)
		return -EMSGSIZE;
	genl_dump_check_consistent(ctx->cb, hdr);
	if (vnet_route_fill(ctx->skb, rt)) {
		genlmsg_cancel(ctx->skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(ctx->skb, hdr);
	return 0;
}

/* cb->args[0..2]: the walk's cursor (prefix, length, started). */
int vnet_nl_route_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	const struct genl_dumpit_info *info = genl_dumpit_info(cb);
	struct vnet_route_dump_ctx ctx = { .skb = skb, .cb = cb };
	struct vnet_lpm_cursor cur = {
		.key = cb->args[0],
		.plen = cb->args[1],
		.started = cb->args[2],
	};
	int err;

	rtnl_lock();
	ctx.vd = vnet_router_request(sock_net(skb->sk), info->attrs,
				     cb->extack);
	if (IS_ERR(ctx.vd)) {
		err = PTR_ERR(ctx.vd);
		goto out;
	}
	cb->seq = ctx.vd->router.routes.gen;
	err = vnet_lpm_walk(&ctx.vd->router.routes, &cur, vnet_route_dump_one,
			    &ctx);
	cb->args[0] = cur.key;
	cb->args[1] = cur.plen;
	cb->args[2] = cur.started;
out:
	rtnl_unlock();
	return vnet_dump_end(skb, err);
}

/* Neighbours */

struct vnet_neigh_dump_ctx {
	struct netlink_callback *cb;
	struct vnet_dev *vd;
};

static void *vnet_neigh_put_header(struct sk_buff *skb, void *arg)
{
	struct vnet_neigh_dump_ctx *ctx = arg;

	void *hdr;

	hdr = vnet_router_put_header(skb, ctx->vd,
				     NETLINK_CB(ctx->cb->skb).portid,
				     ctx->cb->nlh->nlmsg_seq, NLM_F_MULTI,
				     VNET_CMD_NEIGH_GET);
	if (hdr)
		genl_dump_check_consistent(ctx->cb, hdr);
	return hdr;
}

/*
 * cb->args[0..1]: the cursor of vnet_neigh_dump(); cb->seq counts the
 * table's removals, as for the fdb.
 */
int vnet_nl_neigh_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	const struct genl_dumpit_info *info = genl_dumpit_info(cb);
	struct vnet_neigh_dump_ctx ctx = { .cb = cb };
	int err;

	rtnl_lock();
	ctx.vd = vnet_router_request(sock_net(skb->sk), info->attrs,
				     cb->extack);
	if (IS_ERR(ctx.vd)) {
		err = PTR_ERR(ctx.vd);
	} else {
		cb->seq = vnet_dump_seq(READ_ONCE(ctx.vd->router.neigh.removals));
		err = vnet_neigh_dump(ctx.vd, skb, &cb->args[0],
				      vnet_neigh_put_header, &ctx);
	}
	rtnl_unlock();
	return vnet_dump_end(skb, err);
}

/* The vrouter and the parsed neighbour nest of a request; under RTNL. */
static struct vnet_dev *vnet_neigh_request(struct genl_info *info,
					   struct nlattr **tb)
{
	struct vnet_dev *vd;
	int err;

	vd = vnet_router_request(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(vd))
		return vd;
	err = vnet_router_nest(info, VNET_ATTR_NEIGH, VNET_NEIGH_MAX,
			       vnet_neigh_nl_policy, tb, "the neighbour is required");
	if (err)
		return ERR_PTR(err);
	if (!tb[VNET_NEIGH_ADDRESS]) {
		NL_SET_ERR_MSG(info->extack, "the neighbour's address is required");
		return ERR_PTR(-EINVAL);
	}
	return vd;
}

int vnet_nl_neigh_new(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr *tb[VNET_NEIGH_MAX + 1];
	struct vnet_port *port;
	struct vnet_dev *vd;
	__be32 addr;
	int err;

	rtnl_lock();
	vd = vnet_neigh_request(info, tb);
	if (IS_ERR(vd)) {
		err = PTR_ERR(vd);
		goto out;
	}
	addr = nla_get_in_addr(tb[VNET_NEIGH_ADDRESS]);
	if (!tb[VNET_NEIGH_MAC] ||
	    !is_valid_ether_addr(nla_data(tb[VNET_NEIGH_MAC]))) {
		NL_SET_ERR_MSG(extack, "a neighbour needs a unicast MAC address");
		err = -EINVAL;
		goto out;
	}
	if (ipv4_is_multicast(addr) || ipv4_is_lbcast(addr) ||
	    ipv4_is_zeronet(addr) || ipv4_is_loopback(addr)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VNET_NEIGH_ADDRESS],
				    "not a unicast neighbour address");
		err = -EINVAL;
		goto out;
	}
	if (!tb[VNET_NEIGH_PORT] && !tb[VNET_NEIGH_PORT_NAME]) {
		NL_SET_ERR_MSG(extack, "the neighbour's port is required");
		err = -EINVAL;
		goto out;
	}
	port = vnet_router_port(vd, tb[VNET_NEIGH_PORT] ?
				nla_get_u32(tb[VNET_NEIGH_PORT]) : 0,
				tb[VNET_NEIGH_PORT] ? NULL :
				nla_data(tb[VNET_NEIGH_PORT_NAME]));
	if (!port) {
		NL_SET_ERR_MSG(extack, "no such port");
		err = -ENOENT;
		goto out;
	}
	err = vnet_neigh_add_permanent(vd, port, addr,
				       nla_data(tb[VNET_NEIGH_MAC]), extack);
out:
	rtnl_unlock();
	return err;
}

int vnet_nl_neigh_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VNET_NEIGH_MAX + 1];
	struct vnet_dev *vd;
	int err;

	rtnl_lock();
	vd = vnet_neigh_request(info, tb);
	if (IS_ERR(vd))
		err = PTR_ERR(vd);
	else
		err = vnet_neigh_del(vd, nla_get_in_addr(tb[VNET_NEIGH_ADDRESS]),
				     info->extack);
	rtnl_unlock();
	return err;
}

int vnet_nl_neigh_flush(struct sk_buff *skb, struct genl_info *info)
{
	struct vnet_dev *vd;
	int err = 0;

	rtnl_lock();
	vd = vnet_router_request(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(vd))
		err = PTR_ERR(vd);
	else
		vnet_neigh_forget(vd, NULL, 0, 0);
	rtnl_unlock();
	return err;
}
