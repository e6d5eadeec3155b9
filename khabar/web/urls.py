from django.urls import path, register_converter

from khabar.web import converters, views

register_converter(converters.AnyDigitsConverter, "code")
register_converter(converters.EditionConverter, "edition")

app_name = "web"
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("<edition:edition>/", views.edition_home, name="home"),
    path("<edition:edition>/news/<code:code>", views.article_detail, name="article"),
    path("<edition:edition>/news/<code:code>/", views.article_redirect),
    path("<edition:edition>/news/<code:code>/<str:slug>", views.article_detail, name="article"),
    path("<edition:edition>/<code:code>", views.article_redirect, name="short_link"),
    path("<edition:edition>/tag/<str:slug>/", views.keyword_detail, name="keyword"),
]
