/*
 * Message framing.  Every header is validated before it is used: nothing is
 * read beyond the frame's own bytes.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include "proto/frame.h"

void
frame_put16(unsigned char *p, unsigned int v)
{
	p[0] = (v >> 8) & 0xff;
	p[1] = v & 0xff;
}

void
frame_put32(unsigned char *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

unsigned int
frame_get16(const unsigned char *p)
{
	return (unsigned int)p[0] << 8 | p[1];
}

uint32_t
frame_get32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

size_t
frame_header(unsigned char *p, int type, size_t n)
{
	frame_put16(p, (unsigned int)(2 + n));
	frame_put16(p + 2, (unsigned int)type);
	return FRAME_HDR;
}

size_t
frame_envelope(unsigned char *p, int type, uint32_t pid, size_t n)
{
	frame_put16(p, (unsigned int)(6 + n));
	frame_put16(p + 2, (unsigned int)type);
	frame_put32(p + 4, pid);
	return FRAME_ENVELOPE;
}

int
frame_parse(const unsigned char *buf, size_t avail, int dir, struct frame *f,
    const char **why)
{
	size_t len;
	int type;

	if (avail < 2)
		return 0;
	len = frame_get16(buf);
	if (len < 2) {
		*why = "message shorter than its type field";
		return -1;
	}
	if (avail < 4)
		return 0;
	type = (int)frame_get16(buf + 2);
	if (dir == FRAME_DOWN) {
		switch (type) {
		case TYPE_STDIN:
			if (len < 6) {
				*why = "STDIN message without a complete pid";
				return -1;
			}
			break;
		case TYPE_CALL:
			if (len < 5) {
				*why = "CALL message without call number and arguments";
				return -1;
			}
			break;
		default:
			*why = "unknown message type";
			return -1;
		}
	} else {
		switch (type) {
		case TYPE_STDOUT:
		case TYPE_STDERR:
		case TYPE_PIPE:
		case TYPE_CALL:
		case TYPE_EVENT:
		case TYPE_CTL:
			break;
		case TYPE_PROXY:
			if (len < 8) {
				*why = "PROXY message without a complete inner message";
				return -1;
			}
			break;
		default:
			*why = "unknown message type";
			return -1;
		}
		if ((type == TYPE_STDOUT || type == TYPE_STDERR) && len < 6) {
			*why = "stream message without a complete pid";
			return -1;
		}
	}
	if (avail < 2 + len)
		return 0;
	f->type = type;
	f->body = buf + 4;
	f->bodylen = len - 2;
	f->size = 2 + len;
	return 1;
}
