// SPDX-License-Identifier: LGPL-2.1
/* Ports: add, set, delete, list. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <net/if.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include "nl.h"

void vnet_port_info_parse(struct nlattr **attrs, struct vnet_port_info *info)
{
	struct nlattr *tb[VNET_PORT_MAX + 1];
	size_t i;

	memset(info, 0, sizeof(*info));
	if (attrs[VNET_ATTR_IFINDEX])
		info->dev_ifindex = nla_get_u32(attrs[VNET_ATTR_IFINDEX]);
	if (attrs[VNET_ATTR_IFNAME])
		vnet_nla_strcpy(info->dev_name, sizeof(info->dev_name), attrs[VNET_ATTR_IFNAME]);
	if (!attrs[VNET_ATTR_PORT] ||
	    nla_parse_nested(tb, VNET_PORT_MAX, attrs[VNET_ATTR_PORT], vnet_port_policy))
		return;
	if (tb[VNET_PORT_INDEX])
		info->index = nla_get_u32(tb[VNET_PORT_INDEX]);
	if (tb[VNET_PORT_NAME])
		vnet_nla_strcpy(info->name, sizeof(info->name), tb[VNET_PORT_NAME]);
	if (tb[VNET_PORT_LOWER_IFINDEX])
		info->lower_ifindex = nla_get_u32(tb[VNET_PORT_LOWER_IFINDEX]);
	if (tb[VNET_PORT_LOWER_IFNAME])
		vnet_nla_strcpy(info->lower_name, sizeof(info->lower_name), tb[VNET_PORT_LOWER_IFNAME]);
	if (tb[VNET_PORT_PEER_IFNAME])
		vnet_nla_strcpy(info->peer_dev, sizeof(info->peer_dev), tb[VNET_PORT_PEER_IFNAME]);
	if (tb[VNET_PORT_PEER_NAME])
		vnet_nla_strcpy(info->peer_port, sizeof(info->peer_port), tb[VNET_PORT_PEER_NAME]);
	for (i = 0; i < vnet_port_param_count; i++) {
		int a = vnet_port_param_table[i].attr;

		if (tb[a]) {
			info->params_present |= 1u << a;
			info->params[a] = vnet_port_param_table[i].type == VNET_PT_U32 ?
					  nla_get_u32(tb[a]) : nla_get_u8(tb[a]);
		}
	}
	info->tunnel = tb[VNET_PORT_TUNNEL] && nla_get_u8(tb[VNET_PORT_TUNNEL]);
	info->owns_lower = tb[VNET_PORT_OWNS_LOWER] &&
			   nla_get_u8(tb[VNET_PORT_OWNS_LOWER]);
	info->has_vlan = vnet_vlan_info_parse(tb[VNET_PORT_VLAN], &info->vlan);
	if (tb[VNET_PORT_LEARNED]) {
		info->has_learned = true;
		info->learned = nla_get_u32(tb[VNET_PORT_LEARNED]);
	}
	info->has_stats = vnet_stats_parse(tb[VNET_PORT_STATS], &info->stats);
	if (tb[VNET_PORT_ALLOW_MAC]) {
		info->has_allow_mac = true;
		memcpy(info->allow_mac, nla_data(tb[VNET_PORT_ALLOW_MAC]), 6);
	}
	if (tb[VNET_PORT_ALLOW_IPS]) {
		struct nlattr *a;
		int rem;

		nla_for_each_nested(a, tb[VNET_PORT_ALLOW_IPS], rem) {
			int af = nla_type(a) == VNET_ALLOW_IP4 ? AF_INET : AF_INET6;

			if (info->n_allow_ip >= VNET_ALLOW_IPS_MAX ||
			    nla_len(a) < (af == AF_INET ? 4 : 16))
				break;
			inet_ntop(af, nla_data(a), info->allow_ip[info->n_allow_ip],
				  sizeof(info->allow_ip[0]));
			info->n_allow_ip++;
		}
	}
	if (tb[VNET_PORT_ADDRESS])
		memcpy(info->address, nla_data(tb[VNET_PORT_ADDRESS]), 6);
	if (tb[VNET_PORT_POLICER])
		vnet_nla_strcpy(info->policer, sizeof(info->policer), tb[VNET_PORT_POLICER]);
}

void vnet_port_config_init(struct vnet_port_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->n_allow_ip = -1;
}

int vnet_port_config_allow_ip(struct vnet_port_config *cfg, const char *addr)
{
	int i;

	if (cfg->n_allow_ip < 0)
		cfg->n_allow_ip = 0;
	i = cfg->n_allow_ip;
	if (i >= VNET_ALLOW_IPS_MAX)
		return -E2BIG;
	if (inet_pton(AF_INET, addr, cfg->allow_ip[i].addr) == 1)
		cfg->allow_ip[i].family = AF_INET;
	else if (inet_pton(AF_INET6, addr, cfg->allow_ip[i].addr) == 1)
		cfg->allow_ip[i].family = AF_INET6;
	else
		return -EINVAL;
	cfg->n_allow_ip++;
	return 0;
}

/* Port security and the policer of @cfg into the port nest of @msg. */
static int put_extras(struct nl_msg *msg, const struct vnet_port_config *cfg)
{
	struct nlattr *nest;
	int i;

	if (cfg->set_allow_mac &&
	    nla_put(msg, VNET_PORT_ALLOW_MAC, 6, cfg->allow_mac))
		return -EMSGSIZE;
	if (cfg->policer && nla_put_string(msg, VNET_PORT_POLICER, cfg->policer))
		return -EMSGSIZE;
	if (cfg->set_vlan && vnet_vlan_put(msg, VNET_PORT_VLAN, &cfg->vlan))
		return -EMSGSIZE;
	if (cfg->n_allow_ip < 0)
		return 0;
	nest = nla_nest_start(msg, VNET_PORT_ALLOW_IPS);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < cfg->n_allow_ip; i++) {
		int v4 = cfg->allow_ip[i].family == AF_INET;

		if (nla_put(msg, v4 ? VNET_ALLOW_IP4 : VNET_ALLOW_IP6, v4 ? 4 : 16,
			    cfg->allow_ip[i].addr))
			return -EMSGSIZE;
	}
	/* An empty list is meaningful: it lifts the restriction. */
	nla_nest_end_keep_empty(msg, nest);
	return 0;
}

static int put_params(struct nl_msg *msg, uint32_t present,
		      const uint32_t *params)
{
	size_t i;

	for (i = 0; i < vnet_port_param_count; i++) {
		int a = vnet_port_param_table[i].attr;

		if (!(present & (1u << a)))
			continue;
		if (vnet_port_param_table[i].type == VNET_PT_U32 ?
		    nla_put_u32(msg, a, params[a]) : nla_put_u8(msg, a, params[a]))
			return -EMSGSIZE;
	}
	return 0;
}

static int port_request(struct vnet_ctx *ctx, uint8_t cmd, const char *dev,
			const char *lower, const char *port,
			uint32_t present, const uint32_t *params,
			const struct vnet_port_config *cfg, int owned_ifindex)
{
	struct nl_msg *msg;
	struct nlattr *nest;

	if (port && !lower && vnet_check_port(ctx, port))
		return ctx->err;
	msg = vnet_dev_msg(ctx, cmd, 0, dev);
	if (!msg)
		return ctx->err;
	nest = nla_nest_start(msg, VNET_ATTR_PORT);
	if (!nest ||
	    (owned_ifindex ?
	     nla_put_u32(msg, VNET_PORT_LOWER_IFINDEX, owned_ifindex) ||
	     nla_put_u8(msg, VNET_PORT_OWNS_LOWER, 1) :
	     lower && nla_put_string(msg, VNET_PORT_LOWER_IFNAME, lower)) ||
	    (port && (lower ? nla_put_string(msg, VNET_PORT_NAME, port) :
			      vnet_put_port(msg, VNET_PORT_INDEX,
						VNET_PORT_NAME, port))) ||
	    put_params(msg, present, params) ||
	    (cfg && put_extras(msg, cfg))) {
		nlmsg_free(msg);
		return vnet_set_error(ctx, -EMSGSIZE, NULL);
	}
	nla_nest_end(msg, nest);
	return vnet_request(ctx, msg, NULL, NULL);
}

int vnet_port_configure(struct vnet_ctx *ctx, const char *dev,
			const char *port, const struct vnet_port_config *cfg)
{
	return port_request(ctx, VNET_CMD_PORT_SET, dev, NULL, port,
			    cfg->params_present, cfg->params, cfg, 0);
}

int vnet_port_add(struct vnet_ctx *ctx, const char *dev, const char *lower,
		  const char *name, uint32_t params_present,
		  const uint32_t *params)
{
	return port_request(ctx, VNET_CMD_PORT_NEW, dev, lower, name,
			    params_present, params, NULL, 0);
}

/* The new port is published with every setting of @cfg already on. */
int vnet_port_add_config(struct vnet_ctx *ctx, const char *dev,
			 const char *lower, const char *name,
			 const struct vnet_port_config *cfg)
{
	return port_request(ctx, VNET_CMD_PORT_NEW, dev, lower, name,
			    cfg->params_present, cfg->params, cfg, 0);
}

int vnet_port_add_vlan(struct vnet_ctx *ctx, const char *dev,
		       const char *lower, uint16_t vid, const char *name,
		       const struct vnet_port_config *cfg)
{
	char made[IF_NAMESIZE + 8], why[sizeof(ctx->errmsg)];
	int err, ifindex;

	if (vid < 1 || vid > VNET_VLAN_VID_MAX) {
		snprintf(why, sizeof(why), "invalid VLAN %u (1 to %d)", vid,
			 VNET_VLAN_VID_MAX);
		return vnet_set_error(ctx, -EINVAL, why);
	}
	snprintf(made, sizeof(made), "%s.%u", lower, vid);
	if (!name && strlen(made) >= IF_NAMESIZE) {
		snprintf(why, sizeof(why),
			 "the VLAN device's name %s is longer than %d characters: give the port a name",
			 made, IF_NAMESIZE - 1);
		return vnet_set_error(ctx, -ENAMETOOLONG, why);
	}
	if (!name)
		name = made;
	/* Taken as it is: no "%d" for the kernel to fill in, as it would. */
	if (!name[0] || strlen(name) >= IF_NAMESIZE ||
	    strpbrk(name, "%/: \t\n")) {
		snprintf(why, sizeof(why), "invalid device name \"%.*s\"",
			 IF_NAMESIZE * 2, name);
		return vnet_set_error(ctx, -EINVAL, why);
	}
	err = vnet_vlan_dev_make(ctx, lower, vid, name);
	if (err)
		return err;
	/* From here on by its index: a name can be taken over. */
	ifindex = if_nametoindex(name);
	if (!ifindex)
		err = vnet_set_error(ctx, -ENODEV,
				     "the VLAN device made for the port is gone");
	else
		err = port_request(ctx, VNET_CMD_PORT_NEW, dev, name, name,
				   cfg ? cfg->params_present : 0,
				   cfg ? cfg->params : NULL, cfg, ifindex);
	if (err) {
		/* The port's error stays, the clean-up's is added. */
		snprintf(why, sizeof(why), "%s", ctx->errmsg);
		if (!ifindex || vnet_vlan_dev_delete(ctx, ifindex)) {
			size_t n = strlen(why);

			snprintf(why + n, sizeof(why) - n,
				 " (and the VLAN device %s made for it is left)",
				 name);
		}
		vnet_set_error(ctx, err, why);
	}
	return err;
}

int vnet_patch_add(struct vnet_ctx *ctx, const char *dev, const char *peer_dev,
		   const char *name, const char *peer_name,
		   uint32_t params_present, const uint32_t *params)
{
	struct vnet_port_config cfg;

	vnet_port_config_init(&cfg);
	cfg.params_present = params_present;
	if (params)
		memcpy(cfg.params, params, sizeof(cfg.params));
	return vnet_patch_add_config(ctx, dev, peer_dev, name, peer_name, &cfg);
}

int vnet_patch_add_config(struct vnet_ctx *ctx, const char *dev,
			  const char *peer_dev, const char *name,
			  const char *peer_name,
			  const struct vnet_port_config *cfg)
{
	struct nl_msg *msg = vnet_dev_msg(ctx, VNET_CMD_PORT_NEW, 0, dev);
	struct nlattr *nest;

	if (!msg)
		return ctx->err;
	nest = nla_nest_start(msg, VNET_ATTR_PORT);
	if (!nest ||
	    nla_put_string(msg, VNET_PORT_PEER_IFNAME, peer_dev) ||
	    (name && nla_put_string(msg, VNET_PORT_NAME, name)) ||
	    (peer_name && nla_put_string(msg, VNET_PORT_PEER_NAME, peer_name)) ||
	    put_params(msg, cfg->params_present, cfg->params) ||
	    put_extras(msg, cfg)) {
		nlmsg_free(msg);
		return vnet_set_error(ctx, -EMSGSIZE, NULL);
	}
	nla_nest_end(msg, nest);
	return vnet_request(ctx, msg, NULL, NULL);
}

int vnet_port_set(struct vnet_ctx *ctx, const char *dev, const char *port,
		  uint32_t params_present, const uint32_t *params)
{
	return port_request(ctx, VNET_CMD_PORT_SET, dev, NULL, port,
			    params_present, params, NULL, 0);
}

int vnet_port_delete(struct vnet_ctx *ctx, const char *dev, const char *port)
{
	return port_request(ctx, VNET_CMD_PORT_DEL, dev, NULL, port, 0, NULL,
			    NULL, 0);
}

struct port_list_arg {
	vnet_port_cb cb;
	void *arg;
};

static int port_one(struct nlattr **attrs, uint8_t cmd, void *arg)
{
	struct port_list_arg *la = arg;
	struct vnet_port_info info;

	(void)cmd;
	vnet_port_info_parse(attrs, &info);
	return la->cb(&info, la->arg);
}

int vnet_port_list(struct vnet_ctx *ctx, const char *dev, vnet_port_cb cb,
		   void *arg)
{
	struct nl_msg *msg = vnet_dev_msg(ctx, VNET_CMD_PORT_GET, NLM_F_DUMP, dev);
	struct port_list_arg la = { cb, arg };

	if (!msg)
		return ctx->err;
	return vnet_request(ctx, msg, port_one, &la);
}
