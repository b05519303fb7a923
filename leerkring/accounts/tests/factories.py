from typing import Any

import factory
from factory.django import DjangoModelFactory

from leerkring.accounts.models import User


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.nl")
    display_name = factory.Faker("name", locale="nl_NL")
    preferred_language = "nl"

    @factory.post_generation
    def password(obj: User, create: bool, extracted: Any, **kwargs: Any) -> None:
        obj.set_password(extracted or "een-goed-wachtwoord")
        if create:
            obj.save(update_fields=["password"])
