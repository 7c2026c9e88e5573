/*
 * The *_constant lookups and errno_id: pure table lookups, present on every
 * system (a table the system lacks is empty, so the answer is unknown).
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include "calls/call.h"
#include "proto/constant.h"
#include "proto/errno_id.h"
#include "calls/handlers.h"

static int
lookup(struct etf_dec *a, struct etf_enc *r, int table)
{
	char atom[ETF_ATOM_MAX + 1];
	uint64_t value;
	size_t len;
	int rv;

	if ((rv = arg_atom(a, atom, &len)) != CALL_OK)
		return rv;
	if (constant_lookup(table, atom, len, &value) == -1)
		etf_put_atom(r, "unknown");
	else
		etf_put_uint(r, value);
	return CALL_OK;
}

#define CONSTANT_CALL(call, table)					\
int									\
call_##call(struct etf_dec *a, struct etf_enc *r)			\
{									\
	return lookup(a, r, table);					\
}

CONSTANT_CALL(cap_constant, CONST_CAP)
CONSTANT_CALL(clone_constant, CONST_CLONE)
CONSTANT_CALL(fcntl_constant, CONST_FCNTL)
CONSTANT_CALL(file_constant, CONST_FILE)
CONSTANT_CALL(ioctl_constant, CONST_IOCTL)
CONSTANT_CALL(mount_constant, CONST_MOUNT)
CONSTANT_CALL(prctl_constant, CONST_PRCTL)
CONSTANT_CALL(ptrace_constant, CONST_PTRACE)
CONSTANT_CALL(rlimit_constant, CONST_RLIMIT)
CONSTANT_CALL(seccomp_constant, CONST_SECCOMP)
CONSTANT_CALL(signal_constant, CONST_SIGNAL)
CONSTANT_CALL(syscall_constant, CONST_SYSCALL)

int
call_errno_id(struct etf_dec *a, struct etf_enc *r)
{
	const char *name;
	int32_t err;
	int rv;

	if ((rv = arg_int32(a, &err)) != CALL_OK)
		return rv;
	name = errno_name(err);
	etf_put_atom(r, name != NULL ? name : "unknown");
	return CALL_OK;
}
