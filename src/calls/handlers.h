/*
 * Every possible call handler, declared from calls.def.  Which of them a
 * system has is decided in registry.c.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#ifndef ALCOVE_HANDLERS_H
#define ALCOVE_HANDLERS_H

#include "calls/call.h"

#define ALCOVE_CALL(num, name, ...)	call_handler call_##name;
#include "proto/calls.def"
#undef ALCOVE_CALL

#endif
