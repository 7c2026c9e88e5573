/*
 * Unit tests of the OpenBSD and NetBSD backends' mount flag conversion
 * (src/os/{openbsd,netbsd}/mount_flags.c): the protocol's unsigned long
 * reaches mount(2) and unmount(2) as the same 32 bits in an int, and a
 * value with a higher bit set is refused with EINVAL, never truncated.
 * Both files are free of system headers, so they are built here as they are.
 */
#include <errno.h>
#include <limits.h>

#include <atf-c.h>

#include "../../src/os/openbsd/mount_flags.c"
#include "../../src/os/netbsd/mount_flags.c"

#include "testlib.h"

static const struct {
	const char	*name;
	int		(*convert)(unsigned long, int *);
} backends[] = {
	{ "openbsd", openbsd_mount_flags },
	{ "netbsd", netbsd_mount_flags },
};

#define NBACKENDS	(sizeof(backends) / sizeof(backends[0]))

/* Each backend turns flags into want and leaves errno alone. */
static void
converts(unsigned long flags, int want)
{
	size_t i;
	int got;

	for (i = 0; i < NBACKENDS; i++) {
		got = 12345;
		errno = 0;
		ATF_CHECK_EQ_MSG(backends[i].convert(flags, &got), 0,
		    "%s: %#lx refused", backends[i].name, flags);
		ATF_CHECK_EQ_MSG(got, want, "%s: %#lx gave %d, want %d",
		    backends[i].name, flags, got, want);
		ATF_CHECK_EQ_MSG(errno, 0, "%s: errno %d", backends[i].name,
		    errno);
	}
}

/* Each backend refuses flags with EINVAL and writes nothing. */
static void
refuses(unsigned long flags)
{
	size_t i;
	int got;

	for (i = 0; i < NBACKENDS; i++) {
		got = 12345;
		errno = 0;
		ATF_CHECK_EQ_MSG(backends[i].convert(flags, &got), -1,
		    "%s: %#lx accepted", backends[i].name, flags);
		ATF_CHECK_EQ_MSG(errno, EINVAL, "%s: %#lx errno %d",
		    backends[i].name, flags, errno);
		ATF_CHECK_EQ_MSG(got, 12345, "%s: %#lx wrote %d",
		    backends[i].name, flags, got);
	}
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
