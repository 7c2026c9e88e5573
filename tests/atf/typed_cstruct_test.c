/*
 * The typed calls that take C structures (alloc, ioctl, prctl, seccomp,
 * ptrace, jail, procctl) at depth 0 and at depth 2, the seccomp filter
 * builder, and the library's CStruct encoder and read-back decoder fed
 * crafted terms.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testlib.h"
#include "proto/etf.h"
#include "lib/cstruct.h"

#ifndef nitems
#define nitems(a)	(sizeof(a) / sizeof((a)[0]))
#endif

/* Linux's si_code of a signal the kernel sent; only Linux runs ptrace. */
#ifndef SI_KERNEL
#define SI_KERNEL	0x80
#endif

/* A byte that no reply writes: shows what a call left alone. */
#define UNTOUCHED	0xee

/* ---- the two depths ---- */

/* The port itself, and a grandchild of it. */
static void
depths(const atf_tc_t *tc, struct t_proc *root, struct t_proc *g)
{
	struct t_proc c;

	t_proc_root(root, tc);
	t_proc_fork(root, &c);
	t_proc_fork(&c, g);
}

static int
is_linux(void)
{
	return strcmp(t_backend(), "linux") == 0;
}

static pid_t
proc_pid(const struct t_proc *p)
{
	return p->n > 0 ? p->path[p->n - 1] : alcove_port_pid(p->h);
}

/* ---- alloc ---- */

static void
check_alloc(const struct t_proc *p)
{
	unsigned char raw[64], small[4], o0[3], o1[4], o2[2], o3[2];
	struct alcove_cfield f[5];
	const unsigned char zero[16] = { 0 };
	size_t got;

	memset(f, 0, sizeof(f));
	f[0] = (struct alcove_cfield){ ALCOVE_CFIELD_BYTES, "\1\2\3", 3, o0 };
	f[1] = (struct alcove_cfield){ ALCOVE_CFIELD_PTR, NULL, 4, o1 };
	f[2] = (struct alcove_cfield){ ALCOVE_CFIELD_PTR, "\5\6", 2, o2 };
	f[3] = (struct alcove_cfield){ ALCOVE_CFIELD_BYTES, NULL, 2, o3 };
	f[4] = (struct alcove_cfield){ ALCOVE_CFIELD_PTR, NULL, 0, NULL };
	memset(raw, UNTOUCHED, sizeof(raw));
	memset(o0, UNTOUCHED, sizeof(o0));
	memset(o1, UNTOUCHED, sizeof(o1));
	memset(o2, UNTOUCHED, sizeof(o2));
	memset(o3, UNTOUCHED, sizeof(o3));
	T_OK(alcove_alloc(T_AT(p), f, 5, raw, sizeof(raw), &got));

	/* 3 bytes, two pointers, 2 zero bytes, a NULL pointer. */
	ATF_REQUIRE_EQ(got, 3 + 2 * sizeof(void *) + 2 + sizeof(void *));
	ATF_CHECK(memcmp(raw, "\1\2\3", 3) == 0);
	ATF_CHECK(memcmp(raw + 3, zero, sizeof(void *)) != 0);
	ATF_CHECK(memcmp(raw + 3 + sizeof(void *), zero, sizeof(void *)) !=
	    0);
	ATF_CHECK(memcmp(raw + 3 + 2 * sizeof(void *), zero,
	    2 + sizeof(void *)) == 0);
	ATF_CHECK_EQ(raw[got], UNTOUCHED);
	/* Read back: each field's bytes, the pointers' memory. */
	ATF_CHECK(memcmp(o0, "\1\2\3", 3) == 0);
	ATF_CHECK(memcmp(o1, zero, 4) == 0);
	ATF_CHECK(memcmp(o2, "\5\6", 2) == 0);
	ATF_CHECK(memcmp(o3, zero, 2) == 0);

	/* A buffer too small for the layout gets its start. */
	memset(small, UNTOUCHED, sizeof(small));
	T_OK(alcove_alloc(T_AT(p), f, 1, small, 2, &got));
	ATF_CHECK_EQ(got, 3);
	ATF_CHECK(memcmp(small, "\1\2\356\356", 4) == 0);
	T_OK(alcove_alloc(T_AT(p), f, 1, NULL, 0, &got));
	ATF_CHECK_EQ(got, 3);

	/* {ptr, 0} alone: a NULL pointer, 8 zero bytes. */
	memset(raw, UNTOUCHED, sizeof(raw));
	T_OK(alcove_alloc(T_AT(p), &f[4], 1, raw, sizeof(raw), &got));
	ATF_CHECK_EQ(got, sizeof(void *));
	ATF_CHECK(memcmp(raw, zero, sizeof(void *)) == 0);
}

static void
check_alloc_errors(const struct t_proc *p)
{
	static struct alcove_cfield many[CFIELD_MAX + 1];
	struct alcove_cfield f;
	unsigned char raw[8];
	size_t got, i;

	f = (struct alcove_cfield){ ALCOVE_CFIELD_BYTES, "x", 1, NULL };
	T_ERR(ALCOVE_EINVAL, alcove_alloc(T_AT(p), NULL, 1, raw, 8, &got));
	T_ERR(ALCOVE_EINVAL, alcove_alloc(T_AT(p), &f, 0, raw, 8, &got));
	T_ERR(ALCOVE_EINVAL, alcove_alloc(T_AT(p), &f, 1, NULL, 8, &got));
	f.type = 7;
	T_ERR(ALCOVE_EINVAL, alcove_alloc(T_AT(p), &f, 1, raw, 8, &got));
	f = (struct alcove_cfield){ ALCOVE_CFIELD_PTR, NULL, 65536, NULL };
	T_ERR(ALCOVE_EINVAL, alcove_alloc(T_AT(p), &f, 1, raw, 8, &got));
	for (i = 0; i < nitems(many); i++)
		many[i] = (struct alcove_cfield){ ALCOVE_CFIELD_BYTES, NULL,
		    1, NULL };
	T_ERR(ALCOVE_EINVAL, alcove_alloc(T_AT(p), many, nitems(many), raw,
	    8, &got));
	/* 1023 fields are allowed. */
	T_OK(alcove_alloc(T_AT(p), many, CFIELD_MAX, NULL, 0, &got));
	ATF_CHECK_EQ(got, CFIELD_MAX);

	/*
	 * The reply holds the layout and the read-back list, each as long
	 * as the bytes: 30000 fit in one reply, 40000 do not (e2big).
	 */
	f = (struct alcove_cfield){ ALCOVE_CFIELD_BYTES, NULL, 30000, NULL };
	T_OK(alcove_alloc(T_AT(p), &f, 1, NULL, 0, &got));
	ATF_CHECK_EQ(got, 30000);
	f.len = 40000;
	got = 1;
	T_ERR(E2BIG, alcove_alloc(T_AT(p), &f, 1, NULL, 0, &got));
	ATF_CHECK_EQ(got, 1);
}

T_TC(alloc, "alloc lays out bytes, pointers to data and to zeroes and a "
    "NULL pointer, and reads each field back exactly, at depth 0 and 2; "
    "einval for what the library cannot send, e2big for 40000 bytes")
ATF_TC_BODY(alloc, tc)
{
	struct t_proc root, g;

	depths(tc, &root, &g);
	check_alloc(&root);
	check_alloc(&g);
	check_alloc_errors(&root);
	check_alloc_errors(&g);
	t_stop(root.h);
}

/* ---- ioctl ---- */

static void
check_ioctl(const struct t_proc *p, const char *fifo, int wrapped)
{
	struct alcove_cfield f;
	struct alcove_arg a;
	unsigned char out[4], cout[4];
	int64_t res;
	size_t n;
	int fd, v;

	T_OK(alcove_open(T_AT(p), fifo, O_RDWR | O_NONBLOCK | O_CLOEXEC, 0,
	    &fd));
	T_OK(alcove_write(T_AT(p), fd, "hello", 5, &n));
	ATF_REQUIRE_EQ(n, 5);

	/* FIONREAD into a binary: the int the kernel wrote. */
	memset(&a, 0, sizeof(a));
	memset(out, UNTOUCHED, sizeof(out));
	a.type = ALCOVE_ARG_BINARY;
	a.data = NULL;
	a.len = sizeof(int);
	a.out = out;
	res = -1;
	T_OK(alcove_ioctl(T_AT(p), fd, "fionread", &a, &res));
	ATF_CHECK_EQ(res, 0);
	memcpy(&v, out, sizeof(v));
	ATF_CHECK_EQ(v, 5);

	/* The same into a one-field structure. */
	memset(cout, UNTOUCHED, sizeof(cout));
	f = (struct alcove_cfield){ ALCOVE_CFIELD_BYTES, NULL, sizeof(int),
	    cout };
	memset(&a, 0, sizeof(a));
	a.type = ALCOVE_ARG_CSTRUCT;
	a.fields = &f;
	a.nfields = 1;
	T_OK(alcove_ioctl(T_AT(p), fd, "fionread", &a, &res));
	ATF_CHECK_EQ(res, 0);
	memcpy(&v, cout, sizeof(v));
	ATF_CHECK_EQ(v, 5);

	/* As a number: the kernel writes to address 0 (valgrind objects). */
	if (!wrapped)
		T_ERR(EFAULT, alcove_ioctl(T_AT(p), fd, "fionread", NULL,
		    &res));
	/* A FIFO is no terminal. */
	memset(&a, 0, sizeof(a));
	a.type = ALCOVE_ARG_BINARY;
	a.len = 8;
	T_ERR(ENOTTY, alcove_ioctl(T_AT(p), fd, "tiocgwinsz", &a, &res));
	/* fioclex takes no argument: the integer form succeeds. */
	memset(&a, 0, sizeof(a));
	a.type = ALCOVE_ARG_INT;
	a.n = 0;
	T_OK(alcove_ioctl(T_AT(p), fd, "fioclex", &a, &res));
	ATF_CHECK_EQ(res, 0);
	ATF_CHECK_EQ(a.n, 0);

	T_ERR(ENOTSUP, alcove_ioctl(T_AT(p), fd, "fionfoo", NULL, &res));
	T_ERR(ALCOVE_EINVAL, alcove_ioctl(T_AT(p), fd, "fion read!", NULL,
	    &res));
	a.n = (uint64_t)INT32_MAX + 1;
	T_ERR(ALCOVE_EINVAL, alcove_ioctl(T_AT(p), fd, "fioclex", &a, &res));
	a.type = 9;
	T_ERR(ALCOVE_EINVAL, alcove_ioctl(T_AT(p), fd, "fioclex", &a, &res));
	T_OK(alcove_close(T_AT(p), fd));
	T_ERR(EBADF, alcove_ioctl(T_AT(p), fd, "fioclex", NULL, &res));
}

/* A terminal's size set and read back through a pseudo-terminal master. */
static void
check_winsize(const struct t_proc *p)
{
	struct winsize set = { 24, 80, 0, 0 }, got;
	struct alcove_cfield f[2];
	struct alcove_arg a;
	int64_t res;
	int fd;

	T_OK(alcove_open(T_AT(p), "/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC,
	    0, &fd));
	memset(&a, 0, sizeof(a));
	a.type = ALCOVE_ARG_BINARY;
	a.data = &set;
	a.len = sizeof(set);
	T_OK(alcove_ioctl(T_AT(p), fd, "tiocswinsz", &a, &res));
	ATF_CHECK_EQ(res, 0);
	/* Rows and columns in one field, the pixel sizes in another. */
	memset(&got, UNTOUCHED, sizeof(got));
	f[0] = (struct alcove_cfield){ ALCOVE_CFIELD_BYTES, NULL, 4,
	    &got.ws_row };
	f[1] = (struct alcove_cfield){ ALCOVE_CFIELD_BYTES, "\377\377\377\377",
	    4, &got.ws_xpixel };
	a.type = ALCOVE_ARG_CSTRUCT;
	a.fields = f;
	a.nfields = 2;
	T_OK(alcove_ioctl(T_AT(p), fd, "TIOCGWINSZ", &a, &res));
	ATF_CHECK_EQ(res, 0);
	ATF_CHECK_EQ(got.ws_row, 24);
	ATF_CHECK_EQ(got.ws_col, 80);
	ATF_CHECK_EQ(got.ws_xpixel, 0);
	ATF_CHECK_EQ(got.ws_ypixel, 0);
	T_OK(alcove_close(T_AT(p), fd));
}

T_TC(ioctl, "ioctl fionread on a FIFO into a binary and a structure, "
    "tiocgwinsz's ENOTTY, EFAULT, EBADF, a pty's size set and read back, "
    "at depth 0 and 2")
ATF_TC_BODY(ioctl, tc)
{
	struct t_proc root, g;
	const char *fifo = t_here("fifo");

	ATF_REQUIRE(mkfifo(fifo, 0600) == 0);
	depths(tc, &root, &g);
	check_ioctl(&root, fifo, t_wrapped(tc));
	check_ioctl(&g, fifo, t_wrapped(tc));
	if (access("/dev/ptmx", R_OK | W_OK) == 0) {
		check_winsize(&root);
		check_winsize(&g);
	}
	t_stop(root.h);
}

/* ---- prctl ---- */

static void
int_args(struct alcove_arg a[4])
{
	int i;

	memset(a, 0, 4 * sizeof(*a));
	for (i = 0; i < 4; i++)
		a[i].type = ALCOVE_ARG_INT;
}

static void
check_prctl(const struct t_proc *p)
{
	static const char name[16] = "alcove-cs-15chr";
	unsigned char out[16], lo[8], hi[8];
	struct alcove_cfield f[2];
	struct alcove_arg a[4];
	int64_t res;
	char comm[64];

	int_args(a);
	a[0].type = ALCOVE_ARG_BINARY;
	a[0].data = name;
	a[0].len = sizeof(name);
	res = -1;
	T_OK(alcove_prctl(T_AT(p), "pr_set_name", a, &res));
	ATF_CHECK_EQ(res, 0);
	(void)t_slurp(t_want("/proc/%d/comm", (int)proc_pid(p)), comm,
	    sizeof(comm));
	ATF_CHECK_STREQ(comm, "alcove-cs-15chr\n");

	/* Read back into a binary: exactly the 16 bytes. */
	int_args(a);
	memset(out, UNTOUCHED, sizeof(out));
	a[0].type = ALCOVE_ARG_BINARY;
	a[0].len = sizeof(out);
	a[0].out = out;
	a[1].n = 7;		/* echoed as given */
	T_OK(alcove_prctl(T_AT(p), "PR_GET_NAME", a, &res));
	ATF_CHECK_EQ(res, 0);
	ATF_CHECK(memcmp(out, name, sizeof(name)) == 0);
	ATF_CHECK_EQ(a[1].n, 7);

	/* And into a structure of two halves. */
	int_args(a);
	memset(lo, UNTOUCHED, sizeof(lo));
	memset(hi, UNTOUCHED, sizeof(hi));
	f[0] = (struct alcove_cfield){ ALCOVE_CFIELD_BYTES, NULL, 8, lo };
	f[1] = (struct alcove_cfield){ ALCOVE_CFIELD_BYTES, NULL, 8, hi };
	a[0].type = ALCOVE_ARG_CSTRUCT;
	a[0].fields = f;
	a[0].nfields = 2;
	T_OK(alcove_prctl(T_AT(p), "16", a, &res));
	ATF_CHECK(memcmp(lo, name, 8) == 0);
	ATF_CHECK(memcmp(hi, name + 8, 8) == 0);

	res = -1;
	T_OK(alcove_prctl(T_AT(p), "pr_get_dumpable", NULL, &res));
	ATF_CHECK_EQ(res, 1);
	/* A constant argument comes back as its value. */
	int_args(a);
	a[0].type = ALCOVE_ARG_CONST;
	a[0].name = "pr_get_dumpable";
	T_OK(alcove_prctl(T_AT(p), "pr_get_dumpable", a, &res));
	ATF_CHECK_EQ(res, 1);
	ATF_CHECK_EQ(a[0].n, 3);

	T_ERR(ENOTSUP, alcove_prctl(T_AT(p), "pr_foo", NULL, &res));
	T_ERR(EINVAL, alcove_prctl(T_AT(p), NULL, NULL, &res));
	int_args(a);
	a[2].n = (uint64_t)INT32_MAX + 1;
	T_ERR(ALCOVE_EINVAL, alcove_prctl(T_AT(p), "pr_get_dumpable", a,
	    &res));
	a[2].n = UINT64_MAX;	/* -1: the port takes no negative value */
	T_ERR(ALCOVE_EBADARG, alcove_prctl(T_AT(p), "pr_get_dumpable", a,
	    &res));
}

static void
check_prctl_unsupported(const struct t_proc *p)
{
	int64_t res;

	T_ERR(ALCOVE_EUNSUPPORTED, alcove_prctl(T_AT(p), "pr_get_dumpable",
	    NULL, &res));
}

T_TC(prctl, "prctl pr_set_name/pr_get_name through a binary and a "
    "structure, pr_get_dumpable, errors, at depth 0 and 2")
ATF_TC_BODY(prctl, tc)
{
	struct t_proc root, g;

	depths(tc, &root, &g);
	if (!is_linux()) {
		check_prctl_unsupported(&root);
		check_prctl_unsupported(&g);
	} else {
		check_prctl(&root);
		check_prctl(&g);
	}
	t_stop(root.h);
}

/* ---- seccomp ---- */

/* A wrapper's emulation (valgrind's) has no seccomp(2). */
static void
require_seccomp(const atf_tc_t *tc)
{
	if (t_wrapped(tc))
		atf_tc_skip("seccomp(2) does not work under the port wrapper "
		    "(%s)", atf_tc_get_config_var(tc, "port_wrapper"));
}

static uint32_t
port_value(const struct t_proc *p, const char *name)
{
	uint32_t v;

	T_OK(alcove_bpf_constant(T_AT(p), name, &v));
	return v;
}

/*
 * Kill on a foreign arch, action for system call sys, allow the rest; all
 * values asked of the port.
 */
static void
filter(const struct t_proc *p, struct alcove_bpf *prog, const char *sys,
    uint32_t action)
{
	alcove_bpf_init(prog);
	T_OK(alcove_bpf_arch(prog, t_audit_arch(p),
	    port_value(p, "seccomp_ret_kill_process")));
	T_OK(alcove_bpf_syscall(prog, port_value(p, sys), action));
	T_OK(alcove_bpf_stmt(prog, ALCOVE_BPF_RET | ALCOVE_BPF_K,
	    port_value(p, "SECCOMP_RET_ALLOW")));
}

static void
no_new_privs(const struct t_proc *p)
{
	struct alcove_arg a[4];
	int64_t res = -1;

	int_args(a);
	a[0].n = 1;
	T_OK(alcove_prctl(T_AT(p), "pr_set_no_new_privs", a, &res));
	ATF_CHECK_EQ(res, 0);
	T_OK(alcove_prctl(T_AT(p), "pr_get_no_new_privs", NULL, &res));
	ATF_CHECK_EQ(res, 1);
}

/* The child's next event, as text. */
static const char *
next_event(const struct t_proc *p)
{
	struct alcove_msg *m;
	const char *s;

	m = t_recv(T_AT(p), ALCOVE_MSG_EVENT);
	s = t_term_text(m->term);
	alcove_msg_free(m);
	return s;
}

/* The filter kills the process on getcwd: {termsig, sigsys}. */
static void
check_seccomp_kill(const struct t_proc *parent, int use_prctl)
{
	struct alcove_bpf prog;
	struct alcove_arg a[4];
	struct t_proc c;
	char buf[256];
	int64_t res;

	t_proc_fork(parent, &c);
	T_OK(alcove_setrlimit(T_AT(&c), RLIMIT_CORE, 0, 0));
	filter(&c, &prog, "sys_getcwd",
	    port_value(&c, "seccomp_ret_kill_process"));
	no_new_privs(&c);
	T_OK(alcove_getcwd(T_AT(&c), buf, sizeof(buf)));
	if (use_prctl) {
		int_args(a);
		a[0].type = ALCOVE_ARG_CONST;
		a[0].name = "seccomp_mode_filter";
		T_OK(alcove_bpf_arg(&prog, &a[1]));
		T_OK(alcove_prctl(T_AT(&c), "pr_set_seccomp", a, &res));
		ATF_CHECK_EQ(res, 0);
		ATF_CHECK_EQ(a[0].n, 2);
	} else
		T_OK(alcove_seccomp(T_AT(&c), "seccomp_set_mode_filter", "0",
		    &prog));
	alcove_bpf_free(&prog);
	T_OK(alcove_getpid(T_AT(&c), &(pid_t){ 0 }));
	T_ERR(ALCOVE_EEXITED, alcove_getcwd(T_AT(&c), buf, sizeof(buf)));
	ATF_CHECK_STREQ(next_event(&c), "{termsig,sigsys}");
	/* The parent is unharmed. */
	T_OK(alcove_getcwd(T_AT(parent), buf, sizeof(buf)));
}

/* A filter that fails getcwd with EPERM in p itself. */
static void
check_seccomp_errno(const struct t_proc *p, int use_prctl)
{
	unsigned char head[sizeof(void *)], insns[8 * 7];
	struct alcove_bpf prog;
	struct alcove_arg a[4];
	char buf[256];
	int64_t res;

	filter(p, &prog, "sys_getcwd",
	    port_value(p, "seccomp_ret_errno") | EPERM);
	no_new_privs(p);
	T_OK(alcove_getcwd(T_AT(p), buf, sizeof(buf)));
	if (use_prctl) {
		int_args(a);
		a[0].n = 2;
		T_OK(alcove_bpf_arg(&prog, &a[1]));
		/* The reply reads struct sock_fprog back. */
		ATF_REQUIRE_EQ(prog.len, 7);
		a[1].fields[0].out = head;
		a[1].fields[1].out = insns;
		T_OK(alcove_prctl(T_AT(p), "pr_set_seccomp", a, &res));
		ATF_CHECK_EQ(res, 0);
		ATF_CHECK_EQ(*(unsigned short *)(void *)head, 7);
		ATF_CHECK(memcmp(insns, prog.insn, sizeof(insns)) == 0);
	} else
		T_OK(alcove_seccomp(T_AT(p), "seccomp_set_mode_filter", NULL,
		    &prog));
	alcove_bpf_free(&prog);
	T_ERR(EPERM, alcove_getcwd(T_AT(p), buf, sizeof(buf)));
	T_OK(alcove_getpid(T_AT(p), &(pid_t){ 0 }));
	T_ERR(EPERM, alcove_getcwd(T_AT(p), buf, sizeof(buf)));
	T_OK(alcove_prctl(T_AT(p), "pr_get_seccomp", NULL, &res));
	ATF_CHECK_EQ(res, 2);
}

static void
check_seccomp_unsupported(const struct t_proc *p)
{
	struct alcove_bpf prog;

	alcove_bpf_init(&prog);
	T_OK(alcove_bpf_stmt(&prog, ALCOVE_BPF_RET | ALCOVE_BPF_K, 0));
	T_ERR(ALCOVE_EUNSUPPORTED, alcove_seccomp(T_AT(p),
	    "seccomp_set_mode_filter", NULL, &prog));
	alcove_bpf_free(&prog);
}

T_TC_ROOT(seccomp_kill, "a filter built with alcove_bpf kills the child "
    "on getcwd (seccomp and prctl pr_set_seccomp) below depth 0 and 2")
ATF_TC_BODY(seccomp_kill, tc)
{
	struct t_proc root, g;

	require_seccomp(tc);
	depths(tc, &root, &g);
	if (!is_linux()) {
		check_seccomp_unsupported(&root);
		check_seccomp_unsupported(&g);
		t_stop(root.h);
		return;
	}
	check_seccomp_kill(&root, 0);
	check_seccomp_kill(&g, 0);
	check_seccomp_kill(&root, 1);
	check_seccomp_kill(&g, 1);
	t_stop(root.h);
}

T_TC_ROOT(seccomp_errno, "a filter answering SECCOMP_RET_ERRNO|EPERM for "
    "getcwd, installed by seccomp at depth 0 and by prctl at depth 2")
ATF_TC_BODY(seccomp_errno, tc)
{
	struct t_proc root, g, g2;
	struct t_proc c;

	require_seccomp(tc);
	depths(tc, &root, &g);
	if (!is_linux()) {
		check_seccomp_unsupported(&root);
		check_seccomp_unsupported(&g);
		t_stop(root.h);
		return;
	}
	/* Another grandchild first: the filters below are inherited. */
	t_proc_fork(&root, &c);
	t_proc_fork(&c, &g2);
	check_seccomp_errno(&g2, 0);
	check_seccomp_errno(&g, 1);
	check_seccomp_errno(&root, 0);
	t_stop(root.h);
}

T_TC(seccomp_errors, "the filter builder's sticky error, alcove_bpf_arg, "
    "unknown constants and a NULL program")
ATF_TC_BODY(seccomp_errors, tc)
{
	struct t_proc root;
	struct alcove_bpf prog;
	struct alcove_arg a;
	uint32_t v;
	int i;

	t_proc_root(&root, tc);
	alcove_bpf_init(&prog);
	for (i = 0; i < ALCOVE_BPF_MAXINSNS; i++)
		ATF_REQUIRE_EQ(alcove_bpf_stmt(&prog, ALCOVE_BPF_RET |
		    ALCOVE_BPF_K, 0), 0);
	ATF_CHECK_EQ(alcove_bpf_jump(&prog, ALCOVE_BPF_JMP | ALCOVE_BPF_JA,
	    0, 0, 0), ALCOVE_EINVAL);
	ATF_CHECK_EQ(prog.error, ALCOVE_EINVAL);
	ATF_CHECK_EQ(alcove_bpf_stmt(&prog, ALCOVE_BPF_RET, 0),
	    ALCOVE_EINVAL);
	ATF_CHECK_EQ(prog.len, ALCOVE_BPF_MAXINSNS);
	T_ERR(ALCOVE_EINVAL, alcove_seccomp(T_AT(&root),
	    "seccomp_set_mode_filter", NULL, &prog));
	T_ERR(ALCOVE_EINVAL, alcove_bpf_arg(&prog, &a));
	alcove_bpf_free(&prog);
	ATF_CHECK(prog.insn == NULL && prog.len == 0 && prog.error == 0);

	/* The instructions as struct sock_filter holds them. */
	T_OK(alcove_bpf_jump(&prog, 0x15, 0xc000003e, 1, 2));
	ATF_CHECK(memcmp(prog.insn, "\x15\0\1\2\x3e\0\0\xc0", 8) == 0 ||
	    memcmp(prog.insn, "\0\x15\1\2\xc0\0\0\x3e", 8) == 0);
	alcove_bpf_free(&prog);

	T_ERR(ALCOVE_EUNKNOWN, alcove_bpf_constant(T_AT(&root),
	    "seccomp_ret_foo", &v));
	T_ERR(ALCOVE_EUNKNOWN, alcove_bpf_constant(T_AT(&root), "sys_foo",
	    &v));
	T_ERR(ALCOVE_EINVAL, alcove_bpf_constant(T_AT(&root), NULL, &v));
	if (is_linux()) {
		T_OK(alcove_bpf_constant(T_AT(&root), "seccomp_ret_errno",
		    &v));
		ATF_CHECK_EQ(v, 0x00050000);
		/* No program: seccomp(2) is given NULL (not under valgrind). */
		if (!t_wrapped(tc))
			T_ERR(EFAULT, alcove_seccomp(T_AT(&root),
			    "seccomp_set_mode_filter", "", NULL));
		T_ERR(ENOTSUP, alcove_seccomp(T_AT(&root), "seccomp_foo", "",
		    NULL));
		T_ERR(ALCOVE_EINVAL, alcove_seccomp(T_AT(&root), "a b", "",
		    NULL));
	}
	t_stop(root.h);
}

/* ---- ptrace ---- */

/* p attaches to a sleeping child of its own, and detaches. */
static void
check_ptrace_attach(const struct t_proc *p)
{
	unsigned char info[128], a8[8], signo[4], code[4];
	struct alcove_cfield af, df[4];
	struct alcove_arg addr, data;
	struct t_proc c;
	pid_t got;
	int64_t res;
	int status, old, v;


	/* Report mode: the port's loop leaves the tracee's stops to waitpid. */
	T_OK(alcove_sigaction(T_AT(p), SIGCHLD, ALCOVE_SIG_INFO, &old));
	t_proc_fork(p, &c);
	T_OK(alcove_execvp(T_AT(&c), "sleep", (char *[]){ "sleep", "60",
	    NULL }));
	memset(&addr, 0, sizeof(addr));
	memset(&data, 0, sizeof(data));
	res = -1;
	T_OK(alcove_ptrace(T_AT(p), "ptrace_attach", proc_pid(&c), &addr,
	    &data, &res));
	ATF_CHECK_EQ(res, 0);
	T_OK(alcove_waitpid(T_AT(p), proc_pid(&c), 0, &got, &status));
	ATF_CHECK_EQ(got, proc_pid(&c));
	ATF_CHECK(WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP);

	/* The stop's siginfo into a binary: SIGSTOP from the kernel. */
	memset(info, UNTOUCHED, sizeof(info));
	data.type = ALCOVE_ARG_BINARY;
	data.len = sizeof(info);
	data.out = info;
	T_OK(alcove_ptrace(T_AT(p), "ptrace_getsiginfo", proc_pid(&c), NULL,
	    &data, &res));
	ATF_CHECK_EQ(res, 0);
	memcpy(&v, info, sizeof(v));
	ATF_CHECK_EQ(v, SIGSTOP);
	memcpy(&v, info + 8, sizeof(v));
	ATF_CHECK_EQ(v, SI_KERNEL);
	/* Both as structures, each read back on its own. */
	memset(a8, UNTOUCHED, sizeof(a8));
	memset(signo, UNTOUCHED, sizeof(signo));
	memset(code, UNTOUCHED, sizeof(code));
	af = (struct alcove_cfield){ ALCOVE_CFIELD_BYTES,
	    "\1\2\3\4\5\6\7\10", 8, a8 };
	df[0] = (struct alcove_cfield){ ALCOVE_CFIELD_BYTES, NULL, 4, signo };
	df[1] = (struct alcove_cfield){ ALCOVE_CFIELD_BYTES, NULL, 4, NULL };
	df[2] = (struct alcove_cfield){ ALCOVE_CFIELD_BYTES, NULL, 4, code };
	df[3] = (struct alcove_cfield){ ALCOVE_CFIELD_BYTES, NULL, 116, NULL };
	addr.type = data.type = ALCOVE_ARG_CSTRUCT;
	addr.fields = &af;
	addr.nfields = 1;
	data.fields = df;
	data.nfields = 4;
	T_OK(alcove_ptrace(T_AT(p), "ptrace_getsiginfo", proc_pid(&c), &addr,
	    &data, &res));
	ATF_CHECK(memcmp(a8, "\1\2\3\4\5\6\7\10", 8) == 0);
	memcpy(&v, signo, sizeof(v));
	ATF_CHECK_EQ(v, SIGSTOP);
	memcpy(&v, code, sizeof(v));
	ATF_CHECK_EQ(v, SI_KERNEL);

	T_OK(alcove_ptrace(T_AT(p), "ptrace_detach", proc_pid(&c), NULL,
	    NULL, &res));
	ATF_CHECK_EQ(res, 0);
	T_ERR(ESRCH, alcove_ptrace(T_AT(p), "ptrace_detach", proc_pid(&c),
	    NULL, NULL, &res));
	T_ERR(ENOTSUP, alcove_ptrace(T_AT(p), "ptrace_foo", proc_pid(&c),
	    NULL, NULL, &res));
	T_OK(alcove_kill(T_AT(p), proc_pid(&c), SIGKILL));
	T_OK(alcove_waitpid(T_AT(p), proc_pid(&c), 0, &got, &status));
	ATF_CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
}

/* Who traces pid, from /proc/PID/status; 0 is nobody. */
static pid_t
tracer_pid(pid_t pid)
{
	char buf[8192], *t;

	(void)t_slurp(t_want("/proc/%d/status", (int)pid), buf, sizeof(buf));
	ATF_REQUIRE((t = strstr(buf, "\nTracerPid:\t")) != NULL);
	return (pid_t)atoi(t + strlen("\nTracerPid:\t"));
}

/* A child of p asks to be traced by p: once, then EPERM. */
static void
check_ptrace_traceme(const struct t_proc *p)
{
	struct t_proc c;
	int64_t res = -1;

	t_proc_fork(p, &c);
	ATF_CHECK_EQ(tracer_pid(proc_pid(&c)), 0);
	T_OK(alcove_ptrace(T_AT(&c), "PTRACE_TRACEME", 0, NULL, NULL, &res));
	ATF_CHECK_EQ(res, 0);
	ATF_CHECK_EQ(tracer_pid(proc_pid(&c)), proc_pid(p));
	T_ERR(EPERM, alcove_ptrace(T_AT(&c), "ptrace_traceme", 0, NULL, NULL,
	    &res));
	T_OK(alcove_exit(T_AT(&c), 0));
}

T_TC_ROOT(ptrace, "ptrace attach/detach of a sleeping child by the port "
    "and by a grandchild; traceme below both")
ATF_TC_BODY(ptrace, tc)
{
	struct t_proc root, g;
	int64_t res;

	depths(tc, &root, &g);
	if (!is_linux()) {
		T_ERR(ALCOVE_EUNSUPPORTED, alcove_ptrace(T_AT(&root),
		    "ptrace_traceme", 0, NULL, NULL, &res));
		T_ERR(ALCOVE_EUNSUPPORTED, alcove_ptrace(T_AT(&g),
		    "ptrace_traceme", 0, NULL, NULL, &res));
		t_stop(root.h);
		return;
	}
	check_ptrace_traceme(&g);
	check_ptrace_attach(&g);
	check_ptrace_attach(&root);
	t_stop(root.h);
}

/* ---- jail, procctl ---- */

/* FreeBSD's struct jail (version 2), as jail(2) declares it. */
struct fbsd_jail {
	uint32_t	 version;
	char		*path;
	char		*hostname;
	char		*jailname;
	uint32_t	 ip4s;
	uint32_t	 ip6s;
	struct in_addr	*ip4;
	struct in6_addr	*ip6;
};

static const unsigned char ip4s[8] = { 192, 0, 2, 1, 192, 0, 2, 2 };
static const unsigned char ip6s[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 1 };

/* The jail argument laid out by alloc, against the C struct. */
static void
check_jail_layout(const struct t_proc *p)
{
	struct alcove_jail j = { "/tmp/alcove-jail", "host", NULL, ip4s, 2,
	    ip6s, 1 };
	unsigned char raw[128], path[17], host[5], name[1], a4[8], a6[16];
	struct jail_layout l;
	struct fbsd_jail want;
	size_t got;

	T_OK(jail_layout(&j, &l));
	l.field[2].out = path;
	l.field[3].out = host;
	l.field[4].out = name;
	l.field[6].out = a4;
	l.field[7].out = a6;
	T_OK(alcove_alloc(T_AT(p), l.field, JAIL_FIELDS, raw, sizeof(raw),
	    &got));
	ATF_REQUIRE_EQ(got, sizeof(want));
	/* The port's pointers, in a struct laid out by the compiler. */
	memset(&want, 0, sizeof(want));
	want.version = 2;
	memcpy(&want.path, raw + offsetof(struct fbsd_jail, path),
	    sizeof(char *));
	memcpy(&want.hostname, raw + offsetof(struct fbsd_jail, hostname),
	    sizeof(char *));
	memcpy(&want.jailname, raw + offsetof(struct fbsd_jail, jailname),
	    sizeof(char *));
	want.ip4s = 2;
	want.ip6s = 1;
	memcpy(&want.ip4, raw + offsetof(struct fbsd_jail, ip4),
	    sizeof(void *));
	memcpy(&want.ip6, raw + offsetof(struct fbsd_jail, ip6),
	    sizeof(void *));
	ATF_CHECK(memcmp(raw, &want, sizeof(want)) == 0);
	ATF_CHECK(want.path != NULL && want.hostname != NULL &&
	    want.jailname != NULL && want.ip4 != NULL && want.ip6 != NULL);
	/* What the pointers point to. */
	ATF_CHECK(memcmp(path, "/tmp/alcove-jail", 17) == 0);
	ATF_CHECK(memcmp(host, "host", 5) == 0);
	ATF_CHECK_EQ(name[0], 0);
	ATF_CHECK(memcmp(a4, ip4s, 8) == 0);
	ATF_CHECK(memcmp(a6, ip6s, 16) == 0);

	/* No addresses: NULL pointers. */
	j.nip4 = j.nip6 = 0;
	T_OK(jail_layout(&j, &l));
	T_OK(alcove_alloc(T_AT(p), l.field, JAIL_FIELDS, raw, sizeof(raw),
	    &got));
	ATF_CHECK(memcmp(raw + offsetof(struct fbsd_jail, ip4),
	    "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 2 * sizeof(void *)) == 0);
	ATF_CHECK(memcmp(raw + offsetof(struct fbsd_jail, ip4s),
	    "\0\0\0\0\0\0\0", 8) == 0);
}

static void
check_jail(const struct t_proc *p)
{
	struct alcove_jail j = { "/", "h", "n", NULL, 0, NULL, 0 };
	struct alcove_cfield f = { ALCOVE_CFIELD_BYTES, NULL, 4, NULL };
	int jid = -7;

	T_ERR(ALCOVE_EUNSUPPORTED, alcove_jail(T_AT(p), &j, &jid));
	ATF_CHECK_EQ(jid, -7);
	T_ERR(ALCOVE_EUNSUPPORTED, alcove_procctl(T_AT(p), "p_pid", 0,
	    "proc_reap_acquire", NULL, 0));
	T_ERR(ALCOVE_EUNSUPPORTED, alcove_procctl(T_AT(p), "0", 1, "2", &f,
	    1));
	/* Refused before anything is sent. */
	T_ERR(ALCOVE_EINVAL, alcove_jail(T_AT(p), NULL, &jid));
	j.nip4 = 1;
	T_ERR(ALCOVE_EINVAL, alcove_jail(T_AT(p), &j, &jid));
	T_ERR(ALCOVE_EINVAL, alcove_procctl(T_AT(p), "p_pid", 0, "2",
	    NULL, 1));
	T_ERR(ALCOVE_EINVAL, alcove_procctl(T_AT(p), "p pid", 0, "2",
	    NULL, 0));
}

T_TC(jail, "jail and procctl are unsupported at depth 0 and 2 (not "
    "FreeBSD); the jail structure laid out through alloc is struct jail")
ATF_TC_BODY(jail, tc)
{
	struct t_proc root, g;

	depths(tc, &root, &g);
	check_jail_layout(&root);
	check_jail_layout(&g);
	if (strcmp(t_backend(), "freebsd") == 0) {
		t_stop(root.h);
		atf_tc_skip("the port has jail(2): the unsupported checks are "
		    "for other systems");
	}
	check_jail(&root);
	check_jail(&g);
	t_stop(root.h);
}

/* ---- the library's encoder and decoder alone ---- */

/* A term from ETF built by a function. */
static struct alcove_term *
term_of(void (*build)(struct etf_enc *))
{
	static unsigned char buf[1024];
	struct alcove_term *t;
	struct etf_enc e;

	etf_enc_init(&e, buf, sizeof(buf));
	etf_put_version(&e);
	build(&e);
	ATF_REQUIRE(!e.overflow);
	T_OK(alcove_term_decode(buf, e.len, &t));
	return t;
}

static void
put_ptr(struct etf_enc *e, const void *b, size_t n)
{
	etf_put_tuple(e, 2);
	etf_put_atom(e, "ptr");
	etf_put_binary(e, b, n);
}

/* [<<1,2,3>>, {ptr, <<9,9,9,9>>}, <<0:64>>]: matches the fields. */
static void
good(struct etf_enc *e)
{
	etf_put_list(e, 3);
	etf_put_binary(e, "\1\2\3", 3);
	put_ptr(e, "\11\11\11\11", 4);
	etf_put_binary(e, "\0\0\0\0\0\0\0\0", 8);
	etf_put_nil(e);
}

static void
not_list(struct etf_enc *e)
{
	etf_put_binary(e, "\1\2\3", 3);
}

static void
nil(struct etf_enc *e)
{
	etf_put_nil(e);
}

static void
short_list(struct etf_enc *e)
{
	etf_put_list(e, 2);
	etf_put_binary(e, "\1\2\3", 3);
	put_ptr(e, "\11\11\11\11", 4);
	etf_put_nil(e);
}

static void
long_list(struct etf_enc *e)
{
	etf_put_list(e, 4);
	etf_put_binary(e, "\1\2\3", 3);
	put_ptr(e, "\11\11\11\11", 4);
	etf_put_binary(e, "\0\0\0\0\0\0\0\0", 8);
	etf_put_binary(e, "", 0);
	etf_put_nil(e);
}

/* Each breaks one element of good(), the last one where it can. */
static void
bad_bytes_len(struct etf_enc *e)
{
	etf_put_list(e, 3);
	etf_put_binary(e, "\1\2", 2);
	put_ptr(e, "\11\11\11\11", 4);
	etf_put_binary(e, "\0\0\0\0\0\0\0\0", 8);
	etf_put_nil(e);
}

static void
bad_ptr_len(struct etf_enc *e)
{
	etf_put_list(e, 3);
	etf_put_binary(e, "\1\2\3", 3);
	put_ptr(e, "\11\11\11", 3);
	etf_put_binary(e, "\0\0\0\0\0\0\0\0", 8);
	etf_put_nil(e);
}

static void
bad_ptr_atom(struct etf_enc *e)
{
	etf_put_list(e, 3);
	etf_put_binary(e, "\1\2\3", 3);
	etf_put_tuple(e, 2);
	etf_put_atom(e, "ptx");
	etf_put_binary(e, "\11\11\11\11", 4);
	etf_put_binary(e, "\0\0\0\0\0\0\0\0", 8);
	etf_put_nil(e);
}

static void
bad_ptr_arity(struct etf_enc *e)
{
	etf_put_list(e, 3);
	etf_put_binary(e, "\1\2\3", 3);
	etf_put_tuple(e, 3);
	etf_put_atom(e, "ptr");
	etf_put_binary(e, "\11\11\11\11", 4);
	etf_put_nil(e);
	etf_put_binary(e, "\0\0\0\0\0\0\0\0", 8);
	etf_put_nil(e);
}

static void
bad_ptr_int(struct etf_enc *e)
{
	etf_put_list(e, 3);
	etf_put_binary(e, "\1\2\3", 3);
	etf_put_tuple(e, 2);
	etf_put_atom(e, "ptr");
	etf_put_int(e, 4);
	etf_put_binary(e, "\0\0\0\0\0\0\0\0", 8);
	etf_put_nil(e);
}

static void
bad_null_tuple(struct etf_enc *e)
{
	etf_put_list(e, 3);
	etf_put_binary(e, "\1\2\3", 3);
	put_ptr(e, "\11\11\11\11", 4);
	put_ptr(e, "", 0);
	etf_put_nil(e);
}

static void
bad_null_len(struct etf_enc *e)
{
	etf_put_list(e, 3);
	etf_put_binary(e, "\1\2\3", 3);
	put_ptr(e, "\11\11\11\11", 4);
	etf_put_binary(e, "\0\0\0", 3);
	etf_put_nil(e);
}

static void
bad_atom(struct etf_enc *e)
{
	etf_put_list(e, 3);
	etf_put_binary(e, "\1\2\3", 3);
	put_ptr(e, "\11\11\11\11", 4);
	etf_put_atom(e, "ok");
	etf_put_nil(e);
}

static void
bad_bytes_ptr(struct etf_enc *e)
{
	etf_put_list(e, 3);
	put_ptr(e, "\1\2\3", 3);
	put_ptr(e, "\11\11\11\11", 4);
	etf_put_binary(e, "\0\0\0\0\0\0\0\0", 8);
	etf_put_nil(e);
}

/* The fields good() matches, with outs marked untouched. */
static void
fields3(struct alcove_cfield f[3], unsigned char o0[3], unsigned char o1[4])
{
	memset(o0, UNTOUCHED, 3);
	memset(o1, UNTOUCHED, 4);
	f[0] = (struct alcove_cfield){ ALCOVE_CFIELD_BYTES, "\1\2\3", 3, o0 };
	f[1] = (struct alcove_cfield){ ALCOVE_CFIELD_PTR, NULL, 4, o1 };
	f[2] = (struct alcove_cfield){ ALCOVE_CFIELD_PTR, NULL, 0, NULL };
}

T_TC(read_back, "the read-back decoder: a matching list fills the outs; "
    "every malformed list is ALCOVE_EPROTO and writes nothing")
ATF_TC_BODY(read_back, tc)
{
	static void (*const bad[])(struct etf_enc *) = { not_list, nil,
	    short_list, long_list, bad_bytes_len, bad_ptr_len, bad_ptr_atom,
	    bad_ptr_arity, bad_ptr_int, bad_null_tuple, bad_null_len,
	    bad_atom, bad_bytes_ptr };
	unsigned char o0[3], o1[4];
	struct alcove_cfield f[3];
	struct alcove_term *t;
	size_t i;

	(void)tc;
	fields3(f, o0, o1);
	t = term_of(good);
	T_OK(cfield_read(t, f, 3));
	alcove_term_free(t);
	ATF_CHECK(memcmp(o0, "\1\2\3", 3) == 0);
	ATF_CHECK(memcmp(o1, "\11\11\11\11", 4) == 0);

	for (i = 0; i < nitems(bad); i++) {
		fields3(f, o0, o1);
		t = term_of(bad[i]);
		ATF_CHECK_EQ_MSG(cfield_read(t, f, 3), ALCOVE_EPROTO,
		    "case %zu: %s", i, t_term_text(t));
		ATF_CHECK_MSG(o0[0] == UNTOUCHED && o1[0] == UNTOUCHED,
		    "case %zu wrote an out buffer", i);
		alcove_term_free(t);
	}
}

static void
int5(struct etf_enc *e)
{
	etf_put_int(e, 5);
}

static void
int_neg(struct etf_enc *e)
{
	etf_put_int(e, -5);
}

static void
empty(struct etf_enc *e)
{
	etf_put_binary(e, "", 0);
}

static void
bin4(struct etf_enc *e)
{
	etf_put_binary(e, "abcd", 4);
}

/* carg_read's outcome for a term and an argument. */
static int
arg_read(void (*build)(struct etf_enc *), struct alcove_arg *a, int how)
{
	struct alcove_term *t = term_of(build);
	int err;

	err = carg_read(t, a, how);
	alcove_term_free(t);
	return err;
}

T_TC(arg_read_back, "what a call gives back for an argument: the "
    "integer, <<>>, the buffer; anything else is ALCOVE_EPROTO")
ATF_TC_BODY(arg_read_back, tc)
{
	struct alcove_arg a;
	unsigned char out[4];

	(void)tc;
	memset(&a, 0, sizeof(a));
	a.type = ALCOVE_ARG_INT;
	T_OK(arg_read(int5, &a, CARG_ECHO_INT | CARG_CHECK));
	ATF_CHECK_EQ(a.n, 0);
	T_OK(arg_read(int5, &a, CARG_ECHO_INT));
	ATF_CHECK_EQ(a.n, 5);
	T_ERR(ALCOVE_EPROTO, arg_read(int_neg, &a, CARG_ECHO_INT));
	T_ERR(ALCOVE_EPROTO, arg_read(empty, &a, CARG_ECHO_INT));
	T_OK(arg_read(int5, NULL, CARG_ECHO_INT));
	T_OK(arg_read(empty, &a, CARG_ECHO_EMPTY));
	T_OK(arg_read(empty, NULL, CARG_ECHO_EMPTY));
	T_ERR(ALCOVE_EPROTO, arg_read(bin4, &a, CARG_ECHO_EMPTY));
	T_ERR(ALCOVE_EPROTO, arg_read(int5, &a, CARG_ECHO_EMPTY));

	a.type = ALCOVE_ARG_BINARY;
	a.len = 4;
	a.out = out;
	memset(out, UNTOUCHED, sizeof(out));
	T_OK(arg_read(bin4, &a, CARG_ECHO_EMPTY | CARG_CHECK));
	ATF_CHECK_EQ(out[0], UNTOUCHED);
	T_OK(arg_read(bin4, &a, CARG_ECHO_EMPTY));
	ATF_CHECK(memcmp(out, "abcd", 4) == 0);
	a.len = 3;
	T_ERR(ALCOVE_EPROTO, arg_read(bin4, &a, CARG_ECHO_INT));
	T_ERR(ALCOVE_EPROTO, arg_read(int5, &a, CARG_ECHO_INT));

	a.type = ALCOVE_ARG_CSTRUCT;
	a.fields = NULL;
	a.nfields = 1;
	T_ERR(ALCOVE_EPROTO, arg_read(good, &a, CARG_ECHO_INT));
	a.type = 42;
	T_ERR(ALCOVE_EPROTO, arg_read(int5, &a, CARG_ECHO_INT));
}

/* The bytes of a term, as text, from an encoder. */
static const char *
cterm_text(const struct cterm *c)
{
	unsigned char buf[1024];
	struct alcove_term *t;
	const char *s;

	ATF_REQUIRE(c->len + 1 <= sizeof(buf));
	buf[0] = 131;
	memcpy(buf + 1, c->buf, c->len);
	T_OK(alcove_term_decode(buf, c->len + 1, &t));
	s = t_term_text(t);
	alcove_term_free(t);
	return s;
}

T_TC(encode, "the terms the library sends for fields and arguments, and "
    "what it refuses")
ATF_TC_BODY(encode, tc)
{
	struct alcove_cfield f[4] = {
		{ ALCOVE_CFIELD_BYTES, "\1\2", 2, NULL },
		{ ALCOVE_CFIELD_BYTES, NULL, 3, NULL },
		{ ALCOVE_CFIELD_PTR, "\5", 1, NULL },
		{ ALCOVE_CFIELD_PTR, NULL, 300, NULL },
	};
	struct alcove_arg a;
	struct cterm c;

	(void)tc;
	T_OK(cfield_encode(f, 4, &c));
	ATF_CHECK_STREQ(cterm_text(&c),
	    "[<<1,2>>,<<0,0,0>>,{ptr,<<5>>},{ptr,300}]");
	cterm_free(&c);
	f[2].len = 0;		/* data without bytes: NULL */
	T_OK(cfield_encode(f + 2, 1, &c));
	ATF_CHECK_STREQ(cterm_text(&c), "[{ptr,0}]");
	cterm_free(&c);

	T_OK(carg_encode(NULL, &c));
	ATF_CHECK_STREQ(cterm_text(&c), "0");
	cterm_free(&c);
	memset(&a, 0, sizeof(a));
	a.type = ALCOVE_ARG_INT;
	a.n = UINT64_MAX;
	T_OK(carg_encode(&a, &c));
	ATF_CHECK_STREQ(cterm_text(&c), "-1");
	ATF_CHECK_EQ(c.buf[0], 98);	/* INTEGER_EXT, never a big */
	cterm_free(&c);
	a.n = INT32_MAX;
	T_OK(carg_encode(&a, &c));
	ATF_CHECK_STREQ(cterm_text(&c), "2147483647");
	cterm_free(&c);
	a.n = (uint64_t)INT32_MAX + 1;
	T_ERR(ALCOVE_EINVAL, carg_encode(&a, &c));
	a.type = ALCOVE_ARG_CONST;
	a.name = "PR_SET_NAME";
	T_OK(carg_encode(&a, &c));
	ATF_CHECK_STREQ(cterm_text(&c), "pr_set_name");
	cterm_free(&c);
	a.name = "pr_a|pr_b";
	T_ERR(ALCOVE_EINVAL, carg_encode(&a, &c));
	a.type = ALCOVE_ARG_BINARY;
	a.data = NULL;
	a.len = 2;
	T_OK(carg_encode(&a, &c));
	ATF_CHECK_STREQ(cterm_text(&c), "<<0,0>>");
	cterm_free(&c);
	a.len = 65536;
	T_ERR(ALCOVE_EINVAL, carg_encode(&a, &c));
	a.type = ALCOVE_ARG_CSTRUCT;
	a.fields = f;
	a.nfields = 2;
	T_OK(carg_encode(&a, &c));
	ATF_CHECK_STREQ(cterm_text(&c), "[<<1,2>>,<<0,0,0>>]");
	cterm_free(&c);
	a.nfields = 0;
	T_ERR(ALCOVE_EINVAL, carg_encode(&a, &c));
	a.type = -1;
	T_ERR(ALCOVE_EINVAL, carg_encode(&a, &c));
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, alloc);
	ATF_TP_ADD_TC(tp, ioctl);
	ATF_TP_ADD_TC(tp, prctl);
	ATF_TP_ADD_TC(tp, seccomp_kill);
	ATF_TP_ADD_TC(tp, seccomp_errno);
	ATF_TP_ADD_TC(tp, seccomp_errors);
	ATF_TP_ADD_TC(tp, ptrace);
	ATF_TP_ADD_TC(tp, jail);
	ATF_TP_ADD_TC(tp, read_back);
	ATF_TP_ADD_TC(tp, arg_read_back);
	ATF_TP_ADD_TC(tp, encode);
	return atf_no_error();
}
