/*
 * Signals: every caught signal is written as a raw siginfo_t into the
 * self-pipe (descriptors 3 and 4) and turned into an event or a reap by the
 * loop (alcove-protocol(5), SIGNALS).
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "compat.h"
#include "proto/constant.h"
#include "port/port.h"

#ifndef NSIG
#define NSIG	(_NSIG)
#endif

/*
 * Set when a SIGCHLD record did not fit in the pipe: the loop reaps anyway,
 * or in report mode reports the last lost one (the kernel merges pending
 * SIGCHLDs the same way).
 */
static volatile sig_atomic_t sigchld_lost;
static siginfo_t sigchld_lost_info;
/*
 * Set when the pipe itself is gone (EBADF) or has no reader (EPIPE).  The
 * handler then writes no more: a write that raises SIGPIPE would run the
 * handler again, forever.
 */
static volatile sig_atomic_t sigpipe_broken;

/* Faults raised by the kernel cannot be handled by returning: die. */
static int
kernel_fault(int sig, const siginfo_t *info)
{
	if (sig != SIGSEGV && sig != SIGBUS && sig != SIGILL && sig != SIGFPE)
		return 0;
	if (info == NULL || info->si_code <= 0 || info->si_code == SI_USER)
		return 0;
#ifdef SI_QUEUE
	if (info->si_code == SI_QUEUE)
		return 0;
#endif
#ifdef SI_LWP
	if (info->si_code == SI_LWP)
		return 0;
#endif
	return 1;
}

static void
signal_handler(int sig, siginfo_t *info, void *context)
{
	int saved = errno;

	(void)context;
	if (kernel_fault(sig, info)) {
		(void)signal(sig, SIG_DFL);
		return;
	}
	if (sigpipe_broken ||
	    write(FD_SIGWRITE, info, sizeof(*info)) != (ssize_t)sizeof(*info)) {
		if (errno == EPIPE || errno == EBADF)
			sigpipe_broken = 1;
		if (sig == SIGCHLD) {
			if (info != NULL)
				sigchld_lost_info = *info;
			sigchld_lost = 1;
		}
	}
	errno = saved;
}

static int
catch_signal(int sig)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = signal_handler;
	sa.sa_flags = SA_SIGINFO;
	(void)sigfillset(&sa.sa_mask);
	return sigaction(sig, &sa, NULL);
}

/*
 * Normal boot catches every signal the system lets us catch; re-exec mode
 * catches only SIGCHLD, and the others keep what exec left them.
 */
void
signal_init(int reexec)
{
	int sig;

	if (reexec) {
		(void)catch_signal(SIGCHLD);
		return;
	}
	for (sig = 1; sig < NSIG; sig++)
		(void)catch_signal(sig);
}

int
signal_pipe(int fds[2])
{
	return pipe2(fds, O_CLOEXEC | O_NONBLOCK);
}

/*
 * A forked child gets its own self-pipe on 3 and 4 (close-on-exec, unlike
 * upstream: alcove-protocol(5), Descriptors).  Signals are blocked while
 * this runs, so no record reaches the parent's pipe.
 */
void
signal_after_fork(void)
{
	int fds[2];

	if (signal_pipe(fds) == -1)
		_exit(errno);
	if (dup2(fds[0], FD_SIGREAD) == -1 || dup2(fds[1], FD_SIGWRITE) == -1)
		_exit(errno);
	(void)close(fds[0]);
	(void)close(fds[1]);
	(void)fcntl(FD_SIGREAD, F_SETFD, FD_CLOEXEC);
	(void)fcntl(FD_SIGWRITE, F_SETFD, FD_CLOEXEC);
	sigchld_lost = 0;
	sigpipe_broken = 0;
}

void
signal_mask_all(sigset_t *old)
{
	sigset_t all;

	(void)sigfillset(&all);
	(void)sigprocmask(SIG_SETMASK, &all, old);
}

void
signal_mask_restore(const sigset_t *old)
{
	(void)sigprocmask(SIG_SETMASK, old, NULL);
}

/* For a helper process that must not run our handler: defaults, unblocked. */
void
signal_default_all(void)
{
	sigset_t none;
	int sig;

	for (sig = 1; sig < NSIG; sig++)
		(void)signal(sig, SIG_DFL);
	(void)sigemptyset(&none);
	(void)sigprocmask(SIG_SETMASK, &none, NULL);
}

/*
 * The disposition of a signal as the protocol names it.  SIGCHLD's real
 * handler never changes; its reported disposition is the reap/report mode
 * (alcove-protocol(5), SIGCHLD modes).
 */
int
signal_disposition(int sig, int *kind)
{
	struct sigaction sa;

	if (sig == SIGCHLD) {
		*kind = port.sigchld_report ? SIGDISP_INFO : SIGDISP_DFL;
		return 0;
	}
	memset(&sa, 0, sizeof(sa));
	if (sigaction(sig, NULL, &sa) == -1)
		return -1;
	if ((sa.sa_flags & SA_SIGINFO) && sa.sa_sigaction == signal_handler)
		*kind = SIGDISP_INFO;
	else if (!(sa.sa_flags & SA_SIGINFO) && sa.sa_handler == SIG_IGN)
		*kind = SIGDISP_IGN;
	else
		*kind = SIGDISP_DFL;
	return 0;
}

int
signal_set_disposition(int sig, int kind)
{
	struct sigaction sa;

	if (sig == SIGCHLD) {
		port.sigchld_report = kind == SIGDISP_INFO;
		return 0;
	}
	if (kind == SIGDISP_INFO)
		return catch_signal(sig);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = kind == SIGDISP_IGN ? SIG_IGN : SIG_DFL;
	(void)sigfillset(&sa.sa_mask);
	return sigaction(sig, &sa, NULL);
}

/* {signal, Name, SigInfo} */
static void
emit_signal_event(const siginfo_t *info)
{
	unsigned char etf[64 + sizeof(siginfo_t)];
	struct etf_enc e;

	etf_enc_init(&e, etf, sizeof(etf));
	etf_put_version(&e);
	etf_put_tuple(&e, 3);
	etf_put_atom(&e, "signal");
	etf_put_atom(&e, signal_name(info->si_signo));
	etf_put_binary(&e, info, sizeof(*info));
	emit_event(etf, e.len);
}

void
signal_read(void)
{
	siginfo_t rec[32];
	ssize_t n;
	size_t i;
	int reap = 0, polled;

	for (;;) {
		n = read(FD_SIGREAD, rec, sizeof(rec));
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		/* Records are written whole (smaller than PIPE_BUF).  Every
		 * SIGCHLD of this batch was sent before the read, so one poll
		 * of the control sockets comes before all of them. */
		polled = 0;
		for (i = 0; i < (size_t)n / sizeof(rec[0]); i++) {
			if (rec[i].si_signo != SIGCHLD) {
				emit_signal_event(&rec[i]);
			} else if (port.sigchld_report) {
				if (!polled)
					child_ctl_poll();
				polled = 1;
				emit_signal_event(&rec[i]);
			} else {
				reap = 1;
			}
		}
		if ((size_t)n < sizeof(rec))
			break;
	}
	if (n == -1 && errno != EAGAIN)
		port_oserr("signal pipe: %s", strerror(errno));
	if (reap)
		child_reap();
}

void
signal_check_lost(void)
{
	siginfo_t info;
	sigset_t old;

	if (sigpipe_broken)
		port_oserr("signal pipe: %s", strerror(EPIPE));
	if (!sigchld_lost)
		return;
	signal_mask_all(&old);
	info = sigchld_lost_info;
	sigchld_lost = 0;
	signal_mask_restore(&old);
	if (port.sigchld_report) {
		/* As signal_read() does: the control sockets first. */
		child_ctl_poll();
		emit_signal_event(&info);
	} else
		child_reap();
}
