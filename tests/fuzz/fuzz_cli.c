// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness over vnetctl's parsers: the batch line splitter and the
 * device parameter parser of every kind. Beyond not crashing (ASan, UBSan),
 * what they accept must make sense: words stay inside the line, and a
 * parsed parameter belongs to the kind and lies within its range.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "libvnet.h"
#include "batch.h"

static void check_param(const struct vnet_dev_config *cfg, enum vnet_kind kind)
{
	int a;

	for (a = 0; a <= VNET_PARAM_MAX; a++) {
		const struct vnet_param_desc *d = vnet_param_by_attr(a);

		if (!(cfg->params_present & (1u << a)))
			continue;
		if (!d || d->kind != kind)
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
	if (argc > 0 && vnet_kind_parse(argv[0]) != VNET_KIND_UNSPEC &&
	    strcmp(vnet_kind_name(vnet_kind_parse(argv[0])), argv[0]))
		abort();
	free(line);
	return 0;
}
