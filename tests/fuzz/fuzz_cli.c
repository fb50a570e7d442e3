// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness over vnetctl's parsers: the batch line splitter, the
 * device parameter parser of every kind, and the network, quota, rate,
 * size and allowed-address parsers. Beyond not crashing (ASan, UBSan),
 * what they accept must make sense: words stay inside the line, a parsed
 * parameter belongs to the kind and lies within its range, a network id
 * fits 24 bits, an MTU its range, a rate is not zero.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include "libvnet.h"
#include "batch.h"

static void check_param(const struct vnet_dev_config *cfg, enum vnet_kind kind)
{
	int a;

	for (a = 0; a <= VNET_PARAM_MAX; a++) {
		const struct vnet_param_desc *d = vnet_param_by_attr(a);

		if (!(cfg->params_present & (1u << a)))
			continue;
		if (!d || !vnet_param_of_kind(d, kind))
			abort();
		if (d->type == VNET_PT_U32 &&
		    (cfg->params[a] < d->min || cfg->params[a] > d->max))
			abort();
		if (d->type == VNET_PT_BOOL && cfg->params[a] > 1)
			abort();
		if (d->type == VNET_PT_ENUM) {
			uint32_t n = 0;

			while (d->names[n])
				n++;
			if (cfg->params[a] >= n)
				abort();
		}
	}
}

/*
 * A VLAN list parses into IDs 1 to 4094 only, or leaves the set empty;
 * what parses prints back and parses again to the same set.
 */
static void check_vlan_ids(const char *str)
{
	static char text[VNET_VLAN_BITMAP_LEN * 8 * 5];
	uint8_t bits[VNET_VLAN_BITMAP_LEN], again[VNET_VLAN_BITMAP_LEN];
	static const uint8_t none[VNET_VLAN_BITMAP_LEN];

	if (vnet_vlan_ids_parse(str, bits)) {
		if (memcmp(bits, none, sizeof(bits)))
			abort();
		return;
	}
	if ((bits[0] & 1) || (bits[VNET_VLAN_BITMAP_LEN - 1] & 0x80) ||
	    vnet_vlan_ids_format(bits, text, sizeof(text)) ||
	    vnet_vlan_ids_parse(text, again) || memcmp(bits, again, sizeof(bits)))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[BATCH_MAX_ARGS];
	const char *err = NULL;
	char *line = malloc(size + 1);
	char msg[256];
	int argc, i, k;

	if (!line)
		return 0;
	memcpy(line, data, size);
	line[size] = '\0';
	argc = batch_split(line, argv, BATCH_MAX_ARGS, &err);
	if (argc < 0 && !err)
		abort();
	for (i = 0; i < argc; i++)
		if (argv[i] < line || argv[i] > line + size ||
		    argv[i] + strlen(argv[i]) > line + size)
			abort();
	for (k = VNET_KIND_UNSPEC + 1; k <= VNET_KIND_MAX; k++) {
		struct vnet_dev_config cfg;

		vnet_dev_config_init(&cfg);
		for (i = 0; i + 1 < argc; i += 2)
			if (vnet_dev_config_param(&cfg, k, argv[i], argv[i + 1],
						  msg, sizeof(msg)) && !msg[0])
				abort();
		check_param(&cfg, k);
	}
	for (i = 0; i + 1 < argc; i += 2) {
		struct vnet_network_config ncfg;
		struct vnet_port_config pcfg;
		uint64_t rate;
		uint32_t v;

		vnet_network_config_init(&ncfg);
		if (!vnet_network_config_param(&ncfg, argv[i], argv[i + 1], msg,
					       sizeof(msg)) &&
		    ((ncfg.has_id && ncfg.id > VNET_NETWORK_ID_MAX) ||
		     (ncfg.has_mtu && ncfg.mtu && (ncfg.mtu < 68 || ncfg.mtu > 65535))))
			abort();
		if (!vnet_rate_parse(argv[i], &rate) && !rate)
			abort();
		vnet_size_parse(argv[i], &v);
		if (!vnet_quota_value_parse(argv[i], &v, msg, sizeof(msg)) &&
		    v == VNET_QUOTA_UNLIMITED && strcmp(argv[i], "unlimited"))
			abort();
		vnet_port_config_init(&pcfg);
		if (!vnet_port_config_allow_ip(&pcfg, argv[i]) &&
		    pcfg.allow_ip[0].family != AF_INET &&
		    pcfg.allow_ip[0].family != AF_INET6)
			abort();
		check_vlan_ids(argv[i]);
	}
	if (argc > 0 && vnet_kind_parse(argv[0]) != VNET_KIND_UNSPEC &&
	    strcmp(vnet_kind_name(vnet_kind_parse(argv[0])), argv[0]))
		abort();
	free(line);
	return 0;
}
