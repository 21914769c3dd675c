"""factory-boy factories of the foundation's models; each app's tests add their own beside them."""

from __future__ import annotations

import factory
from django.contrib.auth.models import User

from ashyq.orgs.models import Body, BodyKind

TEST_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def save_password(obj: User, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            obj.save()


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    name_ru = factory.Sequence(lambda n: f"Министерство № {n}")
    name_kk = factory.Sequence(lambda n: f"№ {n} министрлігі")
    kind = BodyKind.MINISTRY
