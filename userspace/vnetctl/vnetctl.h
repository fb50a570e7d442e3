/* SPDX-License-Identifier: GPL-2.0 */
#ifndef VNETCTL_H
#define VNETCTL_H

#include <stdbool.h>
#include <stdio.h>
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
int check_dev_name(const char *dev);
int parse_index(const char *str, const char *what, uint32_t *index);
int parse_vid(const char *str, uint16_t *vid);
/* "OBJECT show DEV | flush DEV": which of the two; 0 or a usage error. */
int parse_show_flush(const char *object, int argc, char **argv, bool *show);
/*
 * One address, IPv6 if @str holds a ':' (into @addr6, *@family AF_INET6),
 * else IPv4 (into @addr, network order, AF_INET); -1 if malformed, with
 * *@family saying which it was taken for.
 */
int ip_parse(const char *str, int *family, uint32_t *addr, uint8_t *addr6);
/*
 * IPv4's @addr, or IPv6's @addr6 if @family is AF_INET6, as text in @buf
 * (INET6_ADDRSTRLEN bytes).
 */
const char *ip_str(int family, uint32_t addr, const uint8_t *addr6,
		   char *buf);

/*
 * output.c: each field printed once for text and JSON, as iproute2's
 * json_print.h has it: print_uint(PRINT_ANY, "mtu", " mtu %u", mtu). A
 * NULL format is for JSON only. A @key is ignored in an array.
 */
enum output_type {
	PRINT_FP = 1,		/* text only */
	PRINT_JSON = 2,		/* JSON only */
	PRINT_ANY = 3,		/* both */
};

/* -j, and no text being caught by print_text_to(). */
bool is_json_context(void);
void open_json_object(const char *key);
void close_json_object(void);
void open_json_array(const char *key);
void close_json_array(void);
void print_uint(enum output_type type, const char *key, const char *fmt,
		unsigned int value);
void print_u64(enum output_type type, const char *key, const char *fmt,
	       uint64_t value);
/* In text "true" or "false", print_on_off() "on" or "off", as a %s. */
void print_bool(enum output_type type, const char *key, const char *fmt,
		bool value);
void print_on_off(enum output_type type, const char *key, const char *fmt,
		  bool value);
/* A string vnetctl or libvnet made, printed as it is. */
void print_string(enum output_type type, const char *key, const char *fmt,
		  const char *value);
/* A name the kernel reported, escaped (escape.c). */
void print_name(enum output_type type, const char *key, const char *fmt,
		const char *value);
/* null in JSON; @text in text. */
void print_null(enum output_type type, const char *key, const char *fmt,
		const char *text);
void print_mac(enum output_type type, const char *key, const char *fmt,
	       const uint8_t *mac);
/* Milliseconds in JSON, seconds to the tenth in text ("1.5s", a %s). */
void print_ms(enum output_type type, const char *key, const char *fmt,
	      uint32_t ms);
/* Text only: the end of a line, and what JSON has no field for. */
void print_nl(void);
void print_text(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Text to @fp from now on, even with -j; NULL: to stdout again. */
void print_text_to(FILE *fp);
/* Print (with -j) the JSON closed last, a listing or an event. */
void json_out(void);
/* End a listing: on @ret != 0 report the kernel's error, else print it. */
int json_finish(int ret);

/* escape.c: a name the kernel reported, for text, Graphviz and JSON. */
const char *text_name(const char *s);
const char *dot_name(const char *s);
json_object *json_name(const char *s);

/*
 * The printers of objects more than one command prints: the fields of an
 * object the caller opened, and in text a line (or more, for counters).
 */
void print_dev(const struct vnet_dev_info *info);
/* Counters in an object "stats"; @all: in text, the zero drops too. */
void print_stats(const struct vnet_dev_stats *s, enum vnet_kind kind,
		 bool all);
void print_port(const struct vnet_port_info *p, enum vnet_kind kind,
		bool all_stats);
void print_addr(const struct vnet_addr_info *a);
void print_route(const struct vnet_route_info *rt);
void print_network(const struct vnet_network_info *n);
/* Print one device (@name) or all. */
int show_devices(const char *name);

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
int do_nat(int argc, char **argv);
int do_monitor(int argc, char **argv);
int do_network(int argc, char **argv);
int do_resource(int argc, char **argv);
int do_topology(int argc, char **argv);

#endif
