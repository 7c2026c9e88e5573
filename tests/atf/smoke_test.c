/*
 * A first check that the port starts, answers and stops.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <unistd.h>

#include "testlib.h"

ATF_TC(start_stop);
ATF_TC_HEAD(start_stop, tc)
{
	atf_tc_set_md_var(tc, "descr", "the port starts, answers getpid with "
	    "its pid and exits 0 when its stdin closes");
}
ATF_TC_BODY(start_stop, tc)
{
	struct alcove *h = t_start(tc);
	pid_t pid;

	T_OK(alcove_getpid(h, NULL, 0, &pid));
	ATF_CHECK_EQ(pid, alcove_port_pid(h));
	t_stop(h);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, start_stop);
	return atf_no_error();
}
