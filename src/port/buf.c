/*
 * Growable byte buffers for the event loop.  They grow geometrically and are
 * never zero-filled, so a forked child copies only pages that were touched.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "port/port.h"

#define BUF_MIN	4096

int
buf_reserve(struct buf *b, size_t n)
{
	unsigned char *p;
	size_t cap;

	if (n <= b->cap - b->len)
		return 0;
	if (n > SIZE_MAX / 2 - b->len)
		return -1;
	cap = b->cap < BUF_MIN ? BUF_MIN : b->cap;
	while (cap - b->len < n)
		cap *= 2;
	if ((p = realloc(b->data, cap)) == NULL)
		return -1;
	b->data = p;
	b->cap = cap;
	return 0;
}

int
buf_append(struct buf *b, const void *data, size_t n)
{
	if (buf_reserve(b, n) == -1)
		return -1;
	if (n > 0)
		memcpy(b->data + b->len, data, n);
	b->len += n;
	return 0;
}

/* Drop n bytes from the front, keeping the rest. */
void
buf_consume(struct buf *b, size_t n)
{
	if (n >= b->len) {
		b->len = 0;
		return;
	}
	memmove(b->data, b->data + n, b->len - n);
	b->len -= n;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}
