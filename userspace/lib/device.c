// SPDX-License-Identifier: LGPL-2.1
/* Devices: create, set, start, stop, delete, get, list. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "nl.h"

/* One VNET_VLAN_VNIS_ENTRY into @info's list, kept in VLAN order. */
static void vlan_vni_add(struct vnet_dev_info *info, struct nlattr *nest)
{
	struct nlattr *tb[VNET_VLAN_VNI_MAX + 1];
	struct vnet_vlan_vni vv;
	unsigned int i;

	if (info->n_vlan_vnis >= VNET_VLAN_VNI_LIMIT ||
	    nla_parse_nested(tb, VNET_VLAN_VNI_MAX, nest,
			     vnet_vlan_vni_policy) ||
	    !tb[VNET_VLAN_VNI_VID] || !tb[VNET_VLAN_VNI_VNI])
		return;
	vv.vid = nla_get_u16(tb[VNET_VLAN_VNI_VID]);
	vv.vni = nla_get_u32(tb[VNET_VLAN_VNI_VNI]);
	for (i = info->n_vlan_vnis; i > 0 && info->vlan_vnis[i - 1].vid > vv.vid; i--)
		info->vlan_vnis[i] = info->vlan_vnis[i - 1];
	info->vlan_vnis[i] = vv;
	info->n_vlan_vnis++;
}

void vnet_dev_info_parse(struct nlattr **attrs, struct vnet_dev_info *info)
{
	memset(info, 0, sizeof(*info));
	if (attrs[VNET_ATTR_IFINDEX])
		info->ifindex = nla_get_u32(attrs[VNET_ATTR_IFINDEX]);
	if (attrs[VNET_ATTR_IFNAME])
		vnet_nla_strcpy(info->name, sizeof(info->name), attrs[VNET_ATTR_IFNAME]);
	if (attrs[VNET_ATTR_KIND])
		info->kind = nla_get_u32(attrs[VNET_ATTR_KIND]);
	if (attrs[VNET_ATTR_UP])
		info->up = nla_get_u8(attrs[VNET_ATTR_UP]);
	if (attrs[VNET_ATTR_RUNNING])
		info->running = nla_get_u8(attrs[VNET_ATTR_RUNNING]);
	if (attrs[VNET_ATTR_MTU])
		info->mtu = nla_get_u32(attrs[VNET_ATTR_MTU]);
	if (attrs[VNET_ATTR_ADDRESS])
		memcpy(info->address, nla_data(attrs[VNET_ATTR_ADDRESS]), 6);
	if (attrs[VNET_ATTR_PARAMS]) {
		struct nlattr *p;
		int rem;

		nla_for_each_nested(p, attrs[VNET_ATTR_PARAMS], rem) {
			int type = nla_type(p);
			const struct vnet_param_desc *d = vnet_param_by_attr(type);

			/* Unknown, or shorter than its type: not read. */
			if (!d || nla_len(p) < (d->type == VNET_PT_U32 ? 4 : 1))
				continue;
			info->params_present |= 1u << type;
			info->params[type] = d->type == VNET_PT_U32 ?
					     nla_get_u32(p) : nla_get_u8(p);
		}
	}
	info->has_stats = vnet_stats_parse(attrs[VNET_ATTR_STATS], &info->stats);
	vnet_network_ref_parse(attrs[VNET_ATTR_NETWORK], &info->network_id,
			       info->network, sizeof(info->network));
	if (attrs[VNET_ATTR_VNI])
		info->vni = nla_get_u32(attrs[VNET_ATTR_VNI]);
	info->has_host_vlan = vnet_vlan_info_parse(attrs[VNET_ATTR_HOST_VLAN],
						   &info->host_vlan);
	if (attrs[VNET_ATTR_VLAN_VNIS]) {
		struct nlattr *e;
		int rem;

		nla_for_each_nested(e, attrs[VNET_ATTR_VLAN_VNIS], rem)
			if (nla_type(e) == VNET_VLAN_VNIS_ENTRY)
				vlan_vni_add(info, e);
	}
}

void vnet_dev_config_init(struct vnet_dev_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->up = -1;
}

int vnet_dev_config_param(struct vnet_dev_config *cfg, enum vnet_kind kind,
			  const char *name, const char *value,
			  char *err, size_t errlen)
{
	const struct vnet_param_desc *d = vnet_param_by_name(kind, name);
	uint32_t v;
	int ret;

	if (!d) {
		snprintf(err, errlen, "unknown parameter \"%s\" for %s devices",
			 name, vnet_kind_name(kind));
		return -EINVAL;
	}
	ret = vnet_param_parse(d, value, &v, err, errlen);
	if (ret)
		return ret;
	cfg->params_present |= 1u << d->attr;
	cfg->params[d->attr] = v;
	return 0;
}

static int put_config(struct nl_msg *msg, const struct vnet_dev_config *cfg)
{
	struct nlattr *nest;
	int a;

	if (cfg->mtu && nla_put_u32(msg, VNET_ATTR_MTU, cfg->mtu))
		return -EMSGSIZE;
	if (cfg->up >= 0 && nla_put_u8(msg, VNET_ATTR_UP, !!cfg->up))
		return -EMSGSIZE;
	if (cfg->network && vnet_put_network(msg, cfg->network))
		return -EMSGSIZE;
	if (cfg->has_vni && nla_put_u32(msg, VNET_ATTR_VNI, cfg->vni))
		return -EMSGSIZE;
	if (cfg->set_host_vlan &&
	    vnet_vlan_put(msg, VNET_ATTR_HOST_VLAN, &cfg->host_vlan))
		return -EMSGSIZE;
	if (cfg->has_vlan_vni) {
		nest = nla_nest_start(msg, VNET_ATTR_VLAN_VNI);
		if (!nest ||
		    nla_put_u16(msg, VNET_VLAN_VNI_VID, cfg->vlan_vni.vid) ||
		    nla_put_u32(msg, VNET_VLAN_VNI_VNI, cfg->vlan_vni.vni))
			return -EMSGSIZE;
		nla_nest_end(msg, nest);
	}
	if (!cfg->params_present)
		return 0;
	nest = nla_nest_start(msg, VNET_ATTR_PARAMS);
	if (!nest)
		return -EMSGSIZE;
	for (a = 1; a <= VNET_PARAM_MAX; a++) {
		const struct vnet_param_desc *d = vnet_param_by_attr(a);
		int ret;

		if (!(cfg->params_present & (1u << a)) || !d)
			continue;
		if (d->type == VNET_PT_U32)
			ret = nla_put_u32(msg, a, cfg->params[a]);
		else
			ret = nla_put_u8(msg, a, cfg->params[a]);
		if (ret)
			return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

static int send_config(struct vnet_ctx *ctx, struct nl_msg *msg,
		       const struct vnet_dev_config *cfg)
{
	if (put_config(msg, cfg)) {
		nlmsg_free(msg);
		return vnet_set_error(ctx, -EMSGSIZE, NULL);
	}
	return vnet_request(ctx, msg, NULL, NULL);
}

int vnet_dev_create(struct vnet_ctx *ctx, const char *name,
		    const struct vnet_dev_config *cfg)
{
	struct nl_msg *msg = vnet_dev_msg(ctx, VNET_CMD_DEV_NEW, 0, name);

	if (!msg)
		return ctx->err;
	if (nla_put_u32(msg, VNET_ATTR_KIND, cfg->kind)) {
		nlmsg_free(msg);
		return vnet_set_error(ctx, -EMSGSIZE, NULL);
	}
	return send_config(ctx, msg, cfg);
}

int vnet_dev_set(struct vnet_ctx *ctx, const char *name,
		 const struct vnet_dev_config *cfg)
{
	struct nl_msg *msg = vnet_dev_msg(ctx, VNET_CMD_DEV_SET, 0, name);

	if (!msg)
		return ctx->err;
	return send_config(ctx, msg, cfg);
}

static int dev_set_up(struct vnet_ctx *ctx, const char *name, int up)
{
	struct vnet_dev_config cfg;

	vnet_dev_config_init(&cfg);
	cfg.up = up;
	return vnet_dev_set(ctx, name, &cfg);
}

int vnet_dev_start(struct vnet_ctx *ctx, const char *name)
{
	return dev_set_up(ctx, name, 1);
}

int vnet_dev_stop(struct vnet_ctx *ctx, const char *name)
{
	return dev_set_up(ctx, name, 0);
}

int vnet_dev_delete(struct vnet_ctx *ctx, const char *name)
{
	struct nl_msg *msg = vnet_dev_msg(ctx, VNET_CMD_DEV_DEL, 0, name);

	if (!msg)
		return ctx->err;
	return vnet_request(ctx, msg, NULL, NULL);
}

struct get_arg {
	struct vnet_dev_info *info;
	bool got;
};

static int get_one(struct nlattr **attrs, uint8_t cmd, void *arg)
{
	struct get_arg *ga = arg;

	(void)cmd;
	if (!attrs[VNET_ATTR_IFINDEX] || !attrs[VNET_ATTR_IFNAME])
		return -EPROTO;
	vnet_dev_info_parse(attrs, ga->info);
	ga->got = true;
	return 0;
}

/* A reply that does not say which device it is about fails the get. */
int vnet_dev_get(struct vnet_ctx *ctx, const char *name,
		 struct vnet_dev_info *info)
{
	struct nl_msg *msg = vnet_dev_msg(ctx, VNET_CMD_DEV_GET, 0, name);
	struct get_arg ga = { .got = false };
	int ret;

	if (!msg)
		return ctx->err;
	ga.info = info;		/* filled by get_one() */
	ret = vnet_request(ctx, msg, get_one, &ga);
	if (!ret && !ga.got)
		ret = vnet_set_error(ctx, -EPROTO, "the kernel's reply names no device");
	return ret;
}

struct list_arg {
	vnet_dev_cb cb;
	void *arg;
};

static int list_one(struct nlattr **attrs, uint8_t cmd, void *arg)
{
	struct list_arg *la = arg;
	struct vnet_dev_info info;

	(void)cmd;
	vnet_dev_info_parse(attrs, &info);
	return la->cb(&info, la->arg);
}

int vnet_dev_list(struct vnet_ctx *ctx, vnet_dev_cb cb, void *arg)
{
	struct nl_msg *msg = vnet_msg_new(ctx, VNET_CMD_DEV_GET, NLM_F_DUMP);
	struct list_arg la = { cb, arg };

	if (!msg)
		return vnet_set_error(ctx, -ENOMEM, NULL);
	return vnet_request(ctx, msg, list_one, &la);
}
