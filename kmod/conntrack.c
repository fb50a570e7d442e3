// SPDX-License-Identifier: GPL-2.0
/*
 * A vfirewall's connection tracking. Each connection sits in one
 * rhashtable twice, once under the tuple of each direction, so a packet
 * of either side finds it with one lookup and no lock. A connection is
 * only created for a new packet the rules accepted, and only changed by
 * packets that pass: a dropped segment cannot close or refresh one.
 *
 * TCP follows a light state machine (SYN, SYN-ACK, established, FIN and
 * RST closing; no full window tracking, but a RST counts only when its
 * sequence number is within the window the other side last offered, so a
 * blind spoofed one cannot close a connection); UDP and others are tracked by
 * addresses and ports; ICMP and ICMPv6 echo by its id. ICMP (ICMPv6)
 * errors about a tracked connection are related to it. Later fragments
 * carry no L4 header and cannot be placed without reassembly: they are
 * invalid. IPv4 and IPv6 share the table; the family is in the key.
 *
 * Expiry is checked on every lookup, so an idle connection ends on time;
 * a deferred walk frees the ones nobody looks up.
 */
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/if_vlan.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <linux/bsearch.h>
#include <linux/sort.h>
#include <net/tcp.h>
#include "vnet.h"

static const struct rhashtable_params vnet_ct_params = {
	.head_offset = offsetof(struct vnet_ct_node, node),
	.key_offset = offsetof(struct vnet_ct_node, tuple),
	.key_len = sizeof(struct vnet_ct_tuple),
	.automatic_shrinking = true,
};

enum { VNET_ICMP_REQUEST = 1, VNET_ICMP_REPLY = 2 };

#define VNET_TCP_NO_WSCALE	0xff

/*
 * The window scale option of a SYN or SYN-ACK (@th, @len bytes of header
 * at @off in @skb), or VNET_TCP_NO_WSCALE.
 */
static u8 vnet_tcp_wscale(const struct sk_buff *skb, unsigned int off,
			  unsigned int len)
{
	u8 buf[MAX_TCP_OPTION_SPACE];
	const u8 *opt;
	unsigned int i;

	len -= sizeof(struct tcphdr);
	opt = skb_header_pointer(skb, off + sizeof(struct tcphdr), len, buf);
	if (!opt)
		return VNET_TCP_NO_WSCALE;
	for (i = 0; i < len;) {
		if (opt[i] == TCPOPT_EOL)
			break;
		if (opt[i] == TCPOPT_NOP) {
			i++;
			continue;
		}
		if (i + 1 >= len || opt[i + 1] < 2 || i + opt[i + 1] > len)
			break;
		if (opt[i] == TCPOPT_WINDOW && opt[i + 1] == TCPOLEN_WINDOW)
			return min_t(u8, opt[i + 2], TCP_MAX_WSCALE);
		i += opt[i + 1];
	}
	return VNET_TCP_NO_WSCALE;
}

/*
 * May a RST from side @dir with sequence number @seq close @c? Only if it
 * is within the window the other side offered in its last ACK, as a
 * receiver would take it (RFC 5961 in spirit): a blind RST must guess
 * within that, not anywhere in 2^32. Until that side has acknowledged
 * anything, any RST counts (the handshake's own are judged by the state).
 */
static bool vnet_tcp_rst_in_window(const struct vnet_conn *c, u8 dir, u32 seq)
{
	u8 peer = !dir, scale = 0;
	u32 win, off;

	if (!test_bit(VNET_CONN_F_ACKED0 + peer, &c->flags))
		return true;
	/* Scaling holds only if both SYNs offered it (RFC 7323). */
	if (READ_ONCE(c->wscale[0]) != VNET_TCP_NO_WSCALE &&
	    READ_ONCE(c->wscale[1]) != VNET_TCP_NO_WSCALE)
		scale = READ_ONCE(c->wscale[peer]);
	win = max_t(u32, (u32)READ_ONCE(c->win[peer]) << scale, U16_MAX);
	/* Either side of the last ACK: it may lag what is in flight. */
	off = seq - READ_ONCE(c->ack[peer]);
	return off <= win || -off <= win;
}

static struct vnet_conn *vnet_ct_conn(struct vnet_ct_node *n)
{
	return container_of(n - n->dir, struct vnet_conn, n[0]);
}

static unsigned long vnet_ct_timeout(struct vnet_dev *vd,
				     enum vnet_ct_timeout which)
{
	return (unsigned long)READ_ONCE(vd->params.timeout[which]) * HZ;
}

static bool vnet_ct_expired(const struct vnet_conn *c)
{
	return time_after_eq(jiffies, READ_ONCE(c->expires));
}

/* One connection less in the table and in the network's quota. */
static void vnet_ct_uncount(struct vnet_dev *vd)
{
	atomic_dec(&vd->ct.count);
	vnet_quota_give(vd, VNET_QUOTA_CONNS, 1);
}

/*
 * Remove @c from the table; whoever sets DYING first does it. A connection
 * is born DYING and only loses the bit once both its nodes are in the
 * table (vnet_ct_confirm), so a kill that wins always finds both there,
 * and a kill that loses to a confirm under way leaves it alone.
 */
static void vnet_ct_kill(struct vnet_conntrack *ct, struct vnet_conn *c)
{
	if (test_and_set_bit(VNET_CONN_F_DYING, &c->flags))
		return;
	rhashtable_remove_fast(&ct->table, &c->n[0].node, vnet_ct_params);
	rhashtable_remove_fast(&ct->table, &c->n[1].node, vnet_ct_params);
	vnet_ct_uncount(container_of(ct, struct vnet_dev, ct));
	kfree_rcu(c, rcu);
}

/* The live connection @t belongs to, and from which side; under RCU. */
static struct vnet_conn *vnet_ct_find(struct vnet_conntrack *ct,
				      const struct vnet_ct_tuple *t, u8 *dir)
{
	struct vnet_ct_node *n;
	struct vnet_conn *c;

	n = rhashtable_lookup(&ct->table, t, vnet_ct_params);
	if (!n)
		return NULL;
	c = vnet_ct_conn(n);
	if (test_bit(VNET_CONN_F_DYING, &c->flags))
		return NULL;
	if (vnet_ct_expired(c)) {
		vnet_ct_kill(ct, c);
		return NULL;
	}
	*dir = n->dir;
	return c;
}

/*
 * @src and @dst point at addresses of @family: one word for AF_INET, four
 * for AF_INET6.
 */
static void vnet_ct_tuple_set(struct vnet_ct_tuple *t, u8 family, u16 vlan,
			      const __be32 *src, const __be32 *dst, u8 proto,
			      __be16 sport, __be16 dport, u8 role)
{
	size_t len = family == AF_INET ? sizeof(__be32) :
					 sizeof(struct in6_addr);

	memset(t, 0, sizeof(*t));
	memcpy(&t->src, src, len);
	memcpy(&t->dst, dst, len);
	t->family = family;
	t->vlan = vlan;
	t->proto = proto;
	t->sport = sport;
	t->dport = dport;
	t->icmp_role = role;
}

void vnet_ct_tuple_reverse(struct vnet_ct_tuple *r,
			   const struct vnet_ct_tuple *t)
{
	vnet_ct_tuple_set(r, t->family, t->vlan, t->dst.s6_addr32,
			  t->src.s6_addr32,
			  t->proto, t->dport, t->sport,
			  t->icmp_role ? t->icmp_role ^ 3 : 0);
}

/* Flag sets a TCP segment may carry (as nf_conntrack checks them). */
static bool vnet_tcp_flags_valid(u8 flags)
{
	switch (flags & ~(TCPHDR_PSH | TCPHDR_URG)) {
	case TCPHDR_SYN:
	case TCPHDR_SYN | TCPHDR_ACK:
	case TCPHDR_RST:
	case TCPHDR_RST | TCPHDR_ACK:
	case TCPHDR_FIN | TCPHDR_ACK:
	case TCPHDR_ACK:
		return true;
	}
	return false;
}

/*
 * The state a segment with @flags from side @dir moves a connection in
 * @old to (updating @fin_seen); VNET_TCP_NONE if it does not fit there.
 */
static u8 vnet_tcp_next(u8 old, u8 dir, u8 flags, u8 *fin_seen)
{
	bool syn = flags & TCPHDR_SYN, ack = flags & TCPHDR_ACK;

	if (flags & TCPHDR_RST)
		return VNET_TCP_CLOSE;
	switch (old) {
	case VNET_TCP_SYN_SENT:
		if (syn && !ack && !dir)
			return VNET_TCP_SYN_SENT;	/* retransmitted */
		if (syn && ack && dir)
			return VNET_TCP_SYN_RECV;
		return VNET_TCP_NONE;			/* data before a handshake */
	case VNET_TCP_SYN_RECV:
		if (syn)	/* retransmitted SYN or SYN-ACK */
			return ack == !!dir ? VNET_TCP_SYN_RECV : VNET_TCP_NONE;
		if (dir)
			return VNET_TCP_SYN_RECV;
		if (flags & TCPHDR_FIN) {
			*fin_seen |= BIT(0);
			return VNET_TCP_FIN_WAIT;
		}
		return VNET_TCP_ESTABLISHED;
	case VNET_TCP_ESTABLISHED:
	case VNET_TCP_FIN_WAIT:
		if (syn)	/* only a late SYN-ACK fits */
			return ack && dir ? old : VNET_TCP_NONE;
		if (flags & TCPHDR_FIN) {
			*fin_seen |= BIT(dir);
			return *fin_seen == 3 ? VNET_TCP_CLOSE : VNET_TCP_FIN_WAIT;
		}
		return old;
	case VNET_TCP_CLOSE:
		return syn ? VNET_TCP_NONE : VNET_TCP_CLOSE;
	}
	return VNET_TCP_NONE;
}

static enum vnet_ct_timeout vnet_tcp_timeout(u8 state)
{
	switch (state) {
	case VNET_TCP_ESTABLISHED:
		return VNET_CT_TCP_EST;
	case VNET_TCP_FIN_WAIT:
		return VNET_CT_TCP_FIN;
	case VNET_TCP_CLOSE:
		return VNET_CT_TCP_CLOSE;
	default:
		return VNET_CT_TCP_SYN;
	}
}

/* A packet of a found connection: new until the connection is answered. */
static void vnet_ct_found(struct vnet_ct_result *res, struct vnet_conn *c,
			  u8 dir)
{
	res->conn = c;
	res->dir = dir;
	res->state = dir || test_bit(VNET_CONN_F_REPLIED, &c->flags) ?
		     VNET_CONN_STATE_ESTABLISHED : VNET_CONN_STATE_NEW;
}

/* @src and @dst: the addresses of @skb's IP header, of @ip->family. */
static void vnet_ct_tcp(struct vnet_conntrack *ct, const struct sk_buff *skb,
			const struct vnet_ip_info *ip, const __be32 *src,
			const __be32 *dst, struct vnet_ct_result *res)
{
	unsigned int off = ip->l4, end = ip->end;
	struct tcphdr _th;
	const struct tcphdr *th;
	struct vnet_conn *c;
	u8 flags, fin, dir;

	th = skb_header_pointer(skb, off, sizeof(_th), &_th);
	if (!th || end < off + sizeof(_th) || th->doff < sizeof(_th) / 4)
		return;
	flags = tcp_flag_byte(th) & ~(TCPHDR_ECE | TCPHDR_CWR);
	if (!vnet_tcp_flags_valid(flags))
		return;
	res->tcp_flags = flags;
	res->tcp_ack = ntohl(th->ack_seq);
	res->tcp_win = ntohs(th->window);
	res->tcp_wscale = VNET_TCP_NO_WSCALE;
	if ((flags & TCPHDR_SYN) && th->doff > sizeof(_th) / 4 &&
	    end >= off + th->doff * 4)
		res->tcp_wscale = vnet_tcp_wscale(skb, off, th->doff * 4);
	vnet_ct_tuple_set(&res->tuple, ip->family, vnet_skb_vid(skb), src, dst,
			  IPPROTO_TCP, th->source, th->dest, 0);
	c = vnet_ct_find(ct, &res->tuple, &dir);
	if (c) {
		/* An out-of-window RST fits no connection: it is invalid. */
		if ((flags & TCPHDR_RST) &&
		    !vnet_tcp_rst_in_window(c, dir, ntohl(th->seq)))
			return;
		fin = READ_ONCE(c->fin_seen);
		if (vnet_tcp_next(READ_ONCE(c->tcp_state), dir, flags, &fin)) {
			vnet_ct_found(res, c, dir);
			return;
		}
		/* A SYN on a closed connection's ports opens a new one. */
		if (READ_ONCE(c->tcp_state) != VNET_TCP_CLOSE || dir ||
		    (flags & (TCPHDR_SYN | TCPHDR_ACK)) != TCPHDR_SYN)
			return;
		vnet_ct_kill(ct, c);
	}
	if ((flags & (TCPHDR_SYN | TCPHDR_ACK | TCPHDR_RST)) == TCPHDR_SYN)
		res->state = VNET_CONN_STATE_NEW;
}

/*
 * Fill @t from the 8 bytes of L4 header at @l4 of a packet of @family,
 * @proto and addresses @src and @dst, in @vlan, as that packet's own
 * tuple; false if it is not tracked.
 */
static bool vnet_ct_tuple_l4(struct vnet_ct_tuple *t, u8 family, u16 vlan,
			     const __be32 *src, const __be32 *dst, u8 proto,
			     const u8 *l4)
{
	u8 icmp = family == AF_INET ? IPPROTO_ICMP : IPPROTO_ICMPV6;
	u8 echo = family == AF_INET ? ICMP_ECHO : ICMPV6_ECHO_REQUEST;
	u8 reply = family == AF_INET ? ICMP_ECHOREPLY : ICMPV6_ECHO_REPLY;
	__be16 id = *(const __be16 *)(l4 + 4);

	if (proto == icmp) {
		if (l4[0] == echo)
			vnet_ct_tuple_set(t, family, vlan, src, dst, proto, id,
					  0, VNET_ICMP_REQUEST);
		else if (l4[0] == reply)
			vnet_ct_tuple_set(t, family, vlan, src, dst, proto, 0,
					  id, VNET_ICMP_REPLY);
		else
			return false;
	} else if (proto == IPPROTO_TCP || proto == IPPROTO_UDP) {
		vnet_ct_tuple_set(t, family, vlan, src, dst, proto,
				  *(const __be16 *)l4, *(const __be16 *)(l4 + 2),
				  0);
	} else {
		vnet_ct_tuple_set(t, family, vlan, src, dst, proto, 0, 0, 0);
	}
	return true;
}

/*
 * @t, the packet an error quotes, of @res's connection, if there is one:
 * @res is related to it. The quote went out the way the error comes in,
 * so the error travels as the packets that arrive under @t reversed do:
 * looking that up finds a translated connection too (whose other side's
 * key is not @t).
 */
static void vnet_ct_related(struct vnet_conntrack *ct,
			    const struct vnet_ct_tuple *t,
			    struct vnet_ct_result *res)
{
	struct vnet_ct_tuple r;
	struct vnet_conn *c;
	u8 dir;

	vnet_ct_tuple_reverse(&r, t);
	c = vnet_ct_find(ct, &r, &dir);
	if (!c)
		return;
	res->conn = c;
	res->dir = dir;
	res->state = VNET_CONN_STATE_RELATED;
}

/* An ICMP error: related if the packet it quotes is of a connection. */
static void vnet_ct_icmp_error(struct vnet_conntrack *ct,
			       const struct sk_buff *skb, unsigned int off,
			       struct vnet_ct_result *res)
{
	struct iphdr _iph;
	const struct iphdr *inner;
	struct vnet_ct_tuple t;
	u8 buf[8];
	const u8 *l4;

	inner = skb_header_pointer(skb, off, sizeof(_iph), &_iph);
	if (!inner || inner->version != 4 || inner->ihl < 5 ||
	    (inner->frag_off & htons(IP_OFFSET)) ||
	    inner->saddr != ip_hdr(skb)->daddr)
		return;
	l4 = skb_header_pointer(skb, off + inner->ihl * 4, sizeof(buf), buf);
	if (l4 && vnet_ct_tuple_l4(&t, AF_INET, vnet_skb_vid(skb),
				   &inner->saddr, &inner->daddr,
				   inner->protocol, l4))
		vnet_ct_related(ct, &t, res);
}

/*
 * An ICMPv6 error (@ip's, its quote at @off): related if the packet it
 * quotes, walked past its own extension headers, is of a connection.
 */
static void vnet_ct_icmp6_error(struct vnet_conntrack *ct,
				const struct sk_buff *skb,
				const struct vnet_ip_info *ip,
				unsigned int off, struct vnet_ct_result *res)
{
	struct vnet_ip_info quoted;
	struct ipv6hdr _ip6;
	const struct ipv6hdr *inner;
	struct vnet_ct_tuple t;
	u8 buf[8];
	const u8 *l4;

	inner = skb_header_pointer(skb, off, sizeof(_ip6), &_ip6);
	if (!inner || inner->version != 6 ||
	    !ipv6_addr_equal(&inner->saddr, &ipv6_hdr(skb)->daddr) ||
	    !vnet_ipv6_walk(skb, off + sizeof(_ip6), inner->nexthdr, ip->end,
			    &quoted) || quoted.later_frag ||
	    ip->end < quoted.l4 + sizeof(buf))
		return;
	l4 = skb_header_pointer(skb, quoted.l4, sizeof(buf), buf);
	if (l4 && vnet_ct_tuple_l4(&t, AF_INET6, vnet_skb_vid(skb),
				   inner->saddr.s6_addr32,
				   inner->daddr.s6_addr32, quoted.proto, l4))
		vnet_ct_related(ct, &t, res);
}

/* Is ICMP (ICMPv6) @type, of @family, an error about another packet? */
static bool vnet_ct_icmp_is_error(u8 family, u8 type)
{
	if (family == AF_INET6)
		return type == ICMPV6_DEST_UNREACH || type == ICMPV6_PKT_TOOBIG ||
		       type == ICMPV6_TIME_EXCEED || type == ICMPV6_PARAMPROB;
	return type == ICMP_DEST_UNREACH || type == ICMP_SOURCE_QUENCH ||
	       type == ICMP_REDIRECT || type == ICMP_TIME_EXCEEDED ||
	       type == ICMP_PARAMETERPROB;
}

static void vnet_ct_icmp(struct vnet_conntrack *ct, const struct sk_buff *skb,
			 const struct vnet_ip_info *ip, const __be32 *src,
			 const __be32 *dst, struct vnet_ct_result *res)
{
	u8 _ih[8], dir;
	const u8 *ih;
	struct vnet_conn *c;

	ih = skb_header_pointer(skb, ip->l4, sizeof(_ih), _ih);
	if (!ih || ip->end < ip->l4 + sizeof(_ih))
		return;
	if (vnet_ct_icmp_is_error(ip->family, ih[0])) {
		if (ip->family == AF_INET)
			vnet_ct_icmp_error(ct, skb, ip->l4 + sizeof(_ih), res);
		else
			vnet_ct_icmp6_error(ct, skb, ip, ip->l4 + sizeof(_ih),
					    res);
		return;
	}
	if (!vnet_ct_tuple_l4(&res->tuple, ip->family, vnet_skb_vid(skb), src,
			      dst, ip->proto, ih))
		return;
	c = vnet_ct_find(ct, &res->tuple, &dir);
	if (c)
		vnet_ct_found(res, c, dir);
	else if (res->tuple.icmp_role == VNET_ICMP_REQUEST)
		res->state = VNET_CONN_STATE_NEW;
}

/*
 * What connection tracking makes of @skb (a valid IP packet, data at its
 * header, walked into @ip and classified into @key, or NULL: then the UDP
 * ports are read here): its state and, if there is one, its connection.
 * Changes nothing but the removal of expired entries. Under RCU.
 */
void vnet_ct_classify(struct vnet_dev *vd, const struct sk_buff *skb,
		      const struct vnet_ip_info *ip, const u32 *key,
		      struct vnet_ct_result *res)
{
	struct vnet_conntrack *ct = &vd->ct;
	__be16 ports[2] = {}, _ports[2];
	const __be16 *p;
	bool v4 = ip->family == AF_INET;
	const __be32 *src = v4 ? &ip_hdr(skb)->saddr :
				 ipv6_hdr(skb)->saddr.s6_addr32;
	const __be32 *dst = v4 ? &ip_hdr(skb)->daddr :
				 ipv6_hdr(skb)->daddr.s6_addr32;
	struct vnet_conn *c;
	u8 dir;

	res->conn = NULL;
	res->dir = 0;
	res->tcp_flags = 0;
	res->state = VNET_CONN_STATE_INVALID;
	if (ip->later_frag)
		return;
	if (ip->proto == IPPROTO_TCP) {
		vnet_ct_tcp(ct, skb, ip, src, dst, res);
		return;
	}
	if (ip->proto == (ip->family == AF_INET ? IPPROTO_ICMP :
						  IPPROTO_ICMPV6)) {
		vnet_ct_icmp(ct, skb, ip, src, dst, res);
		return;
	}
	if (ip->proto == IPPROTO_UDP) {
		if (key) {
			ports[0] = htons(key[VNET_FW_SPORT]);
			ports[1] = htons(key[VNET_FW_DPORT]);
		} else {
			p = skb_header_pointer(skb, ip->l4, sizeof(_ports),
					       _ports);
			if (!p || ip->end < ip->l4 + sizeof(struct udphdr))
				return;
			ports[0] = p[0];
			ports[1] = p[1];
		}
		vnet_ct_tuple_set(&res->tuple, ip->family, vnet_skb_vid(skb),
				  src, dst, IPPROTO_UDP, ports[0], ports[1], 0);
	} else {
		vnet_ct_tuple_set(&res->tuple, ip->family, vnet_skb_vid(skb),
				  src, dst, ip->proto, 0, 0, 0);
	}
	c = vnet_ct_find(ct, &res->tuple, &dir);
	if (c)
		vnet_ct_found(res, c, dir);
	else
		res->state = VNET_CONN_STATE_NEW;
}

static enum vnet_ct_timeout vnet_ct_idle(const struct vnet_conn *c)
{
	if (c->n[0].tuple.proto == IPPROTO_TCP)
		return vnet_tcp_timeout(READ_ONCE(c->tcp_state));
	/* ICMP or ICMPv6 echo, of its own family: only that has a role. */
	if (c->n[0].tuple.icmp_role)
		return VNET_CT_ICMP;
	return test_bit(VNET_CONN_F_REPLIED, &c->flags) ?
	       VNET_CT_UDP_STREAM : VNET_CT_UDP;
}

static void vnet_ct_refresh(struct vnet_dev *vd, struct vnet_conn *c)
{
	unsigned long expires = jiffies + vnet_ct_timeout(vd, vnet_ct_idle(c));

	if (READ_ONCE(c->expires) != expires)
		WRITE_ONCE(c->expires, expires);
}

/* How far a full table is searched for a connection to drop. */
#define VNET_CT_EARLY_DROP_BUCKETS	16
#define VNET_CT_EARLY_DROP_ENTRIES	8

/*
 * The table is full: forget one connection nobody has answered, among the
 * few that hash near @t, as nf_conntrack's early_drop() does, so a flood
 * of openings that are never answered (a SYN flood, a scan) cannot keep
 * every new connection out. Answered ones are never dropped. Under RCU.
 */
static bool vnet_ct_early_drop(struct vnet_dev *vd,
			       const struct vnet_ct_tuple *t)
{
	struct rhashtable *ht = &vd->ct.table;
	const struct bucket_table *tbl = rht_dereference_rcu(ht->tbl, ht);
	unsigned int hash = rht_key_hashfn(ht, tbl, t, vnet_ct_params);
	unsigned int i, seen = 0;
	struct vnet_ct_node *n;
	struct rhash_head *pos;
	struct vnet_conn *c;

	for (i = 0; i < min_t(unsigned int, tbl->size,
			      VNET_CT_EARLY_DROP_BUCKETS); i++) {
		rht_for_each_entry_rcu(n, pos, tbl, (hash + i) & (tbl->size - 1),
				       node) {
			c = vnet_ct_conn(n);
			if (!test_bit(VNET_CONN_F_REPLIED, &c->flags) &&
			    !test_bit(VNET_CONN_F_DYING, &c->flags)) {
				vnet_ct_kill(&vd->ct, c);
				vnet_stats_add(vd->stats,
					       VNET_STATS_CONN_EARLY_DROP, 1);
				return true;
			}
			if (++seen == VNET_CT_EARLY_DROP_ENTRIES)
				return false;
		}
	}
	return false;
}

/* Count a new connection in, making room if the table is full. */
static bool vnet_ct_count_new(struct vnet_dev *vd,
			      const struct vnet_ct_tuple *t)
{
	atomic_t *count = &vd->ct.count;
	u32 max = READ_ONCE(vd->params.conns_max);

	if (atomic_inc_return(count) <= max)
		return true;
	atomic_dec(count);
	if (!vnet_ct_early_drop(vd, t))
		return false;
	if (atomic_inc_return(count) <= max)
		return true;
	atomic_dec(count);
	return false;
}

/*
 * Put @c's reply side in: under @b's reply tuple, its dport (the source
 * port or echo id the translated packets carry) moved through @b's range
 * while that key is taken, as nf_nat's port choice does: the given one
 * first, then from a random place on, at most VNET_NAT_PORT_TRIES.
 */
#define VNET_NAT_PORT_TRIES	128

static int vnet_ct_insert_reply(struct vnet_conntrack *ct, struct vnet_conn *c,
				const struct vnet_nat_binding *b)
{
	u32 range, first, i, tries;
	int err;

	if (!b) {
		vnet_ct_tuple_reverse(&c->n[1].tuple, &c->n[0].tuple);
		return rhashtable_lookup_insert_fast(&ct->table, &c->n[1].node,
						     vnet_ct_params);
	}
	c->n[1].tuple = b->reply;
	err = rhashtable_lookup_insert_fast(&ct->table, &c->n[1].node,
					    vnet_ct_params);
	if (err != -EEXIST || !b->port_max)
		return err == -EEXIST ? -EADDRINUSE : err;
	range = b->port_max - b->port_min + 1;
	first = get_random_u32_below(range);
	tries = min_t(u32, range, VNET_NAT_PORT_TRIES);
	for (i = 0; i < tries; i++) {
		c->n[1].tuple.dport =
			htons(b->port_min + (first + i) % range);
		err = rhashtable_lookup_insert_fast(&ct->table, &c->n[1].node,
						    vnet_ct_params);
		if (err != -EEXIST)
			return err;
	}
	return -EADDRINUSE;
}

/*
 * Track a new packet the rules accepted (@res from vnet_ct_classify, with
 * no connection): 0 when it is tracked (or another CPU just did it),
 * -ENOSPC when the table is full.
 *
 * The connection goes into the table DYING: lookups pass it by, and a
 * flush, the expiry of a lookup or gc cannot kill it, so until both nodes
 * are in, its death is this function's alone. Only then is the bit
 * cleared, and from then on the first vnet_ct_kill() owns it.
 */
int vnet_ct_confirm(struct vnet_dev *vd, struct vnet_ct_result *res)
{
	return vnet_ct_confirm_nat(vd, res, NULL);
}

/*
 * vnet_ct_confirm(), translated as @b says (NULL: not): -EADDRINUSE when
 * no reply key @b allows is free.
 */
int vnet_ct_confirm_nat(struct vnet_dev *vd, struct vnet_ct_result *res,
			const struct vnet_nat_binding *b)
{
	struct vnet_conntrack *ct = &vd->ct;
	struct mem_cgroup *old;
	struct vnet_conn *c;
	int err;

	if (!vnet_ct_count_new(vd, &res->tuple))
		return -ENOSPC;
	if (!vnet_quota_take(vd, VNET_QUOTA_CONNS, 1)) {
		atomic_dec(&ct->count);
		return -EDQUOT;
	}
	old = vnet_memcg_enter(vd);
	c = kzalloc(sizeof(*c), VNET_GFP_ENTRY);
	vnet_memcg_leave(old);
	if (!c) {
		vnet_ct_uncount(vd);
		return -ENOMEM;
	}
	c->n[0].tuple = res->tuple;
	c->n[1].dir = 1;
	c->flags = BIT(VNET_CONN_F_DYING);
	if (b) {
		__set_bit(VNET_CONN_F_NAT, &c->flags);
		c->nat_rule[0] = b->rule[0];
		c->nat_rule[1] = b->rule[1];
		c->nat_epoch = b->epoch;
	}
	spin_lock_init(&c->lock);
	if (res->tuple.proto == IPPROTO_TCP) {
		c->tcp_state = VNET_TCP_SYN_SENT;
		c->wscale[0] = res->tcp_wscale;
		c->wscale[1] = VNET_TCP_NO_WSCALE;
	}
	atomic64_set(&c->packets, 1);
	c->expires = jiffies + vnet_ct_timeout(vd, vnet_ct_idle(c));
	err = rhashtable_lookup_insert_fast(&ct->table, &c->n[0].node,
					    vnet_ct_params);
	if (err) {
		/* Never published: nobody else can know it. */
		vnet_ct_uncount(vd);
		kfree(c);
		/* Another CPU tracked this very packet's key first: a
		 * translated packet goes the way that connection says (its
		 * twin of a DNS client's A and AAAA queries must not be lost).
		 */
		if (err == -EEXIST && b) {
			c = vnet_ct_find(ct, &res->tuple, &res->dir);
			res->conn = c && !res->dir ? c : NULL;
		}
		return err == -EEXIST ? 0 : err;
	}
	err = vnet_ct_insert_reply(ct, c, b);
	if (err) {
		/* Still DYING: nobody else removes or frees it. */
		rhashtable_remove_fast(&ct->table, &c->n[0].node,
				       vnet_ct_params);
		vnet_ct_uncount(vd);
		kfree_rcu(c, rcu);	/* lookups may have met n[0] */
		return err == -EEXIST ? 0 : err;
	}
	/* Both nodes are in before a killer can see the bit clear. */
	smp_mb__before_atomic();
	clear_bit(VNET_CONN_F_DYING, &c->flags);
	res->conn = c;
	vnet_stats_add(vd->stats, VNET_STATS_CONN_NEW, 1);
	return 0;
}

/* A packet of @res's connection passed: move its state on. */
void vnet_ct_update(struct vnet_dev *vd, struct vnet_ct_result *res)
{
	struct vnet_conn *c = res->conn;
	u8 flags = res->tcp_flags, next, fin;

	atomic64_inc(&c->packets);
	if (res->state == VNET_CONN_STATE_RELATED)
		return;		/* errors keep nothing alive */
	if (res->dir && !test_bit(VNET_CONN_F_REPLIED, &c->flags))
		set_bit(VNET_CONN_F_REPLIED, &c->flags);
	if (flags & TCPHDR_ACK) {
		/* Racing segments of one side may leave an older ACK: the
		 * RST check allows for that lag.
		 */
		if (READ_ONCE(c->ack[res->dir]) != res->tcp_ack)
			WRITE_ONCE(c->ack[res->dir], res->tcp_ack);
		if (READ_ONCE(c->win[res->dir]) != res->tcp_win)
			WRITE_ONCE(c->win[res->dir], res->tcp_win);
		if (!test_bit(VNET_CONN_F_ACKED0 + res->dir, &c->flags))
			set_bit(VNET_CONN_F_ACKED0 + res->dir, &c->flags);
	}
	/* Plain segments of an established connection change nothing. */
	if (c->n[0].tuple.proto == IPPROTO_TCP &&
	    ((flags & (TCPHDR_SYN | TCPHDR_FIN | TCPHDR_RST)) ||
	     READ_ONCE(c->tcp_state) != VNET_TCP_ESTABLISHED)) {
		spin_lock(&c->lock);
		fin = c->fin_seen;
		next = vnet_tcp_next(c->tcp_state, res->dir, flags, &fin);
		/* The answer's SYN-ACK brings the other side's scale. */
		if (next == VNET_TCP_SYN_RECV && res->dir &&
		    (flags & TCPHDR_SYN))
			WRITE_ONCE(c->wscale[1], res->tcp_wscale);
		if (next) {
			WRITE_ONCE(c->tcp_state, next);
			WRITE_ONCE(c->fin_seen, fin);
		}
		spin_unlock(&c->lock);
	}
	vnet_ct_refresh(vd, c);
}

struct vnet_ct_walk {
	struct vnet_conntrack *ct;
	bool (*fn)(struct vnet_conntrack *ct, struct vnet_conn *c, void *arg);
	void *arg;
};

static bool vnet_ct_walk_one(void *obj, void *arg)
{
	struct vnet_ct_node *n = obj;
	struct vnet_ct_walk *w = arg;

	/* Each connection is in the table twice: act on its original. */
	return n->dir || w->fn(w->ct, vnet_ct_conn(n), w->arg);
}

/*
 * Call @fn on every connection (once per connection, a few twice if the
 * table is resized meanwhile) until it returns false. Sleeps.
 */
static void vnet_ct_walk(struct vnet_conntrack *ct,
			 bool (*fn)(struct vnet_conntrack *ct,
				    struct vnet_conn *c, void *arg),
			 void *arg)
{
	struct vnet_ct_walk w = { .ct = ct, .fn = fn, .arg = arg };

	vnet_table_walk(&ct->table, vnet_ct_walk_one, &w);
}

static bool vnet_ct_kill_one(struct vnet_conntrack *ct, struct vnet_conn *c,
			     void *arg)
{
	vnet_ct_kill(ct, c);
	return true;
}

static bool vnet_ct_kill_expired(struct vnet_conntrack *ct,
				 struct vnet_conn *c, void *arg)
{
	if (vnet_ct_expired(c))
		vnet_ct_kill(ct, c);
	return true;
}

static void vnet_ct_gc(struct work_struct *work)
{
	struct vnet_conntrack *ct = container_of(to_delayed_work(work),
						 struct vnet_conntrack,
						 gc_work);
	unsigned int count;

	vnet_ct_walk(ct, vnet_ct_kill_expired, NULL);
	/* Big tables are walked less often: lookups expire entries anyway. */
	count = atomic_read(&ct->count);
	queue_delayed_work(vnet_wq, &ct->gc_work,
			   HZ * (1 + min(count >> 16, 9U)));
}

/* Forget every connection; under RTNL. */
void vnet_ct_flush(struct vnet_dev *vd)
{
	vnet_ct_walk(&vd->ct, vnet_ct_kill_one, NULL);
}

struct vnet_ct_rules {
	const u64 *ids;			/* sorted */
	unsigned int n;			/* 0: all */
};

static int vnet_ct_id_cmp(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

static bool vnet_ct_rules_have(const struct vnet_ct_rules *rules, u64 id)
{
	return id && bsearch(&id, rules->ids, rules->n, sizeof(u64),
			     vnet_ct_id_cmp);
}

static bool vnet_ct_kill_nat(struct vnet_conntrack *ct, struct vnet_conn *c,
			     void *arg)
{
	const struct vnet_ct_rules *rules = arg;

	if (test_bit(VNET_CONN_F_NAT, &c->flags) &&
	    (!rules->n || vnet_ct_rules_have(rules, c->nat_rule[0]) ||
	     vnet_ct_rules_have(rules, c->nat_rule[1])))
		vnet_ct_kill(ct, c);
	return true;
}

/*
 * Forget the connections the NAT rules @ids (@n of them, sorted here; 0:
 * every translated connection) made, in one walk. The walk yields and
 * may pass one by: lookups check a connection's rules too (nat.c), so
 * this frees memory, and none is translated by a rule that is gone.
 * Sleeps.
 */
void vnet_ct_flush_nat(struct vnet_dev *vd, u64 *ids, unsigned int n)
{
	struct vnet_ct_rules rules = { .ids = ids, .n = n };

	if (!vd->ct.ready)
		return;
	sort(ids, n, sizeof(u64), vnet_ct_id_cmp, NULL);
	vnet_ct_walk(&vd->ct, vnet_ct_kill_nat, &rules);
}

static bool vnet_ct_kill_nat_addr(struct vnet_conntrack *ct,
				  struct vnet_conn *c, void *arg)
{
	__be32 addr = *(__be32 *)arg;

	if (test_bit(VNET_CONN_F_NAT, &c->flags) &&
	    c->n[1].tuple.family == AF_INET &&
	    c->n[1].tuple.dst.s6_addr32[0] == addr)
		vnet_ct_kill(ct, c);
	return true;
}

/*
 * The router's address @addr is gone: forget the connections translated
 * to it (a masquerade's), as nf_nat's masquerade does when an address
 * goes; their replies would now reach whoever has it. Sleeps.
 */
void vnet_ct_flush_nat_addr(struct vnet_dev *vd, __be32 addr)
{
	if (vd->ct.ready)
		vnet_ct_walk(&vd->ct, vnet_ct_kill_nat_addr, &addr);
}

/* Forget @c, found by a lookup; under RCU. */
void vnet_ct_forget(struct vnet_dev *vd, struct vnet_conn *c)
{
	vnet_ct_kill(&vd->ct, c);
}

/*
 * What a dump reports of @c, into @e; false if it is dying or expired.
 * Under RCU.
 */
static bool vnet_ct_info(const struct vnet_conn *c, struct vnet_conn_info *e)
{
	long left = (long)(READ_ONCE(c->expires) - jiffies);

	if (left <= 0 || test_bit(VNET_CONN_F_DYING, &c->flags))
		return false;
	e->tuple = c->n[0].tuple;
	e->nat = test_bit(VNET_CONN_F_NAT, &c->flags);
	if (e->nat)
		e->reply = c->n[1].tuple;
	e->tcp_state = READ_ONCE(c->tcp_state);
	e->replied = test_bit(VNET_CONN_F_REPLIED, &c->flags);
	e->timeout_ms = jiffies_to_msecs(left);
	e->packets = atomic64_read(&c->packets);
	return true;
}

/*
 * Dumps read the table from a cursor they keep between their calls: an
 * rhashtable iterator, on the table's walker list while the dump waits
 * for its reader, and the one connection that did not fit the last
 * message, as a copy. A cursor is on its table's cursors list from open
 * to close; the table's teardown takes every cursor off it first, so a
 * dump of a deleted device finds its cursor detached and never touches
 * the freed table, and deleting the device does not wait for the reader.
 * The lock orders each dump call, the dump's end and teardown; it is
 * taken under RTNL, never the other way round.
 */
static DEFINE_MUTEX(vnet_ct_cursor_lock);

/* Place @cur at the start of @vd's table; under RTNL. */
int vnet_ct_cursor_open(struct vnet_dev *vd, struct vnet_ct_cursor *cur)
{
	struct vnet_conntrack *ct = &vd->ct;

	ASSERT_RTNL();
	if (!ct->ready)
		return -ENODEV;
	mutex_lock(&vnet_ct_cursor_lock);
	rhashtable_walk_enter(&ct->table, &cur->iter);
	list_add(&cur->list, &ct->cursors);
	cur->ct = ct;
	cur->has_pending = false;
	cur->restarts = 0;
	mutex_unlock(&vnet_ct_cursor_lock);
	return 0;
}

/* Under vnet_ct_cursor_lock, with the walk stopped. */
static void vnet_ct_cursor_detach(struct vnet_ct_cursor *cur)
{
	rhashtable_walk_exit(&cur->iter);
	list_del(&cur->list);
	cur->ct = NULL;
}

/* The dump is over; its table may be gone already. Sleeps. */
void vnet_ct_cursor_close(struct vnet_ct_cursor *cur)
{
	mutex_lock(&vnet_ct_cursor_lock);
	if (cur->ct)
		vnet_ct_cursor_detach(cur);
	mutex_unlock(&vnet_ct_cursor_lock);
}

/* (Re)start the walk; a resize meanwhile rewinds it to the start. */
static void vnet_ct_cursor_start(struct vnet_ct_cursor *cur)
	__acquires(RCU)
{
	if (rhashtable_walk_start_check(&cur->iter) == -EAGAIN)
		cur->restarts++;
}

/*
 * Give @emit each live connection from @cur on, the one it refused last
 * time first, until it refuses one (kept for the next call): -EMSGSIZE.
 * 0 at the end of the table, -ENODEV when the table is gone. The walk
 * yields every VNET_CT_CURSOR_BATCH nodes, and cur->restarts counts the
 * times a resize made it begin again (connections may then be repeated
 * or missed). Sleeps.
 */
#define VNET_CT_CURSOR_BATCH 512

int vnet_ct_cursor_walk(struct vnet_ct_cursor *cur,
			int (*emit)(const struct vnet_conn_info *e, void *arg),
			void *arg)
{
	struct vnet_ct_node *n;
	unsigned int seen = 0;
	int err = 0;

	mutex_lock(&vnet_ct_cursor_lock);
	if (!cur->ct) {
		err = -ENODEV;
		goto out;
	}
	if (cur->has_pending) {
		err = emit(&cur->pending, arg);
		if (err)
			goto out;
		cur->has_pending = false;
	}
	vnet_ct_cursor_start(cur);
	while ((n = rhashtable_walk_next(&cur->iter))) {
		if (IS_ERR(n)) {
			if (PTR_ERR(n) == -EAGAIN)
				cur->restarts++;
			continue;
		}
		/* Each connection is in the table twice: report its original. */
		if (!n->dir && vnet_ct_info(vnet_ct_conn(n), &cur->pending)) {
			err = emit(&cur->pending, arg);
			if (err) {
				cur->has_pending = true;
				break;
			}
		}
		if (++seen % VNET_CT_CURSOR_BATCH == 0) {
			rhashtable_walk_stop(&cur->iter);
			cond_resched();
			vnet_ct_cursor_start(cur);
		}
	}
	rhashtable_walk_stop(&cur->iter);
out:
	mutex_unlock(&vnet_ct_cursor_lock);
	return err;
}

int vnet_ct_init(struct vnet_dev *vd)
{
	struct vnet_conntrack *ct = &vd->ct;
	int err;

	/* Hashed and compared whole: no byte the compiler may leave unset. */
	BUILD_BUG_ON(sizeof(struct vnet_ct_tuple) !=
		     2 * sizeof(struct in6_addr) + 2 * sizeof(__be16) + 8);
	err = rhashtable_init(&ct->table, &vnet_ct_params);
	if (err)
		return err;
	atomic_set(&ct->count, 0);
	INIT_LIST_HEAD(&ct->cursors);
	INIT_DELAYED_WORK(&ct->gc_work, vnet_ct_gc);
	ct->ready = true;
	queue_delayed_work(vnet_wq, &ct->gc_work, HZ);
	return 0;
}

/*
 * Teardown meets each connection twice, once per node, in any order: the
 * first meeting gives back its count and quota, the second frees it, so
 * no node is read after its connection is freed. Every connection still
 * in the table then has both nodes there and DYING clear: one whose
 * second insert failed, or that a kill won (its kfree_rcu pending), left
 * the table before its confirm or kill returned, and none of those runs
 * any more.
 */
static void vnet_ct_free_node(void *ptr, void *arg)
{
	struct vnet_conn *c = vnet_ct_conn(ptr);

	if (!test_and_set_bit(VNET_CONN_F_DYING, &c->flags))
		vnet_ct_uncount(arg);
	else
		kfree(c);
}

/*
 * The device is unregistered: no packet reaches the table any more, gc
 * is stopped here and flushes are excluded by RTNL. Under RTNL.
 */
void vnet_ct_uninit(struct vnet_dev *vd)
{
	struct vnet_conntrack *ct = &vd->ct;
	struct vnet_ct_cursor *cur, *tmp;

	ASSERT_RTNL();
	if (!ct->ready)
		return;
	ct->ready = false;
	cancel_delayed_work_sync(&ct->gc_work);
	mutex_lock(&vnet_ct_cursor_lock);
	list_for_each_entry_safe(cur, tmp, &ct->cursors, list)
		vnet_ct_cursor_detach(cur);
	mutex_unlock(&vnet_ct_cursor_lock);
	/* Not a yielding walk: one that skips an entry would leak it. */
	rhashtable_free_and_destroy(&ct->table, vnet_ct_free_node, vd);
	WARN_ON_ONCE(atomic_read(&ct->count));
}

#ifdef VNET_SELFTEST
#include "selftest/conntrack.c"
#endif
