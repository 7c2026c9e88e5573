/*
 * Message framing: the Len:16 Type:16 header, the STDIN and PROXY
 * envelopes, and the reply budget (alcove-protocol(5), FRAMING and ROUTING).
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#ifndef ALCOVE_FRAME_H
#define ALCOVE_FRAME_H

#include <stddef.h>
#include <stdint.h>

/* Message types (alcove-protocol(5), Message types). */
#define TYPE_STDIN	0
#define TYPE_STDOUT	1
#define TYPE_STDERR	2
#define TYPE_PROXY	3
#define TYPE_CALL	4
#define TYPE_EVENT	5
#define TYPE_CTL		6
#define TYPE_PIPE	7

#define FRAME_LEN_MAX	65535	/* the largest Len field */
#define FRAME_HDR	4	/* Len and Type */
#define FRAME_ENVELOPE	8	/* Len, Type and a pid: what a PROXY adds */
#define FRAME_TOTAL_MAX	(2 + FRAME_LEN_MAX)

/*
 * The reply budget of a process at depth d
 * (alcove-protocol(5), Per-hop overhead).
 */
#define FRAME_BUDGET(d)	((size_t)(FRAME_LEN_MAX - FRAME_ENVELOPE * ((d) + 1)))

/* Which side of the pipe a parser serves: what it may receive. */
#define FRAME_DOWN	0	/* the port reads STDIN and CALL */
#define FRAME_UP	1	/* a client reads STDOUT ... PIPE */

struct frame {
	int			 type;
	const unsigned char	*body;		/* after the type field */
	size_t			 bodylen;
	size_t			 size;		/* the whole frame, Len included */
};

/*
 * Parse the frame at the start of buf.  Returns 1 when a complete frame is
 * there, 0 when more bytes are needed, -1 when the bytes cannot be a valid
 * frame (why names the reason).
 */
int	frame_parse(const unsigned char *, size_t, int, struct frame *,
	    const char **);

void	frame_put16(unsigned char *, unsigned int);
void	frame_put32(unsigned char *, uint32_t);
unsigned int frame_get16(const unsigned char *);
uint32_t frame_get32(const unsigned char *);

/* Write a Len/Type header for a body of n bytes; returns FRAME_HDR. */
size_t	frame_header(unsigned char *, int, size_t);
/* Write a Len/Type/Pid header for a payload of n bytes; returns 8. */
size_t	frame_envelope(unsigned char *, int, uint32_t, size_t);

#endif
