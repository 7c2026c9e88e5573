/*
 * Making calls: the request envelope, the argument encoder, waiting for
 * the answer, and turning the answer into an error code.  Also stdin data
 * and receiving the messages that are not answers.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "proto/calls.h"
#include "proto/constant.h"
#include "proto/errno_id.h"
#include "proto/etf.h"
#include "proto/frame.h"
#include "lib/lib.h"

/*
 * Wrap a message for the process at path in one STDIN envelope per hop,
 * innermost first.  A CALL (call >= 0) gets its header; stdin data
 * (call < 0) goes in bare.
 */
int
envelope(const pid_t *path, size_t npath, const void *inner, size_t len,
    int call, unsigned char **out, size_t *outlen)
{
	size_t hdr = call >= 0 ? FRAME_HDR + 2 : 0, total, k;
	unsigned char *buf, *p;

	if (npath > ALCOVE_PATH_MAX)
		return ALCOVE_EINVAL;
	total = npath * FRAME_ENVELOPE + hdr + len;
	/* The outermost Len field must fit in 16 bits (raw data for the
	 * root is not a message and has no such limit). */
	if ((npath > 0 || call >= 0) && total > FRAME_TOTAL_MAX)
		return ALCOVE_ETOOBIG;
	if ((buf = malloc(total > 0 ? total : 1)) == NULL)
		return ENOMEM;
	p = buf + npath * FRAME_ENVELOPE;
	if (call >= 0) {
		frame_header(p, TYPE_CALL, 2 + len);
		frame_put16(p + FRAME_HDR, (unsigned int)call);
	}
	if (len > 0)
		memcpy(p + hdr, inner, len);
	for (k = npath; k > 0; k--) {
		p -= FRAME_ENVELOPE;
		frame_envelope(p, TYPE_STDIN, (uint32_t)path[k - 1],
		    total - (size_t)(p - buf) - FRAME_ENVELOPE);
	}
	*out = buf;
	*outlen = total;
	return 0;
}

/* exec and exit answer nothing when they succeed (calls.def's NOREPLY). */
static int
noreply_call(int call)
{
	const struct call_info *ci = call_info((unsigned int)call);

	return ci != NULL && ci->reply == NOREPLY;
}

void
waiter_remove(struct alcove *h, struct waiter *w)
{
	if (w->out != NULL)
		w->out->w = NULL;
	waiter_unlink(h, w);
	alcove_term_free(w->reply);
	free(w);
}

/* What a reply term says about the call, before the caller looks at it. */
int
reply_status(const struct alcove_term *t)
{
	if (t == NULL)
		return 0;
	if (alcove_term_atom(t, "badarg"))
		return ALCOVE_EBADARG;
	if (alcove_term_atom(t, "undef"))
		return ALCOVE_EUNDEF;
	if (t->type == ALCOVE_TERM_TUPLE && t->n == 2 &&
	    alcove_term_atom(&t->e[0], "error") &&
	    alcove_term_atom(&t->e[1], "unsupported"))
		return ALCOVE_EUNSUPPORTED;
	return 0;
}

/*
 * Queue a request (h->mu held) and its waiter, in the same order: the
 * waiters of a path are in the order their requests go out.  With dl
 * given, wait for room in the queue until then; an internal request (dl
 * -2) never waits.  Returns the waiter, or NULL and the error in *errp.
 */
struct waiter *
request(struct alcove *h, const pid_t *path, size_t npath, int call,
    const void *args, size_t len, int64_t dl, int *errp)
{
	unsigned char *msg;
	struct waiter *w;
	size_t msglen;
	int err;

	if (h->dead) {
		*errp = ALCOVE_EPORT;
		return NULL;
	}
	if (call < 0 || call >= CALL_COUNT || npath > ALCOVE_PATH_MAX) {
		*errp = ALCOVE_EINVAL;
		return NULL;
	}
	if ((err = envelope(path, npath, args, len, call, &msg, &msglen)) != 0) {
		*errp = err;
		return NULL;
	}
	if (dl != -2 && (err = outq_wait_room(h, msglen, dl)) != 0) {
		free(msg);
		*errp = err;
		return NULL;
	}
	if ((w = calloc(1, sizeof(*w))) == NULL) {
		free(msg);
		*errp = ENOMEM;
		return NULL;
	}
	if (npath > 0)
		memcpy(w->path, path, npath * sizeof(*path));
	w->npath = npath;
	w->noreply = noreply_call(call);
	w->forking = call == CALL_fork || call == CALL_clone;
	w->reaping = call == CALL_waitpid;
	if (waiter_add(h, w) != 0) {
		free(msg);
		free(w);
		*errp = ENOMEM;
		return NULL;
	}
	if (outq_add(h, msg, msglen, w, 0) == NULL) {
		waiter_unlink(h, w);
		free(w);
		*errp = ENOMEM;
		return NULL;
	}
	return w;
}

static int
waiter_done(struct alcove *h, void *arg)
{
	(void)h;
	return ((struct waiter *)arg)->done;
}

/*
 * Wait (h->mu held) for a request's answer until the deadline.  A request
 * not yet begun when time runs out is taken back; one already (partly)
 * written leaves its waiter behind as a tombstone.
 */
int
await(struct alcove *h, struct waiter *w, int64_t dl,
    struct alcove_term **reply)
{
	int err;

	err = wait_for(h, waiter_done, w, dl);
	if (!w->done) {
		if (w->out != NULL && w->out->off == 0) {
			outq_drop(h, w->out);
			waiter_remove(h, w);
		} else
			w->abandoned = 1;	/* its answer may still come */
		return err != 0 ? err : ALCOVE_EPROTO;
	}
	if ((err = w->error) == 0)
		err = reply_status(w->reply);
	if (err == 0 && reply != NULL) {
		*reply = w->reply;
		w->reply = NULL;
	}
	waiter_remove(h, w);
	return err;
}

int
call_raw(struct alcove *h, const pid_t *path, size_t npath, int call,
    const void *args, size_t len, int timeout, struct alcove_term **reply)
{
	struct waiter *w;
	int64_t dl;
	int err;

	if (reply != NULL)
		*reply = NULL;
	(void)pthread_mutex_lock(&h->mu);
	dl = deadline(h, timeout);
	if ((w = request(h, path, npath, call, args, len, dl, &err)) != NULL)
		err = await(h, w, dl, reply);
	(void)pthread_mutex_unlock(&h->mu);
	return err;
}

static int
vinternal(struct alcove *h, const pid_t *path, size_t npath, int call,
    struct waiter **wp, const char *fmt, va_list ap)
{
	unsigned char *args;
	struct waiter *w;
	size_t len;
	int err;

	if ((err = encode_args(fmt, ap, &args, &len)) != 0)
		return err;
	w = request(h, path, npath, call, args, len, -2, &err);
	free(args);
	if (w == NULL)
		return err;
	if (wp != NULL)
		*wp = w;
	else if (w->done)
		waiter_remove(h, w);
	else
		w->abandoned = 1;
	return 0;
}

/*
 * A request whose answer nobody reads (h->mu held): flow control, links,
 * kills for a closed owner.  It never waits for room in the queue.
 */
int
internal_call(struct alcove *h, const pid_t *path, size_t npath, int call,
    const char *fmt, ...)
{
	va_list ap;
	int err;

	va_start(ap, fmt);
	err = vinternal(h, path, npath, call, NULL, fmt, ap);
	va_end(ap);
	return err;
}

/* The same with a waiter the caller awaits. */
int
internal_call_waiter(struct alcove *h, const pid_t *path, size_t npath,
    int call, struct waiter **wp, const char *fmt, ...)
{
	va_list ap;
	int err;

	va_start(ap, fmt);
	err = vinternal(h, path, npath, call, wp, fmt, ap);
	va_end(ap);
	return err;
}

/* The number of items before the closing bracket of this level. */
static int
format_count(const char *f)
{
	int n = 0, depth = 0;

	for (; *f != '\0'; f++) {
		if (*f == '{' || *f == '[') {
			if (depth == 0)
				n++;
			depth++;
		} else if (*f == '}' || *f == ']') {
			if (depth == 0)
				return n;
			depth--;
		} else if (depth == 0)
			n++;
	}
	return depth == 0 ? n : -1;
}

/*
 * An integer argument as Erlang's term_to_binary writes it: INTEGER_EXT
 * for the whole 32-bit range.  The port's replies switch to SMALL_BIG_EXT
 * above 2^27 (as upstream's do), but arguments of the SmallInt, Const and
 * Flags types accept no big encoding (alcove-protocol(5), ARGUMENT TYPES).
 */
static void
put_arg_int(struct etf_enc *e, long long v)
{
	unsigned char *p;

	if ((v >= 0 && v <= 255) || v < INT32_MIN || v > INT32_MAX) {
		etf_put_int(e, v);
		return;
	}
	if ((p = etf_put_reserve(e, 5)) != NULL) {
		p[0] = ETF_INTEGER;
		frame_put32(p + 1, (uint32_t)v);
	}
}

static int
format_encode(struct etf_enc *e, const char **fp, va_list *ap, int close)
{
	unsigned long long u;
	const char *s;
	char *const *v;
	size_t len, i;

	while (**fp != '\0') {
		char c = *(*fp)++;

		switch (c) {
		case 'i':
			put_arg_int(e, va_arg(*ap, int));
			break;
		case 'l':
			put_arg_int(e, va_arg(*ap, long long));
			break;
		case 'u':
			u = va_arg(*ap, unsigned long long);
			if (u <= INT32_MAX)
				put_arg_int(e, (long long)u);
			else
				etf_put_uint(e, u);
			break;
		case 'a':
			etf_put_atom(e, va_arg(*ap, const char *));
			break;
		case 's':
			s = va_arg(*ap, const char *);
			etf_put_binary(e, s, strlen(s));
			break;
		case 'b':
			s = va_arg(*ap, const char *);
			len = va_arg(*ap, size_t);
			etf_put_binary(e, s, len);
			break;
		case 'r':
			s = va_arg(*ap, const char *);
			len = va_arg(*ap, size_t);
			etf_put_raw(e, s, len);
			break;
		case 'n':
			etf_put_nil(e);
			break;
		case 'A':
			v = va_arg(*ap, char *const *);
			for (i = 0; v != NULL && v[i] != NULL; i++)
				;
			if (i > 0) {
				etf_put_list(e, (uint32_t)i);
				for (i = 0; v[i] != NULL; i++)
					etf_put_binary(e, v[i], strlen(v[i]));
			}
			etf_put_nil(e);
			break;
		case '{':
		case '[': {
			int n = format_count(*fp);

			if (n < 0)
				return ALCOVE_EINVAL;
			if (c == '{')
				etf_put_tuple(e, (uint32_t)n);
			else if (n > 0)
				etf_put_list(e, (uint32_t)n);
			if (format_encode(e, fp, ap, c == '{' ? '}' : ']') != 0)
				return ALCOVE_EINVAL;
			if (c == '[')
				etf_put_nil(e);
			break;
		}
		case '}':
		case ']':
			return c == close ? 0 : ALCOVE_EINVAL;
		default:
			return ALCOVE_EINVAL;
		}
	}
	return close == 0 ? 0 : ALCOVE_EINVAL;
}

/* The argument tuple of a format and its values, as a malloc'd buffer. */
int
encode_args(const char *fmt, va_list ap, unsigned char **out, size_t *outlen)
{
	static const size_t cap = FRAME_LEN_MAX;
	unsigned char *buf;
	struct etf_enc e;
	va_list aq;
	int n, err;

	if ((n = format_count(fmt)) < 0)
		return ALCOVE_EINVAL;
	if ((buf = malloc(cap)) == NULL)
		return ENOMEM;
	etf_enc_init(&e, buf, cap);
	etf_put_version(&e);
	etf_put_tuple(&e, (uint32_t)n);
	va_copy(aq, ap);
	err = format_encode(&e, &fmt, &aq, 0);
	va_end(aq);
	if (err == 0 && e.overflow)
		err = ALCOVE_ETOOBIG;
	if (err != 0) {
		free(buf);
		return err;
	}
	*out = buf;
	*outlen = e.len;
	return 0;
}

int
encode_fmt(unsigned char **out, size_t *outlen, const char *fmt, ...)
{
	va_list ap;
	int err;

	va_start(ap, fmt);
	err = encode_args(fmt, ap, out, outlen);
	va_end(ap);
	return err;
}

int
vcall(struct alcove *h, const pid_t *path, size_t npath, int call,
    int timeout, struct alcove_term **reply, const char *fmt, va_list ap)
{
	unsigned char *buf;
	size_t len;
	int err;

	if (reply != NULL)
		*reply = NULL;
	if ((err = encode_args(fmt, ap, &buf, &len)) != 0)
		return err;
	err = call_raw(h, path, npath, call, buf, len, timeout, reply);
	free(buf);
	return err;
}

int
alcove_call(struct alcove *h, const pid_t *path, size_t npath, int call,
    int timeout, struct alcove_term **reply, const char *fmt, ...)
{
	va_list ap;
	int err;

	va_start(ap, fmt);
	err = vcall(h, path, npath, call, timeout, reply, fmt, ap);
	va_end(ap);
	return err;
}

int
alcove_call_number(const char *name)
{
	return call_number(name);
}

/* ok, {ok, ...}: 0.  {error, Posix}: this system's errno for Posix. */
int
alcove_reply_error(const struct alcove_term *t)
{
	int err;

	if (t == NULL || alcove_term_atom(t, "ok"))
		return 0;
	if (t->type == ALCOVE_TERM_TUPLE && t->n >= 1 &&
	    alcove_term_atom(&t->e[0], "ok"))
		return 0;
	if (t->type == ALCOVE_TERM_TUPLE && t->n == 2 &&
	    alcove_term_atom(&t->e[0], "error") &&
	    t->e[1].type == ALCOVE_TERM_ATOM) {
		if (strcmp(t->e[1].atom, "unsupported") == 0)
			return ALCOVE_EUNSUPPORTED;
		err = errno_value(t->e[1].atom, t->e[1].len);
		return err > 0 ? err : ALCOVE_EUNKNOWN;
	}
	if ((err = reply_status(t)) != 0)
		return err;
	return ALCOVE_EPROTO;
}

const char *
alcove_strerror(int err)
{
	switch (err) {
	case 0:
		return "success";
	case ALCOVE_EUNSUPPORTED:
		return "call not supported on this system";
	case ALCOVE_EBADARG:
		return "bad argument";
	case ALCOVE_EUNDEF:
		return "call blocked by filter";
	case ALCOVE_ETIMEDOUT:
		return "timed out";
	case ALCOVE_EPORT:
		return "port is gone";
	case ALCOVE_EBADPID:
		return "no such process on the path";
	case ALCOVE_EPROTO:
		return "unexpected reply";
	case ALCOVE_EPIPE:
		return "stdin data dropped";
	case ALCOVE_EEXITED:
		return "process exited";
	case ALCOVE_ETOOBIG:
		return "request too large";
	case ALCOVE_EUNKNOWN:
		return "unknown name";
	case ALCOVE_EINVAL:
		return "invalid argument";
	case ALCOVE_ENOPORT:
		return "cannot run the port program";
	case ALCOVE_ECTLDIR:
		return "control directory missing or unusable";
	}
	if (err > 0)
		return strerror(err);
	return "unknown error";
}

static int
stdin_sent(struct alcove *h, void *arg)
{
	(void)h;
	return !((struct outmsg *)arg)->queued;
}

/*
 * Stdin data goes through the outgoing queue like a request.  The caller
 * waits until it is written, up to the handle's default timeout: data
 * none of which went out by then is taken back (ALCOVE_ETIMEDOUT); data
 * partly written will be finished (frames are never cut) and counts as
 * sent.
 */
int
alcove_stdin(struct alcove *h, const pid_t *path, size_t npath,
    const void *data, size_t len)
{
	unsigned char *msg;
	struct outmsg *om;
	size_t msglen;
	int64_t dl;
	int err;

	if ((err = envelope(path, npath, data, len, -1, &msg, &msglen)) != 0)
		return err;
	(void)pthread_mutex_lock(&h->mu);
	dl = deadline(h, ALCOVE_DEFAULT);
	if (h->dead)
		err = ALCOVE_EPORT;
	else
		err = outq_wait_room(h, msglen, dl);
	if (err != 0) {
		free(msg);
		goto out;
	}
	if ((om = outq_add(h, msg, msglen, NULL, 1)) == NULL) {
		err = ENOMEM;
		goto out;
	}
	err = wait_for(h, stdin_sent, om, dl);
	if (om->queued) {
		om->held = 0;
		if (om->off == 0)
			outq_drop(h, om);
		else
			err = 0;
		goto out;
	}
	err = om->error;
	free(om);
out:
	(void)pthread_mutex_unlock(&h->mu);
	return err;
}

void
alcove_msg_free(struct alcove_msg *m)
{
	if (m == NULL)
		return;
	free(m->data);
	alcove_term_free(m->term);
	free(m);
}

/* {exit_status, N} and {termsig, Signal} as wait(2) would report them. */
int
alcove_msg_exit(const struct alcove_msg *m, int *status)
{
	const struct alcove_term *t;
	uint64_t sig;
	int64_t n;

	if (m == NULL || m->type != ALCOVE_MSG_EVENT || (t = m->term) == NULL ||
	    t->type != ALCOVE_TERM_TUPLE || t->n != 2)
		return -1;
	if (alcove_term_atom(&t->e[0], "exit_status") &&
	    alcove_term_int(&t->e[1], &n) == 0) {
		*status = (int)((n & 0xff) << 8);
		return 0;
	}
	if (alcove_term_atom(&t->e[0], "termsig") &&
	    t->e[1].type == ALCOVE_TERM_ATOM &&
	    constant_lookup(CONST_SIGNAL, t->e[1].atom, t->e[1].len,
	    &sig) == 0) {
		*status = (int)(sig & 0x7f);
		return 0;
	}
	return -1;
}
