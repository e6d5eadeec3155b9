"""The media library's forms: they read what people send; khabar.photos.services decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from khabar.photos.images import MAX_UPLOAD_BYTES
from khabar.photos.models import ALT_MAX, CAPTION_MAX, CREDIT_MAX

# One batch, read into memory to be checked: at most 200 MB. The JavaScript uploader sends
# each file on its own.
FILES_MAX = 10
ALT_HELP = _("What the photo shows, for readers who cannot see it. Required before use.")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Several files in one field (Django's documented pattern for `multiple`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if not files:
            raise ValidationError(_("Choose one or more photos."), code="required")
        if len(files) > FILES_MAX:
            raise ValidationError(
                ngettext(
                    "Send at most %(limit)s photo at once.",
                    "Send at most %(limit)s photos at once.",
                    FILES_MAX,
                )
                % {"limit": FILES_MAX},
                code="too_many",
            )
        # Said before anything is read: a file past the limit is never taken into memory.
        too_large = [f.name for f in files if f.size is not None and f.size > MAX_UPLOAD_BYTES]
        if too_large:
            raise ValidationError(
                [
                    ValidationError(
                        _("%(name)s: the photo is larger than 20 MB.") % {"name": name},
                        code="too_large",
                    )
                    for name in too_large
                ]
            )
        return [super(MultipleImageField, self).clean(each, initial) for each in files]


class PhotoUploadForm(forms.Form):
    # The form's metaclass moves declared fields into `base_fields`, so this does not hide
    # BaseForm.files (the uploads); the stubs see a class attribute of another type.
    files = MultipleImageField(  # type: ignore[assignment]
        label=_("Photos"),
        help_text=_("JPEG, PNG, WebP or GIF; at most 20 MB and 60 million pixels each."),
    )
    alt = forms.CharField(
        label=_("Alt text"),
        max_length=ALT_MAX,
        required=False,
        help_text=_("For every photo of this upload; each can get its own afterwards."),
    )
    caption = forms.CharField(label=_("Caption"), max_length=CAPTION_MAX, required=False)
    credit = forms.CharField(label=_("Credit"), max_length=CREDIT_MAX, required=False)


class PhotoEditForm(forms.Form):
    # Not `required` here: the service says why alt text is needed, in its own words.
    alt = forms.CharField(label=_("Alt text"), required=False, help_text=ALT_HELP)
    caption = forms.CharField(
        label=_("Caption"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    credit = forms.CharField(label=_("Credit"), required=False)
    focal_x = forms.FloatField(
        label=_("Focal point, across (0 left – 1 right)"),
        min_value=0,
        max_value=1,
        widget=forms.NumberInput(attrs={"step": "0.001"}),
    )
    focal_y = forms.FloatField(
        label=_("Focal point, down (0 top – 1 bottom)"),
        min_value=0,
        max_value=1,
        widget=forms.NumberInput(attrs={"step": "0.001"}),
    )


class ArticlePhotoForm(forms.Form):
    """The photo chosen for an article; empty takes it off."""

    photo = forms.IntegerField(required=False, min_value=1)


class PhotoPickForm(forms.Form):
    """The body editor's photo picker asking for a page of the library (its query string)."""

    q = forms.CharField(required=False, max_length=ALT_MAX)
    page = forms.IntegerField(required=False, min_value=1)
