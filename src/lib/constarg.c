/*
 * Constant arguments given as strings: "ms_bind|ms_rec", "SIGTERM",
 * "0x4000".  Names go to the port as atoms, so that they mean what the
 * port's system means by them; numbers go as integers.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "proto/etf.h"
#include "lib/typed.h"

#define ATOM_MAX	255

static int
is_separator(char c)
{
	return c == '|' || c == ',' || c == ' ' || c == '\t';
}

/* The next token of s: its start and length; 0 at the end. */
static size_t
next_token(const char **s, const char **tok)
{
	const char *p = *s;
	size_t n = 0;

	while (*p != '\0' && is_separator(*p))
		p++;
	*tok = p;
	while (p[n] != '\0' && !is_separator(p[n]))
		n++;
	*s = p + n;
	return n;
}

/*
 * '|' and ',' stand between two names (blanks around them are padding):
 * "ms_bind|" or "a||b" names nothing where a name was promised.
 */
static int
well_separated(const char *s)
{
	int named = 0, promised = 0;

	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\t')
			continue;
		if (*s == '|' || *s == ',') {
			if (!named || promised)
				return 0;
			promised = 1;
			continue;
		}
		while (s[1] != '\0' && !is_separator(s[1]))
			s++;
		named = 1;
		promised = 0;
	}
	return !promised;
}

/* A number, wholly: decimal, 0x hexadecimal or 0 octal, maybe negative. */
static int
token_number(const char *tok, size_t n, int64_t *v)
{
	char buf[32], *end;
	long long x;

	if (n == 0 || n >= sizeof(buf) ||
	    !(isdigit((unsigned char)tok[0]) || tok[0] == '-'))
		return 0;
	memcpy(buf, tok, n);
	buf[n] = '\0';
	errno = 0;
	x = strtoll(buf, &end, 0);
	if (errno != 0 || *end != '\0' || end == buf)
		return -1;
	*v = x;
	return 1;
}

/* One token as an atom (lower case) or an integer. */
static int
put_token(struct etf_enc *e, const char *tok, size_t n)
{
	char atom[ATOM_MAX + 1];
	int64_t v;
	size_t i;
	int r;

	if ((r = token_number(tok, n, &v)) == -1)
		return ALCOVE_EINVAL;
	if (r == 1) {
		etf_put_int_arg(e, v);
		return 0;
	}
	if (n > ATOM_MAX)
		return ALCOVE_EINVAL;
	for (i = 0; i < n; i++) {
		if (!isalnum((unsigned char)tok[i]) && tok[i] != '_')
			return ALCOVE_EINVAL;
		atom[i] = (char)tolower((unsigned char)tok[i]);
	}
	etf_put_atom_len(e, atom, n);
	return 0;
}

int
constarg(struct constarg *c, const char *s, int kind)
{
	const char *p = s == NULL ? "" : s, *tok;
	struct etf_enc e;
	uint32_t count = 0;
	size_t n;
	int64_t v;
	int err;

	if (!well_separated(p))
		return ALCOVE_EINVAL;
	etf_enc_init(&e, c->buf, sizeof(c->buf));
	while (next_token(&p, &tok) > 0)
		count++;
	p = s == NULL ? "" : s;
	n = next_token(&p, &tok);
	if (count == 0) {
		/* Nothing: 0, the value of no flags. */
		if (kind == CONSTARG_LIST)
			etf_put_nil(&e);
		else
			etf_put_int_arg(&e, 0);
	} else if (count == 1 && (kind == CONSTARG_ONE ||
	    token_number(tok, n, &v) == 1)) {
		/* One constant, or flags as one number. */
		if ((err = put_token(&e, tok, n)) != 0)
			return err;
	} else if (kind == CONSTARG_ONE) {
		return ALCOVE_EINVAL;
	} else {
		etf_put_list(&e, count);
		do {
			if ((err = put_token(&e, tok, n)) != 0)
				return err;
		} while ((n = next_token(&p, &tok)) > 0);
		etf_put_nil(&e);
	}
	if (e.overflow)
		return ALCOVE_ETOOBIG;
	c->len = e.len;
	return 0;
}
