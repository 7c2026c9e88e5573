/*
 * Call dispatch (alcove-protocol(5), Order of checks).  The port answers only
 * calls from the fixed table in calls.def; this file is the one place that
 * replies badarg for an unknown number or a malformed argument tuple, undef
 * for a filtered call, and {error, unsupported} for a call this system
 * does not have.  Handlers see only a well-formed tuple of the right arity.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <poll.h>
#include <signal.h>
#include <string.h>

#include "calls/call.h"
#include "port/port.h"

static call_handler *handler[CALL_COUNT];

void
dispatch_init(void)
{
	calls_register(handler);
}

static int
filtered(unsigned int call)
{
	return port.filter[call / 8] & (1u << (call % 8));
}

static void
reply_atom(const char *atom)
{
	struct etf_enc e;

	etf_enc_init(&e, port.reply, FRAME_BUDGET(port.depth));
	etf_put_version(&e);
	etf_put_atom(&e, atom);
	emit_call_reply(e.buf, e.len);
}

static void
reply_error(const char *atom)
{
	struct etf_enc e;

	etf_enc_init(&e, port.reply, FRAME_BUDGET(port.depth));
	etf_put_version(&e);
	etf_put_tuple(&e, 2);
	etf_put_atom(&e, "error");
	etf_put_atom(&e, atom);
	emit_call_reply(e.buf, e.len);
}

/*
 * Calls after which the kernel may have cleared the parent-death signal
 * (Linux does when the effective or file-system ids or the capabilities
 * change): it is set again.
 */
static int
changes_credentials(unsigned int call)
{
	switch (call) {
	case CALL_setuid:
	case CALL_setgid:
	case CALL_setresuid:
	case CALL_setresgid:
	case CALL_setgroups:
	case CALL_unshare:
	case CALL_setns:
		return 1;
	default:
		return 0;
	}
}

/* body: Call:16 followed by the argument bytes. */
void
dispatch_call(const unsigned char *body, size_t len)
{
	const struct call_info *ci;
	unsigned int call = frame_get16(body);
	struct etf_dec d;
	struct etf_enc e;
	uint32_t arity;
	int rv;

	if ((ci = call_info(call)) == NULL) {
		reply_atom("badarg");
		return;
	}
	if (filtered(call)) {
		reply_atom("undef");
		return;
	}
	/* Exactly one complete tuple, nothing after it
	 * (alcove-protocol(5), Order of checks). */
	if (!etf_is_one_term(body + 2, len - 2)) {
		reply_atom("badarg");
		return;
	}
	etf_dec_init(&d, body + 2, len - 2);
	(void)etf_get_version(&d);
	if (etf_get_tuple(&d, &arity) == -1 || arity != (uint32_t)ci->arity) {
		reply_atom("badarg");
		return;
	}
	if (handler[call] == NULL) {
		reply_error("unsupported");
		return;
	}

	/*
	 * Room for the largest reply before the handler runs: a call that
	 * installs a seccomp filter or pledges must answer without growing
	 * the output buffer, as the system call that grows it may be gone.
	 */
	if (buf_reserve(&port.out, FRAME_HDR + FRAME_BUDGET(port.depth)) == -1)
		port_oserr("out of memory for output");
	etf_enc_init(&e, port.reply, FRAME_BUDGET(port.depth));
	etf_put_version(&e);
	rv = handler[call](&d, &e);
	if (changes_credentials(call) &&
	    child_watch_parent(SIG_PARENT_DEATH) == -1) {
		/* The parent went meanwhile: nobody waits for the reply. */
		port_shutdown(0);
	}
	switch (rv) {
	case CALL_OK:
		if (e.overflow)
			reply_error("e2big");	/* see alcove-protocol(5) */
		else
			emit_call_reply(e.buf, e.len);
		break;
	case CALL_BADARG:
		reply_atom("badarg");
		break;
	case CALL_ENOTSUP:
		reply_error("enotsup");
		break;
	case CALL_NOREPLY:
		break;
	}
}
