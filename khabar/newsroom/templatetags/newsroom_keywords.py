"""The editor's keyword suggestions, from the text in the form (as typed, when a save was
refused) or else the article's; names of other published articles found by the search
index (a layer above the articles, hence composed here)."""

from __future__ import annotations

from typing import Any

from django import template

from khabar.articles.suggestions import Suggestion, keyword_suggestions
from khabar.newsroom.forms import keywords_split
from khabar.search.selectors import archive_name_counts

register = template.Library()


@register.simple_tag
def keyword_suggestions_for(form: Any, article: Any) -> list[Suggestion]:
    def value(name: str) -> str:
        return str(form[name].value() or "")

    def archive(keys: list[str]) -> dict[str, int]:
        return archive_name_counts(edition=article.edition, keys=keys, article_id=article.pk)

    return keyword_suggestions(
        edition=article.edition,
        headline=value("headline"),
        lead=value("lead"),
        body=value("body"),
        exclude=keywords_split(value("keywords")),
        archive=archive,
    )
