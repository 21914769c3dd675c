"""``manage.py demo_load``: reference bodies, demo people and records; prints the demo accounts."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ashyq.core.demo import ACCOUNTS, DEMO_PASSWORD, load_demo
from ashyq.orgs.models import Role


class Command(BaseCommand):
    help = "Load the state bodies and the demo data set (never in production)."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("demo_load refuses to run with ASHYQ_ENV=production (it creates known passwords).")
        load_demo()
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for spec in ACCOUNTS:
            self.stdout.write(f"  {spec.username:<18} {Role(spec.role).label} — {spec.body().name}")
