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

static int rule_add(int argc, char **argv)
{
	struct vnet_rule r;
	char err[256];
	int ret;

	if (argc < 1)
		return usage_error("rule add: expected DEV [MATCH]... action accept|drop|reject");
	ret = check_dev_name(argv[0]);
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
	uint32_t index;
	int ret;

	if (argc != 2)
		return usage_error("rule del: expected DEV INDEX");
	ret = check_dev_name(argv[0]) ?: parse_index(argv[1], "rule", &index);
	if (ret)
		return ret;
	if (!ctx())
		return EXIT_FAIL;
	return vnet_rule_delete(g.ctx, argv[0], index) ? kernel_error() : EXIT_OK;
}

static int rule_flush(int argc, char **argv)
{
	int ret;

	if (argc != 1)
		return usage_error("rule flush: expected DEV");
	ret = check_dev_name(argv[0]);
	if (ret)
		return ret;
	if (!ctx())
		return EXIT_FAIL;
	return vnet_rule_flush(g.ctx, argv[0]) ? kernel_error() : EXIT_OK;
}

static bool has(const struct vnet_rule *r, int attr)
{
	return r->present & (1u << attr);
}

/* "10.0.0.0/8 " after @fmt's word; JSON has "10.0.0.0/8". */
/* @addr of @family (AF_INET or AF_INET6) and @len, as "ADDR/LEN". */
static void print_prefix(const char *key, const char *fmt, int family,
			 const void *addr, uint8_t len)
{
	char buf[INET6_ADDRSTRLEN + 4], ip[INET6_ADDRSTRLEN];

	snprintf(buf, sizeof(buf), "%s/%u",
		 inet_ntop(family, addr, ip, sizeof(ip)), len);
	print_string(PRINT_ANY, key, fmt, buf);
}

/* "sport 80 " or "sport 80-89 " (@fmt gives the first); JSON has both. */
static void print_range(const char *min_key, const char *max_key,
			const char *fmt, uint16_t min, uint16_t max)
{
	print_uint(PRINT_ANY, min_key, fmt, min);
	print_uint(min == max ? PRINT_JSON : PRINT_ANY, max_key, "-%u", max);
	print_text(" ");
}

/*
 * The rule's matches and action: in text the "rule add" words (without
 * "index"), as rule files hold them; in JSON a field each, named alike.
 * The names of ports are as the user gave them, not escaped.
 */
static void print_rule_words(const struct vnet_rule *r)
{
	if (has(r, VNET_RULE_IN))
		print_string(PRINT_ANY, "in", "in %s ", r->in);
	if (has(r, VNET_RULE_OUT))
		print_string(PRINT_ANY, "out", "out %s ", r->out);
	if (has(r, VNET_RULE_SRC))
		print_prefix("src", "src %s ", AF_INET, &r->src, r->src_len);
	if (has(r, VNET_RULE_SRC6))
		print_prefix("src", "src %s ", AF_INET6, r->src6, r->src_len);
	if (has(r, VNET_RULE_DST))
		print_prefix("dst", "dst %s ", AF_INET, &r->dst, r->dst_len);
	if (has(r, VNET_RULE_DST6))
		print_prefix("dst", "dst %s ", AF_INET6, r->dst6, r->dst_len);
	if (has(r, VNET_RULE_PROTO)) {
		char num[4];

		print_string(PRINT_ANY, "proto", "proto %s ",
			     vnet_proto_name(r->proto, num, sizeof(num)));
	}
	if (has(r, VNET_RULE_SPORT_MIN))
		print_range("sport_min", "sport_max", "sport %u", r->sport_min,
			    r->sport_max);
	if (has(r, VNET_RULE_DPORT_MIN))
		print_range("dport_min", "dport_max", "dport %u", r->dport_min,
			    r->dport_max);
	if (has(r, VNET_RULE_ICMP_TYPE))
		print_uint(PRINT_ANY, "icmp_type", "icmp-type %u ",
			   r->icmp_type);
	if (has(r, VNET_RULE_STATE))
		print_string(PRINT_ANY, "state", "state %s ",
			     vnet_conn_state_name(r->state));
	if (has(r, VNET_RULE_VLAN))
		print_uint(PRINT_ANY, "vlan", "vlan %u ", r->vlan);
	print_string(PRINT_ANY, "action", "action %s",
		     vnet_action_name(r->action));
}

/* The rule's words as text, for JSON's "rule"; NULL if out of memory. */
static char *rule_line(const struct vnet_rule *r)
{
	char *line = NULL;
	size_t len;
	FILE *fp = open_memstream(&line, &len);

	if (!fp)
		return NULL;
	print_text_to(fp);
	print_rule_words(r);
	print_text_to(NULL);
	if (fclose(fp)) {
		free(line);
		return NULL;
	}
	return line;
}

static int rule_print(const struct vnet_rule *r, void *arg)
{
	(void)arg;
	open_json_object(NULL);
	print_uint(PRINT_ANY, "index", "%u: ", r->index);
	if (is_json_context()) {
		char *line = rule_line(r);

		print_string(PRINT_JSON, "rule", NULL, line ?: "");
		free(line);
	}
	print_rule_words(r);
	print_u64(PRINT_ANY, "packets", "  # packets %llu", r->packets);
	print_u64(PRINT_ANY, "bytes", " bytes %llu\n", r->bytes);
	close_json_object();
	return 0;
}

static int rule_show(int argc, char **argv)
{
	int ret;

	if (argc != 1)
		return usage_error("rule show: expected DEV");
	ret = check_dev_name(argv[0]);
	if (ret)
		return ret;
	if (!ctx())
		return EXIT_FAIL;
	open_json_array(NULL);
	ret = vnet_rule_list(g.ctx, argv[0], rule_print, NULL);
	close_json_array();
	return json_finish(ret);
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
	ret = check_dev_name(argv[0]);
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
