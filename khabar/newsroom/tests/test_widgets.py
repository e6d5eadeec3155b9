"""The newsroom's widgets written in Python, each against the Django template it replaces."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django import forms
from django.template import Context, Template

from khabar.editions.models import Edition, Section
from khabar.newsroom.forms import ValuesChoiceField
from khabar.newsroom.widgets import (
    OptionsSelect,
    PlainHiddenInput,
    PlainTextInput,
    fields_html,
)

TRICKY = "<b>\"x\" & 'y'</b>"
CHOICES = [("", "Any"), ("a", TRICKY), (TRICKY, "tricky value"), ("a", "again"), (None, "none")]


def _tags(html: str) -> str:
    """The markup without the blank lines Django's templates leave between tags."""
    return re.sub(r">\s+<", "><", html)


ATTRS = {"id": "id_f", "aria-describedby": "id_f_helptext", "required": True, "disabled": False}


@pytest.mark.parametrize("value", [None, "", "a", TRICKY, ["a"], 3])
def test_a_select_writes_what_djangos_select_writes(value: Any) -> None:
    ours = OptionsSelect(choices=CHOICES, attrs={"class": "x"})
    theirs = forms.Select(choices=CHOICES, attrs={"class": "x"})

    written = ours.render("f", value, dict(ATTRS))

    assert _tags(written) == _tags(theirs.render("f", value, dict(ATTRS)))


@pytest.mark.parametrize("value", [None, "", "1400/01/01", TRICKY, 0])
@pytest.mark.parametrize(
    ("plain", "django"),
    [(PlainTextInput, forms.TextInput), (PlainHiddenInput, forms.HiddenInput)],
)
def test_an_input_writes_what_djangos_input_writes(plain: Any, django: Any, value: Any) -> None:
    attrs = {"maxlength": "40"}

    written = plain(attrs=attrs).render("d", value, dict(ATTRS))

    assert written == django(attrs=attrs).render("d", value, dict(ATTRS))


class _Filters(forms.Form):
    kind = forms.ChoiceField(choices=[("", "Any"), ("a", "A")], widget=OptionsSelect)
    day = forms.CharField(
        label=TRICKY, required=False, max_length=5, widget=PlainTextInput, help_text=TRICKY
    )
    other = forms.CharField(required=False, widget=PlainTextInput)


# The article list's filter fields as its template wrote them before fields_html.
FIELDS_TEMPLATE = """{% for field in form %}<div class="field">
    <label for="{{ field.id_for_label }}" id="{{ field.auto_id }}_label">{{ field.label }}</label>
    {{ field }}
    {% if field.help_text %}<p class="help" id="{{ field.auto_id }}_helptext">{{ field.help_text }}</p>{% endif %}
    {{ field.errors }}
  </div>{% endfor %}"""  # noqa: E501


@pytest.mark.parametrize(
    "data", [None, {"kind": "a", "day": "12"}, {"kind": "zz", "day": "123456"}]
)
def test_the_filter_fields_write_what_their_template_wrote(data: Any) -> None:
    form = _Filters(data)
    form.is_valid()

    written = fields_html(form=form)

    assert _tags(written) == _tags(Template(FIELDS_TEMPLATE).render(Context({"form": form})))


class _SectionChoice(forms.ModelChoiceField[Section]):
    def label_from_instance(self, obj: Section) -> str:
        return f"{obj.edition.code}: {obj.name}"


@pytest.mark.django_db
def test_a_values_choice_lists_and_chooses_as_a_model_choice_does(
    edition_ar: Edition, edition_fa: Edition
) -> None:
    Section.objects.create(edition=edition_fa, slug="s", name=TRICKY)
    sections = Section.objects.select_related("edition").order_by("pk")
    ours = ValuesChoiceField(
        queryset=sections,
        empty_label="Every section",
        label_columns=("edition__code", "name"),
        label_format="{}: {}",
    )
    theirs = _SectionChoice(queryset=sections, empty_label="Every section")

    assert [(str(value), label) for value, label in ours.iterator(ours)] == [
        (str(value), label) for value, label in theirs.iterator(theirs)
    ]
    chosen = sections.last()
    assert chosen is not None
    assert ours.clean(str(chosen.pk)) == chosen
