from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("newsroom/admin/", admin.site.urls),
    path("newsroom/", include("khabar.newsroom.urls")),
    path("api/", include("khabar.api.urls")),
    path("", include("khabar.syndication.urls")),
    path("", include("khabar.web.urls")),
]

handler400 = "khabar.web.errors.bad_request"
handler403 = "khabar.web.errors.permission_denied"
handler404 = "khabar.web.errors.page_not_found"
handler500 = "khabar.web.errors.server_error"
