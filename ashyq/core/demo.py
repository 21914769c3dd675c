"""The demo data set that ``make run`` loads: the real state bodies and one person per persona.

Never in production (the command refuses). Apps add their own demo records by listing a
``load(accounts)`` function in ``DEMO_STEPS``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction

from ashyq.orgs.models import Body, Role
from ashyq.orgs.services import bodies_import_csv, membership_grant

REFERENCE_BODIES = Path(__file__).resolve().parent.parent / "orgs" / "data" / "bodies-2026.csv"
DEMO_PASSWORD = "ashyq-demo-2026"  # noqa: S105 — demo only; demo_load refuses production
HEALTH_ID, FINANCE_ID, ALMATY_ID = 690, 867, 8310

# Each app's demo records, loaded in this order after the bodies and people.
DEMO_STEPS: list[str] = [
    "ashyq.methodology.demo",
    "ashyq.meetings.demo",
    "ashyq.feedback.demo",
    "ashyq.registry.demo",
    "ashyq.evaluation.demo",
    "ashyq.portal.demo",
]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: str
    body_npa_id: int | None  # None: the authorized body

    def body(self) -> Body:
        if self.body_npa_id is None:
            return Body.objects.get(is_authorized_body=True)
        return Body.objects.get(legalacts_government_id=self.body_npa_id)


ACCOUNTS = (
    DemoAccount("analyst", "Айгерім Аналитик", Role.ANALYST, None),
    DemoAccount("head", "Ерлан Басшы", Role.AUTHORIZED_HEAD, None),
    DemoAccount("commission", "Сәуле Комиссия", Role.COMMISSION_MEMBER, None),
    DemoAccount("officer.health", "Дина Денсаулық", Role.OFFICER, HEALTH_ID),
    DemoAccount("firsthead.health", "Марат Министр", Role.FIRST_HEAD, HEALTH_ID),
    DemoAccount("officer.finance", "Асхат Қаржы", Role.OFFICER, FINANCE_ID),
    DemoAccount("officer.almaty", "Жанна Алматы", Role.OFFICER, ALMATY_ID),
)


def load_reference_bodies() -> None:
    bodies_import_csv(text=REFERENCE_BODIES.read_text(encoding="utf-8"), actor=None)


def _account(spec: DemoAccount) -> User:
    first, _space, last = spec.full_name.partition(" ")
    user, created = get_user_model().objects.get_or_create(
        username=spec.username, defaults={"first_name": first, "last_name": last}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    membership_grant(user=user, body=spec.body(), role=spec.role, actor=None)
    return user


@transaction.atomic
def load_demo() -> dict[str, User]:
    """Load (idempotently) the reference bodies, the demo people and each app's demo records."""
    load_reference_bodies()
    accounts = {spec.username: _account(spec) for spec in ACCOUNTS}
    for dotted in DEMO_STEPS:
        importlib.import_module(dotted).load(accounts)
    return accounts
