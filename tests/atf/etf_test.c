/*
 * Unit tests of the external term format codec (src/proto/etf.c) against
 * alcove-protocol(5), EXTERNAL TERM FORMAT: every tag both ways, the integer
 * rule of its Encoder rules byte for byte, its Decoder bounds and the
 * whole-format skipper.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "proto/etf.h"
#include "testlib.h"

/* The node atom of pids, ports and references: 'nonode@nohost'. */
#define NODE	0x77, 0x0d, 'n', 'o', 'n', 'o', 'd', 'e', '@', 'n', 'o', \
		'h', 'o', 's', 't'

struct sample {
	const char		*name;
	const unsigned char	*b;
	size_t			 n;
};

/*
 * Failure messages show bytes; a few rotating buffers let one message
 * show several strings.
 */
static const char *
hex(const unsigned char *b, size_t n)
{
	static char ring[4][1024];
	static int next;
	char *out = ring[next++ % 4];
	size_t i, o = 0;

	out[0] = '\0';
	for (i = 0; i < n && o + 8 < sizeof(ring[0]); i++)
		o += (size_t)snprintf(out + o, sizeof(ring[0]) - o, "%02x ",
		    b[i]);
	if (i < n)
		(void)snprintf(out + o, sizeof(ring[0]) - o, "...");
	return out;
}

/*
 * Decoding always runs over a heap block of exactly the input's size, so
 * that AddressSanitizer reports any read past the end of the input.
 */
static unsigned char *
exact_copy(const unsigned char *b, size_t n)
{
	unsigned char *p;

	p = malloc(n);
	if (p == NULL && n == 0)
		p = malloc(1);
	ATF_REQUIRE(p != NULL);
	if (n > 0)
		memcpy(p, b, n);
	return p;
}

static void
check_encoded(const char *what, const struct etf_enc *e,
    const unsigned char *want, size_t n)
{
	ATF_CHECK_MSG(!e->overflow, "%s: encoder overflow", what);
	ATF_CHECK_MSG(e->len == n && memcmp(e->buf, want, n) == 0,
	    "%s: expected %s, got %s", what, hex(want, n),
	    hex(e->buf, e->len));
}

/* ---- integers ---- */

struct intcase {
	int		 neg;		/* value = neg ? -mag : mag */
	uint64_t	 mag;
	const unsigned char *b;
	size_t		 n;
};

/*
 * alcove-protocol(5), Encoder rules: the captured values, the boundaries of
 * each encoding and the ends of the 64-bit ranges.
 */
static const struct intcase int_rule[] = {
	{ 0, 0, T_BYTES(0x61, 0x00) },
	{ 0, 1, T_BYTES(0x61, 0x01) },
	{ 0, 255, T_BYTES(0x61, 0xff) },
	{ 0, 256, T_BYTES(0x62, 0x00, 0x00, 0x01, 0x00) },
	{ 0, 134217727, T_BYTES(0x62, 0x07, 0xff, 0xff, 0xff) },
	{ 0, 134217728, T_BYTES(0x6e, 0x04, 0x00, 0x00, 0x00, 0x00, 0x08) },
	{ 0, 2147483647, T_BYTES(0x6e, 0x04, 0x00, 0xff, 0xff, 0xff, 0x7f) },
	{ 0, 3221225534u, T_BYTES(0x6e, 0x04, 0x00, 0x3e, 0x00, 0x00, 0xc0) },
	{ 0, 4294967295u, T_BYTES(0x6e, 0x04, 0x00, 0xff, 0xff, 0xff, 0xff) },
	{ 0, 4294967296u, T_BYTES(0x6e, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00,
	    0x01) },
	{ 0, INT64_MAX, T_BYTES(0x6e, 0x08, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff,
	    0xff, 0xff, 0x7f) },
	{ 0, (uint64_t)INT64_MAX + 1, T_BYTES(0x6e, 0x08, 0x00, 0x00, 0x00,
	    0x00, 0x00, 0x00, 0x00, 0x00, 0x80) },
	{ 0, UINT64_MAX, T_BYTES(0x6e, 0x08, 0x00, 0xff, 0xff, 0xff, 0xff,
	    0xff, 0xff, 0xff, 0xff) },
	{ 1, 1, T_BYTES(0x62, 0xff, 0xff, 0xff, 0xff) },
	{ 1, 255, T_BYTES(0x62, 0xff, 0xff, 0xff, 0x01) },
	{ 1, 134217728, T_BYTES(0x62, 0xf8, 0x00, 0x00, 0x00) },
	{ 1, 134217729, T_BYTES(0x6e, 0x04, 0x01, 0x01, 0x00, 0x00, 0x08) },
	{ 1, 2147483648u, T_BYTES(0x6e, 0x04, 0x01, 0x00, 0x00, 0x00, 0x80) },
	{ 1, (uint64_t)INT64_MAX + 1, T_BYTES(0x6e, 0x08, 0x01, 0x00, 0x00,
	    0x00, 0x00, 0x00, 0x00, 0x00, 0x80) },
};

static const char *
int_name(const struct intcase *c)
{
	static char s[32];

	(void)snprintf(s, sizeof(s), "%s%llu", c->neg ? "-" : "",
	    (unsigned long long)c->mag);
	return s;
}

T_TC(encode_integer_rule, "integers encode as alcove-protocol(5), Encoder "
    "rules, requires, byte for byte, for every captured value and boundary")
ATF_TC_BODY(encode_integer_rule, tc)
{
	unsigned char buf[64];
	struct etf_enc e;
	size_t i;

	for (i = 0; i < sizeof(int_rule) / sizeof(int_rule[0]); i++) {
		const struct intcase *c = &int_rule[i];
		int fits_int64 = c->neg ? c->mag <= (uint64_t)INT64_MAX + 1 :
		    c->mag <= (uint64_t)INT64_MAX;

		if (fits_int64) {
			int64_t v = c->neg ? (int64_t)(0 - c->mag) :
			    (int64_t)c->mag;

			etf_enc_init(&e, buf, sizeof(buf));
			etf_put_int(&e, v);
			check_encoded(int_name(c), &e, c->b, c->n);
		}
		if (!c->neg) {
			etf_enc_init(&e, buf, sizeof(buf));
			etf_put_uint(&e, c->mag);
			check_encoded(int_name(c), &e, c->b, c->n);
		}
	}
}

T_TC(decode_integer_rule, "the same integer encodings decode back to their "
    "values and respect the int64/uint64 ranges")
ATF_TC_BODY(decode_integer_rule, tc)
{
	struct etf_dec d;
	struct etf_int v;
	unsigned char *m;
	int64_t s;
	uint64_t u;
	size_t i;

	for (i = 0; i < sizeof(int_rule) / sizeof(int_rule[0]); i++) {
		const struct intcase *c = &int_rule[i];
		int fits_int64 = c->neg ? c->mag <= (uint64_t)INT64_MAX + 1 :
		    c->mag <= (uint64_t)INT64_MAX;

		m = exact_copy(c->b, c->n);
		etf_dec_init(&d, m, c->n);
		ATF_CHECK_MSG(etf_get_integer(&d, ETF_INT_ANY, &v) == 0 &&
		    v.neg == c->neg && v.mag == c->mag && d.off == c->n,
		    "%s: %s decoded wrongly", int_name(c), hex(c->b, c->n));

		etf_dec_init(&d, m, c->n);
		if (fits_int64)
			ATF_CHECK_MSG(etf_get_int64(&d, ETF_INT_ANY, &s) == 0 &&
			    (c->neg ? (uint64_t)0 - (uint64_t)s :
			    (uint64_t)s) == c->mag && d.off == c->n,
			    "%s: etf_get_int64", int_name(c));
		else
			ATF_CHECK_MSG(etf_get_int64(&d, ETF_INT_ANY, &s) ==
			    -1 && d.off == 0, "%s: etf_get_int64 accepted it",
			    int_name(c));

		etf_dec_init(&d, m, c->n);
		if (!c->neg)
			ATF_CHECK_MSG(etf_get_uint64(&d, ETF_INT_ANY, &u) ==
			    0 && u == c->mag && d.off == c->n,
			    "%s: etf_get_uint64", int_name(c));
		else
			ATF_CHECK_MSG(etf_get_uint64(&d, ETF_INT_ANY, &u) ==
			    -1 && d.off == 0,
			    "%s: etf_get_uint64 accepted a negative value",
			    int_name(c));
		free(m);
	}
}

/* Decode one integer that must be accepted with exactly this value. */
static void
int_ok(const unsigned char *b, size_t n, int allow, int neg, uint64_t mag)
{
	unsigned char *m = exact_copy(b, n);
	struct etf_dec d;
	struct etf_int v;

	etf_dec_init(&d, m, n);
	ATF_CHECK_MSG(etf_get_integer(&d, allow, &v) == 0 && v.neg == neg &&
	    v.mag == mag && d.off == n, "%s: expected %s%llu", hex(b, n),
	    neg ? "-" : "", (unsigned long long)mag);
	free(m);
}

/* Decode one integer that must be refused, leaving the cursor alone. */
static void
int_bad(const unsigned char *b, size_t n, int allow)
{
	unsigned char *m = exact_copy(b, n);
	struct etf_dec d;
	struct etf_int v;

	etf_dec_init(&d, m, n);
	ATF_CHECK_MSG(etf_get_integer(&d, allow, &v) == -1 && d.off == 0,
	    "%s accepted (allow %#x)", hex(b, n), allow);
	free(m);
}

T_TC(decode_small_integer, "SMALL_INTEGER_EXT decodes 0..255 and is refused "
    "when cut or not allowed")
ATF_TC_BODY(decode_small_integer, tc)
{
	int_ok(T_BYTES(0x61, 0x00), ETF_INT_SMALL, 0, 0);
	int_ok(T_BYTES(0x61, 0x80), ETF_INT_SMALL, 0, 128);
	int_ok(T_BYTES(0x61, 0xff), ETF_INT_ANY, 0, 255);
	/* the tag alone */
	int_bad(T_BYTES(0x61), ETF_INT_ANY);
	/* not allowed where only big encodings are */
	int_bad(T_BYTES(0x61, 0x05), ETF_INT_BIG | ETF_INT_LARGE);
}

T_TC(decode_integer_ext, "INTEGER_EXT decodes as a signed 32-bit value and is "
    "refused when cut or not allowed")
ATF_TC_BODY(decode_integer_ext, tc)
{
	int_ok(T_BYTES(0x62, 0x00, 0x00, 0x00, 0x00), ETF_INT_SMALL, 0, 0);
	int_ok(T_BYTES(0x62, 0x7f, 0xff, 0xff, 0xff), ETF_INT_SMALL, 0,
	    2147483647);
	int_ok(T_BYTES(0x62, 0x80, 0x00, 0x00, 0x00), ETF_INT_SMALL, 1,
	    2147483648u);
	int_ok(T_BYTES(0x62, 0xff, 0xff, 0xff, 0xfe), ETF_INT_ANY, 1, 2);
	int_bad(T_BYTES(0x62, 0x00, 0x00, 0x01), ETF_INT_ANY);
	int_bad(T_BYTES(0x62), ETF_INT_ANY);
	int_bad(T_BYTES(0x62, 0x00, 0x00, 0x01, 0x00), ETF_INT_BIG);
}

T_TC(decode_small_big, "SMALL_BIG_EXT decodes sign and little-endian "
    "magnitude, rejects bad sign bytes and SmallInt contexts")
ATF_TC_BODY(decode_small_big, tc)
{
	int_ok(T_BYTES(0x6e, 0x01, 0x00, 0x05), ETF_INT_BIG, 0, 5);
	int_ok(T_BYTES(0x6e, 0x02, 0x01, 0x34, 0x12), ETF_INT_BIG, 1, 0x1234);
	int_ok(T_BYTES(0x6e, 0x00, 0x00), ETF_INT_ANY, 0, 0);
	/* minus zero is zero */
	int_ok(T_BYTES(0x6e, 0x01, 0x01, 0x00), ETF_INT_ANY, 0, 0);
	/* the sign byte is 0 or 1 */
	int_bad(T_BYTES(0x6e, 0x01, 0x02, 0x05), ETF_INT_ANY);
	int_bad(T_BYTES(0x6e, 0x01, 0xff, 0x05), ETF_INT_ANY);
	/* not where only SMALL_INTEGER_EXT/INTEGER_EXT are (SmallInt) */
	int_bad(T_BYTES(0x6e, 0x01, 0x00, 0x05), ETF_INT_SMALL);
	int_bad(T_BYTES(0x6e, 0x01, 0x00, 0x05), ETF_INT_SMALL | ETF_INT_LARGE);
}

T_TC(decode_large_big, "LARGE_BIG_EXT decodes only where the type allows it")
ATF_TC_BODY(decode_large_big, tc)
{
	int_ok(T_BYTES(0x6f, 0x00, 0x00, 0x00, 0x01, 0x00, 0x07), ETF_INT_LARGE,
	    0, 7);
	int_ok(T_BYTES(0x6f, 0x00, 0x00, 0x00, 0x04, 0x01, 0x00, 0x00, 0x00,
	    0x80), ETF_INT_ANY, 1, 2147483648u);
	int_ok(T_BYTES(0x6f, 0x00, 0x00, 0x00, 0x08, 0x00, 0xff, 0xff, 0xff,
	    0xff, 0xff, 0xff, 0xff, 0xff), ETF_INT_ANY, 0, UINT64_MAX);
	/* LARGE_BIG_EXT only where the type allows it (not Const64) */
	int_bad(T_BYTES(0x6f, 0x00, 0x00, 0x00, 0x01, 0x00, 0x07),
	    ETF_INT_SMALL | ETF_INT_BIG);
	int_bad(T_BYTES(0x6f, 0x00, 0x00, 0x00, 0x01, 0x02, 0x07), ETF_INT_ANY);
}

/*
 * More digits than 64 bits hold are fine while the extra (most
 * significant) digits are zero; any non-zero one is out of range.
 */
T_TC(big_beyond_64_bits, "big integers above 64 bits are refused; extra zero "
    "high digits are accepted when the value fits")
ATF_TC_BODY(big_beyond_64_bits, tc)
{
	int_ok(T_BYTES(0x6e, 0x09, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	    0xff, 0xff, 0x00), ETF_INT_BIG, 0, UINT64_MAX);
	int_ok(T_BYTES(0x6f, 0x00, 0x00, 0x00, 0x0c, 0x00, 0x2a, 0x00, 0x00,
	    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00),
	    ETF_INT_LARGE, 0, 42);
	int_ok(T_BYTES(0x6f, 0x00, 0x00, 0x00, 0x0a, 0x01, 0x00, 0x00, 0x00,
	    0x00, 0x00, 0x00, 0x00, 0x80, 0x00, 0x00), ETF_INT_LARGE, 1,
	    (uint64_t)INT64_MAX + 1);
	/* 2^64 */
	int_bad(T_BYTES(0x6e, 0x09, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	    0x00, 0x00, 0x01), ETF_INT_ANY);
	int_bad(T_BYTES(0x6e, 0x09, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	    0xff, 0xff, 0x01), ETF_INT_ANY);
	/* a non-zero digit far beyond the eighth */
	int_bad(T_BYTES(0x6f, 0x00, 0x00, 0x00, 0x0c, 0x00, 0x2a, 0x00, 0x00,
	    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01),
	    ETF_INT_LARGE);
}

T_TC(int64_uint64_ranges, "etf_get_int64 and etf_get_uint64 refuse "
    "out-of-range values and non-integers without moving")
ATF_TC_BODY(int64_uint64_ranges, tc)
{
	/* -(2^63 + 1) */
	static const unsigned char below[] = { 0x6e, 0x08, 0x01, 0x01, 0x00,
	    0x00, 0x00, 0x00, 0x00, 0x00, 0x80 };
	static const unsigned char minus1[] = { 0x62, 0xff, 0xff, 0xff, 0xff };
	static const unsigned char atom[] = { 0x77, 0x01, 0x61 };
	unsigned char *m;
	struct etf_dec d;
	int64_t s;
	uint64_t u;

	m = exact_copy(below, sizeof(below));
	etf_dec_init(&d, m, sizeof(below));
	ATF_CHECK(etf_get_int64(&d, ETF_INT_ANY, &s) == -1 && d.off == 0);
	ATF_CHECK(etf_get_uint64(&d, ETF_INT_ANY, &u) == -1 && d.off == 0);
	free(m);

	m = exact_copy(minus1, sizeof(minus1));
	etf_dec_init(&d, m, sizeof(minus1));
	ATF_CHECK(etf_get_uint64(&d, ETF_INT_ANY, &u) == -1 && d.off == 0);
	ATF_CHECK(etf_get_int64(&d, ETF_INT_ANY, &s) == 0 && s == -1 &&
	    d.off == sizeof(minus1));
	free(m);

	m = exact_copy(atom, sizeof(atom));
	etf_dec_init(&d, m, sizeof(atom));
	ATF_CHECK(etf_get_int64(&d, ETF_INT_ANY, &s) == -1 && d.off == 0);
	ATF_CHECK(etf_get_uint64(&d, ETF_INT_ANY, &u) == -1 && d.off == 0);
	free(m);
}

/* ---- atoms ---- */

/* Decode one atom that must be accepted as these Latin-1 bytes. */
static void
atom_ok(const unsigned char *b, size_t n, const char *want, size_t wantlen)
{
	unsigned char *m = exact_copy(b, n);
	char out[ETF_ATOM_MAX + 1];
	struct etf_dec d;
	size_t len = 9999;

	etf_dec_init(&d, m, n);
	ATF_CHECK_MSG(etf_get_atom(&d, out, &len) == 0 && len == wantlen &&
	    memcmp(out, want, wantlen) == 0 && out[len] == '\0' &&
	    d.off == n, "%s: expected the atom %s", hex(b, n),
	    hex((const unsigned char *)want, wantlen));
	free(m);
}

static void
atom_bad(const unsigned char *b, size_t n)
{
	unsigned char *m = exact_copy(b, n);
	char out[ETF_ATOM_MAX + 1];
	struct etf_dec d;
	size_t len;

	etf_dec_init(&d, m, n);
	ATF_CHECK_MSG(etf_get_atom(&d, out, &len) == -1 && d.off == 0,
	    "%s accepted as an atom", hex(b, n));
	free(m);
}

T_TC(decode_atom_tags, "all four atom tags decode, other terms are not atoms")
ATF_TC_BODY(decode_atom_tags, tc)
{
	/* the four atom tags, as OTP 25 and 26 send 'ok' */
	atom_ok(T_BYTES(0x64, 0x00, 0x02, 'o', 'k'), "ok", 2);
	atom_ok(T_BYTES(0x73, 0x02, 'o', 'k'), "ok", 2);
	atom_ok(T_BYTES(0x76, 0x00, 0x02, 'o', 'k'), "ok", 2);
	atom_ok(T_BYTES(0x77, 0x02, 'o', 'k'), "ok", 2);
	/* the getopt argument OTP 25 sends (alcove-protocol(5), EXAMPLES) */
	atom_ok(T_BYTES(0x64, 0x00, 0x0b, 'e', 'x', 'i', 't', '_', 's', 't',
	    'a', 't', 'u', 's'), "exit_status", 11);
	atom_ok(T_BYTES(0x77, 0x00), "", 0);
	/* not an atom */
	atom_bad(T_BYTES(0x6d, 0x00, 0x00, 0x00, 0x02, 'o', 'k'));
	atom_bad(T_BYTES(0x6b, 0x00, 0x02, 'o', 'k'));
}

T_TC(atom_latin1, "Latin-1 atom characters travel as UTF-8 and come back as "
    "the same bytes")
ATF_TC_BODY(atom_latin1, tc)
{
	unsigned char buf[1024];
	char all[256];
	struct etf_enc e;
	size_t i;

	/* Latin-1 tags carry the byte itself, UTF-8 tags two bytes */
	atom_ok(T_BYTES(0x64, 0x00, 0x03, 0xe9, 't', 0xe9), "\xe9t\xe9", 3);
	atom_ok(T_BYTES(0x73, 0x01, 0xff), "\xff", 1);
	atom_ok(T_BYTES(0x77, 0x05, 0xc3, 0xa9, 't', 0xc3, 0xa9), "\xe9t\xe9",
	    3);
	atom_ok(T_BYTES(0x76, 0x00, 0x04, 0xc2, 0x80, 0xc3, 0xbf), "\x80\xff",
	    2);

	/* encoding: always UTF-8 on the wire */
	etf_enc_init(&e, buf, sizeof(buf));
	etf_put_atom(&e, "\xe9t\xe9");
	check_encoded("put_atom(\"\\xe9t\\xe9\")", &e,
	    T_BYTES(0x77, 0x05, 0xc3, 0xa9, 't', 0xc3, 0xa9));
	etf_enc_init(&e, buf, sizeof(buf));
	etf_put_atom_len(&e, "\x80\xff", 2);
	check_encoded("put_atom(\"\\x80\\xff\")", &e,
	    T_BYTES(0x77, 0x04, 0xc2, 0x80, 0xc3, 0xbf));

	/* every character 1..255, round trip: 383 bytes, ATOM_UTF8_EXT */
	for (i = 0; i < 255; i++)
		all[i] = (char)(i + 1);
	etf_enc_init(&e, buf, sizeof(buf));
	etf_put_atom_len(&e, all, 255);
	ATF_REQUIRE(!e.overflow);
	ATF_CHECK_MSG(e.len == 3 + 127 + 2 * 128 && buf[0] == 0x76 &&
	    buf[1] == 0x01 && buf[2] == 0x7f, "header %s, length %zu",
	    hex(buf, 3), e.len);
	ATF_CHECK(buf[3] == 0x01 && buf[3 + 126] == 0x7f &&
	    buf[3 + 127] == 0xc2 && buf[3 + 128] == 0x80 &&
	    buf[e.len - 2] == 0xc3 && buf[e.len - 1] == 0xbf);
	atom_ok(buf, e.len, all, 255);
}

T_TC(atom_255_accepted_256_rejected, "an atom of 255 characters is accepted "
    "and one of 256 refused, in every atom tag")
ATF_TC_BODY(atom_255_accepted_256_rejected, tc)
{
	unsigned char b[3 + 2 * 256];
	char want[256];
	size_t i;

	memset(want, 'a', sizeof(want));

	/* ATOM_EXT */
	b[0] = 0x64;
	b[1] = 0x00;
	b[2] = 0xff;
	memset(b + 3, 'a', 256);
	atom_ok(b, 3 + 255, want, 255);
	b[1] = 0x01;
	b[2] = 0x00;
	atom_bad(b, 3 + 256);

	/* SMALL_ATOM_UTF8_EXT and SMALL_ATOM_EXT of 255 */
	b[0] = 0x77;
	b[1] = 0xff;
	memset(b + 2, 'a', 255);
	atom_ok(b, 2 + 255, want, 255);
	b[0] = 0x73;
	atom_ok(b, 2 + 255, want, 255);

	/* ATOM_UTF8_EXT: 255 and 256 two-byte characters */
	memset(want, '\xe9', sizeof(want));
	b[0] = 0x76;
	for (i = 0; i < 256; i++) {
		b[3 + 2 * i] = 0xc3;
		b[3 + 2 * i + 1] = 0xa9;
	}
	b[1] = 0x01;
	b[2] = 0xfe;		/* 510 */
	atom_ok(b, 3 + 510, want, 255);
	b[1] = 0x02;
	b[2] = 0x00;		/* 512 */
	atom_bad(b, 3 + 512);
	/* 255 characters and one more byte */
	b[1] = 0x01;
	b[2] = 0xff;
	b[3 + 510] = 'x';
	atom_bad(b, 3 + 511);
}

T_TC(atom_utf8_above_255, "UTF-8 atoms with a character above U+00FF are "
    "refused")
ATF_TC_BODY(atom_utf8_above_255, tc)
{
	/* U+0100 */
	atom_bad(T_BYTES(0x77, 0x02, 0xc4, 0x80));
	/* U+07FF */
	atom_bad(T_BYTES(0x77, 0x02, 0xdf, 0xbf));
	/* U+20AC, three bytes */
	atom_bad(T_BYTES(0x77, 0x03, 0xe2, 0x82, 0xac));
	/* U+1F600, four bytes */
	atom_bad(T_BYTES(0x76, 0x00, 0x04, 0xf0, 0x9f, 0x98, 0x80));
	/* after an accepted character */
	atom_bad(T_BYTES(0x77, 0x04, 0xc3, 0xa9, 0xc5, 0x93));
}

T_TC(atom_invalid_utf8, "atoms whose text is not valid UTF-8 are refused, "
    "without reading past the atom")
ATF_TC_BODY(atom_invalid_utf8, tc)
{
	/* a continuation byte alone */
	atom_bad(T_BYTES(0x77, 0x01, 0xa9));
	/* a lead byte at the end of the atom, its continuation outside */
	atom_bad(T_BYTES(0x77, 0x01, 0xc3));
	atom_bad(T_BYTES(0x77, 0x01, 0xc3, 0xa9));
	atom_bad(T_BYTES(0x76, 0x00, 0x01, 0xc3, 0xa9));
	/* a lead byte followed by a non-continuation */
	atom_bad(T_BYTES(0x77, 0x02, 0xc3, 'A'));
	atom_bad(T_BYTES(0x77, 0x02, 0xc3, 0xc3));
	/* overlong forms */
	atom_bad(T_BYTES(0x77, 0x02, 0xc0, 0x80));
	atom_bad(T_BYTES(0x77, 0x02, 0xc1, 0xa9));
	/* bytes that never occur in UTF-8 */
	atom_bad(T_BYTES(0x77, 0x01, 0xff));
	atom_bad(T_BYTES(0x77, 0x01, 0xfe));
}

T_TC(encode_atom, "atoms encode as SMALL_ATOM_UTF8_EXT, or ATOM_UTF8_EXT past "
    "255 bytes")
ATF_TC_BODY(encode_atom, tc)
{
	unsigned char buf[600];
	char name[300];
	struct etf_enc e;

	etf_enc_init(&e, buf, sizeof(buf));
	etf_put_atom(&e, "ok");
	check_encoded("ok", &e, T_BYTES(0x77, 0x02, 0x6f, 0x6b));

	etf_enc_init(&e, buf, sizeof(buf));
	etf_put_atom(&e, "badarg");
	check_encoded("badarg", &e, T_BYTES(0x77, 0x06, 'b', 'a', 'd', 'a',
	    'r', 'g'));

	etf_enc_init(&e, buf, sizeof(buf));
	etf_put_atom(&e, "");
	check_encoded("''", &e, T_BYTES(0x77, 0x00));

	etf_enc_init(&e, buf, sizeof(buf));
	etf_put_atom_len(&e, "undefined", 5);
	check_encoded("put_atom_len", &e, T_BYTES(0x77, 0x05, 'u', 'n', 'd',
	    'e', 'f'));

	/* 255 ASCII characters still fit the one-byte length */
	memset(name, 'z', 255);
	name[255] = '\0';
	etf_enc_init(&e, buf, sizeof(buf));
	etf_put_atom(&e, name);
	ATF_CHECK(!e.overflow && e.len == 257 && buf[0] == 0x77 &&
	    buf[1] == 0xff && buf[2] == 'z' && buf[256] == 'z');

	/* 128 x U+00E9 is 256 UTF-8 bytes: the two-byte length form */
	memset(name, '\xe9', 128);
	etf_enc_init(&e, buf, sizeof(buf));
	etf_put_atom_len(&e, name, 128);
	ATF_CHECK(!e.overflow && e.len == 259 && buf[0] == 0x76 &&
	    buf[1] == 0x01 && buf[2] == 0x00 && buf[3] == 0xc3 &&
	    buf[4] == 0xa9 && buf[258] == 0xa9);
}

/* ---- binaries, strings, lists, tuples ---- */

T_TC(decode_binary_string, "BINARY_EXT and STRING_EXT decode in place with "
    "their exact lengths")
ATF_TC_BODY(decode_binary_string, tc)
{
	static const unsigned char bin[] = { 0x6d, 0x00, 0x00, 0x00, 0x03,
	    0x00, 0xff, 0x41, 0x6a };
	static const unsigned char empty[] = { 0x6d, 0x00, 0x00, 0x00, 0x00 };
	static const unsigned char str[] = { 0x6b, 0x00, 0x03, 0x01, 0x00,
	    0xc8 };
	const unsigned char *p;
	unsigned char *m;
	struct etf_dec d;
	size_t n;

	m = exact_copy(bin, sizeof(bin));
	etf_dec_init(&d, m, sizeof(bin));
	ATF_CHECK(etf_get_string(&d, &p, &n) == -1 && d.off == 0);
	ATF_CHECK(etf_get_binary(&d, &p, &n) == 0 && n == 3 && p == m + 5 &&
	    d.off == 8);
	ATF_CHECK(etf_peek(&d) == ETF_NIL && etf_remaining(&d) == 1);
	free(m);

	m = exact_copy(empty, sizeof(empty));
	etf_dec_init(&d, m, sizeof(empty));
	ATF_CHECK(etf_get_binary(&d, &p, &n) == 0 && n == 0 && d.off == 5);
	ATF_CHECK(etf_peek(&d) == -1 && etf_remaining(&d) == 0);
	free(m);

	m = exact_copy(str, sizeof(str));
	etf_dec_init(&d, m, sizeof(str));
	ATF_CHECK(etf_get_binary(&d, &p, &n) == -1 && d.off == 0);
	ATF_CHECK(etf_get_string(&d, &p, &n) == 0 && n == 3 && p == m + 3 &&
	    p[2] == 0xc8 && d.off == 6);
	free(m);
}

T_TC(decode_list_nil_tuple, "LIST_EXT, NIL_EXT and both tuple tags decode, and "
    "refuse cut headers")
ATF_TC_BODY(decode_list_nil_tuple, tc)
{
	/* {[1], {}} with a LARGE_TUPLE_EXT inside */
	static const unsigned char t[] = { 0x68, 0x02, 0x6c, 0x00, 0x00, 0x00,
	    0x01, 0x61, 0x01, 0x6a, 0x69, 0x00, 0x00, 0x00, 0x00 };
	static const unsigned char large[] = { 0x69, 0x00, 0x00, 0x01, 0x00 };
	unsigned char *m;
	struct etf_dec d;
	struct etf_int v;
	uint32_t n = 99;

	m = exact_copy(t, sizeof(t));
	etf_dec_init(&d, m, sizeof(t));
	ATF_CHECK(etf_get_list(&d, &n) == -1 && etf_get_nil(&d) == -1 &&
	    d.off == 0);
	ATF_CHECK(etf_get_tuple(&d, &n) == 0 && n == 2 && d.off == 2);
	ATF_CHECK(etf_get_tuple(&d, &n) == -1 && etf_get_nil(&d) == -1 &&
	    d.off == 2);
	ATF_CHECK(etf_get_list(&d, &n) == 0 && n == 1 && d.off == 7);
	ATF_CHECK(etf_get_integer(&d, ETF_INT_ANY, &v) == 0 && v.mag == 1);
	ATF_CHECK(etf_get_nil(&d) == 0 && d.off == 10);
	ATF_CHECK(etf_get_tuple(&d, &n) == 0 && n == 0 && d.off == 15);
	ATF_CHECK(etf_remaining(&d) == 0 && etf_peek(&d) == -1);
	free(m);

	m = exact_copy(large, sizeof(large));
	etf_dec_init(&d, m, sizeof(large));
	ATF_CHECK(etf_get_tuple(&d, &n) == 0 && n == 256 && d.off == 5);
	free(m);

	/* headers cut short */
	m = exact_copy(large, 4);
	etf_dec_init(&d, m, 4);
	ATF_CHECK(etf_get_tuple(&d, &n) == -1 && d.off == 0);
	free(m);
	m = exact_copy(t, 1);
	etf_dec_init(&d, m, 1);
	ATF_CHECK(etf_get_tuple(&d, &n) == -1 && d.off == 0);
	free(m);
	m = exact_copy(t + 2, 4);
	etf_dec_init(&d, m, 4);
	ATF_CHECK(etf_get_list(&d, &n) == -1 && d.off == 0);
	free(m);
}

T_TC(encode_terms, "tuples, lists, nil, binaries and strings encode with the "
    "tags of 13.1")
ATF_TC_BODY(encode_terms, tc)
{
	unsigned char buf[128];
	struct etf_enc e;

	/* {ok, <<1,2>>, [], "ab", [7]} */
	etf_enc_init(&e, buf, sizeof(buf));
	etf_put_version(&e);
	etf_put_tuple(&e, 5);
	etf_put_atom(&e, "ok");
	etf_put_binary(&e, "\x01\x02", 2);
	etf_put_nil(&e);
	etf_put_string(&e, "ab", 2);
	etf_put_list(&e, 1);
	etf_put_int(&e, 7);
	etf_put_nil(&e);
	check_encoded("a mixed term", &e, T_BYTES(0x83, 0x68, 0x05, 0x77, 0x02,
	    'o', 'k', 0x6d, 0x00, 0x00, 0x00, 0x02, 0x01, 0x02, 0x6a, 0x6b,
	    0x00, 0x02, 'a', 'b', 0x6c, 0x00, 0x00, 0x00, 0x01, 0x61, 0x07,
	    0x6a));

	etf_enc_init(&e, buf, sizeof(buf));
	etf_put_tuple(&e, 0);
	etf_put_tuple(&e, 255);
	etf_put_tuple(&e, 256);
	etf_put_binary(&e, "", 0);
	etf_put_raw(&e, "\xaa", 1);
	check_encoded("tuple headers", &e, T_BYTES(0x68, 0x00, 0x68, 0xff,
	    0x69, 0x00, 0x00, 0x01, 0x00, 0x6d, 0x00, 0x00, 0x00, 0x00,
	    0xaa));
}

T_TC(encoder_limit, "the encoder never writes past its limit and its overflow "
    "flag sticks")
ATF_TC_BODY(encoder_limit, tc)
{
	unsigned char buf[16];
	struct etf_enc e;

	/* a binary that does not fit writes nothing past the limit */
	memset(buf, 0xee, sizeof(buf));
	etf_enc_init(&e, buf, 8);
	etf_put_version(&e);
	etf_put_binary(&e, "abc", 3);
	ATF_CHECK(e.overflow);
	ATF_CHECK(buf[8] == 0xee && buf[15] == 0xee);

	/* once overflowed, nothing more is written even if it would fit */
	etf_put_nil(&e);
	ATF_CHECK(e.overflow && e.len <= 8);
	ATF_CHECK(etf_put_reserve(&e, 0) == NULL);

	/* an exact fit is not an overflow */
	etf_enc_init(&e, buf, 9);
	etf_put_version(&e);
	etf_put_binary(&e, "abc", 3);
	check_encoded("exact fit", &e, T_BYTES(0x83, 0x6d, 0x00, 0x00, 0x00,
	    0x03, 'a', 'b', 'c'));

	/* an integer cut at the limit */
	memset(buf, 0xee, sizeof(buf));
	etf_enc_init(&e, buf, 6);
	etf_put_int(&e, -134217729);
	ATF_CHECK(e.overflow && buf[6] == 0xee);
	etf_enc_init(&e, buf, 1);
	etf_put_atom(&e, "ok");
	ATF_CHECK(e.overflow && buf[1] == 0xee);
}

/* ---- alcove-protocol(5), Decoder bounds ---- */

/*
 * Every one of these claims more bytes than remain; each decoder must
 * refuse it without moving and without reading beyond the buffer.
 */
static const struct sample overlong[] = {
	{ "ATOM_EXT", T_BYTES(0x64, 0x00, 0x05, 'a', 'b') },
	{ "ATOM_EXT header", T_BYTES(0x64, 0x00) },
	{ "SMALL_ATOM_EXT", T_BYTES(0x73, 0x03, 'a') },
	{ "ATOM_UTF8_EXT", T_BYTES(0x76, 0xff, 0xff, 'a') },
	{ "SMALL_ATOM_UTF8_EXT", T_BYTES(0x77, 0x02, 'a') },
	{ "SMALL_ATOM_UTF8_EXT header", T_BYTES(0x77) },
	{ "STRING_EXT", T_BYTES(0x6b, 0x00, 0x04, 1, 2, 3) },
	{ "STRING_EXT 65535", T_BYTES(0x6b, 0xff, 0xff, 1) },
	{ "STRING_EXT header", T_BYTES(0x6b, 0x00) },
	{ "BINARY_EXT", T_BYTES(0x6d, 0x00, 0x00, 0x00, 0x05, 1, 2) },
	{ "BINARY_EXT 2^32-1", T_BYTES(0x6d, 0xff, 0xff, 0xff, 0xff, 0) },
	{ "BINARY_EXT 2^31", T_BYTES(0x6d, 0x80, 0x00, 0x00, 0x00, 0) },
	{ "BINARY_EXT header", T_BYTES(0x6d, 0x00, 0x00, 0x00) },
	{ "SMALL_BIG_EXT", T_BYTES(0x6e, 0x04, 0x00, 1, 2, 3) },
	{ "SMALL_BIG_EXT 255", T_BYTES(0x6e, 0xff, 0x00, 1) },
	{ "SMALL_BIG_EXT no sign", T_BYTES(0x6e, 0x01) },
	{ "LARGE_BIG_EXT", T_BYTES(0x6f, 0x00, 0x00, 0x00, 0x03, 0x00, 1, 2) },
	{ "LARGE_BIG_EXT 2^32-1", T_BYTES(0x6f, 0xff, 0xff, 0xff, 0xff, 0x00,
	    1) },
	{ "LARGE_BIG_EXT no sign", T_BYTES(0x6f, 0x00, 0x00, 0x00, 0x00) },
	{ "INTEGER_EXT", T_BYTES(0x62, 0x00, 0x00) },
	{ "SMALL_INTEGER_EXT", T_BYTES(0x61) },
};

T_TC(bounds_overlong_lengths, "every length that claims more bytes than remain "
    "is refused without reading beyond the buffer")
ATF_TC_BODY(bounds_overlong_lengths, tc)
{
	char atom[ETF_ATOM_MAX + 1];
	const unsigned char *p;
	struct etf_dec d;
	struct etf_int v;
	unsigned char *m;
	size_t i, n;

	for (i = 0; i < sizeof(overlong) / sizeof(overlong[0]); i++) {
		const struct sample *s = &overlong[i];

		m = exact_copy(s->b, s->n);
		etf_dec_init(&d, m, s->n);
		ATF_CHECK_MSG(etf_get_atom(&d, atom, &n) == -1 &&
		    etf_get_binary(&d, &p, &n) == -1 &&
		    etf_get_string(&d, &p, &n) == -1 &&
		    etf_get_integer(&d, ETF_INT_ANY, &v) == -1 && d.off == 0,
		    "%s: a decoder accepted %s", s->name, hex(s->b, s->n));
		ATF_CHECK_MSG(etf_skip(&d) == -1 && d.off == 0,
		    "%s: etf_skip accepted %s", s->name, hex(s->b, s->n));
		free(m);
	}
}

/*
 * List counts and tuple arities are checked by the skipper, which every
 * CALL goes through before its arguments are decoded
 * (alcove-protocol(5), Order of checks): a count larger than the bytes left
 * fails at once, without walking it.
 */
static const struct sample overcount[] = {
	{ "LIST_EXT 2, one element", T_BYTES(0x6c, 0x00, 0x00, 0x00, 0x02, 0x61,
	    0x01, 0x6a) },
	{ "LIST_EXT without tail", T_BYTES(0x6c, 0x00, 0x00, 0x00, 0x01,
	    0x61, 0x01) },
	{ "LIST_EXT 2^32-1", T_BYTES(0x6c, 0xff, 0xff, 0xff, 0xff, 0x6a) },
	{ "LIST_EXT header", T_BYTES(0x6c, 0x00, 0x00, 0x00) },
	{ "SMALL_TUPLE_EXT 3, two elements", T_BYTES(0x68, 0x03, 0x6a, 0x6a) },
	{ "SMALL_TUPLE_EXT 255", T_BYTES(0x68, 0xff, 0x6a) },
	{ "SMALL_TUPLE_EXT header", T_BYTES(0x68) },
	{ "LARGE_TUPLE_EXT 2^32-1", T_BYTES(0x69, 0xff, 0xff, 0xff, 0xff,
	    0x6a) },
	{ "LARGE_TUPLE_EXT 2, one element", T_BYTES(0x69, 0x00, 0x00, 0x00,
	    0x02, 0x6a) },
	{ "MAP_EXT 2^32-1", T_BYTES(0x74, 0xff, 0xff, 0xff, 0xff, 0x6a, 0x6a) },
	{ "MAP_EXT 1, key only", T_BYTES(0x74, 0x00, 0x00, 0x00, 0x01, 0x6a) },
	{ "FUN_EXT 2^32-1 free", T_BYTES(0x75, 0xff, 0xff, 0xff, 0xff, 0x6a) },
	{ "NEW_FUN_EXT 2^32-1", T_BYTES(0x70, 0xff, 0xff, 0xff, 0xff, 0x00) },
	{ "NEW_FUN_EXT size 3", T_BYTES(0x70, 0x00, 0x00, 0x00, 0x03, 0x00) },
	{ "NEW_FUN_EXT size 0", T_BYTES(0x70, 0x00, 0x00, 0x00, 0x00) },
	{ "BIT_BINARY_EXT 2^32-1", T_BYTES(0x4d, 0xff, 0xff, 0xff, 0xff, 0x08,
	    0x00) },
	{ "NEW_REFERENCE_EXT 65535 ids", T_BYTES(0x72, 0xff, 0xff, NODE, 0x00,
	    0x00, 0x00, 0x00, 0x01) },
	{ "NEWER_REFERENCE_EXT 3 ids, 2 present", T_BYTES(0x5a, 0x00, 0x03,
	    NODE, 0x00, 0x00, 0x00, 0x00, 0, 0, 0, 1, 0, 0, 0, 2) },
	{ "tuple of overlong binary", T_BYTES(0x68, 0x01, 0x6d, 0x00, 0x00,
	    0x00, 0x09, 0x01) },
};

T_TC(bounds_overlong_counts, "list counts, tuple arities and other counts "
    "beyond the input are refused by etf_skip")
ATF_TC_BODY(bounds_overlong_counts, tc)
{
	unsigned char *m;
	struct etf_dec d;
	size_t i;

	for (i = 0; i < sizeof(overcount) / sizeof(overcount[0]); i++) {
		const struct sample *s = &overcount[i];

		m = exact_copy(s->b, s->n);
		etf_dec_init(&d, m, s->n);
		ATF_CHECK_MSG(etf_skip(&d) == -1 && d.off == 0,
		    "%s: etf_skip accepted %s", s->name, hex(s->b, s->n));
		free(m);
	}
}

/* ---- etf_skip over the whole external term format ---- */

static const struct sample terms[] = {
	/* the tags of alcove-protocol(5), Tags */
	{ "SMALL_INTEGER_EXT", T_BYTES(0x61, 0x05) },
	{ "INTEGER_EXT", T_BYTES(0x62, 0xff, 0xff, 0xff, 0xff) },
	{ "SMALL_BIG_EXT", T_BYTES(0x6e, 0x02, 0x00, 0x01, 0x02) },
	{ "SMALL_BIG_EXT 0 digits", T_BYTES(0x6e, 0x00, 0x00) },
	{ "LARGE_BIG_EXT", T_BYTES(0x6f, 0x00, 0x00, 0x00, 0x02, 0x01, 0x01,
	    0x02) },
	{ "ATOM_EXT", T_BYTES(0x64, 0x00, 0x02, 'o', 'k') },
	{ "SMALL_ATOM_EXT", T_BYTES(0x73, 0x02, 'o', 'k') },
	{ "ATOM_UTF8_EXT", T_BYTES(0x76, 0x00, 0x02, 'o', 'k') },
	{ "SMALL_ATOM_UTF8_EXT", T_BYTES(0x77, 0x02, 'o', 'k') },
	{ "BINARY_EXT", T_BYTES(0x6d, 0x00, 0x00, 0x00, 0x02, 0x01, 0x02) },
	{ "STRING_EXT", T_BYTES(0x6b, 0x00, 0x02, 0x01, 0x02) },
	{ "LIST_EXT", T_BYTES(0x6c, 0x00, 0x00, 0x00, 0x02, 0x61, 0x01, 0x6a,
	    0x6a) },
	{ "improper LIST_EXT", T_BYTES(0x6c, 0x00, 0x00, 0x00, 0x01, 0x61, 0x01,
	    0x61, 0x02) },
	{ "NIL_EXT", T_BYTES(0x6a) },
	{ "SMALL_TUPLE_EXT", T_BYTES(0x68, 0x02, 0x6a, 0x61, 0x00) },
	{ "empty SMALL_TUPLE_EXT", T_BYTES(0x68, 0x00) },
	{ "LARGE_TUPLE_EXT", T_BYTES(0x69, 0x00, 0x00, 0x00, 0x01, 0x6a) },
	/* the rest of the format */
	{ "NEW_FLOAT_EXT", T_BYTES(0x46, 0x3f, 0xf0, 0x00, 0x00, 0x00, 0x00,
	    0x00, 0x00) },
	{ "FLOAT_EXT", T_BYTES(0x63, '1', '.', '0', '0', '0', '0', '0', '0', '0',
	    '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0',
	    'e', '+', '0', '0', 0, 0, 0, 0, 0) },
	{ "BIT_BINARY_EXT", T_BYTES(0x4d, 0x00, 0x00, 0x00, 0x02, 0x03, 0xab,
	    0xe0) },
	{ "MAP_EXT", T_BYTES(0x74, 0x00, 0x00, 0x00, 0x02, 0x77, 0x01, 'a',
	    0x61, 0x01, 0x6d, 0x00, 0x00, 0x00, 0x01, 'x', 0x6a) },
	{ "empty MAP_EXT", T_BYTES(0x74, 0x00, 0x00, 0x00, 0x00) },
	{ "PID_EXT", T_BYTES(0x67, NODE, 0x00, 0x00, 0x00, 0x2a, 0x00, 0x00,
	    0x00, 0x00, 0x00) },
	{ "NEW_PID_EXT", T_BYTES(0x58, NODE, 0x00, 0x00, 0x00, 0x2a, 0x00,
	    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01) },
	{ "PORT_EXT", T_BYTES(0x66, NODE, 0x00, 0x00, 0x00, 0x05, 0x00) },
	{ "NEW_PORT_EXT", T_BYTES(0x59, NODE, 0x00, 0x00, 0x00, 0x05, 0x00,
	    0x00, 0x00, 0x01) },
	{ "V4_PORT_EXT", T_BYTES(0x78, NODE, 0x00, 0x00, 0x00, 0x00, 0x00,
	    0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x01) },
	{ "REFERENCE_EXT", T_BYTES(0x65, NODE, 0x00, 0x00, 0x00, 0x07, 0x00) },
	{ "NEW_REFERENCE_EXT", T_BYTES(0x72, 0x00, 0x03, NODE, 0x00,
	    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00,
	    0x03) },
	{ "NEWER_REFERENCE_EXT", T_BYTES(0x5a, 0x00, 0x02, NODE, 0x00, 0x00,
	    0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02) },
	{ "EXPORT_EXT", T_BYTES(0x71, 0x77, 0x05, 'l', 'i', 's', 't', 's', 0x77,
	    0x03, 'm', 'a', 'p', 0x61, 0x02) },
	/*
	 * NEW_FUN_EXT: Size (55, itself included), Arity, Uniq:16, Index,
	 * NumFree 0, Module, OldIndex, OldUniq, Pid.
	 */
	{ "NEW_FUN_EXT", T_BYTES(0x70, 0x00, 0x00, 0x00, 0x37, 0x00,
	    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
	    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	    0x77, 0x01, 'm', 0x61, 0x00, 0x62, 0x00, 0x00, 0x00, 0x00,
	    0x58, 0x77, 0x01, 'n', 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0) },
	/* FUN_EXT: NumFree 1, Pid, Module, Index, Uniq, one free variable */
	{ "FUN_EXT", T_BYTES(0x75, 0x00, 0x00, 0x00, 0x01, 0x67, NODE, 0x00,
	    0x00, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x00, 0x00, 0x77, 0x01, 'm',
	    0x61, 0x00, 0x61, 0x00, 0x61, 0x05) },
	/* {[#{1 => {1.0}}, [1,2]], <<>>, {[[]]}} */
	{ "nested containers", T_BYTES(0x68, 0x03,
	    0x6c, 0x00, 0x00, 0x00, 0x02,
	    0x74, 0x00, 0x00, 0x00, 0x01, 0x61, 0x01, 0x68, 0x01,
	    0x46, 0x3f, 0xf0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	    0x6b, 0x00, 0x02, 0x01, 0x02,
	    0x6a,
	    0x6d, 0x00, 0x00, 0x00, 0x00,
	    0x69, 0x00, 0x00, 0x00, 0x01, 0x6c, 0x00, 0x00, 0x00, 0x01, 0x6a,
	    0x6a) },
	/* a pid, a reference and a fun as call arguments would carry them */
	{ "tuple of opaque terms", T_BYTES(0x68, 0x03,
	    0x58, NODE, 0x00, 0x00, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x00, 0x00,
	    0x00, 0x00, 0x01,
	    0x5a, 0x00, 0x01, NODE, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
	    0x09,
	    0x71, 0x77, 0x01, 'm', 0x77, 0x01, 'f', 0x61, 0x00) },
};

T_TC(skip_every_tag, "etf_skip steps over exactly one term of every tag of the "
    "external term format")
ATF_TC_BODY(skip_every_tag, tc)
{
	unsigned char *buf, *m;
	struct etf_dec d;
	size_t i;

	for (i = 0; i < sizeof(terms) / sizeof(terms[0]); i++) {
		const struct sample *s = &terms[i];

		/* the term followed by one more byte, which is not skipped */
		ATF_REQUIRE((buf = malloc(s->n + 1)) != NULL);
		memcpy(buf, s->b, s->n);
		buf[s->n] = 0xee;
		m = exact_copy(buf, s->n + 1);
		etf_dec_init(&d, m, s->n + 1);
		ATF_CHECK_MSG(etf_skip(&d) == 0 && d.off == s->n,
		    "%s: skipped %zu of %zu bytes", s->name, d.off, s->n);
		free(m);

		/* 131 and the term is one term; one more byte and it is not */
		free(buf);
		ATF_REQUIRE((buf = malloc(s->n + 2)) != NULL);
		buf[0] = 0x83;
		memcpy(buf + 1, s->b, s->n);
		buf[s->n + 1] = 0xee;
		m = exact_copy(buf, s->n + 1);
		ATF_CHECK_MSG(etf_is_one_term(m, s->n + 1),
		    "%s: not one term", s->name);
		free(m);
		m = exact_copy(buf, s->n + 2);
		ATF_CHECK_MSG(!etf_is_one_term(m, s->n + 2),
		    "%s: one term with a byte after it", s->name);
		free(m);
		free(buf);
	}
}

/* Every proper prefix of every term is incomplete. */
T_TC(skip_truncated, "etf_skip refuses every proper prefix of every term")
ATF_TC_BODY(skip_truncated, tc)
{
	unsigned char *m, *v;
	struct etf_dec d;
	size_t i, k;

	for (i = 0; i < sizeof(terms) / sizeof(terms[0]); i++) {
		const struct sample *s = &terms[i];

		for (k = 0; k < s->n; k++) {
			m = exact_copy(s->b, k);
			etf_dec_init(&d, m, k);
			ATF_CHECK_MSG(etf_skip(&d) == -1 && d.off == 0,
			    "%s: the first %zu bytes were accepted", s->name,
			    k);
			free(m);

			ATF_REQUIRE((v = malloc(k + 1)) != NULL);
			v[0] = 0x83;
			memcpy(v + 1, s->b, k);
			ATF_CHECK_MSG(!etf_is_one_term(v, k + 1),
			    "%s: 131 and %zu bytes are one term", s->name, k);
			free(v);
		}
	}
}

T_TC(skip_unknown_tags, "etf_skip refuses compressed terms and tags outside "
    "the format")
ATF_TC_BODY(skip_unknown_tags, tc)
{
	/* compressed (80), a nested version byte, and bytes that are no tag */
	static const unsigned char tags[] = { 0x50, 0x83, 0x00, 0x01, 0x52,
	    0x60, 0x7a, 0xff };
	unsigned char b[8], *m;
	struct etf_dec d;
	size_t i;

	for (i = 0; i < sizeof(tags); i++) {
		memset(b, 0, sizeof(b));
		b[0] = tags[i];
		m = exact_copy(b, sizeof(b));
		etf_dec_init(&d, m, sizeof(b));
		ATF_CHECK_MSG(etf_skip(&d) == -1 && d.off == 0,
		    "tag %u was skipped", tags[i]);
		free(m);
	}
	/* an unknown tag inside a container */
	m = exact_copy(T_BYTES(0x68, 0x02, 0x61, 0x01, 0x50, 0x00));
	etf_dec_init(&d, m, 6);
	ATF_CHECK(etf_skip(&d) == -1 && d.off == 0);
	free(m);
}

static const struct {
	int			 want;
	const unsigned char	*b;
	size_t			 n;
} one_term[] = {
	{ 1, T_BYTES(0x83, 0x68, 0x00) },
	{ 1, T_BYTES(0x83, 0x69, 0x00, 0x00, 0x00, 0x00) },
	{ 1, T_BYTES(0x83, 0x68, 0x01, 0x61, 0x07) },
	{ 1, T_BYTES(0x83, 0x6a) },
	/* trailing bytes */
	{ 0, T_BYTES(0x83, 0x68, 0x00, 0x00) },
	{ 0, T_BYTES(0x83, 0x68, 0x01, 0x61, 0x07, 0x6a) },
	{ 0, T_BYTES(0x83, 0x6a, 0x6a) },
	/* missing bytes */
	{ 0, T_BYTES(0x83, 0x68) },
	{ 0, T_BYTES(0x83, 0x68, 0x01) },
	{ 0, T_BYTES(0x83, 0x68, 0x01, 0x62, 0x00, 0x00) },
	{ 0, T_BYTES(0x83) },
	{ 0, T_BYTES(0x00) },
	/* a version byte other than 131, a compressed term */
	{ 0, T_BYTES(0x82, 0x68, 0x00) },
	{ 0, T_BYTES(0x68, 0x00) },
	{ 0, T_BYTES(0x83, 0x50, 0x00, 0x00, 0x00, 0x02, 0x78, 0x9c, 0xcb,
	    0x60, 0x00, 0x00, 0x00, 0xd2, 0x00, 0x69) },
};

T_TC(is_one_term, "etf_is_one_term wants exactly 131 and one complete term: no "
    "trailing, no missing bytes")
ATF_TC_BODY(is_one_term, tc)
{
	unsigned char *m;
	size_t i;

	for (i = 0; i < sizeof(one_term) / sizeof(one_term[0]); i++) {
		const unsigned char *b = one_term[i].b;
		size_t n = one_term[i].n;

		m = exact_copy(b, n);
		ATF_CHECK_MSG(etf_is_one_term(m, n) == one_term[i].want,
		    "%s: expected %d", hex(b, n), one_term[i].want);
		free(m);
	}
	m = exact_copy(T_BYTES(0x83));
	ATF_CHECK(!etf_is_one_term(m, 0));
	free(m);
}

#define DEEP	30000

/* A list nested DEEP levels: [[[...[]...]]], built as LIST_EXT headers. */
static size_t
deep_list(unsigned char *b)
{
	size_t i, n = 0;

	b[n++] = 0x83;
	for (i = 0; i < DEEP; i++) {
		b[n++] = 0x6c;
		b[n++] = 0x00;
		b[n++] = 0x00;
		b[n++] = 0x00;
		b[n++] = 0x01;
	}
	b[n++] = 0x6a;			/* the innermost element */
	for (i = 0; i < DEEP; i++)
		b[n++] = 0x6a;		/* each list's tail */
	return n;
}

T_TC(skip_deep_nesting, "lists, tuples and maps nested 30000 levels deep are "
    "one term and skipped to their exact end; one byte short is not")
ATF_TC_BODY(skip_deep_nesting, tc)
{
	unsigned char *b, *m;
	struct etf_dec d;
	size_t n, i;

	ATF_REQUIRE((b = malloc(1 + 6 * DEEP + 1)) != NULL);
	n = deep_list(b);
	ATF_REQUIRE(n == 1 + 6 * DEEP + 1);
	m = exact_copy(b, n);
	ATF_CHECK(etf_is_one_term(m, n));
	etf_dec_init(&d, m + 1, n - 1);
	ATF_CHECK(etf_skip(&d) == 0 && d.off == n - 1);
	free(m);
	/* one tail missing */
	m = exact_copy(b, n - 1);
	ATF_CHECK(!etf_is_one_term(m, n - 1));
	free(m);

	/* tuples {{{...{}...}}} and maps #{[] => #{[] => ...}} */
	n = 0;
	b[n++] = 0x83;
	for (i = 0; i < DEEP; i++) {
		b[n++] = 0x68;
		b[n++] = 0x01;
	}
	b[n++] = 0x68;
	b[n++] = 0x00;
	m = exact_copy(b, n);
	ATF_CHECK(etf_is_one_term(m, n));
	ATF_CHECK(!etf_is_one_term(m, n - 1));
	free(m);

	n = 0;
	b[n++] = 0x83;
	for (i = 0; i < DEEP; i++) {
		b[n++] = 0x74;
		b[n++] = 0x00;
		b[n++] = 0x00;
		b[n++] = 0x00;
		b[n++] = 0x01;
		b[n++] = 0x6a;
	}
	b[n++] = 0x6a;
	m = exact_copy(b, n);
	ATF_CHECK(etf_is_one_term(m, n));
	free(m);
	free(b);
}

/* Levels of the terms a recursive skipper cannot get through. */
#define HUGE		1000000
/* The most a process skipping them may grow its stack to, in bytes. */
#define SMALL_STACK	(256 * 1024)

/*
 * A term HUGE levels deep, each level a container whose first element is
 * the next level: [X] (kind 'l'), {X, []} ('t') or #{X => []} ('m'), the
 * innermost X []: [[[...[]...]]].  Every level closes with one [] (the
 * list's tail, the tuple's second element, the map's value), so a skipper
 * that recurses into the first element is HUGE calls deep before it can
 * return.  The size, the version byte included.
 */
static size_t
huge_term(unsigned char *b, int kind)
{
	size_t i, n = 0;

	b[n++] = 0x83;
	for (i = 0; i < HUGE; i++) {
		if (kind == 't') {
			b[n++] = 0x68;
			b[n++] = 2;
		} else {
			b[n++] = kind == 'l' ? 0x6c : 0x74;
			n += t_put32(b + n, 1);
		}
	}
	b[n++] = 0x6a;
	for (i = 0; i < HUGE; i++)
		b[n++] = 0x6a;
	return n;
}

/*
 * Skip the term of m (n bytes) in a child whose stack may not grow past
 * SMALL_STACK: Linux checks a main thread's stack growth against
 * RLIMIT_STACK when the growth faults, so a skipper that recurses once a
 * level (at least some 16 bytes a call, 16 MB for HUGE levels) is killed
 * by SIGSEGV there; one that gives up at some depth exits 1 or 2.  The
 * parent's own stack would hold a recursion of a few hundred thousand
 * levels, so the parent never skips these terms.
 */
static void
skip_in_small_stack(const char *what, const unsigned char *m, size_t n)
{
	struct rlimit rl;
	struct etf_dec d;
	pid_t pid;
	int status;

	ATF_REQUIRE(getrlimit(RLIMIT_STACK, &rl) == 0);
	ATF_REQUIRE(rl.rlim_max == RLIM_INFINITY || rl.rlim_max >= SMALL_STACK);
	rl.rlim_cur = SMALL_STACK;
	ATF_REQUIRE((pid = fork()) != -1);
	if (pid == 0) {
		if (setrlimit(RLIMIT_STACK, &rl) == -1)
			_exit(3);
		if (!etf_is_one_term(m, n))
			_exit(1);
		etf_dec_init(&d, m + 1, n - 1);
		if (etf_skip(&d) != 0 || d.off != n - 1)
			_exit(2);
		/* One byte short, the outermost level is not closed. */
		if (etf_is_one_term(m, n - 1))
			_exit(4);
		_exit(0);
	}
	ATF_REQUIRE(waitpid(pid, &status, 0) == pid);
	if (WIFSIGNALED(status))
		atf_tc_fail_nonfatal("%s: the skipper was killed by signal %d "
		    "with a stack of %d bytes", what, WTERMSIG(status),
		    SMALL_STACK);
	else
		ATF_CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		    "%s: exit status %d (1: not one term, 2: etf_skip, 3: "
		    "setrlimit, 4: one term without its last byte)", what,
		    WEXITSTATUS(status));
}

T_TC(skip_huge_nesting, "lists, tuples and maps nested 1000000 levels deep, "
    "each in the first element of the next, are skipped to their exact end "
    "by a process whose stack may not grow past 256 KiB, where a recursive "
    "skipper overflows")
ATF_TC_BODY(skip_huge_nesting, tc)
{
	static const int kinds[] = { 'l', 't', 'm' };
	static const char *const names[] = { "lists", "tuples", "maps" };
	unsigned char *b, *m;
	size_t n, k;

	ATF_REQUIRE((b = malloc(2 + 6 * (size_t)HUGE)) != NULL);
	for (k = 0; k < 3; k++) {
		n = huge_term(b, kinds[k]);
		ATF_REQUIRE_EQ(n, 2 + (kinds[k] == 't' ? 3 : 6) *
		    (size_t)HUGE);
		m = exact_copy(b, n);
		skip_in_small_stack(names[k], m, n);
		free(m);
	}
	free(b);
}

T_TC(version_byte, "the version byte 131 is written first and required when "
    "decoding")
ATF_TC_BODY(version_byte, tc)
{
	unsigned char buf[4], *m;
	struct etf_enc e;
	struct etf_dec d;

	etf_enc_init(&e, buf, sizeof(buf));
	etf_put_version(&e);
	check_encoded("version", &e, T_BYTES(0x83));

	m = exact_copy(T_BYTES(0x83, 0x6a));
	etf_dec_init(&d, m, 2);
	ATF_CHECK(etf_get_version(&d) == 0 && d.off == 1);
	ATF_CHECK(etf_get_version(&d) == -1 && d.off == 1);
	free(m);
	m = exact_copy(T_BYTES(0x82));
	etf_dec_init(&d, m, 1);
	ATF_CHECK(etf_get_version(&d) == -1 && d.off == 0);
	free(m);
	m = exact_copy(T_BYTES(0x83));
	etf_dec_init(&d, m, 0);
	ATF_CHECK(etf_get_version(&d) == -1 && d.off == 0);
	free(m);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, version_byte);
	ATF_TP_ADD_TC(tp, encode_integer_rule);
	ATF_TP_ADD_TC(tp, decode_integer_rule);
	ATF_TP_ADD_TC(tp, decode_small_integer);
	ATF_TP_ADD_TC(tp, decode_integer_ext);
	ATF_TP_ADD_TC(tp, decode_small_big);
	ATF_TP_ADD_TC(tp, decode_large_big);
	ATF_TP_ADD_TC(tp, big_beyond_64_bits);
	ATF_TP_ADD_TC(tp, int64_uint64_ranges);
	ATF_TP_ADD_TC(tp, decode_atom_tags);
	ATF_TP_ADD_TC(tp, atom_latin1);
	ATF_TP_ADD_TC(tp, atom_255_accepted_256_rejected);
	ATF_TP_ADD_TC(tp, atom_utf8_above_255);
	ATF_TP_ADD_TC(tp, atom_invalid_utf8);
	ATF_TP_ADD_TC(tp, encode_atom);
	ATF_TP_ADD_TC(tp, decode_binary_string);
	ATF_TP_ADD_TC(tp, decode_list_nil_tuple);
	ATF_TP_ADD_TC(tp, encode_terms);
	ATF_TP_ADD_TC(tp, encoder_limit);
	ATF_TP_ADD_TC(tp, bounds_overlong_lengths);
	ATF_TP_ADD_TC(tp, bounds_overlong_counts);
	ATF_TP_ADD_TC(tp, skip_every_tag);
	ATF_TP_ADD_TC(tp, skip_truncated);
	ATF_TP_ADD_TC(tp, skip_unknown_tags);
	ATF_TP_ADD_TC(tp, is_one_term);
	ATF_TP_ADD_TC(tp, skip_deep_nesting);
	ATF_TP_ADD_TC(tp, skip_huge_nesting);
	return atf_no_error();
}
