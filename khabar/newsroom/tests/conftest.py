from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client


@pytest.fixture
def signed_in() -> Callable[[Any], Client]:
    """A client signed in as the account, reading the newsroom in English."""

    def client_for(user: Any) -> Client:
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(user)
        return client

    return client_for
