/*
 * Which calls this port answers.  Portable calls are always present; a call
 * that needs a library function (found by a feature probe) or a backend
 * operation (os_ops) is present only where that exists.  Every call left
 * NULL here answers {error, unsupported} (PROTOCOL.md section 16.1).
 */
#include <stddef.h>

#include "call.h"
#include "handlers.h"
#include "os.h"

void
calls_register(call_handler *h[CALL_COUNT])
{
	/* processes */
	h[CALL_fork] = call_fork;
	h[CALL_execve] = call_execve;
	h[CALL_execvp] = call_execvp;
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
	if (os_ops.setproctitle != NULL)
		h[CALL_setproctitle] = call_setproctitle;

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
