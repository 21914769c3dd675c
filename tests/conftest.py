"""Personas shared by every test (ARCHITECTURE rule 8, STYLE "In Ashyq"):

- ``analyst``: analyst of the authorized body (sees and decides everything);
- ``authorized_head``: head of the authorized body;
- ``officer_a`` / ``first_head_a``: officer and first head of body A (a ministry);
- ``officer_b``: officer of body B (another ministry) — must be denied body A's data;
- ``officer_local``: officer of a local executive body (an oblast akimat);
- ``commission_member``; ``citizen``: the anonymous public.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from ashyq.orgs.models import Body, BodyKind, Role
from ashyq.orgs.services import membership_grant
from tests.factories import BodyFactory, UserFactory

# Fixtures shared by several test modules of one part, registered once here.
pytest_plugins = ["tests.campaigns.objections"]
# Hypothesis: the same examples on every CI run (a failure there is reproducible, never a flake); random
# search with its example database on developers' machines; few derandomized examples per mutant in
# `make mutation` (ASHYQ_HYPOTHESIS_PROFILE=mutation), where the other tests do the killing.
hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
hypothesis_settings.register_profile("mutation", derandomize=True, database=None, max_examples=10)
hypothesis_settings.load_profile(
    os.environ.get("ASHYQ_HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "default")
)


@pytest.fixture(scope="session")
def media_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def uploads_in_a_temporary_folder(settings: pytest.FixtureRequest, media_folder: Path) -> None:
    """Uploaded and generated files go to this test session's temporary folder, never to var/media."""
    settings.MEDIA_ROOT = media_folder


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: pytest.FixtureRequest) -> None:
    """Hashing with PBKDF2 costs ~0.3 s per user; tests need a password, not its strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def english_outside_requests() -> Iterator[None]:
    """Messages raised by services outside a request read in English in tests; pages pick their own language."""
    with translation.override("en"):
        yield


@pytest.fixture
def authorized_body(db: None) -> Body:
    return BodyFactory(
        name_ru="Министерство культуры и информации Республики Казахстан",
        name_kk="Қазақстан Республикасының Мәдениет және ақпарат министрлігі",
        is_authorized_body=True,
    )


@pytest.fixture
def body_a(db: None) -> Body:
    return BodyFactory(
        name_ru="Министерство здравоохранения Республики Казахстан",
        name_kk="Қазақстан Республикасының Денсаулық сақтау министрлігі",
    )


@pytest.fixture
def body_b(db: None) -> Body:
    return BodyFactory(
        name_ru="Министерство финансов Республики Казахстан", name_kk="Қазақстан Республикасының Қаржы министрлігі"
    )


@pytest.fixture
def local_body(db: None) -> Body:
    return BodyFactory(name_ru="Акмолинская область", name_kk="Ақмола облысы", kind=BodyKind.OBLAST_AKIMAT)


def _person(username: str, body: Body, role: str) -> User:
    user = UserFactory(username=username)
    membership_grant(user=user, body=body, role=role, actor=None)
    return user


@pytest.fixture
def analyst(authorized_body: Body) -> User:
    return _person("analyst", authorized_body, Role.ANALYST)


@pytest.fixture
def authorized_head(authorized_body: Body) -> User:
    return _person("head", authorized_body, Role.AUTHORIZED_HEAD)


@pytest.fixture
def commission_member(authorized_body: Body) -> User:
    return _person("commission", authorized_body, Role.COMMISSION_MEMBER)


@pytest.fixture
def officer_a(body_a: Body) -> User:
    return _person("officer_a", body_a, Role.OFFICER)


@pytest.fixture
def first_head_a(body_a: Body) -> User:
    return _person("first_head_a", body_a, Role.FIRST_HEAD)


@pytest.fixture
def officer_b(body_b: Body) -> User:
    return _person("officer_b", body_b, Role.OFFICER)


@pytest.fixture
def officer_local(local_body: Body) -> User:
    return _person("officer_local", local_body, Role.OFFICER)


@pytest.fixture
def citizen() -> AnonymousUser:
    return AnonymousUser()
