// SPDX-License-Identifier: GPL-2.0
/*
 * Port security of an endpoint: the source MAC and IP addresses it may
 * send from, as cloud port security does. Frames with another source MAC,
 * ARP that claims another sender, IPv4 and IPv6 from other addresses,
 * every other ethertype and every tagged frame (so VLAN tags cannot
 * smuggle a frame past) are dropped, and so is neighbour discovery that
 * claims another's address or MAC, or that is fragmented. DAD probes (ARP
 * from 0.0.0.0, IPv6 from ::) pass.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/if_vlan.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <net/ipv6.h>
#include <net/ndisc.h>
#include "vnet.h"

static bool vnet_allowed4(const struct vnet_port_security *sec, __be32 addr)
{
	unsigned int i;

	if (!sec->n4 && !sec->n6)
		return true;
	for (i = 0; i < sec->n4; i++)
		if (sec->ip4[i] == addr)
			return true;
	return false;
}

static bool vnet_allowed6(const struct vnet_port_security *sec,
			  const struct in6_addr *addr)
{
	unsigned int i;

	if ((!sec->n4 && !sec->n6) || ipv6_addr_any(addr))
		return true;
	for (i = 0; i < sec->n6; i++)
		if (ipv6_addr_equal(&sec->ip6[i], addr))
			return true;
	return false;
}

/* Where the options of neighbour discovery @type begin; 0: not ND. */
static unsigned int vnet_nd_fixed_len(u8 type)
{
	switch (type) {
	case NDISC_ROUTER_SOLICITATION:
		return 8;
	case NDISC_ROUTER_ADVERTISEMENT:
		return 16;
	case NDISC_NEIGHBOUR_SOLICITATION:
	case NDISC_NEIGHBOUR_ADVERTISEMENT:
		return 24;
	case NDISC_REDIRECT:
		return 40;
	}
	return 0;
}

/*
 * May ICMPv6 @skb (data at its IPv6 header, walked into @ip, not a later
 * fragment) pass? Neighbour discovery is never fragmented (RFC 6980) nor
 * shorter than its fixed part; an advertisement must be for an address
 * the port may use, and every link-layer address option must name the
 * port's MAC: otherwise the port could claim another's address as ARP
 * from another sender could. What cannot be told (no type to read) does
 * not pass: a first fragment without it could carry an advertisement.
 */
static bool vnet_icmp6_allowed(const struct vnet_port_security *sec,
			       const struct sk_buff *skb,
			       const struct vnet_ip_info *ip)
{
	struct in6_addr _target;
	const struct in6_addr *target;
	unsigned int off, fixed;
	u8 _b[8];
	const u8 *b;

	b = skb_header_pointer(skb, ip->l4, 1, _b);
	if (!b || ip->end < ip->l4 + 1)
		return false;
	fixed = vnet_nd_fixed_len(b[0]);
	if (!fixed)
		return true;
	if (ip->frag || ip->end < ip->l4 + fixed)
		return false;
	if (b[0] == NDISC_NEIGHBOUR_ADVERTISEMENT) {
		target = skb_header_pointer(skb, ip->l4 + 8, sizeof(_target),
					    &_target);
		if (!target || !vnet_allowed6(sec, target))
			return false;
	}
	if (is_zero_ether_addr(sec->mac))
		return true;
	for (off = ip->l4 + fixed; off + sizeof(_b) <= ip->end;
	     off += b[1] * 8) {
		b = skb_header_pointer(skb, off, sizeof(_b), _b);
		if (!b || !b[1])
			return false;
		if ((b[0] == ND_OPT_SOURCE_LL_ADDR ||
		     b[0] == ND_OPT_TARGET_LL_ADDR) &&
		    !ether_addr_equal(b + 2, sec->mac))
			return false;
	}
	return true;
}

static bool vnet_allowed_ipv6(const struct vnet_port_security *sec,
			      struct sk_buff *skb)
{
	struct vnet_ip_info ip;

	if (!pskb_may_pull(skb, sizeof(struct ipv6hdr)) ||
	    !vnet_allowed6(sec, &ipv6_hdr(skb)->saddr))
		return false;
	/* What cannot be walked could hide an advertisement from us. */
	if (!vnet_ipv6_parse(skb, &ip))
		return false;
	/* The first fragment holds the type: without it nothing is whole. */
	return ip.proto != IPPROTO_ICMPV6 || ip.later_frag ||
	       vnet_icmp6_allowed(sec, skb, &ip);
}

/*
 * Does @skb (data at the network header) come from an allowed source? The
 * core moved a tag into vlan_tci and left the inner ethertype, whose
 * source is judged. A tagged frame passes only where @vlans, a vswitch
 * filtering VLANs, then holds it to the port's; elsewhere its source
 * alone says nothing of the VLAN the frame claims.
 */
bool vnet_port_security_ok(const struct vnet_port_security *sec,
			   struct sk_buff *skb, bool vlans)
{
	const struct ethhdr *eth = eth_hdr(skb);

	if (skb_vlan_tag_present(skb) && !vlans)
		return false;
	if (!is_zero_ether_addr(sec->mac) &&
	    !ether_addr_equal(eth->h_source, sec->mac))
		return false;
	switch (eth->h_proto) {
	case htons(ETH_P_IP):
		if (!pskb_may_pull(skb, sizeof(struct iphdr)))
			return false;
		return vnet_allowed4(sec, ip_hdr(skb)->saddr);
	case htons(ETH_P_IPV6):
		return vnet_allowed_ipv6(sec, skb);
	case htons(ETH_P_ARP): {
		const struct arphdr *arp;
		const u8 *sha;
		__be32 sip;

		if (!pskb_may_pull(skb, arp_hdr_len(skb->dev)))
			return false;
		arp = arp_hdr(skb);
		if (arp->ar_hln != ETH_ALEN || arp->ar_pln != 4)
			return false;
		sha = (const u8 *)(arp + 1);
		memcpy(&sip, sha + ETH_ALEN, sizeof(sip));
		if (!is_zero_ether_addr(sec->mac) &&
		    !ether_addr_equal(sha, sec->mac))
			return false;
		return !sip || vnet_allowed4(sec, sip);
	}
	default:
		return false;
	}
}

/*
 * Apply VNET_PORT_ALLOW_MAC and VNET_PORT_ALLOW_IPS of a request to an
 * endpoint @port; each given one replaces the current. Under RTNL.
 */
int vnet_port_security_set(struct vnet_port *port, struct nlattr **tb,
			   struct netlink_ext_ack *extack)
{
	struct vnet_port_security *old = rtnl_dereference(port->security);
	struct nlattr *mac = tb[VNET_PORT_ALLOW_MAC];
	struct nlattr *ips = tb[VNET_PORT_ALLOW_IPS];
	struct vnet_port_security *sec;
	struct nlattr *a;
	int rem, err;

	if (!mac && !ips)
		return 0;
	if (!port->lower) {
		NL_SET_ERR_MSG(extack, "port security is for endpoint ports");
		return -EOPNOTSUPP;
	}
	if (mac && is_multicast_ether_addr(nla_data(mac))) {
		NL_SET_ERR_MSG_ATTR(extack, mac,
				    "the allowed MAC must be a unicast address");
		return -EINVAL;
	}
	sec = kzalloc(sizeof(*sec), GFP_KERNEL_ACCOUNT);
	if (!sec)
		return -ENOMEM;
	if (old)
		memcpy(sec, old, sizeof(*sec));
	if (mac)
		ether_addr_copy(sec->mac, nla_data(mac));
	if (ips) {
		err = nla_validate_nested(ips, VNET_ALLOW_MAX,
					  vnet_allow_nl_policy, extack);
		if (err)
			goto err_free;
		sec->n4 = 0;
		sec->n6 = 0;
		nla_for_each_nested(a, ips, rem) {
			if (sec->n4 + sec->n6 >= VNET_ALLOW_IPS_MAX) {
				NL_SET_ERR_MSG_ATTR(extack, a,
						    "a port allows at most 64 addresses");
				err = -E2BIG;
				goto err_free;
			}
			if (nla_type(a) == VNET_ALLOW_IP4) {
				sec->ip4[sec->n4++] = nla_get_in_addr(a);
			} else if (nla_type(a) == VNET_ALLOW_IP6) {
				memcpy(&sec->ip6[sec->n6++], nla_data(a),
				       sizeof(struct in6_addr));
			} else {
				NL_SET_ERR_MSG_ATTR(extack, a,
						    "expected IPv4 or IPv6 addresses");
				err = -EINVAL;
				goto err_free;
			}
		}
	}
	if (is_zero_ether_addr(sec->mac) && !sec->n4 && !sec->n6) {
		kfree(sec);
		sec = NULL;
	}
	rcu_assign_pointer(port->security, sec);
	if (old)
		kfree_rcu(old, rcu);
	return 0;

err_free:
	kfree(sec);
	return err;
}

size_t vnet_port_security_size(void)
{
	return nla_total_size(ETH_ALEN) + nla_total_size(0) +
	       VNET_ALLOW_IPS_MAX * nla_total_size(sizeof(struct in6_addr)) +
	       nla_total_size(VNET_NETWORK_NAMSIZ);	/* and the POLICER */
}

/* The port's ALLOW_MAC, ALLOW_IPS and POLICER, when it has them. */
int vnet_port_security_fill(struct sk_buff *skb, const struct vnet_port *port)
{
	const struct vnet_port_security *sec = rtnl_dereference(port->security);
	const struct vnet_policer *pol = rtnl_dereference(port->policer);
	struct nlattr *nest;
	unsigned int i;

	if (pol && nla_put_string(skb, VNET_PORT_POLICER, pol->name))
		return -EMSGSIZE;
	if (!sec)
		return 0;
	if (!is_zero_ether_addr(sec->mac) &&
	    nla_put(skb, VNET_PORT_ALLOW_MAC, ETH_ALEN, sec->mac))
		return -EMSGSIZE;
	if (!sec->n4 && !sec->n6)
		return 0;
	nest = nla_nest_start(skb, VNET_PORT_ALLOW_IPS);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < sec->n4; i++)
		if (nla_put_in_addr(skb, VNET_ALLOW_IP4, sec->ip4[i]))
			return -EMSGSIZE;
	for (i = 0; i < sec->n6; i++)
		if (nla_put_in6_addr(skb, VNET_ALLOW_IP6, &sec->ip6[i]))
			return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}
