/* SPDX-License-Identifier: GPL-2.0 */
#ifndef VNETCTL_BATCH_H
#define VNETCTL_BATCH_H

#define BATCH_MAX_ARGS 512
#define BATCH_MAX_LINE 65536	/* bytes in one line */

/*
 * Split @line in place into at most @max words: blanks separate words,
 * "..." and '...' quote, backslash escapes, an unquoted # starts a comment.
 * Returns the word count, or -1 with @err set for an unterminated quote or
 * too many words.
 */
int batch_split(char *line, char **argv, int max, const char **err);

/*
 * Hand every line of @path ("-" = stdin) to @run, split into words, until
 * one fails; the commands share one netlink socket (g.ctx).
 */
int vnetctl_batch(const char *path, int (*run)(int argc, char **argv));

#endif
