// SPDX-License-Identifier: GPL-2.0
/* Batch mode: one command per line, one socket, stop at the first error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vnetctl.h"
#include "batch.h"

int batch_split(char *line, char **argv, int max, const char **err)
{
	char *r = line, *w = line;
	int argc = 0;

	for (;;) {
		char quote = 0;

		while (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r')
			r++;
		if (!*r || *r == '#')
			return argc;
		if (argc == max) {
			*err = "too many words";
			return -1;
		}
		argv[argc++] = w;
		for (; *r; r++) {
			if (quote) {
				if (*r == quote)
					quote = 0;
				else if (*r == '\\' && quote == '"' && r[1])
					*w++ = *++r;
				else
					*w++ = *r;
			} else if (*r == '"' || *r == '\'') {
				quote = *r;
			} else if (*r == '\\' && r[1]) {
				*w++ = *++r;
			} else if (*r == ' ' || *r == '\t' || *r == '\n' ||
				   *r == '\r') {
				break;
			} else {
				*w++ = *r;
			}
		}
		if (quote) {
			*err = "unterminated quote";
			return -1;
		}
		if (*r)
			r++;
		*w++ = '\0';
	}
}

int vnetctl_batch(const char *path)
{
	FILE *fp = strcmp(path, "-") ? fopen(path, "r") : stdin;
	char *argv[BATCH_MAX_ARGS];
	char *line = NULL;
	size_t cap = 0;
	int ret = EXIT_OK;

	if (!fp) {
		fprintf(stderr, "vnetctl: cannot open %s: %m\n", path);
		return EXIT_FAIL;
	}
	while (getline(&line, &cap, fp) > 0) {
		const char *err = NULL;
		int argc;

		g.lineno++;
		argc = batch_split(line, argv, BATCH_MAX_ARGS, &err);
		if (argc < 0) {
			ret = usage_error("%s", err);
			break;
		}
		if (!argc)
			continue;
		ret = vnetctl_run(argc, argv);
		if (ret)
			break;
	}
	free(line);
	if (fp != stdin)
		fclose(fp);
	return ret;
}
