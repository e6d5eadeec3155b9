from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("newsroom/admin/", admin.site.urls),
    path("", include("khabar.syndication.urls")),
    path("", include("khabar.web.urls")),
]

handler404 = "khabar.web.views.page_not_found"
