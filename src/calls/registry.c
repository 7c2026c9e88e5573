/*
 * Which calls this port answers.  Portable calls are always present; a call
 * that needs a library function (found by a feature probe, HAVE_...) or a
 * backend operation (os_ops) is present only where that exists.  Every
 * call left NULL here answers {error, unsupported}
 * (alcove-protocol(5), Order of checks).
 *
 * Keep the three forms below exactly as they are: mk/support.sh reads this
 * file to build the manual's table of calls per system.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <stddef.h>

#include "calls/call.h"
#include "calls/handlers.h"
#include "os/os.h"

void
calls_register(call_handler *h[CALL_COUNT])
{
	/* processes */
	h[CALL_fork] = call_fork;
	h[CALL_execve] = call_execve;
	h[CALL_execvp] = call_execvp;
#ifdef HAVE_FEXECVE
	h[CALL_fexecve] = call_fexecve;
#endif
	h[CALL_exit] = call_exit;
	h[CALL_kill] = call_kill;
	h[CALL_waitpid] = call_waitpid;
	h[CALL_getpid] = call_getpid;
	h[CALL_getpgrp] = call_getpgrp;
	h[CALL_getsid] = call_getsid;
	h[CALL_setsid] = call_setsid;
	h[CALL_setpgid] = call_setpgid;
	h[CALL_cpid] = call_cpid;
	h[CALL_setcpid] = call_setcpid;
	h[CALL_sigaction] = call_sigaction;

	/* credentials */
	h[CALL_getuid] = call_getuid;
	h[CALL_getgid] = call_getgid;
	h[CALL_setuid] = call_setuid;
	h[CALL_setgid] = call_setgid;
	h[CALL_getgroups] = call_getgroups;
	h[CALL_setgroups] = call_setgroups;
#ifdef HAVE_GETRESUID
	h[CALL_getresuid] = call_getresuid;
	h[CALL_getresgid] = call_getresgid;
#endif
#ifdef HAVE_SETRESUID
	h[CALL_setresuid] = call_setresuid;
	h[CALL_setresgid] = call_setresgid;
#endif

	/* files and descriptors */
	h[CALL_chdir] = call_chdir;
	h[CALL_chroot] = call_chroot;
	h[CALL_getcwd] = call_getcwd;
	h[CALL_mkdir] = call_mkdir;
	h[CALL_rmdir] = call_rmdir;
	h[CALL_unlink] = call_unlink;
	h[CALL_symlink] = call_symlink;
	h[CALL_link] = call_link;
	h[CALL_chmod] = call_chmod;
	h[CALL_chown] = call_chown;
	h[CALL_mkfifo] = call_mkfifo;
	h[CALL_readdir] = call_readdir;
	h[CALL_open] = call_open;
	h[CALL_close] = call_close;
	h[CALL_read] = call_read;
	h[CALL_write] = call_write;
	h[CALL_lseek] = call_lseek;
	h[CALL_fcntl] = call_fcntl;
	h[CALL_ioctl] = call_ioctl;
	h[CALL_alloc] = call_alloc;
	h[CALL_socket] = call_socket;
	h[CALL_connect] = call_connect;
	h[CALL_select] = call_select;

	/* file systems */
	if (os_ops.mount != NULL)
		h[CALL_mount] = call_mount;
	if (os_ops.umount != NULL)
		h[CALL_umount] = call_umount;
	if (os_ops.umount2 != NULL)
		h[CALL_umount2] = call_umount2;

	/* environment, limits, host */
	h[CALL_environ] = call_environ;
	h[CALL_getenv] = call_getenv;
	h[CALL_setenv] = call_setenv;
	h[CALL_unsetenv] = call_unsetenv;
	h[CALL_clearenv] = call_clearenv;
	h[CALL_getrlimit] = call_getrlimit;
	h[CALL_setrlimit] = call_setrlimit;
	h[CALL_getpriority] = call_getpriority;
	h[CALL_setpriority] = call_setpriority;
	h[CALL_gethostname] = call_gethostname;
#ifdef HAVE_SETHOSTNAME
	h[CALL_sethostname] = call_sethostname;
#endif
	if (os_ops.setproctitle != NULL)
		h[CALL_setproctitle] = call_setproctitle;

	/* isolation: namespaces, process control, filters */
	if (os_ops.clone != NULL)
		h[CALL_clone] = call_clone;
	if (os_ops.unshare != NULL)
		h[CALL_unshare] = call_unshare;
	if (os_ops.setns != NULL)
		h[CALL_setns] = call_setns;
	if (os_ops.pivot_root != NULL)
		h[CALL_pivot_root] = call_pivot_root;
	if (os_ops.prctl != NULL)
		h[CALL_prctl] = call_prctl;
	if (os_ops.seccomp != NULL)
		h[CALL_seccomp] = call_seccomp;
	if (os_ops.ptrace != NULL)
		h[CALL_ptrace] = call_ptrace;

	/* isolation: jails, capabilities, procctl */
	if (os_ops.jail != NULL)
		h[CALL_jail] = call_jail;
	if (os_ops.jail_attach != NULL)
		h[CALL_jail_attach] = call_jail_attach;
	if (os_ops.jail_remove != NULL)
		h[CALL_jail_remove] = call_jail_remove;
	if (os_ops.cap_enter != NULL)
		h[CALL_cap_enter] = call_cap_enter;
	if (os_ops.cap_getmode != NULL)
		h[CALL_cap_getmode] = call_cap_getmode;
	if (os_ops.cap_rights_limit != NULL)
		h[CALL_cap_rights_limit] = call_cap_rights_limit;
	if (os_ops.cap_fcntls_limit != NULL)
		h[CALL_cap_fcntls_limit] = call_cap_fcntls_limit;
	if (os_ops.cap_fcntls_get != NULL)
		h[CALL_cap_fcntls_get] = call_cap_fcntls_get;
	if (os_ops.cap_ioctls_limit != NULL)
		h[CALL_cap_ioctls_limit] = call_cap_ioctls_limit;
	if (os_ops.procctl != NULL)
		h[CALL_procctl] = call_procctl;

	/* isolation: promises and visible paths */
	if (os_ops.pledge != NULL)
		h[CALL_pledge] = call_pledge;
	if (os_ops.unveil != NULL)
		h[CALL_unveil] = call_unveil;

	/* the port itself */
	h[CALL_getopt] = call_getopt;
	h[CALL_setopt] = call_setopt;
	h[CALL_filter] = call_filter;
	h[CALL_version] = call_version;
	h[CALL_iolist_to_bin] = call_iolist_to_bin;
	h[CALL_errno_id] = call_errno_id;
	h[CALL_cap_constant] = call_cap_constant;
	h[CALL_clone_constant] = call_clone_constant;
	h[CALL_fcntl_constant] = call_fcntl_constant;
	h[CALL_file_constant] = call_file_constant;
	h[CALL_ioctl_constant] = call_ioctl_constant;
	h[CALL_mount_constant] = call_mount_constant;
	h[CALL_prctl_constant] = call_prctl_constant;
	h[CALL_ptrace_constant] = call_ptrace_constant;
	h[CALL_rlimit_constant] = call_rlimit_constant;
	h[CALL_seccomp_constant] = call_seccomp_constant;
	h[CALL_signal_constant] = call_signal_constant;
	h[CALL_syscall_constant] = call_syscall_constant;
}
