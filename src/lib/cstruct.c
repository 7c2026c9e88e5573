/*
 * C structure arguments of the typed calls: struct alcove_cfield lists and
 * struct alcove_arg encoded as the port's CStruct, integer and binary terms
 * (alcove-protocol(5), CStructs), and the port's read-back
 * replies copied into the callers' out buffers.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "proto/etf.h"
#include "proto/frame.h"
#include "lib/cstruct.h"
#include "lib/typed.h"

/* The most bytes of ETF one element adds besides its data. */
#define ELEMENT_OVERHEAD	24

void
cterm_free(struct cterm *c)
{
	free(c->buf);
	c->buf = NULL;
	c->len = 0;
}

static int
cterm_alloc(struct cterm *c, struct etf_enc *e, size_t size)
{
	if ((c->buf = malloc(size)) == NULL)
		return ENOMEM;
	c->len = 0;
	etf_enc_init(e, c->buf, size);
	return 0;
}

/* The encoder was sized for the term: an overflow is a bug, not input. */
static int
cterm_done(struct cterm *c, const struct etf_enc *e)
{
	if (e->overflow) {
		cterm_free(c);
		return ALCOVE_ETOOBIG;
	}
	c->len = e->len;
	return 0;
}

/*
 * n bytes of data, or n zero bytes when data is NULL.  The port holds
 * every binary of a CStruct at once, so zeroes are sent, not implied.
 */
static void
put_bytes(struct etf_enc *e, const void *data, size_t n)
{
	unsigned char *p;

	if (data != NULL) {
		etf_put_binary(e, data, n);
		return;
	}
	if ((p = etf_put_reserve(e, 5 + n)) == NULL)
		return;
	p[0] = ETF_BINARY;
	frame_put32(p + 1, (uint32_t)n);
	memset(p + 5, 0, n);
}

/*
 * The fields' sizes, checked against what the port takes: 1 to 1023
 * fields, at most 65535 bytes in all (inline binaries and pointed-to
 * areas alike).  The inline limit depends on the port's pointer size and
 * is the port's to check.
 */
static int
cfield_check(const struct alcove_cfield *f, size_t n, size_t *total)
{
	size_t i;

	*total = 0;
	if (f == NULL || n < 1 || n > CFIELD_MAX)
		return ALCOVE_EINVAL;
	for (i = 0; i < n; i++) {
		if (f[i].type != ALCOVE_CFIELD_BYTES &&
		    f[i].type != ALCOVE_CFIELD_PTR)
			return ALCOVE_EINVAL;
		if (f[i].len > CFIELD_BYTES_MAX - *total)
			return ALCOVE_EINVAL;
		*total += f[i].len;
	}
	return 0;
}

static void
cfield_put(struct etf_enc *e, const struct alcove_cfield *f, size_t n)
{
	size_t i;

	etf_put_list(e, (uint32_t)n);
	for (i = 0; i < n; i++) {
		if (f[i].type == ALCOVE_CFIELD_BYTES) {
			put_bytes(e, f[i].data, f[i].len);
			continue;
		}
		etf_put_tuple(e, 2);
		etf_put_atom(e, "ptr");
		if (f[i].data != NULL && f[i].len > 0)
			etf_put_binary(e, f[i].data, f[i].len);
		else
			etf_put_int_arg(e, (int64_t)f[i].len);
	}
	etf_put_nil(e);
}

int
cfield_encode(const struct alcove_cfield *f, size_t n, struct cterm *c)
{
	struct etf_enc e;
	size_t total;
	int err;

	c->buf = NULL;
	c->len = 0;
	if ((err = cfield_check(f, n, &total)) != 0)
		return err;
	if ((err = cterm_alloc(c, &e, 16 + n * ELEMENT_OVERHEAD + total)) != 0)
		return err;
	cfield_put(&e, f, n);
	return cterm_done(c, &e);
}

int
carg_encode(const struct alcove_arg *a, struct cterm *c)
{
	struct alcove_arg zero;
	struct constarg k;
	struct etf_enc e;
	int64_t v;
	int err;

	c->buf = NULL;
	c->len = 0;
	if (a == NULL) {
		memset(&zero, 0, sizeof(zero));
		zero.type = ALCOVE_ARG_INT;
		a = &zero;
	}
	switch (a->type) {
	case ALCOVE_ARG_INT:
		/*
		 * The port takes these integers as SMALL_INTEGER_EXT or
		 * INTEGER_EXT only: a value the 32 bits cannot hold (read as
		 * signed, so that ~0 is -1) has no encoding.
		 */
		v = (int64_t)a->n;
		if (v < INT32_MIN || v > INT32_MAX)
			return ALCOVE_EINVAL;
		if ((err = cterm_alloc(c, &e, 8)) != 0)
			return err;
		etf_put_int_arg(&e, v);
		return cterm_done(c, &e);
	case ALCOVE_ARG_CONST:
		if ((err = constarg(&k, a->name, CONSTARG_ONE)) != 0)
			return err;
		if ((err = cterm_alloc(c, &e, k.len)) != 0)
			return err;
		etf_put_raw(&e, k.buf, k.len);
		return cterm_done(c, &e);
	case ALCOVE_ARG_BINARY:
		if (a->len > CFIELD_BYTES_MAX)
			return ALCOVE_EINVAL;
		if ((err = cterm_alloc(c, &e, 8 + a->len)) != 0)
			return err;
		put_bytes(&e, a->data, a->len);
		return cterm_done(c, &e);
	case ALCOVE_ARG_CSTRUCT:
		return cfield_encode(a->fields, a->nfields, c);
	default:
		return ALCOVE_EINVAL;
	}
}

/* {ptr, Binary} of exactly len bytes: the binary, or NULL. */
static const struct alcove_term *
ptr_binary(const struct alcove_term *t, size_t len)
{
	if (t->type != ALCOVE_TERM_TUPLE || t->n != 2 ||
	    !alcove_term_atom(&t->e[0], "ptr") ||
	    t->e[1].type != ALCOVE_TERM_BINARY || t->e[1].len != len)
		return NULL;
	return &t->e[1];
}

/*
 * A pointer field that pointed nowhere comes back as the structure's own
 * pointer-sized bytes; a port's pointers are 4 or 8 bytes.
 */
static int
null_pointer(const struct alcove_term *t)
{
	return t->type == ALCOVE_TERM_BINARY && (t->len == 4 || t->len == 8);
}

/* The term of field i as read back, or NULL if it has the wrong shape. */
static const struct alcove_term *
cfield_value(const struct alcove_term *e, const struct alcove_cfield *f)
{
	if (f->type == ALCOVE_CFIELD_BYTES)
		return e->type == ALCOVE_TERM_BINARY && e->len == f->len ?
		    e : NULL;
	if (f->len == 0)
		return null_pointer(e) ? e : NULL;
	return ptr_binary(e, f->len);
}

/* Does the read-back list match the fields, element by element? */
static int
cfield_match(const struct alcove_term *t, const struct alcove_cfield *f,
    size_t n)
{
	size_t i;

	if (t->type != ALCOVE_TERM_LIST || t->n != n)
		return ALCOVE_EPROTO;
	for (i = 0; i < n; i++)
		if (cfield_value(&t->e[i], &f[i]) == NULL)
			return ALCOVE_EPROTO;
	return 0;
}

int
cfield_read(const struct alcove_term *t, struct alcove_cfield *f, size_t n)
{
	const struct alcove_term *v;
	size_t i;
	int err;

	if ((err = cfield_match(t, f, n)) != 0)
		return err;
	for (i = 0; i < n; i++) {
		if (f[i].out == NULL || f[i].len == 0)
			continue;
		v = cfield_value(&t->e[i], &f[i]);
		memcpy(f[i].out, v->data, f[i].len);
	}
	return 0;
}

int
carg_read(const struct alcove_term *t, struct alcove_arg *a, int how)
{
	int store = !(how & CARG_CHECK);

	if (a == NULL || a->type == ALCOVE_ARG_INT ||
	    a->type == ALCOVE_ARG_CONST) {
		if (how & CARG_ECHO_EMPTY)
			return t->type == ALCOVE_TERM_BINARY && t->len == 0 ?
			    0 : ALCOVE_EPROTO;
		if (t->type != ALCOVE_TERM_INTEGER || t->neg)
			return ALCOVE_EPROTO;
		if (store && a != NULL)
			a->n = t->mag;
		return 0;
	}
	switch (a->type) {
	case ALCOVE_ARG_BINARY:
		if (t->type != ALCOVE_TERM_BINARY || t->len != a->len)
			return ALCOVE_EPROTO;
		if (store && a->out != NULL && a->len > 0)
			memcpy(a->out, t->data, a->len);
		return 0;
	case ALCOVE_ARG_CSTRUCT:
		if (a->fields == NULL)
			return ALCOVE_EPROTO;
		return store ? cfield_read(t, a->fields, a->nfields) :
		    cfield_match(t, a->fields, a->nfields);
	default:
		return ALCOVE_EPROTO;
	}
}
