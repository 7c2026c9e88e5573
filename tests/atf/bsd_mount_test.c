/*
 * Unit tests of the mount flag conversion the OpenBSD and NetBSD backends
 * share (src/os/bsd/mount_flags.c): the protocol's unsigned long reaches
 * mount(2) and unmount(2) as the same 32 bits in an int, and a value with a
 * higher bit set is refused with EINVAL, never truncated.  The file is free
 * of system headers, so it is built here as it is.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <errno.h>
#include <limits.h>

#include <atf-c.h>

#include "../../src/os/bsd/mount_flags.c"

#include "testlib.h"

/* flags become want, and errno is left alone. */
static void
converts(unsigned long flags, int want)
{
	int got;

	got = 12345;
	errno = 0;
	ATF_CHECK_EQ_MSG(bsd_mount_flags(flags, &got), 0, "%#lx refused",
	    flags);
	ATF_CHECK_EQ_MSG(got, want, "%#lx gave %d, want %d", flags, got,
	    want);
	ATF_CHECK_EQ_MSG(errno, 0, "%#lx: errno %d", flags, errno);
}

/* flags are refused with EINVAL, and nothing is written. */
static void
refuses(unsigned long flags)
{
	int got;

	got = 12345;
	errno = 0;
	ATF_CHECK_EQ_MSG(bsd_mount_flags(flags, &got), -1, "%#lx accepted",
	    flags);
	ATF_CHECK_EQ_MSG(errno, EINVAL, "%#lx errno %d", flags, errno);
	ATF_CHECK_EQ_MSG(got, 12345, "%#lx wrote %d", flags, got);
}

T_TC(low_bits_unchanged, "flags up to INT_MAX reach the kernel as the same "
    "int value");
ATF_TC_BODY(low_bits_unchanged, tc)
{
	converts(0, 0);
	converts(0x1, 0x1);
	converts(0x00080000, 0x00080000);	/* MNT_FORCE on both */
	converts(0x40000000, 0x40000000);	/* NetBSD MNT_NODEVMTIME */
	converts((unsigned long)INT_MAX, INT_MAX);
}

T_TC(top_bit_is_sign_bit, "bit 31 (NetBSD MNT_SOFTDEP) is a flag, not an "
    "overflow: it becomes the int's sign bit");
ATF_TC_BODY(top_bit_is_sign_bit, tc)
{
	converts(0x80000000UL, INT_MIN);
	converts(0x80000001UL, INT_MIN + 1);
	converts(0xc0080000UL, INT_MIN + 0x40080000);
	converts((unsigned long)UINT_MAX, -1);
}

T_TC(high_bits_refused, "a flag above the int's 32 bits gives EINVAL "
    "instead of being dropped");
ATF_TC_BODY(high_bits_refused, tc)
{
#if ULONG_MAX > UINT_MAX
	refuses((unsigned long)UINT_MAX + 1);
	refuses(((unsigned long)1 << 32) | 0x1);
	refuses((unsigned long)1 << 63);
	refuses(ULONG_MAX);
#else
	atf_tc_skip("unsigned long is no wider than int here");
#endif
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, low_bits_unchanged);
	ATF_TP_ADD_TC(tp, top_bit_is_sign_bit);
	ATF_TP_ADD_TC(tp, high_bits_refused);
	return atf_no_error();
}
