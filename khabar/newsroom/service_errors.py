"""A service's refusal of bad input, shown where the person typed it."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def form_add_service_error(form: forms.Form, error: ValidationError) -> None:
    """Put the service's messages on the fields they name; the rest above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def service_error_text(error: ValidationError) -> str:
    """The messages of a refusal as one line, for a flash message after a button."""
    return " ".join(error.messages)
