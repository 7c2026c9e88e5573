/*
 * The child's side of the control socket: announce an exec and its
 * outcome to the parent (see ctl.h and child.c).
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "port/ctl.h"
#include "port/port.h"

/*
 * The size of the record whose first have bytes (at least one) are rec:
 * CTL_HEADER while the type is still to come, 0 if the bytes cannot start
 * a record.
 */
size_t
ctl_record_size(const unsigned char *rec, size_t have)
{
	if (memcmp(rec, CTL_MAGIC, have < CTL_MAGIC_LEN ? have :
	    CTL_MAGIC_LEN) != 0)
		return 0;
	if (have < CTL_HEADER)
		return CTL_HEADER;
	switch (rec[CTL_MAGIC_LEN]) {
	case CTL_EXEC:
		return CTL_HEADER + 8;
	case CTL_EXEC_FAILED:
	case CTL_BOOT:
		return CTL_HEADER;
	default:
		return 0;
	}
}

/* The offset of an exec record. */
uint64_t
ctl_get_offset(const unsigned char *rec)
{
	uint64_t v = 0;
	int i;

	for (i = CTL_HEADER; i < CTL_HEADER + 8; i++)
		v = v << 8 | rec[i];
	return v;
}

/* The root's fd 5 is the FIFO, which nobody may write to. */
static void
ctl_send(unsigned char type, uint64_t off)
{
	unsigned char rec[CTL_RECORD_MAX];
	size_t n = CTL_HEADER;
	ssize_t w;
	int i;

	if (port.depth == 0)
		return;
	memcpy(rec, CTL_MAGIC, CTL_MAGIC_LEN);
	rec[CTL_MAGIC_LEN] = type;
	if (type == CTL_EXEC) {
		for (i = CTL_RECORD_MAX - 1; i >= CTL_HEADER; i--) {
			rec[i] = off & 0xff;
			off >>= 8;
		}
		n = CTL_RECORD_MAX;
	}
	do {
		w = write(FD_CTL, rec, n);
	} while (w == -1 && errno == EINTR);
}

void
ctl_exec_begin(void)
{
	ctl_send(CTL_EXEC, port.out_total);
}

void
ctl_exec_failed(void)
{
	ctl_send(CTL_EXEC_FAILED, 0);
}

void
ctl_boot(void)
{
	ctl_send(CTL_BOOT, 0);
}
