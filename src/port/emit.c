/*
 * The messages an alcove process writes on its stdout.  Messages are
 * appended to one output buffer and written in batches by port_flush(), so
 * they keep their order and never interleave.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <poll.h>
#include <signal.h>
#include <string.h>

#include "port/port.h"

static unsigned char *
out_reserve(size_t n)
{
	if (buf_reserve(&port.out, n) == -1)
		port_oserr("out of memory for output");
	return port.out.data + port.out.len;
}

static void
emit_message(int type, const unsigned char *body, size_t n)
{
	unsigned char *p = out_reserve(FRAME_HDR + n);

	frame_header(p, type, n);
	memcpy(p + FRAME_HDR, body, n);
	port.out.len += FRAME_HDR + n;
}

/* A message about one child: PROXY(Pid, Type, Body). */
static void
emit_about(uint32_t pid, int type, const unsigned char *body, size_t n)
{
	unsigned char *p = out_reserve(FRAME_ENVELOPE + FRAME_HDR + n);

	frame_envelope(p, TYPE_PROXY, pid, FRAME_HDR + n);
	frame_header(p + FRAME_ENVELOPE, type, n);
	memcpy(p + FRAME_ENVELOPE + FRAME_HDR, body, n);
	port.out.len += FRAME_ENVELOPE + FRAME_HDR + n;
}

void
emit_call_reply(const unsigned char *etf, size_t n)
{
	emit_message(TYPE_CALL, etf, n);
}

void
emit_event(const unsigned char *etf, size_t n)
{
	emit_message(TYPE_EVENT, etf, n);
}

static size_t
encode_atom(unsigned char *buf, size_t cap, const char *atom)
{
	struct etf_enc e;

	etf_enc_init(&e, buf, cap);
	etf_put_version(&e);
	etf_put_atom(&e, atom);
	return e.len;
}

void
emit_child_ctl(uint32_t pid, const char *atom)
{
	unsigned char etf[64];

	emit_about(pid, TYPE_CTL, etf,
	    encode_atom(etf, sizeof(etf), atom));
}

void
emit_child_event(pid_t pid, const unsigned char *etf, size_t n)
{
	emit_about((uint32_t)pid, TYPE_EVENT, etf, n);
}

void
emit_child_pipe(pid_t pid, uint64_t accepted)
{
	unsigned char etf[16];
	struct etf_enc e;

	etf_enc_init(&e, etf, sizeof(etf));
	etf_put_version(&e);
	etf_put_uint(&e, accepted);
	emit_about((uint32_t)pid, TYPE_PIPE, etf, e.len);
}

/* Relay a whole message a child wrote: PROXY(Pid, Message). */
void
emit_proxy(pid_t pid, const unsigned char *msg, size_t n)
{
	unsigned char *p = out_reserve(FRAME_ENVELOPE + n);

	frame_envelope(p, TYPE_PROXY, (uint32_t)pid, n);
	memcpy(p + FRAME_ENVELOPE, msg, n);
	port.out.len += FRAME_ENVELOPE + n;
}

/*
 * Stream output is read straight into the output buffer behind room for
 * its header: emit_stream_begin() returns where up to n data bytes go, and
 * emit_stream_end() writes the header once the read size is known.
 */
unsigned char *
emit_stream_begin(size_t n)
{
	return out_reserve(FRAME_ENVELOPE + n) + FRAME_ENVELOPE;
}

void
emit_stream_end(unsigned char *data, int type, pid_t pid, size_t n)
{
	frame_envelope(data - FRAME_ENVELOPE, type, (uint32_t)pid, n);
	port.out.len += FRAME_ENVELOPE + n;
}
