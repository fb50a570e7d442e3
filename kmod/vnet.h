/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vnet internal header.
 *
 * Locking rules, written once:
 * - Every configuration change (device create/delete/set, parameters) runs
 *   under RTNL, whether it arrives by rtnetlink or by the vnet genl family.
 *   The per-namespace device list is only walked and changed under RTNL.
 * - The packet path takes no lock: it reads configuration with READ_ONCE()
 *   (and, as tables arrive, under rcu_read_lock()) and counts in per-CPU
 *   statistics guarded by u64_stats_sync.
 * - Monitor events are sent from the netdevice notifier (under RTNL) for
 *   register/unregister/state changes, and by the changer for parameters.
 */
#ifndef _VNET_H
#define _VNET_H

#include <linux/memcontrol.h>
#include <linux/netdevice.h>
#include <linux/rhashtable.h>
#include <linux/sched/mm.h>
#include <linux/idr.h>
#include <linux/if_vlan.h>
#include <linux/in6.h>
#include <linux/workqueue.h>
#include <linux/u64_stats_sync.h>
#include <net/genetlink.h>
#include <net/ipv6.h>
#include <net/rtnetlink.h>
#include <uapi/linux/vnet.h>
#include "compat.h"
#include "netlink_gen.h"

/* The connection timeouts of a vfirewall, by what a connection is. */
enum vnet_ct_timeout {
	VNET_CT_TCP_SYN,
	VNET_CT_TCP_EST,
	VNET_CT_TCP_FIN,
	VNET_CT_TCP_CLOSE,
	VNET_CT_UDP,
	VNET_CT_UDP_STREAM,
	VNET_CT_ICMP,
	VNET_CT_TIMEOUTS,
};

struct vnet_params {
	u32 ageing;		/* vswitch, seconds */
	u32 group_fwd_mask;	/* vswitch, VNET_PARAM_GROUP_FWD_MASK */
	u8 neigh_suppress;	/* vswitch, VNET_PARAM_NEIGH_SUPPRESS */
	u8 vlan_filtering;	/* vswitch, VNET_PARAM_VLAN_FILTERING */
	u8 vlan_protocol;	/* vswitch, 1: 802.1ad */
	u8 ttl_check;		/* vrouter */
	u8 policy;		/* vfirewall, enum vnet_verdict */
	u8 l2_policy;		/* vfirewall, enum vnet_verdict */
	u8 other_policy;	/* vfirewall, enum vnet_verdict */
	u8 vlan_aware;		/* vfirewall: judge 802.1Q-tagged IP */
	u8 conntrack;		/* vfirewall */
	u32 conns_max;		/* vfirewall */
	u32 timeout[VNET_CT_TIMEOUTS];	/* vfirewall, seconds */
};

/*
 * Per-CPU counters, indexed by enum vnet_stats (slots below
 * VNET_STATS_RX_PACKETS are unused); summed when read.
 */
struct vnet_pcpu_stats {
	u64_stats_t c[VNET_STATS_MAX + 1];
	struct u64_stats_sync syncp;
};

struct vnet_stats_sum {
	u64 c[VNET_STATS_MAX + 1];
};

static inline void vnet_stats_add(struct vnet_pcpu_stats __percpu *stats,
				  enum vnet_stats which, u64 n)
{
	struct vnet_pcpu_stats *st = this_cpu_ptr(stats);

	u64_stats_update_begin(&st->syncp);
	u64_stats_add(&st->c[which], n);
	u64_stats_update_end(&st->syncp);
}

static inline void vnet_stats_packet(struct vnet_pcpu_stats __percpu *stats,
				     enum vnet_stats packets, unsigned int len)
{
	struct vnet_pcpu_stats *st = this_cpu_ptr(stats);

	u64_stats_update_begin(&st->syncp);
	u64_stats_inc(&st->c[packets]);
	u64_stats_add(&st->c[packets + 1], len);	/* the _BYTES after it */
	u64_stats_update_end(&st->syncp);
}

void vnet_stats_sum(struct vnet_pcpu_stats __percpu *stats,
		    struct vnet_stats_sum *sum);
int vnet_stats_fill(struct sk_buff *skb, int attr,
		    struct vnet_pcpu_stats __percpu *stats);
size_t vnet_stats_size(void);

struct vnet_dev;
struct vnet_icmp_bucket;

struct vnet_quota_denials {
	u64_stats_t c[VNET_QUOTA_MAX + 1];
	struct u64_stats_sync syncp;
};

/* A network (network.c): a tenant's devices, its quotas and policers. */
/* An underlay address of a network (overlay.c), IPv4 or IPv6. */
struct vnet_ul_addr {
	u8 family;			/* AF_INET or AF_INET6; 0: none */
	union {
		__be32 ip4;
		struct in6_addr ip6;
	};
};

/* A network's segments across hosts, on this host; under RTNL. */
struct vnet_overlay {
	char underlay[IFNAMSIZ];	/* a device's name; "": none */
	struct vnet_ul_addr local;
	u16 port;			/* UDP; 0: VNET_VXLAN_PORT_DEFAULT */
	unsigned int nhosts;
	struct vnet_ul_addr *hosts;	/* VNET_HOSTS_MAX, once one is added */
};

struct vnet_network {
	struct list_head list;		/* vnet_pernet.networks, under RTNL */
	struct net *net;
	u32 id;
	char name[VNET_NETWORK_NAMSIZ];
	char description[VNET_DESCRIPTION_SIZE];
	u32 mtu;			/* 0: none */
	unsigned int ndevices;		/* under RTNL */
	u32 limit[VNET_QUOTA_MAX + 1];	/* READ_ONCE where charged */
	atomic_t used[VNET_QUOTA_MAX + 1];
	struct vnet_quota_denials __percpu *denied;
	struct list_head policers;	/* under RTNL */
	unsigned int npolicers;
	struct vnet_overlay overlay;
};

/*
 * A policer's per-CPU side: bytes this CPU took from the bucket and may
 * pass without touching it, so the bucket's lock is taken once per chunk
 * rather than per packet; and its counters.
 */
struct vnet_policer_pcpu {
	u64 credit;
	u64 empty_until;		/* ns: the bucket is dry until then */
	u64_stats_t passed_packets, passed_bytes;
	u64_stats_t dropped_packets, dropped_bytes;
	struct u64_stats_sync syncp;
};

/* A token bucket of a network that ports bind to (policer.c). */
struct vnet_policer {
	struct list_head list;		/* vnet_network.policers, under RTNL */
	struct vnet_network *network;
	char name[VNET_NETWORK_NAMSIZ];
	u64 rate;			/* bytes per second */
	u32 burst;			/* bytes */
	u32 chunk;			/* what a CPU takes from the bucket */
	unsigned int users;		/* ports bound, under RTNL */
	spinlock_t lock;		/* the bucket */
	s64 tokens;			/* bytes, at most burst; < 0 in debt */
	u64 last;			/* ns of the last refill */
	struct vnet_policer_pcpu __percpu *pcpu;
	struct rcu_head rcu;
};

/* The addresses an endpoint port may send from; immutable, RCU-replaced. */
struct vnet_port_security {
	u8 mac[ETH_ALEN];		/* zero: any */
	u8 n4, n6;			/* zero both: any address */
	__be32 ip4[VNET_ALLOW_IPS_MAX];
	struct in6_addr ip6[VNET_ALLOW_IPS_MAX];
	struct rcu_head rcu;
};

/*
 * A vswitch port's VLANs, or its host side's (vlan.c); immutable,
 * RCU-replaced. NULL stands for an access port of VLAN 1.
 */
struct vnet_vlan {
	u8 mode;			/* enum vnet_vlan_mode */
	u16 pvid;			/* untagged in and out; 0: none */
	DECLARE_BITMAP(members, VLAN_N_VID);	/* pvid's included */
	struct rcu_head rcu;
};

/*
 * A port of a device: an endpoint bound to a lower netdev, or one side of
 * a patch joined to a port of another device (no lower), or a vrouter's
 * host port (neither).
 */
struct vnet_port {
	struct list_head list;		/* vnet_dev.ports: RCU, written under RTNL */
	struct vnet_dev *vd;
	struct net_device *lower;
	struct vnet_port __rcu *peer;	/* a patch's other side; NULL once cut */
	bool patch;
	bool tunnel;			/* a segment's (overlay.c) */
	bool tunnel_ending;		/* vnet deletes its VXLAN device */
	u16 tunnel_vid;			/* a VLAN's tunnel: the VLAN, */
	u32 tunnel_vni;			/* and its vni */
	bool owns_lower;		/* a VLAN device deleted with the port */
	u8 mac[ETH_ALEN];		/* a patch port's own address */
	netdevice_tracker lower_tracker;
	u32 index;
	char name[IFNAMSIZ];
	u8 learning;			/* READ_ONCE on the packet path */
	u8 flood;
	u8 up;				/* admin state */
	u32 learning_limit;		/* READ_ONCE; 0: none */
	u32 learned;			/* learned entries here, fdb->lock */
	/* neigh_suppress.c: the bindings learned here and its port
	 * security's, under the bindings' lock (owned: RTNL too)
	 */
	u32 bound;			/* learned; READ_ONCE */
	struct list_head learned_bindings;
	struct list_head bindings;
	unsigned long resolve_start;	/* jiffies; vrouter, READ_ONCE */
	u32 resolves;			/* started since resolve_start */
	/* Router advertisements (ra.c): set under RTNL, READ_ONCE */
	u8 ra;
	u16 ra_interval;		/* seconds */
	u16 ra_lifetime;		/* seconds; U16_MAX: 3 x the interval */
	u8 ra_sent;			/* periodic ones sent, up to 3 */
	unsigned long ra_next;		/* jiffies of the next one */
	unsigned long ra_last;		/* jiffies of the last one */
	struct vnet_port_security __rcu *security;	/* NULL: none */
	struct vnet_policer __rcu *policer;	/* NULL: none */
	struct vnet_vlan __rcu *vlan;	/* vswitch; NULL: VLAN 1 */
	struct vnet_pcpu_stats __percpu *stats;
	struct vnet_fdb_hint __percpu *fdb_hint;	/* fdb.c */
	/*
	 * A deleted port whose index a rule set still names (its rebuild
	 * failed): the index stays taken, on vnet_firewall.held, until a
	 * set without it is published.
	 */
	struct list_head held;
	struct rcu_head rcu;
};

/* The vswitch forwarding table. */
struct vnet_fdb {
	struct rhashtable table;	/* lookups under RCU */
	struct list_head entries;	/* under lock: ageing, flushes */
	spinlock_t lock;		/* inserts and removals */
	atomic_t count;			/* entries, bounded by VNET_FDB_LIMIT */
	unsigned long removals;		/* bumped per removal: hints, dumps */
	struct delayed_work ageing_work;
	bool ready;
};

/*
 * A vswitch's IP -> MAC bindings, which answer ARP and neighbour
 * solicitations for neigh-suppress (neigh_suppress.c).
 */
struct vnet_bindings {
	struct rhashtable table;	/* by address (IPv4 mapped) and VLAN; RCU */
	spinlock_t lock;		/* inserts, removals, changes */
	seqcount_spinlock_t seq;	/* a binding's MAC and router flag */
	atomic_t learned;		/* at most VNET_NEIGH_LIMIT */
	bool ready;
	bool on;			/* neigh-suppress as last set; RTNL */
};

/* An address of a vrouter port, IPv4 or IPv6 (@family). */
struct vnet_addr {
	struct list_head list;		/* vnet_router.addrs: RCU, under RTNL */
	struct vnet_port *port;
	union {
		__be32 addr;
		struct in6_addr addr6;
	};
	u8 plen;
	u8 family;			/* AF_INET, AF_INET6 */
	struct rcu_head rcu;
};

/* A route; immutable once published, replaced as a whole. */
struct vnet_route {
	union {
		__be32 dst;
		struct in6_addr dst6;
	};
	union {
		__be32 gw;		/* 0: the destination is on-link */
		struct in6_addr gw6;	/* ::, likewise */
	};
	struct vnet_port *port;		/* egress */
	u8 plen;
	u8 type;			/* enum vnet_route_type */
	u8 family;			/* AF_INET, AF_INET6 */
	struct rcu_head rcu;
};

/* An address as a trie key: 128 bits, the most significant first. */
struct vnet_lpm_key {
	u64 hi, lo;
};

#define VNET_LPM_KEY_BITS	128

/* IPv4 takes the key's top 32 bits. */
static inline struct vnet_lpm_key vnet_lpm_key4(__be32 addr)
{
	return (struct vnet_lpm_key){ .hi = (u64)ntohl(addr) << 32 };
}

static inline struct vnet_lpm_key vnet_lpm_key6(const struct in6_addr *addr)
{
	return (struct vnet_lpm_key){
		.hi = get_unaligned_be64(&addr->s6_addr[0]),
		.lo = get_unaligned_be64(&addr->s6_addr[8]),
	};
}

static inline struct vnet_lpm_key vnet_route_key(const struct vnet_route *rt)
{
	return rt->family == AF_INET6 ? vnet_lpm_key6(&rt->dst6) :
					vnet_lpm_key4(rt->dst);
}

/*
 * A node of the path-compressed binary trie: the prefix @key/@plen, the
 * route to it if there is one, and the subtries by the bit after @plen.
 * Glue nodes (no route) always have two children.
 */
struct vnet_lpm_node {
	struct vnet_lpm_key key;	/* no bits past @plen */
	u8 plen;
	unsigned int routes;		/* in its subtrie, its own too; RTNL */
	struct vnet_route __rcu *route;
	struct vnet_lpm_node __rcu *child[2];
	struct rcu_head rcu;
};

/*
 * The walk from the root, cached per value of the @bits address bits after
 * the first @skip, for the addresses whose first @skip bits are @base's:
 * the best route among the nodes shorter than @skip + @bits, and the first
 * node the walk reaches that is not (or does not cover the slot), so a
 * lookup in a big table starts that far down. @skip is where the table
 * forks (IPv6 tables share their top bits: 2000::/3), so that the slots
 * part the routes.
 */
struct vnet_lpm_dir_slot {
	struct vnet_route __rcu *best;
	struct vnet_lpm_node __rcu *node;
};

struct vnet_lpm_dir {
	struct rcu_head rcu;
	struct vnet_lpm_key base;	/* no bits past @skip */
	unsigned int skip;
	unsigned int bits;
	unsigned int routes;		/* under @base, @skip bits or longer */
	struct vnet_lpm_dir_slot slot[];
};

struct vnet_lpm {
	struct vnet_lpm_node __rcu *root;	/* written under RTNL */
	struct vnet_lpm_dir __rcu *dir;		/* only for big tables */
	unsigned int count;			/* routes */
	unsigned int gen;			/* bumped per change, for dumps */
};

struct vnet_neigh_table {
	struct rhashtable table;	/* by struct vnet_neigh_key, under RCU */
	struct list_head entries;	/* under lock */
	spinlock_t lock;		/* inserts and removals */
	atomic_t count;
	/* Entries in the order made, each unresolved one among them; under
	 * lock. At most VNET_NEIGH_UNRESOLVED_MAX long.
	 */
	struct list_head unresolved;
	unsigned int unresolved_len;
	atomic_t queued_bytes;		/* truesize of all the queues */
	unsigned long removals;		/* bumped per removal: dumps */
	struct delayed_work work;	/* retries, ageing */
};

/* The vrouter's tables. */
struct vnet_router {
	struct vnet_lpm routes;		/* IPv4 */
	struct vnet_lpm routes6;
	struct list_head addrs;		/* RCU readers, written under RTNL */
	unsigned int addr_gen;		/* bumped per address removed, for dumps */
	struct vnet_neigh_table neigh;
	struct vnet_port host;		/* the netdev as a port (no lower) */
	u8 host_mac[ETH_ALEN];		/* the router's MAC on the host port */
	struct delayed_work ra_work;	/* periodic advertisements, ra.c */
	struct list_head nat;		/* vnet_nat_rule.list: RCU, under RTNL */
	unsigned int nat_count;		/* rules; READ_ONCE on the data path */
	u64 nat_serial;			/* the last rule's id: never wraps */
	u64 nat_epoch;			/* bumped per rule removed; READ_ONCE */
	unsigned int nat_gen;		/* bumped per rule removed, for dumps */
	struct vnet_nat_frags *nat_frags;	/* nat.c */
	bool ready;
};

/*
 * A NAT rule of a vrouter (nat.c), IPv4. Its outside addresses, ports
 * and inside ones in network order; @out the port it names (masquerade,
 * snat) or the port @addr is on (floating, forward): the router's own
 * address there, or one of its subnet.
 */
struct vnet_nat_rule {
	struct list_head list;
	u64 id;				/* serial: the connections it made name it */
	u8 type;			/* enum vnet_nat_type */
	u8 proto;			/* forward */
	u8 src_len;
	__be32 src;			/* masquerade, snat: from this prefix */
	__be32 to_min, to_max;		/* snat */
	u16 port_min, port_max;		/* masquerade, snat; host order */
	__be32 addr;			/* floating, forward: outside */
	__be32 inside;			/* floating, forward */
	__be16 port, to_port;		/* forward */
	struct vnet_port *out;
	atomic64_t conns;
	struct list_head gone;		/* on its way out, under RTNL */
};

static inline struct vnet_lpm *vnet_route_table(struct vnet_router *r,
						u8 family)
{
	return family == AF_INET6 ? &r->routes6 : &r->routes;
}

/*
 * The fields a vfirewall classifies on. A rule is a box: a range per
 * field; a packet is a point. Packets without L4 ports (or ICMP type)
 * take a value past every real one, so only wildcards match them.
 *
 * An address is four words, the most significant first: a prefix is then
 * a box too (the words it covers exact, the one it ends in a range, the
 * rest whole). IPv4 takes the first word and leaves the others 0; the
 * family field keeps the two apart, so a rule with prefixes of one never
 * matches the other, and one without matches both.
 */
#define VNET_FW_ADDR_WORDS	4

enum vnet_fw_dim {
	VNET_FW_SRC,
	VNET_FW_DST = VNET_FW_SRC + VNET_FW_ADDR_WORDS,
	VNET_FW_FAMILY = VNET_FW_DST + VNET_FW_ADDR_WORDS,	/* 4 or 6 */
	VNET_FW_PROTO,		/* IPv6: the header after the extensions */
	VNET_FW_SPORT,
	VNET_FW_DPORT,
	VNET_FW_ICMP,
	VNET_FW_IN,		/* port index; 0 the host */
	VNET_FW_OUT,		/* port index; 0 the host */
	VNET_FW_STATE,		/* enum vnet_conn_state */
	VNET_FW_VLAN,		/* the 802.1Q VLAN; 0 untagged */
	VNET_FW_DIMS,
};

#define VNET_FW_NO_PORT		0x10000
#define VNET_FW_NO_ICMP		0x100
#define VNET_FW_NO_MATCH	U32_MAX	/* a port index no port has */

/* A rule as the user gave it: for dumps and rebuilds. */
struct vnet_rule_spec {
	u32 present;			/* BIT(VNET_RULE_*) */
	struct in6_addr src, dst;	/* IPv4 (SRC, DST) in s6_addr32[0] */
	u8 src_len, dst_len, proto, icmp_type, action, state;
	u16 sport_min, sport_max, dport_min, dport_max;
	u16 vlan;
	char in[IFNAMSIZ], out[IFNAMSIZ];
};

/* A rule compiled to its box. */
struct vnet_fw_rule {
	u32 lo[VNET_FW_DIMS];
	u32 hi[VNET_FW_DIMS];
	u8 action;
};

/* A HyperSplit decision tree over the rules (classify.c). */
struct vnet_hs_node {
	u32 split;			/* right child if key[dim] >= split */
	u8 dim;
	u8 leaf;
	u32 child[2];			/* leaf: first list entry, count */
};

struct vnet_hs_part {
	struct vnet_hs_node *nodes;
	u32 nnodes, cap_nodes;
	u32 *list;			/* rule indexes of the leaves */
	u32 nlist, cap_list;
	u32 depth;
	u32 first;			/* its lowest rule index */
};

#define VNET_HS_PARTS	32

struct vnet_hs_tree {
	struct vnet_hs_part part[VNET_HS_PARTS];
	u32 nparts;
};

/* The low bits of a rule set's generation a cached verdict's tag holds. */
extern unsigned int vnet_fw_gen_mask;

/* A compiled rule set: immutable once published, replaced as a whole. */
struct vnet_ruleset {
	u32 count;
	struct vnet_rule_spec *specs;
	struct vnet_fw_rule *rules;
	struct vnet_hs_tree tree;
	u64 *counters;			/* per CPU: packets, bytes per rule */
	size_t stride;			/* u64s per CPU */
	u64 gen;			/* tags the verdicts connections cache */
	struct rcu_work free_work;
};

/*
 * A connection's key as one direction sees it: the other direction's has
 * the addresses and ports swapped. ICMP echo puts its id in sport for a
 * request and in dport for the reply. An IPv4 address takes the first
 * word of its field, the rest zero.
 */
struct vnet_ct_tuple {
	struct in6_addr src, dst;
	__be16 sport, dport;
	u8 proto;
	u8 icmp_role;			/* ICMP: 1 request side, 2 reply side */
	u8 family;			/* AF_INET or AF_INET6 */
	u8 pad;				/* zero: the tuple is hashed whole, so
					 * it has no padding the compiler adds
					 */
	u16 vlan;			/* vfirewall: the 802.1Q VLAN, 0 none;
					 * the same addresses and ports in
					 * two VLANs are two connections
					 */
	u16 pad2;			/* zero, as pad */
};

struct vnet_ct_node {
	struct rhash_head node;
	struct vnet_ct_tuple tuple;
	u8 dir;				/* 0 original, 1 reply */
};

enum {
	VNET_CONN_F_DYING,		/* being removed */
	VNET_CONN_F_REPLIED,		/* a reply passed */
	VNET_CONN_F_ACKED0,		/* TCP: an ACK from each side seen, */
	VNET_CONN_F_ACKED1,		/* so ack[] and win[] are set */
	VNET_CONN_F_NAT,		/* translated: n[1] is not n[0] reversed */
};

/* A tracked connection (conntrack.c), in the table once per direction. */
struct vnet_conn {
	struct vnet_ct_node n[2];
	unsigned long expires;		/* jiffies; READ_ONCE/WRITE_ONCE */
	unsigned long flags;		/* VNET_CONN_F_* bits */
	u64 verdict[2];			/* the rule walk's result, cached */
	u64 verdict_gen[2];		/* the rule set generation it is of */
	atomic64_t packets;
	spinlock_t lock;		/* TCP state changes */
	u8 tcp_state;			/* enum vnet_tcp_state */
	u8 fin_seen;			/* BIT(dir) of the sides that sent FIN */
	u8 wscale[2];			/* TCP: each side's window scale from its
					 * SYN, VNET_TCP_NO_WSCALE if none
					 */
	u32 ack[2];			/* TCP: the last ACK from each side, */
	u32 win[2];			/* and the window it offered (unscaled);
					 * READ_ONCE: written without a lock
					 */
	u64 nat_rule[2];		/* ids of the destination and source
					 * NAT rules that made it; 0: none
					 */
	u64 nat_epoch;			/* the router's when they were known
					 * live; READ_ONCE/WRITE_ONCE
					 */
	struct rcu_head rcu;
};

struct vnet_conntrack {
	struct rhashtable table;	/* both directions; lookups under RCU */
	atomic_t count;			/* connections */
	struct delayed_work gc_work;	/* expiry */
	struct list_head cursors;	/* vnet_ct_cursor.list: open dumps */
	bool ready;
};

struct vnet_firewall {
	struct vnet_ruleset __rcu *rules;	/* written under RTNL */
	u64 gen;			/* never wraps */
	struct list_head held;		/* vnet_port.held, under RTNL */
	struct mutex change_lock;	/* one rule request at a time */
	bool ready;
};

/* netdev_priv() of every vnet device. */
struct vnet_dev {
	struct net_device *dev;
	struct list_head list;		/* vnet_pernet.devices, under RTNL */
	enum vnet_kind kind;
	const struct vnet_kind_ops *ops;
	struct vnet_params params;	/* written under RTNL, read with READ_ONCE */
	struct vnet_pcpu_stats __percpu *stats;
	struct list_head ports;		/* RCU readers, written under RTNL */
	unsigned int port_count;
	unsigned int port_gen;		/* bumped per port change, for dumps */
	struct ida port_ida;
	struct vnet_fdb fdb;		/* vswitch */
	struct vnet_bindings bindings;	/* vswitch */
	struct vnet_router router;	/* vrouter */
	struct vnet_firewall fw;	/* vfirewall */
	struct vnet_conntrack ct;	/* vfirewall; vrouter, for NAT */
	struct vnet_icmp_bucket __percpu *icmp;	/* vrouter, vfirewall */
	struct vnet_network *network;	/* changed under RTNL + quota_lock */
	u64 serial;			/* of all made since load: dumps' check */
	spinlock_t quota_lock;		/* charges; nests in the tables' locks */
	u32 charged[VNET_QUOTA_MAX + 1];	/* what it holds of the quotas */
	struct mem_cgroup *memcg;	/* its creator's, charged for entries */
	u32 vni;			/* a segment's (overlay.c), under RTNL */
	struct vnet_port *tunnel;	/* its port, while a segment */
	unsigned int vlan_tunnels;	/* ports of VLANs with a vni, RTNL */
	struct vnet_vlan __rcu *host_vlan;	/* vswitch; NULL: VLAN 1 */
	u8 vlan_state;			/* filtering | protocol << 1 as
					 * last set; RTNL
					 */
};

/* Per network namespace state. */
struct vnet_pernet {
	struct list_head devices;	/* under RTNL */
	unsigned int gen;		/* bumped on every add/del, for dumps */
	struct list_head networks;	/* under RTNL */
	struct idr network_ids;
	struct vnet_network *dflt;	/* id 0, VNET_NETWORK_DEFAULT */
	unsigned int network_gen;
	unsigned int policer_gen;	/* bumped per policer removed, for dumps */
};

struct vnet_kind_ops {
	enum vnet_kind kind;
	const char *name;
	void (*setup)(struct net_device *dev);
	struct rtnl_link_ops *link_ops;
	/* The kind's data path; a kind without one takes no ports yet. */
	int (*init)(struct vnet_dev *vd);
	void (*uninit)(struct vnet_dev *vd);
	void (*rx)(struct vnet_port *port, struct sk_buff *skb);
	void (*xmit)(struct vnet_dev *vd, struct sk_buff *skb);
	/* A port joined the list; failing, it is taken out again. */
	int (*port_added)(struct vnet_port *port);
	void (*port_removed)(struct vnet_port *port);
	void (*params_changed)(struct vnet_dev *vd);
};

/*
 * In the device's ndo_uninit: it is down and unlisted, and the core has
 * waited a grace period since, so no packet or dump reaches its tables.
 */
static inline bool vnet_dev_going(const struct vnet_dev *vd)
{
	return READ_ONCE(vd->dev->reg_state) == NETREG_UNREGISTERING;
}

/*
 * The entries packets create (learned stations, connections, incomplete
 * neighbours; and static FDB entries, made in the same place) are charged
 * to the memory cgroup of the device's creator, as a socket's buffers are
 * to its owner's: a tenant's flood fills its own limit, not the host's.
 * Not __GFP_HIGH: at the limit the charge fails rather than forcing past
 * it, and the table counts the entry as refused. What a request allocates
 * otherwise is charged to the requester (GFP_KERNEL_ACCOUNT).
 */
#define VNET_GFP_ENTRY	(GFP_NOWAIT | __GFP_ACCOUNT | __GFP_NOWARN)

static inline struct mem_cgroup *vnet_memcg_enter(const struct vnet_dev *vd)
{
	return set_active_memcg(vd->memcg);
}

static inline void vnet_memcg_leave(struct mem_cgroup *old)
{
	set_active_memcg(old);
}

/* Objects a walk of a table handles between two yields of the CPU. */
#define VNET_WALK_BATCH 512

/* An extack message chosen at run time from a table of static strings. */
static inline void vnet_set_err(struct netlink_ext_ack *extack,
				const struct nlattr *attr, const char *msg)
{
	if (extack) {
		extack->_msg = msg;
		extack->bad_attr = attr;
	}
}

/* main.c */
extern struct workqueue_struct *vnet_wq;

/* network.c: networks and their devices; under RTNL */
int vnet_networks_init(struct net *net, struct vnet_pernet *vn);
void vnet_networks_exit(struct vnet_pernet *vn);
struct vnet_network *vnet_network_find(struct vnet_pernet *vn, struct nlattr *nest,
				       struct netlink_ext_ack *extack);
void vnet_network_join(struct vnet_dev *vd, struct vnet_network *nw);
void vnet_network_leave(struct vnet_dev *vd);
int vnet_network_fill_ref(struct sk_buff *skb, const struct vnet_dev *vd);
struct vnet_network *vnet_network_alloc(struct net *net, const char *name);
void vnet_network_free(struct vnet_network *nw);
struct vnet_network *vnet_network_by_name(struct vnet_pernet *vn,
					  const char *name);
struct vnet_network *vnet_network_lookup(struct vnet_pernet *vn,
					 struct nlattr **tb,
					 struct netlink_ext_ack *extack);
int vnet_network_check_name(const char *name, struct netlink_ext_ack *extack);
bool vnet_network_all_up(struct vnet_pernet *vn,
			 const struct vnet_network *nw);
int vnet_network_apply_mtu(struct vnet_pernet *vn, struct vnet_network *nw,
			   u32 mtu, struct netlink_ext_ack *extack);
int vnet_network_set_up(struct vnet_pernet *vn, struct vnet_network *nw,
			bool up, struct netlink_ext_ack *extack);

/* quota.c: what a network's devices hold, against its limits */
bool vnet_quota_take(struct vnet_dev *vd, enum vnet_quota q, u32 n);
void vnet_quota_give(struct vnet_dev *vd, enum vnet_quota q, u32 n);
int vnet_quota_take_nl(struct vnet_dev *vd, enum vnet_quota q, u32 n,
		       struct netlink_ext_ack *extack);
int vnet_quota_move(struct vnet_dev *vd, struct vnet_network *to, bool force,
		    struct netlink_ext_ack *extack);
void vnet_quota_release(struct vnet_dev *vd);
int vnet_quota_update(struct vnet_network *nw, struct nlattr *nest,
		      struct netlink_ext_ack *extack);
int vnet_quota_fill(struct sk_buff *skb, const struct vnet_network *nw);

/* policer.c: token buckets ports bind to */
bool vnet_policer_pass(struct vnet_policer *pol, unsigned int len);
struct vnet_policer *vnet_policer_find(struct vnet_network *nw,
				       const char *name);
void vnet_policers_destroy(struct vnet_network *nw);
void vnet_policer_set_rate(struct vnet_policer *pol, u64 rate, u32 burst);
u32 vnet_policer_default_burst(u64 rate);
int vnet_policer_add(struct vnet_network *nw, const char *name, u64 rate,
		     u32 burst);
void vnet_policer_remove(struct vnet_policer *pol);
int vnet_port_bind_policer(struct vnet_port *port, const char *name,
			   struct netlink_ext_ack *extack);

/* port_security.c: the sources an endpoint may use */
bool vnet_port_security_ok(const struct vnet_port_security *sec,
			   struct sk_buff *skb, bool vlans);
int vnet_port_security_set(struct vnet_port *port, struct nlattr **tb,
			   struct netlink_ext_ack *extack);
int vnet_port_security_fill(struct sk_buff *skb, const struct vnet_port *port);
size_t vnet_port_security_size(void);

/* netns.c */
int vnet_netns_init(void);
void vnet_netns_exit(void);
struct vnet_pernet *vnet_pernet(const struct net *net);

/* kind.c: the three kinds and their parameters */
const struct vnet_kind_ops *vnet_kind_get(enum vnet_kind kind);
void vnet_params_default(enum vnet_kind kind, struct vnet_params *p);
int vnet_params_parse(enum vnet_kind kind, struct nlattr *tb[],
		      struct vnet_params *p, struct netlink_ext_ack *extack);
int vnet_params_check(const struct vnet_dev *vd, const struct vnet_params *p,
		      struct netlink_ext_ack *extack);
void vnet_params_store(struct vnet_dev *vd, const struct vnet_params *p);
size_t vnet_params_size(enum vnet_kind kind);
int vnet_params_fill(struct sk_buff *skb, const struct vnet_dev *vd);

/* device.c */
bool vnet_dev_is_ours(const struct net_device *dev);
void vnet_dev_setup(struct net_device *dev, enum vnet_kind kind);
void vnet_dev_deliver(struct vnet_dev *vd, struct sk_buff *skb, bool backlog);
struct net_device *vnet_dev_new(struct net *net, const char *name,
				enum vnet_kind kind,
				const struct vnet_params *params, u32 mtu,
				struct vnet_network *nw,
				struct netlink_ext_ack *extack);

/* rtnl.c */
int vnet_rtnl_init(void);
void vnet_rtnl_exit(void);
void vnet_vswitch_setup(struct net_device *dev);
void vnet_vrouter_setup(struct net_device *dev);
void vnet_vfirewall_setup(struct net_device *dev);
extern struct rtnl_link_ops vnet_vswitch_link_ops;
extern struct rtnl_link_ops vnet_vrouter_link_ops;
extern struct rtnl_link_ops vnet_vfirewall_link_ops;

/* netlink.c: the family and its device commands */
enum vnet_mcgrp {
	VNET_MCGRP_MONITOR_ID,
};

extern struct genl_family vnet_genl_family;
/* Puts one object's attributes into a message. */
typedef int (*vnet_fill_t)(struct sk_buff *skb, const void *obj);
/* A table walk hands each object, with its fill, to the dump's emitter. */
typedef int (*vnet_emit_t)(vnet_fill_t fill, const void *obj, void *arg);
int vnet_genl_init(void);
void vnet_genl_exit(void);
void vnet_genl_notify_dev(struct net_device *dev, u8 cmd);
void vnet_genl_notify_port(struct vnet_port *port, u8 cmd);

/* port.c: the port layer every kind uses */
/* Applies a request's settings to a port not yet published. */
typedef int (*vnet_port_setup_t)(struct vnet_port *port, void *arg,
				 struct netlink_ext_ack *extack);
struct vnet_port *vnet_port_attach(struct vnet_dev *vd, struct net_device *lower,
				   const char *name, vnet_port_setup_t setup,
				   void *arg, struct netlink_ext_ack *extack);
void vnet_port_del(struct vnet_port *port);
void vnet_port_remove(struct vnet_port *port);
void vnet_port_del_all(struct vnet_dev *vd);
struct vnet_port *vnet_port_by_lower(const struct net_device *lower);
struct vnet_port *vnet_port_find(struct vnet_dev *vd, u32 index,
				 const char *name);
void vnet_port_xmit(struct vnet_port *port, struct sk_buff *skb);
void vnet_port_receive(struct vnet_port *port, struct sk_buff *skb);
int vnet_port_check_name(struct vnet_dev *vd, const char *name,
			 struct netlink_ext_ack *extack);
struct vnet_port *vnet_port_alloc(struct vnet_dev *vd, const char *name,
				  struct netlink_ext_ack *extack);
void vnet_port_free(struct vnet_port *port);
int vnet_port_link(struct vnet_port *port);
void vnet_port_unlink(struct vnet_port *port);
void vnet_port_release(struct vnet_port *port);
int vnet_patch_create(struct vnet_dev *vd, struct vnet_dev *peer_vd,
		      const char *name, const char *peer_name,
		      vnet_port_setup_t setup, void *arg,
		      struct vnet_port **ports, struct netlink_ext_ack *extack);
void vnet_patch_xmit(struct vnet_port *port, struct sk_buff *skb);
u16 vnet_patch_crossings(void);
void vnet_patch_set_crossings(u16 crossings);
int vnet_port_notify_init(void);
void vnet_port_notify_exit(void);

/* table_walk.c: a yielding walk over an rhashtable */
void vnet_table_walk(struct rhashtable *ht,
		     bool (*fn)(void *obj, void *arg), void *arg);

/* fdb.c: the vswitch forwarding table */
int vnet_fdb_init(struct vnet_dev *vd);
struct vnet_fdb_hint __percpu *vnet_fdb_hint_alloc(void);
void vnet_fdb_uninit(struct vnet_dev *vd);
struct vnet_port *vnet_fdb_lookup(struct vnet_dev *vd, const u8 *addr,
				  u16 vid);
void vnet_fdb_learn(struct vnet_dev *vd, struct vnet_port *port,
		    const u8 *addr, u16 vid);
int vnet_fdb_add_static(struct vnet_dev *vd, struct vnet_port *port,
			const u8 *addr, u16 vid,
			struct netlink_ext_ack *extack);
int vnet_fdb_del(struct vnet_dev *vd, const u8 *addr, u16 vid,
		 struct netlink_ext_ack *extack);
void vnet_fdb_flush_port(struct vnet_dev *vd, struct vnet_port *port);
void vnet_fdb_flush_learned(struct vnet_dev *vd);
void vnet_fdb_flush_port_learned(struct vnet_dev *vd, struct vnet_port *port);
void vnet_fdb_ageing_changed(struct vnet_dev *vd);
int vnet_fdb_dump(struct vnet_dev *vd, long *cursor, vnet_emit_t emit,
		  void *arg);

/* neigh_suppress.c: a vswitch's bindings, for neigh-suppress */
int vnet_bindings_init(struct vnet_dev *vd);
void vnet_bindings_uninit(struct vnet_dev *vd);
void vnet_bindings_age(struct vnet_dev *vd, unsigned long ageing);
void vnet_bindings_params_changed(struct vnet_dev *vd);
void vnet_bindings_port_removed(struct vnet_port *port);
void vnet_bindings_port_security(struct vnet_port *port);
void vnet_bindings_forget_learned(struct vnet_port *port);
bool vnet_neigh_suppress(struct vnet_dev *vd, struct vnet_port *from,
			 struct sk_buff *skb, u16 vid);

/* vlan.c: a vswitch's 802.1Q VLANs (vlan-filtering) */
static inline bool vnet_vlan_member(const struct vnet_vlan *vl, u16 vid)
{
	return vl ? test_bit(vid, vl->members) : vid == 1;
}

/* @skb's VLAN ID, from its accelerated tag; 0 untagged (or priority). */
static inline u16 vnet_skb_vid(const struct sk_buff *skb)
{
	return skb_vlan_tag_present(skb) ? skb_vlan_tag_get_id(skb) : 0;
}

/* The VLAN untagged frames are in, where @vl says; 0: none. */
static inline u16 vnet_vlan_pvid(const struct vnet_vlan *vl)
{
	return vl ? vl->pvid : 1;
}

struct sk_buff *vnet_vlan_ingress(const struct vnet_dev *vd,
				  const struct vnet_vlan *vl,
				  struct vnet_pcpu_stats __percpu *stats,
				  enum vnet_stats dropped, struct sk_buff *skb);
bool vnet_vlan_egress(const struct vnet_vlan *vl, struct sk_buff *skb);
struct vnet_vlan *vnet_vlan_parse(const struct vnet_dev *vd,
				  const struct nlattr *nest,
				  struct netlink_ext_ack *extack);
void vnet_vlan_replace(struct vnet_vlan __rcu **slot, struct vnet_vlan *vl);
void vnet_vlan_free(struct vnet_vlan __rcu **slot);
int vnet_vlan_fill(struct sk_buff *skb, int attrtype,
		   const struct vnet_vlan *vl);
size_t vnet_vlan_size(void);

/* vswitch.c */
extern const struct vnet_kind_ops vnet_vswitch_ops;
void vnet_vswitch_rx(struct vnet_port *port, struct sk_buff *skb);
void vnet_vswitch_xmit(struct vnet_dev *vd, struct sk_buff *skb);
void vnet_vswitch_forward(struct vnet_dev *vd, struct vnet_port *from,
			  struct sk_buff *skb, u16 vid);

/* lpm.c: the longest-prefix-match trie */
struct vnet_route *vnet_lpm_lookup_key(const struct vnet_lpm *lpm,
				       struct vnet_lpm_key key);
struct vnet_route *vnet_lpm_get(const struct vnet_lpm *lpm,
				struct vnet_lpm_key key, u8 plen);
int vnet_lpm_insert(struct vnet_lpm *lpm, struct vnet_route *rt);
struct vnet_route *vnet_lpm_remove(struct vnet_lpm *lpm,
				   struct vnet_lpm_key key, u8 plen);
bool vnet_lpm_host_bits(struct vnet_lpm_key key, u8 plen);

static inline struct vnet_route *vnet_lpm_lookup(const struct vnet_lpm *lpm,
						 __be32 addr)
{
	return vnet_lpm_lookup_key(lpm, vnet_lpm_key4(addr));
}

static inline struct vnet_route *vnet_lpm_lookup6(const struct vnet_lpm *lpm,
						  const struct in6_addr *addr)
{
	return vnet_lpm_lookup_key(lpm, vnet_lpm_key6(addr));
}

/* Calls @fn on each route after the cursor (in prefix order) until it
 * returns non-zero; the cursor then names the last route @fn accepted.
 */
struct vnet_lpm_cursor {
	struct vnet_lpm_key key;
	u8 plen;
	bool started;
};

int vnet_lpm_walk(const struct vnet_lpm *lpm, struct vnet_lpm_cursor *cur,
		  int (*fn)(struct vnet_route *rt, void *arg), void *arg);
void vnet_lpm_destroy(struct vnet_lpm *lpm);

/* route.c: addresses and routes of a vrouter; under RTNL */
static inline u32 vnet_prefix_mask(u8 plen)
{
	return plen ? ~0U << (32 - plen) : 0;
}

int vnet_addr_insert(struct vnet_dev *vd, struct vnet_port *port,
		     const struct vnet_addr *req,
		     struct netlink_ext_ack *extack);
int vnet_addr_del(struct vnet_dev *vd, const struct vnet_addr *req,
		  struct netlink_ext_ack *extack);
__be32 vnet_addr_source(struct vnet_dev *vd, const struct vnet_port *port,
			__be32 dest);
void vnet_addr6_source(struct vnet_dev *vd, const struct vnet_port *port,
		       const struct in6_addr *dest, struct in6_addr *src);
int vnet_route_insert(struct vnet_dev *vd, struct vnet_route *req,
		      struct netlink_ext_ack *extack);
int vnet_route_del(struct vnet_dev *vd, const struct vnet_route *req,
		   struct netlink_ext_ack *extack);
void vnet_route_port_removed(struct vnet_dev *vd, struct vnet_port *port);
void vnet_route_flush(struct vnet_dev *vd);

/* neigh.c: the vrouter's neighbour table, IPv4 and IPv6 */
struct vnet_neigh;

/*
 * What a neighbour is known by: its address, IPv4 ones mapped
 * (::ffff:a.b.c.d) with a scope of their own, so that no IPv6 key is ever
 * an IPv4 one; and for an IPv6 link-local one the index of its port, as
 * fe80::1 may be a neighbour on two links. No padding.
 */
struct vnet_neigh_key {
	struct in6_addr addr;
	u32 scope;
};

#define VNET_NEIGH_SCOPE_INET	U32_MAX

static inline bool vnet_ipv6_is_ll(const struct in6_addr *addr)
{
	return (addr->s6_addr32[0] & htonl(0xffc00000)) == htonl(0xfe800000);
}

/* A host's address, one a neighbour or a binding may have. */
static inline bool vnet_ip4_host(__be32 addr)
{
	return !ipv4_is_zeronet(addr) && !ipv4_is_multicast(addr) &&
	       !ipv4_is_lbcast(addr) && !ipv4_is_loopback(addr);
}

/* The same for IPv6, never an IPv4-mapped one. */
static inline bool vnet_ip6_host(const struct in6_addr *addr)
{
	return !ipv6_addr_any(addr) && !ipv6_addr_is_multicast(addr) &&
	       !ipv6_addr_loopback(addr) && !ipv6_addr_v4mapped(addr);
}

static inline void vnet_neigh_key4(struct vnet_neigh_key *key, __be32 addr)
{
	key->addr.s6_addr32[0] = 0;
	key->addr.s6_addr32[1] = 0;
	key->addr.s6_addr32[2] = htonl(0x0000ffff);
	key->addr.s6_addr32[3] = addr;
	key->scope = VNET_NEIGH_SCOPE_INET;
}

static inline void vnet_neigh_key6(struct vnet_neigh_key *key,
				   const struct in6_addr *addr,
				   const struct vnet_port *port)
{
	key->addr = *addr;
	key->scope = vnet_ipv6_is_ll(addr) ? port->index : 0;
}

int vnet_neigh_init(struct vnet_dev *vd);
void vnet_neigh_uninit(struct vnet_dev *vd);
void vnet_neigh_output(struct vnet_dev *vd, struct vnet_port *in,
		       struct vnet_port *out,
		       const struct vnet_neigh_key *nexthop,
		       struct sk_buff *skb);
void vnet_neigh_confirm(struct vnet_dev *vd, struct vnet_port *port,
			const struct vnet_neigh_key *key, const u8 *mac,
			bool create, bool override);
void vnet_neigh_forget(struct vnet_dev *vd, struct vnet_port *port,
		       const struct vnet_addr *net);
int vnet_neigh_add_permanent(struct vnet_dev *vd, struct vnet_port *port,
			     const struct vnet_neigh_key *key, const u8 *mac,
			     struct netlink_ext_ack *extack);
int vnet_neigh_del(struct vnet_dev *vd, const struct vnet_neigh_key *key,
		   struct netlink_ext_ack *extack);
int vnet_neigh_dump(struct vnet_dev *vd, long *cursor, vnet_emit_t emit,
		    void *arg);

/* The wire formats ARP and neighbour discovery (RFC 4861 4.3, 4.4) share. */
struct vnet_arp_body {		/* the Ethernet/IPv4 body after struct arphdr */
	u8 sha[ETH_ALEN];
	__be32 sip;
	u8 tha[ETH_ALEN];
	__be32 tip;
} __packed;

struct vnet_nd_msg {		/* a solicitation or advertisement, one option */
	struct icmp6hdr icmp6;
	struct in6_addr target;
	u8 opt_type;
	u8 opt_len;			/* in units of 8 bytes */
	u8 lladdr[ETH_ALEN];
} __packed;

#define VNET_NA_ROUTER		htonl(0x80000000)
#define VNET_NA_SOLICITED	htonl(0x40000000)
#define VNET_NA_OVERRIDE	htonl(0x20000000)

/* ndisc.c: IPv6 neighbour discovery of the vrouter */
struct vnet_ip_info;
void vnet_port_ll(const struct vnet_port *port, struct in6_addr *addr);
struct sk_buff *vnet_nd_solicit(struct vnet_port *port,
				const struct in6_addr *target);
void vnet_nd_rx(struct vnet_port *port, struct sk_buff *skb,
		const struct vnet_ip_info *ip);
void vnet_nd_announce(struct vnet_port *port, const struct in6_addr *addr);
bool vnet_nd_is_ours(struct vnet_dev *vd, const struct vnet_port *port,
		     const struct in6_addr *addr);
struct sk_buff *vnet_nd_finish(struct vnet_port *port, struct sk_buff *skb,
			       const struct in6_addr *saddr,
			       const struct in6_addr *daddr, const u8 *smac);
struct sk_buff *vnet_nd_advert_for(struct vnet_port *port,
				   const struct in6_addr *target,
				   const u8 *lladdr,
				   const struct in6_addr *daddr,
				   const u8 *dmac, __be32 flags);
bool vnet_nd_lladdr(const struct sk_buff *skb, unsigned int off,
		    unsigned int end, u8 type, const u8 **lladdr);

/* ra.c: router advertisements */
#define VNET_RA_INTERVAL	600
void vnet_ra_init(struct vnet_dev *vd);
void vnet_ra_uninit(struct vnet_dev *vd);
int vnet_ra_check(const struct vnet_port *port, struct nlattr **tb,
		  struct netlink_ext_ack *extack);
void vnet_ra_apply(struct vnet_port *port, struct nlattr **tb);
void vnet_ra_kick(struct vnet_dev *vd);
int vnet_ra_fill(struct sk_buff *skb, const struct vnet_port *port);
void vnet_ra_solicited(struct vnet_port *port);
void vnet_ra_port_removed(struct vnet_port *port);
void vnet_ra_withdraw(struct vnet_port *port, const struct vnet_addr *a);

/* vrouter_ipv6.c */
void vnet_router_ipv6(struct vnet_port *in, struct sk_buff *skb);

/* arp.c */
void vnet_arp_rx(struct vnet_port *port, struct sk_buff *skb);
struct sk_buff *vnet_arp_request(struct vnet_port *port, __be32 target);
struct sk_buff *vnet_arp_reply(struct vnet_port *port, __be32 dest_ip,
			       const u8 *dest_hw, __be32 src_ip,
			       const u8 *src_hw);

/* icmp.c */
int vnet_icmp_init(struct vnet_dev *vd);
void vnet_icmp_uninit(struct vnet_dev *vd);
bool vnet_icmp_allowed(struct vnet_dev *vd);
bool vnet_icmp_may_answer(const struct sk_buff *skb);
struct sk_buff *vnet_icmp_build(const struct sk_buff *skb, u8 type, u8 code,
				u32 info, __be32 saddr);
void vnet_icmp_error(struct vnet_port *in, struct sk_buff *skb, u8 type,
		     u8 code, u32 info);
void vnet_icmp_local(struct vnet_port *in, struct sk_buff *skb);
void vnet_icmp_reply(struct vnet_port *in, struct sk_buff *skb,
		     const struct sk_buff *orig);
void vnet_icmp_host_unreachable(struct vnet_dev *vd, struct sk_buff *skb);

/* icmp6.c */
bool vnet_icmp6_may_answer(const struct sk_buff *skb,
			   const struct vnet_ip_info *ip);
struct sk_buff *vnet_icmp6_build(const struct sk_buff *skb, u8 type, u8 code,
				 u32 info, const struct in6_addr *saddr);
void vnet_icmp6_error(struct vnet_port *in, struct sk_buff *skb, u8 type,
		      u8 code, u32 info);
void vnet_icmp6_addr_unreachable(struct vnet_dev *vd, struct sk_buff *skb);
void vnet_icmp6_local(struct vnet_port *in, struct sk_buff *skb,
		      const struct vnet_ip_info *ip);

/* vrouter.c */
extern const struct vnet_kind_ops vnet_vrouter_ops;
const u8 *vnet_port_mac(const struct vnet_port *port);
unsigned int vnet_port_mtu(const struct vnet_port *port);
void vnet_router_count(struct vnet_port *port, enum vnet_stats which);
void vnet_router_drop(struct vnet_port *port, struct sk_buff *skb,
		      enum vnet_stats reason);
void vnet_router_send(struct vnet_port *out, struct sk_buff *skb,
		      const u8 *dest);
struct vnet_port *vnet_router_port(struct vnet_dev *vd, u32 index,
				   const char *name);
bool vnet_router_subnet_broadcast(const struct vnet_route *rt, __be32 daddr);

/* netlink_router.c: address, route and neighbour commands */
void vnet_genl_notify_addr(struct vnet_dev *vd, const struct vnet_addr *a,
			   u8 cmd);
void vnet_genl_notify_route(struct vnet_dev *vd, const struct vnet_route *rt,
			    u8 cmd);

/* classify.c: HyperSplit */
int vnet_hs_build(struct vnet_hs_tree *t, const struct vnet_fw_rule *rules,
		  u32 count);
int vnet_hs_lookup(const struct vnet_hs_tree *t,
		   const struct vnet_fw_rule *rules, const u32 *key);
void vnet_hs_free(struct vnet_hs_tree *t);

/*
 * rules.c: a vfirewall's rule sets and their changes; under RTNL, but
 * vnet_rules_change(), which takes it.
 */
int vnet_rules_init(struct vnet_dev *vd);
void vnet_rules_uninit(struct vnet_dev *vd);

/*
 * An edit of a rule list: the new list (@specs, @count) made from the
 * current set under RTNL, and @map, each new rule's index in the current
 * set or U32_MAX for a new rule (NULL: counters start afresh). @arg is the
 * editor's own.
 */
struct vnet_rules_edit {
	void *arg;
	struct vnet_rule_spec *specs;
	u32 count;
	u32 *map;
};

typedef int (*vnet_rules_edit_fn)(struct vnet_dev *vd,
				  const struct vnet_ruleset *rs,
				  struct vnet_rules_edit *e);
int vnet_rules_change(struct vnet_dev *vd, vnet_rules_edit_fn edit, void *arg,
		      struct netlink_ext_ack *extack);
int vnet_rules_insert(struct vnet_rules_edit *e, const struct vnet_ruleset *rs,
		      const struct vnet_rule_spec *spec, u32 at,
		      struct netlink_ext_ack *extack);
int vnet_rules_remove(struct vnet_rules_edit *e, const struct vnet_ruleset *rs,
		      u32 at);
void vnet_ruleset_free(struct vnet_ruleset *rs);
int vnet_rules_commit(struct vnet_dev *vd, struct vnet_rule_spec *specs,
		      u32 count, const u32 *old_index,
		      struct netlink_ext_ack *extack);
int vnet_rules_recompile(struct vnet_dev *vd);
bool vnet_rules_name_port(struct vnet_dev *vd, const char *name);
void vnet_ruleset_count(struct vnet_ruleset *rs, u32 rule, unsigned int len);
void vnet_ruleset_sum(const struct vnet_ruleset *rs, u32 rule, u64 *packets,
		      u64 *bytes);

/* ipv6.c: the walk past an IPv6 packet's extension headers */
struct vnet_ip_info {
	u8 family;			/* AF_INET or AF_INET6 */
	u8 proto;			/* the upper-layer protocol */
	bool frag;			/* a fragment, the first or later */
	bool later_frag;		/* a fragment past the first */
	unsigned int l4;		/* the upper-layer header's offset */
	unsigned int end;		/* the packet's end (IP length) */
};

bool vnet_ipv6_walk(const struct sk_buff *skb, unsigned int off, u8 nexthdr,
		    unsigned int end, struct vnet_ip_info *ip);
bool vnet_ipv6_parse(const struct sk_buff *skb, struct vnet_ip_info *ip);

/* reject.c */
void vnet_fw_reject(struct vnet_dev *vd, struct vnet_port *in,
		    struct sk_buff *skb, const struct vnet_ip_info *ip,
		    const u32 *key);

/* conntrack.c: a vfirewall's connection table */
struct vnet_ct_result {
	struct vnet_ct_tuple tuple;	/* the packet's, when trackable */
	struct vnet_conn *conn;		/* NULL: none (yet) */
	u8 dir;
	u8 state;			/* enum vnet_conn_state */
	u8 tcp_flags;
	u8 tcp_wscale;			/* a SYN's window scale option */
	u16 tcp_win;
	u32 tcp_ack;
};

int vnet_ct_init(struct vnet_dev *vd);
void vnet_ct_uninit(struct vnet_dev *vd);
void vnet_ct_classify(struct vnet_dev *vd, const struct sk_buff *skb,
		      const struct vnet_ip_info *ip, const u32 *key,
		      struct vnet_ct_result *res);
int vnet_ct_confirm(struct vnet_dev *vd, struct vnet_ct_result *res);
void vnet_ct_update(struct vnet_dev *vd, struct vnet_ct_result *res);
void vnet_ct_flush(struct vnet_dev *vd);
void vnet_ct_tuple_reverse(struct vnet_ct_tuple *r,
			   const struct vnet_ct_tuple *t);

/*
 * How a new connection is translated (nat.c): the key its replies will
 * arrive under, its dport (the outside source port or echo id) chosen
 * from @port_min..@port_max while taken (@port_max 0: fixed), and the
 * rules that made it (destination, source).
 */
struct vnet_nat_binding {
	struct vnet_ct_tuple reply;
	u16 port_min, port_max;
	u64 rule[2];
	u64 epoch;			/* the router's nat_epoch */
};

int vnet_ct_confirm_nat(struct vnet_dev *vd, struct vnet_ct_result *res,
			const struct vnet_nat_binding *b);
void vnet_ct_flush_nat(struct vnet_dev *vd, u64 *ids, unsigned int n);
void vnet_ct_flush_nat_addr(struct vnet_dev *vd, __be32 addr);
void vnet_ct_forget(struct vnet_dev *vd, struct vnet_conn *c);

/* A connection as a dump reports it. */
struct vnet_conn_info {
	struct vnet_ct_tuple tuple;
	struct vnet_ct_tuple reply;	/* translated: its replies' key */
	bool nat;
	u8 tcp_state;
	u8 replied;
	u32 timeout_ms;
	u64 packets;
};

/* A dump's place in a connection table, kept between its calls. */
struct vnet_ct_cursor {
	struct rhashtable_iter iter;
	struct list_head list;		/* vnet_conntrack.cursors */
	struct vnet_conntrack *ct;	/* NULL: closed, or the table is gone */
	struct vnet_conn_info pending;	/* met, not sent yet */
	bool has_pending;
	u32 restarts;			/* times a resize rewound the walk */
};

int vnet_ct_cursor_open(struct vnet_dev *vd, struct vnet_ct_cursor *cur);
void vnet_ct_cursor_close(struct vnet_ct_cursor *cur);
int vnet_ct_cursor_walk(struct vnet_ct_cursor *cur,
			int (*emit)(const struct vnet_conn_info *e, void *arg),
			void *arg);

/* nat.c: a vrouter's NAT on the data path */
enum vnet_nat_what {
	VNET_NAT_PASS,			/* nothing to translate */
	VNET_NAT_CONN,			/* a packet of a translated connection */
	VNET_NAT_ERROR,			/* an ICMP error about one */
	VNET_NAT_NEW,			/* may open one */
	VNET_NAT_UNPLACED,		/* of no connection, and cannot open one */
	VNET_NAT_FRAG,			/* a later fragment of a translated one */
};

/*
 * The translated datagrams whose later fragments may still come (nat.c):
 * a fragment carries no ports, so the first one's translation is kept
 * here, by the datagram's addresses, protocol and IP id, for the rest.
 */
#define VNET_NAT_FRAG_SLOTS	256

struct vnet_nat_frag {
	__be32 saddr, daddr;		/* as the fragments arrive */
	__be32 to_saddr, to_daddr;	/* as they leave */
	__be16 id;
	u8 proto;
	unsigned long expires;		/* jiffies; 0: free */
};

struct vnet_nat_frags {
	spinlock_t lock;		/* the slots, written and read in softirq */
	struct vnet_nat_frag slot[VNET_NAT_FRAG_SLOTS];
};

int vnet_nat_init(struct vnet_dev *vd);
void vnet_nat_uninit(struct vnet_dev *vd);

/* What vnet_nat_in() found of a packet, for vnet_nat_out(). */
struct vnet_nat {
	struct vnet_ct_result ct;
	struct vnet_ip_info ip;
	struct vnet_nat_rule *dst_rule;	/* NEW: the destination's rule */
	__be32 daddr;			/* where it is to be routed */
	__be32 frag_saddr;		/* FRAG: the source it leaves with */
	u64 epoch;			/* the router's nat_epoch, read first */
	u8 what;			/* enum vnet_nat_what */
	u8 why;				/* enum vnet_stats: a drop's reason */
};

bool vnet_nat_in(struct vnet_dev *vd, struct sk_buff *skb,
		 struct vnet_nat *nat);
bool vnet_nat_out(struct vnet_dev *vd, struct vnet_port *in,
		  struct vnet_port *out, struct sk_buff *skb,
		  struct vnet_nat *nat);
bool vnet_nat_arp_owns(struct vnet_dev *vd, const struct vnet_port *port,
		       __be32 addr);

/* nat_rules.c: a vrouter's NAT rules; under RTNL */
int vnet_nat_add(struct vnet_dev *vd, const struct vnet_nat_rule *req,
		 struct netlink_ext_ack *extack);
int vnet_nat_del(struct vnet_dev *vd, u32 index,
		 struct netlink_ext_ack *extack);
void vnet_nat_flush(struct vnet_dev *vd);
void vnet_nat_port_removed(struct vnet_dev *vd, struct vnet_port *port);

/* vfirewall.c */
extern const struct vnet_kind_ops vnet_vfirewall_ops;

/* notify.c */
int vnet_notify_init(void);
void vnet_notify_exit(void);

/* kmod/selftest/: built with VNET_SELFTEST=1, run at load (main.c) */
#ifdef VNET_SELFTEST
bool vnet_lpm_selftest(void);
bool vnet_policer_selftest(void);
bool vnet_hs_selftest(void);
bool vnet_ct_selftest(void);
bool vnet_icmp_selftest(void);
#else
static inline bool vnet_lpm_selftest(void)
{
	return true;
}

static inline bool vnet_policer_selftest(void)
{
	return true;
}

static inline bool vnet_hs_selftest(void)
{
	return true;
}

static inline bool vnet_ct_selftest(void)
{
	return true;
}

static inline bool vnet_icmp_selftest(void)
{
	return true;
}
#endif

/* overlay.c */
/* Does @vd carry a vni, for itself or a VLAN (under RTNL)? */
static inline bool vnet_is_segment(const struct vnet_dev *vd)
{
	return vd->tunnel || vd->vlan_tunnels;
}

void vnet_overlay_load(void);
void vnet_overlay_exit(void);
void vnet_overlay_free(struct vnet_network *nw);
int vnet_overlay_check(struct vnet_network *nw, struct nlattr **tb,
		       struct vnet_overlay *ov, struct netlink_ext_ack *extack);
int vnet_overlay_host_add(struct vnet_network *nw, struct nlattr **tb,
			  struct netlink_ext_ack *extack);
int vnet_overlay_host_del(struct vnet_network *nw, struct nlattr **tb,
			  struct netlink_ext_ack *extack);
size_t vnet_overlay_size(void);
int vnet_overlay_fill(struct sk_buff *skb, const struct vnet_network *nw);
int vnet_segment_check(enum vnet_kind kind, struct vnet_network *nw, u32 vni,
		       struct netlink_ext_ack *extack);
u32 vnet_segment_mtu(struct vnet_network *nw);
struct vnet_port *vnet_segment_new(struct vnet_dev *vd, u32 vni, u16 vid,
				   struct netlink_ext_ack *extack);
struct vnet_port *vnet_vlan_segment(const struct vnet_dev *vd, u16 vid);

/* A VLAN of a vswitch and the vni that carries it across hosts. */
struct vnet_vlan_vni {
	u16 vid;
	u32 vni;
};

int vnet_vlan_segment_check(enum vnet_kind kind, const struct vnet_dev *vd,
			    const struct vnet_params *p,
			    struct vnet_network *nw, const struct nlattr *nest,
			    u32 new_vni, struct vnet_vlan_vni *vv,
			    struct netlink_ext_ack *extack);
int vnet_segment_vlans_check(const struct vnet_dev *vd,
			     const struct vnet_vlan *vl,
			     struct netlink_ext_ack *extack);
int vnet_vlan_segment_fill(struct sk_buff *skb, const struct vnet_dev *vd);
size_t vnet_vlan_segment_size(const struct vnet_dev *vd);
void vnet_segment_del_port(struct vnet_port *port);
void vnet_segment_unregister(struct vnet_dev *vd);
void vnet_segment_port_gone(struct vnet_port *port);
void vnet_segment_follow(struct vnet_dev *vd);

#endif /* _VNET_H */
