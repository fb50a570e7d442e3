// SPDX-License-Identifier: GPL-2.0
/*
 * Router advertisements of the vrouter (RFC 4861 6.2): a port with ra on
 * advertises itself as a default router and the prefixes of its IPv6
 * addresses (on-link, and autonomous when 64 bits long, so hosts make
 * their addresses by SLAAC), its link-layer address and its MTU, from its
 * link-local address to all nodes: at once, then every interval less a
 * random quarter (the first three at most 16 s apart), and soon after a
 * host solicits one. A port that stops (ra off, or deleted) sends a last
 * advertisement of lifetime 0, so hosts drop the default route at once;
 * a deleted address's prefix goes out once more at lifetimes 0.
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
#define VNET_RA_MIN_DELAY	(3 * HZ)	/* MIN_DELAY_BETWEEN_RAS */
#define VNET_RA_MAX_DELAY	(HZ / 2)	/* MAX_RA_DELAY_TIME */
#define VNET_RA_PREFIXES	32	/* what fits in 1280 bytes, and more */
#define VNET_RA_VALID		86400	/* prefix lifetimes, s, as radvd's */
#define VNET_RA_PREFERRED	14400
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

/* struct prefix_info, with the flags as a byte (and spelt right). */
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

/* Put the prefix of @a in @skb, with lifetimes (0 if @withdrawn). */
static void vnet_ra_put_prefix(struct sk_buff *skb, const struct vnet_addr *a,
			       bool withdrawn)
{
	struct vnet_ra_prefix *pi = skb_put_zero(skb, sizeof(*pi));

	pi->type = ND_OPT_PREFIX_INFO;
	pi->len = sizeof(*pi) / 8;
	pi->plen = a->plen;
	pi->flags = VNET_RA_ONLINK | (a->plen == 64 ? VNET_RA_AUTONOMOUS : 0);
	pi->valid = htonl(withdrawn ? 0 : VNET_RA_VALID);
	pi->preferred = htonl(withdrawn ? 0 : VNET_RA_PREFERRED);
	ipv6_addr_prefix(&pi->prefix, &a->addr6, a->plen);
}

/*
 * An advertisement to all nodes out of @port with router lifetime
 * @lifetime, and @withdrawn's prefix with lifetimes 0 if given (an
 * address just deleted); data at the IPv6 header, as for
 * vnet_port_xmit(). Under RCU.
 */
static struct sk_buff *vnet_ra_build(struct vnet_port *port,
				     unsigned int lifetime,
				     const struct vnet_addr *withdrawn)
{
	unsigned int n = !!withdrawn, len, mtu = vnet_port_mtu(port);
	struct net_device *dev = port->lower ?: port->vd->dev;
	struct in6_addr all_nodes, ll;
	struct vnet_ra_lladdr *lla;
	struct vnet_ra_mtu *mtuo;
	struct vnet_addr *a;
	struct sk_buff *skb;
	struct ra_msg *ra;

	list_for_each_entry_rcu(a, &port->vd->router.addrs, list)
		if (a->family == AF_INET6 && a->port == port)
			n++;
	n = min(n, VNET_RA_PREFIXES);
	len = sizeof(*ra) + sizeof(*lla) + sizeof(*mtuo) +
	      n * sizeof(struct vnet_ra_prefix);
	skb = alloc_skb(LL_RESERVED_SPACE(dev) + sizeof(struct ipv6hdr) + len,
			GFP_ATOMIC);
	if (!skb)
		return NULL;
	skb_reserve(skb, LL_RESERVED_SPACE(dev) + sizeof(struct ipv6hdr));
	ra = skb_put_zero(skb, sizeof(*ra));
	ra->icmph.icmp6_type = NDISC_ROUTER_ADVERTISEMENT;
	ra->icmph.icmp6_hop_limit = 64;
	ra->icmph.icmp6_rt_lifetime = htons(lifetime);
	lla = skb_put(skb, sizeof(*lla));
	lla->type = ND_OPT_SOURCE_LL_ADDR;
	lla->len = 1;
	ether_addr_copy(lla->mac, vnet_port_mac(port));
	/* A link of less than the minimum carries no IPv6 (RFC 8200 5). */
	if (mtu >= IPV6_MIN_MTU) {
		mtuo = skb_put_zero(skb, sizeof(*mtuo));
		mtuo->type = ND_OPT_MTU;
		mtuo->len = 1;
		mtuo->mtu = htonl(mtu);
	}
	if (withdrawn) {
		vnet_ra_put_prefix(skb, withdrawn, true);
		n--;
	}
	list_for_each_entry_rcu(a, &port->vd->router.addrs, list) {
		if (a->family != AF_INET6 || a->port != port)
			continue;
		/* Addresses added since the count are in the next one. */
		if (!n--)
			break;
		vnet_ra_put_prefix(skb, a, false);
	}
	ipv6_addr_set(&all_nodes, htonl(0xff020000), 0, 0, htonl(1));
	vnet_port_ll(port, &ll);
	return vnet_nd_finish(port, skb, &ll, &all_nodes, vnet_port_mac(port));
}

/* Advertise @port to all nodes. Under RCU, BHs on or off. */
static void vnet_ra_send(struct vnet_port *port, unsigned int lifetime,
			 const struct vnet_addr *withdrawn)
{
	struct sk_buff *skb = vnet_ra_build(port, lifetime, withdrawn);

	if (!skb)
		return;
	local_bh_disable();
	vnet_router_count(port, VNET_STATS_ICMP_SENT);
	vnet_port_xmit(port, skb);
	local_bh_enable();
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
 * Send what is due, and run again when the next one is, while a port
 * advertises. Under RCU: a port being deleted is still whole until a
 * grace period ends, and vnet_ra_stop() waits for one.
 */
static void vnet_ra_work(struct work_struct *work)
{
	struct vnet_router *r = container_of(to_delayed_work(work),
					     struct vnet_router, ra_work);
	struct vnet_dev *vd = container_of(r, struct vnet_dev, router);
	unsigned long now = jiffies, next, wake = now + HZ;
	struct vnet_port *port;
	bool any = false;
	u8 sent;

	if (vnet_dev_going(vd))
		return;
	rcu_read_lock();
	list_for_each_entry_rcu(port, &vd->ports, list) {
		if (!READ_ONCE(port->ra))
			continue;
		next = READ_ONCE(port->ra_next);
		if (time_after_eq(now, next)) {
			sent = READ_ONCE(port->ra_sent);
			next = now + vnet_ra_delay(port, sent);
			WRITE_ONCE(port->ra_next, next);
			WRITE_ONCE(port->ra_last, now);
			WRITE_ONCE(port->ra_sent, min_t(u8, sent + 1,
							VNET_RA_INITIAL));
			vnet_ra_send(port, vnet_ra_lifetime(port), NULL);
		}
		if (!any || time_before(next, wake))
			wake = next;
		any = true;
	}
	rcu_read_unlock();
	if (any)
		queue_delayed_work(system_power_efficient_wq, &r->ra_work,
				   time_after(wake, now) ? wake - now : 1);
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
 * @port stops advertising: once no advertisement that saw it on can still
 * go out, a last one of lifetime 0 (RFC 4861 6.2.5), so hosts drop the
 * router at once rather than in a lifetime. Under RTNL.
 */
static void vnet_ra_stop(struct vnet_port *port)
{
	WRITE_ONCE(port->ra, 0);
	synchronize_net();
	rcu_read_lock();
	vnet_ra_send(port, 0, NULL);
	rcu_read_unlock();
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
	if (!on) {
		if (was)
			vnet_ra_stop(port);
		WRITE_ONCE(port->ra_interval, interval);
		WRITE_ONCE(port->ra_lifetime, lifetime);
		return;
	}
	WRITE_ONCE(port->ra_interval, interval);
	WRITE_ONCE(port->ra_lifetime, lifetime);
	WRITE_ONCE(port->ra_sent, 0);
	WRITE_ONCE(port->ra_next, jiffies);
	WRITE_ONCE(port->ra, 1);
	vnet_ra_kick(port->vd);
}

/* @port is going: if it advertised, it says it no longer does. */
void vnet_ra_port_removed(struct vnet_port *port)
{
	if (port->ra && !vnet_dev_going(port->vd))
		vnet_ra_stop(port);
}

/*
 * The address @a (IPv6, just unpublished) of @port is gone: an advertising
 * port says so, its prefix at lifetimes 0, so hosts stop using addresses
 * they made from it (a valid lifetime goes down to 2 hours, RFC 4862
 * 5.5.3). Under RTNL.
 */
void vnet_ra_withdraw(struct vnet_port *port, const struct vnet_addr *a)
{
	if (!READ_ONCE(port->ra))
		return;
	rcu_read_lock();
	vnet_ra_send(port, vnet_ra_lifetime(port), a);
	rcu_read_unlock();
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
 * A router solicitation on @port: an advertising port answers to all
 * nodes (the usual case, RFC 4861 6.2.6) in up to half a second, and
 * never within 3 s of the last one, so a flood of solicitations costs
 * one advertisement per 3 s. From the packet path.
 */
void vnet_ra_solicited(struct vnet_port *port)
{
	unsigned long now = jiffies, due, last;

	if (!READ_ONCE(port->ra))
		return;
	due = now + get_random_u32_below(VNET_RA_MAX_DELAY + 1);
	last = READ_ONCE(port->ra_last);
	if (READ_ONCE(port->ra_sent) && time_before(due, last + VNET_RA_MIN_DELAY))
		due = last + VNET_RA_MIN_DELAY;
	if (!time_before(due, READ_ONCE(port->ra_next)))
		return;
	WRITE_ONCE(port->ra_next, due);
	mod_delayed_work(system_power_efficient_wq, &port->vd->router.ra_work,
			 due - now);
}
