// SPDX-License-Identifier: GPL-2.0
/*
 * vnetctl rule: a vfirewall's ordered rule list.
 *   rule add DEV RULE... | del DEV INDEX | flush DEV | show DEV
 *   rule replace DEV FILE     (one rule a line, "rule add" syntax, # comments)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include "vnetctl.h"
#include "batch.h"

static int check_dev(const char *dev)
{
	if (!dev[0] || strlen(dev) >= IF_NAMESIZE)
		return usage_error("invalid device name \"%s\"", dev);
	return 0;
}

static int rule_add(int argc, char **argv)
{
	struct vnet_rule r;
	char err[256];
	int ret;

	if (argc < 1)
		return usage_error("rule add: expected DEV [MATCH]... action accept|drop|reject");
	ret = check_dev(argv[0]);
	if (ret)
		return ret;
	if (vnet_rule_parse(argc - 1, argv + 1, &r, err, sizeof(err)))
		return usage_error("rule add: %s", err);
	if (!ctx())
		return EXIT_FAIL;
	return vnet_rule_add(g.ctx, argv[0], &r) ? kernel_error() : EXIT_OK;
}

static int rule_del(int argc, char **argv)
{
	char *end;
	unsigned long index;
	int ret;

	if (argc != 2)
		return usage_error("rule del: expected DEV INDEX");
	ret = check_dev(argv[0]);
	if (ret)
		return ret;
	/* Digits only: strtoul() would take a sign or blanks, and wrap. */
	errno = 0;
	index = strtoul(argv[1], &end, 10);
	if (argv[1][0] < '0' || argv[1][0] > '9' || errno || *end || !index ||
	    index > UINT32_MAX)
		return usage_error("invalid rule index \"%s\": expected a number from 1 to %u",
				   argv[1], UINT32_MAX);
	if (!ctx())
		return EXIT_FAIL;
	return vnet_rule_delete(g.ctx, argv[0], index) ? kernel_error() : EXIT_OK;
}

static int rule_flush(int argc, char **argv)
{
	int ret;

	if (argc != 1)
		return usage_error("rule flush: expected DEV");
	ret = check_dev(argv[0]);
	if (ret)
		return ret;
	if (!ctx())
		return EXIT_FAIL;
	return vnet_rule_flush(g.ctx, argv[0]) ? kernel_error() : EXIT_OK;
}

/* The rule in "rule add" syntax (without "index"), as rule files hold it. */
void rule_line(const struct vnet_rule *r, char *buf, size_t len)
{
	char ip[INET_ADDRSTRLEN];
	size_t n = 0;

#define ADD(...) (n += snprintf(buf + n, n < len ? len - n : 0, __VA_ARGS__))
	if (r->present & (1u << VNET_RULE_IN))
		ADD("in %s ", r->in);
	if (r->present & (1u << VNET_RULE_OUT))
		ADD("out %s ", r->out);
	if (r->present & (1u << VNET_RULE_SRC))
		ADD("src %s/%u ", inet_ntop(AF_INET, &r->src, ip, sizeof(ip)),
		    r->src_len);
	if (r->present & (1u << VNET_RULE_DST))
		ADD("dst %s/%u ", inet_ntop(AF_INET, &r->dst, ip, sizeof(ip)),
		    r->dst_len);
	if (r->present & (1u << VNET_RULE_PROTO)) {
		char num[4];

		ADD("proto %s ", vnet_proto_name(r->proto, num, sizeof(num)));
	}
	if (r->present & (1u << VNET_RULE_SPORT_MIN))
		ADD(r->sport_min == r->sport_max ? "sport %u " : "sport %u-%u ",
		    r->sport_min, r->sport_max);
	if (r->present & (1u << VNET_RULE_DPORT_MIN))
		ADD(r->dport_min == r->dport_max ? "dport %u " : "dport %u-%u ",
		    r->dport_min, r->dport_max);
	if (r->present & (1u << VNET_RULE_ICMP_TYPE))
		ADD("icmp-type %u ", r->icmp_type);
	if (r->present & (1u << VNET_RULE_STATE))
		ADD("state %s ", vnet_conn_state_name(r->state));
#undef ADD
	snprintf(buf + n, n < len ? len - n : 0, "action %s",
		 vnet_action_name(r->action));
}

/* The rule's matches as fields of @o, named as "rule add" names them. */
static void rule_fields_json(const struct vnet_rule *r, json_object *o)
{
	char buf[INET_ADDRSTRLEN + 4], ip[INET_ADDRSTRLEN];

	if (r->present & (1u << VNET_RULE_IN))
		json_object_object_add(o, "in", json_name(r->in));
	if (r->present & (1u << VNET_RULE_OUT))
		json_object_object_add(o, "out", json_name(r->out));
	if (r->present & (1u << VNET_RULE_SRC)) {
		snprintf(buf, sizeof(buf), "%s/%u",
			 inet_ntop(AF_INET, &r->src, ip, sizeof(ip)), r->src_len);
		json_object_object_add(o, "src", json_name(buf));
	}
	if (r->present & (1u << VNET_RULE_DST)) {
		snprintf(buf, sizeof(buf), "%s/%u",
			 inet_ntop(AF_INET, &r->dst, ip, sizeof(ip)), r->dst_len);
		json_object_object_add(o, "dst", json_name(buf));
	}
	if (r->present & (1u << VNET_RULE_PROTO)) {
		char num[4];

		json_object_object_add(o, "proto",
				       json_name(vnet_proto_name(r->proto, num,
								 sizeof(num))));
	}
	if (r->present & (1u << VNET_RULE_SPORT_MIN)) {
		json_object_object_add(o, "sport_min", json_object_new_int(r->sport_min));
		json_object_object_add(o, "sport_max", json_object_new_int(r->sport_max));
	}
	if (r->present & (1u << VNET_RULE_DPORT_MIN)) {
		json_object_object_add(o, "dport_min", json_object_new_int(r->dport_min));
		json_object_object_add(o, "dport_max", json_object_new_int(r->dport_max));
	}
	if (r->present & (1u << VNET_RULE_ICMP_TYPE))
		json_object_object_add(o, "icmp_type", json_object_new_int(r->icmp_type));
	if (r->present & (1u << VNET_RULE_STATE))
		json_object_object_add(o, "state",
				       json_name(vnet_conn_state_name(r->state)));
}

static int rule_print(const struct vnet_rule *r, void *arg)
{
	json_object *arr = arg;
	char line[512];

	rule_line(r, line, sizeof(line));
	if (arr) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "index", json_object_new_int64(r->index));
		json_object_object_add(o, "rule", json_name(line));
		rule_fields_json(r, o);
		json_object_object_add(o, "action",
				       json_name(vnet_action_name(r->action)));
		json_object_object_add(o, "packets", json_object_new_uint64(r->packets));
		json_object_object_add(o, "bytes", json_object_new_uint64(r->bytes));
		json_object_array_add(arr, o);
	} else {
		printf("%u: %s  # packets %llu bytes %llu\n", r->index, line,
		       (unsigned long long)r->packets, (unsigned long long)r->bytes);
	}
	return 0;
}

static int rule_show(int argc, char **argv)
{
	json_object *arr;
	int ret;

	if (argc != 1)
		return usage_error("rule show: expected DEV");
	ret = check_dev(argv[0]);
	if (ret)
		return ret;
	if (!ctx())
		return EXIT_FAIL;
	arr = g.json ? json_object_new_array() : NULL;
	return json_finish(arr, vnet_rule_list(g.ctx, argv[0], rule_print, arr));
}

/* Read every rule of @path; a bad one fails the whole file. */
static int read_rules(const char *path, struct vnet_rule **out, int **lines,
		      int *count)
{
	FILE *fp = strcmp(path, "-") ? fopen(path, "r") : stdin;
	struct vnet_rule *rules = NULL;
	int *lineno = NULL, n = 0, cap = 0, ln = 0, ret = EXIT_OK;
	char *line = NULL;
	size_t len = 0;

	if (!fp) {
		fprintf(stderr, "vnetctl: cannot open %s: %m\n", path);
		return EXIT_FAIL;
	}
	while (getline(&line, &len, fp) > 0) {
		char *argv[BATCH_MAX_ARGS], err[256];
		const char *serr = NULL;
		int argc;

		ln++;
		argc = batch_split(line, argv, BATCH_MAX_ARGS, &serr);
		if (argc < 0) {
			ret = usage_error("%s:%d: %s", path, ln, serr);
			break;
		}
		if (!argc)
			continue;
		if (n == cap) {
			void *r2, *l2;

			cap = cap ? 2 * cap : 256;
			r2 = realloc(rules, cap * sizeof(*rules));
			l2 = realloc(lineno, cap * sizeof(*lineno));
			if (r2)
				rules = r2;
			if (l2)
				lineno = l2;
			if (!r2 || !l2) {
				ret = usage_error("%s: out of memory", path);
				break;
			}
		}
		if (vnet_rule_parse(argc, argv, &rules[n], err, sizeof(err))) {
			ret = usage_error("%s:%d: %s", path, ln, err);
			break;
		}
		if (rules[n].present & (1u << VNET_RULE_INDEX)) {
			ret = usage_error("%s:%d: a rule file takes no index: the order is it",
					  path, ln);
			break;
		}
		lineno[n++] = ln;
	}
	free(line);
	if (fp != stdin)
		fclose(fp);
	if (ret) {
		free(rules);
		free(lineno);
		return ret;
	}
	*out = rules;
	*lines = lineno;
	*count = n;
	return EXIT_OK;
}

static int rule_replace(int argc, char **argv)
{
	struct vnet_rule *rules = NULL;
	int *lines = NULL, count = 0, bad, ret;

	if (argc != 2)
		return usage_error("rule replace: expected DEV FILE");
	ret = check_dev(argv[0]);
	if (ret)
		return ret;
	ret = read_rules(argv[1], &rules, &lines, &count);
	if (ret)
		return ret;
	if (!ctx()) {
		ret = EXIT_FAIL;
	} else if (vnet_rule_replace(g.ctx, argv[0], rules, count, &bad)) {
		if (bad >= 0)
			fprintf(stderr, "vnetctl: %s:%d: ", argv[1], lines[bad]);
		ret = kernel_error();
	}
	free(rules);
	free(lines);
	return ret;
}

int do_rule(int argc, char **argv)
{
	if (argc < 1)
		return usage_error("rule: expected add, del, flush, replace or show");
	if (matches(argv[0], "add"))
		return rule_add(argc - 1, argv + 1);
	if (matches(argv[0], "delete") || !strcmp(argv[0], "del"))
		return rule_del(argc - 1, argv + 1);
	if (matches(argv[0], "flush"))
		return rule_flush(argc - 1, argv + 1);
	if (matches(argv[0], "replace"))
		return rule_replace(argc - 1, argv + 1);
	if (matches(argv[0], "show") || matches(argv[0], "list"))
		return rule_show(argc - 1, argv + 1);
	return usage_error("rule: unknown command \"%s\"; expected add, del, flush, replace or show",
			   argv[0]);
}
