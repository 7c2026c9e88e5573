/*
 * The seccomp filter builder of alcove.h: a classic BPF program grown one
 * instruction at a time, with a sticky error, and its struct sock_fprog
 * as a CStruct.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "compat.h"
#include "alcove.h"
#include "lib/cstruct.h"

/* The program goes to the port as the array itself. */
_Static_assert(sizeof(struct alcove_bpf_insn) == 8,
    "struct alcove_bpf_insn is struct sock_filter");

void
alcove_bpf_init(struct alcove_bpf *prog)
{
	memset(prog, 0, sizeof(*prog));
}

void
alcove_bpf_free(struct alcove_bpf *prog)
{
	free(prog->insn);
	alcove_bpf_init(prog);
}

static int
append(struct alcove_bpf *prog, uint16_t code, uint32_t k, uint8_t jt,
    uint8_t jf)
{
	struct alcove_bpf_insn *p;
	size_t cap;

	if (prog->error != 0)
		return prog->error;
	if (prog->len >= ALCOVE_BPF_MAXINSNS)
		return prog->error = ALCOVE_EINVAL;
	if (prog->len == prog->cap) {
		cap = prog->cap == 0 ? 16 : prog->cap * 2;
		if ((p = reallocarray(prog->insn, cap, sizeof(*p))) == NULL)
			return prog->error = ENOMEM;
		prog->insn = p;
		prog->cap = cap;
	}
	p = &prog->insn[prog->len++];
	p->code = code;
	p->jt = jt;
	p->jf = jf;
	p->k = k;
	return 0;
}

int
alcove_bpf_stmt(struct alcove_bpf *prog, uint16_t code, uint32_t k)
{
	return append(prog, code, k, 0, 0);
}

int
alcove_bpf_jump(struct alcove_bpf *prog, uint16_t code, uint32_t k,
    uint8_t jt, uint8_t jf)
{
	return append(prog, code, k, jt, jf);
}

int
alcove_bpf_arch(struct alcove_bpf *prog, uint32_t arch, uint32_t action)
{
	(void)alcove_bpf_stmt(prog, ALCOVE_BPF_LD | ALCOVE_BPF_W |
	    ALCOVE_BPF_ABS, ALCOVE_BPF_DATA_ARCH);
	(void)alcove_bpf_jump(prog, ALCOVE_BPF_JMP | ALCOVE_BPF_JEQ |
	    ALCOVE_BPF_K, arch, 1, 0);
	return alcove_bpf_stmt(prog, ALCOVE_BPF_RET | ALCOVE_BPF_K, action);
}

int
alcove_bpf_syscall(struct alcove_bpf *prog, uint32_t nr, uint32_t action)
{
	(void)alcove_bpf_stmt(prog, ALCOVE_BPF_LD | ALCOVE_BPF_W |
	    ALCOVE_BPF_ABS, ALCOVE_BPF_DATA_NR);
	(void)alcove_bpf_jump(prog, ALCOVE_BPF_JMP | ALCOVE_BPF_JEQ |
	    ALCOVE_BPF_K, nr, 0, 1);
	return alcove_bpf_stmt(prog, ALCOVE_BPF_RET | ALCOVE_BPF_K, action);
}

/*
 * The port knows the SECCOMP_RET_* actions in its prctl table and the
 * system call numbers and audit arches in its syscall table.
 */
int
alcove_bpf_constant_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *name, uint32_t *value)
{
	uint64_t v;
	int err;

	if (name == NULL || value == NULL)
		return ALCOVE_EINVAL;
	err = alcove_constant_t(h, path, npath, timeout,
	    strncasecmp(name, "seccomp_", 8) == 0 ? "prctl" : "syscall", name,
	    &v);
	if (err != 0)
		return err;
	if (v > UINT32_MAX)
		return ALCOVE_EPROTO;
	*value = (uint32_t)v;
	return 0;
}

int
alcove_bpf_constant(struct alcove *h, const pid_t *path, size_t npath,
    const char *name, uint32_t *value)
{
	return alcove_bpf_constant_t(h, path, npath, ALCOVE_DEFAULT, name,
	    value);
}

/*
 * struct sock_fprog: the instruction count (unsigned short) padded to a
 * pointer, then a pointer to the instructions.
 */
void
bpf_fprog(const struct alcove_bpf *prog, unsigned char head[sizeof(void *)],
    struct alcove_cfield f[2])
{
	unsigned short n = (unsigned short)prog->len;

	memset(head, 0, sizeof(void *));
	memcpy(head, &n, sizeof(n));
	memset(f, 0, 2 * sizeof(*f));
	f[0].type = ALCOVE_CFIELD_BYTES;
	f[0].data = head;
	f[0].len = sizeof(void *);
	f[1].type = ALCOVE_CFIELD_PTR;
	f[1].data = prog->insn;
	f[1].len = prog->len * sizeof(*prog->insn);
}

int
alcove_bpf_arg(struct alcove_bpf *prog, struct alcove_arg *arg)
{
	if (prog == NULL || arg == NULL)
		return ALCOVE_EINVAL;
	if (prog->error != 0)
		return prog->error;
	bpf_fprog(prog, prog->head, prog->field);
	memset(arg, 0, sizeof(*arg));
	arg->type = ALCOVE_ARG_CSTRUCT;
	arg->fields = prog->field;
	arg->nfields = 2;
	return 0;
}
