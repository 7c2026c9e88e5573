/*
 * Which calls answer {error, unsupported} (PROTOCOL.md section 16.1), per
 * backend: the list must be exactly the one alcove(8) documents, and no
 * call outside it may answer so.
 */
#include <stdio.h>
#include <string.h>

#include "calls.h"
#include "testlib.h"

/*
 * The calls of the second issue's scope that this port does not have yet
 * are unsupported everywhere for now; the backends add them (alcove(8),
 * UNSUPPORTED CALLS).
 */
#define NOT_YET \
	"alloc cap_enter cap_fcntls_get cap_fcntls_limit cap_getmode " \
	"cap_ioctls_limit cap_rights_limit clone connect fcntl fexecve ioctl " \
	"jail jail_attach jail_remove mount pivot_root pledge prctl procctl " \
	"ptrace seccomp select sethostname setns socket umount umount2 " \
	"unshare unveil"

static const struct {
	const char	*backend;
	const char	*calls;
} expected[] = {
	{ "linux", NOT_YET },
	/* POSIX has neither getres*id nor a way to set the process title. */
	{ "generic", NOT_YET " getresgid getresuid setproctitle setresgid "
	    "setresuid" },
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
