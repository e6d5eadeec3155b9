"""Who does something: a staff member, or one of Khabar's own processes.

Every write service takes an `actor`. Services called by people get the signed-in user;
the importer, the worker and the demo pass a named `System` actor, so that nothing is
ever done by nobody and the audit log can say which process did it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

# Only for the types: importing this module must not need Django set up (bench scripts import
# the actors before they choose their database).
if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


@dataclass(frozen=True, slots=True)
class System:
    """One of Khabar's processes, acting on its own authority."""

    name: str

    def __str__(self) -> str:
        return self.name


IMPORTER = System("importer")
WORKER = System("worker")
DEMO = System("demo")

Actor: TypeAlias = "User | AnonymousUser | System"


def actor_user(actor: Actor) -> User | None:
    """The staff member acting, for the columns that point at one; None for a process."""
    from django.contrib.auth.models import User

    return actor if isinstance(actor, User) else None


def actor_name(actor: Actor) -> str:
    """How the audit log names the actor, kept even after the account is deleted."""
    if isinstance(actor, System):
        return f"[{actor.name}]"
    return actor.get_username() or "[anonymous]"
