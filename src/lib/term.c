/*
 * Decoding the port's replies and events into alcove_term trees.  A tree
 * lives in one allocation: a first pass measures it, a second fills it.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "proto/etf.h"
#include "lib/lib.h"

#define TERM_DEPTH_MAX	64

struct arena {
	struct alcove_term	*node;	/* next free node */
	char			*bytes;	/* next free byte */
	size_t			 nodes;	/* measuring: nodes needed */
	size_t			 nbytes;	/* measuring: bytes needed */
	int			 fill;
};

/* A term that is not a container. */
static int
decode(struct etf_dec *d, struct arena *a, struct alcove_term *t, int depth)
{
	char atom[ETF_ATOM_MAX + 1];
	const unsigned char *p;
	struct etf_int v;
	size_t len, i;

	if (depth > TERM_DEPTH_MAX)
		return -1;
	switch (etf_peek(d)) {
	case ETF_SMALL_INTEGER:
	case ETF_INTEGER:
	case ETF_SMALL_BIG:
	case ETF_LARGE_BIG:
		if (etf_get_integer(d, ETF_INT_ANY, &v) == -1)
			return -1;
		if (a->fill) {
			t->type = ALCOVE_TERM_INTEGER;
			t->neg = v.neg;
			t->mag = v.mag;
		}
		return 0;
	case ETF_ATOM:
	case ETF_SMALL_ATOM:
	case ETF_ATOM_UTF8:
	case ETF_SMALL_ATOM_UTF8:
		if (etf_get_atom(d, atom, &len) == -1)
			return -1;
		if (a->fill) {
			t->type = ALCOVE_TERM_ATOM;
			memcpy(a->bytes, atom, len + 1);
			t->atom = a->bytes;
			t->len = len;
			a->bytes += len + 1;
		} else
			a->nbytes += len + 1;
		return 0;
	case ETF_BINARY:
		if (etf_get_binary(d, &p, &len) == -1)
			return -1;
		if (a->fill) {
			t->type = ALCOVE_TERM_BINARY;
			if (len > 0)
				memcpy(a->bytes, p, len);
			t->data = (const unsigned char *)a->bytes;
			t->len = len;
			a->bytes += len;
		} else
			a->nbytes += len;
		return 0;
	case ETF_STRING:
		/* A list of small integers. */
		if (etf_get_string(d, &p, &len) == -1)
			return -1;
		if (a->fill) {
			t->type = ALCOVE_TERM_LIST;
			t->n = len;
			t->e = a->node;
			a->node += len;
			for (i = 0; i < len; i++) {
				t->e[i].type = ALCOVE_TERM_INTEGER;
				t->e[i].mag = p[i];
			}
		} else
			a->nodes += len;
		return 0;
	case ETF_NIL:
		(void)etf_get_nil(d);
		if (a->fill)
			t->type = ALCOVE_TERM_LIST;
		return 0;
	default:
		return -1;
	}
}

/*
 * A list is written either with all its elements under one header or as a
 * chain of one-element lists; both are the same Erlang list.  Flatten the
 * chain form so that callers always see one LIST with every element.
 */
static int
decode_list(struct etf_dec *d, struct arena *a, struct alcove_term *t,
    int depth);

static int
decode_term(struct etf_dec *d, struct arena *a, struct alcove_term *t,
    int depth)
{
	if (etf_peek(d) == ETF_LIST)
		return decode_list(d, a, t, depth);
	if (etf_peek(d) == ETF_SMALL_TUPLE || etf_peek(d) == ETF_LARGE_TUPLE) {
		uint32_t n, i;

		if (depth > TERM_DEPTH_MAX || etf_get_tuple(d, &n) == -1 ||
		    n > etf_remaining(d))
			return -1;
		if (a->fill) {
			t->type = ALCOVE_TERM_TUPLE;
			t->n = n;
			t->e = a->node;
			a->node += n;
		} else
			a->nodes += n;
		for (i = 0; i < n; i++)
			if (decode_term(d, a, a->fill ? &t->e[i] : NULL,
			    depth + 1) == -1)
				return -1;
		return 0;
	}
	return decode(d, a, t, depth);
}

/* Count a list's elements across a chain of headers, without consuming. */
static int
list_count(const struct etf_dec *start, size_t *count)
{
	struct etf_dec d = *start;
	uint32_t n, i;

	*count = 0;
	for (;;) {
		if (etf_peek(&d) == ETF_NIL)
			return 0;
		if (etf_peek(&d) == ETF_STRING) {
			const unsigned char *p;
			size_t len;

			if (etf_get_string(&d, &p, &len) == -1)
				return -1;
			*count += len;
			return 0;
		}
		if (etf_get_list(&d, &n) == -1 || n > etf_remaining(&d))
			return -1;
		for (i = 0; i < n; i++)
			if (etf_skip(&d) == -1)
				return -1;
		*count += n;
	}
}

static int
decode_list(struct etf_dec *d, struct arena *a, struct alcove_term *t,
    int depth)
{
	size_t count, k = 0;
	uint32_t n, i;

	if (depth > TERM_DEPTH_MAX || list_count(d, &count) == -1)
		return -1;
	if (a->fill) {
		t->type = ALCOVE_TERM_LIST;
		t->n = count;
		t->e = a->node;
		a->node += count;
	} else
		a->nodes += count;
	for (;;) {
		if (etf_peek(d) == ETF_NIL) {
			(void)etf_get_nil(d);
			return 0;
		}
		if (etf_peek(d) == ETF_STRING) {
			const unsigned char *p;
			size_t len;

			(void)etf_get_string(d, &p, &len);
			for (i = 0; i < len && a->fill; i++, k++) {
				t->e[k].type = ALCOVE_TERM_INTEGER;
				t->e[k].mag = p[i];
			}
			return 0;
		}
		(void)etf_get_list(d, &n);
		for (i = 0; i < n; i++, k++)
			if (decode_term(d, a, a->fill ? &t->e[k] : NULL,
			    depth + 1) == -1)
				return -1;
	}
}

int
alcove_term_decode(const void *buf, size_t len, struct alcove_term **tp)
{
	struct alcove_term *t;
	struct arena a;
	struct etf_dec d;
	size_t size;

	*tp = NULL;
	memset(&a, 0, sizeof(a));
	etf_dec_init(&d, buf, len);
	if (etf_get_version(&d) == -1 || decode_term(&d, &a, NULL, 0) == -1 ||
	    etf_remaining(&d) != 0)
		return ALCOVE_EPROTO;
	size = (a.nodes + 1) * sizeof(*t) + a.nbytes;
	if ((t = calloc(1, size)) == NULL)
		return ENOMEM;
	a.fill = 1;
	a.node = t + 1;
	a.bytes = (char *)(t + 1 + a.nodes);
	etf_dec_init(&d, buf, len);
	(void)etf_get_version(&d);
	(void)decode_term(&d, &a, t, 0);
	*tp = t;
	return 0;
}

void
alcove_term_free(struct alcove_term *t)
{
	free(t);
}

int
alcove_term_atom(const struct alcove_term *t, const char *name)
{
	return t != NULL && t->type == ALCOVE_TERM_ATOM &&
	    strcmp(t->atom, name) == 0;
}

/* The value of an integer term that fits int64_t: 0, or -1. */
int
alcove_term_int(const struct alcove_term *t, int64_t *v)
{
	if (t == NULL || t->type != ALCOVE_TERM_INTEGER)
		return -1;
	if (t->neg) {
		if (t->mag > (uint64_t)INT64_MAX + 1)
			return -1;
		*v = (int64_t)(0 - t->mag);
	} else {
		if (t->mag > INT64_MAX)
			return -1;
		*v = (int64_t)t->mag;
	}
	return 0;
}

static void
encode_term(struct etf_enc *e, const struct alcove_term *t)
{
	size_t i;

	switch (t->type) {
	case ALCOVE_TERM_INTEGER:
		if (!t->neg)
			etf_put_uint(e, t->mag);
		else
			etf_put_int(e, (int64_t)(0 - t->mag));
		break;
	case ALCOVE_TERM_ATOM:
		etf_put_atom_len(e, t->atom, t->len);
		break;
	case ALCOVE_TERM_BINARY:
		etf_put_binary(e, t->data, t->len);
		break;
	case ALCOVE_TERM_TUPLE:
		etf_put_tuple(e, (uint32_t)t->n);
		for (i = 0; i < t->n; i++)
			encode_term(e, &t->e[i]);
		break;
	default:
		if (t->n > 0) {
			etf_put_list(e, (uint32_t)t->n);
			for (i = 0; i < t->n; i++)
				encode_term(e, &t->e[i]);
		}
		etf_put_nil(e);
		break;
	}
}

/* A copy of a term (a message for every monitor of a process), or NULL. */
struct alcove_term *
term_copy(const struct alcove_term *t)
{
	static const size_t cap = 65536;
	struct alcove_term *c = NULL;
	unsigned char *buf;
	struct etf_enc e;

	if (t == NULL || (buf = malloc(cap)) == NULL)
		return NULL;
	etf_enc_init(&e, buf, cap);
	etf_put_version(&e);
	encode_term(&e, t);
	if (e.overflow || alcove_term_decode(buf, e.len, &c) != 0)
		c = NULL;
	free(buf);
	return c;
}
