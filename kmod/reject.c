// SPDX-License-Identifier: GPL-2.0
/*
 * What a vfirewall answers a rejected packet with, as if from its
 * destination: a TCP segment gets a RST, anything else an ICMP (ICMPv6)
 * unreachable, "port unreachable" for UDP and "administratively
 * prohibited" otherwise. Answers share the device's ICMP rate limit and
 * are never sent about what RFC 1122 and RFC 4443 forbid answering.
 */
#include <linux/etherdevice.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/if_vlan.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <net/ip.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>
#include <net/tcp.h>
#include "vnet.h"

/* Send @nskb (data at its IP header) back out of @in to where @skb came from. */
static void vnet_fw_answer(struct vnet_dev *vd, struct vnet_port *in,
			   struct sk_buff *nskb, const struct sk_buff *skb)
{
	const struct ethhdr *oeth = eth_hdr(skb);
	struct ethhdr *eth;

	if (skb_cow_head(nskb, ETH_HLEN)) {
		kfree_skb(nskb);
		return;
	}
	eth = skb_push(nskb, ETH_HLEN);
	skb_reset_mac_header(nskb);
	ether_addr_copy(eth->h_dest, oeth->h_source);
	ether_addr_copy(eth->h_source, oeth->h_dest);
	eth->h_proto = nskb->protocol;
	__skb_pull(nskb, ETH_HLEN);
	/* Back into the VLAN it came from. */
	if (skb_vlan_tag_present(skb))
		__vlan_hwaccel_put_tag(nskb, skb->vlan_proto,
				       skb_vlan_tag_get(skb));
	vnet_stats_add(vd->stats, VNET_STATS_REJECTS_SENT, 1);
	if (in) {
		vnet_stats_add(in->stats, VNET_STATS_REJECTS_SENT, 1);
		vnet_port_xmit(in, nskb);
	} else {
		vnet_dev_deliver(vd, nskb, true);
	}
}

/*
 * The TCP header of a RST answering the segment at @ip->l4 of @skb (its
 * checksum left to the caller); false if none is owed (a RST itself).
 */
static bool vnet_fw_rst_header(const struct sk_buff *skb,
			       const struct vnet_ip_info *ip,
			       struct tcphdr *th)
{
	unsigned int plen = ip->end - ip->l4;
	struct tcphdr oth;

	if (skb_copy_bits(skb, ip->l4, &oth, sizeof(oth)) || oth.rst ||
	    oth.doff < sizeof(oth) / 4 || plen < oth.doff * 4)
		return false;
	plen -= oth.doff * 4;
	memset(th, 0, sizeof(*th));
	th->source = oth.dest;
	th->dest = oth.source;
	th->doff = sizeof(*th) / 4;
	th->rst = 1;
	if (oth.ack) {
		th->seq = oth.ack_seq;
	} else {
		th->ack = 1;
		th->ack_seq = htonl(ntohl(oth.seq) + oth.syn + oth.fin + plen);
	}
	return true;
}

/* A TCP RST answering @skb (a valid TCP segment, data at its IP header). */
static struct sk_buff *vnet_fw_rst(const struct sk_buff *skb,
				   const struct vnet_ip_info *ip)
{
	unsigned int nhlen = ip->family == AF_INET ? sizeof(struct iphdr) :
						     sizeof(struct ipv6hdr);
	struct sk_buff *nskb;
	struct tcphdr *th;

	nskb = alloc_skb(LL_MAX_HEADER + nhlen + sizeof(*th), GFP_ATOMIC);
	if (!nskb)
		return NULL;
	skb_reserve(nskb, LL_MAX_HEADER);
	skb_reset_network_header(nskb);
	skb_put(nskb, nhlen);
	th = skb_put(nskb, sizeof(*th));
	if (!vnet_fw_rst_header(skb, ip, th)) {
		kfree_skb(nskb);
		return NULL;
	}
	if (ip->family == AF_INET) {
		const struct iphdr *oiph = ip_hdr(skb);
		struct iphdr *iph = ip_hdr(nskb);

		iph->version = 4;
		iph->ihl = 5;
		iph->tos = 0;
		iph->tot_len = htons(sizeof(*iph) + sizeof(*th));
		iph->id = 0;
		iph->frag_off = htons(IP_DF);
		iph->ttl = 64;
		iph->protocol = IPPROTO_TCP;
		iph->saddr = oiph->daddr;
		iph->daddr = oiph->saddr;
		ip_send_check(iph);
		th->check = tcp_v4_check(sizeof(*th), iph->saddr, iph->daddr,
					 csum_partial(th, sizeof(*th), 0));
		nskb->protocol = htons(ETH_P_IP);
	} else {
		const struct ipv6hdr *oip6 = ipv6_hdr(skb);
		struct ipv6hdr *ip6 = ipv6_hdr(nskb);

		ip6_flow_hdr(ip6, 0, 0);
		ip6->payload_len = htons(sizeof(*th));
		ip6->nexthdr = IPPROTO_TCP;
		ip6->hop_limit = 64;
		ip6->saddr = oip6->daddr;
		ip6->daddr = oip6->saddr;
		th->check = tcp_v6_check(sizeof(*th), &ip6->saddr, &ip6->daddr,
					 csum_partial(th, sizeof(*th), 0));
		nskb->protocol = htons(ETH_P_IPV6);
	}
	nskb->ip_summed = CHECKSUM_NONE;
	return nskb;
}

/* The unreachable answering @skb, of @ip's family. */
static struct sk_buff *vnet_fw_unreachable(const struct sk_buff *skb,
					   const struct vnet_ip_info *ip)
{
	bool udp = ip->proto == IPPROTO_UDP;

	if (ip->family == AF_INET)
		return vnet_icmp_build(skb, ICMP_DEST_UNREACH,
				       udp ? ICMP_PORT_UNREACH :
					     ICMP_PKT_FILTERED,
				       0, ip_hdr(skb)->daddr);
	return vnet_icmp6_build(skb, ICMPV6_DEST_UNREACH,
				udp ? ICMPV6_PORT_UNREACH :
				      ICMPV6_ADM_PROHIBITED,
				0, &ipv6_hdr(skb)->daddr);
}

/*
 * Answer a rejected @skb (data at its valid IP header, walked into @ip,
 * classified into @key) from @in. @skb stays the caller's.
 */
void vnet_fw_reject(struct vnet_dev *vd, struct vnet_port *in,
		    struct sk_buff *skb, const struct vnet_ip_info *ip,
		    const u32 *key)
{
	struct sk_buff *nskb;

	if (ip->family == AF_INET ? !vnet_icmp_may_answer(skb) :
				    !vnet_icmp6_may_answer(skb, ip))
		return;
	if (!vnet_icmp_allowed(vd)) {
		vnet_stats_add(vd->stats, VNET_STATS_ICMP_RATELIMITED, 1);
		return;
	}
	if (ip->proto == IPPROTO_TCP && key[VNET_FW_SPORT] != VNET_FW_NO_PORT)
		nskb = vnet_fw_rst(skb, ip);
	else
		nskb = vnet_fw_unreachable(skb, ip);
	if (nskb)
		vnet_fw_answer(vd, in, nskb, skb);
}
