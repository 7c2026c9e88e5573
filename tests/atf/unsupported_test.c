/*
 * Which calls answer {error, unsupported} (alcove-protocol(5), CALLS): a
 * running port must answer exactly as the table of calls per system says
 * (mk/support.sh makes it from the code; alcove(8) carries it, and
 * manual_test checks that the two agree).  The table and the port's
 * answers both come from src/calls/registry.c, so for Linux the list is
 * also checked against alcove-protocol(5) itself.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proto/calls.h"
#include "testlib.h"

#define SUPPORTED	1
#define UNSUPPORTED	0
#define DEPENDS		(-1)	/* "libc": the C library decides */

/* The table's answer for each call, in this backend's column. */
static void
read_table(const atf_tc_t *tc, int want[CALL_COUNT])
{
	const char *srcdir = atf_tc_get_config_var(tc, "srcdir");
	char cmd[4096], line[1024], *f[16], *p, *save;
	int col = -1, call, n, seen = 0;
	FILE *fp;

	for (call = 0; call < CALL_COUNT; call++)
		want[call] = -2;
	(void)snprintf(cmd, sizeof(cmd), "sh '%s/../../mk/support.sh'",
	    srcdir);
	ATF_REQUIRE((fp = popen(cmd, "r")) != NULL);
	while (fgets(line, sizeof(line), fp) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, ".It ", 4) != 0)
			continue;
		/* ".It Li name Ta yes Ta ..." or the header ".It Sy call Ta" */
		n = 0;
		for (p = strtok_r(line + 4, " ", &save); p != NULL && n < 16;
		    p = strtok_r(NULL, " ", &save))
			if (strcmp(p, "Ta") != 0 && strcmp(p, "Sy") != 0 &&
			    strcmp(p, "Li") != 0)
				f[n++] = p;
		if (col == -1) {
			for (col = 1; col < n; col++)
				if (strcmp(f[col], t_backend()) == 0)
					break;
			if (col == n)
				atf_tc_skip("the table has no column for the "
				    "%s backend", t_backend());
			continue;
		}
		ATF_REQUIRE_MSG(n > col, "short row for %s", f[0]);
		ATF_REQUIRE_MSG((call = alcove_call_number(f[0])) != -1,
		    "the table names %s, which is no call", f[0]);
		want[call] = strcmp(f[col], "yes") == 0 ? SUPPORTED :
		    strcmp(f[col], "libc") == 0 ? DEPENDS : UNSUPPORTED;
		seen++;
	}
	ATF_REQUIRE(pclose(fp) == 0);
	ATF_REQUIRE_EQ_MSG(seen, CALL_COUNT, "the table has %d calls", seen);
}

ATF_TC(unsupported_list);
ATF_TC_HEAD(unsupported_list, tc)
{
	atf_tc_set_md_var(tc, "descr", "every call answers {error, "
	    "unsupported} exactly where the table of calls per system says "
	    "so, at depth 0 and 1");
}
ATF_TC_BODY(unsupported_list, tc)
{
	int want[CALL_COUNT], call, checked = 0;
	struct alcove *h;
	pid_t child;

	read_table(tc, want);
	h = t_start(tc);
	T_OK(alcove_fork(h, NULL, 0, &child));
	for (call = 0; call < CALL_COUNT; call++) {
		const char *name = call_info((unsigned int)call)->name;

		/* The exec and exit calls would end the process. */
		if (call == CALL_execve || call == CALL_execvp ||
		    call == CALL_exit || want[call] == DEPENDS)
			continue;
		ATF_CHECK_EQ_MSG(t_supported(h, NULL, 0, name), want[call],
		    "%s at depth 0", name);
		ATF_CHECK_EQ_MSG(t_supported(h, &child, 1, name), want[call],
		    "%s at depth 1", name);
		checked++;
	}
	ATF_CHECK_MSG(checked > 80, "only %d calls checked", checked);
	t_stop(h);
}

/*
 * alcove-protocol(5), CALLS, names the calls a Linux port answers {error,
 * unsupported}, and fexecve only where the C library lacks it.  This list
 * is written out from there, not made from the code, so that a call
 * registered wrongly cannot agree with itself through mk/support.sh.
 */
static const char *const linux_unsupported[] = {
	"cap_enter", "cap_fcntls_get", "cap_fcntls_limit", "cap_getmode",
	"cap_ioctls_limit", "cap_rights_limit", "jail", "jail_attach",
	"jail_remove", "pledge", "procctl", "unveil",
#ifndef HAVE_FEXECVE
	"fexecve",
#endif
};

static int
in_linux_list(const char *name)
{
	size_t k;

	for (k = 0; k < sizeof(linux_unsupported) /
	    sizeof(linux_unsupported[0]); k++)
		if (strcmp(linux_unsupported[k], name) == 0)
			return 1;
	return 0;
}

ATF_TC(unsupported_linux_spec);
ATF_TC_HEAD(unsupported_linux_spec, tc)
{
	atf_tc_set_md_var(tc, "descr", "a port built with the linux backend "
	    "answers {error, unsupported} for exactly the 12 calls of "
	    "alcove-protocol(5), FreeBSD isolation and OpenBSD isolation "
	    "(and fexecve where the C library lacks it), at depth 0 and 1");
}
ATF_TC_BODY(unsupported_linux_spec, tc)
{
	int call, got, answered = 0, listed = 0;
	struct alcove *h;
	pid_t child, pid;
	size_t k;

	t_require_backend("linux");
	for (k = 0; k < sizeof(linux_unsupported) /
	    sizeof(linux_unsupported[0]); k++)
		ATF_REQUIRE_MSG(alcove_call_number(linux_unsupported[k]) != -1,
		    "%s is no call", linux_unsupported[k]);
	h = t_start(tc);
	T_OK(alcove_fork(h, NULL, 0, &child));
	for (call = 0; call < CALL_COUNT; call++) {
		const char *name = call_info((unsigned int)call)->name;
		int want = in_linux_list(name) ? UNSUPPORTED : SUPPORTED;

		/*
		 * The exec and exit calls are asked in the child only: [] is
		 * no argument they take, so the child must go on answering.
		 */
		if (call != CALL_execve && call != CALL_execvp &&
		    call != CALL_exit) {
			got = t_supported(h, NULL, 0, name);
			ATF_CHECK_EQ_MSG(got, want, "%s at depth 0: %s", name,
			    got ? "supported" : "{error, unsupported}");
		}
		got = t_supported(h, &child, 1, name);
		ATF_CHECK_EQ_MSG(got, want, "%s at depth 1: %s", name,
		    got ? "supported" : "{error, unsupported}");
		answered += got == UNSUPPORTED;
		listed += want == UNSUPPORTED;
	}
	T_OK(alcove_getpid(h, &child, 1, &pid));
	ATF_CHECK_EQ(pid, child);
	ATF_CHECK_EQ(listed, (int)(sizeof(linux_unsupported) /
	    sizeof(linux_unsupported[0])));
	ATF_CHECK_EQ_MSG(answered, listed, "%d calls answer {error, "
	    "unsupported} in the child, alcove-protocol(5) lists %d", answered,
	    listed);
	t_stop(h);
}

/*
 * Plausible, well-formed arguments for the calls that only some systems
 * have: where the table says a call is missing, these must be answered
 * {error, unsupported} exactly, never ok.
 */
static const struct {
	const char	*call;
	const char	*fmt;
} plausible[] = {
	{ "pledge", "sn" },
	{ "unveil", "ss" },
	{ "cap_enter", "" },
	{ "cap_getmode", "" },
	{ "cap_fcntls_get", "i" },
	{ "cap_fcntls_limit", "ii" },
	{ "cap_ioctls_limit", "in" },
	{ "cap_rights_limit", "in" },
	{ "jail_attach", "i" },
	{ "jail_remove", "i" },
	{ "procctl", "ilin" },
	{ "unshare", "n" },
	{ "setns", "ii" },
	{ "pivot_root", "ss" },
	{ "umount", "s" },
	{ "umount2", "si" },
	{ "sethostname", "s" },
	{ "setproctitle", "s" },
	{ "getresuid", "" },
	{ "getresgid", "" },
	{ "seccomp", "iin" },
};

static int
plausible_call(struct alcove *h, const char *name, const char *fmt,
    struct alcove_term **t)
{
	int call = alcove_call_number(name);

	if (strcmp(fmt, "sn") == 0)
		return alcove_call(h, NULL, 0, call, T_TIMEOUT, t, fmt,
		    "stdio");
	if (strcmp(fmt, "ss") == 0)
		return alcove_call(h, NULL, 0, call, T_TIMEOUT, t, fmt,
		    "/nonexistent", strcmp(name, "unveil") == 0 ? "r" :
		    "/nonexistent");
	if (strcmp(fmt, "ilin") == 0)
		return alcove_call(h, NULL, 0, call, T_TIMEOUT, t, fmt, 0,
		    (long long)0, 0);
	if (strcmp(fmt, "si") == 0)
		return alcove_call(h, NULL, 0, call, T_TIMEOUT, t, fmt,
		    "/nonexistent", 0);
	if (strcmp(fmt, "s") == 0)
		return alcove_call(h, NULL, 0, call, T_TIMEOUT, t, fmt,
		    strcmp(name, "sethostname") == 0 ? "alcove-test" :
		    "/nonexistent");
	if (strcmp(fmt, "ii") == 0 || strcmp(fmt, "in") == 0 ||
	    strcmp(fmt, "iin") == 0 || strcmp(fmt, "i") == 0)
		return alcove_call(h, NULL, 0, call, T_TIMEOUT, t, fmt, -1, -1);
	return alcove_call(h, NULL, 0, call, T_TIMEOUT, t, fmt);
}

ATF_TC(no_silent_success);
ATF_TC_HEAD(no_silent_success, tc)
{
	atf_tc_set_md_var(tc, "descr", "a system-specific call this backend "
	    "lacks, given well-formed arguments, answers {error, unsupported} "
	    "and never ok");
}
ATF_TC_BODY(no_silent_success, tc)
{
	int want[CALL_COUNT], err, n = 0;
	struct alcove_term *t;
	struct alcove *h;
	size_t k;

	read_table(tc, want);
	h = t_start(tc);
	for (k = 0; k < sizeof(plausible) / sizeof(plausible[0]); k++) {
		int call = alcove_call_number(plausible[k].call);

		if (want[call] != UNSUPPORTED)
			continue;
		t = NULL;
		err = plausible_call(h, plausible[k].call, plausible[k].fmt, &t);
		ATF_CHECK_EQ_MSG(err, ALCOVE_EUNSUPPORTED, "%s answered %s",
		    plausible[k].call, alcove_strerror(err));
		alcove_term_free(t);
		n++;
	}
	if (n == 0)
		atf_tc_skip("this backend has every system-specific call");
	t_stop(h);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, unsupported_list);
	ATF_TP_ADD_TC(tp, unsupported_linux_spec);
	ATF_TP_ADD_TC(tp, no_silent_success);
	return atf_no_error();
}
