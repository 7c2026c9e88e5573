/*
 * Typed Linux process controls that take numbers, buffers and structures:
 * prctl, seccomp and ptrace.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <string.h>

#include "proto/calls.h"
#include "lib/lib.h"
#include "lib/typed.h"
#include "lib/cstruct.h"

#define PRCTL_ARGS	4

/* Check every argument's read-back term first, then store them all. */
static int
read_args(struct alcove_term *e, struct alcove_arg **a, size_t n, int how)
{
	size_t i;
	int err;

	for (i = 0; i < n; i++)
		if ((err = carg_read(&e[i], a[i], how | CARG_CHECK)) != 0)
			return err;
	for (i = 0; i < n; i++)
		(void)carg_read(&e[i], a[i], how);
	return 0;
}

/* The arguments' terms, for vcall's "r"; NULL arguments are 0. */
static int
prctl_encode_args(struct alcove_arg **a, size_t n, struct cterm *c)
{
	size_t i;
	int err;

	for (i = 0; i < n; i++) {
		if ((err = carg_encode(a[i], &c[i])) != 0) {
			while (i-- > 0)
				cterm_free(&c[i]);
			return err;
		}
	}
	return 0;
}

int
alcove_prctl_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *option, struct alcove_arg args[4],
    int64_t *result)
{
	struct alcove_arg *a[PRCTL_ARGS];
	struct cterm c[PRCTL_ARGS];
	struct alcove_term *t;
	struct constarg opt;
	int64_t v;
	size_t i;
	int err;

	if ((err = constarg(&opt, option, CONSTARG_ONE)) != 0)
		return err;
	for (i = 0; i < PRCTL_ARGS; i++)
		a[i] = args != NULL ? &args[i] : NULL;
	if ((err = prctl_encode_args(a, PRCTL_ARGS, c)) != 0)
		return err;
	err = call_tuple(h, path, npath, timeout, CALL_prctl, 6, &t,
	    "rrrrr", opt.buf, opt.len, c[0].buf, c[0].len, c[1].buf, c[1].len,
	    c[2].buf, c[2].len, c[3].buf, c[3].len);
	for (i = 0; i < PRCTL_ARGS; i++)
		cterm_free(&c[i]);
	if (err != 0)
		return err;
	if (alcove_term_int(&t->e[1], &v) == -1)
		err = ALCOVE_EPROTO;
	else if ((err = read_args(&t->e[2], a, PRCTL_ARGS,
	    CARG_ECHO_INT)) == 0 && result != NULL)
		*result = v;
	alcove_term_free(t);
	return err;
}

int
alcove_seccomp_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *operation, const char *flags,
    const struct alcove_bpf *prog)
{
	struct constarg op, fl;
	struct alcove_cfield f[2];
	unsigned char head[sizeof(void *)];
	struct cterm c;
	int err;

	if ((err = constarg(&op, operation, CONSTARG_ONE)) != 0 ||
	    (err = constarg(&fl, flags, CONSTARG_ONE)) != 0)
		return err;
	if (prog == NULL)
		return call_ok(h, path, npath, timeout, CALL_seccomp, "rrn",
		    op.buf, op.len, fl.buf, fl.len);
	if (prog->error != 0)
		return prog->error;
	bpf_fprog(prog, head, f);
	if ((err = cfield_encode(f, 2, &c)) != 0)
		return err;
	err = call_ok(h, path, npath, timeout, CALL_seccomp, "rrr", op.buf,
	    op.len, fl.buf, fl.len, c.buf, c.len);
	cterm_free(&c);
	return err;
}

int
alcove_ptrace_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *request, pid_t pid, struct alcove_arg *addr,
    struct alcove_arg *data, int64_t *result)
{
	struct alcove_arg *a[2] = { addr, data };
	struct alcove_term *t;
	struct constarg req;
	struct cterm c[2];
	int64_t v;
	int err;

	if ((err = constarg(&req, request, CONSTARG_ONE)) != 0)
		return err;
	if ((err = prctl_encode_args(a, 2, c)) != 0)
		return err;
	err = call_tuple(h, path, npath, timeout, CALL_ptrace, 4, &t, "rirr",
	    req.buf, req.len, (int)pid, c[0].buf, c[0].len, c[1].buf,
	    c[1].len);
	cterm_free(&c[0]);
	cterm_free(&c[1]);
	if (err != 0)
		return err;
	if (alcove_term_int(&t->e[1], &v) == -1)
		err = ALCOVE_EPROTO;
	else if ((err = read_args(&t->e[2], a, 2, CARG_ECHO_EMPTY)) == 0 &&
	    result != NULL)
		*result = v;
	alcove_term_free(t);
	return err;
}
