/*
 * The child's side of the control socket: announce an exec and its
 * outcome to the parent (see ctl.h and child.c).
 */
#include <sys/types.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include "port/ctl.h"
#include "port/port.h"

size_t
ctl_record_size(unsigned char type)
{
	switch (type) {
	case CTL_EXEC:
		return 9;
	case CTL_EXEC_FAILED:
	case CTL_BOOT:
		return 1;
	default:
		return 0;
	}
}

uint64_t
ctl_get_offset(const unsigned char *p)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

/* The root's fd 5 is the FIFO, which nobody may write to. */
static void
ctl_send(const unsigned char *rec, size_t n)
{
	ssize_t w;

	if (port.depth == 0)
		return;
	do {
		w = write(FD_CTL, rec, n);
	} while (w == -1 && errno == EINTR);
}

void
ctl_exec_begin(void)
{
	unsigned char rec[9];
	uint64_t off = port.out_total;
	int i;

	rec[0] = CTL_EXEC;
	for (i = 8; i >= 1; i--) {
		rec[i] = off & 0xff;
		off >>= 8;
	}
	ctl_send(rec, sizeof(rec));
}

void
ctl_exec_failed(void)
{
	unsigned char rec = CTL_EXEC_FAILED;

	ctl_send(&rec, 1);
}

void
ctl_boot(void)
{
	unsigned char rec = CTL_BOOT;

	ctl_send(&rec, 1);
}
