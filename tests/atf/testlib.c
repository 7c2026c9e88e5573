/*
 * Helpers shared by the ATF test programs (see testlib.h).
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compat.h"
#include "proto/calls.h"
#include "testlib.h"

/* Where a process can adopt its descendants' orphans, and how. */
#if defined(__has_include)
#if __has_include(<sys/prctl.h>)
#include <sys/prctl.h>
#endif
#if __has_include(<sys/procctl.h>)
#include <sys/procctl.h>
#endif
#endif

#ifndef ALCOVE_TEST_PORT
#define ALCOVE_TEST_PORT	"alcove"
#endif

#ifndef ALCOVE_TEST_OS
#define ALCOVE_TEST_OS	"unknown"
#endif

#define RAW_TIMEOUT	20000

const char *
t_backend(void)
{
	return ALCOVE_TEST_OS;
}

void
t_require_backend(const char *os)
{
	if (strcmp(os, ALCOVE_TEST_OS) != 0)
		atf_tc_skip("these checks are for a port built with the %s "
		    "backend; this one was built with %s", os,
		    ALCOVE_TEST_OS);
}

int
t_supported(struct alcove *h, const pid_t *path, size_t npath,
    const char *name)
{
	struct alcove_term *t = NULL;
	char fmt[16];
	int call, arity, err;

	ATF_REQUIRE((call = alcove_call_number(name)) != -1);
	arity = call_info((unsigned int)call)->arity;
	ATF_REQUIRE(arity < (int)sizeof(fmt));
	memset(fmt, 'n', (size_t)arity);
	fmt[arity] = '\0';
	if (call == CALL_select)	/* a timeout of [] would block */
		err = alcove_call(h, path, npath, call, T_TIMEOUT, &t,
		    "nnn{aii}", "alcove_timeval", 0, 0);
	else
		err = alcove_call(h, path, npath, call, T_TIMEOUT, &t, fmt);
	alcove_term_free(t);
	if (err == ALCOVE_EUNSUPPORTED)
		return 0;
	ATF_REQUIRE_MSG(err == 0 || err == ALCOVE_EBADARG, "%s: %s", name,
	    alcove_strerror(err));
	return 1;
}

/*
 * The "alcove" line of the test directory's paths file (written by make
 * for the source tree and by make install for the installed suite, see
 * tests/atf/paths.subr), a relative path taken from that directory; NULL
 * if there is none.
 */
static const char *
paths_port(const atf_tc_t *tc)
{
	static char path[PATH_MAX];
	const char *dir;
	char file[PATH_MAX], line[PATH_MAX + 16], *p;
	FILE *fp;
	int n, found = 0;

	if (!atf_tc_has_config_var(tc, "srcdir"))
		return NULL;
	dir = atf_tc_get_config_var(tc, "srcdir");
	n = snprintf(file, sizeof(file), "%s/paths", dir);
	if (n < 0 || (size_t)n >= sizeof(file) ||
	    (fp = fopen(file, "re")) == NULL)
		return NULL;
	while (!found && fgets(line, sizeof(line), fp) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, "alcove ", 7) != 0)
			continue;
		p = line + 7;
		n = *p == '/' ? snprintf(path, sizeof(path), "%s", p) :
		    snprintf(path, sizeof(path), "%s/%s", dir, p);
		found = n > 0 && (size_t)n < sizeof(path);
	}
	(void)fclose(fp);
	return found ? path : NULL;
}

const char *
t_port(const atf_tc_t *tc)
{
	const char *p;

	if (atf_tc_has_config_var(tc, "port"))
		return atf_tc_get_config_var(tc, "port");
	if ((p = paths_port(tc)) != NULL)
		return p;
	return ALCOVE_TEST_PORT;
}

int
t_wrapped(const atf_tc_t *tc)
{
	return *atf_tc_get_config_var_wd(tc, "port_wrapper", "") != '\0';
}

/* Split the wrapper command on spaces into a NULL-terminated vector. */
static char **
wrapper_words(const atf_tc_t *tc)
{
	static char buf[1024];
	static char *words[64];
	const char *w = atf_tc_get_config_var_wd(tc, "port_wrapper", "");
	size_t n = 0;
	char *p, *save = NULL;

	if (*w == '\0')
		return NULL;
	(void)snprintf(buf, sizeof(buf), "%s", w);
	for (p = strtok_r(buf, " ", &save); p != NULL && n < 63;
	    p = strtok_r(NULL, " ", &save))
		words[n++] = p;
	words[n] = NULL;
	return n > 0 ? words : NULL;
}

void
t_ok(int err, const char *expr, const char *file, int line)
{
	if (err != 0)
		atf_tc_fail_nonfatal("%s:%d: %s: %s (%d)", file, line, expr,
		    alcove_strerror(err), err);
	if (err != 0)
		atf_tc_fail("%s:%d: giving up", file, line);
}

void
t_err(int want, int err, const char *expr, const char *file, int line)
{
	if (err != want)
		atf_tc_fail("%s:%d: %s: expected %s (%d), got %s (%d)", file,
		    line, expr, alcove_strerror(want), want,
		    alcove_strerror(err), err);
}

struct alcove *
t_start_opts(const atf_tc_t *tc, struct alcove_options *o)
{
	struct alcove *h;
	int err;

	o->progname = t_port(tc);
	o->exec = (const char *const *)wrapper_words(tc);
	if (o->timeout == ALCOVE_INFINITY)
		o->timeout = T_TIMEOUT;
	if ((err = alcove_start(&h, o)) != 0)
		atf_tc_fail("alcove_start(%s): %s (%d)", o->progname,
		    alcove_strerror(err), err);
	return h;
}

struct alcove *
t_start(const atf_tc_t *tc)
{
	struct alcove_options o;

	alcove_options_init(&o);
	return t_start_opts(tc, &o);
}

void
t_stop(struct alcove *h)
{
	int status = -1, err;

	err = alcove_stop(h, &status);
	if (err != 0)
		atf_tc_fail("alcove_stop: %s", alcove_strerror(err));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		atf_tc_fail("the port did not exit cleanly: status 0x%x",
		    status);
}

void
t_fork_chain(struct alcove *h, pid_t *path, size_t npath, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		T_OK(alcove_fork(h, path, npath + k, &path[npath + k]));
}

struct alcove_msg *
t_recv(struct alcove *h, const pid_t *path, size_t npath, int types)
{
	struct alcove_msg *m;
	int err;

	if ((err = alcove_recv(h, path, npath, types, T_TIMEOUT, &m)) != 0)
		atf_tc_fail("alcove_recv: %s (%d)", alcove_strerror(err), err);
	return m;
}

int
t_collect(struct alcove *h, const pid_t *path, size_t npath,
    unsigned char **out, size_t *len)
{
	struct alcove_msg *m;
	unsigned char *buf = NULL;
	size_t n = 0;
	int status = -1;

	for (;;) {
		m = t_recv(h, path, npath, ALCOVE_MSG_STDOUT | ALCOVE_MSG_EVENT);
		if (m->type == ALCOVE_MSG_STDOUT) {
			ATF_REQUIRE((buf = realloc(buf, n + m->len + 1)) !=
			    NULL);
			memcpy(buf + n, m->data, m->len);
			n += m->len;
		} else if (alcove_msg_exit(m, &status) == 0) {
			alcove_msg_free(m);
			break;
		}
		alcove_msg_free(m);
	}
	if (buf == NULL)
		ATF_REQUIRE((buf = malloc(1)) != NULL);
	buf[n] = '\0';
	if (out != NULL)
		*out = buf;
	else
		free(buf);
	if (len != NULL)
		*len = n;
	return status;
}

static int reaper;

int
t_subreaper(void)
{
#if defined(PR_SET_CHILD_SUBREAPER)
	ATF_REQUIRE(prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0);
	reaper = 1;
#elif defined(PROC_REAP_ACQUIRE)
	ATF_REQUIRE(procctl(P_PID, getpid(), PROC_REAP_ACQUIRE, NULL) == 0);
	reaper = 1;
#endif
	return reaper;
}

void
t_reap_descendants(void)
{
	int i, status;
	pid_t r;

	if (!reaper)
		return;
	for (i = 0; i < 1000; i++) {
		r = waitpid(-1, &status, WNOHANG);
		if (r == -1 && errno == ECHILD)
			return;
		ATF_REQUIRE_MSG(r != -1 || errno == EINTR, "waitpid: %s",
		    strerror(errno));
		if (r == 0)
			(void)poll(NULL, 0, 10);
	}
	atf_tc_fail("descendants of the port still run 10 s after it exited");
}

/* ---- a tree of processes ---- */

void
t_proc_root(struct t_proc *p, const atf_tc_t *tc)
{
	memset(p, 0, sizeof(*p));
	p->h = t_start(tc);
}

void
t_proc_child(const struct t_proc *p, struct t_proc *c, pid_t pid)
{
	ATF_REQUIRE(p->n + 1 < sizeof(p->path) / sizeof(p->path[0]));
	*c = *p;
	c->path[p->n] = pid;
	c->n = p->n + 1;
}

void
t_proc_fork(const struct t_proc *p, struct t_proc *c)
{
	pid_t pid;

	T_OK(alcove_fork(T_AT(p), &pid));
	t_proc_child(p, c, pid);
}

int
t_proc_collect(const struct t_proc *p, const char **out, const char **err)
{
	struct alcove_msg *m;
	char *b[2] = { NULL, NULL };
	size_t n[2] = { 0, 0 };
	int status = -1, k;

	for (;;) {
		m = t_recv(T_AT(p), ALCOVE_MSG_STDOUT | ALCOVE_MSG_STDERR |
		    ALCOVE_MSG_EVENT);
		if (m->type == ALCOVE_MSG_EVENT) {
			k = alcove_msg_exit(m, &status);
			alcove_msg_free(m);
			if (k == 0)
				break;
			continue;
		}
		k = m->type == ALCOVE_MSG_STDOUT ? 0 : 1;
		ATF_REQUIRE((b[k] = realloc(b[k], n[k] + m->len + 1)) != NULL);
		memcpy(b[k] + n[k], m->data, m->len);
		n[k] += m->len;
		alcove_msg_free(m);
	}
	for (k = 0; k < 2; k++) {
		if (b[k] == NULL)
			ATF_REQUIRE((b[k] = calloc(1, 1)) != NULL);
		b[k][n[k]] = '\0';
	}
	*out = t_keep(b[0]);
	*err = t_keep(b[1]);
	return status;
}

const char *
t_proc_slurp(const struct t_proc *p, const char *file)
{
	char *buf;
	size_t n = 0, got, size = 1 << 20;
	int fd;

	ATF_REQUIRE((buf = malloc(size)) != NULL);
	T_OK(alcove_open(T_AT(p), file, O_RDONLY, 0, &fd));
	do {
		ATF_REQUIRE(n + 65536 < size);
		T_OK(alcove_read(T_AT(p), fd, buf + n, 65536, &got));
		n += got;
	} while (got > 0);
	T_OK(alcove_close(T_AT(p), fd));
	buf[n] = '\0';
	return t_keep(buf);
}

const char *
t_dir_sorted(const struct t_proc *p, const char *dir)
{
	char **names, *tmp;
	size_t n, i, j, len = 0;
	char *s = NULL;
	FILE *f;

	T_OK(alcove_readdir(T_AT(p), dir, &names));
	for (n = 0; names[n] != NULL; n++)
		;
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			tmp = names[j];
			names[j] = names[j - 1];
			names[j - 1] = tmp;
		}
	ATF_REQUIRE((f = open_memstream(&s, &len)) != NULL);
	(void)fputc('[', f);
	for (i = 0; i < n; i++)
		(void)fprintf(f, "%s\"%s\"", i > 0 ? "," : "", names[i]);
	(void)fputc(']', f);
	(void)fclose(f);
	alcove_strv_free(names);
	return t_keep(s);
}

/* ---- replies as Erlang text ---- */

const char *
t_keep(char *s)
{
	static char *slot[64];
	static unsigned int k;
	char **p = &slot[k++ % (sizeof(slot) / sizeof(slot[0]))];

	ATF_REQUIRE(s != NULL);
	free(*p);
	*p = s;
	return s;
}

const char *
t_want(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	ATF_REQUIRE(vasprintf(&s, fmt, ap) != -1);
	va_end(ap);
	return t_keep(s);
}

static int
printable(const unsigned char *p, size_t len)
{
	size_t i;

	if (len == 0)
		return 0;
	for (i = 0; i < len; i++)
		if (p[i] < 0x20 || p[i] > 0x7e || p[i] == '"' || p[i] == '\\')
			return 0;
	return 1;
}

/* An atom Erlang prints without quotes. */
static int
plain_atom(const char *a)
{
	if (*a < 'a' || *a > 'z')
		return 0;
	for (; *a != '\0'; a++)
		if (!isalnum((unsigned char)*a) && *a != '_' && *a != '@')
			return 0;
	return 1;
}

void
t_put_binary(FILE *f, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t i;

	if (printable(p, len)) {
		(void)fprintf(f, "<<\"%.*s\">>", (int)len, (const char *)p);
		return;
	}
	(void)fputs("<<", f);
	for (i = 0; i < len; i++)
		(void)fprintf(f, "%s%u", i > 0 ? "," : "", p[i]);
	(void)fputs(">>", f);
}

void
t_put_term(FILE *f, const struct alcove_term *t)
{
	size_t i;

	switch (t->type) {
	case ALCOVE_TERM_INTEGER:
		(void)fprintf(f, "%s%ju", t->neg ? "-" : "", (uintmax_t)t->mag);
		break;
	case ALCOVE_TERM_ATOM:
		/* Quoted as Erlang would, so that '1' is not 1. */
		if (plain_atom(t->atom))
			(void)fputs(t->atom, f);
		else
			(void)fprintf(f, "'%s'", t->atom);
		break;
	case ALCOVE_TERM_BINARY:
		t_put_binary(f, t->data, t->len);
		break;
	case ALCOVE_TERM_TUPLE:
	case ALCOVE_TERM_LIST:
		(void)fputc(t->type == ALCOVE_TERM_TUPLE ? '{' : '[', f);
		for (i = 0; i < t->n; i++) {
			if (i > 0)
				(void)fputc(',', f);
			t_put_term(f, &t->e[i]);
		}
		(void)fputc(t->type == ALCOVE_TERM_TUPLE ? '}' : ']', f);
		break;
	default:
		(void)fprintf(f, "<type %d>", t->type);
	}
}

const char *
t_term_text(const struct alcove_term *t)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f;

	ATF_REQUIRE((f = open_memstream(&s, &n)) != NULL);
	t_put_term(f, t);
	(void)fclose(f);
	return t_keep(s);
}

const char *
t_binary_text(const void *data, size_t len)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f;

	ATF_REQUIRE((f = open_memstream(&s, &n)) != NULL);
	t_put_binary(f, data, len);
	(void)fclose(f);
	return t_keep(s);
}

const char *
t_reply_text(int err, const struct alcove_term *t)
{
	if (err == ALCOVE_EBADARG)
		return "badarg";
	if (err == ALCOVE_EUNDEF)
		return "undef";
	if (err == ALCOVE_EUNSUPPORTED)
		return "{error,unsupported}";
	if (err != 0)
		return t_want("<%s (%d)>", alcove_strerror(err), err);
	if (t == NULL)
		return "<no reply>";
	return t_term_text(t);
}

int
t_call_no(const char *name)
{
	int n;

	ATF_REQUIRE_MSG((n = alcove_call_number(name)) != -1, "%s", name);
	return n;
}

struct alcove_term *t_reply;

const char *
t_outcome(int err)
{
	const char *s;

	s = t_reply_text(err, t_reply);
	alcove_term_free(t_reply);
	t_reply = NULL;
	return s;
}

void
t_compare(int line, int fatal, const char *name, const char *want,
    const char *got)
{
	if (strcmp(want, got) == 0)
		return;
	if (fatal)
		atf_tc_fail("line %d: %s: expected %s, got %s", line, name,
		    want, got);
	atf_tc_fail_nonfatal("line %d: %s: expected %s, got %s", line, name,
	    want, got);
}

long long
t_ok_int(int line, const char *name, const char *got)
{
	long long v;
	int end = 0;

	if (sscanf(got, "{ok,%lld}%n", &v, &end) != 1 || got[end] != '\0')
		atf_tc_fail("line %d: %s: expected {ok,Integer}, got %s", line,
		    name, got);
	return v;
}

/* ---- the system: files, namespaces, mount tables ---- */

size_t
t_slurp(const char *file, char *buf, size_t size)
{
	size_t n;
	FILE *f;

	ATF_REQUIRE_MSG((f = fopen(file, "r")) != NULL, "%s: %s", file,
	    strerror(errno));
	n = fread(buf, 1, size - 1, f);
	(void)fclose(f);
	buf[n] = '\0';
	return n;
}

void
t_write_file(const char *file, const void *data, size_t len)
{
	FILE *f;

	ATF_REQUIRE_MSG((f = fopen(file, "w")) != NULL, "%s: %s", file,
	    strerror(errno));
	ATF_REQUIRE(fwrite(data, 1, len, f) == len);
	ATF_REQUIRE(fclose(f) == 0);
}

const char *
t_here(const char *name)
{
	char cwd[PATH_MAX];

	ATF_REQUIRE(getcwd(cwd, sizeof(cwd)) != NULL);
	return t_want("%s/%s", cwd, name);
}

const char *
t_ns_of(pid_t pid, const char *ns)
{
	char link[256];
	const char *file;
	ssize_t n;

	file = pid == 0 ? t_want("/proc/self/ns/%s", ns) :
	    t_want("/proc/%d/ns/%s", (int)pid, ns);
	ATF_REQUIRE_MSG((n = readlink(file, link, sizeof(link) - 1)) > 0,
	    "%s: %s", file, strerror(errno));
	link[n] = '\0';
	return t_want("%s", link);
}

const char *
t_mount_point(const char *line, const char *end, size_t *len)
{
	const char *p, *q;
	int field;

	for (p = line, field = 0; field < 4 && p < end; p++)
		if (*p == ' ')
			field++;
	if (field < 4)
		return NULL;
	for (q = p; q < end && *q != ' '; q++)
		;
	*len = (size_t)(q - p);
	return p;
}

const char *
t_host_mountinfo(void)
{
	static char info[1 << 20];

	(void)t_slurp("/proc/self/mountinfo", info, sizeof(info));
	return info;
}

const char *
t_mount_line(const char *info, const char *dir)
{
	const char *line, *end, *p, *found = T_NOT_MOUNTED;
	size_t len, dlen = strlen(dir);

	for (line = info; *line != '\0'; line = end + (*end != '\0')) {
		if ((end = strchr(line, '\n')) == NULL)
			end = line + strlen(line);
		if ((p = t_mount_point(line, end, &len)) != NULL &&
		    len == dlen && strncmp(p, dir, dlen) == 0 &&
		    p + len < end)
			found = t_want("%.*s", (int)(end - p - len - 1),
			    p + len + 1);
	}
	return found;
}

const char *
t_host_mount_line(const char *dir)
{
	return t_mount_line(t_host_mountinfo(), dir);
}

const char *
t_proc_mount_line(const struct t_proc *p, const char *dir)
{
	return t_mount_line(t_proc_slurp(p, "/proc/self/mountinfo"), dir);
}

uint32_t
t_audit_arch(const struct t_proc *p)
{
	uint64_t v = 0;

#if defined(__x86_64__)
	T_OK(alcove_constant(T_AT(p), "syscall", "audit_arch_x86_64", &v));
#else
	(void)p;
	atf_tc_skip("the seccomp filters of the tests are written for x86_64");
#endif
	return (uint32_t)v;
}

/* ---- raw ---- */

void
raw_write(struct rawport *p, const void *data, size_t len)
{
	const unsigned char *s = data;
	ssize_t n;

	while (len > 0) {
		n = write(p->in, s, len);
		if (n == -1 && errno == EINTR)
			continue;
		ATF_REQUIRE_MSG(n > 0, "write to port: %s", strerror(errno));
		s += n;
		len -= (size_t)n;
	}
}

void
raw_read(struct rawport *p, void *buf, size_t len)
{
	struct pollfd pf = { p->out, POLLIN, 0 };
	unsigned char *d = buf;
	ssize_t n;

	while (len > 0) {
		ATF_REQUIRE_MSG(poll(&pf, 1, RAW_TIMEOUT) == 1,
		    "timed out reading from the port");
		n = read(p->out, d, len);
		if (n == -1 && errno == EINTR)
			continue;
		ATF_REQUIRE_MSG(n > 0, "port closed its stdout (%zd)", n);
		d += n;
		len -= (size_t)n;
	}
}

size_t
raw_msg(struct rawport *p, unsigned char *buf, size_t size)
{
	size_t len;

	ATF_REQUIRE(size >= 2);
	raw_read(p, buf, 2);
	len = (size_t)buf[0] << 8 | buf[1];
	ATF_REQUIRE_MSG(len + 2 <= size, "message of %zu bytes", len + 2);
	raw_read(p, buf + 2, len);
	return len + 2;
}

static void
hex(char *out, size_t size, const unsigned char *b, size_t n)
{
	size_t i, o = 0;

	for (i = 0; i < n && o + 4 < size; i++)
		o += (size_t)snprintf(out + o, size - o, "%02x ", b[i]);
	out[o] = '\0';
}

void
raw_expect(struct rawport *p, const void *want, size_t n)
{
	unsigned char got[65540];
	char a[1024], b[1024];
	size_t len;

	len = raw_msg(p, got, sizeof(got));
	if (len != n || memcmp(got, want, n) != 0) {
		hex(a, sizeof(a), want, n);
		hex(b, sizeof(b), got, len);
		atf_tc_fail("expected %s; got %s", a, b);
	}
}

size_t
raw_call(unsigned char *buf, int call, const void *args, size_t len)
{
	buf[0] = (unsigned char)((len + 4) >> 8);
	buf[1] = (unsigned char)(len + 4);
	buf[2] = 0;
	buf[3] = 4;
	buf[4] = (unsigned char)(call >> 8);
	buf[5] = (unsigned char)call;
	memcpy(buf + 6, args, len);
	return len + 6;
}

size_t
raw_stdin(unsigned char *buf, uint32_t pid, const void *msg, size_t len)
{
	memmove(buf + 8, msg, len);
	buf[0] = (unsigned char)((len + 6) >> 8);
	buf[1] = (unsigned char)(len + 6);
	buf[2] = 0;
	buf[3] = 0;
	buf[4] = (unsigned char)(pid >> 24);
	buf[5] = (unsigned char)(pid >> 16);
	buf[6] = (unsigned char)(pid >> 8);
	buf[7] = (unsigned char)pid;
	return len + 8;
}

pid_t
raw_ok_pid(const unsigned char *m, size_t len)
{
	/* 00 0e 00 04 83 68 02 77 02 6f 6b 62 P P P P, or 61 P */
	static const unsigned char head[] = { 0x00, 0x04, 0x83, 0x68, 0x02,
	    0x77, 0x02, 0x6f, 0x6b };

	ATF_REQUIRE(len >= 13 && memcmp(m + 2, head, sizeof(head)) == 0);
	if (m[11] == 0x61)
		return m[12];
	ATF_REQUIRE(m[11] == 0x62 && len == 16);
	return (pid_t)((uint32_t)m[12] << 24 | (uint32_t)m[13] << 16 |
	    (uint32_t)m[14] << 8 | m[15]);
}

void
raw_start(const atf_tc_t *tc, struct rawport *p)
{
	static const unsigned char ok[] = { 0x00, 0x07, 0x00, 0x04, 0x83,
	    0x77, 0x02, 0x6f, 0x6b };
	int in[2], out[2], err[2];
	unsigned char msg[4200], args[4200];
	char fifo[256], cwd[200], *argv[72], **w;
	size_t n = 0, len;

	(void)snprintf(fifo, sizeof(fifo), "%s/fdctl.%ld",
	    getcwd(cwd, sizeof(cwd)) != NULL ? cwd : ".", (long)getpid());
	(void)unlink(fifo);
	ATF_REQUIRE(pipe(in) == 0 && pipe(out) == 0 && pipe(err) == 0);
	if ((w = wrapper_words(tc)) != NULL)
		while (*w != NULL && n < 64)
			argv[n++] = *w++;
	argv[n++] = (char *)t_port(tc);
	argv[n++] = "-c";
	argv[n++] = fifo;
	argv[n] = NULL;
	ATF_REQUIRE((p->pid = fork()) != -1);
	if (p->pid == 0) {
		(void)dup2(in[0], 0);
		(void)dup2(out[1], 1);
		(void)dup2(err[1], 2);
		closefrom(3);
		execvp(argv[0], argv);
		_exit(127);
	}
	(void)close(in[0]);
	(void)close(out[1]);
	(void)close(err[1]);
	p->in = in[1];
	p->out = out[0];
	p->err = err[0];
	(void)signal(SIGPIPE, SIG_IGN);
	raw_expect(p, ok, sizeof(ok));
	ATF_REQUIRE((p->fifo = open(fifo, O_RDONLY | O_NONBLOCK)) != -1);
	/* unlink(Fifo) as the Erlang driver sends it: a string argument */
	len = strlen(fifo);
	args[0] = 0x83;
	args[1] = 0x68;
	args[2] = 0x01;
	args[3] = 0x6b;
	args[4] = (unsigned char)(len >> 8);
	args[5] = (unsigned char)len;
	memcpy(args + 6, fifo, len);
	raw_write(p, msg, raw_call(msg, 93, args, len + 6));
	raw_expect(p, ok, sizeof(ok));
}

int
raw_eof(struct rawport *p, int timeout)
{
	struct pollfd pf = { p->out, POLLIN, 0 };
	unsigned char b[4096];

	while (poll(&pf, 1, timeout) == 1) {
		ssize_t n = read(p->out, b, sizeof(b));

		if (n == 0)
			return 1;
		if (n < 0 && errno != EINTR)
			return 1;
	}
	return 0;
}

int
raw_finish(struct rawport *p, char *errbuf, size_t size)
{
	int status;
	size_t got = 0;
	ssize_t n;

	if (p->in != -1)
		(void)close(p->in);
	p->in = -1;
	while (waitpid(p->pid, &status, 0) == -1)
		ATF_REQUIRE(errno == EINTR);
	if (errbuf != NULL && size > 0) {
		(void)fcntl(p->err, F_SETFL, O_NONBLOCK);
		while (got + 1 < size &&
		    (n = read(p->err, errbuf + got, size - 1 - got)) > 0)
			got += (size_t)n;
		errbuf[got] = '\0';
	}
	(void)close(p->out);
	(void)close(p->err);
	(void)close(p->fifo);
	return status;
}

int
t_exited(pid_t pid)
{
	char path[64], buf[512], *p;
	FILE *f;
	int zombie = 0;

	if (kill(pid, 0) == -1 && errno == ESRCH)
		return 1;
	(void)snprintf(path, sizeof(path), "/proc/%ld/stat", (long)pid);
	if ((f = fopen(path, "r")) == NULL)	/* no /proc, or just gone */
		return kill(pid, 0) == -1 && errno == ESRCH;
	if (fgets(buf, sizeof(buf), f) != NULL &&
	    (p = strrchr(buf, ')')) != NULL && p[1] == ' ')
		zombie = p[2] == 'Z' || p[2] == 'X';
	(void)fclose(f);
	return zombie;
}

void
t_require_exited(pid_t pid, const char *what)
{
	int waited;

	for (waited = 0; waited < T_GONE_TIMEOUT; waited += 20) {
		if (t_exited(pid))
			return;
		(void)poll(NULL, 0, 20);
	}
	atf_tc_fail("%s (pid %ld) is still running", what, (long)pid);
}

/* ---- expected messages ---- */

size_t
t_put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
	return 4;
}

size_t
t_etf_nested(unsigned char *b, int levels)
{
	size_t n = 0;
	int i;

	for (i = 0; i < levels; i++) {
		b[n++] = 0x6c;
		n += t_put32(b + n, 1);
	}
	b[n++] = 0x6d;
	n += t_put32(b + n, 1);
	b[n++] = 'a';
	for (i = 0; i < levels; i++)
		b[n++] = 0x6a;
	return n;
}

void
wb_raw(struct wb *w, const void *data, size_t n)
{
	ATF_REQUIRE(w->n + n <= sizeof(w->b));
	memcpy(w->b + w->n, data, n);
	w->n += n;
}

void
wb_u8(struct wb *w, unsigned int v)
{
	unsigned char c = (unsigned char)v;

	wb_raw(w, &c, 1);
}

void
wb_u32(struct wb *w, uint32_t v)
{
	wb_u8(w, v >> 24);
	wb_u8(w, (v >> 16) & 0xff);
	wb_u8(w, (v >> 8) & 0xff);
	wb_u8(w, v & 0xff);
}

void
wb_int(struct wb *w, int64_t v)
{
	ATF_REQUIRE(v >= -(1 << 27) && v < (1 << 27));
	if (v >= 0 && v <= 255) {
		wb_u8(w, 0x61);
		wb_u8(w, (unsigned int)v);
	} else {
		wb_u8(w, 0x62);
		wb_u32(w, (uint32_t)v);
	}
}

void
wb_atom(struct wb *w, const char *a)
{
	wb_u8(w, 0x77);
	wb_u8(w, (unsigned int)strlen(a));
	wb_raw(w, a, strlen(a));
}

void
wb_binary(struct wb *w, const void *data, size_t n)
{
	wb_u8(w, 0x6d);
	wb_u32(w, (uint32_t)n);
	wb_raw(w, data, n);
}

void
wb_string(struct wb *w, const char *s)
{
	size_t n = strlen(s);

	ATF_REQUIRE(n > 0 && n <= 65535);
	wb_u8(w, 0x6b);
	wb_u8(w, (unsigned int)(n >> 8));
	wb_u8(w, (unsigned int)(n & 0xff));
	wb_raw(w, s, n);
}

void
wb_frame(struct wb *w, int type)
{
	ATF_REQUIRE(w->n + 4 <= sizeof(w->b));
	memmove(w->b + 4, w->b, w->n);
	w->b[0] = (unsigned char)((w->n + 2) >> 8);
	w->b[1] = (unsigned char)(w->n + 2);
	w->b[2] = 0;
	w->b[3] = (unsigned char)type;
	w->n += 4;
}

void
wb_envelope(struct wb *w, int type, uint32_t pid)
{
	ATF_REQUIRE(w->n + 8 <= sizeof(w->b));
	memmove(w->b + 8, w->b, w->n);
	w->b[0] = (unsigned char)((w->n + 6) >> 8);
	w->b[1] = (unsigned char)(w->n + 6);
	w->b[2] = 0;
	w->b[3] = (unsigned char)type;
	w->b[4] = (unsigned char)(pid >> 24);
	w->b[5] = (unsigned char)(pid >> 16);
	w->b[6] = (unsigned char)(pid >> 8);
	w->b[7] = (unsigned char)pid;
	w->n += 8;
}

void
wb_from(struct wb *w, const pid_t *path, size_t npath)
{
	size_t k;

	for (k = npath; k > 0; k--)
		wb_envelope(w, 3, (uint32_t)path[k - 1]);
}

void
wb_ctl(struct wb *w, const pid_t *path, size_t npath, const char *atom)
{
	w->n = 0;
	wb_u8(w, 0x83);
	wb_atom(w, atom);
	wb_frame(w, 6);
	wb_from(w, path, npath);
}

void
wb_reply_int(struct wb *w, const pid_t *path, size_t npath, int64_t v)
{
	w->n = 0;
	wb_u8(w, 0x83);
	wb_int(w, v);
	wb_frame(w, 4);
	wb_from(w, path, npath);
}

void
raw_send_at(struct rawport *p, const pid_t *path, size_t npath, int call,
    const void *args, size_t n)
{
	unsigned char m[8200];
	size_t len, k;

	ATF_REQUIRE(n + 6 + 8 * npath <= sizeof(m));
	len = raw_call(m, call, args, n);
	for (k = npath; k > 0; k--)
		len = raw_stdin(m, (uint32_t)path[k - 1], m, len);
	raw_write(p, m, len);
}

void
raw_expect_getpid(struct rawport *p, const pid_t *path, size_t npath,
    pid_t pid)
{
	struct wb w;

	raw_send_at(p, path, npath, CALL_getpid, T_BYTES(0x83, 0x68, 0x00));
	wb_reply_int(&w, path, npath, pid);
	raw_expect(p, w.b, w.n);
}

void
raw_expect_ctl(struct rawport *p, const pid_t *path, size_t npath,
    const char *atom)
{
	struct wb w;

	wb_ctl(&w, path, npath, atom);
	raw_expect(p, w.b, w.n);
}

/* ---- both directions at once ---- */

void
ob_read(struct rawport *p, struct outbuf *ob)
{
	ssize_t n;

	ATF_REQUIRE((ob->data = realloc(ob->data, ob->len + 65536)) != NULL);
	n = read(p->out, ob->data + ob->len, 65536);
	if (n == -1 && errno == EINTR)
		return;
	ATF_REQUIRE_MSG(n > 0, "the port closed its stdout");
	ob->len += (size_t)n;
}

void
ob_write(struct rawport *p, struct outbuf *ob, const unsigned char *data,
    size_t len)
{
	struct pollfd pf[2];
	int flags;
	ssize_t n;

	ATF_REQUIRE((flags = fcntl(p->in, F_GETFL)) != -1);
	ATF_REQUIRE(fcntl(p->in, F_SETFL, flags | O_NONBLOCK) == 0);
	while (len > 0) {
		pf[0].fd = p->in;
		pf[0].events = POLLOUT;
		pf[1].fd = p->out;
		pf[1].events = POLLIN;
		pf[0].revents = pf[1].revents = 0;
		ATF_REQUIRE_MSG(poll(pf, 2, T_TIMEOUT) > 0,
		    "the port neither reads nor writes");
		if (pf[1].revents & (POLLIN | POLLHUP | POLLERR))
			ob_read(p, ob);
		if (pf[0].revents & (POLLOUT | POLLERR)) {
			n = write(p->in, data, len);
			if (n == -1 && (errno == EAGAIN || errno == EINTR))
				continue;
			ATF_REQUIRE_MSG(n > 0, "write: %s", strerror(errno));
			data += n;
			len -= (size_t)n;
		}
	}
	ATF_REQUIRE(fcntl(p->in, F_SETFL, flags) == 0);
}

void
ob_bytes(struct rawport *p, struct outbuf *ob, unsigned char *buf, size_t n)
{
	struct pollfd pf = { p->out, POLLIN, 0 };

	while (ob->len - ob->off < n) {
		ATF_REQUIRE_MSG(poll(&pf, 1, T_TIMEOUT) == 1,
		    "timed out reading from the port");
		ob_read(p, ob);
	}
	memcpy(buf, ob->data + ob->off, n);
	ob->off += n;
}
