/*
 * alcovectl sh: the protocol, one line a call.  A line is
 *
 *	[Var =] [[Pid ...]] call [argument ...]
 *
 * with the arguments in Erlang's term syntax; the reply is printed the same
 * way, and so is everything the processes say, tagged with their path.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proto/calls.h"
#include "cli/cli.h"

#define LINE_MAX_LEN	65536
#define TREE_CMD_MAX	128

/* A process the session made, as the session knows it. */
struct proc {
	pid_t	 path[ALCOVE_PATH_MAX];
	size_t	 npath;
	int	 state;			/* PROC_* */
	int	 status;		/* PROC_EXITED: wait(2) status */
	char	 cmd[TREE_CMD_MAX];	/* PROC_EXEC: what it runs */
};

#define PROC_ALCOVE	0
#define PROC_EXEC	1
#define PROC_EXITED	2

struct session {
	struct alcove	*h;
	struct cli_vars	 vars;
	struct proc	*procs;
	size_t		 nprocs;
	int		 keep_going;	/* -k: an error does not stop */
	int		 timeout;
	unsigned long	 lineno;
	const char	*where;		/* "-c", a file name, "stdin" */
	int		 failed;
};

static void	tree_changed(struct session *);

static void
usage_sh(void)
{
	fprintf(stderr, "usage: %s sh [-k] [-p port] [-t timeout] "
	    "[-c script | file]\n", cli_progname);
}

static void
complain(struct session *s, const char *msg)
{
	fprintf(stderr, "%s: %s:%lu: %s\n", cli_progname, s->where, s->lineno,
	    msg);
}

static void
print_path(FILE *f, const pid_t *path, size_t npath)
{
	size_t i;

	fputc('[', f);
	for (i = 0; i < npath; i++)
		fprintf(f, "%s%ld", i > 0 ? " " : "", (long)path[i]);
	fputc(']', f);
}

static struct proc *
proc_find(struct session *s, const pid_t *path, size_t npath)
{
	size_t i;

	for (i = 0; i < s->nprocs; i++)
		if (s->procs[i].npath == npath &&
		    memcmp(s->procs[i].path, path, npath * sizeof(*path)) == 0)
			return &s->procs[i];
	return NULL;
}

static void
proc_add(struct session *s, const pid_t *parent, size_t nparent, pid_t pid)
{
	struct proc *p;

	if (nparent >= ALCOVE_PATH_MAX ||
	    (p = reallocarray(s->procs, s->nprocs + 1, sizeof(*p))) == NULL)
		return;
	s->procs = p;
	p = &s->procs[s->nprocs++];
	memset(p, 0, sizeof(*p));
	memcpy(p->path, parent, nparent * sizeof(*parent));
	p->path[nparent] = pid;
	p->npath = nparent + 1;
	p->state = PROC_ALCOVE;
	tree_changed(s);
}

static void
print_tree(struct session *s, FILE *f)
{
	struct proc *p;
	size_t i;

	for (i = 0; i < s->nprocs; i++) {
		p = &s->procs[i];
		print_path(f, p->path, p->npath);
		if (p->state == PROC_ALCOVE)
			fputs(" alcove\n", f);
		else if (p->state == PROC_EXEC)
			fprintf(f, " exec %s\n", p->cmd);
		else if (WIFEXITED(p->status))
			fprintf(f, " exited %d\n", WEXITSTATUS(p->status));
		else
			fprintf(f, " killed %d\n", WTERMSIG(p->status));
	}
}

static void
print_tree_to(void *arg, FILE *f)
{
	print_tree(arg, f);
}

/* Keep alcovectl tree's copy current; it is a convenience, not a duty. */
static void
tree_changed(struct session *s)
{
	(void)cli_tree_save(print_tree_to, s);
}

static void
print_msg(struct session *s, const struct alcove_msg *m)
{
	struct proc *p;
	int status;

	print_path(stdout, m->path, m->npath);
	switch (m->type) {
	case ALCOVE_MSG_STDOUT:
	case ALCOVE_MSG_STDERR: {
		struct alcove_term t;

		memset(&t, 0, sizeof(t));
		t.type = ALCOVE_TERM_BINARY;
		t.data = m->data;
		t.len = m->len;
		fputs(m->type == ALCOVE_MSG_STDOUT ? " stdout " : " stderr ",
		    stdout);
		cli_print_term(stdout, &t);
		break;
	}
	case ALCOVE_MSG_EVENT:
		fputs(" event ", stdout);
		cli_print_term(stdout, m->term);
		if (alcove_msg_exit(m, &status) == 0 &&
		    (p = proc_find(s, m->path, m->npath)) != NULL) {
			p->state = PROC_EXITED;
			p->status = status;
			tree_changed(s);
		}
		break;
	case ALCOVE_MSG_CTL:
		printf(" ctl %s", (const char *)m->data);
		break;
	case ALCOVE_MSG_PIPE:
		printf(" pipe %llu", (unsigned long long)m->pipe);
		break;
	}
	fputc('\n', stdout);
}

/* Print what the processes said within timeout ms (0: what is there). */
static int
drain(struct session *s, const pid_t *path, size_t npath, int timeout,
    int until_exit)
{
	struct alcove_msg *m;
	int err, status, exited;

	for (;;) {
		err = alcove_recv(s->h, path, path == NULL ? 0 : npath,
		    ALCOVE_MSG_ANY, timeout, &m);
		if (err != 0)
			return err == ALCOVE_ETIMEDOUT ? 0 : err;
		exited = alcove_msg_exit(m, &status) == 0;
		print_msg(s, m);
		alcove_msg_free(m);
		if (until_exit && exited)
			return 0;
	}
}

/* "[1 2 C]": a fork path of integers and variables. */
static int
parse_path(struct session *s, const char **lp, pid_t *path, size_t *npath)
{
	const char *p = *lp + 1, *start;
	char *end;
	int64_t v;
	long long n;

	*npath = 0;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == ']')
			break;
		if (*npath == ALCOVE_PATH_MAX) {
			complain(s, "fork path longer than 255");
			return -1;
		}
		start = p;
		if (isdigit((unsigned char)*p)) {
			errno = 0;
			n = strtoll(p, &end, 10);
			if (errno != 0 || n <= 0 || n > INT32_MAX) {
				complain(s, "bad pid in the fork path");
				return -1;
			}
			p = end;
			v = n;
		} else if (isupper((unsigned char)*p) || *p == '_') {
			while (isalnum((unsigned char)*p) || *p == '_')
				p++;
			if (cli_var_get(&s->vars, start, (size_t)(p - start),
			    &v) == -1) {
				complain(s, "unbound variable in the fork path");
				return -1;
			}
		} else {
			complain(s, *p == '\0' ? "missing ']' after the fork "
			    "path" : "a fork path holds pids and variables");
			return -1;
		}
		path[(*npath)++] = (pid_t)v;
	}
	*lp = p + 1;
	return 0;
}

/* The call, with 0 to 8 raw arguments. */
static int
send_call(struct session *s, const pid_t *path, size_t npath, int call,
    const struct cli_arg *a, int n, struct alcove_term **reply)
{
	static const char *const fmt[] = { "", "r", "rr", "rrr", "rrrr",
	    "rrrrr", "rrrrrr", "rrrrrrr", "rrrrrrrr" };
	const unsigned char *d[CLI_ARGS_MAX];
	size_t l[CLI_ARGS_MAX];
	int i;

	for (i = 0; i < CLI_ARGS_MAX; i++) {
		d[i] = i < n ? a[i].data : NULL;
		l[i] = i < n ? a[i].len : 0;
	}
	return alcove_call(s->h, path, npath, call, s->timeout, reply, fmt[n],
	    d[0], l[0], d[1], l[1], d[2], l[2], d[3], l[3], d[4], l[4], d[5],
	    l[5], d[6], l[6], d[7], l[7]);
}

/* What a call's outcome looks like when the library took the term. */
static const char *
outcome_atom(int err)
{
	switch (err) {
	case ALCOVE_EBADARG:	return "badarg";
	case ALCOVE_EUNDEF:	return "undef";
	case ALCOVE_EUNSUPPORTED: return "{error,unsupported}";
	case ALCOVE_ETIMEDOUT:	return "timeout";
	case ALCOVE_EBADPID:	return "badpid";
	default:		return NULL;
	}
}

static int
reply_failed(const struct alcove_term *t)
{
	return t != NULL && t->type == ALCOVE_TERM_TUPLE && t->n == 2 &&
	    alcove_term_atom(&t->e[0], "error");
}

/* The integer a reply binds: N or {ok, N}. */
static int
reply_value(const struct alcove_term *t, int64_t *v)
{
	if (t == NULL)
		return -1;
	if (alcove_term_int(t, v) == 0)
		return 0;
	if (t->type == ALCOVE_TERM_TUPLE && t->n == 2 &&
	    alcove_term_atom(&t->e[0], "ok"))
		return alcove_term_int(&t->e[1], v);
	return -1;
}

static void
note_exec(struct session *s, const pid_t *path, size_t npath,
    const char *args)
{
	struct proc *p;

	if ((p = proc_find(s, path, npath)) == NULL)
		return;
	p->state = PROC_EXEC;
	(void)snprintf(p->cmd, sizeof(p->cmd), "%s", args);
	tree_changed(s);
}

static int
builtin(struct session *s, const char *word, size_t wlen, const pid_t *path,
    size_t npath, const char *rest)
{
	char *end;
	long ms;

	if (wlen == 4 && memcmp(word, "tree", 4) == 0) {
		print_tree(s, stdout);
		return 0;
	}
	if (wlen == 4 && memcmp(word, "wait", 4) == 0) {
		if (npath == 0) {
			complain(s, "wait needs the path of a process");
			return EXIT_USAGE;
		}
		return drain(s, path, npath, s->timeout, 1) == 0 ? 0 : 1;
	}
	if (wlen == 4 && memcmp(word, "recv", 4) == 0) {
		errno = 0;
		ms = strtol(rest, &end, 10);
		if (*rest == '\0')
			ms = 0;
		else if (errno != 0 || ms < 0 || ms > 3600000 ||
		    (*end != '\0' && !isspace((unsigned char)*end))) {
			complain(s, "recv takes milliseconds");
			return EXIT_USAGE;
		}
		return drain(s, npath > 0 ? path : NULL, npath, (int)ms, 0) ==
		    0 ? 0 : 1;
	}
	return -1;
}

/* One line: 0, 1 (the call failed) or EXIT_USAGE (it could not be read). */
static int
run_line(struct session *s, const char *line)
{
	pid_t path[ALCOVE_PATH_MAX];
	struct cli_arg args[CLI_ARGS_MAX];
	const struct call_info *ci;
	struct alcove_term *reply = NULL;
	const char *p = line, *var = NULL, *word;
	unsigned char *buf = NULL;
	char err[256], name[64];
	size_t npath = 0, varlen = 0, wlen;
	int64_t v;
	int call, n, rc, e;

	while (isspace((unsigned char)*p))
		p++;
	if (*p == '\0' || *p == '#' || *p == '%')
		return 0;
	/* "Var = ..." */
	if (isupper((unsigned char)*p) || *p == '_') {
		const char *q = p;

		while (isalnum((unsigned char)*q) || *q == '_')
			q++;
		varlen = (size_t)(q - p);
		while (*q == ' ' || *q == '\t')
			q++;
		if (*q != '=') {
			complain(s, "a line starts with a variable only to bind "
			    "it: Var = call ...");
			return EXIT_USAGE;
		}
		var = p;
		p = q + 1;
		while (isspace((unsigned char)*p))
			p++;
	}
	if (*p == '[' && parse_path(s, &p, path, &npath) == -1)
		return EXIT_USAGE;
	while (isspace((unsigned char)*p))
		p++;
	word = p;
	while (isalnum((unsigned char)*p) || *p == '_')
		p++;
	wlen = (size_t)(p - word);
	if (wlen == 0) {
		complain(s, "a call's name is missing");
		return EXIT_USAGE;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (var == NULL && (rc = builtin(s, word, wlen, path, npath, p)) >= 0)
		return rc;
	if (wlen >= sizeof(name) ||
	    (memcpy(name, word, wlen), name[wlen] = '\0',
	    (call = alcove_call_number(name)) == -1)) {
		(void)snprintf(err, sizeof(err), "no such call: %.*s",
		    (int)(wlen > 60 ? 60 : wlen), word);
		complain(s, err);
		return EXIT_USAGE;
	}
	ci = call_info((unsigned int)call);
	if ((n = cli_parse_args(p, &s->vars, args, CLI_ARGS_MAX, &buf, err,
	    sizeof(err))) == -1) {
		complain(s, err);
		return EXIT_USAGE;
	}
	if (n != ci->arity) {
		(void)snprintf(err, sizeof(err), "%s takes %d argument%s, not %d",
		    ci->name, ci->arity, ci->arity == 1 ? "" : "s", n);
		complain(s, err);
		free(buf);
		return EXIT_USAGE;
	}
	e = send_call(s, path, npath, call, args, n, &reply);
	free(buf);
	rc = 0;
	if (e == 0 && reply == NULL) {
		/* exec, exit: no answer is success. */
		puts("ok");
		if (ci->reply == NOREPLY && call != CALL_exit)
			note_exec(s, path, npath, p);
	} else if (e == 0) {
		cli_print_term(stdout, reply);
		fputc('\n', stdout);
		if (reply_failed(reply))
			rc = 1;
		else if ((call == CALL_fork || call == CALL_clone) &&
		    reply_value(reply, &v) == 0)
			proc_add(s, path, npath, (pid_t)v);
	} else if (outcome_atom(e) != NULL) {
		puts(outcome_atom(e));
		rc = 1;
	} else {
		(void)snprintf(err, sizeof(err), "%s: %s", ci->name,
		    alcove_strerror(e));
		complain(s, err);
		rc = 1;
	}
	if (var != NULL && rc == 0) {
		if (reply_value(reply, &v) == -1) {
			complain(s, "the reply has no integer to bind");
			rc = 1;
		} else if (cli_var_set(&s->vars, var, varlen, v) != 0) {
			complain(s, "the variable is bound to another value");
			rc = 1;
		}
	}
	alcove_term_free(reply);
	fflush(stdout);
	(void)drain(s, NULL, 0, 0, 0);
	fflush(stdout);
	return rc;
}

/* The first ';' outside quotes, or NULL. */
static char *
find_semicolon(char *p)
{
	char quote = 0;

	for (; *p != '\0'; p++) {
		if (quote != 0) {
			if (*p == '\\' && p[1] != '\0')
				p++;
			else if (*p == quote)
				quote = 0;
		} else if (*p == '"' || *p == '\'') {
			quote = *p;
		} else if (*p == ';') {
			return p;
		}
	}
	return NULL;
}

/* Run the lines of a script; ';' separates calls as a newline does. */
static int
run_script(struct session *s, struct lineedit *le, const char *text)
{
	char *line = NULL, *cur, *semi;
	const char *t = text, *l;
	int rc, worst = 0;

	for (;;) {
		if (text != NULL) {
			const char *nl;
			size_t n;

			if (*t == '\0')
				break;
			nl = strchr(t, '\n');
			n = nl != NULL ? (size_t)(nl - t) : strlen(t);
			free(line);
			if ((line = strndup(t, n)) == NULL)
				return 1;
			t += n + (nl != NULL);
		} else {
			if ((l = lineedit_get(le)) == NULL)
				break;
			free(line);
			if ((line = strdup(l)) == NULL)
				return 1;
			if (strlen(line) >= LINE_MAX_LEN) {
				s->lineno++;
				complain(s, "line too long");
				worst = EXIT_USAGE;
				break;
			}
		}
		s->lineno++;
		for (cur = line; cur != NULL; cur = semi) {
			if ((semi = find_semicolon(cur)) != NULL)
				*semi++ = '\0';
			rc = run_line(s, cur);
			if (rc > worst)
				worst = rc;
			if (rc != 0 && !s->keep_going) {
				free(line);
				return rc;
			}
		}
	}
	free(line);
	return worst;
}

int
cmd_sh(int argc, char **argv)
{
	struct alcove_options opt;
	struct session s;
	struct lineedit *le = NULL;
	const char *script = NULL, *port, *errstr;
	FILE *in = stdin;
	int c, rc, err, status;

	memset(&s, 0, sizeof(s));
	s.timeout = 10000;
	s.where = "stdin";
	alcove_options_init(&opt);
	if ((port = getenv("ALCOVE_PORT")) != NULL)
		opt.progname = port;
	optind = 1;
	while ((c = getopt(argc, argv, "c:kp:t:")) != -1) {
		switch (c) {
		case 'c':
			script = optarg;
			s.where = "-c";
			break;
		case 'k':
			s.keep_going = 1;
			break;
		case 'p':
			opt.progname = optarg;
			break;
		case 't':
			s.timeout = (int)strtonum(optarg, 0, 3600000, &errstr);
			if (errstr != NULL) {
				fprintf(stderr, "%s: sh: -t %s: timeout is %s\n",
				    cli_progname, optarg, errstr);
				return EXIT_USAGE;
			}
			break;
		default:
			usage_sh();
			return EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 1 || (argc == 1 && script != NULL)) {
		usage_sh();
		return EXIT_USAGE;
	}
	if (argc == 1) {
		if ((in = fopen(argv[0], "r")) == NULL) {
			fprintf(stderr, "%s: sh: %s: %s\n", cli_progname,
			    argv[0], strerror(errno));
			return 1;
		}
		s.where = argv[0];
	}
	opt.timeout = s.timeout;
	if ((err = alcove_start(&s.h, &opt)) != 0) {
		fprintf(stderr, "%s: sh: starting the port: %s\n",
		    cli_progname, alcove_strerror(err));
		if (in != stdin)
			fclose(in);
		return 1;
	}
	tree_changed(&s);
	if (script == NULL) {
		/* At a terminal: line editing, and an error stops nothing. */
		if (in == stdin && isatty(STDIN_FILENO))
			s.keep_going = 1;
		if ((le = lineedit_open(in, s.keep_going && in == stdin &&
		    isatty(STDIN_FILENO))) == NULL) {
			fprintf(stderr, "%s: sh: %s\n", cli_progname,
			    strerror(ENOMEM));
			rc = 1;
			goto done;
		}
	}
	rc = run_script(&s, le, script);
	lineedit_close(le);
done:
	cli_tree_remove();
	if (in != stdin)
		fclose(in);
	(void)alcove_stop(s.h, &status);
	cli_vars_free(&s.vars);
	free(s.procs);
	return rc;
}
