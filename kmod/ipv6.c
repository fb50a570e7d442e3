// SPDX-License-Identifier: GPL-2.0
/*
 * The walk from an IPv6 header to the upper-layer header, past the
 * extension headers in between: hop-by-hop (first only, as RFC 8200 has
 * it), routing, destination options, fragment and authentication. What a
 * packet's L4 header is decides what a firewall makes of it, so a chain
 * this walk cannot follow to its end (too long, cut short, hop-by-hop out
 * of place, a header past the packet's length) fails, and the caller
 * treats the packet as invalid rather than guess. A fragment past the
 * first carries no upper-layer header: the walk stops at it, naming the
 * protocol the fragment header gives.
 */
#include <linux/ipv6.h>
#include <net/ipv6.h>
#include "vnet.h"

/* Extension headers a packet may carry before the walk gives up. */
#define VNET_IPV6_EXT_MAX	8

/*
 * Walk from @nexthdr, the first header after a fixed IPv6 header, at @off
 * in @skb, to the upper-layer header, reading no further than @end; fill
 * @ip's proto, l4 and later_frag. False if the chain cannot be followed.
 */
bool vnet_ipv6_walk(const struct sk_buff *skb, unsigned int off, u8 nexthdr,
		    unsigned int end, struct vnet_ip_info *ip)
{
	unsigned int n, len;

	ip->frag = false;
	ip->later_frag = false;
	if (off > end)
		return false;
	for (n = 0; ; n++) {
		struct frag_hdr _fh;
		const struct frag_hdr *fh;

		switch (nexthdr) {
		case NEXTHDR_HOP:
			if (n)
				return false;
			fallthrough;
		case NEXTHDR_ROUTING:
		case NEXTHDR_DEST:
		case NEXTHDR_FRAGMENT:
		case NEXTHDR_AUTH:
			break;
		default:
			ip->proto = nexthdr;
			ip->l4 = off;
			return true;
		}
		/* Each is at least 8 bytes; the fragment header exactly. */
		if (n == VNET_IPV6_EXT_MAX || end < off + sizeof(_fh))
			return false;
		fh = skb_header_pointer(skb, off, sizeof(_fh), &_fh);
		if (!fh)
			return false;
		if (nexthdr == NEXTHDR_FRAGMENT) {
			ip->frag = true;
			if (fh->frag_off & htons(IP6_OFFSET)) {
				ip->later_frag = true;
				ip->proto = fh->nexthdr;
				ip->l4 = off + sizeof(_fh);
				return true;
			}
			len = sizeof(_fh);
		} else if (nexthdr == NEXTHDR_AUTH) {
			len = ipv6_authlen((const struct ipv6_opt_hdr *)fh);
		} else {
			len = ipv6_optlen((const struct ipv6_opt_hdr *)fh);
		}
		nexthdr = fh->nexthdr;
		off += len;
		if (off > end)
			return false;
	}
}

/*
 * Check the IPv6 header at @skb's data (version, payload length against
 * the frame; jumbograms are not taken) and walk to its upper-layer header:
 * @ip filled, or false if malformed. The fixed header must be linear.
 */
bool vnet_ipv6_parse(const struct sk_buff *skb, struct vnet_ip_info *ip)
{
	const struct ipv6hdr *ip6 = ipv6_hdr(skb);
	unsigned int len = ntohs(ip6->payload_len);

	if (ip6->version != 6 || !len || skb->len < sizeof(*ip6) + len)
		return false;
	ip->family = AF_INET6;
	ip->end = sizeof(*ip6) + len;
	return vnet_ipv6_walk(skb, sizeof(*ip6), ip6->nexthdr, ip->end, ip);
}
