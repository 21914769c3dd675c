"""Who may see and change what (issue 3 item 3).

An officer sees and changes only their own body's data; the authorized body's analysts see all.
Selectors narrow querysets with ``scope_to_user_bodies``; services call ``require_body_access``.
Templates may read the same predicates, but are never the only check.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from ashyq.orgs.models import AUTHORIZED_BODY_ROLES, Membership, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from ashyq.orgs.models import Body

    AnyUser = User | AnonymousUser

M = TypeVar("M", bound=Model)


def user_roles(user: AnyUser) -> set[tuple[int, str]]:
    """(body id, role) pairs of the user, read once per request object."""
    if not user.is_authenticated:
        return set()
    cached: set[tuple[int, str]] | None = getattr(user, "_ashyq_roles", None)
    if cached is None:
        cached = set(Membership.objects.filter(user=user).values_list("body_id", "role"))
        user._ashyq_roles = cached  # type: ignore[attr-defined]
    return cached


def has_role(user: AnyUser, roles: Iterable[str]) -> bool:
    wanted = set(roles)
    return any(role in wanted for _body, role in user_roles(user))


def is_authorized_staff(user: AnyUser) -> bool:
    """An analyst or the head of the authorized body: sees every body's data."""
    return has_role(user, AUTHORIZED_BODY_ROLES)


def is_analyst(user: AnyUser) -> bool:
    return has_role(user, {Role.ANALYST})


def body_ids_for(user: AnyUser, roles: Iterable[str] = (Role.OFFICER, Role.FIRST_HEAD)) -> set[int]:
    """The bodies the user acts for in any of ``roles``."""
    wanted = set(roles)
    return {body_id for body_id, role in user_roles(user) if role in wanted}


def can_see_body_data(user: AnyUser, body: Body) -> bool:
    return is_authorized_staff(user) or body.pk in body_ids_for(user)


def can_change_body_data(user: AnyUser, body: Body) -> bool:
    """Officers change their own body's data; analysts may correct any body's."""
    return is_analyst(user) or body.pk in body_ids_for(user, (Role.OFFICER,))


def require_body_access(user: AnyUser, body: Body, *, change: bool = True) -> None:
    """Raise ``PermissionDenied`` unless the user may (change or see) the body's data."""
    allowed = can_change_body_data(user, body) if change else can_see_body_data(user, body)
    if not allowed:
        raise PermissionDenied(_("You do not act for this state body."))


def require_analyst(user: AnyUser) -> None:
    if not is_analyst(user):
        raise PermissionDenied(_("Only an analyst of the authorized body may do this."))


def scope_to_user_bodies(queryset: QuerySet[M], user: AnyUser, *, body_field: str = "body") -> QuerySet[M]:
    """All rows for authorized-body staff, the user's own bodies' rows for others, none for the public."""
    if is_authorized_staff(user):
        return queryset
    return queryset.filter(**{f"{body_field}__in": body_ids_for(user)})
