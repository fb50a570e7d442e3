// SPDX-License-Identifier: GPL-2.0
/*
 * Text and JSON from one printer per object, iproute2's way (its
 * include/json_print.h): a field is one call that names its JSON key and
 * its text format, so the two outputs cannot drift apart.
 *
 * With -j the calls build json-c objects. open_json_object() and
 * open_json_array() push a container, added to the one below it (under
 * the key in an object, appended in an array); the container closed at
 * the bottom is what json_out() prints. In text the calls printf() their
 * format with the value, and containers are nothing. PRINT_FP is for
 * text only; PRINT_JSON, or a NULL format, for JSON only.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "vnetctl.h"

/* network show nests deepest: [ { device_list [ { ports [ { allow_ip [ */
#define JSON_DEPTH	8

static struct {
	struct json_object *stack[JSON_DEPTH];
	int depth;
	struct json_object *done;	/* closed at the bottom: json_out() */
	FILE *text;			/* not NULL: text goes here, even -j */
} out;

bool is_json_context(void)
{
	return g.json && !out.text;
}

static bool to_json(enum output_type type)
{
	return (type & PRINT_JSON) && is_json_context();
}

static bool to_text(enum output_type type, const char *fmt)
{
	return (type & PRINT_FP) && fmt && !is_json_context();
}

static FILE *text_fp(void)
{
	return out.text ?: stdout;
}

/* A field or a container outside of any, or too deep: a printer's bug. */
static void json_add(const char *key, json_object *value)
{
	json_object *top;

	if (!out.depth)
		abort();
	top = out.stack[out.depth - 1];
	if (json_object_is_type(top, json_type_array))
		json_object_array_add(top, value);
	else
		json_object_object_add(top, key, value);
}

static void json_open(const char *key, json_object *container)
{
	if (out.depth == JSON_DEPTH)
		abort();
	if (out.depth)
		json_add(key, container);
	out.stack[out.depth++] = container;
}

static void json_close(void)
{
	if (!out.depth)
		abort();
	if (--out.depth)
		return;
	json_object_put(out.done);
	out.done = out.stack[0];
}

void open_json_object(const char *key)
{
	if (is_json_context())
		json_open(key, json_object_new_object());
}

void close_json_object(void)
{
	if (is_json_context())
		json_close();
}

void open_json_array(const char *key)
{
	if (is_json_context())
		json_open(key, json_object_new_array());
}

void close_json_array(void)
{
	if (is_json_context())
		json_close();
}

void print_uint(enum output_type type, const char *key, const char *fmt,
		unsigned int value)
{
	if (to_json(type))
		json_add(key, json_object_new_int64(value));
	else if (to_text(type, fmt))
		fprintf(text_fp(), fmt, value);
}

/* @fmt takes a %llu. */
void print_u64(enum output_type type, const char *key, const char *fmt,
	       uint64_t value)
{
	if (to_json(type))
		json_add(key, json_object_new_uint64(value));
	else if (to_text(type, fmt))
		fprintf(text_fp(), fmt, (unsigned long long)value);
}

/* @fmt takes "true" or "false" as a %s. */
void print_bool(enum output_type type, const char *key, const char *fmt,
		bool value)
{
	if (to_json(type))
		json_add(key, json_object_new_boolean(value));
	else if (to_text(type, fmt))
		fprintf(text_fp(), fmt, value ? "true" : "false");
}

/* A boolean in JSON, "on" or "off" (a %s of @fmt) in text. */
void print_on_off(enum output_type type, const char *key, const char *fmt,
		  bool value)
{
	if (to_json(type))
		json_add(key, json_object_new_boolean(value));
	else if (to_text(type, fmt))
		fprintf(text_fp(), fmt, value ? "on" : "off");
}

/* A string vnetctl or libvnet made: printed as it is. */
void print_string(enum output_type type, const char *key, const char *fmt,
		  const char *value)
{
	if (to_json(type))
		json_add(key, json_name(value));
	else if (to_text(type, fmt))
		fprintf(text_fp(), fmt, value);
}

/* A name the kernel reported: escaped as escape.c says. */
void print_name(enum output_type type, const char *key, const char *fmt,
		const char *value)
{
	if (to_json(type))
		json_add(key, json_name(value));
	else if (to_text(type, fmt))
		fprintf(text_fp(), fmt, text_name(value));
}

/* No value: null in JSON, @text (a %s of @fmt) in text. */
void print_null(enum output_type type, const char *key, const char *fmt,
		const char *text)
{
	if (to_json(type))
		json_add(key, NULL);
	else if (to_text(type, fmt))
		fprintf(text_fp(), fmt, text);
}

void print_mac(enum output_type type, const char *key, const char *fmt,
	       const uint8_t *mac)
{
	char buf[18];

	snprintf(buf, sizeof(buf), "%02x:%02x:%02x:%02x:%02x:%02x",
		 mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
	print_string(type, key, fmt, buf);
}

/* Milliseconds in JSON; in text seconds to the tenth, "12.3s", a %s. */
void print_ms(enum output_type type, const char *key, const char *fmt,
	      uint32_t ms)
{
	char buf[16];

	if (to_json(type)) {
		json_add(key, json_object_new_int64(ms));
	} else if (to_text(type, fmt)) {
		snprintf(buf, sizeof(buf), "%u.%01us", ms / 1000,
			 ms % 1000 / 100);
		fprintf(text_fp(), fmt, buf);
	}
}

/* The end of a line of text. */
void print_nl(void)
{
	print_text("\n");
}

/* What only the text has: headings, separators. */
void print_text(const char *fmt, ...)
{
	va_list ap;

	if (is_json_context())
		return;
	va_start(ap, fmt);
	vfprintf(text_fp(), fmt, ap);
	va_end(ap);
}

void print_text_to(FILE *fp)
{
	out.text = fp;
}

void json_out(void)
{
	int flags = JSON_C_TO_STRING_NOSLASHESCAPE;

	if (!out.done)
		return;
	if (g.pretty)
		flags |= JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED;
	puts(json_object_to_json_string_ext(out.done, flags));
	json_object_put(out.done);
	out.done = NULL;
}

int json_finish(int ret)
{
	if (ret) {
		json_object_put(out.done);
		out.done = NULL;
		return kernel_error();
	}
	json_out();
	return EXIT_OK;
}
