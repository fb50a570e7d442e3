// SPDX-License-Identifier: GPL-2.0
/*
 * The vfirewall data path: a transparent (bump-in-the-wire) filter. Frames
 * are switched between the ports like a learning switch's, and nothing
 * passes unjudged: IPv4 and IPv6 by the rule set (the first rule that
 * matches decides; none: the device's policy), ARP and IPv6 neighbour and
 * multicast listener discovery by the l2-policy, anything else (and
 * anything in a VLAN tag, but IP in one 802.1Q tag with vlan-aware) by the
 * other-policy. A flooded packet is judged
 * once per port it would leave by, and a source is learned only from a
 * frame that passes. Malformed IP (an IPv6 extension header chain that
 * cannot be walked among it) is dropped and counted as invalid. A reject
 * is answered (reject.c).
 *
 * Connection tracking (conntrack.c) gives every IP packet a state the
 * rules can match. Packets of tracked connections that no rule decides
 * pass; the policy judges new and invalid ones. A connection caches, per
 * direction, the rule its packets matched: they share every classified
 * field, so that result holds until the rule set changes or the packets'
 * ports or state do, and established traffic costs one table lookup.
 */
#include <linux/bitfield.h>
#include <linux/etherdevice.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/if_vlan.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <net/ip.h>
#include <net/ndisc.h>
#include <net/tcp.h>
#include "vnet.h"

/* @key's L4 fields from the header @ip found; false if it is cut short. */
static bool vnet_fw_key_l4(const struct sk_buff *skb,
			   const struct vnet_ip_info *ip, u32 *key)
{
	u8 icmp = ip->family == AF_INET ? IPPROTO_ICMP : IPPROTO_ICMPV6;
	__be16 ports[2];
	u8 type;

	key[VNET_FW_PROTO] = ip->proto;
	key[VNET_FW_SPORT] = VNET_FW_NO_PORT;
	key[VNET_FW_DPORT] = VNET_FW_NO_PORT;
	key[VNET_FW_ICMP] = VNET_FW_NO_ICMP;
	/* Later fragments carry no L4 header: only port-less rules match. */
	if (ip->later_frag)
		return true;
	if (ip->proto == IPPROTO_TCP || ip->proto == IPPROTO_UDP) {
		if (ip->end < ip->l4 + sizeof(ports) ||
		    skb_copy_bits(skb, ip->l4, ports, sizeof(ports)))
			return false;
		key[VNET_FW_SPORT] = ntohs(ports[0]);
		key[VNET_FW_DPORT] = ntohs(ports[1]);
	} else if (ip->proto == icmp) {
		if (ip->end < ip->l4 + 1 || skb_copy_bits(skb, ip->l4, &type, 1))
			return false;
		key[VNET_FW_ICMP] = type;
	}
	return true;
}

/* Fill @ip and @key from @skb (data at the IPv4 header); false if malformed. */
static bool vnet_fw_key4(struct sk_buff *skb, struct vnet_ip_info *ip,
			 u32 *key)
{
	const struct iphdr *iph;
	unsigned int ihl, len;

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
	ip->family = AF_INET;
	ip->proto = iph->protocol;
	ip->frag = ip_is_fragment(iph);
	ip->later_frag = iph->frag_off & htons(IP_OFFSET);
	ip->l4 = ihl;
	ip->end = len;
	memset(&key[VNET_FW_SRC], 0, 2 * VNET_FW_ADDR_WORDS * sizeof(u32));
	key[VNET_FW_SRC] = ntohl(iph->saddr);
	key[VNET_FW_DST] = ntohl(iph->daddr);
	key[VNET_FW_FAMILY] = 4;
	return vnet_fw_key_l4(skb, ip, key);
}

/* Fill @ip and @key from @skb (data at the IPv6 header); false if malformed. */
static bool vnet_fw_key6(struct sk_buff *skb, struct vnet_ip_info *ip,
			 u32 *key)
{
	const struct ipv6hdr *ip6;
	int i;

	if (!pskb_may_pull(skb, sizeof(*ip6)) || !vnet_ipv6_parse(skb, ip))
		return false;
	ip6 = ipv6_hdr(skb);
	for (i = 0; i < VNET_FW_ADDR_WORDS; i++) {
		key[VNET_FW_SRC + i] = ntohl(ip6->saddr.s6_addr32[i]);
		key[VNET_FW_DST + i] = ntohl(ip6->daddr.s6_addr32[i]);
	}
	key[VNET_FW_FAMILY] = 6;
	return vnet_fw_key_l4(skb, ip, key);
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

/*
 * The rule that decides @key (-1: none), from the connection's cache. A
 * cached verdict names its rule set by the generation's low bits in the
 * tag and the whole generation beside it, and its rule is checked against
 * the set's size, so no cache entry, however old, can index past a set.
 */
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
	tag = FIELD_PREP(VNET_FW_CACHE_GEN, rs->gen & vnet_fw_gen_mask) |
	      FIELD_PREP(VNET_FW_CACHE_IN, key[VNET_FW_IN]) |
	      FIELD_PREP(VNET_FW_CACHE_OUT, key[VNET_FW_OUT]) |
	      (ct->state == VNET_CONN_STATE_ESTABLISHED ? VNET_FW_CACHE_EST : 0);
	slot = &ct->conn->verdict[ct->dir];
	cached = READ_ONCE(*slot);
	if ((cached & ~VNET_FW_CACHE_RULE) == tag &&
	    READ_ONCE(ct->conn->verdict_gen[ct->dir]) == rs->gen) {
		rule = (int)FIELD_GET(VNET_FW_CACHE_RULE, cached) - 1;
		if (likely(rule < (int)rs->count))
			return rule;
	}
	rule = vnet_hs_lookup(&rs->tree, rs->rules, key);
	WRITE_ONCE(*slot, tag | (u64)(rule + 1));
	WRITE_ONCE(ct->conn->verdict_gen[ct->dir], rs->gen);
	return rule;
}

/* What judges a frame, by what it carries. */
enum vnet_fw_class {
	VNET_FW_CLASS_IPV4,	/* the rules, then the policy */
	VNET_FW_CLASS_IPV6,	/* likewise */
	VNET_FW_CLASS_L2,	/* ARP and IPv6 neighbour discovery: l2-policy
				 * (and listener discovery, vnet_fw_is_mld())
				 */
	VNET_FW_CLASS_OTHER,	/* anything else: other-policy */
};

/* Is @skb (data at its IPv6 header) neighbour or router discovery? */
static bool vnet_fw_is_nd(const struct sk_buff *skb)
{
	struct {
		struct ipv6hdr ip6;
		u8 type;
	} _h;
	const typeof(_h) *h;

	h = skb_header_pointer(skb, 0, sizeof(_h), &_h);
	return h && h->ip6.version == 6 && h->ip6.nexthdr == IPPROTO_ICMPV6 &&
	       h->ip6.hop_limit == 255 &&
	       h->type >= NDISC_ROUTER_SOLICITATION &&
	       h->type <= NDISC_REDIRECT;
}

/*
 * By the frame's own ethertype, not skb->protocol (a packet socket on the
 * host may claim any). With @vlans (vlan-aware), a frame with one 802.1Q
 * tag is judged by what it carries, its VLAN a field of the rules' key;
 * one with an 802.1ad tag or a second tag inside (QinQ), and without
 * @vlans any tagged frame, by other-policy whatever it holds: rules that
 * never thought of tags must not let a tagged frame through to a trunk.
 */
static enum vnet_fw_class vnet_fw_class(const struct sk_buff *skb, bool vlans)
{
	__be16 proto = eth_hdr(skb)->h_proto;

	if ((skb_vlan_tag_present(skb) &&
	     (!vlans || skb->vlan_proto != htons(ETH_P_8021Q))) ||
	    eth_type_vlan(proto))
		return VNET_FW_CLASS_OTHER;
	switch (proto) {
	case htons(ETH_P_IP):
		return VNET_FW_CLASS_IPV4;
	case htons(ETH_P_ARP):
		return VNET_FW_CLASS_L2;
	case htons(ETH_P_IPV6):
		return vnet_fw_is_nd(skb) ? VNET_FW_CLASS_L2 :
					    VNET_FW_CLASS_IPV6;
	}
	return VNET_FW_CLASS_OTHER;
}

/* Where a frame to @dest goes: a port, the host, or everywhere (flood). */
enum vnet_fw_dest { VNET_FW_TO_PORT, VNET_FW_TO_HOST, VNET_FW_TO_ALL };

static enum vnet_fw_dest vnet_fw_dest(struct vnet_dev *vd,
				      const struct vnet_port *in,
				      const u8 *dest, struct vnet_port **out)
{
	*out = NULL;
	if (is_multicast_ether_addr(dest))
		return VNET_FW_TO_ALL;
	if (in && ether_addr_equal(dest, vd->dev->dev_addr))
		return VNET_FW_TO_HOST;
	*out = vnet_fdb_lookup(vd, dest, 0);
	return *out ? VNET_FW_TO_PORT : VNET_FW_TO_ALL;
}

/* May a flooded copy of a frame from @in leave by @port? */
static bool vnet_fw_floods_to(const struct vnet_port *port,
			      const struct vnet_port *in)
{
	return port != in && READ_ONCE(port->flood) && READ_ONCE(port->up);
}

/* A frame from @in passed: its source is learned (never before). */
static void vnet_fw_learn(struct vnet_dev *vd, struct vnet_port *in,
			  struct sk_buff *skb)
{
	if (in && READ_ONCE(in->learning))
		vnet_fdb_learn(vd, in, eth_hdr(skb)->h_source, 0);
}

/* The state a judged IP packet carries through the device. */
struct vnet_fw_judgement {
	u32 key[VNET_FW_DIMS];
	struct vnet_ip_info ip;
	struct vnet_ct_result ct;
	struct vnet_ruleset *rs;
	u8 policy;			/* read once: both looks agree */
	unsigned int ways;		/* egresses judged */
	bool reject;			/* a refusal was a reject */
	enum vnet_stats why;		/* the last refusal's counter */
};

/*
 * Judge @j's packet leaving by @out (NULL: the host): the first rule that
 * matches decides; none, established and related traffic passes and the
 * policy judges the rest. With @first, the verdict is counted and a
 * refusal noted; the second look at a flooded packet only reads it.
 */
static bool vnet_fw_pass(struct vnet_dev *vd, struct vnet_port *in,
			 struct vnet_port *out, struct sk_buff *skb,
			 struct vnet_fw_judgement *j, bool first)
{
	u8 verdict;
	int rule;

	j->key[VNET_FW_OUT] = out ? out->index : 0;
	j->ways++;
	rule = vnet_fw_rule(j->rs, &j->ct, j->key);
	if (rule >= 0) {
		if (first)
			vnet_ruleset_count(j->rs, rule, skb->len);
		verdict = j->rs->rules[rule].action;
	} else if (j->ct.state == VNET_CONN_STATE_ESTABLISHED ||
		   j->ct.state == VNET_CONN_STATE_RELATED) {
		verdict = VNET_VERDICT_ACCEPT;
	} else {
		verdict = j->policy;
	}
	if (verdict == VNET_VERDICT_ACCEPT || !first)
		return verdict == VNET_VERDICT_ACCEPT;
	if (verdict == VNET_VERDICT_REJECT)
		j->reject = true;
	j->why = rule >= 0 ? VNET_STATS_DROP_RULE : VNET_STATS_DROP_POLICY;
	return false;
}

/*
 * Whether any copy of a flooded packet may leave, each way judged as bridge
 * netfilter judges FORWARD: per egress port (and the host, for multicast
 * from a port), so "out PORT" rules hold for broadcast and unknown unicast.
 */
static bool vnet_fw_flood_judge(struct vnet_dev *vd, struct vnet_port *in,
				struct sk_buff *skb,
				struct vnet_fw_judgement *j)
{
	struct vnet_port *port;
	bool any = false;

	if (in && is_multicast_ether_addr(eth_hdr(skb)->h_dest))
		any = vnet_fw_pass(vd, in, NULL, skb, j, true);
	list_for_each_entry_rcu(port, &vd->ports, list)
		if (vnet_fw_floods_to(port, in) &&
		    vnet_fw_pass(vd, in, port, skb, j, true))
			any = true;
	return any;
}

/* Send a flooded packet where the second look lets it go. */
static void vnet_fw_flood(struct vnet_dev *vd, struct vnet_port *in,
			  struct sk_buff *skb, struct vnet_fw_judgement *j)
{
	struct vnet_port *port, *prev = NULL;
	struct sk_buff *copy;

	vnet_stats_add(vd->stats, VNET_STATS_FLOODED, 1);
	if (in && is_multicast_ether_addr(eth_hdr(skb)->h_dest) &&
	    vnet_fw_pass(vd, in, NULL, skb, j, false)) {
		copy = skb_clone(skb, GFP_ATOMIC);
		if (copy)
			vnet_dev_deliver(vd, copy, false);
	}
	list_for_each_entry_rcu(port, &vd->ports, list) {
		if (!vnet_fw_floods_to(port, in) ||
		    !vnet_fw_pass(vd, in, port, skb, j, false))
			continue;
		if (prev) {
			copy = skb_clone(skb, GFP_ATOMIC);
			if (copy)
				vnet_port_xmit(prev, copy);
			else
				vnet_stats_add(prev->stats,
					       VNET_STATS_TX_DROPPED, 1);
		}
		prev = port;
	}
	if (prev)
		vnet_port_xmit(prev, skb);
	else
		consume_skb(skb);
}

/* A frame judged by a policy alone: @verdict, @why its drop counter. */
static void vnet_fw_by_policy(struct vnet_dev *vd, struct vnet_port *in,
			      struct sk_buff *skb, u8 verdict,
			      enum vnet_stats why)
{
	if (verdict != VNET_VERDICT_ACCEPT) {
		vnet_fw_drop(vd, in, skb, why);
		return;
	}
	vnet_fw_learn(vd, in, skb);
	vnet_vswitch_forward(vd, in, skb, 0);
}

/*
 * Is @skb (IPv6, classified into @key) multicast listener discovery? It
 * is the link's signalling as neighbour discovery is, and goes by the
 * l2-policy with it: ICMPv6 at hop limit 1 to a group, found behind the
 * hop-by-hop header that carries its router alert.
 */
static bool vnet_fw_is_mld(const struct sk_buff *skb, const u32 *key)
{
	const struct ipv6hdr *ip6 = ipv6_hdr(skb);

	if (key[VNET_FW_PROTO] != IPPROTO_ICMPV6 || ip6->hop_limit != 1 ||
	    !ipv6_addr_is_multicast(&ip6->daddr))
		return false;
	switch (key[VNET_FW_ICMP]) {
	case ICMPV6_MGM_QUERY:
	case ICMPV6_MGM_REPORT:
	case ICMPV6_MGM_REDUCTION:
	case ICMPV6_MLD2_REPORT:
		return true;
	}
	return false;
}

/*
 * Judge an IPv4 or IPv6 (@v6) packet, data at its header, and forward it
 * if it passes.
 */
static void vnet_fw_ip(struct vnet_dev *vd, struct vnet_port *in,
		       struct sk_buff *skb, bool v6)
{
	struct vnet_fw_judgement j;
	enum vnet_fw_dest where;
	struct vnet_port *out;
	bool pass;

	skb_reset_network_header(skb);
	if (!(v6 ? vnet_fw_key6(skb, &j.ip, j.key) :
		   vnet_fw_key4(skb, &j.ip, j.key))) {
		vnet_fw_drop(vd, in, skb, VNET_STATS_DROP_INVALID);
		return;
	}
	if (v6 && vnet_fw_is_mld(skb, j.key)) {
		vnet_fw_by_policy(vd, in, skb, READ_ONCE(vd->params.l2_policy),
				  VNET_STATS_DROP_L2);
		return;
	}
	j.key[VNET_FW_IN] = in ? in->index : 0;
	j.key[VNET_FW_VLAN] = vnet_skb_vid(skb);
	if (likely(READ_ONCE(vd->params.conntrack))) {
		vnet_ct_classify(vd, skb, &j.ip, j.key, &j.ct);
	} else {
		j.ct.conn = NULL;
		j.ct.state = VNET_CONN_STATE_UNSPEC;
	}
	j.key[VNET_FW_STATE] = j.ct.state;
	j.rs = rcu_dereference(vd->fw.rules);
	j.policy = READ_ONCE(vd->params.policy);
	j.ways = 0;
	j.reject = false;
	j.why = VNET_STATS_DROP_POLICY;
	where = vnet_fw_dest(vd, in, eth_hdr(skb)->h_dest, &out);
	if (unlikely(out && out == in)) {	/* back where it came from */
		vnet_fw_drop(vd, in, skb, VNET_STATS_DROP_LOOP);
		return;
	}
	if (where == VNET_FW_TO_ALL)
		pass = vnet_fw_flood_judge(vd, in, skb, &j);
	else
		pass = vnet_fw_pass(vd, in, out, skb, &j, true);
	if (unlikely(!j.ways)) {	/* flooded, and no other port */
		vnet_stats_add(vd->stats, VNET_STATS_FLOODED, 1);
		consume_skb(skb);
		return;
	}
	if (!pass) {
		/* Answered only when no copy of it went anywhere. */
		if (j.reject)
			vnet_fw_reject(vd, in, skb, &j.ip, j.key);
		vnet_fw_drop(vd, in, skb, j.why);
		return;
	}
	if (j.ct.conn) {
		vnet_ct_update(vd, &j.ct);
	} else if (j.ct.state == VNET_CONN_STATE_NEW &&
		   vnet_ct_confirm(vd, &j.ct)) {
		vnet_fw_drop(vd, in, skb, VNET_STATS_CONN_FULL);
		return;
	}
	vnet_fw_learn(vd, in, skb);
	if (where == VNET_FW_TO_ALL)
		vnet_fw_flood(vd, in, skb, &j);
	else if (out)
		vnet_port_xmit(out, skb);
	else
		vnet_dev_deliver(vd, skb, false);
}

/*
 * Judge @skb (data at the network header) from @in (NULL: the host);
 * forward it if it passes, and only then learn its source.
 */
static void vnet_fw_filter(struct vnet_dev *vd, struct vnet_port *in,
			   struct sk_buff *skb)
{
	bool vlans = READ_ONCE(vd->params.vlan_aware);

	/* The host and patches hand an 802.1Q tag over in line. */
	if (vlans && !skb_vlan_tag_present(skb) &&
	    eth_hdr(skb)->h_proto == htons(ETH_P_8021Q)) {
		skb->protocol = htons(ETH_P_8021Q);
		skb = skb_vlan_untag(skb);
		if (unlikely(!skb)) {
			vnet_stats_add(in ? in->stats : vd->stats,
				       in ? VNET_STATS_RX_DROPPED :
					    VNET_STATS_TX_DROPPED, 1);
			return;
		}
	}
	switch (vnet_fw_class(skb, vlans)) {
	case VNET_FW_CLASS_IPV4:
		vnet_fw_ip(vd, in, skb, false);
		return;
	case VNET_FW_CLASS_IPV6:
		vnet_fw_ip(vd, in, skb, true);
		return;
	case VNET_FW_CLASS_L2:
		vnet_fw_by_policy(vd, in, skb, READ_ONCE(vd->params.l2_policy),
				  VNET_STATS_DROP_L2);
		return;
	default:
		vnet_fw_by_policy(vd, in, skb,
				  READ_ONCE(vd->params.other_policy),
				  VNET_STATS_DROP_OTHER);
	}
}

static void vnet_vfirewall_rx(struct vnet_port *port, struct sk_buff *skb)
{
	struct vnet_dev *vd = port->vd;

	if (unlikely(!(vd->dev->flags & IFF_UP))) {
		vnet_stats_add(port->stats, VNET_STATS_RX_DROPPED, 1);
		kfree_skb(skb);
		return;
	}
	vnet_fw_filter(vd, port, skb);
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
	skb->protocol = eth_hdr(skb)->h_proto;
	vnet_fw_filter(vd, NULL, skb);
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

/*
 * Rules name ports: resolve them again when ports come and go. A port
 * that cannot be resolved is not added; the index of one removed while
 * the old set still names it stays taken until a set without it is out,
 * so no new port inherits rules it was never named in.
 */
static int vnet_vfirewall_port_added(struct vnet_port *port)
{
	if (!vnet_rules_name_port(port->vd, port->name))
		return 0;
	return vnet_rules_recompile(port->vd);
}

static void vnet_vfirewall_port_removed(struct vnet_port *port)
{
	struct vnet_dev *vd = port->vd;

	vnet_fdb_flush_port(vd, port);
	if (vnet_dev_going(vd) || !vnet_rules_name_port(vd, port->name))
		return;
	if (vnet_rules_recompile(vd))
		list_add(&port->held, &vd->fw.held);
	else	/* packets judged by the old set are done with its index */
		synchronize_net();
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
