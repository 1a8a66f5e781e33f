"""Writes across the org models and Django's users: people, logins and roles."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from .choices import Role
from .models import Department, Person
from .roles import sync_roles


@transaction.atomic
def person_give_login(*, person: Person, username: str, password: str, roles: list[str]) -> Person:
    """Give a person a login with the given roles (or update an existing login's roles and password).

    An administrator also gets `is_staff`, which Django's admin site requires.
    """
    unknown = set(roles) - set(Role.values)
    if unknown:
        raise ValueError(f"unknown roles: {sorted(unknown)}")
    User = get_user_model()
    user = person.user or User.objects.filter(username=username).first() or User(username=username)
    user.first_name = person.name
    user.email = person.email
    user.is_staff = Role.ADMIN in roles
    user.set_password(password)
    user.save()
    if not Group.objects.filter(name__in=roles).count() == len(set(roles)):
        sync_roles()
    user.groups.set(Group.objects.filter(name__in=roles))
    if person.user_id != user.pk:
        person.user = user
        person.save(update_fields=["user", "updated_at"])
    return person


def person_upsert(*, name: str, department: Department | None = None, title: str = "", phone: str = "") -> Person:
    """The person of that name in that department, created or updated."""
    person, _created = Person.objects.update_or_create(
        name=name, department=department, defaults={"title": title, "phone": phone}
    )
    return person
