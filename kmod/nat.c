// SPDX-License-Identifier: GPL-2.0
/*
 * NAT on the vrouter (IPv4): masquerade and snat out of a port, 1:1
 * floating addresses, port forwards. It rides on the device's connection
 * table (conntrack.c): a connection a rule translates is tracked with the
 * key its replies will arrive under (n[1] is then not n[0] reversed), so
 * each packet of either side finds how to rewrite itself with the one
 * lookup the table costs anyway: a packet of side d leaves as the other
 * side's key reversed. Only translated connections are tracked, and only
 * while the router has rules.
 *
 * A packet is routed, and answered with ICMP errors, as it arrived: the
 * route is looked up for the address it will have, and it is rewritten
 * just before it leaves, so an error the router sends quotes what the
 * sender sent. Rewriting updates the checksums incrementally, which holds
 * for CHECKSUM_PARTIAL (the L4 field then holds the pseudo-header's sum);
 * CHECKSUM_COMPLETE is dropped to NONE as ip_forward() does.
 *
 * Later fragments carry no ports, so no connection can be found for them:
 * they follow their first fragment, whose translation is kept for them a
 * few seconds by the datagram's addresses, protocol and IP id (a small
 * table that the newest datagram takes a slot of). One that comes before
 * its first, or after its slot was taken, and that a rule would translate
 * is dropped and counted (drop_invalid), as is any packet the table
 * cannot place that a rule would translate (a TCP segment of no
 * connection): nothing leaves with an inside address a rule hides, nor
 * reaches the inside untranslated.
 */
#include <linux/icmp.h>
#include <linux/jhash.h>
#include <linux/ip.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/checksum.h>
#include <net/ip.h>
#include "vnet.h"

#define VNET_NAT_PORT_MIN_DEFAULT	1024
#define VNET_NAT_PORT_MAX_DEFAULT	65535

/* How long a first fragment's translation waits for the rest. */
#define VNET_NAT_FRAG_TIMEOUT		(5 * HZ)

int vnet_nat_init(struct vnet_dev *vd)
{
	struct vnet_nat_frags *frags;

	INIT_LIST_HEAD(&vd->router.nat);
	frags = kzalloc(sizeof(*frags), GFP_KERNEL_ACCOUNT);
	if (!frags)
		return -ENOMEM;
	spin_lock_init(&frags->lock);
	vd->router.nat_frags = frags;
	return 0;
}

/* Rules are gone and no reader is left. */
void vnet_nat_uninit(struct vnet_dev *vd)
{
	kfree(vd->router.nat_frags);
}

static struct vnet_nat_frag *vnet_nat_frag_slot(struct vnet_nat_frags *frags,
						const struct iphdr *iph)
{
	u32 h = jhash_3words((__force u32)iph->saddr, (__force u32)iph->daddr,
			     (__force u32)iph->id << 8 | iph->protocol, 0);

	return &frags->slot[h % VNET_NAT_FRAG_SLOTS];
}

static bool vnet_nat_frag_match(const struct vnet_nat_frag *f,
				const struct iphdr *iph)
{
	return f->saddr == iph->saddr && f->daddr == iph->daddr &&
	       f->id == iph->id && f->proto == iph->protocol;
}

/* The first fragment of @iph's datagram leaves as @to: keep that. */
static void vnet_nat_frag_note(struct vnet_dev *vd, const struct iphdr *iph,
			       const struct vnet_ct_tuple *to)
{
	struct vnet_nat_frags *frags = vd->router.nat_frags;
	struct vnet_nat_frag *f = vnet_nat_frag_slot(frags, iph);

	spin_lock(&frags->lock);
	f->saddr = iph->saddr;
	f->daddr = iph->daddr;
	f->id = iph->id;
	f->proto = iph->protocol;
	f->to_saddr = to->src.s6_addr32[0];
	f->to_daddr = to->dst.s6_addr32[0];
	f->expires = jiffies + VNET_NAT_FRAG_TIMEOUT ?: 1;
	spin_unlock(&frags->lock);
}

/* A later fragment of a translated datagram: how it leaves, into @nat. */
static bool vnet_nat_frag_find(struct vnet_dev *vd, const struct iphdr *iph,
			       struct vnet_nat *nat)
{
	struct vnet_nat_frags *frags = vd->router.nat_frags;
	struct vnet_nat_frag *f = vnet_nat_frag_slot(frags, iph);
	bool found;

	spin_lock(&frags->lock);
	found = f->expires && time_before(jiffies, f->expires) &&
		vnet_nat_frag_match(f, iph);
	if (found) {
		nat->frag_saddr = f->to_saddr;
		nat->daddr = f->to_daddr;
	}
	spin_unlock(&frags->lock);
	return found;
}

static bool vnet_nat_in_prefix(__be32 addr, __be32 prefix, u8 len)
{
	return !((addr ^ prefix) & htonl(vnet_prefix_mask(len)));
}

/* The port's own IPv4 address a masquerade takes (toward @dest). */
static __be32 vnet_nat_port_addr(struct vnet_dev *vd,
				 const struct vnet_port *port, __be32 dest)
{
	struct vnet_addr *a;
	__be32 first = 0;

	list_for_each_entry_rcu(a, &vd->router.addrs, list) {
		if (a->family != AF_INET || a->port != port)
			continue;
		if (vnet_nat_in_prefix(dest, a->addr, a->plen))
			return a->addr;
		first = first ?: a->addr;
	}
	return first;
}

/*
 * Is @addr an outside address of @rule, not a masquerade (whose outside
 * address is the router's own): one its translated flows use?
 */
static bool vnet_nat_outside(const struct vnet_nat_rule *rule, __be32 addr)
{
	switch (rule->type) {
	case VNET_NAT_TYPE_MASQUERADE:
		return false;
	case VNET_NAT_TYPE_SNAT:
		return ntohl(addr) >= ntohl(rule->to_min) &&
		       ntohl(addr) <= ntohl(rule->to_max);
	default:
		return addr == rule->addr;
	}
}

/*
 * The rule that translates the destination of a new connection to
 * @daddr: a forward of its protocol and port (@dport 0 for a packet with
 * none), else a floating address.
 */
static struct vnet_nat_rule *
vnet_nat_match_dst(struct vnet_dev *vd, u8 proto, __be32 daddr, __be16 dport)
{
	struct vnet_nat_rule *rule, *floating = NULL;

	list_for_each_entry_rcu(rule, &vd->router.nat, list) {
		if (rule->addr != daddr)
			continue;
		if (rule->type == VNET_NAT_TYPE_FORWARD) {
			if (rule->proto == proto && rule->port == dport)
				return rule;
		} else if (rule->type == VNET_NAT_TYPE_FLOATING) {
			floating = rule;
		}
	}
	return floating;
}

/*
 * The rule that translates the source of a new connection from @saddr
 * leaving by @out: a floating address of @saddr on that port, else the
 * first masquerade or snat of the port whose prefix holds @saddr.
 */
static struct vnet_nat_rule *
vnet_nat_match_src(struct vnet_dev *vd, __be32 saddr,
		   const struct vnet_port *out)
{
	struct vnet_nat_rule *rule, *first = NULL;

	list_for_each_entry_rcu(rule, &vd->router.nat, list) {
		if (rule->out != out)
			continue;
		if (rule->type == VNET_NAT_TYPE_FLOATING) {
			if (rule->inside == saddr)
				return rule;
		} else if (rule->type != VNET_NAT_TYPE_FORWARD && !first &&
			   vnet_nat_in_prefix(saddr, rule->src, rule->src_len)) {
			first = rule;
		}
	}
	return first;
}

/*
 * Is @saddr the inside address of a forward whose outside address is on
 * @out: would its answers leave there translated?
 */
static bool vnet_nat_is_inside(struct vnet_dev *vd, __be32 saddr,
			       const struct vnet_port *out)
{
	const struct vnet_nat_rule *rule;

	list_for_each_entry_rcu(rule, &vd->router.nat, list)
		if (rule->type == VNET_NAT_TYPE_FORWARD &&
		    rule->inside == saddr && rule->out == out)
			return true;
	return false;
}

/*
 * Does any rule use @daddr outside: with @masquerade, a masquerade's too
 * (the router's own address on the port it names)?
 */
static bool vnet_nat_is_outside(struct vnet_dev *vd, __be32 daddr,
				bool masquerade)
{
	const struct vnet_route *rt = NULL;
	const struct vnet_nat_rule *rule;
	bool looked = false;

	list_for_each_entry_rcu(rule, &vd->router.nat, list) {
		if (rule->type != VNET_NAT_TYPE_MASQUERADE) {
			if (vnet_nat_outside(rule, daddr))
				return true;
			continue;
		}
		if (!masquerade)
			continue;
		if (!looked) {
			rt = vnet_lpm_lookup(&vd->router.routes, daddr);
			looked = true;
		}
		if (rt && rt->type == VNET_ROUTE_TYPE_LOCAL &&
		    rt->port == rule->out)
			return true;
	}
	return false;
}

/* Is @addr the router's own? */
static bool vnet_nat_is_local(struct vnet_dev *vd, __be32 addr)
{
	const struct vnet_route *rt = vnet_lpm_lookup(&vd->router.routes, addr);

	return rt && rt->type == VNET_ROUTE_TYPE_LOCAL;
}

/*
 * Are the rules that made @c all still there? Checked again only when a
 * rule went since the last time: a rule's removal walks the table for
 * its connections, but a walk that yields may pass one by.
 */
static bool vnet_nat_conn_live(struct vnet_dev *vd, struct vnet_conn *c,
			       u64 epoch)
{
	const struct vnet_nat_rule *rule;
	bool live[2] = { !c->nat_rule[0], !c->nat_rule[1] };

	list_for_each_entry_rcu(rule, &vd->router.nat, list) {
		live[0] |= rule->id == c->nat_rule[0];
		live[1] |= rule->id == c->nat_rule[1];
	}
	if (!live[0] || !live[1])
		return false;
	WRITE_ONCE(c->nat_epoch, epoch);
	return true;
}

/*
 * Does the router answer ARP for @addr on @port as a rule's outside
 * address (a floating or forward one, or one of a snat range out of the
 * port)? Its own it answers anyway.
 */
bool vnet_nat_arp_owns(struct vnet_dev *vd, const struct vnet_port *port,
		       __be32 addr)
{
	const struct vnet_nat_rule *rule;

	if (!READ_ONCE(vd->router.nat_count))
		return false;
	list_for_each_entry_rcu(rule, &vd->router.nat, list)
		if (rule->out == port && vnet_nat_outside(rule, addr))
			return true;
	return false;
}

/* The L4 header bytes a rewrite touches, or 0 for none. */
static unsigned int vnet_nat_l4_len(u8 proto)
{
	switch (proto) {
	case IPPROTO_TCP:
		return sizeof(struct tcphdr);
	case IPPROTO_UDP:
		return sizeof(struct udphdr);
	case IPPROTO_ICMP:
		return sizeof(struct icmphdr);
	case IPPROTO_UDPLITE:
	case IPPROTO_DCCP:
		return 8;
	}
	return 0;
}

/* Replace a 16-bit field of the L4 header, its checksum along. */
static void vnet_nat_set16(struct sk_buff *skb, __sum16 *sum, __be16 *field,
			   __be16 to, bool inner)
{
	if (*field == to)
		return;
	if (sum) {
		if (inner)
			csum_replace2(sum, *field, to);
		else
			inet_proto_csum_replace2(sum, skb, *field, to, false);
	}
	*field = to;
}

/* Replace an address of the IP header at @iph, the sums it is in along. */
static void vnet_nat_set_addr(struct sk_buff *skb, struct iphdr *iph,
			      __sum16 *l4sum, __be32 *field, __be32 to,
			      bool inner)
{
	if (*field == to)
		return;
	if (l4sum) {
		if (inner)
			csum_replace4(l4sum, *field, to);
		else
			inet_proto_csum_replace4(l4sum, skb, *field, to, true);
	}
	csum_replace4(&iph->check, *field, to);
	*field = to;
}

/*
 * Rewrite the IPv4 header at @nh and its L4 header at @l4 (both offsets
 * from skb->data, writable) to @to's addresses and ports: sport and dport
 * for TCP and UDP; for ICMP echo the id, in @to's sport for a request and
 * its dport for a reply. @inner: a header an ICMP error quotes, whose L4
 * checksum may be cut off and is updated as plain data.
 */
static void vnet_nat_mangle(struct sk_buff *skb, unsigned int nh,
			    unsigned int l4, bool has_l4,
			    const struct vnet_ct_tuple *to, bool inner)
{
	struct iphdr *iph = (struct iphdr *)(skb->data + nh);
	u8 *h = skb->data + l4;
	__sum16 *sum = NULL;
	__be16 *sport = NULL, *dport = NULL, *id = NULL;

	if (has_l4) {
		switch (iph->protocol) {
		case IPPROTO_TCP:
			if (!inner || l4 + sizeof(struct tcphdr) <= skb->len)
				sum = &((struct tcphdr *)h)->check;
			sport = &((struct tcphdr *)h)->source;
			dport = &((struct tcphdr *)h)->dest;
			break;
		case IPPROTO_UDP:
			/* No checksum (0) stays none; PARTIAL holds a sum. */
			if (((struct udphdr *)h)->check ||
			    (!inner && skb->ip_summed == CHECKSUM_PARTIAL))
				sum = &((struct udphdr *)h)->check;
			sport = &((struct udphdr *)h)->source;
			dport = &((struct udphdr *)h)->dest;
			break;
		case IPPROTO_ICMP:
			sum = &((struct icmphdr *)h)->checksum;
			id = &((struct icmphdr *)h)->un.echo.id;
			break;
		case IPPROTO_UDPLITE:
		case IPPROTO_DCCP:
			/* Ports untranslated (not in the key); the sum
			 * covers the pseudo-header.
			 */
			sum = (__sum16 *)(h + 6);
			break;
		}
	}
	/* ICMP's sum covers no pseudo-header: the addresses are not in it. */
	vnet_nat_set_addr(skb, iph, id ? NULL : sum, &iph->saddr,
			  to->src.s6_addr32[0], inner);
	vnet_nat_set_addr(skb, iph, id ? NULL : sum, &iph->daddr,
			  to->dst.s6_addr32[0], inner);
	if (sport) {
		vnet_nat_set16(skb, sum, sport, to->sport, inner);
		vnet_nat_set16(skb, sum, dport, to->dport, inner);
		if (iph->protocol == IPPROTO_UDP && sum && !*sum && !inner)
			*sum = CSUM_MANGLED_0;
	} else if (id) {
		vnet_nat_set16(skb, sum, id,
			       to->icmp_role == 1 ? to->sport : to->dport,
			       inner);
	}
}

/* What a packet of side @dir of @c leaves as: the other side reversed. */
static void vnet_nat_target(const struct vnet_conn *c, u8 dir,
			    struct vnet_ct_tuple *to)
{
	vnet_ct_tuple_reverse(to, &c->n[!dir].tuple);
}

/* Make @skb's first @len bytes writable, its sum one a rewrite keeps. */
static bool vnet_nat_writable(struct sk_buff *skb, unsigned int len)
{
	if (skb_ensure_writable(skb, len))
		return false;
	if (skb->ip_summed == CHECKSUM_COMPLETE)
		skb->ip_summed = CHECKSUM_NONE;
	return true;
}

/*
 * A packet of a translated connection: rewrite it as its side says; a
 * first fragment's translation is kept for the rest of its datagram.
 */
static bool vnet_nat_rewrite(struct vnet_dev *vd, struct sk_buff *skb,
			     const struct vnet_nat *nat)
{
	unsigned int l4_len = vnet_nat_l4_len(nat->ip.proto);
	struct vnet_ct_tuple to;

	if (!vnet_nat_writable(skb, nat->ip.l4 + l4_len))
		return false;
	vnet_nat_target(nat->ct.conn, nat->ct.dir, &to);
	if (unlikely(nat->ip.frag))
		vnet_nat_frag_note(vd, ip_hdr(skb), &to);
	vnet_nat_mangle(skb, 0, nat->ip.l4, l4_len, &to, false);
	return true;
}

/*
 * An ICMP error about a translated connection's packet, travelling as
 * side @dir's packets do: its destination (the quoted packet's source)
 * and the quote become what they were, or will be, on the other side;
 * its source too if it is the connection's far end, not a router on the
 * way. The quote's L4 header may be cut short; the ICMP sum is made anew.
 */
static bool vnet_nat_rewrite_error(struct sk_buff *skb,
				   const struct vnet_nat *nat)
{
	const struct vnet_conn *c = nat->ct.conn;
	const struct vnet_ct_tuple *here = &c->n[nat->ct.dir].tuple;
	const struct vnet_ct_tuple *there = &c->n[!nat->ct.dir].tuple;
	unsigned int off = nat->ip.l4 + sizeof(struct icmphdr), ihl;
	struct vnet_ct_tuple outer = {}, quoted;
	struct icmphdr *icmph;
	struct iphdr *iph, *inner;

	if (skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(skb))
		return false;
	if (!vnet_nat_writable(skb, skb->len))
		return false;
	iph = ip_hdr(skb);
	inner = (struct iphdr *)(skb->data + off);
	ihl = inner->ihl * 4;
	/* The quote as it is there: that side's own key, as it arrived. */
	quoted = *there;
	vnet_nat_mangle(skb, off, off + ihl, off + ihl + 8 <= skb->len,
			&quoted, true);
	/* A side whose source is translated shows nothing of its own: not
	 * a router of its either (nf_nat does the same).
	 */
	outer.src.s6_addr32[0] = here->src.s6_addr32[0] !=
				 there->dst.s6_addr32[0] ?
				 there->dst.s6_addr32[0] : iph->saddr;
	outer.dst.s6_addr32[0] = there->src.s6_addr32[0];
	vnet_nat_mangle(skb, 0, nat->ip.l4, false, &outer, false);
	icmph = (struct icmphdr *)(skb->data + nat->ip.l4);
	icmph->checksum = 0;
	icmph->checksum = csum_fold(skb_checksum(skb, nat->ip.l4,
						 skb->len - nat->ip.l4, 0));
	return true;
}

/*
 * Before the route: what the connection table makes of @skb (a valid,
 * unfragmented or first-fragment IPv4 packet, data at its header) while
 * the router has rules, and where it is to be routed (nat->daddr).
 * False: drop it (counted in nat->why). Under RCU.
 */
bool vnet_nat_in(struct vnet_dev *vd, struct sk_buff *skb, struct vnet_nat *nat)
{
	const struct iphdr *iph = ip_hdr(skb);
	__be16 _ports[2];
	const __be16 *ports;

	nat->ip.family = AF_INET;
	nat->ip.proto = iph->protocol;
	nat->ip.frag = ip_is_fragment(iph);
	nat->ip.later_frag = iph->frag_off & htons(IP_OFFSET);
	nat->ip.l4 = iph->ihl * 4;
	nat->ip.end = ntohs(iph->tot_len);
	nat->daddr = iph->daddr;
	nat->dst_rule = NULL;
	nat->what = VNET_NAT_PASS;
	/* Before the rules are read: see vnet_nat_unlink(). */
	nat->epoch = smp_load_acquire(&vd->router.nat_epoch);
	if (unlikely(nat->ip.later_frag) && vnet_nat_frag_find(vd, iph, nat)) {
		nat->what = VNET_NAT_FRAG;
		return true;
	}
	vnet_ct_classify(vd, skb, &nat->ip, NULL, &nat->ct);
	if (nat->ct.conn &&
	    unlikely(READ_ONCE(nat->ct.conn->nat_epoch) != nat->epoch) &&
	    !vnet_nat_conn_live(vd, nat->ct.conn, nat->epoch)) {
		/* Its rule is gone: so is it, and this packet with it. */
		vnet_ct_forget(vd, nat->ct.conn);
		nat->why = VNET_STATS_DROP_INVALID;
		return false;
	}
	if (nat->ct.conn) {
		/* Both a packet and an error go where the other side's
		 * key, reversed, says: to its source.
		 */
		nat->daddr =
			nat->ct.conn->n[!nat->ct.dir].tuple.src.s6_addr32[0];
		nat->what = nat->ct.state == VNET_CONN_STATE_RELATED ?
			    VNET_NAT_ERROR : VNET_NAT_CONN;
		return true;
	}
	if (nat->ct.state == VNET_CONN_STATE_NEW) {
		ports = NULL;
		if (iph->protocol == IPPROTO_TCP || iph->protocol == IPPROTO_UDP)
			ports = skb_header_pointer(skb, nat->ip.l4,
						   sizeof(_ports), _ports);
		nat->dst_rule = vnet_nat_match_dst(vd, iph->protocol,
						   iph->daddr,
						   ports ? ports[1] : 0);
		if (nat->dst_rule) {
			nat->daddr = nat->dst_rule->inside;
		} else if (vnet_nat_is_outside(vd, iph->daddr, false) &&
			   !vnet_nat_is_local(vd, iph->daddr)) {
			/* A rule's address, not the router's, and no rule
			 * of it takes this: nothing there answers.
			 */
			nat->why = VNET_STATS_DROP_LOCAL;
			return false;
		}
		nat->what = VNET_NAT_NEW;
		return true;
	}
	/* Nothing to place it in: it must not pass as a rule's. */
	if (vnet_nat_is_outside(vd, iph->daddr, true)) {
		nat->why = VNET_STATS_DROP_INVALID;
		return false;
	}
	nat->what = VNET_NAT_UNPLACED;
	return true;
}

/*
 * A new connection from @in out of @out: translate it if a rule says so
 * (a destination rule sending it back out where it came from translates
 * its source to the router's own address there too, so the answer comes
 * back through the router: hairpin), and track it.
 */
static bool vnet_nat_new(struct vnet_dev *vd, struct vnet_port *in,
			 struct vnet_port *out, struct sk_buff *skb,
			 struct vnet_nat *nat)
{
	struct vnet_nat_rule *dst_rule = nat->dst_rule, *src_rule;
	const struct vnet_ct_tuple *t = &nat->ct.tuple;
	struct vnet_nat_binding b = {};
	struct vnet_ct_tuple fwd = *t;
	__be32 saddr = 0;
	u16 sport;
	int err;

	src_rule = vnet_nat_match_src(vd, t->src.s6_addr32[0], out);
	if (src_rule) {
		if (src_rule->type == VNET_NAT_TYPE_FLOATING) {
			saddr = src_rule->addr;
		} else if (src_rule->type == VNET_NAT_TYPE_SNAT) {
			/* One outside address per inside host. */
			saddr = htonl(ntohl(src_rule->to_min) +
				      jhash_1word((__force u32)t->src.s6_addr32[0], 0) %
				      (ntohl(src_rule->to_max) -
				       ntohl(src_rule->to_min) + 1));
		} else {
			saddr = vnet_nat_port_addr(vd, out, nat->daddr);
		}
	} else if (dst_rule && out == in) {
		saddr = vnet_nat_port_addr(vd, out, nat->daddr);
	}
	if (!dst_rule && !src_rule)
		return true;
	if (!saddr && (src_rule || out == in)) {
		nat->why = VNET_STATS_DROP_NOT_ROUTABLE;
		return false;
	}
	if (dst_rule) {
		fwd.dst.s6_addr32[0] = dst_rule->inside;
		if (dst_rule->type == VNET_NAT_TYPE_FORWARD)
			fwd.dport = dst_rule->to_port;
		b.rule[0] = dst_rule->id;
	}
	if (saddr) {
		fwd.src.s6_addr32[0] = saddr;
		b.rule[1] = src_rule ? src_rule->id : 0;
		/* Ports (echo ids) from the rule's range, the sender's own
		 * first if it is in it; a 1:1 floating address keeps them.
		 */
		if ((t->proto == IPPROTO_TCP || t->proto == IPPROTO_UDP ||
		     t->icmp_role) &&
		    (!src_rule || src_rule->type != VNET_NAT_TYPE_FLOATING)) {
			b.port_min = src_rule ? src_rule->port_min :
						VNET_NAT_PORT_MIN_DEFAULT;
			b.port_max = src_rule ? src_rule->port_max :
						VNET_NAT_PORT_MAX_DEFAULT;
			sport = ntohs(t->sport);
			if (sport < b.port_min || sport > b.port_max)
				fwd.sport = htons(b.port_min +
						  get_random_u32_below(b.port_max -
								       b.port_min + 1));
		}
	}
	vnet_ct_tuple_reverse(&b.reply, &fwd);
	b.epoch = nat->epoch;
	err = vnet_ct_confirm_nat(vd, &nat->ct, &b);
	if (err || !nat->ct.conn) {
		nat->why = err == -EADDRINUSE ? VNET_STATS_NAT_EXHAUSTED :
			   err ? VNET_STATS_CONN_FULL : VNET_STATS_RX_DROPPED;
		return false;
	}
	if (dst_rule)
		atomic64_inc(&dst_rule->conns);
	if (src_rule)
		atomic64_inc(&src_rule->conns);
	if (vnet_nat_rewrite(vd, skb, nat))
		return true;
	nat->why = VNET_STATS_RX_DROPPED;
	return false;
}

/* A later fragment: its addresses as its first fragment's. */
static bool vnet_nat_rewrite_frag(struct sk_buff *skb,
				  const struct vnet_nat *nat)
{
	struct vnet_ct_tuple to = {};

	if (!vnet_nat_writable(skb, nat->ip.l4))
		return false;
	to.src.s6_addr32[0] = nat->frag_saddr;
	to.dst.s6_addr32[0] = nat->daddr;
	vnet_nat_mangle(skb, 0, nat->ip.l4, false, &to, false);
	return true;
}

/*
 * After the route and the router's checks, before @skb leaves by @out:
 * track and rewrite it as vnet_nat_in() found. False: drop it (counted
 * in nat->why). Under RCU.
 */
bool vnet_nat_out(struct vnet_dev *vd, struct vnet_port *in,
		  struct vnet_port *out, struct sk_buff *skb,
		  struct vnet_nat *nat)
{
	switch (nat->what) {
	case VNET_NAT_CONN:
		vnet_ct_update(vd, &nat->ct);
		break;
	case VNET_NAT_ERROR:
		vnet_ct_update(vd, &nat->ct);
		if (vnet_nat_rewrite_error(skb, nat))
			return true;
		nat->why = VNET_STATS_RX_DROPPED;
		return false;
	case VNET_NAT_NEW:
		return vnet_nat_new(vd, in, out, skb, nat);
	case VNET_NAT_FRAG:
		if (vnet_nat_rewrite_frag(skb, nat))
			return true;
		nat->why = VNET_STATS_RX_DROPPED;
		return false;
	case VNET_NAT_UNPLACED:
		if (vnet_nat_match_src(vd, ip_hdr(skb)->saddr, out) ||
		    vnet_nat_is_inside(vd, ip_hdr(skb)->saddr, out)) {
			nat->why = VNET_STATS_DROP_INVALID;
			return false;
		}
		return true;
	default:
		return true;
	}
	if (vnet_nat_rewrite(vd, skb, nat))
		return true;
	nat->why = VNET_STATS_RX_DROPPED;
	return false;
}
