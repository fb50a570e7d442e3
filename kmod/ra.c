// SPDX-License-Identifier: GPL-2.0
/*
 * Router advertisements of the vrouter (RFC 4861 6.2): a port with ra on
 * advertises itself as a default router and the prefixes of its IPv6
 * addresses (on-link, and autonomous when 64 bits long, so hosts make
 * their addresses by SLAAC), its link-layer address and its MTU, from its
 * link-local address to all nodes: at once, then every interval less a
 * random quarter (the first three at most 16 s apart), and to a host that
 * solicits one. Turning ra off sends a last advertisement of lifetime 0,
 * so hosts drop the default route at once.
 */
#include <linux/etherdevice.h>
#include <linux/icmpv6.h>
#include <linux/ipv6.h>
#include <linux/prandom.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>
#include <net/ndisc.h>
#include "vnet.h"

#define VNET_RA_INITIAL		3	/* MAX_INITIAL_RTR_ADVERTISEMENTS */
#define VNET_RA_INITIAL_MAX	16	/* ... their interval at most, s */
#define VNET_RA_PREFIXES	32	/* what fits in 1280 bytes, and more */
#define VNET_RA_VALID		2592000	/* prefix lifetimes, s: 30 days */
#define VNET_RA_PREFERRED	604800	/* 7 days */
#define VNET_RA_LIFETIME_AUTO	U16_MAX	/* 3 times the interval */

struct vnet_ra_lladdr {
	u8 type;
	u8 len;
	u8 mac[ETH_ALEN];
} __packed;

struct vnet_ra_mtu {
	u8 type;
	u8 len;
	__be16 reserved;
	__be32 mtu;
} __packed;

struct vnet_ra_prefix {
	u8 type;
	u8 len;
	u8 plen;
	u8 flags;
#define VNET_RA_ONLINK		0x80
#define VNET_RA_AUTONOMOUS	0x40
	__be32 valid;
	__be32 preferred;
	__be32 reserved;
	struct in6_addr prefix;
} __packed;

static unsigned int vnet_ra_interval(const struct vnet_port *port)
{
	return READ_ONCE(port->ra_interval) ?: VNET_RA_INTERVAL;
}

static unsigned int vnet_ra_lifetime(const struct vnet_port *port)
{
	u16 lifetime = READ_ONCE(port->ra_lifetime);

	if (!READ_ONCE(port->ra_interval) || lifetime == VNET_RA_LIFETIME_AUTO)
		return 3 * vnet_ra_interval(port);
	return lifetime;
}

/*
 * An advertisement out of @port with router lifetime @lifetime, to
 * @daddr at @dmac; data at the IPv6 header, as for vnet_port_xmit().
 * Under RCU.
 */
static struct sk_buff *vnet_ra_build(struct vnet_port *port,
				     unsigned int lifetime,
				     const struct in6_addr *daddr,
				     const u8 *dmac)
{
	struct net_device *dev = port->lower ?: port->vd->dev;
	struct vnet_ra_prefix *pi;
	struct vnet_ra_lladdr *ll;
	unsigned int n = 0, len;
	struct vnet_ra_mtu *mtu;
	struct vnet_addr *a;
	struct ipv6hdr *ip6;
	struct sk_buff *skb;
	struct ethhdr *eth;
	struct ra_msg *ra;

	list_for_each_entry_rcu(a, &port->vd->router.addrs, list)
		if (a->family == AF_INET6 && a->port == port)
			n++;
	n = min(n, VNET_RA_PREFIXES);
	len = sizeof(*ra) + sizeof(*ll) + sizeof(*mtu) + n * sizeof(*pi);
	skb = alloc_skb(LL_RESERVED_SPACE(dev) + sizeof(*ip6) + len,
			GFP_ATOMIC);
	if (!skb)
		return NULL;
	skb_reserve(skb, LL_RESERVED_SPACE(dev));
	skb_reset_network_header(skb);
	ip6 = skb_put(skb, sizeof(*ip6));
	skb_set_transport_header(skb, sizeof(*ip6));
	ra = skb_put_zero(skb, sizeof(*ra));
	ra->icmph.icmp6_type = NDISC_ROUTER_ADVERTISEMENT;
	ra->icmph.icmp6_hop_limit = 64;
	ra->icmph.icmp6_rt_lifetime = htons(lifetime);
	ll = skb_put(skb, sizeof(*ll));
	ll->type = ND_OPT_SOURCE_LL_ADDR;
	ll->len = 1;
	ether_addr_copy(ll->mac, vnet_port_mac(port));
	mtu = skb_put_zero(skb, sizeof(*mtu));
	mtu->type = ND_OPT_MTU;
	mtu->len = 1;
	mtu->mtu = htonl(vnet_port_mtu(port));
	list_for_each_entry_rcu(a, &port->vd->router.addrs, list) {
		if (a->family != AF_INET6 || a->port != port)
			continue;
		if (!n--)
			break;
		pi = skb_put_zero(skb, sizeof(*pi));
		pi->type = ND_OPT_PREFIX_INFO;
		pi->len = sizeof(*pi) / 8;
		pi->plen = a->plen;
		pi->flags = VNET_RA_ONLINK |
			    (a->plen == 64 ? VNET_RA_AUTONOMOUS : 0);
		pi->valid = htonl(VNET_RA_VALID);
		pi->preferred = htonl(VNET_RA_PREFERRED);
		ipv6_addr_prefix(&pi->prefix, &a->addr6, a->plen);
	}
	/* Addresses added between the two walks are in the next one. */
	len = skb->len - sizeof(*ip6);

	ip6_flow_hdr(ip6, 0, 0);
	ip6->payload_len = htons(len);
	ip6->nexthdr = IPPROTO_ICMPV6;
	ip6->hop_limit = 255;
	vnet_port_ll(port, &ip6->saddr);
	ip6->daddr = *daddr;
	ra->icmph.icmp6_cksum =
		csum_ipv6_magic(&ip6->saddr, daddr, len, IPPROTO_ICMPV6,
				csum_partial(ra, len, 0));

	eth = skb_push(skb, ETH_HLEN);
	skb_reset_mac_header(skb);
	ether_addr_copy(eth->h_dest, dmac);
	ether_addr_copy(eth->h_source, vnet_port_mac(port));
	eth->h_proto = htons(ETH_P_IPV6);
	__skb_pull(skb, ETH_HLEN);
	skb->protocol = htons(ETH_P_IPV6);
	skb->dev = dev;
	return skb;
}

/* Advertise @port to @daddr at @dmac, all nodes if NULL. BHs off, RCU. */
static void vnet_ra_send(struct vnet_port *port, unsigned int lifetime,
			 const struct in6_addr *daddr, const u8 *dmac)
{
	struct in6_addr all_nodes;
	u8 mc[ETH_ALEN];
	struct sk_buff *skb;

	if (!daddr) {
		ipv6_addr_set(&all_nodes, htonl(0xff020000), 0, 0, htonl(1));
		ipv6_eth_mc_map(&all_nodes, mc);
		daddr = &all_nodes;
		dmac = mc;
	}
	skb = vnet_ra_build(port, lifetime, daddr, dmac);
	if (skb) {
		vnet_router_count(port, VNET_STATS_ICMP_SENT);
		vnet_port_xmit(port, skb);
	}
}

/* When the next periodic advertisement of @port is due, from now. */
static unsigned long vnet_ra_delay(struct vnet_port *port, u8 sent)
{
	unsigned long max = vnet_ra_interval(port) * HZ;

	if (sent < VNET_RA_INITIAL)
		max = min(max, (unsigned long)VNET_RA_INITIAL_MAX * HZ);
	return max - get_random_u32_below(max / 4 + 1);
}

/*
 * Each second while a port advertises: send what is due. Under RCU: a
 * port being deleted is still whole until a grace period ends.
 */
static void vnet_ra_work(struct work_struct *work)
{
	struct vnet_router *r = container_of(to_delayed_work(work),
					     struct vnet_router, ra_work);
	struct vnet_dev *vd = container_of(r, struct vnet_dev, router);
	unsigned long now = jiffies;
	struct vnet_port *port;
	bool any = false;
	u8 sent;

	if (vnet_dev_going(vd))
		return;
	rcu_read_lock();
	local_bh_disable();
	list_for_each_entry_rcu(port, &vd->ports, list) {
		if (!READ_ONCE(port->ra))
			continue;
		any = true;
		if (time_before(now, READ_ONCE(port->ra_next)))
			continue;
		sent = READ_ONCE(port->ra_sent);
		WRITE_ONCE(port->ra_next, now + vnet_ra_delay(port, sent));
		WRITE_ONCE(port->ra_sent, sent < VNET_RA_INITIAL ? sent + 1 :
			   sent);
		vnet_ra_send(port, vnet_ra_lifetime(port), NULL, NULL);
	}
	local_bh_enable();
	rcu_read_unlock();
	if (any)
		queue_delayed_work(system_power_efficient_wq, &r->ra_work, HZ);
}

/*
 * Advertise what is due now, and keep the work going; a new port's
 * settings are applied before it is published, so publishing kicks too.
 */
void vnet_ra_kick(struct vnet_dev *vd)
{
	mod_delayed_work(system_power_efficient_wq, &vd->router.ra_work, 0);
}

void vnet_ra_init(struct vnet_dev *vd)
{
	INIT_DELAYED_WORK(&vd->router.ra_work, vnet_ra_work);
}

/* The device is going: no port advertises any more. */
void vnet_ra_uninit(struct vnet_dev *vd)
{
	cancel_delayed_work_sync(&vd->router.ra_work);
}

/* The settings @tb asks of @port: on, interval and lifetime. */
static void vnet_ra_wanted(const struct vnet_port *port, struct nlattr **tb,
			   bool *on, u16 *interval, u16 *lifetime)
{
	*on = tb[VNET_PORT_RA] ? nla_get_u8(tb[VNET_PORT_RA]) : port->ra;
	*interval = tb[VNET_PORT_RA_INTERVAL] ?
		    nla_get_u32(tb[VNET_PORT_RA_INTERVAL]) :
		    vnet_ra_interval(port);
	if (tb[VNET_PORT_RA_LIFETIME])
		*lifetime = nla_get_u32(tb[VNET_PORT_RA_LIFETIME]);
	else if (!port->ra_interval)
		*lifetime = VNET_RA_LIFETIME_AUTO;	/* never set */
	else
		*lifetime = port->ra_lifetime;
}

static bool vnet_ra_asked(struct nlattr **tb)
{
	return tb[VNET_PORT_RA] || tb[VNET_PORT_RA_INTERVAL] ||
	       tb[VNET_PORT_RA_LIFETIME];
}

/*
 * Check the advertisement settings of a port-set (or port-new) request
 * @tb for @port: none may be given but to a vrouter's port, and a
 * lifetime is 0 or at least the interval. Under RTNL.
 */
int vnet_ra_check(const struct vnet_port *port, struct nlattr **tb,
		  struct netlink_ext_ack *extack)
{
	u16 interval, lifetime;
	bool on;

	if (!vnet_ra_asked(tb))
		return 0;
	if (port->vd->kind != VNET_KIND_VROUTER) {
		NL_SET_ERR_MSG(extack,
			       "router advertisements are a vrouter port's");
		return -EOPNOTSUPP;
	}
	vnet_ra_wanted(port, tb, &on, &interval, &lifetime);
	if (lifetime != VNET_RA_LIFETIME_AUTO && lifetime &&
	    lifetime < interval) {
		NL_SET_ERR_MSG(extack,
			       "ra-lifetime is 0 or at least ra-interval");
		return -EINVAL;
	}
	return 0;
}

/*
 * Apply what vnet_ra_check() passed: a port that advertises starts again
 * at once with the new settings; one that stops says so. Under RTNL.
 */
void vnet_ra_apply(struct vnet_port *port, struct nlattr **tb)
{
	bool was = port->ra, on;
	u16 interval, lifetime;

	if (!vnet_ra_asked(tb))
		return;
	vnet_ra_wanted(port, tb, &on, &interval, &lifetime);
	WRITE_ONCE(port->ra_interval, interval);
	WRITE_ONCE(port->ra_lifetime, lifetime);
	WRITE_ONCE(port->ra_sent, 0);
	WRITE_ONCE(port->ra_next, jiffies);
	WRITE_ONCE(port->ra, on);
	if (on) {
		vnet_ra_kick(port->vd);
	} else if (was) {
		/* Hosts drop the router at once, not in a lifetime. */
		rcu_read_lock();
		local_bh_disable();
		vnet_ra_send(port, 0, NULL, NULL);
		local_bh_enable();
		rcu_read_unlock();
	}
}

/* The advertisement settings of a vrouter's @port, for a port's nest. */
int vnet_ra_fill(struct sk_buff *skb, const struct vnet_port *port)
{
	if (port->vd->kind != VNET_KIND_VROUTER)
		return 0;
	return nla_put_u8(skb, VNET_PORT_RA, READ_ONCE(port->ra)) ?:
	       nla_put_u32(skb, VNET_PORT_RA_INTERVAL, vnet_ra_interval(port)) ?:
	       nla_put_u32(skb, VNET_PORT_RA_LIFETIME, vnet_ra_lifetime(port));
}

/*
 * A router solicitation on @port (data at its IPv6 header, checked by
 * vnet_nd_rx(), walked into @ip; @lladdr its source link-layer option or
 * NULL): answered by a port that advertises, to the host that asked if it
 * has an address, within the ICMP rate limit. @skb stays the caller's.
 */
void vnet_ra_solicited(struct vnet_port *port, struct sk_buff *skb,
		       const u8 *lladdr)
{
	const struct ipv6hdr *ip6 = ipv6_hdr(skb);

	if (!READ_ONCE(port->ra))
		return;
	if (!vnet_icmp_allowed(port->vd)) {
		vnet_router_count(port, VNET_STATS_ICMP_RATELIMITED);
		return;
	}
	if (ipv6_addr_any(&ip6->saddr))
		vnet_ra_send(port, vnet_ra_lifetime(port), NULL, NULL);
	else
		vnet_ra_send(port, vnet_ra_lifetime(port), &ip6->saddr,
			     lladdr ?: eth_hdr(skb)->h_source);
}
