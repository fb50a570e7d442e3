// SPDX-License-Identifier: GPL-2.0
/* Batch mode: one command per line, one socket, stop at the first error. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <string.h>
#include "vnetctl.h"
#include "batch.h"

int vnetctl_batch(const char *path, int (*run)(int argc, char **argv))
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
	ssize_t len;

	while ((len = getline(&line, &cap, fp)) > 0) {
		const char *err = NULL;
		int argc;

		g.lineno++;
		/* What a split at the NUL would drop, unseen. */
		if (strlen(line) != (size_t)len) {
			ret = usage_error("the line holds a NUL byte");
			break;
		}
		if (len > BATCH_MAX_LINE) {
			ret = usage_error("the line is longer than %d bytes",
					  BATCH_MAX_LINE);
			break;
		}
		argc = batch_split(line, argv, BATCH_MAX_ARGS, &err);
		if (argc < 0) {
			ret = usage_error("%s", err);
			break;
		}
		if (!argc)
			continue;
		ret = run(argc, argv);
		if (ret)
			break;
	}
	free(line);
	if (fp != stdin)
		fclose(fp);
	return ret;
}
