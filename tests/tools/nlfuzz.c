// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz COUNT PROCS SEED: send COUNT messages to the "vnet" generic
 * netlink family from PROCS processes at once, for the netlink fuzz test.
 *
 * Three sources of messages, as syzkaller has them:
 * - sequences: each process keeps a model of what it made (networks,
 *   policers, four devices, their ports on dummies and patches between
 *   them, addresses, routes, neighbours, rules), and each step is a
 *   well-formed request whose arguments are drawn from those objects, so
 *   most are accepted and reach deep states;
 * - random messages built from the spec's attribute types: every command
 *   id (and some past the last), attributes of the right type with pooled
 *   names, extreme and random values, and as often wrong types and lengths,
 *   unknown attribute ids and nested garbage;
 * - mutations of a corpus: with CONFIG_KCOV, every message whose handling
 *   ran code of vnet.ko no message had run before (kcov PCs, shared by the
 *   processes) is kept, and later ones are made from those by changing
 *   bytes, values, the command, or adding and dropping attributes.
 * Each process uses names of its own; for some of its refused requests it
 * compares the named device's state before and after, and reports any
 * change (a refused request must change nothing). Prints per process "sent
 * N ok N refused N checked N changed N valid N accepted N unreadable N
 * mutated N kept N pcs N" (valid and accepted: the sequence steps; ok:
 * every accepted message; mutated: messages made from the corpus; kept:
 * the corpus; pcs: vnet.ko's PCs kcov saw, all processes together, -1
 * without kcov) and exits 1 if a refused request changed something or a
 * reply was missing.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
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

/*
 * The attribute sets and what each command's request takes, from the
 * family's YNL spec (nlfuzz_gen.h, make regen): a new attribute is fuzzed
 * with its own type without a change here.
 */
#include "nlfuzz_gen.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* What to put in an attribute: its wire type, a name from a pool. */
enum kind { K_NONE, K_U8, K_U16, K_U32, K_U64, K_BE32, K_MAC, K_IP6, K_BIN,
	    K_DEV, K_PORT, K_NET, K_STR, K_FLAG, K_NEST };

/*
 * Which names a string attribute takes, by its name in the spec: devices'
 * (ifname), the lower dummies' (which ports are named after), networks',
 * or free text (descriptions, policers). The spec types the string; which
 * objects it names is the fuzzer's to know.
 */
static enum kind string_kind(const struct nf_set *set, const struct nf_attr *a)
{
	if (!strcmp(a->name, "ifname") || !strcmp(a->name, "peer-ifname"))
		return K_DEV;
	if (!strcmp(set->name, "network") && !strcmp(a->name, "name"))
		return K_NET;
	if (!strcmp(a->name, "description") || !strcmp(a->name, "policer") ||
	    !strcmp(set->name, "policer"))
		return K_STR;
	return K_PORT;
}

static enum kind kind_of(const struct nf_set *set, int type)
{
	const struct nf_attr *a;

	if (type < 1 || type > set->max)
		return K_NONE;
	a = &set->attrs[type];
	switch (a->type) {
	case NF_U8: return K_U8;
	case NF_U16: return K_U16;
	case NF_U32: return K_U32;
	case NF_BE32: return K_BE32;
	case NF_U64: return K_U64;
	case NF_BIN: return a->len == 6 ? K_MAC : a->len == 16 ? K_IP6 : K_BIN;
	case NF_STR: return string_kind(set, a);
	case NF_FLAG: return K_FLAG;
	case NF_NEST: return K_NEST;
	default: return K_NONE;
	}
}

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

static void attr(const struct nf_set *set, int type, int depth);

static void value(enum kind k, const struct nf_set *nest, int depth)
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
	case K_BIN: v = below(17); for (uint32_t i = 0; i < v; i++) s[i] = rnd(); put(s, v); break;
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

/* One attribute of @set: mostly well typed, else garbage of any length. */
static void attr(const struct nf_set *set, int type, int depth)
{
	struct nlattr *a;
	size_t at = len;
	enum kind k = kind_of(set, type);

	put(&(struct nlattr){ 0 }, sizeof(*a));
	if (k == K_NONE || (!well_formed && below(8) == 0)) {
		for (uint32_t i = below(below(4) ? 8 : 64); i > 0; i--) {
			uint8_t b = rnd();

			put(&b, 1);
		}
	} else {
		value(k, k == K_NEST ? set->attrs[type].nest : NULL, depth);
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

/*
 * A well-typed request of @cmd past its device: every nest its request
 * takes (a new device's, its parameters and network, only now and then:
 * its name and kind are there), and now and then each other attribute.
 */
static void cmd_attrs(uint8_t cmd)
{
	const unsigned char *t;

	if (cmd >= ARRAY_SIZE(nf_cmd_attrs))
		return;
	for (t = nf_cmd_attrs[cmd]; *t; t++) {
		if (*t == VNET_ATTR_IFNAME || *t == VNET_ATTR_IFINDEX ||
		    *t == VNET_ATTR_KIND)
			continue;
		if (kind_of(&nf_vnet, *t) == K_NEST ?
		    cmd != VNET_CMD_DEV_NEW || below(4) == 0 : below(4) == 0)
			attr(&nf_vnet, *t, 0);
	}
}

static int sock_fd, family;
static uint32_t seq;
static int replies;		/* messages a dump answered with */

/*
 * Coverage feedback (CONFIG_KCOV): kcov lists the PCs the kernel ran for
 * this task's system calls, the handling of its requests included; those
 * in vnet.ko (its range from /proc/modules) are marked in a bitmap the
 * processes share, one bit per byte of the module. A request that marked
 * one ran something no request had: it joins the corpus.
 */
#define KCOV_INIT_TRACE	_IOR('c', 1, unsigned long)
#define KCOV_ENABLE	_IO('c', 100)
#define KCOV_TRACE_PC	0
#define COVER_SIZE	(64 << 10)

static unsigned long *cover;	/* kcov's area: [0] the count, then PCs */
static unsigned long mod_base, mod_size;
static uint8_t *seen;		/* shared: bit per byte of vnet.ko */
static long *seen_pcs;		/* shared: how many bits are set */
static int new_pcs;		/* the last request's new PCs */

/* In the parent: where vnet.ko is, and the shared bitmap. */
static void kcov_module(void)
{
	char line[512];
	FILE *f;

	if (access("/sys/kernel/debug/kcov", R_OK | W_OK))	/* no CONFIG_KCOV */
		return;
	f = fopen("/proc/modules", "r");

	while (f && fgets(line, sizeof(line), f)) {
		char name[64], addr[32];
		unsigned long size;

		if (sscanf(line, "%63s %lu %*s %*s %*s %31s", name, &size, addr) == 3 &&
		    !strcmp(name, "vnet")) {
			mod_size = size;
			mod_base = strtoul(addr, NULL, 16);
		}
	}
	if (f)
		fclose(f);
	if (!mod_base)		/* addresses hidden (kptr_restrict), or none */
		return;
	seen = mmap(NULL, mod_size / 8 + sizeof(long) + 1, PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (seen == MAP_FAILED) {
		seen = NULL;
		return;
	}
	seen_pcs = (long *)seen;
	seen += sizeof(long);
}

/* In each process: its own kcov, on for all its system calls. */
static void kcov_open(void)
{
	int fd;

	if (!seen)
		return;
	fd = open("/sys/kernel/debug/kcov", O_RDWR);
	if (fd < 0)
		return;
	if (ioctl(fd, KCOV_INIT_TRACE, COVER_SIZE) == 0) {
		cover = mmap(NULL, COVER_SIZE * sizeof(unsigned long),
			     PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		if (cover == MAP_FAILED || ioctl(fd, KCOV_ENABLE, KCOV_TRACE_PC)) {
			if (cover != MAP_FAILED)
				munmap(cover, COVER_SIZE * sizeof(unsigned long));
			cover = NULL;
		}
	}
	if (!cover)
		close(fd);
}

/* Mark what the last request ran in vnet.ko; how much was new. */
static int kcov_collect(void)
{
	unsigned long n, i;
	int fresh = 0;

	if (!cover)
		return 0;
	n = __atomic_load_n(&cover[0], __ATOMIC_RELAXED);
	for (i = 0; i < n && i + 1 < COVER_SIZE; i++) {
		unsigned long off = cover[i + 1] - mod_base;
		uint8_t bit;

		if (off >= mod_size)
			continue;
		bit = 1u << (off & 7);
		if (!(__atomic_fetch_or(&seen[off / 8], bit, __ATOMIC_RELAXED) & bit))
			fresh++;
	}
	if (fresh)
		__atomic_fetch_add(seen_pcs, fresh, __ATOMIC_RELAXED);
	return fresh;
}

/* The corpus: messages that ran something new, to mutate from. */
#define CORPUS_MAX	256
#define CORPUS_MSG	2048

struct entry {
	uint8_t cmd, dump;
	uint16_t len;
	char data[CORPUS_MSG];
};

static struct entry *corpus;
static unsigned int kept;
static unsigned long mutated;

static void keep(uint8_t cmd, int dump)
{
	struct entry *e;

	if (!corpus || len > CORPUS_MSG)
		return;
	/* Full: a random one makes room; the newest finds are worth more. */
	e = &corpus[kept < CORPUS_MAX ? kept++ : below(CORPUS_MAX)];
	e->cmd = cmd;
	e->dump = dump;
	e->len = len;
	memcpy(e->data, buf, len);
}

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
	if (cover)
		__atomic_store_n(&cover[0], 0, __ATOMIC_RELAXED);
	new_pcs = 0;
	if (send(sock_fd, buf, len, 0) < 0)
		return -errno;
	replies = 0;
	while (err == 1) {
		ssize_t n = recv(sock_fd, rbuf, sizeof(rbuf), 0);
		struct nlmsghdr *r;

		/*
		 * ENOBUFS: the kernel could not queue a reply (test 52 fails
		 * its allocations) and says so, whether or not it carried the
		 * request out; anything else is a reply that never came.
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
	new_pcs = kcov_collect();
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
	if (at + NLA_HDRLEN <= len)	/* its header went in */
		((struct nlattr *)(buf + at))->nla_len = len - at;
}

/*
 * The sequences: each process walks its own objects through real lives,
 * each request built on the ones that succeeded. The fuzzed messages act
 * on the same names, so a step may find its object gone or changed; the
 * model then takes the kernel's answer as the truth and goes on.
 */
struct slot {
	int kind;		/* enum vnet_kind; 0: not created, -1: unknown */
	int net;		/* its network: 0 default, k + 1: nfn<proc><k> */
	unsigned int ports;	/* bit j: dummy nfs<proc><slot><j> is a port */
	unsigned int patches;	/* bit e: patch port "pt<e>" to slot e */
	unsigned int addrs;	/* bit j: the address on port j */
	unsigned int routes[2];	/* bit r: route r via port j */
	unsigned int neighs;	/* bit n: neighbour n on port 0 */
	unsigned int rules;	/* how many rules it has, as far as known */
};

static struct slot slots[4];
static int step_peer;		/* the slot a patch step names, or -1 */
static int nets[2];		/* network k exists */
static unsigned int policers[2];	/* bit m: policer nfq<m> in network k */
static unsigned long valid, accepted, checked, changed, unreadable;

static void state(const char *dev, int out[4]);
static void verify(const char *dev, const int before[4], int cmd, int err);

static void net_name(char *out, size_t n, int k)
{
	snprintf(out, n, "nfn%d%d", proc_id, k);
}

static void put_net(int k)
{
	char name[32];
	size_t nest = nest_start(VNET_ATTR_NETWORK);

	net_name(name, sizeof(name), k);
	put_name(VNET_NETWORK_NAME, name);
	nest_end(nest);
}

/* A step on the networks and their policers; returns the command. */
static int net_step(int *k_out, int *m_out)
{
	int k = below(2), m = below(4), cmd;
	char name[32];
	size_t nest;
	uint64_t rate;
	uint32_t burst;

	*k_out = k;
	*m_out = m;
	net_name(name, sizeof(name), k);
	if (!nets[k]) {
		cmd = VNET_CMD_NET_NEW;
		nest = nest_start(VNET_ATTR_NETWORK);
		put_name(VNET_NETWORK_NAME, name);
		if (below(2))
			put_name(VNET_NETWORK_DESCRIPTION, "made by nlfuzz");
		nest_end(nest);
		return cmd;
	}
	switch (below(12)) {
	case 0:
		cmd = VNET_CMD_NET_DEL;
		nest = nest_start(VNET_ATTR_NETWORK);
		put_name(VNET_NETWORK_NAME, name);
		if (below(2))
			put_attr(VNET_NETWORK_FORCE, NULL, 0);
		nest_end(nest);
		return cmd;
	case 1 ... 3: {
		size_t q;

		cmd = VNET_CMD_NET_SET;
		nest = nest_start(VNET_ATTR_NETWORK);
		put_name(VNET_NETWORK_NAME, name);
		switch (below(3)) {
		case 0:
			put_u8(VNET_NETWORK_UP, below(2));
			break;
		case 1:
			q = nest_start(VNET_NETWORK_QUOTA);
			put_u32(1 + below(VNET_QUOTA_MAX), below(2) ?
				VNET_QUOTA_UNLIMITED : 16 + below(64));
			nest_end(q);
			break;
		default:
			put_name(VNET_NETWORK_DESCRIPTION, below(2) ? "a" : "tenant");
		}
		nest_end(nest);
		return cmd;
	}
	case 4 ... 5:
		cmd = VNET_CMD_NET_GET;
		nest = nest_start(VNET_ATTR_NETWORK);
		put_name(VNET_NETWORK_NAME, name);
		nest_end(nest);
		return cmd;
	default:
		break;
	}
	snprintf(name, sizeof(name), "nfq%d", m);
	rate = VNET_POLICER_RATE_MIN + below(1000000);
	burst = VNET_POLICER_BURST_MIN + below(65536);
	if (!(policers[k] & 1u << m))
		cmd = VNET_CMD_POLICER_NEW;
	else
		cmd = below(3) ? VNET_CMD_POLICER_SET : below(2) ?
		      VNET_CMD_POLICER_DEL : VNET_CMD_POLICER_GET;
	put_net(k);
	if (cmd == VNET_CMD_POLICER_GET)
		return cmd;
	nest = nest_start(VNET_ATTR_POLICER);
	put_name(VNET_POLICER_NAME, name);
	if (cmd != VNET_CMD_POLICER_DEL) {
		put_attr(VNET_POLICER_RATE, &rate, sizeof(rate));
		if (below(2))
			put_u32(VNET_POLICER_BURST, burst);
	}
	nest_end(nest);
	return cmd;
}

/* A rule of slot @d's: matches in its own 10.<proc*4+d>/16. */
static void put_rule(uint32_t net, const char *in)
{
	size_t nest = nest_start(VNET_ATTR_RULE);
	uint16_t dport = 1 + below(1024);

	put_u32(VNET_RULE_SRC, htonl(net));
	put_u8(VNET_RULE_SRC_LEN, 16);
	switch (below(4)) {
	case 0:
		put_u8(VNET_RULE_PROTO, 1);
		put_u8(VNET_RULE_ICMP_TYPE, below(2) ? 8 : 0);
		break;
	case 1:
		put_u8(VNET_RULE_PROTO, 17);
		put_u16(VNET_RULE_DPORT_MIN, dport);
		put_u16(VNET_RULE_DPORT_MAX, dport + below(100));
		break;
	default:
		put_u8(VNET_RULE_PROTO, 6);
		put_u16(VNET_RULE_DPORT_MIN, dport);
		put_u16(VNET_RULE_DPORT_MAX, dport + below(100));
		if (below(3) == 0)
			put_u8(VNET_RULE_STATE, 1 + below(3));
	}
	if (in && below(3) == 0)
		put_name(VNET_RULE_IN, in);
	put_u8(VNET_RULE_ACTION, below(VNET_VERDICT_MAX + 1));
	nest_end(nest);
}

/* A step on device @d that exists, of kind s->kind; returns the command. */
static int dev_step(int d, int j, int r, char *low, uint32_t net)
{
	struct slot *s = &slots[d];
	uint8_t mac[6] = { 2, (uint8_t)proc_id, (uint8_t)d, (uint8_t)j };
	int e = below(4), cmd;
	char name[32];
	size_t nest, p;

	if (!(s->ports & 1u << j) && below(3)) {
		nest = nest_start(VNET_ATTR_PORT);
		put_name(VNET_PORT_LOWER_IFNAME, low);
		if (below(4) == 0)
			put_u8(VNET_PORT_LEARNING, below(2));
		nest_end(nest);
		return VNET_CMD_PORT_NEW;
	}
	/* A device lives some sixty steps: making a netdev is dear. */
	switch (below(60)) {
	case 0 ... 3:
		put_u8(VNET_ATTR_UP, below(4) != 0);
		if (below(4) == 0)
			put_u32(VNET_ATTR_MTU, 1280 + below(8000));
		return VNET_CMD_DEV_SET;
	case 4 ... 5:
		nest = nest_start(VNET_ATTR_PARAMS);
		if (s->kind == VNET_KIND_VSWITCH)
			put_u32(VNET_PARAM_AGEING, below(600));
		else if (s->kind == VNET_KIND_VROUTER)
			put_u8(VNET_PARAM_TTL_CHECK, below(2));
		else
			put_u8(below(2) ? VNET_PARAM_POLICY : VNET_PARAM_CONNTRACK,
			       below(2));
		nest_end(nest);
		return VNET_CMD_DEV_SET;
	case 6 ... 8:
		nest = nest_start(VNET_ATTR_PORT);
		put_name(VNET_PORT_NAME, low);
		nest_end(nest);
		return VNET_CMD_PORT_DEL;
	case 9:
		return VNET_CMD_DEV_DEL;
	case 10 ... 12:
		return s->kind == VNET_KIND_VSWITCH ? VNET_CMD_FDB_FLUSH :
		       s->kind == VNET_KIND_VROUTER ? VNET_CMD_NEIGH_FLUSH :
		       below(2) ? VNET_CMD_RULE_FLUSH : VNET_CMD_CONN_FLUSH;
	case 13 ... 16: {
		/* A patch to another device of ours (its own, or cut). */
		char peer[16];

		if (e == d || slots[e].kind <= 0)
			return VNET_CMD_DEV_GET;
		step_peer = e;
		snprintf(peer, sizeof(peer), "nfd%d%d", proc_id, e);
		nest = nest_start(VNET_ATTR_PORT);
		snprintf(name, sizeof(name), "pt%d", e);
		put_name(VNET_PORT_NAME, name);
		if (s->patches & 1u << e) {
			nest_end(nest);
			return VNET_CMD_PORT_DEL;
		}
		put_name(VNET_PORT_PEER_IFNAME, peer);
		snprintf(name, sizeof(name), "pt%d", d);
		put_name(VNET_PORT_PEER_NAME, name);
		nest_end(nest);
		return VNET_CMD_PORT_NEW;
	}
	case 17 ... 21:
		nest = nest_start(VNET_ATTR_PORT);
		put_name(VNET_PORT_NAME, low);
		switch (below(5)) {
		case 0:
			put_u8(VNET_PORT_UP, below(3) != 0);
			break;
		case 1:
			put_u8(VNET_PORT_FLOOD, below(2));
			break;
		case 2:
			mac[5] = below(4);
			put_attr(VNET_PORT_ALLOW_MAC, mac, 6);
			break;
		case 3:
			p = nest_start(VNET_PORT_ALLOW_IPS);
			put_u32(VNET_ALLOW_IP4, htonl(net | (uint32_t)j << 8 | 2));
			nest_end(p);
			break;
		default:
			snprintf(name, sizeof(name), "nfq%u", below(4));
			put_name(VNET_PORT_POLICER, below(4) ? name : "");
		}
		nest_end(nest);
		return VNET_CMD_PORT_SET;
	case 22 ... 25:
		if (below(2)) {
			nest = nest_start(VNET_ATTR_PORT);
			put_name(VNET_PORT_NAME, low);
			nest_end(nest);
			return VNET_CMD_PORT_GET;
		}
		return VNET_CMD_DEV_GET;
	default:
		break;
	}
	if (s->kind == VNET_KIND_VSWITCH) {
		cmd = below(4) ? VNET_CMD_FDB_NEW : VNET_CMD_FDB_DEL;
		mac[5] = below(16);
		nest = nest_start(VNET_ATTR_FDB);
		put_attr(VNET_FDB_MAC, mac, 6);
		if (cmd == VNET_CMD_FDB_NEW)
			put_name(VNET_FDB_PORT_NAME, low);
		nest_end(nest);
		return cmd;
	}
	if (s->kind == VNET_KIND_VROUTER) {
		uint32_t gw = htonl(net | (uint32_t)j << 8 | (10 + below(4)));

		switch (below(4)) {
		case 0:
			cmd = (s->addrs & 1u << j) ? VNET_CMD_ADDR_DEL : VNET_CMD_ADDR_NEW;
			nest = nest_start(VNET_ATTR_ADDR);
			put_u32(VNET_ADDR_ADDRESS, htonl(net | (uint32_t)j << 8 | 1));
			put_u8(VNET_ADDR_PREFIXLEN, 24);
			put_name(VNET_ADDR_PORT_NAME, low);
			nest_end(nest);
			return cmd;
		case 1: {
			/* Neighbour r & 3: 10.x.0.(10 + r & 3) on port 0. */
			char port0[16];

			snprintf(port0, sizeof(port0), "nfs%d%d0", proc_id, d);
			cmd = (s->neighs & 1u << (r & 3)) ? VNET_CMD_NEIGH_DEL :
			      VNET_CMD_NEIGH_NEW;
			nest = nest_start(VNET_ATTR_NEIGH);
			put_u32(VNET_NEIGH_ADDRESS, htonl(net | (10 + (r & 3))));
			if (cmd == VNET_CMD_NEIGH_NEW) {
				mac[5] = r;
				put_attr(VNET_NEIGH_MAC, mac, 6);
				put_name(VNET_NEIGH_PORT_NAME, port0);
			}
			nest_end(nest);
			return cmd;
		}
		case 2:
			nest = nest_start(VNET_ATTR_ROUTE);
			put_u32(VNET_ROUTE_DST, htonl(net | (uint32_t)(128 + 8 * j + r) << 8 | 5));
			nest_end(nest);
			return VNET_CMD_ROUTE_GET;
		default:
			cmd = (s->routes[j] & 1u << r) ? VNET_CMD_ROUTE_DEL : VNET_CMD_ROUTE_NEW;
			nest = nest_start(VNET_ATTR_ROUTE);
			put_u32(VNET_ROUTE_DST, htonl(net | (uint32_t)(128 + 8 * j + r) << 8));
			put_u8(VNET_ROUTE_PREFIXLEN, 24);
			/* A delete names the route alone: a gateway it names
			 * must be the route's, and the model keeps none.
			 */
			if (cmd == VNET_CMD_ROUTE_NEW && (s->addrs & 1u << j) && below(2))
				put_u32(VNET_ROUTE_GATEWAY, gw);
			else if (cmd == VNET_CMD_ROUTE_NEW)
				put_name(VNET_ROUTE_PORT_NAME, low);
			nest_end(nest);
			return cmd;
		}
	}
	switch (below(6)) {
	case 0:
		if (s->rules) {
			nest = nest_start(VNET_ATTR_RULE);
			put_u32(VNET_RULE_INDEX, 1 + below(s->rules));
			nest_end(nest);
			return VNET_CMD_RULE_DEL;
		}
		break;
	case 1:
		for (int n = below(6); n >= 0; n--)
			put_rule(net, (s->ports & 1u << j) ? low : NULL);
		return VNET_CMD_RULE_REPLACE;
	default:
		break;
	}
	if (s->rules && below(3) == 0) {	/* at a place in the list */
		nest = nest_start(VNET_ATTR_RULE);
		put_u32(VNET_RULE_INDEX, 1 + below(s->rules + 1));
		put_u32(VNET_RULE_SRC, htonl(net));
		put_u8(VNET_RULE_SRC_LEN, 16);
		put_u8(VNET_RULE_ACTION, below(VNET_VERDICT_MAX + 1));
		nest_end(nest);
		return VNET_CMD_RULE_NEW;
	}
	put_rule(net, (s->ports & 1u << j) ? low : NULL);
	return VNET_CMD_RULE_NEW;
}

static void seq_step(void)
{
	int d = below(4), j = below(2), r = below(8), k = 0, m = 0, cmd;
	struct slot *s = &slots[d];
	uint32_t net = 10u << 24 | (uint32_t)(proc_id * 4 + d) << 16;
	char dev[16], low[16];
	int before[4], err, check = proc_id == 0 && below(4) == 0;

	snprintf(dev, sizeof(dev), "nfd%d%d", proc_id, d);
	snprintf(low, sizeof(low), "nfs%d%d%d", proc_id, d, j);
	begin();
	step_peer = -1;
	if (below(6) == 0) {
		cmd = net_step(&k, &m);
		check = 0;
	} else {
		if (check) {
			state(dev, before);
			begin();	/* state() used the buffer */
		}
		put_name(VNET_ATTR_IFNAME, dev);
		if (s->kind < 0) {
			cmd = VNET_CMD_DEV_DEL;
		} else if (!s->kind) {
			cmd = VNET_CMD_DEV_NEW;
			s->kind = 1 + below(VNET_KIND_MAX);
			put_u32(VNET_ATTR_KIND, s->kind);
			s->net = below(3);
			if (s->net && nets[s->net - 1])
				put_net(s->net - 1);
			else
				s->net = 0;
		} else {
			cmd = dev_step(d, j, r, low, net);
		}
	}
	err = request(cmd, 0);
	if (new_pcs)
		keep(cmd, 0);
	valid++;
	if (!err)
		accepted++;
	else if (check)
		verify(dev, before, cmd, err);
	switch (cmd) {
	case VNET_CMD_NET_NEW:
		nets[k] = !err || err == -EEXIST;
		return;
	case VNET_CMD_NET_DEL:
		if (!err || err == -ENOENT) {
			nets[k] = 0;
			policers[k] = 0;
			for (int i = 0; i < 4; i++) {	/* forced: its devices went */
				if (slots[i].net != k + 1)
					continue;
				memset(&slots[i], 0, sizeof(slots[i]));
				for (int x = 0; x < 4; x++)	/* and their patches */
					slots[x].patches &= ~(1u << i);
			}
		}
		return;
	case VNET_CMD_NET_SET:
	case VNET_CMD_NET_GET:
		if (err == -ENOENT)
			nets[k] = policers[k] = 0;
		return;
	case VNET_CMD_POLICER_NEW:
		if (!err || err == -EEXIST)
			policers[k] |= 1u << m;
		return;
	case VNET_CMD_POLICER_DEL:
	case VNET_CMD_POLICER_SET:
		if (!err ? cmd == VNET_CMD_POLICER_DEL : err == -ENOENT)
			policers[k] &= ~(1u << m);
		return;
	case VNET_CMD_POLICER_GET:
		return;
	}
	if (step_peer >= 0 && err == -ENODEV) {
		/* The patch's peer, or this device, is gone: the peer's
		 * model is in doubt (a step on this one will find out).
		 */
		slots[step_peer].kind = -1;
		return;
	}
	if (err == -ENODEV || (cmd == VNET_CMD_DEV_DEL && (!err || s->kind < 0))) {
		/* Deleted here or by a fuzzed message: start it over. */
		memset(s, 0, sizeof(*s));
		for (int i = 0; i < 4; i++)	/* its patches went with it */
			slots[i].patches &= ~(1u << d);
		return;
	}
	if (step_peer >= 0) {
		int e = step_peer;

		/* A patch made (or there already) or gone, at both ends. */
		if (cmd == VNET_CMD_PORT_NEW && (!err || err == -EEXIST)) {
			s->patches |= 1u << e;
			slots[e].patches |= 1u << d;
		} else if (cmd == VNET_CMD_PORT_DEL) {
			s->patches &= ~(1u << e);
			slots[e].patches &= ~(1u << d);
		}
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
		if (!j)		/* the neighbours were on port 0 */
			s->neighs = 0;
		break;
	case VNET_CMD_ADDR_NEW:
	case VNET_CMD_ADDR_DEL:
		s->addrs ^= (!err || err == -EEXIST || err == -EADDRNOTAVAIL) << j;
		break;
	case VNET_CMD_ROUTE_NEW:
	case VNET_CMD_ROUTE_DEL:
		s->routes[j] ^= (!err || err == -EEXIST || err == -ESRCH) << r;
		break;
	case VNET_CMD_NEIGH_NEW:
		if (!err)
			s->neighs |= 1u << (r & 3);
		break;
	case VNET_CMD_NEIGH_DEL:
		if (!err || err == -ENOENT)
			s->neighs &= ~(1u << (r & 3));
		break;
	case VNET_CMD_NEIGH_FLUSH:
		if (!err)
			s->neighs = 0;
		break;
	case VNET_CMD_RULE_NEW:
		s->rules += !err;
		break;
	case VNET_CMD_RULE_DEL:
		if (!err)
			s->rules--;
		else
			s->rules = 0;	/* unknown: count afresh from none */
		break;
	case VNET_CMD_RULE_REPLACE:
		if (!err) {
			const char *a = buf + NLMSG_HDRLEN + GENL_HDRLEN;
			unsigned int n = 0;

			/* one VNET_ATTR_RULE each, after the device's name */
			for (size_t off = 0; off + NLA_HDRLEN <= len - NLMSG_HDRLEN - GENL_HDRLEN;) {
				const struct nlattr *at = (const void *)(a + off);

				if (at->nla_len < NLA_HDRLEN)
					break;
				n += (at->nla_type & NLA_TYPE_MASK) == VNET_ATTR_RULE;
				off += NLA_ALIGN(at->nla_len);
			}
			s->rules = n;
		}
		break;
	case VNET_CMD_RULE_FLUSH:
		if (!err)
			s->rules = 0;
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

/* The offset of the last top-level attribute of buf, or 0 if none. */
static size_t last_attr(void)
{
	size_t off = NLMSG_HDRLEN + GENL_HDRLEN, last = 0;

	while (off + NLA_HDRLEN <= len) {
		const struct nlattr *a = (const void *)(buf + off);

		if (a->nla_len < NLA_HDRLEN)
			break;
		last = off;
		off += NLA_ALIGN(a->nla_len);
	}
	return last;
}

/* A message made from a corpus entry: one to three changes. */
static void mutate(uint8_t *cmd, int *dump)
{
	const struct entry *e = &corpus[below(kept)], *o;
	size_t hdr = NLMSG_HDRLEN + GENL_HDRLEN, at;
	uint32_t v;

	memcpy(buf, e->data, e->len);
	len = e->len;
	*cmd = e->cmd;
	*dump = e->dump;
	for (int n = 1 + below(3); n > 0; n--) {
		switch (below(7)) {
		case 0:		/* another command, same attributes */
			*cmd = 1 + below(VNET_CMD_MAX);
			break;
		case 1:		/* a byte */
			if (len > hdr)
				buf[hdr + below(len - hdr)] = rnd();
			break;
		case 2:		/* a value: an aligned word */
			if (len >= hdr + 4) {
				v = extreme();
				memcpy(buf + hdr + 4 * below((len - hdr) / 4), &v, 4);
			}
			break;
		case 3:		/* one more attribute */
			well_formed = below(2);
			attr(&nf_vnet, 1 + below(VNET_ATTR_MAX), 0);
			break;
		case 4:		/* one attribute fewer */
			at = last_attr();
			if (at)
				len = at;
			break;
		case 5:		/* another entry's attributes after these */
			o = &corpus[below(kept)];
			put(o->data + hdr, o->len - hdr);
			break;
		default:	/* a dump for a doit, or the other way */
			*dump = !*dump;
		}
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
	kcov_module();
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
		printf("kcov: %ld PCs of vnet.ko run\n", seen ? *seen_pcs : -1L);
		return failed;
	}
	proc_id = p;
	rng_state = seed * 0x9e3779b97f4a7c15ULL + p + 1;
	kcov_open();
	if (cover)
		corpus = calloc(CORPUS_MAX, sizeof(*corpus));
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
		int before[4], err, check, dump = !below(10), from_corpus;
		unsigned int pick = below(20);
		char dev[32];

		/* Most are sequence steps; of the rest, mutations of the
		 * corpus once there is one, and random messages.
		 */
		if (pick < 13) {
			seq_step();
			sent++;
			continue;
		}
		from_corpus = pick < 17 && kept;
		snprintf(dev, sizeof(dev), "nfd%d%u", proc_id, below(4));
		check = !from_corpus && proc_id == 0 && below(20) == 0;
		if (check)
			state(dev, before);
		if (from_corpus) {
			mutate(&cmd, &dump);
			mutated++;
		} else {
			begin();
			/* The device first, most of the time, then random
			 * attributes.
			 */
			if (below(5))
				put_name(VNET_ATTR_IFNAME, dev);
			if (cmd == VNET_CMD_DEV_NEW && below(4))
				put_u32(VNET_ATTR_KIND, 1 + below(3));
			well_formed = below(2);
			if (well_formed) {
				cmd_attrs(cmd);
			} else {
				for (uint32_t n = below(5); n > 0; n--)
					attr(&nf_vnet, 1 + below(VNET_ATTR_MAX + 2), 0);
			}
		}
		err = request(cmd, dump);
		sent++;
		if (err == -1000) {
			fprintf(stderr, "nlfuzz: no reply to command %u\n", cmd);
			return 1;
		}
		if (new_pcs)
			keep(cmd, dump);
		if (!err) {
			ok++;
			continue;
		}
		/* A lost reply (see request()): the request may have been
		 * carried out, so what it left is not a refusal's to judge.
		 */
		if (err == -ENOBUFS) {
			if (check)
				unreadable++;
			continue;
		}
		refused++;
		if (!check || cmd == VNET_CMD_DEV_GET || cmd == VNET_CMD_PORT_GET ||
		    cmd == VNET_CMD_RULE_GET)
			continue;
		verify(dev, before, cmd, err);
	}
	printf("process %d: sent %lu ok %lu refused %lu checked %lu changed %lu valid %lu accepted %lu unreadable %lu mutated %lu kept %u pcs %ld\n",
	       proc_id, sent, ok + accepted, refused + valid - accepted, checked, changed, valid,
	       accepted, unreadable, mutated, kept, seen ? *seen_pcs : -1L);
	if (procs <= 1)
		printf("kcov: %ld PCs of vnet.ko run\n", seen ? *seen_pcs : -1L);
	return changed ? 1 : 0;
}
