/*
 * What the FreeBSD, OpenBSD and NetBSD backends have in common, built into
 * each of them (mk/os.sh): the process title, unmount(2), and the mount
 * flags as the int mount(2) takes.
 * xcheck-os: freebsd openbsd netbsd
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#ifndef ALCOVE_BSD_H
#define ALCOVE_BSD_H

/* title.c */
void	bsd_setproctitle(const char *);

/* unmount.c */
int	bsd_umount(const char *);
int	bsd_umount2(const char *, int);

/*
 * mount_flags.c, for the OpenBSD and NetBSD mount(2); FreeBSD's kernel
 * sign-extends the int to 64 bits, so freebsd/mount.c refuses bit 31.
 */
int	bsd_mount_flags(unsigned long, int *);

#endif
