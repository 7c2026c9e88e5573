/*
 * Records an alcove child sends its parent on the control socket (fd 5).
 * They are internal to the port (a parent and its children are the same
 * program) and never reach the client: they mark exactly where the child's
 * messages end and an exec'd program's output begins on its stdout.
 */
#ifndef ALCOVE_CTL_H
#define ALCOVE_CTL_H

#include <stddef.h>
#include <stdint.h>

#define CTL_EXEC	'E'	/* 8-byte big-endian stdout offset follows */
#define CTL_EXEC_FAILED	'F'	/* the exec failed: messages go on */
#define CTL_BOOT	'B'	/* a re-exec'd port starts counting anew */

size_t		ctl_record_size(unsigned char);
uint64_t	ctl_get_offset(const unsigned char *);

#endif
