/*
 * Reading Erlang terms as they are written in alcovectl sh: integers
 * (-5, 16#ff, $a), atoms (ok, 'quoted'), strings ("text"), binaries
 * (<<"text">>, <<1,2>>), tuples, proper lists and variables bound to
 * integers.  A term is parsed into a tree, then encoded in the external
 * term format the port reads.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proto/etf.h"
#include "cli/cli.h"

#define NODE_DEPTH_MAX	64
#define NODE_BYTES_MAX	65535	/* a string, a binary or an atom */
#define NODE_KIDS_MAX	65535	/* elements of a tuple or a list */

enum node_type { N_INT, N_ATOM, N_STRING, N_BINARY, N_TUPLE, N_LIST };

struct node {
	enum node_type	 type;
	int64_t		 i;
	unsigned char	*bytes;
	size_t		 len;
	struct node	**kid;
	size_t		 nkid;
};

struct parser {
	const char		*p;
	const struct cli_vars	*vars;
	char			*err;
	size_t			 errsize;
};

static struct node	*parse_term(struct parser *, int);

static void
node_free(struct node *n)
{
	size_t i;

	if (n == NULL)
		return;
	for (i = 0; i < n->nkid; i++)
		node_free(n->kid[i]);
	free(n->kid);
	free(n->bytes);
	free(n);
}

static struct node *
fail(struct parser *ps, const char *fmt, const char *what)
{
	if (ps->err[0] == '\0')
		(void)snprintf(ps->err, ps->errsize, fmt, what);
	return NULL;
}

static void
skip_blanks(struct parser *ps)
{
	while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' ||
	    *ps->p == '\r')
		ps->p++;
}

static struct node *
node_new(struct parser *ps, enum node_type type)
{
	struct node *n;

	if ((n = calloc(1, sizeof(*n))) == NULL)
		return fail(ps, "%s", strerror(ENOMEM));
	n->type = type;
	return n;
}

static int
add_kid(struct parser *ps, struct node *n, struct node *k)
{
	struct node **v;

	if (n->nkid == NODE_KIDS_MAX) {
		fail(ps, "%s", "too many elements");
		return -1;
	}
	if ((v = reallocarray(n->kid, n->nkid + 1, sizeof(*v))) == NULL) {
		fail(ps, "%s", strerror(ENOMEM));
		return -1;
	}
	n->kid = v;
	n->kid[n->nkid++] = k;
	return 0;
}

static int
add_byte(struct parser *ps, struct node *n, int c)
{
	unsigned char *b;

	if (n->len == NODE_BYTES_MAX) {
		fail(ps, "%s", "text too long");
		return -1;
	}
	if ((b = realloc(n->bytes, n->len + 1)) == NULL) {
		fail(ps, "%s", strerror(ENOMEM));
		return -1;
	}
	n->bytes = b;
	n->bytes[n->len++] = (unsigned char)c;
	return 0;
}

/* One character of a quoted text, with Erlang's escapes; -1 at the end. */
static int
quoted_char(struct parser *ps, char quote)
{
	int c = (unsigned char)*ps->p;

	if (c == '\0') {
		fail(ps, "missing closing %s", quote == '"' ? "\"" : "'");
		return -2;
	}
	ps->p++;
	if (c == quote)
		return -1;
	if (c != '\\')
		return c;
	c = (unsigned char)*ps->p;
	if (c == '\0') {
		fail(ps, "%s", "backslash at the end");
		return -2;
	}
	ps->p++;
	switch (c) {
	case 'n':	return '\n';
	case 't':	return '\t';
	case 'r':	return '\r';
	case 'e':	return 27;
	case 's':	return ' ';
	case '0':	return 0;
	default:	return c;
	}
}

static struct node *
parse_quoted(struct parser *ps, enum node_type type, char quote)
{
	struct node *n;
	int c;

	if ((n = node_new(ps, type)) == NULL)
		return NULL;
	ps->p++;
	while ((c = quoted_char(ps, quote)) >= 0)
		if (add_byte(ps, n, c) == -1)
			break;
	if (c != -1) {
		node_free(n);
		return NULL;
	}
	if (type == N_ATOM && n->len > ETF_ATOM_MAX) {
		node_free(n);
		return fail(ps, "%s", "atom longer than 255 characters");
	}
	return n;
}

/* An integer: decimal, Base#digits or $c. */
static struct node *
parse_integer(struct parser *ps)
{
	const char *start = ps->p;
	char *end;
	long long v, base;
	struct node *n;
	int neg = 0;

	if (*ps->p == '$') {
		ps->p++;
		if (*ps->p == '\0')
			return fail(ps, "%s", "$ without a character");
		v = (unsigned char)*ps->p++;
	} else {
		if (*ps->p == '-' || *ps->p == '+')
			neg = *ps->p++ == '-';
		errno = 0;
		v = strtoll(ps->p, &end, 10);
		if (end == ps->p || errno != 0)
			return fail(ps, "bad integer at \"%.20s\"", start);
		ps->p = end;
		if (*ps->p == '#') {
			base = v;
			if (base < 2 || base > 36)
				return fail(ps, "bad base at \"%.20s\"", start);
			errno = 0;
			v = strtoll(ps->p + 1, &end, (int)base);
			if (end == ps->p + 1 || errno != 0 || v < 0)
				return fail(ps, "bad integer at \"%.20s\"",
				    start);
			ps->p = end;
		}
		if (isalnum((unsigned char)*ps->p) || *ps->p == '_')
			return fail(ps, "bad integer at \"%.20s\"", start);
		if (neg)
			v = -v;
	}
	if ((n = node_new(ps, N_INT)) != NULL)
		n->i = v;
	return n;
}

static int
name_char(int c)
{
	return isalnum(c) || c == '_' || c == '@';
}

static struct node *
parse_name(struct parser *ps)
{
	const char *start = ps->p;
	struct node *n;
	size_t len;

	while (name_char((unsigned char)*ps->p))
		ps->p++;
	len = (size_t)(ps->p - start);
	if (isupper((unsigned char)start[0]) || start[0] == '_') {
		/* A variable: what it was bound to. */
		if ((n = node_new(ps, N_INT)) == NULL)
			return NULL;
		if (cli_var_get(ps->vars, start, len, &n->i) == -1) {
			char name[CLI_NAME_MAX + 1];

			node_free(n);
			(void)snprintf(name, sizeof(name), "%.*s", (int)(len >
			    CLI_NAME_MAX ? CLI_NAME_MAX : len), start);
			return fail(ps, "unbound variable %s", name);
		}
		return n;
	}
	if (len > ETF_ATOM_MAX)
		return fail(ps, "%s", "atom longer than 255 characters");
	if ((n = node_new(ps, N_ATOM)) == NULL)
		return NULL;
	if ((n->bytes = malloc(len + 1)) == NULL) {
		node_free(n);
		return fail(ps, "%s", strerror(ENOMEM));
	}
	memcpy(n->bytes, start, len);
	n->len = len;
	return n;
}

/* Elements up to the closing character, separated by commas. */
static struct node *
parse_seq(struct parser *ps, enum node_type type, char close, int depth)
{
	struct node *n, *k;

	if ((n = node_new(ps, type)) == NULL)
		return NULL;
	ps->p++;
	skip_blanks(ps);
	if (*ps->p == close) {
		ps->p++;
		return n;
	}
	for (;;) {
		if ((k = parse_term(ps, depth + 1)) == NULL ||
		    add_kid(ps, n, k) == -1) {
			node_free(k);
			node_free(n);
			return NULL;
		}
		skip_blanks(ps);
		if (*ps->p == ',') {
			ps->p++;
			continue;
		}
		if (*ps->p == close) {
			ps->p++;
			return n;
		}
		node_free(n);
		if (*ps->p == '|')
			return fail(ps, "%s", "improper lists are not supported");
		return fail(ps, "expected ',' or '%s'", close == '}' ? "}" :
		    "]");
	}
}

/* <<"text", 1, 2>>: the bytes of its segments. */
static struct node *
parse_binary(struct parser *ps)
{
	struct node *n, *k;
	size_t i;

	if ((n = node_new(ps, N_BINARY)) == NULL)
		return NULL;
	ps->p += 2;
	skip_blanks(ps);
	if (strncmp(ps->p, ">>", 2) == 0) {
		ps->p += 2;
		return n;
	}
	for (;;) {
		skip_blanks(ps);
		if (*ps->p == '"')
			k = parse_quoted(ps, N_STRING, '"');
		else if (isdigit((unsigned char)*ps->p) || *ps->p == '$')
			k = parse_integer(ps);
		else
			k = fail(ps, "%s", "a binary holds strings and bytes");
		if (k == NULL) {
			node_free(n);
			return NULL;
		}
		if (k->type == N_INT && (k->i < 0 || k->i > 255)) {
			node_free(k);
			node_free(n);
			return fail(ps, "%s", "a byte is 0 to 255");
		}
		if (k->type == N_INT) {
			(void)add_byte(ps, n, (int)k->i);
		} else {
			for (i = 0; i < k->len; i++)
				if (add_byte(ps, n, k->bytes[i]) == -1)
					break;
		}
		node_free(k);
		if (ps->err[0] != '\0') {
			node_free(n);
			return NULL;
		}
		skip_blanks(ps);
		if (*ps->p == ',') {
			ps->p++;
			continue;
		}
		if (strncmp(ps->p, ">>", 2) == 0) {
			ps->p += 2;
			return n;
		}
		node_free(n);
		return fail(ps, "%s", "expected ',' or '>>'");
	}
}

static struct node *
parse_term(struct parser *ps, int depth)
{
	int c;

	if (depth > NODE_DEPTH_MAX)
		return fail(ps, "%s", "nested too deep");
	skip_blanks(ps);
	c = (unsigned char)*ps->p;
	if (c == '{')
		return parse_seq(ps, N_TUPLE, '}', depth);
	if (c == '[')
		return parse_seq(ps, N_LIST, ']', depth);
	if (c == '"')
		return parse_quoted(ps, N_STRING, '"');
	if (c == '\'')
		return parse_quoted(ps, N_ATOM, '\'');
	if (c == '<' && ps->p[1] == '<')
		return parse_binary(ps);
	if (isdigit(c) || c == '$' || ((c == '-' || c == '+') &&
	    isdigit((unsigned char)ps->p[1])))
		return parse_integer(ps);
	if (isalpha(c) || c == '_')
		return parse_name(ps);
	if (c == '\0')
		return fail(ps, "%s", "a term is missing");
	return fail(ps, "unexpected \"%.20s\"", ps->p);
}

static void
encode(struct etf_enc *e, const struct node *n)
{
	size_t i;

	switch (n->type) {
	case N_INT:
		etf_put_int_arg(e, n->i);
		break;
	case N_ATOM:
		etf_put_atom_len(e, (const char *)n->bytes, n->len);
		break;
	case N_STRING:
		if (n->len == 0)
			etf_put_nil(e);
		else
			etf_put_string(e, n->bytes, n->len);
		break;
	case N_BINARY:
		etf_put_binary(e, n->bytes, n->len);
		break;
	case N_TUPLE:
		etf_put_tuple(e, (uint32_t)n->nkid);
		for (i = 0; i < n->nkid; i++)
			encode(e, n->kid[i]);
		break;
	case N_LIST:
		if (n->nkid > 0)
			etf_put_list(e, (uint32_t)n->nkid);
		for (i = 0; i < n->nkid; i++)
			encode(e, n->kid[i]);
		etf_put_nil(e);
		break;
	}
}

/*
 * Parse the terms of s, separated by blanks, as the elements of an
 * argument tuple: the encoding of each (without the version byte) goes
 * into args[i] (buf, len).  Returns the number of terms, or -1 with a
 * message in err.  The encodings live in buf, which the caller frees.
 */
int
cli_parse_args(const char *s, const struct cli_vars *vars,
    struct cli_arg *args, int maxargs, unsigned char **bufp, char *err,
    size_t errsize)
{
	struct parser ps = { s, vars, err, errsize };
	struct node *n[CLI_ARGS_MAX];
	struct etf_enc e;
	unsigned char *buf;
	size_t start;
	int count = 0, i, rv = -1;

	err[0] = '\0';
	*bufp = NULL;
	for (;;) {
		skip_blanks(&ps);
		if (*ps.p == '\0')
			break;
		if (count == maxargs || count == CLI_ARGS_MAX) {
			fail(&ps, "%s", "too many arguments");
			goto done;
		}
		if ((n[count] = parse_term(&ps, 0)) == NULL)
			goto done;
		count++;
		if (*ps.p != '\0' && *ps.p != ' ' && *ps.p != '\t') {
			fail(&ps, "unexpected \"%.20s\"", ps.p);
			goto done;
		}
	}
	if ((buf = malloc(CLI_MSG_MAX)) == NULL) {
		fail(&ps, "%s", strerror(ENOMEM));
		goto done;
	}
	etf_enc_init(&e, buf, CLI_MSG_MAX);
	for (i = 0; i < count; i++) {
		start = e.len;
		encode(&e, n[i]);
		args[i].data = buf + start;
		args[i].len = e.len - start;
	}
	if (e.overflow) {
		free(buf);
		fail(&ps, "%s", "the arguments do not fit in one message");
		goto done;
	}
	/* The encoder never moves buf: the pointers above stay good. */
	*bufp = buf;
	rv = count;
done:
	for (i = 0; i < count; i++)
		node_free(n[i]);
	return rv;
}
