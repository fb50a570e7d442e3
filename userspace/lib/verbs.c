// SPDX-License-Identifier: LGPL-2.1
/*
 * The seed's verbs by name and value, as a person says them: set a
 * device's parameter, set a network's, allocate a resource, set its
 * parameter, manage it (read its usage).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "nl.h"

int vnet_dev_set_param(struct vnet_ctx *ctx, const char *dev,
		       const char *param, const char *value)
{
	struct vnet_dev_config cfg;
	struct vnet_dev_info info;
	char err[256];
	int ret;

	/* What a parameter means depends on the device's kind. */
	ret = vnet_dev_get(ctx, dev, &info);
	if (ret)
		return ret;
	vnet_dev_config_init(&cfg);
	if (!strcmp(param, "network")) {
		cfg.network = value;
	} else if (vnet_dev_config_param(&cfg, info.kind, param, value, err,
					 sizeof(err))) {
		return vnet_set_error(ctx, -EINVAL, err);
	}
	return vnet_dev_set(ctx, dev, &cfg);
}

int vnet_network_set_param(struct vnet_ctx *ctx, const char *net,
			   const char *param, const char *value)
{
	struct vnet_network_config cfg;
	char err[256];

	vnet_network_config_init(&cfg);
	if (!strcmp(param, "id"))
		return vnet_set_error(ctx, -EINVAL,
				      "the id of a network cannot be changed");
	if (vnet_network_config_param(&cfg, param, value, err, sizeof(err)))
		return vnet_set_error(ctx, -EINVAL, err);
	return vnet_network_set(ctx, net, &cfg);
}

int vnet_resource_allocate(struct vnet_ctx *ctx, const char *net,
			   const char *name, const char *rate)
{
	uint64_t bps;

	if (vnet_rate_parse(rate, &bps))
		return vnet_set_error(ctx, -EINVAL,
				      "invalid rate: expected e.g. 10mbit, 500kbit, 1gbit");
	return vnet_policer_add(ctx, net, name, bps, 0);
}

int vnet_resource_set_param(struct vnet_ctx *ctx, const char *net,
			    const char *name, const char *param,
			    const char *value)
{
	uint64_t rate = 0;
	uint32_t burst = 0;

	if (!strcmp(param, "rate")) {
		if (vnet_rate_parse(value, &rate))
			return vnet_set_error(ctx, -EINVAL, "invalid rate");
	} else if (!strcmp(param, "burst")) {
		if (vnet_size_parse(value, &burst) || !burst)
			return vnet_set_error(ctx, -EINVAL, "invalid burst");
	} else {
		return vnet_set_error(ctx, -EINVAL,
				      "a policer's parameters are rate and burst");
	}
	return vnet_policer_set(ctx, net, name, rate, burst);
}

struct find_arg {
	const char *name;
	struct vnet_policer_info *out;
	bool found;
};

static int find_policer(const struct vnet_policer_info *info, void *arg)
{
	struct find_arg *fa = arg;

	if (strcmp(info->name, fa->name))
		return 0;
	*fa->out = *info;
	fa->found = true;
	return 1;
}

int vnet_resource_usage(struct vnet_ctx *ctx, const char *net,
			const char *name, struct vnet_policer_info *info)
{
	struct find_arg fa = { name, info, false };
	int ret = vnet_policer_list(ctx, net, find_policer, &fa);

	if (ret)
		return ret;
	if (!fa.found)
		return vnet_set_error(ctx, -ENOENT, "no such policer in the network");
	return 0;
}
