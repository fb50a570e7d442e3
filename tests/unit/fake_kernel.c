// SPDX-License-Identifier: GPL-2.0
/*
 * libvnet against a made-up kernel, on the host: what a request gets back
 * is scripted here and sent from a second netlink socket to libvnet's own,
 * so replies the real module never sends can be tried. A GET whose reply
 * does not parse, names nothing, or never comes must fail with EPROTO and a
 * message, never succeed with an output it did not fill; the next request
 * on the same context must still get its own answer. IPv6 addresses,
 * routes and neighbours go out in the *6 attributes and come back in the
 * info structs' family and *6 fields.
 *
 * Linked with --wrap=nl_send_auto,--wrap=genl_ctrl_resolve: the request is
 * completed (port, sequence) but not sent, and the family is any number.
 * Needs CAP_NET_ADMIN over its network namespace (root, or unshare -Urn)
 * to send to another socket. Prints "ok - WHAT" or "not ok - WHAT: WHY".
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/netlink.h>
#include <netlink/genl/genl.h>
#include "libvnet.h"
#include "nl.h"

#define FAKE_FAMILY 0x7f

static int kernel_fd;		/* the made-up kernel's socket */
static int failed;
static unsigned char last_req[4096];	/* the request answered last */

/* What the made-up kernel answers to the next request. */
static void (*answer)(struct nl_msg *reply, int *ack_err, const char **ack_msg);

int __real_nl_send_auto(struct nl_sock *sk, struct nl_msg *msg);
int __real_genl_ctrl_resolve(struct nl_sock *sk, const char *name);

int __wrap_genl_ctrl_resolve(struct nl_sock *sk, const char *name)
{
	(void)sk;
	(void)name;
	return FAKE_FAMILY;
}

static void send_to(uint32_t port, const void *buf, size_t len)
{
	struct sockaddr_nl to = { .nl_family = AF_NETLINK, .nl_pid = port };

	if (sendto(kernel_fd, buf, len, 0, (struct sockaddr *)&to,
		   sizeof(to)) != (ssize_t)len)
		perror("fake_kernel: sendto");
}

/* The ack (or error, with an extack message) of request @req. */
static void send_ack(uint32_t port, const struct nlmsghdr *req, int err,
		     const char *text)
{
	unsigned char buf[512] = { 0 };
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct nlmsgerr *e = NLMSG_DATA(nlh);
	size_t len = NLMSG_LENGTH(sizeof(*e));

	nlh->nlmsg_type = NLMSG_ERROR;
	nlh->nlmsg_flags = NLM_F_CAPPED;
	nlh->nlmsg_seq = req->nlmsg_seq;
	e->error = err;
	e->msg = *req;
	if (text) {
		struct nlattr *a = (struct nlattr *)(buf + NLMSG_ALIGN(len));

		a->nla_type = NLMSGERR_ATTR_MSG;
		a->nla_len = NLA_HDRLEN + strlen(text) + 1;
		memcpy((char *)a + NLA_HDRLEN, text, strlen(text) + 1);
		len = NLMSG_ALIGN(len) + NLA_ALIGN(a->nla_len);
		nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
	}
	nlh->nlmsg_len = len;
	send_to(port, buf, len);
}

int __wrap_nl_send_auto(struct nl_sock *sk, struct nl_msg *msg)
{
	uint32_t port = nl_socket_get_local_port(sk);
	struct nl_msg *reply = nlmsg_alloc();
	const char *ack_msg = NULL;
	struct nlmsghdr *req;
	int ack_err = 0;

	nl_complete_msg(sk, msg);
	req = nlmsg_hdr(msg);
	memset(last_req, 0, sizeof(last_req));
	if (req->nlmsg_len <= sizeof(last_req))
		memcpy(last_req, req, req->nlmsg_len);
	if (!reply)
		return -NLE_NOMEM;
	genlmsg_put(reply, 0, req->nlmsg_seq, FAKE_FAMILY, 0, 0, 0,
		    VNET_GENL_VERSION);
	answer(reply, &ack_err, &ack_msg);
	if (nlmsg_hdr(reply)->nlmsg_len > NLMSG_LENGTH(GENL_HDRLEN))
		send_to(port, nlmsg_hdr(reply), nlmsg_hdr(reply)->nlmsg_len);
	nlmsg_free(reply);
	send_ack(port, req, ack_err, ack_msg);
	return req->nlmsg_len;
}

static void result(int good, const char *what, const char *why)
{
	printf("%s - libvnet: %s%s%s\n", good ? "ok" : "not ok", what,
	       good ? "" : ": ", good ? "" : why);
	failed |= !good;
}

/* Answers. An empty reply is not sent: only the ack comes. */
static void ack_only(struct nl_msg *r, int *err, const char **msg)
{
	(void)r;
	(void)err;
	(void)msg;
}

static void short_ifindex(struct nl_msg *r, int *err, const char **msg)
{
	uint16_t two = 7;

	(void)err;
	(void)msg;
	nla_put(r, VNET_ATTR_IFINDEX, sizeof(two), &two);
	nla_put_string(r, VNET_ATTR_IFNAME, "fake0");
}

static void name_only(struct nl_msg *r, int *err, const char **msg)
{
	(void)err;
	(void)msg;
	nla_put_string(r, VNET_ATTR_IFNAME, "fake0");
}

static void good_device(struct nl_msg *r, int *err, const char **msg)
{
	(void)err;
	(void)msg;
	nla_put_u32(r, VNET_ATTR_IFINDEX, 7);
	nla_put_string(r, VNET_ATTR_IFNAME, "fake0");
	nla_put_u32(r, VNET_ATTR_KIND, VNET_KIND_VSWITCH);
}

/* A network whose name is longer than the spec lets a network's be. */
static void long_network_name(struct nl_msg *r, int *err, const char **msg)
{
	struct nlattr *nest;

	(void)err;
	(void)msg;
	nest = nla_nest_start(r, VNET_ATTR_NETWORK);
	nla_put_u32(r, VNET_NETWORK_ID, 5);
	nla_put_string(r, VNET_NETWORK_NAME,
		       "blue-but-longer-than-any-network-name-may-be");
	nla_nest_end(r, nest);
}

static void no_such_device(struct nl_msg *r, int *err, const char **msg)
{
	(void)r;
	*err = -ENODEV;
	*msg = "no vnet device \"fake0\"";
}

static int count_route(const struct vnet_route_info *info, void *arg)
{
	(void)info;
	++*(int *)arg;
	return 0;
}

static const uint8_t net6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 2 };
static const uint8_t host6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 2, [15] = 5 };
static const uint8_t ll6[16] = { 0xfe, 0x80, [15] = 2 };

/* The nest @attr of the request answered last, parsed into @tb. */
static bool request_nest(int attr, struct nlattr **tb, int maxtype)
{
	struct nlattr *attrs[VNET_ATTR_MAX + 1];

	return last_req[0] &&
	       !genlmsg_parse((struct nlmsghdr *)last_req, 0, attrs,
			      VNET_ATTR_MAX, NULL) &&
	       attrs[attr] && !nla_parse_nested(tb, maxtype, attrs[attr], NULL);
}

/* Why a request check failed: the call, or else what it sent. */
static const char *request_why(struct vnet_ctx *ctx, int ret, char *why,
			       size_t len)
{
	if (ret)
		snprintf(why, len, "returned %d (%s)", ret, vnet_errmsg(ctx));
	else
		snprintf(why, len, "the request's nest differs");
	return why;
}

static bool attr_is(const struct nlattr *a, const void *want, int len)
{
	return a && nla_len(a) == len && !memcmp(nla_data(a), want, len);
}

/* 2001:db8:2::/64 via fe80::2 on port p1, as a route get answers it. */
static void ipv6_route(struct nl_msg *r, int *err, const char **msg)
{
	struct nlattr *nest;

	(void)err;
	(void)msg;
	nla_put_string(r, VNET_ATTR_IFNAME, "fake0");
	nest = nla_nest_start(r, VNET_ATTR_ROUTE);
	nla_put(r, VNET_ROUTE_DST6, 16, net6);
	nla_put_u8(r, VNET_ROUTE_PREFIXLEN, 64);
	nla_put(r, VNET_ROUTE_GATEWAY6, 16, ll6);
	nla_put_u32(r, VNET_ROUTE_PORT, 1);
	nla_put_string(r, VNET_ROUTE_PORT_NAME, "p1");
	nla_put_u8(r, VNET_ROUTE_TYPE, VNET_ROUTE_TYPE_STATIC);
	nla_nest_end(r, nest);
}

static void ipv6_addr(struct nl_msg *r, int *err, const char **msg)
{
	struct nlattr *nest;

	(void)err;
	(void)msg;
	nla_put_string(r, VNET_ATTR_IFNAME, "fake0");
	nest = nla_nest_start(r, VNET_ATTR_ADDR);
	nla_put(r, VNET_ADDR_ADDRESS6, 16, host6);
	nla_put_u8(r, VNET_ADDR_PREFIXLEN, 64);
	nla_put_string(r, VNET_ADDR_PORT_NAME, "p1");
	nla_nest_end(r, nest);
}

static void ipv6_neigh(struct nl_msg *r, int *err, const char **msg)
{
	static const uint8_t mac[6] = { 0x02, 0, 0, 0, 0, 2 };
	struct nlattr *nest;

	(void)err;
	(void)msg;
	nest = nla_nest_start(r, VNET_ATTR_NEIGH);
	nla_put(r, VNET_NEIGH_ADDRESS6, 16, ll6);
	nla_put(r, VNET_NEIGH_MAC, 6, mac);
	nla_put_string(r, VNET_NEIGH_PORT_NAME, "p1");
	nla_put_u8(r, VNET_NEIGH_STATE, VNET_NEIGH_PERMANENT);
	nla_nest_end(r, nest);
}

static int copy_route(const struct vnet_route_info *info, void *arg)
{
	*(struct vnet_route_info *)arg = *info;
	return 0;
}

static int copy_addr(const struct vnet_addr_info *info, void *arg)
{
	*(struct vnet_addr_info *)arg = *info;
	return 0;
}

static int copy_neigh(const struct vnet_neigh_info *info, void *arg)
{
	*(struct vnet_neigh_info *)arg = *info;
	return 0;
}

/* IPv6 out in the *6 attributes and back in the *6 fields. */
static void ipv6_checks(struct vnet_ctx *ctx)
{
	struct nlattr *rt[VNET_ROUTE_MAX + 1], *nb[VNET_NEIGH_MAX + 1];
	struct nlattr *ad[VNET_ADDR_MAX + 1];
	struct vnet_route_info route;
	struct vnet_neigh_info neigh;
	struct vnet_addr_info addr;
	char why[160];
	int ret;

	answer = ipv6_route;
	memset(&route, 0, sizeof(route));
	ret = vnet_route6_get(ctx, "fake0", host6, copy_route, &route);
	snprintf(why, sizeof(why), "returned %d (%s), family %d, plen %u, port \"%s\"",
		 ret, vnet_errmsg(ctx), route.family, route.plen,
		 route.port_name);
	result(!ret && route.family == AF_INET6 &&
	       !memcmp(route.dst6, net6, 16) && route.plen == 64 &&
	       !memcmp(route.gateway6, ll6, 16) && !route.dst &&
	       !route.gateway && !strcmp(route.port_name, "p1") &&
	       route.type == VNET_ROUTE_TYPE_STATIC,
	       "an IPv6 route's dst6 and link-local gateway6 are parsed", why);
	result(request_nest(VNET_ATTR_ROUTE, rt, VNET_ROUTE_MAX) &&
	       attr_is(rt[VNET_ROUTE_DST6], host6, 16) && !rt[VNET_ROUTE_DST] &&
	       !rt[VNET_ROUTE_PREFIXLEN],
	       "an IPv6 route get asks with dst6 and no prefix length",
	       request_why(ctx, ret, why, sizeof(why)));

	answer = ack_only;
	route.family = AF_INET6;
	memcpy(route.dst6, net6, 16);
	ret = vnet_route_add(ctx, "fake0", &route);
	result(!ret && request_nest(VNET_ATTR_ROUTE, rt, VNET_ROUTE_MAX) &&
	       attr_is(rt[VNET_ROUTE_DST6], net6, 16) &&
	       attr_is(rt[VNET_ROUTE_GATEWAY6], ll6, 16) &&
	       rt[VNET_ROUTE_PREFIXLEN] &&
	       nla_get_u8(rt[VNET_ROUTE_PREFIXLEN]) == 64 &&
	       !rt[VNET_ROUTE_DST] && !rt[VNET_ROUTE_GATEWAY] &&
	       rt[VNET_ROUTE_PORT_NAME],
	       "an IPv6 route add sends dst6, its length, gateway6 and the port",
	       request_why(ctx, ret, why, sizeof(why)));

	answer = ipv6_addr;
	memset(&addr, 0, sizeof(addr));
	ret = vnet_addr_list(ctx, "fake0", copy_addr, &addr);
	snprintf(why, sizeof(why), "returned %d (%s), family %d, plen %u", ret,
		 vnet_errmsg(ctx), addr.family, addr.plen);
	result(!ret && addr.family == AF_INET6 &&
	       !memcmp(addr.addr6, host6, 16) && addr.plen == 64 &&
	       !strcmp(addr.dev_name, "fake0"),
	       "an IPv6 address in a dump is parsed", why);

	answer = ack_only;
	ret = vnet_addr6_add(ctx, "fake0", host6, 64, "p1");
	result(!ret && request_nest(VNET_ATTR_ADDR, ad, VNET_ADDR_MAX) &&
	       attr_is(ad[VNET_ADDR_ADDRESS6], host6, 16) &&
	       !ad[VNET_ADDR_ADDRESS] && ad[VNET_ADDR_PREFIXLEN] &&
	       nla_get_u8(ad[VNET_ADDR_PREFIXLEN]) == 64,
	       "an IPv6 address add sends address6 and its length",
	       request_why(ctx, ret, why, sizeof(why)));

	answer = ipv6_neigh;
	memset(&neigh, 0, sizeof(neigh));
	ret = vnet_neigh_list(ctx, "fake0", copy_neigh, &neigh);
	snprintf(why, sizeof(why), "returned %d (%s), family %d", ret,
		 vnet_errmsg(ctx), neigh.family);
	result(!ret && neigh.family == AF_INET6 &&
	       !memcmp(neigh.addr6, ll6, 16) && neigh.has_mac &&
	       !strcmp(neigh.port_name, "p1"),
	       "an IPv6 neighbour in a dump is parsed", why);

	answer = ack_only;
	ret = vnet_neigh6_delete(ctx, "fake0", ll6, "p1");
	result(!ret && request_nest(VNET_ATTR_NEIGH, nb, VNET_NEIGH_MAX) &&
	       attr_is(nb[VNET_NEIGH_ADDRESS6], ll6, 16) &&
	       !nb[VNET_NEIGH_ADDRESS] && nb[VNET_NEIGH_PORT_NAME],
	       "a link-local neighbour's delete sends address6 and the port",
	       request_why(ctx, ret, why, sizeof(why)));

	ret = vnet_neigh_delete(ctx, "fake0", 0x0200000a);
	result(!ret && request_nest(VNET_ATTR_NEIGH, nb, VNET_NEIGH_MAX) &&
	       nb[VNET_NEIGH_ADDRESS] &&
	       nla_get_u32(nb[VNET_NEIGH_ADDRESS]) == 0x0200000a &&
	       !nb[VNET_NEIGH_ADDRESS6] && !nb[VNET_NEIGH_PORT_NAME],
	       "control: an IPv4 neighbour's delete sends address alone",
	       request_why(ctx, ret, why, sizeof(why)));
}

/* A port of @name on fake0, with a vrouter port's RA settings if @ra. */
static void put_port(struct nl_msg *r, const char *name, bool ra)
{
	struct nlattr *nest;

	nla_put_u32(r, VNET_ATTR_IFINDEX, 7);
	nla_put_string(r, VNET_ATTR_IFNAME, "fake0");
	nest = nla_nest_start(r, VNET_ATTR_PORT);
	nla_put_u32(r, VNET_PORT_INDEX, 1);
	nla_put_string(r, VNET_PORT_NAME, name);
	if (ra) {
		nla_put_u8(r, VNET_PORT_RA, 1);
		nla_put_u32(r, VNET_PORT_RA_INTERVAL, 200);
		nla_put_u32(r, VNET_PORT_RA_LIFETIME, 600);
	}
	nla_nest_end(r, nest);
}

static void ra_port(struct nl_msg *r, int *err, const char **msg)
{
	(void)err;
	(void)msg;
	put_port(r, "p1", true);
}

static void plain_port(struct nl_msg *r, int *err, const char **msg)
{
	(void)err;
	(void)msg;
	put_port(r, "p2", false);
}

static int copy_port(const struct vnet_port_info *info, void *arg)
{
	*(struct vnet_port_info *)arg = *info;
	return 0;
}

#define RA_BITS	(1u << VNET_PORT_RA | 1u << VNET_PORT_RA_INTERVAL | \
		 1u << VNET_PORT_RA_LIFETIME)

/*
 * A vrouter port's router advertisements: set in the port nest, the flag
 * a u8 and the times u32 (a lifetime of 0 sent too), and parsed back from
 * a dump only when there.
 */
static void ra_checks(struct vnet_ctx *ctx)
{
	struct nlattr *pt[VNET_PORT_MAX + 1];
	struct vnet_port_config cfg;
	struct vnet_port_info port;
	char why[160];
	int ret;

	answer = ack_only;
	vnet_port_config_init(&cfg);
	cfg.params_present = RA_BITS;
	cfg.params[VNET_PORT_RA] = 1;
	cfg.params[VNET_PORT_RA_INTERVAL] = 200;
	cfg.params[VNET_PORT_RA_LIFETIME] = 0;
	ret = vnet_port_configure(ctx, "fake0", "p1", &cfg);
	result(!ret && request_nest(VNET_ATTR_PORT, pt, VNET_PORT_MAX) &&
	       pt[VNET_PORT_RA] && nla_len(pt[VNET_PORT_RA]) == 1 &&
	       nla_get_u8(pt[VNET_PORT_RA]) == 1 &&
	       pt[VNET_PORT_RA_INTERVAL] &&
	       nla_len(pt[VNET_PORT_RA_INTERVAL]) == 4 &&
	       nla_get_u32(pt[VNET_PORT_RA_INTERVAL]) == 200 &&
	       pt[VNET_PORT_RA_LIFETIME] &&
	       nla_len(pt[VNET_PORT_RA_LIFETIME]) == 4 &&
	       nla_get_u32(pt[VNET_PORT_RA_LIFETIME]) == 0 &&
	       !pt[VNET_PORT_LEARNING] && !pt[VNET_PORT_FLOOD],
	       "a port set sends ra as a u8, ra-interval and ra-lifetime as u32s",
	       request_why(ctx, ret, why, sizeof(why)));

	answer = ra_port;
	memset(&port, 0xa5, sizeof(port));
	ret = vnet_port_list(ctx, "fake0", copy_port, &port);
	snprintf(why, sizeof(why), "returned %d (%s), present %#x, ra %u interval %u lifetime %u",
		 ret, vnet_errmsg(ctx), port.params_present,
		 port.params[VNET_PORT_RA], port.params[VNET_PORT_RA_INTERVAL],
		 port.params[VNET_PORT_RA_LIFETIME]);
	result(!ret && (port.params_present & RA_BITS) == RA_BITS &&
	       port.params[VNET_PORT_RA] == 1 &&
	       port.params[VNET_PORT_RA_INTERVAL] == 200 &&
	       port.params[VNET_PORT_RA_LIFETIME] == 600,
	       "a vrouter port's ra, ra-interval and ra-lifetime are parsed", why);

	answer = plain_port;
	memset(&port, 0xa5, sizeof(port));
	ret = vnet_port_list(ctx, "fake0", copy_port, &port);
	snprintf(why, sizeof(why), "returned %d (%s), name \"%.16s\", present %#x",
		 ret, vnet_errmsg(ctx), port.name, port.params_present);
	result(!ret && !strcmp(port.name, "p2") &&
	       !(port.params_present & RA_BITS),
	       "another kind's port, which reports none, has none", why);
}

/* A vswitch port, trunk of VLANs 10 and 4094 with native VLAN 5. */
static void vlan_port(struct nl_msg *r, int *err, const char **msg)
{
	uint8_t bits[VNET_VLAN_BITMAP_LEN] = { [1] = 0x04, [511] = 0x40 };
	struct nlattr *nest, *vlan;

	(void)err;
	(void)msg;
	nla_put_u32(r, VNET_ATTR_IFINDEX, 7);
	nla_put_string(r, VNET_ATTR_IFNAME, "fake0");
	nest = nla_nest_start(r, VNET_ATTR_PORT);
	nla_put_u32(r, VNET_PORT_INDEX, 1);
	nla_put_string(r, VNET_PORT_NAME, "p1");
	vlan = nla_nest_start(r, VNET_PORT_VLAN);
	nla_put_u8(r, VNET_VLAN_MODE, VNET_VLAN_MODE_TRUNK);
	nla_put_u16(r, VNET_VLAN_VID, 5);
	nla_put(r, VNET_VLAN_TRUNK, sizeof(bits), bits);
	nla_nest_end(r, vlan);
	nla_nest_end(r, nest);
}

/*
 * A vswitch's VLANs: a port's membership goes as a nest of the mode (u8),
 * the VLAN (u16) and the trunk's set (512 bytes), the host's in the device
 * request, an fdb entry's VLAN a u16; and each comes back from a dump.
 */
static void vlan_checks(struct vnet_ctx *ctx)
{
	struct nlattr *pt[VNET_PORT_MAX + 1], *vt[VNET_VLAN_MAX + 1];
	struct nlattr *vv[VNET_VLAN_VNI_MAX + 1];
	struct nlattr *ft[VNET_FDB_MAX + 1];
	static const uint8_t mac[6] = { 2, 0, 0, 0, 0, 1 };
	struct vnet_port_config cfg;
	struct vnet_dev_config dcfg;
	struct vnet_port_info port;
	char why[160], ids[64];
	int ret;

	answer = ack_only;
	vnet_port_config_init(&cfg);
	cfg.set_vlan = true;
	cfg.vlan.mode = VNET_VLAN_MODE_TRUNK;
	cfg.vlan.vid = 5;
	result(!vnet_vlan_ids_parse("10,20-30,4094", cfg.vlan.trunk) &&
	       !vnet_vlan_ids_format(cfg.vlan.trunk, ids, sizeof(ids)) &&
	       !strcmp(ids, "10,20-30,4094"),
	       "a VLAN set parses and prints back", ids);
	result(vnet_vlan_ids_parse("0", cfg.vlan.trunk) &&
	       vnet_vlan_ids_parse("4095", cfg.vlan.trunk) &&
	       vnet_vlan_ids_parse("30-20", cfg.vlan.trunk) &&
	       vnet_vlan_ids_parse("10,", cfg.vlan.trunk),
	       "VLAN 0, 4095, a backward range and a trailing comma are refused", "");
	vnet_vlan_ids_parse("10", cfg.vlan.trunk);
	result(vnet_vlan_ids_parse("20,x", cfg.vlan.trunk) &&
	       !cfg.vlan.trunk[1] && !cfg.vlan.trunk[2],
	       "a refused list leaves the set empty, not half filled", "");
	/*
	 * Long lists, as vnetctl's buffer (5 characters a VLAN) holds them:
	 * pairs, "1,3-4,6-7,...", are longer than every other VLAN.
	 */
	{
		static char big[VNET_VLAN_BITMAP_LEN * 8 * 5];
		uint8_t pairs[VNET_VLAN_BITMAP_LEN] = { 0 };
		int v;

		for (v = 1; v <= VNET_VLAN_VID_MAX; v++)
			if (v % 3 != 2)
				pairs[v / 8] |= 1u << (v % 8);
		ret = vnet_vlan_ids_format(pairs, big, sizeof(big));
		snprintf(why, sizeof(why), "returned %d, %zu characters", ret,
			 strlen(big));
		result(!ret && strlen(big) == 12906 &&
		       !strncmp(big, "1,3-4,6-7,", 10),
		       "a trunk of VLAN pairs prints whole", why);
		result(vnet_vlan_ids_format(pairs, big, 12906) == -1 &&
		       !big[0], "and a buffer one short gets -1 and nothing", "");
		result(vnet_vlan_ids_format(pairs, big, 0) == -1,
		       "as does one of no room", "");
	}
	vnet_vlan_ids_parse("10,4094", cfg.vlan.trunk);
	ret = vnet_port_configure(ctx, "fake0", "p1", &cfg);
	result(!ret && request_nest(VNET_ATTR_PORT, pt, VNET_PORT_MAX) &&
	       pt[VNET_PORT_VLAN] &&
	       !nla_parse_nested(vt, VNET_VLAN_MAX, pt[VNET_PORT_VLAN], NULL) &&
	       vt[VNET_VLAN_MODE] && nla_len(vt[VNET_VLAN_MODE]) == 1 &&
	       nla_get_u8(vt[VNET_VLAN_MODE]) == VNET_VLAN_MODE_TRUNK &&
	       vt[VNET_VLAN_VID] && nla_len(vt[VNET_VLAN_VID]) == 2 &&
	       nla_get_u16(vt[VNET_VLAN_VID]) == 5 &&
	       vt[VNET_VLAN_TRUNK] &&
	       nla_len(vt[VNET_VLAN_TRUNK]) == VNET_VLAN_BITMAP_LEN &&
	       ((uint8_t *)nla_data(vt[VNET_VLAN_TRUNK]))[1] == 0x04 &&
	       ((uint8_t *)nla_data(vt[VNET_VLAN_TRUNK]))[511] == 0x40,
	       "a port's VLANs go as a nest: mode u8, vid u16, trunk's 512 bytes",
	       request_why(ctx, ret, why, sizeof(why)));

	vnet_dev_config_init(&dcfg);
	dcfg.set_host_vlan = true;
	dcfg.host_vlan.mode = VNET_VLAN_MODE_ACCESS;
	dcfg.host_vlan.vid = 10;
	ret = vnet_dev_set(ctx, "fake0", &dcfg);
	result(!ret && request_nest(VNET_ATTR_HOST_VLAN, vt, VNET_VLAN_MAX) &&
	       vt[VNET_VLAN_MODE] &&
	       nla_get_u8(vt[VNET_VLAN_MODE]) == VNET_VLAN_MODE_ACCESS &&
	       vt[VNET_VLAN_VID] && nla_get_u16(vt[VNET_VLAN_VID]) == 10 &&
	       !vt[VNET_VLAN_TRUNK],
	       "the host's VLANs go in the device request, an access port no trunk",
	       request_why(ctx, ret, why, sizeof(why)));

	vnet_dev_config_init(&dcfg);
	dcfg.has_vlan_vni = true;
	dcfg.vlan_vni.vid = 4094;
	dcfg.vlan_vni.vni = VNET_VNI_MAX;
	ret = vnet_dev_set(ctx, "fake0", &dcfg);
	result(!ret && request_nest(VNET_ATTR_VLAN_VNI, vv, VNET_VLAN_VNI_MAX) &&
	       vv[VNET_VLAN_VNI_VID] && nla_len(vv[VNET_VLAN_VNI_VID]) == 2 &&
	       nla_get_u16(vv[VNET_VLAN_VNI_VID]) == 4094 &&
	       vv[VNET_VLAN_VNI_VNI] && nla_len(vv[VNET_VLAN_VNI_VNI]) == 4 &&
	       nla_get_u32(vv[VNET_VLAN_VNI_VNI]) == VNET_VNI_MAX,
	       "a VLAN's vni goes as a nest: vid u16, vni u32",
	       request_why(ctx, ret, why, sizeof(why)));
	dcfg.vlan_vni.vni = 0;
	ret = vnet_dev_set(ctx, "fake0", &dcfg);
	result(!ret && request_nest(VNET_ATTR_VLAN_VNI, vv, VNET_VLAN_VNI_MAX) &&
	       vv[VNET_VLAN_VNI_VNI] && nla_get_u32(vv[VNET_VLAN_VNI_VNI]) == 0,
	       "and none as vni 0",
	       request_why(ctx, ret, why, sizeof(why)));

	ret = vnet_fdb_add_vlan(ctx, "fake0", mac, "p1", 4094);
	result(!ret && request_nest(VNET_ATTR_FDB, ft, VNET_FDB_MAX) &&
	       ft[VNET_FDB_VLAN] && nla_len(ft[VNET_FDB_VLAN]) == 2 &&
	       nla_get_u16(ft[VNET_FDB_VLAN]) == 4094,
	       "an fdb entry's VLAN goes as a u16",
	       request_why(ctx, ret, why, sizeof(why)));
	ret = vnet_fdb_add(ctx, "fake0", mac, "p1");
	result(!ret && request_nest(VNET_ATTR_FDB, ft, VNET_FDB_MAX) &&
	       !ft[VNET_FDB_VLAN], "and none without one",
	       request_why(ctx, ret, why, sizeof(why)));

	answer = vlan_port;
	memset(&port, 0xa5, sizeof(port));
	ret = vnet_port_list(ctx, "fake0", copy_port, &port);
	snprintf(why, sizeof(why), "returned %d (%s), has %d mode %d vid %u",
		 ret, vnet_errmsg(ctx), port.has_vlan, port.vlan.mode,
		 port.vlan.vid);
	result(!ret && port.has_vlan &&
	       port.vlan.mode == VNET_VLAN_MODE_TRUNK && port.vlan.vid == 5 &&
	       port.vlan.trunk[1] == 0x04 && port.vlan.trunk[511] == 0x40 &&
	       port.vlan.trunk[0] == 0,
	       "a port's VLANs are parsed from a dump", why);
	answer = plain_port;
	memset(&port, 0xa5, sizeof(port));
	ret = vnet_port_list(ctx, "fake0", copy_port, &port);
	result(!ret && !port.has_vlan, "a port with no nest has no VLANs", "");
}

/* A vfirewall rule on VLAN 10, and a connection tracked in VLAN 4094. */
static void vlan_rule(struct nl_msg *r, int *err, const char **msg)
{
	struct nlattr *nest;

	(void)err;
	(void)msg;
	nla_put_u32(r, VNET_ATTR_IFINDEX, 7);
	nest = nla_nest_start(r, VNET_ATTR_RULE);
	nla_put_u32(r, VNET_RULE_INDEX, 1);
	nla_put_u16(r, VNET_RULE_VLAN, 10);
	nla_put_u8(r, VNET_RULE_ACTION, VNET_VERDICT_DROP);
	nla_nest_end(r, nest);
}

/* A UDP connection's nest, opened: 10.0.0.2:5353 -> @dst:53. */
static struct nlattr *udp_conn_start(struct nl_msg *r, uint32_t dst)
{
	struct nlattr *nest = nla_nest_start(r, VNET_ATTR_CONN);

	nla_put_u8(r, VNET_CONN_PROTO, 17);
	nla_put_u32(r, VNET_CONN_SRC, 0x0200000a);
	nla_put_u32(r, VNET_CONN_DST, dst);
	nla_put_u16(r, VNET_CONN_SPORT, 5353);
	nla_put_u16(r, VNET_CONN_DPORT, 53);
	return nest;
}

static void vlan_conn(struct nl_msg *r, int *err, const char **msg)
{
	struct nlattr *nest;

	(void)err;
	(void)msg;
	nest = udp_conn_start(r, 0x0300000a);
	nla_put_u16(r, VNET_CONN_VLAN, 4094);
	nla_nest_end(r, nest);
}

static int copy_rule(const struct vnet_rule *r, void *arg)
{
	*(struct vnet_rule *)arg = *r;
	return 0;
}

static int copy_conn(const struct vnet_conn_info *info, void *arg);
static void nat_conn(struct nl_msg *r, int *err, const char **msg);

/*
 * A vfirewall's VLANs: "vlan VID" in a rule goes as a u16 and comes back
 * from a dump; VLAN 0 is untagged, 4095 refused by the grammar; a connection's
 * VLAN is parsed, and one without is VLAN 0.
 */
static void fw_vlan_checks(struct vnet_ctx *ctx)
{
	struct nlattr *rt[VNET_RULE_MAX + 1];
	char *ok[] = { "vlan", "4094", "proto", "udp", "action", "drop" };
	char *zero[] = { "vlan", "0", "action", "drop" };
	char *big[] = { "vlan", "4095", "action", "drop" };
	struct vnet_conn_info conn;
	struct vnet_rule r;
	char err[128], why[160];
	int ret;

	result(!vnet_rule_parse(6, ok, &r, err, sizeof(err)) &&
	       (r.present & (1u << VNET_RULE_VLAN)) && r.vlan == 4094,
	       "a rule's vlan is parsed", err);
	result(!vnet_rule_parse(4, zero, &r, err, sizeof(err)) &&
	       (r.present & (1u << VNET_RULE_VLAN)) && r.vlan == 0,
	       "a rule's vlan 0 (untagged) is parsed", err);
	result(vnet_rule_parse(4, big, &r, err, sizeof(err)) &&
	       strstr(err, "expected 0-4094"),
	       "a rule's vlan 4095 is refused", err);
	vnet_rule_parse(6, ok, &r, err, sizeof(err));
	answer = ack_only;
	ret = vnet_rule_add(ctx, "fake0", &r);
	result(!ret && request_nest(VNET_ATTR_RULE, rt, VNET_RULE_MAX) &&
	       rt[VNET_RULE_VLAN] && nla_len(rt[VNET_RULE_VLAN]) == 2 &&
	       nla_get_u16(rt[VNET_RULE_VLAN]) == 4094,
	       "a rule's VLAN goes as a u16",
	       request_why(ctx, ret, why, sizeof(why)));

	answer = vlan_rule;
	memset(&r, 0xa5, sizeof(r));
	ret = vnet_rule_list(ctx, "fake0", copy_rule, &r);
	snprintf(why, sizeof(why), "returned %d (%s), vlan %u", ret,
		 vnet_errmsg(ctx), r.vlan);
	result(!ret && (r.present & (1u << VNET_RULE_VLAN)) && r.vlan == 10,
	       "a rule's VLAN is parsed from a dump", why);

	answer = vlan_conn;
	memset(&conn, 0xa5, sizeof(conn));
	ret = vnet_conn_list(ctx, "fake0", copy_conn, &conn);
	snprintf(why, sizeof(why), "returned %d (%s), vlan %u", ret,
		 vnet_errmsg(ctx), conn.vlan);
	result(!ret && conn.vlan == 4094, "a connection's VLAN is parsed", why);
	answer = nat_conn;
	memset(&conn, 0xa5, sizeof(conn));
	ret = vnet_conn_list(ctx, "fake0", copy_conn, &conn);
	result(!ret && conn.vlan == 0, "a connection without one is VLAN 0", "");
}

/* A masquerade rule on port "uplink", as a NAT dump reports it. */
static void nat_rule(struct nl_msg *r, int *err, const char **msg)
{
	struct nlattr *nest;

	(void)err;
	(void)msg;
	nla_put_u32(r, VNET_ATTR_IFINDEX, 7);
	nla_put_string(r, VNET_ATTR_IFNAME, "fake0");
	nest = nla_nest_start(r, VNET_ATTR_NAT);
	nla_put_u32(r, VNET_NAT_INDEX, 2);
	nla_put_u8(r, VNET_NAT_TYPE, VNET_NAT_TYPE_MASQUERADE);
	nla_put_u32(r, VNET_NAT_OUT_PORT, 3);
	nla_put_string(r, VNET_NAT_OUT_PORT_NAME, "uplink");
	nla_put_u32(r, VNET_NAT_SRC, 0x0000000a);
	nla_put_u8(r, VNET_NAT_SRC_LEN, 8);
	nla_put_u16(r, VNET_NAT_PORT_MIN, 1024);
	nla_put_u16(r, VNET_NAT_PORT_MAX, 65535);
	nla_put_u64(r, VNET_NAT_CONNS, 7);
	nla_nest_end(r, nest);
}

/* A UDP connection a vrouter translated, with the tuple of its replies. */
static void nat_conn(struct nl_msg *r, int *err, const char **msg)
{
	struct nlattr *nest;

	(void)err;
	(void)msg;
	nest = udp_conn_start(r, 0x026433c6);
	nla_put_u32(r, VNET_CONN_REPLY_SRC, 0x026433c6);
	nla_put_u32(r, VNET_CONN_REPLY_DST, 0x017100cb);
	nla_put_u16(r, VNET_CONN_REPLY_SPORT, 53);
	nla_put_u16(r, VNET_CONN_REPLY_DPORT, 40001);
	nla_nest_end(r, nest);
}

static int copy_nat(const struct vnet_nat_rule *r, void *arg)
{
	*(struct vnet_nat_rule *)arg = *r;
	return 0;
}

static int copy_conn(const struct vnet_conn_info *info, void *arg)
{
	*(struct vnet_conn_info *)arg = *info;
	return 0;
}

static uint32_t get_u32(struct nlattr *a)
{
	return a && nla_len(a) == 4 ? nla_get_u32(a) : 0xdeadbeef;
}

static uint16_t get_u16(struct nlattr *a)
{
	return a && nla_len(a) == 2 ? nla_get_u16(a) : 0xbeef;
}

/*
 * NAT: each type sends the attributes it takes, and no other; the port by
 * name; a delete the index; a dump and a translated connection parse.
 */
static void nat_checks(struct vnet_ctx *ctx)
{
	struct nlattr *tb[VNET_NAT_MAX + 1];
	struct vnet_nat_rule r;
	struct vnet_conn_info conn;
	char why[160];
	int ret;

	answer = ack_only;
	memset(&r, 0, sizeof(r));
	r.type = VNET_NAT_TYPE_SNAT;
	strcpy(r.out_port_name, "uplink");
	r.to_min = 0x057100cb;
	r.to_max = 0x097100cb;
	r.src = 0x0000000a;
	r.src_len = 8;
	r.port_min = 5000;
	r.port_max = 5001;
	ret = vnet_nat_add(ctx, "fake0", &r);
	result(!ret && request_nest(VNET_ATTR_NAT, tb, VNET_NAT_MAX) &&
	       tb[VNET_NAT_TYPE] &&
	       nla_get_u8(tb[VNET_NAT_TYPE]) == VNET_NAT_TYPE_SNAT &&
	       tb[VNET_NAT_OUT_PORT_NAME] && !tb[VNET_NAT_OUT_PORT] &&
	       !strcmp(nla_data(tb[VNET_NAT_OUT_PORT_NAME]), "uplink") &&
	       get_u32(tb[VNET_NAT_TO_MIN]) == 0x057100cb &&
	       get_u32(tb[VNET_NAT_TO_MAX]) == 0x097100cb &&
	       get_u32(tb[VNET_NAT_SRC]) == 0x0000000a &&
	       tb[VNET_NAT_SRC_LEN] && nla_get_u8(tb[VNET_NAT_SRC_LEN]) == 8 &&
	       get_u16(tb[VNET_NAT_PORT_MIN]) == 5000 &&
	       get_u16(tb[VNET_NAT_PORT_MAX]) == 5001 &&
	       !tb[VNET_NAT_ADDR] && !tb[VNET_NAT_INSIDE] && !tb[VNET_NAT_PROTO],
	       "a snat rule sends its port's name, range, source and ports",
	       request_why(ctx, ret, why, sizeof(why)));

	r.type = VNET_NAT_TYPE_MASQUERADE;
	r.src_len = 0;
	r.port_min = 0;
	ret = vnet_nat_add(ctx, "fake0", &r);
	result(!ret && request_nest(VNET_ATTR_NAT, tb, VNET_NAT_MAX) &&
	       tb[VNET_NAT_OUT_PORT_NAME] && !tb[VNET_NAT_TO_MIN] &&
	       !tb[VNET_NAT_TO_MAX] && !tb[VNET_NAT_SRC] &&
	       !tb[VNET_NAT_SRC_LEN] && !tb[VNET_NAT_PORT_MIN] &&
	       !tb[VNET_NAT_PORT_MAX],
	       "a bare masquerade rule sends its port alone: the kernel's defaults",
	       request_why(ctx, ret, why, sizeof(why)));

	memset(&r, 0, sizeof(r));
	r.type = VNET_NAT_TYPE_FORWARD;
	r.proto = 6;
	r.addr = 0x017100cb;
	r.port = 8080;
	r.inside = 0x0200000a;
	r.to_port = 80;
	ret = vnet_nat_add(ctx, "fake0", &r);
	result(!ret && request_nest(VNET_ATTR_NAT, tb, VNET_NAT_MAX) &&
	       tb[VNET_NAT_PROTO] && nla_get_u8(tb[VNET_NAT_PROTO]) == 6 &&
	       get_u32(tb[VNET_NAT_ADDR]) == 0x017100cb &&
	       get_u16(tb[VNET_NAT_PORT]) == 8080 &&
	       get_u32(tb[VNET_NAT_INSIDE]) == 0x0200000a &&
	       get_u16(tb[VNET_NAT_TO_PORT]) == 80 &&
	       !tb[VNET_NAT_OUT_PORT_NAME] && !tb[VNET_NAT_OUT_PORT],
	       "a port forward sends proto, addr:port and inside:to-port",
	       request_why(ctx, ret, why, sizeof(why)));

	ret = vnet_nat_delete(ctx, "fake0", 3);
	result(!ret && request_nest(VNET_ATTR_NAT, tb, VNET_NAT_MAX) &&
	       get_u32(tb[VNET_NAT_INDEX]) == 3 && !tb[VNET_NAT_TYPE],
	       "a NAT delete sends the index alone",
	       request_why(ctx, ret, why, sizeof(why)));

	answer = nat_rule;
	memset(&r, 0xa5, sizeof(r));
	ret = vnet_nat_list(ctx, "fake0", copy_nat, &r);
	snprintf(why, sizeof(why), "returned %d (%s), index %u type %d port %u \"%.16s\" src_len %u",
		 ret, vnet_errmsg(ctx), r.index, r.type, r.out_port,
		 r.out_port_name, r.src_len);
	result(!ret && r.index == 2 && r.type == VNET_NAT_TYPE_MASQUERADE &&
	       r.out_port == 3 && !strcmp(r.out_port_name, "uplink") &&
	       r.src == 0x0000000a && r.src_len == 8 && r.port_min == 1024 &&
	       r.port_max == 65535 && r.conns == 7 && !r.to_min && !r.addr,
	       "a NAT rule in a dump is parsed, unreported fields zero", why);

	answer = nat_conn;
	memset(&conn, 0xa5, sizeof(conn));
	ret = vnet_conn_list(ctx, "fake0", copy_conn, &conn);
	snprintf(why, sizeof(why), "returned %d (%s), has_reply %d, reply %#x:%u -> %#x:%u",
		 ret, vnet_errmsg(ctx), conn.has_reply, conn.reply_src,
		 conn.reply_sport, conn.reply_dst, conn.reply_dport);
	result(!ret && conn.has_reply && conn.reply_src == 0x026433c6 &&
	       conn.reply_dst == 0x017100cb && conn.reply_sport == 53 &&
	       conn.reply_dport == 40001 && conn.sport == 5353,
	       "a translated connection's reply tuple is parsed", why);
}

/* @ret is EPROTO and the context says why, in more than strerror's words. */
static void expect_eproto(struct vnet_ctx *ctx, const char *what, int ret)
{
	char why[160];

	snprintf(why, sizeof(why), "returned %d (%s), message \"%s\"", ret,
		 strerror(-ret), vnet_errmsg(ctx));
	result(ret == -EPROTO && vnet_errmsg(ctx)[0] &&
	       strcmp(vnet_errmsg(ctx), strerror(EPROTO)), what, why);
}

int main(void)
{
	struct sockaddr_nl me = { .nl_family = AF_NETLINK };
	struct vnet_network_info net;
	struct vnet_dev_info info;
	struct vnet_ctx *ctx;
	char why[160];
	int ret, n;

	kernel_fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_GENERIC);
	if (kernel_fd < 0 ||
	    bind(kernel_fd, (struct sockaddr *)&me, sizeof(me))) {
		perror("fake_kernel: netlink socket");
		return 1;
	}
	ctx = vnet_open();
	if (!ctx) {
		perror("fake_kernel: vnet_open");
		return 1;
	}

	answer = short_ifindex;
	memset(&info, 0xa5, sizeof(info));
	ret = vnet_dev_get(ctx, "fake0", &info);
	expect_eproto(ctx, "a device get whose reply does not parse fails", ret);

	answer = name_only;
	ret = vnet_dev_get(ctx, "fake0", &info);
	expect_eproto(ctx, "a device get whose reply names no ifindex fails",
		      ret);

	answer = ack_only;
	ret = vnet_dev_get(ctx, "fake0", &info);
	expect_eproto(ctx, "a device get answered by an ack alone fails", ret);

	answer = name_only;	/* a device's reply, not a network's */
	ret = vnet_network_get(ctx, "blue", &net);
	expect_eproto(ctx, "a network get whose reply is no network fails",
		      ret);

	answer = long_network_name;
	ret = vnet_network_get(ctx, "blue", &net);
	expect_eproto(ctx, "a network name past the spec's length fails", ret);

	answer = good_device;	/* no route in it */
	n = 0;
	ret = vnet_route_get(ctx, "fake0", 0x0a000001, count_route, &n);
	expect_eproto(ctx, "a route get whose reply is no route fails", ret);
	snprintf(why, sizeof(why), "the callback ran %d times", n);
	result(n == 0, "and hands nothing to its callback", why);

	answer = good_device;
	memset(&info, 0xa5, sizeof(info));
	ret = vnet_dev_get(ctx, "fake0", &info);
	snprintf(why, sizeof(why), "returned %d (%s), ifindex %u, name \"%.16s\"",
		 ret, vnet_errmsg(ctx), info.ifindex, info.name);
	result(!ret && info.ifindex == 7 && !strcmp(info.name, "fake0") &&
	       info.kind == VNET_KIND_VSWITCH,
	       "control: a whole reply, after the failed ones, fills the device",
	       why);

	ipv6_checks(ctx);
	ra_checks(ctx);
	vlan_checks(ctx);
	fw_vlan_checks(ctx);
	nat_checks(ctx);

	answer = no_such_device;
	ret = vnet_dev_delete(ctx, "fake0");
	snprintf(why, sizeof(why), "returned %d, message \"%s\"", ret,
		 vnet_errmsg(ctx));
	result(ret == -ENODEV &&
	       !strcmp(vnet_errmsg(ctx), "no vnet device \"fake0\""),
	       "a refused delete fails with the kernel's extack text", why);

	vnet_close(ctx);
	close(kernel_fd);
	return failed;
}
