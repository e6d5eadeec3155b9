"""Feeds, sitemaps and robots.txt. Included at the root, before the web app's pages."""

from django.urls import path

from khabar.syndication import feeds, views

app_name = "syndication"
urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", views.sitemap_index, name="sitemap_index"),
    path("sitemap-<str:section>.xml", views.sitemap_section, name="sitemap_section"),
    # `slug` rather than web's edition converter: converters are global and web owns that one.
    path("<slug:edition>/rss.xml", feeds.EditionFeed(), name="edition_rss"),
    path("<slug:edition>/atom.xml", feeds.EditionAtomFeed(), name="edition_atom"),
    path("<slug:edition>/section/<str:slug>/rss.xml", feeds.SectionFeed(), name="section_rss"),
    path(
        "<slug:edition>/section/<str:slug>/atom.xml",
        feeds.SectionAtomFeed(),
        name="section_atom",
    ),
    path("<slug:edition>/tag/<path:slug>/rss.xml", feeds.KeywordFeed(), name="keyword_rss"),
    path("<slug:edition>/tag/<path:slug>/atom.xml", feeds.KeywordAtomFeed(), name="keyword_atom"),
]
