/*
 * Records an alcove child sends its parent on the control socket (fd 5).
 * They are internal to the port (a parent and its children are the same
 * program) and never reach the client: they mark exactly where the child's
 * messages end and an exec'd program's output begins on its stdout.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#ifndef ALCOVE_CTL_H
#define ALCOVE_CTL_H

#include <stddef.h>
#include <stdint.h>

/*
 * Every record starts with these bytes and a type, so that what a client
 * writes into a child's fd 5 is not taken for a record: it is garbage, and
 * the parent closes the socket without a word
 * (alcove-protocol(5), Exec boundary).
 */
#define CTL_MAGIC	"\0alcove"
#define CTL_MAGIC_LEN	7
#define CTL_HEADER	(CTL_MAGIC_LEN + 1)
#define CTL_RECORD_MAX	(CTL_HEADER + 8)

#define CTL_EXEC	'E'	/* 8-byte big-endian stdout offset follows */
#define CTL_EXEC_FAILED	'F'	/* the exec failed: messages go on */
#define CTL_BOOT	'B'	/* a re-exec'd port starts counting anew */

size_t		ctl_record_size(const unsigned char *, size_t);
uint64_t	ctl_get_offset(const unsigned char *);

#endif
