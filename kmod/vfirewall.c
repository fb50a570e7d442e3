// SPDX-License-Identifier: GPL-2.0
/*
 * The vfirewall data path: a transparent (bump-in-the-wire) filter. Frames
 * are switched between the ports like a learning switch's; IPv4 ones are
 * first judged by the rule set (the first rule that matches decides;
 * none: the device's policy), anything else by its l2-policy. Malformed
 * IPv4 is dropped and counted as invalid. A reject answers TCP with a RST
 * and anything else with an ICMP unreachable, as if from the destination,
 * rate limited per CPU.
 *
 * Connection tracking (conntrack.c) gives every IPv4 packet a state the
 * rules can match. Packets of tracked connections that no rule decides
 * pass; the policy judges new and invalid ones. A connection caches, per
 * direction, the rule its packets matched: they share every classified
 * field, so that result holds until the rule set changes or the packets'
 * ports or state do, and established traffic costs one table lookup.
 */
#include <linux/bitfield.h>
#include <linux/etherdevice.h>
#include <linux/icmp.h>
#include <linux/ip.h>
#include <linux/tcp.h>
#include <net/ip.h>
#include <net/tcp.h>
#include "vnet.h"

/* Fill @key from @skb (data at the IPv4 header); false if malformed. */
static bool vnet_fw_key(struct sk_buff *skb, u32 *key)
{
	const struct iphdr *iph;
	unsigned int ihl, len;
	__be16 ports[2];
	u8 type;

	if (!pskb_may_pull(skb, sizeof(*iph)))
		return false;
	iph = ip_hdr(skb);
	ihl = iph->ihl * 4;
	if (iph->version != 4 || ihl < sizeof(*iph) || !pskb_may_pull(skb, ihl))
		return false;
	iph = ip_hdr(skb);
	len = ntohs(iph->tot_len);
	if (ip_fast_csum((u8 *)iph, iph->ihl) || len < ihl || skb->len < len)
		return false;
	key[VNET_FW_SRC] = ntohl(iph->saddr);
	key[VNET_FW_DST] = ntohl(iph->daddr);
	key[VNET_FW_PROTO] = iph->protocol;
	key[VNET_FW_SPORT] = VNET_FW_NO_PORT;
	key[VNET_FW_DPORT] = VNET_FW_NO_PORT;
	key[VNET_FW_ICMP] = VNET_FW_NO_ICMP;
	/* Later fragments carry no L4 header: only port-less rules match. */
	if (iph->frag_off & htons(IP_OFFSET))
		return true;
	switch (iph->protocol) {
	case IPPROTO_TCP:
	case IPPROTO_UDP:
		if (len < ihl + sizeof(ports) ||
		    skb_copy_bits(skb, ihl, ports, sizeof(ports)))
			return false;
		key[VNET_FW_SPORT] = ntohs(ports[0]);
		key[VNET_FW_DPORT] = ntohs(ports[1]);
		break;
	case IPPROTO_ICMP:
		if (len < ihl + 1 || skb_copy_bits(skb, ihl, &type, 1))
			return false;
		key[VNET_FW_ICMP] = type;
		break;
	}
	return true;
}

/* Send @nskb (data at IPv4) back out of @in to where @skb came from. */
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
	eth->h_proto = htons(ETH_P_IP);
	__skb_pull(nskb, ETH_HLEN);
	vnet_stats_add(vd->stats, VNET_STATS_REJECTS_SENT, 1);
	if (in) {
		vnet_stats_add(in->stats, VNET_STATS_REJECTS_SENT, 1);
		vnet_port_xmit(in, nskb);
	} else {
		vnet_dev_deliver(vd, nskb, true);
	}
}

/* A TCP RST answering @skb (a valid TCP segment's IPv4 packet). */
static struct sk_buff *vnet_fw_rst(const struct sk_buff *skb)
{
	const struct iphdr *oiph = ip_hdr(skb);
	unsigned int ihl = oiph->ihl * 4, plen;
	struct tcphdr oth, *th;
	struct sk_buff *nskb;
	struct iphdr *iph;

	if (skb_copy_bits(skb, ihl, &oth, sizeof(oth)) || oth.rst)
		return NULL;
	plen = ntohs(oiph->tot_len) - ihl;
	if (plen < oth.doff * 4)
		return NULL;
	plen -= oth.doff * 4;
	nskb = alloc_skb(LL_MAX_HEADER + sizeof(*iph) + sizeof(*th),
			 GFP_ATOMIC);
	if (!nskb)
		return NULL;
	skb_reserve(nskb, LL_MAX_HEADER);
	skb_reset_network_header(nskb);
	iph = skb_put(nskb, sizeof(*iph));
	th = skb_put_zero(nskb, sizeof(*th));
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
	nskb->ip_summed = CHECKSUM_NONE;
	return nskb;
}

/* Answer a rejected @skb (data at its valid IPv4 header) from @in. */
static void vnet_fw_reject(struct vnet_dev *vd, struct vnet_port *in,
			   struct sk_buff *skb, const u32 *key)
{
	struct sk_buff *nskb;

	if (!vnet_icmp_may_answer(skb))
		return;
	if (!vnet_icmp_allowed(vd)) {
		vnet_stats_add(vd->stats, VNET_STATS_ICMP_RATELIMITED, 1);
		return;
	}
	if (key[VNET_FW_PROTO] == IPPROTO_TCP &&
	    key[VNET_FW_SPORT] != VNET_FW_NO_PORT)
		nskb = vnet_fw_rst(skb);
	else
		nskb = vnet_icmp_build(skb, ICMP_DEST_UNREACH,
				       key[VNET_FW_PROTO] == IPPROTO_UDP ?
				       ICMP_PORT_UNREACH : ICMP_PKT_FILTERED,
				       0, ip_hdr(skb)->daddr);
	if (nskb)
		vnet_fw_answer(vd, in, nskb, skb);
}

static void vnet_fw_drop(struct vnet_dev *vd, struct vnet_port *in,
			 struct sk_buff *skb, enum vnet_stats reason)
{
	vnet_stats_add(vd->stats, reason, 1);
	vnet_stats_add(vd->stats, VNET_STATS_RX_DROPPED, 1);
	if (in)
		vnet_stats_add(in->stats, reason, 1);
	kfree_skb(skb);
}

/*
 * A cached verdict: the rule set's generation, the ingress and egress port
 * indexes, whether the connection was established, and the rule (+1; 0 for
 * none). Ports past the field widths are not cached.
 */
#define VNET_FW_CACHE_RULE	GENMASK_ULL(16, 0)
#define VNET_FW_CACHE_EST	BIT_ULL(17)
#define VNET_FW_CACHE_OUT	GENMASK_ULL(27, 18)
#define VNET_FW_CACHE_IN	GENMASK_ULL(37, 28)
#define VNET_FW_CACHE_GEN	GENMASK_ULL(61, 38)
#define VNET_FW_CACHE_PORTS	1024

/* The rule that decides @key (-1: none), from the connection's cache. */
static int vnet_fw_rule(const struct vnet_ruleset *rs,
			const struct vnet_ct_result *ct, const u32 *key)
{
	u64 tag, cached, *slot;
	int rule;

	if (!rs)
		return -1;
	if (!ct->conn || ct->state > VNET_CONN_STATE_ESTABLISHED ||
	    key[VNET_FW_IN] >= VNET_FW_CACHE_PORTS ||
	    key[VNET_FW_OUT] >= VNET_FW_CACHE_PORTS)
		return vnet_hs_lookup(&rs->tree, rs->rules, key);
	tag = FIELD_PREP(VNET_FW_CACHE_GEN, rs->gen) |
	      FIELD_PREP(VNET_FW_CACHE_IN, key[VNET_FW_IN]) |
	      FIELD_PREP(VNET_FW_CACHE_OUT, key[VNET_FW_OUT]) |
	      (ct->state == VNET_CONN_STATE_ESTABLISHED ? VNET_FW_CACHE_EST : 0);
	slot = &ct->conn->verdict[ct->dir];
	cached = READ_ONCE(*slot);
	if ((cached & ~VNET_FW_CACHE_RULE) == tag)
		return (int)FIELD_GET(VNET_FW_CACHE_RULE, cached) - 1;
	rule = vnet_hs_lookup(&rs->tree, rs->rules, key);
	WRITE_ONCE(*slot, tag | (u64)(rule + 1));
	return rule;
}

/*
 * Judge @skb (data at the network header) from @in (NULL: the host) going
 * to @out (NULL: flooded, or the host); forward it if it passes.
 */
static void vnet_fw_filter(struct vnet_dev *vd, struct vnet_port *in,
			   struct vnet_port *out, struct sk_buff *skb)
{
	u32 key[VNET_FW_DIMS];
	struct vnet_ct_result ct;
	struct vnet_ruleset *rs;
	u8 verdict;
	int rule;

	if (skb->protocol != htons(ETH_P_IP)) {
		if (READ_ONCE(vd->params.l2_policy) != VNET_VERDICT_ACCEPT) {
			vnet_fw_drop(vd, in, skb, VNET_STATS_DROP_L2);
			return;
		}
		vnet_vswitch_forward(vd, in, skb);
		return;
	}
	skb_reset_network_header(skb);
	if (!vnet_fw_key(skb, key)) {
		vnet_fw_drop(vd, in, skb, VNET_STATS_DROP_INVALID);
		return;
	}
	key[VNET_FW_IN] = in ? in->index : 0;
	key[VNET_FW_OUT] = out ? out->index : 0;
	if (likely(READ_ONCE(vd->params.conntrack))) {
		vnet_ct_classify(vd, skb, key, &ct);
	} else {
		ct.conn = NULL;
		ct.state = VNET_CONN_STATE_UNSPEC;
	}
	key[VNET_FW_STATE] = ct.state;
	rs = rcu_dereference(vd->fw.rules);
	rule = vnet_fw_rule(rs, &ct, key);
	if (rule >= 0) {
		vnet_ruleset_count(rs, rule, skb->len);
		verdict = rs->rules[rule].action;
	} else if (ct.state == VNET_CONN_STATE_ESTABLISHED ||
		   ct.state == VNET_CONN_STATE_RELATED) {
		verdict = VNET_VERDICT_ACCEPT;
	} else {
		verdict = READ_ONCE(vd->params.policy);
	}
	switch (verdict) {
	case VNET_VERDICT_ACCEPT:
		if (ct.conn) {
			vnet_ct_update(vd, &ct);
		} else if (ct.state == VNET_CONN_STATE_NEW &&
			   vnet_ct_confirm(vd, &ct)) {
			vnet_fw_drop(vd, in, skb, VNET_STATS_CONN_FULL);
			return;
		}
		vnet_vswitch_forward(vd, in, skb);
		return;
	case VNET_VERDICT_REJECT:
		vnet_fw_reject(vd, in, skb, key);
		fallthrough;
	default:
		vnet_fw_drop(vd, in, skb, rule >= 0 ? VNET_STATS_DROP_RULE :
			     VNET_STATS_DROP_POLICY);
	}
}

/* Where a unicast frame to @dest goes: its port, or NULL. */
static struct vnet_port *vnet_fw_egress(struct vnet_dev *vd, const u8 *dest)
{
	if (is_multicast_ether_addr(dest) ||
	    ether_addr_equal(dest, vd->dev->dev_addr))
		return NULL;
	return vnet_fdb_lookup(vd, dest);
}

static void vnet_vfirewall_rx(struct vnet_port *port, struct sk_buff *skb)
{
	struct vnet_dev *vd = port->vd;

	if (unlikely(!(vd->dev->flags & IFF_UP))) {
		vnet_stats_add(port->stats, VNET_STATS_RX_DROPPED, 1);
		kfree_skb(skb);
		return;
	}
	if (READ_ONCE(port->learning))
		vnet_fdb_learn(vd, port, eth_hdr(skb)->h_source);
	vnet_fw_filter(vd, port, vnet_fw_egress(vd, eth_hdr(skb)->h_dest), skb);
}

/* The host sent @skb on the device: judged as from port 0. */
static void vnet_vfirewall_xmit(struct vnet_dev *vd, struct sk_buff *skb)
{
	if (unlikely(!pskb_may_pull(skb, ETH_HLEN))) {
		vnet_stats_add(vd->stats, VNET_STATS_TX_DROPPED, 1);
		kfree_skb(skb);
		return;
	}
	skb_reset_mac_header(skb);
	skb_pull(skb, ETH_HLEN);
	vnet_fw_filter(vd, NULL, vnet_fw_egress(vd, eth_hdr(skb)->h_dest), skb);
}

static int vnet_vfirewall_init(struct vnet_dev *vd)
{
	int err;

	err = vnet_fdb_init(vd);
	if (err)
		return err;
	err = vnet_icmp_init(vd);
	if (err)
		goto err_fdb;
	err = vnet_ct_init(vd);
	if (err)
		goto err_icmp;
	err = vnet_rules_init(vd);
	if (err)
		goto err_ct;
	return 0;

err_ct:
	vnet_ct_uninit(vd);
err_icmp:
	vnet_icmp_uninit(vd);
err_fdb:
	vnet_fdb_uninit(vd);
	return err;
}

static void vnet_vfirewall_uninit(struct vnet_dev *vd)
{
	vnet_rules_uninit(vd);
	vnet_ct_uninit(vd);
	vnet_icmp_uninit(vd);
	vnet_fdb_uninit(vd);
}

/* Rules name ports: resolve them again when ports come and go. */
static void vnet_vfirewall_port_added(struct vnet_port *port)
{
	vnet_rules_recompile(port->vd);
}

static void vnet_vfirewall_port_removed(struct vnet_port *port)
{
	vnet_fdb_flush_port(port->vd, port);
	if (!vnet_dev_going(port->vd))
		vnet_rules_recompile(port->vd);
}

const struct vnet_kind_ops vnet_vfirewall_ops = {
	.kind = VNET_KIND_VFIREWALL,
	.name = "vfirewall",
	.setup = vnet_vfirewall_setup,
	.link_ops = &vnet_vfirewall_link_ops,
	.init = vnet_vfirewall_init,
	.uninit = vnet_vfirewall_uninit,
	.rx = vnet_vfirewall_rx,
	.xmit = vnet_vfirewall_xmit,
	.port_added = vnet_vfirewall_port_added,
	.port_removed = vnet_vfirewall_port_removed,
};
