# $NetBSD$
#
# Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.

BUILDLINK_TREE+=	alcove

.if !defined(ALCOVE_BUILDLINK3_MK)
ALCOVE_BUILDLINK3_MK:=

BUILDLINK_API_DEPENDS.alcove+=	alcove>=0.1.0
BUILDLINK_PKGSRCDIR.alcove?=	../../sysutils/alcove
.endif	# ALCOVE_BUILDLINK3_MK

BUILDLINK_TREE+=	-alcove
