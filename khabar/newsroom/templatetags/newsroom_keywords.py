"""The editor's keyword suggestions, from the text in the form (as typed, when a save was
refused) or else the article's."""

from __future__ import annotations

from typing import Any

from django import template

from khabar.articles.suggestions import Suggestion, keyword_suggestions
from khabar.newsroom.forms import keywords_split

register = template.Library()


@register.simple_tag
def keyword_suggestions_for(form: Any, article: Any) -> list[Suggestion]:
    def value(name: str) -> str:
        return str(form[name].value() or "")

    return keyword_suggestions(
        edition=article.edition,
        headline=value("headline"),
        lead=value("lead"),
        body=value("body"),
        exclude=keywords_split(value("keywords")),
    )
