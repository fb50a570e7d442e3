// SPDX-License-Identifier: GPL-2.0
/*
 * A vrouter's addresses and routes, IPv4 and IPv6, each family in a trie
 * of its own. An address on a port brings two routes with it: the
 * connected route to its subnet and the local route to itself. Static
 * routes go through a gateway on a connected subnet (or, for IPv6, a
 * link-local one on a named port) or straight out of a port. IPv6
 * link-local addresses are the ports' own (ndisc.c), not in the tries.
 * Everything here runs under RTNL.
 */
#include <linux/slab.h>
#include <net/ipv6.h>
#include "vnet.h"

/* Insert a copy of @tmpl, charged to the network's routes quota. */
static int vnet_route_publish(struct vnet_dev *vd,
			      const struct vnet_route *tmpl,
			      struct netlink_ext_ack *extack)
{
	struct vnet_route *rt;
	int err;

	err = vnet_quota_take_nl(vd, VNET_QUOTA_ROUTES, 1, extack);
	if (err)
		return err;
	rt = kmemdup(tmpl, sizeof(*rt), GFP_KERNEL_ACCOUNT);
	if (!rt) {
		vnet_quota_give(vd, VNET_QUOTA_ROUTES, 1);
		return -ENOMEM;
	}
	err = vnet_lpm_insert(vnet_route_table(&vd->router, rt->family), rt);
	if (err) {
		kfree(rt);
		vnet_quota_give(vd, VNET_QUOTA_ROUTES, 1);
	} else {
		vnet_genl_notify_route(vd, rt, VNET_CMD_ROUTE_NEW);
	}
	return err;
}

static void vnet_route_unpublish(struct vnet_dev *vd, u8 family,
				 struct vnet_lpm_key key, u8 plen)
{
	struct vnet_route *rt;

	rt = vnet_lpm_remove(vnet_route_table(&vd->router, family), key, plen);
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

/* Do @a and @b (of one family) share their first @plen bits? */
static bool vnet_addr_same_prefix(const struct vnet_addr *a,
				  const struct vnet_addr *b, u8 plen)
{
	if (a->family == AF_INET6)
		return ipv6_prefix_equal(&a->addr6, &b->addr6, plen);
	return vnet_subnet(a->addr, plen) == vnet_subnet(b->addr, plen);
}

static bool vnet_addr_equal(const struct vnet_addr *a,
			    const struct vnet_addr *b)
{
	if (a->family != b->family)
		return false;
	if (a->family == AF_INET6)
		return ipv6_addr_equal(&a->addr6, &b->addr6);
	return a->addr == b->addr;
}

static struct vnet_addr *vnet_addr_find(struct vnet_dev *vd,
					const struct vnet_addr *req)
{
	struct vnet_addr *a;

	list_for_each_entry(a, &vd->router.addrs, list)
		if (vnet_addr_equal(a, req))
			return a;
	return NULL;
}

/* The local route (/32, /128) to @a, or its connected route (@plen). */
static void vnet_addr_route(const struct vnet_addr *a, u8 plen, u8 type,
			    struct vnet_route *rt)
{
	memset(rt, 0, sizeof(*rt));
	rt->family = a->family;
	rt->plen = plen;
	rt->type = type;
	rt->port = a->port;
	if (a->family == AF_INET6)
		ipv6_addr_prefix(&rt->dst6, &a->addr6, plen);
	else
		rt->dst = vnet_subnet(a->addr, plen);
}

/* Routes of both families: VNET_ROUTE_LIMIT bounds them together. */
static unsigned int vnet_route_count(const struct vnet_router *r)
{
	return r->routes.count + r->routes6.count;
}

static u8 vnet_family_bits(u8 family)
{
	return family == AF_INET6 ? 128 : 32;
}

/* Is @req an address a port may have? The reason in @extack if not. */
static int vnet_addr_check(const struct vnet_addr *req,
			   struct netlink_ext_ack *extack)
{
	const struct in6_addr *a6 = &req->addr6;
	u32 host;

	if (req->family == AF_INET6) {
		if (req->plen > 128 || !req->plen) {
			NL_SET_ERR_MSG(extack,
				       "an IPv6 prefix length is 1 to 128");
			return -EINVAL;
		}
		if (ipv6_addr_any(a6) || ipv6_addr_loopback(a6) ||
		    ipv6_addr_is_multicast(a6) || ipv6_addr_v4mapped(a6)) {
			NL_SET_ERR_MSG(extack,
				       "the address must be a unicast address (not ::, ::1, multicast or IPv4-mapped)");
			return -EINVAL;
		}
		if (vnet_ipv6_is_ll(a6)) {
			NL_SET_ERR_MSG(extack,
				       "link-local addresses are the ports' own, made from their MAC addresses");
			return -EINVAL;
		}
		if (req->plen < 127) {
			struct in6_addr net;

			ipv6_addr_prefix(&net, a6, req->plen);
			if (ipv6_addr_equal(&net, a6)) {
				NL_SET_ERR_MSG(extack,
					       "the address is the subnet-router anycast address of its subnet");
				return -EINVAL;
			}
		}
		return 0;
	}
	if (req->plen > 32 || !req->plen) {
		NL_SET_ERR_MSG(extack, "an IPv4 prefix length is 1 to 32");
		return -EINVAL;
	}
	if (ipv4_is_zeronet(req->addr) || ipv4_is_loopback(req->addr) ||
	    ipv4_is_multicast(req->addr) || ipv4_is_lbcast(req->addr)) {
		NL_SET_ERR_MSG(extack,
			       "the address must be a unicast address (not 0/8, 127/8, multicast or broadcast)");
		return -EINVAL;
	}
	host = ntohl(req->addr) & ~vnet_prefix_mask(req->plen);
	if (req->plen < 31 && (!host || host == ~vnet_prefix_mask(req->plen))) {
		NL_SET_ERR_MSG(extack,
			       "the address is the network or broadcast address of its subnet");
		return -EINVAL;
	}
	return 0;
}

/* Give @port the address @req (family, address, prefix length). */
int vnet_addr_insert(struct vnet_dev *vd, struct vnet_port *port,
		     const struct vnet_addr *req,
		     struct netlink_ext_ack *extack)
{
	struct vnet_router *r = &vd->router;
	u8 bits = vnet_family_bits(req->family);
	struct vnet_lpm *table = vnet_route_table(r, req->family);
	struct vnet_route local, connected;
	struct vnet_addr *a;
	int err;

	ASSERT_RTNL();
	err = vnet_addr_check(req, extack);
	if (err)
		return err;
	list_for_each_entry(a, &r->addrs, list) {
		if (a->family != req->family)
			continue;
		if (vnet_addr_equal(a, req)) {
			NL_SET_ERR_MSG(extack, "the router already has this address");
			return -EEXIST;
		}
		if (vnet_addr_same_prefix(a, req, min(a->plen, req->plen))) {
			NL_SET_ERR_MSG(extack,
				       "the subnet overlaps the subnet of another address of the router");
			return -EEXIST;
		}
	}

	a = kzalloc(sizeof(*a), GFP_KERNEL_ACCOUNT);
	if (!a)
		return -ENOMEM;
	a->port = port;
	a->family = req->family;
	memcpy(&a->addr6, &req->addr6, sizeof(a->addr6));	/* or addr */
	a->plen = req->plen;
	vnet_addr_route(a, bits, VNET_ROUTE_TYPE_LOCAL, &local);
	vnet_addr_route(a, a->plen, VNET_ROUTE_TYPE_CONNECTED, &connected);
	if (vnet_lpm_get(table, vnet_route_key(&local), bits) ||
	    (a->plen < bits &&
	     vnet_lpm_get(table, vnet_route_key(&connected), a->plen))) {
		NL_SET_ERR_MSG(extack,
			       "a static route to this subnet or address exists");
		err = -EEXIST;
		goto err_free;
	}
	if (vnet_route_count(r) + 2 > VNET_ROUTE_LIMIT) {
		NL_SET_ERR_MSG(extack, "the routing table is full");
		err = -ENOSPC;
		goto err_free;
	}
	err = vnet_route_publish(vd, &local, extack);
	if (err)
		goto err_free;
	if (a->plen < bits) {
		err = vnet_route_publish(vd, &connected, extack);
		if (err)
			goto err_local;
	}
	list_add_tail_rcu(&a->list, &r->addrs);
	vnet_genl_notify_addr(vd, a, VNET_CMD_ADDR_NEW);
	if (a->family == AF_INET6)
		vnet_nd_announce(port, &a->addr6);
	return 0;

err_local:
	vnet_route_unpublish(vd, a->family, vnet_route_key(&local), bits);
err_free:
	kfree(a);
	return err;
}

/* Is @gw still a next hop out of @port: on a connected subnet of it? */
static bool vnet_gateway_ok(struct vnet_dev *vd, const struct vnet_route *rt)
{
	const struct vnet_route *via;

	if (rt->family == AF_INET6) {
		if (vnet_ipv6_is_ll(&rt->gw6))
			return true;	/* it goes with its port */
		via = vnet_lpm_lookup6(&vd->router.routes6, &rt->gw6);
	} else {
		via = vnet_lpm_lookup(&vd->router.routes, rt->gw);
	}
	return via && via->type == VNET_ROUTE_TYPE_CONNECTED &&
	       via->port == rt->port;
}

static bool vnet_route_has_gw(const struct vnet_route *rt)
{
	return rt->family == AF_INET6 ? !ipv6_addr_any(&rt->gw6) : !!rt->gw;
}

struct vnet_route_purge {
	struct vnet_dev *vd;
	const struct vnet_port *port;	/* routes out of it, or */
	struct vnet_lpm_key key;	/* static routes whose gateway left */
	u8 plen;
};

static int vnet_route_purge_match(struct vnet_route *rt, void *arg)
{
	struct vnet_route_purge *p = arg;

	if (p->port ? rt->port == p->port :
	    rt->type == VNET_ROUTE_TYPE_STATIC && vnet_route_has_gw(rt) &&
	    !vnet_gateway_ok(p->vd, rt)) {
		p->key = vnet_route_key(rt);
		p->plen = rt->plen;
		return 1;
	}
	return 0;
}

/*
 * Remove the routes out of @port, or those @port is NULL and stranded.
 * A port may carry a million routes: yield between them, RTNL is a mutex.
 */
static void vnet_route_purge(struct vnet_dev *vd, const struct vnet_port *port,
			     u8 family)
{
	struct vnet_route_purge p = { .vd = vd, .port = port };
	struct vnet_lpm *table = vnet_route_table(&vd->router, family);
	struct vnet_lpm_cursor cur = {};

	ASSERT_RTNL();
	while (vnet_lpm_walk(table, &cur, vnet_route_purge_match, &p) == 1) {
		vnet_route_unpublish(vd, family, p.key, p.plen);
		cond_resched();
	}
}

static void vnet_addr_free(struct vnet_dev *vd, struct vnet_addr *a)
{
	u8 bits = vnet_family_bits(a->family);
	struct vnet_route rt;

	vnet_genl_notify_addr(vd, a, VNET_CMD_ADDR_DEL);
	list_del_rcu(&a->list);
	vd->router.addr_gen++;
	vnet_addr_route(a, bits, VNET_ROUTE_TYPE_LOCAL, &rt);
	vnet_route_unpublish(vd, a->family, vnet_route_key(&rt), bits);
	vnet_addr_route(a, a->plen, VNET_ROUTE_TYPE_CONNECTED, &rt);
	if (a->plen < bits)
		vnet_route_unpublish(vd, a->family, vnet_route_key(&rt),
				     a->plen);
	vnet_neigh_forget(vd, a->port, a);
	if (a->family == AF_INET6)
		vnet_ra_withdraw(a->port, a);
	else if (!vnet_dev_going(vd) && atomic_read(&vd->ct.count))
		vnet_ct_flush_nat_addr(vd, a->addr);
	kfree_rcu(a, rcu);
}

int vnet_addr_del(struct vnet_dev *vd, const struct vnet_addr *req,
		  struct netlink_ext_ack *extack)
{
	struct vnet_addr *a = vnet_addr_find(vd, req);
	u8 family = req->family;

	ASSERT_RTNL();
	if (!a || a->plen != req->plen) {
		NL_SET_ERR_MSG(extack, "the router has no such address");
		return -EADDRNOTAVAIL;
	}
	vnet_addr_free(vd, a);
	/* Static routes through a gateway on that subnet go with it. */
	vnet_route_purge(vd, NULL, family);
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
		if (a->family != AF_INET)
			continue;
		if (a->port != port) {
			any = any ?: a->addr;
			continue;
		}
		if (vnet_subnet(a->addr, a->plen) == vnet_subnet(dest, a->plen))
			return a->addr;
		first = first ?: a->addr;
	}
	return first ?: any;
}

/*
 * The source of an ICMPv6 message sent out of @port toward @dest, as
 * vnet_addr_source() picks it; the port's link-local address for a
 * link-local @dest or if the router has no other. Under RCU.
 */
void vnet_addr6_source(struct vnet_dev *vd, const struct vnet_port *port,
		       const struct in6_addr *dest, struct in6_addr *src)
{
	const struct in6_addr *first = NULL, *any = NULL;
	struct vnet_addr *a;

	if (vnet_ipv6_is_ll(dest))
		goto link_local;
	list_for_each_entry_rcu(a, &vd->router.addrs, list) {
		if (a->family != AF_INET6)
			continue;
		if (a->port != port) {
			any = any ?: &a->addr6;
			continue;
		}
		if (ipv6_prefix_equal(&a->addr6, dest, a->plen)) {
			*src = a->addr6;
			return;
		}
		first = first ?: &a->addr6;
	}
	if (first ?: any) {
		*src = *(first ?: any);
		return;
	}
link_local:
	vnet_port_ll(port, src);
}

/* Check @req, a static route, and find its port; the reason if not. */
static int vnet_route_check(struct vnet_dev *vd, struct vnet_route *req,
			    struct netlink_ext_ack *extack)
{
	struct vnet_router *r = &vd->router;
	const struct vnet_route *via;
	bool v6 = req->family == AF_INET6;

	if (req->plen > vnet_family_bits(req->family)) {
		if (v6)
			NL_SET_ERR_MSG(extack, "an IPv6 prefix length is at most 128");
		else
			NL_SET_ERR_MSG(extack, "an IPv4 prefix length is at most 32");
		return -EINVAL;
	}
	if (vnet_lpm_host_bits(vnet_route_key(req), req->plen)) {
		if (v6)
			NL_SET_ERR_MSG(extack,
				       "the prefix has bits set past its length (e.g. 2001:db8::/32, not 2001:db8:1::/32)");
		else
			NL_SET_ERR_MSG(extack,
				       "the prefix has bits set past its length (e.g. 10.1.0.0/16, not 10.1.2.0/16)");
		return -EINVAL;
	}
	/* What is never forwarded is not routed (a shorter prefix that
	 * covers it, as ::/0, is fine: the forwarding path drops those).
	 */
	if (v6 && ((req->plen >= 8 && ipv6_addr_is_multicast(&req->dst6)) ||
		   (req->plen >= 10 && vnet_ipv6_is_ll(&req->dst6)) ||
		   (req->plen >= 96 && ipv6_addr_v4mapped(&req->dst6)))) {
		NL_SET_ERR_MSG(extack,
			       "multicast, link-local and IPv4-mapped prefixes are not routed");
		return -EINVAL;
	}
	if (!vnet_route_has_gw(req)) {
		if (!req->port) {
			NL_SET_ERR_MSG(extack, "a route needs a gateway or a port");
			return -EINVAL;
		}
		return 0;
	}
	if (v6) {
		if (vnet_ipv6_is_ll(&req->gw6)) {
			if (!req->port) {
				NL_SET_ERR_MSG(extack,
					       "a link-local gateway needs its port");
				return -EINVAL;
			}
			return 0;
		}
		if (ipv6_addr_is_multicast(&req->gw6) ||
		    ipv6_addr_loopback(&req->gw6) ||
		    ipv6_addr_v4mapped(&req->gw6)) {
			NL_SET_ERR_MSG(extack, "the gateway must be a unicast address");
			return -EINVAL;
		}
		via = vnet_lpm_lookup6(&r->routes6, &req->gw6);
	} else {
		via = vnet_lpm_lookup(&r->routes, req->gw);
	}
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
	if (req->port && via->port != req->port) {
		NL_SET_ERR_MSG(extack,
			       "the gateway is not on a connected subnet of that port");
		return -EINVAL;
	}
	req->port = via->port;
	return 0;
}

/* Add the static route @req (family, prefix, gateway and/or port). */
int vnet_route_insert(struct vnet_dev *vd, struct vnet_route *req,
		      struct netlink_ext_ack *extack)
{
	int err;

	ASSERT_RTNL();
	err = vnet_route_check(vd, req, extack);
	if (err)
		return err;
	if (vnet_route_count(&vd->router) >= VNET_ROUTE_LIMIT) {
		NL_SET_ERR_MSG(extack, "the routing table is full");
		return -ENOSPC;
	}
	req->type = VNET_ROUTE_TYPE_STATIC;
	err = vnet_route_publish(vd, req, extack);
	if (err == -EEXIST)
		NL_SET_ERR_MSG(extack, "a route to this prefix already exists");
	return err;
}

/* Does @rt go through @req's gateway (if it names one)? */
static bool vnet_route_gw_matches(const struct vnet_route *rt,
				  const struct vnet_route *req)
{
	if (!vnet_route_has_gw(req))
		return true;
	if (req->family == AF_INET6)
		return ipv6_addr_equal(&rt->gw6, &req->gw6);
	return rt->gw == req->gw;
}

int vnet_route_del(struct vnet_dev *vd, const struct vnet_route *req,
		   struct netlink_ext_ack *extack)
{
	struct vnet_lpm *table = vnet_route_table(&vd->router, req->family);
	struct vnet_route *rt;

	ASSERT_RTNL();
	rt = vnet_lpm_get(table, vnet_route_key(req), req->plen);
	if (!rt || !vnet_route_gw_matches(rt, req) ||
	    (req->port && rt->port != req->port)) {
		NL_SET_ERR_MSG(extack, "no such route");
		return -ESRCH;
	}
	if (rt->type != VNET_ROUTE_TYPE_STATIC) {
		NL_SET_ERR_MSG(extack,
			       "connected and local routes go with their address; delete the address");
		return -EINVAL;
	}
	vnet_route_unpublish(vd, req->family, vnet_route_key(req), req->plen);
	return 0;
}

/*
 * A port is going: its addresses and every route out of it go too. When
 * the whole device is going, the routes stay: no packet reaches a lookup
 * any more (vnet_dev_going(); vnet_router_input() and the device's xmit
 * also drop on a device that is down), and the tries go whole with the
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
	if (!vnet_dev_going(vd)) {
		vnet_route_purge(vd, port, AF_INET);
		vnet_route_purge(vd, port, AF_INET6);
	}
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
	vnet_lpm_destroy(&vd->router.routes6);
}
