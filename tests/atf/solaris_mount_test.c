/*
 * Unit tests of the Solaris and illumos mount option string logic
 * (src/os/solaris/optionstr.c, alcove-protocol(5), File systems), run on any
 * system against a simulated mount(2) that behaves as the illumos kernel does.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <atf-c.h>

#include "../../src/os/solaris/optionstr.c"
#include "testlib.h"

/* The values in illumos <sys/mount.h>. */
#define SIM_MS_DATA		0x0004
#define SIM_MS_OPTIONSTR	0x0100
#define SIM_MAX_MNTOPT_STR	1024

/* The handler's buffer for the reply (src/calls/mount.c). */
#define OPTOUT_SIZE		(65535 + 1)

/* What the simulated kernel does with the option string it is given. */
enum sim_mode {
	SIM_APPEND,	/* mount, write back the string plus sim.append */
	SIM_FILL,	/* mount, fill the whole buffer with 'x', no NUL */
	SIM_FAIL,	/* fail with sim.fail_errno, mount nothing */
	SIM_SUCCEED	/* mount and succeed, looking at no options */
};

/*
 * The simulated kernel: its behaviour for the next call, and what it
 * received.
 */
static struct {
	enum sim_mode	 mode;
	const char	*append;	/* options the kernel adds */
	int		 fail_errno;
	/*
	 * When the options do not fit: illumos leaves the caller's buffer
	 * as it was; the Solaris manual lets the kernel write back what fits.
	 */
	int		 overflow_writes;

	int		 calls;
	int		 mounted;
	const char	*spec, *dir, *fstype;
	const void	*dataptr;
	int		 mflag, datalen, optlen;
	char		*optptr;
	unsigned char	 got[8192];	/* optptr's optlen bytes, as passed */
} sim;

static void
sim_reset(enum sim_mode mode, const char *append)
{
	memset(&sim, 0, sizeof(sim));
	sim.mode = mode;
	sim.append = append;
}

/*
 * mount(2) as illumos domount() does it for MS_OPTIONSTR: reject an optlen
 * above MAX_MNTOPT_STR, read a string that must end within optlen bytes,
 * mount, then write back the options in effect, or fail with EOVERFLOW,
 * still mounted, when they and their NUL do not fit in optlen bytes (with
 * nothing in effect and optlen 0, the string fits but copying it out fails
 * with ENAMETOOLONG).
 */
static int
sim_mount(const char *spec, const char *dir, int mflag, const char *fstype,
    const void *dataptr, int datalen, char *optptr, int optlen)
{
	char in[SIM_MAX_MNTOPT_STR], out[4 * SIM_MAX_MNTOPT_STR];
	size_t n;

	sim.calls++;
	sim.spec = spec;
	sim.dir = dir;
	sim.mflag = mflag;
	sim.fstype = fstype;
	sim.dataptr = dataptr;
	sim.datalen = datalen;
	sim.optptr = optptr;
	sim.optlen = optlen;
	if (optptr != NULL && optlen > 0 && (size_t)optlen <= sizeof(sim.got))
		memcpy(sim.got, optptr, (size_t)optlen);

	if (sim.mode == SIM_FAIL) {
		errno = sim.fail_errno;
		return -1;
	}
	if ((mflag & SIM_MS_OPTIONSTR) == 0 || sim.mode == SIM_SUCCEED) {
		sim.mounted = 1;
		return 0;
	}
	if (optlen < 0 || optlen > SIM_MAX_MNTOPT_STR) {
		errno = EINVAL;
		return -1;
	}
	in[0] = '\0';
	if (optlen > 0) {
		n = strnlen(optptr, (size_t)optlen);
		if (n == (size_t)optlen) {
			errno = ENAMETOOLONG;	/* copyinstr(9F) */
			return -1;
		}
		memcpy(in, optptr, n + 1);
	}
	sim.mounted = 1;
	if (sim.mode == SIM_FILL) {
		memset(optptr, 'x', (size_t)optlen);
		return 0;
	}
	(void)snprintf(out, sizeof(out), "%s%s%s", in,
	    in[0] != '\0' && sim.append[0] != '\0' ? "," : "", sim.append);
	if (out[0] == '\0' && optlen == 0) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if (strlen(out) + 1 > (size_t)optlen) {
		if (sim.overflow_writes && optlen > 0) {
			memcpy(optptr, out, (size_t)optlen - 1);
			optptr[optlen - 1] = '\0';
		}
		errno = EOVERFLOW;
		return -1;
	}
	memcpy(optptr, out, strlen(out) + 1);
	return 0;
}

static char optout[OPTOUT_SIZE];

/* The decoded arguments, as src/calls/mount.c hands them over. */
static struct os_mount
mount_args(unsigned long flags, const void *options, size_t optlen)
{
	struct os_mount m;

	memset(&m, 0, sizeof(m));
	m.source = "/dev/lofi/1";
	m.target = "/mnt";
	m.fstype = "ufs";
	m.flags = flags;
	m.data = NULL;
	m.datalen = 0;
	m.options = optlen > 0 ? options : NULL;
	m.optlen = optlen;
	memset(optout, 0xa5, sizeof(optout));
	m.optout = optout;
	m.optout_size = sizeof(optout);
	return m;
}

static int
run(struct os_mount *m)
{
	return optionstr_mount(m, SIM_MS_OPTIONSTR, SIM_MAX_MNTOPT_STR,
	    sim_mount);
}

/* The reply is {ok, Want}: what the handler encodes from m. */
static void
require_ok_options(int rv, const struct os_mount *m, const char *want,
    size_t wantlen)
{
	size_t n;

	ATF_REQUIRE_EQ_MSG(rv, 0, "rv %d errno %d", rv, errno);
	ATF_REQUIRE_EQ(m->has_optout, 1);
	n = strnlen(m->optout, m->optout_size);
	ATF_REQUIRE_EQ_MSG(n, wantlen, "%zu bytes back, want %zu", n,
	    wantlen);
	ATF_REQUIRE(memcmp(m->optout, want, wantlen) == 0);
}

/*
 * The kernel got exactly MAX_MNTOPT_STR bytes: the string, then NULs, in
 * the reply buffer itself.
 */
static void
require_kernel_got(const struct os_mount *m, const char *s, size_t len)
{
	size_t i;

	ATF_REQUIRE_EQ(sim.calls, 1);
	ATF_REQUIRE_EQ(sim.optlen, SIM_MAX_MNTOPT_STR);
	ATF_REQUIRE(sim.optptr == m->optout);
	ATF_REQUIRE(memcmp(sim.got, s, len) == 0);
	for (i = len; i < SIM_MAX_MNTOPT_STR; i++)
		ATF_REQUIRE_EQ_MSG(sim.got[i], 0, "byte %zu is %#x", i,
		    sim.got[i]);
	ATF_REQUIRE(sim.spec == m->source);
	ATF_REQUIRE(sim.dir == m->target);
	ATF_REQUIRE(sim.fstype == m->fstype);
	ATF_REQUIRE_EQ((unsigned long)sim.mflag, m->flags);
}

T_TC(simulator, "the simulated mount(2) reproduces the kernel: optlen "
    "above MAX_MNTOPT_STR is EINVAL unmounted, a buffer too small is "
    "EOVERFLOW mounted")
ATF_TC_BODY(simulator, tc)
{
	char big[SIM_MAX_MNTOPT_STR + 1] = "ro", small[6] = "ro";

	sim_reset(SIM_APPEND, "nosuid");
	errno = 0;
	ATF_REQUIRE_EQ(sim_mount("/dev/lofi/1", "/mnt", SIM_MS_OPTIONSTR,
	    "ufs", NULL, 0, big, (int)sizeof(big)), -1);
	ATF_REQUIRE_EQ(errno, EINVAL);
	ATF_REQUIRE_EQ(sim.mounted, 0);

	/* illumos: the buffer is left as it was. */
	sim_reset(SIM_APPEND, "nosuid");
	errno = 0;
	ATF_REQUIRE_EQ(sim_mount("/dev/lofi/1", "/mnt", SIM_MS_OPTIONSTR,
	    "ufs", NULL, 0, small, (int)sizeof(small)), -1);
	ATF_REQUIRE_EQ(errno, EOVERFLOW);
	ATF_REQUIRE_EQ(sim.mounted, 1);
	ATF_REQUIRE(memcmp(small, "ro\0\0\0", 6) == 0);

	/* Solaris, as its manual tells it: what fits is written back. */
	sim_reset(SIM_APPEND, "nosuid");
	sim.overflow_writes = 1;
	errno = 0;
	ATF_REQUIRE_EQ(sim_mount("/dev/lofi/1", "/mnt", SIM_MS_OPTIONSTR,
	    "ufs", NULL, 0, small, (int)sizeof(small)), -1);
	ATF_REQUIRE_EQ(errno, EOVERFLOW);
	ATF_REQUIRE_EQ(sim.mounted, 1);
	ATF_REQUIRE(memcmp(small, "ro,no", 6) == 0);

	sim_reset(SIM_APPEND, "nosuid");
	ATF_REQUIRE_EQ(sim_mount("/dev/lofi/1", "/mnt", SIM_MS_OPTIONSTR,
	    "ufs", NULL, 0, big, (int)sizeof(big) - 1), 0);
	ATF_REQUIRE_STREQ(big, "ro,nosuid");
}

T_TC(rewritten, "ms_optionstr: the kernel gets the string in exactly "
    "MAX_MNTOPT_STR bytes and the reply is {ok, Options} as rewritten")
ATF_TC_BODY(rewritten, tc)
{
	static const char data[] = "data";
	struct os_mount m;

	sim_reset(SIM_APPEND, "nosuid,xattr");
	m = mount_args(SIM_MS_OPTIONSTR | SIM_MS_DATA, "ro", 3);
	m.data = data;
	m.datalen = sizeof(data);
	require_ok_options(run(&m), &m, "ro,nosuid,xattr", 15);
	require_kernel_got(&m, "ro", 2);
	ATF_REQUIRE_EQ(sim.mflag, SIM_MS_OPTIONSTR | SIM_MS_DATA);
	ATF_REQUIRE(sim.dataptr == data);
	ATF_REQUIRE_EQ(sim.datalen, (int)sizeof(data));
	ATF_REQUIRE_EQ(sim.mounted, 1);
}

T_TC(large_buffer, "ms_optionstr: a caller's buffer larger than "
    "MAX_MNTOPT_STR goes as MAX_MNTOPT_STR bytes, so no EINVAL")
ATF_TC_BODY(large_buffer, tc)
{
	static char opts[4000];
	struct os_mount m;

	memcpy(opts, "rw,largefiles", 13);
	sim_reset(SIM_APPEND, "intr");
	m = mount_args(SIM_MS_OPTIONSTR, opts, sizeof(opts));
	require_ok_options(run(&m), &m, "rw,largefiles,intr", 18);
	require_kernel_got(&m, "rw,largefiles", 13);
}

T_TC(small_buffer, "ms_optionstr: a caller's buffer too small for the "
    "options written back, without a NUL, still gets them whole")
ATF_TC_BODY(small_buffer, tc)
{
	struct os_mount m;

	sim_reset(SIM_APPEND, "nosuid,nodevices,xattr");
	m = mount_args(SIM_MS_OPTIONSTR, "ro", 2);	/* no NUL */
	require_ok_options(run(&m), &m, "ro,nosuid,nodevices,xattr", 25);
	require_kernel_got(&m, "ro", 2);
}

T_TC(nul_first, "ms_optionstr: the option string ends at its first NUL; "
    "an empty string asks only for the options back")
ATF_TC_BODY(nul_first, tc)
{
	static const char opts[] = "ro\0junk";
	static const char empty[8];
	struct os_mount m;

	sim_reset(SIM_APPEND, "");
	m = mount_args(SIM_MS_OPTIONSTR, opts, sizeof(opts));
	require_ok_options(run(&m), &m, "ro", 2);
	require_kernel_got(&m, "ro", 2);

	sim_reset(SIM_APPEND, "rw,intr");
	m = mount_args(SIM_MS_OPTIONSTR, empty, sizeof(empty));
	require_ok_options(run(&m), &m, "rw,intr", 7);
	require_kernel_got(&m, "", 0);
}

T_TC(overflow, "ms_optionstr: EOVERFLOW (mounted, options too long to "
    "return) replies {ok, Truncated} with what the kernel left")
ATF_TC_BODY(overflow, tc)
{
	static char longopts[1100];
	char want[SIM_MAX_MNTOPT_STR - 1];
	struct os_mount m;

	memset(longopts, 'o', sizeof(longopts) - 1);

	/* Solaris: what fits, 1023 bytes and a NUL. */
	want[0] = 'r';
	want[1] = 'o';
	want[2] = ',';
	memset(want + 3, 'o', sizeof(want) - 3);
	sim_reset(SIM_APPEND, longopts);
	sim.overflow_writes = 1;
	m = mount_args(SIM_MS_OPTIONSTR, "ro", 3);
	require_ok_options(run(&m), &m, want, sizeof(want));
	require_kernel_got(&m, "ro", 2);
	ATF_REQUIRE_EQ(sim.mounted, 1);

	/* illumos: the buffer as the port filled it, the caller's string. */
	sim_reset(SIM_APPEND, longopts);
	m = mount_args(SIM_MS_OPTIONSTR, "ro,nosuid", 10);
	require_ok_options(run(&m), &m, "ro,nosuid", 9);
	require_kernel_got(&m, "ro,nosuid", 9);
	ATF_REQUIRE_EQ(sim.mounted, 1);
}

T_TC(no_nul_back, "ms_optionstr: a kernel that fills the whole buffer "
    "without a NUL gives all MAX_MNTOPT_STR bytes back")
ATF_TC_BODY(no_nul_back, tc)
{
	static char want[SIM_MAX_MNTOPT_STR];
	struct os_mount m;

	memset(want, 'x', sizeof(want));
	sim_reset(SIM_FILL, NULL);
	m = mount_args(SIM_MS_OPTIONSTR, "ro", 3);
	require_ok_options(run(&m), &m, want, sizeof(want));
	ATF_REQUIRE_EQ(m.optout[SIM_MAX_MNTOPT_STR], '\0');
	ATF_REQUIRE_EQ(sim.optlen, SIM_MAX_MNTOPT_STR);
}

T_TC(too_long, "ms_optionstr: a string that does not fit in "
    "MAX_MNTOPT_STR - 1 bytes is EINVAL without calling mount; one that "
    "just fits goes")
ATF_TC_BODY(too_long, tc)
{
	static char opts[SIM_MAX_MNTOPT_STR + 2];
	struct os_mount m;

	memset(opts, 'a', sizeof(opts));

	/* MAX_MNTOPT_STR bytes, no NUL. */
	sim_reset(SIM_APPEND, "");
	m = mount_args(SIM_MS_OPTIONSTR, opts, SIM_MAX_MNTOPT_STR);
	errno = 0;
	ATF_REQUIRE_EQ(run(&m), -1);
	ATF_REQUIRE_EQ(errno, EINVAL);
	ATF_REQUIRE_EQ(sim.calls, 0);
	ATF_REQUIRE_EQ(m.has_optout, 0);

	/* MAX_MNTOPT_STR bytes and a NUL. */
	opts[SIM_MAX_MNTOPT_STR] = '\0';
	sim_reset(SIM_APPEND, "");
	m = mount_args(SIM_MS_OPTIONSTR, opts, SIM_MAX_MNTOPT_STR + 1);
	errno = 0;
	ATF_REQUIRE_EQ(run(&m), -1);
	ATF_REQUIRE_EQ(errno, EINVAL);
	ATF_REQUIRE_EQ(sim.calls, 0);

	/* MAX_MNTOPT_STR - 1 bytes and a NUL: the longest that goes. */
	opts[SIM_MAX_MNTOPT_STR - 1] = '\0';
	sim_reset(SIM_APPEND, "");
	m = mount_args(SIM_MS_OPTIONSTR, opts, SIM_MAX_MNTOPT_STR + 2);
	require_ok_options(run(&m), &m, opts, SIM_MAX_MNTOPT_STR - 1);
	require_kernel_got(&m, opts, SIM_MAX_MNTOPT_STR - 1);

	/* The same without the NUL. */
	sim_reset(SIM_APPEND, "");
	m = mount_args(SIM_MS_OPTIONSTR, opts, SIM_MAX_MNTOPT_STR - 1);
	require_ok_options(run(&m), &m, opts, SIM_MAX_MNTOPT_STR - 1);
	require_kernel_got(&m, opts, SIM_MAX_MNTOPT_STR - 1);
}

T_TC(failure, "ms_optionstr: any other failure is {error, Posix} with "
    "the kernel's errno")
ATF_TC_BODY(failure, tc)
{
	static const int errs[] = { EBUSY, EPERM, ENOENT, EINVAL };
	struct os_mount m;
	size_t i;

	for (i = 0; i < sizeof(errs) / sizeof(errs[0]); i++) {
		sim_reset(SIM_FAIL, NULL);
		sim.fail_errno = errs[i];
		m = mount_args(SIM_MS_OPTIONSTR, "ro", 3);
		errno = 0;
		ATF_REQUIRE_EQ(run(&m), -1);
		ATF_REQUIRE_EQ(errno, errs[i]);
		ATF_REQUIRE_EQ(m.has_optout, 0);
		require_kernel_got(&m, "ro", 2);
	}
}

T_TC(without_optionstr, "without ms_optionstr the options go as the "
    "caller gave them and success replies ok")
ATF_TC_BODY(without_optionstr, tc)
{
	static const char opts[] = "ro,nosuid";
	static const char data[] = "d";
	struct os_mount m;

	sim_reset(SIM_APPEND, "xattr");
	m = mount_args(SIM_MS_DATA, opts, sizeof(opts));
	m.data = data;
	m.datalen = 1;
	ATF_REQUIRE_EQ(run(&m), 0);
	ATF_REQUIRE_EQ(m.has_optout, 0);
	ATF_REQUIRE_EQ(sim.calls, 1);
	ATF_REQUIRE(sim.optptr == opts);
	ATF_REQUIRE_EQ(sim.optlen, (int)sizeof(opts));
	ATF_REQUIRE(memcmp(sim.got, opts, sizeof(opts)) == 0);
	ATF_REQUIRE_EQ(sim.mflag, SIM_MS_DATA);
	ATF_REQUIRE(sim.dataptr == data);
	ATF_REQUIRE_EQ(sim.datalen, 1);
	ATF_REQUIRE(sim.spec == m.source && sim.dir == m.target &&
	    sim.fstype == m.fstype);
	/* A caller's buffer of any size goes as it is: nothing comes back. */
	ATF_REQUIRE_EQ((unsigned char)optout[0], 0xa5);

	/* Failure: {error, Posix}. */
	sim_reset(SIM_FAIL, NULL);
	sim.fail_errno = EBUSY;
	m = mount_args(0, opts, sizeof(opts));
	errno = 0;
	ATF_REQUIRE_EQ(run(&m), -1);
	ATF_REQUIRE_EQ(errno, EBUSY);
	ATF_REQUIRE_EQ(m.has_optout, 0);
	ATF_REQUIRE(sim.optptr == opts);
}

/* The reply is ok: success, and no options for the handler to send. */
static void
require_ok(int rv, const struct os_mount *m)
{
	ATF_REQUIRE_EQ_MSG(rv, 0, "rv %d errno %d", rv, errno);
	ATF_REQUIRE_EQ(m->has_optout, 0);
}

T_TC(empty_options, "ms_optionstr with empty Options: the kernel still gets "
    "the full buffer, holding an empty string, and the reply is ok; the "
    "mount is never reported failed after it happened")
ATF_TC_BODY(empty_options, tc)
{
	static char longopts[1100];
	struct os_mount m;

	/* The kernel writes options back, but the caller asked for none. */
	sim_reset(SIM_APPEND, "rw");
	m = mount_args(SIM_MS_OPTIONSTR, NULL, 0);
	require_ok(run(&m), &m);
	require_kernel_got(&m, "", 0);
	ATF_REQUIRE_EQ(sim.mounted, 1);

	/* Nothing in effect: ok. */
	sim_reset(SIM_APPEND, "");
	m = mount_args(SIM_MS_OPTIONSTR, NULL, 0);
	require_ok(run(&m), &m);
	require_kernel_got(&m, "", 0);
	ATF_REQUIRE_EQ(sim.mounted, 1);

	/* EOVERFLOW: mounted, so ok, not an error. */
	memset(longopts, 'o', sizeof(longopts) - 1);
	sim_reset(SIM_APPEND, longopts);
	m = mount_args(SIM_MS_OPTIONSTR, NULL, 0);
	require_ok(run(&m), &m);
	require_kernel_got(&m, "", 0);
	ATF_REQUIRE_EQ(sim.mounted, 1);

	/*
	 * A zero byte alone is Options of one byte, an empty string to the
	 * kernel: the options it writes back are the reply.
	 */
	sim_reset(SIM_APPEND, "rw");
	m = mount_args(SIM_MS_OPTIONSTR, "", 1);
	require_ok_options(run(&m), &m, "rw", 2);
	require_kernel_got(&m, "", 0);
}

T_TC(out_of_range, "flags that do not fit mount(2)'s int, or a reply "
    "buffer smaller than MAX_MNTOPT_STR + 1, fail without calling mount")
ATF_TC_BODY(out_of_range, tc)
{
	struct os_mount m;

	sim_reset(SIM_APPEND, "");
	m = mount_args((unsigned long)INT_MAX + 1, "ro", 3);
	errno = 0;
	ATF_REQUIRE_EQ(run(&m), -1);
	ATF_REQUIRE_EQ(errno, EINVAL);
	ATF_REQUIRE_EQ(sim.calls, 0);

	m = mount_args(SIM_MS_OPTIONSTR, "ro", 3);
	m.optout_size = SIM_MAX_MNTOPT_STR;
	errno = 0;
	ATF_REQUIRE_EQ(run(&m), -1);
	ATF_REQUIRE_EQ(errno, ENOBUFS);
	ATF_REQUIRE_EQ(sim.calls, 0);
	ATF_REQUIRE_EQ(m.has_optout, 0);

	/* Exactly MAX_MNTOPT_STR + 1 is enough. */
	m = mount_args(SIM_MS_OPTIONSTR, "ro", 3);
	m.optout_size = SIM_MAX_MNTOPT_STR + 1;
	require_ok_options(run(&m), &m, "ro", 2);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, simulator);
	ATF_TP_ADD_TC(tp, rewritten);
	ATF_TP_ADD_TC(tp, large_buffer);
	ATF_TP_ADD_TC(tp, small_buffer);
	ATF_TP_ADD_TC(tp, nul_first);
	ATF_TP_ADD_TC(tp, overflow);
	ATF_TP_ADD_TC(tp, no_nul_back);
	ATF_TP_ADD_TC(tp, too_long);
	ATF_TP_ADD_TC(tp, failure);
	ATF_TP_ADD_TC(tp, without_optionstr);
	ATF_TP_ADD_TC(tp, empty_options);
	ATF_TP_ADD_TC(tp, out_of_range);
	return atf_no_error();
}
