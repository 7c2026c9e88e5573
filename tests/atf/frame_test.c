/*
 * Unit tests of message framing (src/proto/frame.c): frame_parse on
 * complete, partial and malformed input in both directions, and the exact
 * header bytes frame_header and frame_envelope write
 * (alcove-protocol(5), FRAMING).
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <atf-c.h>

#include "proto/frame.h"
#include "testlib.h"

static const char *
hex(const unsigned char *b, size_t n)
{
	static char ring[2][512];
	static int next;
	char *out = ring[next++ % 2];
	size_t i, o = 0;

	out[0] = '\0';
	for (i = 0; i < n && o + 8 < sizeof(ring[0]); i++)
		o += (size_t)snprintf(out + o, sizeof(ring[0]) - o, "%02x ",
		    b[i]);
	return out;
}

/*
 * Parse from a heap block of exactly avail bytes, so that a read past the
 * bytes given shows up under AddressSanitizer.
 */
static int
parse(const unsigned char *b, size_t avail, int dir, struct frame *f,
    const char **why)
{
	unsigned char *m;
	int r;

	m = malloc(avail > 0 ? avail : 1);
	ATF_REQUIRE(m != NULL);
	if (avail > 0)
		memcpy(m, b, avail);
	*why = NULL;
	r = frame_parse(m, avail, dir, f, why);
	/* Point the body back into the caller's bytes before freeing. */
	if (r == 1)
		f->body = b + (f->body - m);
	free(m);
	return r;
}

/* A whole frame: every proper prefix wants more, the whole parses. */
static void
frame_ok(const unsigned char *b, size_t n, int dir, int type)
{
	struct frame f;
	const char *why;
	size_t k;

	for (k = 0; k < n; k++)
		ATF_CHECK_MSG(parse(b, k, dir, &f, &why) == 0,
		    "%s: the first %zu bytes did not ask for more", hex(b, n),
		    k);
	memset(&f, 0, sizeof(f));
	ATF_CHECK_MSG(parse(b, n, dir, &f, &why) == 1 && f.type == type &&
	    f.body == b + 4 && f.bodylen == n - 4 && f.size == n,
	    "%s: parsed as type %d, body at %td, %zu bytes, size %zu",
	    hex(b, n), f.type, f.body - b, f.bodylen, f.size);
}

/* The reasons frame_parse gives, one per kind of malformed header. */
#define WHY_LEN		"message shorter than its type field"
#define WHY_TYPE	"unknown message type"
#define WHY_STDIN	"STDIN message without a complete pid"
#define WHY_CALL	"CALL message without call number and arguments"
#define WHY_PROXY	"PROXY message without a complete inner message"
#define WHY_STREAM	"stream message without a complete pid"

/*
 * A malformed header: refused with exactly the reason want as soon as the
 * bytes that condemn it are there, whatever follows.
 */
static void
frame_bad(const unsigned char *b, size_t n, int dir, const char *want)
{
	unsigned char big[64];
	struct frame f;
	const char *why;
	int r;

	ATF_REQUIRE(n <= 32);
	r = parse(b, n, dir, &f, &why);
	ATF_CHECK_MSG(r == -1 && why != NULL && strcmp(why, want) == 0,
	    "%s (dir %d): %d, \"%s\", not -1, \"%s\"", hex(b, n), dir, r,
	    why != NULL ? why : "(null)", want);
	/* more bytes after it change nothing */
	memset(big, 0, sizeof(big));
	memcpy(big, b, n);
	r = parse(big, sizeof(big), dir, &f, &why);
	ATF_CHECK_MSG(r == -1 && why != NULL && strcmp(why, want) == 0,
	    "%s and zeros (dir %d): %d, \"%s\", not -1, \"%s\"", hex(b, n),
	    dir, r, why != NULL ? why : "(null)", want);
}

T_TC(call_complete, "a CALL frame parses only when all its bytes are there")
ATF_TC_BODY(call_complete, tc)
{
	/* getpid: CALL 36 with {} */
	frame_ok(T_BYTES(0x00, 0x07, 0x00, 0x04, 0x00, 0x24, 0x83, 0x68, 0x00),
	    FRAME_DOWN, TYPE_CALL);
	/* the shortest CALL that frames: a call number and one byte */
	frame_ok(T_BYTES(0x00, 0x05, 0x00, 0x04, 0x00, 0x24, 0x83), FRAME_DOWN,
	    TYPE_CALL);
}

T_TC(stdin_complete, "a STDIN frame parses only when all its bytes are there, "
    "an empty payload included")
ATF_TC_BODY(stdin_complete, tc)
{
	/* getpid in 29091 (alcove-protocol(5), EXAMPLES) */
	frame_ok(T_BYTES(0x00, 0x0f, 0x00, 0x00, 0x00, 0x00, 0x71, 0xa3, 0x00,
	    0x07, 0x00, 0x04, 0x00, 0x24, 0x83, 0x68, 0x00), FRAME_DOWN,
	    TYPE_STDIN);
	frame_ok(T_BYTES(0x00, 0x06, 0x00, 0x00, 0x00, 0x00, 0x71, 0xa3),
	    FRAME_DOWN, TYPE_STDIN);
	/* raw data for an exec'd child, to a negative pid */
	frame_ok(T_BYTES(0x00, 0x0c, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 'h',
	    'e', 'l', 'l', 'o', '\n'), FRAME_DOWN, TYPE_STDIN);
}

T_TC(up_complete, "every message type toward the client parses when complete")
ATF_TC_BODY(up_complete, tc)
{
	/* the boot message */
	frame_ok(T_BYTES(0x00, 0x07, 0x00, 0x04, 0x83, 0x77, 0x02, 0x6f, 0x6b),
	    FRAME_UP, TYPE_CALL);
	/* STDOUT(15632, "out\n") */
	frame_ok(T_BYTES(0x00, 0x0a, 0x00, 0x01, 0x00, 0x00, 0x3d, 0x10, 'o',
	    'u', 't', '\n'), FRAME_UP, TYPE_STDOUT);
	/* STDERR with no data */
	frame_ok(T_BYTES(0x00, 0x06, 0x00, 0x02, 0x00, 0x00, 0x3d, 0x10),
	    FRAME_UP, TYPE_STDERR);
	/* PROXY(12345678, CTL(badpid)) */
	frame_ok(T_BYTES(0x00, 0x13, 0x00, 0x03, 0x00, 0xbc, 0x61, 0x4e, 0x00,
	    0x0b, 0x00, 0x06, 0x83, 0x77, 0x06, 'b', 'a', 'd', 'p', 'i', 'd'),
	    FRAME_UP, TYPE_PROXY);
	/* EVENT {exit_status, 7} */
	frame_ok(T_BYTES(0x00, 0x14, 0x00, 0x05, 0x83, 0x68, 0x02, 0x77, 0x0b,
	    'e', 'x', 'i', 't', '_', 's', 't', 'a', 't', 'u', 's', 0x61, 0x07),
	    FRAME_UP, TYPE_EVENT);
	/* CTL fdctl_closed */
	frame_ok(T_BYTES(0x00, 0x11, 0x00, 0x06, 0x83, 0x77, 0x0c, 'f', 'd', 'c',
	    't', 'l', '_', 'c', 'l', 'o', 's', 'e', 'd'), FRAME_UP, TYPE_CTL);
	/* PIPE 4096 */
	frame_ok(T_BYTES(0x00, 0x08, 0x00, 0x07, 0x83, 0x62, 0x00, 0x00, 0x10,
	    0x00), FRAME_UP, TYPE_PIPE);
}

T_TC(two_frames, "a buffer holding two frames yields the first, then the "
    "second")
ATF_TC_BODY(two_frames, tc)
{
	static const unsigned char b[] = { 0x00, 0x07, 0x00, 0x04, 0x00, 0x24,
	    0x83, 0x68, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x2a,
	    0x00 };
	struct frame f;
	const char *why;

	ATF_CHECK(parse(b, sizeof(b), FRAME_DOWN, &f, &why) == 1 &&
	    f.type == TYPE_CALL && f.size == 9 && f.bodylen == 5);
	/* the second frame is whole; the byte after it starts a third */
	ATF_CHECK(parse(b + 9, sizeof(b) - 9, FRAME_DOWN, &f, &why) == 1 &&
	    f.type == TYPE_STDIN && f.size == 8 && f.body == b + 13 &&
	    f.bodylen == 4);
	ATF_CHECK(parse(b + 17, 1, FRAME_DOWN, &f, &why) == 0);
}

T_TC(largest_frame, "a frame with Len 65535 needs all 65537 bytes")
ATF_TC_BODY(largest_frame, tc)
{
	unsigned char *b;
	struct frame f;
	const char *why;

	ATF_REQUIRE((b = calloc(1, FRAME_TOTAL_MAX)) != NULL);
	b[0] = 0xff;
	b[1] = 0xff;
	b[3] = TYPE_STDIN;
	b[7] = 0x01;
	ATF_CHECK(parse(b, FRAME_TOTAL_MAX - 1, FRAME_DOWN, &f, &why) == 0);
	ATF_CHECK(parse(b, FRAME_TOTAL_MAX, FRAME_DOWN, &f, &why) == 1 &&
	    f.size == 65537 && f.bodylen == 65533);
	b[3] = TYPE_STDOUT;
	ATF_CHECK(parse(b, FRAME_TOTAL_MAX, FRAME_UP, &f, &why) == 1 &&
	    f.type == TYPE_STDOUT && f.size == 65537);
	free(b);
}

T_TC(len_zero_one, "Len 0 and Len 1 are malformed in both directions, "
    "without waiting for more bytes")
ATF_TC_BODY(len_zero_one, tc)
{
	int dir;

	for (dir = FRAME_DOWN; dir <= FRAME_UP; dir++) {
		frame_bad(T_BYTES(0x00, 0x00), dir, WHY_LEN);
		frame_bad(T_BYTES(0x00, 0x01), dir, WHY_LEN);
		/*
		 * upstream read these as STDIN to pid 0
		 * (alcove-protocol(5), Malformed input)
		 */
		frame_bad(T_BYTES(0x00, 0x00, 0x00, 0x00, 0x00, 0x00), dir,
		    WHY_LEN);
		frame_bad(T_BYTES(0x00, 0x01, 0x00), dir, WHY_LEN);
		frame_bad(T_BYTES(0x00, 0x01, 0x05), dir, WHY_LEN);
	}
}

T_TC(unknown_type_down, "toward the port, every type but STDIN and CALL is "
    "malformed")
ATF_TC_BODY(unknown_type_down, tc)
{
	static const unsigned int types[] = { TYPE_STDOUT, TYPE_STDERR,
	    TYPE_PROXY, TYPE_EVENT, TYPE_CTL, TYPE_PIPE, 8, 0x100, 0x400,
	    0xffff };
	unsigned char b[12];
	size_t i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		/* a plausible body that would be whole */
		memset(b, 0, sizeof(b));
		b[1] = 10;
		b[2] = types[i] >> 8;
		b[3] = types[i] & 0xff;
		frame_bad(b, sizeof(b), FRAME_DOWN, WHY_TYPE);
		/* the header alone condemns it */
		frame_bad(b, 4, FRAME_DOWN, WHY_TYPE);
	}
}

T_TC(unknown_type_up, "toward the client, STDIN and types above 7 are "
    "malformed")
ATF_TC_BODY(unknown_type_up, tc)
{
	frame_bad(T_BYTES(0x00, 0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00),
	    FRAME_UP, WHY_TYPE);
	frame_bad(T_BYTES(0x00, 0x07, 0x00, 0x08), FRAME_UP, WHY_TYPE);
	frame_bad(T_BYTES(0x00, 0x07, 0x01, 0x04), FRAME_UP, WHY_TYPE);
	frame_bad(T_BYTES(0x00, 0x07, 0xff, 0xff), FRAME_UP, WHY_TYPE);
}

T_TC(stdin_short_pid, "a STDIN frame with Len 2 to 5 (no whole pid) is "
    "malformed")
ATF_TC_BODY(stdin_short_pid, tc)
{
	frame_bad(T_BYTES(0x00, 0x02, 0x00, 0x00), FRAME_DOWN, WHY_STDIN);
	frame_bad(T_BYTES(0x00, 0x03, 0x00, 0x00, 0x00), FRAME_DOWN, WHY_STDIN);
	frame_bad(T_BYTES(0x00, 0x04, 0x00, 0x00, 0x00, 0x00), FRAME_DOWN,
	    WHY_STDIN);
	frame_bad(T_BYTES(0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0x01), FRAME_DOWN,
	    WHY_STDIN);
	/* refused on the header, before the body arrives */
	frame_bad(T_BYTES(0x00, 0x05, 0x00, 0x00), FRAME_DOWN, WHY_STDIN);
}

T_TC(call_short, "a CALL frame with Len 2 to 4 (no call number and argument "
    "byte) is malformed")
ATF_TC_BODY(call_short, tc)
{
	frame_bad(T_BYTES(0x00, 0x02, 0x00, 0x04), FRAME_DOWN, WHY_CALL);
	frame_bad(T_BYTES(0x00, 0x03, 0x00, 0x04, 0x00), FRAME_DOWN, WHY_CALL);
	frame_bad(T_BYTES(0x00, 0x04, 0x00, 0x04, 0x00, 0x24), FRAME_DOWN,
	    WHY_CALL);
	frame_bad(T_BYTES(0x00, 0x04, 0x00, 0x04), FRAME_DOWN, WHY_CALL);
}

T_TC(proxy_short, "a PROXY frame without a pid and an inner length, or a "
    "stream frame without a pid, is malformed")
ATF_TC_BODY(proxy_short, tc)
{
	frame_bad(T_BYTES(0x00, 0x02, 0x00, 0x03), FRAME_UP, WHY_PROXY);
	frame_bad(T_BYTES(0x00, 0x06, 0x00, 0x03, 0x00, 0x00, 0x71, 0xa3),
	    FRAME_UP, WHY_PROXY);
	frame_bad(T_BYTES(0x00, 0x07, 0x00, 0x03, 0x00, 0x00, 0x71, 0xa3, 0x00),
	    FRAME_UP, WHY_PROXY);
	frame_bad(T_BYTES(0x00, 0x05, 0x00, 0x01, 0x00, 0x00, 0x71), FRAME_UP,
	    WHY_STREAM);
	frame_bad(T_BYTES(0x00, 0x02, 0x00, 0x02), FRAME_UP, WHY_STREAM);
	/* the shortest PROXY that frames: pid and a two-byte inner Len */
	frame_ok(T_BYTES(0x00, 0x08, 0x00, 0x03, 0x00, 0x00, 0x71, 0xa3, 0x00,
	    0x00), FRAME_UP, TYPE_PROXY);
}

T_TC(header_bytes, "frame_header and frame_envelope write Len, Type and Pid "
    "big-endian, Len counting what follows it")
ATF_TC_BODY(header_bytes, tc)
{
	unsigned char b[16];

	memset(b, 0xee, sizeof(b));
	ATF_CHECK_EQ(frame_header(b, TYPE_CALL, 5), 4);
	ATF_CHECK_MSG(memcmp(b, "\x00\x07\x00\x04\xee", 5) == 0, "%s",
	    hex(b, 5));

	ATF_CHECK_EQ(frame_header(b, TYPE_EVENT, 0), 4);
	ATF_CHECK_MSG(memcmp(b, "\x00\x02\x00\x05", 4) == 0, "%s", hex(b, 4));

	ATF_CHECK_EQ(frame_header(b, TYPE_PIPE, 65533), 4);
	ATF_CHECK_MSG(memcmp(b, "\xff\xff\x00\x07", 4) == 0, "%s", hex(b, 4));

	/* PROXY from 29091 around an 8-byte CALL reply (alcove-protocol(5)) */
	memset(b, 0xee, sizeof(b));
	ATF_CHECK_EQ(frame_envelope(b, TYPE_PROXY, 29091, 10), 8);
	ATF_CHECK_MSG(memcmp(b, "\x00\x10\x00\x03\x00\x00\x71\xa3\xee", 9) ==
	    0, "%s", hex(b, 9));

	/* STDOUT(15632, "out\n") */
	ATF_CHECK_EQ(frame_envelope(b, TYPE_STDOUT, 15632, 4), 8);
	ATF_CHECK_MSG(memcmp(b, "\x00\x0a\x00\x01\x00\x00\x3d\x10", 8) == 0,
	    "%s", hex(b, 8));

	/* pids are unsigned 32-bit on the wire */
	ATF_CHECK_EQ(frame_envelope(b, TYPE_STDIN, 0xfffffffeu, 0), 8);
	ATF_CHECK_MSG(memcmp(b, "\x00\x06\x00\x00\xff\xff\xff\xfe", 8) == 0,
	    "%s", hex(b, 8));
	ATF_CHECK_EQ(frame_envelope(b, TYPE_STDERR, 0x00bc614e, 65529), 8);
	ATF_CHECK_MSG(memcmp(b, "\xff\xff\x00\x02\x00\xbc\x61\x4e", 8) == 0,
	    "%s", hex(b, 8));
}

T_TC(header_round_trip, "what frame_header and frame_envelope write parses "
    "back as the same frame")
ATF_TC_BODY(header_round_trip, tc)
{
	unsigned char b[64];
	struct frame f;
	const char *why;
	size_t n;

	/* PROXY(77, CALL(ok)) built from the helpers */
	n = frame_envelope(b, TYPE_PROXY, 77, 9);
	n += frame_header(b + n, TYPE_CALL, 5);
	memcpy(b + n, "\x83\x77\x02ok", 5);
	n += 5;
	ATF_REQUIRE_EQ(n, 17);
	ATF_CHECK(parse(b, n, FRAME_UP, &f, &why) == 1 &&
	    f.type == TYPE_PROXY && f.size == 17 && f.bodylen == 13 &&
	    frame_get32(f.body) == 77);
	ATF_CHECK(parse(f.body + 4, f.bodylen - 4, FRAME_UP, &f, &why) == 1 &&
	    f.type == TYPE_CALL && f.size == 9 && f.bodylen == 5);
	ATF_CHECK(parse(b, n - 1, FRAME_UP, &f, &why) == 0);
}

T_TC(get_put, "frame_put16/32 and frame_get16/32 are big-endian inverses")
ATF_TC_BODY(get_put, tc)
{
	unsigned char b[4];

	frame_put16(b, 0xabcd);
	ATF_CHECK(b[0] == 0xab && b[1] == 0xcd);
	ATF_CHECK_EQ(frame_get16(b), 0xabcd);
	frame_put32(b, 0x89abcdefu);
	ATF_CHECK(b[0] == 0x89 && b[1] == 0xab && b[2] == 0xcd &&
	    b[3] == 0xef);
	ATF_CHECK_EQ(frame_get32(b), 0x89abcdefu);
	/* reply budgets of alcove-protocol(5), Per-hop overhead */
	ATF_CHECK_EQ(FRAME_BUDGET(0), 65527);
	ATF_CHECK_EQ(FRAME_BUDGET(1), 65519);
	ATF_CHECK_EQ(FRAME_BUDGET(16), 65399);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, call_complete);
	ATF_TP_ADD_TC(tp, stdin_complete);
	ATF_TP_ADD_TC(tp, up_complete);
	ATF_TP_ADD_TC(tp, two_frames);
	ATF_TP_ADD_TC(tp, largest_frame);
	ATF_TP_ADD_TC(tp, len_zero_one);
	ATF_TP_ADD_TC(tp, unknown_type_down);
	ATF_TP_ADD_TC(tp, unknown_type_up);
	ATF_TP_ADD_TC(tp, stdin_short_pid);
	ATF_TP_ADD_TC(tp, call_short);
	ATF_TP_ADD_TC(tp, proxy_short);
	ATF_TP_ADD_TC(tp, header_bytes);
	ATF_TP_ADD_TC(tp, header_round_trip);
	ATF_TP_ADD_TC(tp, get_put);
	return atf_no_error();
}
