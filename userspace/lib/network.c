// SPDX-License-Identifier: LGPL-2.1
/* Networks: create, set, start, stop, delete, get, list; their quotas. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nl.h"

static const char *const quota_names[VNET_QUOTA_MAX + 1] = {
	[VNET_QUOTA_PORTS] = "ports",
	[VNET_QUOTA_FDB] = "fdb",
	[VNET_QUOTA_ROUTES] = "routes",
	[VNET_QUOTA_NEIGH] = "neigh",
	[VNET_QUOTA_RULES] = "rules",
	[VNET_QUOTA_CONNS] = "conns",
};

const char *vnet_quota_name(int quota)
{
	if (quota < VNET_QUOTA_PORTS || quota > VNET_QUOTA_MAX)
		return NULL;
	return quota_names[quota];
}

int vnet_quota_parse(const char *name)
{
	int q;

	for (q = VNET_QUOTA_PORTS; q <= VNET_QUOTA_MAX; q++)
		if (!strcmp(quota_names[q], name))
			return q;
	return -1;
}

static int parse_u32(const char *str, uint32_t max, uint32_t *val)
{
	unsigned long long v;
	char *end;

	if (str[0] < '0' || str[0] > '9')
		return -1;
	errno = 0;
	v = strtoull(str, &end, 10);
	if (errno || *end || v > max)
		return -1;
	*val = v;
	return 0;
}

int vnet_quota_value_parse(const char *str, uint32_t *val, char *err,
			   size_t errlen)
{
	if (!strcmp(str, "unlimited")) {
		*val = VNET_QUOTA_UNLIMITED;
		return 0;
	}
	if (parse_u32(str, VNET_QUOTA_UNLIMITED - 1, val)) {
		snprintf(err, errlen,
			 "invalid quota \"%s\": expected a number or \"unlimited\"",
			 str);
		return -1;
	}
	return 0;
}

/* Inside an open network nest: @net by its id if all digits, else name. */
static int put_network_ref(struct nl_msg *msg, const char *net)
{
	uint32_t id;

	if (!parse_u32(net, VNET_NETWORK_ID_MAX, &id))
		return nla_put_u32(msg, VNET_NETWORK_ID, id);
	return nla_put_string(msg, VNET_NETWORK_NAME, net);
}

int vnet_put_network(struct nl_msg *msg, const char *net)
{
	struct nlattr *nest = nla_nest_start(msg, VNET_ATTR_NETWORK);

	if (!nest || put_network_ref(msg, net))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

void vnet_network_ref_parse(struct nlattr *nest, uint32_t *id, char *name,
			    size_t len)
{
	struct nlattr *tb[VNET_NETWORK_MAX + 1];

	if (!nest || nla_parse_nested(tb, VNET_NETWORK_MAX, nest, vnet_network_policy))
		return;
	if (tb[VNET_NETWORK_ID])
		*id = nla_get_u32(tb[VNET_NETWORK_ID]);
	if (tb[VNET_NETWORK_NAME])
		vnet_nla_strcpy(name, len, tb[VNET_NETWORK_NAME]);
}

/* Each VNET_QUOTA_* of @nest into @out (u32, or u64 if @out64). */
static void parse_quotas(struct nlattr *nest, uint32_t *out, uint64_t *out64)
{
	struct nlattr *a;
	int rem;

	if (!nest)
		return;
	nla_for_each_nested(a, nest, rem) {
		int q = nla_type(a);

		if (q < VNET_QUOTA_PORTS || q > VNET_QUOTA_MAX)
			continue;
		if (out64 && nla_len(a) >= 8)
			out64[q] = nla_get_u64(a);
		else if (out && nla_len(a) >= 4)
			out[q] = nla_get_u32(a);
	}
}

/* Every VNET_NETWORK_HOST and _HOST6 of @nest, as text. */
static void parse_hosts(struct nlattr *nest, struct vnet_network_info *info)
{
	struct nlattr *a;
	int rem;

	nla_for_each_nested(a, nest, rem) {
		int family;

		if (nla_type(a) == VNET_NETWORK_HOST && nla_len(a) == 4)
			family = AF_INET;
		else if (nla_type(a) == VNET_NETWORK_HOST6 && nla_len(a) == 16)
			family = AF_INET6;
		else
			continue;
		if (info->nhosts == VNET_HOSTS_MAX)
			return;
		inet_ntop(family, nla_data(a), info->hosts[info->nhosts],
			  sizeof(info->hosts[0]));
		info->nhosts++;
	}
}

bool vnet_network_info_parse(struct nlattr **attrs,
			     struct vnet_network_info *info)
{
	struct nlattr *tb[VNET_NETWORK_MAX + 1];

	memset(info, 0, sizeof(*info));
	if (!attrs[VNET_ATTR_NETWORK] ||
	    nla_parse_nested(tb, VNET_NETWORK_MAX, attrs[VNET_ATTR_NETWORK],
			     vnet_network_policy))
		return false;
	if (tb[VNET_NETWORK_ID])
		info->id = nla_get_u32(tb[VNET_NETWORK_ID]);
	if (tb[VNET_NETWORK_NAME])
		vnet_nla_strcpy(info->name, sizeof(info->name), tb[VNET_NETWORK_NAME]);
	if (tb[VNET_NETWORK_MTU])
		info->mtu = nla_get_u32(tb[VNET_NETWORK_MTU]);
	if (tb[VNET_NETWORK_DESCRIPTION])
		vnet_nla_strcpy(info->description, sizeof(info->description), tb[VNET_NETWORK_DESCRIPTION]);
	if (tb[VNET_NETWORK_UP])
		info->up = nla_get_u8(tb[VNET_NETWORK_UP]);
	if (tb[VNET_NETWORK_DEVICES])
		info->devices = nla_get_u32(tb[VNET_NETWORK_DEVICES]);
	if (tb[VNET_NETWORK_POLICERS])
		info->policers = nla_get_u32(tb[VNET_NETWORK_POLICERS]);
	parse_quotas(tb[VNET_NETWORK_QUOTA], info->limit, NULL);
	parse_quotas(tb[VNET_NETWORK_USAGE], info->used, NULL);
	parse_quotas(tb[VNET_NETWORK_DENIED], NULL, info->denied);
	if (tb[VNET_NETWORK_UNDERLAY])
		vnet_nla_strcpy(info->underlay, sizeof(info->underlay),
				tb[VNET_NETWORK_UNDERLAY]);
	if (tb[VNET_NETWORK_LOCAL])
		inet_ntop(AF_INET, nla_data(tb[VNET_NETWORK_LOCAL]), info->local,
			  sizeof(info->local));
	if (tb[VNET_NETWORK_LOCAL6])
		inet_ntop(AF_INET6, nla_data(tb[VNET_NETWORK_LOCAL6]),
			  info->local, sizeof(info->local));
	if (tb[VNET_NETWORK_VXLAN_PORT])
		info->vxlan_port = nla_get_u16(tb[VNET_NETWORK_VXLAN_PORT]);
	parse_hosts(attrs[VNET_ATTR_NETWORK], info);
	return true;
}

void vnet_network_config_init(struct vnet_network_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->up = -1;
}

static int network_id(struct vnet_network_config *cfg, const char *value,
		      char *err, size_t errlen)
{
	if (parse_u32(value, VNET_NETWORK_ID_MAX, &cfg->id)) {
		snprintf(err, errlen, "invalid network id \"%s\": expected 0 to %u",
			 value, (unsigned int)VNET_NETWORK_ID_MAX);
		return -1;
	}
	cfg->has_id = true;
	return 0;
}

static int network_mtu(struct vnet_network_config *cfg, const char *value,
		       char *err, size_t errlen)
{
	if (parse_u32(value, 65535, &cfg->mtu) || (cfg->mtu && cfg->mtu < 68)) {
		snprintf(err, errlen,
			 "invalid mtu \"%s\": expected 68 to 65535, or 0 for none",
			 value);
		return -1;
	}
	cfg->has_mtu = true;
	return 0;
}

static int network_description(struct vnet_network_config *cfg,
			       const char *value, char *err, size_t errlen)
{
	if (strlen(value) >= VNET_DESCRIPTION_SIZE) {
		snprintf(err, errlen, "description too long (at most %d characters)",
			 VNET_DESCRIPTION_SIZE - 1);
		return -1;
	}
	cfg->description = value;
	return 0;
}

static int network_underlay(struct vnet_network_config *cfg,
			    const char *value, char *err, size_t errlen)
{
	if (strlen(value) >= IF_NAMESIZE) {
		snprintf(err, errlen, "invalid underlay \"%s\": a device name of at most %d characters",
			 value, IF_NAMESIZE - 1);
		return -1;
	}
	cfg->underlay = value;
	return 0;
}

/* An underlay address as text into @a; -1 if it is none. */
static int ul_addr_parse(const char *text, struct vnet_ul_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET, text, a->addr) == 1)
		a->family = AF_INET;
	else if (inet_pton(AF_INET6, text, a->addr) == 1)
		a->family = AF_INET6;
	else
		return -1;
	return 0;
}

static int network_local(struct vnet_network_config *cfg, const char *value,
			 char *err, size_t errlen)
{
	if (ul_addr_parse(value, &cfg->local)) {
		snprintf(err, errlen, "invalid local address \"%s\": expected an IPv4 or IPv6 address",
			 value);
		return -1;
	}
	return 0;
}

static int network_vxlan_port(struct vnet_network_config *cfg,
			      const char *value, char *err, size_t errlen)
{
	uint32_t port;

	if (parse_u32(value, 65535, &port) || !port) {
		snprintf(err, errlen, "invalid port \"%s\": expected 1 to 65535",
			 value);
		return -1;
	}
	cfg->vxlan_port = port;
	cfg->has_vxlan_port = true;
	return 0;
}

/* The network parameters, and how each value is read into a config. */
static const struct {
	const char *name;
	int (*parse)(struct vnet_network_config *cfg, const char *value,
		     char *err, size_t errlen);
} network_params[] = {
	{ "id", network_id },
	{ "mtu", network_mtu },
	{ "description", network_description },
	{ "underlay", network_underlay },
	{ "local", network_local },
	{ "port", network_vxlan_port },
};

int vnet_network_config_param(struct vnet_network_config *cfg,
			      const char *name, const char *value,
			      char *err, size_t errlen)
{
	size_t i;

	for (i = 0; i < sizeof(network_params) / sizeof(network_params[0]); i++)
		if (!strcmp(name, network_params[i].name))
			return network_params[i].parse(cfg, value, err, errlen);
	snprintf(err, errlen, "unknown network parameter \"%s\" (mtu, description, underlay, local, port)",
		 name);
	return -1;
}

static int put_quotas(struct nl_msg *msg, int attr, uint32_t present,
		      const uint32_t *limits)
{
	struct nlattr *nest;
	int q;

	if (!present)
		return 0;
	nest = nla_nest_start(msg, attr);
	if (!nest)
		return -EMSGSIZE;
	for (q = VNET_QUOTA_PORTS; q <= VNET_QUOTA_MAX; q++)
		if ((present & (1u << q)) && nla_put_u32(msg, q, limits[q]))
			return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

static int put_ul_addr(struct nl_msg *msg, int attr4, int attr6,
		       const struct vnet_ul_addr *a)
{
	if (a->family == AF_INET)
		return nla_put(msg, attr4, 4, a->addr);
	if (a->family == AF_INET6)
		return nla_put(msg, attr6, 16, a->addr);
	return 0;
}

static int network_request(struct vnet_ctx *ctx, uint8_t cmd, const char *net,
			   const struct vnet_network_config *cfg, bool force,
			   vnet_msg_cb cb, void *arg)
{
	struct nl_msg *msg = vnet_msg_new(ctx, cmd, 0);
	struct nlattr *nest;

	if (!msg)
		return vnet_set_error(ctx, -ENOMEM, NULL);
	nest = nla_nest_start(msg, VNET_ATTR_NETWORK);
	/* A new network's name is a name; others may be named by id. */
	if (!nest ||
	    (cmd == VNET_CMD_NET_NEW ? nla_put_string(msg, VNET_NETWORK_NAME, net) :
				       put_network_ref(msg, net)))
		goto err;
	if (cfg) {
		if ((cfg->has_id && nla_put_u32(msg, VNET_NETWORK_ID, cfg->id)) ||
		    (cfg->has_mtu && nla_put_u32(msg, VNET_NETWORK_MTU, cfg->mtu)) ||
		    (cfg->description &&
		     nla_put_string(msg, VNET_NETWORK_DESCRIPTION, cfg->description)) ||
		    (cfg->up >= 0 && nla_put_u8(msg, VNET_NETWORK_UP, !!cfg->up)) ||
		    put_quotas(msg, VNET_NETWORK_QUOTA, cfg->quota_present,
			       cfg->quota) ||
		    (cfg->underlay &&
		     nla_put_string(msg, VNET_NETWORK_UNDERLAY, cfg->underlay)) ||
		    put_ul_addr(msg, VNET_NETWORK_LOCAL, VNET_NETWORK_LOCAL6,
				&cfg->local) ||
		    (cfg->has_vxlan_port &&
		     nla_put_u16(msg, VNET_NETWORK_VXLAN_PORT, cfg->vxlan_port)))
			goto err;
	}
	if (force && nla_put_flag(msg, VNET_NETWORK_FORCE))
		goto err;
	nla_nest_end(msg, nest);
	return vnet_request(ctx, msg, cb, arg);
err:
	nlmsg_free(msg);
	return vnet_set_error(ctx, -EMSGSIZE, NULL);
}

int vnet_network_create(struct vnet_ctx *ctx, const char *name,
			const struct vnet_network_config *cfg)
{
	return network_request(ctx, VNET_CMD_NET_NEW, name, cfg, false, NULL,
			       NULL);
}

int vnet_network_set(struct vnet_ctx *ctx, const char *net,
		     const struct vnet_network_config *cfg)
{
	return network_request(ctx, VNET_CMD_NET_SET, net, cfg, false, NULL,
			       NULL);
}

static int network_set_up(struct vnet_ctx *ctx, const char *net, int up)
{
	struct vnet_network_config cfg;

	vnet_network_config_init(&cfg);
	cfg.up = up;
	return vnet_network_set(ctx, net, &cfg);
}

int vnet_network_start(struct vnet_ctx *ctx, const char *net)
{
	return network_set_up(ctx, net, 1);
}

int vnet_network_stop(struct vnet_ctx *ctx, const char *net)
{
	return network_set_up(ctx, net, 0);
}

int vnet_network_delete(struct vnet_ctx *ctx, const char *net, bool force)
{
	return network_request(ctx, VNET_CMD_NET_DEL, net, NULL, force, NULL,
			       NULL);
}

int vnet_quota_set(struct vnet_ctx *ctx, const char *net, uint32_t present,
		   const uint32_t *limits)
{
	struct vnet_network_config cfg;

	vnet_network_config_init(&cfg);
	cfg.quota_present = present;
	memcpy(cfg.quota, limits, sizeof(cfg.quota));
	return vnet_network_set(ctx, net, &cfg);
}

struct get_arg {
	struct vnet_network_info *info;
	bool got;
};

static int get_one(struct nlattr **attrs, uint8_t cmd, void *arg)
{
	struct get_arg *ga = arg;

	(void)cmd;
	if (!vnet_network_info_parse(attrs, ga->info))
		return -EPROTO;
	ga->got = true;
	return 0;
}

/* A reply that does not parse as a network fails the get. */
int vnet_network_get(struct vnet_ctx *ctx, const char *net,
		     struct vnet_network_info *info)
{
	struct get_arg ga = { .got = false };
	int ret;

	ga.info = info;		/* filled by get_one() */
	ret = network_request(ctx, VNET_CMD_NET_GET, net, NULL, false,
			      get_one, &ga);
	if (!ret && !ga.got)
		ret = vnet_set_error(ctx, -EPROTO, "the kernel's reply names no network");
	return ret;
}

struct list_arg {
	vnet_network_cb cb;
	void *arg;
};

static int list_one(struct nlattr **attrs, uint8_t cmd, void *arg)
{
	struct list_arg *la = arg;
	struct vnet_network_info info;

	(void)cmd;
	if (!vnet_network_info_parse(attrs, &info))
		return 0;
	return la->cb(&info, la->arg);
}

int vnet_network_list(struct vnet_ctx *ctx, vnet_network_cb cb, void *arg)
{
	struct nl_msg *msg = vnet_msg_new(ctx, VNET_CMD_NET_GET, NLM_F_DUMP);
	struct list_arg la = { cb, arg };

	if (!msg)
		return vnet_set_error(ctx, -ENOMEM, NULL);
	return vnet_request(ctx, msg, list_one, &la);
}

static int network_host(struct vnet_ctx *ctx, uint8_t cmd, const char *net,
			const char *addr)
{
	struct vnet_ul_addr a;
	struct nl_msg *msg;
	struct nlattr *nest;

	if (ul_addr_parse(addr, &a))
		return vnet_set_error(ctx, -EINVAL,
				      "a host is an IPv4 or IPv6 address");
	msg = vnet_msg_new(ctx, cmd, 0);
	if (!msg)
		return vnet_set_error(ctx, -ENOMEM, NULL);
	nest = nla_nest_start(msg, VNET_ATTR_NETWORK);
	if (!nest || put_network_ref(msg, net) ||
	    put_ul_addr(msg, VNET_NETWORK_HOST, VNET_NETWORK_HOST6, &a)) {
		nlmsg_free(msg);
		return vnet_set_error(ctx, -EMSGSIZE, NULL);
	}
	nla_nest_end(msg, nest);
	return vnet_request(ctx, msg, NULL, NULL);
}

int vnet_network_host_add(struct vnet_ctx *ctx, const char *net,
			  const char *addr)
{
	return network_host(ctx, VNET_CMD_NET_HOST_NEW, net, addr);
}

int vnet_network_host_delete(struct vnet_ctx *ctx, const char *net,
			     const char *addr)
{
	return network_host(ctx, VNET_CMD_NET_HOST_DEL, net, addr);
}
