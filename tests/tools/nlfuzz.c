// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz COUNT PROCS SEED: send COUNT messages to the "vnet" generic
 * netlink family from PROCS processes at once, for the netlink fuzz test.
 *
 * Messages are built from the uapi's attribute types: every command id
 * (and some past the last), attributes of the right type with pooled names
 * (so creations, ports, rules, deletions in random order really happen),
 * extreme and random values, and, as often, wrong types and lengths,
 * unknown attribute ids and nested garbage. Each process uses names of its
 * own; for some of its refused requests it compares the named device's
 * state before and after, and reports any change (a refused request must
 * change nothing). Prints "sent N ok N refused N checked N changed N valid
 * N accepted N unreadable N" (valid and accepted: the steps of valid
 * sequences; unreadable: checks left out because a read failed) and exits
 * 1 if a refused request changed something or a reply was missing.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/vnet.h>

static uint64_t rng_state;

static uint32_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 2685821657736338717ULL) >> 32);
}

static uint32_t below(uint32_t n)
{
	return n ? rnd() % n : 0;
}

/* What an attribute holds, by the uapi's comments. */
enum kind { K_NONE, K_U8, K_U16, K_U32, K_U64, K_BE32, K_MAC, K_IP6, K_DEV,
	    K_PORT, K_NET, K_STR, K_FLAG, K_NEST };

struct table {
	int max;
	const enum kind *kinds;
	const struct table *const *nests;	/* for K_NEST members */
};

static const enum kind param_kinds[VNET_PARAM_MAX + 1] = {
	[VNET_PARAM_AGEING] = K_U32, [VNET_PARAM_TTL_CHECK] = K_U8,
	[VNET_PARAM_POLICY] = K_U8, [VNET_PARAM_L2_POLICY] = K_U8,
	[VNET_PARAM_CONNS_MAX] = K_U32, [VNET_PARAM_TCP_SYN_TIMEOUT] = K_U32,
	[VNET_PARAM_TCP_EST_TIMEOUT] = K_U32, [VNET_PARAM_TCP_FIN_TIMEOUT] = K_U32,
	[VNET_PARAM_TCP_CLOSE_TIMEOUT] = K_U32, [VNET_PARAM_UDP_TIMEOUT] = K_U32,
	[VNET_PARAM_UDP_STREAM_TIMEOUT] = K_U32, [VNET_PARAM_ICMP_TIMEOUT] = K_U32,
	[VNET_PARAM_CONNTRACK] = K_U8,
};

static const enum kind allow_kinds[VNET_ALLOW_MAX + 1] = {
	[VNET_ALLOW_IP4] = K_BE32, [VNET_ALLOW_IP6] = K_IP6,
};

static const struct table allow_table = { VNET_ALLOW_MAX, allow_kinds, NULL };

static const enum kind port_kinds[VNET_PORT_MAX + 1] = {
	[VNET_PORT_INDEX] = K_U32, [VNET_PORT_NAME] = K_PORT,
	[VNET_PORT_LOWER_IFINDEX] = K_U32, [VNET_PORT_LOWER_IFNAME] = K_PORT,
	[VNET_PORT_LEARNING] = K_U8, [VNET_PORT_FLOOD] = K_U8,
	[VNET_PORT_STATS] = K_NEST, [VNET_PORT_UP] = K_U8,
	[VNET_PORT_PEER_IFINDEX] = K_U32, [VNET_PORT_PEER_IFNAME] = K_DEV,
	[VNET_PORT_PEER_NAME] = K_PORT, [VNET_PORT_ALLOW_MAC] = K_MAC,
	[VNET_PORT_ALLOW_IPS] = K_NEST, [VNET_PORT_POLICER] = K_STR,
	[VNET_PORT_ADDRESS] = K_MAC,
};

static const struct table *const port_nests[VNET_PORT_MAX + 1] = {
	[VNET_PORT_ALLOW_IPS] = &allow_table,
};

static const enum kind fdb_kinds[VNET_FDB_MAX + 1] = {
	[VNET_FDB_MAC] = K_MAC, [VNET_FDB_PORT] = K_U32,
	[VNET_FDB_PORT_NAME] = K_PORT, [VNET_FDB_STATIC] = K_U8,
	[VNET_FDB_AGE] = K_U32,
};

static const enum kind addr_kinds[VNET_ADDR_MAX + 1] = {
	[VNET_ADDR_ADDRESS] = K_BE32, [VNET_ADDR_PREFIXLEN] = K_U8,
	[VNET_ADDR_PORT] = K_U32, [VNET_ADDR_PORT_NAME] = K_PORT,
};

static const enum kind route_kinds[VNET_ROUTE_ATTR_MAX + 1] = {
	[VNET_ROUTE_ATTR_DST] = K_BE32, [VNET_ROUTE_ATTR_PREFIXLEN] = K_U8,
	[VNET_ROUTE_ATTR_GATEWAY] = K_BE32, [VNET_ROUTE_ATTR_PORT] = K_U32,
	[VNET_ROUTE_ATTR_PORT_NAME] = K_PORT, [VNET_ROUTE_ATTR_TYPE] = K_U8,
};

static const enum kind neigh_kinds[VNET_NEIGH_MAX + 1] = {
	[VNET_NEIGH_ADDRESS] = K_BE32, [VNET_NEIGH_MAC] = K_MAC,
	[VNET_NEIGH_PORT] = K_U32, [VNET_NEIGH_PORT_NAME] = K_PORT,
	[VNET_NEIGH_STATE] = K_U8, [VNET_NEIGH_AGE] = K_U32,
	[VNET_NEIGH_QUEUED] = K_U32,
};

static const enum kind rule_kinds[VNET_RULE_MAX + 1] = {
	[VNET_RULE_INDEX] = K_U32, [VNET_RULE_IN] = K_PORT,
	[VNET_RULE_OUT] = K_PORT, [VNET_RULE_SRC] = K_BE32,
	[VNET_RULE_SRC_LEN] = K_U8, [VNET_RULE_DST] = K_BE32,
	[VNET_RULE_DST_LEN] = K_U8, [VNET_RULE_PROTO] = K_U8,
	[VNET_RULE_SPORT_MIN] = K_U16, [VNET_RULE_SPORT_MAX] = K_U16,
	[VNET_RULE_DPORT_MIN] = K_U16, [VNET_RULE_DPORT_MAX] = K_U16,
	[VNET_RULE_ICMP_TYPE] = K_U8, [VNET_RULE_ACTION] = K_U8,
	[VNET_RULE_PACKETS] = K_U64, [VNET_RULE_BYTES] = K_U64,
	[VNET_RULE_STATE] = K_U8,
};

static const enum kind quota_kinds[VNET_QUOTA_MAX + 1] = {
	[VNET_QUOTA_PORTS] = K_U32, [VNET_QUOTA_FDB] = K_U32,
	[VNET_QUOTA_ROUTES] = K_U32, [VNET_QUOTA_NEIGH] = K_U32,
	[VNET_QUOTA_RULES] = K_U32, [VNET_QUOTA_CONNS] = K_U32,
};

static const struct table quota_table = { VNET_QUOTA_MAX, quota_kinds, NULL };

static const enum kind network_kinds[VNET_NETWORK_MAX + 1] = {
	[VNET_NETWORK_ID] = K_U32, [VNET_NETWORK_NAME] = K_NET,
	[VNET_NETWORK_MTU] = K_U32, [VNET_NETWORK_DESCRIPTION] = K_STR,
	[VNET_NETWORK_UP] = K_U8, [VNET_NETWORK_FORCE] = K_FLAG,
	[VNET_NETWORK_QUOTA] = K_NEST, [VNET_NETWORK_USAGE] = K_NEST,
	[VNET_NETWORK_DENIED] = K_NEST, [VNET_NETWORK_DEVICES] = K_U32,
	[VNET_NETWORK_POLICERS] = K_U32,
};

static const struct table *const network_nests[VNET_NETWORK_MAX + 1] = {
	[VNET_NETWORK_QUOTA] = &quota_table,
};

static const enum kind policer_kinds[VNET_POLICER_MAX + 1] = {
	[VNET_POLICER_NAME] = K_STR, [VNET_POLICER_RATE] = K_U64,
	[VNET_POLICER_BURST] = K_U32, [VNET_POLICER_PORTS] = K_U32,
	[VNET_POLICER_PASSED_PACKETS] = K_U64,
};

#define T(name, kinds, nests) \
	static const struct table name = { sizeof(kinds) / sizeof(kinds[0]) - 1, kinds, nests }
T(param_table, param_kinds, NULL);
T(port_table, port_kinds, port_nests);
T(fdb_table, fdb_kinds, NULL);
T(addr_table, addr_kinds, NULL);
T(route_table, route_kinds, NULL);
T(neigh_table, neigh_kinds, NULL);
T(rule_table, rule_kinds, NULL);
T(network_table, network_kinds, network_nests);
T(policer_table, policer_kinds, NULL);

static const enum kind top_kinds[VNET_ATTR_MAX + 1] = {
	[VNET_ATTR_IFINDEX] = K_U32, [VNET_ATTR_IFNAME] = K_DEV,
	[VNET_ATTR_KIND] = K_U32, [VNET_ATTR_UP] = K_U8, [VNET_ATTR_MTU] = K_U32,
	[VNET_ATTR_ADDRESS] = K_MAC, [VNET_ATTR_PARAMS] = K_NEST,
	[VNET_ATTR_STATS] = K_NEST, [VNET_ATTR_RUNNING] = K_U8,
	[VNET_ATTR_PORT] = K_NEST, [VNET_ATTR_FDB] = K_NEST,
	[VNET_ATTR_ADDR] = K_NEST, [VNET_ATTR_ROUTE] = K_NEST,
	[VNET_ATTR_NEIGH] = K_NEST, [VNET_ATTR_RULE] = K_NEST,
	[VNET_ATTR_CONN] = K_NEST, [VNET_ATTR_NETWORK] = K_NEST,
	[VNET_ATTR_POLICER] = K_NEST,
};

static const struct table *const top_nests[VNET_ATTR_MAX + 1] = {
	[VNET_ATTR_PARAMS] = &param_table, [VNET_ATTR_PORT] = &port_table,
	[VNET_ATTR_FDB] = &fdb_table, [VNET_ATTR_ADDR] = &addr_table,
	[VNET_ATTR_ROUTE] = &route_table, [VNET_ATTR_NEIGH] = &neigh_table,
	[VNET_ATTR_RULE] = &rule_table, [VNET_ATTR_NETWORK] = &network_table,
	[VNET_ATTR_POLICER] = &policer_table,
};

static const struct table top_table = { VNET_ATTR_MAX, top_kinds, top_nests };

static int proc_id;
static int well_formed;	/* this message: right types, pooled names only */
static char buf[8192];
static size_t len;

static void put(const void *data, size_t n)
{
	if (len + n <= sizeof(buf)) {
		memcpy(buf + len, data, n);
		len += n;
	}
}

static void pad(void)
{
	static const char zero[4];

	put(zero, NLA_ALIGN(len) - len);
}

static uint32_t extreme(void)
{
	static const uint32_t v[] = { 0, 1, 2, 15, 16, 32, 33, 64, 255, 256,
				      65535, 65536, 0x7fffffff, 0x80000000,
				      0xffffff, 0x1000000, 0xffffffff };

	return below(2) ? v[below(sizeof(v) / sizeof(v[0]))] : rnd();
}

static void name_of(char *out, size_t n, char what)
{
	/* Mostly this process's own pool; sometimes anyone's, or junk. */
	size_t i, junk;

	switch (well_formed ? 2 : below(10)) {
	case 0:		/* a pool every process shares */
		snprintf(out, n, "nfx%c%u", what, below(4));
		break;
	case 1:
		junk = below(40);
		for (i = 0; i + 1 < n && i < junk; i++)
			out[i] = 1 + below(255);
		out[i] = 0;
		break;
	default:
		if (what == 'l')	/* the lower dummies the test made */
			snprintf(out, n, "nfl%u", below(8));
		else
			snprintf(out, n, "nf%c%d%u", what, proc_id, below(4));
	}
}

static void attr(const struct table *t, int type, int depth);

static void value(enum kind k, const struct table *nest, int depth)
{
	char s[64] = "";
	uint64_t v64;
	uint32_t v = extreme();
	uint16_t v16 = v;
	uint8_t v8 = below(3) ? below(5) : v;

	switch (k) {
	case K_U8: put(&v8, 1); break;
	case K_U16: put(&v16, 2); break;
	case K_U32: put(&v, 4); break;
	case K_BE32: v = htonl(below(2) ? (10u << 24) | below(1 << 16) : v); put(&v, 4); break;
	case K_U64: v64 = ((uint64_t)extreme() << 32) | extreme(); put(&v64, 8); break;
	case K_MAC: s[0] = 2; for (int i = 1; i < 6; i++) s[i] = below(4); put(s, 6); break;
	case K_IP6: for (int i = 0; i < 16; i++) s[i] = rnd(); put(s, 16); break;
	case K_DEV: name_of(s, sizeof(s), 'd'); put(s, strlen(s) + 1); break;
	case K_PORT: name_of(s, sizeof(s), 'l'); put(s, strlen(s) + 1); break;
	case K_NET: name_of(s, sizeof(s), 'n'); put(s, strlen(s) + 1); break;
	case K_STR: name_of(s, sizeof(s), 'p'); put(s, strlen(s) + 1); break;
	case K_FLAG: break;
	case K_NEST:
		for (uint32_t i = below(6); nest && depth < 3 && i > 0; i--)
			attr(nest, 1 + below(nest->max + 2), depth + 1);
		break;
	default: break;
	}
}

/* One attribute of @t: mostly well typed, else garbage of any length. */
static void attr(const struct table *t, int type, int depth)
{
	struct nlattr *a;
	size_t at = len;
	enum kind k = type <= t->max ? t->kinds[type] : K_NONE;

	put(&(struct nlattr){ 0 }, sizeof(*a));
	if (k == K_NONE || (!well_formed && below(8) == 0)) {
		for (uint32_t i = below(below(4) ? 8 : 64); i > 0; i--) {
			uint8_t b = rnd();

			put(&b, 1);
		}
	} else {
		value(k, t->nests && type <= t->max ? t->nests[type] : NULL, depth);
	}
	if (at + sizeof(*a) > sizeof(buf))
		return;
	a = (struct nlattr *)(buf + at);
	a->nla_len = len - at;
	a->nla_type = type | (k == K_NEST ? NLA_F_NESTED : 0);
	if (!well_formed && below(50) == 0)
		a->nla_len += below(16);	/* a length past the data */
	pad();
}

/* The top-level nest a command takes. */
static int cmd_nest(uint8_t cmd)
{
	switch (cmd) {
	case VNET_CMD_PORT_NEW ... VNET_CMD_PORT_SET: return VNET_ATTR_PORT;
	case VNET_CMD_FDB_NEW ... VNET_CMD_FDB_FLUSH: return VNET_ATTR_FDB;
	case VNET_CMD_ADDR_NEW ... VNET_CMD_ADDR_GET: return VNET_ATTR_ADDR;
	case VNET_CMD_ROUTE_NEW ... VNET_CMD_ROUTE_GET: return VNET_ATTR_ROUTE;
	case VNET_CMD_RULE_NEW ... VNET_CMD_RULE_REPLACE: return VNET_ATTR_RULE;
	case VNET_CMD_NET_NEW ... VNET_CMD_NET_SET: return VNET_ATTR_NETWORK;
	case VNET_CMD_POLICER_NEW ... VNET_CMD_POLICER_GET:
	case VNET_CMD_POLICER_SET: return VNET_ATTR_POLICER;
	case VNET_CMD_NEIGH_NEW: case VNET_CMD_NEIGH_DEL: return VNET_ATTR_NEIGH;
	default: return below(2) ? VNET_ATTR_PARAMS : VNET_ATTR_NETWORK;
	}
}

static int sock_fd, family;
static uint32_t seq;
static int replies;		/* messages a dump answered with */

/* Send buf[0..len) as one request; 0 or the negative errno of its ack. */
static int request(uint8_t cmd, int dump)
{
	struct nlmsghdr *nh = (struct nlmsghdr *)buf;
	struct genlmsghdr *gh = (struct genlmsghdr *)(buf + NLMSG_HDRLEN);
	static char rbuf[65536];
	int err = 1;

	nh->nlmsg_len = len;
	nh->nlmsg_type = family;
	nh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | (dump ? NLM_F_DUMP : 0);
	nh->nlmsg_seq = ++seq;
	nh->nlmsg_pid = 0;
	gh->cmd = cmd;
	gh->version = 1;
	gh->reserved = 0;
	if (send(sock_fd, buf, len, 0) < 0)
		return -errno;
	replies = 0;
	while (err == 1) {
		ssize_t n = recv(sock_fd, rbuf, sizeof(rbuf), 0);
		struct nlmsghdr *r;

		/*
		 * ENOBUFS: the kernel could not queue a reply (test 52 fails
		 * its allocations) and says so; anything else is a reply that
		 * never came.
		 */
		if (n < 0)
			return errno == EINTR || errno == ENOBUFS ? -errno : -1000;
		for (r = (struct nlmsghdr *)rbuf; NLMSG_OK(r, (size_t)n);
		     r = NLMSG_NEXT(r, n)) {
			if (r->nlmsg_seq != seq)
				continue;
			if (r->nlmsg_type == NLMSG_ERROR) {
				err = ((struct nlmsgerr *)NLMSG_DATA(r))->error;
				break;
			}
			if (r->nlmsg_type == NLMSG_DONE) {
				err = *(int *)NLMSG_DATA(r);
				break;
			}
			replies++;
		}
	}
	return err;
}

static void begin(void)
{
	len = NLMSG_HDRLEN + GENL_HDRLEN;
}

static void put_attr(int type, const void *data, size_t n)
{
	struct nlattr a = { NLA_HDRLEN + n, type };

	put(&a, sizeof(a));
	put(data, n);
	pad();
}

static void put_u8(int type, uint8_t v) { put_attr(type, &v, 1); }
static void put_u16(int type, uint16_t v) { put_attr(type, &v, 2); }
static void put_u32(int type, uint32_t v) { put_attr(type, &v, 4); }

static void put_name(int type, const char *name)
{
	put_attr(type, name, strlen(name) + 1);
}

static int resolve(void)
{
	static char rbuf[8192];
	struct nlmsghdr *nh = (struct nlmsghdr *)buf;
	ssize_t n;

	begin();
	put_name(CTRL_ATTR_FAMILY_NAME, VNET_GENL_NAME);
	nh->nlmsg_len = len;
	nh->nlmsg_type = GENL_ID_CTRL;
	nh->nlmsg_flags = NLM_F_REQUEST;
	nh->nlmsg_seq = ++seq;
	((struct genlmsghdr *)(buf + NLMSG_HDRLEN))->cmd = CTRL_CMD_GETFAMILY;
	((struct genlmsghdr *)(buf + NLMSG_HDRLEN))->version = 1;
	if (send(sock_fd, buf, len, 0) < 0)
		return -1;
	n = recv(sock_fd, rbuf, sizeof(rbuf), 0);
	if (n <= 0 || ((struct nlmsghdr *)rbuf)->nlmsg_type == NLMSG_ERROR)
		return -1;
	for (size_t off = NLMSG_HDRLEN + GENL_HDRLEN; off + NLA_HDRLEN <= (size_t)n;) {
		struct nlattr *a = (struct nlattr *)(rbuf + off);

		if (a->nla_len < NLA_HDRLEN)
			break;
		if (a->nla_type == CTRL_ATTR_FAMILY_ID)
			return *(uint16_t *)(a + 1);
		off += NLA_ALIGN(a->nla_len);
	}
	return -1;
}


static size_t nest_start(int type)
{
	size_t at = len;

	put(&(struct nlattr){ 0, type | NLA_F_NESTED }, NLA_HDRLEN);
	return at;
}

static void nest_end(size_t at)
{
	if (len <= sizeof(buf))
		((struct nlattr *)(buf + at))->nla_len = len - at;
}

/*
 * The valid sequences: each process walks its own four devices through
 * real lives (create, start, ports on two dummies of their own, fdb
 * entries, addresses, routes, rules, flushes, port and device deletions),
 * each request built on the ones that succeeded. The fuzzed messages act
 * on the same device names, so a step may find its device gone (the model
 * then starts that device over).
 */
struct slot {
	int kind;		/* enum vnet_kind; 0: not created, -1: unknown */
	unsigned int ports;	/* bit j: dummy nfs<proc><slot><j> is a port */
	unsigned int addrs;	/* bit j: the address on port j */
	unsigned int routes[2];	/* bit r: route r via port j */
};

static struct slot slots[4];
static unsigned long valid, accepted, checked, changed, unreadable;

static void state(const char *dev, int out[4]);
static void verify(const char *dev, const int before[4], int cmd, int err);

static void scripted(void)
{
	int d = below(4), j = below(2), r = below(8), cmd;
	struct slot *s = &slots[d];
	uint32_t net = 10u << 24 | (uint32_t)(proc_id * 4 + d) << 16;
	uint8_t mac[6] = { 2, (uint8_t)proc_id, (uint8_t)d, (uint8_t)j };
	char dev[16], low[16];
	int before[4], err, check = proc_id == 0 && below(4) == 0;
	size_t nest;

	snprintf(dev, sizeof(dev), "nfd%d%d", proc_id, d);
	snprintf(low, sizeof(low), "nfs%d%d%d", proc_id, d, j);
	if (check)
		state(dev, before);
	begin();
	put_name(VNET_ATTR_IFNAME, dev);
	if (s->kind < 0) {
		cmd = VNET_CMD_DEV_DEL;
	} else if (!s->kind) {
		cmd = VNET_CMD_DEV_NEW;
		s->kind = 1 + below(VNET_KIND_MAX);
		put_u32(VNET_ATTR_KIND, s->kind);
	} else if ((!(s->ports & 1u << j) && s->kind != VNET_KIND_VFIREWALL) ?
		   below(2) : below(8) == 0) {
		cmd = VNET_CMD_PORT_NEW;
		nest = nest_start(VNET_ATTR_PORT);
		put_name(VNET_PORT_LOWER_IFNAME, low);
		nest_end(nest);
	} else {
		/* A device lives some forty steps: making a netdev is dear. */
		switch (below(40)) {
		case 0 ... 3:
			cmd = VNET_CMD_DEV_SET;
			put_u8(VNET_ATTR_UP, below(4) != 0);
			break;
		case 4 ... 7:
			cmd = VNET_CMD_PORT_DEL;
			nest = nest_start(VNET_ATTR_PORT);
			put_name(VNET_PORT_NAME, low);
			nest_end(nest);
			break;
		case 8:
			cmd = VNET_CMD_DEV_DEL;
			break;
		case 9 ... 12:
			cmd = s->kind == VNET_KIND_VSWITCH ? VNET_CMD_FDB_FLUSH :
			      s->kind == VNET_KIND_VROUTER ? VNET_CMD_NEIGH_FLUSH :
			      VNET_CMD_RULE_FLUSH;
			break;
		default:
			if (s->kind == VNET_KIND_VSWITCH) {
				cmd = VNET_CMD_FDB_NEW;
				mac[5] = below(16);
				nest = nest_start(VNET_ATTR_FDB);
				put_attr(VNET_FDB_MAC, mac, 6);
				put_name(VNET_FDB_PORT_NAME, low);
			} else if (s->kind == VNET_KIND_VROUTER && below(3) == 0) {
				cmd = (s->addrs & 1u << j) ? VNET_CMD_ADDR_DEL : VNET_CMD_ADDR_NEW;
				nest = nest_start(VNET_ATTR_ADDR);
				put_u32(VNET_ADDR_ADDRESS, htonl(net | (uint32_t)j << 8 | 1));
				put_u8(VNET_ADDR_PREFIXLEN, 24);
				put_name(VNET_ADDR_PORT_NAME, low);
			} else if (s->kind == VNET_KIND_VROUTER) {
				cmd = (s->routes[j] & 1u << r) ? VNET_CMD_ROUTE_DEL : VNET_CMD_ROUTE_NEW;
				nest = nest_start(VNET_ATTR_ROUTE);
				put_u32(VNET_ROUTE_ATTR_DST, htonl(net | (uint32_t)(128 + 8 * j + r) << 8));
				put_u8(VNET_ROUTE_ATTR_PREFIXLEN, 24);
				put_name(VNET_ROUTE_ATTR_PORT_NAME, low);
			} else {
				uint16_t dport = 1 + below(1024);

				cmd = VNET_CMD_RULE_NEW;
				nest = nest_start(VNET_ATTR_RULE);
				put_u32(VNET_RULE_SRC, htonl(net));
				put_u8(VNET_RULE_SRC_LEN, 16);
				put_u8(VNET_RULE_PROTO, 6);
				put_u16(VNET_RULE_DPORT_MIN, dport);
				put_u16(VNET_RULE_DPORT_MAX, dport + below(100));
				put_u8(VNET_RULE_ACTION, below(VNET_VERDICT_MAX + 1));
			}
			nest_end(nest);
		}
	}
	err = request(cmd, 0);
	valid++;
	if (!err)
		accepted++;
	else if (check)
		verify(dev, before, cmd, err);
	if (err == -ENODEV || cmd == VNET_CMD_DEV_DEL) {
		/* Deleted here or by a fuzzed message: start it over. */
		memset(s, 0, sizeof(*s));
		return;
	}
	switch (cmd) {
	case VNET_CMD_DEV_NEW:
		if (err)	/* a fuzzed message made it: delete it */
			s->kind = -1;
		break;
	case VNET_CMD_PORT_NEW:
		/* Refused when it is a port already: a delete comes next. */
		s->ports |= 1u << j;
		break;
	case VNET_CMD_PORT_DEL:
		/* What was on the port went with it. */
		s->ports &= ~(1u << j);
		s->addrs &= ~(1u << j);
		s->routes[j] = 0;
		break;
	case VNET_CMD_ADDR_NEW:
	case VNET_CMD_ADDR_DEL:
		s->addrs ^= (!err || err == -EEXIST || err == -EADDRNOTAVAIL) << j;
		break;
	case VNET_CMD_ROUTE_NEW:
	case VNET_CMD_ROUTE_DEL:
		s->routes[j] ^= (!err || err == -EEXIST || err == -ESRCH) << r;
		break;
	}
}

/*
 * What a refused request must not change: whether device @dev exists, and
 * how many ports and rules it has. out[3] is 1 when a read itself failed
 * (test 52 fails allocations): the state is then unknown, not changed.
 * Networks are shared with the other processes, so not compared.
 */
static void state(const char *dev, int out[4])
{
	int err;

	out[3] = 0;
	begin();
	put_name(VNET_ATTR_IFNAME, dev);
	out[0] = request(VNET_CMD_DEV_GET, 0);
	if (out[0] && out[0] != -ENODEV)
		out[3] = 1;
	begin();
	put_name(VNET_ATTR_IFNAME, dev);
	err = request(VNET_CMD_PORT_GET, 1);
	out[1] = replies;
	if (err && err != -ENODEV)
		out[3] = 1;
	begin();
	put_name(VNET_ATTR_IFNAME, dev);
	err = request(VNET_CMD_RULE_GET, 1);
	out[2] = replies;
	if (err && err != -ENODEV && err != -EOPNOTSUPP)
		out[3] = 1;
}

/* A refused request must have left @dev as it was. */
static void verify(const char *dev, const int before[4], int cmd, int err)
{
	int after[4];

	state(dev, after);
	if (before[3] || after[3]) {
		unreadable++;
		return;
	}
	checked++;
	if (memcmp(before, after, sizeof(after))) {
		changed++;
		fprintf(stderr, "nlfuzz: command %d refused (%d) but changed %s: %d/%d/%d/%d -> %d/%d/%d/%d\n",
			cmd, err, dev, before[0], before[1], before[2],
			before[3], after[0], after[1], after[2], after[3]);
	}
}

int main(int argc, char **argv)
{
	unsigned long count = argc > 1 ? strtoul(argv[1], NULL, 0) : 100000;
	int procs = argc > 2 ? atoi(argv[2]) : 4;
	uint64_t seed = argc > 3 ? strtoull(argv[3], NULL, 0) : 1;
	unsigned long sent = 0, ok = 0, refused = 0;
	int p;

	setvbuf(stdout, NULL, _IOLBF, 0);
	/* Test 52 fails allocations: a fork refused for that is tried again. */
	for (p = 0; procs > 1 && p < procs; p++) {
		pid_t pid;
		int tries = 0;

		while ((pid = fork()) < 0 && tries++ < 1000)
			;
		if (pid < 0) {
			perror("nlfuzz: fork");
			return 1;
		}
		if (pid == 0)
			break;
	}
	if (procs <= 1) {
		p = 0;
	} else if (p == procs) {
		int status, failed = 0;

		while (wait(&status) > 0)
			failed |= !WIFEXITED(status) || WEXITSTATUS(status);
		return failed;
	}
	proc_id = p;
	rng_state = seed * 0x9e3779b97f4a7c15ULL + p + 1;
	sock_fd = -1;
	for (int tries = 0; tries < 1000; tries++) {
		if (sock_fd < 0)
			sock_fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_GENERIC);
		if (sock_fd >= 0 && (family = resolve()) >= 0)
			break;
	}
	if (sock_fd < 0) {
		perror("nlfuzz: socket");
		return 1;
	}
	if (family < 0) {
		fprintf(stderr, "nlfuzz: no vnet family\n");
		return 1;
	}
	for (unsigned long i = 0; i < count / procs; i++) {
		uint8_t cmd = below(8) ? 1 + below(VNET_CMD_MAX) : below(VNET_CMD_MAX + 8);
		int before[4], err, check;
		char dev[32];

		if (below(4) == 0) {
			scripted();
			sent++;
			continue;
		}
		snprintf(dev, sizeof(dev), "nfd%d%u", proc_id, below(4));
		check = proc_id == 0 && below(20) == 0;
		if (check)
			state(dev, before);
		begin();
		/* The device first, most of the time, then random attributes. */
		if (below(5))
			put_name(VNET_ATTR_IFNAME, dev);
		if (cmd == VNET_CMD_DEV_NEW && below(4))
			put_u32(VNET_ATTR_KIND, 1 + below(3));
		well_formed = below(2);
		if (well_formed) {
			/* The nest the command is about, well typed (a new
			 * device needs none: its name and kind are there).
			 */
			if (cmd != VNET_CMD_DEV_NEW || below(4) == 0)
				attr(&top_table, cmd_nest(cmd), 0);
			if (cmd == VNET_CMD_POLICER_NEW || cmd == VNET_CMD_POLICER_DEL ||
			    cmd == VNET_CMD_POLICER_SET)
				attr(&top_table, VNET_ATTR_NETWORK, 0);
		} else {
			for (uint32_t n = below(5); n > 0; n--)
				attr(&top_table, 1 + below(VNET_ATTR_MAX + 2), 0);
		}
		err = request(cmd, !below(10));
		sent++;
		if (err == -1000) {
			fprintf(stderr, "nlfuzz: no reply to command %u\n", cmd);
			return 1;
		}
		if (!err) {
			ok++;
			continue;
		}
		refused++;
		if (!check || cmd == VNET_CMD_DEV_GET || cmd == VNET_CMD_PORT_GET ||
		    cmd == VNET_CMD_RULE_GET)
			continue;
		verify(dev, before, cmd, err);
	}
	printf("process %d: sent %lu ok %lu refused %lu checked %lu changed %lu valid %lu accepted %lu unreadable %lu\n",
	       proc_id, sent, ok, refused, checked, changed, valid, accepted, unreadable);
	return changed ? 1 : 0;
}
