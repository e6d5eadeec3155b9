"""The API under /api/: version 1, and a JSON 404 for any other path below it."""

from django.urls import path, re_path

from khabar.api import errors
from khabar.api.views import api

urlpatterns = [
    path("v1/", api.urls),
    re_path(r"^.*$", errors.not_found),
]
