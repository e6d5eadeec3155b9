"""Widgets whose HTML is written in Python: the newsroom's pages show several on each.

Django's widgets render through the template engine, and a select builds a dict of
attributes and includes a template for each option, which made most of the article list's
filter form's cost. These write the same markup as Django's templates (for a select, one
without option groups): the same attributes in the same order, the same escaping.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.widgets import Input
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString


def _attributes(attrs: dict[str, Any]) -> str:
    """As django/forms/widgets/attrs.html writes them: True alone, False left out."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


class OptionsSelect(forms.Select):
    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        # As Select.optgroups chooses: the first option whose value is among the values.
        values = self.format_value(value)
        options = []
        chosen = False
        for option_value, label in self.choices:
            text = "" if option_value is None else str(option_value)
            selected = not chosen and text in values
            chosen |= selected
            options.append(
                f'\n  <option value="{conditional_escape(text)}"'
                f"{' selected' if selected else ''}>{conditional_escape(str(label))}</option>"
            )
        return SafeString(
            f'<select name="{conditional_escape(name)}"'
            f"{_attributes(self.build_attrs(self.attrs, attrs))}>{''.join(options)}\n</select>"
        )


class _PlainInput(Input):
    """As django/forms/widgets/input.html writes an input."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        shown = self.format_value(value)
        value_attribute = "" if shown is None else f' value="{conditional_escape(str(shown))}"'
        return SafeString(
            f'<input type="{conditional_escape(self.input_type)}" name="{conditional_escape(name)}"'
            f"{value_attribute}{_attributes(self.build_attrs(self.attrs, attrs))}>"
        )


class PlainTextInput(_PlainInput, forms.TextInput):
    pass


class PlainHiddenInput(_PlainInput, forms.HiddenInput):
    pass


def fields_html(*, form: forms.Form) -> SafeString:
    """Each field of `form` with its label (with an id), help and errors, as the article
    list's filters show them."""
    parts = []
    for field in form:
        auto_id = conditional_escape(field.auto_id)
        help_text = (
            f'<p class="help" id="{auto_id}_helptext">{conditional_escape(field.help_text)}</p>'
            if field.help_text
            else ""
        )
        parts.append(
            '<div class="field">\n'
            f'    <label for="{conditional_escape(field.id_for_label)}" id="{auto_id}_label">'
            f"{conditional_escape(field.label)}</label>\n"
            f"    {field}\n"
            f"    {help_text}\n"
            f"    {field.errors if field.errors else ''}\n"
            "  </div>"
        )
    return SafeString("".join(parts))
