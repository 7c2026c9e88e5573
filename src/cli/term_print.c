/*
 * Writing the port's terms in Erlang's syntax: {ok,1234}, <<"text">>,
 * [<<"a">>,<<"b">>], 'Quoted atom'.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

/* An atom that Erlang reads back unquoted. */
static int
bare_atom(const char *a, size_t len)
{
	size_t i;

	if (len == 0 || !islower((unsigned char)a[0]))
		return 0;
	for (i = 1; i < len; i++)
		if (!isalnum((unsigned char)a[i]) && a[i] != '_' && a[i] != '@')
			return 0;
	return 1;
}

/* Bytes as Erlang writes them in quotes, escaping what is not printable. */
static void
print_quoted(FILE *f, const unsigned char *p, size_t len, char quote)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (p[i] == quote || p[i] == '\\')
			fprintf(f, "\\%c", p[i]);
		else if (p[i] == '\n')
			fputs("\\n", f);
		else if (p[i] == '\t')
			fputs("\\t", f);
		else if (p[i] == '\r')
			fputs("\\r", f);
		else if (p[i] < 0x20 || p[i] >= 0x7f)
			fprintf(f, "\\%03o", p[i]);
		else
			fputc(p[i], f);
	}
}

static int
printable(const unsigned char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((p[i] < 0x20 && p[i] != '\n' && p[i] != '\t' &&
		    p[i] != '\r') || p[i] >= 0x7f)
			return 0;
	return 1;
}

void
cli_print_term(FILE *f, const struct alcove_term *t)
{
	size_t i;

	switch (t->type) {
	case ALCOVE_TERM_INTEGER:
		fprintf(f, "%s%llu", t->neg ? "-" : "",
		    (unsigned long long)t->mag);
		break;
	case ALCOVE_TERM_ATOM:
		if (bare_atom(t->atom, t->len))
			fputs(t->atom, f);
		else {
			fputc('\'', f);
			print_quoted(f, (const unsigned char *)t->atom, t->len,
			    '\'');
			fputc('\'', f);
		}
		break;
	case ALCOVE_TERM_BINARY:
		fputs("<<", f);
		if (t->len > 0 && printable(t->data, t->len)) {
			fputc('"', f);
			print_quoted(f, t->data, t->len, '"');
			fputc('"', f);
		} else {
			for (i = 0; i < t->len; i++)
				fprintf(f, "%s%u", i > 0 ? "," : "", t->data[i]);
		}
		fputs(">>", f);
		break;
	case ALCOVE_TERM_TUPLE:
	case ALCOVE_TERM_LIST:
		fputc(t->type == ALCOVE_TERM_TUPLE ? '{' : '[', f);
		for (i = 0; i < t->n; i++) {
			if (i > 0)
				fputc(',', f);
			cli_print_term(f, &t->e[i]);
		}
		fputc(t->type == ALCOVE_TERM_TUPLE ? '}' : ']', f);
		break;
	default:
		fputs("?", f);
	}
}
