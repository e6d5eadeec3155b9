"""The newsroom's article forms: they read what people type; the services decide the rest.

Lengths, sanitising, keyword rules and who may do what are the services' (khabar.articles):
a form only turns text into values — keywords into a list, a date typed in the edition's
calendar and digits into an aware UTC datetime — and the services' ValidationErrors come
back onto the form's fields (`errors_onto`).
"""

from __future__ import annotations

import datetime
import re
from html.parser import HTMLParser
from typing import Any, cast

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from khabar.articles.limits import HEADLINE_MAX, LEAD_MAX
from khabar.articles.models import Article, Correction
from khabar.articles.previews import PREVIEW_DEFAULT
from khabar.articles.workflow import BREAKING_DEFAULT, BREAKING_MAX
from khabar.calendars import InvalidDate, day_bound, parse_datetime, to_calendar, to_local
from khabar.editions.models import Edition, Section
from khabar.newsroom.widgets import OptionsSelect
from khabar.text import to_digits

# Editors type Latin and Arabic commas alike, often both in one list.
KEYWORD_SEPARATORS = re.compile("[,،\n]")
# What the newsroom joins keywords with when it shows them back, by edition direction.
KEYWORD_JOINERS = {"rtl": "، ", "ltr": ", "}


def keywords_split(text: str) -> list[str]:
    """Keyword names: split on ",", "،" and line breaks (blank ones the service skips)."""
    return [part.strip() for part in KEYWORD_SEPARATORS.split(text)]


def keywords_join(names: list[str], edition: Edition) -> str:
    return KEYWORD_JOINERS.get(edition.direction, ", ").join(names)


def errors_onto(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its fields where the form has them."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


class _ImageSources(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.sources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.sources.append(dict(attrs).get("src") or "")


def foreign_images(body: str) -> list[str]:
    """The addresses of the body's images that are not the site's own media."""
    parser = _ImageSources()
    parser.feed(body)
    parser.close()
    return [src for src in parser.sources if not src.startswith(settings.MEDIA_URL)]


class SectionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.edition.name} · {obj.name}"


def model_choice(form: forms.Form, name: str) -> forms.ModelChoiceField[Any]:
    """The form's field `name`, declared as a ModelChoiceField (`fields` holds plain Fields)."""
    return cast("forms.ModelChoiceField[Any]", form.fields[name])


class ArticleFields(forms.Form):
    """An article's text and settings, as the services take them (and keywords as a list)."""

    # Bound to a request's POST: the ticked keyword suggestions are a list (`getlist`).
    data: QueryDict

    section = forms.ModelChoiceField(
        label=_("Section"), queryset=Section.objects.none(), required=False
    )
    content_type = forms.ChoiceField(
        label=_("Content type"), choices=Article.ContentType.choices, initial="news"
    )
    overline = forms.CharField(label=_("Overline"), required=False)
    headline = forms.CharField(label=_("Headline"))
    lead = forms.CharField(
        label=_("Lead"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    body = forms.CharField(
        label=_("Body"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_(
            "HTML: paragraphs, headings, bold, italic, links, lists, quotes and images from "
            "the media library. Anything else is removed."
        ),
    )
    byline = forms.CharField(label=_("Byline"), required=False)
    source = forms.CharField(label=_("Source"), required=False)
    keywords = forms.CharField(
        label=_("Keywords"), required=False, help_text=_("Separate them with commas (, or ،).")
    )
    comments_open = forms.BooleanField(label=_("Comments open"), required=False, initial=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Shown as a character count under the field (live on the editor page).
        self.fields["headline"].count_limit = HEADLINE_MAX  # type: ignore[attr-defined]
        self.fields["lead"].count_limit = LEAD_MAX  # type: ignore[attr-defined]

    def clean_body(self) -> str:
        """Images come from the site's own media: the public pages load nothing else."""
        body: str = self.cleaned_data["body"]
        foreign = foreign_images(body)
        if foreign:
            raise ValidationError(
                _(
                    "Images must come from the site's media library (addresses starting "
                    "with %(media)s); remove or replace: %(sources)s"
                ),
                params={"media": settings.MEDIA_URL, "sources": ", ".join(foreign)},
                code="foreign_image",
            )
        return body

    def text_direction(self, attrs: dict[str, str]) -> None:
        """Type the article's text in its own direction, whatever the page's language."""
        for name in ("overline", "headline", "lead", "body", "byline", "source", "keywords"):
            self.fields[name].widget.attrs.update(attrs)

    def service_fields(self) -> dict[str, Any]:
        """The cleaned values as the article services' keyword arguments."""
        data = self.cleaned_data
        fields = {
            name: data[name]
            for name in (
                "section",
                "content_type",
                "overline",
                "headline",
                "lead",
                "body",
                "byline",
                "source",
                "comments_open",
            )
        }
        # Suggestions ticked in the editor (newsroom/articles/_keywords.html) join the typed
        # ones; the service cleans both alike.
        fields["keywords"] = keywords_split(data["keywords"]) + self.data.getlist("keyword_add")
        return fields


class ArticleNewForm(ArticleFields):
    """A new article: in one of the editions the staff member works in."""

    edition = forms.ModelChoiceField(label=_("Edition"), queryset=Edition.objects.none())
    section = SectionChoiceField(
        label=_("Section"), queryset=Section.objects.none(), required=False
    )
    field_order = ["edition", "section"]

    def __init__(self, *args: Any, editions: QuerySet[Edition], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "edition").queryset = editions
        model_choice(self, "section").queryset = Section.objects.filter(
            edition__in=editions
        ).select_related("edition")
        self.text_direction({"dir": "auto"})


class ArticleEditForm(ArticleFields):
    """An article's editor: its edition's sections, and the revision the editor started from."""

    base_revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, edition: Edition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "section").queryset = edition.sections.all()
        self.text_direction({"lang": edition.language, "dir": edition.direction})


def schedule_example(edition: Edition, *, now: datetime.datetime | None = None) -> str:
    """An hour from now, as the schedule field reads it: `YYYY/MM/DD HH:MM` in the edition's
    calendar, digits and time zone."""
    local = to_local((now or timezone.now()) + datetime.timedelta(hours=1), edition.time_zone)
    day = to_calendar(local.date(), edition.calendar)
    text = f"{day.year}/{day.month:02d}/{day.day:02d} {local.hour:02d}:{local.minute:02d}"
    return to_digits(text, edition.digits)


class ScheduleForm(forms.Form):
    """A date and time in the edition's calendar, digits and time zone, read as UTC."""

    at = forms.CharField(label=_("Publish at"))

    def __init__(self, *args: Any, edition: Edition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.edition = edition
        example = schedule_example(edition)
        self.fields["at"].help_text = _(
            "In the %(calendar)s calendar, %(tz)s time; for example %(example)s."
        ) % {
            "calendar": edition.get_calendar_display(),
            "tz": edition.time_zone,
            "example": example,
        }
        self.fields["at"].widget.attrs.update({"placeholder": example, "dir": "auto"})

    def clean_at(self) -> datetime.datetime:
        text = self.cleaned_data["at"]
        edition = self.edition
        try:
            return parse_datetime(text, calendar=edition.calendar, tz=edition.time_zone)
        except InvalidDate:
            raise ValidationError(
                _(
                    "“%(value)s” is not a day and time of the %(calendar)s calendar: the day "
                    "does not exist (a 30 Esfand outside a leap year, a 31st in a 30-day "
                    "month) or the text could not be read. Write it like %(example)s."
                ),
                params={
                    "value": text,
                    "calendar": edition.get_calendar_display(),
                    "example": schedule_example(edition),
                },
                code="calendar",
            ) from None


class BreakingForm(forms.Form):
    minutes = forms.IntegerField(
        label=_("Breaking for (minutes)"),
        min_value=1,
        max_value=int(BREAKING_MAX.total_seconds() // 60),
        initial=int(BREAKING_DEFAULT.total_seconds() // 60),
    )


class TakeDownForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (kept in the audit log, never shown to readers)"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CorrectionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=Correction.Kind.choices, initial=Correction.Kind.CORRECTION
    )
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 3}))


PREVIEW_DAYS = (1, 2, 7, 30)


class PreviewLinkForm(forms.Form):
    days = forms.TypedChoiceField(
        label=_("Valid for"),
        coerce=int,
        initial=PREVIEW_DEFAULT.days,
        required=False,
        # Django takes any value here (the coerced type's); the stubs allow only str or None.
        empty_value=PREVIEW_DEFAULT.days,  # type: ignore[arg-type]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Here, not on the class: the labels are said in the language of each request.
        cast(forms.TypedChoiceField, self.fields["days"]).choices = [
            (days, ngettext("%(days)s day", "%(days)s days", days) % {"days": days})
            for days in PREVIEW_DAYS
        ]


class RestoreForm(forms.Form):
    number = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    base_revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class ArticleFilterForm(forms.Form):
    """The article list's filters; a bad value is an error beside its field, and the other
    filters still apply (`cleaned_data` holds every field that was valid).

    The dates are typed in the chosen edition's calendar and any digits (without an edition,
    in the first edition's) and bound the publication time, both days included.
    """

    SORTS = {
        "-updated": ("updated_at", True),
        "updated": ("updated_at", False),
        "-published": ("published_at", True),
        "published": ("published_at", False),
        "headline": ("headline", False),
        "-headline": ("headline", True),
        "-code": ("code", True),
        "code": ("code", False),
    }

    edition = forms.ModelChoiceField(
        label=_("Edition"), queryset=Edition.objects.none(), required=False, widget=OptionsSelect
    )
    section = forms.ModelChoiceField(
        label=_("Section"), queryset=Section.objects.none(), required=False, widget=OptionsSelect
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any status")), *Article.Status.choices],
        required=False,
        widget=OptionsSelect,
    )
    author = forms.ModelChoiceField(
        label=_("Author"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=OptionsSelect,
    )
    date_from = forms.CharField(label=_("Published from"), required=False, max_length=40)
    date_to = forms.CharField(label=_("Published to"), required=False, max_length=40)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        widget=OptionsSelect,
        choices=[
            ("-updated", _("Last changed, newest first")),
            ("updated", _("Last changed, oldest first")),
            ("-published", _("Published, newest first")),
            ("published", _("Published, oldest first")),
            ("headline", _("Headline, A to Z")),
            ("-headline", _("Headline, Z to A")),
            ("-code", _("News code, highest first")),
            ("code", _("News code, lowest first")),
        ],
    )

    def __init__(
        self,
        *args: Any,
        editions: QuerySet[Edition],
        sections: QuerySet[Section],
        authors: QuerySet[Any],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.editions = editions
        self.fields["edition"].queryset = editions  # type: ignore[attr-defined]
        self.fields["edition"].empty_label = _("Every edition")  # type: ignore[attr-defined]
        self.fields["section"].queryset = sections  # type: ignore[attr-defined]
        self.fields["section"].empty_label = _("Every section")  # type: ignore[attr-defined]
        self.fields["section"].label_from_instance = (  # type: ignore[attr-defined]
            lambda section: f"{section.edition.code}: {section.name}"
        )
        self.fields["author"].queryset = authors  # type: ignore[attr-defined]
        self.fields["author"].empty_label = _("Anyone")  # type: ignore[attr-defined]
        for name in ("date_from", "date_to"):
            self.fields[name].help_text = _("In the edition's calendar, e.g. 1395/10/19.")

    def _day(self, name: str, *, end: bool) -> datetime.datetime | None:
        text = self.cleaned_data.get(name, "").strip()
        if not text:
            return None
        edition = self.cleaned_data.get("edition") or self.editions.first()
        if edition is None:
            return None
        try:
            return day_bound(text, calendar=edition.calendar, time_zone=edition.time_zone, end=end)
        except InvalidDate:
            raise ValidationError(
                _("“%(date)s” is not a date of the calendar.") % {"date": text}
            ) from None

    def clean_date_from(self) -> datetime.datetime | None:
        return self._day("date_from", end=False)

    def clean_date_to(self) -> datetime.datetime | None:
        return self._day("date_to", end=True)

    def ordering(self) -> tuple[str, bool]:
        """The sort's field and whether it is descending; newest change first by default."""
        return self.SORTS.get(self.cleaned_data.get("sort") or "-updated", self.SORTS["-updated"])
