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

/* util.c */
extern struct vnetctl g;

struct vnet_ctx *ctx(void);
bool matches(const char *arg, const char *word);
int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int kernel_error(void);
/* "OBJECT show DEV | flush DEV": which of the two; 0 or a usage error. */
int parse_show_flush(const char *object, int argc, char **argv, bool *show);
void json_out(struct json_object *obj);
/* End a listing: on @ret != 0 report the kernel's error, else print @arr
 * (when -j) and succeed.
 */
int json_finish(struct json_object *arr, int ret);

void mac_str(const uint8_t *a, char *buf, size_t len);
/* escape.c: a name the kernel reported, for text, Graphviz and JSON. */
const char *text_name(const char *s);
const char *dot_name(const char *s);
json_object *json_name(const char *s);
json_object *dev_info_json(const struct vnet_dev_info *info);
void dev_info_print(const struct vnet_dev_info *info);
void stats_print(const struct vnet_dev_stats *s, const char *indent,
		 enum vnet_kind kind, bool all);
json_object *stats_json(const struct vnet_dev_stats *s, enum vnet_kind kind);
json_object *port_info_json(const struct vnet_port_info *p, enum vnet_kind kind);
void port_info_print(const struct vnet_port_info *p, enum vnet_kind kind,
		     bool all_stats);
json_object *addr_json(const struct vnet_addr_info *a);
void addr_line(const struct vnet_addr_info *a);
json_object *route_json(const struct vnet_route_info *rt);
void route_line(const struct vnet_route_info *rt);
/* Print one device (@name) or all, as JSON (-j) or with @text. */
int show_devices(const char *name,
		 void (*text)(const struct vnet_dev_info *info));

/* The names of every device (of @kind, or any if UNSPEC); NULL on error. */
char **device_names(enum vnet_kind kind, int *count);
void free_names(char **names, int count);
int do_device(int argc, char **argv);
int do_stats(int argc, char **argv);
int do_port(int argc, char **argv);
int do_fdb(int argc, char **argv);
int do_addr(int argc, char **argv);
int do_route(int argc, char **argv);
int do_neigh(int argc, char **argv);
int do_conn(int argc, char **argv);
int do_rule(int argc, char **argv);
void rule_line(const struct vnet_rule *r, char *buf, size_t len);
int do_monitor(int argc, char **argv);
int do_network(int argc, char **argv);
int do_resource(int argc, char **argv);
int do_topology(int argc, char **argv);
json_object *network_json(const struct vnet_network_info *n);
void network_line(const struct vnet_network_info *n);

#endif
