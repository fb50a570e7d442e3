// SPDX-License-Identifier: GPL-2.0
/* Address, route and neighbour commands of the "vnet" genl family. */
#include <linux/etherdevice.h>
#include <net/ipv6.h>
#include <net/sock.h>
#include "netlink.h"

/* Parse the nest @type of @info with @policy into @tb; it is required. */
int vnet_router_nest(struct genl_info *info, int type, int max,
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
int vnet_router_port_attr(struct vnet_dev *vd, struct nlattr *index_attr,
			  struct nlattr *name_attr, struct vnet_port **port,
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
	     + 2 * nla_total_size(sizeof(struct in6_addr)) /* addresses */
	     + nla_total_size(sizeof(u32))		/* port */
	     + 2 * nla_total_size(sizeof(u8))		/* prefix len, type */
	     + nla_total_size(IFNAMSIZ);		/* port name */
}

/*
 * One address of one family: @v4 or @v6 of @tb, not both; the IPv4 one
 * into @addr, or the IPv6 one into @addr6. Its family, or 0 (@extack set).
 */
static u8 vnet_router_addr_attr(struct nlattr **tb, int v4, int v6,
				__be32 *addr, struct in6_addr *addr6,
				const char *what,
				struct netlink_ext_ack *extack)
{
	if (tb[v4] && tb[v6]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[v6],
				    "an IPv4 and an IPv6 address: one only");
		return 0;
	}
	if (tb[v6]) {
		*addr6 = nla_get_in6_addr(tb[v6]);
		return AF_INET6;
	}
	if (tb[v4]) {
		*addr = nla_get_in_addr(tb[v4]);
		return AF_INET;
	}
	vnet_set_err(extack, NULL, what);
	return 0;
}

/* Parse an address request's nest into @a (family, address, length). */
static int vnet_addr_parse(struct genl_info *info, struct nlattr **tb,
			   struct vnet_addr *a)
{
	int err;

	err = vnet_router_nest(info, VNET_ATTR_ADDR, VNET_ADDR_MAX,
			       vnet_addr_nl_policy, tb, "the address is required");
	if (err)
		return err;
	memset(a, 0, sizeof(*a));
	a->family = vnet_router_addr_attr(tb, VNET_ADDR_ADDRESS,
					  VNET_ADDR_ADDRESS6, &a->addr,
					  &a->addr6,
					  "the address and its prefix length are required",
					  info->extack);
	if (!a->family)
		return -EINVAL;
	if (!tb[VNET_ADDR_PREFIXLEN]) {
		NL_SET_ERR_MSG(info->extack,
			       "the address and its prefix length are required");
		return -EINVAL;
	}
	a->plen = nla_get_u8(tb[VNET_ADDR_PREFIXLEN]);
	if (a->family == AF_INET && a->plen > 32) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[VNET_ADDR_PREFIXLEN],
				    "an IPv4 prefix length is 1 to 32");
		return -ERANGE;
	}
	return 0;
}

/* Addresses */

int vnet_nl_addr_new(struct sk_buff *skb, struct genl_info *info)
{
	struct vnet_dev *vd = vnet_nl_dev(info);
	struct nlattr *tb[VNET_ADDR_MAX + 1];
	struct vnet_port *port;
	struct vnet_addr req;
	int err;

	err = vnet_addr_parse(info, tb, &req);
	if (err)
		return err;
	if (!tb[VNET_ADDR_PORT] && !tb[VNET_ADDR_PORT_NAME]) {
		NL_SET_ERR_MSG(info->extack, "the port is required");
		return -EINVAL;
	}
	err = vnet_router_port_attr(vd, tb[VNET_ADDR_PORT],
				    tb[VNET_ADDR_PORT_NAME], &port,
				    info->extack);
	if (err)
		return err;
	return vnet_addr_insert(vd, port, &req, info->extack);
}

int vnet_nl_addr_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VNET_ADDR_MAX + 1];
	struct vnet_addr req;
	int err;

	err = vnet_addr_parse(info, tb, &req);
	if (err)
		return err;
	return vnet_addr_del(vnet_nl_dev(info), &req, info->extack);
}

static int vnet_addr_fill(struct sk_buff *skb, const void *obj)
{
	const struct vnet_addr *a = obj;
	struct nlattr *nest = nla_nest_start(skb, VNET_ATTR_ADDR);

	if (!nest ||
	    (a->family == AF_INET6 ?
	     nla_put_in6_addr(skb, VNET_ADDR_ADDRESS6, &a->addr6) :
	     nla_put_in_addr(skb, VNET_ADDR_ADDRESS, a->addr)) ||
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

	if (!nest)
		return -EMSGSIZE;
	if (rt->family == AF_INET6 ?
	    nla_put_in6_addr(skb, VNET_ROUTE_DST6, &rt->dst6) ||
	    (!ipv6_addr_any(&rt->gw6) &&
	     nla_put_in6_addr(skb, VNET_ROUTE_GATEWAY6, &rt->gw6)) :
	    nla_put_in_addr(skb, VNET_ROUTE_DST, rt->dst) ||
	    (rt->gw && nla_put_in_addr(skb, VNET_ROUTE_GATEWAY, rt->gw)))
		return -EMSGSIZE;
	if (nla_put_u8(skb, VNET_ROUTE_PREFIXLEN, rt->plen) ||
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

/*
 * Parse a route request into @req (family, prefix, gateway, port; the
 * prefix length only if @has_plen is set). The caller holds RTNL.
 */
static int vnet_route_parse(struct vnet_dev *vd, struct nlattr **tb,
			    struct vnet_route *req, bool *has_plen,
			    struct netlink_ext_ack *extack)
{
	u8 family;

	memset(req, 0, sizeof(*req));
	req->family = vnet_router_addr_attr(tb, VNET_ROUTE_DST, VNET_ROUTE_DST6,
					    &req->dst, &req->dst6,
					    "the destination is required",
					    extack);
	if (!req->family)
		return -EINVAL;
	*has_plen = !!tb[VNET_ROUTE_PREFIXLEN];
	if (*has_plen)
		req->plen = nla_get_u8(tb[VNET_ROUTE_PREFIXLEN]);
	if (tb[VNET_ROUTE_GATEWAY] || tb[VNET_ROUTE_GATEWAY6]) {
		family = vnet_router_addr_attr(tb, VNET_ROUTE_GATEWAY,
					       VNET_ROUTE_GATEWAY6, &req->gw,
					       &req->gw6, "", extack);
		if (!family)
			return -EINVAL;
		if (family != req->family) {
			NL_SET_ERR_MSG(extack,
				       "the gateway and the destination are of different families");
			return -EINVAL;
		}
		if (family == AF_INET ? !req->gw : ipv6_addr_any(&req->gw6)) {
			vnet_set_err(extack, NULL, family == AF_INET ?
				     "the gateway cannot be 0.0.0.0" :
				     "the gateway cannot be ::");
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
	struct vnet_route req;
	bool has_plen;
	int err;

	err = vnet_router_nest(info, VNET_ATTR_ROUTE, VNET_ROUTE_MAX,
			       vnet_route_nl_policy, tb, "the route is required");
	if (err)
		return err;
	if (!tb[VNET_ROUTE_PREFIXLEN]) {
		NL_SET_ERR_MSG(info->extack, "the prefix length is required");
		return -EINVAL;
	}
	err = vnet_route_parse(vd, tb, &req, &has_plen, info->extack);
	if (err)
		return err;
	if (req.plen > (req.family == AF_INET6 ? 128 : 32)) {
		vnet_set_err(info->extack, tb[VNET_ROUTE_PREFIXLEN],
			     req.family == AF_INET6 ?
			     "an IPv6 prefix length is at most 128" :
			     "an IPv4 prefix length is at most 32");
		return -ERANGE;
	}
	if (add)
		return vnet_route_insert(vd, &req, info->extack);
	return vnet_route_del(vd, &req, info->extack);
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
	struct vnet_route req, *rt;
	struct vnet_lpm *table;
	bool has_plen;
	int err;

	err = vnet_router_nest(info, VNET_ATTR_ROUTE, VNET_ROUTE_MAX,
			       vnet_route_nl_policy, tb, "the destination is required");
	if (err)
		return err;
	err = vnet_route_parse(vd, tb, &req, &has_plen, info->extack);
	if (err)
		return err;
	table = vnet_route_table(&vd->router, req.family);
	if (has_plen && req.plen > (req.family == AF_INET6 ? 128 : 32))
		rt = NULL;
	else if (has_plen)
		rt = vnet_lpm_get(table, vnet_route_key(&req), req.plen);
	else
		rt = vnet_lpm_lookup_key(table, vnet_route_key(&req));
	if (!rt) {
		vnet_set_err(info->extack, NULL,
			     has_plen ? "no such route" :
			     "no route matches the destination");
		return has_plen ? -ESRCH : -ENETUNREACH;
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

/*
 * IPv4 routes, then IPv6 ones. pos[0..1]: the walk's cursor key; pos[2]:
 * its length, whether it started (bit 8) and the IPv6 part (bit 9).
 */
int vnet_nl_route_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct vnet_dump_out out = { .skb = skb, .cb = cb };
	long *pos = vnet_dump(cb)->pos;
	struct vnet_lpm_cursor cur = {
		.key = { .hi = pos[0], .lo = pos[1] },
		.plen = pos[2] & 0xff,
		.started = pos[2] & BIT(8),
	};
	bool v6 = pos[2] & BIT(9);
	struct vnet_dev *vd;
	int err;

	rtnl_lock();
	vd = vnet_dump_dev(cb, VNET_NL_ROUTER);
	if (IS_ERR(vd)) {
		err = PTR_ERR(vd);
		goto out;
	}
	out.vd = vd;
	cb->seq = vd->router.routes.gen + vd->router.routes6.gen;
	if (!v6) {
		err = vnet_lpm_walk(&vd->router.routes, &cur, vnet_route_emit,
				    &out);
		if (err)
			goto save;
		v6 = true;
		memset(&cur, 0, sizeof(cur));
	}
	err = vnet_lpm_walk(&vd->router.routes6, &cur, vnet_route_emit, &out);
save:
	pos[0] = cur.key.hi;
	pos[1] = cur.key.lo;
	pos[2] = cur.plen | (cur.started ? BIT(8) : 0) | (v6 ? BIT(9) : 0);
out:
	rtnl_unlock();
	return vnet_dump_end(skb, err);
}

/* Neighbours */

/* pos[0..2]: the cursor of vnet_neigh_dump(); cb->seq counts removals. */
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

/*
 * Parse a request's neighbour nest, which must name an address, into
 * @key; @port is the one it names, if any (an IPv6 link-local neighbour
 * must name it).
 */
static int vnet_neigh_attrs(struct genl_info *info, struct nlattr **tb,
			    struct vnet_neigh_key *key,
			    struct vnet_port **port)
{
	struct netlink_ext_ack *extack = info->extack;
	struct in6_addr addr6;
	__be32 addr;
	u8 family;
	int err;

	err = vnet_router_nest(info, VNET_ATTR_NEIGH, VNET_NEIGH_MAX,
			       vnet_neigh_nl_policy, tb, "the neighbour is required");
	if (err)
		return err;
	family = vnet_router_addr_attr(tb, VNET_NEIGH_ADDRESS,
				       VNET_NEIGH_ADDRESS6, &addr, &addr6,
				       "the neighbour's address is required",
				       extack);
	if (!family)
		return -EINVAL;
	err = vnet_router_port_attr(vnet_nl_dev(info), tb[VNET_NEIGH_PORT],
				    tb[VNET_NEIGH_PORT_NAME], port, extack);
	if (err)
		return err;
	if (family == AF_INET) {
		if (!vnet_ip4_host(addr)) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VNET_NEIGH_ADDRESS],
					    "not a unicast neighbour address");
			return -EINVAL;
		}
		vnet_neigh_key4(key, addr);
		return 0;
	}
	if (!vnet_ip6_host(&addr6)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VNET_NEIGH_ADDRESS6],
				    "not a unicast neighbour address");
		return -EINVAL;
	}
	if (vnet_ipv6_is_ll(&addr6) && !*port) {
		NL_SET_ERR_MSG(extack,
			       "a link-local neighbour is named with its port");
		return -EINVAL;
	}
	key->addr = addr6;
	key->scope = vnet_ipv6_is_ll(&addr6) ? (*port)->index : 0;
	return 0;
}

int vnet_nl_neigh_new(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr *tb[VNET_NEIGH_MAX + 1];
	struct vnet_neigh_key key;
	struct vnet_port *port;
	int err;

	err = vnet_neigh_attrs(info, tb, &key, &port);
	if (err)
		return err;
	if (!tb[VNET_NEIGH_MAC] ||
	    !is_valid_ether_addr(nla_data(tb[VNET_NEIGH_MAC]))) {
		NL_SET_ERR_MSG(extack, "a neighbour needs a unicast MAC address");
		return -EINVAL;
	}
	if (!port) {
		NL_SET_ERR_MSG(extack, "the neighbour's port is required");
		return -EINVAL;
	}
	return vnet_neigh_add_permanent(vnet_nl_dev(info), port, &key,
					nla_data(tb[VNET_NEIGH_MAC]), extack);
}

int vnet_nl_neigh_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VNET_NEIGH_MAX + 1];
	struct vnet_neigh_key key;
	struct vnet_port *port;
	int err;

	err = vnet_neigh_attrs(info, tb, &key, &port);
	if (err)
		return err;
	return vnet_neigh_del(vnet_nl_dev(info), &key, info->extack);
}

int vnet_nl_neigh_flush(struct sk_buff *skb, struct genl_info *info)
{
	vnet_neigh_forget(vnet_nl_dev(info), NULL, NULL);
	return 0;
}
