"""The project's URLs plus a stand-in submission form, as the submissions app will name it."""

from django.http import HttpResponse
from django.urls import include, path

from config.urls import urlpatterns as project_urlpatterns

submissions = (
    [path("<slug:edition>/submit", lambda request, edition: HttpResponse(), name="submit")],
    "submissions",
)

urlpatterns = [path("", include(submissions)), *project_urlpatterns]
