/*
 * Memory for the arguments of the call being handled: zeroed blocks carved
 * from an arena the process keeps until it exits or execs.
 *
 * Why not malloc and free: a handler frees its arguments after its system
 * call, and free may give memory back to the system (brk, munmap).  When
 * that system call was seccomp or prctl(PR_SET_SECCOMP) with a filter that
 * allows little more than read and write, or pledge, the process would be
 * killed between the call and its reply.  Here, releasing never calls the
 * system; only argmem_alloc() may, while the arguments are decoded, before
 * any handler makes its call.  Once every block of a call is released, the
 * next call reuses the same memory from the start.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/queue.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "calls/call.h"

/* Every block is aligned like malloc's, for structures the kernel reads. */
#define ARGMEM_ALIGN	16
#define ARGMEM_ROUND(n)	(((n) + ARGMEM_ALIGN - 1) & ~(size_t)(ARGMEM_ALIGN - 1))

/*
 * Most calls fit in one chunk of this size: a CStruct at its limits, with
 * its slack and its field table, takes about 224 KiB.  Pages never written
 * cost nothing.
 */
#define ARGMEM_CHUNK	(256 * 1024)

struct argmem_chunk {
	STAILQ_ENTRY(argmem_chunk) entry;
	size_t		 size;		/* usable bytes after the header */
	size_t		 used;
};

#define ARGMEM_HDR	ARGMEM_ROUND(sizeof(struct argmem_chunk))

static STAILQ_HEAD(, argmem_chunk) chunks = STAILQ_HEAD_INITIALIZER(chunks);
static size_t live;		/* blocks handed out and not yet released */

static unsigned char *
chunk_take(struct argmem_chunk *c, size_t need)
{
	unsigned char *p;

	if (c->size - c->used < need)
		return NULL;
	p = (unsigned char *)c + ARGMEM_HDR + c->used;
	c->used += need;
	return p;
}

void *
argmem_alloc(size_t n)
{
	struct argmem_chunk *c;
	unsigned char *p = NULL;
	size_t need, size;

	if (n > SIZE_MAX / 4)
		return NULL;
	need = ARGMEM_ROUND(n > 0 ? n : 1);
	STAILQ_FOREACH(c, &chunks, entry)
		if ((p = chunk_take(c, need)) != NULL)
			break;
	if (p == NULL) {
		size = need > ARGMEM_CHUNK ? need : ARGMEM_CHUNK;
		if ((c = malloc(ARGMEM_HDR + size)) == NULL)
			return NULL;
		c->size = size;
		c->used = 0;
		STAILQ_INSERT_TAIL(&chunks, c, entry);
		p = chunk_take(c, need);
	}
	live++;
	memset(p, 0, n);
	return p;
}

void
argmem_release(void *p)
{
	struct argmem_chunk *c;

	if (p == NULL || live == 0)
		return;
	if (--live > 0)
		return;
	STAILQ_FOREACH(c, &chunks, entry)
		c->used = 0;
}
