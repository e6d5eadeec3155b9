from django.urls import path, register_converter

from khabar.web import comment_views, converters, previews, search, submit_views, views

register_converter(converters.AnyDigitsConverter, "code")
register_converter(converters.DatePartConverter, "datepart")
register_converter(converters.EditionConverter, "edition")

app_name = "web"
urlpatterns = [
    path("", views.site_root, name="root"),
    path("healthz", views.healthz, name="healthz"),
    # Before the editions': a token is no news code, but "preview" fits an edition's code.
    path("preview/<str:token>", previews.preview_link, name="preview_link"),
    path("<edition:edition>/", views.edition_home, name="home"),
    # Before the article's own URL, whose slug part would take "print", "amp" and "preview".
    path("<edition:edition>/news/<code:code>/print", views.article_print, name="article_print"),
    path(
        "<edition:edition>/news/<code:code>/preview",
        previews.article_preview,
        name="article_preview",
    ),
    path("<edition:edition>/news/<code:code>/amp", views.article_redirect),
    path(
        "<edition:edition>/news/<code:code>/comment",
        comment_views.article_comment,
        name="article_comment",
    ),
    path(
        "<edition:edition>/news/<code:code>/comment/received",
        comment_views.article_comment_received,
        name="article_comment_received",
    ),
    path("<edition:edition>/news/<code:code>", views.article_detail, name="article"),
    path("<edition:edition>/news/<code:code>/", views.article_redirect),
    path("<edition:edition>/news/<code:code>/<str:slug>", views.article_detail, name="article"),
    path("<edition:edition>/news/<code:code>/<str:slug>/amp", views.article_redirect),
    path("<edition:edition>/<code:code>", views.article_redirect, name="short_link"),
    # The old site's AMP pages, which no one needs any more.
    path("<edition:edition>/amp/<code:code>", views.article_redirect),
    path("<edition:edition>/amp/<code:code>/<str:slug>", views.article_redirect),
    path("<edition:edition>/amp/news/<code:code>", views.article_redirect),
    path("<edition:edition>/amp/news/<code:code>/<str:slug>", views.article_redirect),
    path("<edition:edition>/section/<str:slug>/", views.section_detail, name="section"),
    # `path`: keywords are what editors type, slashes included (`9/11`); see khabar.core.links.
    path("<edition:edition>/tag/<path:slug>/", views.keyword_detail, name="keyword"),
    path("<edition:edition>/search", search.search, name="search"),
    path("<edition:edition>/submit", submit_views.submit, name="submit"),
    path("<edition:edition>/corrections/", views.corrections_list, name="corrections"),
    path("<edition:edition>/archive/", views.archive_index, name="archive_index"),
    path(
        "<edition:edition>/archive/<datepart:year>/<datepart:month>/<datepart:day>/",
        views.archive_day,
        name="archive_day",
    ),
]
