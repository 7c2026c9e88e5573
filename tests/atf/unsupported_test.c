/*
 * Which calls answer {error, unsupported} (PROTOCOL.md section 16.1), per
 * backend: the list must be exactly the one alcove(8) documents, and no
 * call outside it may answer so.
 */
#include <stdio.h>
#include <string.h>

#include "calls.h"
#include "testlib.h"

/* The calls of FreeBSD's jails and Capsicum and of OpenBSD's pledge. */
#define BSD_ONLY \
	"cap_enter cap_fcntls_get cap_fcntls_limit cap_getmode " \
	"cap_ioctls_limit cap_rights_limit jail jail_attach jail_remove " \
	"pledge procctl unveil"

static const struct {
	const char	*backend;
	const char	*calls;
} expected[] = {
	/* PROTOCOL.md section 16.1: exactly these 12 on Linux. */
	{ "linux", BSD_ONLY },
	/*
	 * POSIX has no getres*id, process title, mount or Linux isolation
	 * (fexecve and sethostname come from the C library's probes).
	 */
	{ "generic", BSD_ONLY " getresgid getresuid mount pivot_root prctl "
	    "ptrace seccomp setns setproctitle setresgid setresuid umount "
	    "umount2 unshare" },
};

static int
listed(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p = list;

	while ((p = strstr(p, name)) != NULL) {
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
		p += n;
	}
	return 0;
}

ATF_TC(unsupported_list);
ATF_TC_HEAD(unsupported_list, tc)
{
	atf_tc_set_md_var(tc, "descr", "exactly the documented calls answer "
	    "{error, unsupported} on this backend, at depth 0 and 1");
}
ATF_TC_BODY(unsupported_list, tc)
{
	const char *list = NULL, *p;
	struct alcove *h;
	pid_t child;
	size_t k, words = 0, names = 0;
	int call;

	for (k = 0; k < sizeof(expected) / sizeof(expected[0]); k++)
		if (strcmp(expected[k].backend, t_backend()) == 0)
			list = expected[k].calls;
	if (list == NULL)
		atf_tc_skip("no list for the %s backend here", t_backend());
	h = t_start(tc);
	T_OK(alcove_fork(h, NULL, 0, &child));
	for (call = 0; call < CALL_COUNT; call++) {
		const char *name = call_info((unsigned int)call)->name;
		int want = !listed(list, name);

		/* The exec and exit calls would end the process. */
		if (call == CALL_execve || call == CALL_execvp ||
		    call == CALL_exit)
			continue;
		ATF_CHECK_EQ_MSG(t_supported(h, NULL, 0, name), want,
		    "%s at depth 0", name);
		ATF_CHECK_EQ_MSG(t_supported(h, &child, 1, name), want,
		    "%s at depth 1", name);
		names += !want;
	}
	/* Every listed word is a call (a typo would pass silently above). */
	for (p = list; *p != '\0'; p++)
		if (*p != ' ' && (p == list || p[-1] == ' '))
			words++;
	ATF_CHECK_EQ_MSG(words, names, "the list has %zu words, %zu calls",
	    words, names);
	t_stop(h);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, unsupported_list);
	return atf_no_error();
}
