/*
 * Process control: procctl(2), and the parent-death signal through it.
 *
 * procctl(2) names its target with an idtype_t (P_PID or P_PGID, which
 * the protocol takes from the wait constant table) and a 64-bit id_t; the
 * data pointer is the CStruct the portable handler laid out, or NULL.
 * Which idtypes and commands are valid is for the kernel to say (EINVAL).
 * xcheck-os: freebsd
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/procctl.h>
#include <sys/wait.h>

#include <errno.h>

#include "os/freebsd/freebsd.h"

int
freebsd_procctl(int idtype, int64_t id, int cmd, void *data)
{
	return procctl((idtype_t)idtype, (id_t)id, cmd, data);
}

int
os_parent_death_signal(int sig)
{
#ifdef PROC_PDEATHSIG_CTL
	return procctl(P_PID, 0, PROC_PDEATHSIG_CTL, &sig) == -1 ? errno : 0;
#else
	(void)sig;
	return ENOSYS;
#endif
}
