/*
 * Decoding, laying out and reading back CStruct arguments
 * (alcove-protocol(5), CStructs), and the alloc call that shows the layout.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <string.h>

#include "calls/call.h"
#include "calls/cstruct.h"
#include "calls/handlers.h"

void
cstruct_free(struct cstruct *cs)
{
	/* The pointed-to memory is in the same block as buf. */
	argmem_release(cs->field);
	argmem_release(cs->buf);
	memset(cs, 0, sizeof(*cs));
}

int
cstruct_ptr_at(const struct cstruct *cs, size_t off, unsigned char **mem,
    size_t *len)
{
	size_t i;

	for (i = 0; i < cs->n; i++) {
		if (cs->field[i].ptr && cs->field[i].off == off) {
			*mem = cs->field[i].mem;
			*len = cs->field[i].len;
			return 0;
		}
	}
	return -1;
}

/* {ptr, Size} or {ptr, Binary}: the size, and the bytes to copy if any. */
static int
ptr_element(struct etf_dec *d, size_t *size, const unsigned char **copy)
{
	int32_t n;

	if (etf_peek(d) != ETF_SMALL_TUPLE ||
	    arg_record(d, "ptr", 2) != CALL_OK)
		return CALL_BADARG;
	*copy = NULL;
	if (etf_peek(d) == ETF_BINARY) {
		if (etf_get_binary(d, copy, size) == -1)
			return CALL_BADARG;
		return CALL_OK;
	}
	if (arg_smallint(d, &n) != CALL_OK || n < 0)
		return CALL_BADARG;
	*size = (size_t)n;
	return CALL_OK;
}

/*
 * A proper list of 1 to 1023 elements, each a binary (inline) or a {ptr,
 * _} (a pointer-sized inline field); the inline size at most max, all
 * sizes together at most 65535.  The list's tail is consumed.  One zeroed
 * block holds the inline bytes, then each pointed-to area, then
 * CSTRUCT_SLACK bytes.
 */
int
arg_cstruct(struct etf_dec *d, size_t max, struct cstruct *cs)
{
	const unsigned char *bin, *copy;
	struct cstruct_field *f;
	unsigned char *pointee;
	size_t total = 0, len, size, i;
	struct etf_dec start;
	uint32_t n;
	int rv;

	memset(cs, 0, sizeof(*cs));
	if (etf_get_list(d, &n) == -1 || n < 1 || n > CSTRUCT_ELEMENTS_MAX)
		return CALL_BADARG;
	if ((cs->field = argmem_alloc(n * sizeof(*cs->field))) == NULL)
		return CALL_BADARG;
	cs->n = n;

	/* First pass: sizes and offsets. */
	start = *d;
	for (i = 0; i < n; i++) {
		f = &cs->field[i];
		f->off = cs->len;
		if (etf_peek(d) == ETF_BINARY) {
			if (etf_get_binary(d, &bin, &len) == -1)
				goto bad;
			f->len = len;
			cs->len += len;
			total += len;
		} else {
			if ((rv = ptr_element(d, &size, &copy)) != CALL_OK)
				goto bad;
			f->ptr = 1;
			f->len = size;
			cs->len += sizeof(void *);
			total += size;
		}
		if (cs->len > max || total > CSTRUCT_BYTES_MAX)
			goto bad;
	}
	if (etf_get_nil(d) == -1)
		goto bad;

	/* Second pass: lay the structure out. */
	if ((cs->buf = argmem_alloc(cs->len + total + CSTRUCT_SLACK)) == NULL)
		goto bad;
	pointee = cs->buf + cs->len;
	*d = start;
	for (i = 0; i < n; i++) {
		f = &cs->field[i];
		if (!f->ptr) {
			(void)etf_get_binary(d, &bin, &len);
			if (len > 0)
				memcpy(cs->buf + f->off, bin, len);
			continue;
		}
		(void)ptr_element(d, &size, &copy);
		if (size > 0) {
			f->mem = pointee;
			pointee += size;
			if (copy != NULL)
				memcpy(f->mem, copy, size);
		}
		memcpy(cs->buf + f->off, &f->mem, sizeof(f->mem));
	}
	(void)etf_get_nil(d);
	return CALL_OK;

bad:
	cstruct_free(cs);
	return CALL_BADARG;
}

/*
 * The structure read back as a list of the same shape: binaries from the
 * inline buffer, {ptr, Bin} for pointed-to memory, the raw pointer-sized
 * bytes for a NULL pointer.  One list header with the full count.
 */
void
cstruct_put(struct etf_enc *r, const struct cstruct *cs)
{
	size_t i;

	etf_put_list(r, (uint32_t)cs->n);
	for (i = 0; i < cs->n; i++) {
		const struct cstruct_field *f = &cs->field[i];

		if (!f->ptr) {
			etf_put_binary(r, cs->buf + f->off, f->len);
		} else if (f->mem == NULL) {
			etf_put_binary(r, cs->buf + f->off, sizeof(void *));
		} else {
			etf_put_tuple(r, 2);
			etf_put_atom(r, "ptr");
			etf_put_binary(r, f->mem, f->len);
		}
	}
	etf_put_nil(r);
}

/* {ok, RawBin, CStruct}: the inline bytes as they are, and read back. */
void
cstruct_put_ok(struct etf_enc *r, const struct cstruct *cs)
{
	etf_put_tuple(r, 3);
	etf_put_atom(r, "ok");
	etf_put_binary(r, cs->buf, cs->len);
	cstruct_put(r, cs);
}

/* The layout, pointers and all (a testing aid). */
int
call_alloc(struct etf_dec *a, struct etf_enc *r)
{
	struct cstruct cs;
	int rv;

	if ((rv = arg_cstruct(a, CSTRUCT_BYTES_MAX, &cs)) != CALL_OK)
		return rv;
	cstruct_put_ok(r, &cs);
	cstruct_free(&cs);
	return CALL_OK;
}
