/*
 * The *_constant calls: a constant's value on the port's system, by name.
 */
#include <sys/types.h>

#include <stdint.h>

#include "alcove.h"

#define CONSTANT_CALL(table)						\
int									\
alcove_##table##_constant_t(struct alcove *h, const pid_t *path,	\
    size_t npath, int timeout, const char *name, uint64_t *value)	\
{									\
	return alcove_constant_t(h, path, npath, timeout, #table, name,	\
	    value);							\
}

CONSTANT_CALL(cap)
CONSTANT_CALL(clone)
CONSTANT_CALL(fcntl)
CONSTANT_CALL(file)
CONSTANT_CALL(ioctl)
CONSTANT_CALL(mount)
CONSTANT_CALL(prctl)
CONSTANT_CALL(ptrace)
CONSTANT_CALL(rlimit)
CONSTANT_CALL(seccomp)
CONSTANT_CALL(signal)
CONSTANT_CALL(syscall)
