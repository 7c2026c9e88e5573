/*
 * Reading the interactive shell's lines: with libedit's line editing and
 * history where the build found it, plain lines otherwise.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef HAVE_LIBEDIT
#include <histedit.h>
#endif

#include "cli/cli.h"

#define HISTORY_SIZE	1000

struct lineedit {
#ifdef HAVE_LIBEDIT
	EditLine	*el;
	History		*hist;
	HistEvent	 ev;
#endif
	FILE		*in;
	char		*buf;
	size_t		 cap;
};

#ifdef HAVE_LIBEDIT
static char *
prompt(EditLine *el)
{
	(void)el;
	return "alcove> ";
}
#endif

struct lineedit *
lineedit_open(FILE *in, int interactive)
{
	struct lineedit *le;

	if ((le = calloc(1, sizeof(*le))) == NULL)
		return NULL;
	le->in = in;
#ifdef HAVE_LIBEDIT
	if (interactive &&
	    (le->el = el_init(cli_progname, in, stdout, stderr)) != NULL) {
		le->hist = history_init();
		if (le->hist != NULL) {
			(void)history(le->hist, &le->ev, H_SETSIZE,
			    HISTORY_SIZE);
			(void)el_set(le->el, EL_HIST, history, le->hist);
		}
		(void)el_set(le->el, EL_PROMPT, prompt);
		(void)el_set(le->el, EL_EDITOR, "emacs");
		(void)el_source(le->el, NULL);
	}
#else
	(void)interactive;
#endif
	return le;
}

/* The next line without its newline, or NULL at the end. */
const char *
lineedit_get(struct lineedit *le)
{
	ssize_t len;

#ifdef HAVE_LIBEDIT
	if (le->el != NULL) {
		const char *l;
		int n;

		if ((l = el_gets(le->el, &n)) == NULL || n <= 0)
			return NULL;
		free(le->buf);
		if ((le->buf = strdup(l)) == NULL)
			return NULL;
		le->buf[strcspn(le->buf, "\n")] = '\0';
		if (le->hist != NULL && le->buf[0] != '\0')
			(void)history(le->hist, &le->ev, H_ENTER, le->buf);
		return le->buf;
	}
#endif
	if ((len = getline(&le->buf, &le->cap, le->in)) == -1)
		return NULL;
	if (len > 0 && le->buf[len - 1] == '\n')
		le->buf[len - 1] = '\0';
	return le->buf;
}

void
lineedit_close(struct lineedit *le)
{
	if (le == NULL)
		return;
#ifdef HAVE_LIBEDIT
	if (le->hist != NULL)
		history_end(le->hist);
	if (le->el != NULL)
		el_end(le->el);
#endif
	free(le->buf);
	free(le);
}
