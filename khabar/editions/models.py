from __future__ import annotations

import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from khabar.calendars import Calendar, InvalidPattern, MonthNames, compile_pattern
from khabar.text import Digits

CALENDAR_CHOICES = [
    (Calendar.SOLAR_HIJRI.value, _("Solar Hijri")),
    (Calendar.GREGORIAN.value, _("Gregorian")),
    (Calendar.HIJRI.value, _("Hijri (Umm al-Qura)")),
]
DIGITS_CHOICES = [
    (Digits.PERSIAN.value, _("Persian (۰۱۲۳)")),
    (Digits.ARABIC_INDIC.value, _("Arabic-Indic (٠١٢٣)")),
    (Digits.LATIN.value, _("Latin (0123)")),
]
MONTH_NAMES_CHOICES = [
    (MonthNames.EGYPT.value, _("Egypt (يناير)")),
    (MonthNames.LEVANT.value, _("Levant (كانون الثاني)")),
    (MonthNames.MAGHREB.value, _("Maghreb (جانفي)")),
    (MonthNames.LEVANT_EGYPT.value, _("Levant and Egypt (كانون الثاني/يناير)")),
]


def validate_time_zone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(_("%(tz)s is not a known time zone."), params={"tz": value}) from None


def validate_date_pattern(value: str) -> None:
    try:
        compile_pattern(value)
    except InvalidPattern as error:
        raise ValidationError(
            _("This is not a date pattern Khabar can show and read back: %(problem)s"),
            params={"problem": error},
        ) from None


class Edition(models.Model):
    """One language edition of the site (fa, ar, en): how it speaks, counts and dates."""

    class Direction(models.TextChoices):
        RTL = "rtl", _("Right to left")
        LTR = "ltr", _("Left to right")

    code = models.SlugField(_("code"), max_length=8, unique=True, help_text=_("URL prefix."))
    name = models.CharField(_("name"), max_length=100)
    language = models.CharField(_("language"), max_length=8)
    direction = models.CharField(_("direction"), max_length=3, choices=Direction.choices)
    calendar = models.CharField(_("calendar"), max_length=16, choices=CALENDAR_CHOICES)
    secondary_calendar = models.CharField(
        _("secondary calendar"), max_length=16, choices=CALENDAR_CHOICES, blank=True
    )
    digits = models.CharField(_("digits"), max_length=8, choices=DIGITS_CHOICES)
    month_names = models.CharField(
        _("Gregorian month names"),
        max_length=16,
        choices=MONTH_NAMES_CHOICES,
        default=MonthNames.EGYPT.value,
    )
    date_pattern = models.CharField(
        _("date pattern"),
        max_length=200,
        blank=True,
        validators=[validate_date_pattern],
        help_text=_(
            "How dates are laid out, e.g. {weekday} {day} {month} {year} {era}[ - {day2} "
            "{month2} {year2} {era2}] - {time}. Tokens: {weekday}, {day}, {month}, {year}, "
            "{era}, {time}; the secondary calendar's {day2}, {month2}, {year2}, {era2} go "
            "inside [ ], left out when there is no secondary date. Between tokens only "
            "spaces and punctuation. Blank: 19 Dey 1395 (8 January 2017) - 18:56."
        ),
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Asia/Tehran", validators=[validate_time_zone]
    )
    newsroom_email = models.EmailField(_("newsroom email"), blank=True)
    canonicalise_letters = models.BooleanField(
        _("canonicalise Persian letters on save"),
        default=False,
        help_text=_("Store ي and ك as ی and ک. Right for a Persian edition, never for Arabic."),
    )
    # Read with the edition itself, so an article page learns it without another query.
    comments_close_after_days = models.PositiveSmallIntegerField(
        _("close comments after (days)"),
        null=True,
        blank=True,
        help_text=_("Readers may comment on an article this many days after it is published."),
    )
    submissions_keep_days = models.PositiveSmallIntegerField(
        _("keep submissions (days)"),
        default=90,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Readers' submissions, and their files, are deleted this many days after they "
            "arrive (khabar submissions_purge)."
        ),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # The next news code to hand out. Codes are never reused: this only grows.
    next_code = models.PositiveBigIntegerField(_("next news code"), default=1, editable=False)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")

    def __str__(self) -> str:
        return self.name

    @property
    def is_rtl(self) -> bool:
        return self.direction == self.Direction.RTL


class Section(models.Model):
    """A service (سرویس) of an edition: politics, economy, sport…"""

    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="sections")
    slug = models.SlugField(_("slug"), max_length=64, allow_unicode=True)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["edition", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "slug"], name="section_unique_slug"),
        ]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return self.name


class Generation(models.Model):
    """A mark that changes with every write to editions or sections, however made.

    Every page shows the editions and the edition's sections, so each process keeps them
    (khabar.editions.selectors) and checks this one row per page instead of reading them.
    Database triggers set it (migration 0006): the admin, the services, the demo's seed and
    raw SQL alike, inside the writer's own transaction, so a page rendered after the change
    commits sees it, in every process. A random value rather than a counter: a counter
    comes back to an old value when a transaction rolls back.
    """

    name = models.CharField(max_length=32, primary_key=True)
    value = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name}: {self.value}"
