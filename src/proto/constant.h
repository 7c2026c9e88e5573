/*
 * The symbolic constant tables (alcove-protocol(5), Symbolic constants)
 * that turn atoms such as o_rdonly into this platform's values.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#ifndef ALCOVE_CONSTANT_H
#define ALCOVE_CONSTANT_H

#include <stddef.h>
#include <stdint.h>

/*
 * One table entry.  The name is the C macro name as upstream spells it
 * ("O_RDONLY"), or one of the mount table's lowercase aliases ("rdonly").
 * Negative platform values are stored wrapped, as they go on the wire.
 */
struct constant {
	const char	*name;
	uint64_t	 value;
};

enum {
	CONST_CAP,
	CONST_CLONE,
	CONST_FCNTL,
	CONST_FILE,
	CONST_IOCTL,
	CONST_MOUNT,
	CONST_PRCTL,
	CONST_PRIO,
	CONST_PROCCTL,
	CONST_PTRACE,
	CONST_RLIMIT,
	CONST_SECCOMP,
	CONST_SIGNAL,
	CONST_SOCKET,
	CONST_SYSCALL,
	CONST_WAIT,
	CONST_NTABLES
};

/*
 * The entries of a table that this platform has, in constants.txt order; *n is
 * set to their number.  An unknown table has no entries (NULL, *n = 0).
 */
const struct constant	*constant_table(int, size_t *);

/*
 * Looks up an atom of len Latin-1 bytes (any byte value, not
 * NUL-terminated) by its name ignoring ASCII case; the first matching entry
 * wins.  Returns 0 and sets *value, or -1 if the table has no such name.
 */
int	constant_lookup(int, const char *, size_t, uint64_t *);

/*
 * The name of a signal (alcove-protocol(5), Signal names): the lowercase name
 * of the first signal table entry with that number, or "unknown".  The string
 * is static and stays valid.
 */
const char	*signal_name(int);

#endif
