// SPDX-License-Identifier: GPL-2.0
/* Address, route and neighbour commands of the "vnet" genl family. */
#include <linux/etherdevice.h>
#include <net/sock.h>
#include "netlink.h"

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

static size_t vnet_router_msg_size(void)
{
	return nla_total_size(sizeof(u32))		/* IFINDEX */
	     + nla_total_size(IFNAMSIZ)			/* IFNAME */
	     + nla_total_size(0)			/* the nest */
	     + 3 * nla_total_size(sizeof(u32))		/* addresses, port */
	     + 2 * nla_total_size(sizeof(u8))		/* prefix len, type */
	     + nla_total_size(IFNAMSIZ);		/* port name */
}

/* Addresses */

int vnet_nl_addr_new(struct sk_buff *skb, struct genl_info *info)
{
	struct vnet_dev *vd = vnet_nl_dev(info);
	struct nlattr *tb[VNET_ADDR_MAX + 1];
	struct vnet_port *port;
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
	err = vnet_router_port_attr(vd, tb[VNET_ADDR_PORT],
				    tb[VNET_ADDR_PORT_NAME], &port,
				    info->extack);
	if (err)
		return err;
	return vnet_addr_insert(vd, port, nla_get_in_addr(tb[VNET_ADDR_ADDRESS]),
				nla_get_u8(tb[VNET_ADDR_PREFIXLEN]),
				info->extack);
}

int vnet_nl_addr_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VNET_ADDR_MAX + 1];
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
	return vnet_addr_del(vnet_nl_dev(info),
			     nla_get_in_addr(tb[VNET_ADDR_ADDRESS]),
			     nla_get_u8(tb[VNET_ADDR_PREFIXLEN]), info->extack);
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
	vnet_msg_notify(dev_net(vd->dev), vnet_router_msg_size(), cmd, vd,
			vnet_addr_fill, a);
}

/* pos[0]: addresses sent. A router has few; the list is short. */
int vnet_nl_addr_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	long *sent = &vnet_dump(cb)->pos[0], idx = 0;
	struct vnet_addr *a;
	struct vnet_dev *vd;
	int err = 0;

	rtnl_lock();
	vd = vnet_dump_dev(cb, VNET_NL_ROUTER);
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
		if (idx++ < *sent)
			continue;
		err = vnet_dump_one(skb, cb, VNET_CMD_ADDR_GET, vd,
				    vnet_addr_fill, a);
		if (err)
			break;
		*sent = idx;
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
	vnet_msg_notify(dev_net(vd->dev), vnet_router_msg_size(), cmd, vd,
			vnet_route_fill, rt);
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
	struct vnet_dev *vd = vnet_nl_dev(info);
	struct nlattr *tb[VNET_ROUTE_MAX + 1];
	struct vnet_route_req req;
	int err;

	err = vnet_router_nest(info, VNET_ATTR_ROUTE, VNET_ROUTE_MAX,
			       vnet_route_nl_policy, tb, "the route is required");
	if (err)
		return err;
	if (!tb[VNET_ROUTE_PREFIXLEN]) {
		NL_SET_ERR_MSG(info->extack, "the prefix length is required");
		return -EINVAL;
	}
	err = vnet_route_parse(vd, tb, &req, info->extack);
	if (err)
		return err;
	if (add)
		return vnet_route_insert(vd, req.dst, req.plen, req.gw,
					 req.port, info->extack);
	return vnet_route_del(vd, req.dst, req.plen, req.gw, req.port,
			      info->extack);
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
	struct vnet_dev *vd = vnet_nl_dev(info);
	struct nlattr *tb[VNET_ROUTE_MAX + 1];
	struct vnet_route_req req;
	struct vnet_route *rt;
	int err;

	err = vnet_router_nest(info, VNET_ATTR_ROUTE, VNET_ROUTE_MAX,
			       vnet_route_nl_policy, tb, "the destination is required");
	if (err)
		return err;
	err = vnet_route_parse(vd, tb, &req, info->extack);
	if (err)
		return err;
	rt = req.has_plen ? vnet_lpm_get(&vd->router.routes, req.dst, req.plen) :
	     vnet_lpm_lookup(&vd->router.routes, req.dst);
	if (!rt) {
		vnet_set_err(info->extack, NULL,
			     req.has_plen ? "no such route" :
			     "no route matches the destination");
		return req.has_plen ? -ESRCH : -ENETUNREACH;
	}
	return vnet_msg_reply(info, vnet_router_msg_size(), VNET_CMD_ROUTE_GET,
			      vd, vnet_route_fill, rt);
}

static int vnet_route_emit(struct vnet_route *rt, void *arg)
{
	struct vnet_dump_out *out = arg;

	return vnet_dump_one(out->skb, out->cb, VNET_CMD_ROUTE_GET, out->vd,
			     vnet_route_fill, rt);
}

/* pos[0..2]: the walk's cursor (prefix, length, started). */
int vnet_nl_route_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct vnet_dump_out out = { .skb = skb, .cb = cb };
	long *pos = vnet_dump(cb)->pos;
	struct vnet_lpm_cursor cur = {
		.key = pos[0],
		.plen = pos[1],
		.started = pos[2],
	};
	struct vnet_dev *vd;
	int err;

	rtnl_lock();
	vd = vnet_dump_dev(cb, VNET_NL_ROUTER);
	if (IS_ERR(vd)) {
		err = PTR_ERR(vd);
		goto out;
	}
	out.vd = vd;
	cb->seq = vd->router.routes.gen;
	err = vnet_lpm_walk(&vd->router.routes, &cur, vnet_route_emit, &out);
	pos[0] = cur.key;
	pos[1] = cur.plen;
	pos[2] = cur.started;
out:
	rtnl_unlock();
	return vnet_dump_end(skb, err);
}

/* Neighbours */

/* pos[0..1]: the cursor of vnet_neigh_dump(); cb->seq counts removals. */
int vnet_nl_neigh_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct vnet_dump_out out = {
		.skb = skb, .cb = cb, .cmd = VNET_CMD_NEIGH_GET,
	};
	struct vnet_dev *vd;
	int err;

	rtnl_lock();
	vd = vnet_dump_dev(cb, VNET_NL_ROUTER);
	if (IS_ERR(vd)) {
		err = PTR_ERR(vd);
	} else {
		out.vd = vd;
		cb->seq = vnet_dump_seq(READ_ONCE(vd->router.neigh.removals));
		err = vnet_neigh_dump(vd, vnet_dump(cb)->pos, vnet_dump_emit,
				      &out);
	}
	rtnl_unlock();
	return vnet_dump_end(skb, err);
}

/* Parse a request's neighbour nest, which must name an address. */
static int vnet_neigh_attrs(struct genl_info *info, struct nlattr **tb)
{
	int err;

	err = vnet_router_nest(info, VNET_ATTR_NEIGH, VNET_NEIGH_MAX,
			       vnet_neigh_nl_policy, tb, "the neighbour is required");
	if (err)
		return err;
	if (!tb[VNET_NEIGH_ADDRESS]) {
		NL_SET_ERR_MSG(info->extack, "the neighbour's address is required");
		return -EINVAL;
	}
	return 0;
}

int vnet_nl_neigh_new(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct vnet_dev *vd = vnet_nl_dev(info);
	struct nlattr *tb[VNET_NEIGH_MAX + 1];
	struct vnet_port *port;
	__be32 addr;
	int err;

	err = vnet_neigh_attrs(info, tb);
	if (err)
		return err;
	addr = nla_get_in_addr(tb[VNET_NEIGH_ADDRESS]);
	if (!tb[VNET_NEIGH_MAC] ||
	    !is_valid_ether_addr(nla_data(tb[VNET_NEIGH_MAC]))) {
		NL_SET_ERR_MSG(extack, "a neighbour needs a unicast MAC address");
		return -EINVAL;
	}
	if (ipv4_is_multicast(addr) || ipv4_is_lbcast(addr) ||
	    ipv4_is_zeronet(addr) || ipv4_is_loopback(addr)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VNET_NEIGH_ADDRESS],
				    "not a unicast neighbour address");
		return -EINVAL;
	}
	if (!tb[VNET_NEIGH_PORT] && !tb[VNET_NEIGH_PORT_NAME]) {
		NL_SET_ERR_MSG(extack, "the neighbour's port is required");
		return -EINVAL;
	}
	port = vnet_router_port(vd, tb[VNET_NEIGH_PORT] ?
				nla_get_u32(tb[VNET_NEIGH_PORT]) : 0,
				tb[VNET_NEIGH_PORT] ? NULL :
				nla_data(tb[VNET_NEIGH_PORT_NAME]));
	if (!port) {
		NL_SET_ERR_MSG(extack, "no such port");
		return -ENOENT;
	}
	return vnet_neigh_add_permanent(vd, port, addr,
					nla_data(tb[VNET_NEIGH_MAC]), extack);
}

int vnet_nl_neigh_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VNET_NEIGH_MAX + 1];
	int err;

	err = vnet_neigh_attrs(info, tb);
	if (err)
		return err;
	return vnet_neigh_del(vnet_nl_dev(info),
			      nla_get_in_addr(tb[VNET_NEIGH_ADDRESS]),
			      info->extack);
}

int vnet_nl_neigh_flush(struct sk_buff *skb, struct genl_info *info)
{
	vnet_neigh_forget(vnet_nl_dev(info), NULL, 0, 0);
	return 0;
}
