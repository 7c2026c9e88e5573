/*
 * Process control: procctl(2).
 *
 * procctl(2) names its target with an idtype_t (P_PID or P_PGID, which
 * the protocol takes from the wait constant table) and a 64-bit id_t; the
 * data pointer is the CStruct the portable handler laid out, or NULL.
 * Which idtypes and commands are valid is for the kernel to say (EINVAL).
 * xcheck-os: freebsd
 */
#include <sys/types.h>
#include <sys/procctl.h>
#include <sys/wait.h>

#include "os/freebsd/freebsd.h"

int
freebsd_procctl(int idtype, int64_t id, int cmd, void *data)
{
	return procctl((idtype_t)idtype, (id_t)id, cmd, data);
}
