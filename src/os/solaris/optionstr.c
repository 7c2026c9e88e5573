/*
 * mount with the Solaris in/out option string
 * (alcove-protocol(5), File systems), written against no illumos header so that
 * the unit tests run it anywhere with a simulated mount(2).
 * xcheck-os: illumos
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>

#include "os/solaris/solaris.h"

/*
 * With MS_OPTIONSTR the kernel reads the option string from optptr and,
 * once mounted, writes back the options in effect.  It rejects an optlen
 * above MAX_MNTOPT_STR with EINVAL, and fails with EOVERFLOW, after
 * mounting, when what it would write back does not fit in optlen bytes.
 * So the caller's string goes to the kernel in a buffer of exactly
 * MAX_MNTOPT_STR bytes, whatever the size of the caller's own buffer, and
 * EOVERFLOW counts as success: the file system is mounted.  The reply is
 * then whatever the kernel left in the buffer (illumos copies nothing out
 * in that case, so the caller's own string comes back).
 *
 * The buffer is m->optout, which must hold MAX_MNTOPT_STR + 1 bytes: the
 * last byte stays NUL, so a kernel that fills the whole buffer still leaves
 * a string the handler can reply with.  Empty Options (no bytes at all)
 * still go to the kernel in that buffer, but the reply is plain ok: the
 * caller asked for no option string, so none comes back.
 */
int
optionstr_mount(struct os_mount *m, unsigned long ms_optionstr,
    size_t max_mntopt_str, int (*sys_mount)(const char *, const char *, int,
    const char *, const void *, int, char *, int))
{
	size_t len;
	int rv;

	m->has_optout = 0;
	/* mount(2) takes ints; a value that does not fit is not passed. */
	if (m->flags > INT_MAX || m->datalen > INT_MAX ||
	    m->optlen > INT_MAX) {
		errno = EINVAL;
		return -1;
	}
	if ((m->flags & ms_optionstr) == 0)
		/* Nothing comes back: the options go as the caller gave them. */
		return sys_mount(m->source, m->target, (int)m->flags,
		    m->fstype, m->data, (int)m->datalen, (char *)m->options,
		    (int)m->optlen);
	/*
	 * With MS_OPTIONSTR the kernel writes the options back even when
	 * the caller gave none: an empty string in the full buffer, so the
	 * mount is not reported as failed after it happened.
	 */
	if (max_mntopt_str > INT_MAX || m->optout == NULL ||
	    m->optout_size <= max_mntopt_str) {
		errno = ENOBUFS;
		return -1;
	}
	/* The kernel reads a string, so it ends at the first NUL. */
	len = m->options != NULL ? strnlen(m->options, m->optlen) : 0;
	if (len >= max_mntopt_str) {
		errno = EINVAL;
		return -1;
	}
	memset(m->optout, '\0', max_mntopt_str + 1);
	if (len > 0)
		memcpy(m->optout, m->options, len);
	rv = sys_mount(m->source, m->target, (int)m->flags, m->fstype, m->data,
	    (int)m->datalen, m->optout, (int)max_mntopt_str);
	if (rv == -1 && errno != EOVERFLOW)
		return -1;
	m->optout[max_mntopt_str] = '\0';
	m->has_optout = m->optlen > 0;
	return 0;
}
