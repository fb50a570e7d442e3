// SPDX-License-Identifier: GPL-2.0
/*
 * A vrouter's addresses and routes. An address on a port brings two
 * routes with it: the connected route to its subnet and the local route
 * to itself. Static routes go through a gateway on a connected subnet or
 * straight out of a port. Everything here runs under RTNL.
 */
#include <linux/slab.h>
#include "vnet.h"

static struct vnet_route *vnet_route_new(__be32 dst, u8 plen, u8 type,
					 __be32 gw, struct vnet_port *port)
{
	struct vnet_route *rt = kzalloc(sizeof(*rt), GFP_KERNEL_ACCOUNT);

	if (rt) {
		rt->dst = dst;
		rt->plen = plen;
		rt->type = type;
		rt->gw = gw;
		rt->port = port;
	}
	return rt;
}

/* Insert a route, charged to the network's routes quota. */
static int vnet_route_publish(struct vnet_dev *vd, __be32 dst, u8 plen,
			      u8 type, __be32 gw, struct vnet_port *port,
			      struct netlink_ext_ack *extack)
{
	struct vnet_route *rt;
	int err;

	err = vnet_quota_take_nl(vd, VNET_QUOTA_ROUTES, 1, extack);
	if (err)
		return err;
	rt = vnet_route_new(dst, plen, type, gw, port);
	if (!rt) {
		vnet_quota_give(vd, VNET_QUOTA_ROUTES, 1);
		return -ENOMEM;
	}
	err = vnet_lpm_insert(&vd->router.routes, rt);
	if (err) {
		kfree(rt);
		vnet_quota_give(vd, VNET_QUOTA_ROUTES, 1);
	} else {
		vnet_genl_notify_route(vd, rt, VNET_CMD_ROUTE_NEW);
	}
	return err;
}

static void vnet_route_unpublish(struct vnet_dev *vd, __be32 dst, u8 plen)
{
	struct vnet_route *rt = vnet_lpm_remove(&vd->router.routes, dst, plen);

	if (rt) {
		vnet_quota_give(vd, VNET_QUOTA_ROUTES, 1);
		vnet_genl_notify_route(vd, rt, VNET_CMD_ROUTE_DEL);
		kfree_rcu(rt, rcu);
	}
}

static __be32 vnet_subnet(__be32 addr, u8 plen)
{
	return addr & htonl(vnet_prefix_mask(plen));
}

static bool vnet_subnets_overlap(__be32 a, u8 alen, __be32 b, u8 blen)
{
	u8 plen = min(alen, blen);

	return vnet_subnet(a, plen) == vnet_subnet(b, plen);
}

static struct vnet_addr *vnet_addr_find(struct vnet_dev *vd, __be32 addr)
{
	struct vnet_addr *a;

	list_for_each_entry(a, &vd->router.addrs, list)
		if (a->addr == addr)
			return a;
	return NULL;
}

int vnet_addr_insert(struct vnet_dev *vd, struct vnet_port *port, __be32 addr,
		     u8 plen, struct netlink_ext_ack *extack)
{
	struct vnet_router *r = &vd->router;
	__be32 subnet = vnet_subnet(addr, plen);
	u32 host = ntohl(addr) & ~vnet_prefix_mask(plen);
	struct vnet_addr *a;
	int err;

	ASSERT_RTNL();
	if (ipv4_is_zeronet(addr) || ipv4_is_loopback(addr) ||
	    ipv4_is_multicast(addr) || ipv4_is_lbcast(addr)) {
		NL_SET_ERR_MSG(extack,
			       "the address must be a unicast address (not 0/8, 127/8, multicast or broadcast)");
		return -EINVAL;
	}
	if (plen < 31 && (!host || host == ~vnet_prefix_mask(plen))) {
		NL_SET_ERR_MSG(extack,
			       "the address is the network or broadcast address of its subnet");
		return -EINVAL;
	}
	list_for_each_entry(a, &r->addrs, list) {
		if (a->addr == addr) {
			NL_SET_ERR_MSG(extack, "the router already has this address");
			return -EEXIST;
		}
		if (vnet_subnets_overlap(a->addr, a->plen, addr, plen)) {
			NL_SET_ERR_MSG(extack,
				       "the subnet overlaps the subnet of another address of the router");
			return -EEXIST;
		}
	}
	if (vnet_lpm_get(&r->routes, addr, 32) ||
	    (plen < 32 && vnet_lpm_get(&r->routes, subnet, plen))) {
		NL_SET_ERR_MSG(extack,
			       "a static route to this subnet or address exists");
		return -EEXIST;
	}
	if (r->routes.count + 2 > VNET_ROUTE_LIMIT) {
		NL_SET_ERR_MSG(extack, "the routing table is full");
		return -ENOSPC;
	}

	a = kzalloc(sizeof(*a), GFP_KERNEL_ACCOUNT);
	if (!a)
		return -ENOMEM;
	a->port = port;
	a->addr = addr;
	a->plen = plen;
	err = vnet_route_publish(vd, addr, 32, VNET_ROUTE_TYPE_LOCAL, 0, port,
				 extack);
	if (err)
		goto err_free;
	if (plen < 32) {
		err = vnet_route_publish(vd, subnet, plen, VNET_ROUTE_TYPE_CONNECTED,
					 0, port, extack);
		if (err)
			goto err_local;
	}
	list_add_tail_rcu(&a->list, &r->addrs);
	vnet_genl_notify_addr(vd, a, VNET_CMD_ADDR_NEW);
	return 0;

err_local:
	vnet_route_unpublish(vd, addr, 32);
err_free:
	kfree(a);
	return err;
}

/* Is @gw still on a connected subnet of @port? */
static bool vnet_gateway_ok(struct vnet_dev *vd, __be32 gw,
			    const struct vnet_port *port)
{
	const struct vnet_route *rt = vnet_lpm_lookup(&vd->router.routes, gw);

	return rt && rt->type == VNET_ROUTE_TYPE_CONNECTED && rt->port == port;
}

struct vnet_route_purge {
	struct vnet_dev *vd;
	const struct vnet_port *port;	/* routes out of it, or */
	bool stranded;			/* static routes whose gateway left */
	__be32 dst;
	u8 plen;
};

static int vnet_route_purge_match(struct vnet_route *rt, void *arg)
{
	struct vnet_route_purge *p = arg;

	if (p->port ? rt->port == p->port :
	    rt->type == VNET_ROUTE_TYPE_STATIC && rt->gw &&
	    !vnet_gateway_ok(p->vd, rt->gw, rt->port)) {
		p->dst = rt->dst;
		p->plen = rt->plen;
		return 1;
	}
	return 0;
}

/*
 * Remove the routes out of @port, or those @port is NULL and stranded.
 * A port may carry a million routes: yield between them, RTNL is a mutex.
 */
static void vnet_route_purge(struct vnet_dev *vd, const struct vnet_port *port)
{
	struct vnet_route_purge p = { .vd = vd, .port = port };
	struct vnet_lpm_cursor cur = {};

	ASSERT_RTNL();
	while (vnet_lpm_walk(&vd->router.routes, &cur, vnet_route_purge_match,
			     &p) == 1) {
		vnet_route_unpublish(vd, p.dst, p.plen);
		cond_resched();
	}
}

static void vnet_addr_free(struct vnet_dev *vd, struct vnet_addr *a)
{
	vnet_genl_notify_addr(vd, a, VNET_CMD_ADDR_DEL);
	list_del_rcu(&a->list);
	vd->router.addr_gen++;
	vnet_route_unpublish(vd, a->addr, 32);
	if (a->plen < 32)
		vnet_route_unpublish(vd, vnet_subnet(a->addr, a->plen), a->plen);
	vnet_neigh_forget(vd, a->port, vnet_subnet(a->addr, a->plen), a->plen);
	kfree_rcu(a, rcu);
}

int vnet_addr_del(struct vnet_dev *vd, __be32 addr, u8 plen,
		  struct netlink_ext_ack *extack)
{
	struct vnet_addr *a = vnet_addr_find(vd, addr);

	ASSERT_RTNL();
	if (!a || a->plen != plen) {
		NL_SET_ERR_MSG(extack, "the router has no such address");
		return -EADDRNOTAVAIL;
	}
	vnet_addr_free(vd, a);
	/* Static routes through a gateway on that subnet go with it. */
	vnet_route_purge(vd, NULL);
	return 0;
}

/*
 * The source of an ICMP message or ARP request sent out of @port toward
 * @dest: the port's address on @dest's subnet, else its first address,
 * else any address of the router, else 0. Under RCU.
 */
__be32 vnet_addr_source(struct vnet_dev *vd, const struct vnet_port *port,
			__be32 dest)
{
	__be32 first = 0, any = 0;
	struct vnet_addr *a;

	list_for_each_entry_rcu(a, &vd->router.addrs, list) {
		if (a->port != port) {
			any = any ?: a->addr;
			continue;
		}
		if (vnet_subnets_overlap(a->addr, a->plen, dest, a->plen))
			return a->addr;
		first = first ?: a->addr;
	}
	return first ?: any;
}

int vnet_route_insert(struct vnet_dev *vd, __be32 dst, u8 plen, __be32 gw,
		      struct vnet_port *port, struct netlink_ext_ack *extack)
{
	struct vnet_router *r = &vd->router;
	int err;

	ASSERT_RTNL();
	if (dst != vnet_subnet(dst, plen)) {
		NL_SET_ERR_MSG(extack,
			       "the prefix has bits set past its length (e.g. 10.1.0.0/16, not 10.1.2.0/16)");
		return -EINVAL;
	}
	if (gw) {
		const struct vnet_route *via = vnet_lpm_lookup(&r->routes, gw);

		if (via && via->type == VNET_ROUTE_TYPE_LOCAL) {
			NL_SET_ERR_MSG(extack,
				       "the gateway is an address of the router itself");
			return -EINVAL;
		}
		if (!via || via->type != VNET_ROUTE_TYPE_CONNECTED) {
			NL_SET_ERR_MSG(extack,
				       "the gateway is not on any connected subnet of the router");
			return -ENETUNREACH;
		}
		if (port && via->port != port) {
			NL_SET_ERR_MSG(extack,
				       "the gateway is not on a connected subnet of that port");
			return -EINVAL;
		}
		port = via->port;
	} else if (!port) {
		NL_SET_ERR_MSG(extack, "a route needs a gateway or a port");
		return -EINVAL;
	}
	if (r->routes.count >= VNET_ROUTE_LIMIT) {
		NL_SET_ERR_MSG(extack, "the routing table is full");
		return -ENOSPC;
	}
	err = vnet_route_publish(vd, dst, plen, VNET_ROUTE_TYPE_STATIC, gw, port,
				 extack);
	if (err == -EEXIST)
		NL_SET_ERR_MSG(extack, "a route to this prefix already exists");
	return err;
}

int vnet_route_del(struct vnet_dev *vd, __be32 dst, u8 plen, __be32 gw,
		   struct vnet_port *port, struct netlink_ext_ack *extack)
{
	struct vnet_route *rt;

	ASSERT_RTNL();
	rt = vnet_lpm_get(&vd->router.routes, dst, plen);
	if (!rt || (gw && rt->gw != gw) || (port && rt->port != port)) {
		NL_SET_ERR_MSG(extack, "no such route");
		return -ESRCH;
	}
	if (rt->type != VNET_ROUTE_TYPE_STATIC) {
		NL_SET_ERR_MSG(extack,
			       "connected and local routes go with their address; delete the address");
		return -EINVAL;
	}
	vnet_route_unpublish(vd, dst, plen);
	return 0;
}

/*
 * A port is going: its addresses and every route out of it go too. When
 * the whole device is going, the routes stay: no packet reaches a lookup
 * any more (vnet_dev_going(); vnet_router_input() and the device's xmit
 * also drop on a device that is down), and the trie goes whole with the
 * device in vnet_route_flush(): one pass, not a removal per route under
 * RTNL, which took seconds for a million routes.
 */
void vnet_route_port_removed(struct vnet_dev *vd, struct vnet_port *port)
{
	struct vnet_addr *a, *tmp;

	ASSERT_RTNL();
	list_for_each_entry_safe(a, tmp, &vd->router.addrs, list)
		if (a->port == port)
			vnet_addr_free(vd, a);
	if (!vnet_dev_going(vd))
		vnet_route_purge(vd, port);
}

/* Tear down every address and route; the device is going. */
void vnet_route_flush(struct vnet_dev *vd)
{
	struct vnet_addr *a, *tmp;

	list_for_each_entry_safe(a, tmp, &vd->router.addrs, list) {
		list_del(&a->list);
		kfree(a);
	}
	vnet_lpm_destroy(&vd->router.routes);
}
