// SPDX-License-Identifier: GPL-2.0
/*
 * Names the kernel reports (devices, ports, endpoints, networks, policers,
 * descriptions) may hold any byte but NUL. Printed, they must neither
 * break the output's syntax nor reach the terminal raw: invalid UTF-8 and
 * control bytes are written as \xNN, and for Graphviz " and \ are quoted.
 * Valid UTF-8 text is printed as it is.
 */
#include <stdio.h>
#include <string.h>
#include "vnetctl.h"

/* The length of the valid UTF-8 sequence at @s, or 0. */
static size_t utf8_len(const unsigned char *s)
{
	size_t n, i;
	unsigned int cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	/* No overlong forms, surrogates or code points past U+10FFFF. */
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return n;
}

/* @s into @out (@len bytes), escaped; @dot also quotes " and \. */
static const char *escape(const char *s, char *out, size_t len, bool dot)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0;

	while (*p && o + 5 < len) {
		size_t n = utf8_len(p);

		if (!n || *p < 0x20 || *p == 0x7f) {
			o += snprintf(out + o, len - o, "\\x%02x", *p++);
		} else if (dot && (*p == '"' || *p == '\\')) {
			out[o++] = '\\';
			out[o++] = *p++;
		} else if (o + n < len) {
			memcpy(out + o, p, n);
			o += n;
			p += n;
		} else {
			break;
		}
	}
	out[o] = '\0';
	return out;
}

/* Four bytes out per byte in, for the longest name (a description). */
#define ESCAPED_SIZE	(4 * VNET_DESCRIPTION_SIZE + 1)
#define ESCAPED_SLOTS	8

/* A few at once may be in one printf(): each call takes the next buffer. */
static char *next_slot(void)
{
	// cppcheck-suppress constVariable
	static char slots[ESCAPED_SLOTS][ESCAPED_SIZE];
	static unsigned int next;

	return slots[next++ % ESCAPED_SLOTS];
}

const char *text_name(const char *s)
{
	return escape(s, next_slot(), ESCAPED_SIZE, false);
}

const char *dot_name(const char *s)
{
	return escape(s, next_slot(), ESCAPED_SIZE, true);
}

json_object *json_name(const char *s)
{
	char buf[ESCAPED_SIZE];
	const unsigned char *p = (const unsigned char *)s;

	/* json-c escapes control characters itself; only UTF-8 is ours. */
	while (*p) {
		size_t n = utf8_len(p);

		if (!n)
			break;
		p += n;
	}
	if (!*p)
		return json_object_new_string(s);
	return json_object_new_string(escape(s, buf, sizeof(buf), false));
}
