/*
 * The external term format codec.  The decoder trusts no length it has not
 * checked against the bytes that remain; the encoder never writes past its
 * limit.  Integer encodings follow upstream alcove byte for byte
 * (alcove-protocol(5), Encoder rules).
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <string.h>

#include "proto/etf.h"
#include "proto/frame.h"

void
etf_enc_init(struct etf_enc *e, unsigned char *buf, size_t limit)
{
	e->buf = buf;
	e->len = 0;
	e->limit = limit;
	e->overflow = 0;
}

unsigned char *
etf_put_reserve(struct etf_enc *e, size_t n)
{
	unsigned char *p;

	if (e->overflow || n > e->limit - e->len) {
		e->overflow = 1;
		return NULL;
	}
	p = e->buf + e->len;
	e->len += n;
	return p;
}

void
etf_put_raw(struct etf_enc *e, const void *data, size_t n)
{
	unsigned char *p;

	if ((p = etf_put_reserve(e, n)) != NULL && n > 0)
		memcpy(p, data, n);
}

static void
put_tag_be32(struct etf_enc *e, int tag, uint32_t v)
{
	unsigned char *p;

	if ((p = etf_put_reserve(e, 5)) != NULL) {
		p[0] = tag;
		frame_put32(p + 1, v);
	}
}

void
etf_put_version(struct etf_enc *e)
{
	unsigned char v = ETF_VERSION;

	etf_put_raw(e, &v, 1);
}

void
etf_put_tuple(struct etf_enc *e, uint32_t arity)
{
	unsigned char *p;

	if (arity > 255) {
		put_tag_be32(e, ETF_LARGE_TUPLE, arity);
		return;
	}
	if ((p = etf_put_reserve(e, 2)) != NULL) {
		p[0] = ETF_SMALL_TUPLE;
		p[1] = arity;
	}
}

void
etf_put_list(struct etf_enc *e, uint32_t n)
{
	put_tag_be32(e, ETF_LIST, n);
}

void
etf_put_nil(struct etf_enc *e)
{
	unsigned char v = ETF_NIL;

	etf_put_raw(e, &v, 1);
}

/* Atoms are Latin-1 text; on the wire they are UTF-8 (SMALL_ATOM_UTF8_EXT). */
void
etf_put_atom_len(struct etf_enc *e, const char *name, size_t n)
{
	const unsigned char *s = (const unsigned char *)name;
	size_t i, u8len = 0;
	unsigned char *p;

	for (i = 0; i < n; i++)
		u8len += s[i] < 0x80 ? 1 : 2;
	if (u8len <= 255) {
		if ((p = etf_put_reserve(e, 2 + u8len)) == NULL)
			return;
		*p++ = ETF_SMALL_ATOM_UTF8;
		*p++ = u8len;
	} else {
		if ((p = etf_put_reserve(e, 3 + u8len)) == NULL)
			return;
		*p++ = ETF_ATOM_UTF8;
		*p++ = u8len >> 8;
		*p++ = u8len;
	}
	for (i = 0; i < n; i++) {
		if (s[i] < 0x80) {
			*p++ = s[i];
		} else {
			*p++ = 0xc0 | s[i] >> 6;
			*p++ = 0x80 | (s[i] & 0x3f);
		}
	}
}

void
etf_put_atom(struct etf_enc *e, const char *name)
{
	etf_put_atom_len(e, name, strlen(name));
}

static void
put_big(struct etf_enc *e, int neg, uint64_t mag)
{
	unsigned char digits[8], *p;
	size_t n = 0;

	while (mag > 0) {
		digits[n++] = mag & 0xff;
		mag >>= 8;
	}
	if ((p = etf_put_reserve(e, 3 + n)) == NULL)
		return;
	p[0] = ETF_SMALL_BIG;
	p[1] = n;
	p[2] = neg ? 1 : 0;
	memcpy(p + 3, digits, n);
}

#define ETF_SMALL_MAX	((int64_t)1 << 27)	/* upstream's INTEGER_EXT range */

void
etf_put_int(struct etf_enc *e, int64_t v)
{
	unsigned char *p;

	if (v >= 0 && v <= 255) {
		if ((p = etf_put_reserve(e, 2)) != NULL) {
			p[0] = ETF_SMALL_INTEGER;
			p[1] = v;
		}
	} else if (v >= -ETF_SMALL_MAX && v < ETF_SMALL_MAX) {
		put_tag_be32(e, ETF_INTEGER, (uint32_t)v);
	} else if (v < 0) {
		put_big(e, 1, (uint64_t)0 - (uint64_t)v);
	} else {
		put_big(e, 0, (uint64_t)v);
	}
}

/*
 * An integer argument as Erlang's term_to_binary writes it: INTEGER_EXT
 * for the whole 32-bit range.  Replies switch to SMALL_BIG_EXT above 2^27
 * (etf_put_int, as upstream's do), but the port's SmallInt, Const and
 * Flags arguments accept no big encoding.
 */
void
etf_put_int_arg(struct etf_enc *e, int64_t v)
{
	if ((v >= 0 && v <= 255) || v < INT32_MIN || v > INT32_MAX)
		etf_put_int(e, v);
	else
		put_tag_be32(e, ETF_INTEGER, (uint32_t)v);
}

void
etf_put_uint(struct etf_enc *e, uint64_t v)
{
	if (v <= (uint64_t)INT64_MAX)
		etf_put_int(e, (int64_t)v);
	else
		put_big(e, 0, v);
}

void
etf_put_binary(struct etf_enc *e, const void *data, size_t n)
{
	if (n > UINT32_MAX) {
		e->overflow = 1;
		return;
	}
	put_tag_be32(e, ETF_BINARY, (uint32_t)n);
	etf_put_raw(e, data, n);
}

void
etf_put_string(struct etf_enc *e, const void *data, size_t n)
{
	unsigned char *p;

	if (n > 65535) {
		e->overflow = 1;
		return;
	}
	if ((p = etf_put_reserve(e, 3)) != NULL) {
		p[0] = ETF_STRING;
		p[1] = n >> 8;
		p[2] = n;
	}
	etf_put_raw(e, data, n);
}

void
etf_dec_init(struct etf_dec *d, const void *buf, size_t len)
{
	d->buf = buf;
	d->len = len;
	d->off = 0;
}

size_t
etf_remaining(const struct etf_dec *d)
{
	return d->len - d->off;
}

int
etf_peek(const struct etf_dec *d)
{
	return d->off < d->len ? d->buf[d->off] : -1;
}

static int
need(const struct etf_dec *d, size_t n)
{
	return n <= d->len - d->off;
}

int
etf_get_version(struct etf_dec *d)
{
	if (!need(d, 1) || d->buf[d->off] != ETF_VERSION)
		return -1;
	d->off++;
	return 0;
}

int
etf_get_tuple(struct etf_dec *d, uint32_t *arity)
{
	const unsigned char *p = d->buf + d->off;

	if (need(d, 2) && p[0] == ETF_SMALL_TUPLE) {
		*arity = p[1];
		d->off += 2;
		return 0;
	}
	if (need(d, 5) && p[0] == ETF_LARGE_TUPLE) {
		*arity = frame_get32(p + 1);
		d->off += 5;
		return 0;
	}
	return -1;
}

int
etf_get_list(struct etf_dec *d, uint32_t *n)
{
	const unsigned char *p = d->buf + d->off;

	if (!need(d, 5) || p[0] != ETF_LIST)
		return -1;
	*n = frame_get32(p + 1);
	d->off += 5;
	return 0;
}

int
etf_get_nil(struct etf_dec *d)
{
	if (!need(d, 1) || d->buf[d->off] != ETF_NIL)
		return -1;
	d->off++;
	return 0;
}

/*
 * Read an atom's header: where its text starts, how many bytes, and whether
 * the text is UTF-8.
 */
static int
atom_header(const struct etf_dec *d, size_t *hdr, size_t *n, int *utf8)
{
	const unsigned char *p = d->buf + d->off;

	if (!need(d, 1))
		return -1;
	switch (p[0]) {
	case ETF_ATOM:
	case ETF_ATOM_UTF8:
		if (!need(d, 3))
			return -1;
		*hdr = 3;
		*n = (size_t)p[1] << 8 | p[2];
		break;
	case ETF_SMALL_ATOM:
	case ETF_SMALL_ATOM_UTF8:
		if (!need(d, 2))
			return -1;
		*hdr = 2;
		*n = p[1];
		break;
	default:
		return -1;
	}
	*utf8 = p[0] == ETF_ATOM_UTF8 || p[0] == ETF_SMALL_ATOM_UTF8;
	return need(d, *hdr + *n) ? 0 : -1;
}

int
etf_get_atom(struct etf_dec *d, char out[ETF_ATOM_MAX + 1], size_t *outlen)
{
	const unsigned char *s;
	size_t hdr, n, i, len = 0;
	int utf8;

	if (atom_header(d, &hdr, &n, &utf8) == -1)
		return -1;
	s = d->buf + d->off + hdr;
	for (i = 0; i < n; i++) {
		unsigned char c = s[i];

		if (len == ETF_ATOM_MAX)
			return -1;
		if (utf8 && c >= 0x80) {
			/* Only U+0080..U+00FF fit Latin-1: lead byte C2 or C3. */
			if ((c != 0xc2 && c != 0xc3) || i + 1 >= n ||
			    (s[i + 1] & 0xc0) != 0x80)
				return -1;
			c = (unsigned char)((c & 0x03) << 6 | (s[i + 1] & 0x3f));
			i++;
		}
		out[len++] = (char)c;
	}
	out[len] = '\0';
	*outlen = len;
	d->off += hdr + n;
	return 0;
}

int
etf_get_integer(struct etf_dec *d, int allow, struct etf_int *v)
{
	const unsigned char *p = d->buf + d->off;
	size_t hdr, n, i;
	uint64_t mag = 0;

	if (!need(d, 1))
		return -1;
	switch (p[0]) {
	case ETF_SMALL_INTEGER:
		if (!(allow & ETF_INT_SMALL) || !need(d, 2))
			return -1;
		v->neg = 0;
		v->mag = p[1];
		d->off += 2;
		return 0;
	case ETF_INTEGER: {
		int32_t s;

		if (!(allow & ETF_INT_SMALL) || !need(d, 5))
			return -1;
		s = (int32_t)frame_get32(p + 1);
		v->neg = s < 0;
		v->mag = s < 0 ? (uint64_t)0 - (uint64_t)(int64_t)s :
		    (uint64_t)s;
		d->off += 5;
		return 0;
	}
	case ETF_SMALL_BIG:
		if (!(allow & ETF_INT_BIG) || !need(d, 3))
			return -1;
		n = p[1];
		hdr = 2;
		break;
	case ETF_LARGE_BIG:
		if (!(allow & ETF_INT_LARGE) || !need(d, 6))
			return -1;
		n = frame_get32(p + 1);
		hdr = 5;
		break;
	default:
		return -1;
	}
	/* hdr bytes of tag and count, one sign byte, n digits. */
	if (n > d->len - d->off - hdr - 1)
		return -1;
	if (p[hdr] > 1)
		return -1;
	for (i = 0; i < n; i++) {
		unsigned char digit = p[hdr + 1 + i];

		if (i >= 8) {
			if (digit != 0)
				return -1;	/* does not fit 64 bits */
			continue;
		}
		mag |= (uint64_t)digit << (8 * i);
	}
	v->neg = p[hdr] == 1 && mag != 0;
	v->mag = mag;
	d->off += hdr + 1 + n;
	return 0;
}

int
etf_get_int64(struct etf_dec *d, int allow, int64_t *out)
{
	struct etf_dec save = *d;
	struct etf_int v;

	if (etf_get_integer(d, allow, &v) == -1)
		return -1;
	if (v.neg ? v.mag > (uint64_t)INT64_MAX + 1 : v.mag > INT64_MAX) {
		*d = save;
		return -1;
	}
	*out = v.neg ? (int64_t)(0 - v.mag) : (int64_t)v.mag;
	return 0;
}

int
etf_get_uint64(struct etf_dec *d, int allow, uint64_t *out)
{
	struct etf_dec save = *d;
	struct etf_int v;

	if (etf_get_integer(d, allow, &v) == -1)
		return -1;
	if (v.neg) {
		*d = save;
		return -1;
	}
	*out = v.mag;
	return 0;
}

int
etf_get_binary(struct etf_dec *d, const unsigned char **data, size_t *n)
{
	const unsigned char *p = d->buf + d->off;
	size_t len;

	if (!need(d, 5) || p[0] != ETF_BINARY)
		return -1;
	len = frame_get32(p + 1);
	if (len > d->len - d->off - 5)	/* 5 + len may wrap a 32-bit size_t */
		return -1;
	*data = p + 5;
	*n = len;
	d->off += 5 + len;
	return 0;
}

int
etf_get_string(struct etf_dec *d, const unsigned char **data, size_t *n)
{
	const unsigned char *p = d->buf + d->off;
	size_t len;

	if (!need(d, 3) || p[0] != ETF_STRING)
		return -1;
	len = (size_t)p[1] << 8 | p[2];
	if (!need(d, 3 + len))
		return -1;
	*data = p + 3;
	*n = len;
	d->off += 3 + len;
	return 0;
}

/* Skip an atom used as the node name inside a pid, port or reference. */
static int
skip_atom(struct etf_dec *d)
{
	size_t hdr, n;
	int utf8;

	if (atom_header(d, &hdr, &n, &utf8) == -1)
		return -1;
	d->off += hdr + n;
	return 0;
}

/* Skip a tag's fixed-size payload after an atom (node) field. */
static int
skip_node_then(struct etf_dec *d, size_t fixed)
{
	if (skip_atom(d) == -1 || !need(d, fixed))
		return -1;
	d->off += fixed;
	return 0;
}

/*
 * Skip one complete term of the whole external format (not only the tags
 * the protocol uses), without recursion: `pending` counts the terms still
 * to skip, and a container adds its elements to it.  Every pending term
 * takes at least one byte, which bounds the count by the input size.
 */
int
etf_skip(struct etf_dec *d)
{
	struct etf_dec c = *d;
	uint64_t pending = 1;

	while (pending > 0) {
		const unsigned char *p;
		size_t n;
		uint32_t count;

		if (pending > etf_remaining(&c))
			return -1;
		pending--;
		p = c.buf + c.off;
		c.off++;
		switch (p[0]) {
		case ETF_SMALL_INTEGER:
			n = 1;
			break;
		case ETF_INTEGER:
			n = 4;
			break;
		case ETF_NEW_FLOAT:
			n = 8;
			break;
		case ETF_FLOAT:
			n = 31;
			break;
		case ETF_ATOM:
		case ETF_ATOM_UTF8:
		case ETF_SMALL_ATOM:
		case ETF_SMALL_ATOM_UTF8:
			c.off--;
			if (skip_atom(&c) == -1)
				return -1;
			continue;
		case ETF_NIL:
			continue;
		case ETF_SMALL_TUPLE:
			if (!need(&c, 1))
				return -1;
			pending += c.buf[c.off++];
			continue;
		case ETF_LARGE_TUPLE:
		case ETF_LIST:
		case ETF_MAP:
			if (!need(&c, 4))
				return -1;
			count = frame_get32(c.buf + c.off);
			c.off += 4;
			if (p[0] == ETF_LIST)
				pending += (uint64_t)count + 1;	/* and the tail */
			else if (p[0] == ETF_MAP)
				pending += (uint64_t)count * 2;
			else
				pending += count;
			continue;
		case ETF_STRING:
			if (!need(&c, 2))
				return -1;
			n = (size_t)c.buf[c.off] << 8 | c.buf[c.off + 1];
			c.off += 2;
			break;
		case ETF_BINARY:
			if (!need(&c, 4))
				return -1;
			n = frame_get32(c.buf + c.off);
			c.off += 4;
			break;
		case ETF_BIT_BINARY:
			if (!need(&c, 5))
				return -1;
			n = frame_get32(c.buf + c.off);
			c.off += 5;
			break;
		case ETF_SMALL_BIG:
			if (!need(&c, 2))
				return -1;
			n = c.buf[c.off];
			c.off += 2;
			break;
		case ETF_LARGE_BIG:
			if (!need(&c, 5))
				return -1;
			n = frame_get32(c.buf + c.off);
			c.off += 5;
			break;
		case ETF_PID:
			if (skip_node_then(&c, 9) == -1)
				return -1;
			continue;
		case ETF_NEW_PID:
			if (skip_node_then(&c, 12) == -1)
				return -1;
			continue;
		case ETF_PORT:
			if (skip_node_then(&c, 5) == -1)
				return -1;
			continue;
		case ETF_NEW_PORT:
			if (skip_node_then(&c, 8) == -1)
				return -1;
			continue;
		case ETF_V4_PORT:
			if (skip_node_then(&c, 12) == -1)
				return -1;
			continue;
		case ETF_REFERENCE:
			if (skip_node_then(&c, 5) == -1)
				return -1;
			continue;
		case ETF_NEW_REFERENCE:
		case ETF_NEWER_REFERENCE:
			if (!need(&c, 2))
				return -1;
			count = (uint32_t)c.buf[c.off] << 8 | c.buf[c.off + 1];
			c.off += 2;
			if (skip_node_then(&c, (p[0] == ETF_NEW_REFERENCE ?
			    1 : 4) + (size_t)count * 4) == -1)
				return -1;
			continue;
		case ETF_EXPORT:
			pending += 3;	/* module, function, arity */
			continue;
		case ETF_NEW_FUN:
			/* Size counts itself and everything after it. */
			if (!need(&c, 4))
				return -1;
			n = frame_get32(c.buf + c.off);
			if (n < 4)
				return -1;
			break;
		case ETF_FUN:
			if (!need(&c, 4))
				return -1;
			count = frame_get32(c.buf + c.off);
			c.off += 4;
			/* pid, module, index, uniq, then the free variables */
			pending += (uint64_t)count + 4;
			continue;
		default:
			return -1;
		}
		if (!need(&c, n))
			return -1;
		c.off += n;
	}
	*d = c;
	return 0;
}

int
etf_is_one_term(const void *buf, size_t len)
{
	struct etf_dec d;

	etf_dec_init(&d, buf, len);
	return etf_get_version(&d) == 0 && etf_skip(&d) == 0 &&
	    etf_remaining(&d) == 0;
}
