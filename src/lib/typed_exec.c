/*
 * fexecve: run the program an open descriptor refers to in place of the
 * process.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include "proto/calls.h"
#include "lib/typed.h"

/*
 * Success answers nothing: the library sees the process's control socket
 * close (fdctl_closed) and returns 0.  Any answer is a failure, which
 * must be {error, Posix}.
 */
int
alcove_fexecve_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, int fd, char *const argv[], char *const envp[])
{
	struct alcove_term *t;
	int err;

	if ((err = alcove_call(h, path, npath, CALL_fexecve, timeout, &t,
	    "iAA", fd, argv, envp)) != 0 || t == NULL)
		return err;
	if ((err = alcove_reply_error(t)) == 0)
		err = ALCOVE_EPROTO;
	alcove_term_free(t);
	return err;
}
