/*
 * The seam between the portable port and an operating system.
 *
 * Every backend in src/os/<os>/ defines os_init(), os_after_fork() and the
 * table os_ops.  An entry of os_ops that a system does not have is NULL, and
 * the calls that need it then answer {error, unsupported} (registry.c);
 * a backend never pretends to do what it cannot.  Nothing in an entry
 * touches the wire format: the portable handlers in src/calls/ decode the
 * arguments and encode the reply.
 */
#ifndef ALCOVE_OS_H
#define ALCOVE_OS_H

struct os_ops {
	/* The name ps(1) shows for this process.  Never fails. */
	void	(*setproctitle)(const char *);
};

extern const struct os_ops os_ops;

/* The system's name for the manual and tests ("linux", "generic", ...). */
extern const char os_name[];

/* Called first thing in main(), with main's arguments. */
void	os_init(int, char *[]);

/* Called in a new child right after fork. */
void	os_after_fork(void);

#endif
