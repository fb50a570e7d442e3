/* SPDX-License-Identifier: LGPL-2.1 */
/*
 * libvnet: drive the vnet kernel module over its generic netlink family.
 *
 * The verbs follow the objects: create a device, set its parameters,
 * start it, show it, delete it. Every call returns 0 or a negative errno;
 * vnet_errmsg() then holds the kernel's extack message when it gave one.
 */
#ifndef LIBVNET_H
#define LIBVNET_H

#include <stdbool.h>
#include <stdint.h>
#include <net/if.h>
#include <linux/vnet.h>
#include "params.h"

struct vnet_ctx;

struct vnet_ctx *vnet_open(void);
void vnet_close(struct vnet_ctx *ctx);
const char *vnet_errmsg(const struct vnet_ctx *ctx);

struct vnet_dev_stats {
	uint64_t rx_packets, rx_bytes, tx_packets, tx_bytes;
	uint64_t rx_dropped, tx_dropped;
};

/* A device as the kernel reports it. */
struct vnet_dev_info {
	uint32_t ifindex;
	char name[IF_NAMESIZE];
	enum vnet_kind kind;
	bool up, running;
	uint32_t mtu;
	uint8_t address[6];
	uint32_t params_present;		/* bit per VNET_PARAM_* */
	uint32_t params[VNET_PARAM_MAX + 1];
	bool has_stats;
	struct vnet_dev_stats stats;
};

/* What a create or set request changes; zero-initialise, then fill. */
struct vnet_dev_config {
	enum vnet_kind kind;			/* create only */
	uint32_t mtu;				/* 0: unchanged */
	int up;					/* -1: unchanged, 0 stop, 1 start */
	uint32_t params_present;		/* bit per VNET_PARAM_* */
	uint32_t params[VNET_PARAM_MAX + 1];
};

void vnet_dev_config_init(struct vnet_dev_config *cfg);
int vnet_dev_config_param(struct vnet_dev_config *cfg, enum vnet_kind kind,
			  const char *name, const char *value,
			  char *err, size_t errlen);

int vnet_dev_create(struct vnet_ctx *ctx, const char *name,
		    const struct vnet_dev_config *cfg);
int vnet_dev_set(struct vnet_ctx *ctx, const char *name,
		 const struct vnet_dev_config *cfg);
int vnet_dev_start(struct vnet_ctx *ctx, const char *name);
int vnet_dev_stop(struct vnet_ctx *ctx, const char *name);
int vnet_dev_delete(struct vnet_ctx *ctx, const char *name);
int vnet_dev_get(struct vnet_ctx *ctx, const char *name,
		 struct vnet_dev_info *info);

typedef int (*vnet_dev_cb)(const struct vnet_dev_info *info, void *arg);
/* Calls @cb for every device of the namespace; a non-zero return stops. */
int vnet_dev_list(struct vnet_ctx *ctx, vnet_dev_cb cb, void *arg);

/* Monitor events: the command (VNET_CMD_DEV_NEW/DEL/SET) and the device. */
typedef int (*vnet_event_cb)(uint8_t cmd, const struct vnet_dev_info *info,
			     void *arg);
/* Joins the "monitor" group and calls @cb per event until it returns != 0. */
int vnet_monitor(struct vnet_ctx *ctx, vnet_event_cb cb, void *arg);

#endif
