/* SPDX-License-Identifier: GPL-2.0 */
#ifndef VNETCTL_H
#define VNETCTL_H

#include <stdbool.h>
#include <json-c/json.h>
#include "libvnet.h"

/* Exit statuses: success, the operation failed, the command was wrong. */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

struct vnetctl {
	bool json;		/* -j */
	bool pretty;		/* -p */
	bool details;		/* -d */
	int lineno;		/* batch line, 0 outside batch mode */
	struct vnet_ctx *ctx;	/* opened on first use, kept for the batch */
};

extern struct vnetctl g;

struct vnet_ctx *ctx(void);
bool matches(const char *arg, const char *word);
int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int kernel_error(void);
void json_out(struct json_object *obj);

json_object *dev_info_json(const struct vnet_dev_info *info);
void dev_info_print(const struct vnet_dev_info *info);
void stats_print(const struct vnet_dev_info *info);
/* Print one device (@name) or all, as JSON (-j) or with @text. */
int show_devices(const char *name,
		 void (*text)(const struct vnet_dev_info *info));

int vnetctl_run(int argc, char **argv);
int do_device(int argc, char **argv);
int do_stats(int argc, char **argv);
int do_monitor(int argc, char **argv);

#endif
